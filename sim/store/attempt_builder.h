// attempt_builder.h: turns a played (or abandoned) session and its debrief into an AttemptRecord.
#pragma once

#include <string>
#include <vector>

#include "debrief.h"
#include "results_store.h"
#include "session.h"

namespace ta::store {

// `turn_ms` holds the thinking time per turn (missing entries count as 0). Timestamps are ISO
// 8601 UTC; an empty `finished_at` means now. The debrief is stored whole, as JSON.
// A draft ('draft: true') is still being written: an attempt on it is a preview for its author,
// not a result, so neither the window nor `trainee record` keeps it.
inline bool keeps_attempts_of(const Scenario& scenario) { return !scenario.draft; }

AttemptRecord make_attempt(const Session& session, const scoring::Debrief& debrief, long long trainee_id,
                           const std::vector<long long>& turn_ms, const std::string& started_at,
                           const std::string& finished_at = "");

}  // namespace ta::store
