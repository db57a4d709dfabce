// analysis_context.h: what the parts of the analysis share (internal to scoring/).
#pragma once

#include <vector>

#include "analysis.h"
#include "score_model.h"

namespace ta::scoring {

struct Context {
    const Scenario& s;
    const ScoreModel& m;
    const StateGraph& g;
};

const Choice& choice_of_edge(const Context& c, int e);
PathStep step_of(const Context& c, int e);

// A shortest walk (fewest moves) from the start to `target`: its edges, in order.
std::vector<int> walk_to(const Context& c, int target);

// The moves `prefix`, then on from where they end along the per-component exits of `go` (with a
// shortest walk inside a loop) to an ending.
PathReport path_via(const Context& c, const std::vector<int>& prefix, const ToGo& go);

// Checks on the replies themselves and on promises (reply_checks.cpp).
CheckResult length_cue_check(const Context& c, Analysis& a);
CheckResult model_path_check(const Context& c);
CheckResult promise_check(const Context& c);

}  // namespace ta::scoring
