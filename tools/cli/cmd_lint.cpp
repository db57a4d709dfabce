// turnaround-cli lint: checks scenario files and reports every problem, GCC style or as JSON.
#include <iostream>

#include "cli_common.h"
#include "command.h"
#include "expectations.h"
#include "json_escape.h"

namespace ta::cli {
namespace {

const char* kUsage =
    "Usage: turnaround-cli lint [--format text|json] [--strict] PATH...\n"
    "\n"
    "Checks scenario files (a folder is searched recursively for *.yaml and *.yml) and reports\n"
    "every problem as  file:line:column: error: message  (or warning).\n"
    "A scenario that loads cleanly has its expectations ('expect:') played and graded: one that\n"
    "does not hold is an error at its line; a model path, red line, lost ending, escalation or\n"
    "parting that no expectation covers is a warning.\n"
    "In a draft ('draft: true', as import-twine writes), what only the trainer can write (feedback,\n"
    "model replies, a second reply, a recovered ending, expectations) is listed as 'to do', not as a\n"
    "warning; --strict does not fail on it.\n"
    "\n"
    "Options:\n"
    "  --format text|json  how to print problems (default text)\n"
    "  --strict            treat warnings as errors (to-dos in a draft are not warnings)\n"
    "\n"
    "Exit status: 0 no errors, 1 errors found (or warnings with --strict),\n"
    "             2 bad arguments or a file that cannot be read.\n";

void print_json(const std::vector<std::pair<std::string, LoadResult>>& results, int errors, int warnings, int todos) {
    std::cout << "{\"files\":[";
    bool first_file = true;
    for (const auto& [path, r] : results) {
        std::cout << (first_file ? "" : ",") << "\n  {\"path\":" << json_quote(path)
                  << ",\"ok\":" << (r.ok() ? "true" : "false") << ",\"errors\":" << count_errors(r.diagnostics)
                  << ",\"warnings\":" << count_warnings(r.diagnostics) << ",\"todos\":" << count_todos(r.diagnostics)
                  << ",\"draft\":" << (r.scenario && r.scenario->draft ? "true" : "false") << ",\"diagnostics\":[";
        first_file = false;
        bool first = true;
        for (const auto& d : r.diagnostics) {
            std::cout << (first ? "" : ",") << "\n    {\"file\":" << json_quote(d.file) << ",\"line\":" << d.line
                      << ",\"column\":" << d.column << ",\"severity\":\""
                      << (d.severity == Diagnostic::Severity::Todo ? "todo" : severity_word(d.severity))
                      << "\",\"code\":" << json_quote(d.code) << ",\"message\":" << json_quote(d.message) << "}";
            first = false;
        }
        std::cout << "]}";
    }
    std::cout << "\n],\"errors\":" << errors << ",\"warnings\":" << warnings << ",\"todos\":" << todos << "}\n";
}

int run_lint(const std::vector<std::string>& args) {
    bool json = false, strict = false;
    std::vector<std::string> paths;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--strict") {
            strict = true;
        } else if (a == "--format" || a.rfind("--format=", 0) == 0) {
            std::string value = a == "--format" ? (i + 1 < args.size() ? args[++i] : "") : a.substr(9);
            if (value != "json" && value != "text") {
                std::cerr << "lint: --format takes 'text' or 'json'\n";
                return kExitUsage;
            }
            json = value == "json";
        } else if (a == "--json") {
            json = true;
        } else if (a.size() > 1 && a[0] == '-') {
            std::cerr << "lint: unknown option '" << a << "' (see turnaround-cli lint --help)\n";
            return kExitUsage;
        } else {
            paths.push_back(a);
        }
    }
    if (paths.empty()) {
        std::cerr << "lint: name at least one scenario file or folder\n" << kUsage;
        return kExitUsage;
    }

    std::vector<std::string> missing;
    const auto files = find_scenario_files(paths, missing);
    bool unreadable = !missing.empty();
    for (const auto& m : missing) std::cerr << m << ": error: no such file or folder\n";

    if (files.empty() && missing.empty()) {
        std::cerr << "lint: no *.yaml or *.yml files found in the folders given\n";
        return kExitUsage;
    }

    std::vector<std::pair<std::string, LoadResult>> results;
    int errors = 0, warnings = 0, todos = 0, drafts = 0;
    for (const auto& f : files) {
        LoadResult r = load(f);
        if (r.ok() && r.scenario) {
            auto more = scoring::expectation_diagnostics(*r.scenario, f);
            r.diagnostics.insert(r.diagnostics.end(), more.begin(), more.end());
        }
        errors += count_errors(r.diagnostics);
        warnings += count_warnings(r.diagnostics);
        todos += count_todos(r.diagnostics);
        if (r.scenario && r.scenario->draft) ++drafts;
        for (const auto& d : r.diagnostics) unreadable |= is_unreadable(d);
        if (!json) print_diagnostics(std::cout, r.diagnostics);
        results.emplace_back(f, std::move(r));
    }
    if (json) {
        print_json(results, errors, warnings, todos);
    } else {
        std::cerr << "lint: " << files.size() << (files.size() == 1 ? " file, " : " files, ") << errors
                  << (errors == 1 ? " error, " : " errors, ") << warnings << (warnings == 1 ? " warning" : " warnings");
        if (todos > 0) std::cerr << ", " << todos << (todos == 1 ? " to-do" : " to-dos");
        std::cerr << "\n";
        if (drafts > 0)
            std::cerr << "lint: " << drafts << (drafts == 1 ? " file is a draft" : " files are drafts")
                      << " ('draft: true'): write what the to-dos ask, then remove 'draft: true'. Until then attempts"
                         " on it are not kept and 'audit' refuses it in a library.\n";
    }
    if (unreadable) return kExitUsage;
    if (errors > 0 || (strict && warnings > 0)) return kExitFailed;
    return kExitOk;
}

const Registration reg{{"lint", "check scenario files and report every problem with file:line:column", kUsage, run_lint}};

}  // namespace
}  // namespace ta::cli
