// Loader and validation: a good file loads with every field; each kind of problem is reported
// with its exact line and column; hostile input never crashes, hangs or throws.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "loader.h"
#include "session.h"
#include "text_suggest.h"

using namespace ta;

namespace {

const char* kGood = R"(format: 1
id: small-test
title: Small test
version: "2.1"
summary: A parcel that never came.
industry: Parcel delivery
difficulty: hard
minutes: 4
objectives: [Listen first, Offer a choice]
customer:
  name: Ana Lopez
  relationship: new
  mood: 40
  patience: 2
  walkout: gone
scoring:
  pass_mark: 60
  weights: {listening: 2, solution: 1.5}
  checks: [no-pass-without-apology]
start: hello
nodes:
  - id: hello
    note: The tracking page shows the parcel stuck at the depot.
    say:
      - text: Where is my parcel?
        emotion: angry
      - text: It was due on Monday.
    timer: 15
    on_timeout:
      next: details
      mood: -5
      tags: [hesitate]
      feedback: Silence costs trust.
    choices:
      - text: I'm sorry. When did you order it?
        next: details
        mood: +10
        tags: [apologise, ask_question]
        feedback: An apology and a question.
        sets: [asked]
      - id: brush
        text: Not my department.
        next: gone
        mood: -30
        tags: [brush_off]
        points: {composure: -2}
        feedback: A brush-off.
  - id: details
    mood_routes:
      - below: 10
        next: gone
    say:
      - text: Last week.
        emotion: upset
    choices:
      - text: So you ordered last week and it was due Monday?
        requires: [asked]
        requires_not: [refunded]
        next: fixed
        tags: [paraphrase]
        feedback: Saying it back proves you heard it.
      - text: I'll refund you now.
        next: fixed
        mood: 5
        tags: [fix_fast]
        sets: [refunded]
        clears: [asked]
        feedback: A quick fix.
endings:
  - id: fixed
    type: recovered
    title: Fixed
    epilogue: Ana gets her parcel.
  - id: gone
    type: lost
    title: Gone
)";

LoadOptions rubric_like_options() {
    LoadOptions o;
    o.known_tags = {"apologise", "ask_question", "brush_off", "paraphrase", "fix_fast", "hesitate", "offer_choice",
                    "dismiss"};
    return o;
}

// 1-based line and column of the nth occurrence of `needle` in `text`, found independently of
// the loader so that tests state where a problem really is.
std::pair<int, int> where(const std::string& text, const std::string& needle, int nth = 0) {
    size_t i = std::string::npos;
    for (int k = 0; k <= nth; ++k) {
        i = text.find(needle, i == std::string::npos ? 0 : i + 1);
        REQUIRE(i != std::string::npos);
    }
    const int line = static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(i), '\n')) + 1;
    const size_t line_start = text.rfind('\n', i == 0 ? 0 : i - 1);
    const int col = static_cast<int>(i - (line_start == std::string::npos || i == 0 ? 0 : line_start + 1)) + 1;
    return {line, col};
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const size_t i = text.find(from);
    REQUIRE(i != std::string::npos);
    return text.replace(i, from.size(), to);
}

const Diagnostic* find_code(const LoadResult& r, const std::string& code) {
    for (const auto& d : r.diagnostics)
        if (d.code == code) return &d;
    return nullptr;
}

// Loads `text`, expects a problem with `code` at the position of `needle`, returns it.
Diagnostic expect_at(const std::string& text, const std::string& code, const std::string& needle, int nth = 0,
                     const LoadOptions& options = rubric_like_options()) {
    LoadResult r = load_scenario_text(text, "t.yaml", options);
    const Diagnostic* d = find_code(r, code);
    INFO("expected code " << code);
    for (const auto& x : r.diagnostics) INFO(format_diagnostic(x));
    REQUIRE(d != nullptr);
    auto [line, col] = where(text, needle, nth);
    CHECK(d->line == line);
    CHECK(d->column == col);
    CHECK(d->file == "t.yaml");
    return *d;
}

std::string all_messages(const LoadResult& r) {
    std::string s;
    for (const auto& d : r.diagnostics) s += format_diagnostic(d) + "\n";
    return s;
}

}  // namespace

TEST_CASE("a good scenario loads with every field and no problems") {
    LoadResult r = load_scenario_text(kGood, "good.yaml", rubric_like_options());
    INFO(all_messages(r));
    REQUIRE(r.ok());
    CHECK(r.diagnostics.empty());
    const Scenario& s = *r.scenario;
    CHECK(s.format == 1);
    CHECK(s.id == "small-test");
    CHECK(s.title == "Small test");
    CHECK(s.version == "2.1");
    CHECK(s.industry == "Parcel delivery");
    CHECK(s.difficulty == Difficulty::Hard);
    CHECK(s.minutes == 4);
    CHECK(s.objectives == std::vector<std::string>{"Listen first", "Offer a choice"});
    CHECK(s.customer.name == "Ana Lopez");
    CHECK(s.customer.relationship == "new");
    CHECK(s.customer.mood == 40);
    CHECK(s.customer.patience == 2);
    CHECK(s.customer.walkout == "gone");
    REQUIRE(s.scoring.pass_mark.has_value());
    CHECK(*s.scoring.pass_mark == 60);
    CHECK(s.scoring.weights[static_cast<int>(Competency::Listening)] == 2.0);
    CHECK(s.scoring.weights[static_cast<int>(Competency::Solution)] == 1.5);
    CHECK_FALSE(s.scoring.weights[static_cast<int>(Competency::Apology)].has_value());  // keeps the rubric's
    CHECK(s.scoring.checks == std::vector<std::string>{"no-pass-without-apology"});
    CHECK(s.start == "hello");
    CHECK(s.source_path == "good.yaml");

    REQUIRE(s.nodes.size() == 2);
    const Node& hello = s.nodes[0];
    CHECK(hello.id == "hello");
    CHECK(hello.pos.line == where(kGood, "id: hello").first);
    CHECK(hello.pos.column == 5);
    CHECK(hello.note == "The tracking page shows the parcel stuck at the depot.");
    REQUIRE(hello.say.size() == 2);
    CHECK(hello.say[0].text == "Where is my parcel?");
    CHECK(hello.say[0].emotion == "angry");
    CHECK(hello.say[1].emotion == "neutral");  // the default
    CHECK(hello.timer_seconds == 15);
    REQUIRE(hello.on_timeout.has_value());
    CHECK(hello.on_timeout->id == "hello#timeout");
    CHECK(hello.on_timeout->next == "details");
    CHECK(hello.on_timeout->mood == -5);
    CHECK(hello.on_timeout->tags == std::vector<std::string>{"hesitate"});
    REQUIRE(hello.choices.size() == 2);
    const Choice& c1 = hello.choices[0];
    CHECK(c1.id == "hello#1");  // default id: node and 1-based index
    CHECK(c1.mood == 10);       // "+10" is a whole number
    CHECK(c1.tags == std::vector<std::string>{"apologise", "ask_question"});
    CHECK(c1.sets == std::vector<std::string>{"asked"});
    CHECK(c1.feedback == "An apology and a question.");
    CHECK_FALSE(c1.has_points);
    CHECK(c1.pos.line == where(kGood, "- text: I'm sorry").first);
    CHECK(c1.pos.column == where(kGood, "text: I'm sorry").second);
    const Choice& c2 = hello.choices[1];
    CHECK(c2.id == "brush");
    CHECK(c2.mood == -30);
    CHECK(c2.has_points);
    CHECK(c2.points[static_cast<int>(Competency::Composure)] == -2.0);

    const Node& details = s.nodes[1];
    REQUIRE(details.mood_routes.size() == 1);
    CHECK(details.mood_routes[0].below == 10);
    CHECK_FALSE(details.mood_routes[0].above.has_value());
    CHECK(details.mood_routes[0].next == "gone");
    CHECK(details.choices[0].requires_flags == std::vector<std::string>{"asked"});
    CHECK(details.choices[0].requires_not_flags == std::vector<std::string>{"refunded"});
    CHECK(details.choices[1].clears == std::vector<std::string>{"asked"});
    CHECK(details.choices[1].id == "details#2");

    REQUIRE(s.endings.size() == 2);
    CHECK(s.endings[0].type == EndingType::Recovered);
    CHECK(s.endings[0].epilogue == "Ana gets her parcel.");
    CHECK(s.endings[1].type == EndingType::Lost);
    // reindex() has run
    CHECK(s.find_node("details") == &s.nodes[1]);
    CHECK(s.find_ending("gone") == &s.endings[1]);
}

TEST_CASE("unknown keys are reported at the key with a suggestion") {
    const std::string text = replaced(kGood, "    note: The tracking", "    nott: The tracking");
    Diagnostic d = expect_at(text, "unknown-key", "nott:");
    CHECK(d.message == "unknown key 'nott' in node 'hello'; did you mean 'note'?");
    CHECK(d.severity == Diagnostic::Severity::Error);
    CHECK(format_diagnostic(d) == "t.yaml:" + std::to_string(d.line) + ":5: error: " + d.message);

    const std::string far = replaced(kGood, "industry:", "zzzzzzzz:");
    Diagnostic d2 = expect_at(far, "unknown-key", "zzzzzzzz");
    CHECK(d2.message.find("allowed keys are format, id, title") != std::string::npos);
}

TEST_CASE("wrongly typed fields are reported at the value, saying what is expected") {
    const std::string text = replaced(kGood, "  mood: 40", "  mood: abc");
    Diagnostic d = expect_at(text, "wrong-type", "abc");
    CHECK(d.message == "'mood' in 'customer' must be a whole number from 0 to 100, got 'abc'");

    expect_at(replaced(kGood, "minutes: 4", "minutes: 4.5"), "wrong-type", "4.5");
    expect_at(replaced(kGood, "tags: [hesitate]", "tags: hesitate"), "wrong-type", "hesitate\n");
    expect_at(replaced(kGood, "  name: Ana Lopez", "  name: [Ana, Lopez]"), "wrong-type", "[Ana");
    expect_at(replaced(kGood, "weights: {listening: 2,", "weights: {listening: lots,"), "wrong-type", "lots");
}

TEST_CASE("values out of range are reported with the allowed range") {
    Diagnostic d = expect_at(replaced(kGood, "mood: +10", "mood: +150"), "out-of-range", "+150");
    CHECK(d.message == "'mood' in choice 1 of node 'hello' is 150; it must be from -100 to 100");
    expect_at(replaced(kGood, "  patience: 2", "  patience: 21"), "out-of-range", "21");
    expect_at(replaced(kGood, "timer: 15", "timer: 601"), "out-of-range", "601");
    expect_at(replaced(kGood, "pass_mark: 60", "pass_mark: 101"), "out-of-range", "101");
    expect_at(replaced(kGood, "minutes: 4", "minutes: 0"), "out-of-range", "0\n");
    expect_at(replaced(kGood, "solution: 1.5", "solution: -1"), "out-of-range", "-1");
}

TEST_CASE("a next naming nothing is reported at the next value with a suggestion") {
    const std::string text = replaced(kGood, "next: fixed", "next: fixd");
    Diagnostic d = expect_at(text, "unknown-target", "fixd");
    CHECK(d.message ==
          "choice 1 of node 'details' names 'fixd', which is neither a node nor an ending; did you mean 'fixed'?");
    expect_at(replaced(kGood, "      next: details\n      mood: -5", "      next: detials\n      mood: -5"),
              "unknown-target", "detials");
    expect_at(replaced(kGood, "        next: gone\n    say", "        next: goon\n    say"), "unknown-target", "goon");
    Diagnostic w = expect_at(replaced(kGood, "walkout: gone", "walkout: nowhere-at-all"), "unknown-target", "nowhere");
    CHECK(w.message.find("correct the id or add that node or ending") != std::string::npos);
    expect_at(replaced(kGood, "start: hello", "start: hallo"), "unknown-target", "hallo");
}

TEST_CASE("duplicate ids are reported at the second one") {
    const std::string nodes = replaced(replaced(kGood, "  - id: details", "  - id: hello"), "next: details", "next: hello");
    Diagnostic d = expect_at(nodes, "duplicate-id", "hello\n    mood_routes");
    CHECK(d.message.find("already used at line " + std::to_string(where(nodes, "id: hello").first)) != std::string::npos);
    expect_at(replaced(kGood, "  - id: gone", "  - id: hello"), "duplicate-id", "hello\n    type: lost");
    expect_at(replaced(kGood, "      - id: brush", "      - id: hello#1"), "duplicate-id", "hello#1");
}

TEST_CASE("duplicate keys in one map are reported") {
    expect_at(replaced(kGood, "  mood: 40\n", "  mood: 40\n  mood: 50\n"), "duplicate-key", "mood: 50");
}

TEST_CASE("missing required fields are reported where the map starts") {
    Diagnostic d = expect_at(replaced(kGood, "title: Small test\n", ""), "missing-field", "format");
    CHECK(d.message == "the scenario has no 'title'; add a short title");
    expect_at(replaced(kGood, "        next: gone\n        mood: -30", "        mood: -30"), "missing-field", "id: brush");
    expect_at(replaced(kGood, "    type: lost\n", ""), "missing-field", "id: gone");
    // An empty value counts as missing and is reported at its key.
    expect_at(replaced(kGood, "  name: Ana Lopez", "  name:"), "missing-field", "name:");
}

TEST_CASE("unreachable nodes and nodes that cannot reach an ending are errors") {
    const std::string island = replaced(kGood, "endings:\n", R"(  - id: island
    choices:
      - text: A
        next: fixed
        feedback: F
      - text: B
        next: gone
        feedback: F
endings:
)");
    Diagnostic d = expect_at(island, "unreachable", "island");
    CHECK(d.message.find("can never be reached from the start node 'hello'") != std::string::npos);

    const std::string loop = replaced(replaced(replaced(kGood, "        next: fixed\n        tags: [paraphrase]",
                                                        "        next: details\n        tags: [paraphrase]"),
                                               "        next: fixed\n        mood: 5", "        next: details\n        mood: 5"),
                                      "        next: gone\n    say", "        next: details\n    say");
    // hello can still reach "gone"; details only loops to itself.
    Diagnostic dead = expect_at(loop, "dead-end", "details", 2);
    CHECK(dead.message.find("no ending can be reached from node 'details'") != std::string::npos);
}

TEST_CASE("loops through choices are legitimate and do not hang validation") {
    const std::string text = replaced(kGood, "        next: fixed\n        mood: 5", "        next: hello\n        mood: 5");
    LoadResult r = load_scenario_text(text, "t.yaml", rubric_like_options());
    INFO(all_messages(r));
    CHECK(r.ok());
}

TEST_CASE("mood routes that go round in a circle are errors") {
    const std::string text = replaced(replaced(kGood, "        next: gone\n    say", "        next: hello\n    say"),
                                      "  - id: hello\n", "  - id: hello\n    mood_routes:\n      - below: 20\n        next: details\n");
    Diagnostic d = expect_at(text, "route-loop", "details\n    note");
    CHECK(d.message.find("hello -> details -> hello") != std::string::npos);
    // A route chain that ends is fine.
    const std::string chain = replaced(kGood, "  - id: hello\n", "  - id: hello\n    mood_routes:\n      - above: 90\n        next: details\n");
    CHECK(load_scenario_text(chain, "t.yaml", rubric_like_options()).ok());
}

TEST_CASE("unknown tags are checked against the known tags only when given") {
    const std::string text = replaced(kGood, "[apologise, ask_question]", "[apologize, ask_question]");
    Diagnostic d = expect_at(text, "unknown-tag", "apologize");
    CHECK(d.message == "unknown tag 'apologize' in choice 1 of node 'hello'; did you mean 'apologise'?");
    CHECK(load_scenario_text(text, "t.yaml", LoadOptions{}).ok());
}

TEST_CASE("unknown emotions are errors with a suggestion") {
    Diagnostic d = expect_at(replaced(kGood, "emotion: angry", "emotion: angy"), "unknown-emotion", "angy");
    CHECK(d.message == "unknown emotion 'angy' in line 1 of node 'hello'; did you mean 'angry'?");
}

TEST_CASE("bad enumerations are errors with a suggestion") {
    Diagnostic d = expect_at(replaced(kGood, "type: lost", "type: lsot"), "bad-value", "lsot");
    CHECK(d.message.find("did you mean 'lost'?") != std::string::npos);
    expect_at(replaced(kGood, "difficulty: hard", "difficulty: brutal"), "bad-value", "brutal");
}

TEST_CASE("scoring weights: every weight 0 is an error, since nothing would be scored") {
    const std::string zero =
        replaced(kGood, "weights: {listening: 2, solution: 1.5}",
                 "weights: {listening: 0, apology: 0, solution: 0, follow_up: 0, composure: 0}");
    Diagnostic d = expect_at(zero, "out-of-range", "{listening: 0");
    CHECK(d.message.find("nothing would be scored") != std::string::npos);
    // Leaving some out keeps the rubric's weight for those, so zeros elsewhere are fine.
    LoadResult partial = load_scenario_text(replaced(kGood, "weights: {listening: 2, solution: 1.5}",
                                                     "weights: {listening: 0, apology: 0}"),
                                            "t.yaml", rubric_like_options());
    CHECK(partial.ok());
}

TEST_CASE("patience without a walkout, and timers without on_timeout, are errors") {
    Diagnostic d = expect_at(replaced(kGood, "  walkout: gone\n", ""), "missing-walkout", "2\nscoring");
    CHECK(d.message.find("add 'walkout: <ending id>'") != std::string::npos);
    const std::string no_timeout = replaced(kGood, R"(    on_timeout:
      next: details
      mood: -5
      tags: [hesitate]
      feedback: Silence costs trust.
)", "");
    expect_at(no_timeout, "timer-without-timeout", "15");
    expect_at(replaced(kGood, "    timer: 15\n", ""), "timeout-without-timer", "on_timeout");
    expect_at(replaced(kGood, "    timer: 15\n", "    timer: 0\n"), "timeout-without-timer", "on_timeout");
}

TEST_CASE("a mood route needs a condition") {
    Diagnostic d = expect_at(replaced(kGood, "      - below: 10\n        next: gone", "      - next: gone"), "missing-field",
                             "next: gone\n    say");
    CHECK(d.message.find("neither 'below' nor 'above'") != std::string::npos);
}

TEST_CASE("empty list items and empty values are reported, not skipped") {
    const std::string text = replaced(kGood, "endings:\n", "endings:\n  -\n");
    LoadResult r = load_scenario_text(text, "t.yaml", rubric_like_options());
    const Diagnostic* d = find_code(r, "wrong-type");
    REQUIRE(d != nullptr);
    CHECK(d->message == "ending 1 must be a map of fields (id, type, title, epilogue), got nothing");
    CHECK(d->line > 0);
}

TEST_CASE("warnings are kept apart from errors and do not make a file fail") {
    SUBCASE("a flag that is required but never set") {
        const std::string text = replaced(kGood, "requires: [asked]", "requires: [askd]");
        LoadResult r = load_scenario_text(text, "t.yaml", rubric_like_options());
        CHECK(r.ok());
        const Diagnostic* d = find_code(r, "flag-never-set");
        REQUIRE(d != nullptr);
        CHECK(d->severity == Diagnostic::Severity::Warning);
        CHECK(d->line == where(text, "askd").first);
        CHECK(d->column == where(text, "askd").second);
        CHECK(d->message.find("did you mean 'asked'?") != std::string::npos);
    }
    SUBCASE("a choice without feedback, a single choice, no recovered ending") {
        std::string text = replaced(kGood, "        feedback: A quick fix.\n", "");
        text = replaced(text, "    type: recovered", "    type: escalated");
        LoadResult r = load_scenario_text(text, "t.yaml", rubric_like_options());
        CHECK(r.ok());
        CHECK(count_errors(r.diagnostics) == 0);
        REQUIRE(find_code(r, "no-feedback"));
        CHECK(find_code(r, "no-feedback")->line == where(text, "- text: I'll refund").first);
        REQUIRE(find_code(r, "no-recovered-ending"));
        CHECK(find_code(r, "no-recovered-ending")->line == where(text, "endings:").first);
        const std::string single = replaced(kGood, R"(      - text: I'll refund you now.
        next: fixed
        mood: 5
        tags: [fix_fast]
        sets: [refunded]
        clears: [asked]
        feedback: A quick fix.
)", "");
        LoadResult s = load_scenario_text(single, "t.yaml", rubric_like_options());
        REQUIRE(find_code(s, "single-choice"));
        CHECK(find_code(s, "single-choice")->severity == Diagnostic::Severity::Warning);
        CHECK(find_code(s, "single-choice")->line == where(single, "id: details").first);
    }
}

TEST_CASE("in a draft, content still to write is to do; other warnings and errors stay") {
    std::string text = replaced(kGood, "        feedback: A quick fix.\n", "");
    text = replaced(text, "requires: [asked]", "requires: [askd]");
    text = replaced(text, "format: 1\n", "format: 1\ndraft: true\n");
    LoadResult r = load_scenario_text(text, "t.yaml", rubric_like_options());
    REQUIRE(r.ok());
    CHECK(r.scenario->draft);
    REQUIRE(find_code(r, "no-feedback"));
    CHECK(find_code(r, "no-feedback")->severity == Diagnostic::Severity::Todo);
    CHECK(format_diagnostic(*find_code(r, "no-feedback")).find(": to do: ") != std::string::npos);
    REQUIRE(find_code(r, "flag-never-set"));  // a likely mistake, not unwritten content
    CHECK(find_code(r, "flag-never-set")->severity == Diagnostic::Severity::Warning);
    CHECK(count_warnings(r.diagnostics) == 1);

    LoadResult bad = load_scenario_text(replaced(text, "draft: true", "draft: maybe"), "t.yaml", rubric_like_options());
    CHECK_FALSE(bad.ok());
    LoadResult broken = load_scenario_text(replaced(text, "start: ", "start: nowhere-"), "t.yaml", rubric_like_options());
    CHECK_FALSE(broken.ok());  // a draft's errors are errors
}

TEST_CASE("every problem of a file is reported in one pass, in file order") {
    std::string text = replaced(kGood, "  mood: 40", "  mood: abc");
    text = replaced(text, "    note: The tracking", "    nott: The tracking");
    text = replaced(text, "next: fixed", "next: fixd");
    text = replaced(text, "type: lost", "type: lsot");
    LoadResult r = load_scenario_text(text, "t.yaml", rubric_like_options());
    CHECK_FALSE(r.ok());
    CHECK(r.scenario.has_value());  // a front end may still show what it can
    CHECK(count_errors(r.diagnostics) == 4);
    for (size_t i = 1; i < r.diagnostics.size(); ++i) CHECK(r.diagnostics[i - 1].line <= r.diagnostics[i].line);
}

TEST_CASE("YAML syntax errors carry the parser's position") {
    const std::string text = replaced(kGood, "tags: [hesitate]", "tags: [hesitate");
    LoadResult r = load_scenario_text(text, "t.yaml");
    const Diagnostic* d = find_code(r, "yaml-syntax");
    REQUIRE(d != nullptr);
    CHECK(d->line >= where(text, "[hesitate").first);
    CHECK(d->line <= where(text, "[hesitate").first + 1);
    CHECK_FALSE(r.scenario.has_value());
}

TEST_CASE("a tab used for indentation is explained") {
    const std::string text = replaced(kGood, "    note: The tracking", "\tnote: The tracking");
    Diagnostic d = expect_at(text, "tab-indent", "\tnote");
    CHECK(d.message.find("replace it with spaces") != std::string::npos);
}

TEST_CASE("whole-file problems") {
    SUBCASE("empty") {
        LoadResult r = load_scenario_text("", "e.yaml");
        REQUIRE(r.diagnostics.size() == 1);
        CHECK(r.diagnostics[0].code == "empty");
        CHECK_FALSE(r.ok());
    }
    SUBCASE("a list at the top level") {
        LoadResult r = load_scenario_text("- a\n- b\n", "l.yaml");
        REQUIRE(find_code(r, "wrong-type"));
        CHECK(find_code(r, "wrong-type")->line == 1);
    }
    SUBCASE("larger than max_bytes is refused before parsing") {
        LoadOptions o;
        o.max_bytes = 100;
        LoadResult r = load_scenario_text(std::string(kGood), "big.yaml", o);
        REQUIRE(find_code(r, "too-large"));
        CHECK_FALSE(r.scenario.has_value());
        LoadResult huge = load_scenario_text("title: " + std::string(65 * 1024 * 1024, 'x'), "huge.yaml");
        CHECK(find_code(huge, "too-large"));
    }
    SUBCASE("NUL bytes") {
        std::string text = "format: 1\nid: x";
        text += '\0';
        LoadResult r = load_scenario_text(text, "nul.yaml");
        REQUIRE(find_code(r, "binary"));
        CHECK(find_code(r, "binary")->line == 2);
        CHECK(find_code(r, "binary")->column == 6);
    }
    SUBCASE("invalid UTF-8") {
        LoadResult r = load_scenario_text("title: caf\xe9\n", "latin1.yaml");
        REQUIRE(find_code(r, "encoding"));
        CHECK(find_code(r, "encoding")->column == 11);
    }
    SUBCASE("UTF-8 text and a byte order mark are fine") {
        LoadResult r = load_scenario_text("\xEF\xBB\xBF" + replaced(kGood, "Small test", "Caf\xC3\xA9 \xE2\x82\xAC"), "bom.yaml",
                                          rubric_like_options());
        INFO(all_messages(r));
        CHECK(r.ok());
        CHECK(r.scenario->title == "Caf\xC3\xA9 \xE2\x82\xAC");
    }
}

TEST_CASE("hostile nesting is refused before the parser recurses") {
    LoadResult flow = load_scenario_text(std::string(100000, '['), "deep.yaml");
    REQUIRE(find_code(flow, "too-deep"));
    CHECK(find_code(flow, "too-deep")->line == 1);
    std::string block;
    for (int i = 0; i < 200; ++i) block += std::string(static_cast<size_t>(i) * 2, ' ') + "- \n";
    CHECK(find_code(load_scenario_text(block, "deep.yaml"), "too-deep"));
    std::string maps;
    for (int i = 0; i < 200; ++i) maps += std::string(static_cast<size_t>(i), ' ') + "k" + std::to_string(i) + ":\n";
    CHECK(find_code(load_scenario_text(maps, "deep.yaml"), "too-deep"));
    CHECK(find_code(load_scenario_text("a: " + std::string(5000, '{'), "deep.yaml"), "too-deep"));
    // Brackets inside quotes, comments and literal blocks are text, not nesting.
    const std::string quoted = replaced(kGood, "title: Small test", "title: \"" + std::string(200, '[') + "\"  # " + std::string(100, '{'));
    CHECK(load_scenario_text(quoted, "t.yaml", rubric_like_options()).ok());
    const std::string literal = replaced(kGood, "summary: A parcel that never came.", "summary: |\n  " + std::string(100, '[') + "\n  - - - - text");
    CHECK(load_scenario_text(literal, "t.yaml", rubric_like_options()).ok());
}

TEST_CASE("alias bombs and self-referencing aliases stop with an error") {
    std::string bomb = "format: 1\nid: b\ntitle: B\ncustomer: {name: A}\nstart: n\n";
    bomb += "spare: &c {text: Hi, next: e, tags: [apologise], feedback: F}\n";
    bomb += "nodes:\n  - &n {id: n, choices: [";
    for (int i = 0; i < 1000; ++i) bomb += i ? ",*c" : "*c";
    bomb += "]}\n";
    for (int i = 0; i < 5000; ++i) bomb += "  - *n\n";
    bomb += "endings: [{id: e, type: recovered, title: T}]\n";
    LoadResult r = load_scenario_text(bomb, "bomb.yaml");
    REQUIRE(find_code(r, "too-large"));
    CHECK(r.diagnostics.size() <= 501);

    LoadResult self = load_scenario_text("format: 1\nnodes: &x [*x]\nendings: &y\n  - *y\n", "self.yaml");
    CHECK(count_errors(self.diagnostics) > 0);
}

TEST_CASE("files that cannot be read are reported as unreadable") {
    LoadResult r = load_scenario_file("/nonexistent/turnaround/missing.yaml");
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].code == "unreadable");
    CHECK(r.diagnostics[0].file == "/nonexistent/turnaround/missing.yaml");
    LoadResult dir = load_scenario_file(TURNAROUND_TEST_DATA);
    REQUIRE(dir.diagnostics.size() == 1);
    CHECK(dir.diagnostics[0].code == "unreadable");
}

TEST_CASE("did-you-mean suggestions") {
    CHECK(edit_distance("chioces", "choices") == 1);  // a swap is one slip
    CHECK(edit_distance("", "abc") == 3);
    CHECK(edit_distance("kitten", "sitting") == 3);
    CHECK(closest_match("chioces", {"choices", "note", "say"}) == "choices");
    CHECK(closest_match("Choices", {"choices", "note"}) == "choices");
    CHECK(closest_match("zzzzzz", {"choices", "note"}).empty());
    CHECK(did_you_mean("nott", {"note", "id"}) == "; did you mean 'note'?");
    CHECK(did_you_mean_or("qqqq", {"note"}, "use a known key") == "; use a known key");
}

// tests/corpus/broken/*.yaml: each file starts with "# expect: CODE" or "# expect: CODE@LINE:COL"
// (no header for an empty file). Loading must never throw, must give at least one error, and must
// report the expected problem where it is.
TEST_CASE("the corpus of broken files: every file fails cleanly with the expected problem") {
    namespace fs = std::filesystem;
    const fs::path dir = fs::path(TURNAROUND_TEST_DATA) / "corpus" / "broken";
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().extension() == ".yaml") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    REQUIRE(files.size() >= 25);

    LoadOptions options = rubric_like_options();
    for (const auto& f : files) {
        INFO(f.filename().string());
        std::ifstream in(f, std::ios::binary);
        std::string first;
        std::getline(in, first);
        std::string code;
        int line = -1, col = -1;
        if (first.rfind("# expect: ", 0) == 0) {
            std::string spec = first.substr(10);
            const size_t at = spec.find('@');
            code = spec.substr(0, at);
            if (at != std::string::npos) std::sscanf(spec.c_str() + at + 1, "%d:%d", &line, &col);
        }
        LoadResult r;
        CHECK_NOTHROW(r = load_scenario_file(f.string(), options));
        for (const auto& d : r.diagnostics) INFO(format_diagnostic(d));
        CHECK(count_errors(r.diagnostics) >= 1);
        CHECK_FALSE(r.ok());
        if (code.empty()) continue;
        bool found = false;
        for (const auto& d : r.diagnostics)
            if (d.code == code && (line < 0 || (d.line == line && d.column == col))) found = true;
        CHECK_MESSAGE(found, "expected " << first.substr(10));
        if (line > 0)  // problems with a place in the file say where
            for (const auto& d : r.diagnostics)
                if (d.code != "too-large" && d.code != "too-many-problems") CHECK(d.line > 0);
    }
}

TEST_CASE("the example scenarios load without errors or warnings") {
    namespace fs = std::filesystem;
    const fs::path dir = fs::path(TURNAROUND_SCENARIOS_DIR) / "examples";
    int count = 0;
    for (const auto& e : fs::directory_iterator(dir)) {
        if (e.path().extension() != ".yaml") continue;
        ++count;
        LoadResult r = load_scenario_file(e.path().string());
        INFO(all_messages(r));
        CHECK(r.ok());
        CHECK(r.diagnostics.empty());
    }
    CHECK(count >= 2);
}

// Deterministic mutations of a good file (fixed seed): whatever the damage, loading never throws,
// every problem has a code and a message, and a file without errors can be played.
TEST_CASE("damaged copies of a good file never throw and always explain themselves") {
    std::mt19937 rng(20261125);
    const std::string good = kGood;
    const std::string alphabet = " \n\t-:[]{}#&*!|>'\",0123456789abcxyz";
    int ok_count = 0, failed_count = 0;
    for (int round = 0; round < 1500; ++round) {
        std::string text = good;
        const int edits = 1 + static_cast<int>(rng() % 4);
        for (int e = 0; e < edits && !text.empty(); ++e) {
            const size_t at = rng() % text.size();
            switch (rng() % 4) {
                case 0: text.erase(at, 1 + rng() % 8); break;
                case 1: text.insert(at, 1, alphabet[rng() % alphabet.size()]); break;
                case 2: text[at] = alphabet[rng() % alphabet.size()]; break;
                default: {  // repeat a slice elsewhere (duplicate keys, ids, lines)
                    const size_t len = std::min<size_t>(1 + rng() % 40, text.size() - at);
                    const std::string slice = text.substr(at, len);
                    text.insert(rng() % text.size(), slice);
                }
            }
        }
        LoadResult r;
        REQUIRE_NOTHROW(r = load_scenario_text(text, "m.yaml", rubric_like_options()));
        for (const auto& d : r.diagnostics) {
            CHECK_FALSE(d.code.empty());
            CHECK_FALSE(d.message.empty());
            CHECK(d.line >= 0);
        }
        if (r.ok()) {
            ++ok_count;
            Session s(*r.scenario);
            for (int step = 0; step < 50 && !s.ended(); ++step) {
                auto avail = s.available_choices();
                if (avail.empty()) break;
                s.choose(avail.front());
            }
        } else {
            ++failed_count;
        }
    }
    CHECK(failed_count > 0);  // the damage really was damage
    CHECK(ok_count > 0);      // and small slips in free text stay harmless
}
