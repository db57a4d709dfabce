// bignum.h: an unsigned integer that never overflows, for counting playthroughs.
//
// Counts stay in one 64-bit word while they fit (the common case, and fast); beyond that they
// grow into 32-bit limbs. Only what counting needs: add, compare, print, log10.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ta::scoring {

class BigNum {
public:
    BigNum() = default;
    BigNum(std::uint64_t v) : small_(v) {}  // NOLINT: implicit on purpose, counts start as 0 or 1

    BigNum& operator+=(const BigNum& other);
    friend BigNum operator*(const BigNum& a, const BigNum& b);
    friend BigNum operator+(BigNum a, const BigNum& b) { return a += b; }
    friend bool operator==(const BigNum& a, const BigNum& b) { return a.limbs() == b.limbs(); }
    friend bool operator<(const BigNum& a, const BigNum& b);

    bool is_zero() const { return big_.empty() && small_ == 0; }
    // The value as one 64-bit word, or nullopt when it does not fit.
    std::optional<std::uint64_t> to_u64() const {
        if (!big_.empty()) return std::nullopt;
        return small_;
    }
    std::string to_string() const;  // decimal
    double log10() const;           // -inf for zero
    int digits() const { return static_cast<int>(to_string().size()); }

private:
    std::vector<std::uint32_t> limbs() const;  // little-endian, no leading zero limbs
    std::uint64_t small_ = 0;
    std::vector<std::uint32_t> big_;  // non-empty once the value outgrew 64 bits
};

}  // namespace ta::scoring
