// The holes a new trainer found in the checks (issue 16), each as the trainer wrote it: an ending
// nothing leads to, a node every reply leads back to, a node that can offer no reply, a typo in
// `checks:`, control characters in text, and quoted values cut inside a character. lint, analyze
// and play must each say so, at the line, with the fix.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "analysis.h"
#include "cli_runner.h"
#include "loader.h"
#include "rubric.h"
#include "utf8_text.h"
#include "validate_flow.h"

using namespace ta;
using cli_runner::cli;
using cli_runner::has;

namespace {

LoadResult lint_text(const std::string& text) {
    LoadOptions options;
    options.known_tags = scoring::default_rubric().tag_names();
    return load_scenario_text(text, "pharmacy.yaml", options);
}

std::vector<std::string> messages(const LoadResult& r, const std::string& code) {
    std::vector<std::string> out;
    for (const auto& d : r.diagnostics)
        if (d.code == code) out.push_back(format_diagnostic(d));
    return out;
}

// A small pharmacy scenario; each test plants one mistake in it.
const char* kPharmacy = R"(format: 1
id: pharmacy
title: The missing prescription
customer:
  name: Mrs Patel
start: counter
nodes:
  - id: counter
    say:
      - text: My prescription isn't ready again.
    choices:
      - text: I'm sorry. Can you tell me when you handed it in?
        next: details
        tags: [apologise, ask_question]
        sets: [asked]
        feedback: An apology and a question.
      - text: It'll be ready when it's ready.
        next: details
        tags: [dismiss]
        feedback: Dismissive.
  - id: details
    say:
      - text: On Monday. I need it today.
    choices:
      - text: Let me check with the pharmacist now.
        next: sorted
        tags: [fix_fast]
        feedback: Acting now.
      - text: Come back tomorrow.
        next: gone
        tags: [stall]
        feedback: A stall.
endings:
  - id: sorted
    type: recovered
    title: Sorted
  - id: gone
    type: lost
    title: She left
)";

std::string with(const std::string& from, const std::string& to) {
    std::string t = kPharmacy;
    REQUIRE_MESSAGE(t.find(from) != std::string::npos, from);
    t.replace(t.find(from), from.size(), to);
    return t;
}

struct TempFile {
    std::filesystem::path path;
    TempFile(const std::string& name, const std::string& text)
        : path(std::filesystem::temp_directory_path() / ("turnaround-checks-" + std::to_string(getpid()) + "-" + name)) {
        std::ofstream(path, std::ios::binary) << text;
    }
    ~TempFile() { std::filesystem::remove(path); }
    std::string arg() const { return "'" + path.string() + "'"; }
};

}  // namespace

TEST_CASE("the pharmacy scenario is clean, so each planted mistake below is the only problem") {
    LoadResult r = lint_text(kPharmacy);
    for (const auto& d : r.diagnostics) MESSAGE(format_diagnostic(d));
    CHECK(r.diagnostics.empty());
}

TEST_CASE("an ending nothing leads to is a warning at its line, with the fix") {
    LoadResult r = lint_text(std::string(kPharmacy) + "  - id: manager\n    type: escalated\n    title: Manager\n");
    CHECK(r.ok());
    const auto found = messages(r, "ending-never-reached");
    REQUIRE(found.size() == 1);
    CHECK(found[0] ==
          "pharmacy.yaml:40:9: warning: nothing leads to ending 'manager': no choice's 'next', 'on_timeout', mood "
          "route or 'walkout' names it; point a choice's 'next' at it, or remove it");
    TempFile f("unreached.yaml", std::string(kPharmacy) + "  - id: manager\n    type: escalated\n    title: Manager\n");
    CHECK(cli("lint --strict " + f.arg()).exit_code == 1);
}

TEST_CASE("an ending only a never-offered reply leads to is a warning too") {
    LoadResult r = lint_text(with("        next: gone\n        tags: [stall]",
                                  "        next: gone\n        requires: [asked]\n        requires_not: [asked]\n"
                                  "        tags: [stall]"));
    const auto found = messages(r, "ending-never-reached");
    REQUIRE(found.size() == 1);
    CHECK(has(found[0], "pharmacy.yaml:39:9: warning: no playthrough reaches ending 'gone'"));
}

TEST_CASE("a mood route that can never fire leaves a trap too") {
    std::string t = with("  - id: details\n", "  - id: details\n    mood_routes:\n      - below: 5\n        next: gone\n");
    t.replace(t.find("        next: sorted"), 20, "        next: details");
    t.replace(t.find("        next: gone\n        tags: [stall]"), 18, "        next: details");
    LoadResult r = lint_text(t);
    const auto found = messages(r, "trap");
    REQUIRE(found.size() == 1);
    CHECK(found[0] ==
          "pharmacy.yaml:8:9: error: a trainee who reaches node 'counter' (for example at the start) can never leave: "
          "every reply from there leads back to 'counter', 'details'. Give one of these replies a 'next' that leads on "
          "to an ending");
    // analyze on the same model never calls it sound: it cannot grade it at all (no playthrough
    // ends), or no-traps fails and says where.
    REQUIRE(r.scenario);
    scoring::Analysis a = scoring::analyze(*r.scenario);
    auto check = std::find_if(a.checks.begin(), a.checks.end(), [](const auto& c) { return c.name == "no-traps"; });
    if (a.ok) {
        REQUIRE(check != a.checks.end());
        CHECK_FALSE(check->ok);
        CHECK(has(check->verdict, "details"));
    } else {
        CHECK(check == a.checks.end());
    }
    TempFile f("trap.yaml", t);
    const auto analyze = cli("analyze " + f.arg());
    CHECK(analyze.exit_code != 0);
    CHECK_FALSE(has(analyze.text, "[ok] no-traps"));
}

TEST_CASE("a node whose replies only lead back to it is a trap even when the customer walks out in the end") {
    // Every reply at 'details' comes back to it and costs patience: only the walk-out ends it.
    std::string t = with("  name: Mrs Patel\n", "  name: Mrs Patel\n  patience: 2\n  walkout: gone\n");
    t.replace(t.find("        next: sorted"), 20, "        next: details\n        mood: -5");
    t.replace(t.find("        next: gone\n        tags: [stall]"), 18, "        next: details\n        mood: -10");
    LoadResult r = lint_text(t);
    const auto found = messages(r, "trap");
    REQUIRE(found.size() == 1);
    CHECK(has(found[0], "can never leave: every reply from there leads back to"));
    CHECK(has(found[0], "until the customer runs out of patience and walks out"));
    CHECK(has(found[0], "Give one of these replies a 'next' that leads on to an ending"));
    REQUIRE(r.scenario);
    scoring::Analysis a = scoring::analyze(*r.scenario);
    REQUIRE(a.ok);
    auto check = std::find_if(a.checks.begin(), a.checks.end(), [](const auto& c) { return c.name == "no-traps"; });
    REQUIRE(check != a.checks.end());
    CHECK_FALSE(check->ok);
    CHECK(std::find(a.stuck_nodes.begin(), a.stuck_nodes.end(), "details") != a.stuck_nodes.end());
}

TEST_CASE("a node that can offer no reply is a located error, and play never asks for '1 to 0'") {
    // Both replies need the flag only the first answer sets: 'counter#2' leaves the trainee stuck.
    const std::string text =
        with("      - text: Let me check with the pharmacist now.\n",
             "      - text: Let me check with the pharmacist now.\n        requires: [asked]\n");
    std::string stuck = text;
    stuck.replace(stuck.find("      - text: Come back tomorrow.\n"), 34,
                  "      - text: Come back tomorrow.\n        requires: [asked]\n");
    LoadResult r = lint_text(stuck);
    const auto found = messages(r, "no-reply-offered");
    REQUIRE(found.size() == 1);
    CHECK(found[0] ==
          "pharmacy.yaml:21:9: error: a trainee can reach node 'details' with no reply on offer (choice 1 needs flag "
          "'asked'; choice 2 needs flag 'asked'), for example after counter#2; the conversation is stuck there. Add a "
          "reply without 'requires', or make sure every way to this node sets the flags it needs");
    CHECK(count_errors(r.diagnostics) == 1);

    TempFile f("stuck.yaml", stuck);
    const auto play = cli("play --choices 2,1 " + f.arg());
    CHECK(play.exit_code == 1);
    CHECK_FALSE(has(play.text, "from 1 to 0"));
    CHECK(has(play.text, "with no reply on offer"));
}

TEST_CASE("why_no_reply names each reply's unmet condition, as play says it when stuck") {
    Node n;
    n.choices.resize(2);
    n.choices[0].requires_flags = {"asked", "checked"};
    n.choices[1].requires_not_flags = {"refunded"};
    CHECK(why_no_reply(n, {"refunded"}) ==
          "choice 1 needs flags 'asked' and 'checked'; choice 2 needs flag 'refunded' not to be set");
    CHECK(why_no_reply(n, {}).empty());  // choice 2 is offered
}

TEST_CASE("a typo in checks fails lint with a did-you-mean") {
    const std::string text = with("start: counter\n", "scoring:\n  checks: [no-pass-without-apologies]\nstart: counter\n");
    LoadResult r = lint_text(text);
    const auto found = messages(r, "unknown-check");
    REQUIRE(found.size() == 1);
    CHECK(found[0] ==
          "pharmacy.yaml:7:12: error: unknown check 'no-pass-without-apologies' in 'scoring.checks'; did you mean "
          "'no-pass-without-apology'?");
    TempFile f("typo.yaml", text);
    CHECK(cli("lint --strict " + f.arg()).exit_code == 1);
    CHECK(lint_text(with("start: counter\n", "scoring:\n  checks: [passable, no-traps]\nstart: counter\n")).ok());
}

TEST_CASE("a check waived with a reason is shown with the reason, not as a warning") {
    // The pharmacy's model replies are the longest in both decisions: no-length-cue warns.
    TempFile plain("plain.yaml", kPharmacy);
    CHECK(has(cli("analyze " + plain.arg()).text, "[warn] no-length-cue"));

    const std::string reason = "Both decisions are short, so length says little here.";
    const std::string text =
        with("start: counter\n", "scoring:\n  waive:\n    no-length-cue: " + reason + "\nstart: counter\n");
    LoadResult r = lint_text(text);
    REQUIRE(r.ok());
    CHECK(r.scenario->scoring.waived.at("no-length-cue") == reason);
    TempFile f("waived.yaml", text);
    const auto out = cli("analyze " + f.arg()).text;
    CHECK(has(out, "[--] no-length-cue: waived: " + reason));
    CHECK_FALSE(has(out, "[warn] no-length-cue"));
    CHECK(has(out, "[warn] model-path-clean"));  // only the waived check is quiet
    CHECK(has(cli("analyze --json " + f.arg()).text, "\"waived\": \"" + reason + "\""));

    // A waiver of a check that holds is stale, and says so.
    const std::string stale = with("start: counter\n", "scoring:\n  waive:\n    no-loops: It loops.\nstart: counter\n");
    TempFile g("stale.yaml", stale);
    CHECK(has(cli("analyze " + g.arg()).text, "the waiver can go"));
}

TEST_CASE("a waiver names a known check, gives a reason, and does not contradict the list") {
    auto one = [](const std::string& scoring, const std::string& code) {
        LoadResult r = lint_text(with("start: counter\n", "scoring:\n" + scoring + "start: counter\n"));
        const auto found = messages(r, code);
        CHECK_MESSAGE(r.diagnostics.size() == 1, scoring);
        REQUIRE_MESSAGE(found.size() == 1, scoring);
        return found[0];
    };
    CHECK(one("  waive:\n    no-length-cues: short replies\n", "unknown-check") ==
          "pharmacy.yaml:8:5: error: unknown check 'no-length-cues' in 'scoring.waive'; did you mean 'no-length-cue'?");
    CHECK(has(one("  waive:\n    no-length-cue:\n", "missing-field"), "needs a reason"));
    CHECK(has(one("  waive:\n    passable: never\n", "unknown-check"), "'passable' cannot be waived"));
    CHECK(has(one("  checks: [no-loops]\n  waive:\n    no-loops: loops by design\n", "conflicting-fields"),
              "both listed in 'scoring.checks' and waived"));
    CHECK(has(one("  waive: [no-loops]\n", "wrong-type"), "map of check names to reasons"));
}

TEST_CASE("control characters in shown text are located errors; tabs and line breaks are fine") {
    const std::string text = with("      - text: My prescription isn't ready again.\n",
                                  "      - text: \"Ready?\\e]0;pwned\\a\\e[2J\\e[31mRED\"\n");
    LoadResult r = lint_text(text);
    const auto found = messages(r, "control-character");
    REQUIRE(found.size() == 1);
    CHECK(found[0] ==
          "pharmacy.yaml:10:22: error: 'text' in line 1 of node 'counter' contains a control character, ESC "
          "(escape, code 27), written \"\\e\", and 3 more after it; remove them: the text a scenario shows must be "
          "plain, since control characters can retitle, clear or recolour the trainee's terminal");
    CHECK(count_errors(r.diagnostics) == 1);

    // Every kind of text: titles, feedback, epilogues, notes, objectives.
    for (const auto& [from, to, field] : std::vector<std::tuple<std::string, std::string, std::string>>{
             {"title: The missing prescription", "title: \"Charged \\x07Twice\"", "'title' in the scenario"},
             {"        feedback: Dismissive.", "        feedback: \"Dismissive.\\u009B\"", "'feedback' in choice 2"},
             {"    title: She left\n", "    title: She left\n    epilogue: \"Gone\\x7f\"\n", "'epilogue' in ending 'gone'"},
             {"  - id: details\n", "  - id: details\n    note: \"a\\rb\"\n", "'note' in node 'details'"},
             {"start: counter\n", "objectives: [\"Listen\\b\"]\nstart: counter\n", "item 1 of 'objectives'"}}) {
        CAPTURE(field);
        const auto got = messages(lint_text(with(from, to)), "control-character");
        REQUIRE(got.size() == 1);
        CHECK(has(got[0], field));
    }
    CHECK(lint_text(with("      - text: My prescription isn't ready again.\n",
                         "      - text: \"Ready\\tagain?\\nReally.\"\n"))
              .ok());
    CHECK(lint_text(with("      - text: My prescription isn't ready again.\n",
                         "      - text: |\n          Two lines\n          \tand a tab.\n"))
              .ok());
}

TEST_CASE("play never writes a control character to the terminal") {
    // Scenario text is refused by lint; a message quoting it must be harmless too.
    TempFile f("escapes.yaml", with("title: The missing prescription", "title: \"Charged \\e]0;pwned\\a Twice\""));
    const auto play = cli("play --choices 1,1 " + f.arg());
    CHECK(play.exit_code == 1);
    CHECK_FALSE(find_control_char(play.text).has_value());
    CHECK(has(play.text, "\\e"));
    const auto lint = cli("lint " + f.arg());
    CHECK_FALSE(find_control_char(lint.text).has_value());
}

TEST_CASE("quoted values are shortened at a character boundary, never inside one") {
    const std::string text = with("start: counter\n", "difficulty: xx€€€€€€€€€€€€€€€€€€€€\nstart: counter\n");
    LoadResult r = lint_text(text);
    REQUIRE(count_errors(r.diagnostics) == 1);
    CHECK(r.diagnostics[0].message ==
          "'difficulty' is 'xx€€€€€€€€€€€€...'; use easy, medium or hard");
    CHECK(utf8_prefix("xx€€", 3) == "xx");
    CHECK(utf8_prefix("xx€€", 5) == "xx€");
    CHECK(utf8_prefix("你好", 4) == "你");
    CHECK(shorten_for_message("abc", 40) == "abc");
    CHECK(shorten_for_message("line\nbreak\x1b", 40) == "line break\\e");
}
