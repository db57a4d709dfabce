// The workshop room's rules, without a network: joining, one vote each, hidden counts until the
// reveal, ties as the facilitator's call, timed decisions, and the record of every ballot.
#include <doctest/doctest.h>

#include "loader.h"
#include "room.h"
#include "rubric.h"
#include "test_support.h"

using namespace ta;
using namespace ta::room;

namespace {

const Scenario& room_scenario() { return test_support::room_test_scenario(); }

// The letter the room sees for a reply id at the current decision.
std::string letter_for(const Room& room, const std::string& choice_id) {
    for (const OptionView& o : room.view("", 0).options)
        if (o.choice_id == choice_id) return o.letter;
    FAIL("reply not shown: " << choice_id);
    return "";
}

}  // namespace

TEST_CASE("room: the lobby shows no question and takes no votes") {
    Room room(room_scenario(), scoring::default_rubric(), "ABCDEF");
    JoinOutcome ann = room.join("Ann", "Blue");
    REQUIRE(ann.status == JoinStatus::Joined);
    RoomView v = room.view(ann.token, 0);
    CHECK(v.phase == Phase::Lobby);
    CHECK(v.options.empty());
    CHECK(v.said.empty());
    CHECK(v.joined);
    CHECK(v.my_name == "Ann");
    CHECK(v.my_team == "Blue");
    CHECK(room.vote(ann.token, 0, "A", 0) == VoteStatus::NotOpen);
    // The facilitator may look ahead.
    CHECK(room.facilitator_view(0).room.options.size() == 3);
}

TEST_CASE("room: names are cleaned and kept apart; anonymity is the facilitator's choice") {
    Room open(room_scenario(), scoring::default_rubric(), "ABCDEF");
    CHECK(open.join("", "").status == JoinStatus::Joined);
    auto first = open.join("  Sam \t Jones ", "");
    auto second = open.join("Sam Jones", "");
    CHECK(open.find(first.token)->name == "Sam Jones");
    CHECK(open.find(second.token)->name == "Sam Jones (2)");
    CHECK(first.token != second.token);

    RoomSettings strict;
    strict.allow_anonymous = false;
    Room named(room_scenario(), scoring::default_rubric(), "ABCDEF", strict);
    CHECK(named.join("   ", "").status == JoinStatus::NameNeeded);
    CHECK(named.join("", "").status == JoinStatus::NameNeeded);
    CHECK(named.participant_count() == 0);

    CHECK(clean_label("a\x01\nb") == "a b");
    CHECK(clean_label(std::string(100, 'x')).size() == 40);
    // A cut never splits a character: "é" is two bytes.
    std::string accents;
    for (int i = 0; i < 30; ++i) accents += "\xc3\xa9";
    std::string cut = clean_label(accents, 41);
    CHECK(cut.size() == 40);
}

TEST_CASE("room: one vote each, changeable until the reveal, counts hidden until then") {
    Room room(room_scenario(), scoring::default_rubric(), "ABCDEF");
    auto ann = room.join("Ann", "").token, bob = room.join("Bob", "").token, cat = room.join("", "").token;
    REQUIRE(room.start(0) == StepStatus::Ok);
    const long long stage = room.stage();
    const std::string ask = letter_for(room, "sorry-ask"), guess = letter_for(room, "neighbour");

    CHECK(room.vote(ann, 0, guess, 10) == VoteStatus::Counted);
    CHECK(room.vote(ann, 0, ask, 20) == VoteStatus::Changed);  // changed her mind: still one vote
    CHECK(room.vote(bob, 0, ask, 30) == VoteStatus::Counted);
    CHECK(room.vote(cat, 1, ask, 30) == VoteStatus::OtherDecision);
    CHECK(room.vote("not-a-token", 0, ask, 30) == VoteStatus::UnknownParticipant);
    CHECK(room.vote(cat, 0, "Z", 30) == VoteStatus::NoSuchOption);
    CHECK(room.stage() == stage);  // votes do not make every phone redraw

    RoomView projector = room.view("", 40);
    CHECK(projector.voted == 2);
    for (const OptionView& o : projector.options) CHECK(o.votes == 0);
    CHECK(room.view(ann, 40).my_vote == ask);
    CHECK(room.view(cat, 40).my_vote.empty());

    REQUIRE(room.reveal(50) == StepStatus::Ok);
    CHECK(room.vote(cat, 0, ask, 60) == VoteStatus::NotOpen);
    RoomView revealed = room.view("", 60);
    int total = 0;
    for (const OptionView& o : revealed.options) {
        total += o.votes;
        CHECK(o.votes == (o.letter == ask ? 2 : 0));
    }
    CHECK(total == 2);
    CHECK(revealed.majority == ask);
    CHECK(revealed.tied.empty());

    REQUIRE(room.advance(std::nullopt, 70) == StepStatus::Ok);
    const RoomView next = room.view("", 70);
    REQUIRE(next.history.size() == 1);
    const DecisionResult& r = next.history[0];
    CHECK(r.letter == ask);
    CHECK(r.votes == 2);
    CHECK(r.total == 2);
    CHECK_FALSE(r.facilitator_call);
    CHECK(room.phase() == Phase::Voting);
    CHECK(room.view(ann, 70).my_vote.empty());  // a new decision: nobody has voted yet
}

TEST_CASE("room: a tie is the facilitator's call, never a silent default") {
    Room room(room_scenario(), scoring::default_rubric(), "ABCDEF");
    auto ann = room.join("Ann", "").token, bob = room.join("Bob", "").token;
    room.start(0);
    const std::string ask = letter_for(room, "sorry-ask"), guess = letter_for(room, "neighbour");
    room.vote(ann, 0, ask, 1);
    room.vote(bob, 0, guess, 2);
    room.reveal(3);
    RoomView v = room.view("", 3);
    CHECK(v.majority.empty());
    CHECK(v.tied.size() == 2);
    CHECK(room.advance(std::nullopt, 4) == StepStatus::NeedsCall);
    CHECK(room.phase() == Phase::Revealed);
    CHECK(room.advance(std::string("Q"), 4) == StepStatus::NoSuchOption);
    CHECK(room.advance(guess, 5) == StepStatus::Ok);
    const RoomView after = room.view("", 5);
    const DecisionResult& r = after.history.at(0);
    CHECK(r.letter == guess);
    CHECK(r.facilitator_call);
}

TEST_CASE("room: the facilitator may overrule the majority, and it is recorded as such") {
    Room room(room_scenario(), scoring::default_rubric(), "ABCDEF");
    auto ann = room.join("Ann", "").token;
    room.start(0);
    room.vote(ann, 0, letter_for(room, "neighbour"), 1);
    room.reveal(2);
    CHECK(room.advance(letter_for(room, "sorry-ask"), 3) == StepStatus::Ok);
    CHECK(room.view("", 3).history.at(0).facilitator_call);
    CHECK(room.view("", 3).history.at(0).votes == 0);
}

TEST_CASE("room: a timed decision closes when its time is up; nobody voting lets the timer run out") {
    Room room(room_scenario(), scoring::default_rubric(), "ABCDEF");
    auto ann = room.join("Ann", "").token;
    room.start(0);
    room.vote(ann, 0, letter_for(room, "sorry-ask"), 1);
    room.reveal(2);
    room.advance(std::nullopt, 1000);  // the second decision has a 20-second timer
    REQUIRE(room.phase() == Phase::Voting);
    CHECK(room.view("", 1000).timer_seconds == 20);
    CHECK(room.view("", 6000).ms_left == 15000);
    CHECK_FALSE(room.tick(20999));
    CHECK(room.phase() == Phase::Voting);
    CHECK(room.tick(21000));
    CHECK(room.phase() == Phase::Revealed);
    CHECK(room.view("", 21000).closed_by_timer);
    CHECK(room.vote(ann, 1, "A", 21001) == VoteStatus::NotOpen);

    REQUIRE(room.advance(std::nullopt, 22000) == StepStatus::Ok);
    CHECK(room.phase() == Phase::Ended);
    CHECK(room.view("", 22000).history.at(1).timed_out);
    REQUIRE(room.view("", 22000).end);
    CHECK(room.view("", 22000).end->ending_type == "lost");
    CHECK_FALSE(room.view("", 22000).end->passed);
    // Ended: no newcomers, but a phone that reconnects is still its participant.
    CHECK(room.join("Late", "").status == JoinStatus::Ended);
    CHECK(room.join("", "", ann).status == JoinStatus::Rejoined);
}

TEST_CASE("room: the record keeps every participant's ballot as shown, and the count of phones") {
    RoomSettings s;
    s.order_seed = 12345;
    Room room(room_scenario(), scoring::default_rubric(), "ABCDEF", s);
    auto ann = room.join("Ann", "Blue").token, anon = room.join("", "").token;
    room.join("Idle", "");  // joined, never voted
    room.start(0);
    const std::string ask = letter_for(room, "sorry-ask");
    room.vote(ann, 0, ask, 1);
    room.vote(anon, 0, letter_for(room, "neighbour"), 1);
    room.reveal(2);
    room.advance(ask, 3);
    room.vote(ann, 1, letter_for(room, "resend-choice"), 4);
    room.reveal(5);
    room.advance(std::nullopt, 6);
    REQUIRE(room.phase() == Phase::Ended);
    CHECK(room.view("", 6).end->ending_type == "recovered");

    store::WorkshopRecord w = room.record("Fran", "Room 2", "2026-12-03T10:00:00Z");
    CHECK(w.participants == 3);
    CHECK(w.mode == "room");
    CHECK(w.order_seed == s.order_seed);
    REQUIRE(w.ballots.size() == 3);
    CHECK(w.ballots[0].turn == 0);
    CHECK(w.ballots[0].participant == "Ann");
    CHECK(w.ballots[0].team == "Blue");
    CHECK(w.ballots[0].letter == ask);
    CHECK(w.ballots[0].choice_id == "sorry-ask");
    CHECK(w.ballots[0].text.rfind("I'm sorry it hasn't reached you", 0) == 0);
    CHECK(w.ballots[1].participant.empty());
    CHECK(w.ballots[1].choice_id == "neighbour");
    CHECK(w.ballots[2].turn == 1);
    CHECK(w.ballots[2].choice_id == "resend-choice");
    REQUIRE(w.results.size() == 1);
    CHECK(w.results[0].choice_ids == std::vector<std::string>{"sorry-ask", "resend-choice"});
}

TEST_CASE("room: the same votes give the same room and the same grade") {
    auto play = [] {
        RoomSettings s;
        s.order_seed = 99;
        Room room(room_scenario(), scoring::default_rubric(), "ABCDEF", s);
        auto a = room.join("A", "").token, b = room.join("B", "").token;
        room.start(0);
        room.vote(a, 0, "B", 1);
        room.vote(b, 0, "B", 1);
        room.reveal(2);
        room.advance(std::nullopt, 3);
        room.vote(a, 1, "A", 4);
        room.reveal(5);
        room.advance(std::nullopt, 6);
        return room.view("", 6);
    };
    RoomView x = play(), y = play();
    REQUIRE(x.end);
    REQUIRE(y.end);
    CHECK(x.end->overall == y.end->overall);
    CHECK(x.end->ending_title == y.end->ending_title);
    CHECK(x.history.at(0).text == y.history.at(0).text);
}
