#include "face.h"

#include <algorithm>
#include <cmath>

namespace ta::gui {

void draw_face(ImDrawList* dl, ImVec2 c, float r, const FaceShape& f, const Palette& p) {
    float line = std::max(1.5f, r * 0.045f);
    // Hair behind, then the head over it: a fringe of hair shows around the top.
    dl->AddCircleFilled(ImVec2(c.x, c.y - r * 0.1f), r * 1.04f, IM_COL32(92, 64, 46, 255), 48);
    dl->AddCircleFilled(ImVec2(c.x, c.y + r * 0.04f), r * 0.92f, p.skin, 48);
    dl->AddCircle(ImVec2(c.x, c.y - r * 0.1f), r * 1.04f, p.face_line, 48, line);

    // Cheeks flush with anger.
    if (f.flush > 0.01f) {
        ImU32 cheek = (p.cheek & 0x00FFFFFF) | (static_cast<ImU32>(std::clamp(f.flush, 0.0f, 1.0f) * 160) << 24);
        dl->AddCircleFilled(ImVec2(c.x - r * 0.5f, c.y + r * 0.2f), r * 0.16f, cheek, 20);
        dl->AddCircleFilled(ImVec2(c.x + r * 0.5f, c.y + r * 0.2f), r * 0.16f, cheek, 20);
    }

    // Eyes: ellipses that narrow.
    float eye_y = c.y - r * 0.08f;
    float eye_dx = r * 0.34f;
    float eye_h = r * 0.11f * std::clamp(f.eye_open, 0.25f, 1.0f);
    for (int side = -1; side <= 1; side += 2) {
        ImVec2 e(c.x + side * eye_dx, eye_y);
        dl->AddNgonFilled(e, r * 0.1f, IM_COL32(255, 255, 255, 255), 16);
        // Approximate an ellipse by scaling a circle path.
        const int n = 16;
        for (int i = 0; i < n; ++i) {
            float a = 6.28318f * static_cast<float>(i) / n;
            dl->PathLineTo(ImVec2(e.x + std::cos(a) * r * 0.065f, e.y + std::sin(a) * eye_h * 0.75f));
        }
        dl->PathFillConvex(p.face_line);
    }

    // Brows: inner end up (worried) or down (angry).
    float brow_y = eye_y - r * (0.22f + 0.08f * f.brow_raise);
    float tilt = f.brow_tilt * r * 0.1f;
    for (int side = -1; side <= 1; side += 2) {
        ImVec2 outer(c.x + side * (eye_dx + r * 0.14f), brow_y);
        ImVec2 inner(c.x + side * (eye_dx - r * 0.14f), brow_y - tilt);
        dl->AddLine(outer, inner, p.face_line, line * 1.6f);
    }

    // Mouth: a quadratic curve whose middle moves with mouth_curve.
    float mouth_y = c.y + r * 0.45f;
    float half = r * 0.32f;
    ImVec2 a(c.x - half, mouth_y);
    ImVec2 b(c.x + half, mouth_y);
    ImVec2 ctrl(c.x, mouth_y + f.mouth_curve * r * 0.28f);
    a.y -= f.mouth_curve * r * 0.04f;
    b.y -= f.mouth_curve * r * 0.04f;
    dl->AddBezierQuadratic(a, ctrl, b, p.face_line, line * 1.4f, 20);
}

void draw_mood_meter(ImDrawList* dl, ImVec2 min, ImVec2 max, int mood, const Palette& p) {
    float t = std::clamp(mood, 0, 100) / 100.0f;
    float rounding = (max.y - min.y) * 0.5f;
    dl->AddRectFilled(min, max, p.meter_bg, rounding);
    ImVec2 fill_max(min.x + (max.x - min.x) * t, max.y);
    if (fill_max.x > min.x + 1) dl->AddRectFilled(min, fill_max, scale_colour(p, t), rounding);
    // Tick marks at quarters help read the level at a glance.
    for (int i = 1; i < 4; ++i) {
        float x = min.x + (max.x - min.x) * i / 4.0f;
        dl->AddLine(ImVec2(x, min.y + 2), ImVec2(x, max.y - 2), IM_COL32(0, 0, 0, 60), 1.0f);
    }
}

}  // namespace ta::gui
