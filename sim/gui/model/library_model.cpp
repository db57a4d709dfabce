#include "library_model.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include "loader.h"
#include "rubric.h"

namespace fs = std::filesystem;

namespace ta::gui {

std::string LibraryEntry::file_name() const { return fs::path(path).filename().string(); }

std::vector<std::string> LibraryEntry::error_lines(int max_lines) const {
    std::vector<std::string> out;
    for (const auto& d : diagnostics) {
        if (d.severity != Diagnostic::Severity::Error) continue;
        if (static_cast<int>(out.size()) >= max_lines) break;
        out.push_back(format_diagnostic(d));
    }
    if (out.empty() && !ok()) out.push_back(path + ": error: the scenario could not be loaded");
    return out;
}

std::string LibraryEntry::check_command() const {
    // Single-quoted for a POSIX shell, so a path with spaces can be pasted as it is.
    std::string quoted = "'";
    for (char c : path) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return "turnaround-cli lint " + quoted + "'";
}

namespace {
bool is_scenario_file(const fs::path& p) {
    std::string ext = fold_case(p.extension().string());
    return ext == ".yaml" || ext == ".yml";
}
}  // namespace

std::vector<std::string> list_scenario_files(const std::string& folder, std::string* error) {
    std::vector<std::string> out;
    std::error_code ec;
    if (!fs::is_directory(folder, ec)) {
        if (error) *error = folder + ": not a folder";
        return out;
    }
    // Bounded walk: the folder and its direct sub-folders only, so a huge or cyclic tree cannot
    // hang the library.
    auto scan = [&](const fs::path& dir, std::vector<fs::path>* subdirs) {
        std::error_code e;
        fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, e);
        for (; !e && it != fs::directory_iterator(); it.increment(e)) {
            std::error_code e2;
            const fs::path& p = it->path();
            std::string name = p.filename().string();
            if (name.empty() || name[0] == '.') continue;
            if (it->is_regular_file(e2) && is_scenario_file(p)) out.push_back(p.string());
            else if (subdirs && it->is_directory(e2)) subdirs->push_back(p);
        }
    };
    std::vector<fs::path> subdirs;
    scan(folder, &subdirs);
    for (const auto& d : subdirs) scan(d, nullptr);
    std::sort(out.begin(), out.end());
    if (out.size() > 2000) out.resize(2000);
    return out;
}

LibraryEntry load_library_entry(const std::string& path) {
    LibraryEntry e;
    e.path = path;
    try {
        LoadOptions opts;
        opts.known_tags = scoring::default_rubric().tag_names();
        LoadResult r = load_scenario_file(path, opts);
        e.diagnostics = r.diagnostics;
        if (r.ok()) e.scenario = std::make_shared<const Scenario>(std::move(*r.scenario));
    } catch (const std::exception& ex) {
        e.diagnostics.push_back({Diagnostic::Severity::Error, path, 0, 0, "internal", ex.what()});
    }
    return e;
}

std::string fold_case(const std::string& s) {
    std::string out = s;
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

namespace {
bool contains_folded(const std::string& haystack, const std::string& folded_needle) {
    return fold_case(haystack).find(folded_needle) != std::string::npos;
}
}  // namespace

bool matches(const LibraryEntry& e, const LibraryFilter& f) {
    std::string needle = fold_case(f.search);
    // Every word of the search must appear somewhere, so "cake easy" narrows rather than fails.
    std::vector<std::string> words;
    size_t i = 0;
    while (i < needle.size()) {
        size_t j = needle.find(' ', i);
        if (j == std::string::npos) j = needle.size();
        if (j > i) words.push_back(needle.substr(i, j - i));
        i = j + 1;
    }
    if (!e.ok()) {
        if (!f.show_failed || !f.industry.empty() || f.difficulty >= 0) return false;
        for (const auto& w : words)
            if (!contains_folded(e.file_name(), w)) return false;
        return true;
    }
    const Scenario& s = *e.scenario;
    if (!f.industry.empty() && fold_case(s.industry) != fold_case(f.industry)) return false;
    if (f.difficulty >= 0 && static_cast<int>(s.difficulty) != f.difficulty) return false;
    for (const auto& w : words) {
        bool hit = contains_folded(s.title, w) || contains_folded(s.summary, w) ||
                   contains_folded(s.industry, w) || contains_folded(s.customer.name, w) ||
                   contains_folded(difficulty_key(s.difficulty), w) || contains_folded(e.file_name(), w);
        for (const auto& o : s.objectives) hit = hit || contains_folded(o, w);
        if (!hit) return false;
    }
    return true;
}

std::vector<int> filter_entries(const std::vector<LibraryEntry>& entries, const LibraryFilter& f) {
    std::vector<int> out;
    for (int i = 0; i < static_cast<int>(entries.size()); ++i)
        if (matches(entries[i], f)) out.push_back(i);
    return out;
}

std::vector<std::string> industries(const std::vector<LibraryEntry>& entries) {
    std::vector<std::string> out;
    std::set<std::string> seen;
    for (const auto& e : entries) {
        if (!e.ok() || e.scenario->industry.empty()) continue;
        if (seen.insert(fold_case(e.scenario->industry)).second) out.push_back(e.scenario->industry);
    }
    std::sort(out.begin(), out.end(),
              [](const std::string& a, const std::string& b) { return fold_case(a) < fold_case(b); });
    return out;
}

}  // namespace ta::gui
