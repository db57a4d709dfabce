#include "rate_limiter.h"

#include <algorithm>

namespace ta::room {

bool RateLimiter::allow(const std::string& address, long long now_ms) {
    if (rate_ <= 0) return true;
    std::lock_guard<std::mutex> lock(mutex_);
    if (buckets_.size() > 10000) buckets_.clear();  // a flood of addresses must not grow memory forever
    auto [it, fresh] = buckets_.try_emplace(address, Bucket{burst_, now_ms});
    Bucket& b = it->second;
    if (!fresh) {
        b.tokens = std::min(burst_, b.tokens + (now_ms - b.at_ms) * rate_ / 1000.0);
        b.at_ms = now_ms;
    }
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
}

}  // namespace ta::room
