#include "open_editor.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <vector>

#include "editor_command.h"

namespace ta::gui {

namespace {

std::string env(const char* name) {
    const char* v = std::getenv(name);
    return v ? v : "";
}

bool on_path(const std::string& program) {
    if (program.find('/') != std::string::npos) return access(program.c_str(), X_OK) == 0;
    const std::string path = env("PATH");
    for (std::size_t from = 0; from <= path.size();) {
        std::size_t to = path.find(':', from);
        if (to == std::string::npos) to = path.size();
        const std::string dir = path.substr(from, to - from);
        if (!dir.empty() && access((dir + "/" + program).c_str(), X_OK) == 0) return true;
        from = to + 1;
    }
    return false;
}

// Runs argv detached (its own session, reaped by init), so the window never waits for it.
bool spawn_detached(const std::vector<std::string>& args) {
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    const pid_t child = fork();
    if (child < 0) return false;
    if (child == 0) {
        setsid();
        if (fork() == 0) {
            const int null = open("/dev/null", O_RDWR);
            if (null >= 0) dup2(null, STDIN_FILENO);  // the editor must not read the window's terminal
            execvp(argv[0], argv.data());
            _exit(127);
        }
        _exit(0);
    }
    int status = 0;
    waitpid(child, &status, 0);  // the middle process exits at once
    return true;
}

}  // namespace

std::string open_in_editor(const std::string& file, int line, bool* ok) {
    if (ok) *ok = false;
    EditorCommand c = editor_command(env("VISUAL"), env("EDITOR"), file, line);
    std::string note;
    if (!on_path(c.argv[0])) {
        note = " ('" + c.argv[0] + "' from $VISUAL/$EDITOR was not found)";
        c = editor_command("", "", file, line);
    }
    if (c.needs_terminal) {
        const char* terminal = on_path("x-terminal-emulator") ? "x-terminal-emulator" : on_path("xterm") ? "xterm" : nullptr;
        if (terminal) {
            c.argv.insert(c.argv.begin(), {terminal, "-e"});
        } else {
            note = " (" + c.argv[0] + " needs a terminal window, and none was found)";
            c = editor_command("", "", file, line);
        }
    }
    if (!on_path(c.argv[0]) || !spawn_detached(c.argv))
        return "Could not open an editor: set $VISUAL or $EDITOR (e.g. export VISUAL=\"code\")" + note;
    if (ok) *ok = true;
    const std::string name = std::filesystem::path(file).filename().string();
    return "Opened " + name + (c.knows_line ? " at line " + std::to_string(line) : "") + " with " + c.argv[0] + note;
}

}  // namespace ta::gui
