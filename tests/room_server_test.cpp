// The room's HTTP server, for real on 127.0.0.1: what it serves, what it refuses, and that it
// stops listening when the room closes.
#include <doctest/doctest.h>

#include <future>
#include <memory>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "loader.h"
#include "room_server.h"
#include "rubric.h"
#include "test_support.h"

using namespace ta;
using namespace ta::room;
using nlohmann::json;

namespace {

const Scenario& server_scenario() { return test_support::room_test_scenario(); }

struct Fixture {
    explicit Fixture(ServerSettings s = loopback()) {
        server = std::make_unique<RoomServer>(
            std::make_unique<Room>(server_scenario(), scoring::default_rubric(), "K7QPXM"), s);
        std::string error;
        REQUIRE_MESSAGE(server->start(&error), error);
        client = std::make_unique<httplib::Client>("127.0.0.1", server->port());
        client->set_read_timeout(10, 0);
    }
    static ServerSettings loopback() {
        ServerSettings s;
        s.bind = "127.0.0.1";
        s.requests_per_second = 0;  // no throttle unless a test wants one
        s.long_poll_ms = 3000;
        return s;
    }
    httplib::Result post(const std::string& path, const json& body) {
        return client->Post(path.c_str(), body.dump(), "application/json");
    }
    std::string join(const std::string& name, const std::string& token = "") {
        auto r = post("/api/join", {{"room", "K7QPXM"}, {"name", name}, {"team", ""}, {"token", token}});
        REQUIRE(r);
        REQUIRE(r->status == 200);
        return json::parse(r->body)["token"].get<std::string>();
    }
    int step(const std::string& action, const std::string& call = "") {
        auto r = post("/api/facilitator/step",
                      {{"room", "K7QPXM"}, {"key", server->facilitator_key()}, {"action", action}, {"call", call}});
        REQUIRE(r);
        return r->status;
    }
    std::unique_ptr<RoomServer> server;
    std::unique_ptr<httplib::Client> client;
};

}  // namespace

TEST_CASE("room server: pages and state need the room code; nothing else is served") {
    Fixture f;
    auto form = f.client->Get("/");
    REQUIRE(form);
    CHECK(form->status == 200);
    CHECK(form->body.find("Type the room code") != std::string::npos);
    auto wrong = f.client->Get("/?room=AAAAAA");
    CHECK(wrong->body.find("Type the room code") != std::string::npos);
    auto page = f.client->Get("/?room=K7QPXM");
    CHECK(page->body.find("/api/vote") != std::string::npos);
    CHECK(page->get_header_value("Content-Security-Policy").find("default-src 'none'") != std::string::npos);

    CHECK(f.client->Get("/api/state?room=AAAAAA&since=0")->status == 404);
    CHECK(f.client->Get("/api/state?since=0")->status == 404);
    CHECK(f.client->Get("/etc/passwd")->status == 404);
    CHECK(f.client->Get("/../CMakeLists.txt")->status == 404);
    CHECK(f.client->Get("/facilitator?room=K7QPXM&key=nope")->status == 403);
    CHECK(f.client->Get(("/facilitator?room=K7QPXM&key=" + f.server->facilitator_key()).c_str())->status == 200);
}

TEST_CASE("room server: bad bodies are 400, large ones 413") {
    Fixture f;
    CHECK(f.client->Post("/api/join", "{not json", "application/json")->status == 400);
    CHECK(f.client->Post("/api/join", "[1,2]", "application/json")->status == 400);
    CHECK(f.post("/api/vote", {{"room", "K7QPXM"}, {"token", "x"}, {"decision", "zero"}, {"letter", "A"}})->status == 400);
    std::string big = json{{"room", "K7QPXM"}, {"name", std::string(20000, 'a')}}.dump();
    auto r = f.client->Post("/api/join", big, "application/json");
    REQUIRE(r);
    CHECK(r->status == 413);
    CHECK(f.server->projector_view().participants == 0);
}

TEST_CASE("room server: a phone votes, changes its vote, keeps it when it reconnects, and cannot vote twice") {
    Fixture f;
    std::string ann = f.join("Ann"), bob = f.join("Bob");
    auto vote = [&](const std::string& token, int decision, const std::string& letter) {
        auto r = f.post("/api/vote", {{"room", "K7QPXM"}, {"token", token}, {"decision", decision}, {"letter", letter}});
        REQUIRE(r);
        return r->status;
    };
    CHECK(vote(ann, 0, "A") == 409);  // not started
    CHECK(f.step("start") == 200);
    CHECK(vote(ann, 0, "A") == 200);
    CHECK(vote(ann, 0, "B") == 200);
    CHECK(vote(ann, 0, "B") == 200);
    CHECK(vote(bob, 1, "A") == 409);  // another decision
    CHECK(vote("forged", 0, "A") == 403);
    CHECK(f.server->projector_view().voted == 1);

    // The phone reloads: the same participant, the same vote.
    CHECK(f.join("", ann) == ann);
    auto state = f.client->Get(("/api/state?room=K7QPXM&since=0&token=" + ann).c_str());
    json s = json::parse(state->body);
    CHECK(s["my_vote"] == "B");
    CHECK(s["my_name"] == "Ann");
    CHECK_FALSE(s["options"][0].contains("votes"));  // hidden before the reveal

    CHECK(f.step("reveal") == 200);
    CHECK(vote(bob, 0, "A") == 409);  // too late
    json after = json::parse(f.client->Get("/api/state?room=K7QPXM&since=0")->body);
    CHECK(after["majority"] == "B");
    CHECK(after["options"][1]["votes"] == 1);
    CHECK(f.step("advance") == 200);
    CHECK(f.server->projector_view().decision == 1);
}

TEST_CASE("room server: a waiting phone hears of the next step at once") {
    Fixture f;
    std::string ann = f.join("Ann");
    const long long stage = f.server->projector_view().stage;
    auto waiting = std::async(std::launch::async, [&] {
        httplib::Client c("127.0.0.1", f.server->port());
        c.set_read_timeout(10, 0);
        auto r = c.Get(("/api/state?room=K7QPXM&token=" + ann + "&since=" + std::to_string(stage)).c_str());
        return r ? json::parse(r->body) : json();
    });
    CHECK(waiting.wait_for(std::chrono::milliseconds(300)) == std::future_status::timeout);  // it waits
    CHECK(f.step("start") == 200);
    json s = waiting.get();
    CHECK(s["phase"] == "voting");
    CHECK(s["stage"].get<long long>() > stage);
}

TEST_CASE("room server: a flood from one address is throttled") {
    ServerSettings s = Fixture::loopback();
    s.requests_per_second = 2;
    s.burst = 5;
    Fixture f(s);
    int refused = 0;
    for (int i = 0; i < 20; ++i) {
        auto r = f.client->Get("/?room=K7QPXM");
        REQUIRE(r);
        if (r->status == 429) ++refused;
    }
    CHECK(refused >= 14);
}

TEST_CASE("room server: it listens only while the room is open") {
    Fixture f;
    const int port = f.server->port();
    CHECK(f.client->Get("/?room=K7QPXM"));
    f.server->stop();
    httplib::Client late("127.0.0.1", port);
    late.set_connection_timeout(1, 0);
    CHECK_FALSE(late.Get("/?room=K7QPXM"));
}
