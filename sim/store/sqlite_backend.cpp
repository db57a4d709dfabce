// sqlite_backend.cpp: the results store in one SQLite file. The schema is an ordered list of
// migrations keyed by PRAGMA user_version; WAL journal, synchronous=FULL, every write in one
// BEGIN IMMEDIATE transaction retried while another process holds the lock.
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <random>
#include <thread>

#include <unistd.h>

#include "store_backend.h"

namespace ta::store {

namespace {

// "TURN" in ASCII: marks the file as a Turnaround results database.
constexpr int kApplicationId = 0x5455524E;

struct Migration {
    int version;  // user_version after this step
    const char* sql;
};

// Append new steps at the end; never edit a released one.
const Migration kMigrations[] = {
    {1, R"sql(
CREATE TABLE trainees(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  team TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL);
CREATE TABLE attempts(
  id INTEGER PRIMARY KEY,
  trainee_id INTEGER NOT NULL REFERENCES trainees(id),
  scenario_id TEXT NOT NULL,
  scenario_version TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  completed INTEGER NOT NULL,
  ending_id TEXT NOT NULL DEFAULT '',
  ending_type TEXT NOT NULL DEFAULT '',
  choices_json TEXT NOT NULL DEFAULT '[]',
  turn_ms_json TEXT NOT NULL DEFAULT '[]',
  debrief_json TEXT NOT NULL DEFAULT '',
  overall REAL NOT NULL DEFAULT 0,
  passed INTEGER NOT NULL DEFAULT 0);
)sql"},
    // v2: per-competency scores, titles, bands, stable ids, replay paths, workshops, names unique
    // in any letter case, and append-only attempts enforced by the database itself.
    {2, R"sql(
CREATE TABLE workshops(
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  facilitator TEXT NOT NULL DEFAULT '',
  room TEXT NOT NULL DEFAULT '',
  mode TEXT NOT NULL,
  scenario_id TEXT NOT NULL,
  scenario_version TEXT NOT NULL,
  scenario_title TEXT NOT NULL DEFAULT '',
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  completed INTEGER NOT NULL);
CREATE TABLE attempts_v2(
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  trainee_id INTEGER REFERENCES trainees(id),
  workshop_id INTEGER REFERENCES workshops(id),
  team TEXT NOT NULL DEFAULT '',
  scenario_id TEXT NOT NULL,
  scenario_version TEXT NOT NULL,
  scenario_title TEXT NOT NULL DEFAULT '',
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  completed INTEGER NOT NULL,
  ending_id TEXT NOT NULL DEFAULT '',
  ending_type TEXT NOT NULL DEFAULT '',
  choices_json TEXT NOT NULL DEFAULT '[]',
  choice_path_json TEXT,
  turn_ms_json TEXT NOT NULL DEFAULT '[]',
  debrief_json TEXT NOT NULL DEFAULT '',
  overall REAL NOT NULL DEFAULT 0,
  score_listening REAL,
  score_apology REAL,
  score_solution REAL,
  score_follow_up REAL,
  score_composure REAL,
  passed INTEGER NOT NULL DEFAULT 0,
  band TEXT NOT NULL DEFAULT '',
  CHECK (trainee_id IS NOT NULL OR workshop_id IS NOT NULL));
INSERT INTO attempts_v2(id, uuid, trainee_id, scenario_id, scenario_version, started_at, finished_at,
                        completed, ending_id, ending_type, choices_json, turn_ms_json, debrief_json,
                        overall, passed)
  SELECT id,
         lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' ||
               substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
         trainee_id, scenario_id, scenario_version, started_at, finished_at, completed, ending_id, ending_type,
         choices_json, turn_ms_json, debrief_json, overall, passed
  FROM attempts;
DROP TABLE attempts;
ALTER TABLE attempts_v2 RENAME TO attempts;
CREATE INDEX attempts_by_trainee ON attempts(trainee_id, scenario_id);
CREATE INDEX attempts_by_workshop ON attempts(workshop_id);
CREATE TABLE workshop_votes(
  workshop_id INTEGER NOT NULL REFERENCES workshops(id),
  team TEXT NOT NULL,
  turn INTEGER NOT NULL,
  choice_index INTEGER NOT NULL,
  votes INTEGER NOT NULL,
  chosen INTEGER NOT NULL,
  overridden INTEGER NOT NULL,
  PRIMARY KEY (workshop_id, team, turn, choice_index));
UPDATE trainees SET name = name || ' (' || id || ')'
  WHERE EXISTS (SELECT 1 FROM trainees t WHERE t.name = trainees.name COLLATE NOCASE AND t.id < trainees.id);
CREATE UNIQUE INDEX trainees_name_nocase ON trainees(name COLLATE NOCASE);
CREATE TRIGGER attempts_append_only_u BEFORE UPDATE ON attempts BEGIN SELECT RAISE(ABORT, 'attempts are append-only'); END;
CREATE TRIGGER attempts_append_only_d BEFORE DELETE ON attempts BEGIN SELECT RAISE(ABORT, 'attempts are append-only'); END;
CREATE TRIGGER workshops_append_only_u BEFORE UPDATE ON workshops BEGIN SELECT RAISE(ABORT, 'workshops are append-only'); END;
CREATE TRIGGER workshops_append_only_d BEFORE DELETE ON workshops BEGIN SELECT RAISE(ABORT, 'workshops are append-only'); END;
CREATE TRIGGER votes_append_only_u BEFORE UPDATE ON workshop_votes BEGIN SELECT RAISE(ABORT, 'votes are append-only'); END;
CREATE TRIGGER votes_append_only_d BEFORE DELETE ON workshop_votes BEGIN SELECT RAISE(ABORT, 'votes are append-only'); END;
)sql"},
    // v3: the seed the replies were shown shuffled by (NULL: file order, and every older row). A
    // 64-bit seed is stored as the signed integer with the same bits.
    {3, R"sql(
ALTER TABLE attempts ADD COLUMN order_seed INTEGER;
ALTER TABLE workshops ADD COLUMN order_seed INTEGER;
)sql"},
    // v4: rooms where phones vote. Each count keeps the option's letter and text as the room saw
    // them and whether the top was tied; each participant's last vote per decision is kept too.
    {4, R"sql(
ALTER TABLE workshop_votes ADD COLUMN letter TEXT NOT NULL DEFAULT '';
ALTER TABLE workshop_votes ADD COLUMN text TEXT NOT NULL DEFAULT '';
ALTER TABLE workshop_votes ADD COLUMN tie INTEGER NOT NULL DEFAULT 0;
ALTER TABLE workshops ADD COLUMN participants INTEGER NOT NULL DEFAULT 0;
CREATE TABLE workshop_ballots(
  workshop_id INTEGER NOT NULL REFERENCES workshops(id),
  turn INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  participant TEXT NOT NULL,
  team TEXT NOT NULL,
  letter TEXT NOT NULL,
  choice_id TEXT NOT NULL,
  text TEXT NOT NULL,
  node_id TEXT NOT NULL,
  uuid TEXT NOT NULL UNIQUE,
  PRIMARY KEY (workshop_id, turn, seq));
CREATE TRIGGER ballots_append_only_u BEFORE UPDATE ON workshop_ballots BEGIN SELECT RAISE(ABORT, 'ballots are append-only'); END;
CREATE TRIGGER ballots_append_only_d BEFORE DELETE ON workshop_ballots BEGIN SELECT RAISE(ABORT, 'ballots are append-only'); END;
)sql"},
    // v5: the outbox of a store that records first and delivers to a shared server later: which
    // attempt or session (by uuid) the server confirmed it holds. Rows are only ever added.
    {5, R"sql(
CREATE TABLE IF NOT EXISTS deliveries(
  uuid TEXT NOT NULL,
  server TEXT NOT NULL,
  delivered_at TEXT NOT NULL,
  PRIMARY KEY (uuid, server));
)sql"},
};

constexpr int kLatestVersion = kLatestSchemaVersion;
constexpr int kBusyTimeoutMs = 10000;
constexpr int kMaxTries = 40;

const char* kAttemptColumns =
    "id, uuid, IFNULL(trainee_id, 0), IFNULL(workshop_id, 0), team, scenario_id, scenario_version, scenario_title, "
    "started_at, finished_at, completed, ending_id, ending_type, choices_json, choice_path_json, turn_ms_json, "
    "debrief_json, overall, score_listening, score_apology, score_solution, score_follow_up, score_composure, "
    "passed, band, order_seed";

// SQLite integers are signed 64-bit: a seed keeps its bits, read back as the same unsigned value.
long long seed_to_sql(std::uint64_t seed) { return static_cast<long long>(seed); }
std::uint64_t seed_from_sql(long long v) { return static_cast<std::uint64_t>(v); }

// A prepared statement that finalises itself.
class Stmt {
public:
    Stmt(sqlite3* db, const char* sql) : db_(db) { rc_ = sqlite3_prepare_v2(db, sql, -1, &s_, nullptr); }
    ~Stmt() { sqlite3_finalize(s_); }
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;

    bool ok() const { return rc_ == SQLITE_OK && s_; }
    int prepare_rc() const { return rc_; }
    void bind(int i, const std::string& v) { sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT); }
    void bind(int i, long long v) { sqlite3_bind_int64(s_, i, v); }
    void bind(int i, int v) { sqlite3_bind_int64(s_, i, v); }
    void bind(int i, bool v) { sqlite3_bind_int64(s_, i, v ? 1 : 0); }
    void bind(int i, double v) { sqlite3_bind_double(s_, i, v); }
    void bind_null(int i) { sqlite3_bind_null(s_, i); }
    void bind_id(int i, long long v) {  // 0 means "none"
        if (v) bind(i, v);
        else bind_null(i);
    }
    void bind_seed(int i, const std::optional<std::uint64_t>& seed) {
        if (seed) bind(i, seed_to_sql(*seed));
        else bind_null(i);
    }
    int step() { return ok() ? sqlite3_step(s_) : rc_; }
    void reset() {
        sqlite3_reset(s_);
        sqlite3_clear_bindings(s_);
    }

    std::string text(int i) const {
        const unsigned char* t = sqlite3_column_text(s_, i);
        return t ? std::string(reinterpret_cast<const char*>(t), static_cast<std::size_t>(sqlite3_column_bytes(s_, i)))
                 : std::string();
    }
    long long i64(int i) const { return sqlite3_column_int64(s_, i); }
    double real(int i) const { return sqlite3_column_double(s_, i); }
    bool is_null(int i) const { return sqlite3_column_type(s_, i) == SQLITE_NULL; }

private:
    sqlite3* db_;
    sqlite3_stmt* s_ = nullptr;
    int rc_ = SQLITE_ERROR;
};

bool is_busy(int rc) { return (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED; }

void backoff(int attempt) {
    thread_local std::minstd_rand rng{std::random_device{}()};
    int base = 2 << std::min(attempt, 7);  // 2 ms .. 256 ms, with jitter so writers spread out
    std::this_thread::sleep_for(std::chrono::milliseconds(base + static_cast<int>(rng() % static_cast<unsigned>(base))));
}

void set_error(std::string* error, const std::string& what, sqlite3* db) {
    if (error) *error = what + (db ? std::string(": ") + sqlite3_errmsg(db) : std::string());
}

// Runs `body` inside BEGIN IMMEDIATE ... COMMIT. `body` returns an SQLite result code
// (SQLITE_OK/SQLITE_DONE for success). Busy and locked databases are waited for and retried.
template <class Body>
bool write_transaction(sqlite3* db, Body&& body, std::string* error) {
    for (int attempt = 0; attempt < kMaxTries; ++attempt) {
        int rc = sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
        if (is_busy(rc)) {
            backoff(attempt);
            continue;
        }
        if (rc != SQLITE_OK) {
            set_error(error, "cannot start a transaction", db);
            return false;
        }
        int brc = body();
        if (brc == SQLITE_OK || brc == SQLITE_DONE) {
            for (int c = 0; c < kMaxTries; ++c) {
                rc = sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
                if (!is_busy(rc)) break;
                backoff(c);
            }
            if (rc == SQLITE_OK) return true;
            set_error(error, "cannot commit", db);
        } else if (error && error->empty()) {
            set_error(error, "write failed", db);
        }
        sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
        if (!is_busy(brc) && !is_busy(rc)) return false;
        if (error) error->clear();
        backoff(attempt);
    }
    if (error) *error = "the results database stayed busy; try again";
    return false;
}

int exec_script(sqlite3* db, const char* sql) { return sqlite3_exec(db, sql, nullptr, nullptr, nullptr); }

int pragma_int(sqlite3* db, const char* sql, int* out) {
    Stmt s(db, sql);
    if (!s.ok()) return s.prepare_rc();
    int rc = s.step();
    if (rc == SQLITE_ROW) {
        *out = static_cast<int>(s.i64(0));
        return SQLITE_OK;
    }
    return rc;
}

// Reads a JSON array with SQLite's own JSON functions (robust against whatever an old file holds).
std::vector<std::string> json_array_texts(sqlite3* db, const std::string& json) {
    std::vector<std::string> out;
    Stmt s(db, "SELECT CAST(value AS TEXT) FROM json_each(CASE WHEN json_valid(?1) THEN ?1 ELSE '[]' END) ORDER BY key");
    s.bind(1, json);
    while (s.step() == SQLITE_ROW) out.push_back(s.text(0));
    return out;
}

std::vector<long long> json_array_ints(sqlite3* db, const std::string& json) {
    std::vector<long long> out;
    Stmt s(db, "SELECT CAST(value AS INTEGER) FROM json_each(CASE WHEN json_valid(?1) THEN ?1 ELSE '[]' END) ORDER BY key");
    s.bind(1, json);
    while (s.step() == SQLITE_ROW) out.push_back(s.i64(0));
    return out;
}

AttemptRecord read_attempt(sqlite3* db, const Stmt& s) {
    AttemptRecord a;
    a.id = s.i64(0);
    a.uuid = s.text(1);
    a.trainee_id = s.i64(2);
    a.workshop_id = s.i64(3);
    a.team = s.text(4);
    a.scenario_id = s.text(5);
    a.scenario_version = s.text(6);
    a.scenario_title = s.text(7);
    a.started_at = s.text(8);
    a.finished_at = s.text(9);
    a.completed = s.i64(10) != 0;
    a.ending_id = s.text(11);
    a.ending_type = s.text(12);
    a.choice_ids = json_array_texts(db, s.text(13));
    if (!s.is_null(14))
        for (long long v : json_array_ints(db, s.text(14))) a.choice_path.push_back(static_cast<int>(v));
    a.turn_ms = json_array_ints(db, s.text(15));
    a.debrief_json = s.text(16);
    a.overall = s.real(17);
    a.has_scores = false;
    for (int c = 0; c < kCompetencyCount; ++c) {
        a.scored[static_cast<std::size_t>(c)] = !s.is_null(18 + c);
        a.has_scores = a.has_scores || !s.is_null(18 + c);
        a.scores[static_cast<std::size_t>(c)] = s.real(18 + c);
    }
    a.passed = s.i64(23) != 0;
    a.band = s.text(24);
    if (!s.is_null(25)) a.order_seed = seed_from_sql(s.i64(25));
    return a;
}


// What a file says it is, read without writing anything (the header pragmas only read page 1).
enum class Kind { Ours, Empty, Foreign, Newer, Unreadable };

Kind inspect(sqlite3* db, int* version_out) {
    // One statement, so one snapshot: another process may be creating the schema right now, and
    // its tables must not be seen without its user_version (that would look like a foreign file).
    Stmt s(db,
           "SELECT (SELECT user_version FROM pragma_user_version), (SELECT application_id FROM pragma_application_id), "
           "(SELECT count(*) FROM sqlite_schema WHERE type = 'table')");
    int rc = s.step();
    for (int attempt = 0; is_busy(rc) && attempt < kMaxTries; ++attempt) {
        backoff(attempt);
        s.reset();
        rc = s.step();
    }
    if (rc != SQLITE_ROW) return Kind::Unreadable;
    const int version = static_cast<int>(s.i64(0)), app = static_cast<int>(s.i64(1)), tables = static_cast<int>(s.i64(2));
    if (version_out) *version_out = version;
    if ((app != 0 && app != kApplicationId) || (version == 0 && tables > 0)) return Kind::Foreign;
    if (version > kLatestVersion) return Kind::Newer;
    return version == 0 ? Kind::Empty : Kind::Ours;
}

std::string refusal(Kind k, const std::string& path) {
    if (k == Kind::Foreign) return path + " is not a Turnaround results database";
    if (k == Kind::Newer) return path + " was written by a newer version of Turnaround; update the program";
    return path + " is not a usable results database";
}

// A file name as an SQLite URI path (for ?immutable=1): the characters URIs give a meaning escaped.
std::string uri_path(const std::string& path) {
    std::string out;
    for (unsigned char c : path) {
        if (c == '%' || c == '?' || c == '#' || c < 0x21 || c == 0x7f) {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", c);
            out += buf;
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

WorkshopRecord read_workshop_row(const Stmt& s) {
    WorkshopRecord w;
    w.id = s.i64(0);
    w.uuid = s.text(1);
    w.facilitator = s.text(2);
    w.room = s.text(3);
    w.mode = s.text(4);
    w.scenario_id = s.text(5);
    w.scenario_version = s.text(6);
    w.scenario_title = s.text(7);
    w.started_at = s.text(8);
    w.finished_at = s.text(9);
    w.completed = s.i64(10) != 0;
    if (!s.is_null(11)) w.order_seed = seed_from_sql(s.i64(11));
    w.participants = static_cast<int>(s.i64(12));
    return w;
}
constexpr const char* kWorkshopColumns =
    "id, uuid, facilitator, room, mode, scenario_id, scenario_version, scenario_title, started_at, finished_at, "
    "completed, order_seed, participants";

// Inserts one attempt row unless its uuid is stored already; returns the SQLite result code
// (SQLITE_DONE on success, a duplicate included).
int insert_attempt_row(sqlite3* db, AttemptRecord& a, bool* duplicate) {
    Stmt s(db,
           "INSERT INTO attempts(uuid, trainee_id, workshop_id, team, scenario_id, scenario_version, scenario_title, "
           "started_at, finished_at, completed, ending_id, ending_type, choices_json, choice_path_json, turn_ms_json, "
           "debrief_json, overall, score_listening, score_apology, score_solution, score_follow_up, score_composure, "
           "passed, band, order_seed) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
           "?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25) ON CONFLICT(uuid) DO NOTHING");
    if (!s.ok()) return s.prepare_rc();
    s.bind(1, a.uuid);
    s.bind_id(2, a.trainee_id);
    s.bind_id(3, a.workshop_id);
    s.bind(4, a.team);
    s.bind(5, a.scenario_id);
    s.bind(6, a.scenario_version);
    s.bind(7, a.scenario_title);
    s.bind(8, a.started_at);
    s.bind(9, a.finished_at);
    s.bind(10, a.completed);
    s.bind(11, a.ending_id);
    s.bind(12, a.ending_type);
    s.bind(13, json_string_array(a.choice_ids));
    s.bind(14, json_number_array(a.choice_path));
    s.bind(15, json_number_array(a.turn_ms));
    s.bind(16, a.debrief_json);
    s.bind(17, a.overall);
    for (int c = 0; c < kCompetencyCount; ++c) {
        if (a.is_scored(c)) s.bind(18 + c, a.scores[static_cast<std::size_t>(c)]);
        else s.bind_null(18 + c);
    }
    s.bind(23, a.passed);
    s.bind(24, a.band);
    s.bind_seed(25, a.order_seed);
    int rc = s.step();
    if (rc != SQLITE_DONE) return rc;
    if (sqlite3_changes(db) == 1) {
        a.id = sqlite3_last_insert_rowid(db);
        if (duplicate) *duplicate = false;
        return rc;
    }
    Stmt existing(db, "SELECT id FROM attempts WHERE uuid = ?1");
    existing.bind(1, a.uuid);
    if ((rc = existing.step()) != SQLITE_ROW) return rc;
    a.id = existing.i64(0);
    if (duplicate) *duplicate = true;
    return SQLITE_DONE;
}

class SqliteBackend final : public StoreBackend {
public:
    explicit SqliteBackend(std::string path) : path_(std::move(path)) {}
    ~SqliteBackend() override {
        if (db_) sqlite3_close_v2(db_);
    }

    bool open(bool read_only, bool* missing, std::string* error);

    int schema_version() const override {
        int v = -1;
        pragma_int(db_, "PRAGMA user_version", &v);
        return v;
    }
    std::string last_error() const override { return sqlite3_errmsg(db_); }
    std::string integrity_check() const override;

    bool insert_trainee(Trainee& t, bool* taken, std::string* error) override;
    std::optional<Trainee> find_trainee(const std::string& name) const override;
    std::optional<Trainee> trainee(long long id) const override;
    std::vector<Trainee> trainees() const override;

    bool insert_attempt(AttemptRecord& a, bool* duplicate, std::string* error) override {
        return write_transaction(db_, [&] { return insert_attempt_row(db_, a, duplicate); }, error);
    }
    std::vector<AttemptRecord> attempts_for(long long trainee_id) const override {
        return query_attempts("trainee_id = ?1", trainee_id);
    }
    std::vector<AttemptRecord> all_attempts() const override {
        return query_attempts("trainee_id IS NOT NULL AND ?1 = ?1", 0);
    }
    std::optional<AttemptRecord> attempt_by_uuid(const std::string& uuid) const override;
    std::optional<AttemptRecord> best_result(long long trainee_id, const std::string& scenario_id) const override;
    long long attempt_count() const override {
        int n = 0;
        pragma_int(db_, "SELECT count(*) FROM attempts", &n);
        return n;
    }

    bool insert_workshop(WorkshopRecord& w, bool* duplicate, std::string* error) override;
    std::optional<WorkshopRecord> workshop(long long id) const override;
    std::vector<WorkshopRecord> workshops() const override;

    std::vector<std::string> undelivered_attempts(const std::string& server) const override {
        std::vector<std::string> out;
        Stmt s(db_,
               "SELECT uuid FROM attempts WHERE trainee_id IS NOT NULL AND uuid NOT IN "
               "(SELECT uuid FROM deliveries WHERE server = ?1) ORDER BY id");
        s.bind(1, server);
        while (s.step() == SQLITE_ROW) out.push_back(s.text(0));
        return out;
    }
    std::vector<long long> undelivered_workshops(const std::string& server) const override {
        std::vector<long long> out;
        Stmt s(db_, "SELECT id FROM workshops WHERE uuid NOT IN (SELECT uuid FROM deliveries WHERE server = ?1) ORDER BY id");
        s.bind(1, server);
        while (s.step() == SQLITE_ROW) out.push_back(s.i64(0));
        return out;
    }
    bool mark_delivered(const std::string& uuid, const std::string& server, std::string* error) override {
        return write_transaction(
            db_,
            [&] {
                Stmt s(db_, "INSERT INTO deliveries(uuid, server, delivered_at) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING");
                s.bind(1, uuid);
                s.bind(2, server);
                s.bind(3, now_utc_iso8601());
                return s.step();
            },
            error);
    }

private:
    bool open_for_reading(bool* missing, std::string* error);
    bool open_for_writing(std::string* error);
    bool migrate(std::string* error);
    std::vector<AttemptRecord> query_attempts(const std::string& where, long long arg) const;
    std::vector<Trainee> query_trainees(const char* sql, const std::string* text_arg, long long id_arg) const;
    void close() {
        if (db_) sqlite3_close_v2(db_);
        db_ = nullptr;
    }

    std::string path_;
    sqlite3* db_ = nullptr;
};

bool SqliteBackend::open(bool read_only, bool* missing, std::string* error) {
    if (missing) *missing = false;
    return read_only ? open_for_reading(missing, error) : open_for_writing(error);
}

bool SqliteBackend::open_for_reading(bool* missing, std::string* error) {
    if (::access(path_.c_str(), F_OK) != 0) {
        if (missing) *missing = true;
        // Nothing recorded yet: an empty store in memory, and no file created.
        if (sqlite3_open_v2(":memory:", &db_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK || !migrate(error)) {
            set_error(error, "cannot open an empty results store", db_);
            close();
            return false;
        }
        return true;
    }
    // Read-only first; a WAL database on a share this user cannot write may need ?immutable=1.
    int version = 0;
    Kind kind = Kind::Unreadable;
    for (int variant = 0; variant < 2 && kind == Kind::Unreadable; ++variant) {
        close();
        const std::string name = variant == 0 ? path_ : "file:" + uri_path(path_) + "?immutable=1";
        const int flags = SQLITE_OPEN_READONLY | (variant == 0 ? 0 : SQLITE_OPEN_URI);
        if (sqlite3_open_v2(name.c_str(), &db_, flags, nullptr) != SQLITE_OK) continue;
        sqlite3_extended_result_codes(db_, 1);
        sqlite3_busy_timeout(db_, kBusyTimeoutMs);
        kind = inspect(db_, &version);
    }
    if (kind != Kind::Ours && kind != Kind::Empty) {
        if (error)
            *error = kind == Kind::Unreadable ? "cannot read " + path_ + ": " + (db_ ? last_error() : "cannot open")
                                              : refusal(kind, path_);
        close();
        return false;
    }
    if (version == kLatestVersion) return true;
    // An older schema: read a migrated copy in memory; the file itself stays as it is.
    sqlite3* mem = nullptr;
    sqlite3_open_v2(":memory:", &mem, SQLITE_OPEN_READWRITE, nullptr);
    sqlite3_backup* b = mem ? sqlite3_backup_init(mem, "main", db_, "main") : nullptr;
    const int rc = b ? sqlite3_backup_step(b, -1) : SQLITE_ERROR;
    if (b) sqlite3_backup_finish(b);
    sqlite3_close_v2(db_);
    db_ = mem;
    if (rc != SQLITE_DONE || !migrate(error)) {
        if (error && error->empty()) *error = "cannot read " + path_ + ": " + last_error();
        close();
        return false;
    }
    return true;
}

bool SqliteBackend::open_for_writing(std::string* error) {
    if (sqlite3_open_v2(path_.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
        set_error(error, "cannot open " + path_, db_);
        close();
        return false;
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, kBusyTimeoutMs);
    // Refuse a file that is not ours (or is newer) before touching it: no WAL switch, no migration.
    if (Kind k = inspect(db_, nullptr); k == Kind::Foreign || k == Kind::Newer) {
        if (error) *error = refusal(k, path_);
        close();
        return false;
    }

    // Switching to WAL needs a moment alone with the file; other openers may be mid-switch too.
    int rc = SQLITE_OK;
    for (int attempt = 0; attempt < kMaxTries; ++attempt) {
        Stmt s(db_, "PRAGMA journal_mode=WAL");
        rc = s.ok() ? s.step() : s.prepare_rc();
        if (rc == SQLITE_ROW || !is_busy(rc)) break;
        backoff(attempt);
    }
    if (rc != SQLITE_ROW) {
        set_error(error, path_ + " is not a usable results database", db_);
        close();
        return false;
    }
    // FULL: in WAL mode, NORMAL may drop the last commits on power loss; a recorded attempt must stay.
    if (exec_script(db_, "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;") != SQLITE_OK) {
        set_error(error, "cannot configure " + path_, db_);
        close();
        return false;
    }
    if (!migrate(error)) {
        close();
        return false;
    }
    return true;
}

bool SqliteBackend::migrate(std::string* error) {
    std::string inner;
    bool newer = false, foreign = false;
    bool ok = write_transaction(
        db_,
        [&]() -> int {
            int version = 0, app = 0, tables = 0;
            int rc = pragma_int(db_, "PRAGMA user_version", &version);
            if (rc != SQLITE_OK) return rc;
            if ((rc = pragma_int(db_, "PRAGMA application_id", &app)) != SQLITE_OK) return rc;
            if ((rc = pragma_int(db_, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'", &tables)) != SQLITE_OK)
                return rc;
            if ((app != 0 && app != kApplicationId) || (version == 0 && tables > 0)) {
                foreign = true;
                return SQLITE_ERROR;
            }
            if (version > kLatestVersion) {
                newer = true;
                return SQLITE_ERROR;
            }
            for (const Migration& m : kMigrations) {
                if (m.version <= version) continue;
                if ((rc = exec_script(db_, m.sql)) != SQLITE_OK) {
                    inner = "migrating to schema " + std::to_string(m.version) + ": " + sqlite3_errmsg(db_);
                    return rc;
                }
            }
            std::string pragmas = "PRAGMA user_version=" + std::to_string(kLatestVersion) +
                                  "; PRAGMA application_id=" + std::to_string(kApplicationId) + ";";
            return exec_script(db_, pragmas.c_str());
        },
        &inner);
    if (ok) return true;
    if (error) {
        if (foreign) *error = refusal(Kind::Foreign, path_);
        else if (newer) *error = refusal(Kind::Newer, path_);
        else *error = path_ + ": " + inner;
    }
    return false;
}

std::string SqliteBackend::integrity_check() const {
    Stmt s(db_, "PRAGMA integrity_check");
    std::string out;
    while (s.step() == SQLITE_ROW) {
        if (!out.empty()) out += '\n';
        out += s.text(0);
    }
    return out.empty() ? std::string("integrity_check returned nothing: ") + sqlite3_errmsg(db_) : out;
}

bool SqliteBackend::insert_trainee(Trainee& t, bool* taken, std::string* error) {
    return write_transaction(
        db_,
        [&]() -> int {
            Stmt s(db_, "INSERT INTO trainees(name, team, created_at) VALUES (?1, ?2, ?3)");
            s.bind(1, t.name);
            s.bind(2, t.team);
            s.bind(3, t.created_at);
            int rc = s.step();
            if ((rc & 0xff) == SQLITE_CONSTRAINT && taken) *taken = true;
            if (rc == SQLITE_DONE) t.id = sqlite3_last_insert_rowid(db_);
            return rc;
        },
        error);
}

std::vector<Trainee> SqliteBackend::query_trainees(const char* sql, const std::string* text_arg,
                                                   long long id_arg) const {
    std::vector<Trainee> out;
    Stmt s(db_, sql);
    if (text_arg) s.bind(1, *text_arg);
    else if (id_arg) s.bind(1, id_arg);
    while (s.step() == SQLITE_ROW) out.push_back({s.i64(0), s.text(1), s.text(2), s.text(3)});
    return out;
}

std::optional<Trainee> SqliteBackend::find_trainee(const std::string& name) const {
    auto v = query_trainees("SELECT id, name, team, created_at FROM trainees WHERE name = ?1 COLLATE NOCASE", &name, 0);
    if (v.empty()) return std::nullopt;
    return v.front();
}

std::optional<Trainee> SqliteBackend::trainee(long long id) const {
    auto v = query_trainees("SELECT id, name, team, created_at FROM trainees WHERE id = ?1", nullptr, id);
    if (v.empty()) return std::nullopt;
    return v.front();
}

std::vector<Trainee> SqliteBackend::trainees() const {
    return query_trainees("SELECT id, name, team, created_at FROM trainees ORDER BY name COLLATE NOCASE", nullptr, 0);
}

std::vector<AttemptRecord> SqliteBackend::query_attempts(const std::string& where, long long arg) const {
    std::vector<AttemptRecord> out;
    std::string sql = std::string("SELECT ") + kAttemptColumns + " FROM attempts WHERE " + where +
                      " ORDER BY finished_at, id";
    Stmt s(db_, sql.c_str());
    s.bind(1, arg);
    while (s.step() == SQLITE_ROW) out.push_back(read_attempt(db_, s));
    return out;
}

std::optional<AttemptRecord> SqliteBackend::attempt_by_uuid(const std::string& uuid) const {
    std::string sql = std::string("SELECT ") + kAttemptColumns + " FROM attempts WHERE uuid = ?1";
    Stmt s(db_, sql.c_str());
    s.bind(1, uuid);
    if (s.step() != SQLITE_ROW) return std::nullopt;
    return read_attempt(db_, s);
}

std::optional<AttemptRecord> SqliteBackend::best_result(long long trainee_id, const std::string& scenario_id) const {
    std::string sql = std::string("SELECT ") + kAttemptColumns +
                      " FROM attempts WHERE trainee_id = ?1 AND scenario_id = ?2 AND completed = 1"
                      " ORDER BY overall DESC, finished_at, id LIMIT 1";
    Stmt s(db_, sql.c_str());
    s.bind(1, trainee_id);
    s.bind(2, scenario_id);
    if (s.step() != SQLITE_ROW) return std::nullopt;
    return read_attempt(db_, s);
}

bool SqliteBackend::insert_workshop(WorkshopRecord& w, bool* duplicate, std::string* error) {
    if (duplicate) *duplicate = false;
    return write_transaction(
        db_,
        [&]() -> int {
            Stmt known(db_, "SELECT id FROM workshops WHERE uuid = ?1");
            known.bind(1, w.uuid);
            int rc = known.step();
            if (rc == SQLITE_ROW) {
                w.id = known.i64(0);
                if (duplicate) *duplicate = true;
                return SQLITE_OK;
            }
            if (rc != SQLITE_DONE) return rc;
            Stmt s(db_,
                   "INSERT INTO workshops(uuid, facilitator, room, mode, scenario_id, scenario_version, scenario_title, "
                   "started_at, finished_at, completed, order_seed, participants) "
                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
            s.bind(1, w.uuid);
            s.bind(2, w.facilitator);
            s.bind(3, w.room);
            s.bind(4, w.mode);
            s.bind(5, w.scenario_id);
            s.bind(6, w.scenario_version);
            s.bind(7, w.scenario_title);
            s.bind(8, w.started_at);
            s.bind(9, w.finished_at);
            s.bind(10, w.completed);
            s.bind_seed(11, w.order_seed);
            s.bind(12, w.participants);
            if ((rc = s.step()) != SQLITE_DONE) return rc;
            w.id = sqlite3_last_insert_rowid(db_);
            for (AttemptRecord& a : w.results) {
                a.workshop_id = w.id;
                if ((rc = insert_attempt_row(db_, a, nullptr)) != SQLITE_DONE) return rc;
            }
            Stmt v(db_,
                   "INSERT INTO workshop_votes(workshop_id, team, turn, choice_index, votes, chosen, overridden, "
                   "letter, text, tie) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
            for (const VoteRecord& vote : w.votes) {
                v.reset();
                v.bind(1, w.id);
                v.bind(2, vote.team);
                v.bind(3, vote.turn);
                v.bind(4, vote.choice_index);
                v.bind(5, vote.votes);
                v.bind(6, vote.chosen);
                v.bind(7, vote.overridden);
                v.bind(8, vote.letter);
                v.bind(9, vote.text);
                v.bind(10, vote.tie);
                if ((rc = v.step()) != SQLITE_DONE) return rc;
            }
            Stmt b(db_,
                   "INSERT INTO workshop_ballots(workshop_id, turn, seq, participant, team, letter, choice_id, text, "
                   "node_id, uuid) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
            for (std::size_t k = 0; k < w.ballots.size(); ++k) {
                const BallotRecord& ballot = w.ballots[k];
                b.reset();
                b.bind(1, w.id);
                b.bind(2, ballot.turn);
                b.bind(3, static_cast<long long>(k));
                b.bind(4, ballot.participant);
                b.bind(5, ballot.team);
                b.bind(6, ballot.letter);
                b.bind(7, ballot.choice_id);
                b.bind(8, ballot.text);
                b.bind(9, ballot.node_id);
                b.bind(10, ballot.uuid);
                if ((rc = b.step()) != SQLITE_DONE) return rc;
            }
            return SQLITE_OK;
        },
        error);
}

std::optional<WorkshopRecord> SqliteBackend::workshop(long long id) const {
    std::string sql = std::string("SELECT ") + kWorkshopColumns + " FROM workshops WHERE id = ?1";
    Stmt s(db_, sql.c_str());
    s.bind(1, id);
    if (s.step() != SQLITE_ROW) return std::nullopt;
    WorkshopRecord w = read_workshop_row(s);
    w.results = query_attempts("workshop_id = ?1", id);
    Stmt v(db_,
           "SELECT team, turn, choice_index, votes, chosen, overridden, letter, text, tie FROM workshop_votes "
           "WHERE workshop_id = ?1 ORDER BY rowid");
    v.bind(1, id);
    while (v.step() == SQLITE_ROW)
        w.votes.push_back({v.text(0), static_cast<int>(v.i64(1)), static_cast<int>(v.i64(2)),
                           static_cast<int>(v.i64(3)), v.i64(4) != 0, v.i64(5) != 0, v.text(6), v.text(7),
                           v.i64(8) != 0});
    Stmt b(db_,
           "SELECT turn, participant, team, letter, choice_id, text, node_id, uuid FROM workshop_ballots "
           "WHERE workshop_id = ?1 ORDER BY turn, seq");
    b.bind(1, id);
    while (b.step() == SQLITE_ROW)
        w.ballots.push_back({static_cast<int>(b.i64(0)), b.text(1), b.text(2), b.text(3), b.text(4), b.text(5),
                             b.text(6), b.text(7)});
    return w;
}

std::vector<WorkshopRecord> SqliteBackend::workshops() const {
    std::vector<WorkshopRecord> out;
    std::vector<long long> ids;
    Stmt s(db_, "SELECT id FROM workshops ORDER BY started_at, id");
    while (s.step() == SQLITE_ROW) ids.push_back(s.i64(0));
    for (long long id : ids)
        if (auto w = workshop(id)) out.push_back(std::move(*w));
    return out;
}

}  // namespace

std::unique_ptr<StoreBackend> open_sqlite_backend(const std::string& path, bool read_only, bool* missing,
                                                  std::string* error) {
    auto backend = std::make_unique<SqliteBackend>(path);
    if (!backend->open(read_only, missing, error)) return nullptr;
    return backend;
}

}  // namespace ta::store
