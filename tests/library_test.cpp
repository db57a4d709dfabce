// The bundled library, as a trainer would check it: every scenario loads clean with every one of
// its own expectations holding (lint's rules: the model path passes, each red line fails, each
// lost ending fails, each escalation and parting is graded as the scenario teaches), opts into the
// soundness checks that keep a grade honest, and lets no lost customer or red line pass.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "analysis.h"
#include "expectations.h"
#include "loader.h"
#include "score_model.h"

using namespace ta;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> library_files() {
    std::vector<std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(TURNAROUND_SCENARIOS_DIR))
        if (entry.is_regular_file() && entry.path().extension() == ".yaml") files.push_back(entry.path().string());
    std::sort(files.begin(), files.end());
    return files;
}

LoadResult load_library_file(const std::string& file) {
    LoadOptions options;
    options.known_tags = scoring::default_rubric().tag_names();
    return load_scenario_file(file, options);
}

bool crosses_red_line(const Choice& c) {
    if (!c.red_line.empty()) return true;
    return std::any_of(c.tags.begin(), c.tags.end(), [](const std::string& t) {
        const scoring::TagDef* def = scoring::default_rubric().find_tag(t);
        return def && def->red_line;
    });
}

}  // namespace

TEST_CASE("every bundled scenario lints clean, with every expectation holding and covered") {
    const auto files = library_files();
    CHECK(files.size() >= 14);
    for (const auto& file : files) {
        CAPTURE(file);
        LoadResult loaded = load_library_file(file);
        REQUIRE(loaded.scenario.has_value());
        auto diags = loaded.diagnostics;
        if (loaded.ok()) {
            auto more = scoring::expectation_diagnostics(*loaded.scenario, file);
            diags.insert(diags.end(), more.begin(), more.end());
        }
        for (const auto& d : diags) MESSAGE(format_diagnostic(d));
        CHECK(count_errors(diags) == 0);
        CHECK(count_warnings(diags) == 0);
        CHECK(fs::path(file).stem().string() == loaded.scenario->id);
        CHECK(loaded.scenario->expectations.size() >= 3);
    }
}

TEST_CASE("every bundled scenario opts into the checks that keep its grade honest, and they hold") {
    const std::vector<std::string> required = {"no-pass-without-apology", "no-pass-without-listening",
                                               "no-length-cue", "model-path-clean", "promise-kept-reachable"};
    for (const auto& file : library_files()) {
        CAPTURE(file);
        LoadResult loaded = load_library_file(file);
        REQUIRE(loaded.ok());
        const Scenario& s = *loaded.scenario;
        for (const auto& name : required) {
            CAPTURE(name);
            CHECK(std::find(s.scoring.checks.begin(), s.scoring.checks.end(), name) != s.scoring.checks.end());
        }
        scoring::Analysis a = scoring::analyze(s);
        REQUIRE(a.ok);
        CHECK_FALSE(a.enforced_failed());
        for (const auto& check : a.checks) {
            CAPTURE(check.name);
            CAPTURE(check.verdict);
            if (check.enforced) CHECK(check.ok);
        }
        // No lost customer, and no reply that crosses a red line, lies on a passing playthrough.
        for (const auto& e : a.endings)
            if (e.type == EndingType::Lost) CHECK_FALSE(e.passing_reaches);
        for (const auto& ch : a.choices) {
            const Node* node = s.find_node(ch.node_id);
            REQUIRE(node);
            if (crosses_red_line(node->choices[ch.choice_index])) {
                CAPTURE(ch.choice_id);
                CHECK_FALSE(ch.on_passing_path);
            }
        }
        // Some ending can pass, and analyze shows a playthrough for it.
        CHECK(std::any_of(a.endings.begin(), a.endings.end(),
                          [](const scoring::EndingReport& e) { return e.passing_reaches && e.example; }));
    }
}

TEST_CASE("escalation and parting are graded as the library teaches") {
    // A warm handover the customer asked for passes in the billing scenario; the parting scenario
    // teaches that an honest, unhurried parting can be the right call.
    for (const auto& [file, type] : {std::pair{"billing-error-manager.yaml", EndingType::Escalated},
                                     std::pair{"irreconcilable-client-parting.yaml", EndingType::Parted}}) {
        CAPTURE(file);
        LoadResult loaded = load_library_file(std::string(TURNAROUND_SCENARIOS_DIR) + "/" + file);
        REQUIRE(loaded.ok());
        bool passing = false;
        for (const auto& o : scoring::check_expectations(*loaded.scenario)) {
            CHECK(o.holds);
            passing = passing || (o.played && o.debrief.passed && o.debrief.ending_type == type);
        }
        CHECK(passing);
    }
}

TEST_CASE("a grade without the advice gives the same verdict, scores and reasons") {
    // lint's expectations and analyze's model path grade without the advice: what they report must
    // be what the trainee's debrief says. Each scenario is played three ways: first, last and model replies.
    int hints_left_out = 0;
    for (const auto& file : library_files()) {
        CAPTURE(file);
        LoadResult loaded = load_library_file(file);
        REQUIRE(loaded.ok());
        const Scenario& s = *loaded.scenario;
        const scoring::ScoreModel model(s, scoring::default_rubric());
        for (int way = 0; way < 3; ++way) {
            CAPTURE(way);
            Session session(s);
            for (int turn = 0; !session.ended() && turn < 200; ++turn) {
                const std::vector<int> offered = session.available_choices();
                if (offered.empty()) break;
                int pick = way == 0 ? offered.front() : offered.back();
                if (way == 2)
                    for (int i : offered)
                        if (session.current_node()->choices[i].model) {
                            pick = i;
                            break;
                        }
                session.choose(pick);
            }
            const scoring::Debrief full = scoring::grade(s, session, model);
            const scoring::Debrief plain = scoring::grade(s, session, model, scoring::GradeOptions{.advice = false});
            CHECK(plain.passed == full.passed);
            CHECK(plain.overall == full.overall);
            CHECK(plain.raw == full.raw);
            CHECK(plain.band == full.band);
            CHECK(plain.notes == full.notes);
            CHECK(plain.ending_id == full.ending_id);
            CHECK(plain.red_lines.size() == full.red_lines.size());
            CHECK(plain.practise_next.empty());
            REQUIRE(plain.turns.size() == full.turns.size());
            for (std::size_t t = 0; t < full.turns.size(); ++t) {
                CHECK(plain.turns[t].points == full.turns[t].points);
                CHECK(plain.turns[t].red_line == full.turns[t].red_line);
                CHECK(plain.turns[t].rules.size() == full.turns[t].rules.size());
                CHECK_FALSE(plain.turns[t].better_choice_index.has_value());
                hints_left_out += full.turns[t].better_choice_index.has_value();
            }
        }
    }
    CHECK(hints_left_out > 0);  // the playthroughs above do meet advice to leave out
}
