// cli_common.h: what every turnaround-cli command shares: how scenarios are loaded (with the
// rubric's tag vocabulary), how scenario files are found, how problems are printed.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "loader.h"

namespace ta::cli {

// Loader options every command uses: tags are checked against the built-in rubric.
const LoadOptions& load_options();

// Loads one scenario file with load_options().
LoadResult load(const std::string& path);

// Expands PATH arguments: files are kept as given; folders are searched recursively for
// *.yaml / *.yml (sorted, so output is stable). Paths that do not exist go to `missing`.
std::vector<std::string> find_scenario_files(const std::vector<std::string>& paths, std::vector<std::string>& missing);

// Prints diagnostics one per line, GCC style.
void print_diagnostics(std::ostream& out, const std::vector<Diagnostic>& diags);

// True when a diagnostic means the file could not be read at all (as opposed to having errors).
bool is_unreadable(const Diagnostic& d);


}  // namespace ta::cli
