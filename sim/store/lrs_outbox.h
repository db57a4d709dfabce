// lrs_outbox.h: offline first, for the learning record store. Every attempt and workshop session
// recorded here is also queued for the LRS; what the LRS has not confirmed waits in the local
// store (its deliveries table, under the LRS's own key), so a laptop with no network loses
// nothing and sends it later. Each attempt's statements (see xapi.h) go in one batch, oldest
// first, tried again with growing waits while the LRS cannot be reached or is busy.
#pragma once

#include <atomic>
#include <cstddef>
#include <string>

#include "lrs_client.h"
#include "outbox.h"
#include "results_store.h"

namespace ta::store {

// The key the local store confirms LRS deliveries under: "xapi " and the endpoint (no password).
std::string lrs_delivery_key(const LrsSettings& lrs);

// What `local` holds that the LRS has not confirmed.
OutboxCount waiting_for_lrs(const ResultsStore& local, const LrsSettings& lrs);

struct LrsDeliveryReport {
    bool reached = false;         // the LRS answered at least once
    std::size_t delivered = 0;    // attempts and sessions the LRS confirmed
    std::size_t statements = 0;   // statements in them
    std::size_t refused = 0;      // left waiting because the LRS refused their statements
    int retries = 0;              // requests tried again
    OutboxCount still_waiting;    // left for next time
    std::string error;            // the first reason something was left ("" when everything went)
};

// Sends everything waiting. A refusal of one attempt's statements (409, 400) leaves that one
// waiting and goes on; refused credentials, or an LRS still out of reach after its retries, stop.
// `cancel`, when set, ends the run early (the window is closing); what was confirmed stays so.
LrsDeliveryReport deliver_to_lrs(ResultsStore& local, const LrsSettings& lrs, const Sleeper& sleep = sleep_ms,
                                 const std::atomic<bool>* cancel = nullptr);

}  // namespace ta::store
