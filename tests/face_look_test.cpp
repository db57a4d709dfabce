// The drawn customer's look (sim/gui/model/face_model): appearance -> colours and parts, the
// name-derived variation for scenarios that describe nobody, and the expression kept on top.
#ifdef TURNAROUND_HAVE_UI_MODEL

#include <doctest/doctest.h>

#include <set>
#include <string>
#include <tuple>

#include "face_model.h"

using namespace ta;
using namespace ta::gui;

namespace {

Customer customer(const std::string& name, Appearance a = {}) {
    Customer c;
    c.name = name;
    c.appearance = a;
    return c;
}

int brightness(Rgba c) { return (c.r * 299 + c.g * 587 + c.b * 114) / 1000; }

}  // namespace

TEST_CASE("every skin tone has its own colour, from light to dark") {
    const auto& skins = appearance_values("skin");
    REQUIRE(skins.size() == 6);
    int previous = 256;
    std::set<std::tuple<int, int, int>> seen;
    for (const auto& value : skins) {
        Appearance a;
        a.skin = value;
        FaceLook l = look_for(a, "Same Name");
        CHECK(l.skin == appearance_colour("skin", value));
        // The list runs very-light .. dark: each a clearly darker tone than the last.
        CHECK_MESSAGE(brightness(l.skin) < previous - 10, value);
        previous = brightness(l.skin);
        seen.insert({l.skin.r, l.skin.g, l.skin.b});
        // Eyes and mouth stay readable on every tone.
        CHECK_MESSAGE(brightness(l.skin) - brightness(l.feature) > 40, value);
    }
    CHECK(seen.size() == 6);
}

TEST_CASE("every hair colour and clothing colour is drawn in its own colour") {
    for (const char* field : {"hair_colour", "clothing"}) {
        std::set<std::tuple<int, int, int>> seen;
        for (const auto& value : appearance_values(field)) {
            Rgba c = appearance_colour(field, value);
            seen.insert({c.r, c.g, c.b});
        }
        CHECK_MESSAGE(seen.size() == appearance_values(field).size(), field);
    }
    Appearance a;
    a.hair_colour = "red";
    a.clothing = "teal";
    FaceLook l = look_for(a, "X");
    CHECK(l.hair_colour == appearance_colour("hair_colour", "red"));
    CHECK(l.clothing == appearance_colour("clothing", "teal"));
    CHECK_FALSE(l.collar == l.clothing);  // the neckline shows against the shirt
    // Unknown values fall back to the default look's colour.
    CHECK(appearance_colour("skin", "green") == FaceLook{}.skin);
}

TEST_CASE("each hair style is the one written") {
    const auto& styles = appearance_values("hair");
    const HairStyle expected[] = {HairStyle::Short, HairStyle::Long, HairStyle::Curly,
                                  HairStyle::Bun,   HairStyle::Bald, HairStyle::Ponytail};
    REQUIRE(styles.size() == 6);
    for (std::size_t i = 0; i < styles.size(); ++i) {
        Appearance a;
        a.hair = styles[i];
        FaceLook l = look_for(a, "Whoever");
        CHECK_MESSAGE(l.hair == expected[i], styles[i]);
        CHECK(l.show_hair == (expected[i] != HairStyle::Bald));
    }
}

TEST_CASE("a headscarf covers the hair and is drawn in its own colour") {
    Appearance a;
    a.hair = "long";
    a.hair_colour = "black";
    a.clothing = "green";
    CHECK(look_for(a, "Amira").show_hair);
    a.headscarf = true;
    FaceLook l = look_for(a, "Amira");
    CHECK(l.headscarf);
    CHECK_FALSE(l.show_hair);
    CHECK_FALSE(l.scarf == l.skin);
    // Never the shirt's colour, whatever the name and clothing.
    for (const auto& clothing : appearance_values("clothing"))
        for (const char* name : {"Amira", "Fatima Noor", "Mrs Rahman", "Layla"}) {
            a.clothing = clothing;
            FaceLook m = look_for(a, name);
            CHECK_FALSE_MESSAGE(m.scarf == m.clothing, clothing);
            CHECK_FALSE_MESSAGE(m.scarf == appearance_colour("clothing", clothing), clothing);
        }
}

TEST_CASE("an older customer has lines and, unless told otherwise, grey or white hair") {
    Appearance a;
    a.age = "adult";
    CHECK(look_for(a, "Pat").age_lines == 0);
    a.age = "young";
    CHECK(look_for(a, "Pat").age == AgeBand::Young);
    CHECK(look_for(a, "Pat").age_lines == 0);
    a.age = "older";
    FaceLook older = look_for(a, "Pat");
    CHECK(older.age == AgeBand::Older);
    CHECK(older.age_lines > 0);
    // Whatever the name, an older customer with no hair colour given is grey or white.
    for (const char* name : {"Pat", "Margaret Ellis", "Mr Okafor", "Li Wei", "Dolores"}) {
        FaceLook l = look_for(a, name);
        bool grey = l.hair_colour == appearance_colour("hair_colour", "grey") ||
                    l.hair_colour == appearance_colour("hair_colour", "white");
        CHECK_MESSAGE(grey, name);
    }
    // An explicit colour is kept.
    a.hair_colour = "black";
    CHECK(look_for(a, "Pat").hair_colour == appearance_colour("hair_colour", "black"));
}

TEST_CASE("glasses and a beard are drawn only when written, once anything is described") {
    Appearance a;
    a.skin = "tan";
    for (const char* name : {"A", "B", "C", "D", "E", "F", "G", "H"}) {
        FaceLook l = look_for(a, name);
        CHECK_FALSE(l.glasses);
        CHECK_FALSE(l.beard);
        CHECK_FALSE(l.headscarf);
    }
    a.glasses = true;
    a.beard = true;
    FaceLook l = look_for(a, "A");
    CHECK(l.glasses);
    CHECK(l.beard);
}

TEST_CASE("without an appearance: a stable look from the name, different for different names") {
    Appearance none;
    FaceLook first = look_for(none, "Jonas Weber");
    FaceLook again = look_for(none, "Jonas Weber");
    CHECK(first.skin == again.skin);
    CHECK(first.hair == again.hair);
    CHECK(first.hair_colour == again.hair_colour);
    CHECK(first.clothing == again.clothing);
    CHECK(first.glasses == again.glasses);
    // Never guessed: bald, a beard, a headscarf, an age.
    const char* names[] = {"Jonas Weber", "Priya Shah", "Gary Hughes", "Mrs Okonkwo", "Tom Reeve", "Sofia Marques",
                           "Daniel Kim",  "Aisha Bello", "Helen Price", "Marek Nowak", "Rosa Diaz", "Ben Carter"};
    std::set<std::tuple<int, int, int, int, int, int, int>> looks;
    std::set<std::tuple<int, int, int>> skins;
    for (const char* name : names) {
        FaceLook l = look_for(none, name);
        CHECK(l.hair != HairStyle::Bald);
        CHECK_FALSE(l.beard);
        CHECK_FALSE(l.headscarf);
        CHECK(l.age == AgeBand::Adult);
        looks.insert({l.skin.r, l.skin.g, static_cast<int>(l.hair), l.hair_colour.r, l.clothing.r, l.clothing.b, l.glasses});
        skins.insert({l.skin.r, l.skin.g, l.skin.b});
    }
    CHECK(looks.size() == std::size(names));  // twelve people, twelve looks
    CHECK(skins.size() >= 3);
}

TEST_CASE("unset fields follow the name; set fields are kept") {
    Appearance a;
    a.skin = "dark";
    FaceLook x = look_for(a, "Name One");
    FaceLook y = look_for(a, "Name Two");
    CHECK(x.skin == appearance_colour("skin", "dark"));
    CHECK(y.skin == appearance_colour("skin", "dark"));
}

TEST_CASE("the customer's face keeps the mood's expression") {
    Appearance a;
    a.skin = "brown";
    a.hair = "curly";
    a.glasses = true;
    Customer c = customer("Kwame", a);
    FaceShape plain = face_for(10, "furious");
    FaceShape theirs = face_for(10, "furious", c);
    CHECK(theirs.mouth_curve == doctest::Approx(plain.mouth_curve));
    CHECK(theirs.brow_tilt == doctest::Approx(plain.brow_tilt));
    CHECK(theirs.flush == doctest::Approx(plain.flush));
    CHECK(theirs.look.skin == appearance_colour("skin", "brown"));
    CHECK(theirs.look.hair == HairStyle::Curly);
    CHECK(theirs.look.glasses);
    CHECK(face_for(90, "pleased", c).mouth_curve > 0.4f);
    // No customer: the default look.
    CHECK(plain.look.skin == FaceLook{}.skin);
}

#endif  // TURNAROUND_HAVE_UI_MODEL
