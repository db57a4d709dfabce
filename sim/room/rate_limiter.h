// rate_limiter.h: a token bucket per client address, so one phone (or one script) flooding the
// room cannot drown the others. Thread-safe; the clock is passed in.
#pragma once

#include <map>
#include <mutex>
#include <string>

namespace ta::room {

class RateLimiter {
public:
    // `per_second` requests a second on average, bursts of up to `burst`. per_second <= 0: no limit.
    RateLimiter(double per_second, double burst) : rate_(per_second), burst_(burst) {}
    // True when a request from `address` at `now_ms` may be served.
    bool allow(const std::string& address, long long now_ms);

private:
    struct Bucket {
        double tokens = 0;
        long long at_ms = 0;
    };
    double rate_, burst_;
    std::mutex mutex_;
    std::map<std::string, Bucket> buckets_;
};

}  // namespace ta::room
