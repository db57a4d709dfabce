#include "map_view.h"

#include <algorithm>

namespace ta::gui {

namespace {

float fit_zoom(const GraphLayout& g, float width, float height, float box_w, float box_h) {
    return std::min(width / (g.width + box_w), (height - kTopRoom) / (g.height + box_h));
}

}  // namespace

MapView whole_map_view(const GraphLayout& g, float width, float height, float box_w, float box_h) {
    MapView v;
    v.zoom = std::clamp(fit_zoom(g, width, height, box_w, box_h), kSmallestFit, kLargestFit);
    v.pan_x = (width - g.width * v.zoom) / 2;
    v.pan_y = kTopRoom + box_h * v.zoom * 0.5f;
    return v;
}

bool opens_on_part(const GraphLayout& g, float width, float height, float box_w, float box_h) {
    return !g.nodes.empty() && fit_zoom(g, width, height, box_w, box_h) < kLabelZoom;
}

MapView opening_map_view(const GraphLayout& g, const std::string& start_id, float width, float height, float box_w,
                         float box_h) {
    if (!opens_on_part(g, width, height, box_w, box_h)) return whole_map_view(g, width, height, box_w, box_h);
    MapView v;
    v.zoom = kReadableZoom;
    const int at = g.index_of(start_id);
    const LayoutNode& start = g.nodes[at >= 0 ? at : 0];
    v.pan_x = width / 2 - start.x * v.zoom;
    v.pan_y = kTopRoom + box_h * v.zoom * 0.5f - start.y * v.zoom;
    return v;
}

}  // namespace ta::gui
