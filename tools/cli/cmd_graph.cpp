// turnaround-cli graph: writes a scenario's map as Graphviz DOT, for trainers' documents.
#include <fstream>
#include <iostream>

#include "cli_common.h"
#include "command.h"
#include "graph_dot.h"
#include "rubric.h"

namespace ta::cli {
namespace {

const char* kUsage =
    "Usage: turnaround-cli graph [-o OUT.dot] [--no-legend] [--force] FILE\n"
    "\n"
    "Writes the scenario's map as Graphviz DOT: nodes with the customer's first line, choices as\n"
    "arrows labelled with what the trainee says and coloured by the competency their tags weigh on\n"
    "most (dashed when the move costs points), endings coloured by type, and a legend.\n"
    "Turn it into a picture with Graphviz, e.g.  dot -Tsvg map.dot -o map.svg\n"
    "\n"
    "Options:\n"
    "  -o, --output FILE  write to FILE instead of standard output\n"
    "  --no-legend        leave the legend out\n"
    "  --force            draw the map even when the scenario has errors\n"
    "\n"
    "Exit status: 0 written, 1 the scenario has errors (nothing written without --force),\n"
    "             2 bad arguments or a file that cannot be read or written.\n";

TagPoints rubric_tag_points() {
    TagPoints points;
    for (const auto& [key, tag] : scoring::default_rubric().tags) points[key] = tag.points;
    return points;
}

int run_graph(const std::vector<std::string>& args) {
    std::string input, output;
    bool force = false;
    DotOptions options;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "-o" || a == "--output") {
            if (i + 1 >= args.size()) {
                std::cerr << "graph: " << a << " needs a file name\n";
                return kExitUsage;
            }
            output = args[++i];
        } else if (a.rfind("--output=", 0) == 0) {
            output = a.substr(9);
        } else if (a == "--no-legend") {
            options.legend = false;
        } else if (a == "--force") {
            force = true;
        } else if (a.size() > 1 && a[0] == '-') {
            std::cerr << "graph: unknown option '" << a << "' (see turnaround-cli graph --help)\n";
            return kExitUsage;
        } else if (input.empty()) {
            input = a;
        } else {
            std::cerr << "graph: name one scenario file (got '" << input << "' and '" << a << "')\n";
            return kExitUsage;
        }
    }
    if (input.empty()) {
        std::cerr << "graph: name a scenario file\n" << kUsage;
        return kExitUsage;
    }

    LoadResult r = load(input);
    print_diagnostics(std::cerr, r.diagnostics);
    for (const auto& d : r.diagnostics)
        if (is_unreadable(d)) return kExitUsage;
    if (!r.scenario || (!r.ok() && !force)) {
        std::cerr << "graph: " << input << " has errors; fix them (see above) or use --force to draw it anyway\n";
        return kExitFailed;
    }

    options.tag_points = rubric_tag_points();
    const std::string dot = scenario_to_dot(*r.scenario, options);
    if (output.empty() || output == "-") {
        std::cout << dot;
        return r.ok() ? kExitOk : kExitFailed;
    }
    std::ofstream out(output, std::ios::binary | std::ios::trunc);
    out << dot;
    out.close();
    if (!out) {
        std::cerr << "graph: cannot write " << output << "\n";
        return kExitUsage;
    }
    std::cerr << "graph: wrote " << output << " (" << r.scenario->nodes.size() << " nodes, "
              << r.scenario->endings.size() << " endings)\n";
    return r.ok() ? kExitOk : kExitFailed;
}

const Registration reg{{"graph", "write a scenario's map as Graphviz DOT (nodes, choices, endings)", kUsage, run_graph}};

}  // namespace
}  // namespace ta::cli
