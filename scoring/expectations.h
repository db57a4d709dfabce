// expectations.h: a scenario's own tests. A trainer states what they expect of given
// playthroughs (passes or fails, which ending, a score range, and why); this plays each one with
// the real runtime, grades it and reports every expectation that does not hold at its line.
#pragma once

#include <string>
#include <vector>

#include "debrief.h"
#include "diagnostics.h"
#include "rubric.h"
#include "scenario.h"
#include "session.h"

namespace ta::scoring {

// One expectation played out.
struct ExpectationOutcome {
    const Expectation* expectation = nullptr;
    bool played = false;           // the replies matched the scenario and reached an ending
    bool holds = false;
    std::vector<int> choices;      // file indices played (kTimeoutChoice for a time-out)
    std::string problem;           // why it could not be played, or what did not hold
    Debrief debrief;
};

// Plays the reply marked `model: true` at every turn until an ending. False, with `problem` saying
// why, when a node on the way offers none or the model replies go round for ever.
bool play_model_replies(Session& session, std::vector<int>& played, std::string& problem);

// Plays and grades every expectation of the scenario.
std::vector<ExpectationOutcome> check_expectations(const Scenario& scenario, const Rubric& rubric = default_rubric(),
                                                   GradeOptions options = {});

// The diagnostics `lint` reports: each expectation that does not hold (an error at its line),
// and, as warnings, what a scenario's expectations leave uncovered: its model path, each red
// line, each lost ending, each escalation and parting.
std::vector<Diagnostic> expectation_diagnostics(const Scenario& scenario, const std::string& file,
                                                const Rubric& rubric = default_rubric());

}  // namespace ta::scoring
