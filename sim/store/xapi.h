// xapi.h: attempts as xAPI 1.0.3 statements, for a learning record store (LRS).
#pragma once

#include <string>
#include <vector>

#include "results_store.h"
#include "store_json.h"

namespace ta::store {

struct XapiOptions {
    // Identifies this installation: account home page of actors and root of activity ids.
    std::string home_page = "https://turnaround.example";
    std::string language = "en-US";
};

// Who did the attempt: a trainee (an Agent) or a workshop team (an identified Group). `account`
// is the stable account name an LRS keys them by ("trainee-12", "workshop-3-team-Blue"); the
// display `name` may change or repeat. Empty: the display name is used (older callers).
struct XapiActor {
    std::string name;
    bool group = false;
    std::string account;
};

// The parts every statement of ours writes the same way: "actor" (name and account on the
// installation's home page) and the "answered" verb.
void write_xapi_actor(JsonWriter& j, const XapiActor& actor, const XapiOptions& options);
void write_answered_verb(JsonWriter& j, const XapiOptions& options);

// The stable account name of a trainee, and of a team within one workshop session.
std::string trainee_account(long long trainee_id);
std::string team_account(long long workshop_id, const std::string& team);

// "PT1M15.5S"-style ISO 8601 duration from milliseconds (negative counts as 0).
std::string iso8601_duration(long long ms);

// Seconds between two "YYYY-MM-DDTHH:MM:SSZ" times, or -1 when either cannot be read.
long long seconds_between(const std::string& from_iso, const std::string& to_iso);

// How long an attempt took: wall-clock time when both timestamps are known and longer than the
// summed thinking times, else the summed thinking times.
long long attempt_duration_ms(const AttemptRecord& a);

// The activity id of a scenario: <home_page>/scenarios/<percent-encoded id>.
std::string scenario_activity_id(const std::string& scenario_id, const XapiOptions& options = {});

// The activity id of one decision (a node) of a scenario: <scenario activity>/nodes/<node id>.
std::string decision_activity_id(const std::string& scenario_id, const std::string& node_id,
                                 const XapiOptions& options = {});

// One statement. Its id is the attempt's uuid, so exporting twice never duplicates it in an LRS.
// Verb: passed or failed for a finished attempt, terminated for an abandoned one.
std::string xapi_statement(const AttemptRecord& attempt, const XapiActor& actor, const XapiOptions& options = {});

// One "answered" statement per decision of the attempt, beside the attempt's own: the decision
// (node) as a choice interaction, the reply's id as the response and its text as the trainee saw
// it, the thinking time as the duration, the attempt as the registration and as a StatementRef.
// Ids are derived from the attempt's uuid and the turn, so a second export duplicates nothing.
// Needs the attempt's recorded debrief; an attempt without one gives none.
std::vector<std::string> xapi_decision_statements(const AttemptRecord& attempt, const XapiActor& actor,
                                                  const XapiOptions& options = {});

// A UUID (version 4 layout) that is the same for the same attempt uuid and turn, and different
// for different ones: the statement id of that decision.
std::string decision_statement_id(const std::string& attempt_uuid, int turn);

}  // namespace ta::store
