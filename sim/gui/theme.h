// theme.h: the three colour themes (dark, light, high contrast) and the extra colours the screens
// draw with (bubbles, cards, the face), so no view hard-codes a colour.
#pragma once

#include <imgui.h>

#include "settings.h"

namespace ta::gui {

struct Palette {
    ImU32 customer_bubble, customer_text;
    ImU32 trainee_bubble, trainee_text;
    ImU32 narrator_text, muted_text;
    ImU32 accent, accent_text;       // primary buttons, highlights
    ImU32 good, bad, warn;           // scores, errors, the timer
    ImU32 card_bg, card_border, card_error_border;
    ImU32 note_bg, note_border;
    ImU32 skin, face_line, cheek;    // drawn face
    ImU32 meter_bg, track;           // mood meter, score bars
    ImU32 focus;                     // keyboard focus ring
};

// Applies the theme to ImGui's style (sizes scaled by `scale`) and returns its palette.
Palette apply_theme(ThemeKind kind, float scale);

// Red (0) -> amber -> green (1), for mood and scores.
ImU32 scale_colour(const Palette& p, float t);

}  // namespace ta::gui
