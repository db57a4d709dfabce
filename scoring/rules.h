// rules.h: the rubric compiled for fast evaluation, and one step of scoring.
//
// The rule state of a conversation is a small mask of facts (apologised, listened, ...). A step
// takes the facts before a turn and the choice said, and gives the points (tags + explicit points +
// sequence rules), the rules that fired and the facts after. Analysis runs this on every edge of
// the state graph; grading runs it along one playthrough, so both always agree.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "rubric.h"

namespace ta::scoring {

using FactMask = std::uint32_t;
inline constexpr std::size_t kMaxFacts = 32;  // facts live in a FactMask
using RuleMask = std::uint32_t;

// What a choice contributes regardless of history.
struct MoveProfile {
    CompetencyArray base{};          // tag points + explicit points
    FactMask sets = 0;               // facts its tags set
    RuleMask triggers = 0;           // turn rules whose `on` tags it carries
    std::uint8_t positive = 0;       // bit i: base points in competency i, promises aside, are > 0
};

struct StepResult {
    CompetencyArray points{};
    FactMask facts_after = 0;
    RuleMask fired = 0;  // indices into RuleBook::turn_rules
};

struct EndResult {
    CompetencyArray points{};
    RuleMask fired = 0;  // indices into RuleBook::end_rules
    bool red_line = false;  // a red-line end rule fired
};

class RuleBook {
public:
    explicit RuleBook(const Rubric& rubric);

    const Rubric& rubric() const { return *rubric_; }
    MoveProfile profile(const Choice& choice) const;
    StepResult step(const MoveProfile& move, FactMask before) const;
    EndResult end(FactMask facts) const;
    // Facts a conversation must have set to pass (Rubric::pass_requires), and facts that rule a
    // pass out (Rubric::pass_forbids).
    FactMask pass_required() const { return pass_required_; }
    FactMask pass_forbidden() const { return pass_forbidden_; }
    FactMask red_line_fact() const { return red_line_; }
    // Facts kept even when a detour's credit is discarded (FactDef::harm, and the red line).
    FactMask harm_facts() const { return harm_; }
    bool pass_eligible(FactMask facts) const {
        return (facts & pass_required_) == pass_required_ && (facts & pass_forbidden_) == 0;
    }
    // Facts read by the given turn rules' conditions, and by any end rule.
    FactMask condition_facts(RuleMask turn_rules) const;
    FactMask end_rule_facts() const;

    const std::vector<const RuleDef*>& turn_rules() const { return turn_rules_; }
    const std::vector<const RuleDef*>& end_rules() const { return end_rules_; }

private:
    struct Compiled {
        FactMask if_mask = 0, unless_mask = 0, after_mask = 0, first_mask = 0, sets_mask = 0;
        CompetencyArray points{};
    };
    FactMask facts_of(const std::vector<std::string>& keys) const;
    static bool holds(const Compiled& c, FactMask before, FactMask after);

    const Rubric* rubric_;
    // What one tag does, found with one look-up: a large story has hundreds of thousands of tagged
    // replies, and profile() is run for each of them whenever a state graph is built.
    struct TagEffect {
        const TagDef* def = nullptr;  // the rubric's entry; nullptr for a tag it does not define
        FactMask sets = 0;            // facts the tag sets
        RuleMask triggers = 0;        // turn rules it is named in
    };
    std::unordered_map<std::string, TagEffect> tag_effects_;
    std::vector<const RuleDef*> turn_rules_, end_rules_;
    std::vector<Compiled> turn_compiled_, end_compiled_;
    FactMask pass_required_ = 0, pass_forbidden_ = 0, red_line_ = 0, harm_ = 0;
    RuleMask end_red_lines_ = 0;
};

}  // namespace ta::scoring
