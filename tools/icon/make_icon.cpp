// make_icon: draws the window icon (a smiling speech bubble on a blue tile) and writes it as PNG
// at 32, 64 and 256 pixels: `make_icon OUT_DIR` writes OUT_DIR/icon-{32,64,256}.png.
//
// Our own artwork, drawn from shapes in a 256-unit design space at every size (not scaled
// down from one bitmap), 4x4 samples per pixel. The output is byte-for-byte reproducible; the
// test "assets-icon-reproducible" checks that assets/ holds what this program writes.
#include <stb_image_write.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

namespace {

struct Colour {
    float r, g, b, a;
};

// Signed distance to a rounded rectangle (negative inside).
float rounded_rect(float x, float y, float x0, float y0, float x1, float y1, float radius) {
    float cx = (x0 + x1) * 0.5f, cy = (y0 + y1) * 0.5f;
    float hx = (x1 - x0) * 0.5f - radius, hy = (y1 - y0) * 0.5f - radius;
    float dx = std::fabs(x - cx) - hx, dy = std::fabs(y - cy) - hy;
    float ox = std::max(dx, 0.0f), oy = std::max(dy, 0.0f);
    return std::sqrt(ox * ox + oy * oy) + std::min(std::max(dx, dy), 0.0f) - radius;
}

bool in_triangle(float x, float y, float ax, float ay, float bx, float by, float cx, float cy) {
    auto side = [](float px, float py, float qx, float qy, float rx, float ry) {
        return (qx - px) * (ry - py) - (qy - py) * (rx - px);
    };
    float d1 = side(ax, ay, bx, by, x, y), d2 = side(bx, by, cx, cy, x, y), d3 = side(cx, cy, ax, ay, x, y);
    bool neg = d1 < 0 || d2 < 0 || d3 < 0, pos = d1 > 0 || d2 > 0 || d3 > 0;
    return !(neg && pos);
}

// A thick arc with round ends: the lower part of a circle between two angles (radians, y down).
bool in_arc(float x, float y, float cx, float cy, float radius, float a0, float a1, float half_width) {
    float dx = x - cx, dy = y - cy;
    float a = std::atan2(dy, dx);
    if (a >= a0 && a <= a1) return std::fabs(std::sqrt(dx * dx + dy * dy) - radius) <= half_width;
    for (float e : {a0, a1}) {
        float ex = cx + std::cos(e) * radius, ey = cy + std::sin(e) * radius;
        if ((x - ex) * (x - ex) + (y - ey) * (y - ey) <= half_width * half_width) return true;
    }
    return false;
}

// The colour at a point of the 256-unit design; alpha 0 outside the tile.
Colour sample(float x, float y) {
    if (rounded_rect(x, y, 8, 8, 248, 248, 56) > 0) return {0, 0, 0, 0};
    float t = (y - 8) / 240.0f;  // a gentle vertical gradient
    Colour c{(56 - 24 * t) / 255.0f, (128 - 44 * t) / 255.0f, (206 - 46 * t) / 255.0f, 1};
    bool bubble = rounded_rect(x, y, 40, 52, 216, 184, 44) <= 0 || in_triangle(x, y, 70, 170, 118, 176, 58, 222);
    if (!bubble) return c;
    const float pi = 3.14159265f;
    Colour ink{30 / 255.0f, 62 / 255.0f, 120 / 255.0f, 1};
    bool eye = (x - 98) * (x - 98) + (y - 98) * (y - 98) <= 13 * 13 || (x - 158) * (x - 158) + (y - 98) * (y - 98) <= 13 * 13;
    bool smile = in_arc(x, y, 128, 104, 46, pi * 0.16f, pi * 0.84f, 8);
    if (eye || smile) return ink;
    return {1, 1, 1, 1};
}

std::vector<unsigned char> draw(int size) {
    const int n = 4;  // samples per axis
    std::vector<unsigned char> px(static_cast<size_t>(size) * size * 4);
    float k = 256.0f / static_cast<float>(size);
    for (int j = 0; j < size; ++j)
        for (int i = 0; i < size; ++i) {
            float r = 0, g = 0, b = 0, a = 0;  // premultiplied sums
            for (int sj = 0; sj < n; ++sj)
                for (int si = 0; si < n; ++si) {
                    Colour c = sample((i + (si + 0.5f) / n) * k, (j + (sj + 0.5f) / n) * k);
                    r += c.r * c.a, g += c.g * c.a, b += c.b * c.a, a += c.a;
                }
            unsigned char* p = &px[(static_cast<size_t>(j) * size + i) * 4];
            float inv = a > 0 ? 1.0f / a : 0.0f;
            p[0] = static_cast<unsigned char>(std::lround(std::clamp(r * inv, 0.0f, 1.0f) * 255));
            p[1] = static_cast<unsigned char>(std::lround(std::clamp(g * inv, 0.0f, 1.0f) * 255));
            p[2] = static_cast<unsigned char>(std::lround(std::clamp(b * inv, 0.0f, 1.0f) * 255));
            p[3] = static_cast<unsigned char>(std::lround(a / (n * n) * 255));
        }
    return px;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: make_icon OUT_DIR   (writes icon-32.png, icon-64.png, icon-256.png)\n");
        return 2;
    }
    for (int size : {32, 64, 256}) {
        std::string path = std::string(argv[1]) + "/icon-" + std::to_string(size) + ".png";
        std::vector<unsigned char> px = draw(size);
        if (!stbi_write_png(path.c_str(), size, size, 4, px.data(), size * 4)) {
            std::fprintf(stderr, "make_icon: cannot write %s\n", path.c_str());
            return 1;
        }
        std::printf("%s\n", path.c_str());
    }
    return 0;
}
