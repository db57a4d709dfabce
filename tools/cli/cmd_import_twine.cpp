// turnaround-cli import-twine: turns a Twine story (Twee 3 or Twine 2 HTML) into a scenario and a to-do list.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli_common.h"
#include "command.h"
#include "scenario_template.h"
#include "twine_import.h"

namespace ta::cli {
namespace {

namespace fs = std::filesystem;

const char* kUsage =
    "Usage: turnaround-cli import-twine [-o OUT.yaml] [--force] [--story NAME] FILE\n"
    "\n"
    "Imports a Twine 2 story: a Twee 3 file (in Twine: Build > Export as Twee), a published story\n"
    "(Build > Publish to File) or a library archive (Library > Archive; it holds every story, so\n"
    "name the one to import with --story, or run without it to see which are there).\n"
    "Passages become nodes, their text the customer's lines; links become the trainee's choices;\n"
    "passages without links become endings; HTML links (<a data-passage=\"Target\">) count too.\n"
    "Simple SugarCube setter links\n"
    "([[text|target][$flag to true]]) become flags; a step of $mood set on a passage\n"
    "((set: $mood to it + 10) in Harlowe, <<set $mood += 10>> in SugarCube) becomes the mood of\n"
    "the replies that lead there, and $mood set in StoryInit the customer's starting mood.\n"
    "Narration (passages tagged narration, or moving on by (go-to:) / <<goto>>) becomes the note\n"
    "of the passage it leads to. Chapbook's vars section (mood: 40, mood: mood + 10), its\n"
    "{link to: 'Passage', label: 'Text'} inserts and [note] sections are understood too.\n"
    "Special passages (StoryInit, scripts, stylesheets, ...) and\n"
    "unreachable passages are left out.\n"
    "\n"
    "The scenario loads as it is, but Twine knows nothing of behaviour tags, feedback or the\n"
    "customer: a report lists each thing to do, with the YAML line it concerns (TODO comments in\n"
    "the file mark the unusual ones). It is written as a draft ('draft: true'): lint lists what\n"
    "only you can write as to-dos rather than warnings, and no trainee's attempt on it is kept\n"
    "until you remove that line.\n"
    "\n"
    "Options:\n"
    "  -o, --output FILE  write the scenario to FILE (default: standard output); the report goes\n"
    "                     to standard error\n"
    "  --force            overwrite FILE if it exists\n"
    "  --story NAME       in an archive of several stories, the one to import\n"
    "\n"
    "Exit status: 0 imported, 1 nothing to import (or the result does not load),\n"
    "             2 bad arguments or a file that cannot be read or written.\n";

int run_import(const std::vector<std::string>& args) {
    std::string input, output, story;
    bool force = false;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "-o" || a == "--output") {
            if (i + 1 >= args.size()) {
                std::cerr << "import-twine: " << a << " needs a file name\n";
                return kExitUsage;
            }
            output = args[++i];
        } else if (a == "--story") {
            if (i + 1 >= args.size()) {
                std::cerr << "import-twine: --story needs the name of a story\n";
                return kExitUsage;
            }
            story = args[++i];
        } else if (a == "--force") {
            force = true;
        } else if (a.size() > 1 && a[0] == '-') {
            std::cerr << "import-twine: unknown option '" << a << "' (see turnaround-cli import-twine --help)\n";
            return kExitUsage;
        } else if (input.empty()) {
            input = a;
        } else {
            std::cerr << "import-twine: name one Twine file\n";
            return kExitUsage;
        }
    }
    if (input.empty()) {
        std::cerr << "import-twine: name a Twine file (.twee or .html)\n" << kUsage;
        return kExitUsage;
    }

    std::error_code ec;
    if (!fs::is_regular_file(input, ec)) {
        std::cerr << input << ": error: no such file\n";
        return kExitUsage;
    }
    TwineImportOptions options;
    options.source_name = fs::path(input).filename().string();
    options.story = story;
    options.schema_ref = schema_ref_for_file(output);
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
        // Told at the story's lines: the YAML was never written, so its line numbers mean nothing.
        for (const auto& d : loaded.diagnostics)
            if (d.severity == Diagnostic::Severity::Error) std::cerr << format_import_problem(d, result, input) << "\n";
        std::cerr << "import-twine: the imported scenario does not load (nothing was written); please report this with "
                  << input << "\n";
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
              << "   and   turnaround-cli analyze " << (output.empty() ? "FILE" : output) << "\n"
              << "The scenario is marked 'draft: true': lint lists what is missing as to-dos, and no trainee's attempt\n"
                 "on it is kept. Remove that line once the to-dos are done.\n";
    return kExitOk;
}

const Registration reg{{"import-twine", "import a Twine story (Twee 3 or Twine 2 HTML) as a scenario, with a to-do report", kUsage,
                        run_import}};

}  // namespace
}  // namespace ta::cli
