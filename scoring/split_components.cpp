#include "split_components.h"

#include "tarjan.h"

namespace ta::scoring {

Components split_components(const StateGraph& g, const ComponentMembers& members, const std::vector<char>& allowed) {
    const Components& whole = g.components();
    const int n = static_cast<int>(g.state_count());
    Components out;
    assign_in_huge_pages(out.of, n, -1);
    TarjanSearch search(n);
    // The whole graph's components in their order (successors first), each split by Tarjan's
    // algorithm over its own allowed moves: the pieces of one come out successors first too.
    for (int c = 0; c < whole.count; ++c) {
        if (!whole.cycle[c]) {
            out.of[members.states[members.begin[c]]] = out.count++;
            out.cycle.push_back(0);
            continue;
        }
        auto inside = [&](int e) { return allowed[e] && whole.of[g.edge_to(e)] == c; };
        for (int m = members.begin[c]; m < members.begin[c + 1]; ++m)
            if (!search.visited(members.states[m])) search.from(g, members.states[m], inside, out);
    }
    return out;
}

}  // namespace ta::scoring
