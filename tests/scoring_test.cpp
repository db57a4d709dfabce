// Scoring: rubric loading, every sequence rule, normalisation and the debrief, each checked
// against numbers worked out by hand from scoring/rubric.yaml. Scenarios are built in code.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "analysis.h"
#include "debrief.h"
#include "json_writer.h"
#include "rubric.h"

using namespace ta;
using namespace ta::scoring;

namespace {

constexpr int L = 0, A = 1, S = 2, F = 3, C = 4;  // competency indices

Choice say(std::string text, std::string next, std::vector<std::string> tags, int mood = 0) {
    Choice c;
    c.text = std::move(text);
    c.next = std::move(next);
    c.tags = std::move(tags);
    c.mood = mood;
    return c;
}

Node node(std::string id, std::vector<Choice> choices) {
    Node n;
    n.id = std::move(id);
    n.say = {{"...", "upset", {}}};
    n.choices = std::move(choices);
    return n;
}

Scenario scenario(std::vector<Node> nodes) {
    Scenario s;
    s.id = "test";
    s.start = nodes.front().id;
    s.nodes = std::move(nodes);
    s.endings = {{"won", EndingType::Recovered, "Won", "", {}, {}}, {"lost", EndingType::Lost, "Lost", "", {}, {}}};
    s.reindex();
    return s;
}

// A chain of nodes n0, n1, ...: choice 0 of node i carries tags[i] and moves on (the last one
// ends "won"); choice 1 says nothing and ends "lost".
Scenario chain(const std::vector<std::vector<std::string>>& tags) {
    std::vector<Node> nodes;
    for (std::size_t i = 0; i < tags.size(); ++i) {
        std::string next = i + 1 < tags.size() ? "n" + std::to_string(i + 1) : "won";
        nodes.push_back(node("n" + std::to_string(i), {say("step", next, tags[i]), say("(nothing)", "lost", {})}));
    }
    return scenario(nodes);
}

Debrief play_first_choices(const Scenario& s, int turns) {
    Session run = Session::replay(s, std::vector<int>(turns, 0));
    return grade(s, run, default_rubric());
}

bool has_rule(const TurnDebrief& t, const std::string& id) {
    for (const auto& r : t.rules)
        if (r.rule_id == id) return true;
    return false;
}

}  // namespace

TEST_CASE("the built-in rubric loads with its whole vocabulary, facts and rules") {
    const Rubric& r = default_rubric();
    CHECK(&r == &default_rubric());  // built once
    CHECK(r.tags.size() == 39);
    CHECK(r.tags.count("apologise") == 1);
    CHECK(r.find_tag("blame_customer")->points[A] == -15);
    CHECK(r.facts.size() == 17);
    CHECK(r.rules.size() == 14);
    for (const char* red : {"argue", "blame_customer", "brush_off", "press_review", "sarcasm", "lose_temper"})
        CHECK_MESSAGE(r.find_tag(red)->red_line, red);
    CHECK_FALSE(r.find_tag("get_defensive")->red_line);
    CHECK(r.pass_mark == 70);
    CHECK(r.band_for(69.9) == "Needs practice");
    CHECK(r.band_for(70) == "Competent");
    CHECK(r.band_for(70 - 1e-7) == "Competent");  // the pass mark's tolerance, so a pass is never "Needs practice"
    CHECK(JsonWriter::number(69.99996) == "69.99996");  // a failing score never prints as the mark
    CHECK(JsonWriter::number(70 - 1e-9) == "70");
    CHECK(r.band_for(95) == "Excellent");
    // The band never contradicts the verdict: a failed conversation stays below the pass mark's band.
    CHECK(r.band_for(95, false, 70) == "Needs practice");
    CHECK(r.band_for(95, true, 70) == "Excellent");
    CHECK(r.band_for(75, false, 80) == "Competent");  // a pass mark of 80: 70-79 is not a pass
    for (const auto& a : r.advice) CHECK_FALSE(a.empty());
    std::vector<Diagnostic> diags;
    load_rubric_text(std::string(default_rubric_text()), "rubric.yaml", diags);
    CHECK(diags.empty());
}

TEST_CASE("a malformed rubric is reported with file:line:col and never crashes") {
    std::vector<Diagnostic> diags;
    Rubric r = load_rubric_text("tags: {a: [unclosed", "bad.yaml", diags);
    REQUIRE(diags.size() == 1);
    CHECK(diags[0].code == "yaml-syntax");
    CHECK(diags[0].line == 1);
    CHECK(r.tags.size() == default_rubric().tags.size());  // falls back to the built-in rubric

    diags.clear();
    load_rubric_text("tags:\n  calm:\n    points: {patience: 5}\nfacts:\n  x: {set_by: [nope]}\n"
                     "rules:\n  - id: r\n    on: [calm]\n    if: [y]\n",
                     "bad.yaml", diags);
    REQUIRE(diags.size() == 3);
    CHECK(diags[0].line == 3);  // unknown competency
    CHECK(diags[0].column == 14);
    CHECK(diags[1].message.find("unknown tag 'nope'") != std::string::npos);
    CHECK(diags[2].message.find("unknown fact 'y'") != std::string::npos);

    for (const char* text : {"", "[1, 2]", "tags: 3", "tags: {a: {points: {listening: abc}}}", "rules: {x: 1}",
                             "tags: {a: {}}\nbands: []", "tags: {a: {}}\npass_mark: 400"}) {
        diags.clear();
        load_rubric_text(text, "odd.yaml", diags);
        CHECK_MESSAGE(count_errors(diags) > 0, text);
    }
}

TEST_CASE("a small custom rubric parses: weights, bands, facts and rules") {
    std::vector<Diagnostic> diags;
    Rubric r = load_rubric_text(
        "tags:\n  ask: {points: {listening: 4}}\n  fix: {points: {solution: 6}}\n"
        "weights: {listening: 2, solution: 1}\npass_mark: 50\nbands: [{min: 0, label: Low}, {min: 50, label: High}]\n"
        "facts:\n  asked: {set_by: [ask]}\n"
        "rules:\n  - id: fix-first\n    on: [fix]\n    unless: [asked]\n    points: {listening: -3}\n",
        "custom.yaml", diags);
    CHECK(diags.empty());
    CHECK(r.tags.size() == 2);
    CHECK(r.weights[L] == 2);
    CHECK(r.weights[A] == 0);  // not named: no weight
    CHECK(r.pass_mark == 50);
    CHECK(r.band_for(60) == "High");
    REQUIRE(r.rules.size() == 1);
    CHECK(r.rules[0].points[L] == -3);
}

TEST_CASE("the scale: 0 is nothing shown, 100 the best this scenario allows, harm below 0") {
    // a: 0 "sorry" -> b, 1 "refund" -> won.   b: 0 "refund" -> won, 1 "bye" -> lost.
    Scenario s = scenario({node("a", {say("Sorry.", "b", {"apologise"}), say("Refund.", "won", {"fix_fast"})}),
                           node("b", {say("Refund.", "won", {"fix_fast"}), say("Bye.", "lost", {})})});
    // By hand: a0 b0 = listening -8 (fix before a question), apology 15, solution 10.
    //          a0 b1 = apology 15.   a1 = listening -8, apology -5 (fix before apology), solution 10.
    // best/worst: listening 0/-8, apology 15/-5, solution 10/0; follow-up and composure never vary.
    // Apology and solution can be shown: 0 points score 0 and the best 100. Listening can only be
    // lost here, so it runs from its worst (-8, score 0) to its best (0, score 100).
    Debrief d = grade(s, Session::replay(s, {0, 0}), default_rubric());
    CHECK(d.best[L] == 0);
    CHECK(d.worst[L] == -8);
    CHECK(d.best[A] == 15);
    CHECK(d.worst[A] == -5);
    CHECK(d.best[S] == 10);
    CHECK(d.worst[S] == 0);
    CHECK(d.exercised[L]);
    CHECK_FALSE(d.exercised[F]);
    CHECK_FALSE(d.exercised[C]);
    CHECK(d.raw[L] == -8);
    CHECK(d.raw[A] == 15);
    CHECK(d.score[L] == doctest::Approx(0));
    CHECK(d.score[A] == doctest::Approx(100));
    CHECK(d.score[S] == doctest::Approx(100));
    CHECK(d.overall == doctest::Approx(200.0 / 3));
    CHECK_FALSE(d.passed);
    CHECK(d.band == "Needs practice");
    CHECK(d.notes.size() == 3);  // follow-up and composure left out; no question asked, so no pass

    Debrief quick = grade(s, Session::replay(s, {1}), default_rubric());
    CHECK(quick.score[L] == doctest::Approx(0));
    CHECK(quick.score[A] == doctest::Approx(-100.0 / 3));  // fixed before apologising: harm, below 0
    CHECK(quick.score[S] == doctest::Approx(100));
    CHECK(quick.overall == doctest::Approx(200.0 / 9));
    REQUIRE(quick.turns.size() == 1);
    CHECK(has_rule(quick.turns[0], "fix-before-apology"));
    CHECK(has_rule(quick.turns[0], "fix-before-question"));
    // The better move was to apologise first (66.7 still reachable against 22.2).
    REQUIRE(quick.turns[0].better_choice_index.has_value());
    CHECK(*quick.turns[0].better_choice_index == 0);
    CHECK(quick.turns[0].better_choice_text == "Sorry.");

    // Scenario weights override the rubric: with solution weighted 4, a1 = (0 - 33.3 + 400) / 6.
    s.scoring.weights = {1.0, 1.0, 4.0, 1.0, 1.0};
    Debrief weighted = grade(s, Session::replay(s, {1}), default_rubric());
    CHECK(weighted.overall == doctest::Approx((400.0 - 100.0 / 3) / 6));
    // Setting only the solution weight keeps the rubric's weight of 1 for the others.
    s.scoring.weights = {};
    s.scoring.weights[S] = 4;
    CHECK(grade(s, Session::replay(s, {1}), default_rubric()).overall == doctest::Approx((400.0 - 100.0 / 3) / 6));
    // 61.1 clears a pass mark of 60, but a pass also needs an apology and a question.
    s.scoring.pass_mark = 60;
    Debrief unapologetic = grade(s, Session::replay(s, {1}), default_rubric());
    CHECK(unapologetic.overall > 60);
    CHECK_FALSE(unapologetic.passed);
    CHECK(unapologetic.notes.front().find("an apology, a question or active listening") != std::string::npos);
}

TEST_CASE("scores show as whole numbers rounded down, as the pass mark is judged") {
    CHECK(whole_score(69.96) == 69);    // fails a pass mark of 70, so never shown as 70
    CHECK(whole_score(70 - 1e-9) == 70);  // a sum's rounding error is not a shortfall
    CHECK(whole_score(27.99) == 27);
    CHECK(whole_score(100) == 100);
    CHECK(whole_score(0) == 0);
}

TEST_CASE("a competency never shown scores 0, and harm scores below 0") {
    // a: "Sorry." (apologise) / "It wasn't us." (excuse) / "Refund." (fix_fast) -> won. By hand,
    // apology's best is 15: the refund earns -5 (fixed before apologising) = -33.3, the excuse -10
    // = -66.7, saying sorry 100.
    Scenario s = scenario({node("a", {say("Sorry.", "won", {"apologise"}), say("It wasn't us.", "won", {"excuse"}),
                                      say("Refund.", "won", {"fix_fast"})})});
    CHECK(grade(s, Session::replay(s, {2}), default_rubric()).score[A] == doctest::Approx(-100.0 / 3));
    CHECK(grade(s, Session::replay(s, {1}), default_rubric()).score[A] == doctest::Approx(-200.0 / 3));
    CHECK(grade(s, Session::replay(s, {0}), default_rubric()).score[A] == doctest::Approx(100));
    // Solution was never shown by the apology: 0, not the 50-odd a worst-to-best scale gave.
    CHECK(grade(s, Session::replay(s, {0}), default_rubric()).score[S] == doctest::Approx(0));
}

TEST_CASE("rule: a fix before any apology costs apology points, once") {
    Debrief d = play_first_choices(chain({{"fix_fast"}, {"offer_choice"}}), 2);
    CHECK(has_rule(d.turns[0], "fix-before-apology"));
    CHECK(d.turns[0].points[A] == -5);
    CHECK_FALSE(has_rule(d.turns[1], "fix-before-apology"));  // only the first fix
    // Apologising in the same answer as the fix counts as apologising first.
    Debrief same = play_first_choices(chain({{"apologise", "fix_fast"}}), 1);
    CHECK_FALSE(has_rule(same.turns[0], "fix-before-apology"));
    CHECK(same.turns[0].points[A] == 15);
}

TEST_CASE("rule: a fix before any question costs listening points") {
    Debrief d = play_first_choices(chain({{"state_next_steps"}}), 1);
    CHECK(has_rule(d.turns[0], "fix-before-question"));
    CHECK(d.turns[0].points[L] == -8);
    CHECK(d.turns[0].points[S] == 10);
    Debrief asked = play_first_choices(chain({{"ask_question"}, {"state_next_steps"}}), 2);
    CHECK_FALSE(has_rule(asked.turns[1], "fix-before-question"));
    CHECK(asked.raw[L] == 10);
}

TEST_CASE("rule: an imposed fix scores below one the customer chose") {
    Debrief imposed = play_first_choices(chain({{"impose_solution"}}), 1);
    CHECK(has_rule(imposed.turns[0], "imposed-without-asking"));
    CHECK(imposed.turns[0].points[S] == -10);  // -5 tag, -5 rule
    Debrief chosen = play_first_choices(chain({{"ask_question"}, {"offer_choice"}}), 2);
    CHECK(has_rule(chosen.turns[1], "chosen-after-asking"));
    CHECK(chosen.turns[1].points[S] == 20);  // 15 tag, 5 rule
    CHECK(chosen.turns[1].points[A] == -5);  // still no apology before the fix
}

TEST_CASE("rule: a promised follow-up must be confirmed") {
    Debrief kept = play_first_choices(chain({{"promise_follow_up"}, {"confirm_fix"}}), 2);
    CHECK(has_rule(kept.turns[1], "promise-kept"));
    CHECK(kept.raw[F] == 25);  // 8 + 12 + 5
    // Confirming and then closing the loop keeps one promise: the bonus comes once.
    Debrief twice = play_first_choices(chain({{"promise_follow_up"}, {"confirm_fix"}, {"close_loop"}}), 3);
    CHECK(has_rule(twice.turns[1], "promise-kept"));
    CHECK_FALSE(has_rule(twice.turns[2], "promise-kept"));
    CHECK(twice.raw[F] == 35);  // 8 + 12 + 5 + 10
    // A check before the promise does not use the bonus up: the promise kept later still earns it.
    Debrief late = play_first_choices(chain({{"confirm_fix"}, {"promise_follow_up"}, {"confirm_fix"}}), 3);
    CHECK(has_rule(late.turns[2], "promise-kept"));
    CHECK(late.raw[F] == 37);  // 12 + 8 + 12 + 5
    // ...and a promise made after the only check is a broken one.
    Debrief broken_after = play_first_choices(chain({{"confirm_fix"}, {"promise_follow_up"}, {"stay_calm"}}), 3);
    CHECK(has_rule(broken_after.turns[2], "promise-not-kept"));
    CHECK(broken_after.raw[F] == 8);  // 12 + 8 - 12
    // A new promise after the first was kept is a new one to keep: 8 + 12 + 5, then 8 - 12 unkept,
    // or 8 + 12 + 5 kept.
    Debrief second_unkept = play_first_choices(
        chain({{"promise_follow_up"}, {"confirm_fix"}, {"promise_follow_up"}, {"stay_calm"}}), 4);
    CHECK(has_rule(second_unkept.turns[2], "promised-again"));
    CHECK(has_rule(second_unkept.turns[3], "second-promise-not-kept"));
    CHECK_FALSE(has_rule(second_unkept.turns[3], "promise-not-kept"));
    CHECK(second_unkept.raw[F] == 21);
    Debrief second_kept = play_first_choices(
        chain({{"promise_follow_up"}, {"confirm_fix"}, {"promise_follow_up"}, {"close_loop"}}), 4);
    CHECK(has_rule(second_kept.turns[3], "promise-kept-again"));
    CHECK(second_kept.raw[F] == 25 + 8 + 10 + 5);
    Debrief broken = play_first_choices(chain({{"promise_follow_up"}, {"stay_calm"}}), 2);
    CHECK(has_rule(broken.turns[1], "promise-not-kept"));  // shown on the last turn
    CHECK(broken.raw[F] == -4);                              // 8 - 12
    CHECK(broken.turns[1].points[F] == -12);
}

TEST_CASE("rule: a refusal needs an escalation before the end") {
    Debrief refused = play_first_choices(chain({{"brush_off"}}), 1);
    CHECK(has_rule(refused.turns[0], "refusal-without-escalation"));
    CHECK(refused.raw[S] == -25);
    REQUIRE(refused.red_lines.size() == 2);  // the brush-off itself, and ending without an alternative
    CHECK(refused.red_lines[0].label == "\"That's all I can do\"");
    CHECK(refused.red_lines[1].label == "Refused without an alternative");
    // Quoting policy is a refusal too; a remedy offered afterwards is the alternative it needs.
    Debrief policy = play_first_choices(chain({{"hide_behind_policy"}}), 1);
    CHECK(has_rule(policy.turns[0], "refusal-without-escalation"));
    CHECK(policy.red_lines.size() == 1);
    Debrief alternative = play_first_choices(chain({{"hide_behind_policy"}, {"offer_choice"}}), 2);
    CHECK_FALSE(has_rule(alternative.turns[1], "refusal-without-escalation"));
    CHECK(alternative.red_lines.empty());
    Debrief escalated = play_first_choices(chain({{"hide_behind_policy"}, {"escalate_senior"}}), 2);
    CHECK_FALSE(has_rule(escalated.turns[1], "refusal-without-escalation"));
    CHECK(escalated.raw[S] == 2);  // -10 + 12
    // An abandoned attempt has not ended, so end rules do not fire.
    Scenario s = chain({{"brush_off"}, {"stay_calm"}});
    Debrief unfinished = grade(s, Session::replay(s, {0}), default_rubric());
    CHECK_FALSE(unfinished.completed);
    CHECK_FALSE(has_rule(unfinished.turns[0], "refusal-without-escalation"));
    CHECK_FALSE(unfinished.passed);
}

TEST_CASE("rule: a second sorry, or owning the mistake twice, earns nothing more") {
    // apologise 15, admit_mistake 10 (apology); apologised-again takes the 15 back.
    Debrief twice = play_first_choices(chain({{"apologise"}, {"apologise"}, {"apologise"}}), 3);
    CHECK_FALSE(has_rule(twice.turns[0], "apologised-again"));
    CHECK(has_rule(twice.turns[1], "apologised-again"));
    CHECK(has_rule(twice.turns[2], "apologised-again"));
    CHECK(twice.raw[A] == 15);
    Debrief owned_then_sorry = play_first_choices(chain({{"admit_mistake"}, {"apologise"}}), 2);
    CHECK_FALSE(has_rule(owned_then_sorry.turns[1], "apologised-again"));
    CHECK(owned_then_sorry.raw[A] == 25);
    // Owning the mistake twice is the same: admit_mistake's 10 is taken back on the repeat.
    Debrief owned_twice = play_first_choices(chain({{"admit_mistake"}, {"apologise", "admit_mistake"}}), 2);
    CHECK(has_rule(owned_twice.turns[1], "owned-up-again"));
    CHECK_FALSE(has_rule(owned_twice.turns[1], "apologised-again"));
    CHECK(owned_twice.raw[A] == 25);
}

TEST_CASE("a red line rules out a pass whatever the score, and the debrief names it first") {
    // By hand: listening 10/0, apology 15/0, solution 10/0, composure 0/-12 (only harm possible:
    // -12 scores 0), so the sarcastic fix scores (100 + 100 + 100 + 0) / 4 = 75, above the pass mark.
    Scenario s = chain({{"apologise", "ask_question"}, {"fix_fast", "sarcasm"}});
    s.nodes[1].choices[0].text = "Fine, here's your refund, happy now?";
    Debrief d = play_first_choices(s, 2);
    CHECK(d.overall == doctest::Approx(75));
    CHECK_FALSE(d.passed);
    CHECK(d.band == "Needs practice");  // never "Competent" on a failed conversation
    REQUIRE(d.red_lines.size() == 1);
    CHECK(d.red_lines[0].turn == 1);
    CHECK(d.red_lines[0].label == "Sarcasm");
    CHECK(d.turns[1].red_line);
    REQUIRE_FALSE(d.notes.empty());
    CHECK(d.notes.front().find("Red line at turn 2, Sarcasm: you said \"Fine, here's your refund, happy now?\"") == 0);
    CHECK(debrief_to_text(d).find("Red line (turn 2)") < debrief_to_text(d).find("Turn by turn"));
    // The other playthroughs stop with the customer lost, so none passes.
    Analysis a = analyze(s);
    CHECK(a.passing_playthroughs.to_string() == "0");

    // A scenario's own critical reply is a red line too, with its reason.
    Scenario own = chain({{"apologise", "ask_question"}, {"fix_fast"}});
    own.nodes[1].choices[0].red_line = "In an emergency the first thing is the child's safety.";
    Debrief critical = play_first_choices(own, 2);
    CHECK_FALSE(critical.passed);
    REQUIRE(critical.red_lines.size() == 1);
    CHECK(critical.red_lines[0].reason == own.nodes[1].choices[0].red_line);
    own.nodes[1].choices[0].red_line.clear();
    CHECK(play_first_choices(own, 2).passed);
}

TEST_CASE("a lost customer never passes; an ending passes only where the scenario says it can") {
    Scenario s = chain({{"apologise", "ask_question", "fix_fast"}});
    s.nodes[0].choices[0].next = "lost";
    Debrief lost = play_first_choices(s, 1);
    CHECK(lost.overall == doctest::Approx(100));
    CHECK_FALSE(lost.passed);
    CHECK_FALSE(lost.ending_passable);
    CHECK(lost.band == "Needs practice");
    CHECK(lost.notes.front().find("The customer was lost") == 0);
    // A cold handover the author marks as not passing, and a parting the author marks as right.
    s.endings.push_back({"cold", EndingType::Escalated, "Sent elsewhere", "", false, {}});
    s.endings.push_back({"parted", EndingType::Parted, "Parted", "", true, {}});
    s.reindex();
    s.nodes[0].choices[0].next = "cold";
    CHECK_FALSE(play_first_choices(s, 1).passed);
    s.nodes[0].choices[0].next = "parted";
    CHECK(play_first_choices(s, 1).passed);
    CHECK_FALSE(analyze(s).endings[1].can_pass);  // "lost"
}

TEST_CASE("rule: repeated defensiveness costs extra composure") {
    Debrief d = play_first_choices(chain({{"get_defensive"}, {"argue"}, {"sarcasm"}}), 3);
    CHECK_FALSE(has_rule(d.turns[0], "repeated-defensiveness"));
    CHECK(has_rule(d.turns[1], "repeated-defensiveness"));
    CHECK(has_rule(d.turns[2], "repeated-defensiveness"));
    CHECK(d.raw[C] == -10 - 20 - 17);
    CHECK(d.raw[L] == -5);
}

TEST_CASE("the better alternative's figures count the turns already played") {
    // n0: "step" (apologise, ask_question) -> n1, or nothing -> lost.  n1: "step" (fix_fast) ->
    // won, or nothing -> lost. By hand: listening 10/0, apology 15/0, solution 10/0, so the fix
    // scores 100, stopping after the first turn 66.7, saying nothing at all 0.
    Scenario s = chain({{"apologise", "ask_question"}, {"fix_fast"}});
    s.nodes[1].choices[1].next = "won";  // stopping early still keeps the customer
    Debrief d = grade(s, Session::replay(s, {0, 1}), default_rubric());
    CHECK(d.overall == doctest::Approx(200.0 / 3));
    REQUIRE(d.turns.size() == 2);
    CHECK_FALSE(d.turns[0].better_choice_index.has_value());
    REQUIRE(d.turns[1].better_choice_index.has_value());
    CHECK(*d.turns[1].better_choice_index == 0);
    // Stopping at 66.7 is below the pass mark; the fix keeps a pass within reach.
    CHECK(d.turns[1].better_choice_why.find("It kept a pass within reach, with an overall score of up to 100; "
                                            "after your answer no playthrough could pass.") != std::string::npos);

    // With a pass mark of 60 both can pass: the figures compare the overall each keeps within reach.
    s.scoring.pass_mark = 60;
    Debrief strict = grade(s, Session::replay(s, {0, 1}), default_rubric());
    REQUIRE(strict.turns[1].better_choice_index.has_value());
    CHECK(strict.turns[1].better_choice_why.find("up to 100 within reach; your answer left at most 66.") !=
          std::string::npos);
}

TEST_CASE("the better alternative never trades a pass for a higher score") {
    // With composure weighted 0.2, the sarcastic answer (more listening, composure at its worst)
    // scores higher overall than the polite one, but sarcasm rules out a pass.
    Scenario s = scenario({node("a", {say("Sorry - what happened?", "won", {"apologise", "ask_question"}),
                                      say("Sorry, what happened, genius? So it came late and broken.", "won",
                                          {"apologise", "ask_question", "paraphrase", "let_them_speak", "sarcasm"}),
                                      say("(nothing)", "lost", {})})});
    s.scoring.weights[C] = 0.2;
    s.scoring.pass_mark = 60;  // the polite answer scores 69.7
    Debrief polite = grade(s, Session::replay(s, {0}), default_rubric());
    Debrief sarcastic = grade(s, Session::replay(s, {1}), default_rubric());
    REQUIRE(sarcastic.overall > polite.overall);
    CHECK(polite.passed);
    CHECK_FALSE(sarcastic.passed);
    CHECK_FALSE(polite.turns[0].better_choice_index.has_value());
    REQUIRE(sarcastic.turns[0].better_choice_index.has_value());
    CHECK(*sarcastic.turns[0].better_choice_index == 0);
}

TEST_CASE("explicit points add to tag points") {
    Scenario s = chain({{"paraphrase"}});
    s.nodes[0].choices[0].points[L] = 2;
    s.nodes[0].choices[0].has_points = true;
    Debrief d = play_first_choices(s, 1);
    CHECK(d.raw[L] == 12);
    CHECK(d.turns[0].tags.size() == 2);
}

TEST_CASE("a detour holds its credit until the conversation moves on, and drops it when it comes back") {
    // a: "What happened?" (ask_question) -> b, or "Sorry, refund." (apologise, fix_fast) -> won.
    // b: "Let me start again." -> a (back: a detour), or "Sorry, refund." -> won.
    Scenario s = scenario({node("a", {say("What happened?", "b", {"ask_question"}),
                                      say("Sorry, refund.", "won", {"apologise", "fix_fast"})}),
                           node("b", {say("Let me start again.", "a", {"stay_calm"}),
                                      say("Sorry, refund.", "won", {"apologise", "fix_fast"})})});
    // Asking, then fixing: the question's credit is held on the loop and counts when it is left.
    Debrief on = grade(s, Session::replay(s, {0, 1}), default_rubric());
    REQUIRE(on.turns.size() == 2);
    CHECK(on.turns[0].points[L] == 0);
    CHECK(has_rule(on.turns[0], "detour-held"));
    CHECK(on.turns[1].points[L] == 10);
    CHECK(has_rule(on.turns[1], "detour-released"));
    CHECK(on.raw[L] == 10);
    CHECK_FALSE(has_rule(on.turns[1], "fix-before-question"));
    // Asking, going back, then fixing from the start: the question came to nothing, so the fix
    // came before any question that counted, exactly as fixing at once.
    Debrief back = grade(s, Session::replay(s, {0, 0, 1}), default_rubric());
    REQUIRE(back.turns.size() == 3);
    CHECK(has_rule(back.turns[1], "detour-returned"));
    CHECK(back.turns[1].rules.back().explanation.find("(+10 Listening, +8 Composure)") != std::string::npos);
    Debrief direct = grade(s, Session::replay(s, {1}), default_rubric());
    CHECK(back.raw == direct.raw);
    CHECK(back.overall == doctest::Approx(direct.overall));
    CHECK(has_rule(back.turns[2], "fix-before-question"));
    // The turns add up to the total, and the best listening is the honest 10.
    CompetencyArray summed{};
    for (const auto& t : back.turns)
        for (int i = 0; i < kCompetencyCount; ++i) summed[i] += t.points[i];
    CHECK(summed == back.raw);
    CHECK(on.best[L] == 10);
    // Harm on a detour counts at once and stays: an argument on the way back is still a red line.
    s.nodes[1].choices[0].tags = {"argue"};
    Debrief argued = grade(s, Session::replay(s, {0, 0, 1}), default_rubric());
    CHECK(argued.raw[C] == -15);
    CHECK_FALSE(argued.passed);
    CHECK(argued.red_lines.size() == 1);
}

TEST_CASE("going round the same situation again earns nothing") {
    // "Could you say that again?" leads back to the same node: a detour from the start, so
    // even the first ask holds nothing that counts, and repeats come back to the same situation.
    Scenario s = scenario({node("a", {say("Say again?", "a", {"ask_question"}),
                                      say("Sorry, fixed.", "won", {"apologise", "fix_fast"}),
                                      say("Fixed.", "won", {"fix_fast"})})});
    Debrief d = grade(s, Session::replay(s, {0, 0, 0, 1}), default_rubric());
    REQUIRE(d.turns.size() == 4);
    for (int t = 0; t < 3; ++t) CHECK(d.turns[t].points[L] == 0);
    CHECK(has_rule(d.turns[0], "detour-returned"));
    CHECK(has_rule(d.turns[2], "loop"));  // a repeat of an identical situation
    CHECK(d.raw == grade(s, Session::replay(s, {1}), default_rubric()).raw);
    Analysis a = analyze(s);
    CHECK(a.infinite);
    CHECK(a.loop_nodes == std::vector<std::string>{"a"});
}

TEST_CASE("the debrief explains each turn and serialises deterministically") {
    Scenario s = chain({{"apologise"}, {"ask_question"}, {"offer_choice"}});
    s.nodes[0].choices[0].feedback = "A \"plain\" apology\nworks.";
    Debrief d1 = play_first_choices(s, 3);
    Debrief d2 = play_first_choices(s, 3);
    CHECK(d1.completed);
    CHECK(d1.ending_id == "won");
    CHECK(d1.turns[0].explanation == s.nodes[0].choices[0].feedback);
    CHECK_FALSE(d1.turns[1].explanation.empty());
    std::string j = debrief_to_json(d1);
    CHECK(j == debrief_to_json(d2));
    CHECK(j.find("\"A \\\"plain\\\" apology\\nworks.\"") != std::string::npos);
    CHECK(j.find("\"passed\": true") != std::string::npos);
    CHECK(j.find("\"chosen-after-asking\"") != std::string::npos);
    CHECK(d1.overall == doctest::Approx(100));
    CHECK(d1.band == "Excellent");
    CHECK(d1.practise_next.empty());
    Debrief poor = grade(s, Session::replay(s, {1}), default_rubric());
    CHECK_FALSE(poor.practise_next.empty());
    CHECK(poor.turns[0].better_choice_index == 0);
}

TEST_CASE("grading never fails on a scenario with no reachable ending") {
    Scenario s = scenario({node("a", {say("Again?", "a", {"ask_question"})})});
    Debrief d = grade(s, Session::replay(s, {0, 0}), default_rubric());
    CHECK_FALSE(d.passed);
    CHECK_FALSE(d.notes.empty());
    CHECK(d.overall == 0);
}
