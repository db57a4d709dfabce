// room.h: a workshop room where participants vote from their phones. No network, no clock.
//
// One conversation (a store::Workshop in Room mode) played by a room. The facilitator opens
// voting at each decision; every participant has one vote there, which they may change until
// the facilitator reveals; the reveal shows the distribution, the room goes on with the majority,
// and a tie (or a decision nobody voted on) is the facilitator's call. A timed decision closes by
// itself when its time is up. Every call takes the time it happens at (milliseconds on any
// monotonic clock), so the same calls always give the same room. The HTTP layer (room_server.h)
// and the window only call these methods and show the views; they hold no rules.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "debrief.h"
#include "rubric.h"
#include "workshop.h"

namespace ta::room {

enum class Phase { Lobby, Voting, Revealed, Ended };
const char* phase_key(Phase p);  // "lobby", "voting", "revealed", "ended"

struct RoomSettings {
    bool allow_anonymous = true;
    int max_participants = 300;
    std::optional<std::uint64_t> order_seed;  // the room's reply order; none = file order
};

struct Participant {
    int id = 0;
    std::string token;  // the phone's secret; a phone that reconnects with it is the same participant
    std::string name;   // "" when anonymous
    std::string team;
};

// One reply as the room sees it. `votes` is 0 for everyone until the reveal.
struct OptionView {
    std::string letter;  // "A", "B"...
    int choice_index = 0;
    std::string choice_id;
    std::string text;
    int votes = 0;
};

// What the facilitator alone sees of a reply: its teaching point and where it leads.
struct OptionNote {
    std::string letter;
    std::string feedback;
    std::vector<std::string> tags;
    bool model = false;
    std::string red_line;  // "" unless the reply crosses one
    std::string leads_to;  // the customer's next line, or the ending's title
};

struct SaidLine {
    bool customer = true;  // false: the room's reply
    std::string text;
    std::string emotion;
};

// A decision the room has taken.
struct DecisionResult {
    int decision = 0;        // 0-based
    std::string letter;      // "" for a time-out
    std::string text;
    int votes = 0;           // votes for the option taken
    int total = 0;           // votes cast
    bool facilitator_call = false;  // a tie, nobody voted, or the facilitator overrode the majority
    bool timed_out = false;
};

struct EndView {
    std::string ending_title;
    std::string ending_type;  // ending_type_key()
    std::string epilogue;
    double overall = 0;
    bool passed = false;
    std::string band;
    std::vector<std::pair<std::string, double>> scores;  // competency key -> 0..100, exercised ones only
    std::vector<std::string> red_lines;                  // "Label: the words said"
    std::vector<std::string> practise_next;
};

// The state the projector and the phones show.
struct RoomView {
    std::string code;
    Phase phase = Phase::Lobby;
    long long version = 0;
    long long stage = 0;  // phones wait for this to change (see Room::stage)
    std::string scenario_title;
    std::string customer_name;
    std::string channel;  // channel_key() of the current node
    int decision = 0;     // 0-based decision being voted on (or last one, once ended)
    std::vector<SaidLine> said;  // the room's last reply and what the customer said since
    std::string note;            // the situation, as the trainee is told it
    std::vector<OptionView> options;
    int participants = 0;
    int voted = 0;
    // After the reveal only.
    std::string majority;              // "" on a tie or when nobody voted
    std::vector<std::string> tied;     // letters sharing the top count when two or more do
    bool closed_by_timer = false;
    // Timed decisions.
    int timer_seconds = 0;
    long long ms_left = -1;  // -1 when no timer runs
    std::vector<DecisionResult> history;
    std::optional<EndView> end;
    // For the phone that asked.
    bool joined = false;
    std::string my_name;
    std::string my_team;
    std::string my_vote;  // letter, "" when none at this decision
    bool allow_anonymous = true;
};

struct FacilitatorView {
    RoomView room;                  // with the counts, even before the reveal
    std::vector<OptionNote> notes;  // parallel to room.options
    struct Person {
        std::string name, team;
        bool voted = false;
    };
    std::vector<Person> people;
};

enum class JoinStatus { Joined, Rejoined, NameNeeded, Full, Ended };
struct JoinOutcome {
    JoinStatus status = JoinStatus::Joined;
    std::string token;  // for Joined / Rejoined
};

enum class VoteStatus { Counted, Changed, UnknownParticipant, NotOpen, OtherDecision, NoSuchOption };
const char* vote_status_message(VoteStatus s);

enum class StepStatus { Ok, NeedsCall, WrongPhase, NoSuchOption };
const char* step_status_message(StepStatus s);

class Room {
public:
    Room(const Scenario& scenario, const scoring::Rubric& rubric, std::string code, RoomSettings settings = {});

    const std::string& code() const { return code_; }
    Phase phase() const { return phase_; }
    long long version() const { return version_; }  // any change: a join, a vote, a step
    long long stage() const { return stage_; }      // what every phone must redraw for: a step, the timer
    const store::Workshop& workshop() const { return workshop_; }
    const RoomSettings& settings() const { return settings_; }
    int participant_count() const { return static_cast<int>(people_.size()); }

    // A phone joins with a name and team (capped and cleaned), or anonymously where allowed. With
    // the token of an earlier join it is the same participant again, votes kept.
    JoinOutcome join(const std::string& name, const std::string& team, const std::string& token = "");
    const Participant* find(const std::string& token) const;

    // A participant's vote for `letter` at `decision`. A second vote replaces the first.
    VoteStatus vote(const std::string& token, int decision, const std::string& letter, long long now_ms);

    // The facilitator's steps.
    StepStatus start(long long now_ms);   // Lobby -> voting on the first decision
    StepStatus reveal(long long now_ms);  // Voting -> Revealed
    // Revealed -> the next decision (voting opens) or the end. `call` is the facilitator's letter:
    // needed on a tie or when nobody voted (a timed decision nobody answered times out instead);
    // given otherwise, it overrides the majority.
    StepStatus advance(const std::optional<std::string>& call, long long now_ms);
    // Closes a timed decision whose time is up. Returns true when that changed the room.
    bool tick(long long now_ms);

    RoomView view(const std::string& token, long long now_ms) const;  // token "" = the projector
    FacilitatorView facilitator_view(long long now_ms) const;
    const std::optional<scoring::Debrief>& debrief() const { return debrief_; }

    // The session for ResultsStore::record_workshop(), with every participant's ballots.
    store::WorkshopRecord record(const std::string& facilitator, const std::string& room_name,
                                 const std::string& started_at, const std::string& finished_at = "") const;

private:
    int decision() const { return static_cast<int>(workshop_.session(0).turns().size()); }
    std::vector<int> shown() const { return workshop_.session(0).presented_choices(); }
    std::optional<int> choice_for(const std::string& letter) const;
    std::string letter_of(int choice_index) const;
    std::vector<int> tally() const;  // votes per shown option
    void open_voting(long long now_ms);
    void finish_if_ended();
    void fill_common(RoomView& v, long long now_ms, bool counts) const;
    void changed() { ++version_; }
    void staged() { ++stage_, ++version_; }

    const Scenario* scenario_;
    const scoring::Rubric* rubric_;
    std::string code_;
    RoomSettings settings_;
    store::Workshop workshop_;
    Phase phase_ = Phase::Lobby;
    long long version_ = 1;
    long long stage_ = 1;
    std::vector<Participant> people_;
    std::map<std::string, std::size_t> by_token_;
    std::map<int, int> ballots_;  // participant id -> choice index, at the current decision
    long long deadline_ms_ = -1;
    bool closed_by_timer_ = false;
    std::vector<DecisionResult> history_;
    std::vector<store::BallotRecord> ballot_log_;
    std::optional<scoring::Debrief> debrief_;
};

// Cleans a name or team typed on a phone: control characters dropped, spaces collapsed,
// trimmed, and cut to `max_bytes` without splitting a UTF-8 character.
std::string clean_label(const std::string& text, std::size_t max_bytes = 40);

}  // namespace ta::room
