// face_model.h: how the drawn customer face looks for a mood and emotion, and how the mood meter
// names a mood. GUI-free (unit-tested); face.cpp only draws what this decides.
#pragma once

#include <string>

namespace ta::gui {

struct FaceShape {
    float mouth_curve = 0;  // -1 deep frown .. +1 broad smile
    float brow_tilt = 0;    // -1 angry (inner ends down) .. +1 worried (inner ends up)
    float brow_raise = 0;   // 0 resting .. 1 raised
    float eye_open = 1;     // 0.3 narrowed .. 1 open
    float flush = 0;        // 0 .. 1 red cheeks (anger)
};

// Mood (0..100) sets the baseline; the emotion of the latest line shapes brows and eyes.
FaceShape face_for(int mood, const std::string& emotion);

// "Furious", "Angry", "Unhappy", "Uneasy", "Calm", "Satisfied", "Delighted".
const char* mood_label(int mood);

}  // namespace ta::gui
