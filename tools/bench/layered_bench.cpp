#include "layered_bench.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <time.h>

#include "analysis.h"
#include "expectations.h"
#include "generate.h"
#include "loader.h"
#include "rubric.h"
#include "validate.h"

namespace bench {

namespace {

// Processor time of this process, not wall time: the machines this runs on are shared, and a
// neighbour's load would otherwise show up as a phase growing faster than it does.
struct Clock {
    using time_point = double;
    static double now() {
        timespec t{};
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
        return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
    }
};

double ms_since(double t0) { return Clock::now() - t0; }

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

bool write_file(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
    return static_cast<bool>(out);
}

}  // namespace

int write_layered_story(int nodes, const std::string& path) {
    if (!write_file(path, layered_story(nodes, 1))) {
        std::printf("cannot write %s\n", path.c_str());
        return 1;
    }
    std::printf("wrote a layered story of %d nodes to %s\n", nodes, path.c_str());
    return 0;
}

int time_layered_stories(const std::vector<int>& sizes) {
    const ta::scoring::Rubric& rubric = ta::scoring::default_rubric();
    ta::LoadOptions read_only;
    read_only.known_tags = rubric.tag_names();
    read_only.validate = false;
    ta::LoadOptions with_checks = read_only;
    with_checks.validate = true;
    int failures = 0;
    std::printf("Layered stories: processor time of each phase, in all and per node (median of 3 runs; 1 at 100,000 "
                "nodes)\n");
    std::printf("  %8s %8s %8s | %10s %10s %10s %10s | %8s %8s %8s\n", "nodes", "MB", "states", "load ms",
                "checks ms", "analyse ms", "lint ms", "load us", "checks us", "anal. us");
    for (int size : sizes) {
        const std::string path =
            (std::filesystem::temp_directory_path() / ("turnaround-layered-" + std::to_string(size) + ".yaml")).string();
        const std::string text = layered_story(size, 1);
        if (!write_file(path, text)) {
            std::printf("cannot write %s\n", path.c_str());
            return failures + 1;
        }
        const int runs = size >= 100000 ? 1 : 3;
        std::vector<double> load, checks, analyse, lint;
        std::size_t nodes = 0, states = 0;
        for (int run = 0; run < runs; ++run) {
            // Loading alone: read the file, parse the YAML, build the model.
            auto t0 = Clock::now();
            ta::LoadResult r = ta::load_scenario_file(path, read_only);
            load.push_back(ms_since(t0));
            if (!r.scenario) {
                ++failures;
                break;
            }
            // The lint checks: the whole-scenario checks, then the expectations lint plays.
            t0 = Clock::now();
            std::vector<ta::Diagnostic> diags;
            ta::validate_scenario(*r.scenario, path, nullptr, diags);
            auto more = ta::scoring::expectation_diagnostics(*r.scenario, path, rubric);
            checks.push_back(ms_since(t0));
            diags.insert(diags.end(), more.begin(), more.end());
            // The state graph and the analysis.
            t0 = Clock::now();
            const ta::scoring::Analysis a = ta::scoring::analyze(*r.scenario, rubric);
            analyse.push_back(ms_since(t0));
            // What `lint` does: loading with the checks (field positions and all), then the expectations.
            t0 = Clock::now();
            ta::LoadResult full = ta::load_scenario_file(path, with_checks);
            if (full.scenario) ta::scoring::expectation_diagnostics(*full.scenario, path, rubric);
            lint.push_back(ms_since(t0));
            if (run == 0 && (!diags.empty() || !full.diagnostics.empty() || !a.ok || a.enforced_failed())) {
                ++failures;
                std::printf("  the %d-node story does not lint clean and analyse:\n", size);
                for (const auto& d : diags) std::printf("    %s\n", ta::format_diagnostic(d).c_str());
                for (const auto& d : full.diagnostics) std::printf("    %s\n", ta::format_diagnostic(d).c_str());
            }
            nodes = r.scenario->nodes.size();
            states = a.states;
        }
        std::filesystem::remove(path);
        if (load.size() != checks.size() || load.empty()) continue;
        const double n = static_cast<double>(nodes);
        std::printf("  %8zu %8.1f %8zu | %10.1f %10.1f %10.1f %10.1f | %8.2f %8.2f %8.2f\n", nodes,
                    text.size() / 1e6, states, median(load), median(checks), median(analyse), median(lint),
                    median(load) * 1000 / n, median(checks) * 1000 / n, median(analyse) * 1000 / n);
    }
    return failures;
}

}  // namespace bench
