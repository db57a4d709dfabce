// play_script.h: what `play` and `play --batch` share, so a scripted playthrough is played and
// reported by one piece of code however many there are: the conversation loop, the debrief's
// JSON, and how a choice list and a seed are read.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "scenario.h"
#include "session.h"

namespace ta::cli {

// A scripted answer that is not a reply where it came.
struct NotOffered {
    std::size_t item = 0;  // 1-based position in the list
    std::string answer;    // as written
    std::string node;      // the node it was given at
    std::string hint;      // what would have been offered, e.g. "type a number from 1 to 3"
};

// How a conversation went, beyond what the session records.
struct Conversation {
    bool abandoned = false;                 // stopped before an ending
    std::string abandon_reason;             // why, e.g. "the --choices list ran out before an ending"
    std::size_t script_used = 0;            // items of the script taken
    std::optional<NotOffered> not_offered;  // the script stopped at an answer not offered
};

// Plays `session` until it ends or stops. Answers come from `script` when given, else from
// standard input (`interactive` at the keyboard). `out` shows the conversation as it unfolds; null
// shows nothing (only with a script: a batch wants only the debriefs).
Conversation converse(Session& session, const std::vector<std::string>* script, bool interactive, std::ostream* out);

// The debrief as `play --json` prints it: graded by the default rubric, with "order_seed",
// "channel" and "turn_channels" first. Several lines, ending in a newline.
std::string debrief_json(const Session& session);

// "2, 1,t" -> {"2", "1", "t"}: a --choices list, items trimmed.
std::vector<std::string> split_commas(const std::string& s);

// A seed as --seed takes it: a whole number from 0 to 2^64-1, digits only.
std::optional<std::uint64_t> parse_seed(const std::string& text);

// Prints on stderr that items of `script` after the first `used` were not played, if any
// (`where` starts the message, e.g. "play: line 4: ").
void warn_unused_choices(const std::vector<std::string>& script, std::size_t used, std::size_t turns,
                         const std::string& where = "play: ");

}  // namespace ta::cli
