// Bundled scenarios, first half of the library: each loads with no errors or warnings, passes the
// soundness checks it opts into, and its scripted best, worst and middle playthroughs reach the
// endings and grades that playing them in the terminal showed.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "library_paths.h"

using namespace ta;
using namespace library_paths;

namespace {

const std::vector<std::string> kAllThree = {"no-pass-without-apology", "no-pass-without-listening",
                                            "no-pass-without-follow-up"};

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

}  // namespace

TEST_CASE("library A: every scenario loads with no errors or warnings and its id matches its file") {
    for (const auto& c : library_a()) check_loads_clean(c.file);
}

TEST_CASE("library A: the opted-in soundness checks hold and the best playthrough scores 100") {
    for (const auto& c : library_a()) check_soundness(c.file, kAllThree);
}

TEST_CASE("library A: scripted playthroughs reach the expected endings and grades") {
    for (const auto& c : library_a()) check_scripted_paths(c.file, c.paths);
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
