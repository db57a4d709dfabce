// postgres_backend.cpp: the results store on a shared PostgreSQL server, through libpq.
//
// Every write is one transaction; the server's synchronous commit (the default) means an attempt
// is on the server's disk before insert_attempt() returns. An attempt's uuid is unique, and a
// delivery repeated (after a lost answer, or by the offline outbox) stores nothing twice. One
// connection per store, used by one thread at a time (a mutex), re-opened once when it drops.
#include <libpq-fe.h>

#include <chrono>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "postgres_schema.h"
#include "store_backend.h"

namespace ta::store {

namespace {

// "TURN" in ASCII, as the SQLite file's application_id: the lock key that serialises migrations.
constexpr long long kMigrationLock = 0x5455524E;
constexpr int kWriteTries = 3;

const char* kAttemptColumns =
    "id, uuid, COALESCE(trainee_id, 0), COALESCE(workshop_id, 0), team, scenario_id, scenario_version, "
    "scenario_title, started_at, finished_at, completed, ending_id, ending_type, choices_json, choice_path_json, "
    "turn_ms_json, debrief_json, overall, score_listening, score_apology, score_solution, score_follow_up, "
    "score_composure, passed, band, order_seed";
const char* kWorkshopColumns =
    "id, uuid, facilitator, room, mode, scenario_id, scenario_version, scenario_title, started_at, finished_at, "
    "completed, order_seed, participants";

// Query parameters, all sent as text (NULL where absent).
class Params {
public:
    Params& add(const std::string& v) {
        values_.emplace_back(v);
        return *this;
    }
    Params& add(long long v) { return add(std::to_string(v)); }
    Params& add(int v) { return add(std::to_string(v)); }
    Params& add(bool v) { return add(std::string(v ? "true" : "false")); }
    Params& add(double v) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.17g", v);
        return add(std::string(buf));
    }
    Params& add_null() {
        values_.emplace_back(std::nullopt);
        return *this;
    }
    Params& add_id(long long v) { return v ? add(v) : add_null(); }  // 0 means "none"
    // A 64-bit seed keeps its bits as the signed BIGINT, as in the SQLite file.
    Params& add_seed(const std::optional<std::uint64_t>& seed) {
        return seed ? add(static_cast<long long>(*seed)) : add_null();
    }

    int count() const { return static_cast<int>(values_.size()); }
    std::vector<const char*> pointers() const {
        std::vector<const char*> out;
        for (const auto& v : values_) out.push_back(v ? v->c_str() : nullptr);
        return out;
    }

private:
    std::vector<std::optional<std::string>> values_;
};

// A query's result that clears itself.
class Result {
public:
    explicit Result(PGresult* r = nullptr) : r_(r) {}
    ~Result() { PQclear(r_); }
    Result(Result&& o) noexcept : r_(o.r_) { o.r_ = nullptr; }
    Result& operator=(Result&& o) noexcept {
        std::swap(r_, o.r_);
        return *this;
    }

    bool ok() const {
        const ExecStatusType s = r_ ? PQresultStatus(r_) : PGRES_FATAL_ERROR;
        return s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK;
    }
    std::string sqlstate() const {
        const char* s = r_ ? PQresultErrorField(r_, PG_DIAG_SQLSTATE) : nullptr;
        return s ? s : "";
    }
    std::string message() const { return r_ ? PQresultErrorMessage(r_) : "no answer from the server"; }
    int rows() const { return r_ ? PQntuples(r_) : 0; }
    bool is_null(int row, int col) const { return PQgetisnull(r_, row, col) != 0; }
    std::string text(int row, int col) const {
        return std::string(PQgetvalue(r_, row, col), static_cast<std::size_t>(PQgetlength(r_, row, col)));
    }
    long long i64(int row, int col) const { return is_null(row, col) ? 0 : std::stoll(text(row, col)); }
    double real(int row, int col) const { return is_null(row, col) ? 0 : std::stod(text(row, col)); }
    bool boolean(int row, int col) const { return !is_null(row, col) && PQgetvalue(r_, row, col)[0] == 't'; }

private:
    PGresult* r_;
};

std::string trimmed(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
    return s;
}

template <class T>
std::vector<T> json_array(const std::string& text) {
    std::vector<T> out;
    auto j = nlohmann::json::parse(text, nullptr, false);
    if (!j.is_array()) return out;
    for (const auto& v : j) {
        if constexpr (std::is_same_v<T, std::string>) out.push_back(v.is_string() ? v.get<std::string>() : v.dump());
        else out.push_back(v.is_number() ? v.get<T>() : T{});
    }
    return out;
}

AttemptRecord read_attempt(const Result& r, int row) {
    AttemptRecord a;
    a.id = r.i64(row, 0);
    a.uuid = r.text(row, 1);
    a.trainee_id = r.i64(row, 2);
    a.workshop_id = r.i64(row, 3);
    a.team = r.text(row, 4);
    a.scenario_id = r.text(row, 5);
    a.scenario_version = r.text(row, 6);
    a.scenario_title = r.text(row, 7);
    a.started_at = r.text(row, 8);
    a.finished_at = r.text(row, 9);
    a.completed = r.boolean(row, 10);
    a.ending_id = r.text(row, 11);
    a.ending_type = r.text(row, 12);
    a.choice_ids = json_array<std::string>(r.text(row, 13));
    if (!r.is_null(row, 14)) a.choice_path = json_array<int>(r.text(row, 14));
    a.turn_ms = json_array<long long>(r.text(row, 15));
    a.debrief_json = r.text(row, 16);
    a.overall = r.real(row, 17);
    a.has_scores = false;
    for (int c = 0; c < kCompetencyCount; ++c) {
        a.scored[static_cast<std::size_t>(c)] = !r.is_null(row, 18 + c);
        a.has_scores = a.has_scores || !r.is_null(row, 18 + c);
        a.scores[static_cast<std::size_t>(c)] = r.real(row, 18 + c);
    }
    a.passed = r.boolean(row, 23);
    a.band = r.text(row, 24);
    if (!r.is_null(row, 25)) a.order_seed = static_cast<std::uint64_t>(r.i64(row, 25));
    return a;
}

Params attempt_params(const AttemptRecord& a) {
    Params p;
    p.add(a.uuid).add_id(a.trainee_id).add_id(a.workshop_id).add(a.team).add(a.scenario_id).add(a.scenario_version);
    p.add(a.scenario_title).add(a.started_at).add(a.finished_at).add(a.completed).add(a.ending_id).add(a.ending_type);
    p.add(json_string_array(a.choice_ids)).add(json_number_array(a.choice_path)).add(json_number_array(a.turn_ms));
    p.add(a.debrief_json).add(a.overall);
    for (int c = 0; c < kCompetencyCount; ++c) {
        if (a.is_scored(c)) p.add(a.scores[static_cast<std::size_t>(c)]);
        else p.add_null();
    }
    p.add(a.passed).add(a.band).add_seed(a.order_seed);
    return p;
}

const char* kInsertAttempt =
    "INSERT INTO attempts(uuid, trainee_id, workshop_id, team, scenario_id, scenario_version, scenario_title, "
    "started_at, finished_at, completed, ending_id, ending_type, choices_json, choice_path_json, turn_ms_json, "
    "debrief_json, overall, score_listening, score_apology, score_solution, score_follow_up, score_composure, "
    "passed, band, order_seed) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, "
    "$17, $18, $19, $20, $21, $22, $23, $24, $25) ON CONFLICT (uuid) DO NOTHING RETURNING id";

class PostgresBackend final : public StoreBackend {
public:
    PostgresBackend(std::string url, bool read_only) : url_(std::move(url)), read_only_(read_only) {}
    ~PostgresBackend() override {
        if (conn_) PQfinish(conn_);
    }

    bool open(bool* missing, std::string* error);

    int schema_version() const override {
        std::lock_guard lock(mu_);
        if (empty_) return kLatestSchemaVersion;
        Result r = run("SELECT version FROM turnaround_schema", {});
        return r.ok() && r.rows() == 1 ? static_cast<int>(r.i64(0, 0)) : -1;
    }
    std::string last_error() const override {
        std::lock_guard lock(mu_);
        return last_error_;
    }
    std::string integrity_check() const override;

    bool insert_trainee(Trainee& t, bool* taken, std::string* error) override;
    std::optional<Trainee> find_trainee(const std::string& name) const override {
        auto v = trainee_rows("WHERE turnaround_nocase(name) = turnaround_nocase($1)", Params().add(name));
        return v.empty() ? std::nullopt : std::optional<Trainee>(v.front());
    }
    std::optional<Trainee> trainee(long long id) const override {
        auto v = trainee_rows("WHERE id = $1", Params().add(id));
        return v.empty() ? std::nullopt : std::optional<Trainee>(v.front());
    }
    std::vector<Trainee> trainees() const override {
        return trainee_rows("ORDER BY turnaround_nocase(name), name", Params());
    }

    bool insert_attempt(AttemptRecord& a, bool* duplicate, std::string* error) override;
    std::vector<AttemptRecord> attempts_for(long long trainee_id) const override {
        return attempt_rows("WHERE trainee_id = $1 ORDER BY finished_at, id", Params().add(trainee_id));
    }
    std::vector<AttemptRecord> all_attempts() const override {
        return attempt_rows("WHERE trainee_id IS NOT NULL ORDER BY finished_at, id", Params());
    }
    std::optional<AttemptRecord> attempt_by_uuid(const std::string& uuid) const override {
        auto v = attempt_rows("WHERE uuid = $1", Params().add(uuid));
        return v.empty() ? std::nullopt : std::optional<AttemptRecord>(std::move(v.front()));
    }
    std::optional<AttemptRecord> best_result(long long trainee_id, const std::string& scenario_id) const override {
        auto v = attempt_rows(
            "WHERE trainee_id = $1 AND scenario_id = $2 AND completed ORDER BY overall DESC, finished_at, id LIMIT 1",
            Params().add(trainee_id).add(scenario_id));
        return v.empty() ? std::nullopt : std::optional<AttemptRecord>(std::move(v.front()));
    }
    long long attempt_count() const override {
        std::lock_guard lock(mu_);
        if (empty_) return 0;
        Result r = run("SELECT count(*) FROM attempts", {});
        return r.ok() ? r.i64(0, 0) : 0;
    }

    bool insert_workshop(WorkshopRecord& w, bool* duplicate, std::string* error) override;
    std::optional<WorkshopRecord> workshop(long long id) const override;
    std::vector<WorkshopRecord> workshops() const override;

    std::vector<std::string> undelivered_attempts(const std::string& server) const override {
        std::lock_guard lock(mu_);
        std::vector<std::string> out;
        if (empty_) return out;
        Result r = run("SELECT uuid FROM attempts WHERE trainee_id IS NOT NULL AND uuid NOT IN "
                       "(SELECT uuid FROM deliveries WHERE server = $1) ORDER BY id",
                       Params().add(server));
        for (int i = 0; i < r.rows(); ++i) out.push_back(r.text(i, 0));
        return out;
    }
    std::vector<long long> undelivered_workshops(const std::string& server) const override {
        std::lock_guard lock(mu_);
        std::vector<long long> out;
        if (empty_) return out;
        Result r = run("SELECT id FROM workshops WHERE uuid NOT IN (SELECT uuid FROM deliveries WHERE server = $1) "
                       "ORDER BY id",
                       Params().add(server));
        for (int i = 0; i < r.rows(); ++i) out.push_back(r.i64(i, 0));
        return out;
    }
    bool mark_delivered(const std::string& uuid, const std::string& server, std::string* error) override {
        std::lock_guard lock(mu_);
        return write_transaction(
            [&](std::string*) {
                return run("INSERT INTO deliveries(uuid, server, delivered_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                           Params().add(uuid).add(server).add(now_utc_iso8601()))
                    .ok();
            },
            error);
    }

private:
    bool connect(std::string* error) const;
    Result run(const char* sql, const Params& p) const;
    bool run_ok(const char* sql, std::string* error) const;
    // Runs `body` (which returns false with `error` set to give up) inside BEGIN ... COMMIT, again
    // on a fresh connection when the server dropped the old one. `body` must be safe to repeat.
    template <class Body>
    bool write_transaction(Body&& body, std::string* error);
    bool migrate(std::string* error);
    std::vector<Trainee> trainee_rows(const char* where, const Params& p) const;
    std::vector<AttemptRecord> attempt_rows(const char* where_order, const Params& p) const;
    std::optional<WorkshopRecord> workshop_locked(long long id) const;
    std::string where() const { return redact_url(url_); }

    std::string url_;
    bool read_only_;
    bool empty_ = false;  // read-only, and the database has no Turnaround tables yet
    mutable PGconn* conn_ = nullptr;
    mutable std::string last_error_;
    mutable std::string last_sqlstate_;
    mutable std::recursive_mutex mu_;
};

bool PostgresBackend::connect(std::string* error) const {
    if (conn_) PQfinish(conn_);
    // Keywords before the URL are defaults the URL may override: wait at most 10 s for a server
    // that does not answer, so an offline laptop learns it soon.
    const char* keys[] = {"connect_timeout", "application_name", "dbname", nullptr};
    const char* values[] = {"10", "turnaround", url_.c_str(), nullptr};
    conn_ = PQconnectdbParams(keys, values, 1);
    if (PQstatus(conn_) == CONNECTION_OK) {
        PQsetClientEncoding(conn_, "UTF8");
        if (read_only_) run_ok("SET default_transaction_read_only = on", nullptr);
        run_ok("SET client_min_messages = warning", nullptr);
        return true;
    }
    last_error_ = trimmed(conn_ ? PQerrorMessage(conn_) : "out of memory");
    if (error) *error = "cannot reach the results server " + where() + ": " + last_error_;
    return false;
}

Result PostgresBackend::run(const char* sql, const Params& p) const {
    auto values = p.pointers();
    Result r(PQexecParams(conn_, sql, p.count(), nullptr, values.data(), nullptr, nullptr, 0));
    if (!r.ok()) {
        last_error_ = trimmed(r.message());
        last_sqlstate_ = r.sqlstate();
    }
    return r;
}

bool PostgresBackend::run_ok(const char* sql, std::string* error) const {
    // The simple protocol: a migration is several statements in one text.
    Result r(PQexec(conn_, sql));
    if (!r.ok()) {
        last_error_ = trimmed(r.message());
        last_sqlstate_ = r.sqlstate();
    }
    if (!r.ok() && error) *error = last_error_;
    return r.ok();
}

template <class Body>
bool PostgresBackend::write_transaction(Body&& body, std::string* error) {
    for (int attempt = 0; attempt < kWriteTries; ++attempt) {
        if (PQstatus(conn_) != CONNECTION_OK && !connect(error)) {
            std::this_thread::sleep_for(std::chrono::milliseconds(200 << attempt));
            continue;
        }
        std::string inner;
        last_sqlstate_.clear();
        if (run_ok("BEGIN", &inner) && body(&inner) && run_ok("COMMIT", &inner)) return true;
        if (PQstatus(conn_) == CONNECTION_OK) {
            run_ok("ROLLBACK", nullptr);
            // A serialisation failure, a deadlock, or a schema another process created a moment
            // ago is worth another go; anything else is an answer.
            const bool transient = last_sqlstate_ == "40001" || last_sqlstate_ == "40P01" ||
                                   last_sqlstate_ == "42P07" || last_sqlstate_ == "42710";
            if (!transient) {
                if (error) *error = inner.empty() ? last_error_ : inner;
                return false;
            }
        } else if (error) {
            *error = "lost the connection to the results server " + where() + ": " + last_error_;
        }
    }
    return false;
}

bool PostgresBackend::open(bool* missing, std::string* error) {
    std::lock_guard lock(mu_);
    if (missing) *missing = false;
    if (!connect(error)) return false;
    // What the database holds, read before anything is written: ours, empty, or someone else's.
    Result r = run(
        "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = "
        "c.relnamespace WHERE c.relname = 'turnaround_schema' AND n.nspname = current_schema()), "
        "(SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema())",
        {});
    if (!r.ok()) {
        if (error) *error = "cannot read the results server " + where() + ": " + last_error_;
        return false;
    }
    const bool ours = r.boolean(0, 0);
    const long long tables = r.i64(0, 1);
    if (!ours && tables > 0) {
        if (error) *error = where() + " holds other tables and is not a Turnaround results database";
        return false;
    }
    if (!ours && read_only_) {
        empty_ = true;  // nothing recorded yet; reading changes nothing, not even the schema
        if (missing) *missing = true;
        return true;
    }
    if (ours) {
        Result v = run("SELECT version FROM turnaround_schema", {});
        const int version = v.ok() && v.rows() == 1 ? static_cast<int>(v.i64(0, 0)) : -1;
        if (version > kLatestSchemaVersion) {
            if (error) *error = where() + " was written by a newer version of Turnaround; update the program";
            return false;
        }
        if (version < 0) {
            if (error) *error = where() + " has a damaged turnaround_schema table: " + last_error_;
            return false;
        }
        if (version == kLatestSchemaVersion || read_only_) return true;
    }
    return migrate(error);
}

bool PostgresBackend::migrate(std::string* error) {
    bool newer = false;
    const bool ok = write_transaction(
        [&](std::string* inner) {
            // One migrating process at a time; the others wait here and then find nothing to do.
            if (!run("SELECT pg_advisory_xact_lock($1)", Params().add(kMigrationLock)).ok()) return false;
            // Read from pg_class with this statement's snapshot, which sees what the lock's last
            // holder committed (a name lookup may answer from a cache that has not caught up).
            int version = 0;
            Result exists = run(
                "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = "
                "c.relnamespace WHERE c.relname = 'turnaround_schema' AND n.nspname = current_schema())",
                {});
            if (!exists.ok()) return false;
            if (exists.boolean(0, 0)) {
                Result v = run("SELECT version FROM turnaround_schema", {});
                if (!v.ok() || v.rows() != 1) return false;
                version = static_cast<int>(v.i64(0, 0));
            }
            if (version > kLatestSchemaVersion) {
                newer = true;
                return false;
            }
            for (const pg::Migration& m : pg::kMigrations) {
                if (m.version <= version) continue;
                if (!run_ok(m.sql, inner)) {
                    *inner = "migrating to schema " + std::to_string(m.version) + ": " + last_error_;
                    return false;
                }
            }
            return run("UPDATE turnaround_schema SET version = $1", Params().add(kLatestSchemaVersion)).ok();
        },
        error);
    if (!ok && newer && error) *error = where() + " was written by a newer version of Turnaround; update the program";
    return ok;
}

std::string PostgresBackend::integrity_check() const {
    std::lock_guard lock(mu_);
    if (empty_) return "ok";
    // The server keeps its own files whole; what can go wrong here is rows that break our rules.
    Result r = run(
        "SELECT (SELECT count(*) FROM attempts a WHERE a.trainee_id IS NOT NULL AND NOT EXISTS "
        "(SELECT 1 FROM trainees t WHERE t.id = a.trainee_id)), "
        "(SELECT count(*) FROM pg_trigger WHERE tgname LIKE '%append_only' AND NOT tgisinternal)",
        {});
    if (!r.ok()) return "cannot check " + where() + ": " + last_error_;
    if (r.i64(0, 0) > 0) return std::to_string(r.i64(0, 0)) + " attempts name a trainee who is not in the store";
    if (r.i64(0, 1) < 4) return "the append-only triggers are missing";
    return "ok";
}

bool PostgresBackend::insert_trainee(Trainee& t, bool* taken, std::string* error) {
    std::lock_guard lock(mu_);
    return write_transaction(
        [&](std::string*) {
            Result r = run("INSERT INTO trainees(name, team, created_at) VALUES ($1, $2, $3) RETURNING id",
                           Params().add(t.name).add(t.team).add(t.created_at));
            if (!r.ok()) {
                if (r.sqlstate() == "23505" && taken) *taken = true;
                return false;
            }
            t.id = r.i64(0, 0);
            return true;
        },
        error);
}

std::vector<Trainee> PostgresBackend::trainee_rows(const char* where_clause, const Params& p) const {
    std::lock_guard lock(mu_);
    std::vector<Trainee> out;
    if (empty_) return out;
    const std::string sql = std::string("SELECT id, name, team, created_at FROM trainees ") + where_clause;
    Result r = run(sql.c_str(), p);
    for (int i = 0; i < r.rows(); ++i) out.push_back({r.i64(i, 0), r.text(i, 1), r.text(i, 2), r.text(i, 3)});
    return out;
}

std::vector<AttemptRecord> PostgresBackend::attempt_rows(const char* where_order, const Params& p) const {
    std::lock_guard lock(mu_);
    std::vector<AttemptRecord> out;
    if (empty_) return out;
    const std::string sql = std::string("SELECT ") + kAttemptColumns + " FROM attempts " + where_order;
    Result r = run(sql.c_str(), p);
    for (int i = 0; i < r.rows(); ++i) out.push_back(read_attempt(r, i));
    return out;
}

bool PostgresBackend::insert_attempt(AttemptRecord& a, bool* duplicate, std::string* error) {
    std::lock_guard lock(mu_);
    return write_transaction(
        [&](std::string*) {
            Result r = run(kInsertAttempt, attempt_params(a));
            if (!r.ok()) return false;
            if (duplicate) *duplicate = r.rows() == 0;
            if (r.rows() == 1) {
                a.id = r.i64(0, 0);
                return true;
            }
            Result known = run("SELECT id FROM attempts WHERE uuid = $1", Params().add(a.uuid));
            if (!known.ok() || known.rows() != 1) return false;
            a.id = known.i64(0, 0);
            return true;
        },
        error);
}

bool PostgresBackend::insert_workshop(WorkshopRecord& w, bool* duplicate, std::string* error) {
    std::lock_guard lock(mu_);
    return write_transaction(
        [&](std::string*) {
            if (duplicate) *duplicate = false;
            Params p;
            p.add(w.uuid).add(w.facilitator).add(w.room).add(w.mode).add(w.scenario_id).add(w.scenario_version);
            p.add(w.scenario_title).add(w.started_at).add(w.finished_at).add(w.completed).add_seed(w.order_seed);
            p.add(w.participants);
            Result r = run(
                "INSERT INTO workshops(uuid, facilitator, room, mode, scenario_id, scenario_version, scenario_title, "
                "started_at, finished_at, completed, order_seed, participants) "
                "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (uuid) DO NOTHING RETURNING id",
                p);
            if (!r.ok()) return false;
            if (r.rows() == 0) {
                Result known = run("SELECT id FROM workshops WHERE uuid = $1", Params().add(w.uuid));
                if (!known.ok() || known.rows() != 1) return false;
                w.id = known.i64(0, 0);
                if (duplicate) *duplicate = true;
                return true;
            }
            w.id = r.i64(0, 0);
            for (AttemptRecord& a : w.results) {
                a.workshop_id = w.id;
                Result ar = run(kInsertAttempt, attempt_params(a));
                if (!ar.ok()) return false;
                if (ar.rows() == 1) a.id = ar.i64(0, 0);
            }
            for (const VoteRecord& v : w.votes) {
                Params vp;
                vp.add(w.id).add(v.team).add(v.turn).add(v.choice_index).add(v.votes).add(v.chosen).add(v.overridden);
                vp.add(v.letter).add(v.text).add(v.tie);
                if (!run("INSERT INTO workshop_votes(workshop_id, team, turn, choice_index, votes, chosen, overridden, "
                         "letter, text, tie) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                         vp)
                         .ok())
                    return false;
            }
            for (std::size_t k = 0; k < w.ballots.size(); ++k) {
                const BallotRecord& b = w.ballots[k];
                Params bp;
                bp.add(w.id).add(b.turn).add(static_cast<long long>(k)).add(b.participant).add(b.team).add(b.letter);
                bp.add(b.choice_id).add(b.text).add(b.node_id).add(b.uuid);
                if (!run("INSERT INTO workshop_ballots(workshop_id, turn, seq, participant, team, letter, choice_id, "
                         "text, node_id, uuid) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                         bp)
                         .ok())
                    return false;
            }
            return true;
        },
        error);
}

std::optional<WorkshopRecord> PostgresBackend::workshop(long long id) const {
    std::lock_guard lock(mu_);
    return workshop_locked(id);
}

std::optional<WorkshopRecord> PostgresBackend::workshop_locked(long long id) const {
    if (empty_) return std::nullopt;
    const std::string sql = std::string("SELECT ") + kWorkshopColumns + " FROM workshops WHERE id = $1";
    Result r = run(sql.c_str(), Params().add(id));
    if (!r.ok() || r.rows() != 1) return std::nullopt;
    WorkshopRecord w;
    w.id = r.i64(0, 0);
    w.uuid = r.text(0, 1);
    w.facilitator = r.text(0, 2);
    w.room = r.text(0, 3);
    w.mode = r.text(0, 4);
    w.scenario_id = r.text(0, 5);
    w.scenario_version = r.text(0, 6);
    w.scenario_title = r.text(0, 7);
    w.started_at = r.text(0, 8);
    w.finished_at = r.text(0, 9);
    w.completed = r.boolean(0, 10);
    if (!r.is_null(0, 11)) w.order_seed = static_cast<std::uint64_t>(r.i64(0, 11));
    w.participants = static_cast<int>(r.i64(0, 12));
    w.results = attempt_rows("WHERE workshop_id = $1 ORDER BY finished_at, id", Params().add(id));
    Result v = run(
        "SELECT team, turn, choice_index, votes, chosen, overridden, letter, text, tie FROM workshop_votes "
        "WHERE workshop_id = $1 ORDER BY seq",
        Params().add(id));
    for (int i = 0; i < v.rows(); ++i)
        w.votes.push_back({v.text(i, 0), static_cast<int>(v.i64(i, 1)), static_cast<int>(v.i64(i, 2)),
                           static_cast<int>(v.i64(i, 3)), v.boolean(i, 4), v.boolean(i, 5), v.text(i, 6),
                           v.text(i, 7), v.boolean(i, 8)});
    Result b = run(
        "SELECT turn, participant, team, letter, choice_id, text, node_id, uuid FROM workshop_ballots "
        "WHERE workshop_id = $1 ORDER BY turn, seq",
        Params().add(id));
    for (int i = 0; i < b.rows(); ++i)
        w.ballots.push_back({static_cast<int>(b.i64(i, 0)), b.text(i, 1), b.text(i, 2), b.text(i, 3), b.text(i, 4),
                             b.text(i, 5), b.text(i, 6), b.text(i, 7)});
    return w;
}

std::vector<WorkshopRecord> PostgresBackend::workshops() const {
    std::lock_guard lock(mu_);
    std::vector<WorkshopRecord> out;
    if (empty_) return out;
    Result r = run("SELECT id FROM workshops ORDER BY started_at, id", {});
    for (int i = 0; i < r.rows(); ++i)
        if (auto w = workshop_locked(r.i64(i, 0))) out.push_back(std::move(*w));
    return out;
}

}  // namespace

std::unique_ptr<StoreBackend> open_postgres_backend(const std::string& url, bool read_only, bool* missing,
                                                    std::string* error) {
    auto backend = std::make_unique<PostgresBackend>(url, read_only);
    if (!backend->open(missing, error)) return nullptr;
    return backend;
}

}  // namespace ta::store
