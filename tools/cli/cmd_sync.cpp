// turnaround-cli sync: delivers the local results that the shared server has not confirmed yet
// (offline first: see sim/store/outbox.h), or says what is waiting.
#include <iostream>

#include "command.h"
#include "outbox.h"
#include "store_backend.h"
#include "store_cli.h"

namespace ta::cli {
namespace {

const char* kUsage =
    "Usage: turnaround-cli sync [--server URL] [--db PATH] [--status]\n"
    "\n"
    "Results are always recorded on this computer first, so nothing is lost while the shared\n"
    "server cannot be reached. 'sync' sends every attempt and workshop session that the server\n"
    "has not confirmed yet, oldest first, and says what is still waiting. Sending the same result\n"
    "twice stores it once (each keeps its id), so sync can be run as often as wanted, e.g. from\n"
    "a login script or a timer.\n"
    "\n"
    "Options:\n"
    "  --server URL  the shared results server, postgresql://USER:PASSWORD@HOST:PORT/DATABASE\n"
    "                (default: $TURNAROUND_SERVER)\n"
    "  --db PATH     the local results database (default: $TURNAROUND_RESULTS_DB, else\n"
    "                $XDG_DATA_HOME/turnaround/results.db)\n"
    "  --status      only say what is waiting; change nothing, contact no server\n"
    "\n"
    "Exit status: 0 nothing left waiting, 1 some results are still waiting (server unreachable or\n"
    "             refused them; the reason is printed), 2 bad arguments or no server configured.\n";

int usage_error(const std::string& msg) {
    std::cerr << "sync: " << msg << " (see turnaround-cli sync --help)\n";
    return kExitUsage;
}

int run(std::vector<std::string> args) {
    bool missing_value = false;
    auto server = take_option(args, "--server", missing_value);
    auto db_path = take_option(args, "--db", missing_value);
    const bool status_only = take_flag(args, "--status");
    if (missing_value) return usage_error("an option is missing its value");
    if (!args.empty()) return usage_error("unexpected argument '" + args[0] + "'");
    const std::string url = server ? *server : store::server_from_environment();
    if (url.empty()) return usage_error("no server: pass --server URL or set TURNAROUND_SERVER");
    const std::string where = store::redact_url(url);

    store::ResultsStore local;
    if (!open_results(local, db_path, "sync", status_only ? Access::Read : Access::Write)) return kExitUsage;
    if (status_only) {
        const store::OutboxCount waiting = store::waiting_for(local, url);
        std::cout << (waiting.empty() ? std::string("Nothing waiting") : "Waiting: " + store::describe(waiting))
                  << " for " << where << '\n';
        return waiting.empty() ? kExitOk : kExitFailed;
    }
    const store::DeliveryReport r = store::deliver_waiting(local, url);
    if (r.reached)
        std::cout << "Sent " << r.delivered << " to " << where
                  << (r.already_there ? " (" + std::to_string(r.already_there) + " it already had)" : "") << '\n';
    if (!r.error.empty()) std::cerr << "sync: " << r.error << '\n';
    if (!r.still_waiting.empty()) {
        std::cout << "Still waiting: " << store::describe(r.still_waiting) << " (kept here; run sync again)\n";
        return kExitFailed;
    }
    std::cout << "Nothing waiting\n";
    return kExitOk;
}

const Registration reg{Command{"sync", "send results recorded here to the shared server; say what is waiting", kUsage,
                               [](const std::vector<std::string>& a) { return run(a); }}};

}  // namespace
}  // namespace ta::cli
