// room_code.h: the secrets of a room: the short code people type, the phones' tokens and the
// facilitator's key. From the operating system's random source; never derived from the scenario.
#pragma once

#include <string>

namespace ta::room {

// Six characters from an alphabet without look-alikes (no 0/O, 1/I/L), e.g. "K7QPXM".
std::string new_room_code();
// 32 hex digits (128 bits): a phone's token, or the facilitator's key.
std::string new_secret();
// Compares two secrets in time that does not depend on where they differ.
bool same_secret(const std::string& a, const std::string& b);

}  // namespace ta::room
