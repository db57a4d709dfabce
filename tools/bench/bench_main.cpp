// turnaround-bench: how fast scenarios load, lint and analyse.
//
// Builds (1) one generated scenario with more than 10^12 distinct playthroughs, (2) a library of
// 1,000 generated scenarios shaped like the bundled ones and (3) 1,000 dense ones, as YAML text
// (generate.h), then times loading them with load_scenario_text (which validates, i.e. lints),
// linting alone, and the exact analysis (the big scenario five times: median and first run).
// Targets: the big scenario analysed in < 50 ms; the
// library loaded + linted + analysed in < 2 s on one core. Prints figures; it is a program, not a
// timed test. With --layered it times instead each phase per node on layered stories of 1,000,
// 10,000 and 100,000 nodes (layered_bench.h).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <algorithm>
#include <string>
#include <vector>

#include "../process_tuning.h"
#include "analysis.h"
#include "debrief.h"
#include "session.h"
#include "generate.h"
#include "layered_bench.h"
#include "loader.h"
#include "rubric.h"
#include "validate.h"

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

struct LibraryFigures {
    double load_ms = 0, lint_ms = 0, analyse_ms = 0;
    std::size_t bytes = 0, nodes = 0, states = 0, max_states = 0, invalid = 0, analysed = 0, histograms = 0;
    double total_ms() const { return load_ms + analyse_ms; }  // loading includes linting
};

// Loads (which lints), lints again on its own for the figure, and analyses each text.
LibraryFigures time_library(const std::vector<std::string>& texts, const ta::LoadOptions& options) {
    const ta::scoring::Rubric& rubric = ta::scoring::default_rubric();
    LibraryFigures f;
    for (std::size_t i = 0; i < texts.size(); ++i) {
        f.bytes += texts[i].size();
        auto t1 = Clock::now();
        ta::LoadResult r = ta::load_scenario_text(texts[i], "gen-" + std::to_string(i + 1) + ".yaml", options);
        f.load_ms += ms_since(t1);
        if (!r.ok()) {
            if (f.invalid++ == 0)
                for (const auto& d : r.diagnostics) std::printf("  %s\n", ta::format_diagnostic(d).c_str());
            continue;
        }
        t1 = Clock::now();
        std::vector<ta::Diagnostic> diags;
        ta::validate_scenario(*r.scenario, "gen.yaml", nullptr, diags);
        f.lint_ms += ms_since(t1);
        t1 = Clock::now();
        ta::scoring::Analysis an = ta::scoring::analyze(*r.scenario, rubric);
        f.analyse_ms += ms_since(t1);
        f.nodes += r.scenario->nodes.size();
        f.states += an.states;
        f.max_states = std::max(f.max_states, an.states);
        f.analysed += an.ok;
        f.histograms += an.histogram_computed;
    }
    return f;
}

void print_library(const char* name, const LibraryFigures& f, std::size_t count, bool has_target) {
    std::printf("%s: %zu scenarios, %.1f kB of YAML each, %.1f nodes and %.0f states each (largest %zu)\n", name,
                count, f.bytes / 1000.0 / count, static_cast<double>(f.nodes) / count,
                static_cast<double>(f.states) / count, f.max_states);
    std::printf("  %zu failed to load, %zu analysed, %zu with an exact score histogram\n", f.invalid, f.analysed,
                f.histograms);
    std::printf("  load+lint %.1f ms, lint alone %.1f ms, analyse %.1f ms; load+lint+analyse %.1f ms", f.load_ms,
                f.lint_ms, f.analyse_ms, f.total_ms());
    if (has_target) std::printf(" (target < 2000 ms)%s", f.total_ms() < 2000 ? "" : "  ** over target **");
    std::printf("\n");
}

}  // namespace

// With --write-library DIR, only writes the 1,000 library scenarios to DIR as files, so whole
// commands can be timed on them (e.g. turnaround-cli analyze DIR/*.yaml).
int write_library(const std::string& dir) {
    std::filesystem::create_directories(dir);
    for (unsigned i = 0; i < 1000; ++i) {
        std::ofstream out(std::filesystem::path(dir) / ("everyday-" + std::to_string(i + 1) + ".yaml"));
        out << bench::everyday_scenario(i + 1);
        if (!out) {
            std::printf("cannot write to %s\n", dir.c_str());
            return 1;
        }
    }
    std::printf("wrote 1000 scenarios to %s\n", dir.c_str());
    return 0;
}

// With --write-big FILE, only writes the big scenario to FILE (e.g. to time turnaround-cli analyze).
int write_big(const std::string& path) {
    std::ofstream out(path);
    out << bench::big_scenario(26);
    if (!out) {
        std::printf("cannot write %s\n", path.c_str());
        return 1;
    }
    std::printf("wrote the big scenario to %s\n", path.c_str());
    return 0;
}

// With --write-long-story NODES FILE, only writes long_story(NODES) to FILE (e.g. to time
// turnaround-cli play --batch on a long story).
int write_long_story(const std::string& nodes, const std::string& path) {
    const int n = std::atoi(nodes.c_str());
    if (n < 1) {
        std::printf("the node count must be a whole number from 1 (not '%s')\n", nodes.c_str());
        return 2;
    }
    std::ofstream out(path);
    out << bench::long_story(n);
    if (!out) {
        std::printf("cannot write %s\n", path.c_str());
        return 1;
    }
    std::printf("wrote a %s-node story to %s\n", nodes.c_str(), path.c_str());
    return 0;
}

int main(int argc, char** argv) {
    ta::tools::keep_freed_memory_for_reuse();  // as turnaround-cli does, so the figures are its own
    if (argc == 3 && std::string(argv[1]) == "--write-library") return write_library(argv[2]);
    if (argc == 3 && std::string(argv[1]) == "--write-big") return write_big(argv[2]);
    if (argc >= 2 && std::string(argv[1]) == "--layered") {
        std::vector<int> sizes;
        for (int i = 2; i < argc; ++i) sizes.push_back(std::atoi(argv[i]));
        if (sizes.empty()) sizes = {1000, 10000, 100000};
        return bench::time_layered_stories(sizes) ? 1 : 0;
    }
    if (argc == 4 && std::string(argv[1]) == "--write-long-story") return write_long_story(argv[2], argv[3]);
    if (argc == 4 && std::string(argv[1]) == "--write-layered")
        return bench::write_layered_story(std::atoi(argv[2]), argv[3]);
    if (argc != 1) {
        std::printf("usage: turnaround-bench [--layered [NODES...] | --write-library DIR | --write-big FILE | "
                    "--write-long-story NODES FILE | --write-layered NODES FILE]\n");
        return 2;
    }
    ta::LoadOptions options;
    options.known_tags = ta::scoring::default_rubric().tag_names();
    const ta::scoring::Rubric& rubric = ta::scoring::default_rubric();
    int failures = 0;

    // 1. One scenario with more than 10^12 playthroughs.
    std::string big = bench::big_scenario(26);
    auto t0 = Clock::now();
    ta::LoadResult loaded = ta::load_scenario_text(big, "big-generated.yaml", options);
    double load_ms = ms_since(t0);
    if (!loaded.ok()) {
        std::printf("big scenario did not load:\n");
        for (const auto& d : loaded.diagnostics) std::printf("  %s\n", ta::format_diagnostic(d).c_str());
        return 1;
    }
    t0 = Clock::now();
    std::vector<ta::Diagnostic> lint;
    ta::validate_scenario(*loaded.scenario, "big-generated.yaml", nullptr, lint);
    double lint_ms = ms_since(t0);
    // Analysed several times: the first run also pays for the process's first touch of the memory
    // it uses (page faults, slow on some virtual machines); the median is the steady cost.
    ta::scoring::Analysis a;
    std::vector<double> runs;
    for (int run = 0; run < 5; ++run) {
        t0 = Clock::now();
        a = ta::scoring::analyze(*loaded.scenario, rubric);
        runs.push_back(ms_since(t0));
    }
    const double first_ms = runs.front();
    std::sort(runs.begin(), runs.end());
    const double analyse_ms = runs[runs.size() / 2];
    std::printf("Big scenario: %zu nodes, %s playthroughs (10^%.2f), %zu states, %zu moves\n",
                loaded.scenario->nodes.size(), a.playthroughs.to_string().c_str(), a.playthroughs.log10(), a.states,
                a.edges);
    std::printf("  load+lint %.2f ms, lint alone %.2f ms, analyse %.2f ms median of %zu (target < 50 ms)%s; "
                "first run %.2f ms\n",
                load_ms, lint_ms, analyse_ms, runs.size(), analyse_ms < 50 ? "" : "  ** over target **", first_ms);
    std::printf("  score histogram: %s\n", a.histogram_computed ? "exact" : "not computed (too many distinct scores)");
    if (a.playthroughs.log10() < 12) ++failures;

    // 2. Grading one playthrough, with its better answer at every turn, costs about one analysis of
    // the scenario: linear in its size (it used to grow with the square of the node count).
    // The stories are built in code: 9,621 nodes are more values than the loader reads from one file.
    for (int nodes : {938, 9621}) {
        const ta::Scenario sc = bench::long_story_model(nodes);
        ta::Session run = ta::Session::replay(sc, std::vector<int>(static_cast<std::size_t>(nodes), 0));
        std::vector<double> grade_runs, analyse_runs;
        ta::scoring::Debrief d;
        for (int k = 0; k < 3; ++k) {
            t0 = Clock::now();
            d = ta::scoring::grade(sc, run, rubric);
            grade_runs.push_back(ms_since(t0));
            t0 = Clock::now();
            ta::scoring::analyze(sc, rubric);
            analyse_runs.push_back(ms_since(t0));
        }
        std::sort(grade_runs.begin(), grade_runs.end());
        std::sort(analyse_runs.begin(), analyse_runs.end());
        std::printf("Grading a %zu-node story (%zu turns): debrief %.1f ms, analysis %.1f ms, medians of 3\n",
                    sc.nodes.size(), d.turns.size(), grade_runs[1], analyse_runs[1]);
        if (!d.completed) ++failures;
    }

    // 3. A library of 1,000 scenarios shaped like the bundled ones: the target.
    std::vector<std::string> texts;
    for (unsigned i = 0; i < 1000; ++i) texts.push_back(bench::everyday_scenario(i + 1));
    LibraryFigures everyday = time_library(texts, options);
    print_library("Library", everyday, texts.size(), true);
    if (everyday.invalid > 0) ++failures;

    // 4. The same number of dense scenarios, ten times the states of any bundled one: how the
    // analysis copes with harder graphs. No target.
    texts.clear();
    for (unsigned i = 0; i < 1000; ++i) texts.push_back(bench::dense_scenario(i + 1));
    LibraryFigures dense = time_library(texts, options);
    print_library("Dense library", dense, texts.size(), false);
    if (dense.invalid > 0) ++failures;
    return failures ? 1 : 0;
}
