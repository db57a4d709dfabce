#include "workshop.h"

#include <algorithm>

#include "attempt_builder.h"

namespace ta::store {

const char* workshop_mode_key(WorkshopMode m) { return m == WorkshopMode::Room ? "room" : "teams"; }

Workshop::Workshop(const Scenario& scenario, WorkshopMode mode, std::vector<std::string> teams,
                   std::optional<std::uint64_t> order_seed)
    : scenario_(&scenario), mode_(mode), order_seed_(order_seed), teams_(std::move(teams)) {
    if (mode_ == WorkshopMode::Teams && teams_.empty()) teams_.push_back("Team 1");
    std::size_t n = mode_ == WorkshopMode::Room ? 1 : teams_.size();
    for (std::size_t i = 0; i < n; ++i) tracks_.push_back({Session(scenario, order_seed_), {}, {}, {}});
}

std::string Workshop::track_name(int track) const {
    if (mode_ == WorkshopMode::Room) return "room";
    return teams_.at(static_cast<std::size_t>(track));
}

bool Workshop::offered(const Track& t, int choice_index) const {
    auto available = t.session.available_choices();
    return std::find(available.begin(), available.end(), choice_index) != available.end();
}

Workshop::Track* Workshop::open_track(int track) {
    if (track < 0 || track >= track_count()) return nullptr;
    Track& t = tracks_[static_cast<std::size_t>(track)];
    return t.session.ended() ? nullptr : &t;
}

bool Workshop::add_votes(int track, int choice_index, int count) {
    Track* t = open_track(track);
    if (!t || count < 0 || count > 100000 || !offered(*t, choice_index)) return false;
    t->counts[choice_index] += count;
    return true;
}

bool Workshop::set_votes(int track, int choice_index, int count) {
    Track* t = open_track(track);
    if (!t || count < 0 || count > 100000 || !offered(*t, choice_index)) return false;
    t->counts[choice_index] = count;
    return true;
}

bool Workshop::team_pick(int track, int team, int choice_index) {
    Track* t = open_track(track);
    if (!t || mode_ != WorkshopMode::Room || team < 0 || team >= static_cast<int>(teams_.size()) ||
        !offered(*t, choice_index))
        return false;
    t->picks[team] = choice_index;
    return true;
}

std::optional<int> Workshop::team_choice(int track, int team) const {
    if (track < 0 || track >= track_count()) return std::nullopt;
    const auto& picks = tracks_[static_cast<std::size_t>(track)].picks;
    auto it = picks.find(team);
    if (it == picks.end()) return std::nullopt;
    return it->second;
}

void Workshop::clear_votes(int track) {
    if (track < 0 || track >= track_count()) return;
    tracks_[static_cast<std::size_t>(track)].counts.clear();
    tracks_[static_cast<std::size_t>(track)].picks.clear();
}

Distribution Workshop::distribution(int track) const {
    Distribution d;
    if (track < 0 || track >= track_count()) return d;
    const Track& t = tracks_[static_cast<std::size_t>(track)];
    if (t.session.ended()) return d;
    d.options = t.session.presented_choices();
    d.votes.assign(d.options.size(), 0);
    for (std::size_t i = 0; i < d.options.size(); ++i) {
        auto it = t.counts.find(d.options[i]);
        if (it != t.counts.end()) d.votes[i] += it->second;
        for (const auto& [team, choice] : t.picks)
            if (choice == d.options[i]) ++d.votes[i];
        d.total += d.votes[i];
    }
    int best = -1, at_best = 0;
    for (std::size_t i = 0; i < d.options.size(); ++i) {
        if (d.votes[i] == 0) continue;
        if (best < 0 || d.votes[i] > d.votes[static_cast<std::size_t>(best)]) best = static_cast<int>(i), at_best = 1;
        else if (d.votes[i] == d.votes[static_cast<std::size_t>(best)]) ++at_best;
    }
    d.tied = at_best > 1;
    if (best >= 0 && !d.tied) d.majority = d.options[static_cast<std::size_t>(best)];
    return d;
}

// The record keeps each option as the room saw it: its letter in the shown order and its text.
void Workshop::remember_votes(int track, const Distribution& d, int chosen, bool overridden) {
    const Session& s = session(track);
    const int turn = static_cast<int>(s.turns().size());
    const Node* node = s.current_node();
    for (std::size_t i = 0; i < d.options.size(); ++i) {
        if (d.votes[i] == 0 && d.options[i] != chosen) continue;
        history_.push_back({track_name(track), turn, d.options[i], d.votes[i], d.options[i] == chosen,
                            d.options[i] == chosen && overridden, std::string(1, static_cast<char>('A' + i)),
                            node->choices[static_cast<std::size_t>(d.options[i])].text, d.tied});
    }
    if (chosen == kTimeoutChoice)
        history_.push_back({track_name(track), turn, kTimeoutChoice, 0, true, true, "",
                            node->on_timeout ? node->on_timeout->text : "", d.tied});
}

ChooseResult Workshop::advance(int track, std::optional<int> facilitator_choice, long long thinking_ms) {
    Track* t = open_track(track);
    if (!t) return track >= 0 && track < track_count() ? ChooseResult::Ended : ChooseResult::NotAvailable;
    Distribution d = distribution(track);
    std::optional<int> chosen = facilitator_choice ? facilitator_choice : d.majority;
    if (!chosen || !offered(*t, *chosen)) return ChooseResult::NotAvailable;
    bool overridden = facilitator_choice && (!d.majority || *d.majority != *facilitator_choice);
    remember_votes(track, d, *chosen, overridden);
    ChooseResult r = t->session.choose(*chosen);
    t->turn_ms.push_back(std::max(0LL, thinking_ms));
    t->counts.clear();
    t->picks.clear();
    return r;
}

ChooseResult Workshop::time_out(int track, long long thinking_ms) {
    Track* t = open_track(track);
    if (!t) return ChooseResult::Ended;
    if (!t->session.current_node()->on_timeout) return ChooseResult::NoTimer;
    remember_votes(track, distribution(track), kTimeoutChoice, true);
    ChooseResult r = t->session.time_out();
    t->turn_ms.push_back(std::max(0LL, thinking_ms));
    t->counts.clear();
    t->picks.clear();
    return r;
}

bool Workshop::ended() const {
    return std::all_of(tracks_.begin(), tracks_.end(), [](const Track& t) { return t.session.ended(); });
}

std::vector<TeamResult> Workshop::results(const scoring::Rubric& rubric) const {
    std::vector<TeamResult> out;
    for (int i = 0; i < track_count(); ++i)
        out.push_back({track_name(i), scoring::grade(*scenario_, session(i), rubric)});
    return out;
}

Comparison Workshop::compare(const std::vector<TeamResult>& results) {
    Comparison c;
    for (const TeamResult& r : results) {
        c.standings.push_back(TeamStanding{r.team, 0, r.debrief.overall, r.debrief.score, r.debrief.completed,
                                           r.debrief.ending_id, r.debrief.passed});
    }
    std::stable_sort(c.standings.begin(), c.standings.end(),
                     [](const TeamStanding& a, const TeamStanding& b) { return a.overall > b.overall; });
    for (std::size_t i = 0; i < c.standings.size(); ++i)
        c.standings[i].rank = i > 0 && c.standings[i].overall == c.standings[i - 1].overall ? c.standings[i - 1].rank
                                                                                           : static_cast<int>(i) + 1;
    for (int k = 0; k < kCompetencyCount; ++k) {
        const TeamResult* best = nullptr;
        for (const TeamResult& r : results)
            if (r.debrief.completed && (!best || r.debrief.score[static_cast<std::size_t>(k)] >
                                                     best->debrief.score[static_cast<std::size_t>(k)]))
                best = &r;
        if (best) c.strongest[static_cast<std::size_t>(k)] = best->team;
    }
    return c;
}

WorkshopRecord Workshop::to_record(const scoring::Rubric& rubric, const std::string& facilitator,
                                   const std::string& room, const std::string& started_at,
                                   const std::string& finished_at) const {
    WorkshopRecord w;
    w.facilitator = facilitator;
    w.room = room;
    w.mode = workshop_mode_key(mode_);
    w.scenario_id = scenario_->id;
    w.scenario_version = scenario_->version;
    w.scenario_title = scenario_->title;
    w.started_at = started_at;
    w.finished_at = finished_at.empty() ? now_utc_iso8601() : finished_at;
    w.completed = ended();
    w.order_seed = order_seed_;
    std::vector<TeamResult> graded = results(rubric);
    for (int i = 0; i < track_count(); ++i) {
        const Track& t = tracks_[static_cast<std::size_t>(i)];
        AttemptRecord a = make_attempt(t.session, graded[static_cast<std::size_t>(i)].debrief, 0, t.turn_ms,
                                       started_at, w.finished_at);
        a.team = track_name(i);
        w.results.push_back(std::move(a));
    }
    w.votes = history_;
    return w;
}

}  // namespace ta::store
