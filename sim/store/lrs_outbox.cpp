// lrs_outbox.cpp: delivering the local store's waiting statements to the LRS.
#include "lrs_outbox.h"

#include <functional>
#include <vector>

#include "export.h"
#include "session_export.h"
#include "store_backend.h"

namespace ta::store {

std::string lrs_delivery_key(const LrsSettings& lrs) { return "xapi " + redact_url(lrs.endpoint); }

OutboxCount waiting_for_lrs(const ResultsStore& local, const LrsSettings& lrs) {
    const std::string key = lrs_delivery_key(lrs);
    return {local.undelivered_attempts(key).size(), local.undelivered_workshops(key).size()};
}

LrsDeliveryReport deliver_to_lrs(ResultsStore& local, const LrsSettings& lrs, const Sleeper& sleep,
                                 const std::atomic<bool>* cancel) {
    LrsDeliveryReport report;
    const std::string key = lrs_delivery_key(lrs);
    XapiOptions options;
    if (!lrs.home_page.empty()) options.home_page = lrs.home_page;
    bool stopped = false;
    auto note = [&](const std::string& why) {
        if (report.error.empty()) report.error = why;
    };

    // Sends one unit (an attempt or a session); false when the whole run must stop.
    auto send = [&](const std::string& uuid, const std::vector<std::string>& statements, const std::string& what) {
        if (cancel && cancel->load()) return false;
        if (!statements.empty()) {
            const SendResult r = send_with_retry(lrs, statements_array(statements), sleep, cancel);
            report.retries += r.tries - 1;
            if (r.last.status != 0) report.reached = true;
            switch (judge(r.last)) {
                case LrsVerdict::Stored: break;
                case LrsVerdict::TryLater: note(explain(r.last)); return false;
                case LrsVerdict::Refused:
                    note(what + ": " + explain(r.last));
                    ++report.refused;
                    // Credentials and a wrong address are the same for every batch: stop asking.
                    return !(r.last.status == 401 || r.last.status == 403 || r.last.status == 404);
            }
        }
        std::string error;
        if (!local.mark_delivered(uuid, key, &error)) {
            note("sent " + what + ", but cannot note it in " + local.path() + ": " + error);
            return false;
        }
        ++report.delivered;
        report.statements += statements.size();
        return true;
    };

    for (const std::string& uuid : local.undelivered_attempts(key)) {
        auto a = local.attempt_by_uuid(uuid);
        if (!a) {
            note("attempt " + uuid + " cannot be read from " + local.path());
            continue;
        }
        if (!send(uuid, attempts_statements(local, {*a}, options), "attempt " + uuid)) {
            stopped = true;
            break;
        }
    }
    if (!stopped)
        for (long long id : local.undelivered_workshops(key)) {
            auto w = local.workshop(id);
            if (!w) {
                note("workshop session " + std::to_string(id) + " cannot be read from " + local.path());
                continue;
            }
            if (!send(w->uuid, session_xapi_statements(local, *w, options), "workshop session " + std::to_string(id)))
                break;
        }
    report.still_waiting = waiting_for_lrs(local, lrs);
    return report;
}

}  // namespace ta::store
