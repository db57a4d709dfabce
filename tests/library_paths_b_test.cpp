// Bundled scenarios, second half of the library: each loads with no errors or warnings, passes the
// soundness checks it opts into, and its scripted best, worst and middle playthroughs reach the
// endings and grades that playing them in the terminal showed.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "library_paths.h"

using namespace ta;
using namespace library_paths;

namespace {

struct LibraryCase {
    const char* file;
    std::vector<std::string> checks;  // the soundness checks the scenario opts into
    std::vector<ScriptedPath> paths;  // the first is always the best playthrough, the third the middle one
};

const std::vector<std::string> kAllThree = {"no-pass-without-apology", "no-pass-without-listening",
                                            "no-pass-without-follow-up"};

const std::vector<LibraryCase>& library_b() {
    static const std::vector<LibraryCase> cases = {
        {"defective-headphones-choice.yaml",
         kAllThree,
         {{"best", {0, 0, 0, 0, 0, 0, 0}, "happy-travels", EndingType::Recovered, "Excellent", true},
          {"worst", {3, 1, 1}, "walked-out", EndingType::Lost, "Needs practice", false},
          // Every step right but the last: no check-in arranged, so follow-up is missing.
          {"middle", {0, 0, 0, 0, 0, 2}, "sorted-quietly", EndingType::Recovered, "Needs practice", false},
          // A dodged apology, called out and then made properly, still recovers the customer.
          {"late apology", {0, 0, 1, 0, 0, 0, 0, 0}, "happy-travels", EndingType::Recovered, "Excellent", true}}},
        {"property-marketing-client.yaml",
         kAllThree,
         {{"best", {0, 0, 0, 0, 0, 0, 0, 0}, "back-on-track", EndingType::Recovered, "Excellent", true},
          {"worst", {3, 0, 2, 1, 1}, "hung-up", EndingType::Lost, "Needs practice", false},
          {"middle", {0, 0, 0, 0, 1, 0, 0, 2}, "quiet-recovery", EndingType::Recovered, "Competent", true},
          {"branch manager", {0, 0, 0, 0, 2, 1}, "branch-manager", EndingType::Escalated, "Needs practice", false}}},
        {"helpline-brushoff-callback.yaml",
         kAllThree,
         {{"best", {0, 0, 0, 0, 0, 0, 0}, "back-in-hand", EndingType::Recovered, "Excellent", true},
          {"worst", {0, 2, 2, 1}, "hung-up", EndingType::Lost, "Needs practice", false},
          // Pointing at the logged ticket first, then recovering; the call-back closes without asking.
          {"middle", {2, 0, 0, 0, 0, 0, 0, 1}, "fixed-unchecked", EndingType::Recovered, "Competent", true},
          // "I've logged it" a second time, then a team leader is brought in.
          {"team leader", {0, 0, 0, 2, 1}, "team-lead", EndingType::Escalated, "Needs practice", false}}},
        {"bank-fee-policy.yaml",
         kAllThree,
         {{"best", {0, 0, 0, 0, 0, 0, 0}, "back-onside", EndingType::Recovered, "Excellent", true},
          {"worst", {2, 1, 1}, "walked-out", EndingType::Lost, "Needs practice", false},
          // Fetching the manager before trying what is within the associate's own power.
          {"middle", {0, 0, 0, 3}, "manager-same-answer", EndingType::Escalated, "Needs practice", false},
          {"overpromise", {0, 0, 0, 1}, "broken-promise", EndingType::Lost, "Needs practice", false}}},
        {"irreconcilable-client-parting.yaml",
         {"no-pass-without-apology", "no-pass-without-listening"},
         {{"best", {0, 0, 0, 0, 0, 0, 0, 0}, "parted-well", EndingType::Parted, "Excellent", true},
          {"worst", {3, 2, 2}, "walked-out", EndingType::Lost, "Needs practice", false},
          {"middle", {0, 0, 0, 0, 0, 3}, "director", EndingType::Escalated, "Competent", true},
          // Suggesting a split at the very first complaint.
          {"rash parting", {2}, "rash-split", EndingType::Lost, "Needs practice", false}}},
        {"lost-luggage-handover.yaml",
         kAllThree,
         {{"best", {0, 0, 0, 0, 0, 0}, "handed-over-well", EndingType::Escalated, "Excellent", true},
          {"worst", {3, 0, T, 1}, "stormed-off", EndingType::Lost, "Needs practice", false},
          // Hesitating on the timed yes-or-no question, then answering honestly.
          {"middle", {0, 0, T, 0, 0, 0, 0}, "handed-over-well", EndingType::Escalated, "Excellent", true},
          {"cold transfer", {0, 0, 0, 0, 2}, "cold-transfer", EndingType::Escalated, "Needs practice", false}}},
    };
    return cases;
}

bool has_tag(const Choice& c, const std::string& tag) {
    return std::find(c.tags.begin(), c.tags.end(), tag) != c.tags.end();
}

}  // namespace

TEST_CASE("library B: every scenario loads with no errors or warnings and its id matches its file") {
    for (const auto& c : library_b()) check_loads_clean(c.file);
}

TEST_CASE("library B: the opted-in soundness checks hold and the best playthrough scores 100") {
    for (const auto& c : library_b()) check_soundness(c.file, c.checks);
}

TEST_CASE("library B: scripted playthroughs reach the expected endings and grades") {
    for (const auto& c : library_b()) check_scripted_paths(c.file, c.paths);
}

TEST_CASE("library B: each best playthrough listens, apologises, solves and follows up") {
    for (const auto& c : library_b()) {
        const std::string file = c.file;
        CAPTURE(file);
        LoadResult loaded = load_clean(c.file);
        REQUIRE(loaded.ok());
        Session run = Session::replay(*loaded.scenario, c.paths[0].choices);
        REQUIRE(run.ended());
        bool listened = false, apologised = false, solved = false, promised = false, confirmed = false;
        for (const auto& turn : run.turns()) {
            const Choice& ch = run.choice_of(turn);
            listened |= has_tag(ch, "ask_question") || has_tag(ch, "paraphrase") || has_tag(ch, "let_them_speak") ||
                        has_tag(ch, "acknowledge_feelings");
            apologised |= has_tag(ch, "apologise") || has_tag(ch, "admit_mistake");
            solved |= has_tag(ch, "offer_choice") || has_tag(ch, "state_next_steps") || has_tag(ch, "fix_fast") ||
                      has_tag(ch, "escalate_senior") || has_tag(ch, "professional_parting");
            promised |= has_tag(ch, "promise_follow_up");
            confirmed |= promised && (has_tag(ch, "confirm_fix") || has_tag(ch, "close_loop") ||
                                      has_tag(ch, "invite_review_update"));
            CHECK(turn.mood_after >= turn.mood_before);  // the best path never makes things worse
        }
        CHECK(listened);
        CHECK(apologised);
        CHECK(solved);
        CHECK(promised);
        CHECK(confirmed);
    }
}

TEST_CASE("library B: the parting scenario rewards a parting after a real attempt, not a rash one") {
    LoadResult loaded = load_clean("irreconcilable-client-parting.yaml");
    REQUIRE(loaded.ok());
    const Scenario& s = *loaded.scenario;
    const auto& rubric = scoring::default_rubric();

    Session best = Session::replay(s, {0, 0, 0, 0, 0, 0, 0, 0});
    REQUIRE(best.ended());
    bool parted_professionally = false;
    for (const auto& turn : best.turns()) parted_professionally |= has_tag(best.choice_of(turn), "professional_parting");
    CHECK(parted_professionally);

    Session rash = Session::replay(s, {2});
    REQUIRE(rash.ended());
    CHECK(has_tag(rash.choice_of(rash.turns().front()), "rash_parting"));
    scoring::Debrief rash_grade = scoring::grade(s, rash, rubric);
    scoring::Debrief best_grade = scoring::grade(s, best, rubric);
    CHECK(rash_grade.score[static_cast<int>(Competency::Composure)] <
          best_grade.score[static_cast<int>(Competency::Composure)]);
    CHECK(rash_grade.overall < best_grade.overall);
}

TEST_CASE("library B: the luggage desk's timed question costs composure when the trainee hesitates") {
    LoadResult loaded = load_clean("lost-luggage-handover.yaml");
    REQUIRE(loaded.ok());
    const Scenario& s = *loaded.scenario;
    const Node* urgent = s.find_node("urgent");
    REQUIRE(urgent != nullptr);
    CHECK(urgent->timer_seconds > 0);
    REQUIRE(urgent->on_timeout.has_value());
    CHECK(has_tag(*urgent->on_timeout, "hesitate"));

    Session answered = Session::replay(s, {0, 0, 0});
    Session hesitated = Session::replay(s, {0, 0, T});
    REQUIRE(answered.current_node() != nullptr);
    REQUIRE(hesitated.current_node() != nullptr);
    CHECK(answered.current_node()->id == "limit");
    CHECK(hesitated.current_node()->id == "hesitated");
    CHECK(hesitated.mood() < answered.mood());

    const auto& rubric = scoring::default_rubric();
    scoring::Debrief best = scoring::grade(s, Session::replay(s, {0, 0, 0, 0, 0, 0}), rubric);
    scoring::Debrief slow = scoring::grade(s, Session::replay(s, {0, 0, T, 0, 0, 0, 0}), rubric);
    CHECK(slow.score[static_cast<int>(Competency::Composure)] < best.score[static_cast<int>(Competency::Composure)]);
}
