// workshop.h: a facilitated workshop, independent of any front end.
//
// A facilitator plays one scenario with a room. In Room mode there is one conversation: at each
// decision the teams (or a show of hands) vote, the distribution can be revealed, and the room
// continues with the majority's choice or the facilitator's. A tie is never settled silently:
// the facilitator calls it, and the record says it was a tie. In Teams mode every team plays its own conversation and the teams are compared at
// the end. Everything is recorded like an attempt (see results_store.h).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "debrief.h"
#include "results_store.h"
#include "session.h"

namespace ta::store {

enum class WorkshopMode { Room, Teams };
const char* workshop_mode_key(WorkshopMode m);  // "room", "teams"

// The votes at one decision, in the order the options are shown (Session::presented_choices).
struct Distribution {
    std::vector<int> options;  // choice indices offered now, as shown (option A first)
    std::vector<int> votes;    // votes per option (parallel to options)
    int total = 0;
    // The option with strictly the most votes; nullopt when nobody voted or the top is tied.
    std::optional<int> majority;
    bool tied = false;  // two or more options share the most votes: the facilitator's call
    double share(std::size_t i) const { return total ? static_cast<double>(votes[i]) / total : 0.0; }
};

struct TeamResult {
    std::string team;
    scoring::Debrief debrief;
};

// One row of the end-of-workshop comparison.
struct TeamStanding {
    std::string team;
    int rank = 0;  // 1 = best overall; equal scores share a rank
    double overall = 0;
    CompetencyArray scores{};
    bool completed = false;
    std::string ending_id;
    bool passed = false;
};

// The comparison, best first (team order on equal scores), and the strongest team per competency.
struct Comparison {
    std::vector<TeamStanding> standings;
    std::array<std::string, kCompetencyCount> strongest;  // "" when no team finished
};

class Workshop {
public:
    // `teams` may be empty in Room mode (the room votes as one); Teams mode needs at least one.
    // `order_seed` shuffles the options shown, the same way for every conversation of the
    // session, so the letters participants vote by match the facilitator's screen; none = file order.
    Workshop(const Scenario& scenario, WorkshopMode mode, std::vector<std::string> teams,
             std::optional<std::uint64_t> order_seed = std::nullopt);

    const Scenario& scenario() const { return *scenario_; }
    WorkshopMode mode() const { return mode_; }
    const std::optional<std::uint64_t>& order_seed() const { return order_seed_; }
    const std::vector<std::string>& teams() const { return teams_; }

    // A track is one conversation: Room mode has one, Teams mode one per team.
    int track_count() const { return static_cast<int>(tracks_.size()); }
    const Session& session(int track) const { return tracks_.at(static_cast<std::size_t>(track)).session; }
    std::string track_name(int track) const;

    // Votes at the track's current decision. Each returns false (and changes nothing) when the
    // track has ended, the option is not offered now, or a number is out of range.
    bool add_votes(int track, int choice_index, int count = 1);  // e.g. a participant's vote
    bool set_votes(int track, int choice_index, int count);      // e.g. a counted show of hands
    bool team_pick(int track, int team, int choice_index);       // Room mode: a team's choice (replaces its earlier one)
    std::optional<int> team_choice(int track, int team) const;  // a team's current pick, if any
    void clear_votes(int track);
    Distribution distribution(int track) const;

    // Goes on with the majority, or with `facilitator_choice` when given (needed when nobody
    // voted or the top is tied; without it those return NotAvailable). `thinking_ms` is how long the decision took. The votes are kept for the record.
    ChooseResult advance(int track, std::optional<int> facilitator_choice = std::nullopt, long long thinking_ms = 0);
    // The room let the timer run out (nodes with a timer only).
    ChooseResult time_out(int track, long long thinking_ms = 0);

    bool ended() const;  // every track has reached an ending
    const std::vector<VoteRecord>& vote_history() const { return history_; }

    // The debrief of each track (the room's, or each team's).
    std::vector<TeamResult> results(const scoring::Rubric& rubric) const;
    static Comparison compare(const std::vector<TeamResult>& results);

    // Everything, ready for ResultsStore::record_workshop().
    WorkshopRecord to_record(const scoring::Rubric& rubric, const std::string& facilitator, const std::string& room,
                             const std::string& started_at, const std::string& finished_at = "") const;

private:
    struct Track {
        Session session;
        std::map<int, int> counts;  // choice index -> votes entered directly
        std::map<int, int> picks;   // team -> choice index (Room mode)
        std::vector<long long> turn_ms;
    };
    bool offered(const Track& t, int choice_index) const;
    Track* open_track(int track);
    void remember_votes(int track, const Distribution& d, int chosen, bool overridden);

    const Scenario* scenario_;
    WorkshopMode mode_;
    std::optional<std::uint64_t> order_seed_;
    std::vector<std::string> teams_;
    std::vector<Track> tracks_;
    std::vector<VoteRecord> history_;
};

}  // namespace ta::store
