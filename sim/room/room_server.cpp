#include "room_server.h"

#include <chrono>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "lan_address.h"
#include "pages.h"
#include "room_code.h"
#include "room_json.h"

namespace ta::room {
namespace {

using nlohmann::json;

long long steady_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

void send_json(httplib::Response& res, int status, const std::string& body) {
    res.status = status;
    res.set_content(body, "application/json; charset=utf-8");
}

void send_error(httplib::Response& res, int status, const std::string& message) {
    send_json(res, status, json{{"error", message}}.dump());
}

// A request body as a JSON object, or nullopt (and a 400 sent) when it is not one.
std::optional<json> body_object(const httplib::Request& req, httplib::Response& res) {
    json j = json::parse(req.body, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        send_error(res, 400, "the body must be a JSON object");
        return std::nullopt;
    }
    return j;
}

std::string str_field(const json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

long long number_param(const httplib::Request& req, const char* key, long long fallback) {
    if (!req.has_param(key)) return fallback;
    try {
        return std::stoll(req.get_param_value(key));
    } catch (...) {
        return fallback;
    }
}

int vote_http_status(VoteStatus s) {
    switch (s) {
        case VoteStatus::Counted:
        case VoteStatus::Changed: return 200;
        case VoteStatus::UnknownParticipant: return 403;
        case VoteStatus::NoSuchOption: return 400;
        case VoteStatus::NotOpen:
        case VoteStatus::OtherDecision: return 409;
    }
    return 400;
}

}  // namespace

RoomServer::RoomServer(std::unique_ptr<Room> room, ServerSettings settings)
    : room_(std::move(room)),
      settings_(std::move(settings)),
      key_(new_secret()),
      http_(std::make_unique<httplib::Server>()),
      limiter_(settings_.requests_per_second, settings_.burst),
      started_ns_(steady_ns()) {
    routes();
}

RoomServer::~RoomServer() { stop(); }

long long RoomServer::now_ms() const { return (steady_ns() - started_ns_) / 1000000; }

void RoomServer::set_on_change(std::function<void()> f) {
    std::lock_guard<std::mutex> lock(mutex_);
    on_change_ = std::move(f);
}

void RoomServer::notify_locked(std::unique_lock<std::mutex>& lock) {
    auto callback = on_change_;
    lock.unlock();
    changed_.notify_all();
    if (callback) callback();
    lock.lock();
}

// Phones wait for the stage (a vote must not wake sixty phones); the facilitator for any change.
void RoomServer::wait_for_change(std::unique_lock<std::mutex>& lock, long long since, bool phones) {
    changed_.wait_for(lock, std::chrono::milliseconds(settings_.long_poll_ms), [&] {
        return (phones ? room_->stage() : room_->version()) > since || !running_;
    });
}

RoomView RoomServer::projector_view() {
    std::lock_guard<std::mutex> lock(mutex_);
    return room_->view("", now_ms());
}

FacilitatorView RoomServer::facilitator_view() {
    std::lock_guard<std::mutex> lock(mutex_);
    return room_->facilitator_view(now_ms());
}

long long RoomServer::version() {
    std::lock_guard<std::mutex> lock(mutex_);
    return room_->version();
}

std::string RoomServer::join_url() const {
    return "http://" + host_ + ":" + std::to_string(port_) + "/?room=" + room_->code();
}

std::string RoomServer::facilitator_url() const {
    return "http://" + host_ + ":" + std::to_string(port_) + "/facilitator?room=" + room_->code() + "&key=" + key_;
}

void RoomServer::routes() {
    httplib::Server& s = *http_;
    s.set_payload_max_length(4096);
    s.set_keep_alive_timeout(30);
    // cpp-httplib writes a response's headers and body apart: with Nagle's algorithm the body waits
    // for the phone's delayed ACK, some 40 ms on every answer (a long poll's update included).
    s.set_tcp_nodelay(true);
    s.set_read_timeout(10, 0);
    s.set_write_timeout(10, 0);
    const int threads = settings_.threads;
    s.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<std::size_t>(threads)); };
    s.set_default_headers({{"Cache-Control", "no-store"},
                           {"X-Content-Type-Options", "nosniff"},
                           {"Referrer-Policy", "no-referrer"},
                           {"Content-Security-Policy",
                            "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                            "connect-src 'self'; img-src data:; form-action 'self'; frame-ancestors 'none'"}});

    // Throttle first: a flood is refused before any work is done for it.
    s.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
        if (limiter_.allow(req.remote_addr, now_ms())) return httplib::Server::HandlerResponse::Unhandled;
        res.set_header("Retry-After", "1");
        send_error(res, 429, "too many requests: wait a moment");
        return httplib::Server::HandlerResponse::Handled;
    });
    s.set_error_handler([](const httplib::Request&, httplib::Response& res) {
        if (res.body.empty()) send_error(res, res.status, res.status == 413 ? "request too large" : "not found");
    });

    auto code_ok = [this](const std::string& code) { return !code.empty() && same_secret(code, room_->code()); };
    auto key_ok = [this](const std::string& key) { return !key.empty() && same_secret(key, key_); };

    s.Get("/", [this, code_ok](const httplib::Request& req, httplib::Response& res) {
        const std::string_view page = code_ok(req.get_param_value("room")) ? phone_page_html() : code_form_html();
        res.set_content(std::string(page), "text/html; charset=utf-8");
    });
    s.Get("/facilitator", [code_ok, key_ok](const httplib::Request& req, httplib::Response& res) {
        if (!code_ok(req.get_param_value("room")) || !key_ok(req.get_param_value("key"))) {
            send_error(res, 403, "wrong room code or facilitator key");
            return;
        }
        res.set_content(std::string(facilitator_page_html()), "text/html; charset=utf-8");
    });

    s.Get("/api/state", [this, code_ok](const httplib::Request& req, httplib::Response& res) {
        if (!code_ok(req.get_param_value("room"))) return send_error(res, 404, "no room with that code");
        const std::string token = req.get_param_value("token");
        const long long since = number_param(req, "since", 0);
        std::unique_lock<std::mutex> lock(mutex_);
        wait_for_change(lock, since, true);
        send_json(res, 200, room_view_json(room_->view(token, now_ms())));
    });

    s.Post("/api/join", [this, code_ok](const httplib::Request& req, httplib::Response& res) {
        auto body = body_object(req, res);
        if (!body) return;
        if (!code_ok(str_field(*body, "room"))) return send_error(res, 404, "no room with that code");
        const std::string name = str_field(*body, "name"), team = str_field(*body, "team");
        if (name.size() > 200 || team.size() > 200) return send_error(res, 400, "name or team too long");
        std::unique_lock<std::mutex> lock(mutex_);
        const long long before = room_->version();
        JoinOutcome out = room_->join(name, team, str_field(*body, "token"));
        if (out.status == JoinStatus::NameNeeded) return send_error(res, 400, "please give your name or team");
        if (out.status == JoinStatus::Full) return send_error(res, 409, "the room is full");
        if (out.status == JoinStatus::Ended) return send_error(res, 409, "this workshop has ended");
        std::string view = room_view_json(room_->view(out.token, now_ms()));
        if (room_->version() != before) notify_locked(lock);
        send_json(res, 200, json{{"token", out.token}, {"state", json::parse(view)}}.dump());
    });

    s.Post("/api/vote", [this, code_ok](const httplib::Request& req, httplib::Response& res) {
        auto body = body_object(req, res);
        if (!body) return;
        if (!code_ok(str_field(*body, "room"))) return send_error(res, 404, "no room with that code");
        auto decision = body->find("decision");
        if (decision == body->end() || !decision->is_number_integer())
            return send_error(res, 400, "\"decision\" must be a whole number");
        std::unique_lock<std::mutex> lock(mutex_);
        VoteStatus st = room_->vote(str_field(*body, "token"), decision->get<int>(), str_field(*body, "letter"), now_ms());
        const int code = vote_http_status(st);
        const long long version = room_->version();  // the room's version with this vote in it
        if (code == 200) notify_locked(lock);
        send_json(res, code, json{{"status", vote_status_message(st)}, {"ok", code == 200}, {"version", version}}.dump());
    });

    s.Get("/api/facilitator", [this, code_ok, key_ok](const httplib::Request& req, httplib::Response& res) {
        if (!code_ok(req.get_param_value("room")) || !key_ok(req.get_param_value("key")))
            return send_error(res, 403, "wrong room code or facilitator key");
        const long long since = number_param(req, "since", 0);
        std::unique_lock<std::mutex> lock(mutex_);
        wait_for_change(lock, since, false);
        send_json(res, 200, facilitator_view_json(room_->facilitator_view(now_ms())));
    });

    s.Post("/api/facilitator/step", [this, code_ok, key_ok](const httplib::Request& req, httplib::Response& res) {
        auto body = body_object(req, res);
        if (!body) return;
        if (!code_ok(str_field(*body, "room")) || !key_ok(str_field(*body, "key")))
            return send_error(res, 403, "wrong room code or facilitator key");
        const std::string action = str_field(*body, "action"), call = str_field(*body, "call");
        std::unique_lock<std::mutex> lock(mutex_);
        const long long before = room_->version();
        StepStatus st;
        if (action == "start")
            st = room_->start(now_ms());
        else if (action == "reveal")
            st = room_->reveal(now_ms());
        else if (action == "advance")
            st = room_->advance(call.empty() ? std::nullopt : std::optional<std::string>(call), now_ms());
        else
            return send_error(res, 400, "\"action\" is start, reveal or advance");
        if (room_->version() != before) notify_locked(lock);
        send_json(res, st == StepStatus::Ok ? 200 : 409,
                  json{{"status", step_status_message(st)}, {"ok", st == StepStatus::Ok}}.dump());
    });
}

bool RoomServer::start(std::string* error) {
    if (running_) return true;
    port_ = settings_.port > 0 ? (http_->bind_to_port(settings_.bind, settings_.port) ? settings_.port : -1)
                               : http_->bind_to_any_port(settings_.bind);
    if (port_ <= 0) {
        if (error) *error = "cannot listen on " + settings_.bind + ":" + std::to_string(settings_.port) +
                            " (is the port in use?)";
        port_ = 0;
        return false;
    }
    host_ = !settings_.public_host.empty()            ? settings_.public_host
            : settings_.bind == "0.0.0.0" || settings_.bind.empty() ? lan_address()
                                                                     : settings_.bind;
    running_ = true;
    listener_ = std::thread([this] { http_->listen_after_bind(); });
    ticker_ = std::thread([this] { tick_loop(); });
    return true;
}

void RoomServer::tick_loop() {
    while (running_) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        act([](Room& r, long long now) { return r.tick(now); });
    }
}

void RoomServer::stop() {
    if (!running_) return;
    running_ = false;
    changed_.notify_all();  // long polls answer at once
    http_->stop();
    if (listener_.joinable()) listener_.join();
    if (ticker_.joinable()) ticker_.join();
}

}  // namespace ta::room
