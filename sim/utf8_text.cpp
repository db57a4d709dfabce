#include "utf8_text.h"

#include <cstdio>

namespace ta {

namespace {
bool is_continuation(unsigned char b) { return (b & 0xC0) == 0x80; }
}  // namespace

std::string_view utf8_prefix(std::string_view s, std::size_t max_bytes) {
    if (s.size() <= max_bytes) return s;
    std::size_t cut = max_bytes;
    // Back up over continuation bytes to the start of the character the cut falls in.
    while (cut > 0 && is_continuation(static_cast<unsigned char>(s[cut]))) --cut;
    return s.substr(0, cut);
}

std::string shorten_for_message(std::string_view s, std::size_t max_bytes) {
    const std::string_view kept = utf8_prefix(s, max_bytes);
    std::string out(kept);
    for (auto& c : out)
        if (c == '\n' || c == '\r') c = ' ';
    out = visible_controls(out);
    return kept.size() < s.size() ? out + "..." : out;
}

std::optional<ControlChar> find_control_char(std::string_view s, std::size_t from) {
    for (std::size_t i = from; i < s.size(); ++i) {
        const auto b = static_cast<unsigned char>(s[i]);
        if ((b < 0x20 && b != '\t' && b != '\n') || b == 0x7F) return ControlChar{i, 1, b};
        // U+0080..U+009F are C2 80..C2 9F in UTF-8.
        if (b == 0xC2 && i + 1 < s.size()) {
            const auto b1 = static_cast<unsigned char>(s[i + 1]);
            if (b1 >= 0x80 && b1 <= 0x9F) return ControlChar{i, 2, b1};
        }
    }
    return std::nullopt;
}

std::string control_char_name(std::uint32_t code) {
    static const char* const kC0[32] = {
        "NUL (null",           "SOH (start of heading", "STX (start of text",   "ETX (end of text",
        "EOT (end of transmission", "ENQ (enquiry",   "ACK (acknowledge",     "BEL (bell",
        "BS (backspace",       "TAB (tab",             "LF (line feed",        "VT (vertical tab",
        "FF (form feed",       "CR (carriage return",  "SO (shift out",        "SI (shift in",
        "DLE (data link escape", "DC1 (device control 1", "DC2 (device control 2", "DC3 (device control 3",
        "DC4 (device control 4", "NAK (negative acknowledge", "SYN (synchronous idle", "ETB (end of block",
        "CAN (cancel",         "EM (end of medium",    "SUB (substitute",      "ESC (escape",
        "FS (file separator",  "GS (group separator",  "RS (record separator", "US (unit separator"};
    std::string name = code < 32 ? kC0[code] : code == 0x7F ? "DEL (delete" : "C1 control (terminal command";
    return name + ", code " + std::to_string(code) + ")";
}

std::string control_char_escape(std::uint32_t code) {
    switch (code) {
        case 0: return "\\0";
        case 7: return "\\a";
        case 8: return "\\b";
        case 9: return "\\t";
        case 10: return "\\n";
        case 11: return "\\v";
        case 12: return "\\f";
        case 13: return "\\r";
        case 27: return "\\e";
        case 0x85: return "\\N";
        default: break;
    }
    char buf[16];
    std::snprintf(buf, sizeof buf, code < 0x80 ? "\\x%02X" : "\\u%04X", static_cast<unsigned>(code));
    return buf;
}

std::string visible_controls(std::string_view s) {
    std::string out;
    std::size_t at = 0;
    while (auto c = find_control_char(s, at)) {
        out.append(s.substr(at, c->offset - at));
        out += control_char_escape(c->code);
        at = c->offset + c->length;
    }
    out.append(s.substr(at));
    return out;
}

}  // namespace ta
