// twine_import.h: turns a Twine story (Twee 3 text, or Twine 2 HTML: a published story or a
// library archive) into a scenario to finish by hand.
//
// Passages become nodes (their text, stripped of markup, is what the customer says), links become
// the trainee's choices, and passages without links become endings. SugarCube setter links that
// simply switch a variable on or off become flags; steps of $mood set on a passage (Harlowe
// "(set: $mood to it + 10)", SugarCube "<<set $mood += 10>>") become the mood of the replies that
// lead there. Narration (a passage tagged narration, or one that moves on by (go-to:)/<<goto>>
// rather than a link) becomes the note of the passage it leads to. Everything Twine has no word for (behaviour
// tags, points, feedback, the customer) or that cannot be carried over safely (macros,
// conditions, variables in text) is listed in a report, each item with the line of the YAML it
// concerns. The YAML always loads; it has warnings until the trainer has done their part.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "diagnostics.h"

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
    std::vector<std::string> stories;  // the stories in a Twine archive (HTML) when it holds several
    // For each line of `yaml` (index 0 = line 1), the source line it was made from (0 = none): a
    // problem in the YAML can then be shown where the trainer can fix it.
    std::vector<int> source_line_of_yaml;
};

struct TwineImportOptions {
    std::string source_name = "story.twee";  // named in the YAML's header comment
    std::string story;  // in a Twine archive holding several stories: the one to import, by name
    std::string schema_ref = "schema/scenario.schema.json";
    std::size_t max_bytes = 4 * 1024 * 1024;
};

// Twee 3, or Twine 2 HTML (recognised by its <tw-storydata> element).
TwineImport import_twee(std::string_view twee, const TwineImportOptions& options = {});

// "out.yaml:12: message  (story.twee:40)" for a report.
std::string format_import_note(const ImportNote& note, const std::string& yaml_name, const std::string& twee_name);

// A problem the loader found in the imported YAML, told where the trainer can look: the source
// file and line it was made from. "cjk.twee:2: error: MESSAGE (line 31 of the imported scenario)".
std::string format_import_problem(const Diagnostic& d, const TwineImport& import, const std::string& source_name);

// --- Pieces, exposed for tests --------------------------------------------------------------

struct TwineLink {
    std::string text;    // what the reader clicks
    std::string target;  // passage name
    std::string setter;  // SugarCube "][...]" part, "" when none
};
// Parses the inside of [[...]]: text|target, text->target, target<-text, target, plus a setter.
TwineLink parse_twine_link(std::string_view inner);

// "-10", "+5" when a Harlowe (set:) or SugarCube <<set>> call (or a setter link's "$mood += 5")
// changes $mood by a step: (set: $mood to it + 10), <<set $mood -= 5>>, $mood to $mood + 3.
// `absolute` is set instead for "$mood to 40". False when the call does not touch $mood alone.
bool parse_mood_set(std::string_view call, int& value, bool& absolute);

// The note about a $variable shown in text: "$name", cut where the name ends (ASCII letters,
// digits, underscores), so text in any language around it is never split.
std::string variable_in_text(std::string_view text);

// Passage text without Twine/HTML markup, macros and comments; links become their text.
std::string strip_twine_markup(std::string_view text);

}  // namespace ta
