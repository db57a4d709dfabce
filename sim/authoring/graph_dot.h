// graph_dot.h: a scenario's map as Graphviz DOT, for trainers to put in documents.
//
// Nodes show the customer's first line, choices are edges labelled with what the trainee says and
// coloured by the competency their tags weigh on most (dashed when the move costs points), endings
// are coloured by type, and a legend explains the colours. The engine does not know the rubric, so
// the caller passes each tag's points (the CLI takes them from the scoring rubric).
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "scenario.h"

namespace ta {

using TagPoints = std::map<std::string, CompetencyArray>;

struct DotOptions {
    TagPoints tag_points;          // behaviour tag -> points per competency
    std::size_t line_chars = 60;   // the customer's line on a node is cut to this many characters
    std::size_t choice_chars = 48; // a choice's text on an edge is cut to this many characters
    std::size_t wrap_chars = 24;   // labels are wrapped at about this width
    bool legend = true;
};

std::string scenario_to_dot(const Scenario& scenario, const DotOptions& options = {});

// The choice's points per competency: its tags' points plus its own `points`.
CompetencyArray choice_points(const Choice& choice, const TagPoints& tag_points);
// The competency with the largest absolute points, or none when every one is zero.
std::optional<Competency> dominant_competency(const CompetencyArray& points);

// Colours used on the map (also handy for any other drawing of it), as "#rrggbb".
const char* competency_colour(Competency c);
const char* ending_colour(EndingType t);

// --- Text helpers (UTF-8 aware) -----------------------------------------------------------------

// Replaces invalid UTF-8 with U+FFFD, so a bad byte in a scenario never breaks a document.
std::string utf8_sanitize(std::string_view text);
// Collapses runs of whitespace to one space and cuts to `max_chars` code points, ending in "…".
std::string shorten_text(std::string_view text, std::size_t max_chars);
// Breaks at spaces so that lines are about `width` code points ("\n" between lines).
std::string wrap_text(std::string_view text, std::size_t width);
// Escapes for a double-quoted DOT string: quotes, backslashes, newlines; sanitises UTF-8 and drops
// other control characters.
std::string dot_escape(std::string_view text);

}  // namespace ta
