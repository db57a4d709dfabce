// Every playthrough of a scenario, played with the runtime and graded one by one.
#include "library_audit.h"

#include <cstdio>

#include "analysis.h"
#include "debrief.h"
#include "session.h"

namespace ta::scoring {

namespace {

constexpr std::size_t kMaxTurns = 80;  // a playthrough longer than this is going round a loop

struct Walker {
    const Scenario& s;
    const Rubric& rubric;
    std::size_t limit;
    bool list_passing;
    ScenarioAudit& out;

    void count(const Session& done) {
        Debrief d = grade(s, done, rubric);
        ++out.playthroughs;
        const bool lost = d.ending_type == EndingType::Lost, red = !d.red_lines.empty();
        out.lost += lost;
        out.red_line += red;
        if (!d.passed) return;
        ++out.passing;
        if (list_passing) {
            char head[64];
            std::snprintf(head, sizeof head, "%5.1f ", tenths_score(d.overall));
            std::string line = head + d.band + " " + d.ending_id + ":";
            for (const auto& t : d.turns) line += " " + t.choice_id;
            out.passing_list.push_back(line);
        }
        out.lost_passing += lost;
        out.red_line_passing += red;
    }

    void walk(const Session& at) {
        if (out.playthroughs >= limit || at.turns().size() > kMaxTurns) {
            out.complete = false;
            return;
        }
        if (at.ended()) return count(at);
        for (int c : at.available_choices()) {
            Session next = at;
            next.choose(c);
            walk(next);
        }
        if (at.current_node()->on_timeout) {
            Session next = at;
            next.time_out();
            walk(next);
        }
    }
};

// Presses the first reply shown at every turn; nullopt seed = file order.
Debrief first_reply_always(const Scenario& s, std::optional<std::uint64_t> seed, const Rubric& rubric) {
    Session run(s, seed);
    for (std::size_t turn = 0; !run.ended() && turn < kMaxTurns; ++turn) {
        auto shown = run.presented_choices();
        if (shown.empty()) {
            if (run.time_out() != ChooseResult::Ok && !run.ended()) break;
            continue;
        }
        run.choose(shown.front());
    }
    return grade(s, run, rubric);
}

}  // namespace

ScenarioAudit audit_scenario(const Scenario& scenario, int seeds, std::size_t max_playthroughs, const Rubric& rubric,
                             bool list_passing) {
    ScenarioAudit out;
    out.scenario_id = scenario.id;
    Walker{scenario, rubric, max_playthroughs, list_passing, out}.walk(Session(scenario));
    Debrief file_order = first_reply_always(scenario, std::nullopt, rubric);
    out.first_reply_file_order_passes = file_order.passed;
    out.first_reply_file_order_score = file_order.overall;
    out.seeds = seeds;
    for (int k = 1; k <= seeds; ++k)
        out.first_reply_passes += first_reply_always(scenario, static_cast<std::uint64_t>(k), rubric).passed;
    Analysis a = analyze(scenario, rubric);
    out.decisions = a.decisions;
    out.longest_is_model = a.longest_is_model;
    return out;
}

}  // namespace ta::scoring
