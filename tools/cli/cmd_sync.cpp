// turnaround-cli sync: delivers the local results that the shared server has not confirmed yet
// and the LRS (offline first: see sim/store/outbox.h and lrs_outbox.h), or says what is waiting.
#include <iostream>

#include "command.h"
#include "lrs_outbox.h"
#include "outbox.h"
#include "store_backend.h"
#include "store_cli.h"

namespace ta::cli {
namespace {

const char* kUsage =
    "Usage: turnaround-cli sync [--server URL] [--lrs URL] [--db PATH] [--status]\n"
    "\n"
    "Results are always recorded on this computer first, so nothing is lost while the shared\n"
    "server or the learning record store (LRS) cannot be reached. 'sync' sends every attempt and\n"
    "workshop session that they have not confirmed yet, oldest first, and says what is still\n"
    "waiting. Sending the same result twice stores it once (each keeps its id, and its xAPI\n"
    "statements theirs), so sync can be run as often as wanted, e.g. from a login script or a timer.\n"
    "An LRS that is busy or out of reach is tried again a few times, waiting longer each time.\n"
    "\n"
    "Options:\n"
    "  --server URL  the shared results server, postgresql://USER:PASSWORD@HOST:PORT/DATABASE\n"
    "                (default: $TURNAROUND_SERVER)\n"
    "  --lrs URL     the LRS's xAPI endpoint, e.g. https://lrs.example/xAPI/ (default:\n"
    "                $TURNAROUND_LRS); its key and secret come from $TURNAROUND_LRS_USER and\n"
    "                $TURNAROUND_LRS_PASSWORD, the actors' account home page from $TURNAROUND_HOME_PAGE\n"
    "  --db PATH     the local results database (default: $TURNAROUND_RESULTS_DB, else\n"
    "                $XDG_DATA_HOME/turnaround/results.db)\n"
    "  --status      only say what is waiting; change nothing, contact nothing\n"
    "\n"
    "Exit status: 0 nothing left waiting, 1 some results are still waiting (unreachable or refused;\n"
    "             the reason is printed), 2 bad arguments or neither a server nor an LRS configured.\n";

int usage_error(const std::string& msg) {
    std::cerr << "sync: " << msg << " (see turnaround-cli sync --help)\n";
    return kExitUsage;
}

// "Nothing waiting for X" or "Waiting for X: 3 attempts"; true when something waits.
bool print_waiting(const store::OutboxCount& waiting, const std::string& where) {
    if (waiting.empty())
        std::cout << "Nothing waiting for " << where << '\n';
    else
        std::cout << "Waiting for " << where << ": " << store::describe(waiting) << '\n';
    return !waiting.empty();
}

// Sends to the shared server; true when nothing is left waiting for it.
bool sync_server(store::ResultsStore& local, const std::string& url) {
    const std::string where = store::redact_url(url);
    const store::DeliveryReport r = store::deliver_waiting(local, url);
    if (r.reached)
        std::cout << "Sent " << r.delivered << " to " << where
                  << (r.already_there ? " (" + std::to_string(r.already_there) + " it already had)" : "") << '\n';
    if (!r.error.empty()) std::cerr << "sync: " << r.error << '\n';
    if (!r.still_waiting.empty()) {
        std::cout << "Still waiting for " << where << ": " << store::describe(r.still_waiting)
                  << " (kept here; run sync again)\n";
        return false;
    }
    return true;
}

// Sends to the LRS; true when nothing is left waiting for it.
bool sync_lrs(store::ResultsStore& local, const store::LrsSettings& lrs) {
    const std::string where = "the LRS at " + store::redact_url(lrs.endpoint);
    const store::LrsDeliveryReport r = store::deliver_to_lrs(local, lrs);
    if (r.reached || r.delivered)
        std::cout << "Sent " << r.statements << " statement" << (r.statements == 1 ? "" : "s") << " (" << r.delivered
                  << " result" << (r.delivered == 1 ? "" : "s") << ") to " << where << '\n';
    if (!r.error.empty()) std::cerr << "sync: " << r.error << '\n';
    if (!r.still_waiting.empty()) {
        std::cout << "Still waiting for " << where << ": " << store::describe(r.still_waiting)
                  << " (kept here; run sync again)\n";
        return false;
    }
    return true;
}

int run(std::vector<std::string> args) {
    bool missing_value = false;
    auto server = take_option(args, "--server", missing_value);
    auto lrs_url = take_option(args, "--lrs", missing_value);
    auto db_path = take_option(args, "--db", missing_value);
    const bool status_only = take_flag(args, "--status");
    if (missing_value) return usage_error("an option is missing its value");
    if (!args.empty()) return usage_error("unexpected argument '" + args[0] + "'");
    const std::string url = server ? *server : store::server_from_environment();
    store::LrsSettings lrs = store::lrs_from_environment();
    if (lrs_url) lrs.endpoint = *lrs_url;
    if (url.empty() && !lrs.configured())
        return usage_error("nowhere to send: pass --server URL or --lrs URL, or set TURNAROUND_SERVER or TURNAROUND_LRS");
    if (lrs.configured() && lrs.endpoint.rfind("http://", 0) != 0 && lrs.endpoint.rfind("https://", 0) != 0)
        return usage_error("the LRS endpoint must be an http(s) URL");

    store::ResultsStore local;
    if (!open_results(local, db_path, "sync", status_only ? Access::Read : Access::Write)) return kExitUsage;
    bool all_sent = true;
    if (status_only) {
        if (!url.empty() && print_waiting(store::waiting_for(local, url), store::redact_url(url))) all_sent = false;
        if (lrs.configured() &&
            print_waiting(store::waiting_for_lrs(local, lrs), "the LRS at " + store::redact_url(lrs.endpoint)))
            all_sent = false;
        return all_sent ? kExitOk : kExitFailed;
    }
    if (!url.empty() && !sync_server(local, url)) all_sent = false;
    if (lrs.configured() && !sync_lrs(local, lrs)) all_sent = false;
    if (all_sent) std::cout << "Nothing waiting\n";
    return all_sent ? kExitOk : kExitFailed;
}

const Registration reg{Command{"sync", "send results recorded here to the shared server and the LRS; say what is waiting", kUsage,
                               [](const std::vector<std::string>& a) { return run(a); }}};

}  // namespace
}  // namespace ta::cli
