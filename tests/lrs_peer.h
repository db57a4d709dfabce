// lrs_peer.h: what the LRS tests ask of the real LRS that tests/lrs/with_lrs.sh started: the ids
// of every statement it holds (following its "more" pages), and its fault gate.
#pragma once

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <map>
#include <string>

namespace lrs_peer {

inline const char* kKey = "turnaround-key";  // the one client start_lrs.js knows
inline const char* kSecret = "turnaround-secret";

inline std::string env(const char* name) {
    const char* v = std::getenv(name);
    return v ? v : "";
}
inline bool available() { return !env("TURNAROUND_TEST_LRS_URL").empty(); }
inline std::string url() { return env("TURNAROUND_TEST_LRS_URL"); }          // http://127.0.0.1:P/xAPI/
inline std::string gate_url() { return env("TURNAROUND_TEST_LRS_GATE") + "/xAPI/"; }

// "http://127.0.0.1:P/..." -> a client for 127.0.0.1:P.
inline httplib::Client client_for(const std::string& any_url) {
    const std::string rest = any_url.substr(any_url.find("//") + 2);
    const std::string host_port = rest.substr(0, rest.find('/'));
    const auto colon = host_port.find(':');
    httplib::Client c(host_port.substr(0, colon), std::stoi(host_port.substr(colon + 1)));
    c.set_basic_auth(kKey, kSecret);
    c.set_default_headers({{"X-Experience-API-Version", "1.0.3"}});
    return c;
}

// How many times the LRS holds each statement id (a duplicate would show as 2).
inline std::map<std::string, int> statement_ids() {
    std::map<std::string, int> ids;
    auto c = client_for(url());
    std::string path = "/xAPI/statements?limit=100";
    for (int page = 0; page < 1000 && !path.empty(); ++page) {
        auto res = c.Get(path);
        if (!res || res->status != 200) return {{"<the LRS did not answer GET " + path + ">", 1}};
        const auto body = nlohmann::json::parse(res->body);
        for (const auto& s : body.at("statements")) ++ids[s.at("id").get<std::string>()];
        path = body.value("more", std::string());
    }
    return ids;
}

// The gate answers the next `n` requests with 503 and Retry-After: 1.
inline bool make_busy(int n) {
    auto c = client_for(gate_url());
    auto res = c.Post("/__fail?n=" + std::to_string(n), "", "text/plain");
    return res && res->status == 200;
}

}  // namespace lrs_peer
