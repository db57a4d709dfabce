// score_model.h: the scale a scenario is graded on, computed exactly from its state graph.
//
// For each competency: the best and worst raw points any complete playthrough can earn. A score
// is raw points as a share of the best (0 = nothing of the kind shown, 100 = the best this
// conversation allows, below 0 = harm done); a competency that can only lose points in this
// scenario runs from its worst (0) to no harm (100). The overall score is the weighted mean of the exercised competencies; since each score is
// linear in raw points, the overall is a constant plus a sum of per-move values, which makes
// "best overall still achievable from here" a plain longest-path value per state.
#pragma once

#include <array>
#include <memory>

#include "dp.h"
#include "rubric.h"
#include "rules.h"
#include "state_graph.h"

namespace ta::scoring {

class ScoreModel {
public:
    ScoreModel(const Scenario& scenario, const Rubric& rubric);

    bool ok() const { return graph_->ok() && has_complete_path_; }
    std::string error() const;
    const StateGraph& graph() const { return *graph_; }
    const RuleBook& rules() const { return *rules_; }
    const ComponentMembers& members() const { return *members_; }

    const CompetencyArray& best() const { return best_; }    // raw, per competency
    const CompetencyArray& worst() const { return worst_; }  // raw, per competency
    bool exercised(int c) const { return exercised_[c]; }    // can gain or lose points, and weight > 0
    // The raw points that score 0 and 100 in a competency.
    double zero(int c) const { return zero_[c]; }
    double top(int c) const { return top_[c]; }
    const CompetencyArray& weights() const { return weights_; }
    int pass_mark() const { return pass_mark_; }

    CompetencyArray scores_of(const CompetencyArray& raw) const;  // at most 100; below 0 for harm
    double overall_of(const CompetencyArray& raw) const;          // weighted mean of scores_of
    // What an edge adds to the overall score; the overall of a complete path is offset() plus the
    // sum of its edges' values.
    double edge_value(int e) const { return edge_value_[e]; }
    double offset() const { return offset_; }

    // Best / worst overall still reachable from a state (without offset); -inf/+inf when no ending is.
    double best_to_go(int s) const { return best_go_.value[s]; }
    double worst_to_go(int s) const { return worst_go_.value[s]; }
    const ToGo& best_go() const { return best_go_; }
    const ToGo& worst_go() const { return worst_go_; }
    // Per competency: best raw points still reachable from a state (-inf when no ending is).
    double competency_to_go(int c, int s) const { return competency_best_[graph_->scc(s)][c]; }
    bool reaches_ending(int s) const { return best_go_.value[s] > -kInf; }

    // Passing: a conversation passes when it ends with the facts the rubric requires and an
    // overall score of at least the pass mark. Edges that end without those facts are excluded.
    const std::vector<char>& pass_allowed() const { return pass_allowed_; }
    // Best overall still reachable from a state by a conversation that ends with the required facts.
    double best_pass_to_go(int s) const { return pass_go_.value[s]; }
    const ToGo& pass_go() const { return pass_go_; }
    // Best overall of any conversation ending with the required facts (-inf when none can).
    double best_passing_overall() const;
    bool passes(double overall, FactMask final_facts) const {
        return rules_->pass_eligible(final_facts) && overall + kScoreEps >= pass_mark_;
    }

private:
    std::unique_ptr<RuleBook> rules_;
    std::unique_ptr<StateGraph> graph_;
    std::unique_ptr<ComponentMembers> members_;
    bool has_complete_path_ = false;
    CompetencyArray best_{}, worst_{}, weights_{}, zero_{}, top_{};
    std::array<bool, kCompetencyCount> exercised_{};
    double weight_sum_ = 0;
    int pass_mark_ = 70;
    std::vector<double> edge_value_;
    double offset_ = 0;
    std::vector<CompetencyArray> competency_best_;  // per component of the graph
    ToGo best_go_, worst_go_, pass_go_;
    std::vector<char> pass_allowed_;
};

}  // namespace ta::scoring
