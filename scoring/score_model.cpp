#include "score_model.h"

#include <algorithm>

#include "competency_range.h"

namespace ta::scoring {

ScoreModel::ScoreModel(const Scenario& scenario, const Rubric& rubric)
    : rules_(std::make_unique<RuleBook>(rubric)), graph_(std::make_unique<StateGraph>(scenario, *rules_)) {
    EffectiveScoring eff = effective_scoring(rubric, scenario);
    weights_ = eff.weights;
    pass_mark_ = eff.pass_mark;
    const StateGraph& g = *graph_;
    if (!g.ok()) return;
    members_ = std::make_unique<ComponentMembers>(g.components());
    const Components& comp = g.components();
    CompetencyRange range = competency_range(g, comp, *members_);
    best_ = range.best[comp.of[g.start()]];
    worst_ = range.worst[comp.of[g.start()]];
    competency_best_ = std::move(range.best);
    has_complete_path_ = best_[0] > -kInf;
    if (!has_complete_path_) {
        best_ = worst_ = {};
    }
    // The scale: 0 is what showing nothing of a competency earns, 100 the best this scenario
    // allows, and harm shows below 0. A competency that can only lose points here (composure
    // without a chance to shine) runs from its worst (0) to its best (100) instead. One in which
    // every playthrough scores the same is left out: it would say nothing about this trainee.
    for (int c = 0; c < kCompetencyCount; ++c) {
        exercised_[c] = has_complete_path_ && weights_[c] > 0 && best_[c] - worst_[c] > kScoreEps;
        if (!exercised_[c]) continue;
        weight_sum_ += weights_[c];
        zero_[c] = best_[c] > kScoreEps && !rubric.scale_from_worst[c] ? 0 : worst_[c];
        top_[c] = best_[c];
    }
    std::array<double, kCompetencyCount> factor{};
    // overall = sum_c w_c * 100 * (raw_c - zero_c) / (top_c - zero_c) / W: a constant plus a per-edge sum.
    for (int c = 0; c < kCompetencyCount; ++c)
        if (exercised_[c]) {
            factor[c] = weights_[c] * 100.0 / (top_[c] - zero_[c]) / weight_sum_;
            offset_ -= factor[c] * zero_[c];
        }
    edge_value_.resize(g.edge_count());
    for (std::size_t e = 0; e < g.edge_count(); ++e) {
        double v = 0;
        for (int c = 0; c < kCompetencyCount; ++c) v += factor[c] * g.edge(static_cast<int>(e)).points[c];
        edge_value_[e] = v;
    }
    auto value = [&](int e) { return edge_value_[e]; };
    best_go_ = to_go(g, comp, *members_, nullptr, value, true);
    worst_go_ = to_go(g, comp, *members_, nullptr, value, false);
    // Removing edges into endings never changes the components, so the full ones still apply.
    pass_allowed_.resize(g.edge_count());
    for (std::size_t e = 0; e < g.edge_count(); ++e) pass_allowed_[e] = g.edge(static_cast<int>(e)).pass_eligible;
    pass_go_ = to_go(g, comp, *members_, &pass_allowed_, value, true);
}

double ScoreModel::best_passing_overall() const {
    const StateGraph& g = *graph_;
    if (g.is_sink(g.start()) && !rules_->pass_eligible(0)) return -kInf;
    double v = pass_go_.value[g.start()];
    return v == -kInf ? v : offset_ + v;
}

std::string ScoreModel::error() const {
    if (!graph_->ok()) return graph_->error();
    if (!has_complete_path_) return "no ending can be reached from the start";
    return {};
}

CompetencyArray ScoreModel::scores_of(const CompetencyArray& raw) const {
    CompetencyArray out{};
    for (int c = 0; c < kCompetencyCount; ++c)
        if (exercised_[c]) out[c] = 100.0 * (raw[c] - zero_[c]) / (top_[c] - zero_[c]);
    return out;
}

double ScoreModel::overall_of(const CompetencyArray& raw) const {
    if (weight_sum_ <= 0) return 0;
    CompetencyArray s = scores_of(raw);
    double sum = 0;
    for (int c = 0; c < kCompetencyCount; ++c)
        if (exercised_[c]) sum += weights_[c] * s[c];
    return sum / weight_sum_;
}

}  // namespace ta::scoring
