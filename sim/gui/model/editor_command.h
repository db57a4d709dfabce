// editor_command.h: the command that opens the trainer's own editor at a line of the scenario.
//
// From the Author screen a click on a node opens its file at the node's line: $VISUAL, else
// $EDITOR, with each editor's own way of saying the line (vi, vim, nvim, nano, emacs: +LINE;
// VS Code: --goto file:line; Sublime: file:line; Kate: --line), else xdg-open on the file.
// GUI-free and spawn-free: the window runs the command without waiting for it.
#pragma once

#include <string>
#include <vector>

namespace ta::gui {

struct EditorCommand {
    std::vector<std::string> argv;
    bool needs_terminal = false;  // a terminal editor (vi, nano, emacs -nw): run it in a terminal window
    bool knows_line = true;       // false when the editor is unknown or xdg-open: it opens at the top
};

// `visual` and `editor` are the variables' values ("" when unset); they may hold arguments
// ("emacs -nw", "code --wait"), split at spaces.
EditorCommand editor_command(const std::string& visual, const std::string& editor, const std::string& file, int line);

}  // namespace ta::gui
