// outbox.cpp: delivering the local store's waiting results to the shared server.
#include "outbox.h"

#include <cstdlib>
#include <map>

#include "store_backend.h"

namespace ta::store {

OutboxCount waiting_for(const ResultsStore& local, const std::string& server_url) {
    const std::string key = redact_url(server_url);
    return {local.undelivered_attempts(key).size(), local.undelivered_workshops(key).size()};
}

std::string describe(const OutboxCount& c) {
    auto plural = [](std::size_t n, const char* one, const char* many) {
        return std::to_string(n) + " " + (n == 1 ? one : many);
    };
    if (c.empty()) return "nothing";
    std::string out;
    if (c.attempts) out = plural(c.attempts, "attempt", "attempts");
    if (c.sessions) out += (out.empty() ? "" : " and ") + plural(c.sessions, "workshop session", "workshop sessions");
    return out;
}

namespace {

// The server's id for a local trainee: found by name, or added with the local team.
long long server_trainee(ResultsStore& server, const Trainee& t, std::map<long long, long long>& known,
                         std::string* error) {
    if (auto it = known.find(t.id); it != known.end()) return it->second;
    auto found = server.find_trainee(t.name);
    if (!found) found = server.add_trainee(t.name, t.team, error);
    if (!found) found = server.find_trainee(t.name);  // another site added them a moment ago
    if (!found) return 0;
    known[t.id] = found->id;
    return found->id;
}

}  // namespace

DeliveryReport deliver_waiting(ResultsStore& local, const std::string& server_url) {
    DeliveryReport report;
    const std::string key = redact_url(server_url);
    ResultsStore server;
    std::string error;
    if (!server.open(server_url, &error)) {
        report.error = error;
        report.still_waiting = waiting_for(local, server_url);
        return report;
    }
    report.reached = true;
    std::map<long long, long long> trainees;  // local id -> server id
    auto stop = [&](const std::string& why) {
        report.error = why;
        report.still_waiting = waiting_for(local, server_url);
        return report;
    };
    for (const std::string& uuid : local.undelivered_attempts(key)) {
        auto a = local.attempt_by_uuid(uuid);
        auto t = a ? local.trainee(a->trainee_id) : std::nullopt;
        if (!a || !t) return stop("attempt " + uuid + " cannot be read from " + local.path());
        const long long server_id = server_trainee(server, *t, trainees, &error);
        if (!server_id) return stop("cannot add trainee \"" + t->name + "\" on " + key + ": " + error);
        a->trainee_id = server_id;
        a->id = 0;
        bool already = false;
        if (!server.deliver_attempt(*a, &already, &error)) return stop("cannot deliver attempt " + uuid + ": " + error);
        ++(already ? report.already_there : report.delivered);
        if (!local.mark_delivered(uuid, key, &error))
            return stop("delivered, but cannot note it in " + local.path() + ": " + error);
    }
    for (long long id : local.undelivered_workshops(key)) {
        auto w = local.workshop(id);
        if (!w) return stop("workshop session " + std::to_string(id) + " cannot be read from " + local.path());
        w->id = 0;
        for (AttemptRecord& r : w->results) r.id = r.workshop_id = 0;
        bool already = false;
        if (!server.deliver_workshop(*w, &already, &error))
            return stop("cannot deliver workshop session " + w->uuid + ": " + error);
        ++(already ? report.already_there : report.delivered);
        if (!local.mark_delivered(w->uuid, key, &error))
            return stop("delivered, but cannot note it in " + local.path() + ": " + error);
    }
    return report;
}

std::string server_from_environment() {
    const char* url = std::getenv("TURNAROUND_SERVER");
    return url ? url : "";
}

}  // namespace ta::store
