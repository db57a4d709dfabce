#include "scenario_watcher.h"

#include <deque>
#include <exception>
#include <set>
#include <filesystem>

namespace ta {

namespace fs = std::filesystem;

FileStamp stamp_file(const std::string& path) {
    FileStamp s;
    std::error_code ec;
    auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) return s;
    s.exists = true;
    auto time = fs::last_write_time(path, ec);
    if (!ec) s.modified = static_cast<std::int64_t>(time.time_since_epoch().count());
    if (fs::is_regular_file(status)) {
        auto size = fs::file_size(path, ec);
        if (!ec) s.size = size;
    }
    return s;
}

ScenarioWatcher::ScenarioWatcher(std::string path, LoadOptions load_options, WatchOptions watch_options)
    : path_(std::move(path)), load_options_(std::move(load_options)), watch_options_(watch_options) {}

ReloadEvent ScenarioWatcher::load() {
    seen_ = stamp_file(path_);
    pending_.reset();
    ReloadEvent event;
    if (!seen_.exists) {
        event.kind = ReloadEvent::Kind::Missing;
        event.diagnostics.push_back({Diagnostic::Severity::Error, path_, 0, 0, "missing",
                                     good_ ? "the file is gone (deleted or renamed); still showing the last version that loaded"
                                           : "the file does not exist"});
    } else {
        LoadResult result;
        try {
            result = load_scenario_file(path_, load_options_);
        } catch (const std::exception& e) {
            // The loader reports problems rather than throwing; this is the last line of defence.
            result.scenario.reset();
            result.diagnostics.push_back({Diagnostic::Severity::Error, path_, 0, 0, "internal", e.what()});
        }
        const bool ok = result.ok();
        event.diagnostics = std::move(result.diagnostics);
        if (ok) {
            event.kind = ReloadEvent::Kind::Loaded;
            good_ = std::make_shared<const Scenario>(std::move(*result.scenario));
            ++good_loads_;
        } else {
            event.kind = ReloadEvent::Kind::Failed;
            if (count_errors(event.diagnostics) == 0)  // no model and no error: say so rather than nothing
                event.diagnostics.push_back({Diagnostic::Severity::Error, path_, 0, 0, "unreadable", "the file could not be read"});
        }
    }
    event.scenario = good_;
    diagnostics_ = event.diagnostics;
    stale_ = event.kind != ReloadEvent::Kind::Loaded;
    return event;
}

void ScenarioWatcher::watch_from_now() {
    seen_ = stamp_file(path_);
    pending_.reset();
}

std::optional<ReloadEvent> ScenarioWatcher::poll(double now) {
    FileStamp current = stamp_file(path_);
    if (current == seen_) {
        pending_.reset();  // changed and changed back, or nothing happened
        return std::nullopt;
    }
    if (!pending_ || !(*pending_ == current)) {
        pending_ = current;
        pending_since_ = now;
        return std::nullopt;
    }
    if (now - pending_since_ < watch_options_.settle_seconds) return std::nullopt;
    return load();
}

std::vector<PathStep> path_of(const Session& session) {
    std::vector<PathStep> path;
    for (const Turn& turn : session.turns()) {
        const Choice& c = session.choice_of(turn);
        path.push_back({turn.node_id, c.id, c.text});
    }
    return path;
}

namespace {

// Index of the step's choice in `node` (kTimeoutChoice for its timeout move), or nullopt.
std::optional<int> find_step(const Node& node, const PathStep& step) {
    const int count = static_cast<int>(node.choices.size());
    for (int i = 0; i < count; ++i)
        if (node.choices[i].id == step.choice_id && node.choices[i].text == step.text) return i;
    if (node.on_timeout && node.on_timeout->id == step.choice_id) return kTimeoutChoice;
    std::optional<int> same_text;
    for (int i = 0; i < count; ++i)
        if (node.choices[i].text == step.text) {
            if (same_text) {
                same_text.reset();  // ambiguous: fall back to the id
                break;
            }
            same_text = i;
        }
    if (same_text) return same_text;
    for (int i = 0; i < count; ++i)
        if (node.choices[i].id == step.choice_id) return i;
    return std::nullopt;
}

}  // namespace

RestoredPlace restore_place(const Scenario& scenario, const std::vector<PathStep>& path,
                            std::optional<std::uint64_t> order_seed) {
    Session probe(scenario);
    std::vector<int> indices;
    for (const PathStep& step : path) {
        const Node* node = probe.current_node();
        if (!node || node->id != step.node_id) break;  // the conversation goes elsewhere now
        std::optional<int> index = find_step(*node, step);
        if (!index) break;
        ChooseResult r = *index == kTimeoutChoice ? probe.time_out() : probe.choose(*index);
        if (r != ChooseResult::Ok) break;
        indices.push_back(*index);
    }
    int played = 0;
    Session session = Session::replay(scenario, indices, &played, order_seed);
    return {std::move(session), played, static_cast<int>(path.size())};
}

std::optional<std::vector<int>> shortest_path_to(const Scenario& scenario, const std::string& target) {
    // Breadth-first over situations (node and flags set); mood is left out of the key so the
    // search stays small, which can only miss a path that needs a particular mood to route.
    constexpr int kMaxSituations = 20000;
    std::deque<Session> queue;
    queue.emplace_back(scenario);
    std::set<std::string> seen;
    for (int steps = 0; !queue.empty() && steps < kMaxSituations; ++steps) {
        Session cur = std::move(queue.front());
        queue.pop_front();
        if (cur.ended()) {
            if (cur.ending()->id == target) return cur.choice_path();
            continue;
        }
        const Node* node = cur.current_node();
        if (node->id == target) return cur.choice_path();
        std::string key = node->id;
        for (const auto& f : cur.flags()) key += "|" + f;
        if (!seen.insert(key).second) continue;
        for (int c : cur.available_choices()) {
            Session next = cur;
            if (next.choose(c) == ChooseResult::Ok) queue.push_back(std::move(next));
        }
        if (node->on_timeout) {
            Session next = cur;
            if (next.time_out() == ChooseResult::Ok) queue.push_back(std::move(next));
        }
    }
    return std::nullopt;
}

}  // namespace ta
