// report_cohort.h: `turnaround-cli report --cohort`: the whole cohort for a trainer.
#pragma once

#include <string>

#include "results_store.h"

namespace ta::cli {

// Prints every trainee by team, pass rates per scenario week by week, and the replies most
// trainees got wrong; `team` narrows it to one team. Returns the exit status.
int report_cohort(const store::ResultsStore& db, const std::string& team, bool json);

}  // namespace ta::cli
