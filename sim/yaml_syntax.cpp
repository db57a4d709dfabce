// yaml_syntax.cpp: see yaml_syntax.h. Each of yaml-cpp's messages that trainers meet is matched
// to the mistake that causes it; the text around the parser's mark is read again to find the
// cause (the opening bracket, the line that should line up) and to write the fixed line.
#include "yaml_syntax.h"

#include <algorithm>
#include <vector>

#include <yaml-cpp/exceptions.h>

namespace ta {

namespace {

bool is_blank(char c) { return c == ' ' || c == '\t'; }

struct Lines {
    std::vector<std::size_t> starts;  // byte where each line starts
    const std::string& text;
    explicit Lines(const std::string& t) : text(t) {
        starts.push_back(0);
        for (std::size_t i = 0; i < t.size(); ++i)
            if (t[i] == '\n') starts.push_back(i + 1);
    }
    int count() const { return static_cast<int>(starts.size()); }
    // Line `n` (1-based) without its line break; "" past the end.
    std::string at(int n) const {
        if (n < 1 || n > count()) return "";
        std::size_t b = starts[n - 1];
        std::size_t e = n < count() ? starts[n] - 1 : text.size();
        if (e > b && text[e - 1] == '\r') --e;
        return text.substr(b, e - b);
    }
    // 1-based line and column of byte `pos`.
    std::pair<int, int> place(std::size_t pos) const {
        auto it = std::upper_bound(starts.begin(), starts.end(), pos);
        int line = static_cast<int>(it - starts.begin());
        return {line, static_cast<int>(pos - starts[line - 1]) + 1};
    }
};

int indent_of(const std::string& line) {
    int i = 0;
    while (i < static_cast<int>(line.size()) && line[i] == ' ') ++i;
    return i;
}

bool blank_or_comment(const std::string& line) {
    std::size_t i = 0;
    while (i < line.size() && is_blank(line[i])) ++i;
    return i >= line.size() || line[i] == '#';
}

// "the text in double quotes", escaped as YAML wants; single quotes when the text holds a '"'.
std::string quoted(const std::string& value) {
    if (value.find('"') != std::string::npos && value.find('\\') == std::string::npos) {
        std::string out = "'";
        for (char c : value) out += c == '\'' ? std::string("''") : std::string(1, c);
        return out + "'";
    }
    std::string out = "\"";
    for (char c : value) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

std::string trim_right(std::string s) {
    while (!s.empty() && is_blank(s.back())) s.pop_back();
    return s;
}

// A line "  - key: value" taken apart: prefix up to and including ": ", and the value.
struct KeyLine {
    std::string prefix, key, value;
    bool ok = false;
};

KeyLine split_key_line(const std::string& line) {
    KeyLine k;
    std::size_t i = static_cast<std::size_t>(indent_of(line));
    while (i + 1 < line.size() && line[i] == '-' && is_blank(line[i + 1])) {
        i += 2;
        while (i < line.size() && is_blank(line[i])) ++i;
    }
    const std::size_t key_start = i;
    if (i < line.size() && (line[i] == '"' || line[i] == '\'' || line[i] == '[' || line[i] == '{')) return k;
    const std::size_t colon = line.find(": ", i);
    if (colon == std::string::npos) return k;
    k.key = line.substr(key_start, colon - key_start);
    std::size_t v = colon + 2;
    while (v < line.size() && is_blank(line[v])) ++v;
    k.prefix = line.substr(0, v);
    k.value = trim_right(line.substr(v));
    // A trailing comment is not part of the text.
    for (std::size_t c = 1; c < k.value.size(); ++c)
        if (k.value[c] == '#' && is_blank(k.value[c - 1])) {
            k.value = trim_right(k.value.substr(0, c));
            break;
        }
    k.ok = !k.key.empty() && !k.value.empty();
    return k;
}

// Reads the text up to byte `upto` as YAML sees quotes, comments, block text and flow brackets,
// and reports what is still open there: the brackets (innermost last) and a quote.
struct OpenThings {
    std::vector<std::size_t> brackets;
    std::size_t quote = std::string::npos;
};

OpenThings scan_open(const std::string& text, std::size_t upto) {
    OpenThings open;
    upto = std::min(upto, text.size());
    int block_parent = -1;  // indentation of a line ending in | or >: deeper lines are literal text
    std::size_t pos = 0;
    while (pos < upto) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string::npos) end = text.size();
        const std::size_t line_end = std::min(end, upto);
        int indent = 0;
        while (pos + indent < end && text[pos + indent] == ' ') ++indent;
        const bool blank = pos + indent >= end || text[pos + indent] == '\r' || text[pos + indent] == '#';
        if (block_parent >= 0 && open.brackets.empty() && open.quote == std::string::npos) {
            if (blank || indent > block_parent) {
                pos = end + 1;
                continue;
            }
            block_parent = -1;
        }
        char prev = 0;  // last character that is not blank on this line, outside quotes
        for (std::size_t k = pos; k < line_end; ++k) {
            const char c = text[k];
            if (open.quote != std::string::npos) {
                const char q = text[open.quote];
                if (q == '"' && c == '\\') {
                    ++k;
                } else if (c == q) {
                    if (q == '\'' && k + 1 < text.size() && text[k + 1] == '\'') ++k;
                    else open.quote = std::string::npos, prev = c;
                }
                continue;
            }
            if (is_blank(c) || c == '\r') continue;
            const bool value_start = prev == 0 || prev == ':' || prev == '-' || prev == '?' || prev == ',' ||
                                     prev == '[' || prev == '{';
            if (c == '#' && (k == pos || is_blank(text[k - 1]))) break;
            if ((c == '"' || c == '\'') && (value_start || (prev == ':' && !open.brackets.empty()))) {
                open.quote = k;
            } else if ((c == '[' || c == '{') && (value_start || !open.brackets.empty())) {
                open.brackets.push_back(k);
            } else if ((c == ']' || c == '}') && !open.brackets.empty()) {
                open.brackets.pop_back();
            }
            prev = c;
        }
        if (open.brackets.empty() && open.quote == std::string::npos && (prev == '|' || prev == '>'))
            block_parent = indent;
        // | and > may carry indicators (|-, >+, |2): look back past them.
        if (open.brackets.empty() && open.quote == std::string::npos && block_parent < 0) {
            std::size_t e = line_end;
            while (e > pos && (is_blank(text[e - 1]) || text[e - 1] == '\r')) --e;
            std::size_t s = e;
            while (s > pos && (text[s - 1] == '-' || text[s - 1] == '+' || (text[s - 1] >= '0' && text[s - 1] <= '9'))) --s;
            if (s > pos + 1 && s < e && (text[s - 1] == '|' || text[s - 1] == '>') && is_blank(text[s - 2]))
                block_parent = indent;
        }
        pos = end + 1;
    }
    return open;
}

// --- one explanation per kind of mistake ------------------------------------------------------

struct Explained {
    int line = 0, column = 0;  // 1-based; where the cause is
    std::string message;
    const char* code = "yaml-syntax";
};

// "text: Sorry: we messed up": the second ": " starts a key where the text was expected.
bool explain_colon(const Lines& lines, int line, int col, Explained& out) {
    const KeyLine k = split_key_line(lines.at(line));
    if (!k.ok) return false;
    const char first = k.value[0];
    if (first == '"' || first == '\'' || first == '[' || first == '{' || first == '|' || first == '>') return false;
    if (k.value.find(": ") == std::string::npos && k.value.back() != ':') return false;
    out.line = line;
    out.column = col;
    out.message = "the text of '" + k.key + "' contains \": \", which YAML reads as the start of another key; put the text in quotes:  " +
                  trim_right(k.prefix) + " " + quoted(k.value);
    return true;
}

// `text: "I said "no" to him"`: the quotes close early and more text follows on the line.
bool explain_early_close(const Lines& lines, int line, int col, Explained& out) {
    const std::string text = lines.at(line);
    std::size_t i = static_cast<std::size_t>(col - 1);
    if (i == 0 || i > text.size()) return false;
    std::size_t before = i;
    while (before > 0 && is_blank(text[before - 1])) --before;
    if (before == 0 || (text[before - 1] != '"' && text[before - 1] != '\'')) return false;
    const KeyLine k = split_key_line(text);
    if (!k.ok || (k.value[0] != '"' && k.value[0] != '\'')) return false;
    const char q = k.value[0];
    std::string inner = k.value.substr(1);
    if (!inner.empty() && inner.back() == q) inner.pop_back();
    out.line = line;
    out.column = static_cast<int>(before);
    std::string fix;
    if (q == '"') {  // the inner double quotes: use single quotes outside
        fix = "'";
        for (char c : inner) fix += c == '\'' ? std::string("''") : std::string(1, c);
        fix += "'";
    } else {
        fix = quoted(inner);
    }
    out.message = std::string("the quoted text of '") + k.key + "' ends here, but more follows on the line: a " +
                  (q == '"' ? "double quote" : "single quote") + " inside it closes it early; quote it the other way:  " +
                  trim_right(k.prefix) + " " + fix;
    return true;
}

// The keys and list dashes still open above `line`: where a line there may start.
struct Column {
    int col = 0;  // 0-based
    int line = 0;
    bool dash = false;
    std::string name;  // "'text:'" or "the '-'"
};

std::vector<Column> open_columns(const Lines& lines, int line) {
    std::vector<Column> cols;
    int shallowest = 1 << 30;
    for (int n = line - 1; n >= 1 && shallowest > 0; --n) {
        const std::string t = lines.at(n);
        if (blank_or_comment(t)) continue;
        const int ind = indent_of(t);
        if (ind >= shallowest) continue;  // inside something closed since
        // Every column the line opens: its dashes, then its key.
        std::vector<Column> here;
        std::size_t i = static_cast<std::size_t>(ind);
        while (i + 1 < t.size() && t[i] == '-' && (is_blank(t[i + 1]))) {
            here.push_back({static_cast<int>(i), n, true, "the '-'"});
            i += 2;
            while (i < t.size() && is_blank(t[i])) ++i;
        }
        if (i < t.size() && t[i] == '-' && i + 1 == t.size()) here.push_back({static_cast<int>(i), n, true, "the '-'"});
        const std::size_t colon = t.find(':', i);
        if (colon != std::string::npos && (colon + 1 == t.size() || is_blank(t[colon + 1])) && colon > i)
            here.push_back({static_cast<int>(i), n, false, "'" + t.substr(i, colon - i + 1) + "'"});
        for (const Column& c : here)
            if (c.col < shallowest) cols.push_back(c);
        shallowest = ind;
    }
    return cols;
}

std::string spaces(int n) { return std::to_string(n) + (n == 1 ? " space" : " spaces"); }

// A key or list item that lines up with nothing above it.
bool explain_indent(const Lines& lines, int line, int col, Explained& out) {
    const std::string text = lines.at(line);
    const int ind = indent_of(text);
    if (col - 1 != ind) return false;  // the parser stopped mid-line: not the indentation
    const bool dash = ind + 1 < static_cast<int>(text.size()) && text[ind] == '-' && is_blank(text[ind + 1]);
    std::vector<Column> cols = open_columns(lines, line);
    // A list item lines up with a dash, a key with a key.
    std::vector<Column> fits;
    for (const Column& c : cols)
        if (c.dash == dash) fits.push_back(c);
    if (fits.empty()) return false;
    // A dash at the column of keys: a list item among the keys of a map.
    for (const Column& c : cols)
        if (dash && !c.dash && c.col == ind) {
            out.line = line;
            out.column = col;
            out.message = "line " + std::to_string(line) +
                          " starts a list item ('- ') among the keys of a map; a list belongs under a key of its own "
                          "(such as 'choices:'), indented further than that key";
            return true;
        }
    for (const Column& c : fits)
        if (c.col == ind) return false;  // lines up: the cause is elsewhere
    std::stable_sort(fits.begin(), fits.end(), [&](const Column& a, const Column& b) {
        return std::abs(a.col - ind) < std::abs(b.col - ind);
    });
    const Column& best = fits[0];
    const std::string what = dash ? "the list item" : "'" + split_key_line(text + " ").key + "'";
    out.line = line;
    out.column = col;
    out.message = "the indentation of line " + std::to_string(line) + " is off: " + (dash ? "its '-'" : "it") +
                  " is indented " + spaces(ind) + ", which lines up with nothing above; indent it " + spaces(best.col) +
                  " to line it up with " + best.name + " on line " + std::to_string(best.line);
    if (fits.size() > 1 && fits[1].col != best.col)
        out.message += " (or " + spaces(fits[1].col) + " for " + fits[1].name + " on line " + std::to_string(fits[1].line) + ")";
    (void)what;
    return true;
}

// An unclosed '[' or '{': the error comes where the parser gave up, the cause is the bracket.
bool explain_unclosed_bracket(const Lines& lines, std::size_t pos, Explained& out) {
    OpenThings open = scan_open(lines.text, pos);
    if (open.brackets.empty()) return false;
    const std::size_t b = open.brackets.back();
    auto [line, col] = lines.place(b);
    const char close = lines.text[b] == '[' ? ']' : '}';
    const std::string text = lines.at(line);
    out.line = line;
    out.column = col;
    out.message = std::string("this '") + lines.text[b] + "' is never closed; add '" + close + "' where the " +
                  (close == ']' ? "list" : "map") + " ends";
    if (text.find(close, static_cast<std::size_t>(col)) == std::string::npos)
        out.message += ":  " + trim_right(text) + close;
    return true;
}

bool explain_unclosed_quote(const Lines& lines, std::size_t pos, Explained& out) {
    std::size_t q = pos < lines.text.size() && (lines.text[pos] == '"' || lines.text[pos] == '\'') &&
                            closing_quote(lines.text, pos) == std::string::npos
                        ? pos
                        : scan_open(lines.text, pos).quote;
    if (q == std::string::npos) return false;
    auto [line, col] = lines.place(q);
    const char c = lines.text[q];
    out.line = line;
    out.column = col;
    out.message = std::string("this quote is never closed, so everything after it to the end of the file is read as one text; "
                              "add the closing ") + c + " where the text ends:  " + trim_right(lines.at(line)) + c;
    return true;
}

// A value that starts with a character YAML keeps for itself: * & @ ` % ! |.
bool explain_indicator(const Lines& lines, int line, int col, Explained& out) {
    const KeyLine k = split_key_line(lines.at(line));
    if (!k.ok || static_cast<int>(k.prefix.size()) != col - 1) return false;
    const char c = k.value[0];
    std::string why;
    if (c == '*') why = "a value starting with '*' is read as a reference to an '&' anchor";
    else if (c == '&') why = "a value starting with '&' is read as an anchor name";
    else if (c == '@' || c == '`') why = std::string("YAML keeps '") + c + "' for itself, so a value may not start with it";
    else if (c == '%') why = "a value may not start with '%' (YAML keeps it for directives)";
    else if (c == '!') why = "a value starting with '!' is read as a YAML tag";
    else return false;
    out.line = line;
    out.column = col;
    out.message = why + "; put the text in quotes:  " + trim_right(k.prefix) + " " + quoted(k.value);
    return true;
}

}  // namespace

std::size_t closing_quote(const std::string& text, std::size_t open) {
    const char q = text[open];
    for (std::size_t k = open + 1; k < text.size(); ++k) {
        if (q == '"' && text[k] == '\\') {
            ++k;
        } else if (text[k] == q) {
            if (q == '\'' && k + 1 < text.size() && text[k + 1] == '\'') ++k;
            else return k;
        }
    }
    return std::string::npos;
}

Diagnostic explain_yaml_error(const std::string& text, const std::string& file, const std::string& parser_msg,
                              int line0, int column0) {
    const Lines lines(text);
    const int line = line0 >= 0 ? line0 + 1 : 0, col = column0 >= 0 ? column0 + 1 : 0;
    const std::size_t pos = line > 0 && line <= lines.count() ? lines.starts[line - 1] + static_cast<std::size_t>(std::max(col - 1, 0))
                                                            : text.size();
    Explained x;
    bool done = false;
    const std::string& m = parser_msg;
    if (line > 0) {
        if (m == YAML::ErrorMsg::MAP_VALUE) {
            done = explain_colon(lines, line, col, x);
        } else if (m == YAML::ErrorMsg::END_OF_MAP || m == YAML::ErrorMsg::END_OF_SEQ || m == YAML::ErrorMsg::BLOCK_ENTRY) {
            done = explain_early_close(lines, line, col, x) || explain_indent(lines, line, col, x);
        } else if (m == YAML::ErrorMsg::END_OF_SEQ_FLOW || m == YAML::ErrorMsg::END_OF_MAP_FLOW) {
            done = explain_unclosed_bracket(lines, pos, x);
        } else if (m == YAML::ErrorMsg::EOF_IN_SCALAR) {
            done = explain_unclosed_quote(lines, pos, x);
        } else if (m.rfind(YAML::ErrorMsg::INVALID_ESCAPE, 0) == 0) {
            const std::string esc = m.substr(std::string(YAML::ErrorMsg::INVALID_ESCAPE).size());
            std::string fixed = lines.at(line);
            // yaml-cpp marks past the backslash: the escape starts at the last one before the mark.
            const std::size_t at = fixed.rfind('\\', static_cast<std::size_t>(std::max(col - 1, 0)));
            if (at != std::string::npos) fixed.insert(at, "\\");
            x = {line, at != std::string::npos ? static_cast<int>(at) + 1 : col,
                 "'\\" + esc + "' is not an escape YAML knows inside double quotes; write '\\\\' for a backslash, or put "
                 "the text in single quotes:  " + trim_right(fixed)};
            done = true;
        } else if (m == YAML::ErrorMsg::UNKNOWN_ANCHOR || m == YAML::ErrorMsg::UNKNOWN_TOKEN ||
                   m.rfind("alias not found", 0) == 0 || m.rfind("anchor not found", 0) == 0) {
            done = explain_indicator(lines, line, col, x);
        } else if (m == YAML::ErrorMsg::FLOW_END) {
            x = {line, col,
                 std::string("this '") + (pos < text.size() ? text[pos] : ']') +
                     "' closes nothing; remove it, or put text that contains brackets in quotes"};
            done = true;
        }
    }
    if (!done) {
        x = {line, col,
             "YAML syntax: " + (m.empty() ? std::string("the YAML could not be read") : m) +
                 "; check the indentation, colons and quotes on this line and the one before"};
    }
    Diagnostic d;
    d.severity = Diagnostic::Severity::Error;
    d.file = file;
    d.line = x.line;
    d.column = x.column;
    d.code = x.code;
    d.message = x.message;
    return d;
}

}  // namespace ta
