#include "twine_import.h"

#include <algorithm>
#include <cctype>
#include <deque>
#include <map>
#include <set>

#include "graph_dot.h"          // utf8_sanitize, shorten_text
#include "scenario_template.h"  // yaml_quoted, slug_from_title
#include "twine_anchor_links.h"
#include "twine_chapbook.h"
#include "twine_html.h"
#include "twine_text.h"

namespace ta {

namespace {

// Passages that drive a story format rather than tell the story (SugarCube, Harlowe, Twine 1).
const std::set<std::string> kSpecialNames = {
    "StoryInit",        "StoryCaption", "StoryMenu",     "StoryBanner",   "StorySubtitle",    "StoryAuthor",
    "StoryShare",       "StoryInterface", "StoryDisplayTitle", "PassageReady", "PassageDone",
    "PassageHeader",    "PassageFooter", "StorySettings", "StoryIncludes", "Story JavaScript", "Story Stylesheet",
};
// Tags authors give passages that tell what happens rather than what the customer says.
const std::set<std::string> kNarrationTags = {"narration", "narrator", "narrative", "Narration", "Narrator", "Narrative"};
const std::set<std::string> kSpecialTags = {"script", "stylesheet", "widget", "Twine.private", "Twine.image",
                                            "header", "footer", "startup", "debug-header", "debug-footer",
                                            "debug-startup", "annotation"};

struct Passage {
    std::string name;
    std::vector<std::string> tags;
    std::string text;
    int line = 0;       // of the "::" header
    int text_line = 0;  // of the first line of text
};

using twine_text::fold_ascii;
using twine_text::trim;

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// Input as text we can trust: valid UTF-8, "\n" line ends, no byte-order mark, no control
// characters other than tab and newline.
std::string clean_input(std::string_view raw) {
    std::string s = utf8_sanitize(raw);
    if (starts_with(s, "\xEF\xBB\xBF")) s.erase(0, 3);
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c == '\r') {
            if (i + 1 < s.size() && s[i + 1] == '\n') continue;
            out += '\n';
        } else if (c == '\n' || c == '\t' || c >= 0x20) {
            if (c != 0x7F) out += static_cast<char>(c);
        }
    }
    return out;
}

// "Name [tag1 tag2] {metadata}" after the "::". Backslash escapes any character in the name.
void parse_header(std::string_view rest, Passage& p) {
    std::string name;
    std::size_t i = 0;
    for (; i < rest.size(); ++i) {
        char c = rest[i];
        if (c == '\\' && i + 1 < rest.size()) {
            name += rest[++i];
            continue;
        }
        if (c == '[' || c == '{') break;
        name += c;
    }
    p.name = trim(name);
    if (i < rest.size() && rest[i] == '[') {
        std::size_t close = rest.find(']', i);
        std::string_view tags = rest.substr(i + 1, close == std::string_view::npos ? std::string_view::npos : close - i - 1);
        std::string tag;
        for (char c : tags) {
            if (c == ' ' || c == '\t') {
                if (!tag.empty()) p.tags.push_back(tag);
                tag.clear();
            } else {
                tag += c;
            }
        }
        if (!tag.empty()) p.tags.push_back(tag);
    }
}

std::vector<Passage> split_passages(const std::string& src, std::vector<ImportNote>& notes) {
    std::vector<Passage> passages;
    std::size_t pos = 0;
    int line = 0;
    bool stray_text = false;
    while (pos < src.size()) {
        std::size_t end = src.find('\n', pos);
        if (end == std::string::npos) end = src.size();
        std::string_view l(src.data() + pos, end - pos);
        ++line;
        if (starts_with(l, "::")) {
            Passage p;
            parse_header(l.substr(2), p);
            p.line = line;
            p.text_line = line + 1;
            passages.push_back(std::move(p));
        } else if (!passages.empty()) {
            passages.back().text.append(l);
            passages.back().text += '\n';
        } else if (!trim(l).empty() && !stray_text) {
            stray_text = true;
            notes.push_back({0, line, "text before the first passage (\"::\" line) was ignored"});
        }
        pos = end + 1;
    }
    for (auto& p : passages)
        if (trim(p.text).empty()) p.text.clear();
    return passages;
}

// The string value of "key" in a small JSON object (StoryData), or "".
std::string json_string_field(std::string_view json, const std::string& key) {
    std::string quoted = "\"" + key + "\"";
    std::size_t at = json.find(quoted);
    if (at == std::string_view::npos) return "";
    at = json.find(':', at + quoted.size());
    if (at == std::string_view::npos) return "";
    at = json.find('"', at);
    if (at == std::string_view::npos) return "";
    std::string out;
    for (std::size_t i = at + 1; i < json.size(); ++i) {
        char c = json[i];
        if (c == '"') return out;
        if (c == '\\' && i + 1 < json.size()) {
            char n = json[++i];
            out += n == 'n' ? '\n' : n == 't' ? '\t' : n;
        } else {
            out += c;
        }
    }
    return "";
}

// Removes /* */, <!-- --> and /% %/ comments.
std::string remove_comments(std::string_view text) {
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        std::string_view close;
        if (starts_with(text.substr(i), "/*")) close = "*/";
        else if (starts_with(text.substr(i), "<!--")) close = "-->";
        else if (starts_with(text.substr(i), "/%")) close = "%/";
        if (close.empty()) {
            out += text[i++];
            continue;
        }
        std::size_t end = text.find(close, i + 2);
        // Keep the line count: a comment's newlines stay, so later line numbers still match.
        std::size_t stop = end == std::string_view::npos ? text.size() : end + close.size();
        for (std::size_t k = i; k < stop; ++k)
            if (text[k] == '\n') out += '\n';
        i = stop;
    }
    return out;
}

// Index just past the ')' that closes the '(' at `open`, or npos.
std::size_t match_paren(std::string_view s, std::size_t open, char o, char c) {
    int depth = 0;
    bool quoted = false;
    char quote = 0;
    for (std::size_t i = open; i < s.size(); ++i) {
        char ch = s[i];
        if (quoted) {
            if (ch == '\\') ++i;
            else if (ch == quote) quoted = false;
            continue;
        }
        if ((ch == '"' || ch == '\'') && o == '(') {
            quoted = true;
            quote = ch;
        } else if (ch == o) {
            ++depth;
        } else if (ch == c && --depth == 0) {
            return i + 1;
        }
    }
    return std::string_view::npos;
}

bool is_name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

// A Harlowe macro "(name:" starting at i; its name, or "".
std::string harlowe_macro_at(std::string_view s, std::size_t i) {
    if (s[i] != '(') return "";
    std::size_t k = i + 1;
    while (k < s.size() && is_name_char(s[k])) ++k;
    if (k == i + 1 || k >= s.size() || s[k] != ':') return "";
    if (!((s[i + 1] >= 'a' && s[i + 1] <= 'z') || (s[i + 1] >= 'A' && s[i + 1] <= 'Z'))) return "";
    return std::string(s.substr(i + 1, k - i - 1));
}

// A SugarCube macro "<<name" starting at i; its name ("/if" for a closing tag), or "".
std::string sugarcube_macro_at(std::string_view s, std::size_t i) {
    if (!starts_with(s.substr(i), "<<")) return "";
    std::size_t k = i + 2;
    if (k < s.size() && s[k] == '/') ++k;
    std::size_t b = k;
    while (k < s.size() && is_name_char(s[k])) ++k;
    if (k == b) return "";
    return std::string(s.substr(i + 2, k - i - 2));
}

// The few HTML entities stories use, decoded in one pass.
std::string decode_entities(std::string_view s) {
    static const std::pair<std::string_view, std::string_view> kEntities[] = {
        {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&apos;", "'"}, {"&nbsp;", " "}};
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        bool done = false;
        if (s[i] == '&')
            for (const auto& [from, to] : kEntities)
                if (starts_with(s.substr(i), from)) {
                    out += to;
                    i += from.size();
                    done = true;
                    break;
                }
        if (!done) out += s[i++];
    }
    return out;
}

// Markup removed from one piece of text whose links have already been replaced.
std::string strip_inline(std::string_view text) {
    std::string out;
    std::size_t i = 0;
    int hooks_open = 0;  // '[' of Harlowe hooks whose brackets are dropped
    bool no_more_tags = false;  // no '>' left: stop looking for HTML tags (keeps this linear)
    while (i < text.size()) {
        char c = text[i];
        if (!sugarcube_macro_at(text, i).empty()) {
            std::size_t end = text.find(">>", i + 2);
            i = end == std::string_view::npos ? text.size() : end + 2;
            out += ' ';
            continue;
        }
        if (!harlowe_macro_at(text, i).empty()) {
            std::size_t end = match_paren(text, i, '(', ')');
            i = end == std::string_view::npos ? text.size() : end;
            out += ' ';
            if (i < text.size() && text[i] == '[') {
                ++hooks_open;
                ++i;
            }
            continue;
        }
        // SugarCube's images, [img[src]] or [img[title|src][target]]: a picture has no words to say.
        if (c == '[' && (starts_with(text.substr(i), "[img[") || starts_with(text.substr(i), "[IMG["))) {
            std::size_t end = text.find("]]", i);
            i = end == std::string_view::npos ? text.size() : end + 2;
            out += ' ';
            continue;
        }
        if (c == ']' && hooks_open > 0) {
            --hooks_open;
            ++i;
            continue;
        }
        if (c == '<' && !no_more_tags && i + 1 < text.size() &&
            ((text[i + 1] >= 'a' && text[i + 1] <= 'z') || (text[i + 1] >= 'A' && text[i + 1] <= 'Z') ||
             text[i + 1] == '/' || text[i + 1] == '!')) {
            std::size_t end = text.find('>', i);
            if (end != std::string_view::npos) {
                std::string tag(text.substr(i + 1, std::min<std::size_t>(end - i - 1, 3)));
                std::transform(tag.begin(), tag.end(), tag.begin(), [](char ch) { return static_cast<char>(std::tolower(static_cast<unsigned char>(ch))); });
                if (tag.rfind("br", 0) == 0 || tag == "/p" || tag.rfind("p", 0) == 0) out += ' ';
                i = end + 1;
                continue;
            }
            no_more_tags = true;
        }
        static const char* kFormatting[] = {"''", "//", "**", "__", "~~", "^^", "=="};
        bool formatting = false;
        for (const char* f : kFormatting)
            if (starts_with(text.substr(i), f)) {
                formatting = true;
                break;
            }
        if (formatting) {
            i += 2;
            continue;
        }
        out += c;
        ++i;
    }
    // Whitespace collapsed, list bullets and headings dropped.
    std::string collapsed;
    for (char ch : decode_entities(out)) {
        if (ch == ' ' || ch == '\t') {
            if (!collapsed.empty() && collapsed.back() != ' ') collapsed += ' ';
        } else {
            collapsed += ch;
        }
    }
    std::string t = trim(collapsed);
    while (!t.empty() && (t[0] == '*' || t[0] == '-' || t[0] == '#' || t[0] == '>') &&
           (t.size() == 1 || t[1] == ' ' || t[1] == t[0]))
        t = trim(t.substr(1));
    return t;
}

struct FoundLink {
    TwineLink link;
    std::size_t begin = 0, end = 0;  // of the whole [[...]] in the line
};

// The [[...]] links in one line; `unclosed` is set when a "[[" has no "]]".
std::vector<FoundLink> find_links(std::string_view line, bool& unclosed) {
    std::vector<FoundLink> out;
    std::size_t i = 0;
    while ((i = line.find("[[", i)) != std::string_view::npos) {
        std::size_t close = line.find("]]", i + 2);
        if (close == std::string_view::npos) {
            unclosed = true;
            break;
        }
        // A setter "[[a|b][$x]]" has its own "]" before the final "]]"; "]]" found first is right.
        out.push_back({parse_twine_link(line.substr(i + 2, close - i - 2)), i, close + 2});
        i = close + 2;
    }
    return out;
}

// Quoted string arguments of a macro call: ("text", "target") -> {text, target}.
std::vector<std::string> quoted_args(std::string_view s) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '"' && s[i] != '\'') continue;
        char q = s[i];
        std::string v;
        std::size_t k = i + 1;
        for (; k < s.size() && s[k] != q; ++k) {
            if (s[k] == '\\' && k + 1 < s.size()) ++k;
            v += s[k];
        }
        if (k >= s.size()) break;
        out.push_back(v);
        i = k;
    }
    return out;
}

// Writes YAML line by line, knowing the number of the next line.
class YamlOut {
public:
    explicit YamlOut(int first_line = 1) : line_(first_line) {}
    void add(const std::string& l) {
        text_ += l;
        text_ += '\n';
        ++line_;
        sources_.push_back(source_);
    }
    // The source line the next lines are made from (0 = none).
    void from(int source_line) { source_ = source_line; }
    int line() const { return line_; }
    const std::string& text() const { return text_; }
    const std::vector<int>& sources() const { return sources_; }

private:
    std::string text_;
    int line_;
    int source_ = 0;
    std::vector<int> sources_;
};

struct OutChoice {
    std::string text;
    std::string target;  // output id
    std::vector<std::string> sets, clears;
    int mood = 0;
    bool has_mood = false;  // the story changes $mood on the way
    std::vector<std::string> todo;  // specific problems, shown above the choice and in the report
    int twee_line = 0;
};

struct OutElement {
    std::string id;
    std::string name;  // passage name
    bool ending = false;
    bool made_up = false;  // an ending for a missing passage, or for a story that never ends
    std::string type = "lost";
    bool type_guessed = true;
    std::vector<std::string> lines;  // what the customer says (nodes) / epilogue (endings)
    std::vector<std::string> note;   // narration folded into it: what happens before
    std::vector<OutChoice> choices;
    std::vector<std::string> todo;
    int twee_line = 0;
};

// Ids made from passage names: slugs that YAML reads as text (never 123, null or true), unique.
class UniqueIds {
public:
    std::string make(const std::string& name, const std::string& fallback) {
        const bool has_word = std::any_of(name.begin(), name.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        });
        std::string base = has_word ? slug_from_title(name) : fallback;
        static const std::set<std::string> kYamlWords = {"null", "true", "false", "yes", "no", "on", "off", "y", "n"};
        if (kYamlWords.count(base) || (base[0] >= '0' && base[0] <= '9')) base = fallback + "-" + base;
        std::string id = base;
        for (int n = 2; used_.count(id); ++n) id = base + "-" + std::to_string(n);
        used_.insert(id);
        return id;
    }

private:
    std::set<std::string> used_;
};

// Simple SugarCube setters ("$x to true", "$x = 1", "$x = false") become flags.
void apply_setter(const std::string& setter, OutChoice& choice) {
    std::string part;
    auto handle = [&](std::string p) {
        p = trim(p);
        if (p.empty()) return;
        int mood = 0;
        bool absolute = false;
        if (parse_mood_set(p, mood, absolute)) {
            if (absolute) {
                choice.todo.push_back("setter '" + shorten_text(p, 40) +
                                      "' sets the mood outright; a reply changes it by a step: write 'mood: +N' or '-N'");
            } else {
                choice.mood += mood;
                choice.has_mood = true;
            }
            return;
        }
        std::size_t k = 0;
        if (p[0] == '$') ++k;
        else {
            choice.todo.push_back("setter '" + shorten_text(p, 40) + "' was not carried over; use sets/clears or requires");
            return;
        }
        std::size_t b = k;
        while (k < p.size() && (is_name_char(p[k]) && p[k] != '-')) ++k;
        std::string var = p.substr(b, k - b);
        std::string rest = trim(p.substr(k));
        std::string value;
        if (starts_with(rest, "to ")) value = trim(rest.substr(3));
        else if (starts_with(rest, "=") && !starts_with(rest, "==")) value = trim(rest.substr(1));
        std::transform(value.begin(), value.end(), value.begin(),
                       [](char ch) { return static_cast<char>(std::tolower(static_cast<unsigned char>(ch))); });
        if (!var.empty() && (value == "true" || value == "1" || value == "\"yes\"" || value == "'yes'")) {
            choice.sets.push_back(var);
        } else if (!var.empty() && (value == "false" || value == "0" || value == "\"no\"" || value == "'no'")) {
            choice.clears.push_back(var);
        } else {
            choice.todo.push_back("setter '" + shorten_text(p, 40) + "' is not a simple on/off flag and was not carried over");
        }
    };
    for (char c : setter) {
        if (c == ';' || c == ',') {
            handle(part);
            part.clear();
        } else {
            part += c;
        }
    }
    handle(part);
}

std::string flow_list(const std::vector<std::string>& items) {
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + yaml_quoted(items[i]);
    return out + "]";
}

// "$mood to N" set outright in a passage that runs before the story (StoryInit, startup): the
// customer's starting mood, or -1.
int initial_mood_in(std::string_view text) {
    int found = -1;
    for (std::size_t i = 0; i < text.size(); ++i) {
        std::size_t stop = std::string_view::npos;
        if (!sugarcube_macro_at(text, i).empty()) stop = text.find(">>", i);
        else if (harlowe_macro_at(text, i) == "set") stop = match_paren(text, i, '(', ')');
        if (stop == std::string_view::npos) continue;
        int mood = 0;
        bool absolute = false;
        if (parse_mood_set(text.substr(i, stop - i), mood, absolute) && absolute) found = std::clamp(mood, 0, 100);
        i = stop - 1;
    }
    return found;
}

// The story of a Twine HTML file to import: the only one, or the one named; else nullptr, with a
// note saying which stories there are.
const TwineHtmlStory* choose_story(const std::vector<TwineHtmlStory>& stories, const std::string& wanted,
                                   TwineImport& result, std::vector<ImportNote>& notes) {
    if (stories.empty()) {
        notes.push_back({0, 0, "the HTML file holds no Twine 2 story (no <tw-storydata> element); in Twine use "
                               "Library > Archive, Build > Publish to File, or Build > Export as Twee"});
        return nullptr;
    }
    std::string names;
    for (const auto& st : stories) {
        result.stories.push_back(st.name);
        names += (names.empty() ? "'" : ", '") + shorten_text(st.name, 60) + "'";
    }
    if (!wanted.empty()) {
        for (const auto& st : stories)
            if (st.name == wanted) return &st;
        for (const auto& st : stories)  // forgiving about case and spaces, as a trainer types it
            if (fold_ascii(trim(st.name)) == fold_ascii(trim(wanted))) return &st;
        notes.push_back({0, 0, "there is no story named '" + shorten_text(wanted, 60) + "' in this file; it holds " +
                                   std::to_string(stories.size()) + (stories.size() == 1 ? " story: " : " stories: ") + names});
        return nullptr;
    }
    if (stories.size() == 1) return &stories[0];
    notes.push_back({0, 0, "this Twine archive holds " + std::to_string(stories.size()) + " stories: " + names +
                               "; choose one with --story NAME"});
    return nullptr;
}

std::string join_lines(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines) out += (out.empty() ? "" : " ") + l;
    return out;
}

bool is_special(const Passage& p) {
    if (kSpecialNames.count(p.name)) return true;
    for (const auto& t : p.tags)
        if (kSpecialTags.count(t)) return true;
    return false;
}

}  // namespace

TwineLink parse_twine_link(std::string_view inner) {
    TwineLink link;
    std::string body(inner);
    std::size_t setter = body.find("][");
    if (setter != std::string::npos) {
        link.setter = trim(body.substr(setter + 2));
        body = body.substr(0, setter);
    }
    std::size_t bar = body.rfind('|');
    std::size_t arrow = body.rfind("->");
    std::size_t back = body.find("<-");
    if (bar != std::string::npos) {
        link.text = body.substr(0, bar);
        link.target = body.substr(bar + 1);
    } else if (arrow != std::string::npos) {
        link.text = body.substr(0, arrow);
        link.target = body.substr(arrow + 2);
    } else if (back != std::string::npos) {
        link.target = body.substr(0, back);
        link.text = body.substr(back + 2);
    } else {
        link.text = link.target = body;
    }
    link.text = trim(link.text);
    link.target = trim(link.target);
    if (link.text.empty()) link.text = link.target;
    return link;
}

namespace {
bool ascii_name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
// A whole number, optionally signed, and nothing else; false when out of range.
bool whole_number(std::string_view s, int& value) {
    std::string t = trim(s);
    if (t.empty()) return false;
    std::size_t i = (t[0] == '+' || t[0] == '-') ? 1 : 0;
    if (i >= t.size() || t.size() - i > 4) return false;
    int v = 0;
    for (std::size_t k = i; k < t.size(); ++k) {
        if (t[k] < '0' || t[k] > '9') return false;
        v = v * 10 + (t[k] - '0');
    }
    value = t[0] == '-' ? -v : v;
    return true;
}
}  // namespace

bool parse_mood_set(std::string_view call, int& value, bool& absolute) {
    std::string c = trim(call);
    while (!c.empty() && (c.back() == ')' || c.back() == '>')) c.pop_back();
    // What comes before "$mood" must be the macro's own name: (set:  <<set  or nothing.
    std::size_t at = c.find("$mood");
    if (at == std::string::npos) return false;
    std::string before = trim(std::string_view(c).substr(0, at));
    if (!(before.empty() || before == "(set:" || before == "<<set")) return false;
    std::size_t end = at + 5;
    if (end < c.size() && ascii_name_char(c[end])) return false;  // $moody is another variable
    std::string rest = trim(std::string_view(c).substr(end));
    if (rest.find_first_of(",;") != std::string::npos) return false;  // several assignments: by hand
    int n = 0;
    auto step_after = [&](std::string_view expr) {  // "it + 10", "$mood - 5"
        std::string e = trim(expr);
        for (std::string_view self : {"it", "$mood"})
            if (e.compare(0, self.size(), self) == 0) {
                std::string op = trim(std::string_view(e).substr(self.size()));
                if (!op.empty() && (op[0] == '+' || op[0] == '-') && whole_number(op.substr(1), n)) {
                    value = op[0] == '-' ? -n : n;
                    return true;
                }
            }
        return false;
    };
    absolute = false;
    if (rest.compare(0, 2, "+=") == 0 || rest.compare(0, 2, "-=") == 0) {
        if (!whole_number(rest.substr(2), n)) return false;
        value = rest[0] == '-' ? -n : n;
        return true;
    }
    std::string expr;
    if (rest.compare(0, 3, "to ") == 0) expr = rest.substr(3);
    else if (rest.compare(0, 1, "=") == 0 && rest.compare(0, 2, "==") != 0) expr = rest.substr(1);
    else return false;
    if (step_after(expr)) return true;
    if (whole_number(expr, n)) {
        value = n;
        absolute = true;
        return true;
    }
    return false;
}

std::string variable_in_text(std::string_view text) {
    for (std::size_t k = 0; k + 1 < text.size(); ++k) {
        if (text[k] != '$') continue;
        const char first = text[k + 1];
        if (!((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z') || first == '_')) continue;
        std::size_t e = k + 1;
        while (e < text.size() && ascii_name_char(text[e]) && e - k < 40) ++e;
        return std::string(text.substr(k, e - k));
    }
    return "";
}

std::string strip_twine_markup(std::string_view text) {
    std::string no_comments = remove_comments(text);
    std::string out;
    std::size_t start = 0;
    while (start <= no_comments.size()) {
        std::size_t end = no_comments.find('\n', start);
        if (end == std::string::npos) end = no_comments.size();
        std::string_view line(no_comments.data() + start, end - start);
        bool unclosed = false;
        std::string replaced;
        std::size_t at = 0;
        for (const auto& l : find_links(line, unclosed)) {
            replaced.append(line.substr(at, l.begin - at));
            replaced += l.link.text;
            at = l.end;
        }
        replaced.append(line.substr(std::min(at, line.size())));
        std::string stripped = strip_inline(replaced);
        if (!stripped.empty()) out += (out.empty() ? "" : "\n") + stripped;
        start = end + 1;
    }
    return out;
}

std::string format_import_note(const ImportNote& note, const std::string& yaml_name, const std::string& twee_name) {
    std::string out = yaml_name;
    if (note.yaml_line > 0) out += ":" + std::to_string(note.yaml_line);
    out += ": " + note.message;
    if (note.twee_line > 0) out += "  (" + twee_name + ":" + std::to_string(note.twee_line) + ")";
    return out;
}

std::string format_import_problem(const Diagnostic& d, const TwineImport& import, const std::string& source_name) {
    int source_line = 0;
    if (d.line > 0 && d.line <= static_cast<int>(import.source_line_of_yaml.size()))
        source_line = import.source_line_of_yaml[d.line - 1];
    std::string out = source_name;
    if (source_line > 0) out += ":" + std::to_string(source_line);
    out += std::string(": ") + severity_word(d.severity) + ": ";
    out += d.message;
    if (d.line > 0) out += " (line " + std::to_string(d.line) + " of the imported scenario)";
    return out;
}

TwineImport import_twee(std::string_view raw, const TwineImportOptions& options) {
    TwineImport result;
    if (raw.size() > options.max_bytes) {
        result.notes.push_back({0, 0, "the file is larger than " + std::to_string(options.max_bytes) + " bytes; not imported"});
        return result;
    }
    const std::string src = clean_input(raw);
    std::vector<ImportNote> early;  // notes without a YAML line yet
    std::string title, start_name;
    std::vector<Passage> all;
    const bool from_html = looks_like_twine_html(src);
    if (from_html) {
        const std::vector<TwineHtmlStory> stories = parse_twine_html(src);
        const TwineHtmlStory* chosen = choose_story(stories, options.story, result, early);
        if (!chosen) {
            result.notes = std::move(early);
            return result;
        }
        title = trim(chosen->name);
        result.story_format = chosen->format;
        for (const auto& hp : chosen->passages) {
            Passage p;
            p.name = trim(hp.name);
            p.tags = hp.tags;
            p.text = trim(hp.text).empty() ? std::string() : hp.text + "\n";
            p.line = hp.line;
            p.text_line = hp.text_line;
            if (!chosen->startnode.empty() && hp.pid == chosen->startnode) start_name = p.name;
            all.push_back(std::move(p));
        }
    } else {
        all = split_passages(src, early);
    }

    // Story title, format and start from the special passages; the rest are the story.
    int initial_mood = -1;  // from "$mood to N" in StoryInit or a startup passage
    std::vector<Passage> story;
    for (auto& p : all) {
        if (is_special(p) && p.name != "StoryTitle" && p.name != "StoryData")
            if (int m = initial_mood_in(p.text); m >= 0) initial_mood = m;
        if (p.name == "StoryTitle") {
            title = trim(strip_twine_markup(p.text));
        } else if (p.name == "StoryData") {
            start_name = json_string_field(p.text, "start");
            result.story_format = json_string_field(p.text, "format");
        } else if (is_special(p)) {
            early.push_back({0, p.line, "special passage '" + shorten_text(p.name, 40) +
                                            "' was skipped (it drives the story format, not the conversation)"});
        } else {
            story.push_back(std::move(p));
        }
    }
    if (is_chapbook_format(result.story_format))
        for (auto& p : story) p.text = chapbook_as_harlowe(p.text);
    result.passages = static_cast<int>(story.size());
    if (story.empty()) {
        early.push_back({0, 0, from_html ? "no story passages found in the story '" + shorten_text(title, 40) + "'; nothing to import"
                                         : "no story passages found (a passage starts with a line '::Name'); nothing to import"});
        result.notes = std::move(early);
        return result;
    }

    std::map<std::string, int> by_name;  // first passage of each name wins
    for (int i = 0; i < static_cast<int>(story.size()); ++i) {
        if (by_name.count(story[i].name))
            early.push_back({0, story[i].line, "a second passage named '" + shorten_text(story[i].name, 40) + "' was skipped"});
        else
            by_name[story[i].name] = i;
    }
    int start = -1;
    if (!start_name.empty() && by_name.count(start_name)) start = by_name[start_name];
    else if (by_name.count("Start")) start = by_name["Start"];
    if (start < 0) {
        start = 0;
        early.push_back({0, story[0].line, "no start passage given (StoryData \"start\" or a passage named Start); the first passage, '" +
                                               shorten_text(story[0].name, 40) + "', starts the conversation"});
    }

    // Links and text of every passage.
    struct Parsed {
        std::vector<std::pair<TwineLink, int>> links;  // with their Twee line
        std::vector<std::string> paragraphs;
        std::vector<std::string> todo;
        int text_line = 0;
        int mood = 0;  // steps of $mood set on arrival
        bool has_mood = false;
        int set_mood = -1;  // "$mood to 40": the customer's mood when this is the start
        std::vector<std::pair<std::string, int>> gotos;  // (go-to:) / <<goto>> without a link
    };
    std::vector<Parsed> parsed(story.size());
    for (std::size_t i = 0; i < story.size(); ++i) {
        const Passage& p = story[i];
        Parsed& out = parsed[i];
        out.text_line = p.text_line;
        std::string text = remove_comments(p.text);
        std::set<std::string> macro_notes;
        bool variable_note = false, unclosed_note = false, image_note = false;
        std::size_t pos = 0;
        int line_no = p.text_line;
        while (pos <= text.size()) {
            std::size_t end = text.find('\n', pos);
            if (end == std::string::npos) end = text.size();
            std::string_view line(text.data() + pos, end - pos);
            bool unclosed = false;
            auto links = find_links(line, unclosed);
            if (unclosed && !unclosed_note) {
                unclosed_note = true;
                out.todo.push_back("a '[[' link without ']]' at " + options.source_name + ":" + std::to_string(line_no) +
                                   " was read as text");
            }
            // HTML anchors are links too, in line order with the [[links]].
            const std::size_t bracket_links = links.size();
            for (const auto& a : anchor_links(line)) {
                const bool inside = std::any_of(links.begin(), links.begin() + static_cast<std::ptrdiff_t>(bracket_links),
                                                [&](const FoundLink& f) { return a.begin < f.end && f.begin < a.end; });
                if (inside) continue;  // written inside a [[link]]: that link is the one followed
                TwineLink l;
                l.text = a.text;
                l.target = a.target;
                links.push_back({l, a.begin, a.end});
            }
            std::stable_sort(links.begin(), links.end(), [](const FoundLink& x, const FoundLink& y) { return x.begin < y.begin; });
            for (const auto& l : links) out.links.push_back({l.link, line_no});
            if (!image_note && (line.find("[img[") != std::string_view::npos || line.find("[IMG[") != std::string_view::npos)) {
                image_note = true;
                out.todo.push_back("an image ([img[...]]) was left out; the window shows the customer instead "
                                   "(customer.portrait or customer.appearance)");
            }
            // Macros: links made by macros are kept; everything else is listed for the trainer.
            for (std::size_t k = 0; k < line.size(); ++k) {
                std::string sc = sugarcube_macro_at(line, k), hl = harlowe_macro_at(line, k);
                if (sc.empty() && hl.empty()) continue;
                std::string name = sc.empty() ? hl : sc;
                std::size_t stop = sc.empty() ? match_paren(line, k, '(', ')') : line.find(">>", k);
                std::string_view call = line.substr(k, stop == std::string_view::npos ? std::string_view::npos : stop - k);
                auto args = quoted_args(call);
                const bool wraps_link = call.find("[[") != std::string_view::npos;  // found as a link already
                // Macros that are links: Harlowe's (link-goto:), (click-goto:) (a word of the text made a
                // link) and (link-reveal-goto:), all "text", "target"; SugarCube's <<link>> and <<button>>
                // with a target; and SugarCube 1's <<choice "target" ["text"]>>, target first.
                const bool choice_macro = sc == "choice" && !args.empty() && !wraps_link;
                const bool actions_macro = sc == "actions" && !args.empty() && !wraps_link;  // passages, each a reply
                const bool goto_link = !args.empty() && !wraps_link &&
                                       (hl == "link-goto" || hl == "click-goto" || hl == "link-reveal-goto" ||
                                        ((sc == "link" || sc == "button") && args.size() >= 2));
                // (link: "text")[(goto: "target")] and <<link "text">><<goto "target">>: a link in two parts.
                std::string paired_target;
                if (!goto_link && !wraps_link && args.size() == 1 && (name == "link" || name == "button") &&
                    stop != std::string_view::npos) {
                    std::string_view after = line.substr(stop, 16);
                    std::size_t g = after.find("goto");
                    if (g == std::string_view::npos) g = after.find("go-to");
                    if (g != std::string_view::npos) {
                        std::size_t call_end = line.find_first_of(")>", stop + g);
                        auto target = quoted_args(line.substr(stop + g, call_end == std::string_view::npos
                                                                            ? std::string_view::npos
                                                                            : call_end - stop - g));
                        if (!target.empty()) paired_target = target[0];
                    }
                }
                if (actions_macro) {
                    for (const auto& target : args) {
                        TwineLink l;
                        l.text = l.target = target;
                        out.links.push_back({l, line_no});
                    }
                } else if (choice_macro) {
                    TwineLink l;
                    l.target = args[0];
                    l.text = args.size() >= 2 ? args[1] : args[0];
                    out.links.push_back({l, line_no});
                } else if (goto_link || !paired_target.empty()) {
                    TwineLink l;
                    l.text = args[0];
                    l.target = !paired_target.empty() ? paired_target : args.size() >= 2 ? args[1] : args[0];
                    out.links.push_back({l, line_no});
                    if (!paired_target.empty()) {
                        std::size_t g = line.find("goto", stop);
                        if (g == std::string_view::npos) g = line.find("go-to", stop);
                        std::size_t call_end = line.find_first_of(")>", g);
                        stop = call_end == std::string_view::npos ? std::string_view::npos : call_end + 1;
                    }
                } else if (int mood = 0; (name == "set") && !wraps_link && [&] {
                               bool absolute = false;
                               if (!parse_mood_set(call, mood, absolute)) return false;
                               if (absolute) out.set_mood = std::clamp(mood, 0, 100);
                               else out.mood += mood, out.has_mood = true;
                               return true;
                           }()) {
                    // A step of $mood: the replies that lead here carry it.
                } else if ((name == "go-to" || name == "goto") && !args.empty() && !wraps_link) {
                    out.gotos.push_back({args[0], line_no});  // moves on by itself: narration
                } else if (!wraps_link && name[0] != '/' && name != "else" && name != "endif") {
                    std::string shown = sc.empty() ? "(" + name + ":)" : "<<" + name + ">>";
                    std::string why = (name == "set" || name == "put" || name == "unset")
                                          ? "sets a variable; use sets/clears on the choices that lead here"
                                      : (name == "if" || name == "else-if" || name == "elseif" || name == "unless")
                                          ? "shows text or links on a condition; use requires/requires_not on those choices"
                                          : "has no equivalent and was dropped";
                    if (macro_notes.insert(shown).second) out.todo.push_back("the macro " + shown + " " + why);
                }
                // Continue after the call, so nested and unclosed calls are read once (linear time).
                k = stop == std::string_view::npos ? line.size() : std::max(k, stop - 1);
            }
            // The line's own words; a line of nothing but links is the list of options.
            std::string without, with_text;
            std::size_t at = 0;
            for (const auto& l : links) {
                without.append(line.substr(at, l.begin - at));
                with_text.append(line.substr(at, l.begin - at));
                with_text += l.link.text;
                at = l.end;
            }
            without.append(line.substr(std::min(at, line.size())));
            with_text.append(line.substr(std::min(at, line.size())));
            std::string words = strip_inline(without);
            bool only_punctuation = std::all_of(words.begin(), words.end(), [](char ch) {
                return ch == ' ' || ch == '|' || ch == '.' || ch == ',' || ch == ';' || ch == ':' || ch == '-' || ch == '/';
            });
            std::string kept = only_punctuation ? "" : strip_inline(with_text);
            if (!kept.empty()) out.paragraphs.push_back(kept);  // Twine shows each line on its own
            if (!variable_note) {
                const std::string var = variable_in_text(words);
                if (!var.empty()) {
                    variable_note = true;
                    out.todo.push_back("the text shows the variable " + var + "; write the words out");
                }
            }
            pos = end + 1;
            ++line_no;
        }
    }

    // Narration. A passage that moves on by (go-to:) or <<goto>> alone moves on by those; one
    // tagged narration, or moving on by itself, with a single way on is folded into where it
    // leads: its text becomes that passage's note, and links to it lead straight there.
    std::vector<bool> narration(story.size(), false);
    std::vector<int> folds_into(story.size(), -1);
    for (std::size_t i = 0; i < story.size(); ++i) {
        Parsed& pp = parsed[i];
        if (pp.links.empty() && !pp.gotos.empty()) {
            for (const auto& [target, line] : pp.gotos) {
                TwineLink l;
                l.text = "(continue)";
                l.target = target;
                pp.links.push_back({l, line});
            }
            narration[i] = true;
        }
        for (const auto& t : story[i].tags) narration[i] = narration[i] || kNarrationTags.count(t) > 0;
        if (!narration[i] || pp.links.empty()) continue;
        bool one_target = true;
        for (const auto& [link, line] : pp.links) one_target = one_target && link.target == pp.links[0].first.target;
        auto t = by_name.find(pp.links[0].first.target);
        if (one_target && t != by_name.end() && t->second != static_cast<int>(i) && pp.links[0].first.setter.empty())
            folds_into[i] = t->second;
    }
    // Where a link to `name` really arrives, the mood steps on the way, and the narration passed.
    struct Arrival {
        std::string name;
        int mood = 0;
        bool has_mood = false;
        std::vector<int> folded;
    };
    std::map<std::string, Arrival> arrivals;
    auto arrive = [&](const std::string& name) -> const Arrival& {
        if (auto it = arrivals.find(name); it != arrivals.end()) return it->second;
        Arrival a;
        a.name = name;
        auto p = by_name.find(name);
        int at = p == by_name.end() ? -1 : p->second;
        std::set<int> seen;
        while (at >= 0 && folds_into[at] >= 0 && seen.insert(at).second) {
            a.folded.push_back(at);
            a.mood += parsed[at].mood;
            a.has_mood = a.has_mood || parsed[at].has_mood;
            at = folds_into[at];
        }
        if (at >= 0 && seen.count(at)) at = a.folded.back(), a.folded.pop_back();  // a loop of narration: stop before it closes
        if (at >= 0) {
            a.name = story[at].name;
            a.mood += parsed[at].mood;
            a.has_mood = a.has_mood || parsed[at].has_mood;
        }
        return arrivals[name] = std::move(a);
    };
    std::vector<bool> folded_used(story.size(), false);
    std::map<std::string, std::vector<std::string>> narration_for;  // passage name -> folded text

    // What is reachable from the start; passages and missing targets get ids in that order.
    UniqueIds ids;
    std::vector<OutElement> elements;  // nodes and endings
    std::map<std::string, int> element_of;  // passage name (or missing target) -> element
    std::deque<int> queue;
    auto element_for = [&](const std::string& link_name, int from_line) -> int {
        if (auto it = element_of.find(link_name); it != element_of.end()) return it->second;
        const Arrival& arrival = arrive(link_name);
        for (int f : arrival.folded)
            if (!folded_used[f]) {
                folded_used[f] = true;
                auto& n = narration_for[arrival.name];
                n.insert(n.end(), parsed[f].paragraphs.begin(), parsed[f].paragraphs.end());
                early.push_back({0, story[f].line, "narration passage '" + shorten_text(story[f].name, 40) +
                                                       "' became the note of '" + shorten_text(arrival.name, 40) + "'"});
            }
        const std::string& name = arrival.name;
        if (auto it = element_of.find(name); it != element_of.end()) return element_of[link_name] = it->second;
        OutElement e;
        e.name = name;
        auto p = by_name.find(name);
        if (p == by_name.end()) {
            e.id = ids.make(name, "missing-passage");
            e.ending = true;
            e.made_up = true;
            e.twee_line = from_line;
            e.todo.push_back("a link goes to '" + shorten_text(name, 40) +
                             "', which is not a passage; this ending stands in for it: write it, or fix the link");
        } else {
            const Passage& ps = story[p->second];
            e.id = ids.make(ps.name, "passage");
            e.twee_line = ps.line;
            e.ending = parsed[p->second].links.empty() && p->second != start;
            queue.push_back(p->second);
        }
        elements.push_back(std::move(e));
        element_of[name] = static_cast<int>(elements.size()) - 1;
        return element_of[link_name] = element_of[name];
    };
    const int start_element = element_for(story[start].name, story[start].line);
    std::vector<int> passage_element(story.size(), -1);
    while (!queue.empty()) {
        int pi = queue.front();
        queue.pop_front();
        int ei = element_of[story[pi].name];
        passage_element[pi] = ei;
        for (const auto& [link, line] : parsed[pi].links) element_for(link.target, line);
    }
    for (std::size_t i = 0; i < story.size(); ++i)
        if (passage_element[i] < 0 && !folded_used[i] && by_name[story[i].name] == static_cast<int>(i))
            early.push_back({0, story[i].line, "passage '" + shorten_text(story[i].name, 40) +
                                                   "' cannot be reached from the start and was left out"});

    // Fill in nodes and endings.
    for (std::size_t pi = 0; pi < story.size(); ++pi) {
        int ei = passage_element[pi];
        if (ei < 0) continue;
        OutElement& e = elements[ei];
        const Passage& p = story[pi];
        e.note = narration_for[p.name];
        // Narration kept as a node (it leads several ways): what it tells is a note, not the customer's words.
        auto& told = narration[pi] && !e.ending ? e.note : e.lines;
        told.insert(told.end(), parsed[pi].paragraphs.begin(), parsed[pi].paragraphs.end());
        for (auto& t : parsed[pi].todo) e.todo.push_back(t);
        if (p.name.empty()) e.todo.push_back("the passage has no name; its id was made up");
        if (e.ending) {
            for (const auto& t : p.tags)
                for (const char* type : {"recovered", "escalated", "parted", "lost"})
                    if (t == type) {
                        e.type = type;
                        e.type_guessed = false;
                    }
            continue;
        }
        for (const auto& [link, line] : parsed[pi].links) {
            OutChoice c;
            c.text = trim(strip_twine_markup(link.text));
            if (c.text.empty()) c.text = link.target.empty() ? "(continue)" : link.target;
            c.target = elements[element_of[link.target]].id;
            c.twee_line = line;
            if (!link.setter.empty()) apply_setter(link.setter, c);
            const Arrival& arrival = arrive(link.target);
            c.mood = std::clamp(c.mood + arrival.mood, -100, 100);
            c.has_mood = c.has_mood || arrival.has_mood;
            e.choices.push_back(std::move(c));
        }
    }

    // A node from which no ending can be reached gets a way out, so the scenario can finish.
    {
        std::map<std::string, int> index_of_id;
        for (int i = 0; i < static_cast<int>(elements.size()); ++i) index_of_id[elements[i].id] = i;
        std::vector<bool> finishes(elements.size(), false);
        for (std::size_t i = 0; i < elements.size(); ++i) finishes[i] = elements[i].ending;
        for (bool changed = true; changed;) {
            changed = false;
            for (std::size_t i = 0; i < elements.size(); ++i) {
                if (finishes[i]) continue;
                for (const auto& c : elements[i].choices)
                    if (finishes[index_of_id[c.target]]) {
                        finishes[i] = changed = true;
                        break;
                    }
            }
        }
        std::string unfinished_id;
        for (std::size_t i = 0; i < elements.size(); ++i) {
            if (finishes[i]) continue;
            if (unfinished_id.empty()) {
                OutElement end;
                end.id = unfinished_id = ids.make("unfinished", "unfinished");
                end.name = "The conversation ends";
                end.ending = true;
                end.made_up = true;
                end.todo.push_back("the story never ends from some passages; this ending was added so that it can");
                elements.push_back(std::move(end));
                finishes.push_back(true);
                index_of_id[unfinished_id] = static_cast<int>(elements.size()) - 1;
            }
            OutChoice c;
            c.text = "(End the conversation here)";
            c.target = unfinished_id;
            c.todo.push_back("added: no ending could be reached from this passage; write a real way out");
            elements[i].choices.push_back(std::move(c));
            // One way out may be enough for the passages that lead here: spread it before the next.
            finishes[i] = true;
            for (bool changed = true; changed;) {
                changed = false;
                for (std::size_t k = 0; k < elements.size(); ++k) {
                    if (finishes[k]) continue;
                    for (const auto& ch : elements[k].choices)
                        if (finishes[index_of_id[ch.target]]) {
                            finishes[k] = changed = true;
                            break;
                        }
                }
            }
        }
    }

    // --- The YAML ---------------------------------------------------------------------------
    std::vector<ImportNote> notes;
    const bool untitled = title.empty();
    if (untitled) title = "Imported from " + options.source_name;
    YamlOut y;
    for (std::size_t at = 0, nl;; at = nl + 1) {  // one or more comment lines
        const std::string header = schema_comment(options.schema_ref);
        nl = header.find('\n', at);
        y.add(header.substr(at, nl == std::string::npos ? std::string::npos : nl - at));
        if (nl == std::string::npos) break;
    }
    y.add("#");
    y.add("# Imported from the Twine story " + std::string(shorten_text(options.source_name, 60)) + ". Twine knows");
    y.add("# nothing of behaviour tags, mood, feedback or the customer: fill them in (the import report");
    y.add("# lists every place), then run  turnaround-cli lint  and  turnaround-cli analyze.");
    y.add("format: 1");
    y.add("id: " + UniqueIds().make(title, "imported"));
    if (untitled) notes.push_back({y.line(), 0, "the story has no StoryTitle; give the scenario a title"});
    y.add("title: " + yaml_quoted(title));
    y.add("version: \"0.1\"");
    y.add("draft: true                # remove once the to-dos are done: until then attempts are not kept");
    int summary_line = y.line();
    y.add("summary: " + yaml_quoted("Imported from Twine. Describe the situation in one or two sentences."));
    notes.push_back({summary_line, 0, "write a summary, and add industry, difficulty, minutes and objectives"});
    y.add("");
    y.add("customer:");
    int customer_line = y.line();
    y.add("  name: \"Customer\"");
    if (parsed[start].set_mood >= 0) initial_mood = parsed[start].set_mood;
    if (initial_mood >= 0) {
        y.add("  mood: " + std::to_string(initial_mood) + "             # from the story's $mood");
        notes.push_back({customer_line, 0, "name the customer and add persona and backstory"});
    } else {
        y.add("  mood: 30");
        notes.push_back({customer_line, 0, "name the customer and add persona, backstory and a starting mood"});
    }
    y.add("");
    y.add("start: " + elements[start_element].id);
    y.add("");
    y.add("nodes:");
    for (auto& e : elements) {
        if (e.ending) continue;
        ++result.nodes;
        y.from(e.twee_line);
        for (const auto& t : e.todo) y.add("  # TODO: " + t);
        int node_line = y.line();
        y.add("  - id: " + e.id);
        for (const auto& t : e.todo) notes.push_back({node_line, e.twee_line, t});
        if (!e.note.empty()) y.add("    note: " + yaml_quoted(join_lines(e.note)));
        if (!e.lines.empty()) {
            y.add("    say:");
            for (const auto& l : e.lines) y.add("      - text: " + yaml_quoted(l));
        } else {
            notes.push_back({node_line, e.twee_line, "the passage has no text for the customer to say; add 'say:'"});
        }
        y.add("    choices:");
        for (const auto& c : e.choices) {
            ++result.choices;
            y.from(c.twee_line ? c.twee_line : e.twee_line);
            for (const auto& t : c.todo) y.add("      # TODO: " + t);
            int choice_line = y.line();
            y.add("      - text: " + yaml_quoted(c.text));
            y.add("        next: " + c.target);
            if (!c.sets.empty()) y.add("        sets: " + flow_list(c.sets));
            if (!c.clears.empty()) y.add("        clears: " + flow_list(c.clears));
            if (c.has_mood && c.mood != 0) y.add(std::string("        mood: ") + (c.mood > 0 ? "+" : "") + std::to_string(c.mood));
            for (const auto& t : c.todo) notes.push_back({choice_line, c.twee_line, t});
            notes.push_back({choice_line, c.twee_line,
                             "choice \"" + shorten_text(c.text, 40) + "\": add tags" +
                                 (c.has_mood ? "" : ", a mood change") + " and one sentence of feedback"});
        }
    }
    y.add("");
    y.add("endings:");
    for (auto& e : elements) {
        if (!e.ending) continue;
        ++result.endings;
        y.from(e.twee_line);
        for (const auto& t : e.todo) y.add("  # TODO: " + t);
        int ending_line = y.line();
        y.add("  - id: " + e.id);
        y.add("    type: " + e.type);
        y.add("    title: " + yaml_quoted(e.name.empty() ? e.id : e.name));
        std::string epilogue;
        for (const auto& l : e.note) epilogue += (epilogue.empty() ? "" : " ") + l;
        for (const auto& l : e.lines) epilogue += (epilogue.empty() ? "" : " ") + l;
        if (!epilogue.empty()) y.add("    epilogue: " + yaml_quoted(epilogue));
        for (const auto& t : e.todo) notes.push_back({ending_line, e.twee_line, t});
        if (e.type_guessed)
            notes.push_back({ending_line, e.twee_line,
                             "ending \"" + shorten_text(e.name.empty() ? e.id : e.name, 40) +
                                 "\": its type was guessed as lost; say whether it is recovered, escalated, parted or lost"});
    }

    // Notes without a YAML line first (in Twee order), then the rest in YAML order.
    std::stable_sort(notes.begin(), notes.end(), [](const ImportNote& a, const ImportNote& b) { return a.yaml_line < b.yaml_line; });
    std::stable_sort(early.begin(), early.end(), [](const ImportNote& a, const ImportNote& b) { return a.twee_line < b.twee_line; });
    result.notes = std::move(early);
    result.notes.insert(result.notes.end(), notes.begin(), notes.end());
    result.yaml = y.text();
    result.source_line_of_yaml = y.sources();
    result.ok = true;
    return result;
}

}  // namespace ta
