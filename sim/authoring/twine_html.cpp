#include "twine_html.h"

#include <cstdint>

#include "utf8_check.h"

namespace ta {

namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Whether `s` at `i` starts with `word` (ASCII, case-insensitive).
bool at_word(std::string_view s, std::size_t i, std::string_view word) {
    if (i > s.size() || s.size() - i < word.size()) return false;
    for (std::size_t k = 0; k < word.size(); ++k)
        if (lower(s[i + k]) != word[k]) return false;
    return true;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// "<name" followed by a space, '>' or '/': the opening of that element.
bool opens(std::string_view s, std::size_t i, std::string_view name) {
    if (s[i] != '<' || !at_word(s, i + 1, name)) return false;
    std::size_t k = i + 1 + name.size();
    return k < s.size() && (is_space(s[k]) || s[k] == '>' || s[k] == '/');
}

// Finds `needle` (lower-case ASCII) from `from`, case-insensitively; npos when absent.
std::size_t find_folded(std::string_view s, std::string_view needle, std::size_t from) {
    for (std::size_t i = from; i + needle.size() <= s.size(); ++i)
        if (lower(s[i]) == needle[0] && at_word(s, i, needle)) return i;
    return std::string_view::npos;
}


struct Attribute {
    std::string name, value;
};

// The attributes of a start tag whose name ends at `i`; `i` ends just past the '>'.
std::vector<Attribute> read_attributes(std::string_view s, std::size_t& i) {
    std::vector<Attribute> out;
    while (i < s.size()) {
        while (i < s.size() && (is_space(s[i]) || s[i] == '/')) ++i;
        if (i >= s.size()) break;
        if (s[i] == '>') {
            ++i;
            break;
        }
        Attribute a;
        while (i < s.size() && !is_space(s[i]) && s[i] != '=' && s[i] != '>' && s[i] != '/') a.name += lower(s[i++]);
        while (i < s.size() && is_space(s[i])) ++i;
        if (i < s.size() && s[i] == '=') {
            ++i;
            while (i < s.size() && is_space(s[i])) ++i;
            std::string raw;
            if (i < s.size() && (s[i] == '"' || s[i] == '\'')) {
                const char q = s[i++];
                std::size_t end = s.find(q, i);
                if (end == std::string_view::npos) end = s.size();
                raw = std::string(s.substr(i, end - i));
                i = end < s.size() ? end + 1 : end;
            } else {
                while (i < s.size() && !is_space(s[i]) && s[i] != '>') raw += s[i++];
            }
            a.value = decode_html_entities(raw);
        }
        if (a.name.empty()) ++i;  // a stray character: step over it
        else out.push_back(std::move(a));
    }
    return out;
}

std::string attribute(const std::vector<Attribute>& attrs, std::string_view name) {
    for (const auto& a : attrs)
        if (a.name == name) return a.value;
    return "";
}

std::vector<std::string> split_tags(const std::string& s) {
    std::vector<std::string> out;
    std::string tag;
    for (char c : s) {
        if (is_space(c)) {
            if (!tag.empty()) out.push_back(tag);
            tag.clear();
        } else {
            tag += c;
        }
    }
    if (!tag.empty()) out.push_back(tag);
    return out;
}

// Counts lines as the reader moves forward, so the whole file is counted once.
class LineCounter {
public:
    explicit LineCounter(std::string_view s) : s_(s) {}
    int at(std::size_t pos) {
        for (; done_ < pos && done_ < s_.size(); ++done_)
            if (s_[done_] == '\n') ++line_;
        return line_;
    }

private:
    std::string_view s_;
    std::size_t done_ = 0;
    int line_ = 1;
};

// Index just past the element closed by `close` (e.g. "</script>") from `from`; the end if absent.
std::size_t skip_past(std::string_view s, std::string_view close, std::size_t from) {
    std::size_t end = find_folded(s, close, from);
    return end == std::string_view::npos ? s.size() : end + close.size();
}

}  // namespace

bool looks_like_twine_html(std::string_view text) {
    for (std::size_t i = find_folded(text, "<tw-storydata", 0); i != std::string_view::npos;
         i = find_folded(text, "<tw-storydata", i + 1))
        if (opens(text, i, "tw-storydata")) return true;
    return false;
}

std::string decode_html_entities(std::string_view s) {
    static const std::pair<std::string_view, std::string_view> kNamed[] = {
        {"amp;", "&"}, {"lt;", "<"}, {"gt;", ">"}, {"quot;", "\""}, {"apos;", "'"}, {"nbsp;", "\xC2\xA0"}};
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        if (s[i] != '&') {
            out += s[i++];
            continue;
        }
        bool done = false;
        for (const auto& [name, text] : kNamed)
            if (s.substr(i + 1, name.size()) == name) {
                out += text;
                i += 1 + name.size();
                done = true;
                break;
            }
        if (!done && i + 2 < s.size() && s[i + 1] == '#') {
            const bool hex = s[i + 2] == 'x' || s[i + 2] == 'X';
            std::size_t k = i + (hex ? 3 : 2);
            std::uint32_t cp = 0;
            std::size_t digits = 0;
            for (; k < s.size() && digits < 8; ++k, ++digits) {
                const char c = s[k];
                int d = (c >= '0' && c <= '9') ? c - '0'
                        : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                        : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                      : -1;
                if (d < 0) break;
                cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(d);
            }
            if (digits > 0 && k < s.size() && s[k] == ';') {
                append_utf8(out, cp);
                i = k + 1;
                done = true;
            }
        }
        if (!done) out += s[i++];
    }
    return out;
}

std::vector<TwineHtmlStory> parse_twine_html(std::string_view s) {
    std::vector<TwineHtmlStory> stories;
    LineCounter lines(s);
    TwineHtmlStory* story = nullptr;  // the story being read, between its tags
    for (std::size_t i = 0; i < s.size();) {
        if (s[i] != '<') {
            ++i;
            continue;
        }
        // A format's engine and the author's own script may mention our elements: skip them whole.
        if (opens(s, i, "script")) {
            i = skip_past(s, "</script>", i + 7);
        } else if (opens(s, i, "style")) {
            i = skip_past(s, "</style>", i + 6);
        } else if (opens(s, i, "tw-storydata")) {
            TwineHtmlStory st;
            st.line = lines.at(i);
            i += 13;
            auto attrs = read_attributes(s, i);
            st.name = attribute(attrs, "name");
            st.format = attribute(attrs, "format");
            st.startnode = attribute(attrs, "startnode");
            stories.push_back(std::move(st));
            story = &stories.back();
        } else if (at_word(s, i, "</tw-storydata>")) {
            story = nullptr;
            i += 15;
        } else if (story && opens(s, i, "tw-passagedata")) {
            TwineHtmlPassage p;
            p.line = lines.at(i);
            i += 15;
            auto attrs = read_attributes(s, i);
            p.pid = attribute(attrs, "pid");
            p.name = attribute(attrs, "name");
            p.tags = split_tags(attribute(attrs, "tags"));
            p.text_line = lines.at(i);
            // Twine escapes '<' in passage text, so the closing tag is the first one found.
            std::size_t end = find_folded(s, "</tw-passagedata>", i);
            if (end == std::string_view::npos) end = s.size();
            p.text = decode_html_entities(s.substr(i, end - i));
            story->passages.push_back(std::move(p));
            i = end == s.size() ? end : end + 17;
        } else {
            ++i;
        }
    }
    return stories;
}

}  // namespace ta
