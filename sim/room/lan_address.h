// lan_address.h: the address phones on the same network reach this machine at.
#pragma once

#include <string>

namespace ta::room {

// The first IPv4 address of an interface that is up and not loopback; "127.0.0.1" when none.
std::string lan_address();

}  // namespace ta::room
