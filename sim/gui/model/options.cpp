#include "options.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>

namespace ta::gui {

std::optional<std::vector<int>> parse_choice_keys(const std::string& text) {
    std::vector<int> out;
    if (text.empty()) return out;
    size_t i = 0;
    while (i <= text.size()) {
        size_t j = text.find(',', i);
        if (j == std::string::npos) j = text.size();
        std::string item = text.substr(i, j - i);
        if (item == "t") {
            out.push_back(kLetTimerRunOut);
        } else {
            if (item.size() != 1 || item[0] < '1' || item[0] > '9') return std::nullopt;
            out.push_back(item[0] - '0');
        }
        i = j + 1;
    }
    return out;
}

std::string usage_text() {
    return "usage: turnaround [FOLDER|FILE.yaml ...] [options]\n"
           "  Opens the Turnaround simulator with the scenarios in FOLDER (default: the bundled ones).\n"
           "options:\n"
           "  --window-size WxH      initial window size (at least 1024x640)\n"
           "  --theme NAME           dark, light or high-contrast\n"
           "  --text-scale X         text size, 0.8 .. 2.0\n"
           "  --reveal-speed CPS     characters per second for the customer's lines (0 = at once)\n"
           "  --no-timer             turn response timers off\n"
           "  --seed N               show the replies in the order seed N gives, in every attempt\n"
           "                         (default: a fresh order per attempt; file order in a scripted run)\n"
           "where results go (the first that is given wins):\n"
           "  --db FILE              the results database (or set TURNAROUND_RESULTS_DB=FILE); default:\n"
           "                         $XDG_DATA_HOME/turnaround/results.db (~/.local/share/turnaround/)\n"
           "  --trainee NAME         who is playing (or TURNAROUND_TRAINEE=NAME); a new name is added.\n"
           "                         Without it the window asks before the first conversation, and says\n"
           "                         so plainly if you choose to play without keeping results.\n"
           "                         A scripted run keeps results only with --db (or the variable)\n"
           "                         and --trainee; it says on stderr when it keeps none.\n"
           "  TURNAROUND_SERVER=URL  also send results to this shared server (postgresql://...), and\n"
           "  TURNAROUND_LRS=URL     their xAPI statements to this LRS (TURNAROUND_LRS_USER and\n"
           "                         TURNAROUND_LRS_PASSWORD): recorded here first, sent in the\n"
           "                         background, kept here while they cannot be reached (Progress says)\n"
           "scripted run (used by the tests; drives the real window with simulated input):\n"
           "  --scenario FILE        open this scenario from the library\n"
           "  --choices 2,1,3        press these number keys, one per turn (t = let the timer run out);\n"
           "                         numbers are positions as shown (with --seed, shuffled)\n"
           "  --screenshot-dir DIR   save library.png, conversation.png, debrief.png (+ report) there\n"
           "  --result-file FILE     write the outcome as JSON\n"
           "  --exit-when-done       close the window after the debrief (or the room's end)\n"
           "  --cohort               after the settings, show the Cohort screen too (cohort.png)\n"
           "  --ask-who-is-playing NAME  ask \"Who is playing?\" as for a person (who-is-playing.png)\n"
           "                         and answer NAME, an existing trainee (- = play without keeping results)\n"
           "  --room FILE            open a workshop room for FILE: participants vote on their phones\n"
           "  --room-bind ADDR       the address the room listens on (default 0.0.0.0)\n"
           "  --room-port N          the room's port (default: any free port)\n"
           "  --room-shots DIR       save a projector screenshot at every step of the room\n"
           "  --room-rate N          requests a second allowed per phone address, bursts of 3N\n"
           "                         (default 10; 0 = no limit, for a benchmark whose phones share one address)\n"
           "  --frame-log FILE       append a line per drawn frame: the steady-clock time in microseconds\n"
           "                         (CLOCK_MONOTONIC), the frame number and the room's voted count and\n"
           "                         version as the projector drew them (-1 outside a room)\n"
           "  --keyboard-only        reach the scenario's Start button with arrow keys and press Space\n"
           "  --workshop-votes LIST  run a workshop instead: per decision the votes, a letter each\n"
           "                         (A = first option), e.g. BBA,AAB; the room goes on with the majority\n"
           "  --workshop-teams       each team plays its own conversation; their votes are separated\n"
           "                         by '/', e.g. BBA,AAB/A,C (Team A, then Team B)\n"
           "  --rewrite-after-turn N after N turns, overwrite the scenario file with each --rewrite-with\n"
           "  --rewrite-with FILE    FILE's contents (repeatable; each reload is awaited), then play on\n"
           "  --author               show the Author screen (author.png), then the conversation again\n"
           "  --author-open NODE     on the Author screen, click NODE on the map ($VISUAL opens at its line)\n"
           "  --idle-rewrite FILE    overwrite the scenario with FILE, then wait with no input at all\n"
           "                         until the problems panel is drawn (author-problems.png)\n";
}

std::optional<Options> parse_options(const std::vector<std::string>& args, std::string* error) {
    Options o;
    auto fail = [&](const std::string& why) -> std::optional<Options> {
        if (error) *error = why;
        return std::nullopt;
    };
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&](std::string& out) {
            if (i + 1 >= args.size()) return false;
            out = args[++i];
            return true;
        };
        std::string v;
        if (a == "--help" || a == "-h") o.help = true;
        else if (a == "--version") o.version = true;
        else if (a == "--exit-when-done") o.exit_when_done = true;
        else if (a == "--keyboard-only") o.keyboard_only = true;
        else if (a == "--no-timer") o.no_timer = true;
        else if (a == "--cohort") o.cohort = true;
        else if (a == "--seed") {
            if (!value(v)) return fail("--seed needs a number such as 123456");
            errno = 0;
            char* end = nullptr;
            unsigned long long n = std::strtoull(v.c_str(), &end, 10);
            if (v.empty() || v.size() > 20 || v.find_first_not_of("0123456789") != std::string::npos || *end || errno == ERANGE)
                return fail("--seed: '" + v + "' is not a whole number from 0 to 18446744073709551615");
            o.seed = static_cast<std::uint64_t>(n);
        }
        else if (a == "--scenario") { if (!value(o.scenario)) return fail("--scenario needs a file"); }
        else if (a == "--db") { if (!value(o.results_db) || o.results_db.empty()) return fail("--db needs a results database file"); }
        else if (a == "--trainee") { if (!value(o.trainee) || o.trainee.empty()) return fail("--trainee needs a name"); }
        else if (a == "--ask-who-is-playing") {
            if (!value(o.answer_who)) return fail("--ask-who-is-playing needs a trainee's name, or - to play without keeping results");
            if (o.answer_who == "-") o.answer_who.clear();
            o.ask_who_is_playing = true;
        }
        else if (a == "--screenshot-dir") { if (!value(o.screenshot_dir)) return fail("--screenshot-dir needs a folder"); }
        else if (a == "--room") { if (!value(o.room_file)) return fail("--room needs a scenario file"); }
        else if (a == "--room-bind") { if (!value(o.room_bind)) return fail("--room-bind needs an address such as 127.0.0.1"); }
        else if (a == "--room-shots") { if (!value(o.room_shots)) return fail("--room-shots needs a folder"); }
        else if (a == "--room-port") {
            if (!value(v) || v.empty() || v.size() > 5 || v.find_first_not_of("0123456789") != std::string::npos ||
                std::stoi(v) > 65535)
                return fail("--room-port needs a port number from 1 to 65535");
            o.room_port = std::stoi(v);
        }
        else if (a == "--room-rate") {
            if (!value(v)) return fail("--room-rate needs a number of requests a second (0 = no limit)");
            char* end = nullptr;
            double r = std::strtod(v.c_str(), &end);
            if (end == v.c_str() || *end || !(r >= 0) || r > 100000)
                return fail("--room-rate: '" + v + "' is not a number of requests a second from 0 to 100000");
            o.room_rate = r;
        }
        else if (a == "--frame-log") { if (!value(o.frame_log)) return fail("--frame-log needs a file"); }
        else if (a == "--result-file") { if (!value(o.result_file)) return fail("--result-file needs a file"); }
        else if (a == "--choices") {
            if (!value(v)) return fail("--choices needs a list such as 2,1,3");
            auto keys = parse_choice_keys(v);
            if (!keys) return fail("--choices: '" + v + "' is not a list of keys 1-9 (or t) such as 2,1,3");
            o.choices = *keys;
        } else if (a == "--workshop-votes") {
            if (!value(v)) return fail("--workshop-votes needs a list such as BBA,AAB");
            o.workshop_votes.assign(1, {});
            std::size_t from = 0;
            while (from <= v.size()) {
                std::size_t to = std::min(v.find_first_of(",/", from), v.size());
                std::string item = v.substr(from, to - from);
                bool letters = !item.empty();
                for (char c : item) letters = letters && c >= 'A' && c <= 'I';
                if (!letters) return fail("--workshop-votes: '" + v + "' is not a list of vote letters A-I such as BBA,AAB");
                o.workshop_votes.back().push_back(item);
                if (to < v.size() && v[to] == '/') o.workshop_votes.emplace_back();
                from = to + 1;
            }
        } else if (a == "--workshop-teams") {
            o.workshop_teams = true;
        } else if (a == "--rewrite-with") {
            if (!value(v)) return fail("--rewrite-with needs a file");
            o.rewrite_with.push_back(v);
        } else if (a == "--author") {
            o.author = true;
        } else if (a == "--author-open") {
            if (!value(o.author_open)) return fail("--author-open needs a node id");
            o.author = true;
        } else if (a == "--idle-rewrite") {
            if (!value(o.idle_rewrite)) return fail("--idle-rewrite needs a file");
        } else if (a == "--rewrite-after-turn") {
            if (!value(v)) return fail("--rewrite-after-turn needs a number of turns");
            char* end = nullptr;
            long n = std::strtol(v.c_str(), &end, 10);
            if (end == v.c_str() || *end || n < 0 || n > 1000) return fail("--rewrite-after-turn: '" + v + "' is not a number of turns");
            o.rewrite_after_turn = static_cast<int>(n);
        } else if (a == "--window-size") {
            if (!value(v)) return fail("--window-size needs WIDTHxHEIGHT");
            // Parsed in place: both numbers must fill their side of the 'x' exactly.
            const char* text = v.c_str();
            char* end_w = nullptr;
            char* end_h = nullptr;
            long w = std::strtol(text, &end_w, 10);
            bool shape_ok = end_w != text && *end_w == 'x';
            long h = shape_ok ? std::strtol(end_w + 1, &end_h, 10) : 0;
            shape_ok = shape_ok && end_h != end_w + 1 && *end_h == '\0';
            if (!shape_ok || w < 1024 || h < 640 || w > 16384 || h > 16384)
                return fail("--window-size: '" + v + "' must be WIDTHxHEIGHT, at least 1024x640");
            o.window_width = static_cast<int>(w);
            o.window_height = static_cast<int>(h);
        } else if (a == "--theme") {
            if (!value(v)) return fail("--theme needs dark, light or high-contrast");
            if (v == "dark") o.theme = ThemeKind::Dark;
            else if (v == "light") o.theme = ThemeKind::Light;
            else if (v == "high-contrast") o.theme = ThemeKind::HighContrast;
            else return fail("--theme: '" + v + "' is not dark, light or high-contrast");
        } else if (a == "--text-scale" || a == "--reveal-speed") {
            if (!value(v)) return fail(a + " needs a number");
            char* end = nullptr;
            float f = std::strtof(v.c_str(), &end);
            if (end == v.c_str() || *end) return fail(a + ": '" + v + "' is not a number");
            if (a == "--text-scale") {
                if (f < 0.8f || f > 2.0f) return fail("--text-scale must be between 0.8 and 2.0");
                o.text_scale = f;
            } else {
                if (f < 0 || f > 400) return fail("--reveal-speed must be between 0 and 400");
                o.reveal_speed = f;
            }
        } else if (!a.empty() && a[0] == '-') return fail("unknown option '" + a + "'");
        else o.folders.push_back(a);
    }
    if (!o.scripted() && !o.choices.empty()) return fail("--choices needs --scenario");
    if (!o.scripted() && !o.workshop_votes.empty()) return fail("--workshop-votes needs --scenario");
    if ((o.rewrite_after_turn >= 0) != !o.rewrite_with.empty())
        return fail("--rewrite-after-turn and --rewrite-with go together");
    if (!o.rewrite_with.empty() && o.choices.empty()) return fail("--rewrite-with needs --scenario and --choices");
    if (!o.scripted() && (o.author || !o.idle_rewrite.empty())) return fail("--author and --idle-rewrite need --scenario");
    if (!o.idle_rewrite.empty() && !o.choices.empty()) return fail("--idle-rewrite replaces --choices: the window is left idle");
    return o;
}

}  // namespace ta::gui
