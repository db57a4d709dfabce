// turnaround-cli trainee: trainee profiles in the results store, and recording a playthrough
// entered by hand (e.g. one played on paper or replayed from a facilitator's notes).
#include <cstdlib>
#include <iostream>
#include <sstream>

#include "attempt_builder.h"
#include "cli_common.h"
#include "command.h"
#include "debrief.h"
#include "session.h"
#include "store_cli.h"
#include "terminal_guard.h"

namespace ta::cli {
namespace {

const char* kUsage =
    "Usage: turnaround-cli trainee add NAME [--team TEAM] [--db PATH]\n"
    "       turnaround-cli trainee list [--db PATH]\n"
    "       turnaround-cli trainee record NAME FILE --choices LIST [--turn-seconds LIST] [--db PATH]\n"
    "\n"
    "Manages trainee profiles in the results database. Names are unique whatever their letter\n"
    "case. 'record' plays FILE with the given replies (menu numbers as in 'play', 't' for a\n"
    "time-out), grades it and appends it to NAME's history; a list that stops before an ending\n"
    "records an abandoned attempt.\n"
    "\n"
    "Options:\n"
    "  --db PATH            results database (default: $XDG_DATA_HOME/turnaround/results.db)\n"
    "  --team TEAM          the trainee's team (optional)\n"
    "  --choices LIST       replies, e.g. 2,1,t,3\n"
    "  --turn-seconds LIST  thinking time per reply in seconds, e.g. 4,12.5,3\n"
    "\n"
    "PATH may be a postgresql:// URL (a shared server). With $TURNAROUND_SERVER set, 'record'\n"
    "keeps the attempt here and sends it there; with $TURNAROUND_LRS set, its xAPI statements go\n"
    "to that learning record store. See turnaround-cli sync.\n"
    "\n"
    "Exit status: 0 done, 1 refused (name taken, unknown trainee, reply not offered), 2 bad\n"
    "             arguments or unreadable files.\n";

std::vector<std::string> split(const std::string& s) {
    std::vector<std::string> out;
    std::stringstream in(s);
    std::string item;
    while (std::getline(in, item, ',')) {
        std::size_t b = item.find_first_not_of(" \t"), e = item.find_last_not_of(" \t");
        out.push_back(b == std::string::npos ? "" : item.substr(b, e - b + 1));
    }
    return out;
}

int usage_error(const std::string& msg) {
    std::cerr << "trainee: " << msg << " (see turnaround-cli trainee --help)\n";
    return kExitUsage;
}

int record(store::ResultsStore& db, const std::string& name, const std::string& file, const std::string& choices,
           const std::optional<std::string>& seconds) {
    auto trainee = db.find_trainee(name);
    if (!trainee) {
        std::cerr << "trainee: no trainee called \"" << name << "\"; add one with 'turnaround-cli trainee add'\n";
        return kExitFailed;
    }
    LoadResult r = load(file);
    if (!r.ok()) {
        print_diagnostics(std::cerr, r.diagnostics);
        for (const auto& d : r.diagnostics)
            if (is_unreadable(d)) return kExitUsage;
        return kExitFailed;
    }
    const Scenario& sc = *r.scenario;
    Session session(sc);
    int n = 0;
    for (const std::string& answer : split(choices)) {
        ++n;
        if (session.ended()) {
            std::cerr << "trainee: reply " << n << " ('" << answer << "') comes after the conversation ended\n";
            return kExitFailed;
        }
        const Node& node = *session.current_node();
        ChooseResult res;
        if (answer == "t" || answer == "T") {
            res = session.time_out();
        } else {
            auto available = session.available_choices();
            char* end = nullptr;
            long k = std::strtol(answer.c_str(), &end, 10);
            if (answer.empty() || *end || k < 1 || k > static_cast<long>(available.size())) {
                std::cerr << "trainee: reply " << n << " ('" << answer << "') is not offered at node '" << node.id
                          << "' (1-" << available.size() << (node.on_timeout ? " or t" : "") << ")\n";
                return kExitFailed;
            }
            res = session.choose(available[static_cast<std::size_t>(k - 1)]);
        }
        if (res == ChooseResult::NotAvailable || res == ChooseResult::NoTimer) {
            std::cerr << "trainee: reply " << n << " ('" << answer << "') is not possible at node '" << node.id << "'\n";
            return kExitFailed;
        }
    }
    std::vector<long long> turn_ms;
    if (seconds)
        for (const std::string& s : split(*seconds)) {
            char* end = nullptr;
            double v = std::strtod(s.c_str(), &end);
            if (s.empty() || *end || v < 0 || v > 86400) return usage_error("--turn-seconds takes numbers such as 4,12.5");
            turn_ms.push_back(static_cast<long long>(v * 1000 + 0.5));
        }
    if (!store::keeps_attempts_of(sc)) {
        std::cerr << "trainee: '" << sc.title << "' is a draft ('draft: true'), so attempts on it are not kept; "
                     "finish it (see turnaround-cli lint) and remove the line first\n";
        return kExitFailed;
    }
    scoring::Debrief debrief = scoring::grade(sc, session, scoring::default_rubric());
    long long total_ms = 0;
    for (long long ms : turn_ms) total_ms += ms;
    std::string finished = store::now_utc_iso8601();
    store::AttemptRecord a = store::make_attempt(session, debrief, trainee->id, turn_ms, "", finished);
    std::string error;
    if (!db.record_attempt(a, &error)) {
        std::cerr << "trainee: " << error << '\n';
        return kExitFailed;
    }
    std::cout << "Recorded attempt " << a.uuid << " for " << trainee->name << ": " << sc.title << ", "
              << (a.completed ? "ending " + a.ending_id : std::string("abandoned")) << ", overall "
              << scoring::whole_score(a.overall) << (a.passed ? " (passed)" : "") << '\n';
    deliver_if_configured(db, "trainee");
    return kExitOk;
}

int run(const std::vector<std::string>& in) {
    std::vector<std::string> args = in;
    bool missing = false;
    auto db_path = take_option(args, "--db", missing);
    auto team = take_option(args, "--team", missing);
    auto choices = take_option(args, "--choices", missing);
    auto seconds = take_option(args, "--turn-seconds", missing);
    if (missing) return usage_error("an option is missing its value");
    for (const auto& a : args)
        if (a.size() > 1 && a[0] == '-') return usage_error("unknown option '" + a + "'");
    if (args.empty()) return usage_error("say add, list or record");
    const std::string verb = args[0];
    if (verb == "add" && args.size() != 2) return usage_error("add takes one NAME (quote names with spaces)");
    if (verb == "list" && args.size() != 1) return usage_error("list takes no arguments");
    if (verb == "record" && (args.size() != 3 || !choices)) return usage_error("record takes NAME FILE --choices LIST");
    if (verb != "add" && verb != "list" && verb != "record") return usage_error("unknown action '" + verb + "'");

    store::ResultsStore db;
    if (!open_results(db, db_path, "trainee", verb == "list" ? Access::Read : Access::Write)) return kExitUsage;
    if (verb == "add") {
        std::string error;
        auto t = db.add_trainee(args[1], team.value_or(""), &error);
        if (!t) {
            std::cerr << "trainee: " << error << '\n';
            return kExitFailed;
        }
        std::cout << "Added trainee " << t->name << (t->team.empty() ? "" : " (team " + t->team + ")") << '\n';
        return kExitOk;
    }
    if (verb == "list") {
        const TerminalGuard guard;  // names another tool wrote into the database are shown, not obeyed
        for (const auto& t : db.trainees()) {
            auto attempts = db.attempts_for(t.id);
            std::cout << t.name << (t.team.empty() ? "" : " [" + t.team + "]") << "  " << attempts.size()
                      << (attempts.size() == 1 ? " attempt" : " attempts") << '\n';
        }
        return kExitOk;
    }
    return record(db, args[1], args[2], *choices, seconds);
}

const Registration reg{Command{"trainee", "add and list trainees; record a playthrough entered by hand", kUsage, run}};

}  // namespace
}  // namespace ta::cli
