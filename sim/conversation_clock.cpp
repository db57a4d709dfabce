#include "conversation_clock.h"

#include <cstdio>

namespace ta {

int entry_minute(const std::vector<TranscriptEntry>& transcript, std::size_t index) {
    int minute = kConversationStartMinute;
    const TranscriptEntry* previous = nullptr;
    for (std::size_t i = 0; i < transcript.size() && i <= index; ++i) {
        const TranscriptEntry& e = transcript[i];
        if (e.speaker == TranscriptEntry::Speaker::Narrator) continue;
        if (previous && previous->speaker != e.speaker) ++minute;
        previous = &e;
    }
    return minute;
}

std::string clock_text(int minute_of_day) {
    int m = ((minute_of_day % (24 * 60)) + 24 * 60) % (24 * 60);
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d:%02d", m / 60, m % 60);
    return buf;
}

Channel channel_of_entry(const Scenario& scenario, const TranscriptEntry& entry) {
    if (const Node* n = scenario.find_node(entry.node_id)) return scenario.channel_of(*n);
    return scenario.channel;
}

}  // namespace ta
