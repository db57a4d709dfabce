// The order seed in the results store: schema 3 adds a nullable column to attempts and workshops;
// an older database migrates with its rows intact (seed NULL); new attempts and workshop sessions
// record their seed, all 64 bits of it. Workshops: one shuffled order for the whole room.
#include <doctest/doctest.h>

#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "attempt_builder.h"
#include "debrief.h"
#include "export.h"
#include "results_store.h"
#include "rubric.h"
#include "workshop.h"
#include "scenario_builder.h"
#include "test_support.h"

using namespace ta;
using namespace ta::store;

using test_builder::reply;

namespace {

struct TempDb {
    std::string path;
    TempDb() {
        std::string tmpl = (std::filesystem::temp_directory_path() / "turnaround-seed-XXXXXX").string();
        char* p = ::mkdtemp(tmpl.data());
        REQUIRE(p != nullptr);
        path = std::string(p) + "/results.db";
    }
    ~TempDb() {
        std::error_code ec;
        std::filesystem::remove_all(std::filesystem::path(path).parent_path(), ec);
    }
};

using test_support::sql_exec;

long long sql_count(const std::string& path, const std::string& query) {
    sqlite3* db = nullptr;
    sqlite3_open(path.c_str(), &db);
    sqlite3_stmt* s = nullptr;
    long long n = -1;
    if (sqlite3_prepare_v2(db, query.c_str(), -1, &s, nullptr) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
        n = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    sqlite3_close(db);
    return n;
}

AttemptRecord attempt(long long trainee, std::optional<std::uint64_t> seed) {
    AttemptRecord a;
    a.trainee_id = trainee;
    a.scenario_id = "cake";
    a.completed = true;
    a.ending_id = "happy";
    a.ending_type = "recovered";
    a.choice_ids = {"a#2", "b#1"};
    a.choice_path = {1, 0};
    a.turn_ms = {1000, 2000};
    a.overall = 75;
    a.passed = true;
    a.band = "Competent";
    a.order_seed = seed;
    return a;
}

Scenario four_options() {
    Scenario s;
    s.id = "ws4";
    s.title = "Four options";
    s.start = "open";
    Node open;
    open.id = "open";
    open.say = {{"Well?", "angry", {}}};
    open.choices = {reply("Sorry, tell me more.", "won", {"apologise"}), reply("Not us.", "lost", {"blame_others"}),
                    reply("Hm.", "lost", {"dismiss"}), reply("Policy.", "lost", {"brush_off"})};
    for (std::size_t i = 0; i < open.choices.size(); ++i) open.choices[i].id = "open#" + std::to_string(i + 1);
    s.nodes = {open};
    s.endings = {{"won", EndingType::Recovered, "Sorted", "", {}, {}}, {"lost", EndingType::Lost, "Gone", "", {}, {}}};
    s.reindex();
    return s;
}

}  // namespace

TEST_CASE("store: a schema 2 database migrates to the latest, keeps its rows, and old attempts have no seed") {
    TempDb db;
    long long old_id = 0;
    {
        ResultsStore store;
        REQUIRE(store.open(db.path));
        auto t = store.add_trainee("Ada");
        REQUIRE(t);
        AttemptRecord a = attempt(t->id, std::nullopt);
        REQUIRE(store.record_attempt(a));
        old_id = a.id;
        WorkshopRecord w;
        w.mode = "room";
        w.scenario_id = "cake";
        REQUIRE(store.record_workshop(w));
    }
    // Turn the file back into the schema 2 layout an older program left: no order_seed columns,
    // nor anything of schema 4 (ballots, letters, texts, ties, participants).
    std::string err;
    REQUIRE_MESSAGE(sql_exec(db.path,
                        "DROP TABLE workshop_ballots; ALTER TABLE workshop_votes DROP COLUMN letter; "
                        "ALTER TABLE workshop_votes DROP COLUMN text; ALTER TABLE workshop_votes DROP COLUMN tie; "
                        "ALTER TABLE workshops DROP COLUMN participants; "
                        "ALTER TABLE attempts DROP COLUMN order_seed; ALTER TABLE workshops DROP COLUMN order_seed; "
                        "PRAGMA user_version = 2;",
                        &err) == SQLITE_OK,
                    err);
    REQUIRE(sql_count(db.path, "SELECT count(*) FROM pragma_table_info('attempts') WHERE name = 'order_seed'") == 0);

    ResultsStore store;
    std::string error;
    REQUIRE_MESSAGE(store.open(db.path, &error), error);
    CHECK(store.schema_version() == ResultsStore::latest_schema_version());
    CHECK(ResultsStore::latest_schema_version() == 5);
    CHECK(store.integrity_check() == "ok");
    auto t = store.find_trainee("Ada");
    REQUIRE(t);
    auto rows = store.attempts_for(t->id);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].id == old_id);
    CHECK(rows[0].choice_path == std::vector<int>{1, 0});
    CHECK(rows[0].band == "Competent");
    CHECK_FALSE(rows[0].order_seed.has_value());
    auto ws = store.workshops();
    REQUIRE(ws.size() == 1);
    CHECK_FALSE(ws[0].order_seed.has_value());

    // New attempts record their seed, and the table stays append-only.
    AttemptRecord seeded = attempt(t->id, 123456);
    REQUIRE(store.record_attempt(seeded));
    auto back = store.attempt_by_uuid(seeded.uuid);
    REQUIRE(back);
    REQUIRE(back->order_seed.has_value());
    CHECK(*back->order_seed == 123456u);
    store.close();
    CHECK(sql_count(db.path, "SELECT count(*) FROM attempts WHERE order_seed IS NULL") == 1);
    CHECK(sql_count(db.path, "SELECT order_seed FROM attempts WHERE order_seed IS NOT NULL") == 123456);
    CHECK(sql_exec(db.path, "UPDATE attempts SET order_seed = 1") != SQLITE_OK);
}

TEST_CASE("store: every 64-bit seed round-trips, and file order stays NULL") {
    TempDb db;
    ResultsStore store;
    REQUIRE(store.open(db.path));
    auto t = store.add_trainee("Bo");
    REQUIRE(t);
    const std::vector<std::optional<std::uint64_t>> seeds{std::nullopt, 0ULL, 1ULL, (1ULL << 53) - 1, 1ULL << 63,
                                                          ~0ULL};
    for (const auto& seed : seeds) {
        AttemptRecord a = attempt(t->id, seed);
        REQUIRE(store.record_attempt(a));
    }
    auto rows = store.attempts_for(t->id);
    REQUIRE(rows.size() == seeds.size());
    for (std::size_t i = 0; i < seeds.size(); ++i) CHECK(rows[i].order_seed == seeds[i]);
}

TEST_CASE("store: the CSV export's last column is the order seed, empty for file order") {
    ResultsStore store;  // not opened: names fall back to ids
    AttemptRecord shuffled = attempt(7, 18446744073709551615ULL), plain = attempt(7, std::nullopt);
    std::string csv = attempts_csv(store, {shuffled, plain});
    CHECK(csv.find(",order_seed\r\n") != std::string::npos);
    CHECK(csv.find(",18446744073709551615\r\n") != std::string::npos);
    CHECK(csv_columns().back() == "order_seed");
}

TEST_CASE("store: make_attempt takes the session's seed; the choice path stays in file indices") {
    Scenario s = four_options();
    Session shuffled(s, 99);
    const int file_index = 0;  // the apology, wherever it is shown
    REQUIRE(shuffled.choose(file_index) == ChooseResult::Ok);
    auto d = scoring::grade(s, shuffled, scoring::default_rubric());
    AttemptRecord a = make_attempt(shuffled, d, 1, {500}, "");
    REQUIRE(a.order_seed.has_value());
    CHECK(*a.order_seed == 99u);
    CHECK(a.choice_path == std::vector<int>{0});
    CHECK(a.choice_ids == std::vector<std::string>{"open#1"});
    // Grading never sees the order: the same choice without a seed grades the same.
    Session plain(s);
    plain.choose(file_index);
    CHECK(scoring::grade(s, plain, scoring::default_rubric()).overall == doctest::Approx(d.overall));
    CHECK_FALSE(make_attempt(plain, d, 1, {500}, "").order_seed.has_value());
}

TEST_CASE("workshop: one order for the whole room, per session; options follow it and the seed is recorded") {
    Scenario s = four_options();
    // Over many sessions the first option (A) is not always the same reply.
    std::set<int> first_option;
    for (std::uint64_t seed = 1; seed <= 200; ++seed) {
        Workshop w(s, WorkshopMode::Teams, {"Red", "Blue", "Green"}, seed);
        Distribution red = w.distribution(0);
        first_option.insert(red.options[0]);
        // Every team's screen shows the same letters for the same replies as the facilitator's.
        for (int t = 1; t < w.track_count(); ++t) CHECK(w.distribution(t).options == red.options);
        CHECK(red.options == w.session(0).presented_choices());
    }
    CHECK(first_option.size() == 4);

    Workshop plain(s, WorkshopMode::Room, {});
    CHECK(plain.distribution(0).options == std::vector<int>{0, 1, 2, 3});
    CHECK_FALSE(plain.order_seed().has_value());

    // A tie waits for the facilitator's call; votes name file indices, letters the shown order.
    Workshop w(s, WorkshopMode::Room, {}, 31337);
    auto options = w.distribution(0).options;
    REQUIRE(options.size() == 4);
    CHECK(w.add_votes(0, options[2], 3));
    CHECK(w.add_votes(0, options[1], 3));
    CHECK_FALSE(w.distribution(0).majority);
    CHECK(w.advance(0) == ChooseResult::NotAvailable);
    REQUIRE(w.advance(0, options[1]) == ChooseResult::Ok);
    CHECK(w.session(0).choice_path() == std::vector<int>{options[1]});

    WorkshopRecord rec = w.to_record(scoring::default_rubric(), "Fran", "Room 2", "2026-12-01T10:00:00Z");
    REQUIRE(rec.order_seed.has_value());
    CHECK(*rec.order_seed == 31337u);
    REQUIRE(rec.results.size() == 1);
    CHECK(rec.results[0].order_seed == rec.order_seed);
    TempDb db;
    ResultsStore store;
    REQUIRE(store.open(db.path));
    REQUIRE(store.record_workshop(rec));
    auto back = store.workshop(rec.id);
    REQUIRE(back);
    CHECK(back->order_seed == std::optional<std::uint64_t>(31337));
    REQUIRE(back->results.size() == 1);
    CHECK(back->results[0].order_seed == std::optional<std::uint64_t>(31337));
    CHECK(back->votes.front().choice_index == options[1]);
    CHECK(back->votes.front().letter == "B");
    CHECK(back->votes.front().tie);
}
