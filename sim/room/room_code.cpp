#include "room_code.h"

#include <random>

namespace ta::room {

std::string new_room_code() {
    static const char kAlphabet[] = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    std::random_device rd;
    std::uniform_int_distribution<int> pick(0, static_cast<int>(sizeof kAlphabet) - 2);
    std::string code;
    for (int i = 0; i < 6; ++i) code += kAlphabet[pick(rd)];
    return code;
}

std::string new_secret() {
    static const char kHex[] = "0123456789abcdef";
    std::random_device rd;
    std::string out;
    for (int i = 0; i < 4; ++i) {
        unsigned v = rd();
        for (int k = 0; k < 8; ++k, v >>= 4) out += kHex[v & 15u];
    }
    return out;
}

bool same_secret(const std::string& a, const std::string& b) {
    if (a.size() != b.size()) return false;
    unsigned char diff = 0;
    for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

}  // namespace ta::room
