#include "split_components.h"

#include <algorithm>
#include <utility>

namespace ta::scoring {

Components split_components(const StateGraph& g, const ComponentMembers& members, const std::vector<char>& allowed) {
    const Components& whole = g.components();
    const int n = static_cast<int>(g.state_count());
    Components out;
    assign_in_huge_pages(out.of, n, -1);
    std::vector<int> index, low;
    assign_in_huge_pages(index, n, -1);
    assign_in_huge_pages(low, n, 0);
    std::vector<char> on_stack(n, 0);
    std::vector<int> stack;
    std::vector<std::pair<int, int>> calls;  // (state, next edge to look at)
    int counter = 0;
    // The whole graph's components in their order (successors first), each split by Tarjan's
    // algorithm over its own allowed moves: the pieces of one come out successors first too.
    for (int c = 0; c < whole.count; ++c) {
        if (!whole.cycle[c]) {
            out.of[members.states[members.begin[c]]] = out.count++;
            out.cycle.push_back(0);
            continue;
        }
        auto inside = [&](int e) { return allowed[e] && whole.of[g.edge_to(e)] == c; };
        for (int m = members.begin[c]; m < members.begin[c + 1]; ++m) {
            const int root = members.states[m];
            if (index[root] != -1) continue;
            auto open = [&](int v) {
                index[v] = low[v] = counter++;
                stack.push_back(v);
                on_stack[v] = 1;
                calls.emplace_back(v, g.out_begin(v));
            };
            open(root);
            while (!calls.empty()) {
                auto& [u, it] = calls.back();
                if (it < g.out_end(u)) {
                    int e = it++;
                    if (!inside(e)) continue;
                    int w = g.edge_to(e);
                    if (index[w] == -1) {
                        open(w);
                    } else if (on_stack[w]) {
                        low[u] = std::min(low[u], index[w]);
                    }
                    continue;
                }
                int v = u;
                calls.pop_back();
                if (!calls.empty()) low[calls.back().first] = std::min(low[calls.back().first], low[v]);
                if (low[v] != index[v]) continue;
                int size = 0;
                while (true) {
                    int w = stack.back();
                    stack.pop_back();
                    on_stack[w] = 0;
                    out.of[w] = out.count;
                    ++size;
                    if (w == v) break;
                }
                bool cycle = size > 1;
                if (!cycle)
                    for (int e = g.out_begin(v); e < g.out_end(v); ++e)
                        if (allowed[e] && g.edge_to(e) == v) cycle = true;
                out.cycle.push_back(cycle);
                ++out.count;
            }
        }
    }
    return out;
}

}  // namespace ta::scoring
