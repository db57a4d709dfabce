// scenario.h: the in-memory model of one branching customer conversation.
//
// This is the contract between the YAML loader (which fills it), the runtime (which plays it),
// the scoring engine (which grades and analyses it) and every front end. It holds data only:
// no I/O, no GUI, no rules beyond simple look-ups.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "id_index.h"
#include "rows.h"

namespace ta {

// Where something was written in its source file. 1-based; 0 means "not known".
struct SourcePos {
    int line = 0;
    int column = 0;
};

// The five things a trainee is graded on. Order is fixed: it indexes every per-competency array.
enum class Competency { Listening = 0, Apology, Solution, FollowUp, Composure };
inline constexpr int kCompetencyCount = 5;
using CompetencyArray = std::array<double, kCompetencyCount>;

const char* competency_key(Competency c);    // "listening", "apology", "solution", "follow_up", "composure"
const char* competency_label(Competency c);  // "Listening", "Apology", "Solution", "Follow-up", "Composure"
std::optional<Competency> competency_from_key(const std::string& key);

// How a conversation can end.
enum class EndingType {
    Recovered,  // the customer is satisfied again
    Escalated,  // a senior colleague takes over, properly handed on
    Parted,     // an honest, professional parting of ways
    Lost        // the customer leaves unhappy (walks out, cancels, posts a one-star review)
};
const char* ending_type_key(EndingType t);  // "recovered", "escalated", "parted", "lost"
std::optional<EndingType> ending_type_from_key(const std::string& key);

// Where the conversation happens: each front end presents it as people know it (a chat window,
// an email being answered, a public review and its reply, a phone call, a desk).
enum class Channel { InPerson, Phone, Chat, Email, Review };
const char* channel_key(Channel c);    // "in_person", "phone", "chat", "email", "review"
const char* channel_label(Channel c);  // "In person", "Phone call", "Chat", "Email", "Public review"
std::optional<Channel> channel_from_key(const std::string& key);
const std::vector<std::string>& channel_keys();

// How the customer looks, for the drawn face. Empty strings: the front end's defaults.
struct Appearance {
    std::string skin;         // one of appearance_values("skin")
    std::string hair;         // style
    std::string hair_colour;
    std::string age;          // young, adult, older
    std::string clothing;     // a colour name
    bool glasses = false;
    bool beard = false;
    bool headscarf = false;
};
// The values a text field of Appearance may take ("skin", "hair", "hair_colour", "age", "clothing").
const std::vector<std::string>& appearance_values(const std::string& field);

enum class Difficulty { Easy, Medium, Hard };
const char* difficulty_key(Difficulty d);  // "easy", "medium", "hard"
std::optional<Difficulty> difficulty_from_key(const std::string& key);

// The emotions a customer line may carry (drives the drawn face and the bubble colour).
// Kept as strings in the model; the loader checks them against this list.
const std::vector<std::string>& known_emotions();

// One thing the customer says.
struct Line {
    std::string text;
    std::string emotion = "neutral";
    SourcePos pos;
};

// One thing the trainee may say, or the implicit "hesitated" move when a node's timer runs out.
struct Choice {
    std::string id;    // author's id if given, else "<node>#<1-based index>" (stable across reloads)
    std::string text;  // what the trainee says
    std::string next;  // id of a node or an ending
    int mood = 0;      // change to the customer's mood, -100..100
    std::vector<std::string> tags;        // behaviour tags from the rubric's vocabulary
    CompetencyArray points{};             // explicit extra points per competency (added to tag points)
    bool has_points = false;              // true when the author wrote a `points:` map
    std::string feedback;                 // one sentence for the debrief: the behaviour and why it matters
    std::vector<std::string> requires_flags;      // all must be set for the choice to be offered
    std::vector<std::string> requires_not_flags;  // none may be set for the choice to be offered
    std::vector<std::string> sets;        // flags set when chosen
    std::vector<std::string> clears;      // flags cleared when chosen
    bool model = false;                   // the author's model reply at this point
    std::string red_line;                 // non-empty: a critical reply that rules out a pass, and why
    SourcePos pos;
};

// On entering a node, the first route whose condition holds sends the conversation elsewhere
// (e.g. the customer storms off when mood has fallen below 15).
struct MoodRoute {
    std::optional<int> below;  // mood < below
    std::optional<int> above;  // mood > above
    std::string next;          // node or ending id
    SourcePos pos;
};

struct Node {
    std::string id;
    std::vector<Line> say;          // the customer's lines, in order
    std::string note;               // context for the trainee ("You can see the order was never dispatched")
    std::vector<MoodRoute> mood_routes;
    std::vector<Choice> choices;
    std::optional<Channel> channel; // where this part happens, when not the scenario's channel
    int timer_seconds = 0;          // 0 = no timer; else the trainee must answer within this time
    std::optional<Choice> on_timeout;  // the "hesitated" move taken when the timer runs out
    SourcePos pos;
};

struct Ending {
    std::string id;
    EndingType type = EndingType::Lost;
    std::string title;
    std::string epilogue;  // what happens afterwards, shown on the debrief
    // Whether a conversation ending here can pass. Unset: recovered and escalated can, parted and
    // lost cannot; the author marks a cold handover `can_pass: false` and a parting that was the
    // right call `can_pass: true`. A lost customer never passes.
    std::optional<bool> can_pass;
    bool passable() const {
        if (type == EndingType::Lost) return false;
        return can_pass.value_or(type == EndingType::Recovered || type == EndingType::Escalated);
    }
    SourcePos pos;
};

// What a trainer expects of one playthrough, checked by `lint` and `analyze`.
struct Expectation {
    std::string name;                  // short label ("model path passes")
    std::vector<std::string> choices;  // reply ids in order ("node#timeout" for a time-out)
    bool follow_model = false;         // `choices: model`: take the model reply at every turn
    std::optional<bool> passes;
    std::string ending;                // ending id expected ("" = any)
    std::optional<double> score_min, score_max;
    std::string why;                   // the trainer's reason, in words
    SourcePos pos;
};

struct Customer {
    std::string name;
    std::string relationship;  // e.g. "regular", "new", "key account"
    std::string persona;       // one or two sentences on who they are and how they talk
    std::string backstory;     // what happened before the conversation
    int mood = 30;             // starting mood: 0 furious .. 100 delighted
    int patience = 0;          // mood-lowering replies tolerated before walking out; 0 = unlimited
    std::string walkout;       // ending taken when patience is spent (required when patience > 0)
    std::string portrait;      // optional image path, relative to the scenario's folder
    Appearance appearance;
};

// Per-scenario adjustments to the rubric.
struct ScoringOverrides {
    // Relative weight per competency where the scenario sets one; the others keep the rubric's.
    std::array<std::optional<double>, kCompetencyCount> weights{};
    std::optional<int> pass_mark;            // overall score (0-100) needed to pass
    std::vector<std::string> checks;         // soundness checks `analyze` must enforce (exit non-zero)
    // Checks this scenario is not meant to meet, each with the author's reason: `analyze` shows the
    // reason instead of a warning, so the warnings left are the ones to read.
    std::map<std::string, std::string> waived;
    SourcePos pos;
};

struct Scenario {
    int format = 1;
    std::string id;
    std::string title;
    std::string version = "1";
    std::string summary;
    std::string industry;
    Difficulty difficulty = Difficulty::Medium;
    int minutes = 5;
    Channel channel = Channel::InPerson;
    std::string subject;  // email: the subject line of the customer's message
    int stars = 0;        // review: the stars the customer gave (1-5); 0 = not a review
    std::vector<std::string> objectives;
    Customer customer;
    std::string start;  // id of the first node
    std::vector<Node> nodes;
    std::vector<Ending> endings;
    ScoringOverrides scoring;
    std::vector<Expectation> expectations;
    // Still being written (what import-twine produces): lint lists the missing feedback, model
    // replies and expectations as to-dos, attempts on it are not kept, and
    // `audit` refuses a library that ships one.
    bool draft = false;
    std::string source_path;  // file it was loaded from ("" when built in code)

    // Look-ups by id; valid after reindex() (the loader calls it).
    Channel channel_of(const Node& node) const { return node.channel.value_or(channel); }
    const Node* find_node(const std::string& id) const;
    const Ending* find_ending(const std::string& id) const;
    int node_index(const std::string& id) const;    // -1 when absent
    int ending_index(const std::string& id) const;  // -1 when absent
    // Where a link to `id` leads, as Session::enter reads it: to an ending of that id before a
    // node of it. Both -1 when there is neither.
    struct Target {
        int ending = -1;
        int node = -1;
    };
    Target target(const std::string& id) const;
    // Where reply `choice` of node `node` leads, and where its time-out does: target() of their
    // 'next', kept by reindex() (playing, checking and analysing a large story follow millions of
    // replies). A reply added or given another 'next' since is looked up afresh.
    Target reply_target(int node, int choice) const;
    Target timeout_target(int node) const;
    void reindex();

private:
    // Where a 'next' led when reindex() looked it up, with a hash of it to tell whether it still reads so.
    struct Link {
        Target to;
        std::size_t next_hash = 0;
    };
    Target follow(const Link* kept, const std::string& next) const;

    IdIndex node_index_;
    IdIndex ending_index_;
    Rows<Link> reply_links_;          // per node: its replies'
    std::vector<Link> timeout_links_;  // per node: its time-out's ({} when it has none)
};

}  // namespace ta
