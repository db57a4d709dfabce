// store_cli.h: what the results commands (trainee, report, export) share: --db and option parsing.
#pragma once

#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "results_store.h"
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

// Opens --db PATH, or the per-user default (creating its folder). Prints why on failure.
inline bool open_results(store::ResultsStore& store, const std::optional<std::string>& db, const char* command) {
    std::string path = db ? *db : store::default_results_path();
    std::string error;
    if (!db) {
        if (path.empty() || !store::ensure_dir(store::data_dir(), &error)) {
            std::cerr << command << ": " << (error.empty() ? "no data directory; pass --db PATH" : error) << '\n';
            return false;
        }
    }
    if (!store.open(path, &error)) {
        std::cerr << command << ": " << error << '\n';
        return false;
    }
    return true;
}

}  // namespace ta::cli
