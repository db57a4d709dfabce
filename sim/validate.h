// validate.h: whole-scenario checks that need the complete model: ids, links, reachability,
// dead ends, flags and mood-route loops. The loader runs it; editors and tools may run it on a
// scenario built in code.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "diagnostics.h"
#include "scenario.h"

namespace ta {

// Where individual fields were written (the model keeps one position per element). Keys are
// built with the helpers below. Missing keys fall back to the element's own position.
struct FieldPositions {
    std::unordered_map<std::string, SourcePos> at;

    SourcePos get(const std::string& key, SourcePos fallback) const {
        auto it = at.find(key);
        return it == at.end() || it->second.line == 0 ? fallback : it->second;
    }
    static std::string node(int n, const std::string& field) { return "node" + std::to_string(n) + "." + field; }
    static std::string choice(int n, int c, const std::string& field) {
        return "node" + std::to_string(n) + ".choice" + std::to_string(c) + "." + field;
    }
    static std::string timeout(int n, const std::string& field) { return "node" + std::to_string(n) + ".timeout." + field; }
    static std::string route(int n, int r, const std::string& field) {
        return "node" + std::to_string(n) + ".route" + std::to_string(r) + "." + field;
    }
    static std::string ending(int e, const std::string& field) { return "ending" + std::to_string(e) + "." + field; }
};

// Appends every problem found to `diags` (errors and warnings). `scenario` must have been
// reindex()ed. Never throws; terminates on any graph, including loops. `positions` may be null.
void validate_scenario(const Scenario& scenario, const std::string& file, const FieldPositions* positions,
                       std::vector<Diagnostic>& diags);

}  // namespace ta
