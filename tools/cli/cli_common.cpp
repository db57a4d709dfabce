#include "cli_common.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

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
    std::map<std::string, std::string> sources;  // each file read once, only for syntax errors
    for (const auto& d : diags) {
        out << format_diagnostic(d) << '\n';
        if (!shows_source(d)) continue;
        auto it = sources.find(d.file);
        if (it == sources.end()) {
            std::ifstream in(d.file, std::ios::binary);
            std::ostringstream text;
            text << in.rdbuf();
            it = sources.emplace(d.file, text.str()).first;
        }
        out << format_source_excerpt(d, it->second);
    }
}

bool is_unreadable(const Diagnostic& d) { return d.code == "unreadable"; }

}  // namespace ta::cli
