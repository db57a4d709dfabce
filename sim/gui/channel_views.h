// channel_views.h: the conversation's transcript drawn as its channel looks (a chat window, an
// email being answered, a public review page, a phone call). Drawing only: what to show, and when,
// comes from model/channel_view.h. In person keeps the conversation screen's own bubbles.
#pragma once

#include <cstddef>

#include "app.h"
#include "channel_view.h"

namespace ta::gui {

// Each draws the first `shown` transcript entries into the current child window, with the
// channel's "is typing" indicator while `busy`.
void draw_chat_transcript(App& app, std::size_t shown, bool busy);
void draw_email_transcript(App& app, std::size_t shown, bool busy);
void draw_review_transcript(App& app, std::size_t shown, bool busy);
void draw_phone_transcript(App& app, std::size_t shown, bool busy);
// The chat window's bar (the customer, online), drawn above the transcript.
void draw_chat_bar(App& app);
// The phone call's bar (who is on the line, the running time), drawn above the transcript.
void draw_call_bar(App& app, double call_seconds);

// Three dots that fill in turn (the typing indicator), at the cursor, on a rounded background.
void draw_typing_dots(const App& app, ImU32 bg);

}  // namespace ta::gui
