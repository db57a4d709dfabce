#include "report_cohort.h"

#include <cstdio>
#include <iostream>

#include "command.h"
#include "cohort.h"
#include "store_json.h"
#include "utf8_text.h"

namespace ta::cli {
namespace {

// Pads (or cuts, at a character) to `width` characters, so names in any script line up.
std::string column(const std::string& s, std::size_t width) {
    std::string cut = shorten_for_message(s, width * 4);
    std::size_t shown = 0;
    std::string out;
    for (std::size_t i = 0; i < cut.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(cut[i]);
        if ((c & 0xC0) != 0x80) {
            if (shown + 1 > width) {
                out += "~";
                ++shown;
                break;
            }
            ++shown;
        }
        out += cut[i];
    }
    if (shown < width) out += std::string(width - shown, ' ');
    return out + "  ";
}

std::string rate(int passed, int of) {
    if (of == 0) return "-";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%d/%d %d%%", passed, of, (passed * 100 + of / 2) / of);
    return buf;
}

std::string percent(double share) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%d%%", static_cast<int>(share * 100 + 0.5));
    return buf;
}

void print_text(const store::Cohort& c, const std::string& team) {
    std::cout << "Cohort" << (team.empty() ? "" : " of team " + team) << ": " << c.trainee_count << " trainee"
              << (c.trainee_count == 1 ? "" : "s") << ", " << c.attempts << " attempts (" << c.completed
              << " finished)";
    if (!c.first_played.empty()) std::cout << ", " << c.first_played.substr(0, 10) << " to " << c.last_played.substr(0, 10);
    std::cout << "\n";
    if (c.trainee_count == 0) return;

    std::cout << "\nBy team\n  " << column("team", 18) << column("trainees", 8) << column("passed", 14) << "\n";
    for (const auto& t : c.teams)
        std::cout << "  " << column(t.team.empty() ? "(no team)" : t.team, 18) << column(std::to_string(t.trainees), 8)
                  << column(rate(t.passed, t.completed), 14) << "\n";

    std::cout << "\nTrainees\n  " << column("name", 22) << column("team", 14) << column("attempts", 8)
              << column("passed", 14) << column("scenarios passed", 16) << "last played\n";
    for (const auto& t : c.trainees)
        std::cout << "  " << column(t.name, 22) << column(t.team, 14) << column(std::to_string(t.attempts), 8)
                  << column(rate(t.passed, t.completed), 14) << column(std::to_string(t.scenarios_passed), 16)
                  << t.last_played.substr(0, 10) << "\n";

    std::cout << "\nPass rate per scenario, week by week (passed/finished)\n";
    for (const auto& s : c.scenarios) {
        std::cout << "  " << (s.title.empty() ? s.scenario_id : s.title) << ": " << rate(s.passed, s.completed) << ", "
                  << s.first_tries_passed << " of " << s.trainees << " trainee" << (s.trainees == 1 ? "" : "s")
                  << " passed at the first try\n    ";
        for (const auto& w : s.weeks) std::cout << w.week << " " << rate(w.passed, w.completed) << "   ";
        std::cout << "\n";
    }

    std::cout << "\nWhat to teach next: replies several trainees chose that cost them\n";
    if (c.mistakes.empty()) std::cout << "  (none chosen by two trainees or more)\n";
    int n = 0;
    for (const auto& m : c.mistakes) {
        std::cout << "  " << ++n << ". " << (m.red_line ? "RED LINE " : "") << m.trainees << " of " << m.reached
                  << " trainees (" << percent(m.share()) << ") at " << (m.scenario_title.empty() ? m.scenario_id : m.scenario_title)
                  << ", node '" << m.node_id << "', chose \"" << shorten_for_message(m.said, 90) << "\"\n";
        if (!m.feedback.empty()) std::cout << "     " << shorten_for_message(m.feedback, 150) << "\n";
    }
}

void print_json(const store::Cohort& c) {
    store::JsonWriter w;
    w.begin_object();
    w.key("trainees").value(c.trainee_count).key("attempts").value(c.attempts).key("completed").value(c.completed);
    w.key("first_played").value(c.first_played).key("last_played").value(c.last_played);
    w.key("teams").begin_array();
    for (const auto& t : c.teams)
        w.begin_object().key("team").value(t.team).key("trainees").value(t.trainees).key("completed").value(t.completed)
            .key("passed").value(t.passed).end_object();
    w.end_array();
    w.key("by_trainee").begin_array();
    for (const auto& t : c.trainees)
        w.begin_object().key("name").value(t.name).key("team").value(t.team).key("attempts").value(t.attempts)
            .key("completed").value(t.completed).key("passed").value(t.passed).key("scenarios_passed")
            .value(t.scenarios_passed).key("last_played").value(t.last_played).end_object();
    w.end_array();
    w.key("scenarios").begin_array();
    for (const auto& s : c.scenarios) {
        w.begin_object().key("scenario").value(s.scenario_id).key("title").value(s.title).key("trainees").value(s.trainees)
            .key("completed").value(s.completed).key("passed").value(s.passed).key("first_tries_passed")
            .value(s.first_tries_passed).key("weeks").begin_array();
        for (const auto& wk : s.weeks)
            w.begin_object().key("week").value(wk.week).key("completed").value(wk.completed).key("passed").value(wk.passed)
                .end_object();
        w.end_array().end_object();
    }
    w.end_array();
    w.key("mistakes").begin_array();
    for (const auto& m : c.mistakes)
        w.begin_object().key("scenario").value(m.scenario_id).key("node").value(m.node_id).key("choice").value(m.choice_id)
            .key("said").value(m.said).key("feedback").value(m.feedback).key("red_line").value(m.red_line)
            .key("points").value(m.points).key("trainees").value(m.trainees).key("reached").value(m.reached).end_object();
    w.end_array();
    w.end_object();
    std::cout << w.str() << "\n";
}

}  // namespace

int report_cohort(const store::ResultsStore& db, const std::string& team, bool json) {
    const store::Cohort c = store::summarise_cohort(db.trainees(), db.all_attempts(), {team});
    if (json) print_json(c);
    else print_text(c, team);
    if (!team.empty() && c.trainee_count == 0) {
        std::cerr << "report: no trainee in team '" << team << "'\n";
        return kExitFailed;
    }
    return kExitOk;
}

}  // namespace ta::cli
