// turnaround-cli audit: every playthrough of each scenario, graded one by one, as a table a
// trainer can read: what passes, whether a lost customer or a red line ever does, and whether
// pressing the first reply at every turn is enough.
#include <cstdio>
#include <iostream>

#include "cli_common.h"
#include "command.h"
#include "json_escape.h"
#include "library_audit.h"

namespace ta::cli {
namespace {

const char* kUsage =
    "Usage: turnaround-cli audit [--seeds N] [--json] [--passing] PATH...\n"
    "\n"
    "Plays every playthrough of each scenario (a folder is searched for *.yaml) with the runtime,\n"
    "grades each one and prints, per scenario and for all of them: playthroughs, how many pass,\n"
    "lost customers and red lines that pass (both must be 0), what pressing the first reply shown\n"
    "at every turn gives (in file order, and over N shuffled orders, seeds 1..N), and in how many\n"
    "decisions the model reply is the longest offered. A draft ('draft: true') is not ready for\n"
    "trainees, so a library that holds one fails the audit.\n"
    "\n"
    "Options:\n"
    "  --seeds N   shuffled attempts per scenario for the first-reply figure (default 100)\n"
    "  --json      one JSON object per scenario and a total\n"
    "  --passing   also list every passing playthrough: score, band, ending and reply ids, to read\n"
    "              each verdict as a trainer would\n"
    "\n"
    "Exit status: 0 when no lost customer and no red line passes anywhere and no file is a draft,\n"
    "             1 otherwise,\n"
    "             2 bad arguments or a file that does not load.\n";

// Sums the figures of `a` into `total` (the file-order first-reply verdict is counted apart).
void add(scoring::ScenarioAudit& total, const scoring::ScenarioAudit& a) {
    total.complete = total.complete && a.complete;
    total.playthroughs += a.playthroughs;
    total.passing += a.passing;
    total.lost_passing += a.lost_passing;
    total.red_line_passing += a.red_line_passing;
    total.lost += a.lost;
    total.red_line += a.red_line;
    total.seeds += a.seeds;
    total.first_reply_passes += a.first_reply_passes;
    total.decisions += a.decisions;
    total.longest_is_model += a.longest_is_model;
}

std::string json_of(const scoring::ScenarioAudit& a) {
    return "{\"scenario\":" + json_quote(a.scenario_id) + ",\"complete\":" + (a.complete ? "true" : "false") +
           ",\"playthroughs\":" + std::to_string(a.playthroughs) + ",\"passing\":" + std::to_string(a.passing) +
           ",\"lost\":" + std::to_string(a.lost) + ",\"lost_passing\":" + std::to_string(a.lost_passing) +
           ",\"red_line\":" + std::to_string(a.red_line) + ",\"red_line_passing\":" + std::to_string(a.red_line_passing) +
           ",\"first_reply_file_order_passes\":" + std::to_string(static_cast<int>(a.first_reply_file_order_passes)) +
           ",\"first_reply_seeds\":" + std::to_string(a.seeds) +
           ",\"first_reply_passes\":" + std::to_string(a.first_reply_passes) +
           ",\"decisions\":" + std::to_string(a.decisions) +
           ",\"longest_is_model\":" + std::to_string(a.longest_is_model) + "}";
}

void print_row(const scoring::ScenarioAudit& a, const std::string& file_order) {
    std::printf("%-34s %8zu %8zu %5zu/%-5zu %5zu/%-5zu %10s %8d/%-4d %5d/%-3d%s\n", a.scenario_id.c_str(), a.playthroughs,
                a.passing, a.lost_passing, a.lost, a.red_line_passing, a.red_line, file_order.c_str(),
                a.first_reply_passes, a.seeds, a.longest_is_model, a.decisions, a.complete ? "" : "  (not all played)");
}

int run_audit(const std::vector<std::string>& args) {
    int seeds = 100;
    bool json = false, passing = false;
    std::vector<std::string> paths;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--json") {
            json = true;
        } else if (args[i] == "--passing") {
            passing = true;
        } else if (args[i] == "--seeds" && i + 1 < args.size()) {
            try {
                seeds = std::stoi(args[++i]);
            } catch (const std::exception&) {
                seeds = -1;
            }
            if (seeds < 0 || seeds > 100000) {
                std::cerr << "audit: --seeds takes a whole number from 0 to 100000\n";
                return kExitUsage;
            }
        } else if (!args[i].empty() && args[i][0] == '-') {
            std::cerr << "audit: unknown option '" << args[i] << "' (see turnaround-cli audit --help)\n";
            return kExitUsage;
        } else {
            paths.push_back(args[i]);
        }
    }
    if (paths.empty()) {
        std::cerr << "audit: name at least one scenario file or folder\n" << kUsage;
        return kExitUsage;
    }
    std::vector<std::string> missing;
    const auto files = find_scenario_files(paths, missing);
    for (const auto& m : missing) std::cerr << m << ": error: no such file or folder\n";
    if (!missing.empty() || files.empty()) return kExitUsage;

    scoring::ScenarioAudit total;
    total.scenario_id = "all";
    int file_order_passes = 0;  // scenarios where pressing the first reply in file order passes
    std::vector<std::string> drafts;
    if (!json)
        std::printf("%-34s %8s %8s %11s %11s %10s %13s %9s\n", "scenario", "plays", "passing", "lost passed",
                    "red passed", "1st reply", "1st shuffled", "longest");
    for (const auto& f : files) {
        LoadResult r = load(f);
        if (!r.ok()) {
            print_diagnostics(std::cerr, r.diagnostics);
            return kExitUsage;
        }
        if (r.scenario->draft) drafts.push_back(f);
        scoring::ScenarioAudit a = scoring::audit_scenario(*r.scenario, seeds, 200000, scoring::default_rubric(), passing);
        add(total, a);
        file_order_passes += a.first_reply_file_order_passes;
        if (json) std::cout << json_of(a) << "\n";
        else print_row(a, a.first_reply_file_order_passes ? "passes" : "fails");
        if (!json)
            for (const auto& line : a.passing_list) std::printf("    %s\n", line.c_str());
    }
    total.first_reply_file_order_passes = file_order_passes > 0;
    if (json) std::cout << json_of(total) << "\n";
    else print_row(total, std::to_string(file_order_passes) + "/" + std::to_string(files.size()) + " pass");
    for (const auto& d : drafts)
        std::cerr << d << ": error: the scenario is a draft ('draft: true'); finish what 'turnaround-cli lint' lists as "
                     "to do and remove the line before trainees play it\n";
    return total.lost_passing == 0 && total.red_line_passing == 0 && drafts.empty() ? kExitOk : kExitFailed;
}

const Registration reg{{"audit", "grade every playthrough one by one: passes, lost customers and red lines that pass",
                        kUsage, run_audit}};

}  // namespace
}  // namespace ta::cli
