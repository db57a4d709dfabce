// session_export.h: a workshop session's votes as the room saw them, for spreadsheets and an LRS.
//
// Counts: one row per reply counted at each decision (its letter and text as shown, the votes,
// whether the room went on with it and whether that was the facilitator's call or a tie).
// Ballots: one row per participant per decision (rooms where phones vote). In xAPI, each named
// participant's answer at each decision is an "answered" statement whose id is the ballot's uuid,
// so sending an export twice adds nothing new.
#pragma once

#include <string>
#include <vector>

#include "results_store.h"
#include "xapi.h"

namespace ta::store {

const std::vector<std::string>& vote_csv_columns();
const std::vector<std::string>& ballot_csv_columns();

// Rows for every session given, each headed once by the columns.
std::string votes_csv(const std::vector<WorkshopRecord>& sessions);
std::string ballots_csv(const std::vector<WorkshopRecord>& sessions);

// One "answered" statement for a named participant's ballot ("" for an anonymous one).
std::string ballot_xapi_statement(const WorkshopRecord& w, const BallotRecord& b, const XapiOptions& options = {});

// The session's statements: each team's attempt, then every named participant's answers.
std::vector<std::string> session_xapi_statements(const ResultsStore& store, const WorkshopRecord& w,
                                                 const XapiOptions& options = {});

}  // namespace ta::store
