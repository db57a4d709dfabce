// Results store: schema, trainees, append-only attempts, crash safety, concurrent writers, migration.
#include <doctest/doctest.h>

#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "results_store.h"
#include "session.h"
#include "xdg_paths.h"

using namespace ta;
using namespace ta::store;

namespace {

// A fresh folder under the system temp dir, removed at the end of the test.
struct TempDir {
    std::string path;
    TempDir() {
        std::string tmpl = (std::filesystem::temp_directory_path() / "turnaround-store-XXXXXX").string();
        char* p = ::mkdtemp(tmpl.data());
        REQUIRE(p != nullptr);
        path = p;
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    std::string file(const std::string& name) const { return path + "/" + name; }
};

AttemptRecord sample_attempt(long long trainee_id, const std::string& scenario, double overall) {
    AttemptRecord a;
    a.trainee_id = trainee_id;
    a.scenario_id = scenario;
    a.scenario_version = "1.2";
    a.scenario_title = "The \"late\" cake, again";
    a.started_at = "2026-11-25T09:00:00Z";
    a.finished_at = "2026-11-25T09:05:30Z";
    a.completed = true;
    a.ending_id = "recovered";
    a.ending_type = "recovered";
    a.choice_ids = {"opening#1", "details#2", "close"};
    a.choice_path = {0, 1, kTimeoutChoice};
    a.turn_ms = {4200, 9100, 20000};
    a.debrief_json = "{\"overall\":" + std::to_string(overall) + "}";
    a.overall = overall;
    a.scores = {80, 60, 75.5, 40, 90};
    a.passed = overall >= 70;
    a.band = a.passed ? "Competent" : "Needs practice";
    return a;
}

int sql_exec(const std::string& path, const std::string& sql, std::string* err = nullptr) {
    sqlite3* db = nullptr;
    sqlite3_open(path.c_str(), &db);
    char* msg = nullptr;
    int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &msg);
    if (err && msg) *err = msg;
    sqlite3_free(msg);
    sqlite3_close(db);
    return rc;
}

bool is_uuid_v4(const std::string& s) {
    static const std::regex re("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
    return std::regex_match(s, re);
}

}  // namespace

TEST_CASE("a new store is created, migrated to the latest schema and in WAL mode") {
    TempDir dir;
    ResultsStore store;
    std::string error;
    REQUIRE_MESSAGE(store.open(dir.file("results.db"), &error), error);
    CHECK(store.schema_version() == ResultsStore::latest_schema_version());
    CHECK(store.integrity_check() == "ok");
    CHECK(std::filesystem::exists(dir.file("results.db-wal")));
    store.close();
    // Opening again does not migrate twice or lose anything.
    REQUIRE(store.open(dir.file("results.db"), &error));
    CHECK(store.schema_version() == ResultsStore::latest_schema_version());
}

TEST_CASE("trainee names are unique whatever their letter case") {
    TempDir dir;
    ResultsStore store;
    REQUIRE(store.open(dir.file("r.db")));
    auto ana = store.add_trainee("  Ana Silva ", "Blue");
    REQUIRE(ana);
    CHECK(ana->name == "Ana Silva");
    CHECK(ana->team == "Blue");
    std::string error;
    CHECK_FALSE(store.add_trainee("ANA SILVA", "", &error));
    CHECK(error.find("already") != std::string::npos);
    CHECK_FALSE(store.add_trainee("   ", "", &error));
    CHECK_FALSE(store.add_trainee(std::string("bad\x01name"), "", &error));
    CHECK_FALSE(store.add_trainee("Long Team", std::string(81, 't'), &error));
    CHECK_FALSE(store.add_trainee("Tab Team", "a\tb", &error));
    auto found = store.find_trainee("ana silva");
    REQUIRE(found);
    CHECK(found->id == ana->id);
    CHECK(store.add_trainee("Ben"));
    CHECK(store.trainees().size() == 2);
}

TEST_CASE("an attempt is recorded and read back field for field") {
    TempDir dir;
    ResultsStore store;
    REQUIRE(store.open(dir.file("r.db")));
    auto t = store.add_trainee("Cleo");
    REQUIRE(t);
    AttemptRecord a = sample_attempt(t->id, "cake-for-saturday", 72.5);
    a.scored[3] = false;  // not exercised by this scenario
    std::string error;
    REQUIRE_MESSAGE(store.record_attempt(a, &error), error);
    CHECK(a.id > 0);
    CHECK(is_uuid_v4(a.uuid));

    auto all = store.attempts_for(t->id);
    REQUIRE(all.size() == 1);
    const AttemptRecord& b = all[0];
    CHECK(b.uuid == a.uuid);
    CHECK(b.scenario_title == a.scenario_title);
    CHECK(b.scenario_version == "1.2");
    CHECK(b.choice_ids == a.choice_ids);
    CHECK(b.choice_path == a.choice_path);
    CHECK(b.turn_ms == a.turn_ms);
    CHECK(b.debrief_json == a.debrief_json);
    CHECK(b.has_scores);
    CHECK(b.scores[2] == doctest::Approx(75.5));
    CHECK(b.scored[2]);
    CHECK_FALSE(b.scored[3]);
    CHECK_FALSE(b.is_scored(3));
    CHECK(b.overall == doctest::Approx(72.5));
    CHECK(b.passed);
    CHECK(b.band == "Competent");
    CHECK(b.duration_ms() == 33300);
}

TEST_CASE("an abandoned attempt is recorded too") {
    TempDir dir;
    ResultsStore store;
    REQUIRE(store.open(dir.file("r.db")));
    auto t = store.add_trainee("Dev");
    AttemptRecord a = sample_attempt(t->id, "s", 10);
    a.completed = false;
    a.ending_id.clear();
    a.ending_type.clear();
    REQUIRE(store.record_attempt(a));
    auto back = store.attempts_for(t->id);
    REQUIRE(back.size() == 1);
    CHECK_FALSE(back[0].completed);
    // An abandoned attempt is never the best result.
    CHECK_FALSE(store.best_result(t->id, "s"));
}

TEST_CASE("an attempt without a trainee or scenario is refused") {
    TempDir dir;
    ResultsStore store;
    REQUIRE(store.open(dir.file("r.db")));
    std::string error;
    AttemptRecord a = sample_attempt(0, "s", 50);
    CHECK_FALSE(store.record_attempt(a, &error));
    CHECK_FALSE(error.empty());
    AttemptRecord b = sample_attempt(999, "s", 50);  // no such trainee
    CHECK_FALSE(store.record_attempt(b, &error));
    auto t = store.add_trainee("Eve");
    AttemptRecord c = sample_attempt(t->id, "", 50);
    CHECK_FALSE(store.record_attempt(c, &error));
    CHECK(store.attempt_count() == 0);
}

TEST_CASE("best result is the highest completed score, per trainee and scenario") {
    TempDir dir;
    ResultsStore store;
    REQUIRE(store.open(dir.file("r.db")));
    auto t = store.add_trainee("Fay");
    auto u = store.add_trainee("Gus");
    for (double score : {55.0, 88.0, 71.0}) {
        AttemptRecord a = sample_attempt(t->id, "s1", score);
        REQUIRE(store.record_attempt(a));
    }
    AttemptRecord other = sample_attempt(u->id, "s1", 99);
    REQUIRE(store.record_attempt(other));
    AttemptRecord elsewhere = sample_attempt(t->id, "s2", 95);
    REQUIRE(store.record_attempt(elsewhere));
    auto best = store.best_result(t->id, "s1");
    REQUIRE(best);
    CHECK(best->overall == doctest::Approx(88));
    CHECK(store.attempts_for(t->id).size() == 4);
    CHECK(store.attempts_for(u->id).size() == 1);
}

TEST_CASE("attempts are append-only even through raw SQL") {
    TempDir dir;
    std::string path = dir.file("r.db");
    {
        ResultsStore store;
        REQUIRE(store.open(path));
        auto t = store.add_trainee("Hal");
        AttemptRecord a = sample_attempt(t->id, "s", 40);
        REQUIRE(store.record_attempt(a));
    }
    std::string err;
    CHECK(sql_exec(path, "UPDATE attempts SET overall = 100", &err) != SQLITE_OK);
    CHECK(err.find("append-only") != std::string::npos);
    CHECK(sql_exec(path, "DELETE FROM attempts", &err) != SQLITE_OK);
    ResultsStore store;
    REQUIRE(store.open(path));
    auto all = store.all_attempts();
    REQUIRE(all.size() == 1);
    CHECK(all[0].overall == doctest::Approx(40));
}

TEST_CASE("files that are not results databases are refused without harm") {
    TempDir dir;
    ResultsStore store;
    std::string error;

    std::string junk = dir.file("junk.db");
    std::ofstream(junk) << "this is not a database, just some text that is long enough to look like a header\n";
    CHECK_FALSE(store.open(junk, &error));
    CHECK_FALSE(error.empty());

    std::string foreign = dir.file("foreign.db");
    REQUIRE(sql_exec(foreign, "CREATE TABLE notes(x TEXT); INSERT INTO notes VALUES ('keep me');") == SQLITE_OK);
    CHECK_FALSE(store.open(foreign, &error));
    CHECK(error.find("not a Turnaround results database") != std::string::npos);
    // The foreign file is untouched.
    CHECK(sql_exec(foreign, "SELECT x FROM notes") == SQLITE_OK);

    std::string newer = dir.file("newer.db");
    {
        ResultsStore s;
        REQUIRE(s.open(newer));
    }
    REQUIRE(sql_exec(newer, "PRAGMA user_version = 999") == SQLITE_OK);
    CHECK_FALSE(store.open(newer, &error));
    CHECK(error.find("newer") != std::string::npos);

    CHECK_FALSE(store.open(dir.file("no/such/folder/r.db"), &error));
}

TEST_CASE("a version 1 database is migrated and keeps its data") {
    TempDir dir;
    std::string path = dir.file("old.db");
    // The version 1 layout, written here by hand as an older program would have left it.
    const char* v1 = R"sql(
CREATE TABLE trainees(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, team TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL);
CREATE TABLE attempts(id INTEGER PRIMARY KEY, trainee_id INTEGER NOT NULL REFERENCES trainees(id),
  scenario_id TEXT NOT NULL, scenario_version TEXT NOT NULL, started_at TEXT NOT NULL, finished_at TEXT NOT NULL,
  completed INTEGER NOT NULL, ending_id TEXT NOT NULL DEFAULT '', ending_type TEXT NOT NULL DEFAULT '',
  choices_json TEXT NOT NULL DEFAULT '[]', turn_ms_json TEXT NOT NULL DEFAULT '[]',
  debrief_json TEXT NOT NULL DEFAULT '', overall REAL NOT NULL DEFAULT 0, passed INTEGER NOT NULL DEFAULT 0);
INSERT INTO trainees VALUES (1, 'Ines', 'Red', '2025-01-01T10:00:00Z');
INSERT INTO trainees VALUES (2, 'INES', '', '2025-01-02T10:00:00Z');
INSERT INTO attempts VALUES (1, 1, 'cake', '1.0', '2025-01-01T10:00:00Z', '2025-01-01T10:04:00Z', 1,
  'happy', 'recovered', '["a#1","b#2"]', '[1500,2500]', '{"overall":81}', 81, 1);
INSERT INTO attempts VALUES (2, 2, 'cake', '1.0', '2025-01-02T10:00:00Z', '2025-01-02T10:01:00Z', 0,
  '', '', 'not json', '[]', '', 0, 0);
PRAGMA user_version = 1;
)sql";
    std::string err;
    REQUIRE_MESSAGE(sql_exec(path, v1, &err) == SQLITE_OK, err);

    ResultsStore store;
    std::string error;
    REQUIRE_MESSAGE(store.open(path, &error), error);
    CHECK(store.schema_version() == ResultsStore::latest_schema_version());
    CHECK(store.integrity_check() == "ok");

    auto ines = store.find_trainee("Ines");
    REQUIRE(ines);
    CHECK(ines->id == 1);
    CHECK(ines->team == "Red");
    // The case-only duplicate kept its history under a distinguishable name.
    auto other = store.trainee(2);
    REQUIRE(other);
    CHECK(other->name == "INES (2)");

    auto first = store.attempts_for(1);
    REQUIRE(first.size() == 1);
    CHECK(first[0].choice_ids == std::vector<std::string>{"a#1", "b#2"});
    CHECK(first[0].turn_ms == std::vector<long long>{1500, 2500});
    CHECK(first[0].overall == doctest::Approx(81));
    CHECK(first[0].passed);
    CHECK(first[0].debrief_json == "{\"overall\":81}");
    CHECK_FALSE(first[0].has_scores);
    CHECK(first[0].choice_path.empty());
    CHECK(is_uuid_v4(first[0].uuid));

    auto second = store.attempts_for(2);
    REQUIRE(second.size() == 1);
    CHECK(second[0].choice_ids.empty());  // malformed JSON reads as no choices, not a crash
    CHECK(is_uuid_v4(second[0].uuid));
    CHECK(second[0].uuid != first[0].uuid);

    // The migrated file takes new attempts and enforces the new rules.
    AttemptRecord a = sample_attempt(1, "cake", 90);
    REQUIRE(store.record_attempt(a));
    CHECK(store.attempts_for(1).size() == 2);
    CHECK_FALSE(store.add_trainee("ines"));
    store.close();
    CHECK(sql_exec(path, "DELETE FROM attempts WHERE id = 1") != SQLITE_OK);
}

TEST_CASE("a writer killed mid-transaction loses nothing it committed and leaves the file intact") {
    TempDir dir;
    std::string path = dir.file("crash.db");
    {
        ResultsStore store;
        REQUIRE(store.open(path));
        REQUIRE(store.add_trainee("Jo"));
    }
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        // The child writes attempts as fast as it can and reports each one once it is committed.
        ::close(fds[0]);
        ResultsStore store;
        if (!store.open(path)) ::_exit(3);
        auto t = store.find_trainee("Jo");
        if (!t) ::_exit(4);
        for (int i = 0;; ++i) {
            AttemptRecord a = sample_attempt(t->id, "crash-" + std::to_string(i % 7), i % 100);
            a.debrief_json = std::string(2000 + (i % 5) * 3000, 'x');  // spread writes over several pages
            if (!store.record_attempt(a)) ::_exit(5);
            std::string line = a.uuid + "\n";
            if (::write(fds[1], line.data(), line.size()) != static_cast<ssize_t>(line.size())) ::_exit(6);
        }
    }
    ::close(fds[1]);
    std::vector<std::string> committed;
    std::string buffer;
    char chunk[4096];
    // Let it commit a good number, then kill it without warning.
    while (committed.size() < 60) {
        ssize_t n = ::read(fds[0], chunk, sizeof chunk);
        REQUIRE(n > 0);
        buffer.append(chunk, static_cast<std::size_t>(n));
        std::size_t nl;
        while ((nl = buffer.find('\n')) != std::string::npos) {
            committed.push_back(buffer.substr(0, nl));
            buffer.erase(0, nl + 1);
        }
    }
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    CHECK(WIFSIGNALED(status));
    // Whatever it reported before dying is committed too.
    ssize_t n;
    while ((n = ::read(fds[0], chunk, sizeof chunk)) > 0) buffer.append(chunk, static_cast<std::size_t>(n));
    ::close(fds[0]);
    std::size_t nl;
    while ((nl = buffer.find('\n')) != std::string::npos) {
        committed.push_back(buffer.substr(0, nl));
        buffer.erase(0, nl + 1);
    }

    ResultsStore store;
    std::string error;
    REQUIRE_MESSAGE(store.open(path, &error), error);
    CHECK(store.integrity_check() == "ok");
    std::size_t missing = 0;
    for (const auto& uuid : committed)
        if (!store.attempt_by_uuid(uuid)) ++missing;
    CHECK(missing == 0);
    CHECK(store.attempt_count() >= static_cast<long long>(committed.size()));
    // And the file still takes new attempts.
    AttemptRecord a = sample_attempt(store.find_trainee("Jo")->id, "after", 50);
    CHECK(store.record_attempt(a));
}

TEST_CASE("several processes and threads writing at once lose nothing") {
    TempDir dir;
    std::string path = dir.file("busy.db");
    constexpr int kProcesses = 4;
    constexpr int kThreads = 3;
    constexpr int kEach = 25;
    // Every writer opens the new file at the same time: creation and migration race as well.
    std::vector<pid_t> children;
    for (int p = 0; p < kProcesses; ++p) {
        pid_t pid = ::fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            ResultsStore store;
            if (!store.open(path)) ::_exit(3);
            std::string name = "proc" + std::to_string(p);
            auto t = store.add_trainee(name);
            if (!t) ::_exit(4);
            for (int i = 0; i < kEach; ++i) {
                AttemptRecord a = sample_attempt(t->id, "s" + std::to_string(i), i);
                if (!store.record_attempt(a)) ::_exit(5);
            }
            ::_exit(0);
        }
        children.push_back(pid);
    }
    std::vector<std::thread> threads;
    std::vector<int> failures(kThreads, 0);
    for (int k = 0; k < kThreads; ++k)
        threads.emplace_back([&, k] {
            ResultsStore store;  // one connection per thread
            if (!store.open(path)) {
                failures[static_cast<std::size_t>(k)] = 1000;
                return;
            }
            auto t = store.add_trainee("thread" + std::to_string(k));
            if (!t) {
                failures[static_cast<std::size_t>(k)] = 1000;
                return;
            }
            for (int i = 0; i < kEach; ++i) {
                AttemptRecord a = sample_attempt(t->id, "s" + std::to_string(i), i);
                if (!store.record_attempt(a)) ++failures[static_cast<std::size_t>(k)];
            }
        });
    for (auto& t : threads) t.join();
    for (pid_t pid : children) {
        int status = 0;
        ::waitpid(pid, &status, 0);
        CHECK(WIFEXITED(status));
        CHECK(WEXITSTATUS(status) == 0);
    }
    for (int f : failures) CHECK(f == 0);

    ResultsStore store;
    REQUIRE(store.open(path));
    CHECK(store.integrity_check() == "ok");
    CHECK(store.attempt_count() == (kProcesses + kThreads) * kEach);
    for (const auto& t : store.trainees()) {
        auto attempts = store.attempts_for(t.id);
        CHECK(attempts.size() == static_cast<std::size_t>(kEach));
        std::set<std::string> scenarios;
        for (const auto& a : attempts) scenarios.insert(a.scenario_id);
        CHECK(scenarios.size() == static_cast<std::size_t>(kEach));
    }
    CHECK(store.trainees().size() == static_cast<std::size_t>(kProcesses + kThreads));
}

TEST_CASE("workshops are recorded with their teams' attempts and votes") {
    TempDir dir;
    ResultsStore store;
    REQUIRE(store.open(dir.file("r.db")));
    WorkshopRecord w;
    w.facilitator = "Kim";
    w.room = "Room 2";
    w.mode = "teams";
    w.scenario_id = "cake";
    w.scenario_title = "Cake";
    w.completed = true;
    for (const char* team : {"Red", "Blue"}) {
        AttemptRecord a = sample_attempt(0, "cake", team[0] == 'R' ? 80 : 45);
        a.team = team;
        w.results.push_back(a);
        w.votes.push_back({team, 0, 0, 3, true, false, "A", "Sorry, let me fix it.", false});
        w.votes.push_back({team, 0, 1, 2, false, false, "B", "Not our fault.", false});
    }
    std::string error;
    REQUIRE_MESSAGE(store.record_workshop(w, &error), error);
    CHECK(w.id > 0);
    auto back = store.workshop(w.id);
    REQUIRE(back);
    CHECK(back->facilitator == "Kim");
    CHECK(back->mode == "teams");
    REQUIRE(back->results.size() == 2);
    CHECK(back->results[0].team == "Red");
    CHECK(back->results[0].workshop_id == w.id);
    CHECK(back->results[1].overall == doctest::Approx(45));
    REQUIRE(back->votes.size() == 4);
    CHECK(back->votes[1].votes == 2);
    CHECK(back->votes[0].chosen);
    // Team attempts are not anyone's personal history.
    CHECK(store.all_attempts().empty());
    CHECK(store.workshops().size() == 1);

    WorkshopRecord bad;
    bad.scenario_id = "x";
    bad.mode = "party";
    CHECK_FALSE(store.record_workshop(bad, &error));
}

TEST_CASE("the data directory follows XDG_DATA_HOME, else HOME") {
    TempDir dir;
    std::string old_xdg = std::getenv("XDG_DATA_HOME") ? std::getenv("XDG_DATA_HOME") : "";
    bool had_xdg = std::getenv("XDG_DATA_HOME") != nullptr;
    ::setenv("XDG_DATA_HOME", dir.path.c_str(), 1);
    CHECK(data_dir() == dir.path + "/turnaround");
    CHECK(default_results_path() == dir.path + "/turnaround/results.db");
    REQUIRE(ensure_dir(data_dir()));
    CHECK(std::filesystem::is_directory(dir.path + "/turnaround"));
    ::setenv("XDG_DATA_HOME", "relative/path", 1);  // ignored, as the spec says
    std::string home = std::getenv("HOME") ? std::getenv("HOME") : "";
    if (!home.empty() && home[0] == '/') CHECK(data_dir() == home + "/.local/share/turnaround");
    if (had_xdg) ::setenv("XDG_DATA_HOME", old_xdg.c_str(), 1);
    else ::unsetenv("XDG_DATA_HOME");
}

TEST_CASE("files are replaced atomically") {
    TempDir dir;
    std::string path = dir.file("out.csv");
    REQUIRE(write_file_atomically(path, "first\n"));
    REQUIRE(write_file_atomically(path, "second\n"));
    std::ifstream in(path);
    std::string content((std::istreambuf_iterator<char>(in)), {});
    CHECK(content == "second\n");
    int leftovers = 0;
    for (auto& e : std::filesystem::directory_iterator(dir.path)) leftovers += e.path().filename() != "out.csv";
    CHECK(leftovers == 0);
    CHECK_FALSE(write_file_atomically(dir.file("missing/dir/out.csv"), "x"));
}
