// CSV cells: RFC 4180 quoting and neutralised spreadsheet formulas.
#include <doctest/doctest.h>

#include "csv.h"
#include "export.h"

using namespace ta::store;

TEST_CASE("plain cells are written as they are") {
    CHECK(csv_cell("Ana") == "Ana");
    CHECK(csv_cell("") == "");
    CHECK(csv_cell("72.5") == "72.5");
    CHECK(csv_cell("a=b") == "a=b");  // only a leading sign is dangerous
}

TEST_CASE("commas, quotes and line breaks are quoted, inner quotes doubled") {
    CHECK(csv_cell("Smith, Jo") == "\"Smith, Jo\"");
    CHECK(csv_cell("say \"sorry\"") == "\"say \"\"sorry\"\"\"");
    CHECK(csv_cell("two\nlines") == "\"two\nlines\"");
    CHECK(csv_cell("cr\rhere") == "\"cr\rhere\"");
}

TEST_CASE("cells that a spreadsheet would run as formulas are neutralised") {
    CHECK(csv_cell("=SUM(A1:A9)") == "\"'=SUM(A1:A9)\"");
    CHECK(csv_cell("+44 20 7946 0000") == "\"'+44 20 7946 0000\"");
    CHECK(csv_cell("-2+3") == "\"'-2+3\"");
    CHECK(csv_cell("@cmd") == "\"'@cmd\"");
    CHECK(csv_cell("\tx") == "\"'\tx\"");
    CHECK(csv_cell("\r=1") == "\"'\r=1\"");
    CHECK(csv_cell("=HYPERLINK(\"http://x\",\"y\")") == "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
}

TEST_CASE("rows end in CRLF and read back to the same cells") {
    std::vector<std::string> cells = {"plain", "with, comma", "=1+1", "quote \" inside", "multi\r\nline", ""};
    std::string row = csv_row(cells);
    CHECK(row.substr(row.size() - 2) == "\r\n");
    auto rows = csv_parse(row + csv_row({"second"}));
    REQUIRE(rows.size() == 2);
    REQUIRE(rows[0].size() == cells.size());
    CHECK(rows[0][0] == "plain");
    CHECK(rows[0][1] == "with, comma");
    CHECK(rows[0][2] == "'=1+1");  // kept as text, visibly
    CHECK(rows[0][3] == "quote \" inside");
    CHECK(rows[0][4] == "multi\r\nline");
    CHECK(rows[0][5] == "");
    CHECK(rows[1] == std::vector<std::string>{"second"});
}

TEST_CASE("the attempts export has one header and one row per attempt, every row as wide") {
    ResultsStore store;  // not opened: names fall back to ids
    AttemptRecord a;
    a.trainee_id = 7;
    a.scenario_id = "cake";
    a.scenario_title = "=cmd|' /C calc'!A0";
    a.started_at = "2026-01-01T10:00:00Z";
    a.finished_at = "2026-01-01T10:02:05Z";
    a.choice_ids = {"a#1", "b#2"};
    a.turn_ms = {1500, 2260};
    a.completed = true;
    a.overall = 64.26;
    std::string csv = attempts_csv(store, {a, a});
    auto rows = csv_parse(csv);
    REQUIRE(rows.size() == 3);
    CHECK(rows[0] == csv_columns());
    for (const auto& r : rows) CHECK(r.size() == csv_columns().size());
    CHECK(rows[1][6] == "'=cmd|' /C calc'!A0");
    CHECK(rows[1][9] == "125");        // duration in seconds
    CHECK(rows[1][13] == "64.2");      // overall, one decimal, rounded down like every score
    CHECK(rows[1][21] == "a#1 b#2");
    CHECK(rows[1][22] == "1.5 2.3");   // seconds per turn, one decimal
}
