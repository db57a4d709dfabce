// turnaround-cli new: writes a new scenario from the template, ready to play and to edit.
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "command.h"
#include "scenario_template.h"
#include "utf8_check.h"
#include "utf8_text.h"

namespace ta::cli {
namespace {

namespace fs = std::filesystem;

const char* kUsage =
    "Usage: turnaround-cli new --title TITLE [--customer NAME] [--industry INDUSTRY] [-o FILE]\n"
    "\n"
    "Writes a new scenario from a template: a short, complete conversation (opening, listening,\n"
    "apology, a choice of remedies, follow-up, three endings) with your title, customer and\n"
    "industry. It lints clean and plays as it is; then replace the lines with your own.\n"
    "\n"
    "Options:\n"
    "  --title TITLE        the scenario's title; its id is made from it\n"
    "  --customer NAME      the customer's name (default Sam Taylor)\n"
    "  --industry INDUSTRY  e.g. Hospitality (default General)\n"
    "  -o, --output FILE    where to write (default ID.yaml in the current folder; - for\n"
    "                       standard output). An existing file is never overwritten.\n"
    "\n"
    "Exit status: 0 written, 2 bad arguments, the file exists or cannot be written.\n";

// The loader refuses text with control characters or bytes that are not UTF-8, so `new` refuses
// them too rather than write a file that does not load.
bool plain_text(const char* option, const std::string& value) {
    std::string why;
    if (!is_valid_utf8(value)) why = "is not valid UTF-8 text";
    else if (auto c = find_control_char(value)) why = "contains a control character, " + control_char_name(c->code);
    if (why.empty()) return true;
    std::cerr << "new: " << option << " " << why << "; give plain text\n";
    return false;
}

int run_new(const std::vector<std::string>& args) {
    ScaffoldInfo info;
    std::string output;
    bool have_title = false;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&](std::string& into) {
            if (i + 1 >= args.size()) return false;
            into = args[++i];
            return true;
        };
        bool ok = true;
        if (a == "--title") ok = have_title = value(info.title);
        else if (a == "--customer") ok = value(info.customer);
        else if (a == "--industry") ok = value(info.industry);
        else if (a == "-o" || a == "--output") ok = value(output);
        else {
            std::cerr << "new: unexpected argument '" << a << "' (see turnaround-cli new --help)\n";
            return kExitUsage;
        }
        if (!ok) {
            std::cerr << "new: " << a << " needs a value\n";
            return kExitUsage;
        }
    }
    if (!have_title || info.title.empty()) {
        std::cerr << "new: give the scenario a title with --title \"...\"\n" << kUsage;
        return kExitUsage;
    }
    if (!plain_text("--title", info.title) || !plain_text("--customer", info.customer) ||
        !plain_text("--industry", info.industry))
        return kExitUsage;
    if (output.empty()) output = slug_from_title(info.title) + ".yaml";
    info.schema_ref = schema_ref_for_file(output);
    const std::string text = scaffold_scenario(info);

    if (output == "-") {
        std::cout << text;
        return kExitOk;
    }
    // "x": create the file, failing if it exists, so a trainer's work is never overwritten.
    std::FILE* f = std::fopen(output.c_str(), "wx");
    if (!f) {
        if (errno == EEXIST) std::cerr << "new: " << output << " already exists; choose another name with -o\n";
        else std::cerr << "new: cannot create " << output << ": " << std::strerror(errno) << "\n";
        return kExitUsage;
    }
    const bool written = std::fwrite(text.data(), 1, text.size(), f) == text.size();
    if (std::fclose(f) != 0 || !written) {
        std::cerr << "new: writing " << output << " failed\n";
        return kExitUsage;
    }
    if (info.schema_ref.empty())
        std::cerr << "new: no scenario schema found in the folders above " << output
                  << ", so the file has no $schema line (its first comment says how to add one)\n";
    std::cerr << "new: wrote " << output << "\n"
              << "  play it:   turnaround-cli play " << output << "\n"
              << "  check it:  turnaround-cli lint " << output << "\n";
    return kExitOk;
}

const Registration reg{{"new", "start a new scenario from a template that already plays", kUsage, run_new}};

}  // namespace
}  // namespace ta::cli
