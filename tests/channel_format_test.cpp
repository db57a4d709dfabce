// The format's channel, email subject, review stars and customer appearance: read when right,
// reported at their line with a suggestion when wrong.
#include <doctest/doctest.h>

#include <algorithm>

#include "loader.h"

using namespace ta;

namespace {

const char* kBase = R"(format: 1
id: channel-probe
title: Channel probe
channel: %CHANNEL%
subject: Order 4471 never arrived
stars: 2
customer:
  name: Sam
  appearance: {skin: %SKIN%, hair: curly, hair_colour: grey, age: older, clothing: teal, glasses: true}
start: a
nodes:
  - id: a
    say: [{text: "Where is it?"}]
    choices:
      - {text: "Sorry - let me look.", next: b, feedback: Fine.}
      - {text: "No idea.", next: won, feedback: Poor.}
  - id: b
    channel: phone
    say: [{text: "Thanks for ringing."}]
    choices:
      - {text: "It ships today.", next: won, feedback: Fine.}
      - {text: "Bye.", next: won, feedback: Fine.}
endings:
  - {id: won, type: recovered, title: Done}
)";

LoadResult load_with(const std::string& channel, const std::string& skin) {
    std::string text = kBase;
    text.replace(text.find("%CHANNEL%"), 9, channel);
    text.replace(text.find("%SKIN%"), 6, skin);
    return load_scenario_text(text, "probe.yaml");
}

bool has(const LoadResult& r, const char* code, int line) {
    return std::any_of(r.diagnostics.begin(), r.diagnostics.end(),
                       [&](const Diagnostic& d) { return d.code == code && d.line == line; });
}

}  // namespace

TEST_CASE("a review scenario with an appearance loads, and a node can change the channel") {
    LoadResult r = load_with("review", "brown");
    for (const auto& d : r.diagnostics) MESSAGE(format_diagnostic(d));
    REQUIRE(r.ok());
    const Scenario& s = *r.scenario;
    CHECK(s.channel == Channel::Review);
    CHECK(s.stars == 2);
    CHECK(s.subject == "Order 4471 never arrived");
    CHECK(s.customer.appearance.skin == "brown");
    CHECK(s.customer.appearance.glasses);
    CHECK_FALSE(s.customer.appearance.beard);
    CHECK(s.channel_of(s.nodes[0]) == Channel::Review);
    CHECK(s.channel_of(s.nodes[1]) == Channel::Phone);
    CHECK(std::string(channel_label(Channel::Review)) == "Public review");
}

TEST_CASE("a wrong channel or appearance is an error at its line, with a suggestion") {
    LoadResult typo = load_with("emial", "brown");
    CHECK(has(typo, "bad-value", 4));
    bool suggests = std::any_of(typo.diagnostics.begin(), typo.diagnostics.end(),
                                [](const Diagnostic& d) { return d.message.find("email") != std::string::npos; });
    CHECK(suggests);
    CHECK(has(load_with("chat", "purple"), "bad-value", 9));
    // Stars on a scenario that is not a review say so.
    CHECK(has(load_with("chat", "dark"), "unused-stars", 6));
    CHECK(load_with("chat", "dark").ok());  // a warning only
}
