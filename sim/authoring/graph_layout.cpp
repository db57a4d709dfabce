#include "graph_layout.h"

#include <algorithm>
#include <deque>

#include "graph_dot.h"  // shorten_text: cuts at a character, never inside one

namespace ta {

namespace {

int target_index(const Scenario& s, const std::string& id) {
    int n = s.node_index(id);
    if (n >= 0) return n;
    int e = s.ending_index(id);
    return e < 0 ? -1 : static_cast<int>(s.nodes.size()) + e;
}

std::vector<LayoutEdge> collect_edges(const Scenario& s) {
    std::vector<LayoutEdge> edges;
    for (int i = 0; i < static_cast<int>(s.nodes.size()); ++i) {
        const Node& node = s.nodes[i];
        for (int c = 0; c < static_cast<int>(node.choices.size()); ++c) {
            int to = target_index(s, node.choices[c].next);
            if (to >= 0) edges.push_back({i, to, LayoutEdge::Kind::Choice, c, node.choices[c].id});
        }
        if (node.on_timeout) {
            int to = target_index(s, node.on_timeout->next);
            if (to >= 0) edges.push_back({i, to, LayoutEdge::Kind::Timeout, -1, node.on_timeout->id});
        }
        for (int r = 0; r < static_cast<int>(node.mood_routes.size()); ++r) {
            int to = target_index(s, node.mood_routes[r].next);
            if (to >= 0) edges.push_back({i, to, LayoutEdge::Kind::MoodRoute, r, ""});
        }
    }
    return edges;
}

// Breadth-first distance from the start; -1 for what cannot be reached. Also returns the order
// of discovery, which seeds the ordering within layers.
std::vector<int> bfs_layers(const Scenario& s, int count, const std::vector<std::vector<int>>& out,
                            std::vector<int>& discovery) {
    std::vector<int> layer(count, -1);
    int start = s.node_index(s.start);
    if (start < 0) return layer;
    std::deque<int> queue{start};
    layer[start] = 0;
    while (!queue.empty()) {
        int v = queue.front();
        queue.pop_front();
        discovery.push_back(v);
        for (int w : out[v])
            if (layer[w] < 0) {
                layer[w] = layer[v] + 1;
                queue.push_back(w);
            }
    }
    return layer;
}

// Orders every layer by the mean normalised position of each node's neighbours in the layers
// before (downward pass) or after (upward pass) it. Nodes without such neighbours keep their place.
void barycentre_pass(std::vector<std::vector<int>>& layers, std::vector<LayoutNode>& nodes,
                     const std::vector<std::vector<int>>& neighbours, bool downward) {
    const int count = static_cast<int>(layers.size());
    auto position = [&](int v) {
        const auto& row = layers[nodes[v].layer];
        return (nodes[v].order + 0.5) / static_cast<double>(row.size());
    };
    for (int step = 1; step < count; ++step) {
        int l = downward ? step : count - 1 - step;
        std::vector<std::pair<double, int>> keyed;
        for (int v : layers[l]) {
            double sum = 0;
            int n = 0;
            for (int u : neighbours[v]) {
                bool wanted = downward ? nodes[u].layer < l : nodes[u].layer > l;
                if (!wanted) continue;
                sum += position(u);
                ++n;
            }
            keyed.push_back({n ? sum / n : position(v), v});
        }
        std::stable_sort(keyed.begin(), keyed.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        for (int i = 0; i < static_cast<int>(keyed.size()); ++i) {
            layers[l][i] = keyed[i].second;
            nodes[keyed[i].second].order = i;
        }
    }
}

}  // namespace

int GraphLayout::index_of(const std::string& id) const {
    for (int i = 0; i < static_cast<int>(nodes.size()); ++i)
        if (nodes[i].id == id) return i;
    return -1;
}

namespace {

std::string joined(const std::vector<std::string>& items, const char* sep = ", ") {
    std::string out;
    for (const auto& i : items) out += (out.empty() ? "" : sep) + i;
    return out;
}

}  // namespace

std::vector<std::string> edge_label_lines(const Scenario& s, const GraphLayout& g, const LayoutEdge& e,
                                          std::size_t reply_chars) {
    std::vector<std::string> lines;
    if (e.from < 0 || e.from >= static_cast<int>(g.nodes.size())) return lines;
    const Node* node = s.find_node(g.nodes[e.from].id);
    if (!node) return lines;
    if (e.kind == LayoutEdge::Kind::MoodRoute) {
        if (e.index < 0 || e.index >= static_cast<int>(node->mood_routes.size())) return lines;
        const MoodRoute& r = node->mood_routes[e.index];
        std::string cond;
        if (r.below) cond = "mood below " + std::to_string(*r.below);
        if (r.above) cond += (cond.empty() ? "mood above " : " and above ") + std::to_string(*r.above);
        lines.push_back("(on arrival) if " + (cond.empty() ? std::string("always") : cond));
        return lines;
    }
    const Choice* c = nullptr;
    if (e.kind == LayoutEdge::Kind::Timeout) c = node->on_timeout ? &*node->on_timeout : nullptr;
    else if (e.index >= 0 && e.index < static_cast<int>(node->choices.size())) c = &node->choices[e.index];
    if (!c) return lines;
    const std::string reply = shorten_text(c->text, reply_chars);
    if (e.kind == LayoutEdge::Kind::Timeout) lines.push_back(reply.empty() ? "(timer runs out)" : "(timer runs out) " + reply);
    else lines.push_back("\"" + reply + "\"");
    std::vector<std::string> marks = c->tags;
    if (c->model) marks.insert(marks.begin(), "model reply");
    if (!c->red_line.empty()) marks.insert(marks.begin(), "RED LINE");
    if (!marks.empty()) lines.push_back(shorten_text(joined(marks), reply_chars + 6));
    if (c->mood != 0) lines.push_back("mood " + std::string(c->mood > 0 ? "+" : "") + std::to_string(c->mood));
    std::vector<std::string> flags;
    if (!c->requires_flags.empty()) flags.push_back("needs " + joined(c->requires_flags));
    if (!c->requires_not_flags.empty()) flags.push_back("needs unset " + joined(c->requires_not_flags));
    if (!c->sets.empty()) flags.push_back("sets " + joined(c->sets));
    if (!c->clears.empty()) flags.push_back("clears " + joined(c->clears));
    if (!flags.empty()) lines.push_back(shorten_text(joined(flags, "; "), reply_chars + 12));
    return lines;
}

std::vector<int> place_labels(const std::vector<LabelBox>& fixed, const std::vector<std::vector<LabelBox>>& candidates) {
    std::vector<int> chosen(candidates.size(), -1);
    std::vector<LabelBox> taken = fixed;
    auto free = [&](const LabelBox& b) {
        for (const LabelBox& p : taken)
            if (b.x0 < p.x1 && p.x0 < b.x1 && b.y0 < p.y1 && p.y0 < b.y1) return false;
        return true;
    };
    for (std::size_t i = 0; i < candidates.size(); ++i)
        for (std::size_t k = 0; k < candidates[i].size(); ++k)
            if (free(candidates[i][k])) {
                chosen[i] = static_cast<int>(k);
                taken.push_back(candidates[i][k]);
                break;
            }
    return chosen;
}

int count_crossings(const GraphLayout& g) {
    int crossings = 0;
    for (size_t a = 0; a < g.edges.size(); ++a) {
        const auto& ea = g.edges[a];
        const auto &af = g.nodes[ea.from], &at = g.nodes[ea.to];
        if (at.layer != af.layer + 1) continue;
        for (size_t b = a + 1; b < g.edges.size(); ++b) {
            const auto& eb = g.edges[b];
            const auto &bf = g.nodes[eb.from], &bt = g.nodes[eb.to];
            if (bf.layer != af.layer || bt.layer != at.layer) continue;
            if ((af.order < bf.order && at.order > bt.order) || (af.order > bf.order && at.order < bt.order))
                ++crossings;
        }
    }
    return crossings;
}

GraphLayout layout_scenario(const Scenario& s, const LayoutOptions& options) {
    GraphLayout g;
    const int node_count = static_cast<int>(s.nodes.size());
    const int count = node_count + static_cast<int>(s.endings.size());
    for (const auto& n : s.nodes) g.nodes.push_back({n.id, false});
    for (const auto& e : s.endings) g.nodes.push_back({e.id, true});
    g.edges = collect_edges(s);

    std::vector<std::vector<int>> out(count), neighbours(count);
    for (const auto& e : g.edges) {
        out[e.from].push_back(e.to);
        neighbours[e.from].push_back(e.to);
        neighbours[e.to].push_back(e.from);
    }

    std::vector<int> discovery;
    std::vector<int> layer = bfs_layers(s, count, out, discovery);
    int deepest = -1;
    for (int v = 0; v < count; ++v) {
        g.nodes[v].reachable = layer[v] >= 0;
        if (layer[v] >= 0 && !(options.endings_last && g.nodes[v].is_ending)) deepest = std::max(deepest, layer[v]);
    }
    const int ending_row = deepest + 1;
    bool any_unreachable = false;
    for (int v = 0; v < count; ++v) {
        if (options.endings_last && g.nodes[v].is_ending) layer[v] = ending_row;
        if (layer[v] < 0) any_unreachable = true;
    }
    int last = 0;
    for (int v = 0; v < count; ++v) last = std::max(last, layer[v]);
    if (count == 0) last = -1;
    if (any_unreachable)
        for (int v = 0; v < count; ++v)
            if (layer[v] < 0) layer[v] = last + 1;
    g.layer_count = any_unreachable ? last + 2 : last + 1;

    // Seed each layer in discovery order, then file order for what the walk never saw.
    std::vector<std::vector<int>> layers(std::max(g.layer_count, 0));
    std::vector<bool> placed(count, false);
    auto place = [&](int v) {
        if (placed[v]) return;
        placed[v] = true;
        g.nodes[v].layer = layer[v];
        g.nodes[v].order = static_cast<int>(layers[layer[v]].size());
        layers[layer[v]].push_back(v);
    };
    for (int v : discovery)
        if (!(options.endings_last && g.nodes[v].is_ending)) place(v);
    for (int v = 0; v < count; ++v) place(v);

    // Barycentre sweeps, keeping the best ordering seen.
    auto best_layers = layers;
    int best = count_crossings(g);
    for (int sweep = 0; sweep < options.sweeps && best > 0; ++sweep) {
        barycentre_pass(layers, g.nodes, neighbours, true);
        barycentre_pass(layers, g.nodes, neighbours, false);
        int now = count_crossings(g);
        if (now < best) {
            best = now;
            best_layers = layers;
        }
    }
    layers = best_layers;

    size_t widest = 0;
    for (const auto& row : layers) widest = std::max(widest, row.size());
    for (int l = 0; l < static_cast<int>(layers.size()); ++l) {
        const auto& row = layers[l];
        float offset = (static_cast<float>(widest) - static_cast<float>(row.size())) / 2.f;
        for (int i = 0; i < static_cast<int>(row.size()); ++i) {
            LayoutNode& n = g.nodes[row[i]];
            n.order = i;
            n.x = (offset + static_cast<float>(i)) * options.node_gap + options.node_gap / 2.f;
            n.y = static_cast<float>(l) * options.layer_gap + options.layer_gap / 2.f;
        }
    }
    g.width = static_cast<float>(widest) * options.node_gap;
    g.height = static_cast<float>(layers.size()) * options.layer_gap;
    return g;
}

}  // namespace ta
