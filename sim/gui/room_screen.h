// room_screen.h: the projector of a workshop room where participants vote from their phones.
// The room's rules are in sim/room/room.h; this screen shows its state and sends the
// facilitator's steps.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "scenario.h"

namespace ta::gui {

class App;
struct Options;

// Opens a room for `scenario` and shows the projector. Returns false (and says why) when the
// server cannot listen. `rate`: requests a second per phone address (bursts of 3x; 0 = no
// limit); none = the server's default.
bool open_room(App& app, std::shared_ptr<const Scenario> scenario, bool names_required, const std::string& bind,
               int port, std::string* error, std::optional<double> rate = std::nullopt);

// --room FILE on the command line: opens the room at start, prints the machine-readable line
// `room: code=... port=... url=... facilitator=...` on stdout, and with --room-shots saves a
// projector screenshot at each step.
bool open_room_from_options(App& app, const Options& opt);

}  // namespace ta::gui
