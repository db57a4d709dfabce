// scenario_watcher.h: live reload of the scenario a trainer is editing.
//
// The front end calls poll() every frame (it only stats the file). When the file's time or size
// changes and then stays put for a short settling time (editors save in several steps), the file
// is loaded again. A version with errors never replaces the last good one: the front end keeps
// playing the good one and shows the diagnostics. No clock and no threads here: the caller passes
// the time, so the behaviour is deterministic and testable.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "diagnostics.h"
#include "loader.h"
#include "scenario.h"
#include "session.h"

namespace ta {

// What the file looked like at one poll.
struct FileStamp {
    bool exists = false;
    std::int64_t modified = 0;  // last write time, in the file clock's ticks
    std::uintmax_t size = 0;
    bool operator==(const FileStamp&) const = default;
};
FileStamp stamp_file(const std::string& path);

struct ReloadEvent {
    enum class Kind {
        Loaded,   // the file loaded without errors; `scenario` is the new version
        Failed,   // the file has errors (or cannot be read); `scenario` is still the last good one
        Missing,  // the file is gone (deleted or renamed); `scenario` is still the last good one
    };
    Kind kind = Kind::Failed;
    std::shared_ptr<const Scenario> scenario;  // null only when no version ever loaded
    std::vector<Diagnostic> diagnostics;       // of this attempt: errors and warnings
};

struct WatchOptions {
    double settle_seconds = 0.3;  // the file must stay unchanged this long before it is loaded
};

class ScenarioWatcher {
public:
    ScenarioWatcher(std::string path, LoadOptions load_options = {}, WatchOptions watch_options = {});

    // Loads the file now, whatever its stamp (the first load, or "reload" pressed by hand).
    ReloadEvent load();
    // Takes the file as it is now as already seen, without loading it: for a front end that loaded
    // the scenario itself and wants to hear only about later edits.
    void watch_from_now();
    // Checks the file; returns an event when it was (re)loaded or went missing. `now` is seconds on
    // any steady clock.
    std::optional<ReloadEvent> poll(double now);

    const std::string& path() const { return path_; }
    // The last version that loaded without errors (null when none has).
    std::shared_ptr<const Scenario> scenario() const { return good_; }
    // The diagnostics of the latest attempt (warnings of a good load, or the errors of a bad one).
    const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
    // True when the latest attempt failed, i.e. the file on disk is not what is being played.
    bool stale() const { return stale_; }
    int good_loads() const { return good_loads_; }

private:
    std::string path_;
    LoadOptions load_options_;
    WatchOptions watch_options_;
    std::shared_ptr<const Scenario> good_;
    std::vector<Diagnostic> diagnostics_;
    bool stale_ = false;
    int good_loads_ = 0;
    FileStamp seen_;                     // stamp at the latest load attempt
    std::optional<FileStamp> pending_;   // a changed stamp waiting to settle
    double pending_since_ = 0;
};

// --- Keeping the trainee's place -----------------------------------------------------------------

// One decision on the path, remembered by the choice's id and words, so that it can be found again
// in an edited scenario even when choices were inserted or reordered.
struct PathStep {
    std::string node_id;
    std::string choice_id;
    std::string text;
};
std::vector<PathStep> path_of(const Session& session);

struct RestoredPlace {
    Session session;
    int kept = 0;      // decisions replayed
    int wanted = 0;    // decisions on the old path
    bool complete() const { return kept == wanted; }
};

// Replays `path` in `scenario` as far as it still works: at each node, the choice with the same id
// and words, else the only one with the same words, else the one with the same id. Stops at the
// first decision that cannot be found or is not offered. `order_seed` is the new session's (the
// replies keep the order they were shown in).
RestoredPlace restore_place(const Scenario& scenario, const std::vector<PathStep>& path,
                            std::optional<std::uint64_t> order_seed = std::nullopt);

// The fewest moves from the start that reach `target` (a node or an ending), honouring flags;
// nullopt when no playthrough gets there. For "play from here" in author mode.
std::optional<std::vector<int>> shortest_path_to(const Scenario& scenario, const std::string& target);

}  // namespace ta
