// utf8_text.h: shortening and cleaning text one UTF-8 character at a time.
//
// Messages quote what a trainer wrote, and terminals show what a scenario says. Text is cut only
// between characters (never inside one, which would leave invalid UTF-8), and control characters
// (which retitle, clear or recolour a terminal) are found, named and made visible. Every place
// that shortens or prints scenario text goes through here.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ta {

// The longest prefix of `s` of at most `max_bytes` bytes that ends between two characters.
std::string_view utf8_prefix(std::string_view s, std::size_t max_bytes);

// `s` cut to at most `max_bytes` bytes at a character boundary, with "..." added when cut; line
// breaks become spaces and control characters are shown as escapes (see visible_controls), so the
// result is safe to quote in a one-line message.
std::string shorten_for_message(std::string_view s, std::size_t max_bytes = 40);

// A control character inside text: C0 (other than tab and line feed), DEL, or C1 (U+0080-U+009F).
struct ControlChar {
    std::size_t offset = 0;  // byte offset in the text
    std::size_t length = 1;  // bytes it takes (2 for C1)
    std::uint32_t code = 0;  // its code point
};

// The first control character at or after byte `from`, if any.
std::optional<ControlChar> find_control_char(std::string_view s, std::size_t from = 0);

// "ESC (escape, code 27)": how a trainer recognises the character.
std::string control_char_name(std::uint32_t code);

// How the character is written in a double-quoted YAML string: "\e", "\a", "\x01", "\u0085".
std::string control_char_escape(std::uint32_t code);

// `s` with every control character replaced by its escape, so printing it cannot drive a terminal.
std::string visible_controls(std::string_view s);

}  // namespace ta
