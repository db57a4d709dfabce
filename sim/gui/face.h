// face.h: draws the customer's face (ImDrawList shapes) with the expression face_model decides.
#pragma once

#include <imgui.h>

#include "face_model.h"
#include "theme.h"

namespace ta::gui {

void draw_face(ImDrawList* dl, ImVec2 centre, float radius, const FaceShape& shape, const Palette& p);

// A horizontal meter for mood 0..100, coloured from red to green, with its label.
void draw_mood_meter(ImDrawList* dl, ImVec2 min, ImVec2 max, int mood, const Palette& p);

}  // namespace ta::gui
