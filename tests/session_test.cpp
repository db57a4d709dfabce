// Runtime: paths, flags, mood routing, patience, determinism. Scenarios are built in code here so
// these tests do not depend on the loader.
#include <doctest/doctest.h>

#include "session.h"

using namespace ta;

namespace {

Choice make_choice(std::string text, std::string next, int mood = 0) {
    Choice c;
    c.text = std::move(text);
    c.next = std::move(next);
    c.mood = mood;
    return c;
}

Scenario two_step() {
    Scenario s;
    s.id = "t";
    s.start = "a";
    s.customer.mood = 30;
    Node a;
    a.id = "a";
    a.say = {{"Where is my order?", "angry", {}}};
    a.choices = {make_choice("Tell me what happened.", "b", +10), make_choice("Not my problem.", "lost", -40)};
    Choice gated = make_choice("As you mentioned the party...", "won", +20);
    gated.requires_flags = {"asked"};
    Node b;
    b.id = "b";
    b.say = {{"It was for a party.", "upset", {}}};
    Choice ask = make_choice("Which day is the party?", "b2", 0);
    ask.sets = {"asked"};
    b.choices = {ask, make_choice("I'll refund you.", "won", 5)};
    Node b2;
    b2.id = "b2";
    b2.say = {{"Saturday.", "calmer", {}}};
    b2.choices = {gated, make_choice("OK.", "lost", -5)};
    Node low;
    low.id = "low";
    s.nodes = {a, b, b2};
    s.endings = {{"won", EndingType::Recovered, "Recovered", "", {}, {}}, {"lost", EndingType::Lost, "Lost", "", {}, {}}};
    s.reindex();
    return s;
}

}  // namespace

TEST_CASE("a session starts at the start node with the starting mood") {
    Scenario s = two_step();
    Session run(s);
    REQUIRE(run.current_node() != nullptr);
    CHECK(run.current_node()->id == "a");
    CHECK(run.mood() == 30);
    CHECK_FALSE(run.ended());
    REQUIRE(run.transcript().size() == 1);
    CHECK(run.transcript()[0].text == "Where is my order?");
}

TEST_CASE("choosing follows next, changes mood and ends at an ending") {
    Scenario s = two_step();
    Session run(s);
    CHECK(run.choose(0) == ChooseResult::Ok);
    CHECK(run.current_node()->id == "b");
    CHECK(run.mood() == 40);
    CHECK(run.choose(1) == ChooseResult::Ok);
    REQUIRE(run.ended());
    CHECK(run.ending()->id == "won");
    CHECK(run.mood() == 45);
    CHECK(run.choose(0) == ChooseResult::Ended);
    CHECK(run.turns().size() == 2);
}

TEST_CASE("flags gate choices") {
    Scenario s = two_step();
    Session without(s);
    without.choose(0);
    without.choose(1);  // refund: never asked
    CHECK(without.ended());

    Session with(s);
    with.choose(0);
    with.choose(0);  // asks: sets "asked"
    CHECK(with.flags().count("asked") == 1);
    CHECK(with.available_choices() == std::vector<int>{0, 1});

    // A scenario whose b2 is reached without the flag hides the gated choice.
    Scenario s2 = two_step();
    s2.nodes[1].choices[0].sets.clear();
    s2.reindex();
    Session no_flag(s2);
    no_flag.choose(0);
    no_flag.choose(0);
    CHECK(no_flag.available_choices() == std::vector<int>{1});
    CHECK(no_flag.choose(0) == ChooseResult::NotAvailable);
}

TEST_CASE("mood is clamped to 0..100") {
    Scenario s = two_step();
    s.customer.mood = 10;
    Session run(s);
    run.choose(1);  // -40
    CHECK(run.mood() == 0);
}

TEST_CASE("mood routes redirect on entering a node") {
    Scenario s = two_step();
    s.nodes[1].mood_routes = {{std::nullopt, 35, "won", {}}};  // mood > 35 -> straight to won
    s.reindex();
    Session run(s);
    run.choose(0);  // 30 + 10 = 40 > 35
    REQUIRE(run.ended());
    CHECK(run.ending()->id == "won");
}

TEST_CASE("the customer walks out when patience is spent") {
    Scenario s = two_step();
    s.customer.patience = 1;
    s.customer.walkout = "lost";
    s.nodes[0].choices[0].mood = -5;  // a mood-lowering reply
    s.reindex();
    Session run(s);
    run.choose(0);
    REQUIRE(run.ended());
    CHECK(run.ending()->id == "lost");
    CHECK(run.turns().back().patience_spent);
}

TEST_CASE("time-outs take the node's hesitated move") {
    Scenario s = two_step();
    Session no_timer(s);
    CHECK(no_timer.time_out() == ChooseResult::NoTimer);
    s.nodes[0].timer_seconds = 10;
    s.nodes[0].on_timeout = make_choice("(You hesitated.)", "lost", -10);
    s.reindex();
    Session run(s);
    CHECK(run.time_out() == ChooseResult::Ok);
    CHECK(run.ended());
    CHECK(run.turns()[0].choice_index == kTimeoutChoice);
    CHECK(run.choice_of(run.turns()[0]).text == "(You hesitated.)");
}

TEST_CASE("replay is deterministic and stops at the first unavailable choice") {
    Scenario s = two_step();
    Session a = Session::replay(s, {0, 0, 0});
    Session b = Session::replay(s, {0, 0, 0});
    CHECK(a.ending() == b.ending());
    CHECK(a.mood() == b.mood());
    CHECK(a.choice_path() == b.choice_path());
    CHECK(a.transcript().size() == b.transcript().size());
    int played = -1;
    Session c = Session::replay(s, {0, 7, 0}, &played);
    CHECK(played == 1);
    CHECK(c.current_node()->id == "b");
}

TEST_CASE("a next that names nothing ends the session instead of crashing") {
    Scenario s = two_step();
    s.nodes[0].choices[0].next = "nowhere";
    s.reindex();
    Session run(s);
    run.choose(0);
    CHECK(run.ended());
    CHECK(run.ending()->type == EndingType::Lost);
}
