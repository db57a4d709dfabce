// turnaround-bench: how fast scenarios load, lint and analyse.
//
// Builds (1) one generated scenario with more than 10^12 distinct playthroughs and (2) a library
// of 1,000 generated scenarios of everyday size, as YAML text, then times loading them with
// load_scenario_text (which validates, i.e. lints), linting alone, and the exact analysis.
// Targets: the big scenario analysed in < 50 ms; the library loaded + linted + analysed in < 2 s
// on one core. Prints figures; it is a program, not a timed test.
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "analysis.h"
#include "loader.h"
#include "rubric.h"
#include "validate.h"

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

struct Rng {
    std::mt19937 gen;
    explicit Rng(unsigned seed) : gen(seed) {}
    int below(int n) { return static_cast<int>(gen() % static_cast<unsigned>(n)); }
    bool chance(int percent) { return below(100) < percent; }
};

// Sets of behaviour tags a generated choice may carry: good, mixed and poor answers.
const std::vector<std::string> kTagSets = {
    "[apologise, ask_question]", "[paraphrase]",           "[offer_choice, state_next_steps]",
    "[promise_follow_up]",       "[confirm_fix]",          "[stay_calm, acknowledge_feelings]",
    "[excuse]",                  "[get_defensive]",        "[impose_solution]",
    "[brush_off]",               "[escalate_senior]",      "[let_them_speak]",
    "[admit_mistake, fix_fast]", "[dismiss, interrupt]",   "[close_loop]",
    "[argue]",
};

std::string header(const std::string& id, int mood, int patience) {
    std::string y = "format: 1\nid: " + id + "\ntitle: Generated " + id + "\nversion: \"1\"\n" +
                    "summary: A generated conversation for timing the tools.\nindustry: Testing\n" +
                    "difficulty: medium\nminutes: 5\nobjectives:\n  - Keep the customer\n" +
                    "customer:\n  name: Alex Example\n  relationship: regular\n" +
                    "  persona: Direct and busy.\n  backstory: Something went wrong with an order.\n" +
                    "  mood: " + std::to_string(mood) + "\n";
    if (patience > 0) y += "  patience: " + std::to_string(patience) + "\n  walkout: walked-out\n";
    return y;
}

std::string endings_yaml() {
    return "endings:\n"
           "  - id: recovered\n    type: recovered\n    title: Recovered\n    epilogue: The customer stays.\n"
           "  - id: handed-on\n    type: escalated\n    title: Handed on\n    epilogue: A manager takes over.\n"
           "  - id: walked-out\n    type: lost\n    title: Walked out\n    epilogue: The customer leaves.\n";
}

std::string choice_yaml(const std::string& next, int mood, const std::string& tags, int n) {
    return "      - text: Answer number " + std::to_string(n) + "\n        next: " + next +
           "\n        mood: " + std::to_string(mood) + "\n        tags: " + tags +
           "\n        feedback: This answer shows how the tools cope with many branches.\n";
}

// A conversation of `layers` steps with three answers at each: 3^layers playthroughs. Two nodes
// per step, so the paths cross and rejoin like a real scenario's.
std::string big_scenario(int layers) {
    std::string y = header("big-generated", 40, 0) + "start: a-0\nnodes:\n";
    for (int i = 0; i < layers; ++i)
        for (char side : {'a', 'b'}) {
            if (i == 0 && side == 'b') continue;  // one opening node
            y += "  - id: " + std::string(1, side) + "-" + std::to_string(i) + "\n    say:\n      - text: Step " +
                 std::to_string(i) + "\n        emotion: upset\n    choices:\n";
            for (int k = 0; k < 3; ++k) {
                std::string next = i + 1 == layers ? (k == 2 ? "walked-out" : k == 1 ? "handed-on" : "recovered")
                                                   : std::string(k == 1 ? "b-" : "a-") + std::to_string(i + 1);
                y += choice_yaml(next, k == 2 ? -5 : 5, kTagSets[(i * 3 + k + (side == 'b')) % kTagSets.size()], k);
            }
        }
    return y + endings_yaml();
}

// An everyday scenario: 6-20 nodes, 2-4 answers each, with flags, timers, a mood route and
// limited patience in some.
std::string library_scenario(unsigned seed) {
    Rng r(seed);
    int n = 6 + r.below(15);
    int patience = r.chance(30) ? 3 : 0;
    std::string y = header("gen-" + std::to_string(seed), 20 + r.below(40), patience) + "start: n0\nnodes:\n";
    for (int i = 0; i < n; ++i) {
        std::string id = "n" + std::to_string(i);
        y += "  - id: " + id + "\n    say:\n      - text: Customer line " + std::to_string(i) +
             "\n        emotion: frustrated\n";
        auto later = [&](int k) {
            if (i + 1 >= n) return std::string(k % 3 == 0 ? "recovered" : k % 3 == 1 ? "handed-on" : "walked-out");
            return "n" + std::to_string(i + 1 + r.below(std::min(3, n - i - 1)));
        };
        if (i > 0 && r.chance(20)) y += "    mood_routes:\n      - below: 10\n        next: walked-out\n";
        if (r.chance(20))
            y += "    timer: 20\n    on_timeout:\n      text: (silence)\n      next: " + later(0) +
                 "\n      mood: -5\n      tags: [hesitate]\n      feedback: Silence reads as not caring.\n";
        y += "    choices:\n";
        int k = 2 + r.below(3);
        for (int c = 0; c < k; ++c) {
            std::string next = c == 0 && i + 1 < n ? "n" + std::to_string(i + 1) : later(c);
            y += choice_yaml(next, 5 * (r.below(7) - 3), kTagSets[r.below(static_cast<int>(kTagSets.size()))], c);
            if (c == 1 && i % 4 == 0) y += "        sets: [noted]\n";
            if (c == 2 && i % 4 == 2) y += "        requires: [noted]\n";
        }
    }
    return y + endings_yaml();
}

}  // namespace

int main() {
    ta::LoadOptions options;
    options.known_tags = ta::scoring::default_rubric().tag_names();
    const ta::scoring::Rubric& rubric = ta::scoring::default_rubric();
    int failures = 0;

    // 1. One scenario with more than 10^12 playthroughs.
    std::string big = big_scenario(26);
    auto t0 = Clock::now();
    ta::LoadResult loaded = ta::load_scenario_text(big, "big-generated.yaml", options);
    double load_ms = ms_since(t0);
    if (!loaded.ok()) {
        std::printf("big scenario did not load:\n");
        for (const auto& d : loaded.diagnostics) std::printf("  %s\n", ta::format_diagnostic(d).c_str());
        return 1;
    }
    t0 = Clock::now();
    std::vector<ta::Diagnostic> lint;
    ta::validate_scenario(*loaded.scenario, "big-generated.yaml", nullptr, lint);
    double lint_ms = ms_since(t0);
    t0 = Clock::now();
    ta::scoring::Analysis a = ta::scoring::analyze(*loaded.scenario, rubric);
    double analyse_ms = ms_since(t0);
    std::printf("Big scenario: %zu nodes, %s playthroughs (10^%.2f), %zu states, %zu moves\n",
                loaded.scenario->nodes.size(), a.playthroughs.to_string().c_str(), a.playthroughs.log10(), a.states,
                a.edges);
    std::printf("  load+lint %.2f ms, lint alone %.2f ms, analyse %.2f ms (target < 50 ms)%s\n", load_ms, lint_ms,
                analyse_ms, analyse_ms < 50 ? "" : "  ** over target **");
    if (a.playthroughs.log10() < 12) ++failures;

    // 2. A library of 1,000 everyday scenarios.
    std::vector<std::string> texts;
    for (unsigned i = 0; i < 1000; ++i) texts.push_back(library_scenario(i + 1));
    double total_load = 0, total_lint = 0, total_analyse = 0;
    std::size_t states = 0, invalid = 0, analysed = 0;
    for (std::size_t i = 0; i < texts.size(); ++i) {
        auto t1 = Clock::now();
        ta::LoadResult r = ta::load_scenario_text(texts[i], "gen-" + std::to_string(i + 1) + ".yaml", options);
        total_load += ms_since(t1);
        if (!r.ok()) {
            if (invalid++ == 0)
                for (const auto& d : r.diagnostics) std::printf("  %s\n", ta::format_diagnostic(d).c_str());
            continue;
        }
        t1 = Clock::now();
        std::vector<ta::Diagnostic> diags;
        ta::validate_scenario(*r.scenario, "gen.yaml", nullptr, diags);
        total_lint += ms_since(t1);
        t1 = Clock::now();
        ta::scoring::Analysis an = ta::scoring::analyze(*r.scenario, rubric);
        total_analyse += ms_since(t1);
        states += an.states;
        analysed += an.ok;
    }
    double total = total_load + total_analyse;
    std::printf("Library: 1000 scenarios (%zu failed to load, %zu analysed, %zu states in all)\n", invalid, analysed,
                states);
    std::printf("  load+lint %.1f ms, lint alone %.1f ms, analyse %.1f ms; load+lint+analyse %.1f ms (target < 2000 ms)%s\n",
                total_load, total_lint, total_analyse, total, total < 2000 ? "" : "  ** over target **");
    if (invalid > 0) ++failures;
    return failures ? 1 : 0;
}
