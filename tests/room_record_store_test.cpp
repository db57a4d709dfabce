// A room's session in the results store (schema 4): every participant's last vote per decision,
// the letters and texts the room saw, ties, and how many phones joined; read back as recorded, and
// an older database migrates with its sessions intact.
#include <doctest/doctest.h>

#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <regex>
#include <set>

#include <nlohmann/json.hpp>

#include "cli_runner.h"
#include "csv.h"
#include "loader.h"
#include "results_store.h"
#include "room.h"
#include "rubric.h"
#include "session_export.h"
#include "test_support.h"

using namespace ta;
using namespace ta::store;

namespace {

using test_support::TempDir;
using test_support::sql_exec;

const Scenario& room_scenario() { return test_support::room_test_scenario(); }

std::string letter_for(const room::Room& r, const std::string& choice_id) {
    for (const room::OptionView& o : r.view("", 0).options)
        if (o.choice_id == choice_id) return o.letter;
    FAIL("reply not shown: " << choice_id);
    return "";
}

// Two decisions: a tie the facilitator calls, then a majority. Ann changes her mind once.
WorkshopRecord played_room() {
    room::RoomSettings settings;
    settings.order_seed = 4242;
    room::Room r(room_scenario(), scoring::default_rubric(), "QWERTY", settings);
    auto ann = r.join("Ann", "Blue").token, bob = r.join("Bob", "").token, anon = r.join("", "").token;
    r.start(0);
    const std::string ask = letter_for(r, "sorry-ask"), guess = letter_for(r, "neighbour");
    r.vote(ann, 0, guess, 1);
    r.vote(ann, 0, ask, 2);  // changed: only this one counts
    r.vote(bob, 0, guess, 3);
    r.reveal(4);
    REQUIRE(r.advance(std::nullopt, 5) == room::StepStatus::NeedsCall);
    REQUIRE(r.advance(ask, 5) == room::StepStatus::Ok);
    const std::string fix = letter_for(r, "resend-choice");
    r.vote(ann, 1, fix, 6);
    r.vote(bob, 1, fix, 6);
    r.vote(anon, 1, fix, 7);
    r.reveal(8);
    REQUIRE(r.advance(std::nullopt, 9) == room::StepStatus::Ok);
    REQUIRE(r.phase() == room::Phase::Ended);
    return r.record("Fran", "Room 2", "2026-12-03T10:00:00Z", "2026-12-03T10:20:00Z");
}

}  // namespace

TEST_CASE("room record: ballots, letters, texts, the tie and the phones' count survive the store") {
    TempDir tmp;
    WorkshopRecord w = played_room();
    REQUIRE(w.ballots.size() == 5);
    const std::string ask = w.ballots[0].letter;
    {
        ResultsStore store;
        REQUIRE(store.open(tmp.db()));
        std::string error;
        REQUIRE_MESSAGE(store.record_workshop(w, &error), error);
    }
    ResultsStore store;
    REQUIRE(store.open(tmp.db()));
    auto back = store.workshop(w.id);
    REQUIRE(back);
    CHECK(back->participants == 3);
    CHECK(back->facilitator == "Fran");
    REQUIRE(back->ballots.size() == 5);
    for (std::size_t i = 0; i < w.ballots.size(); ++i) {
        CAPTURE(i);
        CHECK(back->ballots[i].turn == w.ballots[i].turn);
        CHECK(back->ballots[i].participant == w.ballots[i].participant);
        CHECK(back->ballots[i].team == w.ballots[i].team);
        CHECK(back->ballots[i].letter == w.ballots[i].letter);
        CHECK(back->ballots[i].choice_id == w.ballots[i].choice_id);
        CHECK(back->ballots[i].text == w.ballots[i].text);
    }
    CHECK(back->ballots[0].participant == "Ann");
    CHECK(back->ballots[0].choice_id == "sorry-ask");  // her last vote, not her first
    CHECK(back->ballots[4].participant.empty());       // the anonymous phone at decision 2

    // The counts as the room saw them: decision 1 tied 1-1 and called, decision 2 a majority of 3.
    REQUIRE(back->votes.size() == w.votes.size());
    int tied_rows = 0;
    for (const VoteRecord& v : back->votes) {
        CHECK(v.letter.size() == 1);
        CHECK_FALSE(v.text.empty());
        if (v.turn == 0) {
            CHECK(v.tie);
            ++tied_rows;
            if (v.chosen) {
                CHECK(v.letter == ask);
                CHECK(v.overridden);
            }
        } else {
            CHECK_FALSE(v.tie);
            if (v.chosen) CHECK(v.votes == 3);
        }
    }
    CHECK(tied_rows == 2);
}

TEST_CASE("room record: ballots are append-only like everything else recorded") {
    TempDir tmp;
    WorkshopRecord w = played_room();
    {
        ResultsStore store;
        REQUIRE(store.open(tmp.db()));
        REQUIRE(store.record_workshop(w));
    }
    std::string err;
    CHECK(sql_exec(tmp.db(), "UPDATE workshop_ballots SET letter = 'Z'", &err) != SQLITE_OK);
    CHECK(err.find("append-only") != std::string::npos);
    CHECK(sql_exec(tmp.db(), "DELETE FROM workshop_ballots") != SQLITE_OK);
}

TEST_CASE("room record: a schema 3 database migrates to 4 and keeps its sessions") {
    TempDir tmp;
    long long id = 0;
    {
        ResultsStore store;
        REQUIRE(store.open(tmp.db()));
        WorkshopRecord w = played_room();
        w.ballots.clear();
        w.participants = 0;
        for (VoteRecord& v : w.votes) v.letter.clear(), v.text.clear(), v.tie = false;
        REQUIRE(store.record_workshop(w));
        id = w.id;
    }
    std::string err;
    REQUIRE_MESSAGE(sql_exec(tmp.db(),
                        "DROP TABLE workshop_ballots; ALTER TABLE workshop_votes DROP COLUMN letter; "
                        "ALTER TABLE workshop_votes DROP COLUMN text; ALTER TABLE workshop_votes DROP COLUMN tie; "
                        "ALTER TABLE workshops DROP COLUMN participants; PRAGMA user_version = 3;",
                        &err) == SQLITE_OK,
                    err);
    ResultsStore store;
    std::string error;
    REQUIRE_MESSAGE(store.open(tmp.db(), &error), error);
    CHECK(store.schema_version() == ResultsStore::latest_schema_version());
    CHECK(store.integrity_check() == "ok");
    auto back = store.workshop(id);
    REQUIRE(back);
    CHECK(back->participants == 0);
    CHECK(back->ballots.empty());
    REQUIRE_FALSE(back->votes.empty());
    for (const VoteRecord& v : back->votes) {
        CHECK(v.letter.empty());
        CHECK_FALSE(v.tie);
    }
    // And a new room session records in full beside the old one.
    WorkshopRecord fresh = played_room();
    REQUIRE(store.record_workshop(fresh));
    CHECK(store.workshop(fresh.id)->ballots.size() == 5);
}

TEST_CASE("room record: report and exports show the session as the room saw it") {
    using cli_runner::cli;
    using cli_runner::has;
    TempDir tmp;
    WorkshopRecord w = played_room();
    {
        ResultsStore store;
        REQUIRE(store.open(tmp.db()));
        REQUIRE(store.record_workshop(w));
    }
    const std::string db = " --db '" + tmp.db() + "'";
    const std::string ask = w.ballots[0].letter;  // Ann's last vote at decision 1, the facilitator's call
    std::string bob_guess;
    for (const auto& b : w.ballots)
        if (b.participant == "Bob" && b.turn == 0) bob_guess = b.letter;
    REQUIRE_FALSE(bob_guess.empty());

    // The report: letters with counts, the tie as the facilitator's call, the texts, every ballot.
    auto report = cli("report --session " + std::to_string(w.id) + db);
    REQUIRE(report.exit_code == 0);
    INFO(report.text);
    CHECK(std::regex_search(report.text, std::regex("decision 1:.*" + ask + " 1!.*a tie: the facilitator's call")));
    CHECK(std::regex_search(report.text, std::regex("decision 2:.* 3\\*")));
    CHECK(has(report.text, ask + "  I'm sorry it hasn't reached you."));
    CHECK(has(report.text, "3 phones joined"));
    CHECK(std::regex_search(report.text, std::regex("Ann +Blue +" + ask + " +[A-C]")));
    CHECK(std::regex_search(report.text, std::regex("Bob +" + bob_guess + " +[A-C]")));
    CHECK(has(report.text, "anonymous phones at decision 2: "));
    CHECK_FALSE(has(report.text, "#1"));  // no file-order numbers once letters are kept

    // CSV of the counts and of the ballots, read back as a spreadsheet would.
    auto votes = cli("export --format csv --votes --session " + std::to_string(w.id) + db, false);
    REQUIRE(votes.exit_code == 0);
    auto rows = csv_parse(votes.text);
    REQUIRE(rows.size() == w.votes.size() + 1);
    CHECK(rows[0] == vote_csv_columns());
    bool called_tie = false;
    for (std::size_t i = 1; i < rows.size(); ++i)
        if (rows[i][4] == "1" && rows[i][5] == ask)
            called_tie = rows[i][8] == "yes" && rows[i][9] == "yes" && rows[i][10] == "yes" &&
                         rows[i][6].rfind("I'm sorry it hasn't reached you", 0) == 0;
    CHECK(called_tie);

    auto ballots = cli("export --format csv --ballots" + db, false);
    REQUIRE(ballots.exit_code == 0);
    rows = csv_parse(ballots.text);
    REQUIRE(rows.size() == 6);
    CHECK(rows[0] == ballot_csv_columns());
    CHECK(rows[1][5] == "Ann");
    CHECK(rows[1][6] == "Blue");
    CHECK(rows[1][8] == "sorry-ask");
    CHECK(rows[1][4] == "first");

    CHECK(cli("export --format xapi --votes" + db).exit_code == 2);
    CHECK(cli("export --format csv --votes --ballots" + db).exit_code == 2);

    // xAPI: the room's attempt and its decisions, then one "answered" per named participant per decision.
    auto first = cli("export --format xapi --session " + std::to_string(w.id) + db, false);
    auto again = cli("export --format xapi" + db, false);
    REQUIRE(first.exit_code == 0);
    auto statements = nlohmann::json::parse(first.text);
    REQUIRE(statements.is_array());
    int answered = 0, room_decisions = 0;
    for (const auto& st : statements) {
        if (st["verb"]["id"] != "http://adlnet.gov/expapi/verbs/answered") continue;
        if (st["actor"]["objectType"] == "Group") {  // the room's own decision, as a group
            ++room_decisions;
            CHECK(st["context"]["statement"]["objectType"] == "StatementRef");
            continue;
        }
        ++answered;
        CHECK(st["actor"]["name"] != "");
        CHECK(st["context"]["registration"] == w.uuid);
        CHECK(st["object"]["definition"]["interactionType"] == "choice");
        const std::string node = st["object"]["id"].get<std::string>();
        CHECK((node.size() > 12 && (node.substr(node.size() - 12) == "/nodes/first" || node.substr(node.size() - 13) == "/nodes/second")));
    }
    CHECK(answered == 4);  // Ann and Bob at both decisions; the anonymous phone is not anyone's record
    CHECK(room_decisions == 2);
    CHECK(statements.size() == 7);
    // Exporting again gives the same statement ids: an LRS stores each answer once.
    auto ids = [](const nlohmann::json& a) {
        std::set<std::string> out;
        for (const auto& st : a) out.insert(st["id"].get<std::string>());
        return out;
    };
    CHECK(ids(statements) == ids(nlohmann::json::parse(again.text)));
}
