// state_graph.h: every situation a playthrough of a scenario can be in, and the moves between them.
//
// A state is what decides both what can happen next and how it is scored: the node, the flags
// that some choice requires, the mood (only when mood routes exist), the patience left (only when
// the customer has limited patience) and the rule facts. Endings are sink states. The graph is
// built once by exploring from the start, so its size is (reachable states) x (choices), never
// the number of paths. Cycles are allowed; strongly connected components are computed for them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "rules.h"
#include "scenario.h"

namespace ta::scoring {

// The 64-bit fields come first, so padding takes 4 bytes, not 12: a large story has millions of states.
struct StateKey {
    std::uint64_t flags = 0;
    // On a loop of the node graph (a detour the trainee may come back from): the loop's nodes
    // visited so far, and the credit held until the conversation leaves the loop (an index into
    // StateGraph's held-credit table; 0 = none).
    std::uint64_t visited = 0;
    int held = 0;
    int node = 0;  // node index; for sinks: -1 - sink index
    int mood = 0;
    int patience = 0;
    FactMask facts = 0;
    bool operator==(const StateKey&) const = default;
};

// How a move stands to a detour (a loop of the node graph, patience-bounded ones included).
enum class Detour : std::uint8_t {
    None,     // not on a loop
    Held,     // moves on inside a loop: its harm counts now, its credit is held
    Returned, // comes back to a node already visited: the credit held since is discarded
    Released, // leaves the loop: the credit held on the way counts now
    Abandoned // meant to go round the loop, but the customer's patience or mood ended it elsewhere:
              // the credit held, and this move's, is discarded
};

// The fields are ordered so that none needs padding: a large story has millions of moves.
struct Edge {
    CompetencyArray points{};     // what the move earns here (tags, explicit points, rules, end rules)
    int from = 0;
    int to = 0;
    int move = 0;                 // index into Node::choices, or kTimeoutChoice
    RuleMask fired = 0;           // turn rules (RuleBook::turn_rules)
    RuleMask end_fired = 0;       // end rules, when the move reaches an ending
    std::uint8_t positive = 0;    // competencies in which the choice itself carries positive points
    bool in_loop = false;         // from and to lie on a common cycle (set by StateGraph)
    bool pass_eligible = true;    // false for a move ending a conversation that cannot pass (facts, red line, ending)
    Detour detour = Detour::None;
};

struct Components {
    std::vector<int> of;      // component of each state
    std::vector<char> cycle;  // per component: has a cycle (two states, or a self-loop)
    int count = 0;
};

class StateGraph {
public:
    // Explores the scenario. Stops with an error (never hangs) past `max_states`.
    StateGraph(const Scenario& scenario, const RuleBook& rules, std::size_t max_states = 2'000'000);

    bool ok() const { return error_.empty(); }
    const std::string& error() const { return error_; }

    int start() const { return start_; }
    std::size_t state_count() const { return keys_.size(); }
    std::size_t edge_count() const { return edges_.size(); }
    const StateKey& key(int s) const { return keys_[s]; }
    bool is_sink(int s) const { return keys_[s].node < 0; }
    // Index into Scenario::endings for a sink; endings.size() for "the scenario sent the
    // conversation nowhere" (the runtime's invalid ending).
    int sink_ending(int s) const { return -1 - keys_[s].node; }
    const Edge& edge(int e) const { return edges_[e]; }
    // edge(e).to, from an array of targets alone: the passes over every move read far less memory.
    int edge_to(int e) const { return targets_[e]; }
    // edge(e).positive, likewise: the analysis reads it for every move once per competency.
    std::uint8_t edge_positive(int e) const { return positives_[e]; }
    int out_begin(int s) const { return out_begin_[s]; }
    int out_end(int s) const { return out_begin_[s + 1]; }

    // Strongly connected components, numbered so that a component's successors have smaller
    // numbers (component 0 is a sink). nontrivial = has a cycle (two states or a self-loop).
    // States are numbered in component order: a component's members have consecutive numbers.
    const Components& components() const { return comp_; }
    int scc(int s) const { return comp_.of[s]; }
    bool scc_nontrivial(int c) const { return comp_.cycle[c]; }

    const Scenario& scenario() const { return *scenario_; }
    const RuleBook& rules() const { return *rules_; }

    // The states in the order the exploration found them, breadth-first from the start (the
    // sinks first): found_order()[i] is the i-th found. A search for "the first state or move
    // that ..." goes in this order, so what it finds lies near the start. The states themselves
    // are numbered component by component (see renumber_by_component).
    const std::vector<int>& found_order() const { return found_order_; }
    // Where state s comes in found_order(): sweeps in number order use it to decide as that order would.
    int found_rank(int s) const { return found_rank_[s]; }

    // Nodes a trainee can reach twice (on a loop of the node graph, patience-bounded ones
    // included), in scenario order.
    const std::vector<int>& loop_nodes() const { return loop_nodes_; }

private:
    void compute_sccs();
    void renumber_by_component();

    const Scenario* scenario_;
    const RuleBook* rules_;
    std::string error_;
    int start_ = 0;
    std::vector<StateKey> keys_;
    std::vector<Edge> edges_;
    std::vector<int> targets_;             // per edge: its `to`
    std::vector<std::uint8_t> positives_;  // per edge: its `positive`
    std::vector<int> out_begin_;
    Components comp_;
    std::vector<int> found_order_, found_rank_;  // found_rank_ is found_order_'s inverse
    std::vector<int> loop_nodes_;
};

// Strongly connected components of the subgraph made of the edges `allowed_edges` accepts (one
// entry per edge; nullptr = all), by Tarjan's algorithm without recursion. Components are
// numbered so that a component's successors have smaller numbers (component 0 leads nowhere).
Components strong_components(const StateGraph& graph, const std::vector<char>* allowed_edges);

}  // namespace ta::scoring
