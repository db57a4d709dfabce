// settings.h: the trainee's preferences and window layout, persisted between runs.
// GUI-free (unit-tested): plain data plus load/save of a small "key = value" file in the user's
// config directory, written atomically so a crash never leaves a half-written file.
#pragma once

#include <string>

namespace ta::gui {

enum class ThemeKind { Dark = 0, Light, HighContrast };
const char* theme_key(ThemeKind t);    // "dark", "light", "high-contrast"
const char* theme_label(ThemeKind t);  // "Dark", "Light", "High contrast"

struct Settings {
    float text_scale = 1.0f;       // multiplies the base text size (0.8 .. 2.0)
    ThemeKind theme = ThemeKind::Dark;
    float reveal_chars_per_second = 45.0f;  // customer lines appear at this pace; 0 = at once
    bool timer_enabled = true;     // per-node response timers
    // Window layout (screen coordinates; -1 = let the system choose).
    int window_x = -1, window_y = -1;
    int window_width = 1280, window_height = 800;
    bool window_maximized = false;
    std::string last_folder;       // last scenario folder opened from the library

    void clamp();  // brings every field back into its allowed range
    bool operator==(const Settings&) const = default;
};

// $XDG_CONFIG_HOME/turnaround, else $HOME/.config/turnaround, else "" (nowhere to keep settings).
std::string config_dir();
// $XDG_DATA_HOME/turnaround, else $HOME/.local/share/turnaround, else "".
std::string data_dir();

// Text form: one "key = value" per line; unknown keys and bad values are skipped (defaults kept),
// so a settings file from a newer or older version never stops the program starting.
std::string settings_to_text(const Settings& s);
Settings settings_from_text(const std::string& text);

// Reads `path`; a missing or unreadable file gives the defaults.
Settings load_settings(const std::string& path);
// Writes `path` via a temporary file in the same folder and rename(); creates the folder.
// Returns false (with `error` set) when it could not.
bool save_settings(const std::string& path, const Settings& s, std::string* error = nullptr);

// Writes any text file atomically (temp + rename); used for settings and reports.
bool write_file_atomically(const std::string& path, const std::string& contents, std::string* error = nullptr);

}  // namespace ta::gui
