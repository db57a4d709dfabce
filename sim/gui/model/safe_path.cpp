#include "safe_path.h"

#include <filesystem>

namespace fs = std::filesystem;

namespace ta::gui {

bool path_is_inside(const std::string& path, const std::string& root) {
    fs::path p = fs::path(path).lexically_normal();
    fs::path r = fs::path(root).lexically_normal();
    auto pi = p.begin();
    for (auto ri = r.begin(); ri != r.end(); ++ri) {
        if (ri->empty()) continue;  // trailing separator
        if (pi == p.end() || *pi != *ri) return false;
        ++pi;
    }
    return true;
}

std::optional<std::string> resolve_scenario_file(const std::string& scenario_file, const std::string& relative,
                                                 const std::vector<std::string>& extra_roots, std::string* error) {
    auto fail = [&](const std::string& why) -> std::optional<std::string> {
        if (error) *error = why;
        return std::nullopt;
    };
    if (relative.empty()) return fail("no file named");
    if (relative.find('\0') != std::string::npos) return fail(relative + ": invalid file name");
    std::error_code ec;
    fs::path scenario_dir = fs::canonical(fs::absolute(scenario_file, ec).parent_path(), ec);
    if (ec) return fail(scenario_file + ": cannot find the scenario's folder");
    fs::path candidate = fs::path(relative).is_absolute() ? fs::path(relative) : scenario_dir / relative;
    fs::path resolved = fs::canonical(candidate, ec);
    if (ec) return fail(relative + ": file not found (looked in " + scenario_dir.string() + ")");
    if (!fs::is_regular_file(resolved, ec)) return fail(relative + ": not a regular file");

    std::vector<fs::path> roots{scenario_dir};
    for (const auto& r : extra_roots) {
        std::error_code e2;
        fs::path c = fs::canonical(r, e2);
        if (!e2) roots.push_back(c);
    }
    for (const auto& root : roots)
        if (path_is_inside(resolved.string(), root.string())) return resolved.string();
    return fail(relative + ": refused, outside the scenario's folder and the assets folder");
}

}  // namespace ta::gui
