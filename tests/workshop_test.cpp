// Workshop sessions, headless: votes, distributions, majority and tie-break, facilitator
// override, per-team conversations, comparison, and recording to the results store.
#include <doctest/doctest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "debrief.h"
#include "results_store.h"
#include "workshop.h"

using namespace ta;
using namespace ta::store;

namespace {

Choice choice(std::string text, std::string next, int mood, std::vector<std::string> tags) {
    Choice c;
    c.text = std::move(text);
    c.next = std::move(next);
    c.mood = mood;
    c.tags = std::move(tags);
    return c;
}

// Two decisions; the first node has a timer. Good replies lead to "won", poor ones to "lost".
Scenario room_scenario() {
    Scenario s;
    s.id = "ws";
    s.title = "Workshop sample";
    s.version = "2";
    s.start = "open";
    s.customer.mood = 30;
    Node open;
    open.id = "open";
    open.say = {{"You sent the wrong size again.", "angry", {}}};
    open.choices = {choice("I'm sorry. What size did you order?", "ask", 10, {"apologise", "ask_question"}),
                    choice("The warehouse must have mixed it up.", "ask", -10, {"blame_others"}),
                    choice("Those are the sizes we have.", "lost", -30, {"brush_off"})};
    for (std::size_t i = 0; i < open.choices.size(); ++i) open.choices[i].id = "open#" + std::to_string(i + 1);
    open.timer_seconds = 20;
    Choice silence = choice("(silence)", "lost", -10, {"hesitate"});
    silence.id = "open#timeout";
    open.on_timeout = silence;
    Node ask;
    ask.id = "ask";
    ask.say = {{"A medium. It's a gift.", "upset", {}}};
    ask.choices = {choice("I'll send a medium today by courier and call you when it ships.", "won", 20,
                          {"state_next_steps", "promise_follow_up"}),
                   choice("You can return it in store.", "lost", -10, {"impose_solution"})};
    for (std::size_t i = 0; i < ask.choices.size(); ++i) ask.choices[i].id = "ask#" + std::to_string(i + 1);
    s.nodes = {open, ask};
    s.endings = {{"won", EndingType::Recovered, "Sorted", "", {}, {}}, {"lost", EndingType::Lost, "Gone", "", {}, {}}};
    s.reindex();
    return s;
}

}  // namespace

TEST_CASE("room mode: the distribution counts votes and the majority goes on") {
    Scenario s = room_scenario();
    Workshop w(s, WorkshopMode::Room, {"Red", "Blue", "Green"});
    REQUIRE(w.track_count() == 1);
    CHECK(w.track_name(0) == "room");

    Distribution empty = w.distribution(0);
    CHECK(empty.total == 0);
    CHECK_FALSE(empty.majority);
    CHECK(empty.options == std::vector<int>{0, 1, 2});

    CHECK(w.set_votes(0, 1, 7));   // show of hands
    CHECK(w.add_votes(0, 0, 4));
    CHECK(w.add_votes(0, 0, 2));
    CHECK_FALSE(w.add_votes(0, 7, 1));   // not an option
    CHECK_FALSE(w.add_votes(0, 0, -3));  // no negative votes
    Distribution d = w.distribution(0);
    CHECK(d.total == 13);
    CHECK(d.votes == std::vector<int>{6, 7, 0});
    CHECK(d.share(1) == doctest::Approx(7.0 / 13));
    REQUIRE(d.majority);
    CHECK(*d.majority == 1);

    CHECK(w.advance(0) == ChooseResult::Ok);
    CHECK(w.session(0).current_node()->id == "ask");
    CHECK(w.session(0).turns()[0].choice_index == 1);
    // Votes start afresh at the next decision.
    CHECK(w.distribution(0).total == 0);
}

TEST_CASE("a tie has no majority: the facilitator calls it, and the record says it was a tie") {
    Scenario s = room_scenario();
    Workshop w(s, WorkshopMode::Room, {"Red", "Blue"});
    CHECK(w.team_pick(0, 0, 2));
    CHECK(w.team_pick(0, 1, 0));
    Distribution d = w.distribution(0);
    CHECK(d.votes == std::vector<int>{1, 0, 1});
    CHECK(d.tied);
    CHECK_FALSE(d.majority);
    // Nothing goes on by itself, least of all with the option shown first.
    CHECK(w.advance(0) == ChooseResult::NotAvailable);
    CHECK(w.session(0).turns().empty());
    // A team that changes its mind replaces its vote, and breaks the tie.
    CHECK(w.team_pick(0, 1, 2));
    d = w.distribution(0);
    CHECK(d.votes == std::vector<int>{0, 0, 2});
    CHECK_FALSE(d.tied);
    REQUIRE(d.majority);
    CHECK(*d.majority == 2);
    CHECK_FALSE(w.team_pick(0, 5, 0));  // no such team
    CHECK(w.team_choice(0, 1) == 2);
    CHECK_FALSE(w.team_choice(0, 5));
    // Tied again, then called: the record has the tie, the call, the letters and texts as shown.
    CHECK(w.team_pick(0, 1, 0));
    CHECK(w.advance(0, 2) == ChooseResult::Ok);
    const auto& h = w.vote_history();
    REQUIRE(h.size() == 2);
    for (const VoteRecord& v : h) CHECK(v.tie);
    CHECK(h[0].choice_index == 0);
    CHECK(h[0].letter == "A");
    CHECK(h[0].text == s.nodes[0].choices[0].text);
    CHECK_FALSE(h[0].chosen);
    CHECK(h[1].choice_index == 2);
    CHECK(h[1].letter == "C");
    CHECK(h[1].text == s.nodes[0].choices[2].text);
    CHECK(h[1].chosen);
    CHECK(h[1].overridden);  // a call, not the room's majority
}

TEST_CASE("the letters recorded are the ones the room saw in the shuffled order") {
    Scenario s = room_scenario();
    for (std::uint64_t seed = 1; seed < 40; ++seed) {
        Workshop w(s, WorkshopMode::Room, {}, seed);
        const auto shown = w.session(0).presented_choices();
        if (shown.front() == 0) continue;  // want an order where file option 0 is not A
        w.set_votes(0, 0, 3);
        REQUIRE(w.advance(0) == ChooseResult::Ok);
        const VoteRecord& v = w.vote_history().front();
        const auto at = std::find(shown.begin(), shown.end(), 0) - shown.begin();
        CHECK(v.letter == std::string(1, static_cast<char>('A' + at)));
        CHECK_FALSE(v.tie);
        CHECK_FALSE(v.overridden);
        return;
    }
    FAIL("no seed among 1..39 moved the first option away from A");
}

TEST_CASE("the facilitator can overrule the room, and the record says so") {
    Scenario s = room_scenario();
    Workshop w(s, WorkshopMode::Room, {});
    CHECK(w.advance(0) == ChooseResult::NotAvailable);  // nobody voted, nobody chose
    w.set_votes(0, 2, 9);
    w.set_votes(0, 0, 1);
    CHECK(w.advance(0, 0, 15000) == ChooseResult::Ok);
    CHECK(w.session(0).current_node()->id == "ask");
    const auto& h = w.vote_history();
    REQUIRE(h.size() == 2);
    CHECK(h[0].choice_index == 0);
    CHECK(h[0].chosen);
    CHECK(h[0].overridden);
    CHECK(h[1].choice_index == 2);
    CHECK(h[1].votes == 9);
    CHECK_FALSE(h[1].chosen);
    // Going with the majority is not an override.
    w.add_votes(0, 0, 3);
    CHECK(w.advance(0, 0) == ChooseResult::Ok);
    CHECK(w.advance(0, 0) == ChooseResult::Ended);  // already over
    CHECK_FALSE(w.vote_history().back().overridden);
    CHECK(w.ended());
    CHECK_FALSE(w.add_votes(0, 0, 1));  // nothing to vote on any more
}

TEST_CASE("the room can let the timer run out") {
    Scenario s = room_scenario();
    Workshop w(s, WorkshopMode::Room, {});
    CHECK(w.time_out(0) == ChooseResult::Ok);
    CHECK(w.session(0).ending()->id == "lost");
    REQUIRE(w.vote_history().size() == 1);
    CHECK(w.vote_history()[0].choice_index == kTimeoutChoice);
}

TEST_CASE("teams mode: each team plays its own conversation and the teams are compared") {
    Scenario s = room_scenario();
    Workshop w(s, WorkshopMode::Teams, {"Red", "Blue", "Green"});
    REQUIRE(w.track_count() == 3);
    CHECK(w.track_name(1) == "Blue");
    // Red plays well, Blue poorly, Green walks the customer out at once.
    w.add_votes(0, 0, 3);
    w.add_votes(0, 1, 1);
    CHECK(w.advance(0) == ChooseResult::Ok);
    w.add_votes(0, 0, 4);
    CHECK(w.advance(0) == ChooseResult::Ok);
    CHECK(w.advance(1, 1) == ChooseResult::Ok);
    CHECK(w.advance(1, 1) == ChooseResult::Ok);
    CHECK_FALSE(w.ended());
    CHECK(w.advance(2, 2) == ChooseResult::Ok);
    CHECK(w.ended());
    // One team's votes never leak into another's conversation.
    CHECK(w.session(1).turns().size() == 2);
    CHECK(w.session(2).turns().size() == 1);

    auto results = w.results(scoring::default_rubric());
    REQUIRE(results.size() == 3);
    CHECK(results[0].team == "Red");
    CHECK(results[0].debrief.ending_id == "won");
    CHECK(results[1].debrief.ending_id == "lost");
    Comparison c = Workshop::compare(results);
    REQUIRE(c.standings.size() == 3);
    CHECK(c.standings[0].team == "Red");
    CHECK(c.standings[0].rank == 1);
    CHECK(c.standings[0].overall > c.standings[1].overall);
    CHECK(c.standings[1].overall >= c.standings[2].overall);
    CHECK(c.strongest[static_cast<int>(Competency::Apology)] == "Red");
}

TEST_CASE("equal teams share a rank") {
    Scenario s = room_scenario();
    Workshop w(s, WorkshopMode::Teams, {"A", "B"});
    w.advance(0, 2);
    w.advance(1, 2);
    Comparison c = Workshop::compare(w.results(scoring::default_rubric()));
    REQUIRE(c.standings.size() == 2);
    CHECK(c.standings[0].rank == 1);
    CHECK(c.standings[1].rank == 1);
    CHECK(c.standings[0].team == "A");  // team order kept on a tie
}

TEST_CASE("the same votes always give the same result") {
    Scenario s = room_scenario();
    auto play = [&] {
        Workshop w(s, WorkshopMode::Room, {"X", "Y", "Z"});
        w.team_pick(0, 0, 1);
        w.team_pick(0, 1, 0);
        w.team_pick(0, 2, 0);
        w.advance(0);
        w.set_votes(0, 0, 5);
        w.set_votes(0, 1, 5);
        CHECK(w.advance(0) == ChooseResult::NotAvailable);  // a tie waits for the facilitator
        w.advance(0, 0);
        return w.results(scoring::default_rubric())[0].debrief;
    };
    auto a = play(), b = play();
    CHECK(a.ending_id == "won");  // the tie at the second decision was called for the first option
    CHECK(a.overall == b.overall);
    CHECK(scoring::debrief_to_json(a) == scoring::debrief_to_json(b));
}

TEST_CASE("a workshop is recorded with every team's debrief and the votes") {
    Scenario s = room_scenario();
    Workshop w(s, WorkshopMode::Teams, {"Red", "Blue"});
    w.add_votes(0, 0, 3);
    w.advance(0, std::nullopt, 12000);
    w.advance(0, 0, 8000);
    w.advance(1, 2, 5000);
    WorkshopRecord rec = w.to_record(scoring::default_rubric(), "Kim", "Room 4", "2026-11-25T10:00:00Z",
                                     "2026-11-25T10:20:00Z");
    CHECK(rec.mode == "teams");
    CHECK(rec.completed);
    REQUIRE(rec.results.size() == 2);
    CHECK(rec.results[0].team == "Red");
    CHECK(rec.results[0].choice_ids == std::vector<std::string>{"open#1", "ask#1"});
    CHECK(rec.results[0].turn_ms == std::vector<long long>{12000, 8000});
    CHECK(rec.results[1].ending_id == "lost");

    std::string dir = (std::filesystem::temp_directory_path() / ("turnaround-ws-" + std::to_string(::getpid()))).string();
    std::filesystem::create_directories(dir);
    {
        ResultsStore store;
        REQUIRE(store.open(dir + "/r.db"));
        std::string error;
        REQUIRE_MESSAGE(store.record_workshop(rec, &error), error);
        auto back = store.workshop(rec.id);
        REQUIRE(back);
        CHECK(back->scenario_version == "2");
        REQUIRE(back->results.size() == 2);
        CHECK(back->results[0].overall == doctest::Approx(rec.results[0].overall));
        CHECK(back->results[0].debrief_json == rec.results[0].debrief_json);
        CHECK(back->votes.size() == rec.votes.size());
    }
    std::filesystem::remove_all(dir);
}

TEST_CASE("an unfinished workshop is recorded as such") {
    Scenario s = room_scenario();
    Workshop w(s, WorkshopMode::Room, {"Red"});
    w.team_pick(0, 0, 0);
    w.advance(0);
    WorkshopRecord rec = w.to_record(scoring::default_rubric(), "", "", "2026-11-25T10:00:00Z");
    CHECK_FALSE(rec.completed);
    REQUIRE(rec.results.size() == 1);
    CHECK(rec.results[0].team == "room");
    CHECK_FALSE(rec.results[0].completed);
    CHECK_FALSE(rec.results[0].passed);
}
