#include "competency_range.h"

namespace ta::scoring {

CompetencyRange competency_range(const StateGraph& g, const Components& comp, const ComponentMembers& members) {
    CompetencyArray lowest{}, highest{};
    lowest.fill(-kInf);
    highest.fill(kInf);
    CompetencyRange out;
    out.best.assign(comp.count, lowest);
    out.worst.assign(comp.count, highest);
    for (int c = 0; c < comp.count; ++c) {
        CompetencyArray best = lowest, worst = highest;
        for (int i = members.begin[c]; i < members.begin[c + 1]; ++i) {
            const int u = members.states[i];
            if (g.is_sink(u)) {
                best = {};
                worst = {};
                continue;
            }
            for (int e = g.out_begin(u); e < g.out_end(u); ++e) {
                const Edge& edge = g.edge(e);
                const int tc = comp.of[edge.to];
                if (tc == c) continue;
                const CompetencyArray& tb = out.best[tc];
                const CompetencyArray& tw = out.worst[tc];
                // As to_go compares, competency by competency: the first edge reaching a value wins.
                for (int k = 0; k < kCompetencyCount; ++k) {
                    if (tb[k] != -kInf) {
                        const double v = edge.points[k] + tb[k];
                        if (v > best[k]) best[k] = v;
                    }
                    if (tw[k] != kInf) {
                        const double v = edge.points[k] + tw[k];
                        if (v < worst[k]) worst[k] = v;
                    }
                }
            }
        }
        out.best[c] = best;
        out.worst[c] = worst;
    }
    return out;
}

}  // namespace ta::scoring
