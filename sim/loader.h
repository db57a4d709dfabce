// loader.h: reads a scenario from YAML and validates it, reporting every problem in one pass.
#pragma once

#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "diagnostics.h"
#include "scenario.h"

namespace ta {

struct LoadOptions {
    // Behaviour tags a choice may carry (from the scoring rubric). Empty = do not check tags.
    std::set<std::string> known_tags;
    // Files larger than this are refused before parsing (hostile input must not exhaust memory).
    // The largest honest stories (a generated or imported 100,000-node one) take about 25 MB.
    std::size_t max_bytes = 64 * 1024 * 1024;
    // Run the whole-scenario checks (validate.h) after reading. Off only to time reading alone.
    bool validate = true;
};

struct LoadResult {
    // Present when the file could be read into a model, even if it has errors; a front end may
    // still show what it can. Only play it when ok().
    std::optional<Scenario> scenario;
    std::vector<Diagnostic> diagnostics;  // errors and warnings, in file order
    bool ok() const { return scenario.has_value() && count_errors(diagnostics) == 0; }
};

LoadResult load_scenario_file(const std::string& path, const LoadOptions& options = {});
LoadResult load_scenario_text(const std::string& yaml_text, const std::string& display_path,
                              const LoadOptions& options = {});

}  // namespace ta
