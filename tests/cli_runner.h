// cli_runner.h: runs turnaround-cli from a test and captures what it printed.
#pragma once

#include <doctest/doctest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace cli_runner {

struct Out {
    int exit_code = -1;
    std::string text;
};

// Runs the CLI with `args`; `with_stderr` folds stderr into the captured text.
inline Out cli(const std::string& args, bool with_stderr = true, const std::string& stdin_file = "/dev/null") {
    std::string cmd = std::string("'") + TURNAROUND_CLI + "' " + args + (with_stderr ? " 2>&1" : " 2>/dev/null") +
                      " < '" + stdin_file + "'";
    Out o;
    FILE* p = popen(cmd.c_str(), "r");
    REQUIRE(p != nullptr);
    std::array<char, 4096> buf{};
    std::size_t n;
    while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) o.text.append(buf.data(), n);
    int status = pclose(p);
    o.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return o;
}

inline bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace cli_runner
