// library_model.h: the scenario library as data: which files a folder holds, what loaded, what
// failed and why, and the filter/search the library screen applies. GUI-free (unit-tested).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "diagnostics.h"
#include "scenario.h"

namespace ta::gui {

struct LibraryEntry {
    std::string path;                      // the YAML file
    std::shared_ptr<const Scenario> scenario;  // set when the file loaded without errors
    std::vector<Diagnostic> diagnostics;   // errors and warnings from loading
    std::string file_name() const;
    bool ok() const { return scenario != nullptr; }
    // "file:line:col: error: message" lines for a card that failed (at most `max_lines`).
    std::vector<std::string> error_lines(int max_lines = 3) const;
    // The command that lists every problem of this file: "turnaround-cli lint 'PATH'".
    std::string check_command() const;
};

// The scenario files (*.yaml, *.yml) directly inside `folder` and one level of sub-folders,
// sorted by path. A missing folder gives an empty list and sets `error`.
std::vector<std::string> list_scenario_files(const std::string& folder, std::string* error = nullptr);

// Loads one file with the rubric's tag vocabulary; never throws.
LibraryEntry load_library_entry(const std::string& path);

struct LibraryFilter {
    std::string industry;   // "" = any
    int difficulty = -1;    // -1 = any, else static_cast<int>(Difficulty)
    std::string search;     // case-insensitive; matches title, summary, industry, objectives, customer
    bool show_failed = true;  // failed files are shown (with their error) unless filtering narrows
};

// Whether an entry passes the filter. A failed entry matches only an empty industry/difficulty
// filter (its metadata is unknown), and a search on its file name.
bool matches(const LibraryEntry& e, const LibraryFilter& f);

// Indices of entries that pass, in library order.
std::vector<int> filter_entries(const std::vector<LibraryEntry>& entries, const LibraryFilter& f);

// Distinct industries of loaded entries, sorted case-insensitively.
std::vector<std::string> industries(const std::vector<LibraryEntry>& entries);

// Lower-cases ASCII letters; used for search.
std::string fold_case(const std::string& s);

}  // namespace ta::gui
