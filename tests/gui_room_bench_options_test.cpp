// The window's options for the workshop room's benchmark: --room-rate and --frame-log.
#ifdef TURNAROUND_HAVE_UI_MODEL

#include <doctest/doctest.h>

#include "options.h"

using namespace ta::gui;

TEST_CASE("window options: --room-rate sets the room's per-address limit; 0 is no limit; other text is refused") {
    std::string err;
    auto none = parse_options({"--room", "x.yaml"}, &err);
    REQUIRE(none);
    CHECK_FALSE(none->room_rate.has_value());
    CHECK(none->frame_log.empty());
    auto off = parse_options({"--room", "x.yaml", "--room-rate", "0"}, &err);
    REQUIRE(off);
    REQUIRE(off->room_rate.has_value());
    CHECK(*off->room_rate == 0.0);
    auto high = parse_options({"--room", "x.yaml", "--room-rate", "250.5"}, &err);
    REQUIRE(high);
    CHECK(*high->room_rate == doctest::Approx(250.5));
    for (const char* bad : {"", "-1", "x", "5x", "nan", "1e9"}) {
        CHECK_MESSAGE(!parse_options({"--room-rate", bad}, &err), bad);
        CHECK(err.find("--room-rate") != std::string::npos);
    }
    CHECK_FALSE(parse_options({"--room-rate"}, &err));
    CHECK(usage_text().find("--room-rate N") != std::string::npos);
}

TEST_CASE("window options: --frame-log FILE names the per-frame log") {
    std::string err;
    auto o = parse_options({"--room", "x.yaml", "--frame-log", "/tmp/frames.log"}, &err);
    REQUIRE(o);
    CHECK(o->frame_log == "/tmp/frames.log");
    CHECK_FALSE(parse_options({"--frame-log"}, &err));
    CHECK(err.find("--frame-log") != std::string::npos);
    CHECK(usage_text().find("--frame-log FILE") != std::string::npos);
}

#endif
