// Reply order: the permutation behind "no giveaways". A seed shuffles the replies shown; the same
// seed always shows the same order; without a seed, file order; choice indices stay file indices.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "reply_order.h"
#include "session.h"
#include "scenario_builder.h"

using namespace ta;

using test_builder::reply;

namespace {

// Two decisions of four replies each (the second has one gated by a flag), then an ending.
Scenario four_way() {
    Scenario s;
    s.id = "four";
    s.start = "a";
    Node a;
    a.id = "a";
    a.say = {{"Well?", "angry", {}}};
    a.choices = {reply("model", "b"), reply("two", "b"), reply("three", "b"), reply("four", "b")};
    a.choices[1].sets = {"flag"};
    Node b;
    b.id = "b";
    b.say = {{"And?", "upset", {}}};
    b.choices = {reply("b1", "end"), reply("b2", "end"), reply("b3", "end"), reply("b4", "end")};
    b.choices[2].requires_flags = {"flag"};
    s.nodes = {a, b};
    s.endings = {{"end", EndingType::Recovered, "Done", "", {}, {}}};
    s.reindex();
    return s;
}

bool is_permutation_of_iota(const std::vector<int>& p, int n) {
    if (static_cast<int>(p.size()) != n) return false;
    std::vector<int> sorted = p;
    std::sort(sorted.begin(), sorted.end());
    for (int i = 0; i < n; ++i)
        if (sorted[static_cast<std::size_t>(i)] != i) return false;
    return true;
}

}  // namespace

TEST_CASE("reply order: splitmix64 gives the published reference values") {
    // First outputs for state 1234567 (from the reference implementation by Vigna).
    std::uint64_t state = 1234567;
    CHECK(splitmix64(state) == 6457827717110365317ULL);
    CHECK(splitmix64(state) == 3203168211198807973ULL);
    CHECK(splitmix64(state) == 9817491932198370423ULL);
}

TEST_CASE("reply order: every permutation is a permutation, for every size and many seeds") {
    for (int n = 0; n <= 12; ++n)
        for (std::uint64_t seed = 0; seed < 300; ++seed)
            for (int turn = 0; turn < 3; ++turn) {
                auto p = reply_permutation(seed * 0x1234567ULL + 7, turn, n);
                REQUIRE_MESSAGE(is_permutation_of_iota(p, n), "n=" << n << " seed=" << seed << " turn=" << turn);
            }
    CHECK(reply_permutation(99, 0, 1) == std::vector<int>{0});
    CHECK(reply_permutation(99, 0, -3).empty());
}

TEST_CASE("reply order: the same seed and turn always give the same order; pinned values catch a changed algorithm") {
    for (std::uint64_t seed : {0ULL, 1ULL, 42ULL, 123456ULL, ~0ULL})
        for (int turn = 0; turn < 5; ++turn) CHECK(reply_permutation(seed, turn, 6) == reply_permutation(seed, turn, 6));
    // A recorded seed must replay the same order in every later version of the program: these
    // values are part of the file format (a changed algorithm would reorder recorded attempts).
    CHECK(reply_permutation(123456, 0, 4) == std::vector<int>{3, 0, 2, 1});
    CHECK(reply_permutation(123456, 1, 4) == std::vector<int>{0, 3, 2, 1});
    CHECK(reply_permutation(42, 0, 6) == std::vector<int>{4, 5, 2, 3, 1, 0});
    CHECK(reply_permutation(1, 3, 5) == std::vector<int>{1, 0, 4, 2, 3});
}

TEST_CASE("reply order: seeds differ: over 200 seeds every one of 4 replies is sometimes shown first") {
    std::set<int> first;
    std::set<std::vector<int>> orders;
    int model_first = 0;
    for (std::uint64_t seed = 1; seed <= 200; ++seed) {
        auto p = reply_permutation(seed, 0, 4);
        first.insert(p[0]);
        orders.insert(p);
        model_first += p[0] == 0;
    }
    CHECK(first.size() == 4);
    CHECK(orders.size() >= 20);  // most of the 24 orders of four
    // Roughly a quarter each: the model reply is not favoured (expected 50, 4 sigma ~ 25).
    CHECK(model_first > 25);
    CHECK(model_first < 75);
    // Turns of one attempt get different orders too.
    std::set<std::vector<int>> by_turn;
    for (int turn = 0; turn < 40; ++turn) by_turn.insert(reply_permutation(7, turn, 4));
    CHECK(by_turn.size() >= 10);
}

TEST_CASE("session: without a seed, replies are presented in file order") {
    Scenario s = four_way();
    Session run(s);
    CHECK_FALSE(run.order_seed().has_value());
    CHECK(run.presented_choices() == run.available_choices());
    CHECK(run.presented_choices() == std::vector<int>{0, 1, 2, 3});
    run.choose(0);  // no flag: b3 is not offered
    CHECK(run.presented_choices() == std::vector<int>{0, 1, 3});
}

TEST_CASE("session: a seed shuffles the presented replies, available_choices keeps file order") {
    Scenario s = four_way();
    std::set<int> first_shown;
    for (std::uint64_t seed = 1; seed <= 200; ++seed) {
        Session run(s, seed);
        CHECK(run.available_choices() == std::vector<int>{0, 1, 2, 3});
        auto shown = run.presented_choices();
        std::vector<int> sorted = shown;
        std::sort(sorted.begin(), sorted.end());
        REQUIRE(sorted == run.available_choices());
        first_shown.insert(shown[0]);
    }
    CHECK(first_shown.size() == 4);
}

TEST_CASE("session: only offered replies are presented, and the order depends on seed, turn and choices only") {
    Scenario s = four_way();
    for (std::uint64_t seed = 1; seed <= 50; ++seed) {
        Session a(s, seed), b(s, seed);
        CHECK(a.presented_choices() == b.presented_choices());
        a.choose(0);  // flag not set: b3 (index 2) must never be shown
        b.choose(0);
        auto shown = a.presented_choices();
        CHECK(shown == b.presented_choices());
        CHECK(std::find(shown.begin(), shown.end(), 2) == shown.end());
        CHECK(shown.size() == 3);
    }
}

TEST_CASE("session: choices are file indices whatever the order shown; grading input is unchanged") {
    Scenario s = four_way();
    Session plain(s);
    Session shuffled(s, 2024);
    // Pick the reply whose text is "two" in each, by where it is shown.
    for (Session* run : {&plain, &shuffled}) {
        auto shown = run->presented_choices();
        for (int idx : shown)
            if (s.nodes[0].choices[static_cast<std::size_t>(idx)].text == "two") run->choose(idx);
    }
    REQUIRE(plain.turns().size() == 1);
    REQUIRE(shuffled.turns().size() == 1);
    CHECK(plain.turns()[0].choice_index == 1);
    CHECK(shuffled.turns()[0].choice_index == 1);
    CHECK(plain.choice_path() == shuffled.choice_path());
    CHECK(plain.flags() == shuffled.flags());
}

TEST_CASE("session: replay carries the seed, so a replayed attempt shows the same orders") {
    Scenario s = four_way();
    const std::uint64_t seed = 987654321;
    Session live(s, seed);
    auto first = live.presented_choices();
    live.choose(first[0]);
    auto second = live.presented_choices();

    int played = 0;
    Session again = Session::replay(s, {first[0]}, &played, seed);
    CHECK(played == 1);
    REQUIRE(again.order_seed().has_value());
    CHECK(*again.order_seed() == seed);
    CHECK(again.presented_choices() == second);
    CHECK(Session::replay(s, {}, nullptr, seed).presented_choices() == first);
    CHECK_FALSE(Session::replay(s, {first[0]}).order_seed().has_value());
}

TEST_CASE("reply order: fresh seeds fit in 53 bits (exact as JSON numbers)") {
    CHECK(fresh_seed_from(~0ULL) == kMaxFreshSeed);
    CHECK(fresh_seed_from(12345) == 12345);
    CHECK(kMaxFreshSeed == 9007199254740991ULL);
}
