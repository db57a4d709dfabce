#include "twine_chapbook.h"

#include <algorithm>
#include <cctype>
#include <utility>
#include <vector>

#include "twine_text.h"

namespace ta {
namespace {

using twine_text::trim;
std::string lower(std::string s) { return twine_text::fold_ascii(std::move(s)); }

bool name_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.'; }

std::vector<std::string> split_lines(std::string_view text) {
    std::vector<std::string> lines;
    std::size_t at = 0;
    while (at <= text.size()) {
        std::size_t nl = text.find('\n', at);
        if (nl == std::string_view::npos) nl = text.size();
        lines.emplace_back(text.substr(at, nl - at));
        at = nl + 1;
    }
    return lines;
}

// "name: value" or "name (condition): value", a line of the vars section.
struct VarLine {
    std::string name, condition, value;
};

bool parse_var_line(std::string_view line, VarLine& out) {
    const std::string l = trim(line);
    if (l.empty() || !name_start(l[0])) return false;
    std::size_t i = 0;
    while (i < l.size() && name_char(l[i])) ++i;
    out.name = l.substr(0, i);
    while (i < l.size() && l[i] == ' ') ++i;
    if (i < l.size() && l[i] == '(') {
        std::size_t close = l.find(')', i);
        if (close == std::string::npos) return false;
        out.condition = trim(std::string_view(l).substr(i + 1, close - i - 1));
        i = close + 1;
        while (i < l.size() && l[i] == ' ') ++i;
    }
    if (i >= l.size() || l[i] != ':') return false;
    out.value = trim(std::string_view(l).substr(i + 1));
    return true;
}

std::string var_as_harlowe(const VarLine& v) {
    std::string value = v.value;
    // "mood: mood + 10" is a step: Harlowe's "it + 10".
    if (value.compare(0, v.name.size(), v.name) == 0 && value.size() > v.name.size() &&
        !name_char(value[v.name.size()]))
        value = "it" + value.substr(v.name.size());
    const std::string var = "$" + v.name;
    // A conditional assignment is not a step the replies can carry: "put" keeps it a to-do.
    if (!v.condition.empty()) return "(if: " + v.condition + ")(put: " + value + " into " + var + ")";
    return "(set: " + var + " to " + value + ")";
}

// The quoted string after `key:` inside an insert ("" when absent).
std::string quoted_after(std::string_view insert, std::string_view key) {
    std::size_t at = insert.find(key);
    if (at == std::string_view::npos) return "";
    at = insert.find_first_of("'\"", at + key.size());
    if (at == std::string_view::npos) return "";
    const char q = insert[at];
    std::string out;
    for (std::size_t k = at + 1; k < insert.size() && insert[k] != q; ++k) {
        if (insert[k] == '\\' && k + 1 < insert.size()) ++k;
        out += insert[k];
    }
    return out;
}

std::string harlowe_quoted(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

// One {insert}: a link, a variable shown, or something with no equivalent.
std::string insert_as_harlowe(std::string_view inner) {
    const std::string body = trim(inner);
    std::size_t name_end = body.find_first_of(":,");
    const std::string name = lower(trim(std::string_view(body).substr(0, name_end)));
    if (name == "link to") {
        const std::string target = quoted_after(body, "link to:");
        std::string label = quoted_after(body, "label:");
        if (target.empty()) return "(link-to:)";
        return "(link-goto: " + harlowe_quoted(label.empty() ? target : label) + ", " + harlowe_quoted(target) + ")";
    }
    const bool variable = !body.empty() && name_start(body[0]) &&
                          std::all_of(body.begin(), body.end(), [](char c) { return name_char(c); });
    if (variable) return "$" + body.substr(0, body.find('.'));
    std::string macro;
    for (char c : name) macro += c == ' ' ? '-' : c;
    if (macro.empty() || !name_start(macro[0])) return "";
    return "(" + macro + ":)";
}

std::string inserts_as_harlowe(const std::string& line) {
    std::string out;
    std::size_t at = 0;
    while (at < line.size()) {
        std::size_t open = line.find('{', at);
        if (open == std::string::npos) break;
        std::size_t close = line.find('}', open + 1);
        if (close == std::string::npos) break;
        out.append(line, at, open - at);
        out += insert_as_harlowe(std::string_view(line).substr(open + 1, close - open - 1));
        at = close + 1;
    }
    out.append(line, std::min(at, line.size()), std::string::npos);
    return out;
}

// A line that is only a modifier, "[if x]" or "[align center]": its words, else "".
std::string modifier_of(std::string_view line) {
    const std::string l = trim(line);
    if (l.size() < 3 || l.front() != '[' || l.back() != ']' || l[1] == '[') return "";
    const std::string inner = trim(std::string_view(l).substr(1, l.size() - 2));
    if (inner.empty() || !name_start(inner[0]) || inner.find_first_of("[]") != std::string::npos) return "";
    return inner;
}

}  // namespace

bool is_chapbook_format(std::string_view story_format) { return lower(trim(story_format)) == "chapbook"; }

std::string chapbook_as_harlowe(std::string_view passage_text) {
    std::vector<std::string> lines = split_lines(passage_text);

    // The vars section: every line above the first "--" is "name: value".
    std::size_t body = 0;
    for (std::size_t i = 0; i < lines.size(); ++i)
        if (trim(lines[i]) == "--") {
            std::vector<VarLine> vars;
            bool all = true;
            for (std::size_t k = 0; k < i && all; ++k) {
                VarLine v;
                if (trim(lines[k]).empty()) continue;
                all = parse_var_line(lines[k], v);
                vars.push_back(v);
            }
            if (!all) break;
            for (std::size_t k = 0, n = 0; k < i; ++k)
                lines[k] = trim(lines[k]).empty() ? std::string() : var_as_harlowe(vars[n++]);
            lines[i].clear();
            body = i + 1;
            break;
        }

    bool in_note = false;
    for (std::size_t i = body; i < lines.size(); ++i) {
        const std::string modifier = modifier_of(lines[i]);
        if (!modifier.empty()) {
            const std::string first = lower(modifier.substr(0, modifier.find_first_of(" ;")));
            const std::string rest = trim(std::string_view(modifier).substr(std::min(modifier.size(), first.size())));
            in_note = first == "note" || first == "n.b." || first == "fixme" || first == "todo";
            if (first == "if" || first == "unless") lines[i] = "(" + first + ": " + rest.substr(0, rest.find(';')) + ")";
            else if (first == "else") lines[i] = "(else:)";
            else lines[i].clear();  // continue, align, after, transition, append, a note's start
            continue;
        }
        if (in_note) {
            lines[i].clear();
            continue;
        }
        lines[i] = inserts_as_harlowe(lines[i]);
    }

    std::string out;
    for (std::size_t i = 0; i < lines.size(); ++i) out += (i ? "\n" : "") + lines[i];
    return out;
}

}  // namespace ta
