// UTF-8 checked once, at the door: a name that is not valid UTF-8 is refused when it is added, and
// text that reached a database some other way still leaves it as valid UTF-8 in every JSON and CSV
// output (a bad byte becomes U+FFFD).
#include <doctest/doctest.h>

#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "cli_runner.h"
#include "json_escape.h"
#include "results_store.h"
#include "test_support.h"
#include "utf8_check.h"

using namespace ta;
using cli_runner::cli;
using cli_runner::has;
using test_support::TempDir;

namespace {

const char* kOverlong = "Over\xe0\x80\xbelong";     // '>' in three bytes
const char* kSurrogate = "Sur\xed\xa0\x80rogate";   // U+D800 encoded
const char* kPastMax = "Past\xf4\x90\x80\x80max";   // U+110000

}  // namespace

TEST_CASE("utf8: strict validity") {
    CHECK(is_valid_utf8("Zoë O'Neill"));
    CHECK(is_valid_utf8("你好，欢迎光临"));
    CHECK(is_valid_utf8("\xf0\x9f\x98\x80"));  // an emoji, U+1F600
    CHECK(is_valid_utf8("\xf4\x8f\xbf\xbf"));  // U+10FFFF, the last code point
    CHECK_FALSE(is_valid_utf8(kOverlong));
    CHECK_FALSE(is_valid_utf8(kSurrogate));
    CHECK_FALSE(is_valid_utf8(kPastMax));
    CHECK_FALSE(is_valid_utf8("\xc0\xaf"));    // a two-byte overlong '/'
    CHECK_FALSE(is_valid_utf8("half \xe4\xbd"));  // cut inside a character
    CHECK(repair_utf8(kOverlong) == "Over\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDlong");
    CHECK(is_valid_utf8(json_escape(kSurrogate)));
    CHECK(is_valid_utf8(json_escape(kPastMax)));
    CHECK(json_escape("Zoë") == "Zoë");
}

TEST_CASE("utf8: the store refuses a name that is not valid UTF-8, and says why") {
    TempDir tmp;
    store::ResultsStore s;
    REQUIRE(s.open((tmp.dir / "r.db").string()));
    for (const char* bad : {kOverlong, kSurrogate, kPastMax}) {
        std::string error;
        CHECK_FALSE(s.add_trainee(bad, "", &error));
        CHECK(has(error, "valid UTF-8"));
        CHECK_FALSE(s.add_trainee("Fine", bad, &error));
    }
    CHECK(s.trainees().empty());
    auto add = cli(std::string("trainee add '") + kOverlong + "' --db '" + (tmp.dir / "r.db").string() + "'");
    CHECK(add.exit_code == 1);
    CHECK(has(add.text, "valid UTF-8"));
}

TEST_CASE("utf8: names put into the database by another tool still export as valid UTF-8") {
    TempDir tmp;
    const std::string path = (tmp.dir / "r.db").string();
    {
        store::ResultsStore s;
        REQUIRE(s.open(path));
        auto t = s.add_trainee("Placeholder");
        REQUIRE(t);
        store::AttemptRecord a;
        a.trainee_id = t->id;
        a.scenario_id = "cake";
        a.scenario_title = std::string("Cake ") + kSurrogate;  // repaired on the way in
        a.completed = true;
        a.ending_id = "happy";
        a.ending_type = "recovered";
        a.passed = true;
        REQUIRE(s.record_attempt(a));
        CHECK(is_valid_utf8(s.attempts_for(t->id).at(0).scenario_title));
    }
    // Another tool renames the trainee with an overlong byte sequence.
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "UPDATE trainees SET name = ?1", -1, &st, nullptr) == SQLITE_OK);
    sqlite3_bind_text(st, 1, kOverlong, -1, SQLITE_STATIC);
    CHECK(sqlite3_step(st) == SQLITE_DONE);
    sqlite3_finalize(st);
    sqlite3_close(db);

    auto xapi = cli("export --format xapi --db '" + path + "'", false);
    REQUIRE(xapi.exit_code == 0);
    CHECK(is_valid_utf8(xapi.text));
    auto parsed = nlohmann::json::parse(xapi.text);  // throws on invalid UTF-8
    CHECK(parsed.at(0)["actor"]["name"] == "Over\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDlong");
    auto csv = cli("export --format csv --db '" + path + "'", false);
    REQUIRE(csv.exit_code == 0);
    CHECK(is_valid_utf8(csv.text));
    CHECK(has(csv.text, "Over\xEF\xBF\xBD"));
}

TEST_CASE("names with escape sequences, written by another tool, are shown and not obeyed") {
    TempDir tmp;
    const std::string path = (tmp.dir / "r.db").string();
    {
        store::ResultsStore s;
        REQUIRE(s.open(path));
        REQUIRE(s.add_trainee("Placeholder", "Blue"));
    }
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, "UPDATE trainees SET name = 'Eve' || char(27) || ']0;pwned' || char(7) || char(27) || '[2J'",
                         nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
    for (const char* command : {"trainee list", "report"}) {
        CAPTURE(command);
        auto out = cli(std::string(command) + " --db '" + path + "'");
        CHECK(out.exit_code == 0);
        CHECK(has(out.text, "Eve"));
        CHECK_FALSE(has(out.text, "\x1b"));
        CHECK_FALSE(has(out.text, "\a"));
        CHECK(has(out.text, "]0;pwned"));  // the text stays readable; only the control characters go
    }
}
