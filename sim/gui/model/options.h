// options.h: the window's command line. GUI-free (unit-tested).
//
//   turnaround [FOLDER|FILE.yaml ...] [--scenario FILE] [--choices 2,1,3] [--screenshot-dir DIR]
//              [--result-file FILE] [--exit-when-done] [--keyboard-only] [--workshop-votes BBA,AB[/A,B]] [--workshop-teams]
//              [--rewrite-after-turn N --rewrite-with FILE ...] [--author [--author-open NODE]] [--idle-rewrite FILE]
//              [--window-size 1280x800] [--theme NAME]
//              [--text-scale X] [--reveal-speed CPS] [--no-timer] [--seed N] [--help] [--version]
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "settings.h"

namespace ta::gui {

struct Options {
    std::vector<std::string> folders;    // scenario folders (and single files) for the library
    std::string scenario;                // scripted run: the scenario to play
    std::vector<int> choices;            // scripted run: the keys pressed, 1-based as shown on screen
                                         // (kLetTimerRunOut: wait for the timer instead)
    std::string screenshot_dir;          // scripted run: where library/conversation/debrief PNGs go
    std::string result_file;             // scripted run: JSON result written here
    bool exit_when_done = false;
    bool keyboard_only = false;          // scripted run: open the scenario with arrow keys + Space
    // Scripted workshop instead of a conversation: per conversation (the room's, or each team's
    // with workshop_teams) and decision, one letter per vote (A = the first option offered), e.g.
    // {{"BBA","AAB"}}; each conversation continues with the majority.
    std::vector<std::vector<std::string>> workshop_votes;
    bool workshop_teams = false;
    // Scripted live reload: after this many turns, the scenario file is overwritten with each
    // --rewrite-with file in turn (the window must notice each before the next), then play goes on.
    int rewrite_after_turn = -1;
    std::vector<std::string> rewrite_with;
    // Scripted Author screen: after the scenario opens, the map is shown (and photographed) for a
    // while, then the conversation again (its timer must not have run meanwhile).
    bool author = false;
    std::string author_open;  // with --author: click this node on the map (opens the editor at its line)
    // Scripted idle save: the scenario file is overwritten with this file's contents, then the
    // script lets go of the window (no input at all) until the problems panel is drawn.
    std::string idle_rewrite;
    // Where results go: a database file and who is playing (else the environment, else the
    // per-user database and the question "Who is playing?" before the first conversation).
    std::string results_db;
    std::string trainee;
    bool cohort = false;              // scripted run: also shoot the Cohort screen (cohort.png) at the end
    bool ask_who_is_playing = false;  // scripted run: ask as for a person, shoot who-is-playing.png, answer
    std::string answer_who;           // ... with this trainee ("" = play without keeping results)
    int window_width = 0, window_height = 0;  // 0 = from settings
    std::optional<ThemeKind> theme;
    std::optional<float> text_scale;
    std::optional<float> reveal_speed;
    bool no_timer = false;
    // Replies shown shuffled by this seed in every attempt and workshop session. Without it a
    // fresh seed per attempt, except in a scripted run (file order, so its keys stay meaningful).
    std::optional<std::uint64_t> seed;
    // A workshop room for phones, opened at start (the projector screen): the scenario, where to
    // listen, and a folder for a projector screenshot at every step (for tests and hand-outs).
    std::string room_file;
    std::string room_bind = "0.0.0.0";
    int room_port = 0;  // 0 = any free port
    std::string room_shots;
    std::optional<double> room_rate;  // requests a second per address (bursts of 3x); 0 = no limit
    // One line per drawn frame (time in microseconds on the steady clock, frame, the room's voted
    // count and version drawn): lets a benchmark see when the projector showed a vote.
    std::string frame_log;
    bool help = false;
    bool version = false;

    bool scripted() const { return !scenario.empty(); }
};

// Parses argv; on a usage error returns nothing and sets `error`.
std::optional<Options> parse_options(const std::vector<std::string>& args, std::string* error);
std::string usage_text();

// In a choice list: do not answer; wait for the node's response timer to run out.
inline constexpr int kLetTimerRunOut = 0;

// "2,t,3" -> {2,kLetTimerRunOut,3}; every item is 1..9 or t. Empty string -> empty list.
std::optional<std::vector<int>> parse_choice_keys(const std::string& text);

}  // namespace ta::gui
