#include "settings.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace fs = std::filesystem;

namespace ta::gui {

const char* theme_key(ThemeKind t) {
    switch (t) {
        case ThemeKind::Light: return "light";
        case ThemeKind::HighContrast: return "high-contrast";
        default: return "dark";
    }
}

const char* theme_label(ThemeKind t) {
    switch (t) {
        case ThemeKind::Light: return "Light";
        case ThemeKind::HighContrast: return "High contrast";
        default: return "Dark";
    }
}

void Settings::clamp() {
    if (!(text_scale >= 0.8f)) text_scale = 0.8f;  // also catches NaN
    text_scale = std::min(text_scale, 2.0f);
    if (!(reveal_chars_per_second >= 0.0f)) reveal_chars_per_second = 0.0f;
    reveal_chars_per_second = std::min(reveal_chars_per_second, 400.0f);
    window_width = std::clamp(window_width, 1024, 16384);
    window_height = std::clamp(window_height, 640, 16384);
    if (window_x < -16384 || window_x > 16384) window_x = -1;
    if (window_y < -16384 || window_y > 16384) window_y = -1;
}

namespace {

std::string env_or_empty(const char* name) {
    const char* v = std::getenv(name);
    return (v && *v) ? std::string(v) : std::string();
}

std::string xdg_dir(const char* var, const char* home_suffix) {
    std::string base = env_or_empty(var);
    // The XDG spec says relative paths in these variables are invalid and must be ignored.
    if (!base.empty() && base[0] == '/') return (fs::path(base) / "turnaround").string();
    std::string home = env_or_empty("HOME");
    if (home.empty()) return {};
    return (fs::path(home) / home_suffix / "turnaround").string();
}

std::string trim(const std::string& s) {
    size_t b = s.find_first_not_of(" \t\r");
    if (b == std::string::npos) return {};
    size_t e = s.find_last_not_of(" \t\r");
    return s.substr(b, e - b + 1);
}

bool parse_float(const std::string& v, float& out) {
    char* end = nullptr;
    errno = 0;
    float f = std::strtof(v.c_str(), &end);
    if (end == v.c_str() || *end != '\0' || errno != 0) return false;
    out = f;
    return true;
}

bool parse_int(const std::string& v, int& out) {
    char* end = nullptr;
    errno = 0;
    long n = std::strtol(v.c_str(), &end, 10);
    if (end == v.c_str() || *end != '\0' || errno != 0 || n < -1000000 || n > 1000000) return false;
    out = static_cast<int>(n);
    return true;
}

bool parse_bool(const std::string& v, bool& out) {
    if (v == "true" || v == "1" || v == "yes" || v == "on") { out = true; return true; }
    if (v == "false" || v == "0" || v == "no" || v == "off") { out = false; return true; }
    return false;
}

}  // namespace

std::string config_dir() { return xdg_dir("XDG_CONFIG_HOME", ".config"); }
std::string data_dir() { return xdg_dir("XDG_DATA_HOME", ".local/share"); }

std::string settings_to_text(const Settings& s) {
    std::ostringstream out;
    out << "# Turnaround settings. Edited by the program; unknown lines are ignored.\n";
    out << "text_scale = " << s.text_scale << "\n";
    out << "theme = " << theme_key(s.theme) << "\n";
    out << "reveal_chars_per_second = " << s.reveal_chars_per_second << "\n";
    out << "timer_enabled = " << (s.timer_enabled ? "true" : "false") << "\n";
    out << "window_x = " << s.window_x << "\n";
    out << "window_y = " << s.window_y << "\n";
    out << "window_width = " << s.window_width << "\n";
    out << "window_height = " << s.window_height << "\n";
    out << "window_maximized = " << (s.window_maximized ? "true" : "false") << "\n";
    // A folder name never contains a newline in practice; refuse one rather than break the file.
    if (s.last_folder.find('\n') == std::string::npos) out << "last_folder = " << s.last_folder << "\n";
    return out.str();
}

Settings settings_from_text(const std::string& text) {
    Settings s;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        std::string t = trim(line);
        if (t.empty() || t[0] == '#') continue;
        size_t eq = t.find('=');
        if (eq == std::string::npos) continue;
        std::string key = trim(t.substr(0, eq));
        std::string value = trim(t.substr(eq + 1));
        if (key == "text_scale") parse_float(value, s.text_scale);
        else if (key == "reveal_chars_per_second") parse_float(value, s.reveal_chars_per_second);
        else if (key == "timer_enabled") parse_bool(value, s.timer_enabled);
        else if (key == "window_maximized") parse_bool(value, s.window_maximized);
        else if (key == "window_x") parse_int(value, s.window_x);
        else if (key == "window_y") parse_int(value, s.window_y);
        else if (key == "window_width") parse_int(value, s.window_width);
        else if (key == "window_height") parse_int(value, s.window_height);
        else if (key == "last_folder") s.last_folder = value;
        else if (key == "theme") {
            if (value == "light") s.theme = ThemeKind::Light;
            else if (value == "high-contrast") s.theme = ThemeKind::HighContrast;
            else if (value == "dark") s.theme = ThemeKind::Dark;
        }
    }
    s.clamp();
    return s;
}

Settings load_settings(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Settings{};
    std::string text;
    // Settings are tiny; anything huge is not ours, so read at most 64 KiB.
    text.resize(64 * 1024);
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<size_t>(in.gcount()));
    return settings_from_text(text);
}

bool write_file_atomically(const std::string& path, const std::string& contents, std::string* error) {
    auto fail = [&](const std::string& why) {
        if (error) *error = path + ": " + why;
        return false;
    };
    std::error_code ec;
    fs::path target(path);
    if (target.has_parent_path()) {
        fs::create_directories(target.parent_path(), ec);
        if (ec) return fail("cannot create folder: " + ec.message());
    }
    std::string tmp = path + ".tmp." + std::to_string(::getpid());
    {
        std::FILE* f = std::fopen(tmp.c_str(), "wb");
        if (!f) return fail(std::string("cannot write: ") + std::strerror(errno));
        bool ok = std::fwrite(contents.data(), 1, contents.size(), f) == contents.size();
        ok = (std::fflush(f) == 0) && ok;
        ok = (::fsync(::fileno(f)) == 0) && ok;
        ok = (std::fclose(f) == 0) && ok;
        if (!ok) {
            std::remove(tmp.c_str());
            return fail("write failed (disk full?)");
        }
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
        std::string why = std::strerror(errno);
        std::remove(tmp.c_str());
        return fail("cannot replace file: " + why);
    }
    return true;
}

bool save_settings(const std::string& path, const Settings& s, std::string* error) {
    return write_file_atomically(path, settings_to_text(s), error);
}

}  // namespace ta::gui
