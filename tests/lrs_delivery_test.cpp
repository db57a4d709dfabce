// Sending statements to a real LRS (Learning Locker's statement service, started by
// tests/lrs/with_lrs.sh; CTest "lrs"). Skipped when no LRS was started for this run.
// The laptop's results are recorded through turnaround-cli, as a trainee's are.
#include <doctest/doctest.h>

#include <cstdlib>
#include <vector>

#include "cli_runner.h"
#include "lrs_outbox.h"
#include "lrs_peer.h"
#include "results_store.h"
#include "test_support.h"
#include "xapi.h"

using cli_runner::cli;
using cli_runner::has;
using namespace ta::store;
using test_support::TempDir;

namespace {

const bool kNoLrs = !lrs_peer::available();

LrsSettings real_lrs(const std::string& endpoint = lrs_peer::url()) {
    LrsSettings s;
    s.endpoint = endpoint;
    s.username = lrs_peer::kKey;
    s.password = lrs_peer::kSecret;
    s.first_delay_ms = 20;
    return s;
}

// A laptop with `n` attempts by Noor recorded through the CLI (real debriefs, so each attempt
// has its decisions' statements too) and one workshop session with a named participant's ballot.
void fill_laptop(const std::string& db, int n) {
    const std::string scenario = std::string(TURNAROUND_SCENARIOS_DIR) + "/examples/wrong-size-boots.yaml";
    REQUIRE(cli("trainee add Noor --team Leeds --db '" + db + "'").exit_code == 0);
    for (int i = 0; i < n; ++i)
        REQUIRE(cli("trainee record Noor '" + scenario + "' --choices " + (i % 2 ? "2,2" : "1,1") +
                    " --turn-seconds 3,4.5 --db '" + db + "'")
                    .exit_code == 0);
    ResultsStore store;
    REQUIRE(store.open(db));
    WorkshopRecord w;
    w.mode = "room";
    w.scenario_id = "wrong-size-boots";
    w.scenario_title = "Wrong size boots";
    AttemptRecord team = store.all_attempts().front();
    team.id = 0;
    team.uuid.clear();
    team.trainee_id = 0;
    team.team = "Room";
    w.results.push_back(team);
    w.ballots.push_back({0, "Ann", "Room", "A", team.choice_ids.front(), "I hear you", "start", ""});
    REQUIRE(store.record_workshop(w));
}

// The statement ids the laptop's results stand for: each attempt's and each of its decisions'.
std::vector<std::string> expected_ids(const std::string& db) {
    ResultsStore store;
    REQUIRE(store.open_read_only(db));
    std::vector<std::string> ids;
    for (const AttemptRecord& a : store.all_attempts()) {
        ids.push_back(a.uuid);
        for (std::size_t turn = 0; turn < a.choice_ids.size(); ++turn)
            ids.push_back(decision_statement_id(a.uuid, static_cast<int>(turn)));
    }
    return ids;
}

}  // namespace

TEST_SUITE("lrs") {

TEST_CASE("offline, then reconnected: every statement reaches the LRS once" * doctest::skip(kNoLrs)) {
    TempDir dir("turnaround-lrs");
    const std::string db = dir.path("laptop.db");
    fill_laptop(db, 3);
    ResultsStore laptop;
    REQUIRE(laptop.open(db));
    const auto before = lrs_peer::statement_ids();

    // No network: nothing is lost, nothing is marked, and it says what waits.
    LrsSettings away = real_lrs("http://127.0.0.1:1/xAPI/");
    away.tries = 2;
    std::vector<long> waits;
    const LrsDeliveryReport offline =
        deliver_to_lrs(laptop, away, [&](long ms) { waits.push_back(ms); return true; });
    CHECK_FALSE(offline.reached);
    CHECK(offline.delivered == 0);
    CHECK(offline.still_waiting.attempts == 3);
    CHECK(offline.still_waiting.sessions == 1);
    CHECK(has(offline.error, "cannot be reached"));
    CHECK(waits == std::vector<long>{20});  // tried twice, waiting once between
    CHECK(lrs_peer::statement_ids() == before);

    // Back online: all of it goes, and the LRS holds each statement once.
    const LrsDeliveryReport online = deliver_to_lrs(laptop, real_lrs());
    CHECK(online.error == "");
    CHECK(online.delivered == 4);
    CHECK(online.still_waiting.empty());
    const auto after = lrs_peer::statement_ids();
    CHECK(after.size() == before.size() + online.statements);
    for (const std::string& id : expected_ids(db)) {
        CAPTURE(id);
        CHECK(after.count(id) == 1);
        CHECK(after.at(id) == 1);
    }

    // Again: nothing waits, nothing is sent.
    const LrsDeliveryReport again = deliver_to_lrs(laptop, real_lrs());
    CHECK(again.delivered == 0);
    CHECK(lrs_peer::statement_ids() == after);
}

TEST_CASE("a batch sent but never confirmed (the answer was lost) is stored once" * doctest::skip(kNoLrs)) {
    TempDir dir("turnaround-lrs");
    const std::string db = dir.path("laptop.db");
    fill_laptop(db, 1);
    ResultsStore laptop;
    REQUIRE(laptop.open(db));
    // The laptop sent the attempt's statements, then lost power before noting it.
    const auto a = laptop.all_attempts().front();
    const XapiActor actor{"Noor", false, trainee_account(a.trainee_id)};
    std::vector<std::string> batch{xapi_statement(a, actor)};
    for (auto& s : xapi_decision_statements(a, actor)) batch.push_back(s);
    std::string json = "[";
    for (std::size_t i = 0; i < batch.size(); ++i) json += (i ? "," : "") + batch[i];
    REQUIRE(judge(post_statements(real_lrs(), json + "]")) == LrsVerdict::Stored);
    const auto sent_once = lrs_peer::statement_ids();
    CHECK(waiting_for_lrs(laptop, real_lrs()).attempts == 1);

    const LrsDeliveryReport r = deliver_to_lrs(laptop, real_lrs());
    CHECK(r.error == "");
    CHECK(r.still_waiting.empty());
    const auto after = lrs_peer::statement_ids();
    CHECK(after.at(a.uuid) == 1);
    // Only the workshop session's statements are new; the attempt's were there already.
    for (const std::string& id : expected_ids(db))
        if (sent_once.count(id)) CHECK(after.at(id) == 1);
}

TEST_CASE("a busy LRS: the client waits as asked and tries again" * doctest::skip(kNoLrs)) {
    TempDir dir("turnaround-lrs");
    const std::string db = dir.path("laptop.db");
    fill_laptop(db, 1);
    ResultsStore laptop;
    REQUIRE(laptop.open(db));
    std::vector<long> waits;
    auto recording = [&](long ms) {
        waits.push_back(ms);
        return sleep_ms(ms);
    };

    // Busier than the client's patience: it gives up, keeps everything, and says why.
    LrsSettings gate = real_lrs(lrs_peer::gate_url());
    gate.tries = 3;
    REQUIRE(lrs_peer::make_busy(5));
    const LrsDeliveryReport gave_up = deliver_to_lrs(laptop, gate, recording);
    CHECK(gave_up.reached);
    CHECK(gave_up.delivered == 0);
    CHECK(gave_up.retries == 2);
    CHECK(gave_up.still_waiting.attempts == 1);
    CHECK(has(gave_up.error, "busy"));
    CHECK(waits == std::vector<long>{1000, 1000});  // Retry-After: 1, as the LRS asked

    // Busy twice more, then free: delivered on the third try.
    waits.clear();
    REQUIRE(lrs_peer::make_busy(2));
    const LrsDeliveryReport r = deliver_to_lrs(laptop, gate, recording);
    CHECK(r.error == "");
    CHECK(r.retries == 2);
    CHECK(r.delivered == 2);
    CHECK(r.still_waiting.empty());
    CHECK(lrs_peer::statement_ids().count(laptop.all_attempts().front().uuid) == 1);
}

TEST_CASE("refused credentials stop the delivery, mark nothing and say what to check" * doctest::skip(kNoLrs)) {
    TempDir dir("turnaround-lrs");
    const std::string db = dir.path("laptop.db");
    fill_laptop(db, 2);
    ResultsStore laptop;
    REQUIRE(laptop.open(db));
    const auto before = lrs_peer::statement_ids();
    LrsSettings wrong = real_lrs();
    wrong.password = "not-the-secret";
    const LrsDeliveryReport r = deliver_to_lrs(laptop, wrong);
    CHECK(r.reached);
    CHECK(r.refused == 1);  // asked once, not once per attempt
    CHECK(r.delivered == 0);
    CHECK(r.still_waiting.attempts == 2);
    CHECK(r.still_waiting.sessions == 1);
    CHECK(has(r.error, "credentials"));
    CHECK(has(r.error, "401"));
    CHECK_FALSE(has(r.error, "not-the-secret"));
    CHECK(lrs_peer::statement_ids() == before);
}

TEST_CASE("a different statement under an attempt's id is left waiting; the rest go" * doctest::skip(kNoLrs)) {
    TempDir dir("turnaround-lrs");
    const std::string db = dir.path("laptop.db");
    fill_laptop(db, 2);
    ResultsStore laptop;
    REQUIRE(laptop.open(db));
    const AttemptRecord first = laptop.all_attempts().front();
    // The same attempt once sent under another home page (another installation's settings).
    XapiOptions elsewhere;
    elsewhere.home_page = "https://elsewhere.example";
    const std::string other = xapi_statement(first, {"Noor", false, trainee_account(first.trainee_id)}, elsewhere);
    REQUIRE(judge(post_statements(real_lrs(), "[" + other + "]")) == LrsVerdict::Stored);

    const LrsDeliveryReport r = deliver_to_lrs(laptop, real_lrs());
    CHECK(r.refused == 1);
    CHECK(r.delivered == 2);  // the second attempt and the session
    CHECK(r.still_waiting.attempts == 1);
    CHECK(has(r.error, "different statement with the same id"));
    CHECK(has(r.error, first.uuid));
    CHECK(laptop.undelivered_attempts(lrs_delivery_key(real_lrs())) == std::vector<std::string>{first.uuid});
}

TEST_CASE("turnaround-cli: record sends at once; sync says what waits and sends it" * doctest::skip(kNoLrs)) {
    TempDir dir("turnaround-lrs");
    const std::string db = " --db '" + dir.path("laptop.db") + "'";
    const std::string scenario = std::string(TURNAROUND_SCENARIOS_DIR) + "/examples/wrong-size-boots.yaml";
    REQUIRE(cli("trainee add Noor" + db).exit_code == 0);
    ::setenv("TURNAROUND_LRS_USER", lrs_peer::kKey, 1);
    ::setenv("TURNAROUND_LRS_PASSWORD", lrs_peer::kSecret, 1);

    ::setenv("TURNAROUND_LRS", "http://127.0.0.1:1/xAPI/", 1);  // away
    auto away = cli("trainee record Noor '" + scenario + "' --choices 2,2" + db);
    CHECK(away.exit_code == 0);
    CHECK(has(away.text, "Recorded attempt"));
    CHECK(has(away.text, "1 attempt waiting for the LRS"));
    auto status = cli("sync --status" + db);
    CHECK(status.exit_code == 1);
    CHECK(has(status.text, "Waiting for the LRS at http://127.0.0.1:1/xAPI/: 1 attempt"));

    ::setenv("TURNAROUND_LRS", lrs_peer::url().c_str(), 1);
    auto recorded = cli("trainee record Noor '" + scenario + "' --choices 2,2" + db);
    CHECK(has(recorded.text, "xAPI statements to the LRS"));  // both attempts went with this one
    auto sync = cli("sync" + db);
    CHECK(sync.exit_code == 0);
    CHECK(has(sync.text, "Nothing waiting"));
    ::unsetenv("TURNAROUND_LRS");
    ::unsetenv("TURNAROUND_LRS_USER");
    ::unsetenv("TURNAROUND_LRS_PASSWORD");
    CHECK(cli("sync --lrs ftp://lrs.example/" + db).exit_code == 2);
}

}  // TEST_SUITE("lrs")
