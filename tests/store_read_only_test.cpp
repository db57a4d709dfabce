// A store that only reads when it only reads: report, export and `trainee list` change nothing on
// disk (not even the header's schema version), an older database is read through a migrated copy
// in memory, and a file that is not Turnaround's (or is newer) is refused before it is touched.
#include <doctest/doctest.h>

#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli_runner.h"
#include "results_store.h"
#include "test_support.h"

using namespace ta::store;
using cli_runner::cli;
using cli_runner::has;
using test_support::sql_exec;

namespace {

using test_support::TempDir;

std::string bytes(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    std::ostringstream out;
    out << f.rdbuf();
    return out.str();
}

// A results database with one trainee and one attempt, checkpointed into the main file (no -wal
// left), then turned back into schema 3 as an older Turnaround left it.
std::string schema3_database(const TempDir& tmp) {
    const std::string path = tmp.path("old.db");
    {
        ResultsStore store;
        REQUIRE(store.open(path));
        auto t = store.add_trainee("Ines", "Red");
        REQUIRE(t);
        AttemptRecord a;
        a.trainee_id = t->id;
        a.scenario_id = "cake";
        a.completed = true;
        a.ending_id = "happy";
        a.ending_type = "recovered";
        a.choice_ids = {"a#1"};
        a.choice_path = {0};
        a.turn_ms = {1000};
        a.overall = 80;
        a.passed = true;
        a.band = "Competent";
        REQUIRE(store.record_attempt(a));
    }
    REQUIRE(sql_exec(path, "DROP TABLE workshop_ballots; ALTER TABLE workshop_votes DROP COLUMN letter; "
                      "ALTER TABLE workshop_votes DROP COLUMN text; ALTER TABLE workshop_votes DROP COLUMN tie; "
                      "ALTER TABLE workshops DROP COLUMN participants; PRAGMA user_version = 3; "
                      "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;") == SQLITE_OK);
    return path;
}

}  // namespace

TEST_CASE("read-only store: report, export and trainee list leave an older database exactly as it was") {
    TempDir tmp("turnaround-ro");
    const std::string path = schema3_database(tmp);
    const std::string before = bytes(path);
    const std::string db = " --db '" + path + "'";

    auto list = cli("trainee list" + db);
    CHECK(list.exit_code == 0);
    CHECK(has(list.text, "Ines [Red]  1 attempt"));
    auto report = cli("report --trainee Ines" + db);
    CHECK(report.exit_code == 0);
    CHECK(has(report.text, "1 attempts, 1 finished, 1 passed"));
    auto csv = cli("export --format csv" + db, false);
    CHECK(csv.exit_code == 0);
    CHECK(has(csv.text, "Ines"));
    auto xapi = cli("export --format xapi" + db, false);
    CHECK(xapi.exit_code == 0);
    CHECK(has(xapi.text, "\"name\":\"Ines\""));
    CHECK(cli("report" + db).exit_code == 0);

    CHECK(bytes(path) == before);  // not a byte changed: no migration, no WAL switch
    CHECK_FALSE(std::filesystem::exists(path + "-wal"));

    // A command that writes still migrates it, as before.
    CHECK(cli("trainee add Ana" + db).exit_code == 0);
    ResultsStore store;
    REQUIRE(store.open_read_only(path));
    CHECK(store.schema_version() == ResultsStore::latest_schema_version());
}

TEST_CASE("read-only store: writes through it fail, and a missing file reads as empty without being created") {
    TempDir tmp("turnaround-ro");
    const std::string path = tmp.path("never.db");
    ResultsStore store;
    std::string error;
    REQUIRE_MESSAGE(store.open_read_only(path, &error), error);
    CHECK(store.missing());
    CHECK(store.trainees().empty());
    CHECK_FALSE(store.add_trainee("Ana", "", &error));
    CHECK(has(error, "only for reading"));
    AttemptRecord a;
    a.scenario_id = "cake";
    CHECK_FALSE(store.record_attempt(a, &error));
    store.close();
    CHECK_FALSE(std::filesystem::exists(path));

    auto report = cli("report --db '" + path + "'");
    CHECK(report.exit_code == 0);
    CHECK(has(report.text, "nothing recorded yet"));
    CHECK_FALSE(std::filesystem::exists(path));
}

TEST_CASE("a database that is not Turnaround's, or is newer, is refused before it is touched") {
    TempDir tmp("turnaround-ro");
    const std::string other = tmp.path("other.db");
    REQUIRE(sql_exec(other, "CREATE TABLE invoices(id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices VALUES (1, 9.5);") ==
            SQLITE_OK);
    const std::string newer = tmp.path("newer.db");
    {
        ResultsStore store;
        REQUIRE(store.open(newer));
    }
    REQUIRE(sql_exec(newer, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 999;") == SQLITE_OK);

    for (const std::string& path : {other, newer}) {
        CAPTURE(path);
        const std::string before = bytes(path);
        REQUIRE(before.size() > 20);
        CHECK(before[18] == 1);  // a rollback-journal file (2 would be WAL)
        ResultsStore store;
        std::string error;
        CHECK_FALSE(store.open(path, &error));
        CHECK(has(error, path == other ? "is not a Turnaround results database" : "newer version of Turnaround"));
        CHECK_FALSE(store.open_read_only(path, &error));
        auto add = cli("trainee add Ana --db '" + path + "'");
        CHECK(add.exit_code == 2);
        CHECK(bytes(path) == before);  // not switched to WAL, not migrated
        CHECK_FALSE(std::filesystem::exists(path + "-wal"));
    }
}
