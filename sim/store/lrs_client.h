// lrs_client.h: talking to a learning record store (LRS) over the xAPI 1.0.3 statements resource.
//
// One POST sends a batch of statements. The answer is judged once, here: stored, worth trying
// again later (no connection, a timeout, 408, 429, 5xx) or refused (bad credentials, a statement
// the LRS will not take). Retrying waits longer each time, as the LRS asks (Retry-After) or
// doubling from a first delay, so a site coming back online is not flooded by every laptop at once.
//
// Statement ids come from the attempt (see xapi.h), so a batch sent twice, say after the answer
// was lost, is stored once: the LRS answers 200 for a statement it already has unchanged.
#pragma once

#include <atomic>
#include <functional>
#include <string>

namespace ta::store {

struct LrsSettings {
    std::string endpoint;  // the LRS's xAPI endpoint, e.g. https://lrs.example/xAPI/ ("" = no LRS)
    std::string username;  // HTTP Basic credentials (an LRS "key" and "secret"); may be in the URL too
    std::string password;
    std::string home_page;      // account home page of actors and root of activity ids ("" = default)
    long timeout_ms = 15000;    // one request, connection included
    int tries = 4;              // per batch, the first included
    long first_delay_ms = 500;  // before the second try; doubles each time
    long max_delay_ms = 8000;   // never waits longer between tries (Retry-After included)
    bool configured() const { return !endpoint.empty(); }
};

// The LRS from the environment: $TURNAROUND_LRS (endpoint), $TURNAROUND_LRS_USER,
// $TURNAROUND_LRS_PASSWORD and $TURNAROUND_HOME_PAGE. Endpoint "" when none is set.
LrsSettings lrs_from_environment();

// The statements resource of an endpoint: "<endpoint>/statements", with one slash between.
std::string statements_url(const std::string& endpoint);

struct LrsAnswer {
    long status = 0;             // HTTP status, 0 when no answer came
    std::string body;            // the LRS's answer (its reason, on a refusal)
    std::string transport_error; // why no answer came ("Couldn't connect to server")
    long retry_after_s = -1;     // the LRS's Retry-After in seconds, -1 when absent
};

// POSTs a JSON array of statements. `cancel`, when given and set, ends a request in flight.
LrsAnswer post_statements(const LrsSettings& lrs, const std::string& statements_json,
                          const std::atomic<bool>* cancel = nullptr);

enum class LrsVerdict { Stored, TryLater, Refused };
LrsVerdict judge(const LrsAnswer& answer);

// Says what an answer means to a trainer ("the LRS refused the credentials (401): ...").
std::string explain(const LrsAnswer& answer);

// How long to wait after `failed_tries` failures (1 = after the first): Retry-After when the LRS
// gave one, else first_delay doubled each time; never more than max_delay.
long retry_delay_ms(int failed_tries, const LrsAnswer& answer, const LrsSettings& lrs);

// Waits `ms`; false when waiting was cut short (the program is closing).
using Sleeper = std::function<bool(long ms)>;
bool sleep_ms(long ms);

struct SendResult {
    LrsAnswer last;   // the final answer
    int tries = 0;    // requests made
    bool stored() const { return judge(last) == LrsVerdict::Stored; }
};

// Sends one batch, trying again (up to lrs.tries) while the answer is TryLater.
SendResult send_with_retry(const LrsSettings& lrs, const std::string& statements_json, const Sleeper& sleep = sleep_ms,
                           const std::atomic<bool>* cancel = nullptr);

}  // namespace ta::store
