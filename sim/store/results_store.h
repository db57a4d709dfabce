// results_store.h: the record of every attempt, trainee and workshop session.
//
// By default one SQLite file per user (see xdg_paths.h): WAL journal, synchronous=FULL, every write
// in one transaction retried while another process holds the lock. Given a postgresql:// URL, the
// same tables on a shared PostgreSQL server instead. Either way a crash or a power cut loses no
// attempt that record_attempt() reported as recorded, several processes can write at once, and
// attempts are append-only: this API has no update or delete, and the schema refuses both.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "scenario.h"

namespace ta::store {

class StoreBackend;

struct Trainee {
    long long id = 0;
    std::string name;  // unique, compared case-insensitively (ASCII letters)
    std::string team;  // optional
    std::string created_at;
};

// One finished or abandoned playthrough, by a trainee or by a workshop team.
struct AttemptRecord {
    long long id = 0;          // set by record_attempt()
    std::string uuid;          // RFC 4122 v4; set by record_attempt() when empty; the xAPI statement id
    long long trainee_id = 0;  // 0 for a workshop team's attempt
    long long workshop_id = 0; // 0 unless played in a workshop
    std::string team;          // workshop team name ("" otherwise)
    std::string scenario_id;
    std::string scenario_version;
    std::string scenario_title;
    std::string started_at;    // ISO 8601 UTC, e.g. 2026-11-25T09:30:00Z
    std::string finished_at;
    bool completed = false;    // reached an ending; false when abandoned
    std::string ending_id;     // "" when abandoned
    std::string ending_type;   // ending_type_key(), "" when abandoned
    std::vector<std::string> choice_ids;  // Choice::id of each turn, in order
    std::vector<int> choice_path;         // index per turn (kTimeoutChoice for a time-out), for replay
    std::vector<long long> turn_ms;       // thinking time per turn, milliseconds
    std::string debrief_json;  // scoring::debrief_to_json(), "" when not graded
    double overall = 0;        // 0..100
    bool has_scores = true;    // false for attempts migrated from a schema without per-competency scores
    CompetencyArray scores{};  // 0..100 per competency
    // False where the scenario does not exercise a competency (every path scores the same): such a
    // score says nothing about the trainee and is stored as NULL.
    std::array<bool, kCompetencyCount> scored{true, true, true, true, true};
    bool is_scored(int c) const { return has_scores && scored[static_cast<std::size_t>(c)]; }
    bool passed = false;
    std::string band;
    // The seed the replies were shown shuffled by (Session::order_seed); none = file order, and
    // for attempts recorded before the order was shuffled (schema 2 and older).
    std::optional<std::uint64_t> order_seed;

    long long duration_ms() const;  // sum of turn_ms
};

// A vote count in a workshop: at `turn` of `team`'s conversation, `votes` people chose `choice_index`.
struct VoteRecord {
    std::string team;
    int turn = 0;
    int choice_index = 0;
    int votes = 0;
    bool chosen = false;      // the option the room went on with
    bool overridden = false;  // the facilitator chose it over the majority
    std::string letter;       // the option's letter as the room saw it ("A"...; "" for a time-out or before schema 4)
    std::string text;         // the reply's text as shown
    bool tie = false;         // the top votes were tied, so the facilitator made the call
};

// One participant's last vote at one decision of a room where phones vote (schema 4).
struct BallotRecord {
    int turn = 0;             // 0-based decision number of the room's conversation
    std::string participant;  // the name given on the phone ("" when anonymous)
    std::string team;         // the team given on the phone ("")
    std::string letter;       // "A", "B"... as shown
    std::string choice_id;    // Choice::id of the option
    std::string text;         // the reply's text as shown
    std::string node_id;      // the decision's node: one question across sessions, whatever the path
    std::string uuid;         // set by record_workshop() when empty; the xAPI statement id of this answer
};

struct WorkshopRecord {
    long long id = 0;  // set by record_workshop()
    std::string uuid;
    std::string facilitator;
    std::string room;
    std::string mode;  // "room" (one conversation, everyone votes) or "teams" (one each)
    std::string scenario_id;
    std::string scenario_version;
    std::string scenario_title;
    std::string started_at;
    std::string finished_at;
    bool completed = false;
    // One order for the whole room (every team's conversation shows its replies by it), so the
    // option letters match the facilitator's screen; none = file order, or recorded before schema 3.
    std::optional<std::uint64_t> order_seed;
    std::vector<AttemptRecord> results;  // one per team (one for the room)
    std::vector<VoteRecord> votes;
    std::vector<BallotRecord> ballots;  // phone votes by participant (rooms only; empty otherwise)
    int participants = 0;               // phones that joined the room (0 when votes were entered by hand)
};

// Current UTC time as ISO 8601 with seconds, e.g. 2026-11-25T09:30:00Z.
std::string now_utc_iso8601();
// A random RFC 4122 version 4 UUID, lower-case.
std::string random_uuid_v4();

class ResultsStore {
public:
    ResultsStore();
    ~ResultsStore();
    ResultsStore(const ResultsStore&) = delete;
    ResultsStore& operator=(const ResultsStore&) = delete;
    ResultsStore(ResultsStore&& other) noexcept;
    ResultsStore& operator=(ResultsStore&& other) noexcept;

    // `path` is a file name, or a postgresql:// URL for a shared server (see store_backend.h).
    // Opens (creating when absent) and migrates to the latest schema. False with `error` set
    // when the file cannot be opened, is not a results database, or is from a newer program.
    bool open(const std::string& path, std::string* error = nullptr);
    // For commands that only read (report, export, trainee list): changes nothing on disk, not
    // even the header, so a read-only copy, a read-only share or a full disk can still be read.
    // An older schema is read through a migrated copy in memory; a missing file reads as empty
    // (see missing()). Writes on a store opened this way fail with an error.
    bool open_read_only(const std::string& path, std::string* error = nullptr);
    bool read_only() const { return read_only_; }
    bool missing() const { return missing_; }  // open_read_only found no file: nothing recorded yet
    void close();
    bool is_open() const { return backend_ != nullptr; }
    bool on_server() const { return on_server_; }  // a PostgreSQL server, not a file
    const std::string& path() const { return path_; }  // a server URL without its password

    static int latest_schema_version();
    int schema_version() const;

    // Trainees. add_trainee fails when the name is empty, too long, or taken (any letter case).
    std::optional<Trainee> add_trainee(const std::string& name, const std::string& team = "",
                                       std::string* error = nullptr);
    std::optional<Trainee> find_trainee(const std::string& name) const;  // case-insensitive
    std::optional<Trainee> trainee(long long id) const;
    std::vector<Trainee> trainees() const;

    // Appends one attempt (one transaction). Sets `a.id` (and `a.uuid` when empty).
    bool record_attempt(AttemptRecord& a, std::string* error = nullptr);
    std::vector<AttemptRecord> attempts_for(long long trainee_id) const;  // oldest first
    std::vector<AttemptRecord> all_attempts() const;                    // trainees' attempts, oldest first
    // An attempt recorded elsewhere (another store), kept with its uuid: when that uuid is already
    // here nothing is written and `already` is set, so a delivery repeated after a lost answer
    // stores nothing twice. a.trainee_id must be a trainee of this store.
    bool deliver_attempt(AttemptRecord& a, bool* already, std::string* error = nullptr);
    std::optional<AttemptRecord> attempt_by_uuid(const std::string& uuid) const;
    // The trainee's highest-scoring completed attempt at a scenario (earliest on a tie).
    std::optional<AttemptRecord> best_result(long long trainee_id, const std::string& scenario_id) const;
    long long attempt_count() const;

    // Workshops: the session, its teams' attempts and all votes, in one transaction.
    bool record_workshop(WorkshopRecord& w, std::string* error = nullptr);
    bool deliver_workshop(WorkshopRecord& w, bool* already, std::string* error = nullptr);  // as deliver_attempt
    std::optional<WorkshopRecord> workshop(long long id) const;
    std::vector<WorkshopRecord> workshops() const;  // oldest first, with results and votes

    // The outbox (see outbox.h): trainees' attempts (uuids) and sessions (ids) that `server` has
    // not confirmed, oldest first, and its confirmation of one of them.
    std::vector<std::string> undelivered_attempts(const std::string& server) const;
    std::vector<long long> undelivered_workshops(const std::string& server) const;
    bool mark_delivered(const std::string& uuid, const std::string& server, std::string* error = nullptr);

    // "ok" when the store's own check (SQLite's PRAGMA integrity_check) finds nothing wrong, else its findings.
    std::string integrity_check() const;

    // The last database error text (for messages).
    std::string last_error() const;

private:
    bool open_at(const std::string& location, bool read_only, std::string* error);

    std::unique_ptr<StoreBackend> backend_;
    std::string path_;
    bool read_only_ = false;
    bool missing_ = false;
    bool on_server_ = false;
};

}  // namespace ta::store
