#include "screenshot.h"

#include <GL/gl.h>
#include <stb_image_write.h>

#include <cstdio>
#include <filesystem>
#include <unistd.h>
#include <vector>

namespace ta::gui {

bool save_framebuffer_png(const std::string& path, int width, int height, std::string* error) {
    if (width <= 0 || height <= 0) {
        if (error) *error = "nothing to capture (window has no size)";
        return false;
    }
    std::vector<unsigned char> pixels(static_cast<size_t>(width) * height * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
    // OpenGL rows start at the bottom; PNG rows at the top. Alpha is forced opaque.
    std::vector<unsigned char> flipped(pixels.size());
    size_t row = static_cast<size_t>(width) * 4;
    for (int y = 0; y < height; ++y) {
        const unsigned char* src = pixels.data() + static_cast<size_t>(height - 1 - y) * row;
        unsigned char* dst = flipped.data() + static_cast<size_t>(y) * row;
        for (size_t i = 0; i < row; i += 4) {
            dst[i] = src[i];
            dst[i + 1] = src[i + 1];
            dst[i + 2] = src[i + 2];
            dst[i + 3] = 255;
        }
    }
    std::error_code ec;
    std::filesystem::path target(path);
    if (target.has_parent_path()) std::filesystem::create_directories(target.parent_path(), ec);
    std::string tmp = path + ".tmp." + std::to_string(::getpid());
    if (!stbi_write_png(tmp.c_str(), width, height, 4, flipped.data(), static_cast<int>(row))) {
        std::remove(tmp.c_str());
        if (error) *error = path + ": could not write the image";
        return false;
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
        std::remove(tmp.c_str());
        if (error) *error = path + ": could not replace the file";
        return false;
    }
    return true;
}

}  // namespace ta::gui
