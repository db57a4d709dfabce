#include "export.h"

#include <cstdio>
#include <map>

#include "csv.h"
#include "debrief.h"

namespace ta::store {

namespace {

std::string number(double v, int decimals = 1) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

std::string joined(const std::vector<std::string>& v, char sep = ' ') {
    std::string out;
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (i) out += sep;
        out += v[i];
    }
    return out;
}

}  // namespace

const std::vector<std::string>& csv_columns() {
    static const std::vector<std::string> cols = {
        "attempt_id", "trainee", "team", "workshop_id", "scenario_id", "scenario_version", "scenario_title",
        "started_at", "finished_at", "duration_s", "completed", "ending_id", "ending_type", "overall",
        "listening", "apology", "solution", "follow_up", "composure", "passed", "band", "choices", "turn_seconds",
        "order_seed"};  // the seed the replies were shown shuffled by; empty = file order
    return cols;
}

std::string attempt_owner(const ResultsStore& store, const AttemptRecord& a) {
    if (a.trainee_id) {
        if (auto t = store.trainee(a.trainee_id)) return t->name;
        return "trainee " + std::to_string(a.trainee_id);
    }
    return a.team.empty() ? std::string("room") : a.team;
}

std::string attempts_csv(const ResultsStore& store, const std::vector<AttemptRecord>& attempts) {
    std::string out = csv_row(csv_columns());
    std::map<long long, Trainee> cache;
    for (const AttemptRecord& a : attempts) {
        std::string name, team = a.team;
        if (a.trainee_id) {
            auto it = cache.find(a.trainee_id);
            if (it == cache.end()) {
                auto t = store.trainee(a.trainee_id);
                it = cache.emplace(a.trainee_id, t ? *t : Trainee{a.trainee_id, "", "", ""}).first;
            }
            name = it->second.name;
            if (team.empty()) team = it->second.team;
        }
        std::vector<std::string> turn_seconds;
        for (long long ms : a.turn_ms) turn_seconds.push_back(number(static_cast<double>(ms) / 1000.0, 1));
        double duration = static_cast<double>(attempt_duration_ms(a)) / 1000.0;
        std::vector<std::string> row = {
            a.uuid, name, team, a.workshop_id ? std::to_string(a.workshop_id) : "", a.scenario_id,
            a.scenario_version, a.scenario_title, a.started_at, a.finished_at, number(duration, 0),
            a.completed ? "yes" : "no", a.ending_id, a.ending_type, number(scoring::tenths_score(a.overall))};
        for (int c = 0; c < kCompetencyCount; ++c)
            row.push_back(a.is_scored(c) ? number(scoring::tenths_score(a.scores[static_cast<std::size_t>(c)])) : "");
        row.push_back(a.passed ? "yes" : "no");
        row.push_back(a.band);
        row.push_back(joined(a.choice_ids));
        row.push_back(joined(turn_seconds));
        row.push_back(a.order_seed ? std::to_string(*a.order_seed) : "");
        out += csv_row(row);
    }
    return out;
}

std::vector<std::string> attempts_statements(const ResultsStore& store, const std::vector<AttemptRecord>& attempts,
                                             const XapiOptions& options) {
    std::vector<std::string> out;
    for (const AttemptRecord& a : attempts) {
        const XapiActor actor{attempt_owner(store, a), a.trainee_id == 0,
                              a.trainee_id ? trainee_account(a.trainee_id) : team_account(a.workshop_id, a.team)};
        out.push_back(xapi_statement(a, actor, options));
        for (auto& s : xapi_decision_statements(a, actor, options)) out.push_back(std::move(s));
    }
    return out;
}

std::string statements_array(const std::vector<std::string>& statements) {
    std::string out = "[";
    for (std::size_t i = 0; i < statements.size(); ++i) out += (i ? ",\n" : "\n") + statements[i];
    return out + "\n]\n";
}

}  // namespace ta::store
