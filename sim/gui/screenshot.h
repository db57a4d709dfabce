// screenshot.h: saves what the window shows as a PNG (glReadPixels + stb_image_write).
#pragma once

#include <string>

namespace ta::gui {

// Reads the current back buffer (`width` x `height` framebuffer pixels) after rendering and
// before the buffer swap, and writes it to `path` atomically. False with `error` on failure.
bool save_framebuffer_png(const std::string& path, int width, int height, std::string* error);

}  // namespace ta::gui
