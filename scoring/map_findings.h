// map_findings.h: where on the scenario's map each finding of `analyze` belongs.
//
// The Author screen draws findings on the nodes and replies they are about instead of listing them
// beside the map. This says which: a node or ending, or one reply of a node, with the check it
// comes from, how serious it is, one sentence and the file line to open. For a failing check with
// an example playthrough, its moves, so the map can highlight the path. No GUI; the window draws.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analysis.h"

namespace ta::scoring {

struct MapFinding {
    // Error: a check the scenario enforces fails; Todo: a draft's check, as analyze marks it.
    enum class Severity { Error, Warning, Todo };
    std::string check;   // "no-dead-choices", "no-traps", "no-loops", "no-length-cue", "reachable"
    Severity severity = Severity::Warning;
    std::string node_id;              // the node or ending concerned
    std::optional<int> choice_index;  // the reply concerned (kTimeoutChoice: the time-out); none: the node
    std::string message;              // what is wrong there, in a few words
    int line = 0;                     // in the scenario file (0 when built in code)
};

// A failing check's example playthrough, as moves on the map.
struct MapExample {
    std::string check;
    bool enforced = false;
    std::string verdict;
    PathReport path;
};

struct MapFindings {
    std::vector<MapFinding> findings;  // in file order of the places concerned
    std::vector<MapExample> examples;  // in the order of Analysis::checks
    // The findings on one node (its own and its replies'), and on one reply.
    std::vector<const MapFinding*> on_node(const std::string& node_id) const;
    std::vector<const MapFinding*> on_reply(const std::string& node_id, int choice_index) const;
};

MapFindings map_findings(const Analysis& analysis, const Scenario& scenario);

// The file line of a node or ending (0 when unknown): where the editor opens.
int source_line(const Scenario& scenario, const std::string& id);
// The file line of one reply (kTimeoutChoice: the node's time-out move).
int source_line(const Scenario& scenario, const std::string& node_id, int choice_index);

}  // namespace ta::scoring
