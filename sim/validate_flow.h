// validate_flow.h: checks that follow the flags, the mood and the patience, as a playthrough does.
//
// validate.cpp looks at the map of nodes alone; here every situation a trainee can be in (node,
// the flags some reply needs, the mood when mood routes exist, the patience left) is visited from
// the start, exactly as Session plays it, to find what only a real playthrough shows: a node where
// no reply is offered, a trap no playthrough can leave, an ending no playthrough reaches.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "diagnostics.h"
#include "scenario.h"
#include "validate.h"

namespace ta {

// Situations visited at most; a scenario past it is left to `analyze` (real ones use thousands).
inline constexpr std::size_t kFlowSituationBudget = 1'000'000;

// Appends errors (no reply offered, traps) and warnings (endings never reached). Expects a
// scenario without graph errors (unknown targets, duplicate ids); says nothing past the budget.
void check_flow(const Scenario& scenario, const std::string& file, const FieldPositions* positions,
                std::vector<Diagnostic>& diags, std::size_t budget = kFlowSituationBudget);

// The nodes of check_flow()'s traps: where a trainee can get to and never reach an ending, with
// the customer's walking out not counted as a way on. analyze's no-traps uses this too. Names
// none past the budget of that exploration.
std::vector<std::string> trapped_nodes(const Scenario& scenario, std::size_t budget = kFlowSituationBudget);

// Why no reply of `node` is offered with `flags` set: "choice 1 needs flag 'a', choice 2 needs
// flag 'b' not to be set". Empty when some reply is offered.
std::string why_no_reply(const Node& node, const std::vector<std::string>& flags_set);

}  // namespace ta
