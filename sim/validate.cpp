#include "validate.h"

#include <algorithm>
#include <limits>
#include <map>
#include <queue>
#include <set>
#include <type_traits>
#include <string_view>

#include "flat_index.h"
#include "mood_range.h"
#include "prefetch_ahead.h"
#include "rows.h"
#include "session.h"
#include "text_suggest.h"
#include "validate_flow.h"

namespace ta {

namespace {

using Severity = Diagnostic::Severity;

// Where each id was first seen. The ids are numbered in one flat table and point into the
// scenario: a large story has hundreds of thousands, and a map entry each was most of the check.
class FirstSeen {
public:
    // nullptr when `id` is new (then remembered at `pos`), else where it was first seen.
    const SourcePos* seen_before(const std::string& id, SourcePos pos) {
        auto [at, fresh] = index_.intern(id, ids_);
        if (!fresh) return &positions_[at];
        positions_.push_back(pos);
        return nullptr;
    }

private:
    FlatIndex<std::string_view, std::hash<std::string_view>> index_;
    std::vector<std::string_view> ids_;
    std::vector<SourcePos> positions_;
};

class Checker {
public:
    Checker(const Scenario& s, const std::string& file, const FieldPositions* positions,
            std::vector<Diagnostic>& diags)
        : s_(s), file_(file), positions_(positions), diags_(diags) {}

    void run() {
        // A duplicated id makes every link to it ambiguous: what follows would only be its echoes
        // (links to the renamed node, loops, repeated choice ids), so it is the one message.
        if (!check_ids()) return;
        resolve_links();
        check_links();
        check_reachability();
        check_endings_named();
        check_flags();
        check_mood_route_loops();
        check_style();
    }

private:
    // `key` makes the field's key: only when there are positions to look it up in, since the
    // checks visit every node and choice of a large story and most of them report nothing.
    template <class Key>
    SourcePos at(const Key& key, SourcePos fallback) const {
        if (!positions_) return fallback;
        if constexpr (std::is_invocable_v<const Key&>) return positions_->get(key(), fallback);
        else return positions_->get(key, fallback);
    }

    void report(Severity sev, SourcePos pos, const char* code, std::string message) {
        diags_.push_back({sev, file_, pos.line, pos.column, code, std::move(message)});
    }

    static std::string where(SourcePos p) { return p.line > 0 ? " at line " + std::to_string(p.line) : ""; }

    int node_count() const { return static_cast<int>(s_.nodes.size()); }

    bool check_ids() {
        const std::size_t before = diags_.size();
        FirstSeen seen;  // node and ending ids share one namespace
        for (int n = 0; n < node_count(); ++n) {
            const Node& node = s_.nodes[n];
            if (node.id.empty()) continue;  // the loader reported the missing id
            SourcePos p = at([&] { return FieldPositions::node(n, "id"); }, node.pos);
            if (const SourcePos* first = seen.seen_before(node.id, p))
                report(Severity::Error, p, "duplicate-id",
                       "id '" + node.id + "' is already used" + where(*first) +
                           "; give every node and ending its own id");
        }
        for (int e = 0; e < static_cast<int>(s_.endings.size()); ++e) {
            const Ending& ending = s_.endings[e];
            if (ending.id.empty()) continue;
            SourcePos p = at([&] { return FieldPositions::ending(e, "id"); }, ending.pos);
            if (const SourcePos* first = seen.seen_before(ending.id, p))
                report(Severity::Error, p, "duplicate-id",
                       "id '" + ending.id + "' is already used" + where(*first) +
                           "; give every node and ending its own id");
        }
        if (diags_.size() != before) return false;  // choice ids derive from node ids: fix those first
        FirstSeen choice_ids;
        for (int n = 0; n < node_count(); ++n) {
            prefetch_replies_ahead(s_.nodes, n);
            const Node& node = s_.nodes[n];
            for (int c = 0; c < static_cast<int>(node.choices.size()); ++c) {
                const Choice& ch = node.choices[c];
                SourcePos p = at([&] { return FieldPositions::choice(n, c, "id"); }, ch.pos);
                if (const SourcePos* first = choice_ids.seen_before(ch.id, p))
                    report(Severity::Error, p, "duplicate-id",
                           "choice id '" + ch.id + "' is already used" + where(*first) +
                               "; choice ids must be unique in the scenario (results refer to them)");
            }
        }
        return true;
    }

    // A link's target as a number: a node's index (>= 0), an ending's -1 - e, or kUnknown. Ids are
    // unique here (check_ids), so no id is both.
    static constexpr int kUnknown = std::numeric_limits<int>::min();
    int code_of(const std::string& id) const { return code_of(s_.target(id)); }
    int code_of(Scenario::Target t) const {
        return t.ending >= 0 ? -1 - t.ending : t.node >= 0 ? t.node : kUnknown;
    }

    // Every node's links, looked up once (the checks below follow each of them several times): its
    // choices', then its time-out's, then its mood routes', in that order.
    void resolve_links() {
        for (int n = 0; n < node_count(); ++n) {
            prefetch_replies_ahead(s_.nodes, n);
            const Node& node = s_.nodes[n];
            for (int c = 0; c < static_cast<int>(node.choices.size()); ++c) links_.add(code_of(s_.reply_target(n, c)));
            if (node.on_timeout) links_.add(code_of(s_.timeout_target(n)));
            for (const auto& r : node.mood_routes) links_.add(code_of(r.next));
            links_.end_row();
        }
        walkout_ = s_.customer.walkout.empty() ? kUnknown : code_of(s_.customer.walkout);
    }
    int choice_link(int n, int c) const { return links_[n][c]; }
    int timeout_link(int n) const { return links_[n][s_.nodes[n].choices.size()]; }
    int route_link(int n, int r) const {
        const Node& node = s_.nodes[n];
        return links_[n][node.choices.size() + (node.on_timeout ? 1 : 0) + r];
    }

    std::vector<std::string> all_targets() const {
        std::vector<std::string> ids;
        for (const auto& n : s_.nodes) ids.push_back(n.id);
        for (const auto& e : s_.endings) ids.push_back(e.id);
        return ids;
    }

    bool exists(const std::string& id) const { return s_.find_node(id) || s_.find_ending(id); }
    bool resolves(const std::string& target) const { return target.empty() || exists(target); }

    void check_target(const std::string& target, SourcePos pos, const std::string& what) {
        if (resolves(target)) return;  // empty: the loader reported the missing field
        // A typo's likely meaning counts as named, so its ending is not also reported as unused.
        if (std::string meant = closest_match(target, all_targets()); !meant.empty()) meant_targets_.insert(meant);
        report(Severity::Error, pos, "unknown-target",
               what + " names '" + target + "', which is neither a node nor an ending" +
                   did_you_mean_or(target, all_targets(), "correct the id or add that node or ending"));
    }

    void check_links() {
        if (!s_.start.empty()) {
            SourcePos p = at("start", {});
            if (s_.find_ending(s_.start))
                report(Severity::Error, p, "bad-start",
                       "'start' names the ending '" + s_.start + "'; it must name the first node");
            else if (!s_.find_node(s_.start)) {
                std::vector<std::string> ids;
                for (const auto& n : s_.nodes) ids.push_back(n.id);
                report(Severity::Error, p, "unknown-target",
                       "'start' names '" + s_.start + "', which is not a node" +
                           did_you_mean_or(s_.start, ids, "set it to the id of the first node"));
            }
        }
        const Customer& cu = s_.customer;
        if (cu.patience > 0 && cu.walkout.empty())
            report(Severity::Error, at("customer.patience", {}), "missing-walkout",
                   "the customer has patience " + std::to_string(cu.patience) +
                       " but no 'walkout'; add 'walkout: <ending id>' to say where the conversation goes when it runs out");
        check_target(cu.walkout, at("customer.walkout", {}), "'walkout'");

        // Only a target that does not resolve gets its position and wording made.
        for (int n = 0; n < node_count(); ++n) {
            const Node& node = s_.nodes[n];
            for (int c = 0; c < static_cast<int>(node.choices.size()); ++c)
                if (choice_link(n, c) == kUnknown && !node.choices[c].next.empty())
                    check_target(node.choices[c].next, at(FieldPositions::choice(n, c, "next"), node.choices[c].pos),
                                 "choice " + std::to_string(c + 1) + " of node '" + node.id + "'");
            if (node.on_timeout && timeout_link(n) == kUnknown && !node.on_timeout->next.empty())
                check_target(node.on_timeout->next, at(FieldPositions::timeout(n, "next"), node.on_timeout->pos),
                             "'on_timeout' of node '" + node.id + "'");
            for (int r = 0; r < static_cast<int>(node.mood_routes.size()); ++r)
                if (route_link(n, r) == kUnknown && !node.mood_routes[r].next.empty())
                    check_target(node.mood_routes[r].next, at(FieldPositions::route(n, r, "next"), node.mood_routes[r].pos),
                                 "mood route " + std::to_string(r + 1) + " of node '" + node.id + "'");
        }
    }

    // Where node `n` can lead, ignoring flags and mood (any of them might hold): `visit` is called
    // with each link's code in turn (no list is built: a large story has 100,000 nodes).
    template <class Visit>
    void for_each_successor(int n, Visit visit) const {
        prefetch_replies_ahead(s_.nodes, n);  // the passes calling this go node by node
        const Node& node = s_.nodes[n];
        for (int t : links_[n]) visit(t);
        bool lowers_mood = node.on_timeout && node.on_timeout->mood < 0;
        for (const auto& c : node.choices) lowers_mood |= c.mood < 0;
        if (s_.customer.patience > 0 && lowers_mood && walkout_ != kUnknown) visit(walkout_);
    }

    void check_reachability() {
        const int start = s_.node_index(s_.start);
        if (start < 0 || node_count() == 0) return;  // reported elsewhere

        // Each node's successors that are nodes, looked up once; and whether one is an ending.
        Rows<int> next;
        std::vector<bool> finishes(node_count(), false);
        std::vector<int> pred_count(node_count(), 0);
        for (int n = 0; n < node_count(); ++n) {
            for_each_successor(n, [&](int t) {
                if (t >= 0) {
                    next.add(t);
                    ++pred_count[t];
                } else if (t != kUnknown) {
                    finishes[n] = true;
                }
            });
            next.end_row();
        }

        // Forward: which nodes the conversation can get to. Iterative, so loops cannot hang it.
        std::vector<bool> reached(node_count(), false);
        std::queue<int> todo;
        reached[start] = true;
        todo.push(start);
        while (!todo.empty()) {
            const int n = todo.front();
            todo.pop();
            for (const int m : next[n])
                if (!reached[m]) {
                    reached[m] = true;
                    todo.push(m);
                }
        }

        // Backward: which nodes can still get to an ending.
        std::vector<int> pred_begin(node_count() + 1, 0);
        for (int m = 0; m < node_count(); ++m) pred_begin[m + 1] = pred_begin[m] + pred_count[m];
        std::vector<int> preds(pred_begin[node_count()]);
        for (int n = 0; n < node_count(); ++n)
            for (const int m : next[n]) preds[pred_begin[m + 1] - pred_count[m]--] = n;
        for (int n = 0; n < node_count(); ++n)
            if (finishes[n]) todo.push(n);
        while (!todo.empty()) {
            const int n = todo.front();
            todo.pop();
            for (int i = pred_begin[n]; i < pred_begin[n + 1]; ++i)
                if (const int p = preds[i]; !finishes[p]) {
                    finishes[p] = true;
                    todo.push(p);
                }
        }

        for (int n = 0; n < node_count(); ++n) {
            const Node& node = s_.nodes[n];
            if (node.id.empty() || s_.node_index(node.id) != n) continue;  // duplicates reported already
            const SourcePos p = at([&] { return FieldPositions::node(n, "id"); }, node.pos);
            if (!reached[n])
                report(Severity::Error, p, "unreachable",
                       "node '" + node.id + "' can never be reached from the start node '" + s_.start +
                           "'; point a choice's 'next' at it, or remove it");
            else if (!finishes[n] && !node.choices.empty())
                report(Severity::Error, p, "dead-end",
                       "no ending can be reached from node '" + node.id +
                           "' (every path from it loops back); give one of its choices a 'next' that leads to an ending");
        }
    }

    // An ending no 'next', 'on_timeout', mood route or walkout names can never be the outcome.
    void check_endings_named() {
        // Per ending (the first of an id; duplicates are reported already): whether something names it.
        std::vector<char> named(s_.endings.size(), 0);
        auto name = [&](int t) {
            if (t < 0 && t != kUnknown) named[-1 - t] = 1;
        };
        for (int n = 0; n < node_count(); ++n) for_each_successor(n, name);
        name(walkout_);
        for (const auto& t : meant_targets_) name(code_of(t));
        for (int e = 0; e < static_cast<int>(s_.endings.size()); ++e) {
            const Ending& ending = s_.endings[e];
            if (ending.id.empty() || named[e] || s_.ending_index(ending.id) != e) continue;
            report(Severity::Warning, at([&] { return FieldPositions::ending(e, "id"); }, ending.pos), "ending-never-reached",
                   "nothing leads to ending '" + ending.id +
                       "': no choice's 'next', 'on_timeout', mood route or 'walkout' names it; point a choice's "
                       "'next' at it, or remove it");
        }
    }

    void check_flags() {
        std::set<std::string> set_somewhere;
        for (std::size_t n = 0; n < s_.nodes.size(); ++n) {
            prefetch_replies_ahead(s_.nodes, n, [](const Choice& c) { prefetch(c.sets.data()); });
            const Node& node = s_.nodes[n];
            for (const auto& c : node.choices) set_somewhere.insert(c.sets.begin(), c.sets.end());
            if (node.on_timeout) set_somewhere.insert(node.on_timeout->sets.begin(), node.on_timeout->sets.end());
        }
        const std::vector<std::string> known(set_somewhere.begin(), set_somewhere.end());
        for (int n = 0; n < node_count(); ++n) {
            prefetch_replies_ahead(s_.nodes, n, [](const Choice& c) { prefetch(c.requires_flags.data()); });
            const Node& node = s_.nodes[n];
            for (int c = 0; c < static_cast<int>(node.choices.size()); ++c) {
                const Choice& ch = node.choices[c];
                for (int k = 0; k < static_cast<int>(ch.requires_flags.size()); ++k) {
                    const std::string& flag = ch.requires_flags[k];
                    if (set_somewhere.count(flag)) continue;
                    report(Severity::Warning, at([&] { return FieldPositions::choice(n, c, "requires" + std::to_string(k)); }, ch.pos),
                           "flag-never-set",
                           "choice " + std::to_string(c + 1) + " of node '" + node.id + "' requires flag '" + flag +
                               "', but no choice ever sets it, so it is never offered" +
                               did_you_mean_or(flag, known, "add '" + flag + "' to some choice's 'sets'"));
                }
            }
        }
    }

    // Mood does not change while routes are followed, so each mood gives every node one fixed
    // route path; following it for all 101 moods finds every loop. Only nodes with routes can be
    // on one, and their targets are resolved once, so each mood costs a pass over those nodes
    // alone: linear in the number of routes, and cheap in memory for stories of 100,000 nodes.
    void check_mood_route_loops() {
        std::vector<int> routed;              // nodes with mood routes
        std::vector<int> slot(node_count(), -1);  // node -> its place in `routed`
        for (int n = 0; n < node_count(); ++n)
            if (!s_.nodes[n].mood_routes.empty()) {
                slot[n] = static_cast<int>(routed.size());
                routed.push_back(n);
            }
        if (routed.empty()) return;
        // Per routed node, the routes that can be taken, in order: the moods each is taken at and
        // the routed node it leads to (-1 for any other).
        Rows<MoodHop> hops;
        for (std::size_t i = 0; i < routed.size(); ++i) {
            const auto& routes = s_.nodes[routed[i]].mood_routes;
            for (int r = 0; r < static_cast<int>(routes.size()); ++r)
                if (const auto range = mood_range(routes[r])) {
                    const int to = route_link(routed[i], r);
                    hops.add({*range, to >= 0 ? slot[to] : -1});
                }
            hops.end_row();
        }
        std::set<std::set<std::string>> reported;
        std::vector<int> state(routed.size());  // 0 unvisited, 1 on the current walk, 2 finished
        std::vector<int> path;
        for (int mood = 0; mood <= 100; ++mood) {
            std::fill(state.begin(), state.end(), 0);
            for (int i = 0; i < static_cast<int>(routed.size()); ++i) {
                path.clear();
                int cur = i;
                while (cur >= 0 && state[cur] == 0) {
                    state[cur] = 1;
                    path.push_back(cur);
                    int next = -1;  // as matching_route: the first route taken at this mood
                    for (const MoodHop& hop : hops[cur])
                        if (hop.range.contains(mood)) {
                            next = hop.target;
                            break;
                        }
                    cur = next;
                }
                if (cur >= 0 && state[cur] == 1) {
                    std::vector<int> nodes;
                    for (int p : path) nodes.push_back(routed[p]);
                    report_loop(nodes, routed[cur], mood, reported);
                }
                for (int p : path) state[p] = 2;
            }
        }
    }

    void report_loop(const std::vector<int>& path, int again, int mood, std::set<std::set<std::string>>& reported) {
        auto first = std::find(path.begin(), path.end(), again);
        std::set<std::string> loop;
        std::string chain;
        for (auto it = first; it != path.end(); ++it) {
            loop.insert(s_.nodes[*it].id);
            chain += s_.nodes[*it].id + " -> ";
        }
        chain += s_.nodes[again].id;
        if (!reported.insert(loop).second) return;
        const Node& node = s_.nodes[again];
        const SourcePos p = at([&] { return FieldPositions::route(again, 0, "next"); }, node.mood_routes.front().pos);
        report(Severity::Error, p, "route-loop",
               "mood routes go round in a circle when mood is " + std::to_string(mood) + " (" + chain +
                   "); change a 'below' or 'above' so the chain always ends at a node without a matching route");
    }

    void check_style() {
        for (int n = 0; n < node_count(); ++n) {
            prefetch_replies_ahead(s_.nodes, n);
            const Node& node = s_.nodes[n];
            if (node.choices.size() == 1)
                report(Severity::Warning, at([&] { return FieldPositions::node(n, "id"); }, node.pos), "single-choice",
                       "node '" + node.id +
                           "' offers only one choice, so the trainee has nothing to decide; add an alternative");
            for (int c = 0; c < static_cast<int>(node.choices.size()); ++c)
                if (node.choices[c].feedback.empty())
                    report(Severity::Warning, node.choices[c].pos, "no-feedback",
                           "choice " + std::to_string(c + 1) + " of node '" + node.id +
                               "' has no 'feedback'; add one sentence on what the reply does and why it matters");
            if (node.on_timeout && node.on_timeout->feedback.empty())
                report(Severity::Warning, node.on_timeout->pos, "no-feedback",
                       "'on_timeout' of node '" + node.id +
                           "' has no 'feedback'; add one sentence on what hesitating costs");
        }
        const bool has_recovered = std::any_of(s_.endings.begin(), s_.endings.end(),
                                               [](const Ending& e) { return e.type == EndingType::Recovered; });
        if (!s_.endings.empty() && !has_recovered)
            report(Severity::Warning, at("endings", {}), "no-recovered-ending",
                   "no ending has type 'recovered', so the customer can never be won back; add one");
    }

    const Scenario& s_;
    const std::string& file_;
    const FieldPositions* positions_;
    std::vector<Diagnostic>& diags_;
    std::set<std::string> meant_targets_;  // what misspelt targets most likely meant (check_target)
    Rows<int> links_;                      // per node, its links' codes (resolve_links)
    int walkout_ = kUnknown;               // the customer's walkout ending's code
};

}  // namespace

void validate_scenario(const Scenario& scenario, const std::string& file, const FieldPositions* positions,
                       std::vector<Diagnostic>& diags) {
    const int errors_before = count_errors(diags);
    Checker(scenario, file, positions, diags).run();
    // Following playthroughs needs a sound map: with broken links or ids it would only add noise.
    if (count_errors(diags) == errors_before) check_flow(scenario, file, positions, diags);
}

}  // namespace ta
