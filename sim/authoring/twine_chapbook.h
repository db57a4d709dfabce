// twine_chapbook.h: Chapbook, the third story format Twine ships, says with its own forms what
// Harlowe says with macros: a vars section above a "--" line, {inserts} and [modifiers]. The
// importer reads Harlowe, so a Chapbook passage is first rewritten into Harlowe's forms, line for
// line, so that every to-do still names the story's own line.
#pragma once

#include <string>
#include <string_view>

namespace ta {

// True for the format names Twine writes for Chapbook ("Chapbook", any case).
bool is_chapbook_format(std::string_view story_format);

// The passage's text with
//   mood: 40 / mood: mood + 10 (vars section)   -> (set: $mood to 40) / (set: $mood to it + 10)
//   other vars, conditional ones too             -> (set: $name to value), after (if: cond)
//   {link to: 'Target', label: 'Text'}           -> (link-goto: "Text", "Target")
//   {name}                                       -> $name (a variable the text shows)
//   {back link}, {embed passage: ...}, ...       -> (back-link:), (embed-passage:), ... (no equivalent)
//   [if cond] / [unless cond] / [else]           -> (if: cond) / (unless: cond) / (else:)
//   [note] ... (a note to the author)            -> blank lines, up to the next modifier
//   [continue], [align center], [after 2s], ...  -> a blank line
std::string chapbook_as_harlowe(std::string_view passage_text);

}  // namespace ta
