// twine_text.h: small text helpers shared by the Twine readers (Twee, Chapbook, HTML anchors).
#pragma once

#include <string>
#include <string_view>

namespace ta::twine_text {

// Without the spaces, tabs and line ends around it.
inline std::string trim(std::string_view s) {
    auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    std::size_t b = 0, e = s.size();
    while (b < e && blank(s[b])) ++b;
    while (e > b && blank(s[e - 1])) --e;
    return std::string(s.substr(b, e - b));
}

// ASCII letters in lower case; other bytes (UTF-8 included) as they are.
inline std::string fold_ascii(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

}  // namespace ta::twine_text
