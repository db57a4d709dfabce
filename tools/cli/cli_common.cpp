#include "cli_common.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "rubric.h"

namespace ta::cli {

const LoadOptions& load_options() {
    static const LoadOptions options = [] {
        LoadOptions o;
        o.known_tags = ta::scoring::default_rubric().tag_names();
        return o;
    }();
    return options;
}

LoadResult load(const std::string& path) { return load_scenario_file(path, load_options()); }

std::vector<std::string> find_scenario_files(const std::vector<std::string>& paths, std::vector<std::string>& missing) {
    namespace fs = std::filesystem;
    std::vector<std::string> files;
    for (const auto& p : paths) {
        std::error_code ec;
        if (fs::is_directory(p, ec)) {
            std::vector<std::string> found;
            auto opts = fs::directory_options::skip_permission_denied;
            for (fs::recursive_directory_iterator it(p, opts, ec), end; !ec && it != end; it.increment(ec)) {
                if (!it->is_regular_file(ec)) continue;
                const auto ext = it->path().extension().string();
                if (ext == ".yaml" || ext == ".yml") found.push_back(it->path().string());
            }
            if (ec) missing.push_back(p);
            std::sort(found.begin(), found.end());
            files.insert(files.end(), found.begin(), found.end());
        } else if (fs::exists(p, ec)) {
            files.push_back(p);
        } else {
            missing.push_back(p);
        }
    }
    return files;
}

void print_diagnostics(std::ostream& out, const std::vector<Diagnostic>& diags) {
    for (const auto& d : diags) out << format_diagnostic(d) << '\n';
}

bool is_unreadable(const Diagnostic& d) { return d.code == "unreadable"; }

}  // namespace ta::cli
