// layered_bench.h: time per node of each phase on layered stories of growing size.
//
// For each size the generated story (generate.h, layered_story) is written to a temporary file,
// then timed phase by phase: loading (read, YAML parse, model), the lint checks (validate.h and
// the expectations lint plays), and the state graph with the analysis, in processor time. Every phase should cost
// the same per node at every size (within 2x); a phase that grows faster is superlinear.
#pragma once

#include <string>
#include <vector>

namespace bench {

// Prints one row per size and phase; returns the number of stories that did not lint clean.
int time_layered_stories(const std::vector<int>& sizes);
// Writes the layered story of `nodes` nodes to `path` (to time whole commands on it).
int write_layered_story(int nodes, const std::string& path);

}  // namespace bench
