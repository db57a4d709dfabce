// turnaround-cli: dispatches to the subcommand named by the first argument.
#include <algorithm>
#include <cstdio>
#include <iostream>

#include "../process_tuning.h"
#include "command.h"

namespace ta::cli {

std::vector<Command>& registry() {
    static std::vector<Command> commands;
    return commands;
}

bool wants_help(const std::vector<std::string>& args, const Command& self) {
    for (const auto& a : args)
        if (a == "--help" || a == "-h") {
            std::cout << self.usage;
            if (!self.usage.empty() && self.usage.back() != '\n') std::cout << '\n';
            return true;
        }
    return false;
}

}  // namespace ta::cli

namespace {

void print_overview() {
    auto commands = ta::cli::registry();
    std::sort(commands.begin(), commands.end(), [](auto& a, auto& b) { return a.name < b.name; });
    std::cout << "turnaround-cli " TURNAROUND_VERSION " - tools for Turnaround scenario authors and facilitators\n\n"
                 "Usage: turnaround-cli COMMAND [ARGS...]\n"
                 "       turnaround-cli COMMAND --help\n\nCommands:\n";
    for (const auto& c : commands) std::printf("  %-14s %s\n", c.name.c_str(), c.summary.c_str());
    std::fflush(stdout);
    std::cout << "\nResults (trainee, report, export, room, sync): --db FILE, else $TURNAROUND_RESULTS_DB, else\n"
                 "$XDG_DATA_HOME/turnaround/results.db (~/.local/share/turnaround/results.db). FILE may be a\n"
                 "postgresql://USER:PASSWORD@HOST:PORT/DATABASE URL: the results are then on that shared server.\n"
                 "With $TURNAROUND_SERVER=URL, results are kept here first and sent to the server (see sync).\n"
                 "With $TURNAROUND_LRS=URL (and $TURNAROUND_LRS_USER, $TURNAROUND_LRS_PASSWORD), their xAPI\n"
                 "statements are sent to that learning record store the same way.\n";
}

}  // namespace

int main(int argc, char** argv) {
    ta::tools::keep_freed_memory_for_reuse();
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty()) {
        print_overview();
        return ta::cli::kExitUsage;
    }
    if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        print_overview();
        return ta::cli::kExitOk;
    }
    if (args[0] == "--version") {
        std::cout << "turnaround-cli " TURNAROUND_VERSION "\n";
        return ta::cli::kExitOk;
    }
    for (const auto& c : ta::cli::registry()) {
        if (c.name != args[0]) continue;
        std::vector<std::string> rest(args.begin() + 1, args.end());
        if (ta::cli::wants_help(rest, c)) return ta::cli::kExitOk;
        for (const auto& a : rest)
            if (a == "--version") {
                std::cout << "turnaround-cli " << c.name << " " TURNAROUND_VERSION "\n";
                return ta::cli::kExitOk;
            }
        return c.run(rest);
    }
    std::cerr << "turnaround-cli: unknown command '" << args[0] << "' (see turnaround-cli --help)\n";
    return ta::cli::kExitUsage;
}
