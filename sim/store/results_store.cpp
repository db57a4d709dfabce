// All of the results store's SQL lives in this file: the schema as an ordered list of migrations
// keyed by PRAGMA user_version, then the queries.
#include "results_store.h"

#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <random>
#include <thread>

#include <unistd.h>

#include "utf8_check.h"

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
};

constexpr int kLatestVersion = 4;
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

std::string json_string_array(const std::vector<std::string>& v) {
    std::string out = "[";
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (i) out += ',';
        out += '"';
        for (char c : v[i]) {
            unsigned char u = static_cast<unsigned char>(c);
            if (c == '"' || c == '\\') {
                out += '\\';
                out += c;
            } else if (u < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", u);
                out += buf;
            } else {
                out += c;
            }
        }
        out += '"';
    }
    return out + "]";
}

template <class T>
std::string json_number_array(const std::vector<T>& v) {
    std::string out = "[";
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (i) out += ',';
        out += std::to_string(v[i]);
    }
    return out + "]";
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

// Inserts one attempt row; returns the SQLite result code (SQLITE_DONE on success).
int insert_attempt(sqlite3* db, AttemptRecord& a) {
    Stmt s(db,
           "INSERT INTO attempts(uuid, trainee_id, workshop_id, team, scenario_id, scenario_version, scenario_title, "
           "started_at, finished_at, completed, ending_id, ending_type, choices_json, choice_path_json, turn_ms_json, "
           "debrief_json, overall, score_listening, score_apology, score_solution, score_follow_up, score_composure, "
           "passed, band, order_seed) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
           "?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25)");
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
    if (rc == SQLITE_DONE) a.id = sqlite3_last_insert_rowid(db);
    return rc;
}

// Fills defaults and checks what the schema cannot. Empty string when fine.
// Text that reaches the store from a program (a scenario's title, a phone's name) is kept, not
// refused, so no result is lost; a byte that is not valid UTF-8 becomes U+FFFD on the way in.
void repair_in_place(std::string& s) {
    if (!is_valid_utf8(s)) s = repair_utf8(s);
}

std::string prepare_attempt(AttemptRecord& a) {
    if (a.scenario_id.empty()) return "an attempt needs a scenario id";
    for (std::string* t : {&a.team, &a.scenario_id, &a.scenario_version, &a.scenario_title, &a.ending_id})
        repair_in_place(*t);
    for (std::string& id : a.choice_ids) repair_in_place(id);
    if (a.uuid.empty()) a.uuid = random_uuid_v4();
    if (a.finished_at.empty()) a.finished_at = now_utc_iso8601();
    if (a.started_at.empty()) a.started_at = a.finished_at;
    if (a.scenario_version.empty()) a.scenario_version = "1";
    return {};
}

std::string trim(const std::string& s) {
    std::size_t b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    std::size_t e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

}  // namespace

long long AttemptRecord::duration_ms() const {
    long long total = 0;
    for (long long ms : turn_ms) total += ms > 0 ? ms : 0;
    return total;
}

std::string now_utc_iso8601() {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::string random_uuid_v4() {
    // Reseeded after fork(): a child must not repeat its parent's sequence.
    thread_local std::mt19937_64 rng;
    thread_local pid_t seeded_for = 0;
    if (seeded_for != ::getpid()) {
        std::random_device rd;
        std::seed_seq seq{rd(), rd(), rd(), rd(), static_cast<unsigned>(::getpid()),
                          static_cast<unsigned>(std::chrono::steady_clock::now().time_since_epoch().count())};
        rng.seed(seq);
        seeded_for = ::getpid();
    }
    unsigned char b[16];
    for (int i = 0; i < 16; i += 8) {
        std::uint64_t r = rng();
        for (int k = 0; k < 8; ++k) b[i + k] = static_cast<unsigned char>(r >> (8 * k));
    }
    b[6] = static_cast<unsigned char>((b[6] & 0x0F) | 0x40);  // version 4
    b[8] = static_cast<unsigned char>((b[8] & 0x3F) | 0x80);  // RFC 4122 variant
    char out[37];
    std::snprintf(out, sizeof out, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
                  b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
    return out;
}

ResultsStore::~ResultsStore() { close(); }

ResultsStore::ResultsStore(ResultsStore&& other) noexcept
    : db_(other.db_), path_(std::move(other.path_)), read_only_(other.read_only_), missing_(other.missing_) {
    other.db_ = nullptr;
}

ResultsStore& ResultsStore::operator=(ResultsStore&& other) noexcept {
    if (this != &other) {
        close();
        db_ = other.db_;
        path_ = std::move(other.path_);
        read_only_ = other.read_only_;
        missing_ = other.missing_;
        other.db_ = nullptr;
    }
    return *this;
}

void ResultsStore::close() {
    if (db_) sqlite3_close_v2(db_);
    db_ = nullptr;
}

int ResultsStore::latest_schema_version() { return kLatestVersion; }

int ResultsStore::schema_version() const {
    int v = -1;
    if (db_) pragma_int(db_, "PRAGMA user_version", &v);
    return v;
}

std::string ResultsStore::last_error() const { return db_ ? sqlite3_errmsg(db_) : "no database open"; }

namespace {

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

}  // namespace

bool ResultsStore::open_read_only(const std::string& path, std::string* error) {
    close();
    path_ = path;
    read_only_ = true;
    missing_ = ::access(path.c_str(), F_OK) != 0;
    if (missing_) {
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
        if (db_) sqlite3_close_v2(db_), db_ = nullptr;
        const std::string name = variant == 0 ? path : "file:" + uri_path(path) + "?immutable=1";
        const int flags = SQLITE_OPEN_READONLY | (variant == 0 ? 0 : SQLITE_OPEN_URI);
        if (sqlite3_open_v2(name.c_str(), &db_, flags, nullptr) != SQLITE_OK) continue;
        sqlite3_extended_result_codes(db_, 1);
        sqlite3_busy_timeout(db_, kBusyTimeoutMs);
        kind = inspect(db_, &version);
    }
    if (kind != Kind::Ours && kind != Kind::Empty) {
        if (error) *error = kind == Kind::Unreadable ? "cannot read " + path + ": " + last_error() : refusal(kind, path);
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
        if (error && error->empty()) *error = "cannot read " + path + ": " + last_error();
        close();
        return false;
    }
    return true;
}

bool ResultsStore::open(const std::string& path, std::string* error) {
    close();
    path_ = path;
    read_only_ = false;
    missing_ = false;
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
        set_error(error, "cannot open " + path, db_);
        close();
        return false;
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, kBusyTimeoutMs);
    // Refuse a file that is not ours (or is newer) before touching it: no WAL switch, no migration.
    if (Kind k = inspect(db_, nullptr); k == Kind::Foreign || k == Kind::Newer) {
        if (error) *error = refusal(k, path);
        close();
        return false;
    }

    // Switching to WAL needs a moment alone with the file; other openers may be mid-switch too.
    std::string mode;
    int rc = SQLITE_OK;
    for (int attempt = 0; attempt < kMaxTries; ++attempt) {
        Stmt s(db_, "PRAGMA journal_mode=WAL");
        rc = s.ok() ? s.step() : s.prepare_rc();
        if (rc == SQLITE_ROW) {
            mode = s.text(0);
            break;
        }
        if (!is_busy(rc)) break;
        backoff(attempt);
    }
    if (rc != SQLITE_ROW) {
        set_error(error, path + " is not a usable results database", db_);
        close();
        return false;
    }
    // FULL: in WAL mode, NORMAL may drop the last commits on power loss; a recorded attempt must stay.
    if (exec_script(db_, "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;") != SQLITE_OK) {
        set_error(error, "cannot configure " + path, db_);
        close();
        return false;
    }
    if (!migrate(error)) {
        close();
        return false;
    }
    return true;
}

bool ResultsStore::migrate(std::string* error) {
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
        if (foreign) *error = path_ + " is not a Turnaround results database";
        else if (newer) *error = path_ + " was written by a newer version of Turnaround; update the program";
        else *error = path_ + ": " + inner;
    }
    return false;
}

std::optional<Trainee> ResultsStore::add_trainee(const std::string& raw_name, const std::string& team,
                                                 std::string* error) {
    if (read_only_) {
        if (error) *error = path_ + " was opened only for reading";
        return std::nullopt;
    }
    std::string name = trim(raw_name);
    if (name.empty() || name.size() > 80) {
        if (error) *error = "a trainee name needs 1 to 80 characters";
        return std::nullopt;
    }
    // Checked once, at the door: everything read back and exported is then valid UTF-8.
    if (!is_valid_utf8(name) || !is_valid_utf8(team)) {
        if (error) *error = "a trainee name and team must be valid UTF-8 text (check the terminal's encoding)";
        return std::nullopt;
    }
    for (unsigned char c : name)
        if (c < 0x20 || c == 0x7f) {
            if (error) *error = "a trainee name cannot contain control characters";
            return std::nullopt;
        }
    std::string team_name = trim(team);
    if (team_name.size() > 80) {
        if (error) *error = "a team name has at most 80 characters";
        return std::nullopt;
    }
    for (unsigned char c : team_name)
        if (c < 0x20 || c == 0x7f) {
            if (error) *error = "a team name cannot contain control characters";
            return std::nullopt;
        }
    if (!db_) {
        if (error) *error = "no database open";
        return std::nullopt;
    }
    Trainee t;
    t.name = name;
    t.team = team_name;
    t.created_at = now_utc_iso8601();
    bool taken = false;
    bool ok = write_transaction(
        db_,
        [&]() -> int {
            Stmt s(db_, "INSERT INTO trainees(name, team, created_at) VALUES (?1, ?2, ?3)");
            s.bind(1, t.name);
            s.bind(2, t.team);
            s.bind(3, t.created_at);
            int rc = s.step();
            if ((rc & 0xff) == SQLITE_CONSTRAINT) taken = true;
            if (rc == SQLITE_DONE) t.id = sqlite3_last_insert_rowid(db_);
            return rc;
        },
        error);
    if (!ok) {
        if (taken && error) *error = "there is already a trainee called \"" + name + "\" (names ignore letter case)";
        return std::nullopt;
    }
    return t;
}

namespace {
std::vector<Trainee> query_trainees(sqlite3* db, const char* sql, const std::string* text_arg, long long id_arg) {
    std::vector<Trainee> out;
    if (!db) return out;
    Stmt s(db, sql);
    if (text_arg) s.bind(1, *text_arg);
    else if (id_arg) s.bind(1, id_arg);
    while (s.step() == SQLITE_ROW) out.push_back({s.i64(0), s.text(1), s.text(2), s.text(3)});
    return out;
}
}  // namespace

std::optional<Trainee> ResultsStore::find_trainee(const std::string& name) const {
    std::string n = trim(name);
    auto v = query_trainees(db_, "SELECT id, name, team, created_at FROM trainees WHERE name = ?1 COLLATE NOCASE", &n, 0);
    if (v.empty()) return std::nullopt;
    return v.front();
}

std::optional<Trainee> ResultsStore::trainee(long long id) const {
    auto v = query_trainees(db_, "SELECT id, name, team, created_at FROM trainees WHERE id = ?1", nullptr, id);
    if (v.empty()) return std::nullopt;
    return v.front();
}

std::vector<Trainee> ResultsStore::trainees() const {
    return query_trainees(db_, "SELECT id, name, team, created_at FROM trainees ORDER BY name COLLATE NOCASE", nullptr,
                          0);
}

bool ResultsStore::record_attempt(AttemptRecord& a, std::string* error) {
    if (read_only_) {
        if (error) *error = path_ + " was opened only for reading";
        return false;
    }
    if (!db_) {
        if (error) *error = "no database open";
        return false;
    }
    if (a.trainee_id <= 0) {
        if (error) *error = "an attempt needs a trainee";
        return false;
    }
    std::string problem = prepare_attempt(a);
    if (!problem.empty()) {
        if (error) *error = problem;
        return false;
    }
    bool ok = write_transaction(db_, [&] { return insert_attempt(db_, a); }, error);
    if (!ok) a.id = 0;
    return ok;
}

std::vector<AttemptRecord> ResultsStore::query_attempts(const std::string& where, long long arg) const {
    std::vector<AttemptRecord> out;
    if (!db_) return out;
    std::string sql = std::string("SELECT ") + kAttemptColumns + " FROM attempts WHERE " + where +
                      " ORDER BY finished_at, id";
    Stmt s(db_, sql.c_str());
    s.bind(1, arg);
    while (s.step() == SQLITE_ROW) out.push_back(read_attempt(db_, s));
    return out;
}

std::vector<AttemptRecord> ResultsStore::attempts_for(long long trainee_id) const {
    return query_attempts("trainee_id = ?1", trainee_id);
}

std::vector<AttemptRecord> ResultsStore::all_attempts() const {
    return query_attempts("trainee_id IS NOT NULL AND ?1 = ?1", 0);
}

std::optional<AttemptRecord> ResultsStore::attempt_by_uuid(const std::string& uuid) const {
    if (!db_) return std::nullopt;
    std::string sql = std::string("SELECT ") + kAttemptColumns + " FROM attempts WHERE uuid = ?1";
    Stmt s(db_, sql.c_str());
    s.bind(1, uuid);
    if (s.step() != SQLITE_ROW) return std::nullopt;
    return read_attempt(db_, s);
}

std::optional<AttemptRecord> ResultsStore::best_result(long long trainee_id, const std::string& scenario_id) const {
    if (!db_) return std::nullopt;
    std::string sql = std::string("SELECT ") + kAttemptColumns +
                      " FROM attempts WHERE trainee_id = ?1 AND scenario_id = ?2 AND completed = 1"
                      " ORDER BY overall DESC, finished_at, id LIMIT 1";
    Stmt s(db_, sql.c_str());
    s.bind(1, trainee_id);
    s.bind(2, scenario_id);
    if (s.step() != SQLITE_ROW) return std::nullopt;
    return read_attempt(db_, s);
}

long long ResultsStore::attempt_count() const {
    int n = 0;
    if (db_) pragma_int(db_, "SELECT count(*) FROM attempts", &n);
    return n;
}

bool ResultsStore::record_workshop(WorkshopRecord& w, std::string* error) {
    if (read_only_) {
        if (error) *error = path_ + " was opened only for reading";
        return false;
    }
    if (!db_) {
        if (error) *error = "no database open";
        return false;
    }
    if (w.scenario_id.empty()) {
        if (error) *error = "a workshop needs a scenario id";
        return false;
    }
    if (w.mode != "room" && w.mode != "teams") {
        if (error) *error = "a workshop's mode is \"room\" or \"teams\"";
        return false;
    }
    if (w.uuid.empty()) w.uuid = random_uuid_v4();
    for (std::string* t : {&w.facilitator, &w.room, &w.scenario_id, &w.scenario_version, &w.scenario_title})
        repair_in_place(*t);
    for (VoteRecord& v : w.votes)
        for (std::string* t : {&v.team, &v.letter, &v.text}) repair_in_place(*t);
    for (BallotRecord& b : w.ballots)
        for (std::string* t : {&b.participant, &b.team, &b.letter, &b.choice_id, &b.text, &b.node_id})
            repair_in_place(*t);
    if (w.finished_at.empty()) w.finished_at = now_utc_iso8601();
    if (w.started_at.empty()) w.started_at = w.finished_at;
    if (w.scenario_version.empty()) w.scenario_version = "1";
    for (AttemptRecord& a : w.results) {
        a.trainee_id = 0;
        if (a.scenario_id.empty()) a.scenario_id = w.scenario_id;
        if (a.scenario_version.empty()) a.scenario_version = w.scenario_version;
        if (a.scenario_title.empty()) a.scenario_title = w.scenario_title;
        if (a.started_at.empty()) a.started_at = w.started_at;
        if (a.finished_at.empty()) a.finished_at = w.finished_at;
        prepare_attempt(a);
    }
    bool ok = write_transaction(
        db_,
        [&]() -> int {
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
            int rc = s.step();
            if (rc != SQLITE_DONE) return rc;
            w.id = sqlite3_last_insert_rowid(db_);
            for (AttemptRecord& a : w.results) {
                a.workshop_id = w.id;
                if ((rc = insert_attempt(db_, a)) != SQLITE_DONE) return rc;
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
                BallotRecord& ballot = w.ballots[k];
                if (ballot.uuid.empty()) ballot.uuid = random_uuid_v4();
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
    if (!ok) {
        w.id = 0;
        for (AttemptRecord& a : w.results) a.id = a.workshop_id = 0;
    }
    return ok;
}

namespace {
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
}  // namespace

std::optional<WorkshopRecord> ResultsStore::workshop(long long id) const {
    if (!db_) return std::nullopt;
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

std::vector<WorkshopRecord> ResultsStore::workshops() const {
    std::vector<WorkshopRecord> out;
    if (!db_) return out;
    std::vector<long long> ids;
    Stmt s(db_, "SELECT id FROM workshops ORDER BY started_at, id");
    while (s.step() == SQLITE_ROW) ids.push_back(s.i64(0));
    for (long long id : ids)
        if (auto w = workshop(id)) out.push_back(std::move(*w));
    return out;
}

std::string ResultsStore::integrity_check() const {
    if (!db_) return "no database open";
    Stmt s(db_, "PRAGMA integrity_check");
    std::string out;
    while (s.step() == SQLITE_ROW) {
        if (!out.empty()) out += '\n';
        out += s.text(0);
    }
    return out.empty() ? std::string("integrity_check returned nothing: ") + sqlite3_errmsg(db_) : out;
}

}  // namespace ta::store
