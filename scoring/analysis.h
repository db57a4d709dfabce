// analysis.h: what a trainer needs to know about a scenario before trainees play it.
//
// Exact, and linear in the size of the state graph (reachable situations x choices): counts,
// best and worst scores, the score distribution and every soundness check come from dynamic
// programming over states, never from enumerating paths, so a scenario with 10^12 playthroughs is
// analysed as fast as its graph is small.
#pragma once

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "bignum.h"
#include "rubric.h"
#include "scenario.h"

namespace ta::scoring {

struct PathStep {
    std::string node_id;
    int choice_index = 0;  // kTimeoutChoice for the hesitated move
    std::string choice_id;
    std::string text;
};

struct PathReport {
    std::vector<PathStep> steps;
    std::string ending_id;  // "" when the path ends nowhere (the scenario's invalid ending)
    CompetencyArray raw{};
    double overall = 0;
};

struct ChoiceReport {
    std::string node_id;
    int choice_index = 0;
    std::string choice_id;
    SourcePos pos;
    bool offered = false;          // offered in some reachable situation
    bool on_passing_path = false;  // some passing playthrough takes it
    bool dominated = false;        // wherever offered, another choice is at least as good in every competency
    std::string dominated_by;      // id of one choice that dominates it
};

struct EndingReport {
    std::string id;
    EndingType type = EndingType::Lost;
    bool reachable = false;
    bool can_pass = false;         // the ending lets a conversation pass (Ending::passable)
    bool passing_reaches = false;  // some passing playthrough ends here
    double best_overall = 0;       // best overall of playthroughs ending here
    // For an ending that can pass: its best playthrough among those that end with what a pass needs.
    std::optional<PathReport> example;
};

struct CheckResult {
    std::string name;     // e.g. "no-pass-without-apology"
    bool ok = false;
    bool enforced = false;  // the scenario opted in (Scenario::scoring.checks)
    std::string waived;     // the author's reason for not meeting it (Scenario::scoring.waived), or ""
    std::string verdict;    // one sentence a trainer understands
    std::optional<PathReport> example;  // a playthrough that shows a failure
};

struct Analysis {
    bool ok = false;
    std::string error;  // why the scenario could not be analysed
    std::string scenario_id;
    bool draft = false;  // the scenario says 'draft: true': failing checks it did not opt into are to-dos
    std::size_t states = 0;
    std::size_t edges = 0;

    // Distinct complete playthroughs (start to an ending). Infinite when a loop can be repeated.
    bool infinite = false;
    BigNum playthroughs;
    BigNum passing_playthroughs;
    // Playthroughs per 10-point band of the overall score: [0,10), [10,20), ..., [90,100].
    std::vector<BigNum> histogram;
    bool histogram_computed = false;

    CompetencyArray best{}, worst{}, weights{};
    std::array<bool, kCompetencyCount> exercised{};
    int pass_mark = 70;
    double min_overall = 0, max_overall = 0;
    PathReport best_path, worst_path;

    // Per competency: the best overall of any complete playthrough that takes no choice with
    // positive points in it, pass or not (nullopt: every playthrough has some).
    std::array<std::optional<double>, kCompetencyCount> best_avoiding{};
    // Best overall of a playthrough that avoids every choice with positive points in that
    // competency and ends with what a pass requires (nullopt: no such playthrough).
    std::optional<double> max_without_apology, max_without_listening, max_without_follow_up;

    std::vector<ChoiceReport> choices;
    std::vector<EndingReport> endings;
    std::vector<std::string> stuck_nodes;  // nodes where a trainee can end up with no way to an ending
    std::vector<std::string> loop_nodes;   // nodes a trainee can reach twice (patience-bounded loops included)
    std::vector<CheckResult> checks;
    std::vector<std::string> unknown_checks;  // opted-in names that are not known checks
    // Decisions (reached nodes with two or more replies and a model one: marked, or the best
    // playthrough's) and how many of them have the model reply as the longest offered.
    int decisions = 0;
    int longest_is_model = 0;

    bool enforced_failed() const;
};

Analysis analyze(const Scenario& scenario, const Rubric& rubric = default_rubric());

std::string analysis_to_json(const Analysis& a);

// How a check reads in a report, the same in `analyze` and on the Author screen: its marker ("ok",
// "FAIL", "warn", "todo" in a draft, or "--" for one that does not apply or is waived), the
// sentence to show, and whether its example playthrough is worth showing.
struct CheckLine {
    std::string marker;
    std::string text;
    bool show_example = false;
};
CheckLine check_line(const CheckResult& c, const Analysis& a);
std::string analysis_to_text(const Analysis& a, const Scenario& scenario);

// A score to one decimal, rounded down as the debrief rounds scores down, so that a verdict never
// shows 70.0 for a score just below a pass mark of 70.
std::string format_tenths(double v);

// Index of the 10-point band an overall score falls in (0..9). Inline: the distribution calls it
// for every score it tracks.
inline int score_bucket(double overall) {
    return std::clamp(static_cast<int>(std::floor((overall + kScoreEps) / 10)), 0, 9);
}

}  // namespace ta::scoring
