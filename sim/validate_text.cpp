#include "validate_text.h"

#include "utf8_text.h"

namespace ta {

namespace {

bool is_control(std::uint32_t c) { return (c < 0x20 && c != '\t' && c != '\n') || c == 0x7F || (c >= 0x80 && c <= 0x9F); }

// Byte offset of 1-based (line, column) in `source`, or npos.
std::size_t offset_of(std::string_view source, SourcePos pos) {
    if (pos.line <= 0 || pos.column <= 0) return std::string_view::npos;
    std::size_t at = 0;
    for (int line = 1; line < pos.line; ++line) {
        at = source.find('\n', at);
        if (at == std::string_view::npos) return at;
        ++at;
    }
    at += static_cast<std::size_t>(pos.column - 1);
    return at <= source.size() ? at : std::string_view::npos;
}

SourcePos position_of(std::string_view source, std::size_t offset) {
    SourcePos p{1, 1};
    for (std::size_t i = 0; i < offset && i < source.size(); ++i) {
        if (source[i] == '\n') {
            ++p.line;
            p.column = 1;
        } else {
            ++p.column;  // bytes, as yaml-cpp counts columns
        }
    }
    return p;
}

int hex_value(std::string_view s) {
    int v = 0;
    for (char c : s) {
        v <<= 4;
        if (c >= '0' && c <= '9') v |= c - '0';
        else if (c >= 'a' && c <= 'f') v |= c - 'a' + 10;
        else if (c >= 'A' && c <= 'F') v |= c - 'A' + 10;
        else return -1;
    }
    return v;
}

// The code point the escape after a backslash at `source[i]` stands for, and its length after
// the backslash; -1 for a line continuation or an unknown escape.
long escape_code(std::string_view source, std::size_t i, std::size_t& length) {
    length = 1;
    if (i >= source.size()) return -1;
    switch (source[i]) {
        case '0': return 0;
        case 'a': return 7;
        case 'b': return 8;
        case 't': case '\t': return 9;
        case 'n': return 10;
        case 'v': return 11;
        case 'f': return 12;
        case 'r': return 13;
        case 'e': return 27;
        case 'N': return 0x85;
        case 'x': case 'u': case 'U': {
            const std::size_t digits = source[i] == 'x' ? 2 : source[i] == 'u' ? 4 : 8;
            if (i + 1 + digits > source.size()) return -1;
            length = 1 + digits;
            return hex_value(source.substr(i + 1, digits));
        }
        default: return -1;  // quotes, backslash, space, line breaks and the rest are no controls
    }
}

}  // namespace

SourcePos locate_control_char(std::string_view source, SourcePos value_pos, std::size_t nth) {
    std::size_t i = offset_of(source, value_pos);
    if (i == std::string_view::npos || i >= source.size()) return value_pos;
    const bool double_quoted = source[i] == '"';
    if (double_quoted) ++i;
    std::size_t seen = 0;
    while (i < source.size()) {
        const char c = source[i];
        if (double_quoted && c == '"') break;  // the string ended first
        if (double_quoted && c == '\\') {
            std::size_t length = 0;
            const long code = escape_code(source, i + 1, length);
            if (code >= 0 && is_control(static_cast<std::uint32_t>(code)) && seen++ == nth) return position_of(source, i);
            i += 1 + length;
            continue;
        }
        if (c == '\r' && i + 1 < source.size() && source[i + 1] == '\n') {  // a Windows line end, not text
            i += 2;
            continue;
        }
        if (auto raw = find_control_char(source.substr(i, 2)); raw && raw->offset == 0) {
            if (seen++ == nth) return position_of(source, i);
            i += raw->length;
            continue;
        }
        ++i;
    }
    return value_pos;
}

std::optional<TextProblem> check_shown_text(std::string_view value, SourcePos value_pos, std::string_view source,
                                            const std::string& field) {
    const auto c = find_control_char(value);
    if (!c) return std::nullopt;
    TextProblem p;
    p.pos = source.empty() ? value_pos : locate_control_char(source, value_pos, 0);
    std::size_t count = 0;
    for (std::optional<ControlChar> more = c; more; more = find_control_char(value, more->offset + more->length)) ++count;
    p.message = field + " contains a control character, " + control_char_name(c->code) + ", written \"" +
                control_char_escape(c->code) + "\"" +
                (count > 1 ? ", and " + std::to_string(count - 1) + " more after it; remove them" : "; remove it") +
                ": the text a scenario shows must be plain, since control characters can retitle, clear or recolour "
                "the trainee's terminal";
    return p;
}

}  // namespace ta
