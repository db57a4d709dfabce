// turnaround-room-bench: sixty phones vote within one second; how soon does the projector show it?
//
// Starts the real window (`turnaround --room SCENARIO`) as a child process on 127.0.0.1 with its
// rate limit off and a frame log (--frame-log: one line per frame drawn, steady-clock time and the
// room's version the projector drew), in a throw-away XDG_CONFIG_HOME / XDG_DATA_HOME. N
// participants join over HTTP, one keep-alive connection each; the facilitator API starts the
// decision and the phones vote, each at its own moment within one second. Two rounds:
//   spread: participant i votes at T0 + i * 1000 ms / N (evenly over the second),
//   burst:  all of them at T0 at once (the next decision).
// A vote's latency is from just before its request is sent to the end of the first frame that
// drew the room at the version the server answered the vote with (so the frame's count includes
// it); the same for the facilitator page's long poll (/api/facilitator?since=), the second
// "projector". Both clocks are std::chrono::steady_clock (CLOCK_MONOTONIC on Linux).
//
// Exit 0 when every vote got a 200 and the facilitator's count is N at each round, 1 when a vote
// was lost, 2 bad arguments, 3 the window did not start or a vote never reached the projector,
// 4 the time bound (--timeout, default 30 s) ran out. The window is killed at the end.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <climits>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

namespace fs = std::filesystem;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

long long now_us() {
    return std::chrono::duration_cast<std::chrono::microseconds>(Clock::now().time_since_epoch()).count();
}

volatile pid_t g_child = 0;

void on_alarm(int) {
    if (g_child > 0) kill(g_child, SIGKILL);
    const char msg[] = "turnaround-room-bench: time bound reached; window killed\n";
    (void)!write(2, msg, sizeof msg - 1);
    _exit(4);
}

struct Args {
    std::string window;
    std::string scenario;
    int participants = 60;
    int timeout_s = 30;
    bool keep = false;
};

std::string exe_dir() {
    std::error_code ec;
    fs::path p = fs::read_symlink("/proc/self/exe", ec);
    return ec ? std::string(".") : p.parent_path().string();
}

const char* kUsage =
    "usage: turnaround-room-bench [--window PATH] [--scenario FILE] [--participants N] [--timeout S] [--keep]\n"
    "  Starts the window with a workshop room on 127.0.0.1 (needs a DISPLAY: run it under xvfb-run -a),\n"
    "  joins N participants (default 60), and has them vote within one second, twice: spread evenly\n"
    "  over the second, then all at once. Prints how long each vote took to reach the projector's\n"
    "  drawn count and the facilitator page's long poll, and how the window kept drawing.\n"
    "  --window PATH      the window program (default: ../sim/turnaround next to this program)\n"
    "  --scenario FILE    the room's scenario (default: the bundled scenarios/examples/wrong-size-boots.yaml)\n"
    "  --timeout S        bound on the whole run, seconds (default 30)\n"
    "  --keep             keep the temporary folder (frame log, window's stderr) and print its path\n";

std::optional<Args> parse(int argc, char** argv) {
    Args a;
    a.window = (fs::path(exe_dir()) / ".." / "sim" / "turnaround").lexically_normal().string();
    a.scenario = std::string(TURNAROUND_SOURCE_DIR) + "/scenarios/examples/wrong-size-boots.yaml";
    for (int i = 1; i < argc; ++i) {
        std::string s = argv[i];
        auto next = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
        const char* v = nullptr;
        if (s == "--window" && (v = next())) a.window = v;
        else if (s == "--scenario" && (v = next())) a.scenario = v;
        else if (s == "--participants" && (v = next())) a.participants = std::atoi(v);
        else if (s == "--timeout" && (v = next())) a.timeout_s = std::atoi(v);
        else if (s == "--keep") a.keep = true;
        else if (s == "--help" || s == "-h") {
            std::fputs(kUsage, stdout);
            std::exit(0);
        } else return std::nullopt;
    }
    if (a.participants < 1 || a.participants > 150 || a.timeout_s < 5 || a.timeout_s > 600) return std::nullopt;
    return a;
}

// The window as a child process whose stdout we read.
struct Window {
    pid_t pid = 0;
    int out = -1;
    std::string buffered;

    bool start(const Args& a, const fs::path& dir, const fs::path& frame_log) {
        int fds[2];
        if (pipe(fds) != 0) return false;
        const std::string err = (dir / "window.stderr").string();
        const pid_t parent = getpid();
        pid = fork();
        if (pid < 0) return false;
        if (pid == 0) {
            prctl(PR_SET_PDEATHSIG, SIGKILL);  // no orphan window if the bench dies
            if (getppid() != parent) _exit(127);
            dup2(fds[1], 1);
            close(fds[0]);
            close(fds[1]);
            int e = open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
            if (e >= 0) dup2(e, 2), close(e);
            setenv("XDG_CONFIG_HOME", (dir / "config").c_str(), 1);
            setenv("XDG_DATA_HOME", (dir / "data").c_str(), 1);
            setenv("LIBGL_ALWAYS_SOFTWARE", "1", 1);
            const std::string log = frame_log.string();
            std::vector<const char*> argv = {a.window.c_str(), "--room",        a.scenario.c_str(), "--room-bind",
                                             "127.0.0.1",      "--room-port",   "0",                "--room-rate",
                                             "0",              "--frame-log",   log.c_str(),        "--window-size",
                                             "1280x800",       "--seed",        "7",                nullptr};
            execv(a.window.c_str(), const_cast<char* const*>(argv.data()));
            std::perror("turnaround-room-bench: cannot start the window");
            _exit(127);
        }
        g_child = pid;
        close(fds[1]);
        out = fds[0];
        return true;
    }

    // The next stdout line, or nullopt after `ms` without one (or at the end of the output).
    std::optional<std::string> line(int ms) {
        const auto until = Clock::now() + std::chrono::milliseconds(ms);
        for (;;) {
            auto nl = buffered.find('\n');
            if (nl != std::string::npos) {
                std::string l = buffered.substr(0, nl);
                buffered.erase(0, nl + 1);
                return l;
            }
            const int left = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now()).count());
            if (left <= 0) return std::nullopt;
            pollfd p{out, POLLIN, 0};
            if (poll(&p, 1, left) <= 0) continue;
            char chunk[4096];
            ssize_t n = read(out, chunk, sizeof chunk);
            if (n <= 0) return std::nullopt;
            buffered.append(chunk, static_cast<std::size_t>(n));
        }
    }

    // SIGTERM, then SIGKILL if it has not gone within two seconds; always reaped.
    int stop() {
        if (pid <= 0) return 0;
        kill(pid, SIGTERM);
        int status = 0;
        for (int i = 0; i < 200; ++i) {
            if (waitpid(pid, &status, WNOHANG) == pid) {
                pid = 0;
                g_child = 0;
                return status;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
        pid = 0;
                g_child = 0;
        return status;
    }
};

struct Frame {
    long long us = 0;
    long long version = -1;
    int voted = -1;
};

std::vector<Frame> read_frames(const fs::path& file) {
    std::vector<Frame> frames;
    std::ifstream in(file);
    std::string l;
    while (std::getline(in, l)) {
        if (l.empty() || l[0] == '#') continue;
        std::istringstream s(l);
        Frame f;
        unsigned long long n = 0;
        if (s >> f.us >> n >> f.voted >> f.version) frames.push_back(f);
    }
    return frames;
}

struct Vote {
    long long send_us = 0, ack_us = 0;
    int http = 0;
    std::string status;
    long long version = -1;  // the room's version with this vote counted
};

// Nearest-rank percentile of sorted values.
double pct(const std::vector<double>& sorted, double p) {
    if (sorted.empty()) return 0;
    std::size_t k = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(sorted.size())));
    return sorted[std::clamp<std::size_t>(k, 1, sorted.size()) - 1];
}

std::string summary(std::vector<double> ms) {
    std::sort(ms.begin(), ms.end());
    char b[160];
    std::snprintf(b, sizeof b, "p50 %6.1f  p90 %6.1f  p99 %6.1f  max %6.1f ms", pct(ms, 50), pct(ms, 90), pct(ms, 99),
                  ms.empty() ? 0.0 : ms.back());
    return b;
}

// The facilitator page's long poll, as a second projector: every answer's arrival and version.
struct LongPoll {
    std::mutex m;
    std::vector<std::pair<long long, long long>> seen;  // (received us, version)
    std::atomic<bool> stop{false};
    std::thread thread;

    void run(int port, std::string code, std::string key, long long since) {
        thread = std::thread([=, this] {
            httplib::Client c("127.0.0.1", port);
            c.set_keep_alive(true);
            c.set_tcp_nodelay(true);
            c.set_read_timeout(25, 0);
            long long v = since;
            while (!stop) {
                auto r = c.Get(("/api/facilitator?room=" + code + "&key=" + key + "&since=" + std::to_string(v)).c_str());
                const long long t = now_us();
                if (!r || r->status != 200) {
                    std::this_thread::sleep_for(std::chrono::milliseconds(20));
                    continue;
                }
                json j = json::parse(r->body, nullptr, false);
                if (j.is_discarded()) continue;
                v = j.value("version", v);
                std::lock_guard<std::mutex> lock(m);
                seen.emplace_back(t, v);
            }
        });
    }
};

json facilitator(httplib::Client& c, const std::string& code, const std::string& key) {
    auto r = c.Get(("/api/facilitator?room=" + code + "&key=" + key + "&since=0").c_str());
    if (!r || r->status != 200) return json();
    return json::parse(r->body, nullptr, false);
}

bool step(httplib::Client& c, const std::string& code, const std::string& key, const std::string& action,
          const std::string& call = "") {
    auto r = c.Post("/api/facilitator/step", json{{"room", code}, {"key", key}, {"action", action}, {"call", call}}.dump(),
                    "application/json");
    if (!r || r->status != 200) {
        std::fprintf(stderr, "turnaround-room-bench: step %s failed: %s\n", action.c_str(), r ? r->body.c_str() : "no answer");
        return false;
    }
    return true;
}

struct RoundResult {
    std::string name;
    std::vector<Vote> votes;
    int counted = -1;  // the facilitator API's count afterwards
    long long t0 = 0;
};

}  // namespace

int main(int argc, char** argv) {
    auto parsed = parse(argc, argv);
    if (!parsed) {
        std::fputs(kUsage, stderr);
        return 2;
    }
    const Args a = *parsed;
    if (!std::getenv("DISPLAY")) {
        std::fprintf(stderr, "turnaround-room-bench: no DISPLAY; run it under xvfb-run -a\n");
        return 2;
    }
    signal(SIGALRM, on_alarm);
    alarm(static_cast<unsigned>(a.timeout_s));
    signal(SIGPIPE, SIG_IGN);

    char tmpl[] = "/tmp/turnaround-room-bench.XXXXXX";
    if (!mkdtemp(tmpl)) return 3;
    const fs::path dir = tmpl;
    fs::create_directories(dir / "config");
    fs::create_directories(dir / "data");
    const fs::path frame_log = dir / "frames.log";
    auto cleanup = [&] {
        if (a.keep) std::printf("kept: %s\n", dir.c_str());
        else {
            std::error_code ec;
            fs::remove_all(dir, ec);
        }
    };

    Window w;
    const long long launched = now_us();
    if (!w.start(a, dir, frame_log)) return 3;
    std::optional<std::string> first;
    while ((first = w.line(15000)) && first->rfind("room: code=", 0) != 0) {
    }
    if (!first) {
        std::fprintf(stderr, "turnaround-room-bench: the window printed no room line; its stderr:\n");
        std::ifstream e(dir / "window.stderr");
        std::fprintf(stderr, "%s", std::string(std::istreambuf_iterator<char>(e), {}).c_str());
        w.stop();
        cleanup();
        return 3;
    }
    auto field = [&](const std::string& name) {
        auto at = first->find(name + "=");
        if (at == std::string::npos) return std::string();
        at += name.size() + 1;
        return first->substr(at, first->find(' ', at) - at);
    };
    const std::string code = field("code");
    const int port = std::atoi(field("port").c_str());
    const std::string fac = field("facilitator");
    const std::string key = fac.substr(fac.find("key=") + 4);
    const double startup_ms = static_cast<double>(now_us() - launched) / 1000.0;

    httplib::Client control("127.0.0.1", port);
    control.set_keep_alive(true);
    control.set_tcp_nodelay(true);

    // The participants join, one keep-alive connection each.
    const int n = a.participants;
    std::vector<std::unique_ptr<httplib::Client>> phones;
    std::vector<std::string> tokens;
    for (int i = 0; i < n; ++i) {
        auto c = std::make_unique<httplib::Client>("127.0.0.1", port);
        c->set_keep_alive(true);
        c->set_tcp_nodelay(true);  // as the phones' browsers do: a vote's headers and body go out at once
        c->set_read_timeout(10, 0);
        char name[16];
        std::snprintf(name, sizeof name, "P%02d", i + 1);
        auto r = c->Post("/api/join", json{{"room", code}, {"name", name}, {"team", ""}}.dump(), "application/json");
        if (!r || r->status != 200) {
            std::fprintf(stderr, "turnaround-room-bench: join %d failed (%d)\n", i + 1, r ? r->status : 0);
            w.stop();
            cleanup();
            return 1;
        }
        tokens.push_back(json::parse(r->body).at("token").get<std::string>());
        phones.push_back(std::move(c));
    }
    if (!step(control, code, key, "start")) {
        w.stop();
        cleanup();
        return 3;
    }
    json f = facilitator(control, code, key);
    LongPoll lp;
    lp.run(port, code, key, f.value("version", 0LL));

    std::vector<RoundResult> rounds;
    for (const char* mode : {"spread", "burst"}) {
        if (f.is_discarded() || f.value("phase", "") != "voting") break;
        const int decision = f.value("decision", 0);
        std::vector<std::string> letters;
        std::string model;
        for (const auto& o : f["options"]) {
            letters.push_back(o.value("letter", ""));
            if (o.value("model", false) && model.empty()) model = letters.back();
        }
        if (model.empty() && !letters.empty()) model = letters[0];
        std::this_thread::sleep_for(std::chrono::milliseconds(300));  // let the window settle on the decision

        RoundResult rr;
        rr.name = mode;
        rr.votes.resize(static_cast<std::size_t>(n));
        const bool spread = std::string(mode) == "spread";
        const auto t0 = Clock::now() + std::chrono::milliseconds(200);
        rr.t0 = std::chrono::duration_cast<std::chrono::microseconds>(t0.time_since_epoch()).count();
        std::vector<std::thread> threads;
        for (int i = 0; i < n; ++i) {
            threads.emplace_back([&, i] {
                // Two in three for the model reply, the rest spread over the others.
                const std::string letter = (i % 3 != 2 || letters.size() < 2) ? model : letters[static_cast<std::size_t>(i) % letters.size()];
                const std::string body = json{{"room", code}, {"token", tokens[static_cast<std::size_t>(i)]}, {"decision", decision}, {"letter", letter}}.dump();
                std::this_thread::sleep_until(spread ? t0 + std::chrono::microseconds(1000000LL * i / n) : t0);
                Vote& v = rr.votes[static_cast<std::size_t>(i)];
                v.send_us = now_us();
                auto r = phones[static_cast<std::size_t>(i)]->Post("/api/vote", body, "application/json");
                v.ack_us = now_us();
                v.http = r ? r->status : 0;
                if (r) {
                    json j = json::parse(r->body, nullptr, false);
                    if (!j.is_discarded()) v.status = j.value("status", ""), v.version = j.value("version", -1LL);
                }
            });
        }
        for (auto& t : threads) t.join();
        std::this_thread::sleep_for(std::chrono::milliseconds(400));  // the last frames and long-poll answers
        json after = facilitator(control, code, key);
        rr.counted = after.is_discarded() ? -1 : after.value("voted", -1);
        rounds.push_back(std::move(rr));

        if (!step(control, code, key, "reveal") || !step(control, code, key, "advance", model)) break;
        f = facilitator(control, code, key);
    }
    lp.stop = true;
    w.stop();  // the long poll's connection closes with the window
    if (lp.thread.joinable()) lp.thread.join();
    alarm(0);

    const std::vector<Frame> frames = read_frames(frame_log);
    std::printf("turnaround-room-bench: %d participants, scenario %s, window %s (startup %.0f ms, %zu frames logged)\n", n,
                fs::path(a.scenario).filename().c_str(), a.window.c_str(), startup_ms, frames.size());
    bool lost = false, unseen = false;
    std::vector<double> all_frame, all_poll;
    for (const auto& rr : rounds) {
        std::vector<double> frame_ms, poll_ms, rtt_ms;
        int ok = 0;
        long long first_send = LLONG_MAX, last_send = 0, last_shown = 0;
        for (const auto& v : rr.votes) {
            if (v.http == 200 && v.status == "counted") ++ok;
            first_send = std::min(first_send, v.send_us);
            last_send = std::max(last_send, v.send_us);
            rtt_ms.push_back(static_cast<double>(v.ack_us - v.send_us) / 1000.0);
            auto fr = std::find_if(frames.begin(), frames.end(), [&](const Frame& x) { return x.version >= v.version && v.version > 0; });
            if (fr == frames.end()) unseen = true;
            else {
                frame_ms.push_back(static_cast<double>(fr->us - v.send_us) / 1000.0);
                last_shown = std::max(last_shown, fr->us);
            }
            std::lock_guard<std::mutex> lock(lp.m);
            auto pl = std::find_if(lp.seen.begin(), lp.seen.end(), [&](const auto& x) { return x.second >= v.version && v.version > 0; });
            if (pl != lp.seen.end()) poll_ms.push_back(static_cast<double>(pl->first - v.send_us) / 1000.0);
        }
        if (ok != n || rr.counted != n) lost = true;
        // Frames while the votes arrived: from the first vote sent to the frame that showed the last.
        // (The idle window draws 4 frames a second, so the wait for the first vote's frame is its
        // latency, not a gap.)
        int during = 0;
        long long gap = 0, prev = -1;
        for (const auto& fr : frames) {
            if (fr.us < first_send || fr.us > last_shown) continue;
            ++during;
            if (prev >= 0) gap = std::max(gap, fr.us - prev);
            prev = fr.us;
        }
        const int in_second = static_cast<int>(std::count_if(frames.begin(), frames.end(), [&](const Frame& x) {
            return x.us >= rr.t0 && x.us < rr.t0 + 1000000;
        }));
        std::printf("\n%s: %d votes %s (sent over %.0f ms from T0)\n", rr.name.c_str(), n,
                    rr.name == "spread" ? "spread evenly over one second" : "all at once", static_cast<double>(last_send - rr.t0) / 1000.0);
        std::printf("  answered 200: %d of %d; facilitator count afterwards: %d%s\n", ok, n, rr.counted,
                    ok == n && rr.counted == n ? "  (every vote counted)" : "  VOTES LOST");
        std::printf("  vote -> projector frame:   %s  (%zu of %d seen)\n", summary(frame_ms).c_str(), frame_ms.size(), n);
        std::printf("  vote -> facilitator poll:  %s  (%zu of %d seen)\n", summary(poll_ms).c_str(), poll_ms.size(), n);
        std::printf("  vote request round trip:   %s\n", summary(rtt_ms).c_str());
        std::printf("  frames drawn in the vote second: %d; while votes arrived: %d (%.0f ms), largest gap %.1f ms\n", in_second,
                    during, static_cast<double>(last_shown - first_send) / 1000.0, static_cast<double>(gap) / 1000.0);
        auto sorted = [](std::vector<double> v) {
            std::sort(v.begin(), v.end());
            return v;
        };
        const auto fs_ = sorted(frame_ms), ps_ = sorted(poll_ms);
        std::printf("  result: %s p50=%.1f p99=%.1f max=%.1f poll_p50=%.1f poll_p99=%.1f frames=%d gap=%.1f counted=%d/%d\n",
                    rr.name.c_str(), pct(fs_, 50), pct(fs_, 99), fs_.empty() ? 0.0 : fs_.back(), pct(ps_, 50), pct(ps_, 99),
                    in_second, static_cast<double>(gap) / 1000.0, rr.counted, n);
        all_frame.insert(all_frame.end(), frame_ms.begin(), frame_ms.end());
        all_poll.insert(all_poll.end(), poll_ms.begin(), poll_ms.end());
    }
    if (rounds.empty()) {
        std::fprintf(stderr, "turnaround-room-bench: the room never opened voting\n");
        cleanup();
        return 3;
    }
    std::vector<double> sorted = all_frame;
    std::sort(sorted.begin(), sorted.end());
    std::printf("\nall %zu votes -> projector frame: %s; p99 under 100 ms: %s\n", all_frame.size(), summary(all_frame).c_str(),
                !sorted.empty() && pct(sorted, 99) < 100 ? "yes" : "NO");
    std::printf("all %zu votes -> facilitator poll: %s\n", all_poll.size(), summary(all_poll).c_str());
    cleanup();
    if (lost) return 1;
    if (unseen) return 3;
    return 0;
}
