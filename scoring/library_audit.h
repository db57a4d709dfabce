// library_audit.h: every playthrough of a scenario, graded one by one as a trainer would read
// them: how many pass, whether any lost customer or red line passes, what pressing the first
// reply shown at every turn achieves, and how often the model reply is the longest offered.
// The enumeration plays the real runtime (Session) and grades each playthrough with grade(),
// independently of the analysis' dynamic programming.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "rubric.h"
#include "scenario.h"

namespace ta::scoring {

struct ScenarioAudit {
    std::string scenario_id;
    bool complete = true;            // false: more playthroughs than the limit, or a repeatable loop
    std::size_t playthroughs = 0;
    std::size_t passing = 0;
    std::size_t lost_passing = 0;      // a lost customer that passed (must be 0)
    std::size_t red_line_passing = 0;  // a red line crossed, yet passed (must be 0)
    std::size_t lost = 0, red_line = 0;  // playthroughs that lose the customer / cross a red line
    // Pressing the first reply shown at every turn: in file order, and over `seeds` shuffled orders.
    bool first_reply_file_order_passes = false;
    double first_reply_file_order_score = 0;
    int seeds = 0;
    int first_reply_passes = 0;      // of `seeds` attempts
    int decisions = 0, longest_is_model = 0;  // see Analysis
    // With `list_passing`: each passing playthrough as "score band ending: id id id".
    std::vector<std::string> passing_list;
};

ScenarioAudit audit_scenario(const Scenario& scenario, int seeds = 100, std::size_t max_playthroughs = 200000,
                             const Rubric& rubric = default_rubric(), bool list_passing = false);

}  // namespace ta::scoring
