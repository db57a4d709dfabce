#include "theme.h"

#include <algorithm>

namespace ta::gui {

namespace {

ImU32 rgb(int r, int g, int b, int a = 255) { return IM_COL32(r, g, b, a); }
ImVec4 v4(int r, int g, int b, int a = 255) { return ImVec4(r / 255.f, g / 255.f, b / 255.f, a / 255.f); }

void base_sizes(ImGuiStyle& s) {
    s.WindowPadding = ImVec2(14, 12);
    s.FramePadding = ImVec2(10, 6);
    s.ItemSpacing = ImVec2(10, 8);
    s.ItemInnerSpacing = ImVec2(8, 6);
    s.ScrollbarSize = 14;
    s.GrabMinSize = 12;
    s.WindowRounding = 0;
    s.ChildRounding = 8;
    s.FrameRounding = 6;
    s.PopupRounding = 6;
    s.ScrollbarRounding = 8;
    s.GrabRounding = 6;
    s.TabRounding = 6;
    s.WindowBorderSize = 0;
    s.ChildBorderSize = 1;
    s.FrameBorderSize = 0;
}

Palette dark(ImGuiStyle& s) {
    ImGui::StyleColorsDark(&s);
    ImVec4* c = s.Colors;
    c[ImGuiCol_WindowBg] = v4(24, 28, 35);
    c[ImGuiCol_ChildBg] = v4(24, 28, 35, 0);
    c[ImGuiCol_PopupBg] = v4(32, 37, 46);
    c[ImGuiCol_Border] = v4(58, 66, 80);
    c[ImGuiCol_FrameBg] = v4(38, 44, 55);
    c[ImGuiCol_FrameBgHovered] = v4(48, 56, 70);
    c[ImGuiCol_FrameBgActive] = v4(56, 66, 82);
    c[ImGuiCol_Button] = v4(45, 53, 67);
    c[ImGuiCol_ButtonHovered] = v4(60, 96, 150);
    c[ImGuiCol_ButtonActive] = v4(70, 112, 176);
    c[ImGuiCol_Header] = v4(45, 53, 67);
    c[ImGuiCol_HeaderHovered] = v4(60, 96, 150);
    c[ImGuiCol_HeaderActive] = v4(70, 112, 176);
    c[ImGuiCol_Text] = v4(230, 234, 240);
    c[ImGuiCol_TextDisabled] = v4(140, 150, 165);
    c[ImGuiCol_CheckMark] = v4(120, 170, 240);
    c[ImGuiCol_SliderGrab] = v4(100, 150, 220);
    c[ImGuiCol_SliderGrabActive] = v4(130, 175, 240);
    c[ImGuiCol_NavHighlight] = v4(255, 200, 80);
    Palette p{};
    p.customer_bubble = rgb(44, 52, 66);
    p.customer_text = rgb(232, 236, 242);
    p.trainee_bubble = rgb(46, 92, 160);
    p.trainee_text = rgb(245, 248, 255);
    p.narrator_text = rgb(200, 206, 216);
    p.muted_text = rgb(150, 160, 175);
    p.accent = rgb(70, 120, 200);
    p.accent_text = rgb(255, 255, 255);
    p.good = rgb(80, 190, 120);
    p.bad = rgb(235, 100, 90);
    p.warn = rgb(240, 180, 70);
    p.card_bg = rgb(32, 38, 48);
    p.card_border = rgb(58, 66, 80);
    p.card_error_border = rgb(200, 80, 70);
    p.note_bg = rgb(52, 48, 30);
    p.note_border = rgb(150, 130, 60);
    p.skin = rgb(236, 200, 170);
    p.face_line = rgb(60, 40, 35);
    p.cheek = rgb(230, 90, 80, 150);
    p.meter_bg = rgb(44, 50, 62);
    p.track = rgb(44, 50, 62);
    p.focus = rgb(255, 200, 80);
    return p;
}

Palette light(ImGuiStyle& s) {
    ImGui::StyleColorsLight(&s);
    ImVec4* c = s.Colors;
    c[ImGuiCol_WindowBg] = v4(244, 246, 249);
    c[ImGuiCol_ChildBg] = v4(244, 246, 249, 0);
    c[ImGuiCol_PopupBg] = v4(255, 255, 255);
    c[ImGuiCol_Border] = v4(200, 207, 218);
    c[ImGuiCol_FrameBg] = v4(255, 255, 255);
    c[ImGuiCol_FrameBgHovered] = v4(232, 238, 247);
    c[ImGuiCol_FrameBgActive] = v4(220, 230, 245);
    c[ImGuiCol_Button] = v4(226, 231, 239);
    c[ImGuiCol_ButtonHovered] = v4(196, 214, 240);
    c[ImGuiCol_ButtonActive] = v4(170, 196, 235);
    c[ImGuiCol_Header] = v4(226, 231, 239);
    c[ImGuiCol_HeaderHovered] = v4(196, 214, 240);
    c[ImGuiCol_HeaderActive] = v4(170, 196, 235);
    c[ImGuiCol_Text] = v4(28, 34, 44);
    c[ImGuiCol_TextDisabled] = v4(110, 118, 130);
    c[ImGuiCol_NavHighlight] = v4(30, 100, 210);
    Palette p{};
    p.customer_bubble = rgb(255, 255, 255);
    p.customer_text = rgb(28, 34, 44);
    p.trainee_bubble = rgb(45, 105, 200);
    p.trainee_text = rgb(255, 255, 255);
    p.narrator_text = rgb(70, 78, 90);
    p.muted_text = rgb(100, 108, 120);
    p.accent = rgb(45, 105, 200);
    p.accent_text = rgb(255, 255, 255);
    p.good = rgb(30, 140, 70);
    p.bad = rgb(190, 50, 40);
    p.warn = rgb(200, 130, 0);
    p.card_bg = rgb(255, 255, 255);
    p.card_border = rgb(205, 212, 222);
    p.card_error_border = rgb(200, 60, 50);
    p.note_bg = rgb(255, 247, 220);
    p.note_border = rgb(220, 190, 110);
    p.skin = rgb(240, 205, 175);
    p.face_line = rgb(60, 40, 35);
    p.cheek = rgb(230, 90, 80, 140);
    p.meter_bg = rgb(222, 227, 235);
    p.track = rgb(222, 227, 235);
    p.focus = rgb(30, 100, 210);
    return p;
}

Palette high_contrast(ImGuiStyle& s) {
    ImGui::StyleColorsDark(&s);
    ImVec4* c = s.Colors;
    c[ImGuiCol_WindowBg] = v4(0, 0, 0);
    c[ImGuiCol_ChildBg] = v4(0, 0, 0, 0);
    c[ImGuiCol_PopupBg] = v4(0, 0, 0);
    c[ImGuiCol_Border] = v4(255, 255, 255);
    c[ImGuiCol_FrameBg] = v4(0, 0, 0);
    c[ImGuiCol_FrameBgHovered] = v4(40, 40, 0);
    c[ImGuiCol_FrameBgActive] = v4(70, 70, 0);
    c[ImGuiCol_Button] = v4(0, 0, 0);
    c[ImGuiCol_ButtonHovered] = v4(60, 60, 0);
    c[ImGuiCol_ButtonActive] = v4(100, 100, 0);
    c[ImGuiCol_Header] = v4(0, 0, 0);
    c[ImGuiCol_HeaderHovered] = v4(60, 60, 0);
    c[ImGuiCol_HeaderActive] = v4(100, 100, 0);
    c[ImGuiCol_Text] = v4(255, 255, 255);
    c[ImGuiCol_TextDisabled] = v4(200, 200, 200);
    c[ImGuiCol_CheckMark] = v4(255, 255, 0);
    c[ImGuiCol_SliderGrab] = v4(255, 255, 0);
    c[ImGuiCol_SliderGrabActive] = v4(255, 255, 120);
    c[ImGuiCol_NavHighlight] = v4(0, 255, 255);
    s.FrameBorderSize = 1;
    s.ChildBorderSize = 2;
    Palette p{};
    p.customer_bubble = rgb(0, 0, 0);
    p.customer_text = rgb(255, 255, 255);
    p.trainee_bubble = rgb(255, 255, 0);
    p.trainee_text = rgb(0, 0, 0);
    p.narrator_text = rgb(255, 255, 255);
    p.muted_text = rgb(220, 220, 220);
    p.accent = rgb(255, 255, 0);
    p.accent_text = rgb(0, 0, 0);
    p.good = rgb(0, 255, 120);
    p.bad = rgb(255, 90, 90);
    p.warn = rgb(255, 200, 0);
    p.card_bg = rgb(0, 0, 0);
    p.card_border = rgb(255, 255, 255);
    p.card_error_border = rgb(255, 90, 90);
    p.note_bg = rgb(0, 0, 0);
    p.note_border = rgb(255, 255, 0);
    p.skin = rgb(255, 220, 180);
    p.face_line = rgb(0, 0, 0);
    p.cheek = rgb(255, 60, 60, 200);
    p.meter_bg = rgb(60, 60, 60);
    p.track = rgb(60, 60, 60);
    p.focus = rgb(0, 255, 255);
    return p;
}

}  // namespace

Palette apply_theme(ThemeKind kind, float scale) {
    ImGuiStyle style;
    base_sizes(style);
    Palette p;
    switch (kind) {
        case ThemeKind::Light: p = light(style); break;
        case ThemeKind::HighContrast: p = high_contrast(style); break;
        default: p = dark(style); break;
    }
    style.ScaleAllSizes(std::max(scale, 0.5f));
    ImGui::GetStyle() = style;
    return p;
}

ImU32 scale_colour(const Palette& p, float t) {
    t = std::clamp(t, 0.0f, 1.0f);
    ImVec4 bad = ImGui::ColorConvertU32ToFloat4(p.bad);
    ImVec4 warn = ImGui::ColorConvertU32ToFloat4(p.warn);
    ImVec4 good = ImGui::ColorConvertU32ToFloat4(p.good);
    auto mix = [](ImVec4 a, ImVec4 b, float k) {
        return ImVec4(a.x + (b.x - a.x) * k, a.y + (b.y - a.y) * k, a.z + (b.z - a.z) * k, 1.0f);
    };
    ImVec4 c = t < 0.5f ? mix(bad, warn, t * 2) : mix(warn, good, (t - 0.5f) * 2);
    return ImGui::ColorConvertFloat4ToU32(c);
}

}  // namespace ta::gui
