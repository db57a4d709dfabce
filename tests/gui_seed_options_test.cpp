// The window's --seed option: a whole number fixes the order replies are shown in.
#ifdef TURNAROUND_HAVE_UI_MODEL

#include <doctest/doctest.h>

#include "options.h"

using namespace ta::gui;

TEST_CASE("window options: --seed N fixes the reply order; anything but a whole number in range is refused") {
    std::string err;
    auto none = parse_options({"--scenario", "x.yaml", "--choices", "1"}, &err);
    REQUIRE(none);
    CHECK_FALSE(none->seed.has_value());
    auto o = parse_options({"--scenario", "x.yaml", "--choices", "3,2,1", "--seed", "10"}, &err);
    REQUIRE(o);
    REQUIRE(o->seed.has_value());
    CHECK(*o->seed == 10u);
    auto big = parse_options({"--seed", "18446744073709551615"}, &err);
    REQUIRE(big);
    CHECK(*big->seed == 18446744073709551615ULL);
    for (const char* bad : {"", "-1", "x", "1e3", "18446744073709551616", " 5"}) {
        CHECK_MESSAGE(!parse_options({"--seed", bad}, &err), bad);
        CHECK(err.find("--seed") != std::string::npos);
    }
    CHECK_FALSE(parse_options({"--seed"}, &err));
    CHECK(usage_text().find("--seed N") != std::string::npos);
}

#endif
