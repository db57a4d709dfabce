// rubric.h: the behaviour vocabulary, points, weights, pass marks and sequence rules.
// Contract header: the scoring work (issue 3) owns the implementation and may add fields.
#pragma once

#include <array>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics.h"
#include "scenario.h"

namespace ta::scoring {

// Tolerance for comparing scores (pass marks, bands, ties).
inline constexpr double kScoreEps = 1e-6;

struct TagDef {
    std::string key;
    std::string label;
    CompetencyArray points{};
    std::string explain;
    // Points for undertaking something (a promise to follow up): they count when said, but only
    // the deed shows the competency in analyze's no-pass-without-* checks.
    bool promise = false;
    // Crossing it rules out a pass whatever the score (arguing, blaming the customer, "that's all
    // I can do", pressing about a review, sarcasm, a lost temper).
    bool red_line = false;
};

// A fact remembered during a conversation (e.g. "apologised"), set by any of its tags.
struct FactDef {
    std::string key;
    std::string label;
    std::vector<std::string> set_by;
    // Harm is remembered even on a detour the trainee comes back from; credit earned on such a
    // detour is not (see StateGraph).
    bool harm = false;
};

// The fact every red line sets (a red-line tag, rule or scenario reply); a pass forbids it.
inline constexpr const char* kRedLineFact = "red_line";

// A sequence rule: fires on a turn carrying one of `on` (or once at the ending when at_end) when
// its fact conditions hold. See rubric.yaml for the meaning of each condition.
struct RuleDef {
    std::string id;
    std::string label;
    std::string explain;
    std::vector<std::string> on;
    bool at_end = false;
    std::vector<std::string> if_facts;      // set before or on this turn
    std::vector<std::string> unless_facts;  // not set before nor on this turn
    std::vector<std::string> after_facts;   // set strictly before this turn
    std::vector<std::string> first_facts;   // not set strictly before this turn
    std::vector<std::string> sets_facts;    // set once the rule fires (turn rules), e.g. "promise kept"
    CompetencyArray points{};
    bool red_line = false;                  // firing it rules out a pass
};

struct Rubric {
    int version = 1;
    std::map<std::string, TagDef> tags;
    CompetencyArray weights{1, 1, 1, 1, 1};
    int pass_mark = 70;
    // Band labels by minimum overall score, ascending.
    std::vector<std::pair<int, std::string>> bands{{0, "Needs practice"}, {70, "Competent"}, {90, "Excellent"}};
    // Per band: only a conversation with nothing to correct (no reply or rule that cost points)
    // reaches it. The built-in rubric asks this of "Excellent".
    std::vector<bool> band_needs_clean{false, false, false};
    // Competencies scaled from the worst this scenario allows (0) to the best (100) rather than
    // from nothing shown: composure is about not losing it, so doing no harm is already worth most.
    std::array<bool, kCompetencyCount> scale_from_worst{};

    std::vector<FactDef> facts;
    std::vector<RuleDef> rules;
    std::vector<std::string> pass_requires;  // facts a passing conversation must have set
    std::vector<std::string> pass_forbids;   // facts that rule out a pass once set
    std::array<std::string, kCompetencyCount> advice;  // one line per competency

    std::set<std::string> tag_names() const;
    const TagDef* find_tag(const std::string& key) const;
    std::string band_for(double overall) const;
    // The band of a graded conversation: a failed one never gets a band at or above the pass mark,
    // so the band cannot contradict the verdict.
    std::string band_for(double overall, bool passed, int pass_mark, bool clean = true) const;
};

// The weights and pass mark that apply to one scenario (rubric values, then its overrides).
struct EffectiveScoring {
    CompetencyArray weights{};
    int pass_mark = 70;
};
EffectiveScoring effective_scoring(const Rubric& rubric, const Scenario& scenario);

// Soundness checks a scenario may opt into (Scenario::scoring.checks), enforced by `analyze`
// (format_keys::kChecks; "passable" is always enforced).
const std::vector<std::string>& known_checks();

// The rubric compiled into the program (scoring/rubric.yaml).
const Rubric& default_rubric();
std::string_view default_rubric_text();

// Parses a rubric; problems go to `diags` (file:line:col). Returns the default rubric on errors.
Rubric load_rubric_text(const std::string& yaml, const std::string& display_path, std::vector<Diagnostic>& diags);

}  // namespace ta::scoring
