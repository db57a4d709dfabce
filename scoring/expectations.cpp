// A scenario's own tests: play each expectation with the runtime, grade it, compare.
#include "expectations.h"

#include <algorithm>
#include <optional>

#include "prefetch_ahead.h"
#include "score_model.h"
#include "session.h"

namespace ta::scoring {

namespace {

// `choices: model` on a loop of model replies must stop; a long story's honest model path may
// take a turn or two per node, so the bound grows with the story.
constexpr int kMinModelTurns = 500;

std::string offered_ids(const Session& s) {
    std::string out;
    const Node* node = s.current_node();
    for (int i : s.available_choices()) out += (out.empty() ? "" : ", ") + node->choices[i].id;
    if (node->on_timeout) out += (out.empty() ? "" : ", ") + node->on_timeout->id;
    return out;
}

// Plays one reply by id; false (with `problem`) when the current node does not offer it.
bool play_id(Session& s, const std::string& id, int turn, std::vector<int>& played, std::string& problem) {
    const Node* node = s.current_node();
    for (int i : s.available_choices())
        if (node->choices[i].id == id) {
            s.choose(i);
            played.push_back(i);
            return true;
        }
    if (node->on_timeout && node->on_timeout->id == id) {
        s.time_out();
        played.push_back(kTimeoutChoice);
        return true;
    }
    problem = "at turn " + std::to_string(turn) + " the conversation is at node '" + node->id +
              "', which offers no reply '" + id + "' (it offers: " + offered_ids(s) + ")";
    return false;
}

}  // namespace

bool play_model_replies(Session& s, std::vector<int>& played, std::string& problem) {
    const long max_turns = kMinModelTurns + 2 * static_cast<long>(s.scenario().nodes.size());
    for (long turn = 1; !s.ended(); ++turn) {
        if (turn > max_turns) {
            problem = "the model replies go round in a loop and never reach an ending";
            return false;
        }
        const Node* node = s.current_node();
        // The first offered model reply, found without making the list of offered replies (a
        // long story's model path takes as many turns as it has nodes).
        int pick = -1;
        for (int i = 0; i < static_cast<int>(node->choices.size()); ++i)
            if (node->choices[i].model && choice_available(node->choices[i], s.flags())) {
                pick = i;
                break;
            }
        if (pick < 0) {
            problem = "at turn " + std::to_string(turn) + " node '" + node->id +
                      "' offers no reply marked 'model: true'; mark the model answer there";
            return false;
        }
        s.choose(pick);
        played.push_back(pick);
    }
    return true;
}

namespace {

std::string first_reason(const Debrief& d) {
    return d.notes.empty() ? std::string() : " (" + d.notes.front() + ")";
}

}  // namespace

std::vector<ExpectationOutcome> check_expectations(const Scenario& scenario, const Rubric& rubric,
                                                   GradeOptions options) {
    std::vector<ExpectationOutcome> out;
    // One score model for all the expectations: built when the first is graded, since exploring
    // a large story's states costs more than playing all of them.
    std::optional<ScoreModel> model;
    for (const Expectation& x : scenario.expectations) {
        ExpectationOutcome o;
        o.expectation = &x;
        Session s(scenario);
        bool ok = true;
        if (x.follow_model) {
            ok = play_model_replies(s, o.choices, o.problem);
        } else {
            for (std::size_t k = 0; ok && k < x.choices.size(); ++k) {
                if (s.ended()) {
                    o.problem = "the conversation ended at '" + s.ending()->id + "' after " + std::to_string(k) +
                                " replies, but " + std::to_string(x.choices.size() - k) + " more are listed";
                    ok = false;
                    break;
                }
                ok = play_id(s, x.choices[k], static_cast<int>(k) + 1, o.choices, o.problem);
            }
            if (ok && !s.ended()) {
                o.problem = "the replies stop at node '" + s.current_node()->id +
                            "' before an ending; add the rest of the playthrough (it offers: " + offered_ids(s) + ")";
                ok = false;
            }
        }
        if (!ok) {
            out.push_back(std::move(o));
            continue;
        }
        o.played = true;
        if (!model) model.emplace(scenario, rubric);
        o.debrief = grade(scenario, s, *model, options);
        const Debrief& d = o.debrief;
        std::vector<std::string> wrong;
        if (x.passes && *x.passes && !d.passed)
            wrong.push_back("expected a pass, but it fails with " + whole_score_text(d.overall) + first_reason(d));
        if (x.passes && !*x.passes && d.passed)
            wrong.push_back("expected it to fail, but it passes with " + whole_score_text(d.overall));
        if (!x.ending.empty() && d.ending_id != x.ending)
            wrong.push_back("expected the ending '" + x.ending + "', but it ends at '" + d.ending_id + "'");
        const int score = whole_score(d.overall);
        if ((x.score_min && score < *x.score_min) || (x.score_max && score > *x.score_max)) {
            auto whole = [](double v) { return std::to_string(static_cast<int>(v)); };
            const std::string range = x.score_min && x.score_max ? "from " + whole(*x.score_min) + " to " + whole(*x.score_max)
                                      : x.score_min              ? "of at least " + whole(*x.score_min)
                                                                 : "of at most " + whole(*x.score_max);
            wrong.push_back("expected an overall score " + range + ", but it scores " + std::to_string(score));
        }
        o.holds = wrong.empty();
        for (const auto& w : wrong) o.problem += (o.problem.empty() ? "" : "; ") + w;
        out.push_back(std::move(o));
    }
    return out;
}

std::vector<Diagnostic> expectation_diagnostics(const Scenario& scenario, const std::string& file, const Rubric& rubric) {
    std::vector<Diagnostic> diags;
    auto report = [&](Diagnostic::Severity sev, SourcePos pos, const char* code, std::string message) {
        diags.push_back({sev, file, pos.line, pos.column, code, std::move(message)});
    };
    const auto outcomes = check_expectations(scenario, rubric, GradeOptions{.advice = false});  // verdicts only
    for (const auto& o : outcomes) {
        const Expectation& x = *o.expectation;
        const std::string name = x.name.empty() ? "an expectation" : "expectation '" + x.name + "'";
        if (!o.played)
            report(Diagnostic::Severity::Error, x.pos, "expectation-unplayable",
                   name + " cannot be played: " + o.problem + "; check the reply ids (analyze prints them)");
        else if (!o.holds)
            report(Diagnostic::Severity::Error, x.pos, "expectation-failed",
                   name + " does not hold: " + o.problem + ". The trainer's reason: " + x.why);
    }

    // What the expectations leave uncovered, as warnings (lint --strict fails on them).
    bool model_covered = false;
    std::vector<std::pair<int, int>> played_failing;  // (node, choice) played by an expectation that fails
    std::vector<std::string> endings_covered, endings_failing;
    for (const auto& o : outcomes) {
        if (!o.played) continue;
        const Expectation& x = *o.expectation;
        if (x.follow_model && x.passes && *x.passes) model_covered = true;
        endings_covered.push_back(o.debrief.ending_id);
        if (x.passes && !*x.passes) {
            endings_failing.push_back(o.debrief.ending_id);
            for (const auto& t : o.debrief.turns)
                played_failing.emplace_back(scenario.node_index(t.node_id), t.choice_index);
        }
    }
    const bool any_model = std::any_of(scenario.nodes.begin(), scenario.nodes.end(), [](const Node& n) {
        return std::any_of(n.choices.begin(), n.choices.end(), [](const Choice& c) { return c.model; });
    });
    const SourcePos top{1, 1};
    if (!any_model)
        report(Diagnostic::Severity::Warning, top, "no-model-replies",
               "no reply is marked 'model: true'; mark the model answer at each point so the debrief can recommend it "
               "and an expectation 'choices: model' can check that it passes");
    else if (!model_covered)
        report(Diagnostic::Severity::Warning, top, "expectation-missing",
               "no expectation checks the model path; add '- name: model path passes, choices: model, passes: true, "
               "why: ...' under 'expect:'");
    auto red_line = [&](const Choice& c) {
        if (!c.red_line.empty()) return true;
        return std::any_of(c.tags.begin(), c.tags.end(), [&](const std::string& t) {
            const TagDef* def = rubric.find_tag(t);
            return def && def->red_line;
        });
    };
    for (std::size_t n = 0; n < scenario.nodes.size(); ++n) {
        prefetch_replies_ahead(scenario.nodes, n, [](const Choice& c) { prefetch(c.tags.data()); });
        const Node& node = scenario.nodes[n];
        auto check = [&](const Choice& c, int index) {
            if (!red_line(c)) return;
            const bool covered = std::find(played_failing.begin(), played_failing.end(),
                                           std::make_pair(static_cast<int>(n), index)) != played_failing.end();
            if (!covered)
                report(Diagnostic::Severity::Warning, c.pos, "expectation-missing",
                       "reply '" + c.id + "' crosses a red line, but no expectation plays it and expects a fail; add one");
        };
        for (std::size_t i = 0; i < node.choices.size(); ++i) check(node.choices[i], static_cast<int>(i));
        if (node.on_timeout) check(*node.on_timeout, kTimeoutChoice);
    }
    for (const auto& e : scenario.endings) {
        const bool covered = std::find(endings_covered.begin(), endings_covered.end(), e.id) != endings_covered.end();
        const bool failing = std::find(endings_failing.begin(), endings_failing.end(), e.id) != endings_failing.end();
        if (e.type == EndingType::Lost && !failing)
            report(Diagnostic::Severity::Warning, e.pos, "expectation-missing",
                   "the lost ending '" + e.id + "' has no expectation that reaches it and expects a fail; add one");
        else if ((e.type == EndingType::Escalated || e.type == EndingType::Parted) && !covered)
            report(Diagnostic::Severity::Warning, e.pos, "expectation-missing",
                   "no expectation reaches the " + std::string(ending_type_key(e.type)) + " ending '" + e.id +
                       "'; add one that says whether it passes, as the scenario teaches");
    }
    if (scenario.draft) mark_unwritten_as_todo(diags);
    return diags;
}

}  // namespace ta::scoring
