#include "face_model.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace ta::gui {

namespace {

struct Named {
    std::string_view name;
    Rgba colour;
};

// Skin tones from very light to dark, far enough apart to tell at a glance at portrait size.
constexpr std::array<Named, 6> kSkins{{{"very-light", {255, 226, 208}},
                                       {"light", {240, 196, 160}},
                                       {"medium", {222, 170, 124}},
                                       {"tan", {194, 132, 88}},
                                       {"brown", {141, 88, 56}},
                                       {"dark", {92, 58, 40}}}};
constexpr std::array<Named, 6> kHairColours{{{"black", {38, 32, 32}},
                                             {"brown", {104, 68, 36}},
                                             {"blonde", {226, 190, 112}},
                                             {"red", {176, 72, 32}},
                                             {"grey", {158, 158, 160}},
                                             {"white", {236, 236, 232}}}};
constexpr std::array<Named, 12> kClothing{{{"red", {196, 52, 52}},
                                           {"orange", {232, 128, 40}},
                                           {"yellow", {236, 200, 60}},
                                           {"green", {60, 140, 72}},
                                           {"teal", {30, 140, 140}},
                                           {"blue", {56, 100, 190}},
                                           {"purple", {124, 72, 168}},
                                           {"pink", {228, 120, 170}},
                                           {"grey", {128, 130, 136}},
                                           {"black", {36, 36, 40}},
                                           {"white", {240, 240, 236}},
                                           {"brown", {120, 80, 50}}}};
constexpr std::array<HairStyle, 6> kStyles{HairStyle::Short, HairStyle::Long, HairStyle::Curly,
                                           HairStyle::Bun,   HairStyle::Bald, HairStyle::Ponytail};

template <std::size_t N>
const Named* find(const std::array<Named, N>& table, const std::string& value) {
    for (const auto& n : table)
        if (n.name == value) return &n;
    return nullptr;
}

Rgba mix(Rgba a, Rgba b, float t) {
    auto m = [t](std::uint8_t x, std::uint8_t y) {
        return static_cast<std::uint8_t>(static_cast<float>(x) + (static_cast<float>(y) - x) * t + 0.5f);
    };
    return {m(a.r, b.r), m(a.g, b.g), m(a.b, b.b), a.a};
}

constexpr Rgba kBlack{0, 0, 0};
constexpr Rgba kWhite{255, 255, 255};

int brightness(Rgba c) { return (c.r * 299 + c.g * 587 + c.b * 114) / 1000; }

// FNV-1a: the same number for the same name on every machine (std::hash promises nothing).
std::uint32_t name_hash(const std::string& name, std::uint32_t salt) {
    std::uint32_t h = 2166136261u ^ salt;
    for (unsigned char ch : name) {
        h ^= ch;
        h *= 16777619u;
    }
    h ^= h >> 15;
    h *= 2246822519u;
    h ^= h >> 13;
    return h;
}

}  // namespace

Rgba appearance_colour(const std::string& field, const std::string& value) {
    const Named* n = nullptr;
    FaceLook d;
    if (field == "skin") {
        n = find(kSkins, value);
        if (!n) return d.skin;
    } else if (field == "hair_colour") {
        n = find(kHairColours, value);
        if (!n) return d.hair_colour;
    } else if (field == "clothing") {
        n = find(kClothing, value);
        if (!n) return d.clothing;
    } else {
        return {};
    }
    return n->colour;
}

FaceLook look_for(const Appearance& a, const std::string& name) {
    FaceLook l;
    // Each unset field takes its own slice of the name's hash, so two names rarely share them all.
    auto pick = [&name](std::uint32_t salt, std::size_t n) { return name_hash(name, salt) % n; };

    std::string skin = a.skin.empty() ? std::string(kSkins[pick(1, kSkins.size())].name) : a.skin;
    l.skin = appearance_colour("skin", skin);
    l.skin_shade = mix(l.skin, kBlack, 0.16f);
    // Features a deep shade of the skin itself: readable on every tone without a hard black.
    l.feature = mix(l.skin, Rgba{22, 14, 12}, brightness(l.skin) > 120 ? 0.78f : 0.9f);
    l.lips = mix(l.skin, Rgba{150, 60, 60}, 0.45f);

    l.age = a.age == "young" ? AgeBand::Young : a.age == "older" ? AgeBand::Older : AgeBand::Adult;
    l.age_lines = l.age == AgeBand::Older ? 3 : 0;

    if (!a.hair.empty()) {
        for (std::size_t i = 0; i < kStyles.size(); ++i)
            if (appearance_values("hair")[i] == a.hair) l.hair = kStyles[i];
    } else {
        // Never guessed bald: that is the author's call.
        static constexpr std::array<HairStyle, 5> guessable{HairStyle::Short, HairStyle::Long, HairStyle::Curly,
                                                            HairStyle::Bun, HairStyle::Ponytail};
        l.hair = guessable[pick(2, guessable.size())];
    }
    std::string hair_colour = a.hair_colour;
    if (hair_colour.empty()) {
        // Older customers go grey or white; otherwise one of the four natural colours.
        // Under a headscarf only the brows show: dark ones.
        if (l.age == AgeBand::Older) hair_colour = pick(3, 2) == 0 ? "grey" : "white";
        else if (a.headscarf) hair_colour = pick(3, 2) == 0 ? "black" : "brown";
        else hair_colour = std::string(kHairColours[pick(3, 4)].name);
    }
    l.hair_colour = appearance_colour("hair_colour", hair_colour);
    // Brows darker than light hair so the expression still reads; grey brows for grey hair.
    l.brow = brightness(l.hair_colour) > 150 ? mix(l.hair_colour, l.feature, 0.45f) : mix(l.hair_colour, kBlack, 0.2f);

    std::string clothing = a.clothing.empty() ? std::string(kClothing[pick(4, kClothing.size())].name) : a.clothing;
    l.clothing = appearance_colour("clothing", clothing);
    l.collar = brightness(l.clothing) > 200 ? mix(l.clothing, kBlack, 0.25f) : mix(l.clothing, kWhite, 0.3f);

    // Glasses: set by the author, else about one name in four wears them (no appearance at all only).
    bool described = !a.skin.empty() || !a.hair.empty() || !a.hair_colour.empty() || !a.age.empty() ||
                     !a.clothing.empty() || a.glasses || a.beard || a.headscarf;
    l.glasses = a.glasses || (!described && pick(5, 4) == 0);
    l.beard = a.beard;
    l.headscarf = a.headscarf;
    l.show_hair = !a.headscarf && l.hair != HairStyle::Bald;
    // A headscarf in a rich colour other than the clothing's (chosen from the name), a little deeper.
    static constexpr std::array<std::string_view, 9> scarves{"blue", "purple", "pink", "teal", "green",
                                                              "red",  "black",  "brown", "orange"};
    std::string_view scarf = scarves[pick(6, scarves.size())];
    if (scarf == clothing) scarf = scarves[(pick(6, scarves.size()) + 1) % scarves.size()];
    l.scarf = mix(find(kClothing, std::string(scarf))->colour, kBlack, 0.15f);
    // A muted backdrop behind the head, so black hair shows on a dark theme and white on a light one.
    static constexpr std::array<Rgba, 5> backdrops{{{118, 132, 150}, {134, 124, 146}, {118, 140, 132}, {146, 132, 118}, {126, 136, 142}}};
    l.backdrop = backdrops[pick(7, backdrops.size())];
    return l;
}

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

FaceShape face_for(int mood, const std::string& emotion, const Customer& customer) {
    FaceShape f = face_for(mood, emotion);
    f.look = look_for(customer.appearance, customer.name);
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
