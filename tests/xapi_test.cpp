// xAPI statements: shape, durations, identifiers. (Validity against a real validator: tests/xapi.cmake.)
#include <doctest/doctest.h>

#include "session_export.h"
#include "xapi.h"

using namespace ta::store;

namespace {

AttemptRecord finished(bool passed) {
    AttemptRecord a;
    a.uuid = "0f8fad5b-d9cb-469f-a165-70867728950e";
    a.trainee_id = 3;
    a.scenario_id = "cake for saturday";
    a.scenario_title = "The \"Cake\"";
    a.scenario_version = "1.0";
    a.started_at = "2026-11-25T09:00:00Z";
    a.finished_at = "2026-11-25T09:04:10Z";
    a.completed = true;
    a.ending_id = "happy";
    a.ending_type = "recovered";
    a.overall = passed ? 82.5 : 40;
    a.passed = passed;
    a.turn_ms = {1000, 2000};
    return a;
}

bool contains(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

}  // namespace

TEST_CASE("durations are ISO 8601") {
    CHECK(iso8601_duration(0) == "PT0S");
    CHECK(iso8601_duration(1500) == "PT1.5S");
    CHECK(iso8601_duration(60000) == "PT1M");
    CHECK(iso8601_duration(75250) == "PT1M15.25S");
    CHECK(iso8601_duration(3600000 + 2000) == "PT1H2S");
    CHECK(iso8601_duration(-5) == "PT0S");
}

TEST_CASE("seconds between timestamps, or -1 when unreadable") {
    CHECK(seconds_between("2026-11-25T09:00:00Z", "2026-11-25T09:04:10Z") == 250);
    CHECK(seconds_between("2026-12-31T23:59:59Z", "2027-01-01T00:00:01Z") == 2);
    CHECK(seconds_between("yesterday", "2026-11-25T09:04:10Z") == -1);
    CHECK(seconds_between("2026-11-25T09:00:00", "2026-11-25T09:04:10Z") == -1);  // no zone: not UTC
}

TEST_CASE("a passed attempt becomes a passed statement with a scaled score") {
    std::string s = xapi_statement(finished(true), {"Ana Silva", false, trainee_account(3)});
    CHECK(contains(s, "\"id\":\"0f8fad5b-d9cb-469f-a165-70867728950e\""));
    CHECK(contains(s, "\"objectType\":\"Agent\""));
    // The LRS keys the trainee by a stable account, not by a display name that may change or repeat.
    CHECK(contains(s, "\"name\":\"Ana Silva\""));
    CHECK(contains(s, "\"account\":{\"homePage\":\"https://turnaround.example\",\"name\":\"trainee-3\"}"));
    CHECK(contains(s, "\"id\":\"http://adlnet.gov/expapi/verbs/passed\""));
    CHECK(contains(s, "\"id\":\"https://turnaround.example/scenarios/cake%20for%20saturday\""));
    CHECK(contains(s, "\"scaled\":0.825"));
    CHECK(contains(s, "\"success\":true"));
    CHECK(contains(s, "\"completion\":true"));
    CHECK(contains(s, "\"duration\":\"PT4M10S\""));  // wall-clock, longer than the thinking time
    CHECK(contains(s, "\"The \\\"Cake\\\"\""));
    CHECK(contains(s, "\"timestamp\":\"2026-11-25T09:04:10Z\""));
}

TEST_CASE("failed and abandoned attempts get their own verbs") {
    CHECK(contains(xapi_statement(finished(false), {"Ana", false, "trainee-3"}), "verbs/failed"));
    AttemptRecord a = finished(false);
    a.completed = false;
    std::string s = xapi_statement(a, {"Ana", false, "trainee-3"});
    CHECK(contains(s, "verbs/terminated"));
    CHECK(contains(s, "\"completion\":false"));
    CHECK_FALSE(contains(s, "\"success\""));  // nothing to judge
    CHECK_FALSE(contains(s, "\"score\""));
}

TEST_CASE("workshop teams are groups and their statements point at the workshop") {
    AttemptRecord a = finished(true);
    a.trainee_id = 0;
    a.workshop_id = 12;
    a.team = "Red";
    std::string s = xapi_statement(a, {"Red", true, team_account(12, "Red")}, {"https://academy.example.org/", "en-GB"});
    CHECK(contains(s, "\"objectType\":\"Group\""));
    CHECK(contains(s, "\"id\":\"https://academy.example.org/workshops/12\""));
    CHECK(contains(s, "\"en-GB\":\"passed\""));
    CHECK(contains(s, "\"name\":\"workshop-12-team-Red\""));
    CHECK(scenario_activity_id("a/b?c") == "https://turnaround.example/scenarios/a%2Fb%3Fc");
}

TEST_CASE("every decision is its own answered statement: the reply as shown, the thinking time, the attempt") {
    AttemptRecord a = finished(true);
    a.debrief_json =
        R"({"turns":[{"node":"counter","choice_id":"sorry-ask","said":"I'm so sorry. When did you order it?","timed_out":false,"red_line":false},)"
        R"({"node":"offer","choice_id":"","said":"","timed_out":true,"red_line":false}]})";
    const auto s = xapi_decision_statements(a, {"Ana Silva", false, trainee_account(3)});
    REQUIRE(s.size() == 2);
    CHECK(contains(s[0], "\"id\":\"" + decision_statement_id(a.uuid, 0) + "\""));
    CHECK(contains(s[0], "verbs/answered"));
    CHECK(contains(s[0], "\"id\":\"https://turnaround.example/scenarios/cake%20for%20saturday/nodes/counter\""));
    CHECK(contains(s[0], "\"interactionType\":\"choice\""));
    CHECK(contains(s[0], "\"response\":\"sorry-ask\""));
    CHECK(contains(s[0], "\"https://turnaround.example/xapi/reply-text\":\"I'm so sorry. When did you order it?\""));
    CHECK(contains(s[0], "\"duration\":\"PT1S\""));  // turn_ms[0]
    CHECK(contains(s[0], "\"registration\":\"0f8fad5b-d9cb-469f-a165-70867728950e\""));
    CHECK(contains(s[0], "\"objectType\":\"StatementRef\""));
    CHECK(contains(s[0], "\"timestamp\":\"2026-11-25T09:00:01Z\""));  // start + thinking so far
    CHECK(contains(s[0], "\"name\":\"trainee-3\""));
    CHECK(contains(s[1], "\"response\":\"timeout\""));
    CHECK(contains(s[1], "\"duration\":\"PT2S\""));
    CHECK(contains(s[1], "\"timestamp\":\"2026-11-25T09:00:03Z\""));
    // Stable ids: the same attempt and turn give the same id, others another, all RFC 4122 shaped.
    CHECK(decision_statement_id(a.uuid, 0) == decision_statement_id(a.uuid, 0));
    CHECK(decision_statement_id(a.uuid, 0) != decision_statement_id(a.uuid, 1));
    CHECK(decision_statement_id(a.uuid, 0) != decision_statement_id("1f8fad5b-d9cb-469f-a165-70867728950e", 0));
    const std::string id = decision_statement_id(a.uuid, 1);
    REQUIRE(id.size() == 36);
    CHECK(id[14] == '4');
    CHECK(std::string("89ab").find(id[19]) != std::string::npos);
    // Without a recorded debrief there is nothing to say per decision.
    a.debrief_json.clear();
    CHECK(xapi_decision_statements(a, {"Ana", false, "trainee-3"}).empty());
}

#include <cstdlib>
#include <fstream>

// Edge cases for the real validator (tests/xapi.cmake runs this case with TURNAROUND_XAPI_SAMPLE
// set and validates the file it writes): a workshop team as a Group, an abandoned attempt with
// no time, odd characters in names and ids, a score of exactly 0 and of 100.
TEST_CASE("xAPI sample statements for the validator") {
    std::vector<std::string> statements;
    AttemptRecord team = finished(true);
    team.uuid = random_uuid_v4();
    team.trainee_id = 0;
    team.workshop_id = 4;
    team.team = "Équipe \"Rouge\"";
    team.overall = 100;
    statements.push_back(xapi_statement(team, {team.team, true, team_account(team.workshop_id, team.team)}));

    AttemptRecord abandoned = finished(false);
    abandoned.uuid = random_uuid_v4();
    abandoned.completed = false;
    abandoned.started_at = abandoned.finished_at;
    abandoned.turn_ms.clear();
    abandoned.scenario_id = "weird id/with?chars&more";
    statements.push_back(xapi_statement(abandoned, {"O'Neill, =1+1", false, trainee_account(9)}));

    AttemptRecord zero = finished(false);
    zero.uuid = random_uuid_v4();
    zero.overall = 0;
    zero.has_scores = false;
    statements.push_back(xapi_statement(zero, {"Zoë", false, trainee_account(10)}));

    // A named participant's vote in a room, with characters that need escaping everywhere.
    WorkshopRecord room;
    room.id = 7;
    room.uuid = random_uuid_v4();
    room.scenario_id = "wrong size/boots?";
    room.scenario_title = "The \"Wrong\" Size";
    room.scenario_version = "1.2";
    room.finished_at = "2026-12-03T10:20:00Z";
    BallotRecord ballot{0, "Zoë \"Z\" O'Neill", "Équipe <Rouge>", "B", "sorry-ask", "I'm sorry: \"twice\"\tis a lot.",
                        "first node", random_uuid_v4()};
    statements.push_back(ballot_xapi_statement(room, ballot));
    ballot.participant = "Bob";
    ballot.team.clear();
    ballot.uuid = random_uuid_v4();
    statements.push_back(ballot_xapi_statement(room, ballot));
    ballot.participant.clear();  // anonymous: no statement about anyone
    CHECK(ballot_xapi_statement(room, ballot).empty());
    CHECK(contains(statements[3], "\"interactionType\":\"choice\""));
    CHECK(contains(statements[3], "/nodes/first%20node"));
    CHECK(contains(statements[3], "\"registration\":\"" + room.uuid + "\""));

    std::string json = "[";
    for (std::size_t i = 0; i < statements.size(); ++i) json += (i ? ",\n" : "\n") + statements[i];
    json += "\n]\n";
    CHECK(contains(statements[0], "\"objectType\":\"Group\""));
    CHECK(contains(statements[1], "\"duration\":\"PT0S\""));
    CHECK(contains(statements[2], "\"scaled\":0"));
    if (const char* out = std::getenv("TURNAROUND_XAPI_SAMPLE")) {
        std::ofstream f(out, std::ios::binary);
        f << json;
        CHECK(f.good());
    }
}
