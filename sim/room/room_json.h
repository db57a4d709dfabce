// room_json.h: the room's views as the JSON the phone page and the facilitator page read.
#pragma once

#include <string>

#include "room.h"

namespace ta::room {

std::string room_view_json(const RoomView& v);
std::string facilitator_view_json(const FacilitatorView& f);

}  // namespace ta::room
