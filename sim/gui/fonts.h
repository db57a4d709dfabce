// fonts.h: loads DejaVu Sans (regular and bold) into ImGui's atlas with the glyph ranges the
// scenarios need (Latin-1, Latin Extended-A, punctuation such as em dash and curly quotes, and
// currency such as the euro sign). Falls back to ImGui's built-in font, with a logged message.
#pragma once

#include <imgui.h>
#include <string>

namespace ta::gui {

struct Fonts {
    ImFont* body = nullptr;
    ImFont* bold = nullptr;
    ImFont* title = nullptr;    // screen and card headings
    ImFont* huge = nullptr;     // the debrief's overall score
    ImFont* mono = nullptr;     // source lines with a caret under the problem (body when missing)
    float body_size = 17;       // pixels
    bool real_font = false;     // false when the fallback font is in use
};

// Clears the atlas and loads fonts at `pixel_size` for body text. The caller re-creates the GPU
// texture afterwards (ImGui_ImplOpenGL3_CreateFontsTexture).
Fonts load_fonts(float pixel_size);

// Where the regular/bold TTF files were looked for (for the log and the settings screen).
std::string font_search_note();

}  // namespace ta::gui
