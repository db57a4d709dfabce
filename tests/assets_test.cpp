// The window icon in assets/: each PNG decodes with stb_image at its stated size, with a
// transparent corner (the rounded tile) and an opaque middle, as glfwSetWindowIcon needs RGBA.
#ifdef TURNAROUND_HAVE_STB

#include <doctest/doctest.h>
#include <stb_image.h>

#include <string>

TEST_CASE("the window icon loads at 32, 64 and 256 pixels") {
    for (int size : {32, 64, 256}) {
        std::string path = std::string(TURNAROUND_ASSETS_DIR) + "/icon-" + std::to_string(size) + ".png";
        int w = 0, h = 0, channels = 0;
        unsigned char* px = stbi_load(path.c_str(), &w, &h, &channels, 4);
        REQUIRE_MESSAGE(px != nullptr, path);
        CHECK(w == size);
        CHECK(h == size);
        CHECK(channels == 4);  // written with alpha
        auto alpha = [&](int x, int y) { return px[(y * w + x) * 4 + 3]; };
        CHECK(alpha(0, 0) == 0);
        CHECK(alpha(size / 2, size / 2) == 255);
        // White inside the bubble (above the eyes), blue on the tile beside it.
        const unsigned char* bubble = px + ((size * 70 / 256) * w + size / 2) * 4;
        CHECK(bubble[0] > 240);
        CHECK(bubble[1] > 240);
        CHECK(bubble[2] > 240);
        const unsigned char* tile = px + ((size * 3 / 4) * w + size * 7 / 8) * 4;
        CHECK(tile[2] > tile[0] + 60);
        stbi_image_free(px);
    }
}

#endif  // TURNAROUND_HAVE_STB
