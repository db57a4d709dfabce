#include "state_graph.h"

#include <algorithm>
#include <array>
#include <map>
#include <tuple>
#include <unordered_map>

#include "flat_index.h"
#include "huge_pages.h"
#include "prefetch_ahead.h"
#include "tarjan.h"
#include "mood_range.h"
#include "rows.h"
#include "session.h"

namespace ta::scoring {

namespace {

struct KeyHash {
    std::size_t operator()(const StateKey& k) const {
        std::uint64_t h = k.flags * 0x9E3779B97F4A7C15ull;
        h ^= (static_cast<std::uint64_t>(static_cast<std::uint32_t>(k.node)) << 24) ^
             (static_cast<std::uint64_t>(k.facts) << 8) ^ (static_cast<std::uint64_t>(k.mood) << 40) ^
             (static_cast<std::uint64_t>(k.patience) << 56);
        h ^= k.visited * 0xD6E8FEB86659FD93ull ^ (static_cast<std::uint64_t>(k.held) << 16);
        h ^= h >> 29;
        h *= 0xBF58476D1CE4E5B9ull;
        h ^= h >> 32;
        return static_cast<std::size_t>(h);
    }
};

// A choice prepared for fast transitions: flag masks and a resolved target.
struct Move {
    int index = 0;
    int mood = 0;  // the choice's mood change
    std::uint64_t requires_mask = 0, forbids_mask = 0, sets_mask = 0, clears_mask = 0;
    int target = 0;  // node index >= 0, or -1 - sink
    MoveProfile profile;
};

class Explorer {
public:
    Explorer(const Scenario& s, const RuleBook& rules) : s_(s), rules_(rules) {}

    bool prepare(std::string& error) {
        invalid_sink_ = static_cast<int>(s_.endings.size());
        // Only flags some choice requires (or forbids) can change what happens; others are ignored.
        for (std::size_t n = 0; n < s_.nodes.size(); ++n) {
            prefetch_replies_ahead(s_.nodes, n, [](const Choice& c) {
                prefetch(c.requires_flags.data());
                prefetch(c.requires_not_flags.data());
            });
            for (const auto& c : s_.nodes[n].choices) {
                for (const auto& f : c.requires_flags) intern(f);
                for (const auto& f : c.requires_not_flags) intern(f);
            }
            mood_matters_ = mood_matters_ || !s_.nodes[n].mood_routes.empty();
        }
        if (flag_bits_.size() > 64) {
            error = "the scenario uses more than 64 distinct required flags; it cannot be analysed";
            return false;
        }
        patience_matters_ = s_.customer.patience > 0;
        walkout_ = resolve(s_.customer.walkout);
        moves_.clear();
        timeouts_.clear();
        routes_.clear();
        hops_.clear();
        for (std::size_t n = 0; n < s_.nodes.size(); ++n) {
            const Node& node = s_.nodes[n];
            prefetch_replies_ahead(s_.nodes, n, [](const Choice& c) { prefetch_flags_and_tags(c); });
            const int at = static_cast<int>(n);
            for (int i = 0; i < static_cast<int>(node.choices.size()); ++i)
                moves_.add(make_move(node.choices[i], i, code_of(s_.reply_target(at, i))));
            moves_.end_row();
            if (node.on_timeout) timeouts_.add(make_move(*node.on_timeout, kTimeoutChoice, code_of(s_.timeout_target(at))));
            timeouts_.end_row();
            for (const auto& r : node.mood_routes) {
                routes_.add(resolve(r.next));
                if (const auto range = mood_range(r)) hops_.add({*range, resolve(r.next)});
            }
            routes_.end_row();
            hops_.end_row();
        }
        compute_components();
        compute_relevance();
        compute_loops();
        return true;
    }

    // The node graph (moves, time-outs, and the hops mood routes may make on entering a node) and
    // its strongly connected components by Kosaraju's algorithm without recursion, listed so
    // that a component comes before the ones it leads to.
    void compute_components() {
        const int n = static_cast<int>(s_.nodes.size());
        node_out_.clear();
        std::vector<int> in_degree(n, 0);
        for (int u = 0; u < n; ++u) {
            auto link = [&](int t) {
                if (t < 0) return;
                node_out_.add(t);
                ++in_degree[t];
            };
            for (const Move& m : moves_[u]) link(m.target);
            for (const Move& m : timeouts_[u]) link(m.target);
            for (int t : routes_[u]) link(t);
            node_out_.end_row();
        }
        // Predecessors, each node's in the order the loop above met them.
        std::vector<int> in_begin(n + 1, 0), in_nodes;
        for (int t = 0; t < n; ++t) in_begin[t + 1] = in_begin[t] + in_degree[t];
        in_nodes.resize(in_begin[n]);
        for (int u = 0; u < n; ++u)
            for (int t : node_out_[u]) in_nodes[in_begin[t + 1] - in_degree[t]--] = u;
        std::vector<int> order;
        std::vector<char> seen(n, 0);
        std::vector<std::pair<int, std::size_t>> stack;
        for (int root = 0; root < n; ++root) {
            if (seen[root]) continue;
            stack.assign(1, {root, 0});
            seen[root] = 1;
            while (!stack.empty()) {
                auto& [u, i] = stack.back();
                if (i < node_out_[u].size()) {
                    int t = node_out_[u][i++];
                    if (!seen[t]) {
                        seen[t] = 1;
                        stack.emplace_back(t, 0);
                    }
                    continue;
                }
                order.push_back(u);
                stack.pop_back();
            }
        }
        comp_of_.assign(n, -1);
        comp_members_.clear();
        std::vector<int> todo;
        for (auto it = order.rbegin(); it != order.rend(); ++it) {
            if (comp_of_[*it] >= 0) continue;
            const int id = static_cast<int>(comp_members_.size());
            todo.assign(1, *it);
            comp_of_[*it] = id;
            while (!todo.empty()) {
                int u = todo.back();
                todo.pop_back();
                comp_members_.add(u);
                for (int i = in_begin[u]; i < in_begin[u + 1]; ++i)
                    if (const int t = in_nodes[i]; comp_of_[t] < 0) {
                        comp_of_[t] = id;
                        todo.push_back(t);
                    }
            }
            comp_members_.end_row();
        }
    }

    // Loops of the node graph: a node on one can be reached twice (patience may bound how often,
    // but a detour is a detour). Each loop numbers its nodes for the `visited` mask; a loop of
    // more than 64 nodes is not tracked, and only state cycles keep it from being farmed.
    void compute_loops() {
        const int n = static_cast<int>(s_.nodes.size());
        loop_of_.assign(n, -1);
        loop_bit_.assign(n, -1);
        for (std::size_t c = 0; c < comp_members_.size(); ++c) {
            const auto members = comp_members_[c];
            const int u = members[0];
            bool cyclic = members.size() > 1 ||
                          std::find(node_out_[u].begin(), node_out_[u].end(), u) != node_out_[u].end();
            if (!cyclic) continue;
            std::vector<int> sorted(members.begin(), members.end());
            std::sort(sorted.begin(), sorted.end());
            for (std::size_t k = 0; k < sorted.size(); ++k) {
                loop_of_[sorted[k]] = comp_of_[u];
                if (sorted.size() <= 64) loop_bit_[sorted[k]] = static_cast<int>(k);
            }
        }
        held_.push_back({});  // index 0: nothing held
    }

    bool on_loop(int node) const { return node >= 0 && loop_of_[node] >= 0; }
    std::uint64_t bit_of(int node) const {
        return node >= 0 && loop_bit_[node] >= 0 ? 1ull << loop_bit_[node] : 0;
    }

    // What still matters at each node: mood only while a node with mood routes can come later;
    // a flag only while a choice that tests it can come later; a fact only while a rule reading
    // it can still fire (or a pass needs it). Dropping the rest from the state merges situations
    // that play and score alike, which keeps the graph small. One pass over the node graph's
    // components, the last first, so the work is linear in its size.
    void compute_relevance() {
        const std::size_t n = s_.nodes.size();
        std::vector<std::uint64_t> own_flags(n, 0);
        std::vector<FactMask> own_facts(n, 0);
        const FactMask always =
            static_cast<FactMask>(rules_.pass_required() | rules_.pass_forbidden() | rules_.end_rule_facts());
        for (std::size_t i = 0; i < n; ++i) {
            for (const Move& m : moves_[i]) {
                own_flags[i] |= m.requires_mask | m.forbids_mask;
                own_facts[i] |= rules_.condition_facts(m.profile.triggers);
            }
            for (const Move& m : timeouts_[i]) own_facts[i] |= rules_.condition_facts(m.profile.triggers);
        }
        mood_from_.assign(n, 0);
        flags_from_.assign(n, 0);
        facts_from_.assign(n, always);
        for (std::size_t c = comp_members_.size(); c-- > 0;) {
            // Everything reachable from one member is reachable from all: the component shares it.
            std::uint64_t flags = 0;
            FactMask facts = always;
            bool routes_later = false;
            for (int u : comp_members_[c]) {
                flags |= own_flags[u];
                facts |= own_facts[u];
                for (int t : node_out_[u]) {
                    routes_later = routes_later || !routes_[t].empty();
                    if (comp_of_[t] == comp_of_[u]) continue;
                    flags |= flags_from_[t];
                    facts |= facts_from_[t];
                    routes_later = routes_later || mood_from_[t];
                }
            }
            for (int u : comp_members_[c]) {
                flags_from_[u] = flags;
                facts_from_[u] = facts;
                mood_from_[u] = routes_later;
            }
        }
    }

    // Keeps only what matters from node `at` on.
    void trim(StateKey& k) const {
        if (k.node < 0) return;
        if (!mood_from_[k.node]) k.mood = 0;
        k.flags &= flags_from_[k.node];
        k.facts &= facts_from_[k.node];
        if (k.held) {
            const Held& h = held_[k.held];
            k.held = intern_held(h.credit, static_cast<FactMask>(h.facts & facts_from_[k.node]));
        }
    }

    int intern_held(const CompetencyArray& credit, FactMask facts) const {
        if (facts == 0 && std::all_of(credit.begin(), credit.end(), [](double v) { return v == 0; })) return 0;
        auto [it, fresh] = held_index_.emplace(std::make_tuple(credit, facts), static_cast<int>(held_.size()));
        if (fresh) held_.push_back({credit, facts});
        return it->second;
    }

    // Where entering `target` with `mood` lands: node index, or -1 - sink. Mirrors Session::enter.
    int enter(int target, int mood) const {
        for (int hop = 0; hop < 64; ++hop) {
            if (target < 0 || !mood_matters_) return target;
            const MoodHop* taken = nullptr;  // as matching_route: the first route taken at this mood
            for (const MoodHop& hop : hops_[target])
                if (hop.range.contains(mood)) {
                    taken = &hop;
                    break;
                }
            if (!taken) return target;
            target = taken->target;
        }
        return -1 - invalid_sink_;
    }

    int resolve(const std::string& id) const { return code_of(s_.target(id)); }
    int code_of(Scenario::Target t) const {
        return t.ending >= 0 ? -1 - t.ending : t.node >= 0 ? t.node : -1 - invalid_sink_;
    }

    StateKey sink_key(int code) const {
        StateKey k;
        k.node = code;
        return k;
    }

    StateKey start_key() const {
        int mood = std::clamp(s_.customer.mood, 0, 100);
        int at = enter(resolve(s_.start), mood);
        if (at < 0) return sink_key(at);
        StateKey k;
        k.node = at;
        k.mood = mood_matters_ ? mood : 0;
        k.patience = patience_matters_ ? s_.customer.patience : 0;
        k.visited = bit_of(at);
        trim(k);
        return k;
    }

    template <class Emit>
    void expand(const StateKey& k, Emit emit) const {
        for (const Move& m : moves_[k.node])
            if ((k.flags & m.requires_mask) == m.requires_mask && (k.flags & m.forbids_mask) == 0) emit(transition(k, m));
        for (const Move& m : timeouts_[k.node]) emit(transition(k, m));  // the runtime offers it unconditionally
    }

    std::size_t sink_count() const { return s_.endings.size() + 1; }

    struct Next {
        StateKey key;
        Edge edge;
    };

private:
    struct Held {
        CompetencyArray credit{};
        FactMask facts = 0;
    };

    void intern(const std::string& flag) {
        if (!flag_bits_.count(flag)) flag_bits_.emplace(flag, static_cast<int>(flag_bits_.size()));
    }

    std::uint64_t mask_of(const std::vector<std::string>& flags) const {
        std::uint64_t m = 0;
        for (const auto& f : flags)
            if (auto it = flag_bits_.find(f); it != flag_bits_.end() && it->second < 64) m |= 1ull << it->second;
        return m;
    }

    Move make_move(const Choice& c, int index, int target) const {
        Move m;
        m.index = index;
        m.mood = c.mood;
        m.requires_mask = mask_of(c.requires_flags);
        m.forbids_mask = mask_of(c.requires_not_flags);
        m.sets_mask = mask_of(c.sets);
        m.clears_mask = mask_of(c.clears);
        m.target = target;
        m.profile = rules_.profile(c);
        return m;
    }

    // Mirrors Session::apply, and scores the move. On a loop of the node graph a move's harm
    // counts at once but its credit is held: released when the conversation leaves the loop,
    // discarded when it comes back to a node already visited. So going round a detour never pays.
    Next transition(const StateKey& k, const Move& m) const {
        Next n;
        int mood = apply_mood(k.mood, m.mood);
        std::uint64_t flags = (k.flags | m.sets_mask) & ~m.clears_mask;
        int patience = k.patience;
        int target = m.target;
        if (patience_matters_ && m.mood < 0 && patience > 0) {
            if (--patience == 0) target = walkout_;
        }
        const Held& held = held_[k.held];
        const FactMask known = static_cast<FactMask>(k.facts | held.facts);
        StepResult step = rules_.step(m.profile, known);
        int at = enter(target, mood);
        n.edge.move = m.index;
        n.edge.fired = step.fired;
        n.edge.positive = m.profile.positive;
        n.edge.points = step.points;
        FactMask facts = step.facts_after;  // what the conversation remembers after this move
        std::uint64_t visited = 0;
        int held_next = 0;
        // A detour move: one meant to stay on the loop (its own target is on it).
        const bool meant_inside = on_loop(k.node) && m.target >= 0 && loop_of_[m.target] == loop_of_[k.node] &&
                                  bit_of(m.target);
        const bool inside = meant_inside && at >= 0 && loop_of_[at] == loop_of_[k.node] && bit_of(at);
        if (meant_inside) {
            const FactMask fresh = static_cast<FactMask>(step.facts_after & ~known);
            const FactMask harm = rules_.harm_facts();
            CompetencyArray credit = held.credit;
            for (int i = 0; i < kCompetencyCount; ++i) {
                credit[i] += std::max(0.0, step.points[i]);
                n.edge.points[i] = std::min(0.0, step.points[i]);
            }
            facts = static_cast<FactMask>(k.facts | (fresh & harm));
            if (!inside) {
                n.edge.detour = Detour::Abandoned;
                visited = bit_of(at);
            } else if (k.visited & bit_of(at)) {
                n.edge.detour = Detour::Returned;
                visited = k.visited;
            } else {
                n.edge.detour = Detour::Held;
                held_next = intern_held(credit, static_cast<FactMask>(held.facts | (fresh & ~harm)));
                visited = k.visited | bit_of(at);
            }
        } else {
            if (k.held) {
                n.edge.detour = Detour::Released;
                for (int i = 0; i < kCompetencyCount; ++i) n.edge.points[i] += held.credit[i];
            }
            visited = bit_of(at);
        }
        if (at < 0) {
            EndResult end = rules_.end(facts);
            for (int i = 0; i < kCompetencyCount; ++i) n.edge.points[i] += end.points[i];
            n.edge.end_fired = end.fired;
            const int ending = -1 - at;
            const bool ending_passes = ending < static_cast<int>(s_.endings.size()) && s_.endings[ending].passable();
            n.edge.pass_eligible = rules_.pass_eligible(facts) && !end.red_line && ending_passes;
            n.key = sink_key(at);
        } else {
            n.key.node = at;
            n.key.flags = flags;
            n.key.mood = mood_matters_ ? mood : 0;
            n.key.patience = patience_matters_ ? patience : 0;
            n.key.facts = facts;
            n.key.visited = visited;
            n.key.held = held_next;
            trim(n.key);
        }
        return n;
    }

    const Scenario& s_;
    const RuleBook& rules_;
    std::unordered_map<std::string, int> flag_bits_;
    bool mood_matters_ = false;
    bool patience_matters_ = false;
    int walkout_ = 0;
    int invalid_sink_ = 0;
    Rows<Move> moves_;     // per node: its choices
    Rows<Move> timeouts_;  // per node: its time-out, if any
    Rows<int> routes_;     // per node: where each mood route leads
    Rows<MoodHop> hops_;   // per node: the mood routes that can be taken, in order, and where they lead
    std::vector<char> mood_from_;
    std::vector<std::uint64_t> flags_from_;
    std::vector<FactMask> facts_from_;
    Rows<int> node_out_;                          // node graph: successors of each node
    std::vector<int> comp_of_;                    // node graph component of each node
    Rows<int> comp_members_;                      // members of each component, sources first
    std::vector<int> loop_of_;   // per node: its loop of the node graph, or -1
    std::vector<int> loop_bit_;  // per node on a tracked loop: its bit in StateKey::visited
    mutable std::vector<Held> held_;
    mutable std::map<std::tuple<CompetencyArray, FactMask>, int> held_index_;

public:
    bool node_on_loop(int node) const { return on_loop(node); }
};

}  // namespace

StateGraph::StateGraph(const Scenario& scenario, const RuleBook& rules, std::size_t max_states)
    : scenario_(&scenario), rules_(&rules) {
    Explorer ex(scenario, rules);
    if (!ex.prepare(error_)) {
        out_begin_ = {0};
        return;
    }
    FlatIndex<StateKey, KeyHash> index;
    auto intern = [&](const StateKey& k) { return index.intern(k, keys_).first; };
    for (std::size_t e = 0; e < ex.sink_count(); ++e) intern(ex.sink_key(-1 - static_cast<int>(e)));
    start_ = intern(ex.start_key());
    // Breadth-first: states are numbered in the order found and expanded in that order, so each
    // state's edges are contiguous. In a large story the table is far beyond the caches and one
    // miss after another would be most of the time, so each state is expanded kAhead states before
    // its successors are numbered: where they may be in the table is fetched meanwhile, then the
    // keys found there. Expanding ahead changes nothing else: expansions still come in state order.
    constexpr std::size_t kAhead = 2;
    std::array<std::vector<Explorer::Next>, kAhead + 1> ahead;  // the moves of states s .. s + kAhead
    std::size_t expanded = 0;  // states expanded so far
    auto expand = [&](std::size_t t) {
        auto& moves = ahead[t % ahead.size()];
        moves.clear();
        if (keys_[t].node < 0) return;
        const StateKey here = keys_[t];
        ex.expand(here, [&](const Explorer::Next& next) { moves.push_back(next); });
        for (const auto& next : moves) index.prefetch(next.key);
    };
    for (std::size_t s = 0; s < keys_.size(); ++s) {
        while (expanded < keys_.size() && expanded <= s + kAhead) expand(expanded++);
        if (s + 1 < expanded)
            for (const auto& next : ahead[(s + 1) % ahead.size()]) index.prefetch_match(next.key, keys_);
        make_room_for_one(out_begin_);
        out_begin_.push_back(static_cast<int>(edges_.size()));
        for (auto& next : ahead[s % ahead.size()]) {
            next.edge.from = static_cast<int>(s);
            next.edge.to = intern(next.key);
            make_room_for_one(edges_);
            edges_.push_back(next.edge);
        }
        if (keys_.size() > max_states) {
            error_ = "the scenario has more than " + std::to_string(max_states) +
                     " distinct situations (node, flags, mood, patience, rule facts); it is too large to analyse";
            keys_.clear();
            edges_.clear();
            out_begin_ = {0};
            start_ = 0;
            return;
        }
    }
    out_begin_.push_back(static_cast<int>(edges_.size()));
    compute_sccs();
    std::vector<char> reached(scenario.nodes.size(), 0);
    for (const auto& k : keys_)
        if (k.node >= 0) reached[k.node] = 1;
    for (std::size_t n = 0; n < scenario.nodes.size(); ++n)
        if (reached[n] && ex.node_on_loop(static_cast<int>(n))) loop_nodes_.push_back(static_cast<int>(n));
}

void StateGraph::compute_sccs() {
    reserve_in_huge_pages(targets_, edges_.size());
    for (const Edge& e : edges_) targets_.push_back(e.to);
    comp_ = strong_components(*this, nullptr);
    renumber_by_component();
    for (std::size_t e = 0; e < edges_.size(); ++e) targets_[e] = edges_[e].to;
    positives_.reserve(edges_.size());
    for (const Edge& e : edges_) positives_.push_back(e.positive);
    // Points cannot be farmed by going round a loop: a move that leads back into a situation the
    // trainee can return from earns and costs nothing (see scoring/README.md).
    for (auto& e : edges_) {
        e.in_loop = comp_.of[e.from] == comp_.of[e.to] && comp_.cycle[comp_.of[e.from]];
        if (e.in_loop) e.points = {};
    }
}

// States are found breadth-first, so a component's members lie scattered over the whole graph,
// and every sweep (to-go values, competency ranges, splits) would jump about in memory. Numbered
// component by component, a sweep reads states, moves and values in order. Each state keeps its
// moves in their order and members keep their relative order, so every tie-break is unchanged.
void StateGraph::renumber_by_component() {
    const int n = static_cast<int>(keys_.size());
    std::vector<int> next(comp_.count + 1, 0);  // per component: the next number to give
    for (int c : comp_.of) ++next[c + 1];
    for (int c = 0; c < comp_.count; ++c) next[c + 1] += next[c];
    found_order_.resize(n);
    found_rank_.resize(n);
    std::vector<int>& was = found_rank_;  // per new number: the number the state had when found, its rank
    for (int s = 0; s < n; ++s) {
        found_order_[s] = next[comp_.of[s]]++;
        was[found_order_[s]] = s;
    }
    std::vector<StateKey> keys(n);
    std::vector<Edge> edges;
    reserve_in_huge_pages(edges, edges_.size());
    std::vector<int> out_begin, of(n);
    out_begin.reserve(n + 1);
    for (int s = 0; s < n; ++s) {
        keys[s] = keys_[was[s]];
        of[s] = comp_.of[was[s]];
        out_begin.push_back(static_cast<int>(edges.size()));
        for (int e = out_begin_[was[s]]; e < out_begin_[was[s] + 1]; ++e) {
            edges.push_back(edges_[e]);
            edges.back().from = s;
            edges.back().to = found_order_[edges_[e].to];
        }
    }
    out_begin.push_back(static_cast<int>(edges.size()));
    start_ = found_order_[start_];
    keys_ = std::move(keys);
    edges_ = std::move(edges);
    out_begin_ = std::move(out_begin);
    std::copy(of.begin(), of.end(), comp_.of.begin());  // keeps comp_.of in huge pages
}

Components strong_components(const StateGraph& g, const std::vector<char>* allowed) {
    const int n = static_cast<int>(g.state_count());
    Components out;
    assign_in_huge_pages(out.of, n, -1);
    TarjanSearch search(n);
    auto inside = [&](int e) { return !allowed || (*allowed)[e]; };
    for (int root = 0; root < n; ++root)
        if (!search.visited(root)) search.from(g, root, inside, out);
    return out;
}

}  // namespace ta::scoring
