// The results store's promises, held to both backends: these tests run on SQLite files in the
// unit run, and again on a real PostgreSQL server in the store-postgres run (tests/postgres.cmake).
#include <doctest/doctest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "outbox.h"
#include "results_store.h"
#include "session.h"
#include "store_target.h"

using namespace ta;
using namespace ta::store;
using test_support::StoreTarget;

namespace {

AttemptRecord contract_attempt(long long trainee_id, const std::string& scenario, double overall) {
    AttemptRecord a;
    a.trainee_id = trainee_id;
    a.scenario_id = scenario;
    a.scenario_version = "2.1";
    a.scenario_title = "The \"late\" cake — again, naïvely";
    a.started_at = "2026-11-25T09:00:00Z";
    a.finished_at = "2026-11-25T09:05:" + std::to_string(10 + static_cast<int>(overall) % 50) + "Z";
    a.completed = true;
    a.ending_id = "recovered";
    a.ending_type = "recovered";
    a.choice_ids = {"opening#1", "details \"quoted\"", "ferm\xC3\xA9"};
    a.choice_path = {0, 2, kTimeoutChoice};
    a.turn_ms = {4200, 9100, 20000};
    a.debrief_json = "{\"overall\":" + std::to_string(overall) + "}";
    a.overall = overall;
    a.scores = {80, 60, 75.5, 40, 90};
    a.passed = overall >= 70;
    a.band = a.passed ? "Competent" : "Needs practice";
    return a;
}

// Reads the uuids a child process wrote to `fd`, one a line, until it closes.
void read_lines(int fd, std::string& buffer, std::vector<std::string>& out, std::size_t at_least) {
    char chunk[4096];
    for (;;) {
        std::size_t nl;
        while ((nl = buffer.find('\n')) != std::string::npos) {
            out.push_back(buffer.substr(0, nl));
            buffer.erase(0, nl + 1);
        }
        if (at_least && out.size() >= at_least) return;
        const ssize_t n = ::read(fd, chunk, sizeof chunk);
        if (n <= 0) return;
        buffer.append(chunk, static_cast<std::size_t>(n));
    }
}

}  // namespace

TEST_SUITE("store-contract") {

TEST_CASE("a new store has the latest schema and reopens as it was") {
    StoreTarget target;
    CAPTURE(target.name());
    std::string error;
    {
        ResultsStore store;
        REQUIRE_MESSAGE(store.open(target.location(), &error), error);
        CHECK(store.schema_version() == ResultsStore::latest_schema_version());
        CHECK(store.on_server() == target.postgres());
        CHECK(store.integrity_check() == "ok");
        REQUIRE(store.add_trainee("Sam", "Leeds"));
    }
    ResultsStore again;
    REQUIRE_MESSAGE(again.open(target.location(), &error), error);
    CHECK(again.schema_version() == ResultsStore::latest_schema_version());
    REQUIRE(again.trainees().size() == 1);
    CHECK(again.trainees()[0].team == "Leeds");
}

TEST_CASE("trainee names are unique in any letter case, and checked at the door") {
    StoreTarget target;
    CAPTURE(target.name());
    ResultsStore store;
    REQUIRE(store.open(target.location()));
    auto ana = store.add_trainee("  Ana Lima ", "North");
    REQUIRE(ana);
    CHECK(ana->name == "Ana Lima");
    std::string error;
    CHECK_FALSE(store.add_trainee("ANA LIMA", "", &error));
    CHECK(error.find("already a trainee") != std::string::npos);
    REQUIRE(store.find_trainee("ana lima"));
    CHECK(store.find_trainee("ana lima")->id == ana->id);
    CHECK(store.trainee(ana->id)->team == "North");
    // Letters beyond ASCII are not folded (as SQLite's NOCASE): these are two people.
    CHECK(store.add_trainee("\xC3\x89lodie"));
    CHECK(store.add_trainee("\xC3\xA9lodie"));
    CHECK_FALSE(store.add_trainee("Over\xE0\x80\xBElong", "", &error));
    CHECK_FALSE(store.add_trainee("Bell\x07", "", &error));
    CHECK_FALSE(store.add_trainee("", "", &error));
    auto all = store.trainees();
    REQUIRE(all.size() == 3);
    CHECK(all[0].name == "Ana Lima");  // by name, ignoring ASCII case
}

TEST_CASE("an attempt is recorded and read back field for field") {
    StoreTarget target;
    CAPTURE(target.name());
    ResultsStore store;
    REQUIRE(store.open(target.location()));
    auto t = store.add_trainee("Jo");
    REQUIRE(t);
    AttemptRecord a = contract_attempt(t->id, "late-cake", 72.25);
    a.scored[static_cast<std::size_t>(Competency::FollowUp)] = false;  // not exercised: stored as NULL
    a.order_seed = 0xFEDCBA9876543210ULL;                                 // the top bit set survives
    REQUIRE(store.record_attempt(a));
    CHECK(a.id > 0);
    CHECK(a.uuid.size() == 36);

    auto back = store.attempt_by_uuid(a.uuid);
    REQUIRE(back);
    CHECK(back->id == a.id);
    CHECK(back->trainee_id == t->id);
    CHECK(back->workshop_id == 0);
    CHECK(back->scenario_id == "late-cake");
    CHECK(back->scenario_version == "2.1");
    CHECK(back->scenario_title == a.scenario_title);
    CHECK(back->started_at == a.started_at);
    CHECK(back->finished_at == a.finished_at);
    CHECK(back->completed);
    CHECK(back->ending_id == "recovered");
    CHECK(back->ending_type == "recovered");
    CHECK(back->choice_ids == a.choice_ids);
    CHECK(back->choice_path == a.choice_path);
    CHECK(back->turn_ms == a.turn_ms);
    CHECK(back->debrief_json == a.debrief_json);
    CHECK(back->overall == doctest::Approx(72.25));
    CHECK(back->is_scored(static_cast<int>(Competency::Listening)));
    CHECK_FALSE(back->is_scored(static_cast<int>(Competency::FollowUp)));
    CHECK(back->scores[static_cast<std::size_t>(Competency::Solution)] == doctest::Approx(75.5));
    CHECK(back->passed);
    CHECK(back->band == "Competent");
    REQUIRE(back->order_seed);
    CHECK(*back->order_seed == 0xFEDCBA9876543210ULL);
    CHECK(store.attempt_count() == 1);
}

TEST_CASE("attempts are listed oldest first, and the best result is the highest completed score") {
    StoreTarget target;
    CAPTURE(target.name());
    ResultsStore store;
    REQUIRE(store.open(target.location()));
    auto t = store.add_trainee("Kim");
    auto u = store.add_trainee("Lee");
    REQUIRE((t && u));
    for (double score : {40.0, 88.0, 65.0}) {
        AttemptRecord a = contract_attempt(t->id, "boots", score);
        REQUIRE(store.record_attempt(a));
    }
    AttemptRecord abandoned = contract_attempt(t->id, "boots", 99);
    abandoned.completed = false;
    abandoned.ending_id = abandoned.ending_type = "";
    REQUIRE(store.record_attempt(abandoned));
    AttemptRecord other = contract_attempt(u->id, "boots", 95);
    REQUIRE(store.record_attempt(other));

    auto best = store.best_result(t->id, "boots");
    REQUIRE(best);
    CHECK(best->overall == doctest::Approx(88));  // the abandoned 99 does not count
    CHECK_FALSE(store.best_result(t->id, "other-scenario"));
    auto mine = store.attempts_for(t->id);
    REQUIRE(mine.size() == 4);
    for (std::size_t i = 1; i < mine.size(); ++i) CHECK(mine[i - 1].finished_at <= mine[i].finished_at);
    CHECK(store.all_attempts().size() == 5);
}

TEST_CASE("an attempt delivered twice is stored once") {
    StoreTarget target;
    CAPTURE(target.name());
    ResultsStore store;
    REQUIRE(store.open(target.location()));
    auto t = store.add_trainee("Mo");
    REQUIRE(t);
    AttemptRecord a = contract_attempt(t->id, "refund", 80);
    a.uuid = "0b6c1f7e-3d1a-4c5e-9f00-123456789abc";
    bool already = true;
    REQUIRE(store.deliver_attempt(a, &already));
    CHECK_FALSE(already);
    const long long first_id = a.id;
    AttemptRecord again = contract_attempt(t->id, "refund", 80);
    again.uuid = a.uuid;
    REQUIRE(store.deliver_attempt(again, &already));
    CHECK(already);
    CHECK(again.id == first_id);
    CHECK(store.attempt_count() == 1);
    // Recording (not delivering) a known id is a mistake, and says so.
    std::string error;
    AttemptRecord third = again;
    CHECK_FALSE(store.record_attempt(third, &error));
    CHECK(error.find("already recorded") != std::string::npos);
    CHECK(store.attempt_count() == 1);
}

TEST_CASE("attempts, workshops, votes and ballots refuse change even through raw SQL") {
    StoreTarget target;
    CAPTURE(target.name());
    {
        ResultsStore store;
        REQUIRE(store.open(target.location()));
        auto t = store.add_trainee("Ray");
        REQUIRE(t);
        AttemptRecord a = contract_attempt(t->id, "s", 50);
        REQUIRE(store.record_attempt(a));
        WorkshopRecord w;
        w.mode = "room";
        w.scenario_id = "s";
        w.results.push_back(contract_attempt(0, "s", 60));
        w.votes.push_back({"Room", 0, 1, 5, true, false, "B", "Sorry", false});
        w.ballots.push_back({0, "Ann", "", "B", "c1", "Sorry", "start", ""});
        REQUIRE(store.record_workshop(w));
    }
    std::string error;
    CHECK_FALSE(target.raw_sql("UPDATE attempts SET overall = 100", &error));
    CHECK(error.find("append-only") != std::string::npos);
    CHECK_FALSE(target.raw_sql("DELETE FROM attempts", &error));
    CHECK_FALSE(target.raw_sql("DELETE FROM workshops", &error));
    CHECK_FALSE(target.raw_sql("UPDATE workshop_votes SET votes = 0", &error));
    CHECK_FALSE(target.raw_sql("DELETE FROM workshop_ballots", &error));
    ResultsStore store;
    REQUIRE(store.open(target.location()));
    CHECK(store.attempt_count() == 2);
    CHECK(store.all_attempts().at(0).overall == doctest::Approx(50));
}

TEST_CASE("a workshop is recorded with its teams' attempts, votes and ballots, once") {
    StoreTarget target;
    CAPTURE(target.name());
    ResultsStore store;
    REQUIRE(store.open(target.location()));
    WorkshopRecord w;
    w.facilitator = "Dee";
    w.room = "Training room 2";
    w.mode = "teams";
    w.scenario_id = "boots";
    w.scenario_title = "Wrong size boots";
    w.order_seed = 42;
    w.participants = 7;
    for (const char* team : {"Red", "Blue"}) {
        AttemptRecord a = contract_attempt(0, "", 70);
        a.team = team;
        w.results.push_back(a);
    }
    w.votes.push_back({"Red", 0, 0, 3, true, false, "A", "I hear you", false});
    w.votes.push_back({"Red", 0, 1, 3, false, false, "B", "Policy says", true});
    w.ballots.push_back({0, "Ann", "Red", "A", "c0", "I hear you", "start", ""});
    w.ballots.push_back({0, "", "Red", "B", "c1", "Policy says", "start", ""});
    REQUIRE(store.record_workshop(w));
    CHECK(w.id > 0);

    auto back = store.workshop(w.id);
    REQUIRE(back);
    CHECK(back->uuid == w.uuid);
    CHECK(back->facilitator == "Dee");
    CHECK(back->mode == "teams");
    CHECK(back->participants == 7);
    REQUIRE(back->order_seed);
    CHECK(*back->order_seed == 42);
    REQUIRE(back->results.size() == 2);
    CHECK(back->results[0].scenario_id == "boots");  // filled from the session
    CHECK(back->results[0].workshop_id == w.id);
    REQUIRE(back->votes.size() == 2);
    CHECK(back->votes[1].tie);
    CHECK(back->votes[1].letter == "B");
    REQUIRE(back->ballots.size() == 2);
    CHECK(back->ballots[0].participant == "Ann");
    CHECK(back->ballots[1].uuid.size() == 36);
    CHECK(store.all_attempts().empty());  // teams' attempts are not trainees'
    CHECK(store.attempt_count() == 2);

    WorkshopRecord copy = *back;
    bool already = false;
    REQUIRE(store.deliver_workshop(copy, &already));
    CHECK(already);
    CHECK(store.workshops().size() == 1);
    CHECK(store.attempt_count() == 2);
}

TEST_CASE("16 writer processes of 100 attempts each lose nothing") {
    StoreTarget target;
    CAPTURE(target.name());
    constexpr int kWriters = 16;
    constexpr int kEach = 100;
    // Every writer opens the new store at the same moment: creating the schema races as well.
    std::vector<pid_t> children;
    for (int p = 0; p < kWriters; ++p) {
        pid_t pid = ::fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            ResultsStore store;
            std::string error;
            auto fail = [&](int code) {
                std::fprintf(stderr, "writer %d: %s\n", p, error.c_str());
                ::_exit(code);
            };
            if (!store.open(target.location(), &error)) fail(3);
            auto t = store.add_trainee("writer " + std::to_string(p), "", &error);
            if (!t) fail(4);
            for (int i = 0; i < kEach; ++i) {
                AttemptRecord a = contract_attempt(t->id, "s" + std::to_string(i), i);
                if (!store.record_attempt(a, &error)) fail(5);
            }
            ::_exit(0);
        }
        children.push_back(pid);
    }
    int clean_exits = 0;
    for (pid_t pid : children) {
        int status = 0;
        ::waitpid(pid, &status, 0);
        if (WIFEXITED(status) && WEXITSTATUS(status) == 0) ++clean_exits;
    }
    CHECK(clean_exits == kWriters);
    ResultsStore store;
    REQUIRE(store.open(target.location()));
    CHECK(store.integrity_check() == "ok");
    CHECK(store.attempt_count() == kWriters * kEach);
    REQUIRE(store.trainees().size() == static_cast<std::size_t>(kWriters));
    for (const auto& t : store.trainees()) {
        std::set<std::string> scenarios;
        for (const auto& a : store.attempts_for(t.id)) scenarios.insert(a.scenario_id);
        CHECK(scenarios.size() == static_cast<std::size_t>(kEach));
    }
}

TEST_CASE("a writer killed mid-commit loses no attempt it was told was recorded") {
    StoreTarget target;
    CAPTURE(target.name());
    {
        ResultsStore store;
        REQUIRE(store.open(target.location()));
        REQUIRE(store.add_trainee("Jo"));
    }
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        ::close(fds[0]);
        ResultsStore store;
        if (!store.open(target.location())) ::_exit(3);
        auto t = store.find_trainee("Jo");
        if (!t) ::_exit(4);
        for (int i = 0;; ++i) {
            AttemptRecord a = contract_attempt(t->id, "crash-" + std::to_string(i % 7), i % 100);
            a.debrief_json = std::string(2000 + (i % 5) * 3000, 'x');
            if (!store.record_attempt(a)) ::_exit(5);
            const std::string line = a.uuid + "\n";
            if (::write(fds[1], line.data(), line.size()) != static_cast<ssize_t>(line.size())) ::_exit(6);
        }
    }
    ::close(fds[1]);
    std::vector<std::string> acknowledged;
    std::string buffer;
    read_lines(fds[0], buffer, acknowledged, 40);
    REQUIRE(acknowledged.size() >= 40);
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    CHECK(WIFSIGNALED(status));
    read_lines(fds[0], buffer, acknowledged, 0);
    ::close(fds[0]);

    ResultsStore store;
    std::string error;
    REQUIRE_MESSAGE(store.open(target.location(), &error), error);
    CHECK(store.integrity_check() == "ok");
    std::size_t lost = 0;
    for (const auto& uuid : acknowledged)
        if (!store.attempt_by_uuid(uuid)) ++lost;
    CHECK(lost == 0);
    CHECK(store.attempt_count() >= static_cast<long long>(acknowledged.size()));
    AttemptRecord after = contract_attempt(store.find_trainee("Jo")->id, "after", 50);
    CHECK(store.record_attempt(after));
}

TEST_CASE("reading a store that does not exist yet creates nothing and refuses writes") {
    StoreTarget target;
    CAPTURE(target.name());
    ResultsStore reader;
    std::string error;
    REQUIRE_MESSAGE(reader.open_read_only(target.location(), &error), error);
    CHECK(reader.missing());
    CHECK(reader.trainees().empty());
    CHECK(reader.all_attempts().empty());
    CHECK(reader.workshops().empty());
    CHECK_FALSE(reader.add_trainee("Zed", "", &error));
    CHECK(error.find("only for reading") != std::string::npos);
    reader.close();
    // Nothing was created: a later writer starts from an empty store and the schema is its own.
    if (target.postgres()) {
        CHECK_FALSE(target.raw_sql("SELECT 1 FROM turnaround_schema", &error));
    } else {
        CHECK_FALSE(std::filesystem::exists(target.location()));
    }
}

TEST_CASE("a store opened for reading reads everything and writes nothing") {
    StoreTarget target;
    CAPTURE(target.name());
    {
        ResultsStore store;
        REQUIRE(store.open(target.location()));
        auto t = store.add_trainee("Ivy");
        REQUIRE(t);
        AttemptRecord a = contract_attempt(t->id, "s", 75);
        REQUIRE(store.record_attempt(a));
    }
    ResultsStore reader;
    std::string error;
    REQUIRE_MESSAGE(reader.open_read_only(target.location(), &error), error);
    CHECK_FALSE(reader.missing());
    CHECK(reader.read_only());
    REQUIRE(reader.all_attempts().size() == 1);
    CHECK(reader.best_result(reader.find_trainee("ivy")->id, "s"));
    AttemptRecord b = contract_attempt(reader.find_trainee("ivy")->id, "s", 10);
    CHECK_FALSE(reader.record_attempt(b, &error));
    CHECK(reader.attempt_count() == 1);
}

TEST_CASE("a store that is not Turnaround's is refused before anything is changed") {
    StoreTarget target;
    CAPTURE(target.name());
    REQUIRE(target.raw_sql("CREATE TABLE inventory(sku TEXT, count INTEGER)"));
    ResultsStore store;
    std::string error;
    CHECK_FALSE(store.open(target.location(), &error));
    CHECK(error.find("not a Turnaround results database") != std::string::npos);
    CHECK_FALSE(store.open_read_only(target.location(), &error));
    // Still just the stranger's table: no schema added, nothing migrated.
    CHECK_FALSE(target.raw_sql("SELECT 1 FROM attempts", &error));
    CHECK(target.raw_sql("SELECT sku FROM inventory", &error));
}

TEST_CASE("a store written by a newer Turnaround is refused") {
    StoreTarget target;
    CAPTURE(target.name());
    {
        ResultsStore store;
        REQUIRE(store.open(target.location()));
    }
    const int newer = ResultsStore::latest_schema_version() + 1;
    REQUIRE(target.raw_sql(target.postgres() ? "UPDATE turnaround_schema SET version = " + std::to_string(newer)
                                             : "PRAGMA user_version = " + std::to_string(newer)));
    ResultsStore store;
    std::string error;
    CHECK_FALSE(store.open(target.location(), &error));
    CHECK(error.find("newer version") != std::string::npos);
    CHECK_FALSE(store.open_read_only(target.location(), &error));
    CHECK(error.find("newer version") != std::string::npos);
}

}  // TEST_SUITE

TEST_SUITE("store-contract") {

// An address where no server answers, quickly: the laptop is offline.
const char* kUnreachable = "postgresql://turnaround:secret@127.0.0.1:1/results?connect_timeout=2";

TEST_CASE("offline first: recorded here while the server is away, delivered once when it is back") {
    StoreTarget server;  // the shared server (an SQLite file when no PostgreSQL server is given)
    CAPTURE(server.name());
    test_support::TempDir laptop_dir("turnaround-laptop");
    ResultsStore laptop;
    REQUIRE(laptop.open(laptop_dir.db()));
    auto t = laptop.add_trainee("Noor", "Harbour St");
    REQUIRE(t);
    for (int i = 0; i < 5; ++i) {
        AttemptRecord a = contract_attempt(t->id, "s" + std::to_string(i), 60 + i);
        REQUIRE(laptop.record_attempt(a));
    }
    WorkshopRecord w;
    w.mode = "room";
    w.scenario_id = "boots";
    w.results.push_back(contract_attempt(0, "boots", 70));
    REQUIRE(laptop.record_workshop(w));

    // Offline: nothing goes, nothing is lost, and it says what is waiting (without the password).
    DeliveryReport offline = deliver_waiting(laptop, kUnreachable);
    CHECK_FALSE(offline.reached);
    CHECK(offline.still_waiting.attempts == 5);
    CHECK(offline.still_waiting.sessions == 1);
    CHECK(offline.error.find("cannot reach") != std::string::npos);
    CHECK(offline.error.find("secret") == std::string::npos);
    CHECK(describe(waiting_for(laptop, kUnreachable)) == "5 attempts and 1 workshop session");

    // A crash after the server stored one attempt but before the laptop noted it: that one is
    // already on the server when the laptop delivers again.
    {
        ResultsStore direct;
        REQUIRE(direct.open(server.location()));
        auto st = direct.add_trainee("Noor", "Harbour St");
        REQUIRE(st);
        AttemptRecord first = laptop.attempts_for(t->id).front();
        first.trainee_id = st->id;
        bool already = true;
        REQUIRE(direct.deliver_attempt(first, &already));
        CHECK_FALSE(already);
    }

    DeliveryReport back = deliver_waiting(laptop, server.location());
    CHECK(back.reached);
    CHECK(back.error == "");
    CHECK(back.delivered == 5);  // four attempts and the session
    CHECK(back.already_there == 1);
    CHECK(back.still_waiting.empty());
    CHECK(waiting_for(laptop, server.location()).empty());
    // Still waiting for the other server: deliveries are per server.
    CHECK(waiting_for(laptop, kUnreachable).attempts == 5);

    // Again: nothing to send, nothing doubled.
    DeliveryReport again = deliver_waiting(laptop, server.location());
    CHECK(again.delivered == 0);
    CHECK(again.already_there == 0);

    ResultsStore shared;
    REQUIRE(shared.open_read_only(server.location()));
    REQUIRE(shared.trainees().size() == 1);
    CHECK(shared.trainees()[0].team == "Harbour St");
    CHECK(shared.all_attempts().size() == 5);
    CHECK(shared.workshops().size() == 1);
    CHECK(shared.attempt_count() == 6);
    for (const AttemptRecord& a : laptop.all_attempts()) {
        auto there = shared.attempt_by_uuid(a.uuid);
        REQUIRE(there);
        CHECK(there->overall == doctest::Approx(a.overall));
        CHECK(there->choice_ids == a.choice_ids);
    }
}

TEST_CASE("two laptops deliver the same trainee's attempts to one server") {
    StoreTarget server;
    CAPTURE(server.name());
    test_support::TempDir a_dir("turnaround-laptop-a"), b_dir("turnaround-laptop-b");
    ResultsStore a, b;
    REQUIRE(a.open(a_dir.db()));
    REQUIRE(b.open(b_dir.db()));
    for (ResultsStore* laptop : {&a, &b}) {
        auto t = laptop->add_trainee("sam okafor");
        REQUIRE(t);
        AttemptRecord at = contract_attempt(t->id, "refund", 80);
        REQUIRE(laptop->record_attempt(at));
    }
    CHECK(deliver_waiting(a, server.location()).delivered == 1);
    CHECK(deliver_waiting(b, server.location()).delivered == 1);
    ResultsStore shared;
    REQUIRE(shared.open_read_only(server.location()));
    REQUIRE(shared.trainees().size() == 1);  // one person, matched by name in any letter case
    CHECK(shared.attempts_for(shared.trainees()[0].id).size() == 2);
}

}  // TEST_SUITE
