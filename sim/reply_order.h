// reply_order.h: the order in which a node's replies are shown, from a seed. No I/O, no clock.
//
// Authors tend to write the model reply first; showing replies in file order gives the answer
// away. A 64-bit seed and the turn number give a permutation that is the same on every machine
// and standard library (splitmix64 + Fisher-Yates, no <random> distributions). Only the order
// shown changes: choice indices everywhere else stay indices into Node::choices.
#pragma once

#include <cstdint>
#include <vector>

namespace ta {

// One step of splitmix64 (Steele, Lea, Flood 2014): advances `state`, returns the next value.
std::uint64_t splitmix64(std::uint64_t& state);

// A permutation of 0..n-1 for decision `turn` (0-based) of an attempt with `seed`.
// The same (seed, turn, n) always gives the same permutation; n <= 1 gives the identity.
std::vector<int> reply_permutation(std::uint64_t seed, int turn, int n);

// `offered` (choice indices in file order) rearranged by reply_permutation(seed, turn, size).
std::vector<int> shuffled_replies(const std::vector<int>& offered, std::uint64_t seed, int turn);

// The largest seed a front end picks by itself: 2^53 - 1, so that a seed written as a JSON
// number stays exact in every JSON reader (JavaScript included).
inline constexpr std::uint64_t kMaxFreshSeed = (std::uint64_t{1} << 53) - 1;

// Folds any 64 random bits into 0..kMaxFreshSeed (front ends feed it std::random_device).
inline std::uint64_t fresh_seed_from(std::uint64_t random_bits) { return random_bits & kMaxFreshSeed; }

}  // namespace ta
