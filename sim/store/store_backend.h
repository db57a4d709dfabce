// store_backend.h: where a ResultsStore keeps its rows. One SQLite file (the embedded default) or
// a shared PostgreSQL server, with the same tables, the same append-only rule and the same queries.
//
// ResultsStore checks every value at the door (names, UTF-8, defaults) and then hands rows to a
// backend; a backend only stores and reads them. Not part of the public API: include
// results_store.h.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "results_store.h"

namespace ta::store {

// Both backends hold the same tables at the same version; a step added to one is added to the other.
constexpr int kLatestSchemaVersion = 5;

class StoreBackend {
public:
    virtual ~StoreBackend() = default;

    virtual int schema_version() const = 0;
    virtual std::string last_error() const = 0;
    // "ok" when the store finds nothing wrong with itself, else its findings.
    virtual std::string integrity_check() const = 0;

    // Sets t.id. `taken` when the name is already used (in any letter case).
    virtual bool insert_trainee(Trainee& t, bool* taken, std::string* error) = 0;
    virtual std::optional<Trainee> find_trainee(const std::string& name) const = 0;  // any letter case
    virtual std::optional<Trainee> trainee(long long id) const = 0;
    virtual std::vector<Trainee> trainees() const = 0;  // by name

    // One transaction. An attempt whose uuid is already stored is not stored again: `duplicate`
    // is set and a.id is the stored row's id, so delivering the same attempt twice is harmless.
    virtual bool insert_attempt(AttemptRecord& a, bool* duplicate, std::string* error) = 0;
    virtual std::vector<AttemptRecord> attempts_for(long long trainee_id) const = 0;  // oldest first
    virtual std::vector<AttemptRecord> all_attempts() const = 0;  // trainees' attempts, oldest first
    virtual std::optional<AttemptRecord> attempt_by_uuid(const std::string& uuid) const = 0;
    virtual std::optional<AttemptRecord> best_result(long long trainee_id, const std::string& scenario_id) const = 0;
    virtual long long attempt_count() const = 0;

    // The session, its teams' attempts, votes and ballots in one transaction; a session whose uuid
    // is already stored is not stored again (`duplicate`, w.id the stored id).
    virtual bool insert_workshop(WorkshopRecord& w, bool* duplicate, std::string* error) = 0;
    virtual std::optional<WorkshopRecord> workshop(long long id) const = 0;
    virtual std::vector<WorkshopRecord> workshops() const = 0;  // oldest first

    // The outbox: trainees' attempts (by uuid) and sessions (by id) not yet confirmed by
    // `server`, oldest first; and the confirmation, added once.
    virtual std::vector<std::string> undelivered_attempts(const std::string& server) const = 0;
    virtual std::vector<long long> undelivered_workshops(const std::string& server) const = 0;
    virtual bool mark_delivered(const std::string& uuid, const std::string& server, std::string* error) = 0;
};

// A results file: created and migrated when `read_only` is false; otherwise nothing on disk is
// changed (a missing file reads as an empty store and sets `missing`).
std::unique_ptr<StoreBackend> open_sqlite_backend(const std::string& path, bool read_only, bool* missing,
                                                  std::string* error);
// A PostgreSQL server by connection URL (postgresql://user:password@host:port/database?...). The
// schema is created or migrated unless `read_only`; a database with no schema yet reads as empty.
std::unique_ptr<StoreBackend> open_postgres_backend(const std::string& url, bool read_only, bool* missing,
                                                    std::string* error);

// True for postgresql:// and postgres:// URLs: the results live on a PostgreSQL server.
bool is_server_url(const std::string& location);
// The URL with its password replaced by "***", for messages and logs.
std::string redact_url(const std::string& location);

// Shared by both backends: the JSON arrays an attempt's choices, path and times are kept as.
std::string json_string_array(const std::vector<std::string>& v);
std::string json_number_array(const std::vector<int>& v);
std::string json_number_array(const std::vector<long long>& v);

}  // namespace ta::store
