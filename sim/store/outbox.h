// outbox.h: offline first. Results are always recorded in the local store first (a laptop with
// no network loses nothing); when a shared server is configured, what the server has not yet
// confirmed is delivered to it, oldest first, and confirmed in the local store's deliveries.
//
// Never twice: an attempt and a session keep their uuid on the way, and the server stores a uuid
// once, so a delivery repeated after a lost answer or a crash between "sent" and "confirmed" is
// harmless.
#pragma once

#include <cstddef>
#include <string>

#include "results_store.h"

namespace ta::store {

struct OutboxCount {
    std::size_t attempts = 0;  // trainees' attempts
    std::size_t sessions = 0;  // workshop sessions (with their teams' attempts)
    bool empty() const { return attempts == 0 && sessions == 0; }
};

// What `local` holds that `server_url` has not confirmed ("3 attempts and 1 workshop session").
OutboxCount waiting_for(const ResultsStore& local, const std::string& server_url);
std::string describe(const OutboxCount& c);

struct DeliveryReport {
    bool reached = false;          // the server answered
    std::size_t delivered = 0;     // newly stored on the server
    std::size_t already_there = 0; // the server had them (a repeated delivery)
    OutboxCount still_waiting;     // left for next time
    std::string error;             // why delivery stopped ("" when everything went)
};

// Delivers everything waiting. Each attempt is one transaction on the server, then confirmed in
// `local` (which must be open for writing); a trainee is matched on the server by name (added
// there, with the team, when new). Stops at the first failure and says why; what was confirmed
// stays confirmed.
DeliveryReport deliver_waiting(ResultsStore& local, const std::string& server_url);

// The shared server's URL from the environment ($TURNAROUND_SERVER), "" when none is set.
std::string server_from_environment();

}  // namespace ta::store
