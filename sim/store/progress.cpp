#include "progress.h"

#include <algorithm>
#include <map>

namespace ta::store {

namespace {
std::size_t idx(int c) { return static_cast<std::size_t>(c); }
}  // namespace

Progress summarise_progress(const std::vector<AttemptRecord>& in, const std::vector<ScenarioInfo>& catalogue) {
    std::vector<AttemptRecord> attempts = in;
    std::stable_sort(attempts.begin(), attempts.end(),
                     [](const AttemptRecord& a, const AttemptRecord& b) { return a.finished_at < b.finished_at; });
    Progress p;
    std::map<std::string, std::size_t> where;  // scenario id -> index in p.scenarios
    std::vector<const AttemptRecord*> scored;
    for (const AttemptRecord& a : attempts) {
        ++p.attempts;
        auto [it, fresh] = where.emplace(a.scenario_id, p.scenarios.size());
        if (fresh) {
            ScenarioProgress sp;
            sp.scenario_id = a.scenario_id;
            p.scenarios.push_back(sp);
        }
        ScenarioProgress& sp = p.scenarios[it->second];
        if (!a.scenario_title.empty()) sp.title = a.scenario_title;
        ++sp.attempts;
        sp.last_played = a.finished_at;
        if (!a.completed) continue;
        ++p.completed;
        ++sp.completed;
        if (a.passed) {
            ++p.passed;
            sp.passed_ever = true;
        }
        if (sp.best_uuid.empty() || a.overall > sp.best_overall) {
            sp.best_overall = a.overall;
            sp.best_uuid = a.uuid;
        }
        p.overall.push_back({a.finished_at, a.scenario_id, a.overall});
        if (!a.has_scores) continue;
        scored.push_back(&a);
        for (int c = 0; c < kCompetencyCount; ++c)
            if (a.is_scored(c)) p.series[idx(c)].push_back({a.finished_at, a.scenario_id, a.scores[idx(c)]});
    }
    if (scored.empty()) {
        if (!catalogue.empty()) {
            // Nothing to go on yet: start with the first scenario not yet played.
            for (const ScenarioInfo& s : catalogue)
                if (!where.count(s.id)) {
                    p.suggested_scenario_id = s.id;
                    p.suggested_title = s.title;
                    p.suggestion_reason = "a first finished attempt shows where to focus";
                    break;
                }
        }
        return p;
    }
    // Per competency, the mean of its last kRecentWindow scores (attempts at scenarios that do not
    // exercise it say nothing about it).
    int weakest = -1;
    for (int c = 0; c < kCompetencyCount; ++c) {
        const auto& series = p.series[idx(c)];
        std::size_t from = series.size() > static_cast<std::size_t>(kRecentWindow) ? series.size() - kRecentWindow : 0;
        double sum = 0;
        for (std::size_t i = from; i < series.size(); ++i) sum += series[i].score;
        p.recent_mean[idx(c)] = series.empty() ? 0 : sum / static_cast<double>(series.size() - from);
        p.recent_count[idx(c)] = static_cast<int>(series.size() - from);
        if (!series.empty() && (weakest < 0 || p.recent_mean[idx(c)] < p.recent_mean[idx(weakest)])) weakest = c;
    }
    if (weakest < 0) return p;
    p.has_recent = true;
    p.practise_next = static_cast<Competency>(weakest);
    const std::string label = competency_label(static_cast<Competency>(weakest));

    if (!catalogue.empty()) {
        // The scenario that exercises the weak competency most, preferring ones not yet passed.
        const ScenarioInfo* best = nullptr;
        auto rank = [&](const ScenarioInfo& s) {
            auto it = where.find(s.id);
            bool passed = it != where.end() && p.scenarios[it->second].passed_ever;
            return std::make_pair(passed ? 0 : 1, s.emphasis[idx(weakest)]);
        };
        for (const ScenarioInfo& s : catalogue) {
            if (s.emphasis[idx(weakest)] <= 0) continue;
            if (!best || rank(s) > rank(*best)) best = &s;
        }
        if (best) {
            p.suggested_scenario_id = best->id;
            p.suggested_title = best->title;
            auto it = where.find(best->id);
            p.suggestion_reason = label + " carries much of its score" +
                                  std::string(it == where.end() ? "; not played yet"
                                              : p.scenarios[it->second].passed_ever ? "" : "; not passed yet");
            return p;
        }
    }
    // Without a catalogue: the played scenario where that competency scored lowest last time.
    std::map<std::string, double> last;
    for (const AttemptRecord* a : scored)
        if (a->is_scored(weakest)) last[a->scenario_id] = a->scores[idx(weakest)];
    auto low = std::min_element(last.begin(), last.end(), [](auto& x, auto& y) { return x.second < y.second; });
    p.suggested_scenario_id = low->first;
    p.suggested_title = p.scenarios[where[low->first]].title;
    p.suggestion_reason = label + " scored lowest here last time";
    return p;
}

ScenarioInfo scenario_info(const Scenario& sc, const scoring::Rubric& rubric) {
    ScenarioInfo info;
    info.id = sc.id;
    info.title = sc.title;
    auto add = [&](const Choice& ch) {
        CompetencyArray pts = ch.has_points ? ch.points : CompetencyArray{};
        for (const std::string& tag : ch.tags) {
            auto it = rubric.tags.find(tag);
            if (it == rubric.tags.end()) continue;
            for (int c = 0; c < kCompetencyCount; ++c) pts[idx(c)] += it->second.points[idx(c)];
        }
        for (int c = 0; c < kCompetencyCount; ++c) info.emphasis[idx(c)] += std::max(0.0, pts[idx(c)]);
    };
    for (const Node& n : sc.nodes) {
        for (const Choice& ch : n.choices) add(ch);
        if (n.on_timeout) add(*n.on_timeout);
    }
    CompetencyArray weights = scoring::effective_scoring(rubric, sc).weights;
    for (int c = 0; c < kCompetencyCount; ++c) info.emphasis[idx(c)] *= std::max(0.0, weights[idx(c)]);
    return info;
}

}  // namespace ta::store
