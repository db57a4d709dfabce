#include "input_script.h"

#include <cfloat>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sstream>

#include <imgui.h>

#include "app.h"
#include "json_escape.h"
#include "settings.h"

namespace fs = std::filesystem;

namespace ta::gui {

namespace {

constexpr double kMaxSeconds = 120;  // a scripted run that has not finished by then has hung

std::string canonical_or_same(const std::string& p) {
    std::error_code ec;
    fs::path c = fs::weakly_canonical(p, ec);
    return ec ? p : c.string();
}

}  // namespace

InputScript::InputScript(const Options& options) : options_(options) {}

void InputScript::shot(App& app, const std::string& name) {
    if (options_.screenshot_dir.empty()) return;
    std::string path = (fs::path(options_.screenshot_dir) / name).string();
    app.request_screenshot(path);
    screenshots_.push_back(path);
}

void InputScript::start_click(const App& app, const std::string& probe) {
    auto it = app.probes.find(probe);
    if (it == app.probes.end()) {
        click_ = {};
        return;
    }
    const ImVec4& r = it->second;
    click_ = {(r.x + r.z) * 0.5f, (r.y + r.w) * 0.5f, 1};
}

void InputScript::before_frame(App& app) {
    ImGuiIO& io = ImGui::GetIO();
    (void)app;
    if (!active()) return;  // handed over to the trainee: real input only
    if (key_release_) {
        io.KeysDown[key_release_] = false;
        key_release_ = 0;
    }
    if (key_down_) {
        io.KeysDown[key_down_] = true;
        key_release_ = key_down_;
        key_down_ = 0;
    }
    if (click_.phase > 0) {
        io.MousePos = ImVec2(click_.x, click_.y);
        io.MouseDown[0] = click_.phase == 2;
    } else {
        // Keep the real pointer out of the way so hover effects do not depend on where it is.
        io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
        io.MouseDown[0] = false;
    }
}

void InputScript::fail(App& app, const std::string& why) {
    error_ = why;
    std::fprintf(stderr, "turnaround: scripted run failed: %s\n", why.c_str());
    exit_code_ = 2;
    finish(app);
}

std::string InputScript::result_json(App& app) const {
    std::ostringstream j;
    const Session* s = app.play.session ? &*app.play.session : nullptr;
    j << "{\"scenario\":\"" << json_escape(options_.scenario) << "\"";
    if (app.play.scenario) j << ",\"scenario_id\":\"" << json_escape(app.play.scenario->id) << "\"";
    j << ",\"ended\":" << (s && s->ended() ? "true" : "false");
    if (s && s->ending()) {
        j << ",\"ending_id\":\"" << json_escape(s->ending()->id) << "\"";
        j << ",\"ending_type\":\"" << ending_type_key(s->ending()->type) << "\"";
    }
    if (s) {
        j << ",\"order_seed\":" << (s->order_seed() ? std::to_string(*s->order_seed()) : std::string("null"));
        j << ",\"mood\":" << s->mood() << ",\"choice_path\":[";
        auto path = s->choice_path();
        for (std::size_t i = 0; i < path.size(); ++i) j << (i ? "," : "") << path[i];
        j << "]";
    }
    if (app.play.debrief) {
        const auto& d = *app.play.debrief;
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.6f", d.overall);
        j << ",\"overall\":" << buf << ",\"band\":\"" << json_escape(d.band) << "\",\"passed\":"
          << (d.passed ? "true" : "false");
    }
    j << ",\"keys\":[";
    for (std::size_t i = 0; i < options_.choices.size(); ++i) j << (i ? "," : "") << options_.choices[i];
    j << "],\"screenshots\":[";
    for (std::size_t i = 0; i < screenshots_.size(); ++i) j << (i ? "," : "") << "\"" << json_escape(screenshots_[i]) << "\"";
    j << "]";
    if (!report_.empty()) j << ",\"report\":\"" << json_escape(report_) << "\"";
    if (!rewrite_results_.empty()) {
        j << ",\"rewrites\":[";
        for (std::size_t i = 0; i < rewrite_results_.size(); ++i) j << (i ? "," : "") << rewrite_results_[i];
        j << "]";
    }
    if (!image_.empty()) j << ",\"image\":\"" << json_escape(image_) << "\"";
    if (author_looked_) {
        char buf[160];
        std::snprintf(buf, sizeof buf, ",\"author\":{\"timer_before\":%.3f,\"timer_after\":%.3f,\"timer_lost\":%.3f,\"away\":%.3f}",
                      timer_before_, timer_after_, timer_before_ - timer_after_, away_);
        j << buf;
    }
    if (idle_started_ >= 0) {
        char buf[160];
        std::snprintf(buf, sizeof buf, ",\"idle\":{\"problems_shown\":%s,\"seconds\":%.3f,\"frames\":%ld,\"input_events\":%ld}",
                      idle_shot_ ? "true" : "false", idle_seconds_, idle_frames_, idle_inputs_);
        j << buf;
    }
    j << ",\"frames\":" << total_frames_;
    if (!error_.empty()) j << ",\"error\":\"" << json_escape(error_) << "\"";
    j << "}";
    return j.str();
}

std::string InputScript::fact(const App& app, const std::string& name) const {
    auto it = app.facts.find(name);
    return it == app.facts.end() ? std::string() : it->second;
}

std::string InputScript::workshop_json(App& app) const {
    std::ostringstream j;
    j << "{\"scenario\":\"" << json_escape(options_.scenario) << "\",\"workshop\":true";
    j << ",\"scenario_id\":\"" << json_escape(fact(app, "workshop-scenario-id")) << "\"";
    j << ",\"ended\":" << (fact(app, "workshop-ended") == "true" ? "true" : "false");
    std::string session = fact(app, "workshop-session");
    j << ",\"session_id\":" << (session.empty() ? "0" : session);
    std::string seed = fact(app, "workshop-order-seed");
    j << ",\"order_seed\":" << (seed.empty() ? "null" : seed);
    // One entry per conversation: the room's, or each team's.
    j << ",\"tracks\":[";
    int tracks = std::atoi(fact(app, "workshop-tracks").c_str());
    for (int t = 0; t < tracks; ++t) {
        const std::string n = ":" + std::to_string(t);
        j << (t ? "," : "") << "{\"name\":\"" << json_escape(fact(app, "workshop-name" + n)) << "\",\"ending_id\":\""
          << json_escape(fact(app, "workshop-ending" + n)) << "\",\"choice_path\":[" << fact(app, "workshop-path" + n) << "]}";
    }
    j << "],\"votes\":[";
    for (std::size_t t = 0; t < options_.workshop_votes.size(); ++t) {
        j << (t ? ",[" : "[");
        for (std::size_t i = 0; i < options_.workshop_votes[t].size(); ++i)
            j << (i ? "," : "") << "\"" << json_escape(options_.workshop_votes[t][i]) << "\"";
        j << "]";
    }
    j << "],\"screenshots\":[]";
    j << ",\"frames\":" << total_frames_ << "}";
    return j.str();
}

// One action per call at the current decision: a vote ("+" of its option), the reveal, then
// "Continue with the majority"; the first decision is photographed voted and revealed.
void InputScript::workshop_vote(App& app) {
    const std::string n = ":" + std::to_string(track_);
    auto turns = [&] { return std::stoul("0" + fact(app, "workshop-turns" + n)); };
    if (fact(app, "workshop-ended") == "true") {
        step_ = Step::WorkshopEnd;
        frames_in_step_ = 0;
        wait_ = 2;
        return;
    }
    if (!fact(app, "workshop-ending" + n).empty()) {  // this team is done; the window shows the next
        ++track_;
        decision_ = 0;
        votes_entered_ = 0;
        decision_stage_ = 0;
        wait_ = 1;
        return;
    }
    if (fact(app, "workshop-track") != std::to_string(track_))
        return fail(app, "the workshop shows conversation " + fact(app, "workshop-track") + ", not " + std::to_string(track_));
    if (track_ >= options_.workshop_votes.size() || decision_ >= options_.workshop_votes[track_].size())
        return fail(app, "the workshop votes ran out before an ending");
    const std::string& votes = options_.workshop_votes[track_][decision_];
    if (decision_stage_ == 2) {
        if (turns() > turns_before_) {
            ++decision_;
            votes_entered_ = 0;
            decision_stage_ = 0;
            frames_in_step_ = 0;
            wait_ = 1;
        } else if (frames_in_step_ > 10) {
            return fail(app, "Continue with the majority did not move the room on");
        }
        return;
    }
    std::string probe;
    if (votes_entered_ < votes.size()) {
        probe = "vote-plus:" + std::to_string(votes[votes_entered_++] - 'A');
    } else if (decision_stage_ == 0) {
        if (track_ == 0 && decision_ == 0 && !conversation_shot_) {
            shot(app, "workshop-vote.png");
            conversation_shot_ = true;
            wait_ = 1;
            return;
        }
        probe = "workshop-reveal";
        decision_stage_ = 1;
    } else {
        if (track_ == 0 && decision_ == 0 && !opening_shot_) {
            shot(app, "workshop-reveal.png");
            opening_shot_ = true;
            wait_ = 1;
            return;
        }
        probe = "workshop-continue";
        turns_before_ = turns();
        decision_stage_ = 2;
        frames_in_step_ = 0;
    }
    start_click(app, probe);
    if (click_.phase == 0) return fail(app, "the workshop's '" + probe + "' button was not drawn");
}

// Overwrites the scenario file with the next --rewrite-with file, then waits until the window
// either reloaded it or showed its problems, and notes where the trainee is.
void InputScript::rewrite(App& app) {
    const Node* node = app.play.session ? app.play.session->current_node() : nullptr;
    const std::string node_id = node ? node->id : "";
    bool problems = app.probes.count("live-reload-problems") > 0;
    if (rewrite_started_ < 0) {
        std::string with = options_.rewrite_with[rewrites_done_], contents, err;
        std::FILE* f = std::fopen(with.c_str(), "rb");
        if (!f) return fail(app, "cannot read " + with);
        char buf[4096];
        for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) contents.append(buf, n);
        std::fclose(f);
        if (!write_file_atomically(options_.scenario, contents, &err)) return fail(app, err);
        rewrite_started_ = app.now;
        scenario_before_ = app.play.scenario.get();
        problems_before_ = problems;
        return;
    }
    bool reloaded = app.play.scenario.get() != scenario_before_;
    if (reloaded || (problems && !problems_before_)) {
        rewrite_results_.push_back("{\"file\":\"" + json_escape(options_.rewrite_with[rewrites_done_]) +
                                   "\",\"reloaded\":" + (reloaded ? "true" : "false") +
                                   ",\"problems_shown\":" + (problems ? "true" : "false") + ",\"node\":\"" +
                                   json_escape(node_id) + "\"}");
        // Taken but not listed: the listed screenshots are the playthrough's own.
        if (!options_.screenshot_dir.empty())
            app.request_screenshot((fs::path(options_.screenshot_dir) / ("rewrite-" + std::to_string(rewrites_done_ + 1) + ".png")).string());
        ++rewrites_done_;
        rewrite_started_ = -1;
        wait_ = 2;
        if (rewrites_done_ == options_.rewrite_with.size()) {
            step_ = Step::Play;
            frames_in_step_ = 0;
        }
    } else if (app.now - rewrite_started_ > 5) {
        return fail(app, "the window neither reloaded " + options_.rewrite_with[rewrites_done_] + " nor showed its problems");
    }
}

// Where the conversation has opened: the Author screen, an idle save, or play.
void InputScript::after_conversation_opened() {
    auto next = [&](Step s) {
        step_ = s;
        frames_in_step_ = 0;
        wait_ = 1;
    };
    if (options_.author) next(Step::AuthorOpen);
    else if (!options_.idle_rewrite.empty()) next(Step::IdleRewrite);
    else if (options_.choices.empty()) step_ = Step::Finish;  // only opens it and hands over to the trainee
    else next(Step::Play);
}

// The Author screen through its navigation button, shown for a while, then the conversation again
// by the screen's own button; the response timer is read on leaving and on coming back.
void InputScript::author_step(App& app) {
    auto next = [&](Step s, int wait = 0) {
        step_ = s;
        frames_in_step_ = 0;
        wait_ = wait;
    };
    switch (step_) {
        case Step::AuthorOpen:
            if (app.play.pacer.busy()) {  // the opening typed out first, so its timer runs
                if (frames_in_step_ % 3 == 1) key_down_ = ImGui::GetKeyIndex(ImGuiKey_Space);
                if (frames_in_step_ > 30) return fail(app, "the opening did not finish revealing");
                return;
            }
            if (!app.play.timer.active() && frames_in_step_ < 40) return;  // the timer starts on the next frame
            timer_before_ = app.play.timer.active() ? app.play.timer.remaining(app.now) : -1;
            start_click(app, "nav:author");
            if (click_.phase == 0) return fail(app, "the Author button was not drawn");
            next(Step::AuthorLook);
            break;
        case Step::AuthorLook:
            if (app.screen() != "author" || !app.probes.count("author-map")) {
                if (frames_in_step_ > 10) return fail(app, "clicking Author did not show the map");
                return;
            }
            if (author_since_ < 0) {
                author_since_ = app.now;
                shot(app, "author.png");
                return;
            }
            if (app.now - author_since_ < 1.5) return;  // long enough that a running timer would show it
            if (!options_.author_open.empty() && !node_clicked_) {  // opens the editor at the node's line
                node_clicked_ = true;
                start_click(app, "author-node:" + options_.author_open);
                if (click_.phase == 0) return fail(app, "node '" + options_.author_open + "' is not on the map");
                wait_ = 2;
                return;
            }
            start_click(app, "author-back");
            if (click_.phase == 0) return fail(app, "the Author screen has no way back to the conversation");
            next(Step::AuthorBack);
            break;
        case Step::AuthorBack:
            if (app.screen() != kConversationScreen) {
                if (frames_in_step_ > 10) return fail(app, "'Back to the conversation' did not go back");
                return;
            }
            away_ = app.now - author_since_;
            timer_after_ = app.play.timer.active() ? app.play.timer.remaining(app.now) : -1;
            author_looked_ = true;
            if (options_.idle_rewrite.empty()) {
                next(Step::Done, 1);
                break;
            }
            start_click(app, "nav:author");
            next(Step::AuthorAgain);
            break;
        case Step::AuthorAgain:
            if (app.screen() == "author" && app.probes.count("author-map")) next(Step::IdleRewrite, 2);
            else if (frames_in_step_ > 10) return fail(app, "clicking Author again did not show the map");
            break;
        default:
            break;
    }
}

void InputScript::before_render(App& app) {
    // The first frame the idle loop draws with the panel visible is the one photographed.
    if (step_ != Step::Idle || idle_shot_ || !app.probes.count("live-reload-problems")) return;
    idle_seconds_ = app.now - idle_started_;
    idle_shot_ = true;
    shot(app, "author-problems.png");
}

void InputScript::note_input(int events) {
    if (step_ == Step::Idle) idle_inputs_ += events;
}

void InputScript::finish(App& app) {
    std::string json = snapshot_.empty() ? result_json(app) : snapshot_;
    if (!snapshot_.empty()) {
        // Screenshots and errors gathered after the snapshot still belong in it.
        std::string tail;
        tail += ",\"screenshots\":[";
        for (std::size_t i = 0; i < screenshots_.size(); ++i) tail += (i ? ",\"" : "\"") + json_escape(screenshots_[i]) + "\"";
        tail += "]";
        if (!error_.empty()) tail += ",\"error\":\"" + json_escape(error_) + "\"";
        size_t a = json.find(",\"screenshots\":[");
        size_t b = json.find(']', a);
        json = json.substr(0, a) + tail + json.substr(b + 1);
    }
    std::ostringstream j;
    j << json;
    std::printf("TURNAROUND_RESULT %s\n", j.str().c_str());
    std::fflush(stdout);
    if (!options_.result_file.empty()) {
        std::string err;
        if (!write_file_atomically(options_.result_file, j.str() + "\n", &err)) {
            std::fprintf(stderr, "turnaround: %s\n", err.c_str());
            exit_code_ = 2;
        }
    }
    step_ = Step::Finish;
    done_ = options_.exit_when_done;
}

void InputScript::after_frame(App& app) {
    ++total_frames_;
    ++frames_in_step_;
    if (step_ == Step::Finish) return;
    if (started_at_ < 0) started_at_ = app.now;
    if (app.now - started_at_ > kMaxSeconds) return fail(app, "the scripted run did not finish in time");
    if (click_.phase > 0) {
        if (++click_.phase > 3) click_ = {};
        return;
    }
    if (wait_ > 0) {
        --wait_;
        return;
    }
    auto next = [&](Step s, int wait = 0) {
        step_ = s;
        frames_in_step_ = 0;
        wait_ = wait;
    };

    switch (step_) {
        case Step::Settle:
            // A few frames so fonts, layout and scrolling have settled.
            if (frames_in_step_ >= 4) next(Step::ShootLibrary);
            break;
        case Step::ShootLibrary:
            shot(app, "library.png");
            if (options_.workshop_votes.empty()) next(Step::FindCard, 1);
            else next(Step::WorkshopOpen);
            break;
        case Step::WorkshopOpen:
            // The Workshop screen through its navigation button; the library holds only the scenario.
            if (frames_in_step_ == 1) {
                start_click(app, "nav:workshop");
                if (click_.phase == 0) return fail(app, "the Workshop button was not drawn");
            } else if (app.screen() == "workshop" && app.probes.count("workshop-start")) {
                next(Step::WorkshopStart);
            } else if (frames_in_step_ > 10) {
                return fail(app, "clicking Workshop did not open the workshop set-up");
            }
            break;
        case Step::WorkshopStart:
            // Teams mode first, when asked for; then Start.
            if (options_.workshop_teams && !mode_clicked_) {
                mode_clicked_ = true;
                frames_in_step_ = 0;
                start_click(app, "workshop-mode-teams");
                if (click_.phase == 0) return fail(app, "the teams mode button was not drawn");
            } else if (!start_clicked_) {
                start_clicked_ = true;
                frames_in_step_ = 0;
                start_click(app, "workshop-start");
                if (click_.phase == 0) return fail(app, "the Start the session button was not drawn");
            } else if (!fact(app, "workshop-turns:0").empty()) {
                if (fact(app, "workshop-scenario-id").empty()) return fail(app, "the workshop started no scenario");
                next(Step::WorkshopVote, 2);
            } else if (frames_in_step_ > 10) {
                return fail(app, "clicking Start the session did not start the workshop");
            }
            break;
        case Step::Rewrite:
            rewrite(app);
            break;
        case Step::AuthorOpen:
        case Step::AuthorLook:
        case Step::AuthorBack:
        case Step::AuthorAgain:
            author_step(app);
            break;
        case Step::IdleRewrite: {
            // Written by the script, then hands off: from here only the real loop draws frames.
            std::string contents, err;
            std::FILE* f = std::fopen(options_.idle_rewrite.c_str(), "rb");
            if (!f) return fail(app, "cannot read " + options_.idle_rewrite);
            char buf[4096];
            for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) contents.append(buf, n);
            std::fclose(f);
            if (!write_file_atomically(options_.scenario, contents, &err)) return fail(app, err);
            idle_started_ = app.now;
            next(Step::Idle);
            break;
        }
        case Step::Idle:
            ++idle_frames_;
            if (idle_shot_) next(Step::Done);
            else if (app.now - idle_started_ > 12) return fail(app, "the idle window never drew the problems panel");
            break;
        case Step::WorkshopVote:
            workshop_vote(app);
            break;
        case Step::WorkshopEnd:
            // The end screen records the session; the next frame shows its number.
            if (fact(app, "workshop-session") != "0" && !fact(app, "workshop-session").empty()) {
                shot(app, "workshop-end.png");
                snapshot_ = workshop_json(app);
                next(Step::Done, 1);
            } else if (frames_in_step_ > 10) {
                snapshot_ = workshop_json(app);
                return fail(app, "the workshop session was not recorded");
            }
            break;
        case Step::FindCard: {
            std::string want = canonical_or_same(options_.scenario);
            const LibraryEntry* found = nullptr;
            for (const auto& e : app.library)
                if (canonical_or_same(e.path) == want) found = &e;
            if (!found) return fail(app, options_.scenario + " is not in the library");
            if (!found->ok()) {
                auto lines = found->error_lines(1);
                return fail(app, "the scenario did not load: " + (lines.empty() ? std::string() : lines[0]));
            }
            scenario_path_ = found->path;
            app.filter = LibraryFilter{};  // make sure its card is shown
            app.scroll_to_entry = scenario_path_;
            next(Step::ClickCard, 2);
            break;
        }
        case Step::ClickCard:
            if (options_.keyboard_only) {
                next(Step::KeyToCard);
                break;
            }
            start_click(app, "play:" + scenario_path_);
            if (click_.phase == 0) return fail(app, "the scenario's Start button was not drawn");
            next(Step::WaitConversation);
            break;
        case Step::KeyToCard: {
            // Keyboard only: arrow keys until the Start button has the focus, then Space.
            if (app.focused_probe == "play:" + scenario_path_) {
                key_down_ = ImGui::GetKeyIndex(ImGuiKey_Space);
                next(Step::WaitConversation, 1);
                break;
            }
            if (frames_in_step_ % 3 != 1) break;  // one key every few frames, as ImGui's nav settles
            int presses = frames_in_step_ / 3;
            if (presses >= 40) return fail(app, "the arrow keys never reached the scenario's Start button");
            // Down through the column, then step right and go up, and so on: visits every card.
            int column = presses / 8;
            ImGuiKey k = presses % 8 == 7 ? ImGuiKey_RightArrow : column % 2 == 0 ? ImGuiKey_DownArrow : ImGuiKey_UpArrow;
            key_down_ = ImGui::GetKeyIndex(k);
            break;
        }
        case Step::WaitConversation:
            if (options_.ask_who_is_playing && !who_answered_ && app.probes.count("who-is-playing")) {
                // Asked as a person would be: photographed, then answered with the given trainee.
                if (!who_shot_) {
                    shot(app, "who-is-playing.png");
                    who_shot_ = true;
                    next(Step::WaitConversation, 2);
                    break;
                }
                start_click(app, "who:" + options_.answer_who);
                if (click_.phase == 0)
                    return fail(app, options_.answer_who.empty() ? "'Play without keeping results' was not drawn"
                                                                 : "trainee '" + options_.answer_who + "' is not offered");
                who_answered_ = true;
                next(Step::WaitConversation);
                break;
            }
            if (app.screen() == kConversationScreen || app.screen() == kDebriefScreen) after_conversation_opened();
            else if (frames_in_step_ > 10) return fail(app, "clicking Start did not open the conversation");
            break;
        case Step::Play: {
            if (!app.play.session) return fail(app, "no conversation is running");
            const Session& s = *app.play.session;
            if (pressed_key_) {
                bool waiting_for_timer = options_.choices[next_choice_] == kLetTimerRunOut;
                if (s.turns().size() > turns_before_) {
                    pressed_key_ = false;
                    ++next_choice_;
                    next(Step::Play, 1);
                } else if (waiting_for_timer) {
                    if (!app.play.timer.active() && frames_in_step_ > 10)
                        return fail(app, "'t' given, but node '" + (s.current_node() ? s.current_node()->id : "?") +
                                             "' has no response timer running");
                } else if (frames_in_step_ > 10) {
                    return fail(app, "key " + std::to_string(options_.choices[next_choice_]) +
                                         " chose nothing (only " + std::to_string(s.available_choices().size()) +
                                         " choices on node '" + (s.current_node() ? s.current_node()->id : "?") + "')");
                }
                break;
            }
            if (s.ended() || app.screen() == kDebriefScreen) {
                if (app.screen() == kDebriefScreen) next(Step::Debrief, 3);
                else if (frames_in_step_ > 10) return fail(app, "the conversation ended but the debrief did not open");
                break;
            }
            if (app.play.pacer.busy()) {
                // The first time, capture the customer "typing"; then skip as a trainee would.
                if (!typing_shot_) {
                    shot(app, "conversation-typing.png");
                    typing_shot_ = true;
                    next(Step::Play, 1);
                    break;
                }
                if (frames_in_step_ >= 2) {
                    key_down_ = ImGui::GetKeyIndex(ImGuiKey_Space);
                    next(Step::Play, 1);
                }
                break;
            }
            if (next_choice_ >= options_.choices.size()) return fail(app, "the choices ran out before an ending");
            // Live reload: the scenario file is edited under the trainee's feet, between turns.
            if (rewrites_done_ < options_.rewrite_with.size() &&
                s.turns().size() == static_cast<std::size_t>(options_.rewrite_after_turn)) {
                rewrite_results_.push_back("{\"before\":true,\"node\":\"" +
                                           json_escape(s.current_node() ? s.current_node()->id : "") + "\"}");
                next(Step::Rewrite);
                break;
            }
            // The opening, once revealed (shows the response timer when the node has one).
            if (next_choice_ == 0 && !opening_shot_) {
                shot(app, "conversation-opening.png");
                opening_shot_ = true;
                next(Step::Play, 1);
                break;
            }
            // Capture the conversation before the last key: the fullest transcript.
            if (next_choice_ + 1 == options_.choices.size() && !conversation_shot_) {
                shot(app, "conversation.png");
                conversation_shot_ = true;
                next(Step::Play, 1);
                break;
            }
            // 't': press nothing and let the response timer run out, as a hesitating trainee would.
            if (options_.choices[next_choice_] != kLetTimerRunOut) key_down_ = '0' + options_.choices[next_choice_];
            turns_before_ = s.turns().size();
            pressed_key_ = true;
            frames_in_step_ = 0;
            break;
        }
        case Step::Debrief:
            shot(app, "debrief.png");
            next(Step::SaveImage, 1);
            break;
        case Step::SaveImage:
            // The debrief's "Save as image" button writes a PNG of the window into the report folder.
            if (!image_clicked_) {
                image_clicked_ = true;
                frames_in_step_ = 0;
                app.last_saved_image.clear();
                start_click(app, "save-image");
                if (click_.phase == 0) return fail(app, "the Save as image button was not drawn");
            } else if (!app.last_saved_image.empty()) {
                image_ = app.last_saved_image;
                next(Step::SaveReport);
            } else if (frames_in_step_ > 10) {
                return fail(app, "clicking Save as image wrote nothing");
            }
            break;
        case Step::SaveReport:
            if (!report_clicked_) {
                report_clicked_ = true;
                frames_in_step_ = 0;
                app.last_written_report.clear();
                start_click(app, "save-report");
                if (click_.phase == 0) return fail(app, "the Save printable report button was not drawn");
            } else if (!app.last_written_report.empty()) {
                report_ = app.last_written_report;
                snapshot_ = result_json(app);  // the outcome, before "Play again" starts afresh
                next(Step::PlayAgain);
            } else if (frames_in_step_ > 10) {
                return fail(app, "clicking Save printable report wrote nothing");
            }
            break;
        case Step::PlayAgain:
            // "Play again" restarts the scenario from its first line.
            if (!again_clicked_) {
                again_clicked_ = true;
                frames_in_step_ = 0;
                start_click(app, "play-again");
                if (click_.phase == 0) return fail(app, "the Play again button was not drawn");
            } else if (app.screen() == kConversationScreen && app.play.session && app.play.session->turns().empty() &&
                       !app.play.session->ended()) {
                next(Step::EscapeOnce);
            } else if (frames_in_step_ > 10) {
                return fail(app, "Play again did not restart the conversation");
            }
            break;
        case Step::EscapeOnce:
            // Esc during a conversation asks first; a second Esc keeps the trainee in it.
            if (frames_in_step_ == 1) {
                key_down_ = ImGui::GetKeyIndex(ImGuiKey_Escape);
            } else if (frames_in_step_ == 4) {
                if (!ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId))
                    return fail(app, "Esc in a conversation did not ask before leaving");
                key_down_ = ImGui::GetKeyIndex(ImGuiKey_Escape);
            } else if (frames_in_step_ == 7) {
                if (ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId) || app.screen() != kConversationScreen)
                    return fail(app, "a second Esc did not keep the conversation open");
                next(Step::Settings);
            }
            break;
        case Step::Settings:
            // Last, the settings screen through its navigation button.
            if (!settings_clicked_) {
                settings_clicked_ = true;
                frames_in_step_ = 0;
                start_click(app, std::string("nav:") + kSettingsScreen);
                if (click_.phase == 0) return fail(app, "the Settings button was not drawn");
            } else if (app.screen() == kSettingsScreen && frames_in_step_ > 2) {
                shot(app, "settings.png");
                next(options_.cohort ? Step::Cohort : Step::Done, 1);
            } else if (frames_in_step_ > 10) {
                return fail(app, "clicking Settings did not open the settings");
            }
            break;
        case Step::Cohort:
            // With --cohort: the trainer's Cohort screen, once this attempt is recorded.
            if (!cohort_clicked_) {
                cohort_clicked_ = true;
                frames_in_step_ = 0;
                start_click(app, "nav:cohort");
                if (click_.phase == 0) return fail(app, "the Cohort button was not drawn");
            } else if (app.screen() == "cohort" && app.probes.count("cohort-summary") && frames_in_step_ > 2) {
                shot(app, "cohort.png");
                next(Step::Done, 1);
            } else if (frames_in_step_ > 10) {
                return fail(app, "clicking Cohort did not show the cohort");
            }
            break;
        case Step::Done:
            finish(app);
            break;
        case Step::Finish:
            break;
    }
}

}  // namespace ta::gui
