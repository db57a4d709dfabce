// yaml_loader.cpp: reads a scenario file into the model, checking every field as it goes.
//
// The YAML tree is walked by hand against the format in scenarios/README.md, so that each problem
// is reported at the exact line and column it was written, and every problem in the file is
// reported in one pass. Graph-wide checks follow in validate.cpp.
#include <yaml-cpp/exceptions.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <sys/stat.h>

#include "format_keys.h"
#include "loader.h"
#include "text_prescan.h"
#include "text_suggest.h"
#include "utf8_text.h"
#include "validate.h"
#include "validate_text.h"
#include "yaml_syntax.h"
#include "yaml_tree.h"

namespace ta {

namespace {

using Severity = Diagnostic::Severity;

// Aliases let a small file describe a huge tree ("billion laughs"). What they add beyond the
// values the file writes itself is measured before reading, and a file whose aliases add more than
// this is refused; honest reuse of a shared block adds a few thousand.
constexpr std::uint64_t kAliasAllowance = 1'000'000;
// After this many problems the rest are noise; stop reporting.
constexpr size_t kMaxDiagnostics = 500;

std::vector<std::string> key_list(std::span<const std::string_view> keys) {
    return {keys.begin(), keys.end()};
}
// The key tables of the format (format_keys.h), as the suggestion helper wants them.
const std::vector<std::string> kTopKeys = key_list(format_keys::kTopLevel);
const std::vector<std::string> kCustomerKeys = key_list(format_keys::kCustomer);
const std::vector<std::string> kAppearanceKeys = key_list(format_keys::kAppearance);
const std::vector<std::string> kScoringKeys = key_list(format_keys::kScoring);
const std::vector<std::string> kNodeKeys = key_list(format_keys::kNode);
const std::vector<std::string> kLineKeys = key_list(format_keys::kLine);
const std::vector<std::string> kRouteKeys = key_list(format_keys::kMoodRoute);
const std::vector<std::string> kChoiceKeys = key_list(format_keys::kChoice);
const std::vector<std::string> kTimeoutKeys = key_list(format_keys::kOnTimeout);
const std::vector<std::string> kEndingKeys = key_list(format_keys::kEnding);
const std::vector<std::string> kCompetencyKeys = key_list(format_keys::kCompetencyMap);
const std::vector<std::string> kExpectationKeys = key_list(format_keys::kExpectation);
const std::vector<std::string> kScoreRangeKeys = key_list(format_keys::kScoreRange);

SourcePos to_pos(const YAML::Mark& m) {
    if (m.line < 0 || m.column < 0) return {};
    return {m.line + 1, m.column + 1};
}

std::string shorten(const std::string& s) { return shorten_for_message(s, 40); }

std::string describe(const YamlNode& v) {
    switch (v.Type()) {
        case YAML::NodeType::Scalar: return "'" + shorten(v.Scalar()) + "'";
        case YAML::NodeType::Sequence: return "a list";
        case YAML::NodeType::Map: return "a map";
        case YAML::NodeType::Null: return "nothing";
        default: return "nothing";
    }
}

// Strict whole numbers: optional sign, digits only. yaml-cpp's own conversion accepts more
// than an author means (and throws on the rest), so numbers are parsed here.
std::optional<long> parse_whole(const std::string& s) {
    size_t i = (!s.empty() && (s[0] == '+' || s[0] == '-')) ? 1 : 0;
    if (i >= s.size() || s.size() - i > 9) return std::nullopt;
    for (size_t k = i; k < s.size(); ++k)
        if (s[k] < '0' || s[k] > '9') return std::nullopt;
    return std::strtol(s.c_str(), nullptr, 10);
}

std::optional<double> parse_number(const std::string& s) {
    if (s.empty() || s.size() > 32) return std::nullopt;
    for (char c : s)
        if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E'))
            return std::nullopt;
    char* end = nullptr;
    errno = 0;
    double v = std::strtod(s.c_str(), &end);
    if (end != s.c_str() + s.size() || errno != 0 || !std::isfinite(v)) return std::nullopt;
    return v;
}

// The entries of one YAML map, checked for unknown and repeated keys.
struct Fields {
    struct Entry {
        YamlNode key;
        YamlNode value;
    };
    std::map<std::string, Entry> entries;
    YamlNode map;

    bool has(const std::string& k) const { return entries.count(k) > 0; }
    // Present and not empty ("key:" with nothing after it counts as absent).
    const Entry* get(const std::string& k) const {
        auto it = entries.find(k);
        if (it == entries.end() || it->second.value.IsNull()) return nullptr;
        return &it->second;
    }
};

// The ids that replies, time-outs, mood routes and the walkout lead to but no node has: with no
// endings section, the endings the author meant to write. ", with the ids ..." or "".
std::string endings_wanted(const Scenario& s) {
    std::vector<std::string> ids;
    auto want = [&](const std::string& id) {
        if (id.empty() || std::find(ids.begin(), ids.end(), id) != ids.end()) return;
        for (const Node& n : s.nodes)
            if (n.id == id) return;
        ids.push_back(id);
    };
    for (const Node& n : s.nodes) {
        for (const Choice& c : n.choices) want(c.next);
        if (n.on_timeout) want(n.on_timeout->next);
        for (const MoodRoute& r : n.mood_routes) want(r.next);
    }
    want(s.customer.walkout);
    if (ids.empty()) return "";
    std::string out = " with the endings the replies lead to: ";
    for (std::size_t i = 0; i < ids.size() && i < 8; ++i) out += (i ? ", " : "") + shorten(ids[i]);
    return out + (ids.size() > 8 ? " and " + std::to_string(ids.size() - 8) + " more" : "");
}

// What follows from a scenario having no endings at all, reported once at its cause instead:
// every path "loops back", and every 'next' that names an ending names nothing.
bool follows_from_no_endings(const Diagnostic& d) {
    return d.code == "dead-end" || d.code == "unknown-target" || d.code == "trap" || d.code == "no-recovered-ending";
}

class Reader {
public:
    // `values`: how many values a walk of the whole file meets (YamlTree::expanded_count).
    Reader(const std::string& file, const LoadOptions& options, std::vector<Diagnostic>& diags,
           FieldPositions& positions, std::uint64_t values)
        : file_(file), options_(options), diags_(diags), positions_(positions),
          // The reader looks at a value at most twice (its entry, then its content); the
          // budget only guards against a walk that somehow goes round and round.
          visit_budget_(static_cast<long>(std::min<std::uint64_t>(values, kAliasAllowance * 16)) * 4 + 1000) {
        tag_list_.assign(options.known_tags.begin(), options.known_tags.end());
    }

    void read_scenario(const YamlNode& root, Scenario& s);
    // The file's text, so that problems inside a value can be placed where they were written.
    void set_source(std::string_view text) { source_ = text; }
    // True when the file expanded past the visit budget: the model is incomplete.
    bool budget_spent() const { return budget_spent_; }

private:
    // --- reporting -------------------------------------------------------------------------
    void report(Severity sev, SourcePos pos, const char* code, const std::string& message) {
        if (diags_.size() >= kMaxDiagnostics) {
            if (!too_many_) {
                too_many_ = true;
                diags_.push_back({Severity::Error, file_, 0, 0, "too-many-problems",
                                  "more than " + std::to_string(kMaxDiagnostics) +
                                      " problems; fix these and run the check again to see the rest"});
            }
            return;
        }
        diags_.push_back({sev, file_, pos.line, pos.column, code, message});
    }
    void error(SourcePos pos, const char* code, const std::string& message) {
        report(Severity::Error, pos, code, message);
    }
    void warning(SourcePos pos, const char* code, const std::string& message) {
        report(Severity::Warning, pos, code, message);
    }

    // Where a value was written; an empty value has no useful mark of its own, so use its key's.
    static SourcePos pos_of(const Fields::Entry& e) {
        SourcePos p = e.value.IsNull() ? SourcePos{} : to_pos(e.value.Mark());
        return p.line ? p : to_pos(e.key.Mark());
    }

    // Counts every value walked; false once the budget is spent (reported once).
    bool visit() {
        if (++visited_ <= visit_budget_) return true;
        if (!budget_spent_) {
            budget_spent_ = true;
            error({}, "too-large",
                  "reading the file went past " + std::to_string(visit_budget_) +
                      " values (probably through '*' aliases that contain each other); the rest was not read");
        }
        return false;
    }

    // --- structure ---------------------------------------------------------------------------
    // Reads the map's entries, reporting unknown and repeated keys. `what` names the map in
    // messages ("node 'opening'").
    Fields fields(const YamlNode& map, const std::vector<std::string>& allowed, const std::string& what) {
        Fields f;
        f.map = map;
        std::set<std::string> stand_ins;  // keys filled from a misspelling, until the real one comes
        for (auto it = map.begin(); it != map.end(); ++it) {
            if (!visit()) break;
            // Copies: the iterator hands out a temporary pair, so references would dangle.
            const YamlNode k = it->first;
            const YamlNode value = it->second;
            if (!k.IsScalar()) {
                error(to_pos(k.Mark()), "bad-key",
                      "a key in " + what + " is " + describe(k) + "; keys must be plain words such as '" +
                          allowed.front() + "'");
                continue;
            }
            const std::string name = k.Scalar();
            if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
                std::string hint = did_you_mean(name, allowed);
                if (hint.empty()) {
                    hint = "; allowed keys are ";
                    for (size_t i = 0; i < allowed.size(); ++i) hint += (i ? ", " : "") + allowed[i];
                }
                error(to_pos(k.Mark()), "unknown-key", "unknown key '" + shorten(name) + "' in " + what + hint);
                // Read on as if it were spelt as meant, so its absence is not reported too.
                if (const std::string meant = closest_match(name, allowed); !meant.empty() && !f.entries.count(meant)) {
                    f.entries[meant] = {k, value};
                    stand_ins.insert(meant);
                }
                continue;
            }
            if (stand_ins.erase(name)) {  // the real key after all: it wins over the misspelling
                f.entries[name] = {k, value};
                continue;
            }
            if (f.entries.count(name)) {
                error(to_pos(k.Mark()), "duplicate-key",
                      "'" + name + "' appears twice in " + what + " (first at line " +
                          std::to_string(to_pos(f.entries[name].key.Mark()).line) + "); keep only one");
                continue;
            }
            f.entries[name] = {k, value};
        }
        return f;
    }

    void missing(const Fields& f, const std::string& key, const std::string& what, const std::string& hint) {
        SourcePos p = to_pos(f.map.Mark());
        if (auto it = f.entries.find(key); it != f.entries.end()) {
            error(to_pos(it->second.key.Mark()), "missing-field",
                  "'" + key + "' in " + what + " has no value; " + hint);
            return;
        }
        error(p, "missing-field", what + " has no '" + key + "'; " + hint);
    }

    bool expect_map(const YamlNode& v, SourcePos pos, const std::string& what, const std::string& example) {
        if (v.IsMap()) return true;
        error(pos, "wrong-type", what + " must be a map of fields (" + example + "), got " + describe(v));
        return false;
    }

    // --- values ------------------------------------------------------------------------------
    // A number or boolean written in quotes is text to the schema and to editors, so it is refused
    // here too (with the fix) rather than silently read as a number.
    bool quoted_value(const Fields::Entry& e, const std::string& key, const std::string& what, const char* kind) {
        if (!e.value.IsQuoted()) return false;
        const std::string& v = e.value.Scalar();
        const bool looks_right = kind[0] == 't' ? v == "true" || v == "false" : parse_number(v).has_value();
        error(pos_of(e), "wrong-type",
              "'" + key + "' in " + what + " must be " + kind + ", got the text '" + shorten(v) + "' in quotes; " +
                  (looks_right ? "remove the quotes: " + key + ": " + shorten(v) : std::string("write ") + kind + " without quotes"));
        return true;
    }

    // Text a scenario shows (or names things with) must hold no control characters.
    void check_shown(const std::string& value, SourcePos pos, const std::string& field) {
        if (auto problem = check_shown_text(value, pos, source_, field))
            error(problem->pos, "control-character", problem->message);
    }

    bool read_text(const Fields& f, const std::string& key, const std::string& what, std::string& out,
                   bool required, const std::string& hint = "") {
        const Fields::Entry* e = f.get(key);
        if (!e) {
            if (required) missing(f, key, what, hint.empty() ? "add it" : hint);
            return false;
        }
        if (!visit()) return false;
        if (!e->value.IsScalar()) {
            error(pos_of(*e), "wrong-type",
                  "'" + key + "' in " + what + " must be text, got " + describe(e->value) +
                      (e->value.IsMap() ? " (put text containing ': ' in quotes)" : ""));
            return false;
        }
        out = e->value.Scalar();
        check_shown(out, pos_of(*e), "'" + key + "' in " + what);
        if (required && out.empty()) {
            error(pos_of(*e), "missing-field", "'" + key + "' in " + what + " is empty; " + (hint.empty() ? "fill it in" : hint));
            return false;
        }
        positions_.at(pos_key_prefix_ + key) = pos_of(*e);
        return true;
    }

    bool read_int(const Fields& f, const std::string& key, const std::string& what, int lo, int hi, int& out,
                  bool required = false) {
        const Fields::Entry* e = f.get(key);
        if (!e) {
            if (required)
                missing(f, key, what,
                        "add a whole number from " + std::to_string(lo) + " to " + std::to_string(hi));
            return false;
        }
        if (!visit()) return false;
        if (quoted_value(*e, key, what, "a whole number")) return false;
        std::optional<long> v;
        if (e->value.IsScalar()) v = parse_whole(e->value.Scalar());
        if (!v) {
            error(pos_of(*e), "wrong-type",
                  "'" + key + "' in " + what + " must be a whole number from " + std::to_string(lo) + " to " +
                      std::to_string(hi) + ", got " + describe(e->value));
            return false;
        }
        if (*v < lo || *v > hi) {
            error(pos_of(*e), "out-of-range",
                  "'" + key + "' in " + what + " is " + std::to_string(*v) + "; it must be from " +
                      std::to_string(lo) + " to " + std::to_string(hi));
            return false;
        }
        out = static_cast<int>(*v);
        positions_.at(pos_key_prefix_ + key) = pos_of(*e);
        return true;
    }

    // A text that must be one of `allowed`; a wrong one is an error with a did-you-mean.
    bool read_choice_of(const Fields& f, const std::string& key, const std::string& what,
                        const std::vector<std::string>& allowed, std::string& out) {
        std::string v;
        if (!read_text(f, key, what, v, false)) return false;
        if (std::find(allowed.begin(), allowed.end(), v) == allowed.end()) {
            std::string list;
            for (std::size_t i = 0; i < allowed.size(); ++i) list += (i ? ", " : "") + allowed[i];
            error(pos_of(*f.get(key)), "bad-value",
                  "'" + key + "' in " + what + " is '" + shorten(v) + "'" + did_you_mean_or(v, allowed, "use one of " + list));
            return false;
        }
        out = v;
        return true;
    }

    bool read_bool(const Fields& f, const std::string& key, const std::string& what, bool& out) {
        const Fields::Entry* e = f.get(key);
        if (!e || !visit()) return false;
        if (quoted_value(*e, key, what, "true or false")) return false;
        const std::string v = e->value.IsScalar() ? e->value.Scalar() : "";
        if (v != "true" && v != "false") {
            error(pos_of(*e), "wrong-type", "'" + key + "' in " + what + " must be true or false, got " + describe(e->value));
            return false;
        }
        out = v == "true";
        positions_.at(pos_key_prefix_ + key) = pos_of(*e);
        return true;
    }

    // A list of short words (tags, flags, objectives). Each item's position is recorded.
    std::vector<std::string> read_list(const Fields& f, const std::string& key, const std::string& what,
                                       const std::string& example, std::vector<SourcePos>* item_pos = nullptr) {
        std::vector<std::string> out;
        const Fields::Entry* e = f.get(key);
        if (!e) return out;
        if (!visit()) return out;
        if (!e->value.IsSequence()) {
            error(pos_of(*e), "wrong-type",
                  "'" + key + "' in " + what + " must be a list, e.g. " + example + ", got " + describe(e->value));
            return out;
        }
        for (const auto& item : e->value) {
            if (!visit()) break;
            if (!item.IsScalar() || item.Scalar().empty()) {
                error(to_pos(item.Mark()).line ? to_pos(item.Mark()) : pos_of(*e), "wrong-type",
                      "each item of '" + key + "' in " + what + " must be a word or sentence, got " + describe(item));
                continue;
            }
            out.push_back(item.Scalar());
            check_shown(item.Scalar(), to_pos(item.Mark()),
                        "item " + std::to_string(out.size()) + " of '" + key + "' in " + what);
            if (item_pos) item_pos->push_back(to_pos(item.Mark()));
        }
        return out;
    }

    // A {competency: number} map (choice points, scoring weights). `given`, when passed, marks
    // the competencies the map sets.
    std::optional<CompetencyArray> read_competency_map(const Fields& f, const std::string& key, const std::string& what,
                                                       double lo, double hi,
                                                       std::array<bool, kCompetencyCount>* given = nullptr) {
        const Fields::Entry* e = f.get(key);
        if (!e || !visit()) return std::nullopt;
        if (!e->value.IsMap()) {
            error(pos_of(*e), "wrong-type",
                  "'" + key + "' in " + what + " must be a map such as {listening: 2, apology: 1}, got " +
                      describe(e->value));
            return std::nullopt;
        }
        CompetencyArray values{};
        const std::string map_what = "'" + key + "' of " + what;
        Fields comp = fields(e->value, kCompetencyKeys, map_what);
        for (const auto& [name, entry] : comp.entries) {
            if (!visit()) break;
            if (quoted_value(entry, name, map_what, "a number")) continue;
            std::optional<double> v;
            if (entry.value.IsScalar()) v = parse_number(entry.value.Scalar());
            const int index = static_cast<int>(*competency_from_key(name));
            if (!v) {
                error(pos_of(entry), "wrong-type",
                      "'" + name + "' in " + map_what + " must be a number, got " + describe(entry.value));
            } else if (*v < lo || *v > hi) {
                error(pos_of(entry), "out-of-range",
                      "'" + name + "' in " + map_what + " is " + shorten(entry.value.Scalar()) + "; it must be from " +
                          std::to_string(static_cast<int>(lo)) + " to " + std::to_string(static_cast<int>(hi)));
            } else {
                values[index] = *v;
                if (given) (*given)[index] = true;
            }
        }
        return values;
    }

    void check_tags(const std::vector<std::string>& tags, const std::vector<SourcePos>& pos, const std::string& what) {
        if (options_.known_tags.empty()) return;
        for (size_t i = 0; i < tags.size(); ++i)
            if (!options_.known_tags.count(tags[i]))
                error(pos[i], "unknown-tag",
                      "unknown tag '" + shorten(tags[i]) + "' in " + what +
                          did_you_mean_or(tags[i], tag_list_, "use a tag from scoring/rubric.yaml"));
    }

    // "node 'opening'" when the map has a usable id, else "node 3", for messages.
    static std::string name_of(const YamlNode& v, const char* kind, int index) {
        if (v.IsMap()) {
            const YamlNode id = v["id"];
            if (id.IsScalar() && !id.Scalar().empty()) return std::string(kind) + " '" + shorten(id.Scalar()) + "'";
        }
        return std::string(kind) + " " + std::to_string(index + 1);
    }

    // --- parts of a scenario ---------------------------------------------------------------------
    void read_customer(const Fields::Entry& e, Customer& c);
    void read_appearance(const Fields::Entry& e, Appearance& a);
    void read_scoring(const Fields::Entry& e, ScoringOverrides& sc);
    void read_waivers(const Fields::Entry& e, ScoringOverrides& sc);
    void read_node(const YamlNode& v, int index, SourcePos list_pos, Node& node);
    void read_lines(const Fields::Entry& e, const std::string& what, std::vector<Line>& lines);
    void read_routes(const Fields::Entry& e, int node_index, const std::string& what, std::vector<MoodRoute>& routes);
    bool read_choice(const YamlNode& v, const std::string& what, bool is_timeout, SourcePos list_pos, Choice& c);
    void read_ending(const YamlNode& v, int index, SourcePos list_pos, Ending& ending);
    void read_expectation(const YamlNode& v, int index, SourcePos list_pos, Expectation& x);

    const std::string& file_;
    const LoadOptions& options_;
    std::vector<Diagnostic>& diags_;
    FieldPositions& positions_;
    std::vector<std::string> tag_list_;
    std::string pos_key_prefix_;  // FieldPositions key prefix for the element being read
    std::string_view source_;
    long visit_budget_;
    long visited_ = 0;
    bool budget_spent_ = false;
    bool too_many_ = false;
};

void Reader::read_scenario(const YamlNode& root, Scenario& s) {
    const std::string what = "the scenario";
    Fields f = fields(root, kTopKeys, what);

    pos_key_prefix_ = "";
    if (f.get("format") || f.has("format")) {
        int format = 0;
        if (read_int(f, "format", what, 1, 1, format)) s.format = format;
    } else {
        missing(f, "format", what, "add 'format: 1' at the top");
    }
    if (read_text(f, "id", what, s.id, true, "add an id of lower-case letters, digits and dashes")) {
        const bool good = std::all_of(s.id.begin(), s.id.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        });
        if (!good)
            error(positions_.at("id"), "bad-id",
                  "scenario id '" + shorten(s.id) + "' may use only lower-case letters, digits and dashes, e.g. 'late-delivery'");
    }
    read_text(f, "title", what, s.title, true, "add a short title");
    read_text(f, "version", what, s.version, false);
    read_text(f, "summary", what, s.summary, false);
    read_text(f, "industry", what, s.industry, false);
    std::string difficulty;
    if (read_text(f, "difficulty", what, difficulty, false)) {
        if (auto d = difficulty_from_key(difficulty)) s.difficulty = *d;
        else
            error(positions_.at("difficulty"), "bad-value",
                  "'difficulty' is '" + shorten(difficulty) + "'" +
                      did_you_mean_or(difficulty, {"easy", "medium", "hard"}, "use easy, medium or hard"));
    }
    read_int(f, "minutes", what, 1, 120, s.minutes);
    read_bool(f, "draft", what, s.draft);
    std::string channel;
    if (read_choice_of(f, "channel", what, channel_keys(), channel)) s.channel = *channel_from_key(channel);
    read_text(f, "subject", what, s.subject, false);
    read_int(f, "stars", what, 1, 5, s.stars);
    if (s.stars > 0 && s.channel != Channel::Review)
        warning(positions_.at("stars"), "unused-stars",
                "'stars' is set but the channel is not 'review', so no review page shows them; set 'channel: review' "
                "or remove 'stars'");
    std::vector<SourcePos> objective_pos;
    s.objectives = read_list(f, "objectives", what, "[Let the customer finish, Offer a choice]", &objective_pos);
    if (s.objectives.size() > 5)
        warning(objective_pos[5], "too-many-objectives",
                "the scenario lists " + std::to_string(s.objectives.size()) +
                    " objectives; keep it to 5 or fewer so trainees can hold them in mind");

    if (const Fields::Entry* e = f.get("customer")) read_customer(*e, s.customer);
    else missing(f, "customer", what, "add a 'customer:' map with at least 'name'");

    if (const Fields::Entry* e = f.get("scoring")) read_scoring(*e, s.scoring);

    pos_key_prefix_ = "";
    read_text(f, "start", what, s.start, true, "add 'start: <id of the first node>'");

    if (const Fields::Entry* e = f.get("nodes")) {
        if (!e->value.IsSequence()) {
            error(pos_of(*e), "wrong-type", "'nodes' must be a list of nodes (each starting with '- id:'), got " +
                                                describe(e->value));
        } else {
            for (const auto& v : e->value) {
                if (!visit()) break;
                s.nodes.emplace_back();
                read_node(v, static_cast<int>(s.nodes.size()) - 1, pos_of(*e), s.nodes.back());
            }
            if (s.nodes.empty() && !budget_spent_) error(pos_of(*e), "missing-field", "'nodes' is empty; add at least one node");
        }
    } else {
        missing(f, "nodes", what, "add a 'nodes:' list");
    }

    if (const Fields::Entry* e = f.get("endings")) {
        positions_.at("endings") = to_pos(e->key.Mark());
        if (!e->value.IsSequence()) {
            error(pos_of(*e), "wrong-type", "'endings' must be a list of endings (each starting with '- id:'), got " +
                                                describe(e->value));
        } else {
            for (const auto& v : e->value) {
                if (!visit()) break;
                s.endings.emplace_back();
                read_ending(v, static_cast<int>(s.endings.size()) - 1, pos_of(*e), s.endings.back());
            }
            if (s.endings.empty() && !budget_spent_)
                error(pos_of(*e), "missing-field", "'endings' is empty; add at least one ending" + endings_wanted(s));
        }
    } else {
        missing(f, "endings", what, "add an 'endings:' list" + endings_wanted(s));
    }

    if (const Fields::Entry* e = f.get("expect")) {
        if (!e->value.IsSequence()) {
            error(pos_of(*e), "wrong-type",
                  "'expect' must be a list of expectations (each '- name: ...' with choices and passes), got " +
                      describe(e->value));
        } else {
            for (const auto& v : e->value) {
                if (!visit()) break;
                s.expectations.emplace_back();
                read_expectation(v, static_cast<int>(s.expectations.size()) - 1, pos_of(*e), s.expectations.back());
            }
        }
    }
}

void Reader::read_customer(const Fields::Entry& e, Customer& c) {
    const std::string what = "'customer'";
    if (!expect_map(e.value, pos_of(e), what, "name, mood, persona, ...")) return;
    Fields f = fields(e.value, kCustomerKeys, what);
    pos_key_prefix_ = "customer.";
    read_text(f, "name", what, c.name, true, "add the customer's name");
    read_text(f, "relationship", what, c.relationship, false);
    read_text(f, "persona", what, c.persona, false);
    read_text(f, "backstory", what, c.backstory, false);
    read_int(f, "mood", what, 0, 100, c.mood);
    read_int(f, "patience", what, 0, 20, c.patience);
    read_text(f, "walkout", what, c.walkout, false);
    read_text(f, "portrait", what, c.portrait, false);
    if (const Fields::Entry* a = f.get("appearance")) read_appearance(*a, c.appearance);
    if (c.patience == 0 && !c.walkout.empty())
        warning(positions_.at("customer.walkout"), "unused-walkout",
                "'walkout' is set but 'patience' is 0 (unlimited), so it is never taken; set 'patience' or remove 'walkout'");
}

void Reader::read_appearance(const Fields::Entry& e, Appearance& a) {
    const std::string what = "'customer.appearance'";
    if (!expect_map(e.value, pos_of(e), what, "skin, hair, hair_colour, age, clothing, glasses, beard, headscarf")) return;
    Fields f = fields(e.value, kAppearanceKeys, what);
    pos_key_prefix_ = "customer.appearance.";
    read_choice_of(f, "skin", what, appearance_values("skin"), a.skin);
    read_choice_of(f, "hair", what, appearance_values("hair"), a.hair);
    read_choice_of(f, "hair_colour", what, appearance_values("hair_colour"), a.hair_colour);
    read_choice_of(f, "age", what, appearance_values("age"), a.age);
    read_choice_of(f, "clothing", what, appearance_values("clothing"), a.clothing);
    read_bool(f, "glasses", what, a.glasses);
    read_bool(f, "beard", what, a.beard);
    read_bool(f, "headscarf", what, a.headscarf);
    pos_key_prefix_ = "customer.";
}

void Reader::read_scoring(const Fields::Entry& e, ScoringOverrides& sc) {
    const std::string what = "'scoring'";
    if (!expect_map(e.value, pos_of(e), what, "pass_mark, weights, checks")) return;
    sc.pos = to_pos(e.value.Mark());
    Fields f = fields(e.value, kScoringKeys, what);
    pos_key_prefix_ = "scoring.";
    int pass = 0;
    if (read_int(f, "pass_mark", what, 0, 100, pass)) sc.pass_mark = pass;
    std::array<bool, kCompetencyCount> given{};
    if (auto weights = read_competency_map(f, "weights", what, 0, 100, &given)) {
        bool all_zero = true;
        for (int c = 0; c < kCompetencyCount; ++c) {
            if (given[c]) sc.weights[c] = (*weights)[c];
            all_zero = all_zero && given[c] && (*weights)[c] == 0;
        }
        if (all_zero)
            error(f.get("weights") ? pos_of(*f.get("weights")) : sc.pos, "out-of-range",
                  "every weight in 'scoring.weights' is 0, so nothing would be scored; give at least one "
                  "competency a weight above 0 (or leave out the ones that should keep the rubric's weight)");
    }
    std::vector<SourcePos> check_pos;
    sc.checks = read_list(f, "checks", what, "[no-pass-without-apology]", &check_pos);
    const std::vector<std::string> known = key_list(format_keys::kChecks);
    for (std::size_t i = 0; i < sc.checks.size(); ++i) {
        if (std::find(known.begin(), known.end(), sc.checks[i]) != known.end()) continue;
        std::string list;
        for (std::size_t k = 0; k < known.size(); ++k) list += (k ? ", " : "") + known[k];
        error(check_pos[i], "unknown-check",
              "unknown check '" + shorten(sc.checks[i]) + "' in 'scoring.checks'" +
                  did_you_mean_or(sc.checks[i], known, "the checks are " + list));
    }
    if (const Fields::Entry* w = f.get("waive")) read_waivers(*w, sc);
}

// `waive: {check: reason}`: a check the scenario is not meant to meet, and why, in a sentence.
void Reader::read_waivers(const Fields::Entry& e, ScoringOverrides& sc) {
    if (!visit()) return;
    if (!e.value.IsMap()) {
        error(pos_of(e), "wrong-type",
              "'waive' in 'scoring' must be a map of check names to reasons, such as\n"
              "  waive:\n    no-pass-without-follow-up: the relationship ends here, so there is nothing to follow up\n"
              "got " + describe(e.value));
        return;
    }
    std::vector<std::string> waivable;
    for (auto k : format_keys::kChecks)
        if (k != "passable") waivable.emplace_back(k);
    for (auto it = e.value.begin(); it != e.value.end(); ++it) {
        if (!visit()) break;
        const YamlNode k = it->first;
        const YamlNode v = it->second;
        const SourcePos at = to_pos(k.Mark());
        const std::string name = k.IsScalar() ? k.Scalar() : std::string();
        if (name == "passable") {
            error(at, "unknown-check", "'passable' cannot be waived: a scenario that nobody can pass teaches nothing");
            continue;
        }
        if (std::find(waivable.begin(), waivable.end(), name) == waivable.end()) {
            error(at, "unknown-check",
                  "unknown check '" + shorten(name) + "' in 'scoring.waive'" +
                      did_you_mean_or(name, waivable, "the checks are listed under 'scoring.checks' in scenarios/README.md"));
            continue;
        }
        if (std::find(sc.checks.begin(), sc.checks.end(), name) != sc.checks.end()) {
            error(at, "conflicting-fields",
                  "'" + name + "' is both listed in 'scoring.checks' and waived in 'scoring.waive'; keep one of them");
            continue;
        }
        if (!v.IsScalar() || v.Scalar().empty()) {
            error(at, "missing-field",
                  "waiving '" + name + "' needs a reason after the colon, in a sentence a reviewer can check, e.g.\n  " +
                      name + ": the customer leaves by design, so there is nothing to follow up");
            continue;
        }
        check_shown(v.Scalar(), to_pos(v.Mark()), "the reason for waiving '" + name + "'");
        sc.waived[name] = v.Scalar();
    }
}

void Reader::read_node(const YamlNode& v, int index, SourcePos list_pos, Node& node) {
    std::string what = name_of(v, "node", index);
    node.pos = to_pos(v.Mark());
    if (!node.pos.line) node.pos = list_pos;
    if (!expect_map(v, node.pos, what, "id, say, choices, ...")) return;
    Fields f = fields(v, kNodeKeys, what);
    pos_key_prefix_ = FieldPositions::node(index, "");
    read_text(f, "id", what, node.id, true, "add 'id: <a unique name>'");
    read_text(f, "note", what, node.note, false);
    std::string channel;
    if (read_choice_of(f, "channel", what, channel_keys(), channel)) node.channel = channel_from_key(channel);
    if (const Fields::Entry* e = f.get("say")) read_lines(*e, what, node.say);
    if (const Fields::Entry* e = f.get("mood_routes")) read_routes(*e, index, what, node.mood_routes);
    pos_key_prefix_ = FieldPositions::node(index, "");
    const bool timer_read = read_int(f, "timer", what, 0, 600, node.timer_seconds);

    if (const Fields::Entry* e = f.get("choices")) {
        if (!e->value.IsSequence()) {
            error(pos_of(*e), "wrong-type",
                  "'choices' in " + what + " must be a list (each choice starting with '- text:'), got " +
                      describe(e->value));
        } else {
            int c = 0;
            for (const auto& cv : e->value) {
                if (!visit()) break;
                Choice ch;
                pos_key_prefix_ = FieldPositions::choice(index, c, "");
                read_choice(cv, "choice " + std::to_string(c + 1) + " of " + what, false, pos_of(*e), ch);
                if (ch.id.empty()) ch.id = node.id + "#" + std::to_string(c + 1);
                node.choices.push_back(std::move(ch));
                ++c;
            }
            if (node.choices.empty() && !budget_spent_)
                error(pos_of(*e), "no-choices", what + " has an empty 'choices' list; add the replies the trainee can pick");
        }
    } else {
        missing(f, "choices", what, "add the replies the trainee can pick under 'choices:'");
    }

    if (const Fields::Entry* e = f.get("on_timeout")) {
        Choice t;
        pos_key_prefix_ = FieldPositions::timeout(index, "");
        if (read_choice(e->value, "'on_timeout' of " + what, true, pos_of(*e), t)) {
            t.id = node.id + "#timeout";
            if (t.text.empty()) t.text = "(says nothing)";
            node.on_timeout = std::move(t);
        }
        if (node.timer_seconds == 0 && (timer_read || !f.get("timer")))
            error(to_pos(e->key.Mark()), "timeout-without-timer",
                  what + " has 'on_timeout' but no 'timer'; add 'timer: <seconds>' or remove 'on_timeout'");
    } else if (node.timer_seconds > 0) {
        error(positions_.get(FieldPositions::node(index, "timer"), node.pos), "timer-without-timeout",
              what + " has a timer but no 'on_timeout'; add 'on_timeout:' with the 'next' taken when time runs out");
    }
}

void Reader::read_lines(const Fields::Entry& e, const std::string& what, std::vector<Line>& lines) {
    if (!e.value.IsSequence()) {
        error(pos_of(e), "wrong-type",
              "'say' in " + what + " must be a list of lines (each '- text: ...'), got " + describe(e.value));
        return;
    }
    int i = 0;
    for (const auto& v : e.value) {
        if (!visit()) break;
        const std::string line_what = "line " + std::to_string(++i) + " of " + what;
        Line line;
        line.pos = to_pos(v.Mark());
        if (!expect_map(v, line.pos.line ? line.pos : pos_of(e), line_what, "text, emotion")) continue;
        Fields f = fields(v, kLineKeys, line_what);
        read_text(f, "text", line_what, line.text, true, "write what the customer says");
        std::string emotion;
        if (read_text(f, "emotion", line_what, emotion, false)) {
            const auto& known = known_emotions();
            if (std::find(known.begin(), known.end(), emotion) == known.end()) {
                error(pos_of(*f.get("emotion")), "unknown-emotion",
                      "unknown emotion '" + shorten(emotion) + "' in " + line_what +
                          did_you_mean_or(emotion, known, "use one of the emotions listed in scenarios/README.md"));
            } else {
                line.emotion = emotion;
            }
        }
        lines.push_back(std::move(line));
    }
}

void Reader::read_routes(const Fields::Entry& e, int node_index, const std::string& what, std::vector<MoodRoute>& routes) {
    if (!e.value.IsSequence()) {
        error(pos_of(e), "wrong-type",
              "'mood_routes' in " + what + " must be a list (each '- below: N' or '- above: N' with 'next'), got " +
                  describe(e.value));
        return;
    }
    int r = 0;
    for (const auto& v : e.value) {
        if (!visit()) break;
        const std::string route_what = "mood route " + std::to_string(r + 1) + " of " + what;
        MoodRoute route;
        route.pos = to_pos(v.Mark());
        if (!expect_map(v, route.pos.line ? route.pos : pos_of(e), route_what, "below or above, and next")) {
            ++r;
            continue;
        }
        Fields f = fields(v, kRouteKeys, route_what);
        pos_key_prefix_ = FieldPositions::route(node_index, r, "");
        int n = 0;
        if (read_int(f, "below", route_what, 0, 100, n)) route.below = n;
        if (read_int(f, "above", route_what, 0, 100, n)) route.above = n;
        if (!f.has("below") && !f.has("above"))
            error(route.pos, "missing-field",
                  route_what + " has neither 'below' nor 'above'; add 'below: N' (mood < N) or 'above: N' (mood > N)");
        read_text(f, "next", route_what, route.next, true, "add 'next: <node or ending id>'");
        routes.push_back(std::move(route));
        ++r;
    }
}

bool Reader::read_choice(const YamlNode& v, const std::string& what, bool is_timeout, SourcePos list_pos, Choice& c) {
    c.pos = to_pos(v.Mark());
    if (!c.pos.line) c.pos = list_pos;
    if (!expect_map(v, c.pos, what, is_timeout ? "next, mood, tags, feedback" : "text, next, mood, tags, feedback"))
        return false;
    Fields f = fields(v, is_timeout ? kTimeoutKeys : kChoiceKeys, what);
    if (!is_timeout) read_text(f, "id", what, c.id, false);
    read_text(f, "text", what, c.text, !is_timeout, "write what the trainee says");
    read_text(f, "next", what, c.next, true, "add 'next: <node or ending id>'");
    read_int(f, "mood", what, -100, 100, c.mood);
    std::vector<SourcePos> tag_pos;
    c.tags = read_list(f, "tags", what, "[apologise, ask_question]", &tag_pos);
    check_tags(c.tags, tag_pos, what);
    if (auto points = read_competency_map(f, "points", what, -100, 100)) {
        c.points = *points;
        c.has_points = true;
    }
    read_text(f, "feedback", what, c.feedback, false);
    std::vector<SourcePos> req_pos;
    c.requires_flags = read_list(f, "requires", what, "[asked-details]", &req_pos);
    for (size_t k = 0; k < req_pos.size(); ++k) positions_.at(pos_key_prefix_ + "requires" + std::to_string(k)) = req_pos[k];
    c.requires_not_flags = read_list(f, "requires_not", what, "[offered-refund]");
    c.sets = read_list(f, "sets", what, "[asked-details]");
    c.clears = read_list(f, "clears", what, "[asked-details]");
    if (!is_timeout) read_bool(f, "model", what, c.model);
    if (f.get("red_line") && read_text(f, "red_line", what, c.red_line, true,
                                       "say in a sentence why this reply rules out a pass"))
        positions_.at(pos_key_prefix_ + "red_line") = pos_of(*f.get("red_line"));
    return true;
}

void Reader::read_ending(const YamlNode& v, int index, SourcePos list_pos, Ending& ending) {
    const std::string what = name_of(v, "ending", index);
    ending.pos = to_pos(v.Mark());
    if (!ending.pos.line) ending.pos = list_pos;
    if (!expect_map(v, ending.pos, what, "id, type, title, epilogue")) return;
    Fields f = fields(v, kEndingKeys, what);
    pos_key_prefix_ = FieldPositions::ending(index, "");
    read_text(f, "id", what, ending.id, true, "add 'id: <a unique name>'");
    std::string type;
    if (read_text(f, "type", what, type, true, "add 'type: recovered' (or escalated, parted, lost)")) {
        if (auto t = ending_type_from_key(type)) ending.type = *t;
        else
            error(pos_of(*f.get("type")), "bad-value",
                  "'type' of " + what + " is '" + shorten(type) + "'" +
                      did_you_mean_or(type, {"recovered", "escalated", "parted", "lost"},
                                      "use recovered, escalated, parted or lost"));
    }
    read_text(f, "title", what, ending.title, true, "add a short title for the ending");
    read_text(f, "epilogue", what, ending.epilogue, false);
    bool can_pass = false;
    if (read_bool(f, "can_pass", what, can_pass)) {
        ending.can_pass = can_pass;
        if (can_pass && ending.type == EndingType::Lost)
            error(pos_of(*f.get("can_pass")), "bad-value",
                  what + " is a lost customer and says 'can_pass: true'; a conversation that loses the customer never "
                         "passes, so remove 'can_pass' or change the type (parted, if parting was the right call)");
    }
}

void Reader::read_expectation(const YamlNode& v, int index, SourcePos list_pos, Expectation& x) {
    const std::string what = "expectation " + std::to_string(index + 1);
    x.pos = to_pos(v.Mark());
    if (!x.pos.line) x.pos = list_pos;
    if (!expect_map(v, x.pos, what, "name, choices, passes, why")) return;
    Fields f = fields(v, kExpectationKeys, what);
    pos_key_prefix_ = "expect" + std::to_string(index) + ".";
    read_text(f, "name", what, x.name, false);
    const std::string named = x.name.empty() ? what : what + " ('" + shorten(x.name) + "')";
    if (const Fields::Entry* e = f.get("choices")) {
        if (e->value.IsScalar() && e->value.Scalar() == "model") x.follow_model = true;
        else x.choices = read_list(f, "choices", named, "[greet, ask-what-happened] or model");
    } else {
        missing(f, "choices", named, "add 'choices: [reply ids in order]' or 'choices: model'");
    }
    bool passes = false;
    if (read_bool(f, "passes", named, passes)) x.passes = passes;
    read_text(f, "ending", named, x.ending, false);
    if (const Fields::Entry* e = f.get("score")) {
        if (expect_map(e->value, pos_of(*e), "'score' of " + named, "min, max")) {
            Fields range = fields(e->value, kScoreRangeKeys, "'score' of " + named);
            int n = 0;
            if (read_int(range, "min", "'score' of " + named, -100, 100, n)) x.score_min = n;
            if (read_int(range, "max", "'score' of " + named, -100, 100, n)) x.score_max = n;
        }
    }
    if (!x.passes && x.ending.empty() && !x.score_min && !x.score_max)
        error(x.pos, "missing-field", named + " expects nothing; add 'passes: true' or 'false', an 'ending' or a 'score' range");
    read_text(f, "why", named, x.why, true, "say in words why a trainer expects this");
}

Diagnostic file_error(const std::string& file, const char* code, std::string message, int line = 0, int col = 0) {
    return {Severity::Error, file, line, col, code, std::move(message)};
}

// A syntax error in the trainer's words, with its line. A tab in the indentation is the cause
// whatever the parser made of it, so it alone is reported.
Diagnostic syntax_error(const std::string& text, const std::string& file, const YAML::Exception& e) {
    SourcePos p = to_pos(e.mark);
    auto [tab_line, tab_col] = find_indent_tab(text, p.line ? p.line : 1 << 30);
    Diagnostic d = explain_yaml_error(text, file, e.msg, e.mark.line, e.mark.column);
    if (tab_line > 0) {
        d.code = "tab-indent";
        d.message = "a tab is used for indentation; YAML allows only spaces, so replace it with spaces";
        d.line = tab_line;
        d.column = tab_col;
    }
    return d;
}

std::string with_commas(std::uint64_t n) {
    std::string digits = std::to_string(n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

std::string megabytes(std::size_t bytes) {
    const double mb = static_cast<double>(bytes) / (1024.0 * 1024.0);
    char buf[32];
    std::snprintf(buf, sizeof buf, mb < 10 ? "%.1f MB" : "%.0f MB", mb);
    return buf;
}

Diagnostic too_large(const std::string& file, std::size_t size, std::size_t max) {
    return file_error(file, "too-large",
                      "the file is " + megabytes(size) + " (" + with_commas(size) + " bytes); scenarios are limited to " +
                          megabytes(max) + " (" + with_commas(max) +
                          " bytes) so that a corrupted or runaway file cannot exhaust the memory (a 100,000-node "
                          "story takes about 25 MB), so it was not read; check that this is the scenario you meant, "
                          "or split the story into several scenarios");
}

Diagnostic alias_bomb(const YamlTree& tree, const std::string& file) {
    const SourcePos at = to_pos(tree.biggest_alias());
    const std::uint64_t n = tree.expanded_count();
    return file_error(file, "too-large",
                      "the '*' aliases in this file repeat other parts so often that reading it means going through " +
                          (n >= YamlTree::kExpansionCap ? std::string("more than a billion billion") : with_commas(n)) +
                          " values, though the file writes only " + with_commas(tree.node_count()) +
                          "; aliases may add at most " + with_commas(kAliasAllowance) +
                          " (so that a small file cannot exhaust the memory, as 'billion laughs' files do), so it was not "
                          "read; write the repeated parts out, or use fewer aliases (this one, the largest, repeats " +
                          with_commas(tree.biggest_alias_size()) + " values)",
                      at.line, at.column);
}

void sort_diagnostics(std::vector<Diagnostic>& diags) {
    std::stable_sort(diags.begin(), diags.end(), [](const Diagnostic& a, const Diagnostic& b) {
        if (a.line != b.line) return a.line < b.line;
        return a.column < b.column;
    });
}

}  // namespace

LoadResult load_scenario_text(const std::string& text, const std::string& display_path, const LoadOptions& options) {
    LoadResult result;
    auto& diags = result.diagnostics;
    if (text.size() > options.max_bytes) {
        diags.push_back(too_large(display_path, text.size(), options.max_bytes));
        return result;
    }
    if (!prescan_text(text, display_path, diags)) return result;

    std::unique_ptr<YamlTree> tree;
    try {
        tree = YamlTree::parse(text);
    } catch (const YAML::Exception& e) {
        diags.push_back(syntax_error(text, display_path, e));
        return result;
    } catch (const std::exception& e) {
        diags.push_back(file_error(display_path, "yaml-syntax", std::string("the YAML could not be read: ") + e.what()));
        return result;
    }

    if (tree->expanded_count() > tree->node_count() + kAliasAllowance) {
        diags.push_back(alias_bomb(*tree, display_path));
        return result;
    }

    const YamlNode root = tree->root();
    if (root.IsNull()) {
        diags.push_back(file_error(display_path, "empty",
                                   "the file is empty; a scenario needs at least format, id, title, customer, start, "
                                   "nodes and endings (see scenarios/README.md)"));
        return result;
    }
    if (!root.IsMap()) {
        SourcePos p = to_pos(root.Mark());
        diags.push_back(file_error(display_path, "wrong-type",
                                   std::string("the top level of a scenario must be a map of fields (format, id, title, ...), not ") +
                                       (root.IsSequence() ? "a list" : "a single value"),
                                   p.line, p.column));
        return result;
    }

    Scenario scenario;
    scenario.source_path = display_path;
    FieldPositions positions;
    try {
        Reader reader(display_path, options, diags, positions, tree->expanded_count());
        reader.set_source(text);
        reader.read_scenario(root, scenario);
        scenario.reindex();
        // An incomplete model would only produce misleading graph problems.
        if (!reader.budget_spent() && options.validate) {
            const std::size_t before = diags.size();
            validate_scenario(scenario, display_path, &positions, diags);
            if (scenario.endings.empty())
                diags.erase(std::remove_if(diags.begin() + static_cast<std::ptrdiff_t>(before), diags.end(),
                                           follows_from_no_endings),
                            diags.end());
        }
    } catch (const std::exception& e) {
        // yaml-cpp may throw on malformed trees; never let it escape to the caller.
        diags.push_back(file_error(display_path, "internal", std::string("could not read the scenario: ") + e.what()));
    }
    if (scenario.draft) mark_unwritten_as_todo(diags);
    sort_diagnostics(diags);
    // Messages quote what the file says; whatever it holds, printing them must not drive a terminal.
    for (auto& d : diags) d.message = visible_controls(d.message);
    if (diags.size() > kMaxDiagnostics + 1) {
        diags.resize(kMaxDiagnostics);
        diags.push_back(file_error(display_path, "too-many-problems",
                                   "more than " + std::to_string(kMaxDiagnostics) +
                                       " problems; fix these and run the check again to see the rest"));
    }
    result.scenario = std::move(scenario);
    return result;
}

LoadResult load_scenario_file(const std::string& path, const LoadOptions& options) {
    LoadResult result;
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        result.diagnostics.push_back(file_error(path, "unreadable", "cannot open the file: " + std::string(std::strerror(errno))));
        return result;
    }
    if (S_ISDIR(st.st_mode)) {
        result.diagnostics.push_back(file_error(path, "unreadable", "this is a folder, not a scenario file"));
        return result;
    }
    if (static_cast<std::size_t>(st.st_size) > options.max_bytes) {
        result.diagnostics.push_back(too_large(path, static_cast<std::size_t>(st.st_size), options.max_bytes));
        return result;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        result.diagnostics.push_back(file_error(path, "unreadable", "cannot open the file for reading"));
        return result;
    }
    // Read one byte more than stat() reported, so a file that grew meanwhile is still refused.
    std::string text(static_cast<std::size_t>(st.st_size) + 1, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
    if (in.bad()) {
        result.diagnostics.push_back(file_error(path, "unreadable", "reading the file failed"));
        return result;
    }
    if (text.size() > static_cast<std::size_t>(st.st_size)) {
        result.diagnostics.push_back(file_error(path, "unreadable", "the file changed while it was being read; try again"));
        return result;
    }
    return load_scenario_text(text, path, options);
}

}  // namespace ta
