// author_view.cpp: author mode. The scenario being played as a map beside its analysis.
//
// The map is laid out in layers from the start (graph_layout.h): choices are arrows coloured by
// the competency they weigh on most, endings are coloured by type, and the path just played is
// drawn thick. Drag to pan, wheel to zoom, click a node to jump the playthrough there. Beside it:
// the score range, the best path and the verdict of every soundness check (scoring/analysis.h).
// With the file open in an editor, every save redraws both (live_reload.cpp).
#include <algorithm>
#include <cmath>
#include <set>

#include "analysis.h"
#include "app.h"
#include "graph_dot.h"
#include "graph_layout.h"
#include "scenario_watcher.h"

namespace ta::gui {
namespace {

struct AuthorState {
    std::shared_ptr<const Scenario> scenario;  // what the map and analysis below describe
    GraphLayout layout;
    scoring::Analysis analysis;
    ImVec2 pan{0, 0};
    float zoom = 1;
    bool fitted = false;
    bool dragged = false;
};

constexpr float kBoxW = 160, kBoxH = 58;  // node size in layout units

ImU32 hex_colour(const char* hex, int alpha = 255) {
    unsigned r = 0, g = 0, b = 0;
    if (hex && std::sscanf(hex, "#%02x%02x%02x", &r, &g, &b) != 3) r = g = b = 128;
    return IM_COL32(r, g, b, alpha);
}

void refresh(AuthorState& st, const std::shared_ptr<const Scenario>& scenario) {
    if (st.scenario == scenario) return;
    const bool same_file = st.scenario && scenario && st.scenario->source_path == scenario->source_path;
    st.scenario = scenario;
    st.layout = layout_scenario(*scenario);
    st.analysis = scoring::analyze(*scenario, scoring::default_rubric());
    if (!same_file) st.fitted = false;  // a reload keeps the view where the author left it
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

const Choice* edge_choice(const Scenario& s, const LayoutEdge& e, const std::string& from) {
    const Node* n = s.find_node(from);
    if (!n) return nullptr;
    if (e.kind == LayoutEdge::Kind::Timeout) return n->on_timeout ? &*n->on_timeout : nullptr;
    if (e.kind == LayoutEdge::Kind::Choice && e.index >= 0 && e.index < static_cast<int>(n->choices.size()))
        return &n->choices[e.index];
    return nullptr;
}

TagPoints rubric_points() {
    TagPoints points;
    for (const auto& [key, tag] : scoring::default_rubric().tags) points[key] = tag.points;
    return points;
}

void draw_map(App& app, AuthorState& st, ImVec2 size) {
    const Scenario& s = *st.scenario;
    const GraphLayout& g = st.layout;
    ImGui::BeginChild("author-map", size, true, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    ImGui::InvisibleButton("map-canvas", ImVec2(std::max(avail.x, 1.f), std::max(avail.y, 1.f)));
    app.probe("author-map");
    const bool hovered = ImGui::IsItemHovered();
    ImGuiIO& io = ImGui::GetIO();

    if (!st.fitted && g.width > 0 && g.height > 0) {
        st.zoom = std::clamp(std::min(avail.x / (g.width + kBoxW), avail.y / (g.height + kBoxH)), 0.25f, 1.5f);
        st.pan = ImVec2((avail.x - g.width * st.zoom) / 2, kBoxH * st.zoom * 0.2f);
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

    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->PushClipRect(origin, ImVec2(origin.x + avail.x, origin.y + avail.y), true);
    static const TagPoints points = rubric_points();
    const float hw = kBoxW / 2 * st.zoom, hh = kBoxH / 2 * st.zoom;
    for (const auto& e : g.edges) {
        const LayoutNode& a = g.nodes[e.from];
        const LayoutNode& b = g.nodes[e.to];
        const Choice* c = edge_choice(s, e, a.id);
        ImU32 colour = IM_COL32(140, 140, 140, 200);
        if (c)
            if (auto comp = dominant_competency(choice_points(*c, points))) colour = hex_colour(competency_colour(*comp), 220);
        const bool was_taken = e.kind != LayoutEdge::Kind::MoodRoute &&
                               taken.count({a.id, e.kind == LayoutEdge::Kind::Timeout ? kTimeoutChoice : e.index});
        ImVec2 p0 = to_screen(a.x, a.y), p1 = to_screen(b.x, b.y);
        p0.y += hh;
        p1.y -= hh;
        const float bend = std::max(40.f * st.zoom, std::fabs(p1.y - p0.y) * 0.5f);
        ImVec2 c0(p0.x, p0.y + bend), c1(p1.x, p1.y - bend);
        if (b.layer <= a.layer) {  // a way back up: swing out to the side
            c0.x += 2 * hw;
            c1.x += 2 * hw;
        }
        dl->AddBezierCubic(p0, c0, c1, p1, was_taken ? app.palette.accent : colour, was_taken ? 4.f : 1.5f);
        dl->AddTriangleFilled(ImVec2(p1.x - 4 * st.zoom, p1.y - 7 * st.zoom), ImVec2(p1.x + 4 * st.zoom, p1.y - 7 * st.zoom), p1,
                              was_taken ? app.palette.accent : colour);
    }

    std::string hovered_id;
    for (const auto& n : g.nodes) {
        ImVec2 c = to_screen(n.x, n.y);
        ImVec2 min(c.x - hw, c.y - hh), max(c.x + hw, c.y + hh);
        ImU32 fill = app.palette.card_bg;
        if (n.is_ending)
            if (const Ending* e = s.find_ending(n.id)) fill = hex_colour(ending_colour(e->type));
        dl->AddRectFilled(min, max, fill, 6 * st.zoom);
        const bool is_here = n.id == here;
        ImU32 border = is_here ? app.palette.accent : visited.count(n.id) ? app.palette.accent : app.palette.card_border;
        dl->AddRect(min, max, border, 6 * st.zoom, 0, is_here ? 4.f : visited.count(n.id) ? 2.5f : 1.f);
        if (n.id == s.start) dl->AddRect(ImVec2(min.x - 3, min.y - 3), ImVec2(max.x + 3, max.y + 3), border, 8 * st.zoom);
        if (!n.reachable) dl->AddRect(min, max, app.palette.bad, 6 * st.zoom, 0, 2.f);
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
    dl->PopClipRect();

    if (!hovered_id.empty()) {
        ImGui::BeginTooltip();
        ImGui::TextUnformatted(hovered_id.c_str());
        if (const Node* node = s.find_node(hovered_id); node && !node->say.empty()) {
            ImGui::PushTextWrapPos(ImGui::GetFontSize() * 24);
            ImGui::TextUnformatted(node->say.front().text.c_str());
            ImGui::PopTextWrapPos();
        }
        text_muted(app, "Click to play from here");
        ImGui::EndTooltip();
        if (ImGui::IsMouseReleased(ImGuiMouseButton_Left) && !st.dragged) jump_to(app, hovered_id);
    }
    if (ImGui::IsMouseReleased(ImGuiMouseButton_Left)) st.dragged = false;
    ImGui::EndChild();
}

void draw_analysis(App& app, const AuthorState& st, ImVec2 size) {
    const scoring::Analysis& a = st.analysis;
    ImGui::BeginChild("author-analysis", size, true);
    ImGui::PushFont(app.fonts.title);
    ImGui::TextWrapped("%s", st.scenario->title.c_str());
    ImGui::PopFont();
    text_muted(app, "%s", st.scenario->source_path.c_str());
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
    ImGui::Text("Best path (%s, ending %s):", format_score(a.best_path.overall).c_str(), a.best_path.ending_id.c_str());
    ImGui::PushTextWrapPos(0);
    for (std::size_t i = 0; i < a.best_path.steps.size(); ++i)
        ImGui::Text("%zu. %s", i + 1, shorten_text(a.best_path.steps[i].text, 70).c_str());
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    ImGui::TextUnformatted("Soundness checks:");
    for (const auto& c : a.checks) {
        const ImU32 colour = c.ok ? app.palette.good : c.enforced ? app.palette.bad : app.palette.warn;
        text_wrapped_colour(colour, std::string(c.ok ? "ok  " : c.enforced ? "FAIL  " : "warn  ") + c.name + (c.enforced ? " (enforced)" : ""));
        ImGui::Indent();
        ImGui::PushTextWrapPos(0);
        text_muted(app, "%s", c.verdict.c_str());
        ImGui::PopTextWrapPos();
        ImGui::Unindent();
    }
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

const ScreenRegistration kAuthor{{"author", "Author", 50, true, draw_author, {}, {}}};

}  // namespace
}  // namespace ta::gui
