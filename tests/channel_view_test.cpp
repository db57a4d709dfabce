// The window's channel presentation logic (sim/gui/model/channel_view): timestamps from a fixed
// clock, messages grouped as a channel shows them, the channel in view as a node changes it, the
// call timer, reply subjects and review stars.
#ifdef TURNAROUND_HAVE_UI_MODEL

#include <doctest/doctest.h>

#include <string>

#include "channel_view.h"
#include "loader.h"
#include "rubric.h"

using namespace ta;
using namespace ta::gui;

namespace {

Scenario load_fixture(const std::string& name) {
    LoadOptions opts;
    opts.known_tags = scoring::default_rubric().tag_names();
    LoadResult r = load_scenario_file(std::string(TURNAROUND_TEST_DATA) + "/gui/fixtures/channels/" + name, opts);
    for (const auto& d : r.diagnostics) MESSAGE(format_diagnostic(d));
    REQUIRE(r.ok());
    return *r.scenario;
}

}  // namespace

TEST_CASE("channel view: timestamps move on a minute at every change of speaker, from 09:00") {
    Scenario sc = load_fixture("chat-refund.yaml");
    Session s(sc);
    s.choose(1);  // the apology: to "details"
    const auto& t = s.transcript();
    // Two customer lines, the reply, the customer's answer.
    REQUIRE(t.size() == 4);
    CHECK(entry_minute(t, 0) == 9 * 60);
    CHECK(entry_minute(t, 1) == 9 * 60);       // same speaker, same minute
    CHECK(entry_minute(t, 2) == 9 * 60 + 1);   // the reply
    CHECK(entry_minute(t, 3) == 9 * 60 + 2);   // the answer
    CHECK(clock_text(entry_minute(t, 3)) == "09:02");
    CHECK(clock_text(23 * 60 + 59) == "23:59");
    CHECK(clock_text(24 * 60 + 5) == "00:05");
    // The same playthrough always shows the same times.
    Session again(sc);
    again.choose(1);
    CHECK(entry_minute(again.transcript(), 3) == entry_minute(t, 3));
}

TEST_CASE("channel view: lines of one speaker at one node are one message; an unrevealed rest marks it incomplete") {
    Scenario sc = load_fixture("email-late-invoice.yaml");
    Session s(sc);
    const auto& t = s.transcript();
    REQUIRE(t.size() == 3);  // the email's three lines
    auto all = group_messages(sc, t, t.size());
    REQUIRE(all.size() == 1);
    CHECK(all[0].lines.size() == 3);
    CHECK(all[0].complete);
    CHECK(all[0].channel == Channel::Email);
    auto part = group_messages(sc, t, 1);
    REQUIRE(part.size() == 1);
    CHECK(part[0].lines.size() == 1);
    CHECK_FALSE(part[0].complete);
    CHECK(group_messages(sc, t, 0).empty());
    s.choose(0);
    auto two = group_messages(sc, s.transcript(), s.transcript().size());
    REQUIRE(two.size() == 3);
    CHECK(two[1].speaker == TranscriptEntry::Speaker::Trainee);
    CHECK(two[1].minute == 9 * 60 + 1);
    CHECK(two[2].first == 4);
}

TEST_CASE("channel view: the view follows the node's channel, switching as the customer starts") {
    Scenario sc = load_fixture("review-cold-coffee.yaml");
    Session s(sc);
    CHECK(visible_channel(s, s.transcript().size()) == Channel::Review);
    s.choose(1);  // the public reply; the next node is by email
    std::size_t reply_shown = 2;  // the review and the reply; the email not revealed yet
    CHECK(visible_channel(s, reply_shown) == Channel::Email);
    CHECK(visible_channel(s, s.transcript().size()) == Channel::Email);
    auto msgs = group_messages(sc, s.transcript(), s.transcript().size());
    REQUIRE(msgs.size() == 3);
    CHECK(msgs[0].channel == Channel::Review);
    CHECK(msgs[1].channel == Channel::Review);  // the public reply was given at the review
    CHECK(msgs[2].channel == Channel::Email);
    s.choose(0);
    s.choose(0);
    REQUIRE(s.ended());
    CHECK(visible_channel(s, s.transcript().size()) == Channel::Email);
}

TEST_CASE("channel view: call timer, reply subject, stars, typing") {
    CHECK(call_timer_text(0) == "00:00");
    CHECK(call_timer_text(-3) == "00:00");
    CHECK(call_timer_text(247.9) == "04:07");
    CHECK(call_timer_text(3723) == "1:02:03");
    CHECK(reply_subject("Invoice charged twice") == "Re: Invoice charged twice");
    CHECK(reply_subject("Re: Invoice charged twice") == "Re: Invoice charged twice");
    CHECK(reply_subject("") == "Re: your message");
    CHECK(stars_text(2) == "\u2605\u2605\u2606\u2606\u2606");
    CHECK(stars_text(9) == "\u2605\u2605\u2605\u2605\u2605");
    CHECK(stars_label(1) == "1 star");
    CHECK(stars_label(4) == "4 stars");
    CHECK(typing_text("Sam Okafor") == "Sam is typing");
    CHECK(typing_text("") == "The customer is typing");
    auto pts = star_outline(10, 10, 8, 3);
    CHECK(pts[0][0] == doctest::Approx(10));
    CHECK(pts[0][1] == doctest::Approx(2));  // straight up
    CHECK(pts[1][1] > pts[0][1]);
    // Inner points sit at the inner radius.
    float dx = pts[1][0] - 10, dy = pts[1][1] - 10;
    CHECK(dx * dx + dy * dy == doctest::Approx(9));
}

TEST_CASE("channel view: a quoted message says where and when it was said") {
    ChannelMessage m;
    m.minute = 9 * 60 + 1;
    m.channel = Channel::Email;
    m.speaker = TranscriptEntry::Speaker::Trainee;
    CHECK(quote_attribution(m, "Dan Reilly", 2) == "On 09:01, you wrote:");
    m.channel = Channel::Review;
    CHECK(quote_attribution(m, "Dan Reilly", 2) == "Your public reply, 09:01:");
    m.speaker = TranscriptEntry::Speaker::Customer;
    m.minute = 9 * 60;
    CHECK(quote_attribution(m, "Dan Reilly", 2) == "Dan Reilly's public review, 09:00 (2 stars):");
    m.channel = Channel::Phone;
    CHECK(quote_attribution(m, "Dan Reilly", 2) == "On the phone at 09:00, Dan Reilly said:");
}

#endif
