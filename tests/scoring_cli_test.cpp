// The scoring commands end to end: `analyze` exit codes and JSON, `play --json` determinism.
#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <unistd.h>

namespace {

// Files go to the system's temporary folder (never to wherever the tests happen to be run from),
// named by process so that two test runs at once do not share them.
std::string temp_path(const std::string& name) {
    return (std::filesystem::temp_directory_path() / ("turnaround_scoring_cli_" + std::to_string(getpid()) + "_" + name)).string();
}

std::string write_temp(const std::string& name, const std::string& text) {
    std::string path = temp_path(name + ".yaml");
    std::ofstream(path) << text;
    return path;
}

int run(const std::string& args, std::string* output = nullptr) {
    std::string out_file = temp_path("output.txt");
    int status = std::system((std::string(TURNAROUND_CLI) + " " + args + " > " + out_file + " 2>/dev/null").c_str());
    if (output) {
        std::ifstream in(out_file);
        std::stringstream ss;
        ss << in.rdbuf();
        *output = ss.str();
    }
    return WEXITSTATUS(status);
}

// A small scenario: "ask" leads back to the start (a loop); "sorry" ends it well.
std::string scenario(const std::string& checks) {
    return "format: 1\nid: cli-loop\ntitle: Loop\nversion: \"1\"\nsummary: A loop.\nindustry: Test\n"
           "difficulty: easy\nminutes: 2\nobjectives: [Listen]\n"
           "customer: {name: Pat, relationship: new, persona: Calm., backstory: Late parcel., mood: 30}\n"
           "scoring: {checks: [" + checks + "]}\n"
           "start: open\nnodes:\n"
           "  - id: open\n    say: [{text: \"Where is my parcel?\", emotion: upset}]\n    choices:\n"
           "      - {text: \"Could you tell me more?\", next: more, tags: [ask_question], feedback: Asking first.}\n"
           "      - {text: \"Sorry, I will resend it today.\", next: done, tags: [apologise, fix_fast], feedback: Quick.}\n"
           "  - id: more\n    say: [{text: It was due Monday., emotion: frustrated}]\n    choices:\n"
           "      - {text: Go on., next: open, tags: [let_them_speak], feedback: Listening.}\n"
           "      - {text: \"Sorry, I will resend it today.\", next: done, tags: [apologise, fix_fast], feedback: Quick.}\n"
           "endings:\n  - {id: done, type: recovered, title: Sorted, epilogue: The parcel arrives.}\n";
}

// The scenario above with an author's id on the question, so both kinds of id can be seen.
std::string scenario_with_id() {
    std::string text = scenario("");
    const std::string ask = "{text: \"Could you tell me more?\"";
    return text.replace(text.find(ask), 1, "{id: ask, ");
}

}  // namespace

TEST_CASE("analyze exits non-zero only when an opted-in check fails") {
    std::string out;
    CHECK(run("analyze " + write_temp("ok", scenario("no-pass-without-apology")), &out) == 0);
    CHECK(out.find("Result: ok") != std::string::npos);
    CHECK(out.find("unlimited") != std::string::npos);  // the loop makes playthroughs unlimited
    CHECK(run("analyze " + write_temp("loop", scenario("no-loops")), &out) == 1);
    CHECK(out.find("[FAIL] no-loops (enforced)") != std::string::npos);
    CHECK(run("analyze --json " + write_temp("json", scenario("no-loops")), &out) == 1);
    CHECK(out.find("\"failed\": true") != std::string::npos);
    CHECK(run("analyze " + write_temp("typo", scenario("no-such-check"))) == 1);
    CHECK(run("analyze does-not-exist.yaml") == 2);
    CHECK(run("analyze") == 2);
}

// The loop scenario with a brush-off that wins the customer over only on paper: a reply that no
// pass takes (as every training scenario has) and a recovered ending whose `can_pass` is `cant_pass`.
std::string scenario_with_brush_off(const std::string& checks, const std::string& can_pass) {
    std::string text = scenario(checks);
    const std::string open_choices = "      - {text: \"Could you tell me more?\"";
    text.insert(text.find(open_choices),
                "      - {id: not-mine, text: Not my department., next: fobbed, tags: [brush_off], feedback: A closed door.}\n");
    return text + "  - {id: fobbed, type: recovered, can_pass: " + can_pass + ", title: Fobbed off, epilogue: He gives up.}\n";
}

TEST_CASE("analyze: no-dead-choices speaks only when listed (wrong replies fail by design)") {
    // Every training scenario has replies that no pass takes: the brush-off is there to fail.
    std::string out;
    CHECK(run("analyze " + write_temp("dead-quiet", scenario_with_brush_off("no-pass-without-apology", "false")), &out) == 0);
    CHECK(out.find("[warn] no-dead-choices") == std::string::npos);
    CHECK(out.find("[--] no-dead-choices: not checked; list it in scoring.checks") != std::string::npos);
    CHECK(run("analyze " + write_temp("dead-listed", scenario_with_brush_off("no-dead-choices", "false")), &out) == 1);
    CHECK(out.find("[FAIL] no-dead-choices (enforced): ") != std::string::npos);
}

TEST_CASE("analyze: a recovered ending marked can_pass: false is no trap; follow-up nobody offers is not missing") {
    std::string out;
    CHECK(run("analyze " + write_temp("trap-marked", scenario_with_brush_off("no-traps", "false")), &out) == 0);
    CHECK(out.find("[ok] no-traps (enforced)") != std::string::npos);
    // Unmarked, the same ending is a trap: the customer is won back, but only by a brush-off.
    CHECK(run("analyze " + write_temp("trap-unmarked", scenario_with_brush_off("no-traps", "true")), &out) == 1);
    CHECK(out.find("[FAIL] no-traps (enforced): The customer is recovered but no passing playthrough gets there: fobbed.") !=
          std::string::npos);
    // No reply in the loop scenario weighs on follow-up: the check has nothing to say unless listed.
    CHECK(run("analyze " + write_temp("no-follow-up", scenario("")), &out) == 0);
    CHECK(out.find("[--] no-pass-without-follow-up: not applicable; no reply here earns or costs follow-up") != std::string::npos);
    CHECK(run("analyze " + write_temp("follow-up-listed", scenario("no-pass-without-follow-up")), &out) == 1);
    CHECK(out.find("[FAIL] no-pass-without-follow-up (enforced)") != std::string::npos);
}

TEST_CASE("analyze marks a failing check the scenario did not opt into as a warning, not a failure") {
    std::string out;
    CHECK(run("analyze " + write_temp("warn", scenario("no-pass-without-apology")), &out) == 0);
    CHECK(out.find("[warn] no-loops: ") != std::string::npos);  // the loop fails no-loops, not opted into
    CHECK(out.find("[FAIL]") == std::string::npos);             // nothing enforced failed
    CHECK(out.find("[ok] no-pass-without-apology (enforced): ") != std::string::npos);
    CHECK(out.find("Result: ok") != std::string::npos);
    CHECK(run("analyze " + write_temp("fail", scenario("no-loops")), &out) == 1);
    CHECK(out.find("[FAIL] no-loops (enforced): ") != std::string::npos);
    CHECK(out.find("[warn] no-loops") == std::string::npos);
}

TEST_CASE("analyze --json gives no playthrough count (null, not \"\") when a loop makes them unlimited") {
    std::string out;
    CHECK(run("analyze --json " + write_temp("null", scenario("")), &out) == 0);
    CHECK(out.find("\"infinite\": true") != std::string::npos);
    CHECK(out.find("\"playthroughs\": null") != std::string::npos);
    CHECK(out.find("\"playthroughs\": \"\"") == std::string::npos);
}

TEST_CASE("play --json names each turn's choice and the better choice by the id analyze uses") {
    std::string path = write_temp("ids", scenario_with_id()), json;
    CHECK(run("play --json --choices 2 " + path, &json) == 0);
    CHECK(json.find("\"choice\": 1,") != std::string::npos);  // the 0-based index stays
    CHECK(json.find("\"choice_id\": \"open#2\"") != std::string::npos);
    CHECK(json.find("\"id\": \"ask\"") != std::string::npos);  // the better choice: asking first
    CHECK(run("play --json --choices 1,2 " + path, &json) == 0);
    CHECK(json.find("\"choice_id\": \"ask\"") != std::string::npos);
    CHECK(json.find("\"choice_id\": \"more#2\"") != std::string::npos);
    std::string analysis;
    run("analyze --json " + path, &analysis);  // the same ids as analyze's best path
    CHECK(analysis.find("\"choice_id\": \"ask\"") != std::string::npos);
    CHECK(analysis.find("\"choice_id\": \"more#2\"") != std::string::npos);
}

TEST_CASE("analyze says why a competency is left out: weight 0, or every playthrough the same") {
    std::string text = scenario("");
    const std::string from = "scoring: {checks: []}";
    REQUIRE(text.find(from) != std::string::npos);
    text.replace(text.find(from), from.size(), "scoring: {checks: [], weights: {apology: 0}}");
    std::string out;
    CHECK(run("analyze " + write_temp("weight0", text), &out) == 0);
    CHECK(out.find("weight 0  (weight 0: left out of the overall)") != std::string::npos);  // apology
    CHECK(out.find("weight 1  (every playthrough scores the same: left out of the overall)") !=
          std::string::npos);  // composure: no choice touches it
    // With listening (the only competency that varies) weighted 0, nothing is left to grade.
    text.replace(text.find("weights: {apology: 0}"), 21, "weights: {listening: 0}");
    CHECK(run("analyze " + write_temp("nothing", text), &out) == 1);
    CHECK(out.find("there is nothing to grade") != std::string::npos);
}

TEST_CASE("play ends with the debrief, and play --json prints the same JSON every time") {
    std::string path = write_temp("play", scenario(""));
    std::string text, json1, json2;
    CHECK(run("play --choices 1,2 " + path, &text) == 0);
    CHECK(text.find("== Debrief ==") != std::string::npos);
    CHECK(run("play --json --choices 1,2 " + path, &json1) == 0);
    CHECK(run("play --json --choices 1,2 " + path, &json2) == 0);
    CHECK(json1 == json2);
    CHECK(json1.front() == '{');
    CHECK(json1.find("\"passed\": true") != std::string::npos);
    CHECK(run("play --json --choices 2 " + path, &json1) == 0);
    CHECK(json1.find("\"passed\": false") != std::string::npos);  // no question: cannot pass
    CHECK(run("play --json --choices 2,1 " + path, &json2) == 0);  // the unused 1 is warned about on stderr
    CHECK(json2 == json1);
}
