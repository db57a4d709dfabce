// turnaround-cli export: attempts as CSV or as xAPI statements, for spreadsheets and learning
// record stores.
#include <iostream>

#include "command.h"
#include "export.h"
#include "session_export.h"
#include "store_cli.h"

namespace ta::cli {
namespace {

const char* kUsage =
    "Usage: turnaround-cli export --format csv|xapi [--trainee NAME | --session ID] [-o FILE]\n"
    "                             [--votes | --ballots] [--home-page URL] [--db PATH]\n"
    "\n"
    "Writes attempts as CSV (one row per attempt; cells a spreadsheet would run as formulas are\n"
    "kept as text) or as a JSON array of xAPI statements (actor, verb passed/failed/terminated,\n"
    "the scenario as the activity, scaled score, success, completion, duration). Without\n"
    "--trainee or --session, exports every trainee's attempts and every workshop team's.\n"
    "In xAPI, a workshop session also gives one \"answered\" statement per decision for every\n"
    "participant who voted by name from a phone (the reply's id, letter and text as shown).\n"
    "A statement's id is its attempt's (or ballot's) id, so sending an export twice adds nothing\n"
    "new to an LRS.\n"
    "\n"
    "Options:\n"
    "  --db PATH        results database (default: $XDG_DATA_HOME/turnaround/results.db)\n"
    "  -o FILE          write to FILE (replaced atomically) instead of standard output\n"
    "  --votes          CSV of the workshop votes instead: one row per reply counted at each\n"
    "                   decision, with its letter and text as the room saw them (all sessions,\n"
    "                   or the one given with --session)\n"
    "  --ballots        CSV of each participant's vote at each decision (rooms where phones vote)\n"
    "  --home-page URL  identifies this installation in xAPI (default https://turnaround.example)\n"
    "\n"
    "Exit status: 0 done, 1 no such trainee or session, 2 bad arguments, unreadable database or\n"
    "             unwritable output.\n";

int fail_usage(const std::string& msg) {
    std::cerr << "export: " << msg << " (see turnaround-cli export --help)\n";
    return kExitUsage;
}

int run(const std::vector<std::string>& in) {
    std::vector<std::string> args = in;
    bool missing = false;
    auto db_path = take_option(args, "--db", missing);
    auto format = take_option(args, "--format", missing);
    auto trainee = take_option(args, "--trainee", missing);
    auto session = take_option(args, "--session", missing);
    auto out = take_option(args, "-o", missing);
    if (!out) out = take_option(args, "--output", missing);
    auto home = take_option(args, "--home-page", missing);
    const bool votes = take_flag(args, "--votes"), ballots = take_flag(args, "--ballots");
    if (missing) return fail_usage("an option is missing its value");
    if (!args.empty()) return fail_usage("unexpected argument '" + args[0] + "'");
    if (!format || (*format != "csv" && *format != "xapi")) return fail_usage("--format is csv or xapi");
    if (trainee && session) return fail_usage("give --trainee or --session, not both");
    if (votes && ballots) return fail_usage("give --votes or --ballots, not both");
    if ((votes || ballots) && *format != "csv") return fail_usage("--votes and --ballots are CSV: use --format csv");
    if ((votes || ballots) && trainee) return fail_usage("--votes and --ballots belong to workshop sessions, not trainees");
    if (home && home->rfind("http://", 0) != 0 && home->rfind("https://", 0) != 0)
        return fail_usage("--home-page must be an http(s) URL");

    store::ResultsStore db;
    if (!open_results(db, db_path, "export", Access::Read)) return kExitUsage;
    std::vector<store::AttemptRecord> attempts;
    std::vector<store::WorkshopRecord> sessions;
    if (trainee) {
        auto t = db.find_trainee(*trainee);
        if (!t) {
            std::cerr << "export: no trainee called \"" << *trainee << "\"\n";
            return kExitFailed;
        }
        attempts = db.attempts_for(t->id);
    } else if (session) {
        char* end = nullptr;
        long long id = std::strtoll(session->c_str(), &end, 10);
        if (session->empty() || *end || id <= 0) return fail_usage("--session takes a number");
        auto w = db.workshop(id);
        if (!w) {
            std::cerr << "export: no workshop session " << id << '\n';
            return kExitFailed;
        }
        sessions.push_back(std::move(*w));
    } else {
        attempts = db.all_attempts();
        sessions = db.workshops();
    }
    store::XapiOptions options;
    if (home) options.home_page = *home;
    std::string text;
    std::size_t count = 0;
    const char* unit = "attempt";
    if (votes || ballots) {
        text = votes ? store::votes_csv(sessions) : store::ballots_csv(sessions);
        for (const auto& w : sessions) count += votes ? w.votes.size() : w.ballots.size();
        unit = votes ? "vote count" : "ballot";
    } else if (*format == "csv") {
        for (const auto& w : sessions) attempts.insert(attempts.end(), w.results.begin(), w.results.end());
        text = store::attempts_csv(db, attempts);
        count = attempts.size();
    } else {
        std::vector<std::string> statements = store::attempts_statements(db, attempts, options);
        for (const auto& w : sessions)
            for (auto& s : store::session_xapi_statements(db, w, options)) statements.push_back(std::move(s));
        text = store::statements_array(statements);
        count = statements.size();
        unit = "statement";
    }
    if (!out || *out == "-") {
        std::cout << text;
        return kExitOk;
    }
    std::string error;
    if (!store::write_file_atomically(*out, text, &error)) {
        std::cerr << "export: " << error << '\n';
        return kExitUsage;
    }
    std::cerr << "export: wrote " << count << ' ' << unit << (count == 1 ? "" : "s") << " to " << *out << '\n';
    return kExitOk;
}

const Registration reg{Command{"export", "export attempts as CSV or xAPI statements", kUsage, run}};

}  // namespace
}  // namespace ta::cli
