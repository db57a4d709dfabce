// The progress screen: who is playing (pick or add a trainee), their scores per competency over
// time as charts, best results per scenario, and what to practise next with a suggested scenario.
#include "progress_view.h"

#include <algorithm>
#include <cstring>
#include <ctime>

#include "app.h"
#include "attempt_builder.h"
#include "progress.h"

namespace ta::gui {

bool StoreResults::open(const std::string& path, std::string* error) { return store_.open(path, error); }

std::optional<BestResult> StoreResults::best_for(const std::string& scenario_id) const {
    if (!trainee) return std::nullopt;
    auto best = store_.best_result(trainee->id, scenario_id);
    if (!best) return std::nullopt;
    BestResult b;
    b.overall = best->overall;
    b.band = best->band;
    b.passed = best->passed;
    b.ending_type = ending_type_from_key(best->ending_type).value_or(EndingType::Lost);
    for (const auto& a : store_.attempts_for(trainee->id))
        b.attempts += a.scenario_id == scenario_id && a.completed;
    return b;
}

void StoreResults::record(const Scenario& scenario, const scoring::Debrief& debrief,
                          const std::vector<int>& choice_path) {
    last_error.clear();
    if (!trainee) {
        last_error = "no trainee chosen";
        return;
    }
    const bool current = app && app->play.scenario.get() == &scenario && app->play.session;
    Session replayed = Session::replay(scenario, choice_path, nullptr,
                                       current ? app->play.session->order_seed() : std::nullopt);
    std::vector<long long> turn_ms;
    std::string started_at;
    if (current && app->play.started_unix > 0) {
        turn_ms = app->play.turn_ms;
        std::time_t t = static_cast<std::time_t>(app->play.started_unix);
        std::tm tm{};
        gmtime_r(&t, &tm);
        char buf[32];
        std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
        started_at = buf;
    }
    store::AttemptRecord a = store::make_attempt(replayed, debrief, trainee->id, turn_ms, started_at);
    if (!store_.record_attempt(a, &last_error)) return;
    ++recorded;
    if (delivery) delivery->poke();
}

StoreResults* store_results(App& app) { return dynamic_cast<StoreResults*>(app.results.get()); }

namespace {

struct ProgressState : TraineePickerState {
    std::string message;
};

// One chart: a competency's scores over the trainee's finished attempts, 0..100.
void score_chart(App& app, const char* label, const std::vector<store::ScorePoint>& points, float width,
                 float height) {
    const Palette& p = app.palette;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float em = ImGui::GetFontSize();
    ImGui::TextUnformatted(label);
    ImVec2 a = ImGui::GetCursorScreenPos();
    ImVec2 b(a.x + width, a.y + height);
    dl->AddRectFilled(a, b, p.card_bg, em * 0.25f);
    dl->AddRect(a, b, p.card_border, em * 0.25f);
    // Pass-mark guide at 70.
    float y70 = b.y - height * 0.70f;
    dl->AddLine(ImVec2(a.x, y70), ImVec2(b.x, y70), p.track, 1.0f);
    if (points.empty()) {
        dl->AddText(ImVec2(a.x + em * 0.5f, a.y + height * 0.4f), p.muted_text, "no finished attempts yet");
    } else {
        auto at = [&](std::size_t i) {
            float x = points.size() == 1 ? (a.x + b.x) / 2
                                         : a.x + em * 0.5f + (width - em) * static_cast<float>(i) /
                                                                 static_cast<float>(points.size() - 1);
            float v = static_cast<float>(std::clamp(points[i].score, 0.0, 100.0));
            return ImVec2(x, b.y - em * 0.3f - (height - em * 0.6f) * v / 100.0f);
        };
        for (std::size_t i = 1; i < points.size(); ++i) dl->AddLine(at(i - 1), at(i), p.accent, 2.0f);
        for (std::size_t i = 0; i < points.size(); ++i)
            dl->AddCircleFilled(at(i), em * 0.22f, scale_colour(p, static_cast<float>(points[i].score / 100.0)));
        char last[16];
        std::snprintf(last, sizeof last, "%d", scoring::whole_score(points.back().score));
        dl->AddText(ImVec2(b.x - em * 2, a.y + em * 0.2f), p.narrator_text, last);
    }
    ImGui::Dummy(ImVec2(width, height));
}

void trainee_picker(App& app, StoreResults& sr, TraineePickerState& st) {
    float em = ImGui::GetFontSize();
    ImGui::TextUnformatted("Who is playing?");
    auto trainees = sr.store().trainees();
    std::string current = sr.trainee ? sr.trainee->name : "(nobody: results are not kept)";
    ImGui::SetNextItemWidth(em * 16);
    if (ImGui::BeginCombo("##trainee", current.c_str())) {
        for (const auto& t : trainees) {
            bool sel = sr.trainee && sr.trainee->id == t.id;
            std::string label = t.team.empty() ? t.name : t.name + "  (" + t.team + ")";
            if (ImGui::Selectable(label.c_str(), sel)) sr.trainee = t;
        }
        ImGui::EndCombo();
    }
    app.probe("progress-trainee");
    ImGui::SameLine(0, em * 2);
    ImGui::SetNextItemWidth(em * 10);
    ImGui::InputTextWithHint("##newname", "New trainee's name", st.new_name, sizeof st.new_name);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(em * 7);
    ImGui::InputTextWithHint("##newteam", "Team (optional)", st.new_team, sizeof st.new_team);
    ImGui::SameLine();
    if (ImGui::Button("Add") && add_typed_trainee(app, sr, st)) app.notify("Welcome, " + sr.trainee->name);
}

}  // namespace

bool add_typed_trainee(App& app, StoreResults& sr, TraineePickerState& st) {
    if (!st.new_name[0]) return false;
    std::string error;
    auto t = sr.store().add_trainee(st.new_name, st.new_team, &error);
    if (!t) {
        app.notify(error, true);
        return false;
    }
    sr.trainee = *t;
    st.new_name[0] = st.new_team[0] = 0;
    return true;
}

namespace {

void draw_progress(App& app) {
    auto& st = app.screen_state<ProgressState>();
    StoreResults* sr = store_results(app);
    float em = ImGui::GetFontSize();
    ImGui::PushFont(app.fonts.title);
    ImGui::TextUnformatted("Progress");
    ImGui::PopFont();
    if (!sr) {
        text_muted(app, "Results are not being kept in this run.");
        return;
    }
    trainee_picker(app, *sr, st);
    if (!sr->last_error.empty()) text_wrapped_colour(app.palette.bad, "The last attempt was not saved: " + sr->last_error);
    if (sr->delivery) {
        const std::string line = sr->delivery->summary();
        const store::DeliveryStatus ds = sr->delivery->status();
        const bool waiting = !ds.for_server.empty() || !ds.for_lrs.empty() || !ds.last_error.empty();
        if (waiting) text_wrapped_colour(app.palette.warn, line);
        else if (!line.empty()) text_muted(app, "%s", line.c_str());
        app.facts["delivery-waiting"] = std::to_string(ds.for_server.attempts + ds.for_server.sessions +
                                                       ds.for_lrs.attempts + ds.for_lrs.sessions);
    }
    if (!sr->trainee) {
        text_muted(app, "Choose or add a trainee: their attempts are then saved and shown here.");
        return;
    }
    ImGui::Separator();

    std::vector<store::ScenarioInfo> catalogue;
    for (const auto& e : app.library)
        if (e.ok()) catalogue.push_back(store::scenario_info(*e.scenario, scoring::default_rubric()));
    auto attempts = sr->store().attempts_for(sr->trainee->id);
    store::Progress pr = store::summarise_progress(attempts, catalogue);

    ImGui::Text("%d attempts, %d finished, %d passed", pr.attempts, pr.completed, pr.passed);
    if (pr.practise_next) {
        ImGui::PushFont(app.fonts.bold);
        ImGui::Text("Practise next: %s", competency_label(*pr.practise_next));
        ImGui::PopFont();
    }
    if (!pr.suggested_scenario_id.empty()) {
        ImGui::TextWrapped("Suggested: %s (%s)",
                           (pr.suggested_title.empty() ? pr.suggested_scenario_id : pr.suggested_title).c_str(),
                           pr.suggestion_reason.c_str());
        for (const auto& e : app.library)
            if (e.ok() && e.scenario->id == pr.suggested_scenario_id) {
                ImGui::SameLine();
                if (ImGui::Button("Play it")) app.request_start(e.scenario);
                app.probe("progress-play-suggested");
                break;
            }
    }
    ImGui::Spacing();

    float avail = ImGui::GetContentRegionAvail().x;
    int cols = avail > em * 50 ? 3 : 2;
    float chart_w = (avail - em * (cols - 1)) / static_cast<float>(cols);
    float chart_h = em * 6;
    for (int c = 0; c <= kCompetencyCount; ++c) {
        if (c % cols) ImGui::SameLine(0, em);
        ImGui::BeginGroup();
        if (c < kCompetencyCount) score_chart(app, competency_label(static_cast<Competency>(c)), pr.series[c], chart_w, chart_h);
        else score_chart(app, "Overall", pr.overall, chart_w, chart_h);
        ImGui::EndGroup();
    }

    ImGui::Spacing();
    ImGui::PushFont(app.fonts.bold);
    ImGui::TextUnformatted("Scenarios");
    ImGui::PopFont();
    if (ImGui::BeginTable("best", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn("Scenario");
        ImGui::TableSetupColumn("Attempts");
        ImGui::TableSetupColumn("Best");
        ImGui::TableSetupColumn("Passed");
        ImGui::TableHeadersRow();
        for (const auto& s : pr.scenarios) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted((s.title.empty() ? s.scenario_id : s.title).c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%d", s.attempts);
            ImGui::TableNextColumn();
            if (s.completed) ImGui::Text("%d", scoring::whole_score(s.best_overall));
            else text_muted(app, "-");
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(s.passed_ever ? "yes" : "not yet");
        }
        ImGui::EndTable();
    }
}

const ScreenRegistration kProgressScreen{{"progress", "Progress", 30, true, draw_progress, {}, {}}};

}  // namespace
}  // namespace ta::gui

#include <cstdlib>

#include "store_setup.h"
#include "xdg_paths.h"

namespace ta::gui {

void install_results_store(App& app, const ResultsChoice& choice) {
    const char* env_db = std::getenv("TURNAROUND_RESULTS_DB");
    const char* env_trainee = std::getenv("TURNAROUND_TRAINEE");
    const bool named = !choice.db.empty() || (env_db && *env_db);
    std::string path = !choice.db.empty() ? choice.db : named ? std::string(env_db)
                       : choice.scripted   ? std::string()
                                           : store::default_results_path();
    if (path.empty()) {
        app.results_unavailable = "this scripted run keeps no results (give --db FILE and --trainee NAME to keep them)";
        return;
    }
    std::string error;
    if (!named && !store::ensure_dir(store::data_dir(), &error)) {
        app.results_unavailable = error;
        app.notify("Results will not be kept: " + error, true);
        return;
    }
    auto sr = std::make_unique<StoreResults>();
    sr->app = &app;
    if (!sr->open(path, &error)) {
        app.results_unavailable = error;
        app.notify("Results will not be kept: " + error, true);
        return;
    }
    const std::string name = !choice.trainee.empty() ? choice.trainee : env_trainee ? env_trainee : "";
    if (!name.empty()) {
        sr->trainee = sr->store().find_trainee(name);
        if (!sr->trainee) sr->trainee = sr->store().add_trainee(name, "", &error);
        if (!sr->trainee) app.notify("Results will not be kept for '" + name + "': " + error, true);
    }
    store::DeliveryTargets targets = store::delivery_targets_from_environment();
    if (sr->store().on_server()) targets.server_url.clear();  // already there
    if (targets.any()) sr->delivery = std::make_unique<store::DeliveryWorker>(path, targets);
    app.results = std::move(sr);
}

}  // namespace ta::gui
