#include "images.h"

#include <GL/gl.h>
#include <stb_image.h>

#include <cstdio>

namespace ta::gui {

namespace {
constexpr int kMaxSide = 4096;  // refuse absurd images before decoding them
}

ImageCache::~ImageCache() { clear(); }

void ImageCache::clear() {
    for (auto& [path, slot] : slots_) {
        if (slot.tex.id) {
            GLuint id = slot.tex.id;
            glDeleteTextures(1, &id);
        }
    }
    slots_.clear();
}

const Texture* ImageCache::get(const std::string& path, std::string* error) {
    auto it = slots_.find(path);
    if (it == slots_.end()) {
        Slot slot;
        int w = 0, h = 0, n = 0;
        if (!stbi_info(path.c_str(), &w, &h, &n)) {
            slot.error = path + ": not an image stb_image can read (" + stbi_failure_reason() + ")";
        } else if (w <= 0 || h <= 0 || w > kMaxSide || h > kMaxSide) {
            slot.error = path + ": image is " + std::to_string(w) + "x" + std::to_string(h) +
                         ", larger than the " + std::to_string(kMaxSide) + " pixel limit";
        } else if (unsigned char* pixels = stbi_load(path.c_str(), &w, &h, &n, 4)) {
            GLuint id = 0;
            glGenTextures(1, &id);
            glBindTexture(GL_TEXTURE_2D, id);
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
            glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
            glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
            stbi_image_free(pixels);
            slot.tex = {id, w, h};
        } else {
            slot.error = path + ": could not decode image (" + stbi_failure_reason() + ")";
        }
        if (!slot.error.empty()) std::fprintf(stderr, "turnaround: %s\n", slot.error.c_str());
        it = slots_.emplace(path, slot).first;
    }
    if (it->second.tex.id) return &it->second.tex;
    if (error) *error = it->second.error;
    return nullptr;
}

}  // namespace ta::gui
