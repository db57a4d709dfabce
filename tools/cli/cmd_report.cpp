// turnaround-cli report: a trainee's history and progress, or a workshop session, as a table
// (or CSV with --csv).
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>

#include "cli_common.h"
#include "command.h"
#include "debrief.h"
#include "export.h"
#include "progress.h"
#include "report_cohort.h"
#include "session.h"
#include "store_cli.h"
#include "terminal_guard.h"

namespace ta::cli {
namespace {

const char* kUsage =
    "Usage: turnaround-cli report --trainee NAME [--csv] [--scenarios DIR] [--db PATH]\n"
    "       turnaround-cli report --session ID [--csv] [--db PATH]\n"
    "       turnaround-cli report --cohort [--team NAME] [--json] [--db PATH]\n"
    "       turnaround-cli report [--db PATH]\n"
    "\n"
    "Shows a trainee's attempts (date, scenario, ending, scores), best results per scenario,\n"
    "average per competency over the last attempts and what to practise next; or a workshop\n"
    "session: each team's result, the room's votes at every decision (each reply's letter and\n"
    "text as the room saw them) and, for rooms where phones vote, each participant's vote.\n"
    "With --cohort, the whole cohort for a trainer: every trainee by team, each scenario's pass\n"
    "rate week by week and at the first try, and what to teach next: the replies that crossed a\n"
    "red line or cost points, chosen by two trainees or more, most common first.\n"
    "Without --trainee, --session or --cohort, lists the trainees and workshop sessions.\n"
    "\n"
    "Options:\n"
    "  --db PATH       results database (default: $XDG_DATA_HOME/turnaround/results.db)\n"
    "  --csv           print the attempts as CSV instead of a table (for a session's votes\n"
    "                  and ballots: turnaround-cli export --format csv --votes|--ballots)\n"
    "  --scenarios DIR where to look for a scenario to suggest (default: the bundled scenarios)\n"
    "  --team NAME     with --cohort: only this team's trainees\n"
    "  --json          with --cohort: print it as JSON\n"
    "\n"
    "Exit status: 0 done, 1 no such trainee or session, 2 bad arguments or unreadable database.\n";


std::string pad(std::string s, std::size_t width) {
    // Counts UTF-8 code points so accented names line up.
    std::size_t shown = 0;
    for (unsigned char c : s) shown += (c & 0xC0) != 0x80;
    if (shown > width) {
        std::string cut;
        std::size_t n = 0;
        for (unsigned char c : s) {
            if ((c & 0xC0) != 0x80 && ++n > width - 1) break;
            cut += static_cast<char>(c);
        }
        return cut + "~";
    }
    return s + std::string(width - shown, ' ');
}

std::vector<store::ScenarioInfo> catalogue(const std::string& dir) {
    std::vector<store::ScenarioInfo> out;
    std::vector<std::string> missing;
    if (!std::filesystem::is_directory(dir)) return out;
    for (const auto& file : find_scenario_files({dir}, missing)) {
        LoadResult r = load(file);
        if (r.ok()) out.push_back(store::scenario_info(*r.scenario, scoring::default_rubric()));
    }
    return out;
}

void print_attempt_table(const std::vector<store::AttemptRecord>& attempts) {
    std::cout << pad("Finished", 21) << pad("Scenario", 28) << pad("Ending", 11) << "Overall  Pass  "
              << "Lis  Apo  Sol  Fol  Com  Time\n";
    for (const auto& a : attempts) {
        std::cout << pad(a.finished_at, 21) << pad(a.scenario_title.empty() ? a.scenario_id : a.scenario_title, 28)
                  << pad(a.completed ? a.ending_type : "abandoned", 11) << pad(scoring::whole_score_text(a.overall), 9)
                  << pad(a.passed ? "yes" : "no", 6);
        for (int c = 0; c < kCompetencyCount; ++c)
            std::cout << pad(a.is_scored(c) ? scoring::whole_score_text(a.scores[static_cast<std::size_t>(c)]) : "-", 5);
        long long secs = (store::attempt_duration_ms(a) + 500) / 1000;
        std::cout << secs / 60 << "m" << (secs % 60 < 10 ? "0" : "") << secs % 60 << "s\n";
    }
}

int report_trainee(const store::ResultsStore& db, const std::string& name, bool csv, const std::string& dir) {
    auto t = db.find_trainee(name);
    if (!t) {
        std::cerr << "report: no trainee called \"" << name << "\"\n";
        return kExitFailed;
    }
    auto attempts = db.attempts_for(t->id);
    if (csv) {
        std::cout << store::attempts_csv(db, attempts);
        return kExitOk;
    }
    store::Progress p = store::summarise_progress(attempts, catalogue(dir));
    std::cout << "Trainee: " << t->name << (t->team.empty() ? "" : "  (team " + t->team + ")") << "\n"
              << p.attempts << " attempts, " << p.completed << " finished, " << p.passed << " passed\n\n";
    if (attempts.empty()) {
        std::cout << "No attempts yet.\n";
    } else {
        print_attempt_table(attempts);
        std::cout << "\nBest results:\n";
        for (const auto& s : p.scenarios)
            std::cout << "  " << pad(s.title.empty() ? s.scenario_id : s.title, 32)
                      << (s.completed ? scoring::whole_score_text(s.best_overall) : std::string("-")) << (s.passed_ever ? "  passed" : "")
                      << "  (" << s.attempts << (s.attempts == 1 ? " attempt)" : " attempts)") << '\n';
    }
    if (p.has_recent) {
        std::cout << "\nAverage of the last (up to " << store::kRecentWindow << ") scores per competency:\n";
        for (int c = 0; c < kCompetencyCount; ++c) {
            int n = p.recent_count[static_cast<std::size_t>(c)];
            std::cout << "  " << pad(competency_label(static_cast<Competency>(c)), 12)
                      << (n ? scoring::whole_score_text(p.recent_mean[static_cast<std::size_t>(c)]) + "  (" + std::to_string(n) + ")"
                            : std::string("not exercised yet"))
                      << '\n';
        }
        std::cout << "\nPractise next: " << competency_label(*p.practise_next) << '\n';
    }
    if (!p.suggested_scenario_id.empty())
        std::cout << "Suggested scenario: " << (p.suggested_title.empty() ? p.suggested_scenario_id : p.suggested_title)
                  << " [" << p.suggested_scenario_id << "] - " << p.suggestion_reason << '\n';
    return kExitOk;
}

// The counts at each decision, with each reply's letter and text as the room saw them. Sessions
// recorded before letters were kept (schema 3 and older) number replies in file order instead.
void print_votes(const store::WorkshopRecord& w) {
    if (w.votes.empty()) return;
    std::cout << "\nVotes at each decision (letters as the room saw them; * the reply taken, ! the facilitator's call):\n";
    std::map<std::pair<std::string, int>, std::vector<const store::VoteRecord*>> decisions;
    for (const auto& v : w.votes) decisions[{v.team, v.turn}].push_back(&v);
    for (const auto& [key, rows] : decisions) {
        std::string line;
        bool tie = false;
        for (const store::VoteRecord* v : rows) {
            tie = tie || v->tie;
            const std::string mark = v->chosen ? (v->overridden ? "!" : "*") : "";
            if (v->choice_index == kTimeoutChoice) line += "  timer ran out" + mark;
            else if (v->letter.empty()) line += "  #" + std::to_string(v->choice_index + 1) + ": " + std::to_string(v->votes) + mark;
            else line += "  " + v->letter + " " + std::to_string(v->votes) + mark;
        }
        std::cout << "  " << pad(key.first.empty() ? "room" : key.first, 14) << "decision " << key.second + 1 << ":"
                  << line << (tie ? "   (a tie: the facilitator's call)" : "") << '\n';
        for (const store::VoteRecord* v : rows)
            if (!v->text.empty())
                std::cout << std::string(18, ' ') << (v->letter.empty() ? "-" : v->letter) << "  " << v->text << '\n';
    }
}

// Each named participant's last vote per decision, one row each; anonymous phones as counts.
void print_ballots(const store::WorkshopRecord& w) {
    if (w.ballots.empty()) return;
    int decisions = 0;
    std::vector<std::pair<std::string, std::string>> people;  // name, team, in order of first vote
    std::map<std::string, std::map<int, std::string>> letters;
    std::map<int, std::map<std::string, int>> anonymous;     // decision -> letter -> phones
    for (const auto& b : w.ballots) {
        decisions = std::max(decisions, b.turn + 1);
        if (b.participant.empty()) {
            ++anonymous[b.turn][b.letter];
            continue;
        }
        if (!letters.count(b.participant)) people.emplace_back(b.participant, b.team);
        letters[b.participant][b.turn] = b.letter;
    }
    std::cout << "\nEach participant's vote (" << w.participants << (w.participants == 1 ? " phone" : " phones")
              << " joined; columns are decisions):\n";
    std::cout << "  " << pad("Participant", 24) << pad("Team", 14);
    for (int d = 0; d < decisions; ++d) std::cout << pad(std::to_string(d + 1), 4);
    std::cout << '\n';
    for (const auto& [name, team] : people) {
        std::cout << "  " << pad(name, 24) << pad(team, 14);
        for (int d = 0; d < decisions; ++d) {
            auto it = letters[name].find(d);
            std::cout << pad(it == letters[name].end() ? "-" : it->second, 4);
        }
        std::cout << '\n';
    }
    for (const auto& [d, counts] : anonymous) {
        std::string line;
        for (const auto& [letter, n] : counts) line += (line.empty() ? "" : ", ") + letter + " " + std::to_string(n);
        std::cout << "  anonymous phones at decision " << d + 1 << ": " << line << '\n';
    }
}

int report_session(const store::ResultsStore& db, const std::string& id_text, bool csv) {
    char* end = nullptr;
    long long id = std::strtoll(id_text.c_str(), &end, 10);
    if (id_text.empty() || *end || id <= 0) {
        std::cerr << "report: --session takes a number such as 3 (see 'turnaround-cli report')\n";
        return kExitUsage;
    }
    auto w = db.workshop(id);
    if (!w) {
        std::cerr << "report: no workshop session " << id << '\n';
        return kExitFailed;
    }
    if (csv) {
        std::cout << store::attempts_csv(db, w->results);
        return kExitOk;
    }
    std::cout << "Workshop session " << w->id << ": " << (w->scenario_title.empty() ? w->scenario_id : w->scenario_title)
              << " (version " << w->scenario_version << ")\n"
              << "Facilitator: " << (w->facilitator.empty() ? "-" : w->facilitator)
              << "   Room: " << (w->room.empty() ? "-" : w->room)
              << "   Mode: " << (w->mode == "room" ? "the whole room decides together" : "each team plays its own")
              << "\n" << w->started_at << " to " << w->finished_at << (w->completed ? "" : "  (ended early)") << "\n\n";
    std::cout << pad("Team", 16) << pad("Ending", 11) << "Overall  Pass  Lis  Apo  Sol  Fol  Com\n";
    for (const auto& a : w->results) {
        std::cout << pad(a.team.empty() ? "room" : a.team, 16) << pad(a.completed ? a.ending_type : "unfinished", 11)
                  << pad(scoring::whole_score_text(a.overall), 9) << pad(a.passed ? "yes" : "no", 6);
        for (int c = 0; c < kCompetencyCount; ++c)
            std::cout << pad(a.is_scored(c) ? scoring::whole_score_text(a.scores[static_cast<std::size_t>(c)]) : "-", 5);
        std::cout << '\n';
    }
    print_votes(*w);
    print_ballots(*w);
    return kExitOk;
}

int run(const std::vector<std::string>& in) {
    std::vector<std::string> args = in;
    bool missing = false;
    auto db_path = take_option(args, "--db", missing);
    auto trainee = take_option(args, "--trainee", missing);
    auto session = take_option(args, "--session", missing);
    auto dir = take_option(args, "--scenarios", missing);
    auto team = take_option(args, "--team", missing);
    bool csv = take_flag(args, "--csv");
    const bool cohort = take_flag(args, "--cohort");
    const bool json = take_flag(args, "--json");
    if (missing) {
        std::cerr << "report: an option is missing its value (see turnaround-cli report --help)\n";
        return kExitUsage;
    }
    if (!args.empty()) {
        std::cerr << "report: unexpected argument '" << args[0] << "' (see turnaround-cli report --help)\n";
        return kExitUsage;
    }
    if (int(bool(trainee)) + int(bool(session)) + int(cohort) > 1) {
        std::cerr << "report: give one of --trainee, --session and --cohort\n";
        return kExitUsage;
    }
    if ((team || json) && !cohort) {
        std::cerr << "report: --team and --json go with --cohort\n";
        return kExitUsage;
    }
    // Names and titles may come from a database another tool edited: none of it drives the terminal.
    const TerminalGuard guard;
    store::ResultsStore db;
    if (!open_results(db, db_path, "report", Access::Read)) return kExitUsage;
    if (trainee) return report_trainee(db, *trainee, csv, dir.value_or(TURNAROUND_SOURCE_DIR "/scenarios"));
    if (session) return report_session(db, *session, csv);
    if (cohort) return report_cohort(db, team.value_or(""), json);
    if (csv) {
        std::cout << store::attempts_csv(db, db.all_attempts());
        return kExitOk;
    }
    std::cout << "Trainees:\n";
    for (const auto& t : db.trainees()) {
        auto attempts = db.attempts_for(t.id);
        std::cout << "  " << pad(t.name, 28) << pad(t.team, 14) << attempts.size() << " attempts\n";
    }
    std::cout << "\nWorkshop sessions:\n";
    for (const auto& w : db.workshops())
        std::cout << "  " << pad(std::to_string(w.id), 5) << pad(w.started_at, 22)
                  << pad(w.scenario_title.empty() ? w.scenario_id : w.scenario_title, 30) << w.results.size()
                  << (w.results.size() == 1 ? " team\n" : " teams\n");
    return kExitOk;
}

const Registration reg{Command{"report", "show a trainee's progress or a workshop session's results", kUsage, run}};

}  // namespace
}  // namespace ta::cli
