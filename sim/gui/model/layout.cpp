#include "layout.h"

#include <algorithm>
#include <cmath>

namespace ta::gui {

Layout compute_layout(float width, float height, float font_size) {
    Layout l;
    width = std::max(width, 320.0f);
    height = std::max(height, 240.0f);
    font_size = std::clamp(font_size, 8.0f, 96.0f);
    float em = font_size;
    l.compact = height < 44 * em || width < 64 * em;

    // Customer panel: about a quarter of the width, never narrower than its longest label needs.
    l.customer_panel_width = std::clamp(width * 0.26f, 15 * em, 24 * em);
    l.portrait_size = std::clamp(std::min(l.customer_panel_width - 2 * em, height * 0.24f), 6 * em, 12 * em);

    // Library cards: as many columns of at least ~22 em as fit, at most 4.
    float gap = em;
    float min_card = 22 * em;
    l.card_columns = std::clamp(static_cast<int>((width - gap) / (min_card + gap)), 1, 4);
    l.card_width = (width - gap * static_cast<float>(l.card_columns + 1)) / static_cast<float>(l.card_columns);

    // Choice buttons are large enough to hit easily and to hold two wrapped lines.
    l.choice_height = std::round((l.compact ? 2.4f : 3.0f) * em);

    float conversation_width = width - l.customer_panel_width - 3 * em;
    l.bubble_max_width = std::max(12 * em, conversation_width * 0.78f);
    l.debrief_bar_width = std::clamp(width * 0.25f, 10 * em, 22 * em);
    return l;
}

}  // namespace ta::gui
