// tarjan.h: Tarjan's strongly connected components of the state graph, without recursion (a long
// story's graph is deeper than the call stack). Shared by the whole graph's components
// (strong_components) and by their splits once some moves are left out (split_components).
#pragma once

#include <algorithm>
#include <utility>
#include <vector>

#include "huge_pages.h"
#include "state_graph.h"

namespace ta::scoring {

class TarjanSearch {
public:
    explicit TarjanSearch(int states) : on_stack_(states, 0) {
        assign_in_huge_pages(index_, states, -1);
        assign_in_huge_pages(low_, states, 0);
    }

    bool visited(int state) const { return index_[state] != -1; }

    // Numbers the components reachable from `root` by the moves `inside(e)` accepts, a component's
    // successors before it, into out.of / out.cycle / out.count.
    template <class Inside>
    void from(const StateGraph& g, int root, Inside inside, Components& out) {
        open(g, root);
        while (!calls_.empty()) {
            auto& [u, it] = calls_.back();
            if (it < g.out_end(u)) {
                int e = it++;
                if (!inside(e)) continue;
                int w = g.edge_to(e);
                if (index_[w] == -1) open(g, w);
                else if (on_stack_[w]) low_[u] = std::min(low_[u], index_[w]);
                continue;
            }
            int v = u;
            calls_.pop_back();
            if (!calls_.empty()) low_[calls_.back().first] = std::min(low_[calls_.back().first], low_[v]);
            if (low_[v] != index_[v]) continue;
            int size = 0;
            while (true) {
                int w = stack_.back();
                stack_.pop_back();
                on_stack_[w] = 0;
                out.of[w] = out.count;
                ++size;
                if (w == v) break;
            }
            bool cycle = size > 1;
            if (!cycle)
                for (int e = g.out_begin(v); e < g.out_end(v); ++e)
                    if (inside(e) && g.edge_to(e) == v) cycle = true;
            out.cycle.push_back(cycle);
            ++out.count;
        }
    }

private:
    void open(const StateGraph& g, int v) {
        index_[v] = low_[v] = counter_++;
        stack_.push_back(v);
        on_stack_[v] = 1;
        calls_.emplace_back(v, g.out_begin(v));
    }

    std::vector<int> index_, low_;
    std::vector<char> on_stack_;
    std::vector<int> stack_;
    std::vector<std::pair<int, int>> calls_;  // (state, next edge to look at)
    int counter_ = 0;
};

}  // namespace ta::scoring
