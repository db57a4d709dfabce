// Findings drawn on the Author screen's map: each finding of `analyze` on the node or reply it is
// about, with the file line the trainer's editor opens, and a failing check's example playthrough.
// Made from a pharmacy scenario with a new trainer's mistakes planted (tests/data/author).
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "debrief.h"
#include "loader.h"
#include "map_findings.h"
#include "session.h"

using namespace ta;
using namespace ta::scoring;

namespace {

const std::string kPlanted = std::string(TURNAROUND_TEST_DATA) + "/data/author/planted-mistakes.yaml";

// The 1-based line of the file where `text` first appears.
int line_of(const std::string& path, const std::string& text) {
    std::ifstream in(path);
    std::string line;
    for (int n = 1; std::getline(in, line); ++n)
        if (line.find(text) != std::string::npos) return n;
    return -1;
}

const MapFinding* find(const MapFindings& m, const std::string& check, const std::string& node, std::optional<int> choice) {
    for (const auto& f : m.findings)
        if (f.check == check && f.node_id == node && f.choice_index == choice) return &f;
    return nullptr;
}

struct Planted {
    Scenario scenario;
    Analysis analysis;
    MapFindings map;
};

Planted planted() {
    LoadOptions o;
    o.known_tags = default_rubric().tag_names();
    LoadResult r = load_scenario_file(kPlanted, o);
    for (const auto& d : r.diagnostics) INFO(format_diagnostic(d));
    REQUIRE(r.ok());
    Planted p{*r.scenario, {}, {}};
    p.analysis = analyze(p.scenario);
    REQUIRE(p.analysis.ok);
    p.map = map_findings(p.analysis, p.scenario);
    return p;
}

}  // namespace

TEST_CASE("map findings: a reply whose flag is never set is marked on that reply, at its line") {
    Planted p = planted();
    // The scenario does not enforce no-dead-choices: a warning about reaching it, and nothing on
    // the wrong answers that no pass takes (they are meant to be wrong).
    const MapFinding* f = find(p.map, "reachable", "opening", 2);
    REQUIRE(f);
    CHECK(f->message == "never offered (its flags never hold here)");
    CHECK(f->severity == MapFinding::Severity::Warning);
    for (const auto& other : p.map.findings) CHECK(other.check != "no-dead-choices");
    CHECK(f->line == line_of(kPlanted, "As your usual pharmacist"));
    CHECK(source_line(p.scenario, "opening", 2) == f->line);
    CHECK(p.map.on_reply("opening", 2).size() == 1);
    CHECK(p.map.on_reply("opening", 1).empty());  // "Not my fault." is a wrong answer, not a mistake
}

TEST_CASE("map findings: with no-dead-choices enforced, replies no pass takes are errors on them") {
    Planted p = planted();
    p.scenario.scoring.checks.push_back("no-dead-choices");
    MapFindings m = map_findings(analyze(p.scenario), p.scenario);
    const MapFinding* never = find(m, "no-dead-choices", "opening", 2);
    REQUIRE(never);
    CHECK(never->severity == MapFinding::Severity::Error);
    const MapFinding* wrong = find(m, "no-dead-choices", "opening", 1);
    REQUIRE(wrong);
    CHECK(wrong->message == "on no passing playthrough");
    CHECK(wrong->line == line_of(kPlanted, "Not my fault."));
}

TEST_CASE("map findings: a loop marks the nodes a trainee can come back to") {
    Planted p = planted();
    const MapFinding* f = find(p.map, "no-loops", "opening", std::nullopt);
    REQUIRE(f);
    CHECK(f->message == "a trainee can come back here");
    CHECK(f->line == line_of(kPlanted, "- id: opening"));
    CHECK(source_line(p.scenario, "opening") == f->line);
}

TEST_CASE("map findings: a recovered ending no pass reaches is marked on the ending") {
    Planted p = planted();
    const MapFinding* f = find(p.map, "no-traps", "grudging", std::nullopt);
    REQUIRE(f);
    CHECK(f->message == "recovered, but no passing playthrough ends here");
    CHECK(f->line == line_of(kPlanted, "- id: grudging"));
    CHECK_FALSE(find(p.map, "no-traps", "saved", std::nullopt));  // a pass ends there
}

TEST_CASE("map findings: the model reply longest everywhere is marked at each decision") {
    Planted p = planted();
    for (const auto& [node, model] : std::vector<std::pair<std::string, int>>{{"opening", 0}, {"details", 0}, {"offer", 0}}) {
        INFO(node);
        const MapFinding* f = find(p.map, "no-length-cue", node, model);
        REQUIRE(f);
        CHECK(f->line == source_line(p.scenario, node, model));
    }
}

TEST_CASE("map findings: an enforced check that fails is an error, with its example playthrough") {
    Planted p = planted();
    const MapExample* ex = nullptr;
    for (const auto& e : p.map.examples)
        if (e.check == "no-pass-without-follow-up") ex = &e;
    REQUIRE(ex);
    CHECK(ex->enforced);
    REQUIRE_FALSE(ex->path.steps.empty());
    CHECK(ex->path.steps.front().node_id == "opening");
    CHECK(ex->path.ending_id == "saved");
    // The example really is a passing playthrough with no follow-up in it: played, it passes.
    Session s(p.scenario);
    for (const auto& step : ex->path.steps) {
        REQUIRE(s.current_node());
        CHECK(s.current_node()->id == step.node_id);
        REQUIRE(s.choose(step.choice_index) == ChooseResult::Ok);
    }
    REQUIRE(s.ended());
    const Debrief d = grade(p.scenario, s, default_rubric());
    CHECK(d.passed);
    for (const auto& t : d.turns) CHECK(t.points[static_cast<int>(Competency::FollowUp)] <= 0);
    // Nothing is drawn for checks that hold.
    for (const auto& e : p.map.examples) CHECK(e.check != "passable");
}

TEST_CASE("map findings: a node and an ending nothing leads to are marked where they are") {
    Planted p = planted();
    Node orphan;
    orphan.id = "orphan";
    orphan.pos = {90, 5};
    orphan.choices.push_back({});
    orphan.choices.back().id = "orphan#1";
    orphan.choices.back().text = "Goodbye.";
    orphan.choices.back().next = "saved";
    p.scenario.nodes.push_back(orphan);
    Ending never;
    never.id = "never";
    never.type = EndingType::Parted;
    never.pos = {95, 5};
    p.scenario.endings.push_back(never);
    p.scenario.reindex();
    MapFindings m = map_findings(analyze(p.scenario), p.scenario);
    const MapFinding* node = find(m, "reachable", "orphan", std::nullopt);
    REQUIRE(node);
    CHECK(node->message == "no playthrough gets here");
    CHECK(node->line == 90);
    const MapFinding* ending = find(m, "reachable", "never", std::nullopt);
    REQUIRE(ending);
    CHECK(ending->message == "no playthrough ends here");
    CHECK_FALSE(find(m, "reachable", "orphan", 0));  // said once, on the node
    // In file order: the planted replies' lines come before line 90.
    for (std::size_t i = 1; i < m.findings.size(); ++i) CHECK(m.findings[i - 1].line <= m.findings[i].line);
}
