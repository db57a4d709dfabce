// store_cli.h: what the results commands (trainee, report, export) share: --db and option parsing.
#pragma once

#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "lrs_outbox.h"
#include "outbox.h"
#include "results_store.h"
#include "store_backend.h"
#include "xdg_paths.h"

namespace ta::cli {

// Removes "--name VALUE" or "--name=VALUE" from args. Absent: nullopt. Present without a value:
// sets `missing` (the caller reports a usage error).
inline std::optional<std::string> take_option(std::vector<std::string>& args, const std::string& name, bool& missing) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == name) {
            if (i + 1 >= args.size()) {
                missing = true;
                args.erase(args.begin() + static_cast<long>(i));
                return std::nullopt;
            }
            std::string v = args[i + 1];
            args.erase(args.begin() + static_cast<long>(i), args.begin() + static_cast<long>(i) + 2);
            return v;
        }
        if (args[i].rfind(name + "=", 0) == 0) {
            std::string v = args[i].substr(name.size() + 1);
            args.erase(args.begin() + static_cast<long>(i));
            return v;
        }
    }
    return std::nullopt;
}

// Removes a flag; true when it was there.
inline bool take_flag(std::vector<std::string>& args, const std::string& name) {
    for (std::size_t i = 0; i < args.size(); ++i)
        if (args[i] == name) {
            args.erase(args.begin() + static_cast<long>(i));
            return true;
        }
    return false;
}

// How a command uses the results: commands that only read open them read-only and change nothing.
enum class Access { Write, Read };

// Opens --db PATH, else $TURNAROUND_RESULTS_DB, else the per-user default (creating its folder when
// writing), as the window does. Prints why on failure.
inline bool open_results(store::ResultsStore& store, std::optional<std::string> db, const char* command,
                         Access access = Access::Write) {
    if (const char* env = std::getenv("TURNAROUND_RESULTS_DB"); !db && env && *env) db = env;
    std::string path = db ? *db : store::default_results_path();
    std::string error;
    if (path.empty()) {
        std::cerr << command << ": no data directory; pass --db PATH\n";
        return false;
    }
    if (!db && access == Access::Write && !store::ensure_dir(store::data_dir(), &error)) {
        std::cerr << command << ": " << error << '\n';
        return false;
    }
    const bool ok = access == Access::Read ? store.open_read_only(path, &error) : store.open(path, &error);
    if (!ok) {
        std::cerr << command << ": " << error << '\n';
        return false;
    }
    if (store.missing()) std::cerr << command << ": nothing recorded yet (no results database at " << path << ")\n";
    return true;
}

// After a result is recorded here: sends what the shared server ($TURNAROUND_SERVER) and the LRS
// ($TURNAROUND_LRS) have not confirmed, and says so; one out of reach leaves it waiting (recorded
// is recorded; turnaround-cli sync sends it later).
inline void deliver_if_configured(store::ResultsStore& local, const char* command) {
    const std::string url = store::server_from_environment();
    if (!url.empty() && !local.on_server()) {
        const store::DeliveryReport r = store::deliver_waiting(local, url);
        const std::string where = store::redact_url(url);
        if (r.still_waiting.empty())
            std::cerr << command << ": sent to " << where << '\n';
        else
            std::cerr << command << ": kept here, " << store::describe(r.still_waiting) << " waiting for " << where
                      << " (turnaround-cli sync sends them): " << r.error << '\n';
    }
    store::LrsSettings lrs = store::lrs_from_environment();
    if (!lrs.configured()) return;
    lrs.tries = 2;  // the trainee is waiting for the prompt; sync tries harder
    const store::LrsDeliveryReport r = store::deliver_to_lrs(local, lrs);
    const std::string where = "the LRS at " + store::redact_url(lrs.endpoint);
    if (r.still_waiting.empty()) {
        if (r.delivered) std::cerr << command << ": sent " << r.statements << " xAPI statements to " << where << '\n';
    } else
        std::cerr << command << ": kept here, " << store::describe(r.still_waiting) << " waiting for " << where
                  << " (turnaround-cli sync sends them): " << r.error << '\n';
}

}  // namespace ta::cli
