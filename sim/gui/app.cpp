#include "app.h"

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <random>

#include "attempt_builder.h"
#include "report_html.h"
#include "reply_order.h"

namespace ta::gui {

// --- screen registry -------------------------------------------------------------------------

namespace {
std::vector<ScreenDef>& registry() {
    static std::vector<ScreenDef> screens;
    return screens;
}
}  // namespace

ScreenRegistration::ScreenRegistration(ScreenDef def) {
    auto& r = registry();
    r.push_back(std::move(def));
    std::stable_sort(r.begin(), r.end(), [](const ScreenDef& a, const ScreenDef& b) { return a.order < b.order; });
}

const std::vector<ScreenDef>& registered_screens() { return registry(); }

const ScreenDef* find_screen(const std::string& id) {
    for (const auto& s : registry())
        if (s.id == id) return &s;
    return nullptr;
}

// --- frame hooks -------------------------------------------------------------------------------

namespace {
std::vector<FrameHook>& hook_registry() {
    static std::vector<FrameHook> hooks;
    return hooks;
}
}  // namespace

FrameHookRegistration::FrameHookRegistration(FrameHook hook) { hook_registry().push_back(std::move(hook)); }

const std::vector<FrameHook>& frame_hooks() { return hook_registry(); }

// --- App -------------------------------------------------------------------------------------

App::App() = default;

void App::go(const std::string& screen_id) {
    if (!find_screen(screen_id)) {
        notify("There is no screen called '" + screen_id + "'", true);
        return;
    }
    screen_ = screen_id;
    if (find_screen(screen_id)->pauses_conversation && play.session) play.pause.pause(now);  // from this moment
}

void App::escape() {
    const ScreenDef* s = find_screen(screen_);
    if (s && s->on_escape) s->on_escape(*this);
    else if (screen_ != kLibraryScreen) go(kLibraryScreen);
}

void App::notify(const std::string& message, bool error) {
    notice = {message, error, now + (error ? 8.0 : 5.0)};
    std::fprintf(error ? stderr : stdout, "turnaround: %s\n", message.c_str());
}

void App::probe(const std::string& name) {
    ImVec2 a = ImGui::GetItemRectMin();
    ImVec2 b = ImGui::GetItemRectMax();
    probes[name] = ImVec4(a.x, a.y, b.x, b.y);
    if (ImGui::IsItemFocused()) focused_probe = name;
}

double App::next_frame_in() const {
    double t = kNever;
    if (!notice.text.empty()) t = std::min(t, std::max(0.0, notice.until - now));
    if (const ScreenDef* s = find_screen(screen_); s && s->next_frame_in) t = std::min(t, s->next_frame_in(const_cast<App&>(*this), now));
    for (const auto& h : frame_hooks())
        if (h.next_frame_in) t = std::min(t, h.next_frame_in(const_cast<App&>(*this), now));
    return t;
}

double App::next_poll_in() const {
    double t = kNever;
    for (const auto& h : frame_hooks())
        if (h.next_poll_in) t = std::min(t, h.next_poll_in(const_cast<App&>(*this), now));
    return t;
}

bool App::run_polls() {
    bool changed = false;
    for (const auto& h : frame_hooks())
        if (h.poll && h.poll(*this)) changed = true;
    return changed;
}

void App::draw_frame() {
    probes.clear();
    focused_probe.clear();
    auto actions = std::move(deferred_);
    deferred_.clear();
    for (auto& a : actions) a(*this);
    for (const auto& h : frame_hooks())
        if (h.update) h.update(*this);
    update_conversation();
    if (!notice.text.empty() && now > notice.until) notice.text.clear();
    ImGuiIO& io = ImGui::GetIO();
    // A popup open at the start of the frame handles Esc itself (closing it must not also go back).
    bool popup_was_open = ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId);
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    // Focus the window at start so the keyboard works before any click.
    if (frame == 0) ImGui::SetNextWindowFocus();
    ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                             ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                             ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse;
    ImGui::Begin("Turnaround", nullptr, flags);
    draw_nav_bar();
    if (const ScreenDef* s = find_screen(screen_)) s->draw(*this);
    draw_notice();
    ImGui::End();
    for (const auto& h : frame_hooks())
        if (h.draw) h.draw(*this);

    // Esc goes back unless a popup or text field wants it.
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false) && !io.WantTextInput && !popup_was_open &&
        !ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId))
        escape();
}

// Short messages float at the bottom right, over the screen, so they never push the layout.
void App::draw_notice() {
    if (notice.text.empty()) return;
    const Palette& p = palette;
    ImGuiIO& io = ImGui::GetIO();
    float em = ImGui::GetFontSize();
    float wrap = std::min(36 * em, io.DisplaySize.x - 4 * em);
    ImVec2 ts = ImGui::CalcTextSize(notice.text.c_str(), nullptr, false, wrap);
    float pad = em * 0.7f;
    ImVec2 max(io.DisplaySize.x - em, io.DisplaySize.y - em);
    ImVec2 min(max.x - ts.x - 2 * pad, max.y - ts.y - 2 * pad);
    ImDrawList* dl = ImGui::GetForegroundDrawList();
    dl->AddRectFilled(min, max, p.card_bg, em * 0.5f);
    dl->AddRect(min, max, notice.error ? p.bad : p.good, em * 0.5f, 0, 2.0f);
    dl->AddText(ImGui::GetFont(), em, ImVec2(min.x + pad, min.y + pad), ImGui::GetColorU32(ImGuiCol_Text),
                notice.text.c_str(), nullptr, wrap);
}

void App::draw_nav_bar() {
    const Palette& p = palette;
    ImGui::PushFont(fonts.title);
    ImGui::TextUnformatted("Turnaround");
    ImGui::PopFont();
    ImGui::SameLine(0, ImGui::GetFontSize() * 2);
    float y = ImGui::GetCursorPosY();
    for (const auto& s : registered_screens()) {
        if (!s.in_nav) continue;
        bool active = screen_ == s.id;
        if (active) {
            ImGui::PushStyleColor(ImGuiCol_Button, ImGui::ColorConvertU32ToFloat4(p.accent));
            ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(p.accent_text));
        }
        ImGui::SetCursorPosY(y);
        if (ImGui::Button(s.label.c_str())) go(s.id);
        probe("nav:" + s.id);
        if (active) ImGui::PopStyleColor(2);
        ImGui::SameLine();
    }
    // Where the trainee is, when inside a scenario.
    if ((screen_ == kConversationScreen || screen_ == kDebriefScreen) && play.scenario) {
        std::string where = std::string(screen_ == kConversationScreen ? "Playing:  " : "Debrief:  ") + play.scenario->title;
        // Shown only when it fits: the bar must never clip or wrap.
        if (ImGui::CalcTextSize(where.c_str()).x < ImGui::GetContentRegionAvail().x - ImGui::GetFontSize()) {
            ImGui::SetCursorPosY(y + ImGui::GetStyle().FramePadding.y);
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(p.muted_text), "%s", where.c_str());
            ImGui::SameLine();
        }
    }
    ImGui::NewLine();
    ImGui::Separator();
}

// --- library ---------------------------------------------------------------------------------

void App::reload_library() {
    library.clear();
    library_error.clear();
    std::vector<std::string> seen;
    auto add = [&](const std::string& file) {
        std::error_code ec;
        std::string key = std::filesystem::weakly_canonical(file, ec).string();
        if (std::find(seen.begin(), seen.end(), key) != seen.end()) return;
        seen.push_back(key);
        library.push_back(load_library_entry(file));
    };
    for (const auto& src : library_sources) {
        std::error_code ec;
        if (std::filesystem::is_regular_file(src, ec)) {
            add(src);
            continue;
        }
        std::string err;
        auto files = list_scenario_files(src, &err);
        if (!err.empty()) library_error += (library_error.empty() ? "" : "; ") + err;
        for (const auto& f : files) add(f);
    }
}

void App::add_library_source(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        notify(path + ": no such folder", true);
        return;
    }
    if (std::find(library_sources.begin(), library_sources.end(), path) == library_sources.end())
        library_sources.push_back(path);
    settings.last_folder = path;
    settings_dirty = true;
    reload_library();
    notify("Opened " + path);
}

// --- conversation ----------------------------------------------------------------------------

std::optional<std::uint64_t> App::new_order_seed() const {
    if (fixed_order_seed) return fixed_order_seed;
    if (!shuffle_replies) return std::nullopt;
    std::random_device rd;
    return fresh_seed_from((static_cast<std::uint64_t>(rd()) << 32) ^ rd());
}

void App::start(std::shared_ptr<const Scenario> scenario) {
    record_abandoned();  // starting over part-way is an abandoned attempt too
    play = Play{};
    play.scenario = std::move(scenario);
    play.session.emplace(*play.scenario, new_order_seed());  // a new attempt, a new order
    play.started_unix = static_cast<std::int64_t>(std::time(nullptr));
    play.decision_started = now;
    sync_pacer();
    go(kConversationScreen);
    if (play.session->ended()) finish();
}

void App::request_start(std::shared_ptr<const Scenario> scenario) {
    if (must_ask_who_is_playing(results.get(), ask_who_is_playing, said_play_unkept)) pending_start = std::move(scenario);
    else start(std::move(scenario));
}

void App::sync_pacer() {
    if (!play.session) return;
    const auto& t = play.session->transcript();
    double cps = settings.reveal_chars_per_second;
    for (; play.paced < t.size(); ++play.paced) {
        const auto& e = t[play.paced];
        // Only the customer "types"; the trainee's own words and the ending appear at once.
        double d = e.speaker == TranscriptEntry::Speaker::Customer ? RevealPacer::line_duration(e.text.size(), cps) : 0;
        play.pacer.append(d, now);
    }
}

bool App::choose_shown(int shown_number) {
    if (!play.session || play.session->ended() || play.pacer.busy()) return false;
    auto avail = play.session->presented_choices();
    if (shown_number < 1 || shown_number > static_cast<int>(avail.size())) return false;
    if (play.session->choose(avail[shown_number - 1]) != ChooseResult::Ok) return false;
    play.turn_ms.push_back(static_cast<long long>((now - play.decision_started) * 1000));
    play.decision_started = now;
    play.timer.stop();
    sync_pacer();
    return true;
}

void App::time_out() {
    if (!play.session || play.session->ended()) return;
    if (play.session->time_out() == ChooseResult::Ok) {
        play.turn_ms.push_back(static_cast<long long>((now - play.decision_started) * 1000));
        play.decision_started = now;
        play.timer.stop();
        sync_pacer();
        notify("Time ran out: the customer took the silence as hesitation.", true);
    }
}

void App::skip_reveal() { play.pacer.skip(); }

void App::replay_prefix(std::size_t turns) {
    if (!play.scenario || !play.session) return;
    std::vector<int> path = play.session->choice_path();
    if (turns < path.size()) path.resize(turns);
    // Trying a different path from turn N keeps the order the replies were shown in; playing
    // again from the start is a new attempt and gets a new order.
    auto seed = turns == 0 ? new_order_seed() : play.session->order_seed();
    auto scenario = play.scenario;
    play = Play{};
    play.scenario = scenario;
    play.session.emplace(Session::replay(*scenario, path, nullptr, seed));
    sync_pacer();
    play.pacer.skip();  // what was already said appears at once
    go(kConversationScreen);
    notify(turns == 0 ? "Starting again from the beginning" : "Back to turn " + std::to_string(turns + 1));
}

void App::update_conversation() {
    if (!play.session) return;
    // On a pausing screen nothing is revealed and no timer runs; back on the conversation, every
    // countdown goes on from where it stood.
    const ScreenDef* shown = find_screen(screen_);
    if (shown && shown->pauses_conversation) {
        play.pause.pause(now);
        return;
    }
    if (const double away = play.pause.resume(now); away > 0) {
        play.timer.postpone(away);
        play.pacer.postpone(away);
        play.decision_started += away;
    }
    sync_pacer();
    play.pacer.update(now);
    const Session& s = *play.session;
    if (s.ended()) {
        if (!play.pacer.busy() && !play.debrief) finish();
        return;
    }
    const Node* node = s.current_node();
    bool wants_timer = settings.timer_enabled && node && node->timer_seconds > 0 && node->on_timeout;
    if (wants_timer && !play.pacer.busy() && play.timer_turn != s.turns().size()) {
        play.timer.start(now, node->timer_seconds);
        play.timer_turn = s.turns().size();
    }
    if (!wants_timer) play.timer.stop();
    if (play.timer.expired(now)) time_out();
}

// --- debrief ---------------------------------------------------------------------------------

void App::record_abandoned() {
    // An abandoned attempt is still part of the trainee's history (the results store keeps it);
    // one with no decision yet is only a look at the opening.
    if (!results || play.recorded || !play.session || !play.scenario || play.session->ended() ||
        play.session->turns().empty() || !store::keeps_attempts_of(*play.scenario))
        return;
    results->record(*play.scenario, scoring::grade(*play.scenario, *play.session, scoring::default_rubric()),
                    play.session->choice_path());
    play.recorded = true;
}

void App::finish() {
    if (!play.session || !play.scenario) return;
    play.timer.stop();
    play.debrief = scoring::grade(*play.scenario, *play.session, scoring::default_rubric());
    if (results && !play.recorded && store::keeps_attempts_of(*play.scenario)) {
        results->record(*play.scenario, *play.debrief, play.session->choice_path());
        play.recorded = true;
    }
    go(kDebriefScreen);
}

namespace {
std::string timestamp(bool for_file) {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    char buf[64];
    std::strftime(buf, sizeof buf, for_file ? "%Y%m%d-%H%M%S" : "%d %B %Y, %H:%M", &tm);
    return buf;
}
}  // namespace

void App::request_screenshot(const std::string& path) {
    if (!path.empty()) {
        pending_screenshot = path;
        return;
    }
    std::string id = play.scenario ? play.scenario->id : "turnaround";
    pending_screenshot = (std::filesystem::path(report_dir) / (report_base_name(id, timestamp(true)) + ".png")).string();
}

bool App::save_report(std::string* written_path) {
    if (!play.scenario || !play.session || !play.debrief) return false;
    std::string html = debrief_report_html(*play.scenario, *play.session, *play.debrief, timestamp(false));
    std::string path =
        (std::filesystem::path(report_dir) / (report_base_name(play.scenario->id, timestamp(true)) + ".html")).string();
    std::string error;
    if (!write_file_atomically(path, html, &error)) {
        notify("Could not save the report: " + error, true);
        return false;
    }
    last_written_report = path;
    if (written_path) *written_path = path;
    notify("Report saved: " + path);
    return true;
}

// --- helpers ---------------------------------------------------------------------------------

void text_muted(const App& app, const char* fmt, ...) {
    va_list args;
    va_start(args, fmt);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(app.palette.muted_text));
    ImGui::TextWrappedV(fmt, args);
    ImGui::PopStyleColor();
    va_end(args);
}

void text_wrapped_colour(ImU32 colour, const std::string& text) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(colour));
    ImGui::TextWrapped("%s", text.c_str());  // keeps any wrap position the caller set
    ImGui::PopStyleColor();
}

bool big_button(const App& app, const char* id, const std::string& badge, const std::string& text, float width,
                float min_height, bool primary) {
    const ImGuiStyle& st = ImGui::GetStyle();
    float pad = st.FramePadding.x * 1.4f;
    float badge_w = badge.empty() ? 0 : ImGui::GetFontSize() * 2.0f;
    float text_w = std::max(10.0f, width - badge_w - pad * 2);
    ImVec2 ts = ImGui::CalcTextSize(text.c_str(), nullptr, false, text_w);
    float h = std::max(min_height, ts.y + st.FramePadding.y * 3);
    ImVec2 pos = ImGui::GetCursorScreenPos();
    bool pressed = ImGui::InvisibleButton(id, ImVec2(width, h));
    bool hovered = ImGui::IsItemHovered();
    bool held = ImGui::IsItemActive();
    bool focused = ImGui::IsItemFocused();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImU32 bg = primary ? app.palette.accent
                       : ImGui::GetColorU32(held ? ImGuiCol_ButtonActive : hovered ? ImGuiCol_ButtonHovered : ImGuiCol_Button);
    ImU32 fg = primary ? app.palette.accent_text : ImGui::GetColorU32(ImGuiCol_Text);
    ImVec2 max(pos.x + width, pos.y + h);
    dl->AddRectFilled(pos, max, bg, st.FrameRounding * 1.5f);
    if (primary && (hovered || held)) dl->AddRectFilled(pos, max, IM_COL32(255, 255, 255, held ? 60 : 30), st.FrameRounding * 1.5f);
    if (focused && ImGui::GetIO().NavVisible)
        dl->AddRect(ImVec2(pos.x - 2, pos.y - 2), ImVec2(max.x + 2, max.y + 2), app.palette.focus, st.FrameRounding * 1.5f, 0, 2.5f);
    else if (hovered)
        dl->AddRect(pos, max, app.palette.accent, st.FrameRounding * 1.5f, 0, 1.5f);
    if (!badge.empty()) {
        float r = ImGui::GetFontSize() * 0.72f;
        ImVec2 c(pos.x + pad + r * 0.6f, pos.y + h * 0.5f);
        dl->AddCircleFilled(c, r, primary ? IM_COL32(255, 255, 255, 60) : app.palette.accent, 24);
        ImVec2 bs = ImGui::CalcTextSize(badge.c_str());
        dl->AddText(ImVec2(c.x - bs.x * 0.5f, c.y - bs.y * 0.5f), primary ? fg : app.palette.accent_text, badge.c_str());
    }
    dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(pos.x + pad + badge_w, pos.y + (h - ts.y) * 0.5f), fg,
                text.c_str(), nullptr, text_w);
    return pressed;
}

std::string format_score(double v) { return scoring::whole_score_text(v); }

}  // namespace ta::gui
