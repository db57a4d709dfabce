#include "cohort.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <set>
#include <tuple>

#include <nlohmann/json.hpp>

namespace ta::store {

namespace {

std::string lower_ascii(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

const std::string& when_of(const AttemptRecord& a) { return a.finished_at.empty() ? a.started_at : a.finished_at; }

// The turns of a recorded debrief; empty when it was not graded or cannot be read (an older or
// damaged record costs the cohort view that attempt's turns, never the whole view).
nlohmann::json turns_of(const AttemptRecord& a) {
    if (a.debrief_json.empty()) return nlohmann::json::array();
    nlohmann::json d = nlohmann::json::parse(a.debrief_json, nullptr, false);
    if (d.is_discarded() || !d.is_object() || !d.contains("turns") || !d["turns"].is_array()) return nlohmann::json::array();
    return d["turns"];
}

std::string text_field(const nlohmann::json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

double points_sum(const nlohmann::json& turn) {
    double sum = 0;
    if (auto it = turn.find("points"); it != turn.end() && it->is_object())
        for (const auto& [k, v] : it->items())
            if (v.is_number()) sum += v.get<double>();
    return sum;
}

}  // namespace

std::string iso_week(const std::string& when) {
    int y = 0, m = 0, d = 0;
    if (when.size() < 10 || std::sscanf(when.c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3) return "";
    using namespace std::chrono;
    const year_month_day ymd{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) return "";
    const sys_days day_of{ymd};
    // The ISO week is the one holding this week's Thursday, in that Thursday's year.
    const int monday_based = static_cast<int>((weekday{day_of}.c_encoding() + 6) % 7);  // Monday 0
    const sys_days thursday = day_of + days{3 - monday_based};
    const year_month_day t{thursday};
    const sys_days jan1{t.year() / January / 1};
    const int week = static_cast<int>((thursday - jan1).count() / 7 + 1);
    char out[32];
    std::snprintf(out, sizeof out, "%04d-W%02d", static_cast<int>(t.year()), week);
    return out;
}

Cohort summarise_cohort(const std::vector<Trainee>& trainees, const std::vector<AttemptRecord>& attempts,
                        const CohortFilter& filter, int min_trainees) {
    Cohort c;
    const std::string team_wanted = lower_ascii(filter.team);
    std::map<long long, const Trainee*> who;
    for (const auto& t : trainees)
        if (team_wanted.empty() || lower_ascii(t.team) == team_wanted) who[t.id] = &t;

    std::map<long long, CohortTrainee> per_trainee;
    std::map<long long, std::set<std::string>> passed_scenarios;
    for (const auto& [id, t] : who) {
        per_trainee[id].name = t->name;
        per_trainee[id].team = t->team;
    }

    struct Trend {
        ScenarioTrend row;
        std::set<long long> finished_by, first_done;
        std::map<std::string, WeekCell> weeks;
    };
    std::map<std::string, Trend> trends;
    using Decision = std::pair<std::string, std::string>;                     // scenario, node
    using Reply = std::tuple<std::string, std::string, std::string>;          // scenario, node, choice
    std::map<Decision, std::set<long long>> reached;
    std::map<Reply, std::set<long long>> chose;
    std::map<Reply, CommonMistake> about;

    // Oldest first, so "first finished attempt" means the first in time.
    std::vector<const AttemptRecord*> ordered;
    for (const auto& a : attempts)
        if (a.trainee_id && who.count(a.trainee_id)) ordered.push_back(&a);
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const AttemptRecord* x, const AttemptRecord* y) { return x->started_at < y->started_at; });

    for (const AttemptRecord* a : ordered) {
        CohortTrainee& t = per_trainee[a->trainee_id];
        ++t.attempts;
        ++c.attempts;
        const std::string& when = when_of(*a);
        t.last_played = std::max(t.last_played, when);
        if (c.first_played.empty() || when < c.first_played) c.first_played = when;
        c.last_played = std::max(c.last_played, when);
        // Abandoned attempts count here too: a trainee who gave up after a bad reply still chose it.
        for (const auto& turn : turns_of(*a)) {
            if (!turn.is_object()) continue;
            const std::string node = text_field(turn, "node");
            const bool timed_out = turn.value("timed_out", false);
            const std::string choice = timed_out ? "(timed out)" : text_field(turn, "choice_id");
            reached[{a->scenario_id, node}].insert(a->trainee_id);
            const bool red_line = turn.value("red_line", false);
            const double points = points_sum(turn);
            if (!red_line && points >= 0) continue;
            const Reply key{a->scenario_id, node, choice};
            chose[key].insert(a->trainee_id);
            if (!about.count(key))
                about[key] = {a->scenario_id, a->scenario_title, node, choice,
                              timed_out ? "(let the timer run out)" : text_field(turn, "said"),
                              text_field(turn, "feedback"), red_line, points};
        }
        if (!a->completed) continue;
        ++t.completed;
        ++c.completed;
        Trend& tr = trends[a->scenario_id];
        tr.row.scenario_id = a->scenario_id;
        if (tr.row.title.empty()) tr.row.title = a->scenario_title;
        ++tr.row.completed;
        tr.finished_by.insert(a->trainee_id);
        if (tr.first_done.insert(a->trainee_id).second && a->passed) ++tr.row.first_tries_passed;
        WeekCell& w = tr.weeks[iso_week(when)];
        ++w.completed;
        if (a->passed) {
            ++t.passed;
            ++tr.row.passed;
            ++w.passed;
            passed_scenarios[a->trainee_id].insert(a->scenario_id);
        }
    }

    std::map<std::string, CohortTeam> teams;
    for (auto& [id, t] : per_trainee) {
        t.scenarios_passed = static_cast<int>(passed_scenarios[id].size());
        CohortTeam& team = teams[t.team];
        team.team = t.team;
        ++team.trainees;
        team.completed += t.completed;
        team.passed += t.passed;
        c.trainees.push_back(t);
    }
    c.trainee_count = static_cast<int>(c.trainees.size());
    for (auto& [name, team] : teams)
        if (!name.empty()) c.teams.push_back(team);
    if (teams.count("")) c.teams.push_back(teams[""]);
    std::sort(c.trainees.begin(), c.trainees.end(), [](const CohortTrainee& x, const CohortTrainee& y) {
        if (x.team.empty() != y.team.empty()) return y.team.empty();
        return std::tie(x.team, x.name) < std::tie(y.team, y.name);
    });

    for (auto& [id, tr] : trends) {
        tr.row.trainees = static_cast<int>(tr.finished_by.size());
        for (auto& [week, cell] : tr.weeks) {
            cell.week = week;
            tr.row.weeks.push_back(cell);
        }
        c.scenarios.push_back(tr.row);
    }
    std::sort(c.scenarios.begin(), c.scenarios.end(), [](const ScenarioTrend& x, const ScenarioTrend& y) {
        return std::tie(x.title, x.scenario_id) < std::tie(y.title, y.scenario_id);
    });

    for (auto& [key, m] : about) {
        m.trainees = static_cast<int>(chose[key].size());
        m.reached = static_cast<int>(reached[{m.scenario_id, m.node_id}].size());
        if (m.trainees >= min_trainees) c.mistakes.push_back(m);
    }
    std::sort(c.mistakes.begin(), c.mistakes.end(), [](const CommonMistake& x, const CommonMistake& y) {
        if (x.red_line != y.red_line) return x.red_line;
        if (x.share() != y.share()) return x.share() > y.share();
        if (x.trainees != y.trainees) return x.trainees > y.trainees;
        return std::tie(x.scenario_id, x.node_id, x.choice_id) < std::tie(y.scenario_id, y.node_id, y.choice_id);
    });
    return c;
}

}  // namespace ta::store
