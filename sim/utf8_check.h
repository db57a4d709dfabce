// utf8_check.h: is this text valid UTF-8? Strictly: no overlong forms, no encoded surrogates
// (U+D800-U+DFFF), nothing past U+10FFFF. Scenario files, names and every JSON and CSV output
// are checked with the same rule, so what one part accepts no other part turns into garbage.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ta {

// Bytes in the valid UTF-8 sequence starting at s[i], or 0 when it is not valid there.
std::size_t utf8_sequence_length(std::string_view s, std::size_t i);

// True when every byte of `s` belongs to a valid sequence.
bool is_valid_utf8(std::string_view s);

// `s` with every byte that is not part of a valid sequence replaced by U+FFFD.
std::string repair_utf8(std::string_view s);

// Appends code point `cp` encoded as UTF-8; NUL, surrogates and values past U+10FFFF become U+FFFD.
void append_utf8(std::string& out, char32_t cp);

}  // namespace ta
