#include "reply_order.h"

#include <utility>

namespace ta {

namespace {
constexpr std::uint64_t kGamma = 0x9E3779B97F4A7C15ULL;

// splitmix64's output function alone: a good 64-bit mixer.
std::uint64_t mix64(std::uint64_t z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}
}  // namespace

std::uint64_t splitmix64(std::uint64_t& state) {
    state += kGamma;
    return mix64(state);
}

std::vector<int> reply_permutation(std::uint64_t seed, int turn, int n) {
    std::vector<int> order;
    if (n <= 0) return order;
    order.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) order.push_back(i);
    // Each turn gets its own stream: hashing (seed, turn) keeps consecutive turns from sharing
    // shifted copies of one sequence.
    std::uint64_t state = mix64(seed ^ mix64(static_cast<std::uint64_t>(static_cast<std::int64_t>(turn)) + kGamma));
    for (int i = n - 1; i > 0; --i) {
        // Modulo bias is below n / 2^64: immaterial for a handful of replies, and portable.
        const auto j = static_cast<int>(splitmix64(state) % static_cast<std::uint64_t>(i + 1));
        std::swap(order[static_cast<std::size_t>(i)], order[static_cast<std::size_t>(j)]);
    }
    return order;
}

std::vector<int> shuffled_replies(const std::vector<int>& offered, std::uint64_t seed, int turn) {
    std::vector<int> out;
    out.reserve(offered.size());
    for (int p : reply_permutation(seed, turn, static_cast<int>(offered.size())))
        out.push_back(offered[static_cast<std::size_t>(p)]);
    return out;
}

}  // namespace ta
