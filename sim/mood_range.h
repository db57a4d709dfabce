// mood_range.h: the moods a mood route is taken at, as one range. The checks and the analysis
// follow routes for every mood at every node with routes; a range per route in one compact
// array keeps that from reading a large story's scattered nodes a hundred times over.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>

#include "scenario.h"

namespace ta {

// A route is taken when mood < below and mood > above (each only if given); one with neither is
// never taken. So: from <= mood < to.
struct MoodRange {
    std::int64_t from = std::numeric_limits<std::int64_t>::min();
    std::int64_t to = std::numeric_limits<std::int64_t>::max();
    bool contains(int mood) const { return from <= mood && mood < to; }
};

// nullopt for a route that is never taken.
inline std::optional<MoodRange> mood_range(const MoodRoute& route) {
    if (!route.below && !route.above) return std::nullopt;
    MoodRange r;
    if (route.above) r.from = static_cast<std::int64_t>(*route.above) + 1;
    if (route.below) r.to = *route.below;
    return r;
}

// A route taken at `range`, leading to `target` (an index the caller chooses).
struct MoodHop {
    MoodRange range;
    int target = 0;
};

}  // namespace ta
