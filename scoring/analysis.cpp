// Scenario analysis: counts, score range and distribution, best/worst paths, soundness checks.
#include "analysis.h"

#include <algorithm>
#include <deque>
#include <limits>
#include <unordered_map>

#include "analysis_context.h"
#include "prefetch_ahead.h"
#include "score_distribution.h"
#include "session.h"
#include "split_components.h"
#include "validate_flow.h"  // trapped_nodes: no-traps is lint's trap rule

namespace ta::scoring {

namespace {
std::string node_id_of(const Context& c, int state) { return c.s.nodes[c.g.key(state).node].id; }
}  // namespace

const Choice& choice_of_edge(const Context& c, int e) {
    const Node& n = c.s.nodes[c.g.key(c.g.edge(e).from).node];
    return c.g.edge(e).move == kTimeoutChoice ? *n.on_timeout : n.choices[c.g.edge(e).move];
}

PathStep step_of(const Context& c, int e) {
    const Choice& ch = choice_of_edge(c, e);
    return {node_id_of(c, c.g.edge(e).from), c.g.edge(e).move, ch.id, ch.text};
}

std::vector<int> walk_to(const Context& c, int target) {
    std::unordered_map<int, int> via;  // state -> edge that reached it
    std::deque<int> queue{c.g.start()};
    via[c.g.start()] = -1;
    while (!queue.empty() && !via.count(target)) {
        int u = queue.front();
        queue.pop_front();
        if (c.g.is_sink(u)) continue;
        for (int e = c.g.out_begin(u); e < c.g.out_end(u); ++e) {
            int w = c.g.edge(e).to;
            if (via.count(w)) continue;
            via[w] = e;
            queue.push_back(w);
        }
    }
    std::vector<int> walk;
    if (!via.count(target)) return walk;
    for (int v = target; via[v] >= 0; v = c.g.edge(via[v]).from) walk.push_back(via[v]);
    std::reverse(walk.begin(), walk.end());
    return walk;
}

PathReport path_via(const Context& c, const std::vector<int>& prefix, const ToGo& go) {
    PathReport p;
    const Components& comp = c.g.components();
    int cur = c.g.start();
    for (int e : prefix) {
        p.steps.push_back(step_of(c, e));
        for (int k = 0; k < kCompetencyCount; ++k) p.raw[k] += c.g.edge(e).points[k];
        cur = c.g.edge(e).to;
    }
    for (std::size_t guard = 0; !c.g.is_sink(cur) && guard <= c.g.state_count(); ++guard) {
        int exit = go.exit_edge[comp.of[cur]];
        if (exit < 0) break;
        int target = c.g.edge(exit).from;
        if (target != cur) {
            std::unordered_map<int, int> via;  // state -> edge that reached it
            std::deque<int> queue{cur};
            via[cur] = -1;
            while (!queue.empty() && !via.count(target)) {
                int u = queue.front();
                queue.pop_front();
                for (int e = c.g.out_begin(u); e < c.g.out_end(u); ++e) {
                    int w = c.g.edge(e).to;
                    if (comp.of[w] != comp.of[cur] || via.count(w)) continue;
                    via[w] = e;
                    queue.push_back(w);
                }
            }
            std::vector<int> walk;
            for (int v = target; v != cur; v = c.g.edge(via[v]).from) walk.push_back(via[v]);
            for (auto it = walk.rbegin(); it != walk.rend(); ++it) p.steps.push_back(step_of(c, *it));
        }
        p.steps.push_back(step_of(c, exit));
        for (int k = 0; k < kCompetencyCount; ++k) p.raw[k] += c.g.edge(exit).points[k];
        cur = c.g.edge(exit).to;
    }
    if (c.g.is_sink(cur)) {
        int ending = c.g.sink_ending(cur);
        if (ending < static_cast<int>(c.s.endings.size())) p.ending_id = c.s.endings[ending].id;
    }
    p.overall = c.m.overall_of(p.raw);
    return p;
}

namespace {

// Follows the per-component best exits from the start.
PathReport reconstruct(const Context& c, const ToGo& go) { return path_via(c, {}, go); }

// Best playthrough with no choice carrying positive points in `competency`; with `pass_gate`,
// only of those that end with what a pass requires. nullopt: no such playthrough. Without
// `with_steps` only its overall is worked out: in a large story the walk is 100,000 steps.
std::optional<PathReport> best_without(const Context& c, int competency, bool pass_gate, bool with_steps = true) {
    std::vector<char> allowed(c.g.edge_count());
    for (std::size_t e = 0; e < allowed.size(); ++e)
        allowed[e] = !(c.g.edge_positive(static_cast<int>(e)) & (1u << competency)) &&
                     (!pass_gate || c.m.pass_allowed()[e]);
    // Leaving edges out can only split components that have a cycle: without any, the whole
    // graph's components, in their order, serve the subgraph as they are.
    const Components& full = c.g.components();
    const bool acyclic = std::none_of(full.cycle.begin(), full.cycle.end(), [](char cyc) { return cyc; });
    std::optional<Components> sub;
    std::optional<ComponentMembers> sub_members;
    if (!acyclic) {
        sub = split_components(c.g, c.m.members(), allowed);
        sub_members.emplace(*sub);
    }
    ToGo go = to_go(c.g, acyclic ? full : *sub, acyclic ? c.m.members() : *sub_members, &allowed,
                    [&](int e) { return c.m.edge_value(e); }, true);
    double v = go.value[c.g.start()];
    bool no_turns_fail = pass_gate && c.g.is_sink(c.g.start()) && !c.m.rules().pass_eligible(0);
    if (v == -kInf || no_turns_fail) return std::nullopt;
    if (!with_steps) {
        PathReport p;
        p.overall = c.m.offset() + v;
        return p;
    }
    if (!acyclic) {
        // Walks inside a loop must keep to the allowed moves too: follow the subgraph's exits,
        // with a shortest allowed walk inside each component.
        PathReport p;
        const Components& sc = *sub;
        int cur = c.g.start();
        for (std::size_t guard = 0; !c.g.is_sink(cur) && guard <= c.g.state_count(); ++guard) {
            int exit = go.exit_edge[sc.of[cur]];
            if (exit < 0) break;
            std::unordered_map<int, int> via{{cur, -1}};
            std::deque<int> queue{cur};
            const int target = c.g.edge(exit).from;
            while (!queue.empty() && !via.count(target)) {
                int u = queue.front();
                queue.pop_front();
                for (int e = c.g.out_begin(u); e < c.g.out_end(u); ++e) {
                    int w = c.g.edge(e).to;
                    if (!allowed[e] || sc.of[w] != sc.of[cur] || via.count(w)) continue;
                    via[w] = e;
                    queue.push_back(w);
                }
            }
            std::vector<int> walk;
            for (int v = target; v != cur && via.count(v); v = c.g.edge(via[v]).from) walk.push_back(via[v]);
            walk.insert(walk.begin(), exit);
            for (auto it = walk.rbegin(); it != walk.rend(); ++it) {
                p.steps.push_back(step_of(c, *it));
                for (int k = 0; k < kCompetencyCount; ++k) p.raw[k] += c.g.edge(*it).points[k];
            }
            cur = c.g.edge(exit).to;
        }
        if (c.g.is_sink(cur) && c.g.sink_ending(cur) < static_cast<int>(c.s.endings.size()))
            p.ending_id = c.s.endings[c.g.sink_ending(cur)].id;
        p.overall = c.m.offset() + v;
        return p;
    }
    PathReport p = reconstruct(c, go);
    p.overall = c.m.offset() + v;
    return p;
}

std::optional<double> overall_of(const std::optional<PathReport>& p) {
    return p ? std::optional<double>(p->overall) : std::nullopt;
}

std::string list_some(const std::vector<std::string>& items) {
    std::string out;
    for (std::size_t i = 0; i < items.size() && i < 5; ++i) out += (i ? ", " : "") + items[i];
    if (items.size() > 5) out += " and " + std::to_string(items.size() - 5) + " more";
    return out;
}

// `note` (may be empty) ends the verdict: what does and does not count as the behaviour.
// `avoiding`: the best overall of any playthrough without the behaviour; `best`: of those that
// also end with what a pass requires.
CheckResult without_check(const char* name, const char* behaviour, const std::optional<double>& avoiding,
                          const std::optional<double>& best, int pass, const std::string& note = "") {
    CheckResult r;
    r.name = name;
    if (!avoiding) {
        r.ok = true;
        r.verdict = std::string("Sound: every playthrough includes ") + behaviour + ".";
    } else if (!best) {
        r.ok = true;
        r.verdict = std::string("Sound: without ") + behaviour + " the best overall is " + format_tenths(*avoiding) +
                    ", but no such playthrough ends with everything the rubric requires for a pass.";
    } else if (*best + kScoreEps < pass) {
        r.ok = true;
        r.verdict = std::string("Sound: without ") + behaviour + " the best overall is " + format_tenths(*best) +
                    ", below the pass mark of " + std::to_string(pass) + ".";
    } else {
        r.ok = false;
        r.verdict = std::string("Unsound: a trainee can pass without ") + behaviour + " (best overall " +
                    format_tenths(*best) + ", pass mark " + std::to_string(pass) + ").";
    }
    if (!note.empty()) r.verdict += " " + note;
    return r;
}

void soundness(const Context& c, Analysis& a) {
    const double threshold = a.pass_mark - c.m.offset() - kScoreEps;  // path sum a pass needs
    const Components& comp = c.g.components();
    std::vector<double> pre =
        from_start(c.g, comp, c.m.members(), nullptr, [&](int e) { return c.m.edge_value(e); });

    // Choices: offered, on a passing path, dominated. Reports are listed node by node, so choice
    // i of node n is report first_report[n] + i (no map: a large story has millions of moves).
    std::vector<std::size_t> first_report(c.s.nodes.size());
    auto index = [&](int node, int choice) { return first_report[node] + static_cast<std::size_t>(choice); };
    for (std::size_t n = 0; n < c.s.nodes.size(); ++n) {
        prefetch_replies_ahead(c.s.nodes, n);
        first_report[n] = a.choices.size();
        for (std::size_t i = 0; i < c.s.nodes[n].choices.size(); ++i) {
            const Choice& ch = c.s.nodes[n].choices[i];
            ChoiceReport r;
            r.node_id = c.s.nodes[n].id;
            r.choice_index = static_cast<int>(i);
            r.choice_id = ch.id.empty() ? r.node_id + "#" + std::to_string(i + 1) : ch.id;
            r.pos = ch.pos;
            a.choices.push_back(r);
        }
    }
    std::vector<int> offered_at(a.choices.size(), 0), dominated_at(a.choices.size(), 0);
    // `dominated_by` names the dominating reply at the state found first, whatever the numbering.
    std::vector<int> dominated_rank(a.choices.size(), std::numeric_limits<int>::max());
    auto dominates = [&](int d, int e) {
        bool strict = false;
        for (int k = 0; k < kCompetencyCount; ++k) {
            double pd = c.g.edge(d).points[k], pe = c.g.edge(e).points[k];
            double gd = c.m.competency_to_go(k, c.g.edge(d).to), ge = c.m.competency_to_go(k, c.g.edge(e).to);
            if (pd + kScoreEps < pe || gd < ge - kScoreEps) return false;
            strict = strict || pd > pe + kScoreEps || gd > ge + kScoreEps;
        }
        return strict;
    };
    for (int u = 0; u < static_cast<int>(c.g.state_count()); ++u) {
        if (c.g.is_sink(u)) continue;
        int node = c.g.key(u).node;
        for (int e = c.g.out_begin(u); e < c.g.out_end(u); ++e) {
            const Edge& ed = c.g.edge(e);
            if (ed.move == kTimeoutChoice) continue;
            std::size_t r = index(node, ed.move);
            a.choices[r].offered = true;
            ++offered_at[r];
            if (c.m.pass_allowed()[e] && c.m.best_pass_to_go(ed.to) > -kInf &&
                pre[u] + c.m.edge_value(e) + c.m.best_pass_to_go(ed.to) >= threshold)
                a.choices[r].on_passing_path = true;
            for (int d = c.g.out_begin(u); d < c.g.out_end(u); ++d) {
                if (d == e || c.g.edge(d).move == kTimeoutChoice || !dominates(d, e)) continue;
                ++dominated_at[r];
                if (c.g.found_rank(u) < dominated_rank[r]) {
                    dominated_rank[r] = c.g.found_rank(u);
                    a.choices[r].dominated_by = a.choices[index(node, c.g.edge(d).move)].choice_id;
                }
                break;
            }
        }
    }
    for (std::size_t r = 0; r < a.choices.size(); ++r) {
        a.choices[r].dominated = offered_at[r] > 0 && dominated_at[r] == offered_at[r];
        if (!a.choices[r].dominated) a.choices[r].dominated_by.clear();
    }

    // Endings: reachable, and reached by a passing playthrough.
    for (std::size_t e = 0; e < c.s.endings.size(); ++e) {
        EndingReport r;
        r.id = c.s.endings[e].id;
        r.type = c.s.endings[e].type;
        r.can_pass = c.s.endings[e].passable();
        for (int u = 0; u < static_cast<int>(c.g.state_count()); ++u)
            if (c.g.is_sink(u) && c.g.sink_ending(u) == static_cast<int>(e) && pre[u] > -kInf) {
                r.reachable = true;
                r.best_overall = c.m.offset() + pre[u];
                r.passing_reaches = u == c.g.start() && c.m.rules().pass_eligible(0) && pre[u] >= threshold;
            }
        a.endings.push_back(r);
    }
    for (std::size_t e = 0; e < c.g.edge_count(); ++e) {
        const Edge& ed = c.g.edge(static_cast<int>(e));
        if (!c.g.is_sink(ed.to) || !ed.pass_eligible || pre[ed.from] == -kInf) continue;
        int ending = c.g.sink_ending(ed.to);
        if (ending < static_cast<int>(a.endings.size()) && pre[ed.from] + c.m.edge_value(static_cast<int>(e)) >= threshold)
            a.endings[ending].passing_reaches = true;
    }

    // An example for each ending that can pass: its best playthrough among those a pass allows.
    for (std::size_t e = 0; e < a.endings.size(); ++e) {
        if (!a.endings[e].can_pass || !a.endings[e].reachable) continue;
        std::vector<char> allowed(c.g.edge_count());
        for (std::size_t k = 0; k < allowed.size(); ++k) {
            const Edge& ed = c.g.edge(static_cast<int>(k));
            allowed[k] = !c.g.is_sink(ed.to) || (c.g.sink_ending(ed.to) == static_cast<int>(e) && ed.pass_eligible);
        }
        // Removing edges into endings never changes the components.
        ToGo go = to_go(c.g, comp, c.m.members(), &allowed, [&](int k) { return c.m.edge_value(k); }, true);
        if (go.value[c.g.start()] > -kInf) a.endings[e].example = path_via(c, {}, go);
    }

    // Stuck situations by state; loops by node (a node the trainee can reach twice, however
    // patience bounds it).
    std::vector<char> stuck(c.s.nodes.size(), 0);
    bool state_cycle = false;
    for (int u = 0; u < static_cast<int>(c.g.state_count()); ++u) {
        if (c.g.is_sink(u)) continue;
        if (!c.m.reaches_ending(u)) stuck[c.g.key(u).node] = 1;
        else if (comp.cycle[comp.of[u]]) state_cycle = true;
    }
    // A loop only the customer's walking out ends is a trap too: lint's rule, shared.
    for (const auto& id : trapped_nodes(c.s))
        if (const int n = c.s.node_index(id); n >= 0) stuck[n] = 1;
    for (std::size_t n = 0; n < c.s.nodes.size(); ++n)
        if (stuck[n]) a.stuck_nodes.push_back(c.s.nodes[n].id);
    for (int n : c.g.loop_nodes()) a.loop_nodes.push_back(c.s.nodes[n].id);
    a.infinite = state_cycle;
}

// A playthrough through edge `e`: a shortest way there, then the best way on.
PathReport example_via(const Context& c, int e) {
    std::vector<int> prefix = walk_to(c, c.g.edge(e).from);
    prefix.push_back(e);
    return path_via(c, prefix, c.m.best_go());
}

// A playthrough through the first move `wanted` accepts, states taken as the exploration found
// them (nearest the start first); nullopt when there is none.
template <class Wanted>
std::optional<PathReport> first_example(const Context& c, Wanted wanted) {
    for (int u : c.g.found_order())
        for (int e = c.g.out_begin(u); e < c.g.out_end(u); ++e)
            if (wanted(c.g.edge(e))) return example_via(c, e);
    return std::nullopt;
}

void run_checks(const Context& c, Analysis& a) {
    const Scenario& s = c.s;
    const ScoreModel& m = c.m;
    std::vector<CheckResult> checks;
    {
        CheckResult r;
        r.name = "passable";
        double best = m.best_passing_overall();
        r.ok = best + kScoreEps >= a.pass_mark;
        const bool nothing_scored = std::none_of(a.exercised.begin(), a.exercised.end(), [](bool e) { return e; });
        r.verdict = r.ok ? "Passable: the best passing playthrough scores " + format_tenths(best) + "."
                    : nothing_scored
                        ? "Unpassable: every playthrough scores the same in every competency with a weight, so "
                          "there is nothing to grade; give the choices tags that differ."
                    : best == -kInf
                        ? "Unpassable: no playthrough includes everything a pass requires."
                        : "Unpassable: the best playthrough that includes everything a pass requires scores " +
                              format_tenths(best) + ", below the pass mark of " + std::to_string(a.pass_mark) + ".";
        if (!r.ok && best > -kInf) r.example = path_via(c, {}, m.pass_go());
        checks.push_back(r);
    }
    auto avoiding = [&](Competency k) { return a.best_avoiding[static_cast<int>(k)]; };
    checks.push_back(without_check("no-pass-without-apology", "an apology", avoiding(Competency::Apology),
                                   a.max_without_apology, a.pass_mark));
    checks.push_back(without_check("no-pass-without-listening", "a question or other listening",
                                   avoiding(Competency::Listening), a.max_without_listening, a.pass_mark));
    checks.push_back(without_check("no-pass-without-follow-up", "follow-up", avoiding(Competency::FollowUp),
                                   a.max_without_follow_up, a.pass_mark,
                                   "A promise to follow up counts only once it is kept."));
    for (std::size_t k = checks.size() - 3; k < checks.size(); ++k) {
        static const Competency order[3] = {Competency::Apology, Competency::Listening, Competency::FollowUp};
        // The playthrough is walked only for a check that fails, to show it.
        if (!checks[k].ok)
            checks[k].example = best_without(c, static_cast<int>(order[k - (checks.size() - 3)]), true);
    }
    {
        std::vector<std::string> never, fatal, dominated;
        for (const auto& ch : a.choices) {
            if (!ch.offered) never.push_back(ch.choice_id);
            else if (!ch.on_passing_path) fatal.push_back(ch.choice_id);
            if (ch.dominated) dominated.push_back(ch.choice_id + " (by " + ch.dominated_by + ")");
        }
        CheckResult r;
        r.name = "no-dead-choices";
        r.ok = never.empty() && fatal.empty() && dominated.empty();
        if (r.ok) r.verdict = "Every choice is offered, lies on some passing playthrough and is not dominated.";
        if (!never.empty()) r.verdict += "Never offered: " + list_some(never) + ". ";
        if (!fatal.empty()) r.verdict += "On no passing playthrough: " + list_some(fatal) + ". ";
        if (!dominated.empty()) r.verdict += "Dominated in every competency: " + list_some(dominated) + ".";
        while (!r.verdict.empty() && r.verdict.back() == ' ') r.verdict.pop_back();
        for (const auto& ch : a.choices)  // a playthrough through the first choice that no pass takes
            if (ch.offered && !ch.on_passing_path && !r.example)
                r.example = first_example(c, [&](const Edge& ed) {
                    return ed.move == ch.choice_index && c.s.nodes[c.g.key(ed.from).node].id == ch.node_id;
                });
        checks.push_back(r);
    }
    {
        std::vector<std::string> trap_endings;
        for (const auto& e : a.endings)
            // A recovered ending the author marked can_pass: false is no trap: the author says no pass ends there.
            if (e.reachable && e.type == EndingType::Recovered && e.can_pass && !e.passing_reaches) trap_endings.push_back(e.id);
        CheckResult r;
        r.name = "no-traps";
        r.ok = a.stuck_nodes.empty() && trap_endings.empty();
        if (r.ok) r.verdict = "No trainee can get stuck, and every recovered ending can be reached with a pass.";
        if (!a.stuck_nodes.empty())
            r.verdict += "A trainee can end up unable to reach any ending at: " + list_some(a.stuck_nodes) + ". ";
        if (!trap_endings.empty())
            r.verdict += "The customer is recovered but no passing playthrough gets there: " + list_some(trap_endings) + ".";
        while (!r.verdict.empty() && r.verdict.back() == ' ') r.verdict.pop_back();
        for (int u : c.g.found_order())
            if (!c.g.is_sink(u) && !m.reaches_ending(u)) {
                PathReport p;
                for (int e : walk_to(c, u)) p.steps.push_back(step_of(c, e));
                r.example = p;
                break;
            }
        checks.push_back(r);
    }
    {
        CheckResult r;
        r.name = "no-loops";
        r.ok = a.loop_nodes.empty();
        r.verdict = r.ok ? "No loops: no node can be reached twice."
                         : "A trainee can come back to: " + list_some(a.loop_nodes) +
                               " (a detour's credit is not counted when it comes back; repeated moves earn nothing).";
        if (!r.ok)
            r.example = first_example(c, [](const Edge& ed) { return ed.detour == Detour::Returned || ed.in_loop; });
        checks.push_back(r);
    }
    checks.push_back(length_cue_check(c, a));
    checks.push_back(model_path_check(c));
    checks.push_back(promise_check(c));
    for (auto& r : checks) {
        // Every finished scenario must be passable; a draft's scoring may not be written yet.
        r.enforced = (r.name == "passable" && !s.draft) ||
                     std::find(s.scoring.checks.begin(), s.scoring.checks.end(), r.name) != s.scoring.checks.end();
        if (auto w = s.scoring.waived.find(r.name); w != s.scoring.waived.end() && !r.enforced) r.waived = w->second;
    }
    for (const auto& name : s.scoring.checks)
        if (std::find(known_checks().begin(), known_checks().end(), name) == known_checks().end() && name != "passable")
            a.unknown_checks.push_back(name);
    a.checks = std::move(checks);
}

}  // namespace

bool Analysis::enforced_failed() const {
    if (!ok || !unknown_checks.empty()) return true;
    for (const auto& c : checks)
        if (c.enforced && !c.ok) return true;
    return false;
}

Analysis analyze(const Scenario& scenario, const Rubric& rubric) {
    Analysis a;
    a.scenario_id = scenario.id;
    a.draft = scenario.draft;
    ScoreModel m(scenario, rubric);
    const StateGraph& g = m.graph();
    a.weights = m.weights();
    a.pass_mark = m.pass_mark();
    a.states = g.state_count();
    a.edges = g.edge_count();
    if (!m.ok()) {
        a.error = m.error();
        return a;
    }
    a.ok = true;
    Context c{scenario, m, g};
    a.best = m.best();
    a.worst = m.worst();
    for (int k = 0; k < kCompetencyCount; ++k) a.exercised[k] = m.exercised(k);
    a.max_overall = m.offset() + m.best_to_go(g.start());
    a.min_overall = m.offset() + m.worst_to_go(g.start());
    a.best_path = reconstruct(c, m.best_go());
    a.worst_path = reconstruct(c, m.worst_go());
    soundness(c, a);
    if (!a.infinite) {
        Completions completions = count_completions(m);
        a.playthroughs = completions.all[g.start()];
        ScoreDistribution d = score_distribution(m, completions);
        a.histogram_computed = d.computed;
        a.histogram = d.computed ? std::move(d.histogram) : std::vector<BigNum>(10);
        a.passing_playthroughs = d.passing;
    }
    for (int k = 0; k < kCompetencyCount; ++k) a.best_avoiding[k] = overall_of(best_without(c, k, false, false));
    std::array<std::optional<PathReport>, kCompetencyCount> passing_without;
    for (Competency k : {Competency::Apology, Competency::Listening, Competency::FollowUp})
        passing_without[static_cast<int>(k)] = best_without(c, static_cast<int>(k), true, false);
    a.max_without_apology = overall_of(passing_without[static_cast<int>(Competency::Apology)]);
    a.max_without_listening = overall_of(passing_without[static_cast<int>(Competency::Listening)]);
    a.max_without_follow_up = overall_of(passing_without[static_cast<int>(Competency::FollowUp)]);
    run_checks(c, a);
    return a;
}

}  // namespace ta::scoring
