// face.h: draws the customer's face (ImDrawList shapes): the look and the expression face_model
// decides (FaceShape carries both), head and shoulders inside the portrait square.
#pragma once

#include <imgui.h>

#include "face_model.h"
#include "theme.h"

namespace ta::gui {

// `radius` is 0.42 of the portrait square's side; the drawing stays inside that square.
void draw_face(ImDrawList* dl, ImVec2 centre, float radius, const FaceShape& shape, const Palette& p);

// A horizontal meter for mood 0..100, coloured from red to green, with its label.
void draw_mood_meter(ImDrawList* dl, ImVec2 min, ImVec2 max, int mood, const Palette& p);

}  // namespace ta::gui
