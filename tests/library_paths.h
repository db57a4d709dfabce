// library_paths.h: the checks every bundled scenario must pass, shared by the two library test
// files (each holds the scripted paths of its half of the library).
#pragma once

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "analysis.h"
#include "debrief.h"
#include "loader.h"
#include "session.h"

namespace library_paths {

using namespace ta;

inline constexpr int T = kTimeoutChoice;  // let the node's timer run out

// A playthrough checked in the terminal, with the ending and grade it gave.
struct ScriptedPath {
    const char* label;
    std::vector<int> choices;  // 0-based indices into each node's choices
    const char* ending;
    EndingType type;
    const char* band;
    bool passed;
};

inline LoadResult load_clean(const std::string& file) {
    LoadOptions options;
    options.known_tags = scoring::default_rubric().tag_names();
    LoadResult loaded = load_scenario_file(std::string(TURNAROUND_SCENARIOS_DIR) + "/" + file, options);
    for (const auto& d : loaded.diagnostics) MESSAGE(format_diagnostic(d));
    return loaded;
}

inline std::string id_of(const std::string& file) { return file.substr(0, file.size() - std::string(".yaml").size()); }

// Loads with no errors or warnings, and its id matches its file name.
inline void check_loads_clean(const std::string& file) {
    CAPTURE(file);
    LoadResult loaded = load_clean(file);
    REQUIRE(loaded.scenario.has_value());
    CHECK(count_errors(loaded.diagnostics) == 0);
    CHECK(count_warnings(loaded.diagnostics) == 0);
    CHECK(loaded.scenario->id == id_of(file));
}

// Opts into exactly `expected_checks`, every enforced check holds, and the best playthrough scores 100.
inline void check_soundness(const std::string& file, const std::vector<std::string>& expected_checks) {
    CAPTURE(file);
    LoadResult loaded = load_clean(file);
    REQUIRE(loaded.ok());
    const Scenario& s = *loaded.scenario;
    CHECK(s.scoring.checks == expected_checks);
    scoring::Analysis a = scoring::analyze(s);
    REQUIRE(a.ok);
    CHECK_FALSE(a.enforced_failed());
    for (const auto& check : a.checks) {
        CAPTURE(check.verdict);
        if (check.enforced) CHECK(check.ok);
    }
    CHECK(a.max_overall == doctest::Approx(100.0));
    // nullopt means no playthrough that leaves it out can pass, which is sound too.
    if (a.max_without_apology) CHECK(*a.max_without_apology < a.pass_mark);
    if (a.max_without_listening) CHECK(*a.max_without_listening < a.pass_mark);
    const bool opts_into_follow_up =
        std::find(expected_checks.begin(), expected_checks.end(), "no-pass-without-follow-up") != expected_checks.end();
    if (opts_into_follow_up && a.max_without_follow_up) CHECK(*a.max_without_follow_up < a.pass_mark);
    CHECK(a.unknown_checks.empty());
}

// Each path plays to the end it gave in the terminal, with the same grade.
inline void check_scripted_paths(const std::string& file, const std::vector<ScriptedPath>& paths) {
    LoadResult loaded = load_clean(file);
    REQUIRE(loaded.ok());
    const Scenario& s = *loaded.scenario;
    for (const auto& p : paths) {
        const std::string label = p.label;
        CAPTURE(file);
        CAPTURE(label);
        int played = 0;
        Session run = Session::replay(s, p.choices, &played);
        CHECK(played == static_cast<int>(p.choices.size()));
        REQUIRE(run.ended());
        CHECK(run.ending()->id == p.ending);
        CHECK(run.ending()->type == p.type);
        CHECK(run.choice_path() == p.choices);

        scoring::Debrief d = scoring::grade(s, run, scoring::default_rubric());
        CHECK(d.completed);
        CHECK(d.ending_id == p.ending);
        CHECK(d.band == p.band);
        CHECK(d.passed == p.passed);
        if (label == "best") CHECK(d.overall == doctest::Approx(100.0));
    }
}

}  // namespace library_paths
