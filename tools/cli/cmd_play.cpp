// turnaround-cli play: plays a scenario in the terminal. Reads choice numbers from stdin (a pipe
// works) or from --choices, then prints the transcript, the ending and its epilogue.
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <random>
#include <sstream>

#include "cli_common.h"
#include "conversation_clock.h"
#include "command.h"
#include "debrief.h"
#include "play_batch.h"
#include "play_script.h"
#include "reply_order.h"
#include "session.h"
#include "terminal_guard.h"
#include "validate_flow.h"

namespace ta::cli {
namespace {

const char* kUsage =
    "Usage: turnaround-cli play [--seed N] [--choices LIST] [--json] FILE\n"
    "       turnaround-cli play --batch LISTS [--seed N] FILE\n"
    "\n"
    "Plays a scenario in the terminal. The customer speaks; type the number of your reply and\n"
    "press Enter. Where the customer is waiting on a timer, 't' lets the time run out. End of\n"
    "input (Ctrl-D) abandons the conversation.\n"
    "\n"
    "At the keyboard the replies are shown in a fresh random order each time (the seed is printed,\n"
    "so the order can be replayed); with --choices or piped input they keep the file's order\n"
    "unless --seed is given.\n"
    "\n"
    "Options:\n"
    "  --choices LIST  play these replies instead of asking, e.g. --choices 2,1,t,3\n"
    "                  (numbers as shown in the menus, 't' for letting the timer run out);\n"
    "                  replies left over when the conversation ends sooner are not used and\n"
    "                  a warning on stderr says so (the exit status is not changed)\n"
    "  --seed N        show the replies shuffled by seed N (0 to 18446744073709551615); the\n"
    "                  numbers in --choices and typed numbers are then positions as shown\n"
    "  --json          print only the debrief, as JSON, on stdout (the conversation goes to stderr);\n"
    "                  it includes \"order_seed\" (null when the replies kept the file's order)\n"
    "  --batch LISTS   play many scripted playthroughs in one go: each line of the file LISTS\n"
    "                  (- for standard input) is one --choices list, optionally after a seed:\n"
    "                      2,1,t,3\n"
    "                      seed=123 2,1,3\n"
    "                  ('#' starts a comment; blank lines are skipped; CRLF is fine). Each line\n"
    "                  prints one line of JSON on stdout: the debrief as --json prints it, with\n"
    "                  \"line\" (its line number) first. A line that does not play (an item not\n"
    "                  offered, the list ran out, a bad seed) also has \"error\" saying what\n"
    "                  and where, and \"item\" (the position in the list); then the next line is\n"
    "                  played. An item not offered gives no debrief, as with --choices.\n"
    "                  --seed N is the seed of lines without seed=. The scenario is loaded once.\n"
    "\n"
    "Exit status: 0 an ending was reached (--batch: by every line), 1 the scenario has errors or\n"
    "             the conversation was abandoned (--batch: any line did not play), 2 bad arguments\n"
    "             or an unreadable file.\n";

// Gives up on a non-interactive input after this many unusable answers in a row.
constexpr int kMaxBadAnswersOnPipe = 3;

struct PlayOptions {
    std::string file;
    std::optional<std::vector<std::string>> scripted;  // --choices, split on commas
    bool json = false;                                 // --json: the debrief as JSON on stdout
    std::optional<std::uint64_t> seed;                 // --seed: the order replies are shown in
    std::optional<std::string> batch;                  // --batch: a file of choice lists ("-" stdin)
};

// Everything the end-of-play report needs.
struct PlayOutcome {
    const Scenario& scenario;
    const Session& session;
    bool abandoned = false;
    std::string abandon_reason;
    bool json = false;
};

// The debrief's JSON with "order_seed" first (the seed the replies were shuffled by, or null),
// then "channel" (the scenario's) and "turn_channels" (where each decision was taken, in order).
std::string with_order_seed(std::string json, const Session& s) {
    const std::size_t brace = json.find('{');
    if (brace == std::string::npos) return json;
    const auto& seed = s.order_seed();
    std::string channels;
    for (const Turn& turn : s.turns()) {
        const Node* n = s.scenario().find_node(turn.node_id);
        channels += std::string(channels.empty() ? "" : ", ") + "\"" +
                    channel_key(n ? s.scenario().channel_of(*n) : s.scenario().channel) + "\"";
    }
    json.insert(brace + 1, "\n  \"order_seed\": " + (seed ? std::to_string(*seed) : std::string("null")) +
                               ",\n  \"channel\": \"" + channel_key(s.scenario().channel) +
                               "\",\n  \"turn_channels\": [" + channels + "],");
    return json;
}

// Every playthrough ends with its debrief: as text after the ending, or as JSON on stdout.
void print_debrief(const PlayOutcome& o, std::ostream& out) {
    if (o.json) std::cout << debrief_json(o.session);
    else out << '\n' << scoring::debrief_to_text(scoring::grade(o.scenario, o.session, scoring::default_rubric()));
}

// Channels: each line is marked the way its channel shows it, with the times the window shows
// (conversation_clock.h).
std::string stars_text(int stars) {
    std::string out;
    for (int i = 0; i < 5; ++i) out += i < stars ? "\u2605" : "\u2606";
    return out;
}

// "Channel: Chat", "Channel: Email - Subject: ...", "Channel: Public review, 2 stars".
std::string channel_header(const Scenario& sc, Channel c) {
    std::string h = std::string("Channel: ") + channel_label(c);
    if (c == Channel::Email && !sc.subject.empty()) h += " - Subject: " + sc.subject;
    if (c == Channel::Review && sc.stars > 0) h += ", " + std::to_string(sc.stars) + (sc.stars == 1 ? " star" : " stars");
    return h;
}

// The start of a transcript line: "[chat 09:02] Sam: ", "[email] From: Sam: ", "[review] ★★☆☆☆ Sam: ";
// in person just "Sam: ". `emotion` is shown in brackets after the name when given.
std::string line_prefix(const Scenario& sc, const std::vector<TranscriptEntry>& t, size_t i, bool with_emotion) {
    const TranscriptEntry& e = t[i];
    const bool you = e.speaker == TranscriptEntry::Speaker::Trainee;
    std::string who = you ? "You" : sc.customer.name;
    if (!you && with_emotion) who += " (" + e.emotion + ")";
    switch (channel_of_entry(sc, e)) {
        case Channel::Chat: return "[chat " + clock_text(entry_minute(t, i)) + "] " + who + ": ";
        case Channel::Phone: return "[phone " + clock_text(entry_minute(t, i)) + "] " + who + ": ";
        case Channel::Email: return you ? "[email] Reply: " : "[email] From: " + who + ": ";
        case Channel::Review:
            return you ? "[review] Public reply: " : "[review] " + stars_text(sc.stars) + " " + who + ": ";
        case Channel::InPerson: break;
    }
    return who + ": ";
}

// Prints transcript entries from `from` on, as the conversation unfolds, with a channel header
// whenever a node changes the channel.
void print_entries(const Session& s, size_t from, std::ostream& out) {
    const Scenario& sc = s.scenario();
    const auto& t = s.transcript();
    for (size_t i = from; i < t.size(); ++i) {
        const auto& e = t[i];
        if (e.speaker == TranscriptEntry::Speaker::Narrator) continue;  // the ending is reported at the end
        const Channel c = channel_of_entry(sc, e);
        const Channel before = i == 0 ? sc.channel : channel_of_entry(sc, t[i - 1]);
        if (c != before) out << "-- " << channel_header(sc, c) << " --\n";
        out << line_prefix(sc, t, i, e.speaker == TranscriptEntry::Speaker::Customer) << e.text
            << (e.speaker == TranscriptEntry::Speaker::Trainee ? "\n\n" : "\n");
    }
}

void print_intro(const Scenario& sc, std::ostream& out) {
    out << "== " << sc.title << " ==\n";
    out << channel_header(sc, sc.channel) << '\n';
    if (!sc.summary.empty()) out << sc.summary << '\n';
    const Customer& c = sc.customer;
    out << "\nCustomer: " << c.name;
    if (!c.relationship.empty()) out << " (" << c.relationship << ")";
    out << '\n';
    if (!c.backstory.empty()) out << "What happened: " << c.backstory << '\n';
    if (!sc.objectives.empty()) {
        out << "Practise:\n";
        for (const auto& o : sc.objectives) out << "  - " << o << '\n';
    }
    out << '\n';
}

void print_menu(const Node& node, const std::vector<int>& shown, std::ostream& out) {
    if (!node.note.empty()) out << "  [" << node.note << "]\n";
    for (size_t i = 0; i < shown.size(); ++i) out << "  " << (i + 1) << ". " << node.choices[shown[i]].text << '\n';
    if (node.on_timeout)
        out << "  t. (say nothing and let the " << node.timer_seconds << "-second timer run out)\n";
}

// The end of a playthrough: transcript, ending, epilogue. One call, so that grading and other
// report formats can be added here without touching the conversation loop.
int print_play_end(const PlayOutcome& o, std::ostream& out) {
    const Session& s = o.session;
    out << "\n== Transcript ==\n";
    const auto& t = s.transcript();
    for (size_t i = 0; i < t.size(); ++i) {
        if (t[i].speaker == TranscriptEntry::Speaker::Narrator) out << "-- " << t[i].text << " --\n";
        else out << line_prefix(o.scenario, t, i, false) << t[i].text << '\n';
    }
    out << '\n';
    if (o.abandoned || !s.ended()) {
        out << "Conversation abandoned after " << s.turns().size() << " replies"
            << (o.abandon_reason.empty() ? "" : ": " + o.abandon_reason) << ".\n";
        print_debrief(o, out);
        return kExitFailed;
    }
    const Ending& e = *s.ending();
    out << "Ending: " << e.title << " (" << ending_type_key(e.type) << ")\n";
    if (!e.epilogue.empty()) out << e.epilogue << '\n';
    out << "Final mood: " << s.mood() << "/100 after " << s.turns().size() << " replies.\n";
    print_debrief(o, out);
    return kExitOk;
}

enum class Answer { Choice, Timeout, Invalid, End };

// Turns one answer ("2", "t") into a choice index of the node; `index` is set for Answer::Choice.
// `shown` lists the choice indices in the order the menu showed them.
Answer interpret(const std::string& text, const Node& node, const std::vector<int>& shown, int& index) {
    if (text == "t" || text == "T") return node.on_timeout ? Answer::Timeout : Answer::Invalid;
    if (text.empty() || text.size() > 4 || text.find_first_not_of("0123456789") != std::string::npos)
        return Answer::Invalid;
    const int n = std::stoi(text);
    if (n < 1 || n > static_cast<int>(shown.size())) return Answer::Invalid;
    index = shown[n - 1];
    return Answer::Choice;
}

int play(const PlayOptions& opt) {
    const TerminalGuard guard;  // whatever the scenario says, it never reaches the terminal as a command
    LoadResult r = load(opt.file);
    if (!r.ok()) {
        print_diagnostics(std::cerr, r.diagnostics);
        for (const auto& d : r.diagnostics)
            if (is_unreadable(d)) return kExitUsage;
        std::cerr << "play: " << opt.file << " has errors; fix them first (turnaround-cli lint shows them all)\n";
        return kExitFailed;
    }
    const Scenario& sc = *r.scenario;
    if (opt.batch) return play_batch(sc, *opt.batch, opt.seed);
    const bool interactive = !opt.scripted && isatty(STDIN_FILENO);
    // At the keyboard, a fresh order every time; scripts and pipes keep the file's order (stable).
    std::optional<std::uint64_t> seed = opt.seed;
    if (!seed && interactive) {
        std::random_device rd;
        seed = fresh_seed_from((static_cast<std::uint64_t>(rd()) << 32) ^ rd());
    }
    Session session(sc, seed);
    std::ostream& out = opt.json ? std::cerr : std::cout;
    print_intro(sc, out);
    if (seed) out << "Replies are shuffled (seed " << *seed << "; --seed " << *seed << " replays this order)\n\n";

    const Conversation c = converse(session, opt.scripted ? &*opt.scripted : nullptr, interactive, &out);
    if (c.not_offered) {
        std::cerr << "play: --choices item " << c.not_offered->item << " ('" << c.not_offered->answer
                  << "') is not offered here; " << c.not_offered->hint << '\n';
        return kExitUsage;
    }
    PlayOutcome outcome{sc, session, c.abandoned, c.abandon_reason};
    outcome.json = opt.json;
    const int status = print_play_end(outcome, out);
    if (opt.scripted) warn_unused_choices(*opt.scripted, c.script_used, session.turns().size());
    return status;
}

int run_play(const std::vector<std::string>& args) {
    PlayOptions opt;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--choices" || a.rfind("--choices=", 0) == 0) {
            if (a == "--choices" && i + 1 >= args.size()) {
                std::cerr << "play: --choices needs a list such as 2,1,3\n";
                return kExitUsage;
            }
            opt.scripted = split_commas(a == "--choices" ? args[++i] : a.substr(10));
        } else if (a == "--seed" || a.rfind("--seed=", 0) == 0) {
            if (a == "--seed" && i + 1 >= args.size()) {
                std::cerr << "play: --seed needs a number such as 123456\n";
                return kExitUsage;
            }
            const std::string v = a == "--seed" ? args[++i] : a.substr(7);
            opt.seed = parse_seed(v);
            if (!opt.seed) {
                std::cerr << "play: --seed: '" << v << "' is not a whole number from 0 to 18446744073709551615\n";
                return kExitUsage;
            }
        } else if (a == "--batch" || a.rfind("--batch=", 0) == 0) {
            if (a == "--batch" && i + 1 >= args.size()) {
                std::cerr << "play: --batch needs a file of choice lists (- for standard input)\n";
                return kExitUsage;
            }
            opt.batch = a == "--batch" ? args[++i] : a.substr(8);
        } else if (a == "--json") {
            opt.json = true;
        } else if (a.size() > 1 && a[0] == '-') {
            std::cerr << "play: unknown option '" << a << "' (see turnaround-cli play --help)\n";
            return kExitUsage;
        } else if (opt.file.empty()) {
            opt.file = a;
        } else {
            std::cerr << "play: give one scenario file\n";
            return kExitUsage;
        }
    }
    if (opt.file.empty()) {
        std::cerr << "play: name the scenario file to play\n" << kUsage;
        return kExitUsage;
    }
    if (opt.batch && opt.scripted) {
        std::cerr << "play: --batch takes its choice lists from the file; leave out --choices\n";
        return kExitUsage;
    }
    return play(opt);
}

const Registration reg{{"play", "play a scenario in the terminal (replies by number, or scripted)", kUsage, run_play}};

}  // namespace

Conversation converse(Session& session, const std::vector<std::string>* script, bool interactive, std::ostream* out) {
    Conversation c;
    size_t printed = 0;
    int bad_in_a_row = 0;
    while (!session.ended()) {
        if (out) print_entries(session, printed, *out);
        printed = session.transcript().size();
        const Node& node = *session.current_node();
        const auto available = session.presented_choices();
        if (out) print_menu(node, available, *out);
        if (available.empty() && !node.on_timeout) {
            // lint refuses such a scenario; a model built another way must still not ask for "1 to 0".
            c.abandoned = true;
            c.abandon_reason = "the scenario is stuck at node '" + node.id + "': no reply is offered (" +
                               why_no_reply(node, {session.flags().begin(), session.flags().end()}) +
                               "); turnaround-cli lint shows how to fix it";
            break;
        }

        std::string answer;
        if (script) {
            if (c.script_used >= script->size()) {
                c.abandoned = true;
                c.abandon_reason = "the --choices list ran out before an ending";
                break;
            }
            answer = (*script)[c.script_used++];
            if (out) *out << "> " << answer << '\n';
        } else {
            *out << "> " << std::flush;
            if (!std::getline(std::cin, answer)) {
                *out << '\n';
                c.abandoned = true;
                c.abandon_reason = "input ended";
                break;
            }
            if (!interactive) *out << answer << '\n';  // so a piped log reads like the session
            if (!answer.empty() && answer.back() == '\r') answer.pop_back();
        }

        int index = 0;
        switch (interpret(answer, node, available, index)) {
            case Answer::Choice: session.choose(index); bad_in_a_row = 0; break;
            case Answer::Timeout: session.time_out(); bad_in_a_row = 0; break;
            default: {
                std::string hint = available.empty()
                                       ? "no reply is offered here; type t to let the timer run out"
                                       : "type a number from 1 to " + std::to_string(available.size()) +
                                             (node.on_timeout ? ", or t to let the timer run out" : "");
                if (script) {
                    c.not_offered = NotOffered{c.script_used, answer, node.id, hint};
                    return c;
                }
                std::cerr << "'" << answer << "' is not one of the replies; " << hint << '\n';
                if (!interactive && ++bad_in_a_row >= kMaxBadAnswersOnPipe) {
                    c.abandoned = true;
                    c.abandon_reason = "too many answers that were not replies";
                    break;
                }
                printed = session.transcript().size();
                continue;
            }
        }
        if (c.abandoned) break;
    }
    if (out) print_entries(session, printed, *out);
    return c;
}

std::string debrief_json(const Session& session) {
    const scoring::Debrief d = scoring::grade(session.scenario(), session, scoring::default_rubric());
    return with_order_seed(scoring::debrief_to_json(d), session);
}

std::vector<std::string> split_commas(const std::string& s) {
    std::vector<std::string> out;
    std::stringstream in(s);
    std::string item;
    while (std::getline(in, item, ',')) {
        size_t b = item.find_first_not_of(" \t"), e = item.find_last_not_of(" \t");
        out.push_back(b == std::string::npos ? "" : item.substr(b, e - b + 1));
    }
    return out;
}

std::optional<std::uint64_t> parse_seed(const std::string& v) {
    errno = 0;
    char* end = nullptr;
    const unsigned long long n = std::strtoull(v.c_str(), &end, 10);
    if (v.empty() || v.size() > 20 || v.find_first_not_of("0123456789") != std::string::npos || *end || errno == ERANGE)
        return std::nullopt;
    return static_cast<std::uint64_t>(n);
}

// Left-over --choices do no harm (the ending was reached), but a script that no longer matches
// the scenario, e.g. after an edit that shortened the conversation, should not pass unnoticed.
void warn_unused_choices(const std::vector<std::string>& scripted, size_t used, size_t turns, const std::string& where) {
    if (used >= scripted.size()) return;
    const size_t extra = scripted.size() - used;
    std::string items;
    for (size_t i = used; i < scripted.size(); ++i) items += (i > used ? "," : "") + scripted[i];
    std::cout.flush();  // after the debrief, where it is seen
    std::cerr << where << "warning: the conversation ended after " << turns << (turns == 1 ? " turn; " : " turns; ")
              << extra << (extra == 1 ? " extra choice was" : " extra choices were") << " not used (" << items
              << ")\n";
}

}  // namespace ta::cli
