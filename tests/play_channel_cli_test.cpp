// turnaround-cli play marks the channel: a header line, each line prefixed the way its channel
// shows it (chat with the window's clock, an email's sender, a review's stars), a new header where
// a node changes the channel, and the channel of each turn in --json.
#include <doctest/doctest.h>

#include <string>

#include "cli_runner.h"

namespace {

const std::string kChannels = std::string(TURNAROUND_TEST_DATA) + "/gui/fixtures/channels/";

using cli_runner::cli;
using cli_runner::has;
using cli_runner::Out;

}  // namespace

TEST_CASE("cli play: a chat is marked as a chat, each line with the window's clock") {
    Out o = cli("play --choices 2,1,2 '" + kChannels + "chat-refund.yaml'");
    INFO(o.text);
    CHECK(o.exit_code == 0);
    CHECK(has(o.text, "Channel: Chat\n"));
    CHECK(has(o.text, "[chat 09:00] Sam Okafor (frustrated): Hi. I sent a jacket back two weeks ago."));
    CHECK(has(o.text, "[chat 09:01] You: I'm sorry, Sam"));
    CHECK(has(o.text, "[chat 09:02] Sam Okafor (neutral): It's 88213."));
    // The transcript at the end keeps the marks.
    CHECK(has(o.text, "[chat 09:05] You: I've released it now"));
    CHECK_FALSE(has(o.text, "\nSam Okafor (frustrated):"));
}

TEST_CASE("cli play: an email shows its subject and sender") {
    Out o = cli("play --choices 1,2,1 '" + kChannels + "email-late-invoice.yaml'");
    INFO(o.text);
    CHECK(o.exit_code == 0);
    CHECK(has(o.text, "Channel: Email - Subject: Invoice INV-2291 charged twice\n"));
    CHECK(has(o.text, "[email] From: Priya Shah (frustrated): Our bank statement"));
    CHECK(has(o.text, "[email] Reply: Dear Priya"));
}

TEST_CASE("cli play: a review shows its stars, and a node taken offline switches the channel") {
    Out o = cli("play --choices 2,1,1 '" + kChannels + "review-cold-coffee.yaml'");
    INFO(o.text);
    CHECK(o.exit_code == 0);
    CHECK(has(o.text, "Channel: Public review, 2 stars\n"));
    CHECK(has(o.text, "[review] \u2605\u2605\u2606\u2606\u2606 Dan Reilly (disappointed): Waited 25 minutes"));
    CHECK(has(o.text, "[review] Public reply: Dan, thank you"));
    CHECK(has(o.text, "-- Channel: Email - Subject: About Saturday morning --\n[email] From: Dan Reilly (sad):"));
    // In the order the lines came: the switch comes after the public reply.
    CHECK(o.text.find("[review] Public reply:") < o.text.find("-- Channel: Email"));
}

TEST_CASE("cli play --json: the channel of the scenario and of each turn") {
    Out o = cli("play --json --choices 2,1,1 '" + kChannels + "review-cold-coffee.yaml'", false);
    INFO(o.text);
    CHECK(o.exit_code == 0);
    CHECK(has(o.text, "\"channel\": \"review\""));
    CHECK(has(o.text, "\"turn_channels\": [\"review\", \"email\", \"email\"]"));
}

TEST_CASE("cli play: in person keeps today's lines, with the channel named once") {
    Out o = cli("play --choices 2,1,3 '" + std::string(TURNAROUND_TEST_DATA) + "/gui/fixtures/parcel-for-the-party.yaml'");
    INFO(o.text);
    CHECK(o.exit_code == 0);
    CHECK(has(o.text, "Channel: In person\n"));
    CHECK(has(o.text, "\nJonas Weber (anxious): Hi."));
    CHECK_FALSE(has(o.text, "[chat"));
}
