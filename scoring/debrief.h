// debrief.h: grading one playthrough and explaining every point.
//
// Contract used by the CLI, the window and the results store. The scoring work (issue 3) owns the
// implementation and may add fields, but keeps these names.
#pragma once

#include <array>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "rubric.h"
#include "scenario.h"
#include "session.h"

namespace ta::scoring {

class ScoreModel;

// A sequence rule that fired on a turn (e.g. "fix offered before any question").
struct RuleHit {
    std::string rule_id;
    std::string label;
    CompetencyArray points{};  // what the rule added or took away
    std::string explanation;   // a sentence the trainee understands
};

// One tag's contribution on a turn.
struct TagHit {
    std::string tag;
    std::string label;
    CompetencyArray points{};
    std::string explanation;
};

// A red line the trainee crossed: it rules out a pass whatever the score.
struct RedLineHit {
    int turn = -1;           // index into Session::turns()
    std::string said;        // the trainee's words
    std::string label;       // "Argued", or the scenario's "Critical reply"
    std::string reason;      // why it rules out a pass
};

struct TurnDebrief {
    int turn = 0;              // index into Session::turns()
    std::string node_id;
    int choice_index = 0;      // kTimeoutChoice for a time-out
    std::string choice_id;     // Choice::id, as `analyze` names it ("node#2" when the author gave none)
    std::string said;          // the trainee's words
    std::string feedback;      // the author's feedback sentence for this choice
    std::string explanation;   // one line: the feedback, or else the main behaviour's explanation
    CompetencyArray points{};  // total points this turn (tags + explicit points + rules)
    std::vector<TagHit> tags;
    std::vector<RuleHit> rules;
    bool model = false;        // the author marked this reply as a model answer
    bool red_line = false;     // this reply crossed a red line
    // The choice that was available here and leads to the best achievable overall score
    // (absent when the trainee's own choice was that one).
    std::optional<int> better_choice_index;
    std::string better_choice_id;
    std::string better_choice_text;
    std::string better_choice_why;
};

struct Debrief {
    std::string scenario_id;
    std::string scenario_version;
    std::string ending_id;
    EndingType ending_type = EndingType::Lost;
    bool completed = false;            // reached an ending (false for an abandoned attempt)
    CompetencyArray raw{};             // points earned per competency
    CompetencyArray best{};            // best achievable per competency in this scenario
    CompetencyArray worst{};           // worst possible per competency in this scenario
    CompetencyArray zero{};            // raw points that score 0 (nothing shown; the worst where only harm is possible)
    std::array<bool, kCompetencyCount> exercised{};  // false: every path scores the same; left out
    CompetencyArray weights{};         // weights used for the overall score
    CompetencyArray score{};           // 0..100 per competency, relative to best
    double overall = 0;                // weighted mean of score, 0..100
    int pass_mark = 70;
    bool passed = false;
    bool ending_passable = false;      // the ending reached can pass (a lost customer never does)
    std::string ending_title;
    std::vector<RedLineHit> red_lines; // in the order crossed; the debrief names them first
    std::string band;                  // "Needs practice", "Competent", "Excellent"
    std::vector<TurnDebrief> turns;
    std::vector<std::string> practise_next;  // short advice lines, weakest competency first
    std::vector<std::string> notes;          // remarks on the scale (e.g. a competency left out)
};

// Grades a session (finished or not). Deterministic: same scenario + same turns = same debrief.
Debrief grade(const Scenario& scenario, const Session& session, const Rubric& rubric);
// What a grade works out besides the verdict, the scores and the reasons. A check that reads
// only those (lint's expectations, analyze's model path) leaves the advice out: on a long story
// it is most of the work.
struct GradeOptions {
    bool advice = true;  // each turn's better reply (better_choice_*) and what to practise next
};
// The same, with the score model of that scenario already built: grading several sessions of a
// large scenario (its expectations, the analysis's model path) then explores its states once.
Debrief grade(const Scenario& scenario, const Session& session, const ScoreModel& model, GradeOptions options = {});

// Stable JSON for machines (play --json, results store, exports).
std::string debrief_to_json(const Debrief& debrief);

// Plain text for a terminal: scores, then every turn with its points, rules and a better choice.
std::string debrief_to_text(const Debrief& debrief);

// A score as a whole number, rounded down as pass marks are judged, so that a 69.96 failing a pass
// mark of 70 never shows as 70. Every screen and report shows scores this way.
inline int whole_score(double score) { return static_cast<int>(std::floor(score + kScoreEps)); }
inline std::string whole_score_text(double score) { return std::to_string(whole_score(score)); }
// The same to one decimal, for tables and exports.
inline double tenths_score(double score) { return std::floor((score + kScoreEps) * 10) / 10; }

// "+10 Listening, -5 Apology"; "no points" when all are zero.
std::string points_text(const CompetencyArray& points);

}  // namespace ta::scoring
