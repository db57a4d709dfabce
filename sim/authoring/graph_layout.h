// graph_layout.h: places a scenario's nodes and endings on a plane for drawing its map.
//
// Layers come from a breadth-first walk from the start node (layer = fewest moves to get there);
// within a layer, nodes are ordered by the barycentre of their neighbours, sweeping down and up a
// few times and keeping the order with the fewest edge crossings. Deterministic, no GUI: the
// window draws the result, tests check it.
#pragma once

#include <string>
#include <vector>

#include "scenario.h"

namespace ta {

struct LayoutOptions {
    float layer_gap = 150.f;   // distance between layers (y)
    float node_gap = 190.f;    // distance between neighbours in a layer (x)
    bool endings_last = true;  // put every ending on one row below all nodes
    int sweeps = 8;            // barycentre passes (each one down and one up)
};

struct LayoutNode {
    std::string id;
    bool is_ending = false;
    bool reachable = true;  // false when no path from start reaches it (laid out on a last row)
    int layer = 0;
    int order = 0;  // position within its layer, 0 = leftmost
    float x = 0, y = 0;  // centre; x grows rightwards, y downwards, both >= 0
};

struct LayoutEdge {
    enum class Kind { Choice, Timeout, MoodRoute };
    int from = 0;  // index into GraphLayout::nodes
    int to = 0;
    Kind kind = Kind::Choice;
    int index = 0;         // choice index, or mood route index (-1 for the timeout move)
    std::string choice_id; // empty for mood routes
};

struct GraphLayout {
    std::vector<LayoutNode> nodes;  // scenario nodes first (in file order), then endings
    std::vector<LayoutEdge> edges;
    int layer_count = 0;
    float width = 0, height = 0;  // bounding box of the centres

    int index_of(const std::string& id) const;  // -1 when absent
};

GraphLayout layout_scenario(const Scenario& scenario, const LayoutOptions& options = {});

// --- Arrow labels ---------------------------------------------------------------------------------

// What an arrow says, one short line each, empty ones left out: the reply (cut at a character,
// with "…"), its tags (and whether it is the model reply or a red line), its mood change, and the
// flags it needs, needs unset, sets and clears. A time-out arrow starts "(timer runs out)"; a
// mood route says its condition.
std::vector<std::string> edge_label_lines(const Scenario& scenario, const GraphLayout& layout, const LayoutEdge& edge,
                                          std::size_t reply_chars = 30);

// A label's rectangle on the screen.
struct LabelBox {
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};
// Where each label goes, in order: the first of its candidate places (best first) that overlaps
// neither `fixed` (the nodes) nor a label placed before it; -1 when none is free, and the label is
// left for hovering its arrow (a dense map would be unreadable otherwise).
std::vector<int> place_labels(const std::vector<LabelBox>& fixed, const std::vector<std::vector<LabelBox>>& candidates);

// Number of pairs of edges between adjacent layers that cross, given the layout's orders.
// Edges spanning more than one layer or going upwards are not counted.
int count_crossings(const GraphLayout& layout);

}  // namespace ta
