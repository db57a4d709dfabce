// face_model.h: how the drawn customer face looks: who the customer is (FaceLook, from the
// scenario's `customer.appearance`) and how they feel (FaceShape, from mood and emotion), and how
// the mood meter names a mood. GUI-free (unit-tested); face.cpp only draws what this decides.
//
// An appearance field left unset is chosen from the customer's name (a stable hash, the same on
// every machine), so scenarios that describe nobody still show different people; `beard` and
// `headscarf` are never guessed.
#pragma once

#include <cstdint>
#include <string>

#include "scenario.h"

namespace ta::gui {

struct Rgba {
    std::uint8_t r = 0, g = 0, b = 0, a = 255;
    bool operator==(const Rgba&) const = default;
};

enum class HairStyle { Short, Long, Curly, Bun, Bald, Ponytail };
enum class AgeBand { Young, Adult, Older };

// Who the customer is: colours and parts, nothing that changes with mood.
struct FaceLook {
    Rgba skin{236, 200, 170};
    Rgba skin_shade{205, 165, 135};  // ears, neck, the head's outline
    Rgba feature{70, 45, 35};        // eyes, mouth, nose, lines
    Rgba lips{180, 100, 90};
    HairStyle hair = HairStyle::Short;
    Rgba hair_colour{92, 64, 46};
    Rgba brow{70, 48, 34};
    bool show_hair = true;  // false under a headscarf
    AgeBand age = AgeBand::Adult;
    int age_lines = 0;      // wrinkles drawn: 0 (young, adult) .. 3 (older)
    bool glasses = false;
    Rgba frame{40, 40, 45};
    bool beard = false;
    bool headscarf = false;
    Rgba scarf{70, 90, 140};
    Rgba clothing{70, 110, 170};
    Rgba collar{50, 80, 130};
    Rgba backdrop{118, 132, 150};  // behind the head, inside the portrait square
};

struct FaceShape {
    float mouth_curve = 0;  // -1 deep frown .. +1 broad smile
    float brow_tilt = 0;    // -1 angry (inner ends down) .. +1 worried (inner ends up)
    float brow_raise = 0;   // 0 resting .. 1 raised
    float eye_open = 1;     // 0.3 narrowed .. 1 open
    float flush = 0;        // 0 .. 1 red cheeks (anger)
    FaceLook look;          // who is making the expression
};

// Mood (0..100) sets the baseline; the emotion of the latest line shapes brows and eyes.
// Without a customer the face has the default look.
FaceShape face_for(int mood, const std::string& emotion);
// The same expression on this customer's face (their appearance, the rest from their name).
FaceShape face_for(int mood, const std::string& emotion, const Customer& customer);

// The look for an appearance; unset fields are chosen from `name` (stable, deterministic).
FaceLook look_for(const Appearance& appearance, const std::string& name);

// The colour a value of appearance_values(field) is drawn in ("skin", "hair_colour", "clothing").
// Unknown values give the default look's colour for that field.
Rgba appearance_colour(const std::string& field, const std::string& value);

// "Furious", "Angry", "Unhappy", "Uneasy", "Calm", "Satisfied", "Delighted".
const char* mood_label(int mood);

}  // namespace ta::gui
