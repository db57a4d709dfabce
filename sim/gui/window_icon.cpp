#include "window_icon.h"

#include <GLFW/glfw3.h>
#include <stb_image.h>

#include <cstdio>
#include <filesystem>
#include <vector>

namespace ta::gui {

bool set_window_icon(GLFWwindow* window, const std::string& assets_dir) {
    if (assets_dir.empty()) {
        std::fprintf(stderr, "turnaround: no assets folder found; the window keeps the default icon\n");
        return false;
    }
    std::vector<GLFWimage> images;
    std::vector<unsigned char*> pixels;
    for (int size : {32, 64, 256}) {
        std::string path = (std::filesystem::path(assets_dir) / ("icon-" + std::to_string(size) + ".png")).string();
        int w = 0, h = 0, channels = 0;
        unsigned char* px = stbi_load(path.c_str(), &w, &h, &channels, 4);
        if (!px) {
            std::fprintf(stderr, "turnaround: window icon %s not loaded (%s)\n", path.c_str(), stbi_failure_reason());
            continue;
        }
        pixels.push_back(px);
        images.push_back(GLFWimage{w, h, px});
    }
    // GLFW picks the size closest to what the desktop wants from the ones given.
    if (!images.empty()) glfwSetWindowIcon(window, static_cast<int>(images.size()), images.data());
    for (unsigned char* px : pixels) stbi_image_free(px);
    return !images.empty();
}

}  // namespace ta::gui
