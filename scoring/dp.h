// dp.h: best and worst path values over a state graph that may contain cycles.
//
// Values are computed per strongly connected component, in an order where every component comes
// after the ones it leads to. Inside a component the trainee can move freely and moves there are
// worth nothing (StateGraph zeroes them), so a component's value is the best of its exits. The
// work is linear in states + edges, never in the number of paths.
#pragma once

#include <limits>
#include <vector>

#include "huge_pages.h"
#include "state_graph.h"

namespace ta::scoring {

inline constexpr double kInf = std::numeric_limits<double>::infinity();

// Members of each component, so a component's exits can be visited together.
struct ComponentMembers {
    std::vector<int> begin;  // per component, index into states; size count + 1
    std::vector<int> states;
    ComponentMembers(const Components& comp) : begin(comp.count + 1, 0), states(comp.of.size()) {
        for (int c : comp.of) ++begin[c + 1];
        for (int c = 0; c < comp.count; ++c) begin[c + 1] += begin[c];
        std::vector<int> fill(begin.begin(), begin.end() - 1);
        for (int s = 0; s < static_cast<int>(comp.of.size()); ++s) states[fill[comp.of[s]]++] = s;
    }
};

struct ToGo {
    std::vector<double> value;    // per state: best value from here to an ending; -inf/+inf when none
    std::vector<int> exit_edge;   // per component: the edge that achieves it (-1 at endings / none)
};

// Best (maximise) or worst value of the path sum from each state to an ending, using only edges
// `allowed` accepts (nullptr = all). `comp` must be the components of that same subgraph.
template <class EdgeValue>
ToGo to_go(const StateGraph& g, const Components& comp, const ComponentMembers& members,
           const std::vector<char>* allowed, EdgeValue edge_value, bool maximise) {
    const double none = maximise ? -kInf : kInf;
    std::vector<double> cv(comp.count, none);
    ToGo out;
    out.exit_edge.assign(comp.count, -1);
    for (int c = 0; c < comp.count; ++c) {
        double best = none;
        int best_edge = -1;
        for (int i = members.begin[c]; i < members.begin[c + 1]; ++i) {
            int u = members.states[i];
            if (g.is_sink(u)) {
                best = 0;
                continue;
            }
            for (int e = g.out_begin(u); e < g.out_end(u); ++e) {
                if (allowed && !(*allowed)[e]) continue;
                int tc = comp.of[g.edge_to(e)];
                if (tc == c || cv[tc] == none) continue;
                double v = edge_value(e) + cv[tc];
                if (maximise ? v > best : v < best) {
                    best = v;
                    best_edge = e;
                }
            }
        }
        cv[c] = best;
        out.exit_edge[c] = best_edge;
    }
    assign_in_huge_pages(out.value, comp.of.size(), 0.0);
    for (std::size_t s = 0; s < comp.of.size(); ++s) out.value[s] = cv[comp.of[s]];
    return out;
}

// Best value of the path sum from the start to each state (per state; -inf when unreachable).
template <class EdgeValue>
std::vector<double> from_start(const StateGraph& g, const Components& comp, const ComponentMembers& members,
                               const std::vector<char>* allowed, EdgeValue edge_value) {
    std::vector<double> cv(comp.count, -kInf);
    cv[comp.of[g.start()]] = 0;
    for (int c = comp.count - 1; c >= 0; --c) {
        if (cv[c] == -kInf) continue;
        for (int i = members.begin[c]; i < members.begin[c + 1]; ++i) {
            int u = members.states[i];
            for (int e = g.out_begin(u); e < g.out_end(u); ++e) {
                if (allowed && !(*allowed)[e]) continue;
                int tc = comp.of[g.edge_to(e)];
                if (tc == c) continue;
                cv[tc] = std::max(cv[tc], cv[c] + edge_value(e));
            }
        }
    }
    std::vector<double> out(comp.of.size());
    for (std::size_t s = 0; s < comp.of.size(); ++s) out[s] = cv[comp.of[s]];
    return out;
}

}  // namespace ta::scoring
