// Reading the rubric YAML. A malformed rubric never crashes: every problem becomes a diagnostic
// with file:line:col, and the caller gets the built-in rubric instead.
#include "rubric.h"
#include "format_keys.h"
#include "rules.h"

#include <yaml-cpp/yaml.h>

#include <cmath>

namespace ta::scoring {

namespace {

constexpr std::size_t kMaxTurnRules = 32;  // fired rules live in a 32-bit mask
constexpr std::size_t kMaxEndRules = 32;

class Parser {
public:
    Parser(const std::string& path, std::vector<Diagnostic>& diags) : path_(path), diags_(diags) {}

    void error(const YAML::Node& at, const std::string& message, const char* code = "rubric") {
        Diagnostic d;
        d.file = path_;
        if (at.IsDefined()) {
            d.line = at.Mark().line + 1;
            d.column = at.Mark().column + 1;
        }
        d.code = code;
        d.message = message;
        diags_.push_back(d);
        ++errors_;
    }
    int errors() const { return errors_; }

    bool is_map(const YAML::Node& n, const std::string& what) {
        if (n.IsMap()) return true;
        error(n, what + " must be a map");
        return false;
    }

    std::optional<double> number(const YAML::Node& n, const std::string& what) {
        if (n.IsScalar()) {
            try {
                double v = n.as<double>();
                if (std::isfinite(v)) return v;
            } catch (const YAML::Exception&) {
            }
        }
        error(n, what + " must be a number");
        return std::nullopt;
    }

    bool flag(const YAML::Node& n, const std::string& what) {
        if (n.IsScalar() && (n.Scalar() == "true" || n.Scalar() == "false")) return n.Scalar() == "true";
        error(n, what + " must be true or false");
        return false;
    }

    std::string text(const YAML::Node& n, const std::string& what) {
        if (n.IsScalar()) return n.Scalar();
        error(n, what + " must be text");
        return {};
    }

    std::vector<std::string> list(const YAML::Node& n, const std::string& what) {
        std::vector<std::string> out;
        if (!n.IsSequence()) {
            error(n, what + " must be a list");
            return out;
        }
        for (const auto& item : n) out.push_back(text(item, what + " entry"));
        return out;
    }

    // A map of competency key -> number.
    CompetencyArray competencies(const YAML::Node& n, const std::string& what, bool non_negative) {
        CompetencyArray out{};
        if (!is_map(n, what)) return out;
        for (const auto& kv : n) {
            std::string key = kv.first.IsScalar() ? kv.first.Scalar() : "";
            auto c = competency_from_key(key);
            if (!c) {
                error(kv.first, "unknown competency '" + key +
                                    "' in " + what + " (use listening, apology, solution, follow_up, composure)");
                continue;
            }
            if (auto v = number(kv.second, what + "." + key)) {
                if (non_negative && *v < 0) error(kv.second, what + "." + key + " must not be negative");
                out[static_cast<int>(*c)] = *v;
            }
        }
        return out;
    }

    void unknown_keys(const YAML::Node& map, std::initializer_list<const char*> allowed, const std::string& what) {
        for (const auto& kv : map) {
            std::string key = kv.first.IsScalar() ? kv.first.Scalar() : "";
            bool ok = false;
            for (const char* a : allowed) ok = ok || key == a;
            if (!ok) error(kv.first, "unknown key '" + key + "' in " + what, "unknown-key");
        }
    }

    Rubric parse(const YAML::Node& root) {
        Rubric r;
        r.tags.clear();
        if (!is_map(root, "the rubric")) return r;
        unknown_keys(root, {"version", "tags", "weights", "pass_mark", "bands", "advice", "facts", "rules",
                            "pass_requires", "pass_forbids", "scale_from_worst"},
                     "the rubric");
        if (root["version"]) {
            if (auto v = number(root["version"], "version")) r.version = static_cast<int>(*v);
        }
        parse_tags(root["tags"], r);
        if (root["weights"]) r.weights = competencies(root["weights"], "weights", true);
        if (root["pass_mark"]) {
            if (auto v = number(root["pass_mark"], "pass_mark")) {
                if (*v < 0 || *v > 100) error(root["pass_mark"], "pass_mark must be 0..100");
                r.pass_mark = static_cast<int>(*v);
            }
        }
        if (root["bands"]) parse_bands(root["bands"], r);
        if (root["scale_from_worst"])
            for (const auto& key : list(root["scale_from_worst"], "scale_from_worst")) {
                if (auto c = competency_from_key(key)) r.scale_from_worst[static_cast<int>(*c)] = true;
                else error(root["scale_from_worst"], "unknown competency '" + key + "' in scale_from_worst");
            }
        if (root["advice"] && is_map(root["advice"], "advice")) {
            for (const auto& kv : root["advice"]) {
                auto c = competency_from_key(kv.first.IsScalar() ? kv.first.Scalar() : "");
                if (!c) {
                    error(kv.first, "unknown competency in advice");
                    continue;
                }
                r.advice[static_cast<int>(*c)] = text(kv.second, "advice");
            }
        }
        if (root["facts"]) parse_facts(root["facts"], r);
        if (root["rules"]) parse_rules(root["rules"], r);
        if (root["pass_requires"]) r.pass_requires = fact_list(root["pass_requires"], "pass_requires", r);
        if (root["pass_forbids"]) r.pass_forbids = fact_list(root["pass_forbids"], "pass_forbids", r);
        bool any_red_line = false;
        for (const auto& [key, tag] : r.tags) any_red_line = any_red_line || tag.red_line;
        for (const auto& rule : r.rules) any_red_line = any_red_line || rule.red_line;
        bool has_fact = false;
        for (const auto& f : r.facts) has_fact = has_fact || f.key == kRedLineFact;
        if (any_red_line && !has_fact)
            error(root, std::string("red lines need a fact named '") + kRedLineFact + "' (it rules out a pass)");
        return r;
    }

private:
    void parse_tags(const YAML::Node& n, Rubric& r) {
        if (!n) {
            error(n, "the rubric has no tags");
            return;
        }
        if (!is_map(n, "tags")) return;
        for (const auto& kv : n) {
            TagDef t;
            t.key = kv.first.IsScalar() ? kv.first.Scalar() : "";
            if (t.key.empty()) {
                error(kv.first, "a tag needs a name");
                continue;
            }
            if (!is_map(kv.second, "tag " + t.key)) continue;
            unknown_keys(kv.second, {"label", "points", "explain", "promise", "red_line"}, "tag " + t.key);
            t.label = kv.second["label"] ? text(kv.second["label"], "label") : t.key;
            if (kv.second["points"]) t.points = competencies(kv.second["points"], "points of " + t.key, false);
            if (kv.second["explain"]) t.explain = text(kv.second["explain"], "explain");
            if (kv.second["promise"]) t.promise = flag(kv.second["promise"], "promise of " + t.key);
            if (kv.second["red_line"]) t.red_line = flag(kv.second["red_line"], "red_line of " + t.key);
            if (r.tags.count(t.key)) error(kv.first, "tag '" + t.key + "' is defined twice");
            r.tags.emplace(t.key, t);
        }
    }

    void parse_bands(const YAML::Node& n, Rubric& r) {
        if (!n.IsSequence() || n.size() == 0) {
            error(n, "bands must be a non-empty list of {min, label}");
            return;
        }
        r.bands.clear();
        r.band_needs_clean.clear();
        for (const auto& b : n) {
            if (!is_map(b, "a band")) continue;
            unknown_keys(b, {"min", "label", "clean"}, "a band");
            auto min = number(b["min"], "band min");
            std::string label = text(b["label"], "band label");
            if (!min) continue;
            if (!r.bands.empty() && *min <= r.bands.back().first) error(b, "bands must be in ascending order of min");
            r.bands.emplace_back(static_cast<int>(*min), label);
            r.band_needs_clean.push_back(b["clean"] ? flag(b["clean"], "band clean") : false);
        }
    }

    void parse_facts(const YAML::Node& n, Rubric& r) {
        if (!is_map(n, "facts")) return;
        for (const auto& kv : n) {
            FactDef f;
            f.key = kv.first.IsScalar() ? kv.first.Scalar() : "";
            if (!is_map(kv.second, "fact " + f.key)) continue;
            unknown_keys(kv.second, {"label", "set_by", "harm"}, "fact " + f.key);
            f.label = kv.second["label"] ? text(kv.second["label"], "label") : f.key;
            f.set_by = list(kv.second["set_by"], "set_by of " + f.key);
            if (kv.second["harm"]) f.harm = flag(kv.second["harm"], "harm of " + f.key);
            for (std::size_t i = 0; i < f.set_by.size(); ++i)
                if (!r.tags.count(f.set_by[i])) error(kv.second["set_by"][i], "unknown tag '" + f.set_by[i] + "'");
            for (const auto& other : r.facts)
                if (other.key == f.key) error(kv.first, "fact '" + f.key + "' is defined twice");
            r.facts.push_back(f);
        }
        if (r.facts.size() > kMaxFacts) error(n, "at most " + std::to_string(kMaxFacts) + " facts are supported");
    }

    std::vector<std::string> fact_list(const YAML::Node& n, const std::string& what, const Rubric& r) {
        std::vector<std::string> out = list(n, what);
        for (std::size_t i = 0; i < out.size(); ++i) {
            bool known = false;
            for (const auto& f : r.facts) known = known || f.key == out[i];
            if (!known) error(n[i], "unknown fact '" + out[i] + "' in " + what);
        }
        return out;
    }

    void parse_rules(const YAML::Node& n, Rubric& r) {
        if (!n.IsSequence()) {
            error(n, "rules must be a list");
            return;
        }
        std::size_t turn_rules = 0, end_rules = 0;
        for (const auto& item : n) {
            if (!is_map(item, "a rule")) continue;
            unknown_keys(item,
                         {"id", "label", "on", "at", "if", "unless", "after", "first", "sets", "points", "explain",
                          "red_line"},
                         "a rule");
            RuleDef d;
            d.id = text(item["id"], "rule id");
            d.label = item["label"] ? text(item["label"], "label") : d.id;
            d.explain = item["explain"] ? text(item["explain"], "explain") : "";
            if (item["at"]) {
                std::string at = text(item["at"], "at");
                if (at == "end") d.at_end = true;
                else error(item["at"], "at must be 'end'");
            }
            if (item["on"]) {
                d.on = list(item["on"], "on");
                for (std::size_t i = 0; i < d.on.size(); ++i)
                    if (!r.tags.count(d.on[i])) error(item["on"][i], "unknown tag '" + d.on[i] + "'");
            }
            if (d.at_end && !d.on.empty()) error(item, "rule " + d.id + ": 'on' and 'at: end' exclude each other");
            if (!d.at_end && d.on.empty()) error(item, "rule " + d.id + " needs 'on' tags or 'at: end'");
            if (item["if"]) d.if_facts = fact_list(item["if"], "if", r);
            if (item["unless"]) d.unless_facts = fact_list(item["unless"], "unless", r);
            if (item["after"]) d.after_facts = fact_list(item["after"], "after", r);
            if (item["first"]) d.first_facts = fact_list(item["first"], "first", r);
            if (item["sets"]) d.sets_facts = fact_list(item["sets"], "sets", r);
            if (d.at_end && (!d.after_facts.empty() || !d.first_facts.empty() || !d.sets_facts.empty()))
                error(item, "rule " + d.id + ": an end rule uses only 'if' and 'unless'");
            if (item["points"]) d.points = competencies(item["points"], "points of rule " + d.id, false);
            if (item["red_line"]) d.red_line = flag(item["red_line"], "red_line of rule " + d.id);
            for (const auto& other : r.rules)
                if (other.id == d.id) error(item["id"], "rule id '" + d.id + "' is used twice");
            (d.at_end ? end_rules : turn_rules)++;
            r.rules.push_back(d);
        }
        if (turn_rules > kMaxTurnRules || end_rules > kMaxEndRules)
            error(n, "at most 32 turn rules and 32 end rules are supported");
    }

    std::string path_;
    std::vector<Diagnostic>& diags_;
    int errors_ = 0;
};

std::optional<Rubric> parse_rubric(const std::string& yaml, const std::string& path, std::vector<Diagnostic>& diags) {
    Parser parser(path, diags);
    YAML::Node root;
    try {
        root = YAML::Load(yaml);
    } catch (const YAML::ParserException& e) {
        Diagnostic d;
        d.file = path;
        d.line = e.mark.line + 1;
        d.column = e.mark.column + 1;
        d.code = "yaml-syntax";
        d.message = e.msg;
        diags.push_back(d);
        return std::nullopt;
    } catch (const YAML::Exception& e) {
        diags.push_back({Diagnostic::Severity::Error, path, 0, 0, "yaml-syntax", e.what()});
        return std::nullopt;
    }
    Rubric r;
    try {
        r = parser.parse(root);
    } catch (const YAML::Exception& e) {  // defensive: yaml-cpp throws on some odd documents
        parser.error(root, e.what());
    }
    if (parser.errors() > 0) return std::nullopt;
    return r;
}

}  // namespace

std::set<std::string> Rubric::tag_names() const {
    std::set<std::string> out;
    for (const auto& [key, def] : tags) out.insert(key);
    return out;
}

const TagDef* Rubric::find_tag(const std::string& key) const {
    auto it = tags.find(key);
    return it == tags.end() ? nullptr : &it->second;
}

std::string Rubric::band_for(double overall) const {
    std::string band = bands.empty() ? "" : bands.front().second;
    for (const auto& [min, label] : bands)
        if (overall + kScoreEps >= min) band = label;  // the same tolerance as the pass mark
    return band;
}

std::string Rubric::band_for(double overall, bool passed, int pass_mark, bool clean) const {
    std::string band = bands.empty() ? "" : bands.front().second;
    for (std::size_t i = 0; i < bands.size(); ++i) {
        const auto& [min, label] = bands[i];
        if (overall + kScoreEps < min) continue;
        if (!passed && min >= pass_mark) continue;  // never a passing band on a failed conversation
        if (!clean && i < band_needs_clean.size() && band_needs_clean[i]) continue;
        band = label;
    }
    return band;
}

EffectiveScoring effective_scoring(const Rubric& rubric, const Scenario& scenario) {
    EffectiveScoring e;
    e.weights = rubric.weights;
    for (int c = 0; c < kCompetencyCount; ++c)
        if (scenario.scoring.weights[c]) e.weights[c] = *scenario.scoring.weights[c];
    for (double& w : e.weights)
        if (!(w >= 0) || !std::isfinite(w)) w = 0;  // a bad override never produces NaN scores
    e.pass_mark = scenario.scoring.pass_mark ? *scenario.scoring.pass_mark : rubric.pass_mark;
    return e;
}

const std::vector<std::string>& known_checks() {
    static const std::vector<std::string> checks(format_keys::kChecks.begin(), format_keys::kChecks.end());
    return checks;
}

const Rubric& default_rubric() {
    static const Rubric rubric = [] {
        std::vector<Diagnostic> diags;
        auto r = parse_rubric(std::string(default_rubric_text()), "scoring/rubric.yaml", diags);
        return r ? *r : Rubric{};  // the built-in file is tested; an empty rubric is the last resort
    }();
    return rubric;
}

Rubric load_rubric_text(const std::string& yaml, const std::string& display_path, std::vector<Diagnostic>& diags) {
    auto r = parse_rubric(yaml, display_path, diags);
    return r ? *r : default_rubric();
}

}  // namespace ta::scoring
