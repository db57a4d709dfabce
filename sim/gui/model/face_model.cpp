#include "face_model.h"

#include <algorithm>

namespace ta::gui {

FaceShape face_for(int mood, const std::string& emotion) {
    FaceShape f;
    mood = std::clamp(mood, 0, 100);
    // Baseline from mood: 50 is a flat mouth.
    f.mouth_curve = (static_cast<float>(mood) - 50.0f) / 50.0f;
    f.brow_tilt = mood < 35 ? -(35.0f - static_cast<float>(mood)) / 35.0f : 0.0f;
    f.flush = mood < 20 ? (20.0f - static_cast<float>(mood)) / 20.0f : 0.0f;

    if (emotion == "furious" || emotion == "angry") {
        f.brow_tilt = std::min(f.brow_tilt, emotion == "furious" ? -1.0f : -0.7f);
        f.eye_open = 0.6f;
        f.flush = std::max(f.flush, emotion == "furious" ? 0.8f : 0.4f);
        f.mouth_curve = std::min(f.mouth_curve, -0.5f);
    } else if (emotion == "frustrated" || emotion == "impatient") {
        f.brow_tilt = std::min(f.brow_tilt, -0.5f);
        f.eye_open = 0.75f;
        f.mouth_curve = std::min(f.mouth_curve, -0.3f);
    } else if (emotion == "sceptical") {
        f.brow_tilt = -0.25f;
        f.eye_open = 0.65f;
        f.mouth_curve = std::clamp(f.mouth_curve, -0.3f, 0.1f);
    } else if (emotion == "upset" || emotion == "sad" || emotion == "disappointed" || emotion == "resigned") {
        f.brow_tilt = 0.7f;
        f.eye_open = 0.8f;
        f.mouth_curve = std::min(f.mouth_curve, -0.35f);
    } else if (emotion == "anxious") {
        f.brow_tilt = 0.8f;
        f.brow_raise = 0.6f;
        f.mouth_curve = std::clamp(f.mouth_curve, -0.4f, 0.0f);
    } else if (emotion == "calmer" || emotion == "hopeful") {
        // Softer than the mood alone, but an angry customer does not beam because they hope.
        f.brow_tilt *= 0.5f;
        f.mouth_curve *= 0.5f;
    } else if (emotion == "relieved" || emotion == "pleased" || emotion == "grateful") {
        f.brow_tilt = 0.1f;
        f.brow_raise = 0.3f;
        f.flush = 0;
        f.mouth_curve = std::max(f.mouth_curve, 0.45f);
    }
    f.mouth_curve = std::clamp(f.mouth_curve, -1.0f, 1.0f);
    return f;
}

const char* mood_label(int mood) {
    if (mood < 10) return "Furious";
    if (mood < 25) return "Angry";
    if (mood < 40) return "Unhappy";
    if (mood < 50) return "Uneasy";
    if (mood < 65) return "Calm";
    if (mood < 85) return "Satisfied";
    return "Delighted";
}

}  // namespace ta::gui
