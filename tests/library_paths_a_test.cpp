// Bundled scenarios, first half of the library: each loads with no errors or warnings, passes the
// soundness checks it opts into, and its scripted best, worst and middle playthroughs reach the
// endings and grades that playing them in the terminal showed.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "analysis.h"
#include "debrief.h"
#include "loader.h"
#include "session.h"

using namespace ta;

namespace {

constexpr int T = kTimeoutChoice;  // let the node's timer run out

struct ScriptedPath {
    const char* label;
    std::vector<int> choices;  // 0-based indices into each node's choices
    const char* ending;
    EndingType type;
    const char* band;
    bool passed;
};

struct LibraryCase {
    const char* file;
    std::vector<ScriptedPath> paths;
};

const std::vector<LibraryCase>& library_a() {
    static const std::vector<LibraryCase> cases = {
        {"late-birthday-cake.yaml",
         {{"best", {0, 0, 0, 0, 0, 0, 0}, "recovered", EndingType::Recovered, "Excellent", true},
          {"worst", {0, 1, 1, 1}, "walked-out", EndingType::Lost, "Needs practice", false},
          {"middle", {0, 1, 0, 1, 0, 0, 0}, "recovered", EndingType::Recovered, "Competent", true},
          {"manager", {0, 0, 0, 3}, "manager-takes-over", EndingType::Escalated, "Needs practice", false}}},
        {"billing-error-manager.yaml",
         {{"best", {0, 0, 0, 0, 0, 0, 0, 0}, "recovered", EndingType::Recovered, "Excellent", true},
          {"worst", {3, 0, 1, 1, 1}, "hung-up", EndingType::Lost, "Needs practice", false},
          {"middle", {0, 0, 0, 0, 0, 0, 1}, "satisfied", EndingType::Recovered, "Competent", true},
          // The hand-over choice is only offered once the manager was promised at the start.
          {"handover", {0, 0, 0, 2}, "warm-handover", EndingType::Escalated, "Needs practice", false}}},
        {"hotel-room-not-as-booked.yaml",
         {{"best", {0, 0, 0, 0, 0, 0, 0, 0, 0}, "recovered", EndingType::Recovered, "Excellent", true},
          {"worst", {3, 1, 1, 1}, "checked-out", EndingType::Lost, "Needs practice", false},
          {"middle", {0, 1, 0, 1, 1, 0, 0, 1}, "recovered", EndingType::Recovered, "Competent", true},
          {"duty manager", {0, 2, 0}, "manager-finds-room", EndingType::Escalated, "Needs practice", false}}},
        {"one-star-roofing-review.yaml",
         {{"best", {0, 0, 0, 0, 0, 0, 0, 0}, "review-updated", EndingType::Recovered, "Excellent", true},
          {"worst", {1, 0, 2, 1, 1}, "hung-up", EndingType::Lost, "Needs practice", false},
          {"middle", {0, 1, 0, 1, 0, 0, 1}, "fixed-review-stays", EndingType::Recovered, "Competent", true},
          {"owner", {0, 0, 0, 0, 2, 1}, "owner-takes-over", EndingType::Escalated, "Needs practice", false}}},
        {"key-account-contract.yaml",
         {{"best", {0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, "contract-saved", EndingType::Recovered, "Excellent", true},
          {"worst", {1, 0, 0, 1, 2, 1}, "terminated", EndingType::Lost, "Needs practice", false},
          {"middle", {0, 1, 0, 0, 1, 0, 0, 0, 1}, "probation", EndingType::Recovered, "Competent", true},
          {"parting", {0, 0, 0, 0, 0, 3, 1}, "parted-well", EndingType::Parted, "Needs practice", false}}},
        {"allergy-wrong-order.yaml",
         {{"best", {0, 0, 0, 0, 0, 0, 0}, "trust-rebuilt", EndingType::Recovered, "Excellent", true},
          {"worst", {3, 0, 1, 0, 3, 1}, "done-with-you", EndingType::Lost, "Needs practice", false},
          // Hesitating on the timed first question costs composure but can still be recovered.
          {"middle", {T, 0, 0, 0, 0, 0, 1}, "wary", EndingType::Parted, "Competent", true},
          {"general manager", {0, 0, 0, 2}, "gm-takes-over", EndingType::Escalated, "Needs practice", false}}},
    };
    return cases;
}

LoadResult load_clean(const std::string& file) {
    LoadOptions options;
    options.known_tags = scoring::default_rubric().tag_names();
    LoadResult loaded = load_scenario_file(std::string(TURNAROUND_SCENARIOS_DIR) + "/" + file, options);
    for (const auto& d : loaded.diagnostics) MESSAGE(format_diagnostic(d));
    return loaded;
}

std::string id_of(const std::string& file) { return file.substr(0, file.size() - std::string(".yaml").size()); }

}  // namespace

TEST_CASE("library A: every scenario loads with no errors or warnings and its id matches its file") {
    for (const auto& c : library_a()) {
        const std::string file = c.file;
        CAPTURE(file);
        LoadResult loaded = load_clean(c.file);
        REQUIRE(loaded.scenario.has_value());
        CHECK(count_errors(loaded.diagnostics) == 0);
        CHECK(count_warnings(loaded.diagnostics) == 0);
        CHECK(loaded.scenario->id == id_of(c.file));
    }
}

TEST_CASE("library A: the opted-in soundness checks hold and the best playthrough scores 100") {
    for (const auto& c : library_a()) {
        const std::string file = c.file;
        CAPTURE(file);
        LoadResult loaded = load_clean(c.file);
        REQUIRE(loaded.ok());
        const Scenario& s = *loaded.scenario;
        CHECK(s.scoring.checks == std::vector<std::string>{"no-pass-without-apology", "no-pass-without-listening",
                                                           "no-pass-without-follow-up"});
        scoring::Analysis a = scoring::analyze(s);
        REQUIRE(a.ok);
        CHECK_FALSE(a.enforced_failed());
        for (const auto& check : a.checks) {
            CAPTURE(check.verdict);
            if (check.enforced) CHECK(check.ok);
        }
        CHECK(a.max_overall == doctest::Approx(100.0));
        // nullopt means every playthrough includes it, which is sound too.
        if (a.max_without_apology) CHECK(*a.max_without_apology < a.pass_mark);
        if (a.max_without_listening) CHECK(*a.max_without_listening < a.pass_mark);
        if (a.max_without_follow_up) CHECK(*a.max_without_follow_up < a.pass_mark);
        CHECK(a.unknown_checks.empty());
    }
}

TEST_CASE("library A: scripted playthroughs reach the expected endings and grades") {
    for (const auto& c : library_a()) {
        LoadResult loaded = load_clean(c.file);
        REQUIRE(loaded.ok());
        const Scenario& s = *loaded.scenario;
        for (const auto& p : c.paths) {
            const std::string file = c.file, label = p.label;
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
            if (std::string(p.label) == "best") CHECK(d.overall == doctest::Approx(100.0));
        }
    }
}

TEST_CASE("library A: the same choices always give the same transcript and grade") {
    for (const auto& c : library_a()) {
        const std::string file = c.file;
        CAPTURE(file);
        LoadResult loaded = load_clean(c.file);
        REQUIRE(loaded.ok());
        const auto& middle = c.paths[2].choices;
        Session first = Session::replay(*loaded.scenario, middle);
        Session second = Session::replay(*loaded.scenario, middle);
        REQUIRE(first.transcript().size() == second.transcript().size());
        for (std::size_t i = 0; i < first.transcript().size(); ++i)
            CHECK(first.transcript()[i].text == second.transcript()[i].text);
        CHECK(first.mood() == second.mood());
        auto a = scoring::grade(*loaded.scenario, first, scoring::default_rubric());
        auto b = scoring::grade(*loaded.scenario, second, scoring::default_rubric());
        CHECK(a.overall == b.overall);
    }
}
