// room_server.h: serves one Room to the phones of a workshop over HTTP (cpp-httplib).
//
// It listens only between start() and stop(), serves only the routes below (everything else is a
// 404), and every request must carry the room code. Phones long-poll the state and post votes; the
// facilitator's phone needs the facilitator key as well. Bodies are capped, bad JSON is a 400, and a
// flood from one address is throttled (429). All rules stay in Room: this layer parses, checks
// secrets and answers with the room's views. The window and `turnaround-cli room` act as the
// facilitator through act(), under the same lock as the requests.
//
//   GET  /?room=CODE                       the phone page (a code form without a valid code)
//   GET  /facilitator?room=CODE&key=KEY    the facilitator's page: teaching points, controls
//   GET  /api/state?room=&token=&since=    the room as this phone sees it; waits for a change
//   POST /api/join   {room, name, team, token?}
//   POST /api/vote   {room, token, decision, letter}  -> {status, ok, version}
//   GET  /api/facilitator?room=&key=&since=
//   POST /api/facilitator/step {room, key, action: start|reveal|advance, call?}
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "rate_limiter.h"
#include "room.h"

namespace httplib {
class Server;
}

namespace ta::room {

struct ServerSettings {
    std::string bind = "0.0.0.0";   // the phones are on the same network; tests use 127.0.0.1
    int port = 0;                   // 0: any free port
    std::string public_host;        // the address put in the join link; "" = this machine's LAN address
    double requests_per_second = 10; // per client address, on average
    double burst = 30;
    int long_poll_ms = 20000;       // how long /api/state waits for a change
    int threads = 160;              // one per open connection: a room of 60 phones keeps ~2 each
};

class RoomServer {
public:
    RoomServer(std::unique_ptr<Room> room, ServerSettings settings = {});
    ~RoomServer();
    RoomServer(const RoomServer&) = delete;
    RoomServer& operator=(const RoomServer&) = delete;

    bool start(std::string* error = nullptr);  // binds and serves in the background
    void stop();                               // stops listening; the room stays readable
    bool running() const { return running_; }
    int port() const { return port_; }
    std::string join_url() const;         // what the QR code holds
    std::string facilitator_url() const;  // for the facilitator's own phone: never on the projector
    const std::string& facilitator_key() const { return key_; }

    // Milliseconds since the server was made, the clock every Room call is given.
    long long now_ms() const;
    // Runs `f(room, now_ms)` under the room's lock and wakes the phones if the room changed.
    template <class F>
    auto act(F&& f) {
        std::unique_lock<std::mutex> lock(mutex_);
        const long long before = room_->version();
        auto result = f(*room_, now_ms());
        if (room_->version() != before) notify_locked(lock);
        return result;
    }
    RoomView projector_view();
    FacilitatorView facilitator_view();
    long long version();
    // Called (from a server thread) after every change, e.g. to wake the window's event loop.
    void set_on_change(std::function<void()> f);

private:
    void routes();
    void notify_locked(std::unique_lock<std::mutex>& lock);
    void wait_for_change(std::unique_lock<std::mutex>& lock, long long since, bool phones);
    void tick_loop();

    std::unique_ptr<Room> room_;
    ServerSettings settings_;
    std::string key_;
    std::unique_ptr<httplib::Server> http_;
    RateLimiter limiter_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::function<void()> on_change_;
    std::thread listener_, ticker_;
    std::atomic<bool> running_{false};
    int port_ = 0;
    std::string host_;
    long long started_ns_ = 0;
};

}  // namespace ta::room
