#include "attempt_builder.h"

namespace ta::store {

AttemptRecord make_attempt(const Session& session, const scoring::Debrief& debrief, long long trainee_id,
                           const std::vector<long long>& turn_ms, const std::string& started_at,
                           const std::string& finished_at) {
    const Scenario& sc = session.scenario();
    AttemptRecord a;
    a.trainee_id = trainee_id;
    a.scenario_id = sc.id;
    a.scenario_version = sc.version;
    a.scenario_title = sc.title;
    a.finished_at = finished_at.empty() ? now_utc_iso8601() : finished_at;
    a.started_at = started_at.empty() ? a.finished_at : started_at;
    a.completed = session.ended();
    if (const Ending* e = session.ending()) {
        a.ending_id = e->id;
        a.ending_type = ending_type_key(e->type);
    }
    const auto& turns = session.turns();
    for (std::size_t i = 0; i < turns.size(); ++i) {
        a.choice_ids.push_back(session.choice_of(turns[i]).id);
        a.choice_path.push_back(turns[i].choice_index);
        a.turn_ms.push_back(i < turn_ms.size() ? turn_ms[i] : 0);
    }
    a.debrief_json = scoring::debrief_to_json(debrief);
    a.overall = debrief.overall;
    a.has_scores = true;
    a.scores = debrief.score;
    for (int c = 0; c < kCompetencyCount; ++c) a.scored[static_cast<std::size_t>(c)] = debrief.exercised[c];
    a.passed = a.completed && debrief.passed;
    a.band = debrief.band;
    a.order_seed = session.order_seed();
    return a;
}

}  // namespace ta::store
