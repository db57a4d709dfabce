#include "diagnostics.h"

#include <algorithm>

namespace ta {

std::string format_diagnostic(const Diagnostic& d) {
    std::string out = d.file;
    if (d.line > 0) {
        out += ":" + std::to_string(d.line);
        if (d.column > 0) out += ":" + std::to_string(d.column);
    }
    out += d.severity == Diagnostic::Severity::Error ? ": error: " : ": warning: ";
    out += d.message;
    return out;
}

int count_errors(const std::vector<Diagnostic>& diags) {
    return static_cast<int>(std::count_if(diags.begin(), diags.end(), [](const Diagnostic& d) {
        return d.severity == Diagnostic::Severity::Error;
    }));
}

int count_warnings(const std::vector<Diagnostic>& diags) {
    return static_cast<int>(diags.size()) - count_errors(diags);
}

}  // namespace ta
