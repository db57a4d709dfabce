// Progress: series per competency, best results, what to practise next and which scenario.
#include <doctest/doctest.h>

#include "progress.h"

using namespace ta;
using namespace ta::store;

namespace {

AttemptRecord attempt(std::string scenario, std::string when, double overall, CompetencyArray scores,
                      bool completed = true) {
    AttemptRecord a;
    a.uuid = scenario + when;
    a.scenario_id = std::move(scenario);
    a.scenario_title = "Title of " + a.scenario_id;
    a.finished_at = std::move(when);
    a.completed = completed;
    a.overall = overall;
    a.scores = scores;
    a.passed = completed && overall >= 70;
    return a;
}

ScenarioInfo info(std::string id, CompetencyArray emphasis) {
    ScenarioInfo s;
    s.id = std::move(id);
    s.title = "T " + s.id;
    s.emphasis = emphasis;
    return s;
}

}  // namespace

TEST_CASE("no attempts: nothing to report, but a first scenario to try") {
    Progress p = summarise_progress({}, {info("a", {1, 1, 1, 1, 1}), info("b", {1, 1, 1, 1, 1})});
    CHECK(p.attempts == 0);
    CHECK_FALSE(p.has_recent);
    CHECK_FALSE(p.practise_next);
    CHECK(p.suggested_scenario_id == "a");
}

TEST_CASE("series are in time order and hold finished attempts only") {
    std::vector<AttemptRecord> v = {attempt("s1", "2026-01-03T10:00:00Z", 80, {90, 80, 70, 60, 50}),
                                    attempt("s1", "2026-01-01T10:00:00Z", 50, {50, 50, 50, 50, 50}),
                                    attempt("s2", "2026-01-02T10:00:00Z", 30, {10, 10, 10, 10, 10}, false)};
    Progress p = summarise_progress(v);
    CHECK(p.attempts == 3);
    CHECK(p.completed == 2);
    CHECK(p.passed == 1);
    REQUIRE(p.series[0].size() == 2);
    CHECK(p.series[0][0].score == 50);
    CHECK(p.series[0][1].score == 90);
    REQUIRE(p.scenarios.size() == 2);
    CHECK(p.scenarios[0].scenario_id == "s1");
    CHECK(p.scenarios[0].best_overall == 80);
    CHECK(p.scenarios[0].passed_ever);
    CHECK(p.scenarios[1].completed == 0);
    CHECK_FALSE(p.scenarios[1].passed_ever);
}

TEST_CASE("the competency to practise is the weakest over the recent attempts") {
    std::vector<AttemptRecord> v;
    // Long ago follow-up was weak; lately composure is.
    for (int i = 0; i < 4; ++i)
        v.push_back(attempt("old", "2025-01-0" + std::to_string(i + 1) + "T00:00:00Z", 60, {70, 70, 70, 0, 90}));
    for (int i = 0; i < kRecentWindow; ++i)
        v.push_back(attempt("new", "2026-02-0" + std::to_string(i + 1) + "T00:00:00Z", 70, {80, 80, 80, 75, 40}));
    Progress p = summarise_progress(v);
    REQUIRE(p.practise_next);
    CHECK(*p.practise_next == Competency::Composure);
    CHECK(p.recent_mean[4] == doctest::Approx(40));
    CHECK(p.suggested_scenario_id == "new");  // no catalogue: where composure scored lowest
}

TEST_CASE("the suggested scenario exercises the weak competency most, preferring ones not yet passed") {
    std::vector<AttemptRecord> v = {attempt("a", "2026-01-01T00:00:00Z", 90, {90, 20, 90, 90, 90})};
    std::vector<ScenarioInfo> cat = {info("a", {1, 9, 1, 1, 1}), info("b", {1, 5, 1, 1, 1}), info("c", {1, 0, 9, 1, 1})};
    Progress p = summarise_progress(v, cat);
    REQUIRE(p.practise_next);
    CHECK(*p.practise_next == Competency::Apology);
    CHECK(p.suggested_scenario_id == "b");  // "a" exercises apology more but is already passed
    CHECK(p.suggestion_reason.find("not played yet") != std::string::npos);
}

TEST_CASE("scenario emphasis adds up positive points from tags and explicit points, times weights") {
    Scenario s;
    s.id = "e";
    Node n;
    n.id = "n";
    Choice good;
    good.tags = {"apologise"};
    Choice bad;
    bad.tags = {"blame_others"};
    bad.has_points = true;
    bad.points = {0, 0, 0, 0, 3};
    n.choices = {good, bad};
    s.nodes = {n};
    s.scoring.weights = {1.0, 1.0, 1.0, 1.0, 2.0};
    const auto& rubric = scoring::default_rubric();
    ScenarioInfo i = scenario_info(s, rubric);
    double apology = std::max(0.0, rubric.tags.at("apologise").points[1]) +
                     std::max(0.0, rubric.tags.at("blame_others").points[1]);
    CHECK(i.emphasis[1] == doctest::Approx(apology));
    CHECK(i.emphasis[1] > 0);
    double composure = std::max(0.0, rubric.tags.at("apologise").points[4]) +
                       std::max(0.0, 3 + rubric.tags.at("blame_others").points[4]);
    CHECK(i.emphasis[4] == doctest::Approx(2 * composure));  // doubled by the weight
}

TEST_CASE("a competency a scenario does not exercise is neither charted nor suggested") {
    AttemptRecord a = attempt("s", "2026-01-01T00:00:00Z", 80, {90, 85, 80, 0, 95});
    a.scored[3] = false;  // follow-up not exercised: its 0 means nothing
    AttemptRecord b = attempt("s", "2026-01-02T00:00:00Z", 70, {60, 85, 80, 0, 95});
    b.scored[3] = false;
    Progress p = summarise_progress({a, b});
    CHECK(p.series[3].empty());
    CHECK(p.recent_count[3] == 0);
    CHECK(p.recent_count[0] == 2);
    REQUIRE(p.practise_next);
    CHECK(*p.practise_next == Competency::Listening);  // mean 75, lower than the others
    CHECK(p.recent_mean[0] == doctest::Approx(75));
}
