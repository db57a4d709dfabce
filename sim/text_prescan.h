// text_prescan.h: checks raw scenario text before the YAML parser sees it.
//
// The parser recurses on nesting and trusts its input to be text. Refusing binary data and absurd
// nesting here keeps hostile or corrupted files from exhausting the stack or producing nonsense.
#pragma once

#include <string>
#include <vector>

#include "diagnostics.h"

namespace ta {

// Deepest nesting of lists and maps a scenario may use (real scenarios need about 6).
inline constexpr int kMaxNestingDepth = 64;

// Appends problems to `diags`. Returns false when the text must not be parsed at all
// (NUL bytes, invalid UTF-8, nesting deeper than kMaxNestingDepth).
bool prescan_text(const std::string& text, const std::string& file, std::vector<Diagnostic>& diags);

// Position (1-based line and column) of the first tab in a line's leading indentation, if any
// precedes `before_line` (1-based, inclusive); {0,0} when none. Used to explain parser errors.
std::pair<int, int> find_indent_tab(const std::string& text, int before_line);

}  // namespace ta
