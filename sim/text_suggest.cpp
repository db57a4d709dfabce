#include "text_suggest.h"

#include <algorithm>
#include <cctype>

namespace ta {

int edit_distance(const std::string& a, const std::string& b) {
    // Optimal string alignment: a swap of two neighbouring letters ("lsot") counts as one slip.
    // Lengths are small (keys, ids); huge inputs are not worth comparing.
    if (a.size() > 256 || b.size() > 256) return static_cast<int>(std::max(a.size(), b.size()));
    const size_t w = b.size() + 1;
    std::vector<int> d((a.size() + 1) * w);
    for (size_t i = 0; i <= a.size(); ++i) d[i * w] = static_cast<int>(i);
    for (size_t j = 0; j <= b.size(); ++j) d[j] = static_cast<int>(j);
    for (size_t i = 1; i <= a.size(); ++i)
        for (size_t j = 1; j <= b.size(); ++j) {
            const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            int v = std::min({d[(i - 1) * w + j] + 1, d[i * w + j - 1] + 1, d[(i - 1) * w + j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                v = std::min(v, d[(i - 2) * w + j - 2] + 1);
            d[i * w + j] = v;
        }
    return d[a.size() * w + b.size()];
}

namespace {
std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}
}  // namespace

std::string closest_match(const std::string& word, const std::vector<std::string>& candidates) {
    if (word.empty()) return "";
    const std::string w = lower(word);
    // A typo changes about one letter in three at most; short words allow one slip.
    const int limit = std::max(1, static_cast<int>(w.size()) / 3);
    std::string best;
    int best_distance = limit + 1;
    for (const auto& c : candidates) {
        int d = edit_distance(w, lower(c));
        if (d < best_distance) {
            best_distance = d;
            best = c;
        }
    }
    return best;
}

std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates) {
    std::string m = closest_match(word, candidates);
    return m.empty() ? "" : "; did you mean '" + m + "'?";
}

std::string did_you_mean_or(const std::string& word, const std::vector<std::string>& candidates,
                            const std::string& otherwise) {
    std::string hint = did_you_mean(word, candidates);
    return hint.empty() ? "; " + otherwise : hint;
}

}  // namespace ta
