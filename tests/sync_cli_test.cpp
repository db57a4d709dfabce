// turnaround-cli sync and TURNAROUND_SERVER, as a trainer at a branch uses them. The "server"
// here is a second results file (the outbox treats any store alike); the same delivery against
// a real PostgreSQL server is in store_contract_test.cpp.
#include <doctest/doctest.h>

#include <cstdlib>

#include "cli_runner.h"
#include "results_store.h"
#include "test_support.h"

using cli_runner::cli;
using cli_runner::has;
using test_support::TempDir;

TEST_CASE("sync: what is recorded while the server is away waits, then goes once") {
    TempDir dir("turnaround-sync");
    const std::string laptop = " --db '" + dir.path("laptop.db") + "'";
    const std::string shared = dir.path("shared.db");
    const std::string offline = "postgresql://trainer:hunter2@127.0.0.1:1/results";
    const std::string scenario = std::string(TURNAROUND_SCENARIOS_DIR) + "/examples/wrong-size-boots.yaml";
    REQUIRE(cli("trainee add Noor --team Leeds" + laptop).exit_code == 0);

    ::setenv("TURNAROUND_SERVER", (offline + "?connect_timeout=2").c_str(), 1);
    auto record = cli("trainee record Noor '" + scenario + "' --choices 2,2" + laptop);
    ::unsetenv("TURNAROUND_SERVER");
    CHECK(has(record.text, "Recorded attempt"));
    CHECK(has(record.text, "1 attempt waiting"));
    CHECK_FALSE(has(record.text, "hunter2"));

    auto status = cli("sync --status --server '" + offline + "?connect_timeout=2'" + laptop);
    CHECK(status.exit_code == 1);
    CHECK(has(status.text, "Waiting for postgresql://trainer:***@127.0.0.1:1/results"));
    CHECK(has(status.text, ": 1 attempt"));
    auto failed = cli("sync --server '" + offline + "?connect_timeout=2'" + laptop);
    CHECK(failed.exit_code == 1);
    CHECK(has(failed.text, "cannot reach"));
    CHECK(has(failed.text, "Still waiting for postgresql://trainer:***@127.0.0.1:1/results"));

    auto sent = cli("sync --server '" + shared + "'" + laptop);
    CHECK(sent.exit_code == 0);
    CHECK(has(sent.text, "Sent 1"));
    auto again = cli("sync --server '" + shared + "'" + laptop);
    CHECK(has(again.text, "Sent 0"));
    CHECK(has(again.text, "Nothing waiting"));

    ta::store::ResultsStore store;
    REQUIRE(store.open_read_only(shared));
    CHECK(store.all_attempts().size() == 1);
    REQUIRE(store.find_trainee("noor"));
    CHECK(store.find_trainee("noor")->team == "Leeds");

    CHECK(cli("sync" + laptop).exit_code == 2);  // no server named anywhere
}
