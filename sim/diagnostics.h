// diagnostics.h: problems found in a scenario file, reported in the GCC style
//   path:line:col: error: message
// so that trainers' editors and terminals can jump straight to them.
#pragma once

#include <string>
#include <vector>

namespace ta {

struct Diagnostic {
    enum class Severity { Error, Warning };
    Severity severity = Severity::Error;
    std::string file;
    int line = 0;    // 1-based; 0 = whole file
    int column = 0;  // 1-based; 0 = whole line
    std::string code;     // stable machine-readable kind, e.g. "unknown-key", "yaml-syntax"
    std::string message;  // what is wrong and what to do about it
};

// "path:line:col: error: message" (line/col omitted when unknown).
std::string format_diagnostic(const Diagnostic& d);

int count_errors(const std::vector<Diagnostic>& diags);
int count_warnings(const std::vector<Diagnostic>& diags);

}  // namespace ta
