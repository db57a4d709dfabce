#include "validate_flow.h"

#include <algorithm>
#include <cstdint>
#include <deque>
#include <map>
#include <set>
#include <unordered_map>

#include "flat_index.h"
#include "mood_range.h"
#include "prefetch_ahead.h"
#include "rows.h"
#include "session.h"

namespace ta {

namespace {

using Severity = Diagnostic::Severity;

// What decides what happens next, and nothing more (so the number of situations stays small).
struct Situation {
    int node = 0;
    std::uint64_t flags = 0;  // bit i: relevant flag i is set
    int mood = 0;             // only when some node has mood routes, else 0
    int patience = 0;         // left; only when the customer's patience is limited, else 0
    bool operator==(const Situation&) const = default;
};

struct SituationHash {
    std::size_t operator()(const Situation& s) const {
        std::uint64_t h = s.flags * 0x9E3779B97F4A7C15ull;
        h ^= static_cast<std::uint64_t>(s.node) * 0xC2B2AE3D27D4EB4Full + (h >> 29);
        h ^= static_cast<std::uint64_t>(s.mood * 32 + s.patience) * 0x165667B19E3779F9ull + (h >> 31);
        return static_cast<std::size_t>(h);
    }
};

constexpr int kEnding = -1;   // a move's target is an ending (see Move::ending)
constexpr int kNowhere = -2;  // a move's target does not exist (validate.cpp reports it)

struct Move {
    int to = kNowhere;     // situation index, kEnding or kNowhere
    int ending = -1;       // Scenario::endings index when to == kEnding
};

// A reply (or timeout) with its flag names turned into masks and its 'next' into an index, once:
// exploring a large story must not look names up for every move it tries.
struct PreparedReply {
    std::uint64_t need = 0, refuse = 0, sets = 0, clears = 0;
    int next = kNowhere;  // see Flow::resolve
    int mood = 0;
};

class Flow {
public:
    Flow(const Scenario& s, const std::string& file, const FieldPositions* positions, std::vector<Diagnostic>& diags,
         std::size_t budget)
        : s_(s), file_(file), positions_(positions), diags_(diags), budget_(budget) {}

    void run() {
        if (!set_up()) return;
        if (!explore()) return;  // past the budget: analyze has the last word
        report_no_reply();
        report_unreached_endings();
        // A customer who walks out is not a way on that the trainee found: a loop that only their
        // patience ends is still a trap. So traps are looked for as if patience were endless.
        if (track_patience_) {
            forget_situations();
            track_patience_ = false;
            if (!explore()) return;
        }
        report_traps();
    }

    // What trapped_nodes() needs and no more: the traps alone, explored as run() explores them
    // last (patience endless), with no message written.
    void find_traps() {
        if (!set_up()) return;
        track_patience_ = false;
        if (explore()) report_traps(false);
    }

    // The nodes report_traps() found, for analyze's no-traps (the same rule, one place).
    const std::set<int>& trapped_nodes() const { return trapped_nodes_; }

private:
    // Flags, replies and what the situations track, before any exploration; false when there is
    // nothing to explore (no start node, or more flags than a situation holds).
    bool set_up() {
        if (s_.node_index(s_.start) < 0 || !index_flags()) return false;
        prepare();
        track_patience_ = s_.customer.patience > 0;
        return true;
    }

    // Only flags some reply's conditions look at change what can happen.
    bool index_flags() {
        for (std::size_t n = 0; n < s_.nodes.size(); ++n) {
            prefetch_replies_ahead(s_.nodes, n, [](const Choice& c) {
                prefetch(c.requires_flags.data());
                prefetch(c.requires_not_flags.data());
            });
            for (const auto& c : s_.nodes[n].choices) {
                for (const auto& f : c.requires_flags) flag_bit_.emplace(f, 0);
                for (const auto& f : c.requires_not_flags) flag_bit_.emplace(f, 0);
            }
        }
        if (flag_bit_.size() > 64) return false;  // analyze says so
        int bit = 0;
        for (auto& [name, b] : flag_bit_) {
            b = bit++;
            flag_name_.push_back(name);
        }
        return true;
    }

    std::uint64_t mask_of(const std::vector<std::string>& flags) const {
        std::uint64_t m = 0;
        for (const auto& f : flags)
            if (auto it = flag_bit_.find(f); it != flag_bit_.end()) m |= std::uint64_t{1} << it->second;
        return m;
    }

    // An id as an index: a node's index (>= 0), an ending's as kFirstEnding - e, or kNowhere.
    static constexpr int kFirstEnding = kNowhere - 1;
    int resolve(const std::string& id) const { return code_of(s_.target(id)); }
    int code_of(Scenario::Target t) const {
        return t.ending >= 0 ? kFirstEnding - t.ending : t.node >= 0 ? t.node : kNowhere;
    }

    PreparedReply prepare(const Choice& c, Scenario::Target to) const {
        return {mask_of(c.requires_flags), mask_of(c.requires_not_flags), mask_of(c.sets), mask_of(c.clears),
                code_of(to), c.mood};
    }

    void prepare() {
        replies_begin_.push_back(0);
        for (int at = 0; at < static_cast<int>(s_.nodes.size()); ++at) {
            prefetch_replies_ahead(s_.nodes, at, [](const Choice& c) { prefetch_flags(c); });
            const Node& n = s_.nodes[at];
            for (int c = 0; c < static_cast<int>(n.choices.size()); ++c)
                replies_.push_back(prepare(n.choices[c], s_.reply_target(at, c)));
            replies_begin_.push_back(replies_.size());
            timeouts_.push_back(n.on_timeout ? prepare(*n.on_timeout, s_.timeout_target(at)) : PreparedReply{});
            track_mood_ = track_mood_ || !n.mood_routes.empty();
            for (const MoodRoute& r : n.mood_routes)
                if (const auto range = mood_range(r)) hops_.add({*range, resolve(r.next)});
            hops_.end_row();
        }
        walkout_ = resolve(s_.customer.walkout);
    }

    const PreparedReply& reply(int node, int c) const { return replies_[replies_begin_[node] + c]; }

    static bool offered(const PreparedReply& r, std::uint64_t flags) {
        return (flags & r.need) == r.need && (flags & r.refuse) == 0;
    }
    bool offered(int node, int c, std::uint64_t flags) const { return offered(reply(node, c), flags); }
    bool any_offered(int node, std::uint64_t flags) const {
        for (std::size_t k = replies_begin_[node]; k < replies_begin_[node + 1]; ++k)
            if (offered(replies_[k], flags)) return true;
        return false;
    }

    // Enters `target` (see resolve) as Session::enter does: endings end, mood routes redirect.
    Move enter(int target, Situation at) {
        for (int hop = 0; hop < 64; ++hop) {
            if (target <= kFirstEnding) return {kEnding, kFirstEnding - target};
            if (target < 0) return {};
            const MoodHop* taken = nullptr;  // as matching_route: the first route taken at this mood
            if (track_mood_)
                for (const MoodHop& hop : hops_[target])
                    if (hop.range.contains(at.mood)) {
                        taken = &hop;
                        break;
                    }
            if (taken) {
                target = taken->target;
                continue;
            }
            at.node = target;
            return {intern(at), -1};
        }
        return {};
    }

    void forget_situations() {
        index_.clear();
        situations_.clear();
        parent_.clear();
        moves_.clear();
        moves_begin_.clear();
    }

    int intern(const Situation& at) {
        auto [index, fresh] = index_.intern(at, situations_);
        if (fresh) parent_.push_back({-1, -1});
        return index;
    }

    // Breadth first, so the first way found to a situation is a shortest one.
    bool explore() {
        Situation first;
        first.mood = track_mood_ ? std::clamp(s_.customer.mood, 0, 100) : 0;
        first.patience = track_patience_ ? s_.customer.patience : 0;
        const Move m0 = enter(resolve(s_.start), first);
        if (m0.to < 0) return false;
        start_ = m0.to;
        moves_begin_.push_back(0);
        for (std::size_t u = 0; u < situations_.size(); ++u) {
            if (situations_.size() > budget_) return false;
            const Situation at = situations_[u];  // a copy: interning may move the vector
            const Node& node = s_.nodes[at.node];
            auto take = [&](const PreparedReply& c, int index) {
                Situation next = at;
                next.mood = track_mood_ ? apply_mood(at.mood, c.mood) : 0;
                next.flags = (at.flags | c.sets) & ~c.clears;
                int target = c.next;
                if (track_patience_ && c.mood < 0 && next.patience > 0 && --next.patience == 0) target = walkout_;
                const std::size_t before = situations_.size();
                Move m = enter(target, next);
                if (m.to >= 0 && situations_.size() > before) parent_[m.to] = {static_cast<int>(u), index};
                if (m.to == kEnding) reached_ending_.insert(m.ending);
                moves_.push_back(m);
            };
            for (int i = 0; i < static_cast<int>(node.choices.size()); ++i)
                if (const PreparedReply& c = reply(at.node, i); offered(c, at.flags)) take(c, i);
            if (node.on_timeout) take(timeouts_[at.node], kTimeoutChoice);
            moves_begin_.push_back(moves_.size());
        }
        return true;
    }

    SourcePos node_pos(int n) const {
        const SourcePos fallback = s_.nodes[n].pos;
        return positions_ ? positions_->get(FieldPositions::node(n, "id"), fallback) : fallback;
    }

    void report(Severity sev, SourcePos pos, const char* code, std::string message) {
        diags_.push_back({sev, file_, pos.line, pos.column, code, std::move(message)});
    }

    // "opening#2, details#1": the replies of a shortest playthrough to situation `u`.
    std::string way_to(int u) const {
        std::vector<std::string> steps;
        for (int v = u; parent_[v].first >= 0; v = parent_[v].first) {
            const Node& from = s_.nodes[situations_[parent_[v].first].node];
            steps.push_back(parent_[v].second == kTimeoutChoice ? from.id + "#timeout"
                                                                : from.choices[parent_[v].second].id);
        }
        if (steps.empty()) return "at the start";
        std::reverse(steps.begin(), steps.end());
        std::string out = "after ";
        for (std::size_t i = 0; i < steps.size(); ++i) out += (i ? ", " : "") + steps[i];
        return out;
    }

    std::vector<std::string> flags_of(std::uint64_t mask) const {
        std::vector<std::string> out;
        for (std::size_t b = 0; b < flag_name_.size(); ++b)
            if (mask & (std::uint64_t{1} << b)) out.push_back(flag_name_[b]);
        return out;
    }

    void report_no_reply() {
        for (std::size_t u = 0; u < situations_.size(); ++u) {
            const Node& node = s_.nodes[situations_[u].node];
            if (stuck_nodes_.count(situations_[u].node)) continue;
            if (any_offered(situations_[u].node, situations_[u].flags) || node.choices.empty()) continue;  // no choices at all: the loader said so
            stuck_nodes_.insert(situations_[u].node);
            report(Severity::Error, node_pos(situations_[u].node), "no-reply-offered",
                   "a trainee can reach node '" + node.id + "' with no reply on offer (" +
                       why_no_reply(node, flags_of(situations_[u].flags)) + "), for example " +
                       way_to(static_cast<int>(u)) +
                       (node.on_timeout ? "; only the timer can move on" : "; the conversation is stuck there") +
                       ". Add a reply without 'requires', or make sure every way to this node sets the flags it needs");
        }
    }

    // Situations from which no ending can be reached: a trap the trainee can never leave.
    // analyze's no-traps check uses the same rule.
    void report_traps(bool with_messages = true) {
        // Predecessors in one flat array: preds of v are preds[preds_begin[v]..preds_begin[v + 1]).
        const std::size_t count = situations_.size();
        std::vector<std::size_t> preds_begin(count + 1, 0);
        for (const Move& m : moves_)
            if (m.to >= 0) ++preds_begin[m.to + 1];
        for (std::size_t v = 0; v < count; ++v) preds_begin[v + 1] += preds_begin[v];
        std::vector<int> preds(preds_begin[count]);
        std::vector<std::size_t> fill(preds_begin.begin(), preds_begin.end() - 1);
        std::vector<char> finishes(count, 0);
        std::deque<int> todo;
        for (std::size_t u = 0; u < count; ++u)
            for (std::size_t k = moves_begin_[u]; k < moves_begin_[u + 1]; ++k) {
                if (moves_[k].to == kEnding && !finishes[u]) {
                    finishes[u] = 1;
                    todo.push_back(static_cast<int>(u));
                }
                if (moves_[k].to >= 0) preds[fill[moves_[k].to]++] = static_cast<int>(u);
            }
        while (!todo.empty()) {
            const int v = todo.front();
            todo.pop_front();
            for (std::size_t k = preds_begin[v]; k < preds_begin[v + 1]; ++k)
                if (const int p = preds[k]; !finishes[p]) {
                    finishes[p] = 1;
                    todo.push_back(p);
                }
        }
        std::vector<char> covered(situations_.size(), 0);
        for (std::size_t u = 0; u < situations_.size(); ++u) {
            if (finishes[u] || covered[u]) continue;
            // Everything the trainee can still reach from here is trapped too: one message for all.
            std::vector<int> region{static_cast<int>(u)};
            covered[u] = 1;
            std::set<int> nodes;
            bool walks_out = false;  // some reply here costs patience, so the customer leaves in the end
            for (std::size_t i = 0; i < region.size(); ++i) {
                const int v = region[i];
                nodes.insert(situations_[v].node);
                if (s_.customer.patience > 0)
                    for (int c = 0; c < static_cast<int>(s_.nodes[situations_[v].node].choices.size()); ++c)
                        walks_out |= reply(situations_[v].node, c).mood < 0 && offered(situations_[v].node, c, situations_[v].flags);
                for (std::size_t k = moves_begin_[v]; k < moves_begin_[v + 1]; ++k) {
                    if (moves_[k].to >= 0 && !covered[moves_[k].to]) {
                        covered[moves_[k].to] = 1;
                        region.push_back(moves_[k].to);
                    }
                }
            }
            const int n = situations_[u].node;
            trapped_nodes_.insert(nodes.begin(), nodes.end());
            if (!with_messages || stuck_nodes_.count(n)) continue;  // or reported as "no reply on offer"
            std::string names;
            int listed = 0;
            for (int m : nodes)
                if (listed++ < 5) names += (names.empty() ? "'" : ", '") + s_.nodes[m].id + "'";
            if (nodes.size() > 5) names += " and " + std::to_string(nodes.size() - 5) + " more";
            report(Severity::Error, node_pos(n), "trap",
                   "a trainee who reaches node '" + s_.nodes[n].id + "' (for example " + way_to(static_cast<int>(u)) +
                       ") can never leave: every reply from there leads back to " + names +
                       (walks_out ? ", until the customer runs out of patience and walks out" : "") +
                       ". Give one of these replies a 'next' that leads on to an ending");
            stuck_nodes_.insert(nodes.begin(), nodes.end());
        }
    }

    // An ending something names but no playthrough reaches (one nothing names is validate.cpp's).
    void report_unreached_endings() {
        // Per ending (the first of an id): whether something names it.
        std::vector<char> named(s_.endings.size(), 0);
        auto name = [&](const std::string& id) {
            if (const int e = s_.ending_index(id); e >= 0) named[e] = 1;
        };
        for (const auto& n : s_.nodes) {
            for (const auto& c : n.choices) name(c.next);
            if (n.on_timeout) name(n.on_timeout->next);
            for (const auto& r : n.mood_routes) name(r.next);
        }
        if (s_.customer.patience > 0) name(s_.customer.walkout);
        for (int e = 0; e < static_cast<int>(s_.endings.size()); ++e) {
            const Ending& ending = s_.endings[e];
            if (reached_ending_.count(e) || !named[e]) continue;
            const SourcePos fallback = ending.pos;
            report(Severity::Warning,
                   positions_ ? positions_->get(FieldPositions::ending(e, "id"), fallback) : fallback, "ending-never-reached",
                   "no playthrough reaches ending '" + ending.id +
                       "': the replies and routes that lead to it are never offered or never taken (check their "
                       "'requires', the mood routes before them and the nodes they belong to), or remove it");
        }
    }

    const Scenario& s_;
    const std::string& file_;
    const FieldPositions* positions_;
    std::vector<Diagnostic>& diags_;
    std::size_t budget_;
    std::map<std::string, int> flag_bit_;
    std::vector<std::string> flag_name_;
    bool track_mood_ = false, track_patience_ = false;
    std::vector<PreparedReply> replies_;     // every node's replies, node after node
    std::vector<std::size_t> replies_begin_;  // replies of node n: [replies_begin_[n], replies_begin_[n + 1])
    std::vector<PreparedReply> timeouts_;     // per node (unused when it has no timer)
    Rows<MoodHop> hops_;  // per node: the mood routes that can be taken, in order, and where they lead (see resolve)
    int walkout_ = kNowhere;
    FlatIndex<Situation, SituationHash> index_;
    std::vector<Situation> situations_;
    std::vector<std::pair<int, int>> parent_;  // situation and reply that first led here
    std::vector<Move> moves_;
    std::vector<std::size_t> moves_begin_;     // moves of situation u: [moves_begin_[u], moves_begin_[u + 1])
    std::set<int> reached_ending_;
    std::set<int> stuck_nodes_;                // nodes already reported
    std::set<int> trapped_nodes_;              // nodes from which no ending can be reached
    int start_ = -1;
};

}  // namespace

namespace {
// "flag 'a'", "flags 'a' and 'b'", "flags 'a', 'b' and 'c'".
std::string flag_list(const std::vector<std::string>& flags) {
    std::string out = flags.size() == 1 ? "flag " : "flags ";
    for (std::size_t i = 0; i < flags.size(); ++i)
        out += (i == 0 ? "" : i + 1 == flags.size() ? " and " : ", ") + ("'" + flags[i] + "'");
    return out;
}
}  // namespace

std::string why_no_reply(const Node& node, const std::vector<std::string>& flags_set) {
    const std::set<std::string> set(flags_set.begin(), flags_set.end());
    std::string out;
    for (std::size_t i = 0; i < node.choices.size(); ++i) {
        const Choice& c = node.choices[i];
        std::vector<std::string> missing, present;
        for (const auto& f : c.requires_flags)
            if (!set.count(f)) missing.push_back(f);
        for (const auto& f : c.requires_not_flags)
            if (set.count(f)) present.push_back(f);
        if (missing.empty() && present.empty()) return "";  // this reply is offered
        std::string why = missing.empty() ? "" : "needs " + flag_list(missing);
        if (!present.empty()) why += (why.empty() ? "needs " : ", and ") + flag_list(present) + " not to be set";
        out += (out.empty() ? "" : "; ") + std::string("choice ") + std::to_string(i + 1) + " " + why;
    }
    return out;
}

void check_flow(const Scenario& scenario, const std::string& file, const FieldPositions* positions,
                std::vector<Diagnostic>& diags, std::size_t budget) {
    Flow(scenario, file, positions, diags, budget).run();
}

std::vector<std::string> trapped_nodes(const Scenario& scenario, std::size_t budget) {
    std::vector<Diagnostic> ignored;
    const std::string no_file;  // Flow keeps a reference
    Flow flow(scenario, no_file, nullptr, ignored, budget);
    flow.find_traps();
    std::vector<std::string> out;
    for (int n : flow.trapped_nodes()) out.push_back(scenario.nodes[n].id);
    return out;
}

}  // namespace ta
