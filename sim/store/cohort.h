// cohort.h: what a trainer sees of a whole cohort: every trainee by team, pass rates per scenario
// week by week, and the decisions where most trainees cross a red line or pick the same wrong
// reply, so the next session teaches what the cohort gets wrong.
// Pure computation over recorded attempts (their debriefs): `report --cohort` and the window's
// Cohort screen both draw from it.
#pragma once

#include <string>
#include <vector>

#include "results_store.h"

namespace ta::store {

struct CohortTrainee {
    std::string name;
    std::string team;
    int attempts = 0;
    int completed = 0;
    int passed = 0;            // passed attempts
    int scenarios_passed = 0;  // distinct scenarios passed at least once
    std::string last_played;   // finished_at (or started_at) of the latest attempt
};

struct CohortTeam {
    std::string team;  // "" = trainees without a team
    int trainees = 0;
    int completed = 0;
    int passed = 0;
};

// One scenario's finished attempts in one ISO week ("2026-W49").
struct WeekCell {
    std::string week;
    int completed = 0;
    int passed = 0;
};

struct ScenarioTrend {
    std::string scenario_id;
    std::string title;
    int trainees = 0;             // who finished it at least once
    int completed = 0;
    int passed = 0;
    int first_tries_passed = 0;   // trainees whose first finished attempt passed
    std::vector<WeekCell> weeks;  // oldest first, only weeks with finished attempts
};

// A reply many trainees chose where it cost them: a red line, or points lost.
struct CommonMistake {
    std::string scenario_id;
    std::string scenario_title;
    std::string node_id;
    std::string choice_id;
    std::string said;       // the reply as the trainee saw it
    std::string feedback;   // what the debrief told them
    bool red_line = false;
    double points = 0;      // the reply's points summed over competencies (negative)
    int trainees = 0;       // distinct trainees who chose it at least once
    int reached = 0;        // distinct trainees who reached this decision
    double share() const { return reached ? static_cast<double>(trainees) / reached : 0; }
};

struct Cohort {
    int trainee_count = 0;
    int attempts = 0;
    int completed = 0;
    std::string first_played, last_played;
    std::vector<CohortTeam> teams;          // by name, "" last
    std::vector<CohortTrainee> trainees;    // by team, then name
    std::vector<ScenarioTrend> scenarios;   // by title
    std::vector<CommonMistake> mistakes;    // red lines first, then by share, most common first
};

// "2026-W49" for an ISO 8601 date-time such as 2026-12-03T09:30:00Z; "" when it cannot be read.
std::string iso_week(const std::string& when);

struct CohortFilter {
    std::string team;  // only trainees of this team (case-insensitive); "" = everyone
};

// The cohort of `trainees` from their `attempts` (workshop teams' attempts are not a trainee's and
// are left out). Mistakes chosen by fewer than `min_trainees` trainees are not listed.
Cohort summarise_cohort(const std::vector<Trainee>& trainees, const std::vector<AttemptRecord>& attempts,
                        const CohortFilter& filter = {}, int min_trainees = 2);

}  // namespace ta::store
