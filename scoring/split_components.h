// split_components.h: the strongly connected components of the state graph once some moves are
// left out, worked out from the whole graph's components.
#pragma once

#include <vector>

#include "dp.h"

namespace ta::scoring {

// The same components as strong_components(g, &allowed), numbered so that a component's
// successors have smaller numbers (the numbers themselves may differ). Leaving moves out can only
// split a component that has a cycle, so only those are searched again, each on its own: the rest
// of a large story's states are not visited twice.
Components split_components(const StateGraph& g, const ComponentMembers& members, const std::vector<char>& allowed);

}  // namespace ta::scoring
