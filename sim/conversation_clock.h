// conversation_clock.h: the times a written channel shows beside each line, and the channel a
// transcript line belongs to. Deterministic (no wall clock): the conversation starts at 09:00 and
// every change of speaker moves the clock on a minute; narrator lines do not count. The window and
// the terminal `play` both use it, so they always show the same times.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "session.h"

namespace ta {

inline constexpr int kConversationStartMinute = 9 * 60;
int entry_minute(const std::vector<TranscriptEntry>& transcript, std::size_t index);
std::string clock_text(int minute_of_day);  // "09:02" (wraps after 23:59)

// The channel of a transcript entry's node (the scenario's channel when the node is unknown).
Channel channel_of_entry(const Scenario& scenario, const TranscriptEntry& entry);

}  // namespace ta
