// score_distribution.h: how many playthroughs a scenario has, and how their scores spread.
//
// Both are exact and come from dynamic programming over the state graph (see analysis.h). The
// distribution needs the graph to be free of loops a trainee can go round (the counts would be
// infinite); the caller checks that first.
#pragma once

#include <vector>

#include "bignum.h"
#include "score_model.h"

namespace ta::scoring {

// Complete playthroughs from each state: all of them, and those whose ending allows a pass.
struct Completions {
    std::vector<BigNum> all, eligible;
};

Completions count_completions(const ScoreModel& m);

struct ScoreDistribution {
    bool computed = false;          // false when too many distinct scores had to be tracked at once
    std::vector<BigNum> histogram;  // playthroughs per 10-point band (score_bucket)
    BigNum passing;                 // playthroughs that pass
};

ScoreDistribution score_distribution(const ScoreModel& m, const Completions& completions);

}  // namespace ta::scoring
