// channel_view.h: how each channel (chat, email, public review, phone, in person) presents a
// conversation, as decisions the window draws: which channel the trainee sees now, the transcript
// cut into messages, a deterministic clock for timestamps, the call timer, the subject of a reply,
// the stars of a review. GUI-free and clock-free (no wall clock: times are counted from a fixed
// start), so the same playthrough always shows the same times, and all of it is unit-tested.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <vector>

#include "conversation_clock.h"
#include "session.h"

namespace ta::gui {

// Timestamps and the channel of a line come from the engine (conversation_clock.h), shared with
// the terminal `play`.
using ta::channel_of_entry;
using ta::clock_text;
using ta::entry_minute;
using ta::kConversationStartMinute;

// One message as a channel shows it: consecutive lines of one speaker at one node.
struct ChannelMessage {
    TranscriptEntry::Speaker speaker = TranscriptEntry::Speaker::Customer;
    std::vector<std::string> lines;
    std::string emotion;         // of the last line (customer messages)
    std::string node_id;
    Channel channel = Channel::InPerson;
    int minute = kConversationStartMinute;  // when its first line was written
    std::size_t first = 0;       // transcript index of its first line
    bool complete = true;        // false: more of it is still to be revealed
};
// The first `shown` entries of the transcript as messages. The last message is incomplete when
// the entry after it (not yet shown) continues it.
std::vector<ChannelMessage> group_messages(const Scenario& scenario, const std::vector<TranscriptEntry>& transcript,
                                           std::size_t shown);

// The channel the trainee is in now: while the customer's next line is being revealed, that line's
// (so the view switches as the customer starts); otherwise the current node's; once ended, the
// latest shown line's.
Channel visible_channel(const Session& session, std::size_t shown);

// Phone: a running call timer, "04:07" (or "1:02:03" past an hour). Negative counts as 0.
std::string call_timer_text(double seconds);
// Email: the subject of a reply ("Re: Order late"; never "Re: Re:"). An empty subject gives
// "Re: your message".
std::string reply_subject(const std::string& subject);
// Review: "★★☆☆☆" for 2 (clamped to 0..5), and "2 stars" / "1 star".
std::string stars_text(int stars);
std::string stars_label(int stars);
// Chat: "Sam is typing" (the first name only, or "The customer is typing").
std::string typing_text(const std::string& customer_name);
std::string first_name(const std::string& name);  // "Sam" from "Sam Okafor"; "" stays ""
// A five-pointed star's ten outline points (x, y pairs), outer points at `outer`, inner at `inner`,
// the first point straight up from the centre (screen coordinates: y grows downwards).
std::array<std::array<float, 2>, 10> star_outline(float cx, float cy, float outer, float inner);

}  // namespace ta::gui

namespace ta::gui {
// Email: the line above a quoted earlier message, in the words of its channel, e.g.
// "On 09:01, you wrote:", "Dan Reilly's public review, 09:00 (2 stars):", "On the phone at 09:03, you said:".
std::string quote_attribution(const ChannelMessage& message, const std::string& customer_name, int stars);
}  // namespace ta::gui
