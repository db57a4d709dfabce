// Grading one playthrough: every point with its reason, on the scale the scenario allows.
//
// The playthrough is followed through the scenario's state graph, so every figure (points, detour
// credit, whether a pass is still possible, the better answer) is the one the analysis uses.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "analysis.h"
#include "debrief.h"
#include "rules.h"
#include "score_model.h"

namespace ta::scoring {

namespace {

// Differences in overall score this small are not worth a hint ("a point or two").
constexpr double kHintThreshold = 2.0 + kScoreEps;

void add(CompetencyArray& a, const CompetencyArray& b) {
    for (int i = 0; i < kCompetencyCount; ++i) a[i] += b[i];
}

bool any_points(const CompetencyArray& p) {
    return std::any_of(p.begin(), p.end(), [](double v) { return std::fabs(v) > 1e-9; });
}

// The explanation of the behaviour that moved the score most on this turn.
std::string main_explanation(const TurnDebrief& t) {
    double best = 0;
    std::string out;
    auto consider = [&](const CompetencyArray& p, const std::string& text) {
        double size = 0;
        for (double v : p) size += std::fabs(v);
        if (size > best && !text.empty()) {
            best = size;
            out = text;
        }
    };
    for (const auto& h : t.tags) consider(h.points, h.explanation);
    for (const auto& h : t.rules) consider(h.points, h.explanation);
    return out.empty() ? "Nothing on this turn changed the score." : out;
}

std::string choice_reason(const Choice& c, const Rubric& rubric) {
    if (!c.feedback.empty()) return c.feedback;
    for (const auto& tag : c.tags)
        if (const TagDef* def = rubric.find_tag(tag)) return def->explain;
    return {};
}

// The red lines a reply itself crosses: its own (the scenario's) and its red-line tags.
std::vector<RedLineHit> red_lines_of(const Choice& c, const Rubric& rubric, int turn) {
    std::vector<RedLineHit> out;
    if (!c.red_line.empty()) out.push_back({turn, c.text, "Critical reply", c.red_line});
    for (const auto& tag : c.tags)
        if (const TagDef* def = rubric.find_tag(tag); def && def->red_line)
            out.push_back({turn, c.text, def->label, def->explain});
    return out;
}

// A reply the debrief never recommends: it crosses a red line or carries a tag that costs points.
bool never_recommended(const Choice& c, const Rubric& rubric) {
    if (!c.red_line.empty()) return true;
    for (const auto& tag : c.tags)
        if (const TagDef* def = rubric.find_tag(tag))
            if (def->red_line || std::any_of(def->points.begin(), def->points.end(), [](double v) { return v < 0; }))
                return true;
    return false;
}

std::string ending_note(const Ending& e) {
    const std::string title = e.title.empty() ? e.id : e.title;
    switch (e.type) {
        case EndingType::Lost:
            return "The customer was lost (" + title + "): a conversation that loses the customer does not pass, "
                   "whatever the score.";
        case EndingType::Parted:
            return "The conversation ended in a parting of ways (" + title +
                   ") that this scenario does not count as the right call, so it cannot pass.";
        case EndingType::Escalated:
            return "The handover (" + title + ") left the customer without a proper hand-on, so it cannot pass.";
        case EndingType::Recovered:
            return "This scenario does not let the ending '" + title + "' pass.";
    }
    return {};
}

// Credit held on a detour (StateGraph): what the debrief says about it on each turn. `held_before`
// is what was held before this move (with this move's own credit when it is dropped).
RuleHit detour_note(const Edge& e, const CompetencyArray& held_here, const CompetencyArray& held_before) {
    switch (e.detour) {
        case Detour::Held:
            return {"detour-held", "Held until the conversation moves on", CompetencyArray{},
                    "This answer stays inside a loop of the conversation, so its credit" +
                        (any_points(held_here) ? " (" + points_text(held_here) + ")" : std::string()) +
                        " counts only once you move on without coming back here; what it cost counts now."};
        case Detour::Returned:
            return {"detour-returned", "Back where you were: not counted", CompetencyArray{},
                    "This answer led back to a point you had already reached, so the credit held since then" +
                        (any_points(held_before) ? " (" + points_text(held_before) + ")" : std::string()) +
                        " is not counted; going round in circles never pays, and what it cost still counts."};
        case Detour::Abandoned:
            return {"detour-abandoned", "Ended while going round: not counted", CompetencyArray{},
                    "This answer was taking the conversation round again when the customer's patience ran out, so "
                    "the credit held on the way" +
                        (any_points(held_before) ? " (" + points_text(held_before) + ")" : std::string()) +
                        " is not counted; what it cost still counts."};
        case Detour::Released:
            return {"detour-released", "Held credit counts now", held_before,
                    "You moved the conversation on, so the credit held from the earlier turns of the loop (" +
                        points_text(held_before) + ") counts now."};
        case Detour::None: break;
    }
    return {};
}

}  // namespace

Debrief grade(const Scenario& scenario, const Session& session, const Rubric& rubric) {
    const ScoreModel model(scenario, rubric);
    return grade(scenario, session, model);
}

Debrief grade(const Scenario& scenario, const Session& session, const ScoreModel& model, GradeOptions options) {
    const RuleBook& rules = model.rules();
    const Rubric& rubric = rules.rubric();
    const StateGraph& g = model.graph();

    Debrief d;
    d.scenario_id = scenario.id;
    d.scenario_version = scenario.version;
    d.completed = session.ended();
    if (const Ending* e = session.ending()) {
        d.ending_id = e->id;
        d.ending_type = e->type;
        d.ending_title = e->title;
        d.ending_passable = e->passable() && scenario.find_ending(e->id) != nullptr;
    }
    d.pass_mark = model.pass_mark();
    d.weights = model.weights();

    // Facts as the state graph keeps them: credit earned on a detour is held apart until the
    // conversation leaves the loop, and forgotten if it comes back.
    FactMask facts = 0, held_facts = 0;
    CompetencyArray held{};  // credit held on the current detour, for the debrief's wording
    int state = model.ok() ? g.start() : -1;
    bool last_move_can_pass = false;
    double value_so_far = model.offset();  // the overall score's constant plus the moves made so far
    std::array<double, kCompetencyCount> missed{};  // per competency: most given up on some turn
    const auto& turns = session.turns();
    for (std::size_t t = 0; t < turns.size(); ++t) {
        const Turn& turn = turns[t];
        // The node by its index when the session plays this very scenario (a long story's
        // expectation plays as many turns as it has nodes), else by its id.
        const bool same = &session.scenario() == &scenario && turn.node >= 0 &&
                          turn.node < static_cast<int>(scenario.nodes.size()) && scenario.nodes[turn.node].id == turn.node_id;
        const Node* node = same ? &scenario.nodes[turn.node] : scenario.find_node(turn.node_id);
        if (!node || (turn.choice_index == kTimeoutChoice && !node->on_timeout) ||
            (turn.choice_index != kTimeoutChoice &&
             (turn.choice_index < 0 || turn.choice_index >= static_cast<int>(node->choices.size()))))
            break;  // a turn that does not match the scenario: grade what came before it
        // The node found above when the session plays this very scenario, rather than looking it
        // up by id a second time (as choice_of does) on every turn.
        const Choice& c = &session.scenario() != &scenario ? session.choice_of(turn)
                          : turn.choice_index == kTimeoutChoice ? *node->on_timeout
                                                                : node->choices[turn.choice_index];
        TurnDebrief td;
        td.turn = static_cast<int>(t);
        td.node_id = turn.node_id;
        td.choice_index = turn.choice_index;
        td.choice_id = c.id;
        td.said = c.text;
        td.feedback = c.feedback;
        td.model = c.model;
        for (const auto& tag : c.tags)
            if (const TagDef* def = rubric.find_tag(tag)) td.tags.push_back({tag, def->label, def->points, def->explain});
        if (any_points(c.points))
            td.tags.push_back({"", "Scenario points", c.points, "The scenario's author gives extra points for this answer."});
        std::vector<RedLineHit> crossed = red_lines_of(c, rubric, static_cast<int>(t));

        const FactMask known = static_cast<FactMask>(facts | held_facts);
        StepResult step = rules.step(rules.profile(c), known);
        td.points = step.points;

        // Locate the move in the state graph: its points, detour and better alternatives come from there.
        int taken = -1;
        if (state >= 0 && !g.is_sink(state))
            for (int e = g.out_begin(state); e < g.out_end(state); ++e)
                if (g.edge(e).move == turn.choice_index) taken = e;
        const RuleMask fired = taken >= 0 ? g.edge(taken).fired : step.fired;
        for (std::size_t i = 0; i < rules.turn_rules().size(); ++i)
            if (fired & (RuleMask{1} << i)) {
                const RuleDef& r = *rules.turn_rules()[i];
                td.rules.push_back({r.id, r.label, r.points, r.explain});
                if (r.red_line) crossed.push_back({static_cast<int>(t), c.text, r.label, r.explain});
            }

        // Facts after the move, as the state graph keeps them.
        const FactMask fresh = static_cast<FactMask>(step.facts_after & ~known);
        const Detour detour = taken >= 0 ? g.edge(taken).detour : Detour::None;
        CompetencyArray held_here{}, held_before = held;  // held_before: what a return drops, this turn's included
        if (detour == Detour::Held || detour == Detour::Returned || detour == Detour::Abandoned) {
            facts |= static_cast<FactMask>(fresh & rules.harm_facts());
            for (int i = 0; i < kCompetencyCount; ++i) held_here[i] = std::max(0.0, step.points[i]);
            add(held_before, held_here);
            if (detour == Detour::Held) {
                held_facts |= static_cast<FactMask>(fresh & ~rules.harm_facts());
                add(held, held_here);
            } else {
                held_facts = 0;
                held = {};
            }
        } else {
            facts = static_cast<FactMask>(facts | held_facts | fresh);
            held_facts = 0;
            held = {};
        }

        const bool ends_here = t + 1 == turns.size() && session.ended();
        if (ends_here) {
            EndResult end = rules.end(facts);
            for (std::size_t i = 0; i < rules.end_rules().size(); ++i)
                if (end.fired & (RuleMask{1} << i)) {
                    const RuleDef& r = *rules.end_rules()[i];
                    td.rules.push_back({r.id, r.label, r.points, r.explain});
                    if (r.red_line) crossed.push_back({static_cast<int>(t), c.text, r.label, r.explain});
                }
        }
        if (taken >= 0) {
            const Edge& edge = g.edge(taken);
            td.points = edge.points;  // what counted on this turn, detours and loops included
            if (edge.detour != Detour::None) td.rules.push_back(detour_note(edge, held_here, held_before));
            if (edge.in_loop) {
                // A move round a cycle of situations the trainee can repeat: nothing counts.
                td.rules.push_back({"loop", "Round in a circle: not counted", CompetencyArray{},
                                    "This answer led back to a situation you could return from again and again, so "
                                    "nothing on it is counted; only moving the conversation on counts."});
            }
        }
        td.red_line = !crossed.empty();
        for (auto& hit : crossed) d.red_lines.push_back(std::move(hit));

        if (taken >= 0 && options.advice) {
            // What a move keeps within reach, counting the turns already played: the best overall,
            // and the best overall of a playthrough that can still pass.
            auto prospect = [&](int e) { return value_so_far + model.edge_value(e) + model.best_to_go(g.edge(e).to); };
            auto can_pass = [&](int e) {
                double rest = model.pass_allowed()[e] ? model.best_pass_to_go(g.edge(e).to) : -kInf;
                return rest > -kInf && value_so_far + model.edge_value(e) + rest + kScoreEps >= model.pass_mark();
            };
            auto choice_at = [&](int e) -> const Choice& { return node->choices[g.edge(e).move]; };
            // Keeping a pass possible comes first, then the author's model reply, then the overall;
            // on a tie, a move that takes the conversation on beats one that goes round a loop.
            auto better = [&](int x, int y) {
                if (can_pass(x) != can_pass(y)) return can_pass(x);
                if (choice_at(x).model != choice_at(y).model) return choice_at(x).model;
                if (prospect(x) > prospect(y) + kScoreEps) return true;
                return prospect(y) <= prospect(x) + kScoreEps && g.edge(y).in_loop && !g.edge(x).in_loop;
            };
            int best = -1;
            for (int e = g.out_begin(state); e < g.out_end(state); ++e) {
                if (g.edge(e).move == kTimeoutChoice || !model.reaches_ending(g.edge(e).to)) continue;
                if (never_recommended(choice_at(e), rubric)) continue;
                if (best < 0 || better(e, best)) best = e;
            }
            const bool own_is_model = turn.choice_index != kTimeoutChoice && c.model;
            const bool worth_saying =
                best >= 0 && best != taken && !own_is_model &&
                ((can_pass(best) && !can_pass(taken)) || prospect(best) > prospect(taken) + kHintThreshold ||
                 (choice_at(best).model && (td.red_line || never_recommended(c, rubric))));
            if (worth_saying) {
                const Choice& alt = choice_at(best);
                td.better_choice_index = g.edge(best).move;
                td.better_choice_id = alt.id;
                td.better_choice_text = alt.text;
                const double up_to = prospect(best), mine = prospect(taken);
                // Whole numbers, unless both round down to the same one.
                const bool tenths = mine > -kInf && whole_score(up_to) == whole_score(mine);
                auto figure = [&](double v) { return tenths ? format_tenths(v) : whole_score_text(v); };
                std::string reason = choice_reason(alt, rubric);
                std::string figures;
                if (can_pass(best) && !can_pass(taken))
                    figures = "It kept a pass within reach, with an overall score of up to " + figure(up_to) +
                              "; after your answer no playthrough could pass.";
                else if (up_to > mine + kHintThreshold)
                    figures = "It kept an overall score of up to " + figure(up_to) + " within reach; " +
                              (mine > -kInf ? "your answer left at most " + figure(mine) + "."
                                            : std::string("after your answer no ending could be reached."));
                else
                    figures = "It is the answer this scenario models here.";
                td.better_choice_why = (reason.empty() ? "" : reason + " ") + figures;
            }
            // What this turn gave up, per competency, for "practise next".
            for (int k = 0; k < kCompetencyCount; ++k) {
                double best_here = -kInf;
                for (int e = g.out_begin(state); e < g.out_end(state); ++e)
                    best_here = std::max(best_here, g.edge(e).points[k] + model.competency_to_go(k, g.edge(e).to));
                const double mine = g.edge(taken).points[k] + model.competency_to_go(k, g.edge(taken).to);
                if (best_here > -kInf && mine > -kInf) missed[k] = std::max(missed[k], best_here - mine);
            }
        }
        if (taken >= 0) {
            last_move_can_pass = g.edge(taken).pass_eligible;
            value_so_far += model.edge_value(taken);
            state = g.edge(taken).to;
        } else {
            state = -1;
            last_move_can_pass = false;
        }
        td.explanation = td.feedback.empty() ? main_explanation(td) : td.feedback;
        add(d.raw, td.points);
        d.turns.push_back(std::move(td));
    }

    if (!model.ok()) {
        d.notes.push_back("This scenario cannot be scored: " + model.error() + ".");
        d.band = rubric.band_for(0, false, d.pass_mark);
        return d;
    }
    d.best = model.best();
    d.worst = model.worst();
    for (int c = 0; c < kCompetencyCount; ++c) {
        d.exercised[c] = model.exercised(c);
        d.zero[c] = model.zero(c);
    }
    d.score = model.scores_of(d.raw);
    d.overall = model.overall_of(d.raw);
    const bool graded_to_the_end = d.completed && state >= 0 && g.is_sink(state);
    d.passed = graded_to_the_end && last_move_can_pass && d.overall + kScoreEps >= d.pass_mark;

    // Why a conversation cannot pass, red lines first and in the trainee's own words.
    for (const auto& hit : d.red_lines)
        d.notes.push_back("Red line at turn " + std::to_string(hit.turn + 1) + ", " + hit.label + ": you said \"" +
                          hit.said + "\" " + hit.reason +
                          " A conversation that crosses a red line does not pass, whatever the score.");
    if (d.completed) {
        if (const Ending* e = session.ending(); e && !d.ending_passable) d.notes.push_back(ending_note(*e));
        std::string missing;
        for (std::size_t f = 0; f < rubric.facts.size() && f < kMaxFacts; ++f)
            if ((rules.pass_required() & (1u << f)) && !(facts & (1u << f)))
                missing += (missing.empty() ? "" : ", ") + rubric.facts[f].label;
        if (!missing.empty())
            d.notes.push_back("A pass needs every conversation to include: " + missing +
                              ". This one did not, so it cannot pass whatever the score.");
        std::string ruled_out;
        for (std::size_t f = 0; f < rubric.facts.size() && f < kMaxFacts; ++f)
            if ((rules.pass_forbidden() & ~rules.red_line_fact() & (1u << f)) && (facts & (1u << f)))
                ruled_out += (ruled_out.empty() ? "" : ", ") + rubric.facts[f].label;
        if (!ruled_out.empty())
            d.notes.push_back("A pass is ruled out by " + ruled_out + ", whatever the score.");
        if (!d.passed && d.red_lines.empty() && d.ending_passable && missing.empty() && ruled_out.empty())
            d.notes.push_back("The overall score of " + whole_score_text(d.overall) + " is below the pass mark of " +
                              std::to_string(d.pass_mark) + ".");
    }
    // What a trainer would correct: every reply or rule that cost points. A top band that asks for
    // a clean conversation says why it was not given.
    std::vector<std::string> flaws;
    for (const auto& t : d.turns) {
        auto costs = [](const CompetencyArray& p) { return std::any_of(p.begin(), p.end(), [](double v) { return v < 0; }); };
        for (const auto& h : t.tags)
            if (costs(h.points) && std::find(flaws.begin(), flaws.end(), h.label) == flaws.end()) flaws.push_back(h.label);
        for (const auto& r : t.rules)
            if (costs(r.points) && std::find(flaws.begin(), flaws.end(), r.label) == flaws.end()) flaws.push_back(r.label);
    }
    d.band = rubric.band_for(d.overall, d.passed, d.pass_mark, flaws.empty());
    if (d.passed && !flaws.empty() && d.band != rubric.band_for(d.overall, d.passed, d.pass_mark, true)) {
        std::string list;
        for (std::size_t i = 0; i < flaws.size() && i < 4; ++i) list += (i ? ", " : "") + flaws[i];
        d.notes.push_back("The score reaches a higher band, but that band needs a conversation with nothing to correct; "
                          "this one had: " + list + ".");
    }

    std::vector<int> order;
    for (int c = 0; c < kCompetencyCount; ++c) {
        if (d.exercised[c]) order.push_back(c);
        else
            d.notes.push_back(std::string(competency_label(static_cast<Competency>(c))) +
                              (model.weights()[c] > 0 ? " is not exercised by this scenario (no answer gains or loses in it)"
                                                      : " has no weight in this scenario") +
                              ", so it is left out of the overall score.");
    }
    // Practise next: competencies in which some turn gave up points a different answer would have
    // kept, weakest first. One that this conversation never offered a chance at is not listed.
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return d.score[a] < d.score[b]; });
    for (int c : order) {
        if (d.practise_next.size() >= 3) break;
        if (d.score[c] >= 100 - kScoreEps || missed[c] <= kScoreEps) continue;
        d.practise_next.push_back(std::string(competency_label(static_cast<Competency>(c))) + " (" +
                                  whole_score_text(d.score[c]) + "/100): " + rubric.advice[c]);
    }
    if (!d.completed) d.notes.push_back("The conversation was not finished, so it cannot pass.");
    if (scenario.draft)  // first: it says how to read everything after it
        d.notes.insert(d.notes.begin(), "This scenario is a draft: the score is a preview for its author and is not kept in any "
                          "trainee's results.");
    return d;
}

}  // namespace ta::scoring
