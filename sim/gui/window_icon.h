// window_icon.h: sets the window's icon from assets/icon-*.png (drawn by tools/icon/make_icon).
// A missing or unreadable icon is logged to stderr and the window keeps GLFW's default one.
#pragma once

#include <string>

struct GLFWwindow;

namespace ta::gui {

// `assets_dir` is the bundled assets/ folder ("" when it was not found). Returns true when set.
bool set_window_icon(GLFWwindow* window, const std::string& assets_dir);

}  // namespace ta::gui
