// Grading one playthrough: every point with its reason, on the scale the scenario allows.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "analysis.h"
#include "debrief.h"
#include "rules.h"
#include "score_model.h"

namespace ta::scoring {

namespace {

void add(CompetencyArray& a, const CompetencyArray& b) {
    for (int i = 0; i < kCompetencyCount; ++i) a[i] += b[i];
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

}  // namespace

Debrief grade(const Scenario& scenario, const Session& session, const Rubric& rubric) {
    ScoreModel model(scenario, rubric);
    const RuleBook& rules = model.rules();
    const StateGraph& g = model.graph();

    Debrief d;
    d.scenario_id = scenario.id;
    d.scenario_version = scenario.version;
    d.completed = session.ended();
    if (const Ending* e = session.ending()) {
        d.ending_id = e->id;
        d.ending_type = e->type;
    }
    d.pass_mark = model.pass_mark();
    d.weights = model.weights();

    FactMask facts = 0;
    int state = model.ok() ? g.start() : -1;
    double value_so_far = model.offset();  // the overall score's constant plus the moves made so far
    std::array<bool, kCompetencyCount> shown{};  // some answer earned positive points in it
    const auto& turns = session.turns();
    for (std::size_t t = 0; t < turns.size(); ++t) {
        const Turn& turn = turns[t];
        const Node* node = scenario.find_node(turn.node_id);
        if (!node || (turn.choice_index == kTimeoutChoice && !node->on_timeout) ||
            (turn.choice_index != kTimeoutChoice &&
             (turn.choice_index < 0 || turn.choice_index >= static_cast<int>(node->choices.size()))))
            break;  // a turn that does not match the scenario: grade what came before it
        const Choice& c = session.choice_of(turn);
        TurnDebrief td;
        td.turn = static_cast<int>(t);
        td.node_id = turn.node_id;
        td.choice_index = turn.choice_index;
        td.choice_id = c.id;
        td.said = c.text;
        td.feedback = c.feedback;
        for (const auto& tag : c.tags)
            if (const TagDef* def = rubric.find_tag(tag)) td.tags.push_back({tag, def->label, def->points, def->explain});
        bool any_explicit = std::any_of(c.points.begin(), c.points.end(), [](double v) { return v != 0; });
        if (any_explicit)
            td.tags.push_back({"", "Scenario points", c.points, "The scenario's author gives extra points for this answer."});
        for (const auto& hit : td.tags)
            for (int i = 0; i < kCompetencyCount; ++i) shown[i] = shown[i] || hit.points[i] > 0;

        StepResult step = rules.step(rules.profile(c), facts);
        td.points = step.points;
        for (std::size_t i = 0; i < rules.turn_rules().size(); ++i)
            if (step.fired & (RuleMask{1} << i)) {
                const RuleDef& r = *rules.turn_rules()[i];
                td.rules.push_back({r.id, r.label, r.points, r.explain});
            }
        if (t + 1 == turns.size() && session.ended()) {
            EndResult end = rules.end(step.facts_after);
            add(td.points, end.points);
            for (std::size_t i = 0; i < rules.end_rules().size(); ++i)
                if (end.fired & (RuleMask{1} << i)) {
                    const RuleDef& r = *rules.end_rules()[i];
                    td.rules.push_back({r.id, r.label, r.points, r.explain});
                }
        }
        facts = step.facts_after;

        // Locate the move in the state graph: loop moves and better alternatives come from there.
        int taken = -1;
        if (state >= 0 && !g.is_sink(state))
            for (int e = g.out_begin(state); e < g.out_end(state); ++e)
                if (g.edge(e).move == turn.choice_index) taken = e;
        if (taken >= 0 && g.edge(taken).in_loop) {
            // A note with no points of its own, in place of the rules that fired: none of them
            // counts, and the cancelled amount shown as a rule's points read like a reward.
            const bool any_points = std::any_of(td.points.begin(), td.points.end(), [](double v) { return v != 0; });
            std::string counted = any_points ? points_text(td.points) : "";
            for (const auto& r : td.rules) counted += (counted.empty() ? "" : ", ") + r.label;
            td.rules.clear();
            td.rules.push_back({"loop", "Back where you were: not counted", CompetencyArray{},
                                "This answer led back to a situation you could return from, so " +
                                    (counted.empty() ? std::string("it is not counted")
                                                     : "its points (" + counted + ") are not counted") +
                                    "; only moving the conversation on counts."});
            td.points = {};
        }
        if (taken >= 0) {
            // What a move keeps within reach, counting the turns already played: the best overall,
            // and the best overall of a playthrough that can still pass.
            auto prospect = [&](int e) { return value_so_far + model.edge_value(e) + model.best_to_go(g.edge(e).to); };
            auto can_pass = [&](int e) {
                double rest = model.pass_allowed()[e] ? model.best_pass_to_go(g.edge(e).to) : -kInf;
                return rest > -kInf && value_so_far + model.edge_value(e) + rest + kScoreEps >= model.pass_mark();
            };
            // Keeping a pass possible comes first, then the overall; on a tie, a move that takes the
            // conversation on beats one that goes round a loop (which would not count).
            auto better = [&](int x, int y) {
                if (can_pass(x) != can_pass(y)) return can_pass(x);
                return prospect(x) > prospect(y) + kScoreEps;
            };
            int best = -1;
            for (int e = g.out_begin(state); e < g.out_end(state); ++e) {
                if (g.edge(e).move == kTimeoutChoice || !model.reaches_ending(g.edge(e).to)) continue;
                if (best < 0 || better(e, best) || (!better(best, e) && g.edge(best).in_loop && !g.edge(e).in_loop))
                    best = e;
            }
            if (best >= 0 && best != taken && better(best, taken)) {
                const Choice& alt = node->choices[g.edge(best).move];
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
                else
                    figures = "It kept an overall score of up to " + figure(up_to) + " within reach; " +
                              (mine > -kInf ? "your answer left at most " + figure(mine) + "."
                                            : std::string("after your answer no ending could be reached."));
                td.better_choice_why = (reason.empty() ? "" : reason + " ") + figures;
            }
            value_so_far += model.edge_value(taken);
            state = g.edge(taken).to;
        } else {
            state = -1;
        }
        td.explanation = td.feedback.empty() ? main_explanation(td) : td.feedback;
        add(d.raw, td.points);
        d.turns.push_back(std::move(td));
    }

    if (!model.ok()) {
        d.notes.push_back("This scenario cannot be scored: " + model.error() + ".");
        d.band = rubric.band_for(0);
        return d;
    }
    d.best = model.best();
    d.worst = model.worst();
    for (int c = 0; c < kCompetencyCount; ++c) d.exercised[c] = model.exercised(c);
    d.score = model.scores_of(d.raw);
    d.overall = model.overall_of(d.raw);
    d.passed = d.completed && model.passes(d.overall, facts);
    if (d.completed && !rules.pass_eligible(facts)) {
        std::string missing, ruled_out;
        for (std::size_t f = 0; f < rubric.facts.size() && f < 16; ++f) {
            if ((rules.pass_required() & (1u << f)) && !(facts & (1u << f)))
                missing += (missing.empty() ? "" : ", ") + rubric.facts[f].label;
            if ((rules.pass_forbidden() & (1u << f)) && (facts & (1u << f)))
                ruled_out += (ruled_out.empty() ? "" : ", ") + rubric.facts[f].label;
        }
        if (!missing.empty())
            d.notes.push_back("A pass needs every conversation to include: " + missing +
                              ". This one did not, so it cannot pass whatever the score.");
        if (!ruled_out.empty())
            d.notes.push_back("A pass is ruled out by " + ruled_out +
                              ", whatever the score: a customer remembers that longer than any fix.");
    }
    d.band = rubric.band_for(d.overall);

    // Scores run from the worst this conversation allowed, so a competency never shown can still
    // score well above 0; say so, lest a trainee read it as credit.
    static const char* const kNeverShown[kCompetencyCount] = {"asking a question or listening", "an apology",
                                                              "a remedy", "any follow-up", nullptr};
    for (int c = 0; c < kCompetencyCount; ++c)
        if (d.completed && d.exercised[c] && !shown[c] && kNeverShown[c] && d.score[c] >= 1)
            d.notes.push_back(std::string(competency_label(static_cast<Competency>(c))) + " scored " +
                              whole_score_text(d.score[c]) + "/100 without " + kNeverShown[c] +
                              ": the score says how much worse this conversation could have gone, not that you "
                              "did it.");

    std::vector<int> order;
    for (int c = 0; c < kCompetencyCount; ++c) {
        if (d.exercised[c]) order.push_back(c);
        else
            d.notes.push_back(std::string(competency_label(static_cast<Competency>(c))) +
                              (model.weights()[c] > 0 ? " is not exercised by this scenario (every path scores the same)"
                                                      : " has no weight in this scenario") +
                              ", so it is left out of the overall score.");
    }
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return d.score[a] < d.score[b]; });
    for (int c : order) {
        if (d.score[c] >= 100 - kScoreEps || d.practise_next.size() >= 3) break;
        d.practise_next.push_back(std::string(competency_label(static_cast<Competency>(c))) + " (" +
                                  whole_score_text(d.score[c]) + "/100): " + rubric.advice[c]);
    }
    if (!d.completed) d.notes.push_back("The conversation was not finished, so it cannot pass.");
    return d;
}

}  // namespace ta::scoring
