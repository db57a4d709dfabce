// The window's background delivery, headless: results recorded on a laptop reach the shared
// server without anyone running sync, and what cannot go yet is said and kept. The "server" is a
// second results file (the outbox treats any store alike); PostgreSQL and a real LRS are tested
// with the same delivery code in store_contract_test.cpp and lrs_delivery_test.cpp.
#include <doctest/doctest.h>

#include "cli_runner.h"
#include "delivery_worker.h"
#include "results_store.h"
#include "test_support.h"

using cli_runner::cli;
using namespace ta::store;
using test_support::TempDir;

namespace {

void record_attempt(const std::string& db) {
    const std::string scenario = std::string(TURNAROUND_SCENARIOS_DIR) + "/examples/wrong-size-boots.yaml";
    REQUIRE(cli("trainee record Noor '" + scenario + "' --choices 1,1 --db '" + db + "'").exit_code == 0);
}

std::size_t attempts_in(const std::string& db) {
    ResultsStore s;
    REQUIRE(s.open_read_only(db));
    return s.all_attempts().size();
}

}  // namespace

TEST_CASE("delivery worker: sends what waited at start and what is recorded later") {
    TempDir dir("turnaround-worker");
    const std::string laptop = dir.path("laptop.db"), shared = dir.path("shared.db");
    REQUIRE(cli("trainee add Noor --team Leeds --db '" + laptop + "'").exit_code == 0);
    record_attempt(laptop);
    record_attempt(laptop);

    DeliveryWorker worker(laptop, {shared, {}});
    REQUIRE(worker.wait_for_round(10000));
    CHECK(attempts_in(shared) == 2);
    DeliveryStatus s = worker.status();
    CHECK(s.for_server.empty());
    CHECK(s.sent == 2);
    CHECK(s.last_error == "");
    CHECK(worker.summary() == "Everything recorded here has been sent to the shared server.");

    record_attempt(laptop);
    worker.poke();
    REQUIRE(worker.wait_for_round(10000));
    CHECK(attempts_in(shared) == 3);
    CHECK(worker.status().sent == 3);
}

TEST_CASE("delivery worker: an unreachable server leaves results waiting, says so, and is tried again") {
    TempDir dir("turnaround-worker");
    const std::string laptop = dir.path("laptop.db");
    REQUIRE(cli("trainee add Noor --db '" + laptop + "'").exit_code == 0);
    record_attempt(laptop);
    {
        DeliveryWorker worker(laptop, {"postgresql://trainer:hunter2@127.0.0.1:1/results?connect_timeout=1", {}}, 50);
        REQUIRE(worker.wait_for_round(15000));
        const DeliveryStatus first = worker.status();
        CHECK(first.for_server.attempts == 1);
        CHECK(first.sent == 0);
        CHECK_FALSE(first.last_error.empty());
        CHECK(worker.summary().find("1 attempt waiting for the shared server") != std::string::npos);
        CHECK(worker.summary().find("hunter2") == std::string::npos);
        // It keeps trying on its own while something waits.
        worker.poke();
        REQUIRE(worker.wait_for_round(15000));
        CHECK(worker.status().rounds >= 2);
    }  // closing does not wait for the network
    CHECK(attempts_in(laptop) == 1);  // nothing lost here
}

TEST_CASE("delivery worker: an LRS out of reach is reported beside the server") {
    TempDir dir("turnaround-worker");
    const std::string laptop = dir.path("laptop.db"), shared = dir.path("shared.db");
    REQUIRE(cli("trainee add Noor --db '" + laptop + "'").exit_code == 0);
    record_attempt(laptop);
    LrsSettings lrs;
    lrs.endpoint = "http://127.0.0.1:1/xAPI/";
    lrs.tries = 1;
    DeliveryWorker worker(laptop, {shared, lrs});
    REQUIRE(worker.wait_for_round(15000));
    const DeliveryStatus s = worker.status();
    CHECK(s.for_server.empty());
    CHECK(s.for_lrs.attempts == 1);
    CHECK(worker.summary().find("1 attempt waiting for the LRS") != std::string::npos);
    CHECK(worker.summary().find("cannot be reached") != std::string::npos);
}
