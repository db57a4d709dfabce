// play_batch.h: `turnaround-cli play --batch FILE SCENARIO`, many scripted playthroughs of one
// scenario in one process: the scenario is loaded and checked once, then each line of FILE is
// played as `play --json --choices` would play it, and gives one line of JSON.
//
// A line:  [seed=N] LIST [# comment]   e.g.  seed=123 2,1,t,3   ("#" lines and blank lines are
// skipped; a CRLF line end is fine). LIST is what --choices takes; without seed= the replies keep
// the file's order (or --seed's, when given).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "scenario.h"

namespace ta::cli {

// One line of a batch file, read.
struct BatchLine {
    bool skip = false;                   // blank or a comment
    std::optional<std::uint64_t> seed;   // seed=N
    std::vector<std::string> choices;    // the list, split as --choices splits it
    std::string error;                   // what is wrong with the line itself ("" when nothing)
};

BatchLine read_batch_line(std::string text);

// `json` (pretty, as debrief_json writes it) on one line: whitespace outside strings removed.
std::string one_line_json(const std::string& json);

// Plays every line of `file` ("-": standard input) against `sc` and prints one JSON line per
// playthrough on stdout. Returns 0 when every line reached an ending, 1 when any did not, 2 when
// the file cannot be read.
int play_batch(const Scenario& sc, const std::string& file, const std::optional<std::uint64_t>& default_seed);

}  // namespace ta::cli
