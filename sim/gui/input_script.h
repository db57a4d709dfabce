// input_script.h: a scripted run for tests and demos. It drives the REAL window loop with
// simulated input only (mouse moves and clicks on the library card and the report button, number
// keys for choices, Space to skip the reveal), takes screenshots of the library, conversation and
// debrief, and reports the outcome as JSON. It never calls the engine itself. Variants: a
// facilitated workshop (votes clicked in on the Workshop screen, --workshop-votes), a live
// reload (the scenario file rewritten between turns, --rewrite-with), a look at the Author screen
// (--author) and a save while the window is left idle (--idle-rewrite): then the script injects
// nothing and the real idle loop must wake and draw the problems panel on its own.
#pragma once

#include <string>
#include <vector>

#include "options.h"

namespace ta::gui {

class App;

class InputScript {
public:
    explicit InputScript(const Options& options);

    // After the platform back end's NewFrame, before ImGui::NewFrame: injects this frame's input.
    void before_frame(App& app);
    // After the frame is drawn, before it is rendered: a screenshot asked for here shows this frame.
    void before_render(App& app);
    // After rendering (and any screenshot of this frame): decides what happens next.
    void after_frame(App& app);
    // Input and window events the loop saw since the last frame (counted while idle).
    void note_input(int events);

    bool done() const { return done_; }
    // Still driving the window (false once finished or handed over to the trainee).
    bool active() const { return step_ != Step::Finish && step_ != Step::Idle; }
    int exit_code() const { return exit_code_; }

private:
    enum class Step { Settle, ShootLibrary, FindCard, ClickCard, KeyToCard, WaitConversation, Play, Debrief, SaveImage, SaveReport, PlayAgain, EscapeOnce, Settings, Cohort, WorkshopOpen, WorkshopStart, WorkshopVote, WorkshopEnd, Rewrite, AuthorOpen, AuthorLook, AuthorBack, AuthorAgain, IdleRewrite, Idle, Done, Finish };
    struct Click {
        float x = 0, y = 0;
        int phase = 0;  // 0 none, 1 hover, 2 press, 3 release
    };
    void fail(App& app, const std::string& why);
    void finish(App& app);
    std::string result_json(App& app) const;
    std::string workshop_json(App& app) const;
    std::string fact(const App& app, const std::string& name) const;
    void workshop_vote(App& app);
    void rewrite(App& app);
    void author_step(App& app);
    void after_conversation_opened();
    void start_click(const App& app, const std::string& probe);
    void shot(App& app, const std::string& name);

    Options options_;
    Step step_ = Step::Settle;
    int wait_ = 0;            // frames to wait before the next action
    int frames_in_step_ = 0;
    int key_down_ = 0;        // GLFW key held this frame (0 = none)
    int key_release_ = 0;     // key to release next frame
    Click click_;
    std::size_t next_choice_ = 0;
    std::size_t turns_before_ = 0;
    bool pressed_key_ = false;
    bool conversation_shot_ = false;
    bool who_shot_ = false, who_answered_ = false;  // --ask-who-is-playing
    bool cohort_clicked_ = false;                   // --cohort
    bool report_clicked_ = false;
    bool opening_shot_ = false;
    bool typing_shot_ = false;
    bool settings_clicked_ = false;
    bool again_clicked_ = false;
    bool image_clicked_ = false;
    std::string image_;
    // Workshop: the decision being voted on, the votes entered so far and what is done at it.
    std::size_t track_ = 0;  // the conversation (room or team) being voted on
    std::size_t decision_ = 0;
    std::size_t votes_entered_ = 0;
    int decision_stage_ = 0;  // 0 voting, 1 revealed, 2 continued
    bool mode_clicked_ = false;
    bool start_clicked_ = false;
    // Live reload: the rewrites done so far, what the window showed after each, and the one waited on.
    std::size_t rewrites_done_ = 0;
    std::vector<std::string> rewrite_results_;  // JSON objects
    double rewrite_started_ = -1;
    const void* scenario_before_ = nullptr;
    bool problems_before_ = false;
    // Author screen: the response timer's seconds left on leaving and on coming back (-1 = none),
    // and how long the map was shown.
    double timer_before_ = -1, timer_after_ = -1, author_since_ = -1, away_ = 0;
    bool author_looked_ = false;
    bool node_clicked_ = false;
    // Idle save: when it was written, and what the idle window did until the panel was drawn.
    double idle_started_ = -1, idle_seconds_ = -1;
    long idle_frames_ = 0, idle_inputs_ = 0;
    bool idle_shot_ = false;
    std::string snapshot_;  // the result as it was at the debrief
    std::string scenario_path_;  // the library entry's path (as the library lists it)
    std::vector<std::string> screenshots_;
    std::string error_;
    std::string report_;
    bool done_ = false;
    int exit_code_ = 0;
    long total_frames_ = 0;
    double started_at_ = -1;
};

}  // namespace ta::gui
