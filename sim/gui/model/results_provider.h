// results_provider.h: where the library's "best result so far" comes from. The window only asks;
// a results store (or anything else) implements it. With none installed, cards show no history.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "debrief.h"
#include "scenario.h"

namespace ta::gui {

struct BestResult {
    double overall = 0;         // 0..100
    std::string band;           // e.g. "Competent"
    bool passed = false;
    EndingType ending_type = EndingType::Lost;
    int attempts = 0;           // finished attempts so far
};

class ResultsProvider {
public:
    virtual ~ResultsProvider() = default;
    // The trainee's best finished attempt at a scenario (by id), if any.
    virtual std::optional<BestResult> best_for(const std::string& scenario_id) const = 0;
    // Called when an attempt finishes (the debrief is shown). Providers that persist results
    // record it here; the default keeps nothing.
    virtual void record(const Scenario& /*scenario*/, const scoring::Debrief& /*debrief*/,
                        const std::vector<int>& /*choice_path*/) {}
    // Who the next attempt is kept for ("" = it will not be kept past this run).
    virtual std::string keeping_for() const { return ""; }
};

// Before a conversation starts, the window asks who is playing unless the attempt will be kept,
// the trainee has already said to play without keeping results, or nobody is there to ask (a
// scripted run). Nothing is ever left unrecorded without the trainee having been told.
inline bool must_ask_who_is_playing(const ResultsProvider* results, bool can_ask, bool said_play_unkept) {
    if (!can_ask || said_play_unkept) return false;
    return !results || results->keeping_for().empty();
}

// Remembers results for the lifetime of the program only (useful when no store is installed).
class InMemoryResults final : public ResultsProvider {
public:
    std::optional<BestResult> best_for(const std::string& scenario_id) const override {
        auto it = best_.find(scenario_id);
        if (it == best_.end()) return std::nullopt;
        return it->second;
    }
    void record(const Scenario& scenario, const scoring::Debrief& d, const std::vector<int>&) override {
        if (!d.completed) return;
        BestResult& b = best_[scenario.id];
        int attempts = b.attempts + 1;
        if (attempts == 1 || d.overall > b.overall) b = {d.overall, d.band, d.passed, d.ending_type, 0};
        b.attempts = attempts;
    }

private:
    std::map<std::string, BestResult> best_;
};

}  // namespace ta::gui
