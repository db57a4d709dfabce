// command.h: how a subcommand of turnaround-cli registers itself.
//
// Each tools/cli/cmd_NAME.cpp defines `static const ta::cli::Registration reg{...};` and is
// compiled straight into the executable, so adding a command touches no other file.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace ta::cli {

// Exit codes shared by every command.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;  // the input has errors, a check failed
inline constexpr int kExitUsage = 2;   // bad arguments, unreadable files

struct Command {
    std::string name;     // "lint"
    std::string summary;  // one line for `turnaround-cli --help`
    std::string usage;    // full help text printed by `turnaround-cli NAME --help`
    std::function<int(const std::vector<std::string>& args)> run;  // args exclude the command name
};

std::vector<Command>& registry();

struct Registration {
    explicit Registration(Command c) { registry().push_back(std::move(c)); }
};

// True when args contain --help/-h; then prints the usage and the caller returns kExitOk.
bool wants_help(const std::vector<std::string>& args, const Command& self);

}  // namespace ta::cli
