// competency_range.h: per competency, the most and the fewest raw points still reachable from
// each component of the state graph, for the scale a scenario is graded on.
#pragma once

#include <vector>

#include "dp.h"

namespace ta::scoring {

struct CompetencyRange {
    std::vector<CompetencyArray> best;   // per component; -inf where no ending is reachable
    std::vector<CompetencyArray> worst;  // per component; +inf where no ending is reachable
};

// The same values as to_go over each competency's points, maximising and minimising, with every
// edge allowed; but one sweep over the graph instead of ten, which in a large story (far beyond
// the processor's caches) is most of the cost.
CompetencyRange competency_range(const StateGraph& g, const Components& comp, const ComponentMembers& members);

}  // namespace ta::scoring
