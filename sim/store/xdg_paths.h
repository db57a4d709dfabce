// xdg_paths.h: where Turnaround keeps per-user data (XDG Base Directory layout).
#pragma once

#include <string>

namespace ta::store {

// $XDG_DATA_HOME/turnaround, or ~/.local/share/turnaround when XDG_DATA_HOME is unset or not
// absolute (the spec says relative values are to be ignored). Empty when neither HOME nor
// XDG_DATA_HOME gives a usable path.
std::string data_dir();

// data_dir() + "/results.db".
std::string default_results_path();

// Creates `dir` and its parents (mode 0700 for new ones: results are personal). False with
// `error` set when that fails.
bool ensure_dir(const std::string& dir, std::string* error = nullptr);

// Writes `content` to `path` atomically: a temporary file in the same folder, fsync, rename.
// A reader sees either the old file or the whole new one, never half.
bool write_file_atomically(const std::string& path, const std::string& content, std::string* error = nullptr);

}  // namespace ta::store
