// turnaround-cli analyze: exact playthrough counts, score range and soundness checks for trainers.
#include <fstream>
#include <iostream>
#include <sstream>

#include "analysis.h"
#include "cli_common.h"
#include "command.h"

namespace ta::cli {
namespace {

const char* kUsage =
    "Usage: turnaround-cli analyze [--json] [--rubric FILE] SCENARIO...\n"
    "\n"
    "Analyses a scenario exactly (without enumerating paths): the number of distinct\n"
    "playthroughs, the lowest and highest overall score and their distribution, the best and\n"
    "worst playthrough, the best raw points per competency, and soundness checks:\n"
    "  passable                   some playthrough reaches the pass mark (always enforced)\n"
    "  no-pass-without-apology    no playthrough passes without an apology\n"
    "  no-pass-without-listening  no playthrough passes without a question or other listening\n"
    "  no-pass-without-follow-up  no playthrough passes without follow-up\n"
    "  no-dead-choices            every choice is offered, lies on some passing playthrough and\n"
    "                             is not dominated in every competency by another choice\n"
    "  no-traps                   no trainee can get stuck, and every recovered ending can be\n"
    "                             reached with a pass (unless marked can_pass: false)\n"
    "  no-loops                   no loop a trainee can go round\n"
    "  no-length-cue              the model reply is not the longest offered in most decisions\n"
    "  model-path-clean           the model path passes and no rule that costs points fires on it\n"
    "  promise-kept-reachable     every playthrough that promises a follow-up can keep it\n"
    "A scenario opts into checks with  scoring: {checks: [...]}. The text output marks each\n"
    "check [ok], [FAIL] (an enforced check failed) or [warn] (failed, but not opted into:\n"
    "advice only, the result stays ok), or [todo] instead of [warn] in a draft ('draft: true').\n"
    "[--] marks a check that does not apply unless listed:\n"
    "no-dead-choices (in a training scenario the wrong replies lie on no passing playthrough by\n"
    "design), and no-pass-without-follow-up where no reply weighs on follow-up.\n"
    "\n"
    "Options:\n"
    "  --json         print JSON (an array when several scenarios are given)\n"
    "  --rubric FILE  grade with this rubric instead of the built-in one\n"
    "\n"
    "Exit status: 0 all enforced checks pass, 1 a check failed or a scenario has errors,\n"
    "             2 bad arguments or unreadable files.\n";

int run_analyze(const std::vector<std::string>& args) {
    bool json = false;
    std::string rubric_path;
    std::vector<std::string> files;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--json") json = true;
        else if (args[i] == "--rubric" && i + 1 < args.size()) rubric_path = args[++i];
        else if (!args[i].empty() && args[i][0] == '-') {
            std::cerr << "analyze: unknown option '" << args[i] << "' (see turnaround-cli analyze --help)\n";
            return kExitUsage;
        } else files.push_back(args[i]);
    }
    if (files.empty()) {
        std::cerr << "analyze: name a scenario file\n" << kUsage;
        return kExitUsage;
    }
    scoring::Rubric custom;
    const scoring::Rubric* rubric = &scoring::default_rubric();
    if (!rubric_path.empty()) {
        std::ifstream in(rubric_path, std::ios::binary);
        if (!in) {
            std::cerr << rubric_path << ": error: cannot read the rubric\n";
            return kExitUsage;
        }
        std::stringstream text;
        text << in.rdbuf();
        std::vector<Diagnostic> diags;
        custom = scoring::load_rubric_text(text.str(), rubric_path, diags);
        if (count_errors(diags) > 0) {
            print_diagnostics(std::cerr, diags);
            return kExitFailed;
        }
        rubric = &custom;
    }

    int status = kExitOk;
    std::vector<std::string> outputs;
    for (const auto& path : files) {
        LoadResult r = load(path);
        if (!r.ok()) {
            print_diagnostics(std::cerr, r.diagnostics);
            bool unreadable = false;
            for (const auto& d : r.diagnostics) unreadable = unreadable || is_unreadable(d);
            status = std::max(status, unreadable ? kExitUsage : kExitFailed);
            continue;
        }
        scoring::Analysis a = scoring::analyze(*r.scenario, *rubric);
        if (a.enforced_failed()) status = std::max(status, kExitFailed);
        outputs.push_back(json ? scoring::analysis_to_json(a) : scoring::analysis_to_text(a, *r.scenario));
    }
    if (json && files.size() > 1) {
        std::cout << "[";
        for (std::size_t i = 0; i < outputs.size(); ++i) {
            std::string o = outputs[i];
            if (!o.empty() && o.back() == '\n') o.pop_back();
            std::cout << (i ? ",\n" : "\n") << o;
        }
        std::cout << "\n]\n";
    } else {
        for (std::size_t i = 0; i < outputs.size(); ++i) std::cout << (i && !json ? "\n" : "") << outputs[i];
    }
    return status;
}

const Registration reg{{"analyze", "count playthroughs, score range and soundness checks of a scenario", kUsage,
                        run_analyze}};

}  // namespace
}  // namespace ta::cli
