// The library: scenario cards with filters and search. A file that fails to load is shown as a
// card with its errors, so an author sees what is wrong instead of a missing scenario.
#include <algorithm>
#include <cstring>

#include <imgui_internal.h>  // ImDrawListSplitter lives in imgui.h; ImRect helpers here

#include "app.h"

namespace ta::gui {

namespace {

struct LibraryUi {
    char search[128] = "";
    char folder[512] = "";
};

const char* kDifficultyNames[] = {"Any difficulty", "Easy", "Medium", "Hard"};

void draw_toolbar(App& app, LibraryUi& ui) {
    float em = ImGui::GetFontSize();
    ImGui::SetNextItemWidth(std::max(12 * em, ImGui::GetContentRegionAvail().x * 0.32f));
    if (ImGui::InputTextWithHint("##search", "Search title, customer, objective…", ui.search, sizeof ui.search))
        app.filter.search = ui.search;
    ImGui::SameLine();
    auto inds = industries(app.library);
    ImGui::SetNextItemWidth(11 * em);
    const char* current = app.filter.industry.empty() ? "Any industry" : app.filter.industry.c_str();
    if (ImGui::BeginCombo("##industry", current)) {
        if (ImGui::Selectable("Any industry", app.filter.industry.empty())) app.filter.industry.clear();
        for (const auto& ind : inds)
            if (ImGui::Selectable(ind.c_str(), app.filter.industry == ind)) app.filter.industry = ind;
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(9 * em);
    int diff = app.filter.difficulty + 1;
    if (ImGui::Combo("##difficulty", &diff, kDifficultyNames, 4)) app.filter.difficulty = diff - 1;
    ImGui::SameLine();
    if (ImGui::Button("Open folder…")) {
        std::snprintf(ui.folder, sizeof ui.folder, "%s", app.settings.last_folder.c_str());
        ImGui::OpenPopup("Open a scenario folder");
    }
    ImGui::SameLine();
    if (ImGui::Button("Reload")) {
        app.reload_library();
        app.notify("Library reloaded");
    }

    ImGui::SetNextWindowSize(ImVec2(36 * em, 0));
    if (ImGui::BeginPopupModal("Open a scenario folder", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::TextWrapped("Type the path of a folder that holds scenario files (.yaml). Its scenarios are "
                           "added to the library.");
        ImGui::SetNextItemWidth(-1);
        if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
        bool enter = ImGui::InputText("##folder", ui.folder, sizeof ui.folder, ImGuiInputTextFlags_EnterReturnsTrue);
        if (ImGui::Button("Open") || enter) {
            if (ui.folder[0]) app.add_library_source(ui.folder);
            ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine();
        if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
}

// Draws one card's content at the cursor; returns its height.
float draw_card(App& app, const LibraryEntry& e, float width) {
    const Palette& p = app.palette;
    float em = ImGui::GetFontSize();
    ImVec2 start = ImGui::GetCursorScreenPos();
    float pad = em * 0.9f;
    ImGui::SetCursorScreenPos(ImVec2(start.x + pad, start.y + pad));
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width - 2 * pad);
    if (!e.ok()) {
        ImGui::PushFont(app.fonts.title);
        ImGui::TextUnformatted(e.file_name().c_str());
        ImGui::PopFont();
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(p.bad));
        ImGui::TextUnformatted("Could not be loaded");
        ImGui::PopStyleColor();
        for (const auto& line : e.error_lines(4)) text_wrapped_colour(p.muted_text, line);
        int errors = count_errors(e.diagnostics);
        if (errors > 4) text_muted(app, "… and %d more. Check it with: %s", errors - 4, e.check_command().c_str());
    } else {
        const Scenario& s = *e.scenario;
        ImGui::PushFont(app.fonts.title);
        ImGui::TextUnformatted(s.title.empty() ? s.id.c_str() : s.title.c_str());
        ImGui::PopFont();
        if (s.draft) text_wrapped_colour(p.warn, "Draft: still being written, so attempts are not kept");
        const char* diff = s.difficulty == Difficulty::Easy ? "Easy" : s.difficulty == Difficulty::Hard ? "Hard" : "Medium";
        text_muted(app, "%s  ·  %s  ·  %d min", s.industry.empty() ? "General" : s.industry.c_str(), diff, s.minutes);
        if (!s.summary.empty()) ImGui::TextUnformatted(s.summary.c_str());
        if (!s.objectives.empty()) {
            ImGui::PushFont(app.fonts.bold);
            ImGui::TextUnformatted("You will practise");
            ImGui::PopFont();
            int shown = 0;
            for (const auto& o : s.objectives) {
                if (++shown > 3) {
                    text_muted(app, "and %d more", static_cast<int>(s.objectives.size()) - 3);
                    break;
                }
                ImGui::Bullet();
                ImGui::SameLine();
                ImGui::TextUnformatted(o.c_str());
            }
        }
        std::optional<BestResult> best = app.results ? app.results->best_for(s.id) : std::nullopt;
        if (best) {
            ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(best->passed ? p.good : p.warn));
            ImGui::Text("Best so far: %s  ·  %s  ·  %d attempt%s", format_score(best->overall).c_str(),
                        best->band.c_str(), best->attempts, best->attempts == 1 ? "" : "s");
            ImGui::PopStyleColor();
        } else {
            text_muted(app, "Not tried yet");
        }
        ImGui::Dummy(ImVec2(0, em * 0.2f));
        std::string id = "Start##" + e.path;
        ImGui::PushStyleColor(ImGuiCol_Button, ImGui::ColorConvertU32ToFloat4(p.accent));
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(p.accent_text));
        if (ImGui::Button(id.c_str(), ImVec2(8 * em, 0))) app.request_start(e.scenario);
        ImGui::PopStyleColor(2);
        app.probe("play:" + e.path);
        if (app.scroll_to_entry == e.path) {
            ImGui::SetScrollHereY(0.5f);
            app.scroll_to_entry.clear();
        }
        ImGui::SameLine();
        text_muted(app, "with %s", s.customer.name.empty() ? "a customer" : s.customer.name.c_str());
    }
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    return ImGui::GetItemRectMax().y - start.y + pad;
}

void draw_library(App& app) {
    auto& ui = app.screen_state<LibraryUi>();
    const Palette& p = app.palette;
    float em = ImGui::GetFontSize();
    // An attempt left through the navigation bar can be picked up again.
    if (app.play.session && app.play.scenario) {
        bool finished = app.play.debrief.has_value();
        ImGui::PushStyleColor(ImGuiCol_Button, ImGui::ColorConvertU32ToFloat4(p.accent));
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(p.accent_text));
        std::string label = (finished ? "Back to your debrief: " : "Continue your conversation: ") + app.play.scenario->title;
        if (ImGui::Button(label.c_str())) app.go(finished ? kDebriefScreen : kConversationScreen);
        ImGui::PopStyleColor(2);
    }
    draw_toolbar(app, ui);

    std::vector<int> shown = filter_entries(app.library, app.filter);
    int failed = 0;
    for (const auto& e : app.library) failed += e.ok() ? 0 : 1;
    if (app.library.empty()) {
        text_muted(app, "No scenarios found%s%s. Use “Open folder…” to add a folder of scenario files.",
                   app.library_error.empty() ? "" : ": ", app.library_error.c_str());
    } else {
        text_muted(app, "%d of %d scenario%s shown%s", static_cast<int>(shown.size()), static_cast<int>(app.library.size()),
                   app.library.size() == 1 ? "" : "s",
                   failed ? ("  ·  " + std::to_string(failed) + " could not be loaded").c_str() : "");
    }

    ImGui::BeginChild("cards", ImVec2(0, 0), false, ImGuiWindowFlags_NavFlattened);
    float avail = ImGui::GetContentRegionAvail().x;
    Layout l = compute_layout(avail, ImGui::GetIO().DisplaySize.y, em);
    float gap = em;
    int cols = l.card_columns;
    float card_w = (avail - gap * static_cast<float>(cols - 1)) / static_cast<float>(cols);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImDrawListSplitter split;
    split.Split(dl, 2);
    ImVec2 origin = ImGui::GetCursorScreenPos();
    float y = origin.y;
    for (size_t row = 0; row * cols < shown.size(); ++row) {
        float row_h = 0;
        std::vector<std::pair<float, bool>> cards;  // x, ok
        split.SetCurrentChannel(dl, 1);
        for (int c = 0; c < cols; ++c) {
            size_t k = row * cols + c;
            if (k >= shown.size()) break;
            const LibraryEntry& e = app.library[shown[k]];
            float x = origin.x + c * (card_w + gap);
            ImGui::SetCursorScreenPos(ImVec2(x, y));
            ImGui::PushID(static_cast<int>(k));
            row_h = std::max(row_h, draw_card(app, e, card_w));
            ImGui::PopID();
            cards.push_back({x, e.ok()});
        }
        split.SetCurrentChannel(dl, 0);
        for (auto [x, ok] : cards) {
            dl->AddRectFilled(ImVec2(x, y), ImVec2(x + card_w, y + row_h), p.card_bg, em * 0.6f);
            dl->AddRect(ImVec2(x, y), ImVec2(x + card_w, y + row_h), ok ? p.card_border : p.card_error_border, em * 0.6f,
                        0, ok ? 1.0f : 2.0f);
        }
        y += row_h + gap;
    }
    split.Merge(dl);
    ImGui::SetCursorScreenPos(ImVec2(origin.x, y));
    ImGui::Dummy(ImVec2(avail, 1));
    ImGui::EndChild();
}

double library_next_frame(App&, double) {
    // Text fields blink their cursor; otherwise the library is still.
    return ImGui::GetIO().WantTextInput ? 0.5 : kNever;
}

const ScreenRegistration kLibrary{{kLibraryScreen, "Library", 10, true, draw_library, library_next_frame, nullptr}};

}  // namespace

}  // namespace ta::gui
