// The checks on replies and promises (no-length-cue, model-path-clean, promise-kept-reachable)
// and a scenario's own expectations, each tried on a scenario that passes it and one that fails.
#include <doctest/doctest.h>

#include <algorithm>

#include "analysis.h"
#include "expectations.h"
#include "loader.h"
#include "scenario_builder.h"

using namespace ta;
using namespace ta::scoring;
using test_builder::reply;

namespace {

Scenario two_nodes(std::vector<Choice> a, std::vector<Choice> b) {
    Scenario s;
    s.id = "checks";
    s.start = "a";
    s.nodes = {Node{}, Node{}};
    s.nodes[0].id = "a";
    s.nodes[0].choices = std::move(a);
    s.nodes[1].id = "b";
    s.nodes[1].choices = std::move(b);
    for (auto& n : s.nodes)
        for (std::size_t i = 0; i < n.choices.size(); ++i) n.choices[i].id = n.id + "#" + std::to_string(i + 1);
    s.endings = {{"won", EndingType::Recovered, "Won", "", {}, {}}, {"lost", EndingType::Lost, "Lost", "", {}, {}}};
    s.reindex();
    return s;
}

Choice model(Choice c) {
    c.model = true;
    return c;
}

CheckResult check(const Analysis& a, const std::string& name) {
    auto it = std::find_if(a.checks.begin(), a.checks.end(), [&](const CheckResult c) { return c.name == name; });
    REQUIRE(it != a.checks.end());
    return *it;
}

}  // namespace

TEST_CASE("no-length-cue: the model reply may not be the longest in most decisions") {
    Scenario s = two_nodes({model(reply("I'm sorry. What happened, from the start?", "b", {"apologise", "ask_question"})),
                            reply("Right.", "lost", {"dismiss"})},
                           {model(reply("I can refund it today or replace it tomorrow: which would suit you?", "won",
                                        {"offer_choice"})),
                            reply("Fine.", "lost", {"stall"})});
    Analysis a = analyze(s);
    CHECK_FALSE(check(a, "no-length-cue").ok);
    CHECK(a.decisions == 2);
    CHECK(a.longest_is_model == 2);
    // A wrong answer as long as the model one at one decision of two: no longer a cue.
    s.nodes[0].choices[1].text = "Right, well, these things happen with deliveries, I'm afraid, more than you'd think.";
    a = analyze(s);
    CHECK(check(a, "no-length-cue").ok);
    CHECK(a.longest_is_model == 1);
}

TEST_CASE("model-path-clean: the model path passes and no rule that costs points fires on it") {
    Scenario s = two_nodes({model(reply("Let me fix that now.", "b", {"fix_fast"})), reply("Right.", "lost", {"dismiss"})},
                           {model(reply("Sorry - what went wrong?", "won", {"apologise", "ask_question"})),
                            reply("Fine.", "lost", {"stall"})});
    Analysis a = analyze(s);
    const CheckResult dirty = check(a, "model-path-clean");
    CHECK_FALSE(dirty.ok);
    CHECK(dirty.verdict.find("Fixed before apologising") != std::string::npos);
    REQUIRE(dirty.example.has_value());
    CHECK(dirty.example->steps.size() == 2);
    // Asking and apologising first, then fixing: clean.
    std::swap(s.nodes[0].choices[0].tags, s.nodes[1].choices[0].tags);
    CHECK(check(analyze(s), "model-path-clean").ok);
    // No model replies at all: there is no model path to check.
    for (auto& n : s.nodes)
        for (auto& c : n.choices) c.model = false;
    const CheckResult none = check(analyze(s), "model-path-clean");
    CHECK_FALSE(none.ok);
    CHECK(none.verdict.find("No model path") == 0);
}

TEST_CASE("promise-kept-reachable: every promise must meet a chance to be kept") {
    // a: promise and end at once (no chance to keep it), or move on to b, where it can be kept.
    Scenario s = two_nodes({reply("Sorry - what happened? I'll ring you tomorrow.", "won", {"apologise", "ask_question",
                                                                                            "promise_follow_up"}),
                            reply("Sorry - what happened? Let me sort it now.", "b", {"apologise", "ask_question", "fix_fast"})},
                           {reply("(The next day.) Is it working now?", "won", {"confirm_fix"}),
                            reply("Bye.", "won", {})});
    const CheckResult stranded = check(analyze(s), "promise-kept-reachable");
    CHECK_FALSE(stranded.ok);
    CHECK(stranded.verdict.find("a#1") != std::string::npos);
    REQUIRE(stranded.example.has_value());
    CHECK(stranded.example->steps.front().choice_id == "a#1");
    // The promise now leads to b, where the check-back is offered: every promise can be kept.
    s.nodes[0].choices[0].next = "b";
    CHECK(check(analyze(s), "promise-kept-reachable").ok);
}

TEST_CASE("expectations: each is played and graded, and lint reports a broken one at its line") {
    const std::string text = R"(format: 1
id: expect-probe
title: Expectations probe
customer: {name: Sam}
start: a
nodes:
  - id: a
    say: [{text: It broke.}]
    choices:
      - {id: listen, model: true, text: "Sorry - tell me what happened.", next: b, tags: [apologise, ask_question], feedback: Good.}
      - {id: argue, text: "It can't have broken.", next: b, tags: [argue], feedback: Arguing.}
  - id: b
    say: [{text: It stopped on Monday.}]
    choices:
      - {id: fix, model: true, text: "I'll replace it now or refund you - which?", next: won, tags: [offer_choice], feedback: Good.}
      - {id: shrug, text: Nothing I can do., next: lost, tags: [stall, dismiss], feedback: Poor.}
endings:
  - {id: won, type: recovered, title: Won}
  - {id: lost, type: lost, title: Lost}
expect:
  - name: model path passes
    choices: model
    passes: true
    why: Listening, apologising and offering a choice.
  - name: arguing passes
    choices: [argue, fix]
    passes: true
    why: Deliberately wrong, to see it reported.
  - name: a typo
    choices: [listen, fixx]
    passes: true
    why: The id does not exist.
)";
    LoadOptions options;
    options.known_tags = default_rubric().tag_names();
    LoadResult r = load_scenario_text(text, "probe.yaml", options);
    for (const auto& d : r.diagnostics) MESSAGE(format_diagnostic(d));
    REQUIRE(r.ok());
    auto outcomes = check_expectations(*r.scenario);
    REQUIRE(outcomes.size() == 3);
    CHECK(outcomes[0].holds);
    CHECK(outcomes[0].debrief.passed);
    CHECK(outcomes[1].played);
    CHECK_FALSE(outcomes[1].holds);  // arguing is a red line
    CHECK_FALSE(outcomes[2].played);
    CHECK(outcomes[2].problem.find("no reply 'fixx' (it offers: fix, shrug)") != std::string::npos);

    auto diags = expectation_diagnostics(*r.scenario, "probe.yaml");
    auto at_line = [&](int line, const char* code) {
        return std::any_of(diags.begin(), diags.end(), [&](const Diagnostic& d) { return d.line == line && d.code == code; });
    };
    CHECK(at_line(25, "expectation-failed"));      // "arguing passes"
    CHECK(at_line(29, "expectation-unplayable"));  // "a typo"
    // Uncovered: the red-line reply (no expectation expects it to fail) and the lost ending.
    CHECK(at_line(11, "expectation-missing"));
    CHECK(at_line(19, "expectation-missing"));
    CHECK(count_errors(diags) == 2);
}
