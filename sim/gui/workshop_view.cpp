// Workshop mode: a facilitator runs one scenario with a room, shown on a projector. At each
// decision the room (or each team) votes; the facilitator enters the votes, may reveal the
// distribution, and goes on with the majority or their own choice (a tie is always theirs). At the end: the room's
// debrief, the teams compared, and the session recorded in the results store.
#include <algorithm>
#include <cstring>
#include <memory>
#include <sstream>

#include "app.h"
#include "progress_view.h"
#include "workshop.h"

namespace ta::gui {
namespace {

struct WorkshopState {
    // Set-up.
    int scenario = 0;       // index among the library's loadable entries
    int mode = 0;           // 0 room, 1 teams
    char teams[256] = "Team A, Team B";
    char facilitator[64] = "";
    char room[64] = "";
    // Running.
    std::shared_ptr<const Scenario> scenario_ptr;
    std::unique_ptr<store::Workshop> workshop;
    std::string started_at;
    double decision_started = 0;
    int track = 0;          // the team whose conversation is shown (Teams mode)
    bool projector = true;  // large text
    bool reveal = false;
    // End.
    bool recorded = false;
    long long session_id = 0;
    std::string record_error;
};

std::vector<std::string> split_names(const char* text) {
    std::vector<std::string> out;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ',')) {
        std::size_t b = item.find_first_not_of(" \t"), e = item.find_last_not_of(" \t");
        if (b != std::string::npos) out.push_back(item.substr(b, e - b + 1));
    }
    return out;
}

std::vector<const LibraryEntry*> playable(App& app) {
    std::vector<const LibraryEntry*> out;
    for (const auto& e : app.library)
        if (e.ok()) out.push_back(&e);
    return out;
}

void draw_setup(App& app, WorkshopState& st) {
    float em = ImGui::GetFontSize();
    auto entries = playable(app);
    if (entries.empty()) {
        text_muted(app, "No playable scenarios in the library.");
        return;
    }
    st.scenario = std::clamp(st.scenario, 0, static_cast<int>(entries.size()) - 1);
    ImGui::TextUnformatted("Scenario");
    ImGui::SetNextItemWidth(em * 22);
    if (ImGui::BeginCombo("##ws-scenario", entries[static_cast<std::size_t>(st.scenario)]->scenario->title.c_str())) {
        for (std::size_t i = 0; i < entries.size(); ++i)
            if (ImGui::Selectable(entries[i]->scenario->title.c_str(), static_cast<int>(i) == st.scenario))
                st.scenario = static_cast<int>(i);
        ImGui::EndCombo();
    }
    ImGui::RadioButton("The whole room decides together", &st.mode, 0);
    ImGui::RadioButton("Each team plays its own conversation", &st.mode, 1);
    app.probe("workshop-mode-teams");
    ImGui::SetNextItemWidth(em * 22);
    ImGui::InputText("Teams (comma-separated)", st.teams, sizeof st.teams);
    ImGui::SetNextItemWidth(em * 12);
    ImGui::InputText("Facilitator", st.facilitator, sizeof st.facilitator);
    ImGui::SetNextItemWidth(em * 12);
    ImGui::InputText("Room", st.room, sizeof st.room);
    ImGui::Checkbox("Projector mode (large text)", &st.projector);
    auto teams = split_names(st.teams);
    bool can_start = st.mode == 0 || !teams.empty();
    if (!can_start) text_muted(app, "Name at least one team.");
    ImGui::BeginDisabled(!can_start);
    if (ImGui::Button("Start the session")) {
        st.scenario_ptr = entries[static_cast<std::size_t>(st.scenario)]->scenario;
        // One order for the whole session: every participant's letters match the projector.
        st.workshop = std::make_unique<store::Workshop>(*st.scenario_ptr,
                                                        st.mode ? store::WorkshopMode::Teams : store::WorkshopMode::Room,
                                                        teams, app.new_order_seed());
        st.started_at = store::now_utc_iso8601();
        st.decision_started = app.now;
        st.track = 0;
        st.reveal = false;
        st.recorded = false;
        st.session_id = 0;
        st.record_error.clear();
    }
    app.probe("workshop-start");
    ImGui::EndDisabled();
    ImGui::SameLine();
    // Or every participant votes from their own phone (room_view.cpp).
    if (ImGui::Button("Open a room for phones...")) app.go("room");
    app.probe("workshop-open-room");
}

// The customer's lines since the last reply.
void draw_customer(App& app, const Session& s) {
    const auto& t = s.transcript();
    std::size_t from = t.size();
    while (from > 0 && t[from - 1].speaker != TranscriptEntry::Speaker::Trainee) --from;
    for (std::size_t i = from; i < t.size(); ++i)
        if (t[i].speaker == TranscriptEntry::Speaker::Customer)
            text_wrapped_colour(app.palette.narrator_text, s.scenario().customer.name + ": " + t[i].text);
    if (const Node* n = s.current_node(); n && !n->note.empty()) text_muted(app, "[%s]", n->note.c_str());
}

void draw_decision(App& app, WorkshopState& st, int track) {
    store::Workshop& w = *st.workshop;
    const Session& s = w.session(track);
    const Node& node = *s.current_node();
    float em = ImGui::GetFontSize();
    float width = ImGui::GetContentRegionAvail().x;
    draw_customer(app, s);
    ImGui::Spacing();
    store::Distribution d = w.distribution(track);
    for (std::size_t i = 0; i < d.options.size(); ++i) {
        int choice = d.options[i];
        ImGui::PushID(choice);
        ImGui::PushFont(app.fonts.bold);
        ImGui::Text("%c", static_cast<char>('A' + i));
        ImGui::PopFont();
        ImGui::SameLine(em * 1.6f);
        ImGui::PushTextWrapPos(width - em * 9);
        ImGui::TextUnformatted(node.choices[static_cast<std::size_t>(choice)].text.c_str());
        ImGui::PopTextWrapPos();
        ImGui::SameLine(width - em * 8.5f);
        if (ImGui::SmallButton("-")) w.set_votes(track, choice, std::max(0, d.votes[i] - 1));
        app.probe("vote-minus:" + std::to_string(i));
        ImGui::SameLine();
        ImGui::Text("%3d", d.votes[i]);
        ImGui::SameLine();
        if (ImGui::SmallButton("+")) w.add_votes(track, choice, 1);
        app.probe("vote-plus:" + std::to_string(i));
        ImGui::SameLine();
        if (ImGui::SmallButton("Go")) {  // the facilitator's choice
            w.advance(track, choice, static_cast<long long>((app.now - st.decision_started) * 1000));
            st.decision_started = app.now;
            st.reveal = false;
        }
        app.probe("vote-go:" + std::to_string(i));
        if (st.reveal && d.total > 0) {
            // "What the room chose": a bar per option.
            ImVec2 a = ImGui::GetCursorScreenPos();
            float bar_w = (width - em * 12) * static_cast<float>(d.share(i));
            ImDrawList* dl = ImGui::GetWindowDrawList();
            dl->AddRectFilled(ImVec2(a.x + em * 1.6f, a.y), ImVec2(a.x + em * 1.6f + width - em * 12, a.y + em * 0.8f),
                              app.palette.track, em * 0.2f);
            bool top = d.majority && *d.majority == choice;
            if (bar_w >= 1)
                dl->AddRectFilled(ImVec2(a.x + em * 1.6f, a.y), ImVec2(a.x + em * 1.6f + bar_w, a.y + em * 0.8f),
                                  top ? app.palette.accent : app.palette.muted_text, em * 0.2f);
            char pct[16];
            std::snprintf(pct, sizeof pct, "%.0f%%", d.share(i) * 100);
            dl->AddText(ImVec2(a.x + width - em * 9.5f, a.y - em * 0.1f), app.palette.narrator_text, pct);
            ImGui::Dummy(ImVec2(width, em));
        }
        ImGui::PopID();
        ImGui::Spacing();
    }
    // Room mode with teams: each team's pick counts as one vote.
    if (w.mode() == store::WorkshopMode::Room && !w.teams().empty()) {
        text_muted(app, "Team choices:");
        for (std::size_t t = 0; t < w.teams().size(); ++t) {
            ImGui::PushID(static_cast<int>(1000 + t));
            ImGui::TextUnformatted(w.teams()[t].c_str());
            for (std::size_t i = 0; i < d.options.size(); ++i) {
                ImGui::SameLine();
                char label[4] = {static_cast<char>('A' + i), 0, 0, 0};
                ImGui::PushID(static_cast<int>(i));
                bool picked = w.team_choice(track, static_cast<int>(t)) == d.options[i];
                if (picked) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::ColorConvertU32ToFloat4(app.palette.accent));
                if (ImGui::SmallButton(label)) w.team_pick(track, static_cast<int>(t), d.options[i]);
                if (picked) ImGui::PopStyleColor();
                app.probe("team-pick:" + std::to_string(t) + ":" + std::to_string(i));
                ImGui::PopID();
            }
            ImGui::PopID();
        }
    }
    ImGui::Spacing();
    if (ImGui::Button(st.reveal ? "Hide the votes" : "Reveal what the room chose")) st.reveal = !st.reveal;
    app.probe("workshop-reveal");
    ImGui::SameLine();
    ImGui::BeginDisabled(!d.majority);
    if (ImGui::Button("Continue with the majority")) {
        w.advance(track, std::nullopt, static_cast<long long>((app.now - st.decision_started) * 1000));
        st.decision_started = app.now;
        st.reveal = false;
    }
    app.probe("workshop-continue");
    ImGui::EndDisabled();
    if (d.tied) {  // never settled silently: the facilitator calls it (and the record says so)
        ImGui::SameLine();
        text_muted(app, "A tie: press Go beside the reply the room goes on with.");
    }
    if (node.on_timeout) {
        ImGui::SameLine();
        if (ImGui::Button("Let the timer run out")) {
            w.time_out(track, static_cast<long long>((app.now - st.decision_started) * 1000));
            st.decision_started = app.now;
        }
    }
}

void record_once(App& app, WorkshopState& st) {
    if (st.recorded) return;
    st.recorded = true;
    StoreResults* sr = store_results(app);
    if (!sr) return;
    store::WorkshopRecord rec =
        st.workshop->to_record(scoring::default_rubric(), st.facilitator, st.room, st.started_at);
    if (sr->store().record_workshop(rec, &st.record_error)) {
        st.session_id = rec.id;
        if (sr->delivery) sr->delivery->poke();
    }
}

void draw_end(App& app, WorkshopState& st) {
    store::Workshop& w = *st.workshop;
    record_once(app, st);
    float em = ImGui::GetFontSize();
    auto results = w.results(scoring::default_rubric());
    for (const auto& r : results) {
        const auto& d = r.debrief;
        ImGui::PushFont(app.fonts.title);
        ImGui::Text("%s: %d  %s", r.team == "room" ? "The room" : r.team.c_str(), scoring::whole_score(d.overall),
                    d.band.c_str());
        ImGui::PopFont();
        if (const Ending* e = w.scenario().find_ending(d.ending_id)) text_wrapped_colour(app.palette.narrator_text, e->title);
        for (const auto& line : d.practise_next) text_muted(app, "Practise: %s", line.c_str());
        ImGui::Spacing();
    }
    if (results.size() > 1) {
        store::Comparison c = store::Workshop::compare(results);
        if (ImGui::BeginTable("compare", 2 + kCompetencyCount, ImGuiTableFlags_RowBg)) {
            ImGui::TableSetupColumn("Team");
            ImGui::TableSetupColumn("Overall");
            for (int k = 0; k < kCompetencyCount; ++k) ImGui::TableSetupColumn(competency_label(static_cast<Competency>(k)));
            ImGui::TableHeadersRow();
            for (const auto& s : c.standings) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::Text("%d. %s", s.rank, s.team.c_str());
                ImGui::TableNextColumn();
                ImGui::Text("%d", scoring::whole_score(s.overall));
                for (int k = 0; k < kCompetencyCount; ++k) {
                    ImGui::TableNextColumn();
                    bool strongest = c.strongest[static_cast<std::size_t>(k)] == s.team;
                    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(strongest ? app.palette.good : app.palette.narrator_text),
                                       "%d", scoring::whole_score(s.scores[static_cast<std::size_t>(k)]));
                }
            }
            ImGui::EndTable();
        }
    }
    ImGui::Spacing();
    if (st.session_id) text_muted(app, "Recorded as workshop session %lld.", st.session_id);
    else if (!st.record_error.empty()) text_wrapped_colour(app.palette.bad, "Not recorded: " + st.record_error);
    if (ImGui::Button("New session")) st.workshop.reset();
    app.probe("workshop-new");
    (void)em;
}

// Each conversation as the scripted run reads it (":0" the room's or the first team's).
void publish_facts(App& app, const WorkshopState& st) {
    if (!st.workshop) return;
    app.facts["workshop-scenario-id"] = st.scenario_ptr->id;
    app.facts["workshop-tracks"] = std::to_string(st.workshop->track_count());
    const auto& seed = st.workshop->order_seed();
    app.facts["workshop-order-seed"] = seed ? std::to_string(*seed) : "null";
    app.facts["workshop-track"] = std::to_string(st.track);  // the one shown
    for (int t = 0; t < st.workshop->track_count(); ++t) {
        const Session& s = st.workshop->session(t);
        std::string path;
        for (int c : s.choice_path()) path += (path.empty() ? "" : ",") + std::to_string(c);
        const std::string n = ":" + std::to_string(t);
        app.facts["workshop-name" + n] = st.workshop->track_name(t);
        app.facts["workshop-turns" + n] = std::to_string(s.turns().size());
        app.facts["workshop-path" + n] = path;
        app.facts["workshop-ending" + n] = s.ending() ? s.ending()->id : "";
    }
    app.facts["workshop-ended"] = st.workshop->ended() ? "true" : "false";
    app.facts["workshop-session"] = std::to_string(st.session_id);
}

void draw_workshop(App& app) {
    auto& st = app.screen_state<WorkshopState>();
    publish_facts(app, st);
    ImGui::SetWindowFontScale(st.workshop && st.projector ? 1.5f : 1.0f);
    ImGui::PushFont(app.fonts.title);
    ImGui::TextUnformatted(st.workshop ? st.scenario_ptr->title.c_str() : "Workshop");
    ImGui::PopFont();
    if (!st.workshop) {
        draw_setup(app, st);
        ImGui::SetWindowFontScale(1.0f);
        return;
    }
    store::Workshop& w = *st.workshop;
    if (w.ended()) {
        draw_end(app, st);
    } else {
        if (w.track_count() > 1) {
            for (int t = 0; t < w.track_count(); ++t) {
                if (t) ImGui::SameLine();
                std::string label = w.track_name(t) + (w.session(t).ended() ? " (done)" : "");
                if (ImGui::RadioButton(label.c_str(), st.track == t)) st.track = t;
            }
            if (w.session(st.track).ended())
                for (int t = 0; t < w.track_count(); ++t)
                    if (!w.session(t).ended()) st.track = t;
        }
        if (!w.session(st.track).ended()) draw_decision(app, st, st.track);
        ImGui::Spacing();
        if (w.order_seed()) {
            text_muted(app, "Options are shuffled for this session (order %llu); every screen shows the same letters.",
                       static_cast<unsigned long long>(*w.order_seed()));
        }
        ImGui::Checkbox("Large text", &st.projector);
        ImGui::SameLine();
        if (ImGui::Button("End the session now")) {
            record_once(app, st);
            st.workshop.reset();
            app.notify(st.session_id ? "Session ended and recorded" : "Session ended");
        }
    }
    ImGui::SetWindowFontScale(1.0f);
}

const ScreenRegistration kWorkshopScreen{{"workshop", "Workshop", 40, true, draw_workshop, {}, {}}};

}  // namespace
}  // namespace ta::gui
