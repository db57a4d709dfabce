#include "rules.h"

namespace ta::scoring {

RuleBook::RuleBook(const Rubric& rubric) : rubric_(&rubric) {
    for (std::size_t f = 0; f < rubric.facts.size() && f < kMaxFacts; ++f)
        for (const auto& tag : rubric.facts[f].set_by) tag_effects_[tag].sets |= static_cast<FactMask>(1u << f);
    pass_required_ = facts_of(rubric.pass_requires);
    red_line_ = facts_of({kRedLineFact});
    pass_forbidden_ = static_cast<FactMask>(facts_of(rubric.pass_forbids) | red_line_);
    harm_ = red_line_;
    for (std::size_t f = 0; f < rubric.facts.size() && f < kMaxFacts; ++f)
        if (rubric.facts[f].harm) harm_ |= static_cast<FactMask>(1u << f);
    for (const auto& [key, tag] : rubric.tags) {
        tag_effects_[key].def = &tag;
        if (tag.red_line) tag_effects_[key].sets |= red_line_;
    }
    for (const auto& rule : rubric.rules) {
        Compiled c;
        c.if_mask = facts_of(rule.if_facts);
        c.unless_mask = facts_of(rule.unless_facts);
        c.after_mask = facts_of(rule.after_facts);
        c.first_mask = facts_of(rule.first_facts);
        c.sets_mask = facts_of(rule.sets_facts);
        if (rule.red_line) c.sets_mask |= red_line_;
        c.points = rule.points;
        if (rule.at_end) {
            if (end_rules_.size() >= 32) continue;
            if (rule.red_line) end_red_lines_ |= RuleMask{1} << end_rules_.size();
            end_rules_.push_back(&rule);
            end_compiled_.push_back(c);
        } else {
            if (turn_rules_.size() >= 32) continue;
            RuleMask bit = RuleMask{1} << turn_rules_.size();
            for (const auto& tag : rule.on) tag_effects_[tag].triggers |= bit;
            turn_rules_.push_back(&rule);
            turn_compiled_.push_back(c);
        }
    }
}

FactMask RuleBook::facts_of(const std::vector<std::string>& keys) const {
    FactMask m = 0;
    for (const auto& key : keys)
        for (std::size_t f = 0; f < rubric_->facts.size() && f < kMaxFacts; ++f)
            if (rubric_->facts[f].key == key) m |= static_cast<FactMask>(1u << f);
    return m;
}

MoveProfile RuleBook::profile(const Choice& choice) const {
    MoveProfile p;
    CompetencyArray deeds{};  // base points without promises: what the choice actually does
    for (const auto& tag : choice.tags) {
        const auto it = tag_effects_.find(tag);
        if (it == tag_effects_.end()) continue;
        const TagEffect& effect = it->second;
        if (const TagDef* def = effect.def)
            for (int i = 0; i < kCompetencyCount; ++i) {
                p.base[i] += def->points[i];
                if (!def->promise) deeds[i] += def->points[i];
            }
        p.sets |= effect.sets;
        p.triggers |= effect.triggers;
    }
    if (!choice.red_line.empty()) p.sets |= red_line_;  // the scenario's own critical reply
    for (int i = 0; i < kCompetencyCount; ++i) {
        p.base[i] += choice.points[i];
        deeds[i] += choice.points[i];
        if (deeds[i] > 0) p.positive |= static_cast<std::uint8_t>(1u << i);
    }
    return p;
}

bool RuleBook::holds(const Compiled& c, FactMask before, FactMask after) {
    return (after & c.if_mask) == c.if_mask && (after & c.unless_mask) == 0 &&
           (before & c.after_mask) == c.after_mask && (before & c.first_mask) == 0;
}

StepResult RuleBook::step(const MoveProfile& move, FactMask before) const {
    StepResult r;
    r.points = move.base;
    r.facts_after = static_cast<FactMask>(before | move.sets);
    FactMask set_by_rules = 0;  // added after every rule is judged, so their order never matters
    for (RuleMask m = move.triggers; m; m &= m - 1) {
        int i = __builtin_ctz(m);
        if (!holds(turn_compiled_[i], before, r.facts_after)) continue;
        r.fired |= RuleMask{1} << i;
        set_by_rules |= turn_compiled_[i].sets_mask;
        for (int k = 0; k < kCompetencyCount; ++k) r.points[k] += turn_compiled_[i].points[k];
    }
    r.facts_after |= set_by_rules;
    return r;
}

EndResult RuleBook::end(FactMask facts) const {
    EndResult r;
    for (std::size_t i = 0; i < end_compiled_.size(); ++i) {
        if (!holds(end_compiled_[i], facts, facts)) continue;
        r.fired |= RuleMask{1} << i;
        for (int k = 0; k < kCompetencyCount; ++k) r.points[k] += end_compiled_[i].points[k];
    }
    r.red_line = (r.fired & end_red_lines_) != 0;
    return r;
}

}  // namespace ta::scoring

namespace ta::scoring {

FactMask RuleBook::condition_facts(RuleMask turn_rules) const {
    FactMask m = 0;
    for (RuleMask r = turn_rules; r; r &= r - 1) {
        const Compiled& c = turn_compiled_[__builtin_ctz(r)];
        m |= c.if_mask | c.unless_mask | c.after_mask | c.first_mask;
    }
    return m;
}

FactMask RuleBook::end_rule_facts() const {
    FactMask m = 0;
    for (const Compiled& c : end_compiled_) m |= c.if_mask | c.unless_mask;
    return m;
}

}  // namespace ta::scoring
