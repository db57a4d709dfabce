#include "room.h"

#include <algorithm>

#include "room_code.h"

namespace ta::room {

const char* phase_key(Phase p) {
    switch (p) {
        case Phase::Lobby: return "lobby";
        case Phase::Voting: return "voting";
        case Phase::Revealed: return "revealed";
        case Phase::Ended: return "ended";
    }
    return "lobby";
}

const char* vote_status_message(VoteStatus s) {
    switch (s) {
        case VoteStatus::Counted: return "counted";
        case VoteStatus::Changed: return "changed";
        case VoteStatus::UnknownParticipant: return "join the room first";
        case VoteStatus::NotOpen: return "voting is closed";
        case VoteStatus::OtherDecision: return "that decision is not open";
        case VoteStatus::NoSuchOption: return "no such reply";
    }
    return "";
}

const char* step_status_message(StepStatus s) {
    switch (s) {
        case StepStatus::Ok: return "ok";
        case StepStatus::NeedsCall: return "a tie, or nobody voted: choose the reply the room goes on with";
        case StepStatus::WrongPhase: return "not possible now";
        case StepStatus::NoSuchOption: return "no such reply";
    }
    return "";
}

std::string clean_label(const std::string& text, std::size_t max_bytes) {
    std::string out;
    bool space = false;
    for (unsigned char c : text) {
        if (c < 0x20 || c == 0x7f) c = ' ';
        if (c == ' ') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += static_cast<char>(c);
    }
    if (out.size() > max_bytes) {
        std::size_t cut = max_bytes;
        while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;  // not inside a character
        out.resize(cut);
        while (!out.empty() && out.back() == ' ') out.pop_back();
    }
    return out;
}

Room::Room(const Scenario& scenario, const scoring::Rubric& rubric, std::string code, RoomSettings settings)
    : scenario_(&scenario),
      rubric_(&rubric),
      code_(std::move(code)),
      settings_(settings),
      workshop_(scenario, store::WorkshopMode::Room, {}, settings.order_seed) {
    finish_if_ended();  // a scenario that cannot start ends at once
}

JoinOutcome Room::join(const std::string& name, const std::string& team, const std::string& token) {
    if (!token.empty()) {
        if (const Participant* p = find(token)) return {JoinStatus::Rejoined, p->token};
    }
    if (phase_ == Phase::Ended) return {JoinStatus::Ended, ""};
    std::string n = clean_label(name), t = clean_label(team);
    if (n.empty() && !settings_.allow_anonymous) return {JoinStatus::NameNeeded, ""};
    if (participant_count() >= settings_.max_participants) return {JoinStatus::Full, ""};
    // Two people who type the same name stay two people in the record.
    if (!n.empty()) {
        std::string base = n;
        for (int k = 2; std::any_of(people_.begin(), people_.end(), [&](const Participant& p) { return p.name == n; }); ++k)
            n = base + " (" + std::to_string(k) + ")";
    }
    Participant p{participant_count() + 1, new_secret(), n, t};
    by_token_[p.token] = people_.size();
    people_.push_back(p);
    changed();
    return {JoinStatus::Joined, p.token};
}

const Participant* Room::find(const std::string& token) const {
    auto it = by_token_.find(token);
    return it == by_token_.end() ? nullptr : &people_[it->second];
}

std::optional<int> Room::choice_for(const std::string& letter) const {
    auto options = shown();
    if (letter.size() != 1) return std::nullopt;
    int k = letter[0] - 'A';
    if (k < 0 || k >= static_cast<int>(options.size())) return std::nullopt;
    return options[static_cast<std::size_t>(k)];
}

std::string Room::letter_of(int choice_index) const {
    auto options = shown();
    for (std::size_t k = 0; k < options.size(); ++k)
        if (options[k] == choice_index) return std::string(1, static_cast<char>('A' + k));
    return "";
}

std::vector<int> Room::tally() const {
    auto options = shown();
    std::vector<int> votes(options.size(), 0);
    for (const auto& [person, choice] : ballots_)
        for (std::size_t k = 0; k < options.size(); ++k)
            if (options[k] == choice) ++votes[k];
    return votes;
}

VoteStatus Room::vote(const std::string& token, int decision_no, const std::string& letter, long long now_ms) {
    tick(now_ms);
    const Participant* p = find(token);
    if (!p) return VoteStatus::UnknownParticipant;
    if (phase_ != Phase::Voting) return VoteStatus::NotOpen;
    if (decision_no != decision()) return VoteStatus::OtherDecision;
    auto choice = choice_for(letter);
    if (!choice) return VoteStatus::NoSuchOption;
    bool had = ballots_.count(p->id) > 0;
    ballots_[p->id] = *choice;
    changed();
    return had ? VoteStatus::Changed : VoteStatus::Counted;
}

void Room::open_voting(long long now_ms) {
    ballots_.clear();
    closed_by_timer_ = false;
    const Node* node = workshop_.session(0).current_node();
    deadline_ms_ = node && node->timer_seconds > 0 ? now_ms + node->timer_seconds * 1000LL : -1;
    phase_ = Phase::Voting;
    staged();
}

StepStatus Room::start(long long now_ms) {
    if (phase_ != Phase::Lobby) return StepStatus::WrongPhase;
    open_voting(now_ms);
    return StepStatus::Ok;
}

StepStatus Room::reveal(long long now_ms) {
    tick(now_ms);
    if (phase_ != Phase::Voting) return StepStatus::WrongPhase;
    phase_ = Phase::Revealed;
    staged();
    return StepStatus::Ok;
}

bool Room::tick(long long now_ms) {
    if (phase_ != Phase::Voting || deadline_ms_ < 0 || now_ms < deadline_ms_) return false;
    phase_ = Phase::Revealed;
    closed_by_timer_ = true;
    staged();
    return true;
}

StepStatus Room::advance(const std::optional<std::string>& call, long long now_ms) {
    if (phase_ != Phase::Revealed) return StepStatus::WrongPhase;
    const auto options = shown();
    const auto votes = tally();
    int total = 0, top = 0;
    for (int v : votes) total += v, top = std::max(top, v);
    const int at_top = static_cast<int>(std::count(votes.begin(), votes.end(), top));
    const Node* node = workshop_.session(0).current_node();

    std::optional<int> chosen;
    if (call) {
        chosen = choice_for(*call);
        if (!chosen) return StepStatus::NoSuchOption;
    } else if (total == 0 && !(node && node->on_timeout)) {
        return StepStatus::NeedsCall;
    } else if (total > 0 && at_top > 1) {
        return StepStatus::NeedsCall;
    } else if (total > 0) {
        chosen = options[static_cast<std::size_t>(std::find(votes.begin(), votes.end(), top) - votes.begin())];
    }

    // The record: the counts and, for each phone, what it voted.
    workshop_.clear_votes(0);
    for (std::size_t k = 0; k < options.size(); ++k) workshop_.set_votes(0, options[k], votes[k]);
    const int turn = decision();
    for (const Participant& p : people_) {
        auto it = ballots_.find(p.id);
        if (it == ballots_.end()) continue;
        const Choice& c = node->choices[static_cast<std::size_t>(it->second)];
        ballot_log_.push_back({turn, p.name, p.team, letter_of(it->second), c.id, c.text, node->id, ""});
    }

    DecisionResult r;
    r.decision = turn;
    r.total = total;
    const long long thinking_ms = 0;  // a room's pace is the facilitator's, not a trainee's
    if (chosen) {
        const Choice& c = node->choices[static_cast<std::size_t>(*chosen)];
        r.letter = letter_of(*chosen);
        r.text = c.text;
        r.votes = votes[static_cast<std::size_t>(std::find(options.begin(), options.end(), *chosen) - options.begin())];
        r.facilitator_call = total == 0 || at_top > 1 || r.votes < top;
        workshop_.advance(0, *chosen, thinking_ms);
    } else {
        r.timed_out = true;
        r.facilitator_call = false;
        r.text = node->on_timeout->text;
        workshop_.time_out(0, thinking_ms);
    }
    history_.push_back(r);
    if (workshop_.ended())
        finish_if_ended();
    else
        open_voting(now_ms);
    staged();
    return StepStatus::Ok;
}

void Room::finish_if_ended() {
    if (!workshop_.ended()) return;
    phase_ = Phase::Ended;
    deadline_ms_ = -1;
    ballots_.clear();
    debrief_ = scoring::grade(*scenario_, workshop_.session(0), *rubric_);
}

namespace {

// Where a reply leads: the customer's next line, or the ending, after any mood route.
std::string leads_to(const Scenario& sc, const Session& s, const Choice& c) {
    std::string target = c.next;
    int mood = apply_mood(s.mood(), c.mood);
    for (int hop = 0; hop < 4; ++hop) {
        const Node* n = sc.find_node(target);
        if (!n) break;
        const MoodRoute* route = matching_route(*n, mood);
        if (!route) {
            if (n->say.empty()) return "(the conversation goes on)";
            return "\"" + n->say.front().text + "\"";
        }
        target = route->next;
    }
    if (const Ending* e = sc.find_ending(target)) return std::string("Ends: ") + e->title + " (" + ending_type_key(e->type) + ")";
    return "";
}

}  // namespace

void Room::fill_common(RoomView& v, long long now_ms, bool counts) const {
    const Session& s = workshop_.session(0);
    v.code = code_;
    v.phase = phase_;
    v.version = version_;
    v.stage = stage_;
    v.scenario_title = scenario_->title;
    v.customer_name = scenario_->customer.name;
    v.participants = participant_count();
    v.voted = static_cast<int>(ballots_.size());
    v.history = history_;
    v.allow_anonymous = settings_.allow_anonymous;
    v.decision = decision();

    const auto& transcript = s.transcript();
    std::size_t from = 0;
    for (std::size_t i = 0; i < transcript.size(); ++i)
        if (transcript[i].speaker == TranscriptEntry::Speaker::Trainee) from = i;
    for (std::size_t i = from; i < transcript.size() && (phase_ != Phase::Lobby || counts); ++i) {
        const auto& e = transcript[i];
        if (e.speaker == TranscriptEntry::Speaker::Narrator) continue;
        v.said.push_back({e.speaker == TranscriptEntry::Speaker::Customer, e.text, e.emotion});
    }

    const Node* node = s.current_node();
    v.channel = channel_key(node ? scenario_->channel_of(*node) : scenario_->channel);
    // Before the start the projector and phones show only the lobby; the facilitator may look ahead.
    if (node && phase_ != Phase::Ended && (phase_ != Phase::Lobby || counts)) {
        v.note = node->note;
        v.timer_seconds = node->timer_seconds;
        if (phase_ == Phase::Voting && deadline_ms_ >= 0) v.ms_left = std::max(0LL, deadline_ms_ - now_ms);
        const auto options = shown();
        const auto votes = tally();
        const bool show = counts || phase_ == Phase::Revealed;
        for (std::size_t k = 0; k < options.size(); ++k) {
            const Choice& c = node->choices[static_cast<std::size_t>(options[k])];
            v.options.push_back({std::string(1, static_cast<char>('A' + k)), options[k], c.id, c.text, show ? votes[k] : 0});
        }
        if (phase_ == Phase::Revealed) {
            v.closed_by_timer = closed_by_timer_;
            int top = 0;
            for (int x : votes) top = std::max(top, x);
            for (std::size_t k = 0; k < votes.size() && top > 0; ++k)
                if (votes[k] == top) v.tied.push_back(v.options[k].letter);
            if (v.tied.size() == 1) v.majority = v.tied.front(), v.tied.clear();
        }
    }
    if (phase_ == Phase::Ended && debrief_) {
        EndView e;
        const Ending* ending = s.ending();
        e.ending_title = debrief_->ending_title;
        e.ending_type = ending_type_key(debrief_->ending_type);
        e.epilogue = ending ? ending->epilogue : "";
        e.overall = debrief_->overall;
        e.passed = debrief_->passed;
        e.band = debrief_->band;
        for (int c = 0; c < kCompetencyCount; ++c)
            if (debrief_->exercised[static_cast<std::size_t>(c)])
                e.scores.emplace_back(competency_key(static_cast<Competency>(c)), debrief_->score[static_cast<std::size_t>(c)]);
        for (const auto& r : debrief_->red_lines) e.red_lines.push_back(r.label + ": \"" + r.said + "\"");
        e.practise_next = debrief_->practise_next;
        v.end = std::move(e);
    }
}

RoomView Room::view(const std::string& token, long long now_ms) const {
    RoomView v;
    fill_common(v, now_ms, false);
    if (const Participant* p = token.empty() ? nullptr : find(token)) {
        v.joined = true;
        v.my_name = p->name;
        v.my_team = p->team;
        auto it = ballots_.find(p->id);
        if (it != ballots_.end()) v.my_vote = letter_of(it->second);
    }
    return v;
}

FacilitatorView Room::facilitator_view(long long now_ms) const {
    FacilitatorView f;
    fill_common(f.room, now_ms, true);
    const Session& s = workshop_.session(0);
    if (const Node* node = s.current_node(); node && phase_ != Phase::Ended) {
        for (const OptionView& o : f.room.options) {
            const Choice& c = node->choices[static_cast<std::size_t>(o.choice_index)];
            f.notes.push_back({o.letter, c.feedback, c.tags, c.model, c.red_line, leads_to(*scenario_, s, c)});
        }
    }
    for (const Participant& p : people_) f.people.push_back({p.name, p.team, ballots_.count(p.id) > 0});
    return f;
}

store::WorkshopRecord Room::record(const std::string& facilitator, const std::string& room_name,
                                   const std::string& started_at, const std::string& finished_at) const {
    store::WorkshopRecord w = workshop_.to_record(*rubric_, facilitator, room_name, started_at, finished_at);
    w.ballots = ballot_log_;
    w.participants = participant_count();
    return w;
}

}  // namespace ta::room
