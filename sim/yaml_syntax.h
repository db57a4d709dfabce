// yaml_syntax.h: yaml-cpp's syntax errors in the trainer's words.
//
// yaml-cpp says where it gave up ("illegal map value", "end of map not found"); a trainer needs
// the cause and the fix: the reply text that needs quotes (with the fixed line), the line whose
// indentation is off and what it should line up with, the bracket or quote that is never closed.
// One diagnostic per syntax error, at the cause (format_source_excerpt shows its line and a caret).
#pragma once

#include <string>

#include "diagnostics.h"

namespace ta {

// Explains the parser's error `parser_msg` at 0-based (line, column) of `text`.
Diagnostic explain_yaml_error(const std::string& text, const std::string& file, const std::string& parser_msg,
                              int line0, int column0);

// Where a quoted scalar opening at byte `open` (a ' or ") of `text` closes: the byte of its
// closing quote, or std::string::npos when the quote is never closed. yaml-cpp closes a quote
// left open on the last line at the end of the file, so its loader asks this of every quote.
std::size_t closing_quote(const std::string& text, std::size_t open);

}  // namespace ta
