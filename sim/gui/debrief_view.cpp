// The debrief: overall result and band, a bar per competency, what to practise next, and the
// annotated transcript with the better alternative at each turn and a way back to that turn.
#include <algorithm>
#include <cmath>

#include "app.h"

namespace ta::gui {

namespace {

std::string signed_points(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, std::fabs(v - std::round(v)) < 1e-9 ? "%+.0f" : "%+.1f", v);
    return buf;
}

void competency_bars(App& app, const scoring::Debrief& d, float width) {
    const Palette& p = app.palette;
    float em = ImGui::GetFontSize();
    float label_w = em * 6.5f;
    // Room for the score and, where a row has one, its note, so that nothing runs into the next column.
    float note_w = 0;
    for (int c = 0; c < kCompetencyCount; ++c)
        if (!d.exercised[c] || d.zero[c] < 0)
            note_w = std::max({note_w, ImGui::CalcTextSize("not scored here").x, ImGui::CalcTextSize("penalties only").x});
    float bar_w = std::max(em * 4, width - label_w - em * 3 - (note_w > 0 ? note_w + em * 0.5f : 0));
    for (int c = 0; c < kCompetencyCount; ++c) {
        // Harm shows below 0: a red bar of its size in place of the scale.
        float v = static_cast<float>(std::clamp(d.score[c], -100.0, 100.0));
        ImGui::TextUnformatted(competency_label(static_cast<Competency>(c)));
        ImGui::SameLine(label_w);
        ImVec2 a = ImGui::GetCursorScreenPos();
        a.y += em * 0.2f;
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->AddRectFilled(a, ImVec2(a.x + bar_w, a.y + em * 0.75f), p.track, em * 0.375f);
        if (v > 0.5f)
            dl->AddRectFilled(a, ImVec2(a.x + bar_w * v / 100.0f, a.y + em * 0.75f), scale_colour(p, v / 100.0f), em * 0.375f);
        else if (v < -0.5f)
            dl->AddRectFilled(a, ImVec2(a.x + bar_w * -v / 100.0f, a.y + em * 0.75f), p.bad, em * 0.375f);
        ImGui::Dummy(ImVec2(bar_w, em));
        ImGui::SameLine();
        ImGui::Text("%4d", scoring::whole_score(d.score[c]));
        if (d.exercised[c] && d.zero[c] < 0) {  // nothing to earn here, only to lose
            ImGui::SameLine();
            text_muted(app, "penalties only");
        } else if (!d.exercised[c]) {
            ImGui::SameLine();
            text_muted(app, "not scored here");
        }
    }
}

void points_chips(App& app, const CompetencyArray& pts) {
    const Palette& p = app.palette;
    bool any = false;
    for (int c = 0; c < kCompetencyCount; ++c) {
        if (std::fabs(pts[c]) < 1e-9) continue;
        if (any) ImGui::SameLine();
        any = true;
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(pts[c] > 0 ? p.good : p.bad), "%s %s",
                           competency_label(static_cast<Competency>(c)), signed_points(pts[c]).c_str());
    }
    if (!any) text_muted(app, "No points either way");
}

void draw_turn(App& app, const scoring::TurnDebrief& t) {
    const Palette& p = app.palette;
    const Session& s = *app.play.session;
    float em = ImGui::GetFontSize();
    float w = ImGui::GetContentRegionAvail().x;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->ChannelsSplit(2);
    dl->ChannelsSetCurrent(1);
    ImVec2 a = ImGui::GetCursorScreenPos();
    float pad = em * 0.7f;
    ImGui::SetCursorScreenPos(ImVec2(a.x + pad, a.y + pad));
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w - 2 * pad);
    for (const auto& e : s.transcript()) {
        if (e.speaker == TranscriptEntry::Speaker::Customer && e.node_id == t.node_id) {
            text_muted(app, "%s: “%s”", app.play.scenario->customer.name.c_str(), e.text.c_str());
            break;
        }
    }
    ImGui::PushFont(app.fonts.bold);
    if (t.red_line) {
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(p.bad), "RED LINE");
        ImGui::SameLine();
    }
    if (t.choice_index == kTimeoutChoice) ImGui::TextWrapped("Turn %d: no answer in time", t.turn + 1);
    else ImGui::TextWrapped("Turn %d: “%s”", t.turn + 1, t.said.c_str());
    ImGui::PopFont();
    if (t.model) text_muted(app, "The model answer here.");
    points_chips(app, t.points);
    for (const auto& tag : t.tags) {
        ImGui::Bullet();
        ImGui::TextWrapped("%s — %s", tag.label.c_str(), tag.explanation.c_str());
    }
    for (const auto& r : t.rules) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(p.warn));
        ImGui::Bullet();
        ImGui::TextWrapped("Rule: %s — %s (%s)", r.label.c_str(), r.explanation.c_str(),
                           [&] {
                               std::string out;
                               for (int c = 0; c < kCompetencyCount; ++c)
                                   if (std::fabs(r.points[c]) > 1e-9)
                                       out += std::string(out.empty() ? "" : ", ") + competency_label(static_cast<Competency>(c)) +
                                              " " + signed_points(r.points[c]);
                               return out.empty() ? std::string("no points") : out;
                           }()
                               .c_str());
        ImGui::PopStyleColor();
    }
    if (!t.feedback.empty()) ImGui::TextWrapped("%s", t.feedback.c_str());
    if (t.better_choice_index) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(p.accent));
        ImGui::TextWrapped("Better here: “%s”", t.better_choice_text.c_str());
        ImGui::PopStyleColor();
        if (!t.better_choice_why.empty()) text_muted(app, "%s", t.better_choice_why.c_str());
    }
    std::string id = "Try a different answer here##turn" + std::to_string(t.turn);
    if (ImGui::Button(id.c_str())) {
        std::size_t turn = static_cast<std::size_t>(t.turn);
        app.later([turn](App& a) { a.replay_prefix(turn); });
    }
    app.probe("retry:" + std::to_string(t.turn + 1));
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    float bottom = ImGui::GetItemRectMax().y + pad;
    dl->ChannelsSetCurrent(0);
    dl->AddRectFilled(a, ImVec2(a.x + w, bottom), p.card_bg, em * 0.5f);
    dl->AddRect(a, ImVec2(a.x + w, bottom), p.card_border, em * 0.5f);
    dl->ChannelsMerge();
    ImGui::SetCursorScreenPos(ImVec2(a.x, bottom + em * 0.5f));
    ImGui::Dummy(ImVec2(w, 1));
}

void draw_debrief(App& app) {
    if (!app.play.debrief || !app.play.session || !app.play.scenario) {
        app.go(kLibraryScreen);
        return;
    }
    const scoring::Debrief& d = *app.play.debrief;
    const Session& s = *app.play.session;
    const Palette& p = app.palette;
    float em = ImGui::GetFontSize();

    ImGui::BeginChild("debrief", ImVec2(0, 0), false, ImGuiWindowFlags_NavFlattened);
    float w = ImGui::GetContentRegionAvail().x;

    // Result: big score, band, ending.
    ImGui::BeginGroup();
    ImGui::PushFont(app.fonts.huge);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(scale_colour(p, static_cast<float>(d.overall / 100.0))), "%s",
                       format_score(d.overall).c_str());
    ImGui::PopFont();
    ImGui::EndGroup();
    ImGui::SameLine(0, em * 1.5f);
    ImGui::BeginGroup();
    ImGui::PushFont(app.fonts.title);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(d.passed ? p.good : p.bad), "%s  ·  %s", d.band.c_str(),
                       d.passed ? "passed" : "not passed yet");
    ImGui::PopFont();
    text_muted(app, "Overall score out of 100  ·  pass mark %d", d.pass_mark);
    if (const Ending* e = s.ending()) {
        ImGui::PushFont(app.fonts.bold);
        ImGui::Text("Ending: %s", e->title.c_str());
        ImGui::PopFont();
        ImGui::SameLine();
        text_muted(app, "(%s)", ending_type_key(e->type));
    }
    ImGui::EndGroup();
    if (const Ending* e = s.ending(); e && !e->epilogue.empty()) {
        ImGui::PushTextWrapPos(0);
        ImGui::TextUnformatted(e->epilogue.c_str());
        ImGui::PopTextWrapPos();
    }
    // Why a good score did not pass (red lines first, in the trainee's words), and how to read the scores.
    ImGui::PushTextWrapPos(0);
    for (const auto& note : d.notes) {
        ImGui::Bullet();
        if (note.rfind("Red line", 0) == 0) {
            ImGui::PushFont(app.fonts.bold);
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(p.bad), "%s", note.c_str());
            ImGui::PopFont();
        } else {
            text_muted(app, "%s", note.c_str());
        }
    }
    ImGui::PopTextWrapPos();

    // Actions.
    ImGui::Dummy(ImVec2(0, em * 0.2f));
    ImGui::PushStyleColor(ImGuiCol_Button, ImGui::ColorConvertU32ToFloat4(p.accent));
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(p.accent_text));
    if (ImGui::Button("Play again")) app.later([](App& a) { a.replay_prefix(0); });
    app.probe("play-again");
    ImGui::PopStyleColor(2);
    ImGui::SameLine();
    if (ImGui::Button("Save as image")) app.request_screenshot("");
    app.probe("save-image");
    ImGui::SameLine();
    if (ImGui::Button("Save printable report")) app.save_report();
    app.probe("save-report");
    ImGui::SameLine();
    if (ImGui::Button("Back to library")) app.go(kLibraryScreen);
    ImGui::Separator();

    // Competencies and advice side by side when there is room.
    bool wide = w > 50 * em;
    float col_w = wide ? w * 0.5f - em : w;
    ImGui::BeginGroup();
    ImGui::PushFont(app.fonts.title);
    ImGui::TextUnformatted("Competencies");
    ImGui::PopFont();
    competency_bars(app, d, col_w);
    ImGui::EndGroup();
    if (wide) ImGui::SameLine(col_w + em * 2);
    ImGui::BeginGroup();
    ImGui::PushFont(app.fonts.title);
    ImGui::TextUnformatted("What to practise next");
    ImGui::PopFont();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + col_w);
    const bool scored = std::any_of(d.exercised.begin(), d.exercised.end(), [](bool e) { return e; });
    if (d.practise_next.empty())
        text_muted(app, scored ? "Nothing stands out: try a harder scenario." : "Nothing is scored in this scenario yet.");
    for (const auto& line : d.practise_next) {
        ImGui::Bullet();
        ImGui::TextUnformatted(line.c_str());
    }
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();

    ImGui::Dummy(ImVec2(0, em * 0.3f));
    ImGui::PushFont(app.fonts.title);
    ImGui::TextUnformatted("Your conversation, turn by turn");
    ImGui::PopFont();
    for (const auto& t : d.turns) draw_turn(app, t);
    ImGui::EndChild();
}

const ScreenRegistration kDebrief{{kDebriefScreen, "Debrief", 25, false, draw_debrief, nullptr, nullptr}};

}  // namespace

}  // namespace ta::gui
