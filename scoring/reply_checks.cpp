// Soundness checks about the replies themselves and about promises: no-length-cue,
// model-path-clean, promise-kept-reachable. Part of analyze().
#include <algorithm>
#include <deque>

#include "analysis_context.h"
#include "debrief.h"
#include "expectations.h"
#include "prefetch_ahead.h"
#include "session.h"

namespace ta::scoring {

namespace {

std::size_t text_length(const std::string& s) {  // in characters, not bytes
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char ch) { return (ch & 0xC0) != 0x80; }));
}

std::string list_some(const std::vector<std::string>& items) {
    std::string out;
    for (std::size_t i = 0; i < items.size() && i < 5; ++i) out += (i ? ", " : "") + items[i];
    if (items.size() > 5) out += " and " + std::to_string(items.size() - 5) + " more";
    return out;
}

FactMask fact_bit(const Rubric& r, const char* key) {
    for (std::size_t f = 0; f < r.facts.size() && f < kMaxFacts; ++f)
        if (r.facts[f].key == key) return static_cast<FactMask>(1u << f);
    return 0;
}

PathReport path_of_edges(const Context& c, const std::vector<int>& edges) {
    PathReport p;
    int last = c.g.start();
    for (int e : edges) {
        p.steps.push_back(step_of(c, e));
        for (int k = 0; k < kCompetencyCount; ++k) p.raw[k] += c.g.edge(e).points[k];
        last = c.g.edge(e).to;
    }
    if (c.g.is_sink(last) && c.g.sink_ending(last) < static_cast<int>(c.s.endings.size()))
        p.ending_id = c.s.endings[c.g.sink_ending(last)].id;
    p.overall = c.m.overall_of(p.raw);
    return p;
}

}  // namespace

// The model reply (or, where none is marked, the best playthrough's) must not be the longest one
// offered in most decisions, or trainees learn to pick by length.
CheckResult length_cue_check(const Context& c, Analysis& a) {
    CheckResult r;
    r.name = "no-length-cue";
    std::vector<int> best_choice(c.s.nodes.size(), -1);
    // The best playthrough's reply at each node, for nodes with no model reply.
    {
        int cur = c.g.start();
        for (std::size_t guard = 0; !c.g.is_sink(cur) && guard <= c.g.state_count(); ++guard) {
            int exit = c.m.best_go().exit_edge[c.g.scc(cur)];
            if (exit < 0 || c.g.edge(exit).from != cur) break;
            if (c.g.edge(exit).move != kTimeoutChoice) best_choice[c.g.key(cur).node] = c.g.edge(exit).move;
            cur = c.g.edge(exit).to;
        }
    }
    std::vector<char> reached(c.s.nodes.size(), 0);
    for (std::size_t u = 0; u < c.g.state_count(); ++u)
        if (!c.g.is_sink(static_cast<int>(u))) reached[c.g.key(static_cast<int>(u)).node] = 1;
    int decisions = 0;
    std::vector<std::string> cued;
    for (std::size_t n = 0; n < c.s.nodes.size(); ++n) {
        const Node& node = c.s.nodes[n];
        prefetch_replies_ahead(c.s.nodes, n, [](const Choice& ch) { prefetch(ch.text.data()); });
        if (!reached[n] || node.choices.size() < 2) continue;
        int model = -1;
        for (std::size_t i = 0; i < node.choices.size() && model < 0; ++i)
            if (node.choices[i].model) model = static_cast<int>(i);
        if (model < 0) model = best_choice[n];
        if (model < 0) continue;
        ++decisions;
        const std::size_t len = text_length(node.choices[model].text);
        bool longest = true;
        for (std::size_t i = 0; i < node.choices.size(); ++i)
            // A text of no more bytes than the model's characters cannot be longer: its own text
            // is read only when it may be (in a large story each read is a trip to memory).
            if (static_cast<int>(i) != model && node.choices[i].text.size() > len &&
                text_length(node.choices[i].text) > len)
                longest = false;
        if (longest) cued.push_back(node.id);
    }
    a.decisions = decisions;
    a.longest_is_model = static_cast<int>(cued.size());
    r.ok = static_cast<int>(cued.size()) * 2 <= decisions;
    r.verdict = (r.ok ? "No length cue: the model reply is the longest offered in "
                      : "Length cue: the model reply is the longest offered in ") +
                std::to_string(cued.size()) + " of " + std::to_string(decisions) + " decisions" +
                (cued.empty() ? std::string(".") : " (" + list_some(cued) + ").") +
                (r.ok ? "" : " Trainees can pick it by its length: make a wrong answer as long, or the model one shorter.");
    return r;
}

// The model path must pass, cross no red line, and no rule that costs points may fire on it: a
// rule debiting the author's own model answer means the tags say something the author did not.
CheckResult model_path_check(const Context& c) {
    CheckResult r;
    r.name = "model-path-clean";
    Session s(c.s);
    std::vector<int> played;
    std::string problem;
    if (!play_model_replies(s, played, problem)) {
        r.verdict = "No model path: " + problem + ".";
        return r;
    }
    Debrief d = grade(c.s, s, c.m, GradeOptions{.advice = false});  // the verdict and the rules alone
    std::vector<std::string> problems;
    for (const auto& t : d.turns) {
        if (t.red_line) problems.push_back("turn " + std::to_string(t.turn + 1) + " ('" + t.choice_id + "') crosses a red line");
        for (const auto& rule : t.rules) {
            const bool costs = std::any_of(rule.points.begin(), rule.points.end(), [](double v) { return v < 0; });
            if (costs)
                problems.push_back("rule '" + rule.label + "' (" + points_text(rule.points) + ") fires at turn " +
                                   std::to_string(t.turn + 1) + " ('" + t.choice_id + "')");
        }
    }
    if (!d.passed) problems.push_back("it does not pass (overall " + whole_score_text(d.overall) + ")");
    r.ok = problems.empty();
    r.verdict = r.ok ? "The model path passes with " + whole_score_text(d.overall) + " and no rule debits it."
                     : "The model path is not clean: " + list_some(problems) +
                           ". Check the tags of those replies against their feedback.";
    if (!r.ok) {
        PathReport p;
        for (const auto& t : d.turns) p.steps.push_back({t.node_id, t.choice_index, t.choice_id, t.said});
        p.ending_id = d.ending_id;
        p.raw = d.raw;
        p.overall = d.overall;
        r.example = p;
    }
    return r;
}

// Every playthrough that makes a follow-up promise must reach a point where it can be kept.
CheckResult promise_check(const Context& c) {
    CheckResult r;
    r.name = "promise-kept-reachable";
    const RuleBook& rules = c.m.rules();
    const Rubric& rubric = rules.rubric();
    // Each promise the rubric tracks: the fact it sets and the fact keeping it sets.
    const std::vector<std::pair<FactMask, FactMask>> promises = {
        {fact_bit(rubric, "promised"), fact_bit(rubric, "kept")},
        {fact_bit(rubric, "promised_again"), fact_bit(rubric, "kept_again")}};
    RuleMask keeping = 0, unkept_end = 0;
    auto names = [](const std::vector<std::string>& facts, const char* a, const char* b) {
        return std::find(facts.begin(), facts.end(), a) != facts.end() || std::find(facts.begin(), facts.end(), b) != facts.end();
    };
    for (std::size_t i = 0; i < rules.turn_rules().size(); ++i)
        if (names(rules.turn_rules()[i]->sets_facts, "kept", "kept_again")) keeping |= RuleMask{1} << i;
    for (std::size_t i = 0; i < rules.end_rules().size(); ++i)
        if (names(rules.end_rules()[i]->if_facts, "promised", "promised_again")) unkept_end |= RuleMask{1} << i;
    if (!promises[0].first || !promises[0].second || !keeping || !unkept_end) {
        r.ok = true;
        r.verdict = "The rubric tracks no follow-up promises.";
        return r;
    }
    const StateGraph& g = c.g;
    const int n = static_cast<int>(g.state_count());
    auto outstanding = [&](int u) {
        if (g.is_sink(u)) return false;
        for (const auto& [made, kept] : promises)
            if (made && (g.key(u).facts & made) && !(g.key(u).facts & kept)) return true;
        return false;
    };
    auto strands_now = [&](int e) { return g.is_sink(g.edge(e).to) && (g.edge(e).end_fired & unkept_end); };
    std::vector<char> offers(n, 0), bad(n, 0);
    // The moves into each state, in edge order, in one array: a vector per state would be a
    // million allocations in a large story.
    std::vector<int> into_begin(n + 1, 0);
    for (int u = 0; u < n; ++u) {
        if (g.is_sink(u)) continue;
        for (int e = g.out_begin(u); e < g.out_end(u); ++e) {
            if (g.edge(e).fired & keeping) offers[u] = 1;
            ++into_begin[g.edge_to(e) + 1];
        }
    }
    for (int u = 0; u < n; ++u) into_begin[u + 1] += into_begin[u];
    std::vector<int> into(into_begin[n]);
    {
        std::vector<int> fill(into_begin.begin(), into_begin.end() - 1);
        for (int u = 0; u < n; ++u)
            if (!g.is_sink(u))
                for (int e = g.out_begin(u); e < g.out_end(u); ++e) into[fill[g.edge_to(e)]++] = e;
    }
    // bad: the promise is outstanding, nothing here keeps it, and some way on strands it.
    std::deque<int> queue;
    for (int u = 0; u < n; ++u) {
        if (!outstanding(u) || offers[u]) continue;
        for (int e = g.out_begin(u); e < g.out_end(u); ++e)
            if (strands_now(e)) {
                bad[u] = 1;
                queue.push_back(u);
                break;
            }
    }
    while (!queue.empty()) {
        int t = queue.front();
        queue.pop_front();
        for (int i = into_begin[t]; i < into_begin[t + 1]; ++i) {
            int u = g.edge(into[i]).from;
            if (bad[u] || !outstanding(u) || offers[u]) continue;
            bad[u] = 1;
            queue.push_back(u);
        }
    }
    std::vector<std::pair<int, int>> strands;  // (when its state was found, move)
    for (int u = 0; u < n; ++u) {
        if (g.is_sink(u) || outstanding(u) || !c.m.reaches_ending(u)) continue;
        for (int e = g.out_begin(u); e < g.out_end(u); ++e)
            if (strands_now(e) || (!g.is_sink(g.edge(e).to) && bad[g.edge(e).to])) strands.emplace_back(g.found_rank(u), e);
    }
    std::sort(strands.begin(), strands.end());  // nearest the start first: the same list and example every time
    std::vector<std::string> stranded;
    int example_edge = -1;
    for (const auto& [rank, e] : strands) {
        std::string id = choice_of_edge(c, e).id;
        if (std::find(stranded.begin(), stranded.end(), id) == stranded.end()) stranded.push_back(id);
        if (example_edge < 0) example_edge = e;
    }
    r.ok = stranded.empty();
    r.verdict = r.ok ? "Every promise to follow up can be kept: each playthrough that makes one reaches a chance to check back."
                     : "A promise to follow up can be left with no chance to keep it after: " + list_some(stranded) +
                           ". Add a later point where the trainee checks back, or do not promise there.";
    if (example_edge >= 0) {
        std::vector<int> edges = walk_to(c, g.edge(example_edge).from);
        edges.push_back(example_edge);
        int cur = g.edge(example_edge).to;
        for (std::size_t guard = 0; !g.is_sink(cur) && guard <= g.state_count(); ++guard) {
            int next = -1;
            for (int e = g.out_begin(cur); e < g.out_end(cur) && next < 0; ++e)
                if (strands_now(e) || (!g.is_sink(g.edge(e).to) && bad[g.edge(e).to])) next = e;
            if (next < 0) break;
            edges.push_back(next);
            cur = g.edge(next).to;
        }
        r.example = path_of_edges(c, edges);
    }
    return r;
}

}  // namespace ta::scoring
