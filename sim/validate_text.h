// validate_text.h: the text a scenario shows must be plain text.
//
// Raw control bytes are refused before parsing (text_prescan.h), but a double-quoted YAML string
// can still write them as escapes ("\e]0;title\a" retitles a terminal, "\e[2J" clears it), and
// DEL and the C1 controls are valid UTF-8. Each one is found in the parsed value and reported
// where it was written in the file, so the trainer can remove it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "scenario.h"

namespace ta {

struct TextProblem {
    SourcePos pos;        // where the control character (or its escape) is written
    std::string message;  // names the field, the character and the fix
};

// A problem when `value` holds a control character (see find_control_char). `value_pos` is where
// the value starts in `source` (the file's text; may be empty, then the value's position is
// used); `field` names it in the trainer's words, e.g. "'text' in line 1 of node 'opening'".
std::optional<TextProblem> check_shown_text(std::string_view value, SourcePos value_pos, std::string_view source,
                                            const std::string& field);

// Where the `nth` (0-based) control character of the value starting at `value_pos` is written:
// its escape in a double-quoted string, or the raw character elsewhere. `value_pos` when it cannot
// be found.
SourcePos locate_control_char(std::string_view source, SourcePos value_pos, std::size_t nth);

}  // namespace ta
