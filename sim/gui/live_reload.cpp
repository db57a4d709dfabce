// live_reload.cpp: the window follows edits to the scenario being played.
//
// A trainer keeps the YAML open in their own editor. On every save the file is loaded again
// (after it has settled, within a second); the playthrough is replayed on the new version as far
// as it still goes, so the trainer stays where they were. A save with errors never replaces the
// version being played: its problems are listed in a small panel (file:line:col; click to copy)
// until the next good save. The rules live in the engine (scenario_watcher.h).
#include <fstream>
#include <memory>
#include <string>

#include <imgui_internal.h>  // ImGuiWindow::Hidden: whether the panel is drawn yet

#include "app.h"
#include "rubric.h"
#include "scenario_watcher.h"

namespace ta::gui {
namespace {

constexpr double kPollSeconds = 0.4;  // with the watcher's settling time: a save shows within a second

struct LiveReload {
    std::unique_ptr<ScenarioWatcher> watcher;
    std::string path;                  // the file being watched
    std::vector<Diagnostic> problems;  // errors of the latest save that did not load
    std::vector<std::string> excerpts; // per problem: its line and a caret, as lint shows it ("" for none)
    bool dismissed = false;
    double last_poll = -1e9;
};

LoadOptions load_options() {
    LoadOptions o;
    o.known_tags = scoring::default_rubric().tag_names();
    return o;
}

// The saved file's text, for the excerpts; "" when it cannot be read (then none is shown). Capped,
// since only a line of it is shown.
std::string read_saved_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::string text;
    char buf[65536];
    while (in && text.size() < (64u << 20)) {
        in.read(buf, sizeof buf);
        text.append(buf, static_cast<std::size_t>(in.gcount()));
    }
    return text;
}

std::string file_name(const std::string& path) {
    std::size_t slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

// Replaces the playthrough with the same decisions on the new version of the scenario.
void continue_on(App& app, std::shared_ptr<const Scenario> scenario) {
    std::vector<PathStep> path;
    std::optional<std::uint64_t> seed;
    if (app.play.session) {
        path = path_of(*app.play.session);
        seed = app.play.session->order_seed();
    }
    RestoredPlace place = restore_place(*scenario, path, seed);
    const bool was_ended = app.play.session && app.play.session->ended();
    app.play = Play{};
    app.play.scenario = std::move(scenario);
    app.play.session.emplace(std::move(place.session));
    app.play.recorded = true;  // an author's replay is not a trainee's attempt
    app.update_conversation();  // brings the pacer up to date
    app.play.pacer.skip();      // what was said before appears at once
    const std::string name = file_name(app.play.scenario->source_path);
    if (place.complete())
        app.notify("Reloaded " + name + (path.empty() ? "" : "; you are where you were"));
    else
        app.notify("Reloaded " + name + "; your path changed, so you are back at turn " + std::to_string(place.kept + 1));
    if (was_ended && !app.play.session->ended() && app.screen() == kDebriefScreen) app.go(kConversationScreen);
}

// Returns true when the scenario reloaded or a save failed: both change what is drawn.
bool poll(App& app) {
    auto& lr = app.screen_state<LiveReload>();
    const std::string path = app.play.scenario ? app.play.scenario->source_path : std::string();
    if (path.empty()) {
        bool had = lr.watcher != nullptr;
        lr = LiveReload{};
        return had;
    }
    if (!lr.watcher || lr.path != path) {  // another scenario was opened
        lr = LiveReload{};
        lr.watcher = std::make_unique<ScenarioWatcher>(path, load_options());
        lr.watcher->watch_from_now();
        lr.path = path;
    }
    if (app.now - lr.last_poll < kPollSeconds) return false;
    lr.last_poll = app.now;
    auto event = lr.watcher->poll(app.now);
    if (!event) return false;
    if (event->kind == ReloadEvent::Kind::Loaded) {
        lr.problems.clear();
        continue_on(app, event->scenario);
        return true;
    }
    lr.problems.clear();
    lr.excerpts.clear();
    const std::string saved = read_saved_text(path);  // once per save, not per frame
    for (const auto& d : event->diagnostics)
        if (d.severity == Diagnostic::Severity::Error) {
            lr.problems.push_back(d);
            lr.excerpts.push_back(shows_source(d) ? format_source_excerpt(d, saved) : std::string());
        }
    lr.dismissed = false;
    app.notify(file_name(path) + (event->kind == ReloadEvent::Kind::Missing ? " is gone" : " has errors") +
                   "; still playing the version that loaded",
               true);
    return true;
}

void draw(App& app) {
    auto& lr = app.screen_state<LiveReload>();
    if (lr.problems.empty() || lr.dismissed) return;
    ImGuiIO& io = ImGui::GetIO();
    const float em = ImGui::GetFontSize();
    // Top right, over the oldest lines of the conversation: the choices at the bottom stay free,
    // since the trainee can go on playing the version that loaded while the author fixes the file.
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x - em, 3.5f * em), ImGuiCond_Appearing, ImVec2(1, 0));
    // Fixed width, height fitted to the problems each frame.
    ImGui::SetNextWindowSize(ImVec2(std::min(44 * em, io.DisplaySize.x - 2 * em), 0), ImGuiCond_Always);
    bool open = true;
    if (ImGui::Begin("Scenario problems", &open, ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoCollapse)) {
        ImGui::PushTextWrapPos(0);
        text_muted(app, "The last save of %s did not load; still playing the version before it. Click a problem to copy it.",
                   file_name(lr.path).c_str());
        ImGui::Separator();
        const std::size_t shown = std::min<std::size_t>(lr.problems.size(), 8);
        for (std::size_t i = 0; i < shown; ++i) {
            const std::string line = format_diagnostic(lr.problems[i]);
            text_wrapped_colour(app.palette.bad, line);
            if (i < lr.excerpts.size() && !lr.excerpts[i].empty()) {  // the line and a caret, as lint prints it
                ImGui::PushFont(app.fonts.mono);
                ImGui::TextUnformatted(lr.excerpts[i].c_str());
                ImGui::PopFont();
            }
            if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
            if (ImGui::IsItemClicked()) {
                ImGui::SetClipboardText(line.c_str());
                app.notify("Copied to the clipboard");
            }
        }
        ImGui::PopTextWrapPos();
        if (lr.problems.size() > shown) text_muted(app, "... and %zu more (turnaround-cli lint shows them all)", lr.problems.size() - shown);
        // Only once it is on screen: ImGui hides a window in the frame it first measures it.
        if (!ImGui::GetCurrentWindowRead()->Hidden) app.probe("live-reload-problems");
    }
    ImGui::End();
    if (!open) lr.dismissed = true;
}

double next_poll_in(App& app, double now) {
    const auto& lr = app.screen_state<LiveReload>();
    if (!lr.watcher) return kNever;
    return std::max(0.0, kPollSeconds - (now - lr.last_poll));
}

const FrameHookRegistration kLiveReload{{nullptr, draw, nullptr, poll, next_poll_in}};

}  // namespace
}  // namespace ta::gui
