// The library audit plays every playthrough with the runtime and grades each one: its counts must
// agree with the analysis' dynamic programming, and its first-reply figures with the shuffle.
#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>

#include "analysis.h"
#include "library_audit.h"
#include "loader.h"
#include "scenario_builder.h"

using namespace ta;
using namespace ta::scoring;

using test_builder::reply;

namespace {

// a: the model reply first, a red line, a reply that loses the customer.  b: fix, or stall.
Scenario small() {
    Scenario s;
    s.id = "audit";
    s.start = "a";
    Node a;
    a.id = "a";
    a.choices = {reply("Sorry - what happened?", "b", {"apologise", "ask_question"}),
                 reply("Calm down, it's not that bad.", "b", {"argue", "dismiss"}),
                 reply("Not my department.", "lost", {"stall"})};
    Node b;
    b.id = "b";
    b.choices = {reply("I'll refund it now, or swap it: which?", "won", {"offer_choice"}),
                 reply("Someone will be in touch.", "won", {"stall"})};
    s.nodes = {a, b};
    s.endings = {{"won", EndingType::Recovered, "Won", "", {}, {}}, {"lost", EndingType::Lost, "Lost", "", {}, {}}};
    s.reindex();
    return s;
}

}  // namespace

TEST_CASE("the audit's counts agree with the analysis, and no lost customer or red line passes") {
    Scenario s = small();
    ScenarioAudit a = audit_scenario(s, 50);
    Analysis an = analyze(s);
    CHECK(a.complete);
    CHECK(std::to_string(a.playthroughs) == an.playthroughs.to_string());
    CHECK(std::to_string(a.passing) == an.passing_playthroughs.to_string());
    CHECK(a.playthroughs == 5);
    CHECK(a.lost == 1);
    CHECK(a.red_line == 2);
    CHECK(a.lost_passing == 0);
    CHECK(a.red_line_passing == 0);
    CHECK(a.passing == 1);  // only the model answers
    // The model reply comes first in the file, so pressing the first reply passes in file order,
    // but not in most shuffled orders (it needs the right reply at both turns: about 1 in 6).
    CHECK(a.first_reply_file_order_passes);
    CHECK(a.first_reply_passes > 0);
    CHECK(a.first_reply_passes < 25);
    CHECK(a.decisions == 2);
}

TEST_CASE("turnaround-cli audit prints the table and exits 0 when nothing wrong passes") {
    const std::string cli = TURNAROUND_CLI;
    const std::string example = std::string(TURNAROUND_SCENARIOS_DIR) + "/examples/wrong-size-boots.yaml";
    CHECK(std::system((cli + " audit --seeds 5 '" + example + "' > /dev/null").c_str()) == 0);
    CHECK(WEXITSTATUS(std::system((cli + " audit --seeds x '" + example + "' 2> /dev/null").c_str())) == 2);
    // --passing lists each passing playthrough by reply id (the frozen example has exactly one).
    const std::string fixture = std::string(TURNAROUND_TEST_DATA) + "/data/cli/wrong-size-boots.yaml";
    FILE* out = popen((cli + " audit --passing --seeds 0 '" + fixture + "'").c_str(), "r");
    REQUIRE(out != nullptr);
    std::string text;
    char buf[512];
    while (std::fgets(buf, sizeof buf, out)) text += buf;
    CHECK(pclose(out) == 0);
    CHECK(text.find("    100.0 Excellent sorted: counter#1 check#1\n") != std::string::npos);
    CHECK(text.find("counter#2") == std::string::npos);
    CHECK(WEXITSTATUS(std::system((cli + " audit 2> /dev/null").c_str())) == 2);
}
