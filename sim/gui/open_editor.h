// open_editor.h: opens a scenario file at a line in the trainer's own editor, without waiting.
#pragma once

#include <string>

namespace ta::gui {

// Starts the editor (editor_command.h) in the background, a terminal editor in a terminal window;
// never blocks the window. Returns what to tell the trainer ("Opened ... at line 12 in vim").
std::string open_in_editor(const std::string& file, int line, bool* ok = nullptr);

}  // namespace ta::gui
