// export.h: attempts as CSV (for spreadsheets) and as xAPI statements (for an LRS).
#pragma once

#include <string>
#include <vector>

#include "results_store.h"
#include "xapi.h"

namespace ta::store {

// The header row's cells, in column order.
const std::vector<std::string>& csv_columns();

// One row per attempt, headed by csv_columns(); names come from the store (trainee or team).
std::string attempts_csv(const ResultsStore& store, const std::vector<AttemptRecord>& attempts);

// One statement per attempt, and statements joined into a JSON array (one per line).
std::vector<std::string> attempts_statements(const ResultsStore& store, const std::vector<AttemptRecord>& attempts,
                                             const XapiOptions& options = {});
std::string statements_array(const std::vector<std::string>& statements);

// Who an attempt belongs to, for tables and exports: the trainee's name, or the workshop team.
std::string attempt_owner(const ResultsStore& store, const AttemptRecord& a);

}  // namespace ta::store
