#include "diagnostics.h"

#include <algorithm>

namespace ta {

std::string format_diagnostic(const Diagnostic& d) {
    std::string out = d.file;
    if (d.line > 0) {
        out += ":" + std::to_string(d.line);
        if (d.column > 0) out += ":" + std::to_string(d.column);
    }
    out += ": ";
    out += severity_word(d.severity);
    out += ": ";
    out += d.message;
    return out;
}

bool shows_source(const Diagnostic& d) { return d.code == "yaml-syntax" || d.code == "tab-indent"; }

std::string format_source_excerpt(const Diagnostic& d, const std::string& text) {
    if (d.line <= 0) return "";
    std::size_t b = 0;
    for (int n = 1; n < d.line; ++n) {
        b = text.find('\n', b);
        if (b == std::string::npos) return "";
        ++b;
    }
    std::size_t e = text.find('\n', b);
    if (e == std::string::npos) e = text.size();
    if (e > b && text[e - 1] == '\r') --e;
    const std::string source = text.substr(b, e - b);
    const std::string number = std::to_string(d.line);
    std::string out = " " + number + " | " + source + "\n";
    if (d.column <= 0) return out;
    // The caret goes under the column'th byte; count characters, not bytes, and keep tabs.
    std::string pad;
    for (std::size_t i = 0; i + 1 < static_cast<std::size_t>(d.column) && i < source.size(); ++i) {
        const auto c = static_cast<unsigned char>(source[i]);
        if ((c & 0xC0) == 0x80) continue;  // a continuation byte of a character already counted
        pad += c == '\t' ? '\t' : ' ';
    }
    return out + " " + std::string(number.size(), ' ') + " | " + pad + "^\n";
}

namespace {
int count_of(const std::vector<Diagnostic>& diags, Diagnostic::Severity severity) {
    return static_cast<int>(
        std::count_if(diags.begin(), diags.end(), [&](const Diagnostic& d) { return d.severity == severity; }));
}
}  // namespace

int count_errors(const std::vector<Diagnostic>& diags) { return count_of(diags, Diagnostic::Severity::Error); }
int count_warnings(const std::vector<Diagnostic>& diags) { return count_of(diags, Diagnostic::Severity::Warning); }
int count_todos(const std::vector<Diagnostic>& diags) { return count_of(diags, Diagnostic::Severity::Todo); }

bool is_unwritten_content(const Diagnostic& d) {
    static const char* const kCodes[] = {"no-feedback", "no-model-replies", "expectation-missing", "single-choice",
                                         "no-recovered-ending"};
    return d.severity == Diagnostic::Severity::Warning &&
           std::any_of(std::begin(kCodes), std::end(kCodes), [&](const char* c) { return d.code == c; });
}

void mark_unwritten_as_todo(std::vector<Diagnostic>& diags) {
    for (auto& d : diags)
        if (is_unwritten_content(d)) d.severity = Diagnostic::Severity::Todo;
}

const char* severity_word(Diagnostic::Severity s) {
    switch (s) {
    case Diagnostic::Severity::Error: return "error";
    case Diagnostic::Severity::Warning: return "warning";
    case Diagnostic::Severity::Todo: return "to do";
    }
    return "error";
}

}  // namespace ta
