// text_suggest.h: "did you mean ...?" suggestions for misspelt keys, ids, tags and emotions.
#pragma once

#include <string>
#include <vector>

namespace ta {

// Edit distance: insert, delete, substitute or swap two neighbours, each costing 1. Case-sensitive.
int edit_distance(const std::string& a, const std::string& b);

// The candidate closest to `word`, or "" when none is close enough to be a likely typo.
std::string closest_match(const std::string& word, const std::vector<std::string>& candidates);

// "; did you mean 'x'?" when a close candidate exists, else "".
std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates);

// The suggestion when there is one, else "; " + otherwise (advice that ends the message).
std::string did_you_mean_or(const std::string& word, const std::vector<std::string>& candidates,
                            const std::string& otherwise);

}  // namespace ta
