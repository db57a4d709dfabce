// session.h: plays one scenario. A pure state machine: no I/O, no clock, no randomness.
//
// The same scenario and the same sequence of choose()/time_out() calls always give the same
// turns, transcript, mood and ending. Front ends (terminal, window, workshop) read its state and
// call choose(); they hold no rules of their own. An optional order seed (picked by the front
// end) shuffles the order replies are shown in, deterministically; choice indices stay file
// indices, so turns, grading and the results store never depend on the order shown.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "scenario.h"

namespace ta {

// Index of the implicit "hesitated" move in Turn::choice_index.
inline constexpr int kTimeoutChoice = -1;

// One decision the trainee made.
struct Turn {
    std::string node_id;     // node where the decision was taken
    int node = -1;           // its index in the scenario's nodes
    int choice_index = 0;    // index into Node::choices, or kTimeoutChoice
    int mood_before = 0;
    int mood_after = 0;      // after the choice's mood change (clamped 0..100)
    bool patience_spent = false;  // this choice used up the customer's patience
};

// One entry of what was said, in order.
struct TranscriptEntry {
    enum class Speaker { Customer, Trainee, Narrator };
    Speaker speaker = Speaker::Customer;
    std::string text;
    std::string emotion;  // customer lines only
    std::string node_id;  // node the entry belongs to
    int turn = -1;        // index into turns() for trainee entries, else -1
};

enum class ChooseResult { Ok, Ended, NotAvailable, NoTimer };

class Session {
public:
    // Starts the conversation at the scenario's start node. The scenario must outlive the session
    // and must have passed validation without errors (an invalid one ends at once as "lost").
    // With `order_seed`, presented_choices() shows the replies shuffled (see reply_order.h).
    explicit Session(const Scenario& scenario, std::optional<std::uint64_t> order_seed = std::nullopt);

    const Scenario& scenario() const { return *scenario_; }
    const std::optional<std::uint64_t>& order_seed() const { return order_seed_; }

    bool ended() const { return ending_ != nullptr; }
    const Ending* ending() const { return ending_; }
    const Node* current_node() const { return node_; }  // nullptr once ended

    // Indices into current_node()->choices of the choices offered now (flags permitting), in order.
    std::vector<int> available_choices() const;
    // The same indices in the order a front end shows them: shuffled by the order seed and the
    // turn number, or file order without a seed. Position k on screen is presented_choices()[k].
    std::vector<int> presented_choices() const;

    // Says choice `choice_index` (an index into current_node()->choices).
    ChooseResult choose(int choice_index);
    // The node's timer ran out: takes its on_timeout move.
    ChooseResult time_out();

    int mood() const { return mood_; }
    int patience_left() const { return patience_left_; }  // meaningless when patience is unlimited
    const std::set<std::string>& flags() const { return flags_; }
    const std::vector<Turn>& turns() const { return turns_; }
    const std::vector<TranscriptEntry>& transcript() const { return transcript_; }

    // The choice a turn took (the node's choice, or its on_timeout move).
    const Choice& choice_of(const Turn& turn) const;

    // Plays `choices` (indices into each node's choices; kTimeoutChoice for a time-out) from the
    // start. Stops early at the first one that is not available; `played` says how many were.
    // `order_seed` only changes the order replies are shown in from here on (see the constructor).
    static Session replay(const Scenario& scenario, const std::vector<int>& choices, int* played = nullptr,
                          std::optional<std::uint64_t> order_seed = std::nullopt);

    // The choice indices taken so far, suitable for replay().
    std::vector<int> choice_path() const;

private:
    void enter(Scenario::Target target);
    ChooseResult apply(const Choice& choice, int choice_index);

    const Scenario* scenario_;
    std::optional<std::uint64_t> order_seed_;
    const Node* node_ = nullptr;
    const Ending* ending_ = nullptr;
    int mood_ = 0;
    int patience_left_ = 0;
    std::set<std::string> flags_;
    std::vector<Turn> turns_;
    std::vector<TranscriptEntry> transcript_;
};

// Whether `choice` may be offered given the flags set so far.
bool choice_available(const Choice& choice, const std::set<std::string>& flags);

// Applies a choice's mood change and clamps to 0..100.
int apply_mood(int mood, int delta);

// The route taken on entering `node` with `mood`, or nullptr when none applies.
const MoodRoute* matching_route(const Node& node, int mood);

}  // namespace ta
