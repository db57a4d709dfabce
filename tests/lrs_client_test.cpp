// The LRS client's judgement of answers and its waits between tries (no LRS needed; the same
// client against a real LRS is in lrs_delivery_test.cpp).
#include <doctest/doctest.h>

#include <cstdlib>

#include "lrs_client.h"

using namespace ta::store;

namespace {
LrsAnswer answer(long status, long retry_after = -1) {
    LrsAnswer a;
    a.status = status;
    a.retry_after_s = retry_after;
    return a;
}
}  // namespace

TEST_CASE("lrs: answers are stored, worth trying later, or refused") {
    CHECK(judge(answer(200)) == LrsVerdict::Stored);
    CHECK(judge(answer(204)) == LrsVerdict::Stored);
    for (long s : {0L, 408L, 429L, 500L, 502L, 503L})
        CHECK(judge(answer(s)) == LrsVerdict::TryLater);
    for (long s : {400L, 401L, 403L, 404L, 409L, 413L})
        CHECK(judge(answer(s)) == LrsVerdict::Refused);
    CHECK(explain(answer(401)).find("credentials") != std::string::npos);
    CHECK(explain(answer(409)).find("same id") != std::string::npos);
    LrsAnswer away = answer(0);
    away.transport_error = "Couldn't connect to server";
    CHECK(explain(away) == "the LRS cannot be reached: Couldn't connect to server");
    LrsAnswer noisy = answer(400);
    noisy.body = "bad\x1b]0;title\astatement\nsecond line";
    CHECK(explain(noisy).find('\x1b') == std::string::npos);  // an LRS's reason cannot drive the terminal
    CHECK(explain(noisy).find("second line") == std::string::npos);
}

TEST_CASE("lrs: waits double from the first delay, follow Retry-After, and are capped") {
    LrsSettings s;
    s.first_delay_ms = 500;
    s.max_delay_ms = 8000;
    CHECK(retry_delay_ms(1, answer(503), s) == 500);
    CHECK(retry_delay_ms(2, answer(503), s) == 1000);
    CHECK(retry_delay_ms(4, answer(0), s) == 4000);
    CHECK(retry_delay_ms(5, answer(0), s) == 8000);
    CHECK(retry_delay_ms(40, answer(0), s) == 8000);  // no overflow on a long outage
    CHECK(retry_delay_ms(1, answer(429, 3), s) == 3000);
    CHECK(retry_delay_ms(1, answer(429, 3600), s) == 8000);
}

TEST_CASE("lrs: the statements resource and the settings from the environment") {
    CHECK(statements_url("https://lrs.example/xAPI/") == "https://lrs.example/xAPI/statements");
    CHECK(statements_url("https://lrs.example/xAPI") == "https://lrs.example/xAPI/statements");
    ::setenv("TURNAROUND_LRS", "https://lrs.example/data/xAPI/", 1);
    ::setenv("TURNAROUND_LRS_USER", "key", 1);
    ::setenv("TURNAROUND_LRS_PASSWORD", "secret", 1);
    const LrsSettings s = lrs_from_environment();
    ::unsetenv("TURNAROUND_LRS");
    ::unsetenv("TURNAROUND_LRS_USER");
    ::unsetenv("TURNAROUND_LRS_PASSWORD");
    CHECK(s.configured());
    CHECK(s.endpoint == "https://lrs.example/data/xAPI/");
    CHECK(s.username == "key");
    CHECK(s.password == "secret");
    CHECK_FALSE(lrs_from_environment().configured());
}

TEST_CASE("lrs: nothing listening is TryLater, tried as often as allowed, waiting between") {
    LrsSettings s;
    s.endpoint = "http://127.0.0.1:1/xAPI/";
    s.tries = 3;
    s.first_delay_ms = 7;
    std::vector<long> waits;
    const SendResult r = send_with_retry(s, "[]", [&](long ms) {
        waits.push_back(ms);
        return true;
    });
    CHECK(r.tries == 3);
    CHECK(r.last.status == 0);
    CHECK_FALSE(r.stored());
    CHECK(waits == std::vector<long>{7, 14});

    // A sleeper cut short (the program is closing) ends the tries at once.
    const SendResult cut = send_with_retry(s, "[]", [](long) { return false; });
    CHECK(cut.tries == 1);
}
