// validate.h: whole-scenario checks that need the complete model: ids, links, reachability,
// dead ends, flags and mood-route loops. The loader runs it; editors and tools may run it on a
// scenario built in code.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "diagnostics.h"
#include "scenario.h"

namespace ta {

// Where individual fields were written (the model keeps one position per element). Keys are
// built with the helpers below. Missing keys fall back to the element's own position.
struct FieldPositions {
    // Entries are keyed by a 64-bit hash of the key (FNV-1a): a story of 100,000 nodes records
    // millions of positions, and a string and a heap node per entry made recording them cost more
    // than parsing. Two keys sharing a hash (odds of about one in ten million at that size) would
    // only put one message at the other field's line.
    std::unordered_map<std::uint64_t, SourcePos> by_hash;

    SourcePos& at(std::string_view key) { return by_hash[hash(key)]; }
    SourcePos get(std::string_view key, SourcePos fallback) const {
        auto it = by_hash.find(hash(key));
        return it == by_hash.end() || it->second.line == 0 ? fallback : it->second;
    }
    static std::uint64_t hash(std::string_view key) {
        std::uint64_t h = 0xCBF29CE484222325ull;
        for (unsigned char c : key) h = (h ^ c) * 0x100000001B3ull;
        return h;
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
