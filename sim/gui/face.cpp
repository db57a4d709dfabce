#include "face.h"

#include <algorithm>
#include <cmath>

namespace ta::gui {

namespace {

constexpr float kTau = 6.2831853f;

ImU32 col(Rgba c, int alpha = -1) { return IM_COL32(c.r, c.g, c.b, alpha < 0 ? c.a : alpha); }

Rgba darker(Rgba c, float t) {
    auto m = [t](std::uint8_t x) { return static_cast<std::uint8_t>(static_cast<float>(x) * (1.0f - t)); };
    return {m(c.r), m(c.g), m(c.b), c.a};
}

// ImDrawList has circles but no ellipses: a polygon path, filled or stroked.
void ellipse_path(ImDrawList* dl, ImVec2 c, float rx, float ry, int n = 40) {
    for (int i = 0; i < n; ++i) {
        float a = kTau * static_cast<float>(i) / static_cast<float>(n);
        dl->PathLineTo(ImVec2(c.x + std::cos(a) * rx, c.y + std::sin(a) * ry));
    }
}
void ellipse_filled(ImDrawList* dl, ImVec2 c, float rx, float ry, ImU32 colour, int n = 40) {
    ellipse_path(dl, c, rx, ry, n);
    dl->PathFillConvex(colour);
}
void ellipse_outline(ImDrawList* dl, ImVec2 c, float rx, float ry, ImU32 colour, float thickness, int n = 40) {
    ellipse_path(dl, c, rx, ry, n);
    dl->PathStroke(colour, ImDrawFlags_Closed, thickness);
}
// The part of an ellipse below the horizontal line y = cut (a convex cap: the chord and the arc).
void ellipse_below(ImDrawList* dl, ImVec2 c, float rx, float ry, float cut, ImU32 colour) {
    float s = std::clamp((cut - c.y) / ry, -1.0f, 1.0f);
    float a0 = std::asin(s), a1 = kTau * 0.5f - a0;
    const int n = 28;
    for (int i = 0; i <= n; ++i) {
        float a = a0 + (a1 - a0) * static_cast<float>(i) / n;
        dl->PathLineTo(ImVec2(c.x + std::cos(a) * rx, c.y + std::sin(a) * ry));
    }
    dl->PathFillConvex(colour);
}

}  // namespace

void draw_face(ImDrawList* dl, ImVec2 c, float r, const FaceShape& f, const Palette& p) {
    const FaceLook& l = f.look;
    float line = std::max(1.5f, r * 0.045f);
    // The portrait square is 2.38 r wide (radius = 0.42 of its side): keep the shoulders inside it.
    float half_box = r * 1.19f;
    ImVec2 box_min(c.x - half_box, c.y - half_box), box_max(c.x + half_box, c.y + half_box);
    dl->PushClipRect(box_min, box_max, true);
    dl->AddRectFilled(box_min, box_max, col(l.backdrop), half_box * 0.16f);

    // Head: an ellipse a little taller than wide, above the shoulders. Youth is rounder.
    ImVec2 h(c.x, c.y - r * 0.14f);
    float hw = r * (l.age == AgeBand::Young ? 0.66f : 0.64f);
    float hh = r * (l.age == AgeBand::Young ? 0.74f : 0.78f);
    ImU32 hair = col(l.hair_colour);
    ImU32 hair_edge = col(darker(l.hair_colour, 0.25f));
    ImU32 outline = col(darker(l.skin, 0.4f));

    // [1] Hair that sits behind the head: a bun on top, a ponytail to one side, curls around it.
    if (l.show_hair) {
        if (l.hair == HairStyle::Bun) {
            dl->AddCircleFilled(ImVec2(h.x, h.y - hh - r * 0.1f), r * 0.22f, hair, 28);
            dl->AddCircle(ImVec2(h.x, h.y - hh - r * 0.1f), r * 0.22f, hair_edge, 28, line * 0.7f);
        }
        if (l.hair == HairStyle::Ponytail) {
            ellipse_filled(dl, ImVec2(h.x + hw * 0.98f, h.y + r * 0.12f), r * 0.15f, r * 0.42f, hair);
            dl->AddCircleFilled(ImVec2(h.x + hw * 0.9f, h.y - r * 0.3f), r * 0.09f, col(l.clothing), 16);
        }
        if (l.hair == HairStyle::Curly) {
            const int n = 13;
            for (int i = 0; i < n; ++i) {
                float a = kTau * (0.43f + 0.64f * static_cast<float>(i) / (n - 1));
                ImVec2 q(h.x + std::cos(a) * (hw + r * 0.07f), h.y - r * 0.06f + std::sin(a) * (hh + r * 0.02f));
                dl->AddCircleFilled(q, r * 0.2f, hair, 20);
            }
        }
    }
    if (l.headscarf) ellipse_filled(dl, ImVec2(h.x, h.y - r * 0.04f), hw + r * 0.13f, hh + r * 0.11f, col(l.scarf));

    // [2] Shoulders and clothing; long hair falls over them, a headscarf drapes over them.
    float shoulder_top = c.y + r * 0.74f;
    dl->AddRectFilled(ImVec2(c.x - r * 1.05f, shoulder_top), ImVec2(c.x + r * 1.05f, c.y + r * 1.6f), col(l.clothing),
                      r * 0.42f, ImDrawFlags_RoundCornersTop);
    dl->AddRect(ImVec2(c.x - r * 1.05f, shoulder_top), ImVec2(c.x + r * 1.05f, c.y + r * 1.6f), col(l.collar),
                r * 0.42f, ImDrawFlags_RoundCornersTop, line * 0.8f);
    if (l.show_hair && l.hair == HairStyle::Long)
        dl->AddRectFilled(ImVec2(h.x - hw * 1.16f, h.y - r * 0.2f), ImVec2(h.x + hw * 1.16f, c.y + r * 0.98f), hair,
                          r * 0.3f);
    if (l.headscarf) {
        dl->AddRectFilled(ImVec2(h.x - hw - r * 0.13f, h.y), ImVec2(h.x + hw + r * 0.13f, c.y + r * 1.05f), col(l.scarf),
                          r * 0.35f);
    } else {
        // Neck and a V neckline with its collar trim.
        dl->AddRectFilled(ImVec2(c.x - r * 0.22f, h.y + hh * 0.5f), ImVec2(c.x + r * 0.22f, shoulder_top + r * 0.1f),
                          col(l.skin_shade));
        ImVec2 vl(c.x - r * 0.24f, shoulder_top - r * 0.005f), vr(c.x + r * 0.24f, shoulder_top - r * 0.005f),
            vb(c.x, shoulder_top + r * 0.3f);
        dl->AddTriangleFilled(vl, vr, vb, col(l.skin_shade));
        dl->AddLine(vl, vb, col(l.collar), r * 0.07f);
        dl->AddLine(vr, vb, col(l.collar), r * 0.07f);
        // Ears.
        for (int side = -1; side <= 1; side += 2) {
            ImVec2 e(h.x + side * hw * 0.98f, h.y + r * 0.04f);
            ellipse_filled(dl, e, r * 0.1f, r * 0.15f, col(l.skin_shade), 20);
        }
    }

    // [3] Hair behind the face, then the face over it: the hair shows above the forehead.
    ImVec2 face_c = h;
    float fw = hw, fh = hh;
    if (l.headscarf) {
        face_c.y += r * 0.05f;
        fw *= 0.88f;
        fh *= 0.86f;
    } else if (l.show_hair) {
        float lift = l.hair == HairStyle::Curly ? 0.1f : 0.08f;
        ellipse_filled(dl, ImVec2(h.x, h.y - r * lift), hw * 1.05f, hh * 1.0f, hair);
        face_c.y += r * 0.05f;
        fh *= 0.93f;
    } else if (l.hair == HairStyle::Bald && l.age != AgeBand::Young) {
        // What is left at the temples.
        for (int side = -1; side <= 1; side += 2)
            ellipse_filled(dl, ImVec2(h.x + side * hw * 0.93f, h.y - r * 0.14f), r * 0.1f, r * 0.22f, hair, 20);
    }
    ellipse_filled(dl, face_c, fw, fh, col(l.skin));
    if (!l.headscarf && (!l.show_hair || l.hair == HairStyle::Bald)) ellipse_outline(dl, face_c, fw, fh, outline, line * 0.6f);
    if (l.headscarf) ellipse_outline(dl, face_c, fw, fh, col(darker(l.scarf, 0.3f)), line * 0.8f);
    if (l.show_hair && (l.hair == HairStyle::Short || l.hair == HairStyle::Ponytail)) {
        // A side-swept fringe tells short hair from a bob at a glance.
        ellipse_filled(dl, ImVec2(face_c.x - fw * 0.35f, face_c.y - fh * 0.82f), fw * 0.55f, fh * 0.16f, hair, 24);
    }

    // Expression geometry in "face units" s, centred on the face (kept from the round face).
    float s = fh * 1.12f;
    ImVec2 g(face_c.x, face_c.y - fh * 0.02f);
    float eye_y = g.y - s * 0.08f;
    float eye_dx = s * 0.33f;
    float mouth_y = g.y + s * 0.45f;
    float half = s * 0.28f;

    // [4] Beard: the lower face below the cheekbones, a moustache, the mouth left clear.
    if (l.beard) {
        ellipse_below(dl, face_c, fw * 1.02f, fh * 1.04f, eye_y + s * 0.15f, hair);
        // The cheeks above it, so the beard's upper edge curves down from the ears to the mouth.
        ellipse_filled(dl, ImVec2(g.x, eye_y + s * 0.15f), fw * 0.8f, s * 0.3f, col(l.skin), 32);
        ellipse_filled(dl, ImVec2(g.x, mouth_y + s * 0.01f), half * 0.9f, s * 0.06f, col(l.skin), 24);
        ellipse_filled(dl, ImVec2(g.x, mouth_y - s * 0.09f), half * 1.05f, s * 0.065f, hair, 24);
    }

    // [5] Cheeks flush with anger.
    if (f.flush > 0.01f) {
        ImU32 cheek = (p.cheek & 0x00FFFFFF) | (static_cast<ImU32>(std::clamp(f.flush, 0.0f, 1.0f) * 160) << 24);
        dl->AddCircleFilled(ImVec2(g.x - s * 0.48f, g.y + s * 0.2f), s * 0.15f, cheek, 20);
        dl->AddCircleFilled(ImVec2(g.x + s * 0.48f, g.y + s * 0.2f), s * 0.15f, cheek, 20);
    }

    // [6] Age: forehead lines, lines from nose to mouth, crow's feet.
    if (l.age_lines > 0) {
        ImU32 wrinkle = col(l.feature, 120);
        float t = line * 0.55f;
        float fy = eye_y - s * 0.42f;
        for (int i = 0; i < std::min(l.age_lines, 2); ++i) {
            float y = fy - s * 0.09f * i;
            float w = s * (0.22f - 0.04f * i);
            dl->AddBezierQuadratic(ImVec2(g.x - w, y), ImVec2(g.x, y - s * 0.04f), ImVec2(g.x + w, y), wrinkle, t, 12);
        }
        for (int side = -1; side <= 1; side += 2) {
            dl->AddBezierQuadratic(ImVec2(g.x + side * s * 0.17f, g.y + s * 0.2f), ImVec2(g.x + side * s * 0.3f, g.y + s * 0.32f),
                                   ImVec2(g.x + side * (half + s * 0.05f), mouth_y + s * 0.05f), wrinkle, t, 12);
            if (l.age_lines >= 3) {
                float ex = g.x + side * (eye_dx + s * 0.15f);
                dl->AddLine(ImVec2(ex, eye_y - s * 0.02f), ImVec2(ex + side * s * 0.07f, eye_y - s * 0.06f), wrinkle, t);
                dl->AddLine(ImVec2(ex, eye_y + s * 0.03f), ImVec2(ex + side * s * 0.07f, eye_y + s * 0.06f), wrinkle, t);
            }
        }
    }

    // [7] Eyes: ellipses that narrow.
    float eye_scale = l.age == AgeBand::Young ? 1.1f : 1.0f;
    float eye_h = s * 0.11f * eye_scale * std::clamp(f.eye_open, 0.25f, 1.0f);
    for (int side = -1; side <= 1; side += 2) {
        ImVec2 e(g.x + side * eye_dx, eye_y);
        ellipse_filled(dl, e, s * 0.1f * eye_scale, std::max(eye_h, s * 0.05f), IM_COL32(255, 255, 255, 255), 20);
        ellipse_filled(dl, e, s * 0.06f * eye_scale, eye_h * 0.75f, IM_COL32(28, 22, 20, 255), 16);  // near-black on white reads on every skin
    }

    // [8] Brows: inner end up (worried) or down (angry).
    float brow_y = eye_y - s * (0.22f + 0.08f * f.brow_raise);
    float tilt = f.brow_tilt * s * 0.1f;
    for (int side = -1; side <= 1; side += 2) {
        ImVec2 outer(g.x + side * (eye_dx + s * 0.14f), brow_y);
        ImVec2 inner(g.x + side * (eye_dx - s * 0.14f), brow_y - tilt);
        dl->AddLine(outer, inner, col(l.brow), line * 1.8f);
    }

    // [9] Nose.
    dl->AddBezierQuadratic(ImVec2(g.x + s * 0.02f, eye_y + s * 0.08f), ImVec2(g.x + s * 0.09f, g.y + s * 0.22f),
                           ImVec2(g.x - s * 0.03f, g.y + s * 0.25f), col(l.feature, 150), line * 0.8f, 12);

    // [10] Glasses over the eyes.
    if (l.glasses) {
        float gr = s * 0.16f;
        ImU32 frame = col(l.frame);
        for (int side = -1; side <= 1; side += 2) {
            ImVec2 e(g.x + side * eye_dx, eye_y + s * 0.01f);
            dl->AddCircleFilled(e, gr, IM_COL32(255, 255, 255, 40), 28);
            dl->AddCircle(e, gr, frame, 28, line * 0.9f);
            if (!l.headscarf)
                dl->AddLine(ImVec2(e.x + side * gr, e.y - s * 0.02f), ImVec2(g.x + side * fw * 0.98f, e.y - s * 0.04f), frame,
                            line * 0.8f);
        }
        dl->AddBezierQuadratic(ImVec2(g.x - eye_dx + gr, eye_y), ImVec2(g.x, eye_y - s * 0.06f),
                               ImVec2(g.x + eye_dx - gr, eye_y), frame, line * 0.9f, 8);
    }

    // [11] Mouth: a quadratic curve whose middle moves with mouth_curve.
    ImVec2 a(g.x - half, mouth_y);
    ImVec2 b(g.x + half, mouth_y);
    ImVec2 ctrl(g.x, mouth_y + f.mouth_curve * s * 0.28f);
    a.y -= f.mouth_curve * s * 0.04f;
    b.y -= f.mouth_curve * s * 0.04f;
    dl->AddBezierQuadratic(a, ctrl, b, col(l.feature), line * 1.4f, 20);

    dl->PopClipRect();
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
