// Settings: text size, theme, reveal speed, response timers. Changes apply at once and are saved.
#include <algorithm>
#include <cmath>

#include "app.h"

namespace ta::gui {

namespace {

struct SettingsUi {
    float pending_scale = 0;  // text size being dragged; applied on release (rebuilding fonts is slow)
    std::string previous_screen = kLibraryScreen;
};

void draw_settings(App& app) {
    auto& ui = app.screen_state<SettingsUi>();
    Settings& s = app.settings;
    float em = ImGui::GetFontSize();
    ImGui::BeginChild("settings", ImVec2(0, 0), false, ImGuiWindowFlags_NavFlattened);
    ImGui::PushItemWidth(std::min(24 * em, ImGui::GetContentRegionAvail().x * 0.6f));

    ImGui::PushFont(app.fonts.title);
    ImGui::TextUnformatted("Reading");
    ImGui::PopFont();
    if (ui.pending_scale == 0) ui.pending_scale = s.text_scale;
    ImGui::SliderFloat("Text size", &ui.pending_scale, 0.8f, 2.0f, "%.2f×");
    if (ImGui::IsItemDeactivatedAfterEdit() || (!ImGui::IsItemActive() && ui.pending_scale != s.text_scale)) {
        s.text_scale = std::clamp(std::round(ui.pending_scale * 20) / 20, 0.8f, 2.0f);
        ui.pending_scale = s.text_scale;
        app.fonts_dirty = true;
        app.settings_dirty = true;
    }
    text_muted(app, "Sample: “Sorry — that’s on us. We’ll refund the €24.50 today.”");

    int theme = static_cast<int>(s.theme);
    ImGui::Dummy(ImVec2(0, em * 0.3f));
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Theme");
    for (int t = 0; t < 3; ++t) {
        ImGui::SameLine();
        if (ImGui::RadioButton(theme_label(static_cast<ThemeKind>(t)), &theme, t)) {
            s.theme = static_cast<ThemeKind>(theme);
            app.theme_dirty = true;
            app.settings_dirty = true;
        }
    }

    ImGui::Dummy(ImVec2(0, em * 0.5f));
    ImGui::PushFont(app.fonts.title);
    ImGui::TextUnformatted("Conversation");
    ImGui::PopFont();
    const char* speeds[] = {"At once", "Fast", "Normal", "Relaxed"};
    const float cps[] = {0, 90, 45, 25};
    int current = 2;
    float best = 1e9f;
    for (int i = 0; i < 4; ++i)
        if (std::fabs(cps[i] - s.reveal_chars_per_second) < best) best = std::fabs(cps[i] - s.reveal_chars_per_second), current = i;
    if (ImGui::Combo("Customer speaks", &current, speeds, 4)) {
        s.reveal_chars_per_second = cps[current];
        app.settings_dirty = true;
    }
    text_muted(app, "How quickly the customer's lines appear. Space or Enter always shows the rest at once.");
    if (ImGui::Checkbox("Response timers", &s.timer_enabled)) app.settings_dirty = true;
    text_muted(app, "Some moments give you limited time to answer; running out counts as hesitating. "
                    "Turn this off while you learn the keys.");

    ImGui::Dummy(ImVec2(0, em * 0.5f));
    if (ImGui::Button("Restore defaults")) {
        Settings d;
        d.window_x = s.window_x, d.window_y = s.window_y;
        d.window_width = s.window_width, d.window_height = s.window_height;
        d.window_maximized = s.window_maximized, d.last_folder = s.last_folder;
        s = d;
        ui.pending_scale = s.text_scale;
        app.fonts_dirty = app.theme_dirty = app.settings_dirty = true;
    }
    ImGui::Dummy(ImVec2(0, em * 0.5f));
    if (app.settings_path.empty()) text_muted(app, "Settings are not saved: %s.", app.settings_unsaved_reason.c_str());
    else text_muted(app, "Saved automatically to %s", app.settings_path.c_str());
    if (!app.fonts.real_font) text_muted(app, "DejaVu Sans was not found: using the built-in font (install fonts-dejavu-core).");
    text_muted(app, "Turnaround %s", TURNAROUND_VERSION);
    ImGui::PopItemWidth();
    ImGui::EndChild();
}

const ScreenRegistration kSettings{{kSettingsScreen, "Settings", 90, true, draw_settings, nullptr, nullptr}};

}  // namespace

}  // namespace ta::gui
