#include "session.h"

#include <algorithm>
#include <utility>

#include "reply_order.h"

namespace ta {

namespace {
// Mood routes may chain (node A routes to B which routes to C). A validated scenario has no route
// cycle, but the runtime must not hang on an unvalidated one either.
constexpr int kMaxRouteHops = 64;

const Ending& invalid_scenario_ending() {
    static const Ending ending{"__invalid__", EndingType::Lost, "Scenario error",
                               "The scenario sent the conversation to a place that does not exist.", {}, {}};
    return ending;
}
}  // namespace

bool choice_available(const Choice& choice, const std::set<std::string>& flags) {
    for (const auto& f : choice.requires_flags)
        if (!flags.count(f)) return false;
    for (const auto& f : choice.requires_not_flags)
        if (flags.count(f)) return false;
    return true;
}

int apply_mood(int mood, int delta) { return std::clamp(mood + delta, 0, 100); }

const MoodRoute* matching_route(const Node& node, int mood) {
    for (const auto& route : node.mood_routes) {
        bool ok = (route.below || route.above);
        if (route.below && !(mood < *route.below)) ok = false;
        if (route.above && !(mood > *route.above)) ok = false;
        if (ok) return &route;
    }
    return nullptr;
}

Session::Session(const Scenario& scenario, std::optional<std::uint64_t> order_seed)
    : scenario_(&scenario), order_seed_(order_seed) {
    mood_ = std::clamp(scenario.customer.mood, 0, 100);
    patience_left_ = scenario.customer.patience;
    enter(scenario.target(scenario.start));
}

void Session::enter(Scenario::Target to) {
    for (int hop = 0; hop < kMaxRouteHops; ++hop) {
        if (to.ending >= 0) {
            node_ = nullptr;
            ending_ = &scenario_->endings[to.ending];
            transcript_.push_back({TranscriptEntry::Speaker::Narrator, ending_->title, "", ending_->id, -1});
            return;
        }
        if (to.node < 0) break;
        const Node* n = &scenario_->nodes[to.node];
        if (const MoodRoute* r = matching_route(*n, mood_)) {
            to = scenario_->target(r->next);
            continue;
        }
        node_ = n;
        for (const auto& line : n->say)
            transcript_.push_back({TranscriptEntry::Speaker::Customer, line.text, line.emotion, n->id, -1});
        return;
    }
    node_ = nullptr;
    ending_ = &invalid_scenario_ending();
}

std::vector<int> Session::available_choices() const {
    std::vector<int> out;
    if (!node_) return out;
    for (int i = 0; i < static_cast<int>(node_->choices.size()); ++i)
        if (choice_available(node_->choices[i], flags_)) out.push_back(i);
    return out;
}

std::vector<int> Session::presented_choices() const {
    std::vector<int> offered = available_choices();
    if (!order_seed_) return offered;
    return shuffled_replies(offered, *order_seed_, static_cast<int>(turns_.size()));
}

ChooseResult Session::choose(int choice_index) {
    if (ended()) return ChooseResult::Ended;
    if (choice_index < 0 || choice_index >= static_cast<int>(node_->choices.size()))
        return ChooseResult::NotAvailable;
    const Choice& c = node_->choices[choice_index];
    if (!choice_available(c, flags_)) return ChooseResult::NotAvailable;
    return apply(c, choice_index);
}

ChooseResult Session::time_out() {
    if (ended()) return ChooseResult::Ended;
    if (!node_->on_timeout) return ChooseResult::NoTimer;
    return apply(*node_->on_timeout, kTimeoutChoice);
}

ChooseResult Session::apply(const Choice& c, int choice_index) {
    Turn turn;
    turn.node_id = node_->id;
    turn.node = static_cast<int>(node_ - scenario_->nodes.data());
    turn.choice_index = choice_index;
    turn.mood_before = mood_;
    mood_ = apply_mood(mood_, c.mood);
    turn.mood_after = mood_;
    for (const auto& f : c.sets) flags_.insert(f);
    for (const auto& f : c.clears) flags_.erase(f);

    Scenario::Target target = choice_index == kTimeoutChoice ? scenario_->timeout_target(turn.node)
                                                              : scenario_->reply_target(turn.node, choice_index);
    if (scenario_->customer.patience > 0 && c.mood < 0 && patience_left_ > 0) {
        if (--patience_left_ == 0) {
            turn.patience_spent = true;
            target = scenario_->target(scenario_->customer.walkout);
        }
    }
    transcript_.push_back({TranscriptEntry::Speaker::Trainee, c.text, "", node_->id,
                           static_cast<int>(turns_.size())});
    turns_.push_back(std::move(turn));
    enter(target);
    return ChooseResult::Ok;
}

const Choice& Session::choice_of(const Turn& turn) const {
    const Node* n = scenario_->find_node(turn.node_id);
    if (turn.choice_index == kTimeoutChoice) return *n->on_timeout;
    return n->choices[turn.choice_index];
}

Session Session::replay(const Scenario& scenario, const std::vector<int>& choices, int* played,
                        std::optional<std::uint64_t> order_seed) {
    Session s(scenario, order_seed);
    int count = 0;
    for (int c : choices) {
        ChooseResult r = (c == kTimeoutChoice) ? s.time_out() : s.choose(c);
        if (r != ChooseResult::Ok) break;
        ++count;
    }
    if (played) *played = count;
    return s;
}

std::vector<int> Session::choice_path() const {
    std::vector<int> out;
    out.reserve(turns_.size());
    for (const auto& t : turns_) out.push_back(t.choice_index);
    return out;
}

}  // namespace ta
