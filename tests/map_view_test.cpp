// Where the Author screen's map opens (sim/gui/model/map_view.h): a small scenario whole, a large
// one at a scale where its ids and replies can be read, on its start node.
#ifdef TURNAROUND_HAVE_UI_MODEL

#include <doctest/doctest.h>

#include "generate.h"
#include "graph_layout.h"
#include "loader.h"
#include "map_view.h"
#include "rubric.h"

using namespace ta;
using namespace ta::gui;

namespace {

constexpr float kWidth = 900, kHeight = 640, kBoxW = 160, kBoxH = 58;

Scenario layered(int nodes) {
    LoadOptions o;
    o.known_tags = scoring::default_rubric().tag_names();
    LoadResult r = load_scenario_text(bench::layered_story(nodes, 1), "layered.yaml", o);
    REQUIRE(r.ok());
    return *r.scenario;
}

Scenario two_nodes() {
    LoadResult r = load_scenario_text(R"(format: 1
id: tiny
title: Tiny
customer: {name: Sam, mood: 30}
start: hello
nodes:
  - id: hello
    say: ["Where is my parcel?"]
    choices:
      - {text: "Let me look it up now.", next: found, mood: 10, tags: [acknowledge]}
      - {text: "Not my department.", next: gone, mood: -30, tags: [dismiss]}
  - id: found
    say: ["Thanks."]
    choices:
      - {text: "It arrives tomorrow; I'll text you.", next: won, mood: 20, tags: [own_it]}
      - {text: "Anything else?", next: won}
endings:
  - {id: won, type: recovered, title: Sorted}
  - {id: gone, type: lost, title: Gone}
)",
                                      "tiny.yaml");
    REQUIRE(r.scenario);
    return *r.scenario;
}

}  // namespace

TEST_CASE("a small map opens whole") {
    const Scenario s = two_nodes();
    const GraphLayout g = layout_scenario(s);
    CHECK_FALSE(opens_on_part(g, kWidth, kHeight, kBoxW, kBoxH));
    const MapView open = opening_map_view(g, s.start, kWidth, kHeight, kBoxW, kBoxH);
    const MapView whole = whole_map_view(g, kWidth, kHeight, kBoxW, kBoxH);
    CHECK(open.zoom == whole.zoom);
    CHECK(open.pan_x == whole.pan_x);
    CHECK(open.pan_y == whole.pan_y);
    CHECK(open.zoom >= kLabelZoom);  // arrow labels drawn
    // Every node's box is inside the map.
    for (const LayoutNode& n : g.nodes) {
        CHECK(open.pan_x + (n.x - kBoxW / 2) * open.zoom >= 0);
        CHECK(open.pan_x + (n.x + kBoxW / 2) * open.zoom <= kWidth);
        CHECK(open.pan_y + (n.y + kBoxH / 2) * open.zoom <= kHeight);
    }
}

TEST_CASE("a large map opens readable, on its start node, and can still be seen whole") {
    const Scenario s = layered(200);
    const GraphLayout g = layout_scenario(s);
    REQUIRE(opens_on_part(g, kWidth, kHeight, kBoxW, kBoxH));
    const MapView whole = whole_map_view(g, kWidth, kHeight, kBoxW, kBoxH);
    CHECK(whole.zoom < kLabelZoom);  // what it used to open with: too small for the arrows' labels
    const MapView open = opening_map_view(g, s.start, kWidth, kHeight, kBoxW, kBoxH);
    CHECK(open.zoom == kReadableZoom);
    const LayoutNode& start = g.nodes[g.index_of(s.start)];
    const float x = open.pan_x + start.x * open.zoom, y = open.pan_y + start.y * open.zoom;
    CHECK(x == doctest::Approx(kWidth / 2));
    CHECK(y - kBoxH / 2 * open.zoom >= 0);   // its box starts inside the map
    CHECK(y < kHeight / 3);                  // near the top, the story below it
    // A start that is not on the map (a broken file being fixed) opens on the first node.
    const MapView fallback = opening_map_view(g, "no-such-node", kWidth, kHeight, kBoxW, kBoxH);
    CHECK(fallback.pan_x + g.nodes[0].x * fallback.zoom == doctest::Approx(kWidth / 2));
}

TEST_CASE("a map too large to fit is shown whole at the smallest scale, never smaller") {
    const Scenario s = layered(1000);
    const GraphLayout g = layout_scenario(s);
    const MapView whole = whole_map_view(g, kWidth, kHeight, kBoxW, kBoxH);
    CHECK(whole.zoom == kSmallestFit);
}

#endif  // TURNAROUND_HAVE_UI_MODEL
