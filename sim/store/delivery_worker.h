// delivery_worker.h: the window's offline-first delivery. Results are recorded in the local store
// as always; this worker, on its own thread and with its own connection to that store, sends
// what the shared server and the LRS have not confirmed (outbox.h, lrs_outbox.h): at start, after
// each poke (something was recorded) and, while anything waits, every `retry_every_ms`. The
// window never waits for the network; it reads status() to say what is waiting.
#pragma once

#include <memory>
#include <string>

#include "lrs_client.h"
#include "outbox.h"

namespace ta::store {

struct DeliveryTargets {
    std::string server_url;  // a shared results server ("" = none)
    LrsSettings lrs;         // an LRS (endpoint "" = none)
    bool any() const { return !server_url.empty() || lrs.configured(); }
};

// $TURNAROUND_SERVER and $TURNAROUND_LRS (with its credentials), as the CLI reads them.
DeliveryTargets delivery_targets_from_environment();

struct DeliveryStatus {
    bool busy = false;         // a round is under way
    int rounds = 0;            // rounds finished
    OutboxCount for_server;    // waiting for the shared server after the last round
    OutboxCount for_lrs;       // waiting for the LRS after the last round
    std::size_t sent = 0;      // results confirmed by either since the worker started
    std::string last_error;    // why the last round left something waiting ("" when nothing was left)
};

class DeliveryWorker {
public:
    // Starts the thread; `local_path` is the local results database (opened separately here).
    DeliveryWorker(std::string local_path, DeliveryTargets targets, long retry_every_ms = 60000);
    // Stops: a wait ends at once and a request in flight is abandoned (what was confirmed stays
    // confirmed; the rest waits for next time). Never blocks the window for more than ~2 s.
    ~DeliveryWorker();
    DeliveryWorker(const DeliveryWorker&) = delete;
    DeliveryWorker& operator=(const DeliveryWorker&) = delete;

    void poke();                    // something new was recorded: send soon
    DeliveryStatus status() const;  // a copy, safe from any thread
    // Waits until a round that started after the latest poke has finished (tests, scripted runs).
    bool wait_for_round(long timeout_ms) const;

    // One line for the window ("Sent to the shared server." / "2 attempts waiting for the LRS ...").
    std::string summary() const;

    struct Shared;  // the state the thread owns with this object (outlives it when detached)

private:
    std::shared_ptr<Shared> shared_;
};

}  // namespace ta::store
