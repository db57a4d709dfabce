// results_store.cpp: the door of the results store. Every value is checked and completed here,
// once, whichever backend keeps the rows (sqlite_backend.cpp, postgres_backend.cpp).
#include "results_store.h"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <random>

#include <unistd.h>

#include "store_backend.h"
#include "utf8_check.h"

namespace ta::store {

namespace {

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

bool refuse_when_read_only(bool read_only, const std::string& path, std::string* error) {
    if (read_only && error) *error = path + " was opened only for reading";
    return read_only;
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

ResultsStore::ResultsStore() = default;
ResultsStore::~ResultsStore() = default;
ResultsStore::ResultsStore(ResultsStore&& other) noexcept = default;
ResultsStore& ResultsStore::operator=(ResultsStore&& other) noexcept = default;

void ResultsStore::close() { backend_.reset(); }

int ResultsStore::latest_schema_version() { return kLatestSchemaVersion; }

int ResultsStore::schema_version() const { return backend_ ? backend_->schema_version() : -1; }

std::string ResultsStore::last_error() const { return backend_ ? backend_->last_error() : "no database open"; }

bool ResultsStore::open_at(const std::string& location, bool read_only, std::string* error) {
    close();
    path_ = redact_url(location);
    read_only_ = read_only;
    missing_ = false;
    on_server_ = is_server_url(location);
    backend_ = on_server_ ? open_postgres_backend(location, read_only, &missing_, error)
                          : open_sqlite_backend(location, read_only, &missing_, error);
    return backend_ != nullptr;
}

bool ResultsStore::open(const std::string& path, std::string* error) { return open_at(path, false, error); }

bool ResultsStore::open_read_only(const std::string& path, std::string* error) { return open_at(path, true, error); }

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
    if (refuse_when_read_only(read_only_, path_, error)) return std::nullopt;
    if (!backend_) {
        if (error) *error = "no database open";
        return std::nullopt;
    }
    Trainee t;
    t.name = name;
    t.team = team_name;
    t.created_at = now_utc_iso8601();
    bool taken = false;
    if (!backend_->insert_trainee(t, &taken, error)) {
        if (taken && error) *error = "there is already a trainee called \"" + name + "\" (names ignore letter case)";
        return std::nullopt;
    }
    return t;
}

std::optional<Trainee> ResultsStore::find_trainee(const std::string& name) const {
    return backend_ ? backend_->find_trainee(trim(name)) : std::nullopt;
}

std::optional<Trainee> ResultsStore::trainee(long long id) const {
    return backend_ ? backend_->trainee(id) : std::nullopt;
}

std::vector<Trainee> ResultsStore::trainees() const { return backend_ ? backend_->trainees() : std::vector<Trainee>{}; }

bool ResultsStore::record_attempt(AttemptRecord& a, std::string* error) {
    bool already = false;
    if (!deliver_attempt(a, &already, error)) return false;
    if (!already) return true;
    if (error) *error = "an attempt with id " + a.uuid + " is already recorded";
    a.id = 0;
    return false;
}

bool ResultsStore::deliver_attempt(AttemptRecord& a, bool* already, std::string* error) {
    if (already) *already = false;
    if (refuse_when_read_only(read_only_, path_, error)) return false;
    if (!backend_) {
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
    bool ok = backend_->insert_attempt(a, already, error);
    if (!ok) a.id = 0;
    return ok;
}

std::vector<AttemptRecord> ResultsStore::attempts_for(long long trainee_id) const {
    return backend_ ? backend_->attempts_for(trainee_id) : std::vector<AttemptRecord>{};
}

std::vector<AttemptRecord> ResultsStore::all_attempts() const {
    return backend_ ? backend_->all_attempts() : std::vector<AttemptRecord>{};
}

std::optional<AttemptRecord> ResultsStore::attempt_by_uuid(const std::string& uuid) const {
    return backend_ ? backend_->attempt_by_uuid(uuid) : std::nullopt;
}

std::optional<AttemptRecord> ResultsStore::best_result(long long trainee_id, const std::string& scenario_id) const {
    return backend_ ? backend_->best_result(trainee_id, scenario_id) : std::nullopt;
}

long long ResultsStore::attempt_count() const { return backend_ ? backend_->attempt_count() : 0; }

bool ResultsStore::record_workshop(WorkshopRecord& w, std::string* error) {
    bool already = false;
    if (!deliver_workshop(w, &already, error)) return false;
    if (!already) return true;
    if (error) *error = "a workshop session with id " + w.uuid + " is already recorded";
    w.id = 0;
    return false;
}

bool ResultsStore::deliver_workshop(WorkshopRecord& w, bool* already, std::string* error) {
    if (already) *already = false;
    if (refuse_when_read_only(read_only_, path_, error)) return false;
    if (!backend_) {
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
    for (BallotRecord& b : w.ballots) {
        for (std::string* t : {&b.participant, &b.team, &b.letter, &b.choice_id, &b.text, &b.node_id})
            repair_in_place(*t);
        if (b.uuid.empty()) b.uuid = random_uuid_v4();
    }
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
    bool ok = backend_->insert_workshop(w, already, error);
    if (!ok) {
        w.id = 0;
        for (AttemptRecord& a : w.results) a.id = a.workshop_id = 0;
    }
    return ok;
}

std::optional<WorkshopRecord> ResultsStore::workshop(long long id) const {
    return backend_ ? backend_->workshop(id) : std::nullopt;
}

std::vector<WorkshopRecord> ResultsStore::workshops() const {
    return backend_ ? backend_->workshops() : std::vector<WorkshopRecord>{};
}

std::vector<std::string> ResultsStore::undelivered_attempts(const std::string& server) const {
    return backend_ ? backend_->undelivered_attempts(server) : std::vector<std::string>{};
}

std::vector<long long> ResultsStore::undelivered_workshops(const std::string& server) const {
    return backend_ ? backend_->undelivered_workshops(server) : std::vector<long long>{};
}

bool ResultsStore::mark_delivered(const std::string& uuid, const std::string& server, std::string* error) {
    if (refuse_when_read_only(read_only_, path_, error)) return false;
    if (!backend_) {
        if (error) *error = "no database open";
        return false;
    }
    return backend_->mark_delivered(uuid, server, error);
}

std::string ResultsStore::integrity_check() const {
    return backend_ ? backend_->integrity_check() : "no database open";
}

}  // namespace ta::store
