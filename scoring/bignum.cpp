#include "bignum.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ta::scoring {

std::vector<std::uint32_t> BigNum::limbs() const {
    std::vector<std::uint32_t> out = big_;
    if (out.empty()) {
        out = {static_cast<std::uint32_t>(small_), static_cast<std::uint32_t>(small_ >> 32)};
    }
    while (!out.empty() && out.back() == 0) out.pop_back();
    return out;
}

BigNum& BigNum::operator+=(const BigNum& other) {
    if (big_.empty() && other.big_.empty()) {
        std::uint64_t sum = small_ + other.small_;
        if (sum >= small_) {  // no carry out of 64 bits
            small_ = sum;
            return *this;
        }
    }
    std::vector<std::uint32_t> a = limbs(), b = other.limbs();
    if (a.size() < b.size()) a.resize(b.size(), 0);
    std::uint64_t carry = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        std::uint64_t s = std::uint64_t{a[i]} + (i < b.size() ? b[i] : 0) + carry;
        a[i] = static_cast<std::uint32_t>(s);
        carry = s >> 32;
    }
    if (carry) a.push_back(static_cast<std::uint32_t>(carry));
    if (a.size() <= 2) {
        big_.clear();
        small_ = (a.size() > 0 ? a[0] : 0) | (a.size() > 1 ? std::uint64_t{a[1]} << 32 : 0);
    } else {
        big_ = std::move(a);
    }
    return *this;
}

BigNum operator*(const BigNum& a, const BigNum& b) {
    if (a.big_.empty() && b.big_.empty()) {
        unsigned __int128 p = static_cast<unsigned __int128>(a.small_) * b.small_;
        if (p >> 64 == 0) return BigNum(static_cast<std::uint64_t>(p));
    }
    std::vector<std::uint32_t> x = a.limbs(), y = b.limbs();
    std::vector<std::uint32_t> out(x.size() + y.size() + 1, 0);
    for (std::size_t i = 0; i < x.size(); ++i) {
        std::uint64_t carry = 0;
        for (std::size_t j = 0; j < y.size(); ++j) {
            std::uint64_t cur = out[i + j] + std::uint64_t{x[i]} * y[j] + carry;
            out[i + j] = static_cast<std::uint32_t>(cur);
            carry = cur >> 32;
        }
        for (std::size_t k = i + y.size(); carry; ++k) {
            std::uint64_t cur = out[k] + carry;
            out[k] = static_cast<std::uint32_t>(cur);
            carry = cur >> 32;
        }
    }
    while (!out.empty() && out.back() == 0) out.pop_back();
    BigNum r;
    if (out.size() <= 2) r.small_ = (out.size() > 0 ? out[0] : 0) | (out.size() > 1 ? std::uint64_t{out[1]} << 32 : 0);
    else r.big_ = std::move(out);
    return r;
}

bool operator<(const BigNum& a, const BigNum& b) {
    auto x = a.limbs(), y = b.limbs();
    if (x.size() != y.size()) return x.size() < y.size();
    return std::lexicographical_compare(x.rbegin(), x.rend(), y.rbegin(), y.rend());
}

std::string BigNum::to_string() const {
    if (big_.empty()) return std::to_string(small_);
    std::vector<std::uint32_t> n = limbs();
    std::string out;
    while (!n.empty()) {  // divide by 10^9, collect the remainders
        std::uint64_t rem = 0;
        for (std::size_t i = n.size(); i-- > 0;) {
            std::uint64_t cur = (rem << 32) | n[i];
            n[i] = static_cast<std::uint32_t>(cur / 1000000000u);
            rem = cur % 1000000000u;
        }
        while (!n.empty() && n.back() == 0) n.pop_back();
        std::string chunk = std::to_string(rem);
        if (!n.empty()) chunk.insert(0, 9 - chunk.size(), '0');
        out.insert(0, chunk);
    }
    return out;
}

double BigNum::log10() const {
    if (is_zero()) return -std::numeric_limits<double>::infinity();
    if (big_.empty()) return std::log10(static_cast<double>(small_));
    // The top two limbs give plenty of precision; the rest only shift the exponent.
    std::size_t k = big_.size();
    double top = big_[k - 1] * 4294967296.0 + big_[k - 2];
    return std::log10(top) + static_cast<double>(k - 2) * 32 * std::log10(2.0);
}

}  // namespace ta::scoring
