#include "editor_command.h"

#include <algorithm>
#include <sstream>

namespace ta::gui {

namespace {

std::vector<std::string> split_words(const std::string& text) {
    std::istringstream in(text);
    std::vector<std::string> words;
    for (std::string w; in >> w;) words.push_back(w);
    return words;
}

std::string base_name(const std::string& path) {
    const std::size_t slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

bool has(const std::vector<std::string>& words, const char* w) { return std::find(words.begin(), words.end(), w) != words.end(); }

}  // namespace

EditorCommand editor_command(const std::string& visual, const std::string& editor, const std::string& file, int line) {
    EditorCommand c;
    c.argv = split_words(visual);
    if (c.argv.empty()) c.argv = split_words(editor);
    const std::string at = std::to_string(std::max(line, 1));
    if (c.argv.empty()) {
        c.argv = {"xdg-open", file};
        c.knows_line = false;
        return c;
    }
    const std::string name = base_name(c.argv[0]);
    if (name == "vi" || name == "vim" || name == "nvim" || name == "nano" || name == "emacs" || name == "emacsclient" ||
        name == "gvim" || name == "micro") {
        // emacs opens its own window unless told -nw; emacsclient needs its -c for one.
        c.needs_terminal = name != "gvim" && !(name == "emacs" && !has(c.argv, "-nw")) &&
                           !(name == "emacsclient" && (has(c.argv, "-c") || has(c.argv, "--create-frame")));
        c.argv.push_back("+" + at);
        c.argv.push_back(file);
    } else if (name == "code" || name == "codium" || name == "code-insiders") {
        c.argv.erase(std::remove(c.argv.begin() + 1, c.argv.end(), "--wait"), c.argv.end());  // never hold the window
        c.argv.push_back("--goto");
        c.argv.push_back(file + ":" + at);
    } else if (name == "subl" || name == "sublime_text") {
        c.argv.push_back(file + ":" + at);
    } else if (name == "kate") {
        c.argv.push_back("--line");
        c.argv.push_back(at);
        c.argv.push_back(file);
    } else if (name == "gedit") {
        c.argv.push_back("+" + at);
        c.argv.push_back(file);
    } else {
        c.argv.push_back(file);
        c.knows_line = false;
    }
    return c;
}

}  // namespace ta::gui
