// turnaround-cli import-twine: turns a Twine story (Twee 3) into a scenario and a to-do list.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli_common.h"
#include "command.h"
#include "twine_import.h"

namespace ta::cli {
namespace {

namespace fs = std::filesystem;

const char* kUsage =
    "Usage: turnaround-cli import-twine [-o OUT.yaml] [--force] FILE.twee\n"
    "\n"
    "Imports a Twine story in Twee 3 text (in Twine: Library > Archive, or Story > Details >\n"
    "Export as Twee). Passages become nodes, their text the customer's lines; links become the\n"
    "trainee's choices; passages without links become endings. Simple SugarCube setter links\n"
    "([[text|target][$flag to true]]) become flags. Special passages (StoryInit, scripts,\n"
    "stylesheets, ...) and unreachable passages are left out.\n"
    "\n"
    "The scenario loads as it is, but Twine knows nothing of behaviour tags, mood, feedback or the\n"
    "customer: a report lists each thing to do, with the YAML line it concerns (TODO comments in\n"
    "the file mark the unusual ones).\n"
    "\n"
    "Options:\n"
    "  -o, --output FILE  write the scenario to FILE (default: standard output); the report goes\n"
    "                     to standard error\n"
    "  --force            overwrite FILE if it exists\n"
    "\n"
    "Exit status: 0 imported, 1 nothing to import (or the result does not load),\n"
    "             2 bad arguments or a file that cannot be read or written.\n";

int run_import(const std::vector<std::string>& args) {
    std::string input, output;
    bool force = false;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "-o" || a == "--output") {
            if (i + 1 >= args.size()) {
                std::cerr << "import-twine: " << a << " needs a file name\n";
                return kExitUsage;
            }
            output = args[++i];
        } else if (a == "--force") {
            force = true;
        } else if (a.size() > 1 && a[0] == '-') {
            std::cerr << "import-twine: unknown option '" << a << "' (see turnaround-cli import-twine --help)\n";
            return kExitUsage;
        } else if (input.empty()) {
            input = a;
        } else {
            std::cerr << "import-twine: name one Twee file\n";
            return kExitUsage;
        }
    }
    if (input.empty()) {
        std::cerr << "import-twine: name a Twee file\n" << kUsage;
        return kExitUsage;
    }

    std::error_code ec;
    if (!fs::is_regular_file(input, ec)) {
        std::cerr << input << ": error: no such file\n";
        return kExitUsage;
    }
    TwineImportOptions options;
    options.source_name = fs::path(input).filename().string();
    if (fs::file_size(input, ec) > options.max_bytes) {
        std::cerr << input << ": error: larger than " << options.max_bytes << " bytes; not imported\n";
        return kExitUsage;
    }
    std::ifstream in(input, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    if (!in && !in.eof()) {
        std::cerr << input << ": error: cannot read the file\n";
        return kExitUsage;
    }

    const std::string yaml_name = output.empty() ? "<output>" : output;
    TwineImport result = import_twee(text.str(), options);
    if (!result.ok) {
        for (const auto& n : result.notes) std::cerr << format_import_note(n, input, input) << "\n";
        std::cerr << "import-twine: nothing imported\n";
        return kExitFailed;
    }

    // The result must load: check it the way `lint` would, before writing anything.
    LoadResult loaded = load_scenario_text(result.yaml, yaml_name, load_options());
    if (!loaded.ok()) {
        print_diagnostics(std::cerr, loaded.diagnostics);
        std::cerr << "import-twine: the imported scenario does not load; please report this with the Twee file\n";
        return kExitFailed;
    }

    if (output.empty() || output == "-") {
        std::cout << result.yaml;
    } else {
        if (!force && fs::exists(output, ec)) {
            std::cerr << "import-twine: " << output << " already exists; use --force to overwrite it\n";
            return kExitUsage;
        }
        std::ofstream out(output, std::ios::binary | std::ios::trunc);
        out << result.yaml;
        out.close();
        if (!out) {
            std::cerr << "import-twine: cannot write " << output << "\n";
            return kExitUsage;
        }
    }

    std::cerr << "Imported " << result.passages << " passages from " << input;
    if (!result.story_format.empty()) std::cerr << " (" << result.story_format << ")";
    std::cerr << ": " << result.nodes << " nodes, " << result.choices << " choices, " << result.endings << " endings.\n"
              << "To do (" << result.notes.size() << "):\n";
    for (const auto& n : result.notes) std::cerr << "  " << format_import_note(n, yaml_name, input) << "\n";
    std::cerr << "Then check it with:  turnaround-cli lint " << (output.empty() ? "FILE" : output)
              << "   and   turnaround-cli analyze " << (output.empty() ? "FILE" : output) << "\n";
    return kExitOk;
}

const Registration reg{{"import-twine", "import a Twine story (Twee 3) as a scenario, with a to-do report", kUsage,
                        run_import}};

}  // namespace
}  // namespace ta::cli
