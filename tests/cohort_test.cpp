// The cohort view (sim/store/cohort.h): trainees by team, pass rates by week, and the replies most
// trainees got wrong, from recorded attempts.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "cli_runner.h"
#include "cohort.h"
#include "test_support.h"

using namespace ta;
using namespace ta::store;

namespace {

Trainee trainee(long long id, std::string name, std::string team) {
    Trainee t;
    t.id = id;
    t.name = std::move(name);
    t.team = std::move(team);
    return t;
}

// A turn as debrief_to_json() writes it: the reply, its feedback and points, and any red line.
std::string turn(const std::string& node, const std::string& choice, double points, bool red_line = false) {
    return R"({"node":")" + node + R"(","choice_id":")" + choice + R"(","said":"said )" + choice +
           R"(","feedback":"feedback )" + choice + R"(","timed_out":false,"red_line":)" + (red_line ? "true" : "false") +
           R"(,"points":{"listening":)" + std::to_string(points) + R"(,"apology":0}})";
}

AttemptRecord attempt(long long trainee_id, const std::string& when, bool completed, bool passed,
                      const std::vector<std::string>& turns, const std::string& scenario = "cake") {
    AttemptRecord a;
    a.trainee_id = trainee_id;
    a.scenario_id = scenario;
    a.scenario_title = scenario == "cake" ? "The Dinosaur Cake" : scenario;
    a.started_at = when;
    a.finished_at = completed ? when : "";
    a.completed = completed;
    a.passed = passed;
    std::string list;
    for (const auto& t : turns) list += (list.empty() ? "" : ",") + t;
    a.debrief_json = R"({"turns":[)" + list + "]}";
    return a;
}

}  // namespace

TEST_CASE("iso_week follows ISO 8601, across the turn of the year") {
    CHECK(iso_week("2026-12-03T09:30:00Z") == "2026-W49");
    CHECK(iso_week("2027-01-01T10:00:00Z") == "2026-W53");  // a Friday: still 2026's last week
    CHECK(iso_week("2024-12-30T10:00:00Z") == "2025-W01");  // a Monday: 2025's first week
    CHECK(iso_week("2021-01-03") == "2020-W53");
    CHECK(iso_week("not a date").empty());
    CHECK(iso_week("2026-02-30").empty());
}

TEST_CASE("the cohort: trainees by team, pass rates by week and at the first try") {
    const std::vector<Trainee> people = {trainee(1, "Ana", "North"), trainee(2, "Ben", "North"), trainee(3, "Cleo", "South"),
                                         trainee(4, "Dev", "")};
    const std::vector<AttemptRecord> attempts = {
        attempt(1, "2026-11-24T09:00:00Z", true, false, {}),  // week 48: Ana fails first
        attempt(1, "2026-12-01T09:00:00Z", true, true, {}),   // week 49: then passes
        attempt(2, "2026-12-02T09:00:00Z", true, true, {}),   // Ben passes at once
        attempt(3, "2026-12-02T10:00:00Z", false, false, {}), // Cleo gives up
        attempt(0, "2026-12-02T11:00:00Z", true, true, {}),   // a workshop team's: no trainee's
    };
    const Cohort c = summarise_cohort(people, attempts);
    CHECK(c.trainee_count == 4);
    CHECK(c.attempts == 4);
    CHECK(c.completed == 3);
    REQUIRE(c.teams.size() == 3);
    CHECK(c.teams[0].team == "North");
    CHECK(c.teams[0].trainees == 2);
    CHECK(c.teams[0].passed == 2);
    CHECK(c.teams[0].completed == 3);
    CHECK(c.teams[2].team.empty());  // no team last
    REQUIRE(c.trainees.size() == 4);
    CHECK(c.trainees[0].name == "Ana");
    CHECK(c.trainees[0].scenarios_passed == 1);
    CHECK(c.trainees[0].last_played == "2026-12-01T09:00:00Z");
    CHECK(c.trainees[3].name == "Dev");
    CHECK(c.trainees[3].attempts == 0);
    REQUIRE(c.scenarios.size() == 1);
    const ScenarioTrend& s = c.scenarios[0];
    CHECK(s.completed == 3);
    CHECK(s.passed == 2);
    CHECK(s.trainees == 2);
    CHECK(s.first_tries_passed == 1);  // Ben; Ana's first finished attempt failed
    REQUIRE(s.weeks.size() == 2);
    CHECK(s.weeks[0].week == "2026-W48");
    CHECK(s.weeks[0].passed == 0);
    CHECK(s.weeks[1].week == "2026-W49");
    CHECK(s.weeks[1].passed == 2);

    const Cohort north = summarise_cohort(people, attempts, {"north"});
    CHECK(north.trainee_count == 2);
    CHECK(north.attempts == 3);
}

TEST_CASE("what to teach next: red lines first, then the wrong replies most trainees chose") {
    const std::vector<Trainee> people = {trainee(1, "Ana", "North"), trainee(2, "Ben", "North"), trainee(3, "Cleo", "South")};
    const std::vector<AttemptRecord> attempts = {
        attempt(1, "2026-12-01T09:00:00Z", true, false, {turn("counter", "grab-cake", -18), turn("wrong", "argue", -5, true)}),
        attempt(1, "2026-12-01T10:00:00Z", true, false, {turn("counter", "grab-cake", -18)}),  // the same trainee again
        attempt(2, "2026-12-01T11:00:00Z", false, false, {turn("counter", "grab-cake", -18)}),  // abandoned, still chosen
        attempt(3, "2026-12-01T12:00:00Z", true, true, {turn("counter", "ask", 10), turn("wrong", "argue", -5, true)}),
    };
    const Cohort c = summarise_cohort(people, attempts);
    REQUIRE(c.mistakes.size() == 2);
    CHECK(c.mistakes[0].choice_id == "argue");  // a red line leads, though fewer chose it
    CHECK(c.mistakes[0].red_line);
    CHECK(c.mistakes[0].trainees == 2);
    CHECK(c.mistakes[0].reached == 2);
    CHECK(c.mistakes[1].choice_id == "grab-cake");
    CHECK(c.mistakes[1].trainees == 2);  // Ana twice counts once
    CHECK(c.mistakes[1].reached == 3);
    CHECK(c.mistakes[1].said == "said grab-cake");
    CHECK(c.mistakes[1].feedback == "feedback grab-cake");
    CHECK(c.mistakes[1].points == doctest::Approx(-18));
    // A good reply is never a mistake, and one trainee's slip is not the cohort's.
    CHECK(summarise_cohort(people, attempts, {}, 3).mistakes.empty());
}

TEST_CASE("a damaged debrief costs the cohort view that attempt's turns, nothing else") {
    const std::vector<Trainee> people = {trainee(1, "Ana", "")};
    AttemptRecord broken = attempt(1, "2026-12-01T09:00:00Z", true, true, {});
    broken.debrief_json = "{\"turns\": [ not json";
    const Cohort c = summarise_cohort(people, {broken});
    CHECK(c.completed == 1);
    CHECK(c.scenarios.size() == 1);
    CHECK(c.mistakes.empty());
}

TEST_CASE("report --cohort on recorded attempts names the reply most trainees got wrong") {
    test_support::TempDir dir("turnaround-cohort");
    const std::string db = " --db '" + (dir.dir / "r.db").string() + "'";
    const std::string cake = std::string(" '") + TURNAROUND_SCENARIOS_DIR + "/late-birthday-cake.yaml'";
    using cli_runner::cli;
    using cli_runner::has;
    for (const char* who : {"Ana", "Ben", "Cleo"}) REQUIRE(cli(std::string("trainee add ") + who + " --team North" + db).exit_code == 0);
    // Ana and Ben reach for the nearest cake and lose him; Cleo does what the seeds teach.
    CHECK(cli("trainee record Ana" + cake + " --choices 2,2" + db).exit_code == 0);
    CHECK(cli("trainee record Ben" + cake + " --choices 2,2" + db).exit_code == 0);
    CHECK(cli("trainee record Cleo" + cake + " --choices 1,1,1,1,1,1,1" + db).exit_code == 0);
    const auto out = cli("report --cohort" + db);
    CHECK(out.exit_code == 0);
    CHECK(has(out.text, "Cohort: 3 trainees, 3 attempts (3 finished)"));
    CHECK(has(out.text, "The Dinosaur Cake: 1/3 33%, 1 of 3 trainees passed at the first try"));
    CHECK(has(out.text, "1. 2 of 2 trainees (100%) at The Dinosaur Cake, node 'wrong-cake'"));
    CHECK(has(out.text, "2 of 3 trainees (67%) at The Dinosaur Cake, node 'counter', chose \"Let's not panic."));
    CHECK(cli("report --cohort --team South" + db).exit_code == 1);
    CHECK(cli("report --team North" + db).exit_code == 2);  // --team goes with --cohort
    const auto json = cli("report --cohort --json" + db, false);
    CHECK(has(json.text, "\"mistakes\":["));
}
