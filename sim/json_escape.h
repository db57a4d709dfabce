// json_escape.h: the one JSON string escaper every part of Turnaround uses.
#pragma once

#include <string>

namespace ta {

// The contents of a JSON string literal for `s`, without the surrounding quotes. Control
// characters are escaped and invalid UTF-8 bytes become U+FFFD, so the output is always valid JSON.
std::string json_escape(const std::string& s);

// `s` as a complete JSON string literal, quotes included.
inline std::string json_quote(const std::string& s) { return "\"" + json_escape(s) + "\""; }

}  // namespace ta
