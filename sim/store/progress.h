// progress.h: a trainee's progress from their attempts: scores per competency over time, best
// results per scenario, and what to practise next (with a scenario that exercises it).
// Pure computation: the CLI report and the window's progress screen both draw from it.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "results_store.h"
#include "rubric.h"

namespace ta::store {

struct ScorePoint {
    std::string when;         // finished_at
    std::string scenario_id;
    double score = 0;         // 0..100
};

struct ScenarioProgress {
    std::string scenario_id;
    std::string title;
    int attempts = 0;
    int completed = 0;
    bool passed_ever = false;
    double best_overall = 0;  // best completed attempt (0 when none completed)
    std::string best_uuid;
    std::string last_played;
};

// A scenario that could be suggested, with how much it exercises each competency.
struct ScenarioInfo {
    std::string id;
    std::string title;
    CompetencyArray emphasis{};  // relative, >= 0
};

struct Progress {
    int attempts = 0;
    int completed = 0;
    int passed = 0;
    std::array<std::vector<ScorePoint>, kCompetencyCount> series;  // completed, scored attempts, oldest first
    std::vector<ScorePoint> overall;                              // same attempts, overall score
    std::vector<ScenarioProgress> scenarios;                      // in order of first attempt
    bool has_recent = false;
    CompetencyArray recent_mean{};                                // per competency, over its last kRecentWindow scores
    std::array<int, kCompetencyCount> recent_count{};             // how many scores each mean covers (0: none)
    std::optional<Competency> practise_next;                      // lowest recent mean (earliest on a tie)
    std::string suggested_scenario_id;
    std::string suggested_title;
    std::string suggestion_reason;
};

inline constexpr int kRecentWindow = 5;

Progress summarise_progress(const std::vector<AttemptRecord>& attempts, const std::vector<ScenarioInfo>& catalogue = {});

// How much a scenario exercises each competency: the positive points its choices can earn
// (rubric tags plus explicit points), times the scenario's weights.
ScenarioInfo scenario_info(const Scenario& scenario, const scoring::Rubric& rubric);

}  // namespace ta::store
