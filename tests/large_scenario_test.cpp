// Large honest scenarios load; files whose '*' aliases expand without bound are refused quickly.
#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "analysis.h"
#include "expectations.h"
#include "generate.h"
#include "loader.h"
#include "rubric.h"

using namespace ta;

namespace {

// An honest story of `nodes` steps written out in full, block style, as an importer writes it:
// about 30 values a node, so 10,000 nodes are 300,000 values and about 2.4 MB.
std::string honest_story(int nodes) {
    std::string y = "format: 1\nid: long-story\ntitle: A long story\ncustomer:\n  name: Sam\n  mood: 40\nstart: s-0\nnodes:\n";
    for (int i = 0; i < nodes; ++i) {
        const std::string id = std::to_string(i);
        const std::string next = i + 1 == nodes ? "recovered" : "s-" + std::to_string(i + 1);
        y += "  - id: s-" + id + "\n    say:\n      - text: Step " + id + " of the story.\n        emotion: upset\n"
             "    choices:\n"
             "      - text: Go on calmly.\n        next: " + next + "\n        mood: 2\n        tags: [" +
             (i == 0 ? "apologise, ask_question" : "stay_calm") + "]\n        feedback: Steady.\n"
             "      - text: Wave it away.\n        next: lost\n        mood: -5\n        tags: [dismiss]\n"
             "        feedback: Dismissive.\n";
    }
    return y + "endings:\n  - id: recovered\n    type: recovered\n    title: Sorted\n"
               "  - id: lost\n    type: lost\n    title: Gone\n";
}

std::string first_problems(const LoadResult& r) {
    std::string out;
    for (std::size_t i = 0; i < r.diagnostics.size() && i < 5; ++i) out += format_diagnostic(r.diagnostics[i]) + "\n";
    return out;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

TEST_CASE("an honest 10,000-node scenario loads") {
    const std::string text = honest_story(10000);
    LoadResult r = load_scenario_text(text, "long.yaml");
    INFO(first_problems(r));
    REQUIRE(r.ok());
    CHECK(r.scenario->nodes.size() == 10000);
    CHECK(r.scenario->nodes.back().choices.size() == 2);
}

TEST_CASE("honest reuse through aliases is read") {
    // One shared farewell reply, named in every node: the aliases add a few values each.
    std::string y = "format: 1\nid: shared\ntitle: Shared\ncustomer: {name: Sam}\nstart: s-0\nnodes:\n";
    for (int i = 0; i < 2000; ++i) {
        const std::string next = i + 1 == 2000 ? "recovered" : "s-" + std::to_string(i + 1);
        y += "  - id: s-" + std::to_string(i) + "\n    choices:\n      - {text: Go on, next: " + next +
             ", tags: [" + (i == 0 ? "apologise, ask_question" : "stay_calm") + "], feedback: Steady.}\n";
        y += i == 0 ? "      - &leave {text: Leave it there, next: lost, tags: [dismiss], feedback: Dismissive.}\n"
                    : "      - *leave\n";
    }
    y += "endings: [{id: recovered, type: recovered, title: Sorted}, {id: lost, type: lost, title: Gone}]\n";
    LoadResult r = load_scenario_text(y, "shared.yaml");
    INFO(first_problems(r));
    REQUIRE(r.ok());
    CHECK(r.diagnostics.empty());
    CHECK(r.scenario->nodes[1999].choices[1].text == "Leave it there");
}

TEST_CASE("a billion-laughs file is refused quickly, at the alias, with the reason") {
    std::string bomb = "format: 1\nid: bomb\ntitle: Bomb\ncustomer: {name: A}\nstart: n\n";
    bomb += "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
    const std::string names = "abcdefghij";
    for (std::size_t k = 1; k < names.size(); ++k) {
        bomb += std::string(1, names[k]) + ": &" + names[k] + " [";
        for (int i = 0; i < 10; ++i) bomb += (i ? ", *" : "*") + std::string(1, names[k - 1]);
        bomb += "]\n";
    }
    bomb += "nodes: *j\nendings: *j\n";
    const auto t0 = std::chrono::steady_clock::now();
    LoadResult r = load_scenario_text(bomb, "bomb.yaml");
    CHECK(seconds_since(t0) < 1.0);
    REQUIRE(r.diagnostics.size() == 1);
    const Diagnostic& d = r.diagnostics[0];
    CHECK(d.code == "too-large");
    CHECK(d.line == 16);  // nodes: *j, the alias that names ten billion values
    CHECK(d.column == 8);
    CHECK(d.message ==
          "the '*' aliases in this file repeat other parts so often that reading it means going through "
          "34,567,901,257 values, though the file writes only 45; aliases may add at most 1,000,000 (so that a small "
          "file cannot exhaust the memory, as 'billion laughs' files do), so it was not read; write the repeated "
          "parts out, or use fewer aliases (this one, the largest, repeats 11,111,111,111 values)");
    CHECK_FALSE(r.scenario.has_value());
}

TEST_CASE("the size limit leaves room for the largest honest stories and says why") {
    LoadOptions o;
    CHECK(o.max_bytes == 64u * 1024 * 1024);
    o.max_bytes = 1024 * 1024;
    LoadResult r = load_scenario_text("title: " + std::string(2 * 1024 * 1024, 'x'), "huge.yaml", o);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].message ==
          "the file is 2.0 MB (2,097,159 bytes); scenarios are limited to 1.0 MB (1,048,576 bytes) so that a "
          "corrupted or runaway file cannot exhaust the memory (a 100,000-node story takes about 25 MB), so it was "
          "not read; check that this is the scenario you meant, or split the story into several scenarios");
}

TEST_CASE("the benchmark's layered story lints clean and analyses, loops, flags and mood routes included") {
    LoadOptions o;
    o.known_tags = scoring::default_rubric().tag_names();
    LoadResult r = load_scenario_text(bench::layered_story(300, 1), "layered.yaml", o);
    INFO(first_problems(r));
    REQUIRE(r.ok());
    CHECK(r.diagnostics.empty());
    CHECK(scoring::expectation_diagnostics(*r.scenario, "layered.yaml").empty());
    CHECK(r.scenario->nodes.size() == 300);
    const scoring::Analysis a = scoring::analyze(*r.scenario);
    REQUIRE(a.ok);
    CHECK_FALSE(a.enforced_failed());
    CHECK_FALSE(a.loop_nodes.empty());
    CHECK(a.states > 300);
}
