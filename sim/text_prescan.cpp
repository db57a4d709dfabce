#include "text_prescan.h"

#include <cstdint>

#include "utf8_check.h"

namespace ta {

namespace {

Diagnostic make_error(const std::string& file, int line, int col, const char* code, std::string message) {
    Diagnostic d;
    d.severity = Diagnostic::Severity::Error;
    d.file = file;
    d.line = line;
    d.column = col;
    d.code = code;
    d.message = std::move(message);
    return d;
}


// Checks every byte is text: valid UTF-8, no NUL, no control characters other than tab/CR/LF.
bool check_bytes(const std::string& text, const std::string& file, std::vector<Diagnostic>& diags) {
    int line = 1, col = 1;
    size_t i = 0;
    // A UTF-8 byte order mark is harmless; editors on some systems write one.
    if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) i = 3;
    for (; i < text.size();) {
        const auto b = static_cast<unsigned char>(text[i]);
        if (b == 0) {
            diags.push_back(make_error(file, line, col, "binary",
                                       "the file contains a NUL byte, so it is not a text file; "
                                       "save the scenario as plain UTF-8 text"));
            return false;
        }
        if (b < 0x20 && b != '\t' && b != '\n' && b != '\r') {
            diags.push_back(make_error(file, line, col, "binary",
                                       "the file contains control character " + std::to_string(b) +
                                           ", so it is not a text file; save the scenario as plain UTF-8 text"));
            return false;
        }
        size_t len = utf8_sequence_length(text, i);
        if (len == 0) {
            diags.push_back(make_error(file, line, col, "encoding",
                                       "the file is not valid UTF-8 text (byte " + std::to_string(b) +
                                           "); save it as UTF-8 in your editor"));
            return false;
        }
        if (b == '\n') {
            ++line;
            col = 1;
        } else {
            ++col;
        }
        i += len;
    }
    return true;
}

bool is_blank(char c) { return c == ' ' || c == '\t'; }

// Measures nesting without parsing: flow brackets outside quotes and comments, plus block
// indentation levels and compact "- - -" sequences. Over-counting is harmless (the limit is far
// above real use); under-counting must not let the parser recurse without bound.
bool check_nesting(const std::string& text, const std::string& file, std::vector<Diagnostic>& diags) {
    std::vector<int> indents;  // open block indentation levels
    int flow = 0;              // open [ and { brackets
    char quote = 0;            // inside '...' or "..." (may span lines)
    int block_scalar_parent = -1;  // indentation of the key owning a | or > block, else -1
    int line_no = 0;
    size_t pos = 0;
    while (pos <= text.size()) {
        size_t end = text.find('\n', pos);
        if (end == std::string::npos) end = text.size();
        const std::string_view line(text.data() + pos, end - pos);
        ++line_no;
        pos = end + 1;

        size_t indent = 0;
        while (indent < line.size() && line[indent] == ' ') ++indent;
        const bool blank = indent >= line.size() || line[indent] == '#' || line[indent] == '\r';
        if (block_scalar_parent >= 0) {
            if (blank || static_cast<int>(indent) > block_scalar_parent) {
                if (end >= text.size()) break;
                continue;  // literal text: brackets and dashes mean nothing here
            }
            block_scalar_parent = -1;
        }
        if (blank && quote == 0 && flow == 0) {
            if (end >= text.size()) break;
            continue;
        }

        int depth_here = 0;
        if (quote == 0 && flow == 0) {
            while (!indents.empty() && indents.back() >= static_cast<int>(indent)) indents.pop_back();
            indents.push_back(static_cast<int>(indent));
            // "- - - x" opens one sequence per dash.
            size_t k = indent;
            while (k + 1 < line.size() && line[k] == '-' && is_blank(line[k + 1])) {
                ++depth_here;
                k += 2;
                while (k < line.size() && is_blank(line[k])) ++k;
            }
        }

        bool token_start = true;  // a bracket opens a collection only where a value may begin
        char last_sig = 0;
        for (size_t k = indent; k < line.size(); ++k) {
            const char c = line[k];
            if (quote) {
                if (quote == '\'' && c == '\'') {
                    if (k + 1 < line.size() && line[k + 1] == '\'') ++k;  // '' escapes a quote
                    else quote = 0;
                } else if (quote == '"' && c == '\\') {
                    ++k;
                } else if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            if (c == '#' && (k == 0 || is_blank(line[k - 1]))) break;  // comment
            if (is_blank(c)) {
                token_start = true;
                continue;
            }
            if ((c == '\'' || c == '"') && token_start) {
                quote = c;
                continue;
            }
            if ((c == '[' || c == '{') && (token_start || flow > 0)) {
                ++flow;
                if (flow + depth_here + static_cast<int>(indents.size()) > kMaxNestingDepth) {
                    diags.push_back(make_error(file, line_no, static_cast<int>(k) + 1, "too-deep",
                                               "lists and maps are nested more than " +
                                                   std::to_string(kMaxNestingDepth) +
                                                   " levels deep here; a scenario never needs that, so the "
                                                   "file was not read (check for a runaway '[' or '{')"));
                    return false;
                }
                token_start = true;
                last_sig = c;
                continue;
            }
            if ((c == ']' || c == '}') && flow > 0) {
                --flow;
                last_sig = c;
                token_start = false;
                continue;
            }
            token_start = (flow > 0 && c == ',') || c == ':' || c == '-' || c == '?';
            last_sig = c;
        }
        if (static_cast<int>(indents.size()) + depth_here > kMaxNestingDepth) {
            diags.push_back(make_error(file, line_no, static_cast<int>(indent) + 1, "too-deep",
                                       "lists and maps are indented more than " + std::to_string(kMaxNestingDepth) +
                                           " levels deep here; a scenario never needs that, so the file was not read"));
            return false;
        }
        // A value ending in | or > (optionally with chomping/indent indicators) starts literal text.
        if (quote == 0 && flow == 0) {
            size_t e = line.size();
            while (e > 0 && (is_blank(line[e - 1]) || line[e - 1] == '\r')) --e;
            size_t s = e;
            while (s > 0 && (line[s - 1] == '-' || line[s - 1] == '+' || (line[s - 1] >= '0' && line[s - 1] <= '9'))) --s;
            if (s > 0 && (line[s - 1] == '|' || line[s - 1] == '>') && s >= 2 && is_blank(line[s - 2]))
                block_scalar_parent = static_cast<int>(indent);
        }
        (void)last_sig;
        if (end >= text.size()) break;
    }
    return true;
}

}  // namespace

bool prescan_text(const std::string& text, const std::string& file, std::vector<Diagnostic>& diags) {
    if (!check_bytes(text, file, diags)) return false;
    return check_nesting(text, file, diags);
}

std::pair<int, int> find_indent_tab(const std::string& text, int before_line) {
    int line = 1;
    size_t pos = 0;
    while (pos < text.size() && line <= before_line) {
        size_t k = pos;
        while (k < text.size() && (text[k] == ' ' || text[k] == '\t')) {
            if (text[k] == '\t') {
                // Only indentation counts: a tab before real content on the line.
                size_t r = k;
                while (r < text.size() && is_blank(text[r])) ++r;
                if (r < text.size() && text[r] != '\n' && text[r] != '\r')
                    return {line, static_cast<int>(k - pos) + 1};
                break;
            }
            ++k;
        }
        size_t nl = text.find('\n', pos);
        if (nl == std::string::npos) break;
        pos = nl + 1;
        ++line;
    }
    return {0, 0};
}

}  // namespace ta
