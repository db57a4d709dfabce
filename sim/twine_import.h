// twine_import.h: turns a Twine story (Twee 3 text) into a scenario to finish by hand.
//
// Passages become nodes (their text, stripped of markup, is what the customer says), links become
// the trainee's choices, and passages without links become endings. SugarCube setter links that
// simply switch a variable on or off become flags. Everything Twine has no word for (behaviour
// tags, points, feedback, the customer) or that cannot be carried over safely (macros,
// conditions, variables in text) is listed in a report, each item with the line of the YAML it
// concerns. The YAML always loads; it has warnings until the trainer has done their part.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ta {

struct ImportNote {
    int yaml_line = 0;  // line of the generated YAML it concerns (1-based; 0 = the whole file)
    int twee_line = 0;  // line of the Twee source it comes from (1-based; 0 = none)
    std::string message;
};

struct TwineImport {
    bool ok = false;   // false when there was nothing to import (no story passages)
    std::string yaml;  // the scenario (empty when !ok)
    std::vector<ImportNote> notes;  // what needs a trainer's hand, in YAML line order
    std::string story_format;       // from StoryData, e.g. "SugarCube" ("" when not given)
    int passages = 0;  // story passages read (special passages excluded)
    int nodes = 0;
    int endings = 0;
    int choices = 0;
};

struct TwineImportOptions {
    std::string source_name = "story.twee";  // named in the YAML's header comment
    std::string schema_ref = "schema/scenario.schema.json";
    std::size_t max_bytes = 4 * 1024 * 1024;
};

TwineImport import_twee(std::string_view twee, const TwineImportOptions& options = {});

// "out.yaml:12: message  (story.twee:40)" for a report.
std::string format_import_note(const ImportNote& note, const std::string& yaml_name, const std::string& twee_name);

// --- Pieces, exposed for tests --------------------------------------------------------------

struct TwineLink {
    std::string text;    // what the reader clicks
    std::string target;  // passage name
    std::string setter;  // SugarCube "][...]" part, "" when none
};
// Parses the inside of [[...]]: text|target, text->target, target<-text, target, plus a setter.
TwineLink parse_twine_link(std::string_view inner);

// Passage text without Twine/HTML markup, macros and comments; links become their text.
std::string strip_twine_markup(std::string_view text);

}  // namespace ta
