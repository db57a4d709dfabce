// Layered layout of a scenario's map: layers from the start, fewer crossings, sane coordinates.
// Scenarios are built in code so the layout is tested apart from the loader.
#include <doctest/doctest.h>

#include <set>

#include "graph_layout.h"

using namespace ta;

namespace {

Choice to(const std::string& next, const std::string& id) {
    Choice c;
    c.id = id;
    c.text = "go to " + next;
    c.next = next;
    return c;
}

Node node(const std::string& id, std::vector<std::string> nexts) {
    Node n;
    n.id = id;
    for (size_t i = 0; i < nexts.size(); ++i) n.choices.push_back(to(nexts[i], id + "#" + std::to_string(i + 1)));
    return n;
}

Scenario make(std::vector<Node> nodes, std::vector<std::string> endings, std::string start = "s") {
    Scenario s;
    s.start = std::move(start);
    s.nodes = std::move(nodes);
    for (const auto& e : endings) s.endings.push_back({e, EndingType::Lost, e, "", {}, {}});
    s.reindex();
    return s;
}

// start -> a, b, c; a -> x; b -> y; c -> x. Discovery order puts c last in its layer, which makes
// b->y and c->x cross until c moves next to a.
Scenario crossing_scenario() {
    return make({node("s", {"a", "b", "c"}), node("a", {"x"}), node("b", {"y"}), node("c", {"x"}),
                 node("x", {"end"}), node("y", {"end"})},
                {"end"});
}

}  // namespace

TEST_CASE("layers are the fewest moves from the start, endings on a row below") {
    Scenario s = make({node("s", {"a", "b"}), node("a", {"b", "won"}), node("b", {"lost"})}, {"won", "lost"});
    GraphLayout g = layout_scenario(s);
    REQUIRE(g.nodes.size() == 5);
    CHECK(g.nodes[g.index_of("s")].layer == 0);
    CHECK(g.nodes[g.index_of("a")].layer == 1);
    CHECK(g.nodes[g.index_of("b")].layer == 1);  // reachable in one move although a also leads there
    CHECK(g.nodes[g.index_of("won")].layer == 2);
    CHECK(g.nodes[g.index_of("lost")].layer == 2);
    CHECK(g.nodes[g.index_of("won")].is_ending);
    CHECK(g.layer_count == 3);
    CHECK(g.edges.size() == 5);

    LayoutOptions by_distance;
    by_distance.endings_last = false;
    GraphLayout h = layout_scenario(s, by_distance);
    CHECK(h.nodes[h.index_of("won")].layer == 2);
    CHECK(h.nodes[h.index_of("lost")].layer == 2);
}

TEST_CASE("barycentre ordering removes avoidable crossings") {
    Scenario s = crossing_scenario();
    LayoutOptions naive;
    naive.sweeps = 0;
    CHECK(count_crossings(layout_scenario(s, naive)) == 1);
    GraphLayout g = layout_scenario(s);
    CHECK(count_crossings(g) == 0);
    // c now sits beside a, both above x.
    CHECK(std::abs(g.nodes[g.index_of("a")].order - g.nodes[g.index_of("c")].order) == 1);
}

TEST_CASE("coordinates fit the bounding box and rows do not overlap") {
    Scenario s = crossing_scenario();
    LayoutOptions opt;
    GraphLayout g = layout_scenario(s, opt);
    for (const auto& n : g.nodes) {
        CHECK(n.x >= 0);
        CHECK(n.x <= g.width);
        CHECK(n.y >= 0);
        CHECK(n.y <= g.height);
        for (const auto& m : g.nodes) {
            if (&n == &m) continue;
            if (n.layer == m.layer) {
                CHECK(n.y == m.y);
                CHECK(std::abs(n.x - m.x) >= opt.node_gap - 0.01f);
            }
            if (n.layer < m.layer) CHECK(n.y < m.y);
        }
    }
}

TEST_CASE("timeouts and mood routes are edges too; unreachable nodes go on a last row") {
    Scenario s = make({node("s", {"a"}), node("a", {"won"}), node("orphan", {"won"})}, {"won", "gone"});
    s.nodes[0].on_timeout = to("gone", "s#timeout");
    s.nodes[1].mood_routes.push_back({10, std::nullopt, "gone", {}});
    s.reindex();
    GraphLayout g = layout_scenario(s);
    std::set<LayoutEdge::Kind> kinds;
    for (const auto& e : g.edges) kinds.insert(e.kind);
    CHECK(kinds.count(LayoutEdge::Kind::Timeout) == 1);
    CHECK(kinds.count(LayoutEdge::Kind::MoodRoute) == 1);
    const LayoutNode& orphan = g.nodes[g.index_of("orphan")];
    CHECK_FALSE(orphan.reachable);
    CHECK(orphan.layer == g.layer_count - 1);
    CHECK(g.nodes[g.index_of("gone")].reachable);
    CHECK(g.nodes[g.index_of("gone")].layer < orphan.layer);
}

TEST_CASE("layout is deterministic and survives broken scenarios") {
    Scenario s = crossing_scenario();
    GraphLayout a = layout_scenario(s), b = layout_scenario(s);
    REQUIRE(a.nodes.size() == b.nodes.size());
    for (size_t i = 0; i < a.nodes.size(); ++i) {
        CHECK(a.nodes[i].x == b.nodes[i].x);
        CHECK(a.nodes[i].y == b.nodes[i].y);
    }

    Scenario empty;
    empty.reindex();
    GraphLayout e = layout_scenario(empty);
    CHECK(e.nodes.empty());
    CHECK(e.layer_count == 0);

    // Missing start, dangling targets, a cycle: still laid out, nothing reachable.
    Scenario broken = make({node("a", {"b", "nowhere"}), node("b", {"a"})}, {"end"}, "missing");
    GraphLayout bg = layout_scenario(broken);
    CHECK(bg.nodes.size() == 3);
    CHECK(bg.edges.size() == 2);
    for (const auto& n : bg.nodes) CHECK_FALSE(n.reachable);
}

// The map labels each arrow: a trainer reads the reply, its tags, the mood change and the flags on
// the map itself, and a long reply in German or Chinese is cut at a character, never inside one.
TEST_CASE("arrow labels: reply cut at a character, tags, mood and flags") {
    Node s = node("s", {"a", "end"});
    Choice& c = s.choices[0];
    c.text = "Es tut mir wirklich sehr leid, dass Ihre Bestellung nicht rechtzeitig ankam";
    c.tags = {"apologise", "own_it"};
    c.model = true;
    c.mood = 15;
    c.requires_flags = {"asked_order"};
    c.sets = {"apologised"};
    s.choices[1].text = "你好，很抱歉给您带来不便，我们马上为您处理退款事宜，请您稍等片刻好吗";
    s.choices[1].mood = -10;
    s.choices[1].requires_not_flags = {"refunded"};
    s.choices[1].clears = {"apologised"};
    s.timer_seconds = 20;
    s.on_timeout = to("end", "s#timeout");
    s.on_timeout->text = "";
    Node a = node("a", {"end"});
    a.mood_routes.push_back({15, std::nullopt, "end", {}});
    Scenario sc = make({s, a}, {"end"});
    GraphLayout g = layout_scenario(sc);
    auto label = [&](const std::string& from, LayoutEdge::Kind kind, int index) {
        for (const auto& e : g.edges)
            if (g.nodes[e.from].id == from && e.kind == kind && e.index == index) return edge_label_lines(sc, g, e, 30);
        return std::vector<std::string>{};
    };
    CHECK(label("s", LayoutEdge::Kind::Choice, 0) ==
          std::vector<std::string>{"\"Es tut mir wirklich sehr…\"", "model reply, apologise, own_it", "mood +15",
                                   "needs asked_order; sets apologised"});
    auto cjk = label("s", LayoutEdge::Kind::Choice, 1);
    REQUIRE(cjk.size() == 3);
    CHECK(cjk[0] == "\"你好，很抱歉给您带来不便，我们马上为您处理退款事宜，请您稍…\"");  // 29 characters, then "…"
    CHECK(cjk[1] == "mood -10");
    CHECK(cjk[2] == "needs unset refunded; clears apologised");
    CHECK(label("s", LayoutEdge::Kind::Timeout, -1) == std::vector<std::string>{"(timer runs out)"});
    CHECK(label("a", LayoutEdge::Kind::MoodRoute, 0) == std::vector<std::string>{"(on arrival) if mood below 15"});
}

TEST_CASE("arrow labels: each takes its first free place, or waits for the mouse") {
    const std::vector<LabelBox> nodes = {{0, 100, 100, 140}};
    std::vector<std::vector<LabelBox>> labels = {
        {{0, 0, 100, 20}},                      // free: placed
        {{50, 10, 150, 30}, {0, 20, 100, 40}},  // the first overlaps the label above, the second is free
        {{0, 110, 100, 130}, {0, 25, 100, 45}},  // on the node, then on the second label: nowhere
        {{100, 0, 200, 20}},                    // only touches the first label's edge: free
    };
    CHECK(place_labels(nodes, labels) == std::vector<int>{0, 1, -1, 0});
    CHECK(place_labels({}, {}).empty());
}
