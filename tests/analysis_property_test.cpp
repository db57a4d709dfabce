// Analysis property test: on many small random scenarios (fixed seeds, so every run checks the
// same ones) the dynamic-programming analysis equals brute-force enumeration of every playthrough
// with the real runtime (Session), scored here independently: the scale, the pass verdict (facts,
// red lines, endings that can pass) and the detour rule (credit on a loop of the node graph is
// held until the conversation leaves it, and dropped when it comes back to a node visited).
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <tuple>

#include "analysis.h"
#include "debrief.h"
#include "rules.h"
#include "score_model.h"

using namespace ta;
using namespace ta::scoring;

namespace {

// Deterministic on every platform (std::uniform_int_distribution is not).
struct Rng {
    std::mt19937 gen;
    explicit Rng(unsigned seed) : gen(seed) {}
    int below(int n) { return static_cast<int>(gen() % static_cast<unsigned>(n)); }
    int between(int lo, int hi) { return lo + below(hi - lo + 1); }
    bool chance(int percent) { return below(100) < percent; }
};

// With `loops`, moves may also lead back to earlier nodes; such a move always lowers the mood and
// the customer has limited patience, so every playthrough still ends.
Scenario random_scenario(unsigned seed, bool loops = false) {
    Rng r(seed);
    const std::set<std::string> names = default_rubric().tag_names();
    const std::vector<std::string> tags(names.begin(), names.end());
    const std::vector<std::string> flags = {"f1", "f2"};
    const std::vector<std::string> endings = {"won", "handed-on", "lost"};
    Scenario s;
    s.id = "random-" + std::to_string(seed);
    int n = r.between(1, 6);
    s.customer.mood = r.between(10, 60);
    if (loops || r.chance(30)) {
        s.customer.patience = r.between(1, 3);
        s.customer.walkout = "lost";
    }
    if (r.chance(30)) s.scoring.pass_mark = r.between(30, 80);
    if (r.chance(30)) s.scoring.weights = {double(r.between(0, 3)), double(r.between(0, 3)), double(r.between(1, 3)),
                                           double(r.between(0, 2)), 1.0};
    auto target = [&](int from) {
        int options = n - from - 1;  // later nodes only: the node graph stays acyclic
        if (options > 0 && r.chance(70)) return "n" + std::to_string(from + 1 + r.below(options));
        return endings[r.below(3)];
    };
    auto random_choice = [&](int from, int index) {
        Choice c;
        c.id = "n" + std::to_string(from) + "#" + std::to_string(index + 1);
        c.text = "say " + c.id;
        c.next = target(from);
        c.mood = r.between(-20, 20);
        if (loops && r.chance(35)) {  // back to this node or an earlier one: a detour
            c.next = "n" + std::to_string(r.below(from + 1));
            c.mood = r.between(-20, -1);
        }
        int k = r.between(0, 2);
        for (int t = 0; t < k; ++t) c.tags.push_back(tags[r.below(static_cast<int>(tags.size()))]);
        // The facts a pass requires, often enough that many scenarios can be passed.
        if (r.chance(30)) c.tags.push_back(r.chance(50) ? "apologise" : "ask_question");
        if (r.chance(10)) {
            c.points[r.below(kCompetencyCount)] = r.between(-5, 5);
            c.has_points = true;
        }
        if (r.chance(20)) c.sets.push_back(flags[r.below(2)]);
        if (r.chance(10)) c.clears.push_back(flags[r.below(2)]);
        if (r.chance(20)) c.requires_flags.push_back(flags[r.below(2)]);
        else if (r.chance(15)) c.requires_not_flags.push_back(flags[r.below(2)]);
        return c;
    };
    for (int i = 0; i < n; ++i) {
        Node node;
        node.id = "n" + std::to_string(i);
        int choices = r.between(1, 3);
        for (int k = 0; k < choices; ++k) node.choices.push_back(random_choice(i, k));
        if (r.chance(20)) {
            node.timer_seconds = 10;
            node.on_timeout = random_choice(i, 9);
            node.on_timeout->tags = {"hesitate"};
        }
        if (r.chance(25)) {
            MoodRoute route;
            if (r.chance(50)) route.below = r.between(5, 30);
            else route.above = r.between(50, 90);
            route.next = target(i);
            node.mood_routes.push_back(route);
        }
        s.nodes.push_back(node);
    }
    s.start = "n0";
    s.endings = {{"won", EndingType::Recovered, "Won", "", {}, {}},
                 {"handed-on", EndingType::Escalated, "Handed on", "", {}, {}},
                 {"lost", EndingType::Lost, "Lost", "", {}, {}}};
    if (r.chance(30)) s.endings[1].can_pass = false;  // a cold handover
    if (r.chance(10)) {  // a scenario's own critical reply
        Node& n = s.nodes[r.below(static_cast<int>(s.nodes.size()))];
        n.choices[0].red_line = "unsafe here";
    }
    s.reindex();
    return s;
}

// Which nodes lie on a common loop of the node graph (moves, time-outs and mood-route hops),
// worked out by plain reachability: u and v share a loop when each reaches the other.
struct Loops {
    std::vector<std::vector<char>> reach;  // reach[u][v]: v can be entered after u, in one move or more
    explicit Loops(const Scenario& s) {
        const int n = static_cast<int>(s.nodes.size());
        reach.assign(n, std::vector<char>(n, 0));
        auto succ = [&](int u) {
            std::vector<int> out;
            auto add = [&](const std::string& id) {
                if (int t = s.node_index(id); t >= 0) out.push_back(t);
            };
            for (const auto& c : s.nodes[u].choices) add(c.next);
            if (s.nodes[u].on_timeout) add(s.nodes[u].on_timeout->next);
            for (const auto& rt : s.nodes[u].mood_routes) add(rt.next);
            return out;
        };
        for (int u = 0; u < n; ++u) {
            std::vector<int> stack = succ(u);
            while (!stack.empty()) {
                int v = stack.back();
                stack.pop_back();
                if (reach[u][v]) continue;
                reach[u][v] = 1;
                for (int w : succ(v)) stack.push_back(w);
            }
        }
    }
    bool same_loop(int u, int v) const { return u >= 0 && v >= 0 && reach[u][v] && reach[v][u]; }
    bool on_loop(int u) const { return u >= 0 && reach[u][u]; }
};

struct Playthrough {
    std::vector<std::pair<std::string, int>> moves;  // (node, choice)
    std::string ending;
    CompetencyArray raw{};
    FactMask facts = 0;
    std::uint8_t positive = 0;  // competencies some choice on the way carried positive points in
    std::vector<int> path;
    bool eligible = false;      // ends with what a pass needs: facts, no red line, an ending that can pass
};

struct BruteForce {
    const Scenario& s;
    RuleBook rules{default_rubric()};
    Loops loops{s};
    std::vector<Playthrough> complete;
    std::set<std::pair<std::string, int>> offered;
    std::set<std::string> stuck_nodes;
    std::set<std::string> at_nodes;  // every node a playthrough stands at

    explicit BruteForce(const Scenario& sc) : s(sc) {}

    // Scores a finished playthrough move by move, with the detour rule.
    Playthrough score(const Session& at, const std::vector<int>& path) const {
        Playthrough p;
        p.ending = at.ending()->id;
        p.path = path;
        const auto& turns = at.turns();
        FactMask held_facts = 0;
        CompetencyArray held{};
        std::set<int> visited;
        if (!turns.empty() && loops.on_loop(s.node_index(turns[0].node_id))) visited.insert(s.node_index(turns[0].node_id));
        bool red_line_end = false;
        for (std::size_t k = 0; k < turns.size(); ++k) {
            const Turn& t = turns[k];
            const Choice& c = at.choice_of(t);
            MoveProfile prof = rules.profile(c);
            const FactMask known = static_cast<FactMask>(p.facts | held_facts);
            StepResult st = rules.step(prof, known);
            const FactMask fresh = static_cast<FactMask>(st.facts_after & ~known);
            const int from = s.node_index(t.node_id);
            const int to = k + 1 < turns.size() ? s.node_index(turns[k + 1].node_id) : -1;
            CompetencyArray counted = st.points;
            const int meant = s.node_index(c.next);  // where the reply itself leads
            if (loops.same_loop(from, meant)) {
                for (int i = 0; i < kCompetencyCount; ++i) counted[i] = std::min(0.0, st.points[i]);
                p.facts |= static_cast<FactMask>(fresh & rules.harm_facts());
                if (!loops.same_loop(from, to)) {  // patience or mood ended the detour elsewhere
                    held = {};
                    held_facts = 0;
                    visited.clear();
                    if (loops.on_loop(to)) visited.insert(to);
                } else if (visited.count(to)) {  // back where it had been: the held credit is dropped
                    held = {};
                    held_facts = 0;
                } else {
                    for (int i = 0; i < kCompetencyCount; ++i) held[i] += std::max(0.0, st.points[i]);
                    held_facts |= static_cast<FactMask>(fresh & ~rules.harm_facts());
                    visited.insert(to);
                }
            } else {
                for (int i = 0; i < kCompetencyCount; ++i) counted[i] += held[i];
                p.facts |= static_cast<FactMask>(held_facts | fresh);
                held = {};
                held_facts = 0;
                visited.clear();
                if (loops.on_loop(to)) visited.insert(to);
            }
            for (int i = 0; i < kCompetencyCount; ++i) p.raw[i] += counted[i];
            p.positive |= prof.positive;
            p.moves.emplace_back(t.node_id, t.choice_index);
        }
        if (!turns.empty()) {
            EndResult end = rules.end(p.facts);
            for (int i = 0; i < kCompetencyCount; ++i) p.raw[i] += end.points[i];
            red_line_end = end.red_line;
        }
        const Ending* e = at.ending();
        p.eligible = rules.pass_eligible(p.facts) && !red_line_end && e && s.find_ending(e->id) && e->passable();
        return p;
    }

    // Returns whether some ending can be reached from this session.
    bool explore(const Session& at, std::vector<int>& path) {
        if (path.size() > 60) return false;  // cannot happen with patience-bounded loops
        if (at.ended()) {
            complete.push_back(score(at, path));
            return true;
        }
        bool any = false;
        at_nodes.insert(at.current_node()->id);
        for (int c : at.available_choices()) {
            offered.emplace(at.current_node()->id, c);
            Session next = at;
            next.choose(c);
            path.push_back(c);
            any = explore(next, path) || any;
            path.pop_back();
        }
        if (at.current_node()->on_timeout) {
            Session next = at;
            next.time_out();
            path.push_back(kTimeoutChoice);
            any = explore(next, path) || any;
            path.pop_back();
        }
        if (!any) stuck_nodes.insert(at.current_node()->id);
        return any;
    }
};

// Nodes from which no ending can be reached when the customer's patience is endless: a loop only
// a walk-out ends is a trap too. Played with Session on a copy without patience, state by state.
std::set<std::string> stuck_with_endless_patience(const Scenario& original) {
    Scenario s = original;
    s.customer.patience = 0;
    using Key = std::tuple<std::string, std::set<std::string>, int>;
    std::map<Key, int> index;
    std::vector<Session> states;
    std::vector<std::vector<int>> next;  // -1: an ending
    auto intern = [&](const Session& at) {
        if (at.ended()) return -1;
        auto [it, fresh] = index.emplace(Key{at.current_node()->id, at.flags(), at.mood()}, static_cast<int>(states.size()));
        if (fresh) {
            states.push_back(at);
            next.emplace_back();
        }
        return it->second;
    };
    intern(Session(s));
    for (std::size_t u = 0; u < states.size(); ++u) {
        const Session at = states[u];
        for (int c : at.available_choices()) {
            Session n = at;
            n.choose(c);
            const int v = intern(n);  // first: it may grow `next`
            next[u].push_back(v);
        }
        if (at.current_node()->on_timeout) {
            Session n = at;
            n.time_out();
            const int v = intern(n);
            next[u].push_back(v);
        }
    }
    std::vector<char> finishes(states.size(), 0);
    for (bool changed = true; changed;) {
        changed = false;
        for (std::size_t u = 0; u < states.size(); ++u)
            if (!finishes[u] && std::any_of(next[u].begin(), next[u].end(), [&](int v) { return v < 0 || finishes[v]; }))
                finishes[u] = changed = true;
    }
    std::set<std::string> out;
    for (std::size_t u = 0; u < states.size(); ++u)
        if (!finishes[u]) out.insert(states[u].current_node()->id);
    return out;
}

// A choice that ends the conversation at "won".
Choice winning_choice(std::string id, std::string text, std::vector<std::string> tags) {
    Choice c;
    c.id = std::move(id);
    c.text = std::move(text);
    c.next = "won";
    c.tags = std::move(tags);
    return c;
}

// A scenario of one situation, "a", offering `choices`, with the single ending "won".
Scenario one_situation(std::string id, std::vector<Choice> choices) {
    Scenario s;
    s.id = std::move(id);
    s.start = "a";
    s.nodes = {Node{}};
    s.nodes[0].id = "a";
    s.nodes[0].choices = std::move(choices);
    s.endings = {{"won", EndingType::Recovered, "Won", "", {}, {}}};
    s.reindex();
    return s;
}

}  // namespace

TEST_CASE("analysis equals brute-force enumeration on random scenarios") {
    int analysed = 0, with_passes = 0, with_detours = 0;
    // Seeds above 1000 make scenarios with patience-bounded loops (detours).
    for (unsigned seed = 1; seed <= 1600; ++seed) {
        CAPTURE(seed);
        Scenario s = random_scenario(seed, seed > 1000);
        BruteForce bf(s);
        std::vector<int> path;
        bf.explore(Session(s), path);
        Analysis a = analyze(s);
        REQUIRE(a.ok == !bf.complete.empty());
        if (!a.ok) continue;
        ++analysed;
        CHECK_FALSE(a.infinite);
        // no-loops names exactly the nodes a playthrough reaches twice or could: on a loop and reached.
        std::set<std::string> on_loop;
        for (const auto& id : bf.at_nodes)
            if (bf.loops.on_loop(s.node_index(id))) on_loop.insert(id);
        {
            std::string got, want;
            for (const auto& n : a.loop_nodes) got += n + " ";
            for (const auto& n : on_loop) want += n + " ";
            CHECK(got == want);
        }
        // Going round a detour never pays: with no flags or mood routes to change what comes after,
        // no playthrough that visits a node twice beats the best one that does not.
        bool plain = true;
        for (const auto& n : s.nodes) {
            plain = plain && n.mood_routes.empty();
            for (const auto& c : n.choices) plain = plain && c.requires_flags.empty() && c.requires_not_flags.empty();
        }
        auto revisits = [](const Playthrough& p) {
            std::set<std::string> seen;
            for (const auto& m : p.moves)
                if (!seen.insert(m.first).second) return true;
            return false;
        };
        CHECK(a.playthroughs.to_string() == std::to_string(bf.complete.size()));

        EffectiveScoring eff = effective_scoring(default_rubric(), s);
        CompetencyArray best, worst;
        best.fill(-1e18);
        worst.fill(1e18);
        for (const auto& p : bf.complete)
            for (int i = 0; i < kCompetencyCount; ++i) {
                best[i] = std::max(best[i], p.raw[i]);
                worst[i] = std::min(worst[i], p.raw[i]);
            }
        double wsum = 0;
        for (int i = 0; i < kCompetencyCount; ++i) {
            CHECK(a.best[i] == doctest::Approx(best[i]));
            CHECK(a.worst[i] == doctest::Approx(worst[i]));
            if (best[i] - worst[i] > 1e-6 && eff.weights[i] > 0) wsum += eff.weights[i];
        }
        // 0 = nothing shown (or, where only penalties are possible and for composure, the worst),
        // 100 = the best.
        auto overall_of = [&](const CompetencyArray& raw) {
            double sum = 0;
            for (int i = 0; i < kCompetencyCount; ++i)
                if (best[i] - worst[i] > 1e-6 && eff.weights[i] > 0) {
                    const double zero = best[i] > 1e-6 && !default_rubric().scale_from_worst[i] ? 0 : worst[i];
                    sum += eff.weights[i] * 100 * (raw[i] - zero) / (best[i] - zero);
                }
            return wsum > 0 ? sum / wsum : 0.0;
        };
        RuleBook rules(default_rubric());
        double lo = 1e18, hi = -1e18;
        std::vector<std::uint64_t> histogram(10, 0);
        std::uint64_t passing = 0;
        std::set<std::pair<std::string, int>> on_passing;
        std::set<std::string> passing_endings;
        std::map<int, double> best_without;  // competency -> best overall of eligible paths avoiding it
        std::map<int, double> best_avoiding;  // competency -> best overall of any path avoiding it
        for (const auto& p : bf.complete) {
            double o = overall_of(p.raw);
            lo = std::min(lo, o);
            hi = std::max(hi, o);
            ++histogram[score_bucket(o)];
            bool eligible = p.eligible;
            for (int c = 0; c < kCompetencyCount; ++c)
                if (!(p.positive & (1u << c)))
                    best_avoiding[c] = best_avoiding.count(c) ? std::max(best_avoiding[c], o) : o;
            for (int c : {0, 1, 3})
                if (eligible && !(p.positive & (1u << c)))
                    best_without[c] = best_without.count(c) ? std::max(best_without[c], o) : o;
            if (eligible && o + 1e-6 >= a.pass_mark) {
                ++passing;
                passing_endings.insert(p.ending);
                for (const auto& m : p.moves)
                    if (m.second != kTimeoutChoice) on_passing.insert(m);
            }
        }
        CHECK(a.min_overall == doctest::Approx(lo));
        CHECK(a.max_overall == doctest::Approx(hi));
        if (plain) {
            // Credit: no competency earns more on a detour than the best playthrough without one
            // earns in it. Verdict: no detour that could pass beats the best one without a detour
            // that could. (A detour can still score above it by ending early, the customer walking
            // out before worse was said; a lost customer never passes.)
            CompetencyArray simple_credit, detour_credit;
            simple_credit.fill(0);
            detour_credit.fill(0);
            double best_simple = -1e18, best_detour = -1e18;
            for (const auto& p : bf.complete) {
                const bool d = revisits(p);
                for (int i = 0; i < kCompetencyCount; ++i)
                    (d ? detour_credit : simple_credit)[i] = std::max((d ? detour_credit : simple_credit)[i], p.raw[i]);
                if (p.eligible) (d ? best_detour : best_simple) = std::max(d ? best_detour : best_simple, overall_of(p.raw));
            }
            if (std::any_of(bf.complete.begin(), bf.complete.end(), revisits)) ++with_detours;
            for (int i = 0; i < kCompetencyCount; ++i) CHECK(detour_credit[i] <= simple_credit[i] + 1e-6);
            if (best_detour > -1e18) CHECK(best_detour <= best_simple + 1e-6);
        }
        REQUIRE(a.histogram_computed);
        for (int b = 0; b < 10; ++b) CHECK(a.histogram[b].to_string() == std::to_string(histogram[b]));
        CHECK(a.passing_playthroughs.to_string() == std::to_string(passing));
        if (passing > 0) ++with_passes;

        auto check_without = [&](const std::optional<double>& got, int c) {
            REQUIRE(got.has_value() == (best_without.count(c) > 0));
            if (got) CHECK(*got == doctest::Approx(best_without[c]));
        };
        for (int c = 0; c < kCompetencyCount; ++c) {
            REQUIRE(a.best_avoiding[c].has_value() == (best_avoiding.count(c) > 0));
            if (a.best_avoiding[c]) CHECK(*a.best_avoiding[c] == doctest::Approx(best_avoiding[c]));
        }
        check_without(a.max_without_listening, 0);
        check_without(a.max_without_apology, 1);
        check_without(a.max_without_follow_up, 3);

        for (const auto& ch : a.choices) {
            CAPTURE(ch.choice_id);
            CHECK(ch.offered == (bf.offered.count({ch.node_id, ch.choice_index}) > 0));
            CHECK(ch.on_passing_path == (on_passing.count({ch.node_id, ch.choice_index}) > 0));
        }
        for (const auto& e : a.endings) {
            bool reached = std::any_of(bf.complete.begin(), bf.complete.end(), [&](auto& p) { return p.ending == e.id; });
            CHECK(e.reachable == reached);
            CHECK(e.passing_reaches == (passing_endings.count(e.id) > 0));
        }
        std::set<std::string> stuck = bf.stuck_nodes;
        for (const auto& id : stuck_with_endless_patience(s)) stuck.insert(id);
        CHECK(std::set<std::string>(a.stuck_nodes.begin(), a.stuck_nodes.end()) == stuck);

        // The reported best and worst paths are real playthroughs with the reported scores.
        for (const PathReport* pr : {&a.best_path, &a.worst_path}) {
            std::vector<int> moves;
            for (const auto& st : pr->steps) moves.push_back(st.choice_index);
            Session replay = Session::replay(s, moves);
            REQUIRE(replay.ended());
            CHECK(replay.ending()->id == pr->ending_id);
            Debrief d = grade(s, replay, default_rubric());
            CHECK(d.overall == doctest::Approx(pr->overall));
        }
        CHECK(a.best_path.overall == doctest::Approx(hi));
        CHECK(a.worst_path.overall == doctest::Approx(lo));

        // Grading any playthrough agrees with the brute-force scale.
        const Playthrough& sample = bf.complete[seed % bf.complete.size()];
        Debrief d = grade(s, Session::replay(s, sample.path), default_rubric());
        CHECK(d.overall == doctest::Approx(overall_of(sample.raw)));
        CHECK(d.passed == (sample.eligible && overall_of(sample.raw) + 1e-6 >= d.pass_mark));
        // The debrief's turns add up to its total, detours included.
        CompetencyArray summed{};
        for (const auto& t : d.turns)
            for (int i = 0; i < kCompetencyCount; ++i) summed[i] += t.points[i];
        for (int i = 0; i < kCompetencyCount; ++i) CHECK(summed[i] == doctest::Approx(sample.raw[i]));
    }
    // The generator must exercise the interesting cases, not just trivial scenarios.
    CHECK(analysed > 1300);
    CHECK(with_passes > 40);  // lost endings and red lines never pass, so fewer do than before
    CHECK(with_detours > 20);
}

// The sweeps read states in number order, so states are numbered component by component; the
// searches for a first example go in the order the exploration found the states. Returns whether
// the graph has a cycle.
bool check_numbering(const Scenario& s) {
    ScoreModel m(s, default_rubric());
    if (!m.ok()) return false;
    const StateGraph& g = m.graph();
    const int n = static_cast<int>(g.state_count());
    REQUIRE(static_cast<int>(g.found_order().size()) == n);
    std::vector<char> seen(n, 0);
    for (int i = 0; i < n; ++i) {
        const int u = g.found_order()[i];
        REQUIRE(u >= 0);
        REQUIRE(u < n);
        CHECK_FALSE(seen[u]);
        seen[u] = 1;
        CHECK(g.found_rank(u) == i);
    }
    // The sinks were found first, then the start (unless the scenario starts at an ending).
    const int sinks = static_cast<int>(s.endings.size()) + 1;
    for (int i = 0; i < sinks; ++i) CHECK(g.is_sink(g.found_order()[i]));
    if (!g.is_sink(g.start())) CHECK(g.found_rank(g.start()) == sinks);
    bool cycle = false;
    std::vector<int> earliest_into(n, n);  // per state: the rank of the first state found with a move into it
    for (int u = 0; u < n; ++u) {
        if (u > 0) CHECK(g.scc(u) >= g.scc(u - 1));  // a component's members are consecutive
        cycle = cycle || g.scc_nontrivial(g.scc(u));
        for (int e = g.out_begin(u); e < g.out_end(u); ++e) {
            CHECK(g.edge(e).from == u);
            CHECK(g.edge_to(e) == g.edge(e).to);
            CHECK(g.scc(g.edge_to(e)) <= g.scc(u));  // successors come first
            earliest_into[g.edge_to(e)] = std::min(earliest_into[g.edge_to(e)], g.found_rank(u));
        }
    }
    // Breadth-first: every state after the start was found through a move from one found before it.
    for (int i = sinks + 1; i < n; ++i) CHECK(earliest_into[g.found_order()[i]] < i);
    return cycle;
}

TEST_CASE("the state graph is numbered component by component and keeps the breadth-first order") {
    for (unsigned seed = 1; seed <= 1600; seed += 5) {
        CAPTURE(seed);
        check_numbering(random_scenario(seed, seed > 1000));
    }
}

TEST_CASE("loops: counted as unlimited, reported, and never farmed") {
    Scenario s;
    s.id = "loop";
    s.start = "a";
    Node a;
    a.id = "a";
    Choice again;
    again.text = "Say again?";
    again.next = "b";
    again.tags = {"ask_question"};
    Choice sorry;
    sorry.text = "Sorry, here is the fix.";
    sorry.next = "won";
    sorry.tags = {"apologise", "fix_fast"};
    a.choices = {again, sorry};
    Node b;
    b.id = "b";
    Choice back;
    back.text = "Go on.";
    back.next = "a";
    back.tags = {"let_them_speak"};
    b.choices = {back};
    Node trap;
    trap.id = "trap";
    Choice stay;
    stay.text = "Hmm.";
    stay.next = "trap";
    trap.choices = {stay};
    Choice into_trap;
    into_trap.text = "...";
    into_trap.next = "trap";
    b.choices.push_back(into_trap);
    s.nodes = {a, b, trap};
    s.endings = {{"won", EndingType::Recovered, "Won", "", {}, {}}};
    s.scoring.checks = {"no-loops", "no-traps"};
    s.reindex();

    Analysis an = analyze(s);
    REQUIRE(an.ok);
    CHECK(an.infinite);
    CHECK(check_numbering(s));  // a cycle of states: its members numbered together
    CHECK(an.loop_nodes == std::vector<std::string>{"a", "b", "trap"});
    CHECK(an.stuck_nodes == std::vector<std::string>{"trap"});
    // The question leads into the a/b loop, and the only ways out are back through a (a return,
    // which drops the question's held credit) or into the trap: so the question can never count,
    // however many laps, and every playthrough fixes before a question that counts.
    CHECK(an.best[0] == -8);
    CHECK(an.worst[0] == -8);
    CHECK_FALSE(an.exercised[0]);
    // Every playthrough that ends says the same sorry and fix, so there is nothing to tell apart.
    CHECK(an.max_overall == doctest::Approx(an.min_overall));
    CHECK(an.enforced_failed());
    for (const auto& c : an.checks)
        if (c.name == "no-loops" || c.name == "no-traps") CHECK_FALSE(c.ok);
    // Ask, listen, ask, listen, fix: nothing on the laps counts.
    Debrief d = grade(s, Session::replay(s, {0, 0, 0, 0, 1}), default_rubric());
    CHECK(d.raw[0] == -8);
    CHECK(d.raw == grade(s, Session::replay(s, {1}), default_rubric()).raw);
    // The best path leaves the loop.
    CHECK(an.best_path.ending_id == "won");
}

TEST_CASE("a dominated choice is reported with the choice that beats it") {
    Scenario s = one_situation("dominated",
                               {winning_choice("good", "Sorry - what happened?", {"apologise", "ask_question"}),
                                winning_choice("weak", "Sorry.", {"apologise"}),
                                winning_choice("different", "Let me fix it now.", {"fix_fast"})});
    Analysis an = analyze(s);
    REQUIRE(an.ok);
    REQUIRE(an.choices.size() == 3);
    CHECK_FALSE(an.choices[0].dominated);
    CHECK(an.choices[1].dominated);
    CHECK(an.choices[1].dominated_by == "good");
    CHECK_FALSE(an.choices[2].dominated);  // better in solution
    CHECK(an.playthroughs.to_string() == "3");
}

TEST_CASE("the 'without' checks tell apart: always included, left out but never passing, and passing without") {
    // One situation: "Sorry - what happened?" (apology, question) or "Let me fix it now." (fix).
    // By hand, weights 1: the first scores listening 100, apology 100, solution 0 = 66.7; the
    // fix scores listening -80 (fixed before a question: -8 of the best 10), apology -33.3 (fixed
    // before apologising: -5 of 15), solution 100 = -4.4, and lacks what a pass requires.
    Scenario s = one_situation("without",
                               {winning_choice("both", "Sorry - what happened?", {"apologise", "ask_question"}),
                                winning_choice("fix", "Let me fix it now.", {"fix_fast"})});
    auto verdict = [](const Analysis& an, const std::string& name) {
        for (const auto& c : an.checks)
            if (c.name == name) return c;
        FAIL("no check " << name);
        return CheckResult{};
    };

    Analysis an = analyze(s);
    REQUIRE(an.ok);
    REQUIRE(an.best_avoiding[static_cast<int>(Competency::Apology)].has_value());
    CHECK(*an.best_avoiding[static_cast<int>(Competency::Apology)] == doctest::Approx(-40.0 / 9));
    CHECK_FALSE(an.max_without_apology.has_value());
    CheckResult apology = verdict(an, "no-pass-without-apology");
    CHECK(apology.ok);
    CHECK(apology.verdict.find("without an apology the best overall is -4.5, but no such playthrough") !=
          std::string::npos);
    CheckResult follow_up = verdict(an, "no-pass-without-follow-up");
    REQUIRE(an.max_without_follow_up.has_value());
    CHECK(*an.max_without_follow_up == doctest::Approx(200.0 / 3));
    CHECK(follow_up.ok);
    CHECK(follow_up.verdict.find("best overall is 66.6, below the pass mark of 70") != std::string::npos);

    s.scoring.pass_mark = 60;
    follow_up = verdict(analyze(s), "no-pass-without-follow-up");
    CHECK_FALSE(follow_up.ok);
    CHECK(follow_up.verdict.find("Unsound: a trainee can pass without follow-up") != std::string::npos);

    s.nodes[0].choices.pop_back();  // now every playthrough apologises
    s.reindex();
    an = analyze(s);
    CHECK_FALSE(an.best_avoiding[static_cast<int>(Competency::Apology)].has_value());
    apology = verdict(an, "no-pass-without-apology");
    CHECK(apology.ok);
    CHECK(apology.verdict == "Sound: every playthrough includes an apology.");
}

TEST_CASE("verdict scores round down to a tenth, as the debrief rounds down") {
    CHECK(format_tenths(69.96) == "69.9");  // never "70.0" below a pass mark of 70
    CHECK(format_tenths(70 - 1e-9) == "70.0");  // a sum's rounding error is not a shortfall
    CHECK(format_tenths(100) == "100.0");
    CHECK(format_tenths(-38) == "-38.0");
    CHECK(format_tenths(0) == "0.0");
}

TEST_CASE("big numbers add and print exactly") {
    BigNum x(UINT64_MAX);
    x += BigNum(1);
    CHECK(x.to_string() == "18446744073709551616");
    BigNum y = x;
    for (int i = 0; i < 10; ++i) y += y;  // * 1024
    CHECK(y.to_string() == "18889465931478580854784");
    CHECK(y.log10() == doctest::Approx(22.2762).epsilon(1e-4));
    CHECK(x < y);
    CHECK(BigNum(7) == BigNum(7));
    CHECK(BigNum().is_zero());
}

namespace {

// A conversation of `layers` turns with three answers each, all leading on: 3^layers
// playthroughs. The answers' tags are taken in turn from `tags`.
Scenario three_way_chain(int layers, const std::vector<std::vector<std::string>>& tags) {
    Scenario s;
    s.id = "three-way";
    s.start = "n0";
    for (int i = 0; i < layers; ++i) {
        Node node;
        node.id = "n" + std::to_string(i);
        for (int k = 0; k < 3; ++k) {
            Choice c;
            c.id = node.id + "#" + std::to_string(k + 1);
            c.text = "answer " + c.id;
            c.next = i + 1 < layers ? "n" + std::to_string(i + 1) : "won";
            c.tags = tags[k % tags.size()];
            node.choices.push_back(c);
        }
        s.nodes.push_back(node);
    }
    s.endings = {{"won", EndingType::Recovered, "Won", "", {}, {}}};
    s.reindex();
    return s;
}

BigNum sum(const std::vector<BigNum>& v) {
    BigNum total;
    for (const BigNum& n : v) total += n;
    return total;
}

}  // namespace

TEST_CASE("the score histogram stays exact past 2^64 playthroughs") {
    const std::string three_to_45 = "2954312706550833698643";  // 3^45 > 2^64 ~ 1.8e19

    SUBCASE("every playthrough scores the same: one band holds them all") {
        Analysis an = analyze(three_way_chain(45, {{"apologise", "ask_question"}}));
        REQUIRE(an.ok);
        REQUIRE(an.histogram_computed);
        CHECK(an.playthroughs.to_string() == three_to_45);
        int band = score_bucket(an.best_path.overall);
        for (int b = 0; b < 10; ++b) CHECK(an.histogram[b].to_string() == (b == band ? three_to_45 : "0"));
    }
    SUBCASE("scores spread: each band holds the playthroughs with its number of excuses") {
        const int layers = 45;
        Scenario s = three_way_chain(layers, {{"ask_question"}, {"ask_question"}, {"excuse"}});
        Analysis an = analyze(s);
        REQUIRE(an.ok);
        REQUIRE(an.histogram_computed);
        CHECK(an.playthroughs.to_string() == three_to_45);
        // A playthrough with k excuses scores the same wherever they fall (checked here with the
        // grader, excuses first and last), and C(45, k) * 2^(45 - k) playthroughs have k of them.
        std::vector<BigNum> expected(10);
        std::uint64_t ways = 1;  // C(layers, k)
        for (int k = 0; k <= layers; ++k) {
            std::vector<int> first(k, 2), last(layers - k, 0);
            first.insert(first.end(), layers - k, 0);
            last.insert(last.end(), k, 2);
            double overall = grade(s, Session::replay(s, first), default_rubric()).overall;
            CHECK(grade(s, Session::replay(s, last), default_rubric()).overall == doctest::Approx(overall));
            expected[score_bucket(overall)] += BigNum(ways) * BigNum(std::uint64_t{1} << (layers - k));
            ways = ways * static_cast<std::uint64_t>(layers - k) / static_cast<std::uint64_t>(k + 1);
        }
        for (int b = 0; b < 10; ++b) CHECK(an.histogram[b].to_string() == expected[b].to_string());
        CHECK(sum(an.histogram).to_string() == three_to_45);
    }
}

