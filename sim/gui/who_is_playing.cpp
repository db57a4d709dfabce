// "Who is playing?": asked before a conversation whose attempt would otherwise not be kept
// (App::request_start). The trainee picks or adds their name, or says plainly, once, to play
// without keeping results. The rule of when to ask is must_ask_who_is_playing().
#include <imgui.h>

#include "app.h"
#ifdef TURNAROUND_HAVE_STORE
#include "progress_view.h"
#endif

namespace ta::gui {
namespace {

constexpr const char* kPopup = "Who is playing?";

void begin_pending(App& app) {
    auto scenario = std::move(app.pending_start);
    app.pending_start.reset();
    app.start(std::move(scenario));
}

void draw_who_is_playing(App& app) {
    if (!app.pending_start) return;
    if (!ImGui::IsPopupOpen(kPopup)) ImGui::OpenPopup(kPopup);
    const float em = ImGui::GetFontSize();
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSizeConstraints(ImVec2(em * 30, 0), ImVec2(em * 44, em * 34));
    if (!ImGui::BeginPopupModal(kPopup, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    app.probe("who-is-playing");
    ImGui::PushTextWrapPos(em * 40);
#ifdef TURNAROUND_HAVE_STORE
    if (StoreResults* sr = store_results(app)) {
        ImGui::TextUnformatted("Your attempts are kept so that you and your trainer can see your progress.");
        ImGui::Spacing();
        auto trainees = sr->store().trainees();
        if (!trainees.empty()) {
            ImGui::TextUnformatted("Choose your name:");
            for (const auto& t : trainees) {
                const std::string label = (t.team.empty() ? t.name : t.name + "  (" + t.team + ")") + "##who:" + t.name;
                if (ImGui::Button(label.c_str())) sr->trainee = t;
                app.probe("who:" + t.name);
                if (ImGui::GetContentRegionAvail().x > em * 12) ImGui::SameLine();
            }
            ImGui::NewLine();
            ImGui::Spacing();
        }
        auto& picker = app.screen_state<TraineePickerState>();
        ImGui::TextUnformatted(trainees.empty() ? "Add your name:" : "Or add your name:");
        ImGui::SetNextItemWidth(em * 12);
        ImGui::InputTextWithHint("##who-name", "Your name", picker.new_name, sizeof picker.new_name);
        ImGui::SameLine();
        ImGui::SetNextItemWidth(em * 8);
        ImGui::InputTextWithHint("##who-team", "Team (optional)", picker.new_team, sizeof picker.new_team);
        ImGui::SameLine();
        if (ImGui::Button("Add and play")) add_typed_trainee(app, *sr, picker);
        if (sr->trainee) {  // chosen or added: play on, kept for them
            app.notify("Playing as " + sr->trainee->name + ": this attempt will be kept");
            ImGui::CloseCurrentPopup();
            ImGui::PopTextWrapPos();
            ImGui::EndPopup();
            begin_pending(app);
            return;
        }
    } else
#endif
    {
        text_wrapped_colour(app.palette.warn, "Results cannot be kept on this computer: " +
                                                  (app.results_unavailable.empty() ? std::string("no results store")
                                                                                   : app.results_unavailable) + ".");
    }
    ImGui::Spacing();
    ImGui::Separator();
    text_muted(app, "Playing without a name: this attempt and the next ones in this session are not kept.");
    if (ImGui::Button("Play without keeping results")) {
        app.said_play_unkept = true;
        app.notify("This attempt will not be kept");
        ImGui::CloseCurrentPopup();
        ImGui::PopTextWrapPos();
        ImGui::EndPopup();
        begin_pending(app);
        return;
    }
    app.probe("who:");
    ImGui::SameLine();
    if (ImGui::Button("Back to the library")) {
        app.pending_start.reset();
        ImGui::CloseCurrentPopup();
    }
    ImGui::PopTextWrapPos();
    ImGui::EndPopup();
}

const FrameHookRegistration kWhoIsPlaying{{nullptr, draw_who_is_playing, nullptr, nullptr, nullptr}};

}  // namespace
}  // namespace ta::gui
