// turnaround-cli room: opens a workshop room for a scenario, headless. Participants join from
// their phones (the printed link or QR code); the facilitator steps the room from this terminal
// or from their own phone. When the conversation ends the session is recorded.
#include <chrono>
#include <csignal>
#include <iostream>
#include <memory>
#include <poll.h>
#include <random>
#include <unistd.h>

#include "cli_common.h"
#include "command.h"
#include "qr_code.h"
#include "reply_order.h"
#include "room.h"
#include "room_code.h"
#include "room_server.h"
#include "store_cli.h"

namespace ta::cli {
namespace {

const char* kUsage =
    "Usage: turnaround-cli room FILE [options]\n"
    "\n"
    "Opens a workshop room for the scenario in FILE. Participants open the printed link (or scan the\n"
    "QR code) on their phones, on the same network, and vote at each decision; the facilitator\n"
    "types commands here or uses the facilitator link on their own phone (keep that link off the\n"
    "projector: it shows what each reply teaches). When the conversation ends the session is\n"
    "recorded with every participant's votes at once; the room then stays open so that every\n"
    "phone (one that reloads, too) shows the debrief, until 'quit' or the --linger time is up.\n"
    "\n"
    "Commands (one a line):  start | reveal | next [LETTER] | status | quit\n"
    "  next        goes on with the majority; on a tie, or when nobody voted, give the LETTER\n"
    "  quit        closes the room; an unfinished session is recorded as not completed\n"
    "  (end of input does not close the room: the facilitator's page can still run it)\n"
    "\n"
    "Options:\n"
    "  --port N          port to listen on (default: any free port)\n"
    "  --bind ADDR       address to listen on (default 0.0.0.0, every network of this machine)\n"
    "  --host ADDR       address put in the join link (default: this machine's network address)\n"
    "  --names-required  participants must give a name or a team (default: anonymous allowed)\n"
    "  --seed N          the room's reply order (default: a fresh shuffle, printed)\n"
    "  --rate N          requests a second allowed per address, bursts of 3N (default 10; 0 = no limit)\n"
    "  --facilitator NAME, --room NAME   recorded with the session\n"
    "  --db PATH         results database (default: $XDG_DATA_HOME/turnaround/results.db)\n"
    "  --no-qr           do not draw the QR code in the terminal\n"
    "  --linger SECONDS  after the end, how long the phones can still read the debrief (default 600)\n"
    "\n"
    "The first line printed is machine-readable:\n"
    "  room: code=CODE port=PORT url=JOIN_URL facilitator=FACILITATOR_URL\n"
    "\n"
    "Exit status: 0 recorded, 1 not recorded, 2 bad arguments or unreadable files.\n";

volatile std::sig_atomic_t g_stop = 0;
void on_signal(int) { g_stop = 1; }

int usage_error(const std::string& msg) {
    std::cerr << "room: " << msg << " (see turnaround-cli room --help)\n";
    return kExitUsage;
}

void print_status(room::RoomServer& server) {
    room::FacilitatorView f = server.facilitator_view();
    const room::RoomView& v = f.room;
    std::cout << "status: " << room::phase_key(v.phase) << ", " << v.participants << " joined";
    if (v.phase == room::Phase::Voting || v.phase == room::Phase::Revealed) {
        std::cout << ", decision " << v.decision + 1 << ", " << v.voted << " voted\n";
        for (std::size_t k = 0; k < v.options.size(); ++k)
            std::cout << "  " << v.options[k].letter << " (" << v.options[k].votes << ") " << v.options[k].text << "\n";
        if (v.phase == room::Phase::Revealed)
            std::cout << (v.majority.empty() ? "  no majority: choose with 'next LETTER'\n" : "  majority: " + v.majority + "\n");
    } else {
        std::cout << "\n";
    }
    std::cout << std::flush;
}

// Runs one facilitator command; false on "quit".
bool run_command(room::RoomServer& server, const std::string& line) {
    std::string cmd = line.substr(0, line.find(' '));
    std::string arg = line.find(' ') == std::string::npos ? "" : line.substr(line.find(' ') + 1);
    if (cmd.empty()) return true;
    if (cmd == "quit") return false;
    if (cmd == "status") {
        print_status(server);
        return true;
    }
    room::StepStatus st;
    if (cmd == "start")
        st = server.act([](room::Room& r, long long now) { return r.start(now); });
    else if (cmd == "reveal")
        st = server.act([](room::Room& r, long long now) { return r.reveal(now); });
    else if (cmd == "next") {
        for (char& c : arg) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        std::optional<std::string> call = arg.empty() ? std::nullopt : std::optional<std::string>(arg);
        st = server.act([&](room::Room& r, long long now) { return r.advance(call, now); });
    } else {
        std::cout << "room: unknown command '" << cmd << "' (start, reveal, next [LETTER], status, quit)\n" << std::flush;
        return true;
    }
    if (st != room::StepStatus::Ok) std::cout << "room: " << room::step_status_message(st) << "\n";
    print_status(server);
    return true;
}

// The facilitator's terminal: whole lines as they arrive, without blocking the room. At the end
// of input it keeps waiting, since the facilitator's page can still run the room.
class FacilitatorInput {
public:
    std::vector<std::string> lines(int wait_ms) {
        std::vector<std::string> out;
        pollfd p{STDIN_FILENO, POLLIN, 0};
        if (!open_ || poll(&p, 1, wait_ms) <= 0) {
            if (!open_) usleep(static_cast<useconds_t>(wait_ms) * 1000);
            return out;
        }
        char buf[512];
        ssize_t n = read(STDIN_FILENO, buf, sizeof buf);
        if (n <= 0) {
            open_ = false;
            return out;
        }
        pending_.append(buf, static_cast<std::size_t>(n));
        for (std::size_t nl; (nl = pending_.find('\n')) != std::string::npos;) {
            std::string line = pending_.substr(0, nl);
            pending_.erase(0, nl + 1);
            while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
            out.push_back(std::move(line));
        }
        return out;
    }

private:
    std::string pending_;
    bool open_ = true;
};

int run(const std::vector<std::string>& in) {
    std::vector<std::string> args = in;
    bool missing = false;
    auto port = take_option(args, "--port", missing);
    auto bind = take_option(args, "--bind", missing);
    auto host = take_option(args, "--host", missing);
    auto seed_text = take_option(args, "--seed", missing);
    auto rate = take_option(args, "--rate", missing);
    auto facilitator = take_option(args, "--facilitator", missing);
    auto room_name = take_option(args, "--room", missing);
    auto db_path = take_option(args, "--db", missing);
    auto linger_text = take_option(args, "--linger", missing);
    const bool names_required = take_flag(args, "--names-required");
    const bool no_qr = take_flag(args, "--no-qr");
    if (missing) return usage_error("an option is missing its value");
    if (args.size() != 1 || args[0].rfind("--", 0) == 0) return usage_error("give exactly one scenario FILE");

    room::ServerSettings server_settings;
    room::RoomSettings room_settings;
    int linger_seconds = 600;
    try {
        if (port) server_settings.port = std::stoi(*port);
        if (rate) server_settings.requests_per_second = std::stod(*rate), server_settings.burst = 3 * server_settings.requests_per_second;
        if (seed_text) room_settings.order_seed = std::stoull(*seed_text);
        if (linger_text) linger_seconds = std::stoi(*linger_text);
    } catch (...) {
        return usage_error("--port, --rate, --seed and --linger take numbers");
    }
    if (linger_seconds < 0) return usage_error("--linger is 0 or more seconds");
    if (server_settings.port < 0 || server_settings.port > 65535) return usage_error("--port is 1 to 65535");
    if (bind) server_settings.bind = *bind;
    if (host) server_settings.public_host = *host;
    room_settings.allow_anonymous = !names_required;
    if (!room_settings.order_seed) {
        std::random_device rd;
        room_settings.order_seed = fresh_seed_from((static_cast<std::uint64_t>(rd()) << 32) ^ rd());
    }

    LoadResult loaded = load(args[0]);
    if (!loaded.ok()) {
        print_diagnostics(std::cerr, loaded.diagnostics);
        return kExitUsage;
    }
    store::ResultsStore db;
    if (!open_results(db, db_path, "room")) return kExitUsage;

    const Scenario& sc = *loaded.scenario;
    auto owned = std::make_unique<room::Room>(sc, scoring::default_rubric(), room::new_room_code(), room_settings);
    room::RoomServer server(std::move(owned), server_settings);
    std::string error;
    if (!server.start(&error)) {
        std::cerr << "room: " << error << "\n";
        return kExitUsage;
    }
    const std::string code = server.act([](room::Room& r, long long) { return r.code(); });
    const std::string started_at = store::now_utc_iso8601();
    std::cout << "room: code=" << code << " port=" << server.port() << " url=" << server.join_url()
              << " facilitator=" << server.facilitator_url() << "\n";
    std::cout << "Room " << code << " is open for \"" << sc.title << "\" (replies shuffled, seed "
              << *room_settings.order_seed << ").\nParticipants join at " << server.join_url() << "\n";
    if (!no_qr) std::cout << room::qr_to_text(room::make_qr(server.join_url()));
    std::cout << "Type 'start' when the room is ready ('status' shows who has joined).\n" << std::flush;

    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    FacilitatorInput input;
    bool quit = false;
    while (!g_stop && !quit && server.projector_view().phase != room::Phase::Ended)
        for (const std::string& line : input.lines(200))
            if (!quit && !run_command(server, line)) quit = true;

    // Recorded the moment it ends (or is quit): nothing waits on the linger below.
    store::WorkshopRecord record = server.act([&](room::Room& r, long long) {
        return r.record(facilitator.value_or(""), room_name.value_or(code), started_at);
    });
    const bool recorded = db.record_workshop(record, &error);
    if (!recorded) std::cerr << "room: the session could not be recorded: " << error << "\n";
    else
        std::cout << "room: recorded as session " << record.id << (record.completed ? "" : " (not completed)")
                  << "; see: turnaround-cli report --session " << record.id << "\n" << std::flush;
    if (recorded) deliver_if_configured(db, "room");

    // The phones keep the debrief on screen; one that reloads or joins late still gets it.
    if (!g_stop && !quit && linger_seconds > 0) {
        std::cout << "The phones show the room's debrief. Type 'quit' to close the room (it closes by itself in "
                  << linger_seconds << " s).\n" << std::flush;
        const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(linger_seconds);
        while (!g_stop && !quit && std::chrono::steady_clock::now() < until)
            for (const std::string& line : input.lines(200))
                if (line == "quit") quit = true;
                else if (!line.empty()) std::cout << "room: the conversation has ended; type 'quit' to close the room\n" << std::flush;
    }
    server.stop();
    return recorded ? kExitOk : kExitFailed;
}

const Registration reg{Command{"room", "open a workshop room: participants vote from their phones", kUsage, run}};

}  // namespace
}  // namespace ta::cli
