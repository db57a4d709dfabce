// The projector of a workshop room (see room_screen.h). Before the start: the QR code, the room
// code and who has joined. At a decision: the customer's words, the lettered replies and how many
// have voted, never what, until the facilitator reveals; then the distribution, the majority, or
// a tie shown as the facilitator's call. At the end: the room's debrief, recorded once. The
// facilitator's notes (what each reply teaches, where it leads) stay folded away unless opened,
// and are on the facilitator's own phone through the facilitator link.
#include <GLFW/glfw3.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "app.h"
#include "library_model.h"
#include "options.h"
#include "progress_view.h"
#include "qr_code.h"
#include "room_code.h"
#include "room_screen.h"
#include "room_server.h"
#include "rubric.h"

namespace ta::gui {
namespace {

constexpr const char* kRoomScreen = "room";

// A change posted to the window's event loop and not yet seen by poll_room(). Sixty votes in a
// burst wake the loop once or twice, not sixty times: each glfwPostEmptyEvent is an X request
// that waits for the display while the window is drawing, and the vote's answer would wait too.
std::atomic<bool> g_wake_pending{false};

struct RoomScreen {
    std::shared_ptr<const Scenario> scenario;
    std::unique_ptr<room::RoomServer> server;
    room::QrCode qr;
    std::string started_at;
    bool show_notes = false;
    bool show_facilitator_link = false;
    // The record, made once when the conversation ends (or the room is closed early).
    bool recorded = false;
    long long session_id = 0;
    std::string record_error;
    long long seen_version = -1;  // the room's version when the window last redrew for it
    // Set-up.
    int pick = 0;
    bool names_required = false;
    char facilitator[64] = "";  // recorded with the session
    char room_name[64] = "";    // e.g. "Training room 2"; the room code when left empty
    std::string open_error;
    // --room-shots: a screenshot a few frames after every change of the room.
    std::string shots_dir;
    long long shot_version = -1;
    int shot_wait = 0;
    int shots = 0;
    bool exit_after_end = false;
};

void record_once(App& app, RoomScreen& st) {
    if (st.recorded || !st.server) return;
    st.recorded = true;
    StoreResults* sr = store_results(app);
    if (!sr) {
        st.record_error = "no results database is open";
        return;
    }
    store::WorkshopRecord rec = st.server->act([&](room::Room& r, long long) {
        return r.record(st.facilitator, st.room_name[0] ? st.room_name : r.code(), st.started_at);
    });
    if (sr->store().record_workshop(rec, &st.record_error)) {
        st.session_id = rec.id;
        if (sr->delivery) sr->delivery->poke();
    }
}

void close_room(App& app, RoomScreen& st) {
    record_once(app, st);
    if (st.server) st.server->stop();
    st.server.reset();
    app.notify(st.session_id ? "Room closed; session " + std::to_string(st.session_id) + " recorded" : "Room closed");
}

// A QR code drawn module by module on a white square with the quiet zone scanners need.
void draw_qr(const room::QrCode& qr, float side) {
    ImVec2 at = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(at, ImVec2(at.x + side, at.y + side), IM_COL32(255, 255, 255, 255), side * 0.03f);
    if (qr.size > 0) {
        const float cell = std::floor(side / static_cast<float>(qr.size + 8));
        const float off = std::floor((side - cell * static_cast<float>(qr.size)) / 2);
        for (int y = 0; y < qr.size; ++y)
            for (int x = 0; x < qr.size; ++x)
                if (qr.at(x, y))
                    dl->AddRectFilled(ImVec2(at.x + off + x * cell, at.y + off + y * cell),
                                      ImVec2(at.x + off + (x + 1) * cell, at.y + off + (y + 1) * cell), IM_COL32(0, 0, 0, 255));
    }
    ImGui::Dummy(ImVec2(side, side));
}

void big_text(App& app, ImFont* font, float scale, ImU32 colour, const std::string& text) {
    ImGui::PushFont(font);
    ImGui::SetWindowFontScale(scale);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(colour));
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopStyleColor();
    ImGui::SetWindowFontScale(1.0f);
    ImGui::PopFont();
    (void)app;
}

void draw_lobby(App& app, RoomScreen& st, const room::RoomView& v) {
    const float em = ImGui::GetFontSize();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float side = std::min(avail.y - em * 4, avail.x * 0.42f);
    ImGui::BeginGroup();
    draw_qr(st.qr, side);
    ImGui::EndGroup();
    ImGui::SameLine(0, em * 2);
    ImGui::BeginGroup();
    big_text(app, app.fonts.title, 1.2f, app.palette.narrator_text, "Join on your phone");
    text_muted(app, "Scan the code, or open this address on the same network:");
    big_text(app, app.fonts.bold, 1.1f, app.palette.accent, st.server->join_url());
    ImGui::Dummy(ImVec2(0, em * 0.5f));
    text_muted(app, "Room code");
    big_text(app, app.fonts.huge, 1.0f, app.palette.narrator_text, v.code);
    ImGui::Dummy(ImVec2(0, em * 0.5f));
    big_text(app, app.fonts.title, 1.0f, app.palette.narrator_text,
             std::to_string(v.participants) + (v.participants == 1 ? " person has joined" : " people have joined"));
    text_muted(app, v.allow_anonymous ? "Participants may give a name or a team, or stay anonymous."
                                      : "Participants give a name or a team; their votes are recorded with it.");
    ImGui::Dummy(ImVec2(0, em * 0.5f));
    if (ImGui::Button("Start the scenario")) st.server->act([](room::Room& r, long long now) { return r.start(now); });
    app.probe("room-start");
    ImGui::EndGroup();
}

void draw_options(App& app, const room::RoomView& v) {
    const float em = ImGui::GetFontSize();
    const float width = ImGui::GetContentRegionAvail().x;
    const bool revealed = v.phase == room::Phase::Revealed;
    int total = 0, top = 0;
    for (const auto& o : v.options) total += o.votes, top = std::max(top, o.votes);
    for (const auto& o : v.options) {
        ImGui::PushID(o.letter.c_str());
        const bool leading = revealed && o.votes == top && top > 0;
        ImVec2 at = ImGui::GetCursorScreenPos();
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const float r = em * 0.85f;
        dl->AddCircleFilled(ImVec2(at.x + r, at.y + r), r, leading ? app.palette.accent : app.palette.track);
        ImGui::PushFont(app.fonts.bold);
        ImVec2 ts = ImGui::CalcTextSize(o.letter.c_str());
        dl->AddText(ImVec2(at.x + r - ts.x / 2, at.y + r - ts.y / 2), leading ? app.palette.accent_text : app.palette.narrator_text,
                    o.letter.c_str());
        ImGui::PopFont();
        ImGui::SetCursorScreenPos(ImVec2(at.x + r * 2 + em * 0.7f, at.y + r - ImGui::GetTextLineHeight() / 2));
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width - r * 2 - em * (revealed ? 7.5f : 1.5f));
        ImGui::TextUnformatted(o.text.c_str());
        ImGui::PopTextWrapPos();
        if (revealed) {
            // The distribution: a bar under the reply, the count and share at the right.
            ImVec2 b = ImGui::GetCursorScreenPos();
            const float bar = width - r * 2 - em * 8.5f;
            const float share = total ? static_cast<float>(o.votes) / static_cast<float>(total) : 0.0f;
            dl->AddRectFilled(b, ImVec2(b.x + bar, b.y + em * 0.55f), app.palette.track, em * 0.2f);
            if (share > 0)
                dl->AddRectFilled(b, ImVec2(b.x + bar * share, b.y + em * 0.55f),
                                  leading ? app.palette.accent : app.palette.muted_text, em * 0.2f);
            char count[48];
            std::snprintf(count, sizeof count, "%d  (%.0f%%)", o.votes, share * 100);
            ImGui::PushFont(app.fonts.bold);
            dl->AddText(ImVec2(at.x + width - em * 6.5f, at.y + r - ImGui::GetTextLineHeight() / 2), app.palette.narrator_text, count);
            ImGui::PopFont();
            ImGui::Dummy(ImVec2(bar, em * 0.6f));
        }
        ImGui::SetCursorScreenPos(ImVec2(at.x, std::max(ImGui::GetCursorScreenPos().y, at.y + r * 2) + em * 0.45f));
        ImGui::PopID();
    }
}

void draw_notes(App& app, RoomScreen& st) {
    room::FacilitatorView f = st.server->facilitator_view();
    for (std::size_t k = 0; k < f.notes.size(); ++k) {
        const room::OptionNote& n = f.notes[k];
        std::string head = n.letter + (n.model ? "  (model reply)" : "") + (n.red_line.empty() ? "" : "  RED LINE: " + n.red_line);
        text_wrapped_colour(n.red_line.empty() ? (n.model ? app.palette.good : app.palette.narrator_text) : app.palette.bad, head);
        text_wrapped_colour(app.palette.narrator_text, n.feedback);
        text_muted(app, "Leads to: %s", n.leads_to.c_str());
        ImGui::Spacing();
    }
}

void draw_decision(App& app, RoomScreen& st, const room::RoomView& v) {
    const float em = ImGui::GetFontSize();
    text_muted(app, "Decision %d  ·  room %s  ·  %s", v.decision + 1, v.code.c_str(), st.server->join_url().c_str());
    for (const auto& line : v.said) {
        const std::string who = line.customer ? v.customer_name : "The room";
        text_wrapped_colour(line.customer ? app.palette.narrator_text : app.palette.muted_text, who + ": " + line.text);
    }
    if (!v.note.empty()) text_muted(app, "[%s]", v.note.c_str());
    ImGui::Dummy(ImVec2(0, em * 0.4f));
    draw_options(app, v);

    // How many have voted (never what, before the reveal), and the timer.
    std::string status;
    if (v.phase == room::Phase::Voting) {
        status = std::to_string(v.voted) + " of " + std::to_string(v.participants) + " have voted";
        if (v.ms_left >= 0) {
            char t[32];
            std::snprintf(t, sizeof t, "   ·   %lld s left", (v.ms_left + 999) / 1000);
            status += t;
        }
    } else if (!v.majority.empty()) {
        status = "Most of the room chose " + v.majority + ".";
    } else if (!v.tied.empty()) {
        status = "A tie between ";
        for (std::size_t k = 0; k < v.tied.size(); ++k) status += (k ? (k + 1 == v.tied.size() ? " and " : ", ") : "") + v.tied[k];
        status += ": the facilitator's call.";
    } else {
        status = v.closed_by_timer ? "Time ran out before anyone voted." : "Nobody voted: the facilitator's call.";
    }
    if (v.closed_by_timer && v.phase == room::Phase::Revealed && v.voted > 0) status += "  (voting closed when time ran out)";
    big_text(app, app.fonts.title, 1.0f, app.palette.narrator_text, status);

    if (v.phase == room::Phase::Voting) {
        if (ImGui::Button("Reveal the votes")) st.server->act([](room::Room& r, long long now) { return r.reveal(now); });
        app.probe("room-reveal");
    } else {
        if (!v.majority.empty()) {
            if (ImGui::Button(("Go on with " + v.majority).c_str()))
                st.server->act([](room::Room& r, long long now) { return r.advance(std::nullopt, now); });
            app.probe("room-continue");
            ImGui::SameLine();
        } else if (v.tied.empty() && v.closed_by_timer) {
            if (ImGui::Button("Let the timer run out"))
                st.server->act([](room::Room& r, long long now) { return r.advance(std::nullopt, now); });
            app.probe("room-timeout");
            ImGui::SameLine();
        }
        text_muted(app, v.majority.empty() ? "Your call:" : "Or overrule:");
        for (const auto& o : v.options) {
            ImGui::SameLine();
            if (ImGui::Button(o.letter.c_str())) {
                std::string letter = o.letter;
                st.server->act([&](room::Room& r, long long now) { return r.advance(letter, now); });
            }
            app.probe("room-call:" + o.letter);
        }
    }
}

void draw_end(App& app, RoomScreen& st, const room::RoomView& v) {
    record_once(app, st);
    const float em = ImGui::GetFontSize();
    if (!v.end) return;
    const room::EndView& e = *v.end;
    big_text(app, app.fonts.title, 1.2f, app.palette.narrator_text, e.ending_title);
    char line[96];
    std::snprintf(line, sizeof line, "%s  ·  %d / 100  ·  %s", e.passed ? "The room passed" : "The room did not pass",
                  scoring::whole_score(e.overall), e.band.c_str());
    big_text(app, app.fonts.bold, 1.1f, e.passed ? app.palette.good : app.palette.bad, line);
    if (!e.epilogue.empty()) text_wrapped_colour(app.palette.muted_text, e.epilogue);
    ImGui::Dummy(ImVec2(0, em * 0.4f));
    for (const auto& r : e.red_lines) text_wrapped_colour(app.palette.bad, "Red line: " + r);
    for (const auto& [key, score] : e.scores) {
        const char* label = key.c_str();
        for (int c = 0; c < kCompetencyCount; ++c)
            if (key == competency_key(static_cast<Competency>(c))) label = competency_label(static_cast<Competency>(c));
        ImGui::TextUnformatted(label);
        ImGui::SameLine(em * 9);
        ImVec2 b = ImGui::GetCursorScreenPos();
        const float bar = em * 16;
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->AddRectFilled(b, ImVec2(b.x + bar, b.y + em * 0.8f), app.palette.track, em * 0.2f);
        dl->AddRectFilled(b, ImVec2(b.x + bar * static_cast<float>(std::clamp(score, 0.0, 100.0) / 100.0), b.y + em * 0.8f),
                          scale_colour(app.palette, static_cast<float>(score / 100.0)), em * 0.2f);
        ImGui::Dummy(ImVec2(bar, em * 0.8f));
        ImGui::SameLine();
        ImGui::Text("%d", scoring::whole_score(score));
    }
    ImGui::Dummy(ImVec2(0, em * 0.4f));
    for (const auto& p : e.practise_next) text_muted(app, "Practise next: %s", p.c_str());
    ImGui::Dummy(ImVec2(0, em * 0.4f));
    text_muted(app, "What the room said:");
    for (const auto& h : v.history)
        text_wrapped_colour(app.palette.narrator_text,
                            h.timed_out ? "(ran out of time)"
                                        : h.letter + ": " + h.text + "  (" + std::to_string(h.votes) + " of " +
                                              std::to_string(h.total) + (h.facilitator_call ? ", facilitator's call)" : ")"));
    ImGui::Dummy(ImVec2(0, em * 0.4f));
    if (st.session_id)
        text_muted(app, "Recorded as workshop session %lld (turnaround-cli report --session %lld).", st.session_id, st.session_id);
    else if (!st.record_error.empty())
        text_wrapped_colour(app.palette.bad, "Not recorded: " + st.record_error);
}

void draw_setup(App& app, RoomScreen& st) {
    std::vector<const LibraryEntry*> entries;
    for (const auto& e : app.library)
        if (e.ok()) entries.push_back(&e);
    if (entries.empty()) {
        text_muted(app, "No playable scenarios in the library.");
        return;
    }
    st.pick = std::clamp(st.pick, 0, static_cast<int>(entries.size()) - 1);
    const float em = ImGui::GetFontSize();
    text_muted(app, "Participants join on their phones, on this network, and vote at every decision.");
    ImGui::SetNextItemWidth(em * 22);
    if (ImGui::BeginCombo("Scenario##room", entries[static_cast<std::size_t>(st.pick)]->scenario->title.c_str())) {
        for (std::size_t i = 0; i < entries.size(); ++i)
            if (ImGui::Selectable(entries[i]->scenario->title.c_str(), static_cast<int>(i) == st.pick)) st.pick = static_cast<int>(i);
        ImGui::EndCombo();
    }
    ImGui::Checkbox("Participants must give a name or a team", &st.names_required);
    ImGui::SetNextItemWidth(em * 12);
    ImGui::InputText("Facilitator##room", st.facilitator, sizeof st.facilitator);
    ImGui::SetNextItemWidth(em * 12);
    ImGui::InputText("Room name##room", st.room_name, sizeof st.room_name);
    if (ImGui::Button("Open the room")) {
        std::string error;
        if (!open_room(app, entries[static_cast<std::size_t>(st.pick)]->scenario, st.names_required, "0.0.0.0", 0, &error))
            st.open_error = error;
    }
    app.probe("room-open");
    if (!st.open_error.empty()) text_wrapped_colour(app.palette.bad, st.open_error);
    if (ImGui::Button("Back to the workshop")) app.go("workshop");
}

void draw_room(App& app) {
    auto& st = app.screen_state<RoomScreen>();
    if (!st.server) {
        ImGui::PushFont(app.fonts.title);
        ImGui::TextUnformatted("Workshop room");
        ImGui::PopFont();
        draw_setup(app, st);
        return;
    }
    const room::RoomView v = st.server->projector_view();
    // What this frame shows, for --frame-log (a benchmark reads when a vote reached the projector).
    app.facts["room-voted"] = std::to_string(v.voted);
    app.facts["room-version"] = std::to_string(v.version);
    ImGui::PushFont(app.fonts.title);
    ImGui::TextWrapped("%s", st.scenario->title.c_str());
    ImGui::PopFont();
    ImGui::SetWindowFontScale(1.25f);  // read from the back of the room
    switch (v.phase) {
        case room::Phase::Lobby: draw_lobby(app, st, v); break;
        case room::Phase::Voting:
        case room::Phase::Revealed: draw_decision(app, st, v); break;
        case room::Phase::Ended: draw_end(app, st, v); break;
    }
    ImGui::SetWindowFontScale(1.0f);

    ImGui::Separator();
    if (v.phase != room::Phase::Ended && v.phase != room::Phase::Lobby) {
        ImGui::Checkbox("Facilitator notes (the projector shows them too)", &st.show_notes);
        if (st.show_notes) draw_notes(app, st);
    }
    if (ImGui::Button(st.show_facilitator_link ? "Hide the facilitator link" : "Facilitator link for your phone"))
        st.show_facilitator_link = !st.show_facilitator_link;
    if (st.show_facilitator_link) {
        ImGui::SameLine();
        ImGui::TextUnformatted(st.server->facilitator_url().c_str());
    }
    ImGui::SameLine();
    if (ImGui::Button(v.phase == room::Phase::Ended ? "Close the room" : "End the workshop now")) close_room(app, st);
    app.probe("room-close");
}

// Redraw when the room changed (a phone joined or voted); tick while a timer runs.
bool poll_room(App& app) {
    auto& st = app.screen_state<RoomScreen>();
    if (!st.server) return false;
    g_wake_pending = false;  // before reading the version: a change after this wakes the loop again
    const long long now = st.server->version();
    if (now == st.seen_version) return false;
    st.seen_version = now;
    return true;
}

double next_room_poll(App& app, double) {
    auto& st = app.screen_state<RoomScreen>();
    return st.server ? 0.25 : kNever;
}

// --room-shots: one screenshot per change (a join, a vote, a step), a few frames after it so the
// frame is settled; changes that arrive together share one.
void shots_after_frame(App& app) {
    auto& st = app.screen_state<RoomScreen>();
    if (!st.server || st.shots_dir.empty() || app.screen() != kRoomScreen) return;
    const room::RoomView v = st.server->projector_view();
    if (v.version != st.shot_version) {
        st.shot_version = v.version;
        st.shot_wait = 3;
        return;
    }
    if (st.shot_wait > 0 && --st.shot_wait == 0) {
        char name[64];
        std::snprintf(name, sizeof name, "projector-%02d-%s.png", ++st.shots, room::phase_key(v.phase));
        app.request_screenshot((std::filesystem::path(st.shots_dir) / name).string());
        std::cout << "room: screenshot " << name << std::endl;
        if (v.phase == room::Phase::Ended && st.exit_after_end) app.later([](App& a) { a.quit_requested = true; });
    }
}

const ScreenRegistration kRoomScreenRegistration{{kRoomScreen, "Room", 45, false, draw_room,
                                                  [](App& app, double) {
                                                      auto& st = app.screen_state<RoomScreen>();
                                                      return st.server ? 0.25 : kNever;
                                                  },
                                                  {}}};
const FrameHookRegistration kRoomHook{{nullptr, shots_after_frame, nullptr, poll_room, next_room_poll}};

}  // namespace

bool open_room(App& app, std::shared_ptr<const Scenario> scenario, bool names_required, const std::string& bind,
               int port, std::string* error, std::optional<double> rate) {
    auto& st = app.screen_state<RoomScreen>();
    if (st.server) close_room(app, st);
    room::RoomSettings rs;
    rs.allow_anonymous = !names_required;
    rs.order_seed = app.new_order_seed();
    room::ServerSettings ss;
    ss.bind = bind;
    ss.port = port;
    if (rate) ss.requests_per_second = *rate, ss.burst = 3 * *rate;
    auto server = std::make_unique<room::RoomServer>(
        std::make_unique<room::Room>(*scenario, scoring::default_rubric(), room::new_room_code(), rs), ss);
    if (!server->start(error)) return false;
    // A phone's vote wakes the window at once, from the server's thread.
    server->set_on_change([] {
        if (!g_wake_pending.exchange(true)) glfwPostEmptyEvent();
    });
    st = RoomScreen{};
    st.scenario = std::move(scenario);
    st.server = std::move(server);
    st.qr = room::make_qr(st.server->join_url());
    st.started_at = store::now_utc_iso8601();
    app.go(kRoomScreen);
    return true;
}

bool open_room_from_options(App& app, const Options& opt) {
    LibraryEntry entry = load_library_entry(opt.room_file);
    if (!entry.ok()) {
        for (const auto& line : entry.error_lines(5)) std::cerr << line << "\n";
        std::cerr << "turnaround: cannot open a room for " << opt.room_file << "\n";
        return false;
    }
    std::string error;
    if (!open_room(app, entry.scenario, false, opt.room_bind, opt.room_port, &error, opt.room_rate)) {
        std::cerr << "turnaround: " << error << "\n";
        return false;
    }
    auto& st = app.screen_state<RoomScreen>();
    st.shots_dir = opt.room_shots;
    app.quiet_screenshots = !opt.room_shots.empty();  // the room must not see a notice per shot
    st.exit_after_end = opt.exit_when_done;
    std::cout << "room: code=" << st.server->projector_view().code << " port=" << st.server->port()
              << " url=" << st.server->join_url() << " facilitator=" << st.server->facilitator_url() << std::endl;
    return true;
}

}  // namespace ta::gui
