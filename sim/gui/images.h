// images.h: portraits and other pictures, decoded with stb_image into OpenGL textures. A missing
// or broken file gives a clear message and the caller draws a placeholder; nothing crashes.
#pragma once

#include <map>
#include <string>

namespace ta::gui {

struct Texture {
    unsigned id = 0;  // OpenGL texture name; 0 = none
    int width = 0, height = 0;
};

class ImageCache {
public:
    ~ImageCache();
    // Loads (once) and returns the texture for a canonical path, or nullptr with `error` set.
    const Texture* get(const std::string& path, std::string* error);
    void clear();  // frees every texture (needs the GL context)

private:
    struct Slot {
        Texture tex;
        std::string error;
    };
    std::map<std::string, Slot> slots_;
};

}  // namespace ta::gui
