// safe_path.h: a scenario may name files (its portrait) only inside its own folder or the
// program's assets/ folder. Paths are canonicalised first, so "../../etc/passwd" and symlinks
// that leave those folders are refused. GUI-free (unit-tested).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace ta::gui {

// Resolves `relative` (as written in the scenario) against the folder of `scenario_file`.
// Returns the canonical path when it exists and lies inside the scenario's folder or one of
// `extra_roots`; otherwise nothing, with `error` saying why.
std::optional<std::string> resolve_scenario_file(const std::string& scenario_file, const std::string& relative,
                                                 const std::vector<std::string>& extra_roots, std::string* error);

// Whether canonical `path` lies inside canonical `root` (component-wise, not a string prefix).
bool path_is_inside(const std::string& path, const std::string& root);

}  // namespace ta::gui
