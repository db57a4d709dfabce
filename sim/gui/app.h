// app.h: the window's state and its screens.
//
// The window is a thin layer over the engine: it reads ta::Session and ta::scoring::Debrief and
// turns the trainee's clicks and keys into intents (App::choose, App::start, ...). It owns no
// rules. Decisions that can be tested without a window live in model/ (turnaround_ui_model).
//
// ADDING A SCREEN (progress, workshop, author mode, ...): no existing file needs to change.
//   1. Create sim/gui/<name>_view.cpp (it is picked up by the build's glob).
//   2. Write a function `void draw_<name>(App& app)` that draws the screen's content into the
//      current ImGui window (the area below the top navigation bar). Read state through `app`,
//      change screens with app.go("<id>"), show a short message with app.notify("...").
//   3. Register it at file scope:
//        static const ScreenRegistration kProgress{{"progress", "Progress", 30, true, draw_progress}};
//      id, navigation label, order in the navigation bar (library 10, settings 90), whether it
//      appears in the bar, and the draw function. Optional members: `next_frame_in` (seconds
//      until the screen must be redrawn although nothing happened, kNever when it is still: keeps
//      the idle loop cheap) and `on_escape` (what Esc does; default: back to the library).
//   Screens may keep their own state in file-scope statics or in App::screen_state<T>().
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <typeindex>
#include <vector>

#include <imgui.h>

#include "debrief.h"
#include "fonts.h"
#include "images.h"
#include "layout.h"
#include "library_model.h"
#include "pacing.h"
#include "results_provider.h"
#include "session.h"
#include "settings.h"
#include "theme.h"

namespace ta::gui {

class App;

struct ScreenDef {
    std::string id;
    std::string label;
    int order = 50;
    bool in_nav = true;
    std::function<void(App&)> draw;
    std::function<double(App&, double now)> next_frame_in;  // optional
    std::function<void(App&)> on_escape;                      // optional
    // The conversation's clock stands still while this screen is shown (the Author screen): the
    // trainer who looks at the map does not lose the customer to a timer.
    bool pauses_conversation = false;
};

// Registers a screen at static-initialisation time (see the top of this file).
struct ScreenRegistration {
    explicit ScreenRegistration(ScreenDef def);
};
// All registered screens, sorted by order.
const std::vector<ScreenDef>& registered_screens();
const ScreenDef* find_screen(const std::string& id);

// Work done every frame whatever the screen (e.g. watching the open scenario file for edits).
// `update` runs before the screen is drawn, `draw` after it (it may open its own ImGui windows,
// which then float over the screen); `next_frame_in` as for screens. `poll` is cheap background
// work done between frames (e.g. stat() a file): it runs on every wake-up, `next_poll_in` seconds
// apart at most, and returns true only when it changed something that needs a new frame, so an
// idle window stays idle. All are optional.
struct FrameHook {
    std::function<void(App&)> update;
    std::function<void(App&)> draw;
    std::function<double(App&, double now)> next_frame_in;
    std::function<bool(App&)> poll;
    std::function<double(App&, double now)> next_poll_in;
};
struct FrameHookRegistration {
    explicit FrameHookRegistration(FrameHook hook);
};
const std::vector<FrameHook>& frame_hooks();

// Screen ids of the built-in screens.
inline constexpr const char* kLibraryScreen = "library";
inline constexpr const char* kConversationScreen = "conversation";
inline constexpr const char* kDebriefScreen = "debrief";
inline constexpr const char* kSettingsScreen = "settings";

// A playthrough in progress (or finished, for the debrief).
struct Play {
    std::shared_ptr<const Scenario> scenario;
    std::optional<Session> session;
    RevealPacer pacer;
    std::size_t paced = 0;          // transcript entries handed to the pacer so far
    ResponseTimer timer;
    std::size_t timer_turn = SIZE_MAX;  // turn count when the current timer was started
    ClockPause pause;               // stopped while a pausing screen is shown (ScreenDef)
    std::optional<scoring::Debrief> debrief;
    bool recorded = false;          // result given to the ResultsProvider
    // For the results store: when the attempt began and how long each decision took.
    std::int64_t started_unix = 0;     // seconds since 1970 (UTC)
    double decision_started = 0;       // App::now when the current decision was offered
    std::vector<long long> turn_ms;
};

class App {
public:
    App();

    // --- configuration (main.cpp) ---
    std::string settings_path;         // "" = do not persist
    std::string settings_unsaved_reason = "no config folder ($HOME is not set)";
    Settings settings;
    std::vector<std::string> library_sources;  // folders and single files
    std::vector<std::string> asset_roots;      // extra folders scenarios may read (assets/)
    std::string report_dir;            // where Save image / Save report write
    std::unique_ptr<ResultsProvider> results;  // may be null: no history on cards
    // The order replies are shown in: every attempt (and workshop session) gets a fresh seed,
    // unless `fixed_order_seed` is set (--seed) or `shuffle_replies` is off (file order).
    bool shuffle_replies = true;
    std::optional<std::uint64_t> fixed_order_seed;
    std::optional<std::uint64_t> new_order_seed() const;  // for the next attempt

    // --- per-frame context (set by the main loop) ---
    double now = 0;                    // seconds, monotonic
    Fonts fonts;
    Palette palette{};
    Layout layout;
    float ui_scale = 1;                // content scale (high-DPI) x text scale
    std::uint64_t frame = 0;

    // --- screens ---
    const std::string& screen() const { return screen_; }
    void go(const std::string& screen_id);
    void escape();                     // Esc: the screen's on_escape, else back to the library
    void draw_frame();                 // navigation bar + current screen
    // Seconds until a frame is needed without input (0 = animate now, kNever = wait for events).
    double next_frame_in() const;
    void record_abandoned();  // records an unfinished attempt (leaving, starting over, closing)
    double next_poll_in() const;  // seconds until a frame hook wants to poll
    bool run_polls();              // true when a poll changed something worth drawing

    // --- library ---
    std::vector<LibraryEntry> library;
    LibraryFilter filter;
    std::string library_error;         // e.g. a folder that does not exist
    void reload_library();
    void add_library_source(const std::string& path);  // "Open folder", then reload

    // --- conversation (intents) ---
    Play play;
    void start(std::shared_ptr<const Scenario> scenario);
    // What the Start buttons do: start(), unless the window must first ask who is playing
    // (must_ask_who_is_playing); then the scenario waits in `pending_start` for the answer.
    void request_start(std::shared_ptr<const Scenario> scenario);
    bool ask_who_is_playing = true;         // off in a scripted run unless --ask-who-is-playing
    bool said_play_unkept = false;          // the trainee chose to play without keeping results
    std::shared_ptr<const Scenario> pending_start;
    std::string results_unavailable;        // why no results store is open ("" when one is)
    // Plays the choice shown as number `shown_number` (1-based, in Session::presented_choices order).
    bool choose_shown(int shown_number);
    void time_out();
    void skip_reveal();
    void replay_prefix(std::size_t turns);  // "try a different path": back to before turn N
    void update_conversation();             // pacing and timer; called every frame

    // --- debrief (intents) ---
    void finish();                     // grade and show the debrief
    // Writes a PNG of the window at the end of this frame; `path` "" = a name in report_dir.
    void request_screenshot(const std::string& path);
    bool save_report(std::string* written_path = nullptr);  // printable HTML

    // Runs `action` at the start of the next frame. Use it for intents that replace state the
    // current frame is still drawing from (e.g. a debrief button that starts a new attempt).
    void later(std::function<void(App&)> action) { deferred_.push_back(std::move(action)); }

    // --- services ---
    void notify(const std::string& message, bool error = false);
    ImageCache images;
    bool fonts_dirty = true;           // rebuild the font atlas before the next frame
    bool theme_dirty = true;
    bool settings_dirty = false;
    bool quit_requested = false;
    std::string pending_screenshot;    // taken by the main loop after rendering
    bool quiet_screenshots = false;    // no "Image saved" notice (the room's projector shots)
    std::string last_written_report;
    std::string last_saved_image;      // set by the main loop when "Save as image" wrote a PNG

    // Where widgets of interest were drawn last frame (screen pixels), by name; lets the scripted
    // run click real buttons. e.g. "play:/abs/path.yaml", "save-report".
    std::map<std::string, ImVec4> probes;
    void probe(const std::string& name);  // records the last item's rectangle
    std::string focused_probe;         // the probed item holding keyboard focus last frame, if any
    std::string scroll_to_entry;       // library: scroll this entry's card into view
    // What a screen shows that the scripted run cannot read from App itself, by name (e.g. the
    // workshop's "workshop-path"); written by the screens, read only by the scripted run and the
    // --frame-log line ("room-voted", "room-version": what the projector drew this frame).
    std::map<std::string, std::string> facts;

    // Per-screen state for screens added later.
    // One default-constructed T per type, kept for the program's life (T need not be copyable).
    template <class T> T& screen_state() {
        auto& slot = screen_state_[std::type_index(typeid(T))];
        if (!slot) slot = std::make_shared<T>();
        return *static_cast<T*>(slot.get());
    }

    struct Notice {
        std::string text;
        bool error = false;
        double until = 0;
    };
    Notice notice;

private:
    void draw_nav_bar();
    void draw_notice();
    void sync_pacer();
    std::string screen_ = kLibraryScreen;
    std::map<std::type_index, std::shared_ptr<void>> screen_state_;
    std::vector<std::function<void(App&)>> deferred_;
};

// Small drawing helpers shared by the screens.
void text_muted(const App& app, const char* fmt, ...) IM_FMTARGS(2);
void text_wrapped_colour(ImU32 colour, const std::string& text);
// A large button with wrapped text; returns true when pressed. `badge` is drawn on the left.
bool big_button(const App& app, const char* id, const std::string& badge, const std::string& text, float width,
                float min_height, bool primary = false);
std::string format_score(double v);

}  // namespace ta::gui
