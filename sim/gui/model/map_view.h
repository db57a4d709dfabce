// map_view.h: where the Author screen's map opens. GUI-free, so it is tested without a window.
//
// A small map opens whole. A large one fitted whole would be too small to read (no ids, no arrow
// labels), so it opens instead at a readable scale on the start node, and the author pans from
// there or asks for the whole map.
#pragma once

#include <string>

#include "graph_layout.h"

namespace ta::gui {

struct MapView {
    float zoom = 1;
    float pan_x = 0, pan_y = 0;  // where layout point (0, 0) lands, from the map's top-left corner
};

// The least scale at which the map draws arrow labels (author_view.cpp); a map that fits whole
// at that scale or more opens whole.
inline constexpr float kLabelZoom = 0.55f;
// The scale a map too large for that opens at: ids, labels and each node's first line drawn.
inline constexpr float kReadableZoom = 0.85f;
inline constexpr float kSmallestFit = 0.25f;
inline constexpr float kLargestFit = 1.2f;
// Room kept free at the top of the map for the view buttons, in pixels.
inline constexpr float kTopRoom = 34;

// The whole layout in a map of `width` x `height`, boxes of `box_w` x `box_h` layout units.
MapView whole_map_view(const GraphLayout& layout, float width, float height, float box_w, float box_h);

// The view to open with: the whole map when it fits at kLabelZoom or more, else the node `start_id`
// (the first node when it is not on the map) near the top, centred, at a readable scale.
MapView opening_map_view(const GraphLayout& layout, const std::string& start_id, float width, float height, float box_w,
                         float box_h);

// Whether opening_map_view shows only part of the map (it fits whole only below kLabelZoom).
bool opens_on_part(const GraphLayout& layout, float width, float height, float box_w, float box_h);

}  // namespace ta::gui
