// The Cohort screen, for trainers: every trainee by team, each scenario's pass rate week by week,
// and what to teach next (the replies most trainees got wrong). The figures are
// store::summarise_cohort()'s, the same as `turnaround-cli report --cohort`.
#include <imgui.h>

#include <cstdio>

#include "app.h"
#include "cohort.h"
#include "progress_view.h"

namespace ta::gui {
namespace {

struct CohortState {
    std::string team;  // "" = everyone
    // Summaries read every recorded debrief: worked out again only when something was recorded
    // or the team changed, not on every frame.
    long long seen_attempts = -1;
    std::size_t seen_trainees = 0;
    std::string seen_team;
    store::Cohort everyone, shown;
};

std::string rate(int passed, int of) {
    if (of == 0) return "-";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%d/%d  %d%%", passed, of, (passed * 100 + of / 2) / of);
    return buf;
}

void heading(App& app, const char* text) {
    ImGui::Spacing();
    ImGui::PushFont(app.fonts.bold);
    ImGui::TextUnformatted(text);
    ImGui::PopFont();
}

void team_filter(App& app, const store::Cohort& everyone, CohortState& st) {
    const float em = ImGui::GetFontSize();
    ImGui::SetNextItemWidth(em * 12);
    if (ImGui::BeginCombo("Team", st.team.empty() ? "Everyone" : st.team.c_str())) {
        if (ImGui::Selectable("Everyone", st.team.empty())) st.team.clear();
        for (const auto& t : everyone.teams)
            if (!t.team.empty() && ImGui::Selectable(t.team.c_str(), st.team == t.team)) st.team = t.team;
        ImGui::EndCombo();
    }
    app.probe("cohort-team");
}

void trainees_table(const store::Cohort& c) {
    if (!ImGui::BeginTable("cohort-trainees", 6, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) return;
    for (const char* h : {"Trainee", "Team", "Attempts", "Passed", "Scenarios passed", "Last played"}) ImGui::TableSetupColumn(h);
    ImGui::TableHeadersRow();
    for (const auto& t : c.trainees) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(t.name.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(t.team.c_str());
        ImGui::TableNextColumn();
        ImGui::Text("%d", t.attempts);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(rate(t.passed, t.completed).c_str());
        ImGui::TableNextColumn();
        ImGui::Text("%d", t.scenarios_passed);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(t.last_played.substr(0, 10).c_str());
    }
    ImGui::EndTable();
}

void scenarios_table(const store::Cohort& c) {
    if (!ImGui::BeginTable("cohort-scenarios", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) return;
    for (const char* h : {"Scenario", "Passed", "First try", "Week by week"}) ImGui::TableSetupColumn(h);
    ImGui::TableHeadersRow();
    for (const auto& s : c.scenarios) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted((s.title.empty() ? s.scenario_id : s.title).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(rate(s.passed, s.completed).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(rate(s.first_tries_passed, s.trainees).c_str());
        ImGui::TableNextColumn();
        std::string weeks;
        for (const auto& w : s.weeks) weeks += (weeks.empty() ? "" : "   ") + w.week.substr(5) + " " + rate(w.passed, w.completed);
        ImGui::TextUnformatted(weeks.c_str());
    }
    ImGui::EndTable();
}

void mistakes_list(App& app, const store::Cohort& c) {
    if (c.mistakes.empty()) {
        text_muted(app, "No reply that cost points was chosen by two trainees or more.");
        return;
    }
    int n = 0;
    for (const auto& m : c.mistakes) {
        if (++n > 12) {
            text_muted(app, "... and %d more (turnaround-cli report --cohort lists them all)", static_cast<int>(c.mistakes.size()) - 12);
            break;
        }
        char head[160];
        std::snprintf(head, sizeof head, "%d of %d trainees (%d%%)", m.trainees, m.reached,
                      static_cast<int>(m.share() * 100 + 0.5));
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(m.red_line ? app.palette.bad : app.palette.warn));
        ImGui::TextUnformatted(m.red_line ? "RED LINE" : "Cost points");
        ImGui::PopStyleColor();
        ImGui::SameLine();
        ImGui::TextUnformatted(head);
        ImGui::SameLine();
        text_muted(app, "%s, at '%s'", (m.scenario_title.empty() ? m.scenario_id : m.scenario_title).c_str(), m.node_id.c_str());
        ImGui::Indent();
        ImGui::TextWrapped("\"%s\"", m.said.c_str());
        if (!m.feedback.empty()) text_wrapped_colour(app.palette.narrator_text, m.feedback);
        ImGui::Unindent();
    }
}

void draw_cohort(App& app) {
    ImGui::PushFont(app.fonts.title);
    ImGui::TextUnformatted("Cohort");
    ImGui::PopFont();
    StoreResults* sr = store_results(app);
    if (!sr) {
        text_muted(app, "Results are not being kept in this run, so there is no cohort to show.");
        return;
    }
    auto& st = app.screen_state<CohortState>();
    const auto trainees = sr->store().trainees();
    const long long recorded = sr->store().attempt_count();
    if (recorded != st.seen_attempts || trainees.size() != st.seen_trainees || st.team != st.seen_team) {
        const auto attempts = sr->store().all_attempts();
        st.everyone = store::summarise_cohort(trainees, attempts);
        st.shown = st.team.empty() ? st.everyone : store::summarise_cohort(trainees, attempts, {st.team});
        st.seen_attempts = recorded;
        st.seen_trainees = trainees.size();
        st.seen_team = st.team;
    }
    const store::Cohort& c = st.shown;
    team_filter(app, st.everyone, st);
    ImGui::SameLine();
    text_muted(app, "%d trainees, %d attempts (%d finished)", c.trainee_count, c.attempts, c.completed);
    app.probe("cohort-summary");
    if (c.trainee_count == 0) {
        text_muted(app, "No trainees yet: they are added when they say who is playing.");
        return;
    }
    ImGui::BeginChild("cohort-body");
    heading(app, "What to teach next");
    mistakes_list(app, c);
    heading(app, "Pass rate per scenario");
    scenarios_table(c);
    heading(app, "Trainees");
    trainees_table(c);
    ImGui::EndChild();
}

const ScreenRegistration kCohortScreen{{"cohort", "Cohort", 35, true, draw_cohort, {}, {}}};

}  // namespace
}  // namespace ta::gui
