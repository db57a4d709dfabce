// author_view.cpp: author mode. The scenario being played as a map beside its analysis.
//
// The map is laid out in layers from the start (graph_layout.h): choices are arrows coloured by
// the competency they weigh on most, endings are coloured by type, and the path just played is
// drawn thick. Every arrow is labelled with its reply, tags, mood change and flags (always on a
// small map where the labels fit, else when the arrow is hovered). Every finding of `analyze` is
// drawn where it is (scoring/map_findings.h): an outline and a count on the node, the arrow of the
// reply in the finding's colour; a failing check's example playthrough is drawn as numbered steps.
// Click a node or an arrow to open the file at its line in the trainer's editor; right-click a
// node to play from there; drag to pan, wheel to zoom. The conversation's clock stands still here.
// With the file open in an editor, every save redraws both (live_reload.cpp).
//
// [SECTION] State
// [SECTION] Arrows: geometry and labels
// [SECTION] The map
// [SECTION] The panel beside the map
#include <algorithm>
#include <cfloat>
#include <cmath>
#include <map>
#include <set>

#include "analysis.h"
#include "app.h"
#include "graph_dot.h"
#include "graph_layout.h"
#include "map_findings.h"
#include "map_view.h"
#include "open_editor.h"
#include "scenario_watcher.h"

namespace ta::gui {
namespace {

// [SECTION] State ------------------------------------------------------------------------------

struct AuthorState {
    std::shared_ptr<const Scenario> scenario;  // what the map and analysis below describe
    GraphLayout layout;
    scoring::Analysis analysis;
    scoring::MapFindings findings;
    std::string example_check;  // the failing check whose example is drawn ("" = none)
    ImVec2 pan{0, 0};
    float zoom = 1;
    bool fitted = false;
    bool dragged = false;
    float toolbar_right = 0;  // the view buttons' right edge, last frame (screen x)
    // A finding hovered in the panel: its place is picked out on the map.
    std::string spot_node;
    std::optional<int> spot_choice;
};

constexpr float kBoxW = 160, kBoxH = 58;  // node size in layout units
const ImU32 kExampleColour = IM_COL32(255, 70, 150, 255);  // an example playthrough's steps (no competency's colour)

ImU32 hex_colour(const char* hex, int alpha = 255) {
    unsigned r = 0, g = 0, b = 0;
    if (hex && std::sscanf(hex, "#%02x%02x%02x", &r, &g, &b) != 3) r = g = b = 128;
    return IM_COL32(r, g, b, alpha);
}

// Room between layers and columns for the arrows' labels.
LayoutOptions map_layout_options() {
    LayoutOptions o;
    o.layer_gap = 250;
    o.node_gap = 250;
    return o;
}

void refresh(AuthorState& st, const std::shared_ptr<const Scenario>& scenario) {
    if (st.scenario == scenario) return;
    const bool same_file = st.scenario && scenario && st.scenario->source_path == scenario->source_path;
    st.scenario = scenario;
    st.layout = layout_scenario(*scenario, map_layout_options());
    st.analysis = scoring::analyze(*scenario, scoring::default_rubric());
    st.findings = scoring::map_findings(st.analysis, *scenario);
    // The example shown survives a save while its check still fails; else the first failing one.
    auto shown = std::find_if(st.findings.examples.begin(), st.findings.examples.end(),
                              [&](const scoring::MapExample& e) { return e.check == st.example_check; });
    if (!same_file || shown == st.findings.examples.end())
        st.example_check = st.findings.examples.empty() ? "" : st.findings.examples.front().check;
    if (!same_file) st.fitted = false;  // a reload keeps the view where the author left it
}

const scoring::MapExample* shown_example(const AuthorState& st) {
    for (const auto& e : st.findings.examples)
        if (e.check == st.example_check) return &e;
    return nullptr;
}

void jump_to(App& app, const std::string& id) {
    auto path = shortest_path_to(*app.play.scenario, id);
    if (!path) {
        app.notify("No playthrough reaches '" + id + "'", true);
        return;
    }
    auto scenario = app.play.scenario;
    app.play = Play{};
    app.play.scenario = scenario;
    app.play.session.emplace(Session::replay(*scenario, *path));
    app.play.recorded = true;  // an author's jump is not a trainee's attempt
    app.update_conversation();
    app.play.pacer.skip();
    app.notify("Jumped to '" + id + "' in " + std::to_string(path->size()) + " moves");
    if (!app.play.session->ended()) app.go(kConversationScreen);
}

void open_at(App& app, const Scenario& s, int line) {
    if (s.source_path.empty()) {
        app.notify("This scenario was not loaded from a file", true);
        return;
    }
    bool ok = false;
    const std::string message = open_in_editor(s.source_path, line, &ok);
    app.notify(message, !ok);
}

TagPoints rubric_points() {
    TagPoints points;
    for (const auto& [key, tag] : scoring::default_rubric().tags) points[key] = tag.points;
    return points;
}

const Choice* edge_choice(const Scenario& s, const LayoutEdge& e, const std::string& from) {
    const Node* n = s.find_node(from);
    if (!n) return nullptr;
    if (e.kind == LayoutEdge::Kind::Timeout) return n->on_timeout ? &*n->on_timeout : nullptr;
    if (e.kind == LayoutEdge::Kind::Choice && e.index >= 0 && e.index < static_cast<int>(n->choices.size()))
        return &n->choices[e.index];
    return nullptr;
}

int move_of(const LayoutEdge& e) { return e.kind == LayoutEdge::Kind::Timeout ? kTimeoutChoice : e.index; }

// Error beats warning: the colour a set of findings is drawn in (0 = none).
ImU32 findings_colour(const App& app, const std::vector<const scoring::MapFinding*>& fs) {
    if (fs.empty()) return 0;
    for (const auto* f : fs)
        if (f->severity == scoring::MapFinding::Severity::Error) return app.palette.bad;
    for (const auto* f : fs)
        if (f->severity == scoring::MapFinding::Severity::Warning) return app.palette.warn;
    return app.palette.muted_text;
}

ImU32 finding_colour(const App& app, const scoring::MapFinding& f) {
    return f.severity == scoring::MapFinding::Severity::Error     ? app.palette.bad
           : f.severity == scoring::MapFinding::Severity::Warning ? app.palette.warn
                                                                  : app.palette.muted_text;
}

// [SECTION] Arrows: geometry and labels ---------------------------------------------------------

struct Arrow {
    ImVec2 p0, c0, c1, p1;
    ImU32 colour = 0;
    float thickness = 1.5f;
    int move = 0;        // choice index, kTimeoutChoice, or -2 for a mood route
    int step = 0;        // 1-based step of the example playthrough (0 = not on it)
    ImU32 flagged = 0;   // colour of the findings on its reply (0 = none)
    std::vector<std::string> lines;
    ImVec2 label_size{0, 0};
    ImVec2 label_min{0, 0};  // where the label goes (top left)
};

ImVec2 bezier(const Arrow& a, float t) {
    const float u = 1 - t;
    const float w0 = u * u * u, w1 = 3 * u * u * t, w2 = 3 * u * t * t, w3 = t * t * t;
    return ImVec2(w0 * a.p0.x + w1 * a.c0.x + w2 * a.c1.x + w3 * a.p1.x, w0 * a.p0.y + w1 * a.c0.y + w2 * a.c1.y + w3 * a.p1.y);
}

float distance_to(const Arrow& a, ImVec2 p) {
    float best = 1e9f;
    for (int i = 0; i <= 24; ++i) {
        ImVec2 q = bezier(a, i / 24.f);
        best = std::min(best, std::hypot(q.x - p.x, q.y - p.y));
    }
    return best;
}

bool inside(ImVec2 p, ImVec2 min, ImVec2 size) { return p.x >= min.x && p.x <= min.x + size.x && p.y >= min.y && p.y <= min.y + size.y; }

void draw_label(ImDrawList* dl, const App& app, const Arrow& a, float font, bool hot) {
    const ImVec2 max(a.label_min.x + a.label_size.x, a.label_min.y + a.label_size.y);
    const ImU32 bg = ImGui::GetColorU32(ImGuiCol_WindowBg, hot ? 1.f : 0.88f);
    dl->AddRectFilled(a.label_min, max, bg, 4);
    const ImU32 border = hot ? app.palette.accent : a.step ? kExampleColour : a.flagged ? a.flagged : a.colour;
    dl->AddRect(a.label_min, max, border, 4, 0, hot || a.flagged || a.step ? 2.f : 1.f);
    float y = a.label_min.y + 3;
    for (std::size_t i = 0; i < a.lines.size(); ++i) {
        const ImU32 ink = i == 0 ? ImGui::GetColorU32(ImGuiCol_Text) : app.palette.muted_text;
        dl->AddText(ImGui::GetFont(), font, ImVec2(a.label_min.x + 5, y), ink, a.lines[i].c_str());
        y += font + 1;
    }
}

// [SECTION] The map ------------------------------------------------------------------------------

void draw_map(App& app, AuthorState& st, ImVec2 size) {
    const Scenario& s = *st.scenario;
    const GraphLayout& g = st.layout;
    ImGui::BeginChild("author-map", size, true, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    ImGui::InvisibleButton("map-canvas", ImVec2(std::max(avail.x, 1.f), std::max(avail.y, 1.f)),
                           ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight);
    ImGui::SetItemAllowOverlap();  // the view buttons drawn over the map take their own clicks
    app.probe("author-map");
    ImGuiIO& io = ImGui::GetIO();
    // Over the view buttons the pointer is theirs: no node hovered, clicked or dragged there.
    const bool on_toolbar = io.MousePos.y < origin.y + kTopRoom && io.MousePos.x < st.toolbar_right;
    const bool hovered = ImGui::IsItemHovered() && !on_toolbar;

    auto show = [&](const MapView& v) {
        st.zoom = v.zoom;
        st.pan = ImVec2(v.pan_x, v.pan_y);
    };
    if (!st.fitted && g.width > 0 && g.height > 0) {
        show(opening_map_view(g, s.start, avail.x, avail.y, kBoxW, kBoxH));
        st.fitted = true;
    }
    if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 2)) {
        st.pan.x += io.MouseDelta.x;
        st.pan.y += io.MouseDelta.y;
        st.dragged = true;
    }
    if (hovered && io.MouseWheel != 0) {
        const float old = st.zoom;
        st.zoom = std::clamp(st.zoom * (io.MouseWheel > 0 ? 1.15f : 1 / 1.15f), 0.2f, 3.f);
        // Keep the point under the mouse still.
        ImVec2 m(io.MousePos.x - origin.x, io.MousePos.y - origin.y);
        st.pan.x = m.x - (m.x - st.pan.x) * st.zoom / old;
        st.pan.y = m.y - (m.y - st.pan.y) * st.zoom / old;
    }
    auto to_screen = [&](float x, float y) { return ImVec2(origin.x + st.pan.x + x * st.zoom, origin.y + st.pan.y + y * st.zoom); };

    // What was played: nodes visited and edges taken.
    std::set<std::string> visited;
    std::set<std::pair<std::string, int>> taken;  // (node, choice index or kTimeoutChoice)
    std::string here;
    if (app.play.session && app.play.scenario == st.scenario) {
        for (const Turn& t : app.play.session->turns()) {
            visited.insert(t.node_id);
            taken.insert({t.node_id, t.choice_index});
        }
        if (app.play.session->ended()) here = app.play.session->ending()->id;
        else if (app.play.session->current_node()) here = app.play.session->current_node()->id;
        visited.insert(here);
    }
    // The example playthrough shown: its steps by move, and the places it passes.
    std::map<std::pair<std::string, int>, int> example_step;
    std::set<std::string> on_example;
    if (const scoring::MapExample* ex = shown_example(st)) {
        for (std::size_t i = 0; i < ex->path.steps.size(); ++i) {
            const auto& step = ex->path.steps[i];
            example_step.emplace(std::make_pair(step.node_id, step.choice_index), static_cast<int>(i) + 1);
            on_example.insert(step.node_id);
        }
        if (!ex->path.ending_id.empty()) on_example.insert(ex->path.ending_id);
    }

    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->PushClipRect(origin, ImVec2(origin.x + avail.x, origin.y + avail.y), true);
    static const TagPoints points = rubric_points();
    const float hw = kBoxW / 2 * st.zoom, hh = kBoxH / 2 * st.zoom;
    const float label_font = ImGui::GetFontSize() * std::clamp(st.zoom, 0.7f, 1.0f) * 0.82f;

    // Arrows: geometry, colour, label size. Arrows between the same two places fan out, so each
    // can be hovered on its own.
    std::map<std::pair<int, int>, int> bundle_size, bundle_seen;
    for (const auto& e : g.edges) ++bundle_size[{e.from, e.to}];
    std::vector<Arrow> arrows(g.edges.size());
    for (std::size_t i = 0; i < g.edges.size(); ++i) {
        const LayoutEdge& e = g.edges[i];
        const LayoutNode& a = g.nodes[e.from];
        const LayoutNode& b = g.nodes[e.to];
        Arrow& ar = arrows[i];
        ar.move = e.kind == LayoutEdge::Kind::MoodRoute ? -2 : move_of(e);
        ar.colour = IM_COL32(140, 140, 140, 200);
        if (const Choice* c = edge_choice(s, e, a.id))
            if (auto comp = dominant_competency(choice_points(*c, points))) ar.colour = hex_colour(competency_colour(*comp), 220);
        const int n = bundle_size[{e.from, e.to}], k = bundle_seen[{e.from, e.to}]++;
        const float fan = (k - (n - 1) / 2.f) * 20 * st.zoom;
        ar.p0 = to_screen(a.x, a.y);
        ar.p1 = to_screen(b.x, b.y);
        ar.p0.y += hh;
        ar.p1.y -= hh;
        ar.p0.x += fan * 0.6f;
        ar.p1.x += fan * 0.6f;
        const float bend = std::max(40.f * st.zoom, std::fabs(ar.p1.y - ar.p0.y) * 0.5f);
        ar.c0 = ImVec2(ar.p0.x + fan * 2, ar.p0.y + bend);
        ar.c1 = ImVec2(ar.p1.x + fan * 2, ar.p1.y - bend);
        if (b.layer <= a.layer) {  // a way back up: swing out to the side
            ar.c0.x += 2 * hw;
            ar.c1.x += 2 * hw;
        }
        if (ar.move != -2) {
            if (auto it = example_step.find({a.id, ar.move}); it != example_step.end()) ar.step = it->second;
            ar.flagged = findings_colour(app, st.findings.on_reply(a.id, ar.move));
        }
        ar.lines = edge_label_lines(s, g, e, 26);
        float w = 0;
        for (const auto& l : ar.lines) w = std::max(w, ImGui::GetFont()->CalcTextSizeA(label_font, FLT_MAX, 0, l.c_str()).x);
        ar.label_size = ImVec2(w + 10, ar.lines.size() * (label_font + 1) + 5);
    }
    // Labels always shown where they fit: on a small map at a readable zoom, the example's steps
    // and flagged replies first, each at the first free place along its arrow (or beside it). The
    // rest appear when their arrow or its node is hovered, at the arrow's middle.
    std::vector<bool> label_shown(arrows.size(), false);
    // side: 0 centred on the arrow, 1 beside it, 2 a label's width further out; negative: to the left.
    auto box_at = [&](const Arrow& a, float t, int side) {
        const ImVec2 p = bezier(a, t);
        const float w = a.label_size.x;
        const float x0 = p.x - w / 2 + side * (w / 2 + 6) + (side > 1 ? w / 2 : side < -1 ? -w / 2 : 0);
        return LabelBox{x0, p.y - a.label_size.y / 2, x0 + w, p.y + a.label_size.y / 2};
    };
    for (Arrow& a : arrows) {
        const LabelBox b = box_at(a, 0.5f, 0);
        a.label_min = ImVec2(b.x0, b.y0);
    }
    if (st.zoom >= kLabelZoom && arrows.size() <= 40) {
        std::vector<std::size_t> order(arrows.size());
        for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
        std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
            auto rank = [&](const Arrow& a) { return a.step ? 0 : a.flagged ? 1 : 2; };
            return rank(arrows[x]) < rank(arrows[y]);
        });
        static constexpr float kAlong[] = {0.5f, 0.38f, 0.62f, 0.28f, 0.72f};
        std::vector<std::vector<LabelBox>> candidates;
        for (std::size_t i : order) {
            std::vector<LabelBox> c;
            for (float t : kAlong)
                for (int side : {0, 1, -1, 2, -2}) c.push_back(box_at(arrows[i], t, side));
            candidates.push_back(std::move(c));
        }
        // A label never covers a node, nor goes off the map's edge.
        const float x0 = origin.x, y0 = origin.y, x1 = origin.x + avail.x, y1 = origin.y + avail.y, far = 1e6f;
        std::vector<LabelBox> node_boxes = {{-far, -far, x0, far}, {x1, -far, far, far}, {-far, -far, far, y0}, {-far, y1, far, far}};
        for (const auto& n : g.nodes) {
            ImVec2 c = to_screen(n.x, n.y);
            node_boxes.push_back({c.x - hw - 4, c.y - hh - 4, c.x + hw + 4, c.y + hh + 4});
        }
        const std::vector<int> chosen = place_labels(node_boxes, candidates);
        for (std::size_t j = 0; j < order.size(); ++j) {
            if (chosen[j] < 0) continue;
            const LabelBox& b = candidates[j][chosen[j]];
            label_shown[order[j]] = true;
            arrows[order[j]].label_min = ImVec2(b.x0, b.y0);
        }
    }

    // The arrow under the mouse: its label first, then its curve.
    int hot = -1;
    if (hovered) {
        float nearest = 7;
        for (std::size_t i = 0; i < arrows.size(); ++i) {
            if (label_shown[i] && inside(io.MousePos, arrows[i].label_min, arrows[i].label_size)) nearest = -1, hot = static_cast<int>(i);
            if (nearest < 0) break;
            const float d = distance_to(arrows[i], io.MousePos);
            if (d < nearest) nearest = d, hot = static_cast<int>(i);
        }
    }

    for (const Arrow& ar : arrows) {
        const std::size_t i = &ar - arrows.data();
        const LayoutEdge& e = g.edges[i];
        const bool was_taken = e.kind != LayoutEdge::Kind::MoodRoute && taken.count({g.nodes[e.from].id, ar.move});
        ImU32 colour = ar.step ? kExampleColour : ar.flagged ? ar.flagged : was_taken ? app.palette.accent : ar.colour;
        float thick = ar.step ? 4.5f : was_taken ? 4.f : ar.flagged ? 3.f : 1.5f;
        if (static_cast<int>(i) == hot) thick += 1.5f;
        if (st.spot_choice && st.spot_node == g.nodes[e.from].id && *st.spot_choice == ar.move) {  // hovered in the panel
            colour = app.palette.focus;
            thick += 3;
        }
        dl->AddBezierCubic(ar.p0, ar.c0, ar.c1, ar.p1, colour, thick);
        dl->AddTriangleFilled(ImVec2(ar.p1.x - 5 * st.zoom, ar.p1.y - 8 * st.zoom), ImVec2(ar.p1.x + 5 * st.zoom, ar.p1.y - 8 * st.zoom),
                              ar.p1, colour);
    }

    std::string hovered_id;
    for (const auto& n : g.nodes) {
        ImVec2 c = to_screen(n.x, n.y);
        ImVec2 min(c.x - hw, c.y - hh), max(c.x + hw, c.y + hh);
        app.probes["author-node:" + n.id] = ImVec4(min.x, min.y, max.x, max.y);
        ImU32 fill = app.palette.card_bg;
        if (n.is_ending)
            if (const Ending* e = s.find_ending(n.id)) fill = hex_colour(ending_colour(e->type));
        dl->AddRectFilled(min, max, fill, 6 * st.zoom);
        const bool is_here = n.id == here;
        ImU32 border = is_here ? app.palette.accent : visited.count(n.id) ? app.palette.accent : app.palette.card_border;
        dl->AddRect(min, max, border, 6 * st.zoom, 0, is_here ? 4.f : visited.count(n.id) ? 2.5f : 1.f);
        if (n.id == s.start) dl->AddRect(ImVec2(min.x - 3, min.y - 3), ImVec2(max.x + 3, max.y + 3), border, 8 * st.zoom);
        if (on_example.count(n.id))
            dl->AddRect(ImVec2(min.x - 5, min.y - 5), ImVec2(max.x + 5, max.y + 5), kExampleColour, 9 * st.zoom, 0, 2.5f);
        // Findings on the node itself: an outline in their colour; on it or its replies: a count.
        const auto own = st.findings.on_node(n.id);
        std::vector<const scoring::MapFinding*> on_box;
        for (const auto* f : own)
            if (!f->choice_index) on_box.push_back(f);
        if (ImU32 fc = findings_colour(app, on_box)) dl->AddRect(min, max, fc, 6 * st.zoom, 0, 3.5f);
        if (!own.empty()) {
            const float r = std::max(8.f, 10 * st.zoom);
            const ImVec2 badge(max.x - 2, min.y + 2);
            dl->AddCircleFilled(badge, r, findings_colour(app, own));
            const std::string count = std::to_string(own.size());
            const ImVec2 ts = ImGui::GetFont()->CalcTextSizeA(label_font, FLT_MAX, 0, count.c_str());
            dl->AddText(ImGui::GetFont(), label_font, ImVec2(badge.x - ts.x / 2, badge.y - ts.y / 2), IM_COL32(20, 20, 20, 255),
                        count.c_str());
        }
        if (st.spot_node == n.id) dl->AddRect(ImVec2(min.x - 8, min.y - 8), ImVec2(max.x + 8, max.y + 8), app.palette.focus, 10, 0, 3.f);
        if (st.zoom > 0.45f) {
            const ImU32 ink = n.is_ending ? IM_COL32(20, 20, 20, 255) : ImGui::GetColorU32(ImGuiCol_Text);
            const float font = ImGui::GetFontSize() * std::clamp(st.zoom, 0.6f, 1.2f);
            std::string label = shorten_text(n.id, 20);
            if (n.is_ending) {
                if (const Ending* e = s.find_ending(n.id)) label = shorten_text(e->title, 16) + "\n(" + ending_type_key(e->type) + ")";
            } else if (const Node* node = s.find_node(n.id); node && !node->say.empty() && st.zoom > 0.8f) {
                label += "\n" + shorten_text(node->say.front().text, 22);
            }
            dl->AddText(ImGui::GetFont(), font, ImVec2(min.x + 6 * st.zoom, min.y + 5 * st.zoom), ink, label.c_str(), nullptr,
                        max.x - min.x - 10 * st.zoom);
        }
        if (hovered && io.MousePos.x >= min.x && io.MousePos.x <= max.x && io.MousePos.y >= min.y && io.MousePos.y <= max.y)
            hovered_id = n.id;
    }
    if (!hovered_id.empty()) hot = -1;  // a node over an arrow wins

    // A flagged reply whose label waits for the mouse still shows that something is wrong there.
    for (std::size_t i = 0; i < arrows.size(); ++i)
        if (arrows[i].flagged && !label_shown[i] && static_cast<int>(i) != hot) {
            const ImVec2 p = bezier(arrows[i], 0.5f);
            dl->AddCircleFilled(p, std::max(5.f, 7 * st.zoom), arrows[i].flagged);
            dl->AddText(ImGui::GetFont(), label_font, ImVec2(p.x - label_font * 0.15f, p.y - label_font / 2), IM_COL32(20, 20, 20, 255), "!");
        }
    // Labels on top; a hovered node shows its replies' labels, a hovered arrow its own.
    for (std::size_t i = 0; i < arrows.size(); ++i) {
        const bool from_hovered = !hovered_id.empty() && g.nodes[g.edges[i].from].id == hovered_id;
        if ((label_shown[i] || from_hovered) && static_cast<int>(i) != hot) draw_label(dl, app, arrows[i], label_font, false);
    }
    if (hot >= 0) draw_label(dl, app, arrows[hot], label_font, true);
    // The example's steps, numbered where each leaves its node.
    for (const Arrow& ar : arrows) {
        if (!ar.step) continue;
        const ImVec2 p = bezier(ar, 0.12f);
        const std::string n = std::to_string(ar.step);
        dl->AddCircleFilled(p, std::max(8.f, label_font * 0.75f), kExampleColour);
        const ImVec2 ts = ImGui::GetFont()->CalcTextSizeA(label_font, FLT_MAX, 0, n.c_str());
        dl->AddText(ImGui::GetFont(), label_font, ImVec2(p.x - ts.x / 2, p.y - ts.y / 2), IM_COL32(255, 255, 255, 255), n.c_str());
    }
    dl->PopClipRect();

    auto list_findings = [&](const std::vector<const scoring::MapFinding*>& fs) {
        for (const auto* f : fs)
            text_wrapped_colour(finding_colour(app, *f), f->check + ": " + f->message);
    };
    const bool released = ImGui::IsMouseReleased(ImGuiMouseButton_Left) && !st.dragged && hovered;
    if (!hovered_id.empty()) {
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 26);
        ImGui::TextUnformatted(hovered_id.c_str());
        if (const Node* node = s.find_node(hovered_id); node && !node->say.empty()) ImGui::TextUnformatted(node->say.front().text.c_str());
        list_findings(st.findings.on_node(hovered_id));
        const int line = scoring::source_line(s, hovered_id);
        text_muted(app, "Click: open in your editor at line %d. Right-click: play from here.", line);
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
        if (released) open_at(app, s, line);
        if (ImGui::IsMouseReleased(ImGuiMouseButton_Right)) jump_to(app, hovered_id);
    } else if (hot >= 0) {
        const LayoutEdge& e = g.edges[hot];
        const std::string& from = g.nodes[e.from].id;
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 26);
        if (const Choice* c = edge_choice(s, e, from)) {
            ImGui::TextUnformatted(c->id.c_str());
            if (!c->text.empty()) ImGui::TextUnformatted(c->text.c_str());
            if (!c->red_line.empty()) text_wrapped_colour(app.palette.bad, "Red line: " + c->red_line);
            list_findings(st.findings.on_reply(from, arrows[hot].move));
        }
        const int line = arrows[hot].move == -2 ? scoring::source_line(s, from) : scoring::source_line(s, from, arrows[hot].move);
        text_muted(app, "Click: open in your editor at line %d.", line);
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
        if (released) open_at(app, s, line);
    }
    if (ImGui::IsMouseReleased(ImGuiMouseButton_Left)) st.dragged = false;

    // The view, over the map's corner: all of it, or its start at a scale where it can be read. On
    // a backdrop, drawn under them once their width is known, so a node panned there stays behind.
    dl->ChannelsSplit(2);
    dl->ChannelsSetCurrent(1);
    ImGui::SetCursorScreenPos(ImVec2(origin.x + 6, origin.y + 6));
    if (ImGui::SmallButton("Whole map")) show(whole_map_view(g, avail.x, avail.y, kBoxW, kBoxH));
    app.probe("map-whole");
    if (opens_on_part(g, avail.x, avail.y, kBoxW, kBoxH)) {
        ImGui::SameLine();
        if (ImGui::SmallButton("Start")) show(opening_map_view(g, s.start, avail.x, avail.y, kBoxW, kBoxH));
        app.probe("map-start");
        ImGui::SameLine();
        text_muted(app, "%s", st.zoom < kLabelZoom ? "Wheel up over a part to read it" : "Drag to see more, wheel to zoom out");
    }
    st.toolbar_right = ImGui::GetItemRectMax().x + 6;
    dl->ChannelsSetCurrent(0);
    dl->AddRectFilled(origin, ImVec2(st.toolbar_right, origin.y + kTopRoom - 2), ImGui::GetColorU32(ImGuiCol_WindowBg, 0.92f), 4);
    dl->ChannelsMerge();
    ImGui::EndChild();
}

// [SECTION] The panel beside the map -----------------------------------------------------------

void draw_findings(App& app, AuthorState& st) {
    const auto& fs = st.findings.findings;
    st.spot_node.clear();
    st.spot_choice.reset();
    if (fs.empty()) {
        text_wrapped_colour(app.palette.good, "No findings on the map.");
        return;
    }
    ImGui::Text("On the map: %zu finding%s", fs.size(), fs.size() == 1 ? "" : "s");
    text_muted(app, "Red: a check this scenario enforces fails. Amber: a warning. Click one to open its line.");
    for (std::size_t i = 0; i < fs.size(); ++i) {
        const auto& f = fs[i];
        std::string where = f.node_id;
        if (f.choice_index) where += *f.choice_index == kTimeoutChoice ? " (time-out)" : " reply " + std::to_string(*f.choice_index + 1);
        const std::string text = "line " + std::to_string(f.line) + ", " + where + ": " + f.message;
        ImGui::PushTextWrapPos(0);
        text_wrapped_colour(finding_colour(app, f), text);
        ImGui::PopTextWrapPos();
        app.probe("author-finding:" + std::to_string(i));
        if (ImGui::IsItemHovered()) {
            ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
            st.spot_node = f.node_id;
            st.spot_choice = f.choice_index;
        }
        if (ImGui::IsItemClicked()) open_at(app, *st.scenario, f.line);
    }
}

void draw_example(App& app, const scoring::MapExample& ex) {
    ImGui::Indent();
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(kExampleColour));
    ImGui::TextUnformatted("Example playthrough, drawn on the map:");
    ImGui::PopStyleColor();
    ImGui::PushTextWrapPos(0);
    for (std::size_t i = 0; i < ex.path.steps.size(); ++i) {
        const auto& step = ex.path.steps[i];
        const std::string said = step.choice_index == kTimeoutChoice ? "(lets the timer run out)" : shorten_text(step.text, 60);
        ImGui::Text("%zu. %s: %s", i + 1, step.node_id.c_str(), said.c_str());
    }
    if (!ex.path.ending_id.empty()) text_muted(app, "ends at %s (overall %s)", ex.path.ending_id.c_str(), format_score(ex.path.overall).c_str());
    ImGui::PopTextWrapPos();
    ImGui::Unindent();
}

void draw_analysis(App& app, AuthorState& st, ImVec2 size) {
    const scoring::Analysis& a = st.analysis;
    ImGui::BeginChild("author-analysis", size, true);
    ImGui::PushFont(app.fonts.title);
    ImGui::TextWrapped("%s", st.scenario->title.c_str());
    ImGui::PopFont();
    text_muted(app, "%s", st.scenario->source_path.c_str());
    if (st.scenario->draft)
        text_wrapped_colour(app.palette.warn, "Draft: what is missing is listed as to do, and attempts are not kept. "
                                              "Remove 'draft: true' when it is finished.");
    // The conversation waits here with its clock stopped (ScreenDef::pauses_conversation).
    if (app.play.session) {
        const bool ended = app.play.session->ended();
        if (ImGui::Button(ended ? "Back to the debrief" : "Back to the conversation")) app.go(ended ? kDebriefScreen : kConversationScreen);
        app.probe("author-back");
    }
    ImGui::Separator();
    if (!a.ok) {
        text_wrapped_colour(app.palette.bad, "Not analysed: " + a.error);
        ImGui::EndChild();
        return;
    }
    ImGui::Text("Score range: %s .. %s  (pass mark %d)", format_score(a.min_overall).c_str(),
                format_score(a.max_overall).c_str(), a.pass_mark);
    if (a.infinite) ImGui::TextUnformatted("Playthroughs: unlimited (a loop can be repeated)");
    else ImGui::Text("Playthroughs: %s, of which %s pass", a.playthroughs.to_string().c_str(),
                     a.passing_playthroughs.to_string().c_str());
    ImGui::Spacing();
    ImGui::TextUnformatted("Soundness checks:");
    for (const auto& c : a.checks) {
        // As `analyze` prints them.
        const scoring::CheckLine line = scoring::check_line(c, a);
        if (line.marker == "--") {
            text_muted(app, "--  %s: %s", c.name.c_str(), line.text.c_str());
            continue;
        }
        const ImU32 colour = line.marker == "ok"     ? app.palette.good
                             : line.marker == "FAIL" ? app.palette.bad
                             : line.marker == "todo" ? app.palette.muted_text
                                                     : app.palette.warn;
        text_wrapped_colour(colour, line.marker + "  " + c.name + (c.enforced ? " (enforced)" : ""));
        ImGui::Indent();
        ImGui::PushTextWrapPos(0);
        text_muted(app, "%s", line.text.c_str());
        ImGui::PopTextWrapPos();
        if (line.show_example && c.example) {
            const bool shown = st.example_check == c.name;
            ImGui::PushID(c.name.c_str());
            if (ImGui::SmallButton(shown ? "Hide the example" : "Show an example on the map")) st.example_check = shown ? "" : c.name;
            app.probe("author-example:" + c.name);
            ImGui::PopID();
        }
        ImGui::Unindent();
        if (st.example_check == c.name)
            if (const scoring::MapExample* ex = shown_example(st)) draw_example(app, *ex);
    }
    ImGui::Spacing();
    draw_findings(app, st);
    ImGui::Spacing();
    ImGui::Text("Best path (%s, ending %s):", format_score(a.best_path.overall).c_str(), a.best_path.ending_id.c_str());
    ImGui::PushTextWrapPos(0);
    for (std::size_t i = 0; i < a.best_path.steps.size(); ++i)
        ImGui::Text("%zu. %s", i + 1, shorten_text(a.best_path.steps[i].text, 70).c_str());
    ImGui::PopTextWrapPos();
    app.facts["author-findings"] = std::to_string(st.findings.findings.size());
    app.facts["author-example"] = st.example_check;
    ImGui::EndChild();
}

void draw_author(App& app) {
    auto& st = app.screen_state<AuthorState>();
    if (!app.play.scenario) {
        ImGui::Spacing();
        ImGui::TextWrapped("Author mode shows the map and the analysis of the scenario you are playing. Open one from "
                           "the library, then come back here. Keep its file open in your editor: every save redraws both.");
        if (ImGui::Button("Go to the library")) app.go(kLibraryScreen);
        return;
    }
    refresh(st, app.play.scenario);
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float side = std::min(avail.x * 0.38f, ImGui::GetFontSize() * 26);
    draw_map(app, st, ImVec2(avail.x - side - ImGui::GetStyle().ItemSpacing.x, avail.y));
    ImGui::SameLine();
    draw_analysis(app, st, ImVec2(side, avail.y));
}

const ScreenRegistration kAuthor{{"author", "Author", 50, true, draw_author, {}, {}, true}};

}  // namespace
}  // namespace ta::gui
