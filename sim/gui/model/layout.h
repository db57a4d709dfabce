// layout.h: sizing decisions that depend on the window and text size only. GUI-free (unit-tested),
// so that "sensible from 1024x640 up" is a checked property rather than a hope.
#pragma once

namespace ta::gui {

inline constexpr int kMinWindowWidth = 1024;
inline constexpr int kMinWindowHeight = 640;

struct Layout {
    float customer_panel_width = 300;  // conversation: left panel with face, mood, context
    float portrait_size = 160;         // face / portrait square
    int card_columns = 2;              // library grid
    float card_width = 400;
    float choice_height = 48;          // each choice button
    float bubble_max_width = 600;      // chat bubble wrap width
    float debrief_bar_width = 300;     // competency bars
    bool compact = false;              // small window or large text: tighter spacing
};

// `width`/`height`: the window's content size in pixels; `font_size`: current text height in pixels.
Layout compute_layout(float width, float height, float font_size);

}  // namespace ta::gui
