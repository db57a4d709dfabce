#include "scenario.h"

#include <iterator>

namespace ta {

namespace {
constexpr const char* kCompetencyKeys[kCompetencyCount] = {"listening", "apology", "solution", "follow_up",
                                                           "composure"};
constexpr const char* kCompetencyLabels[kCompetencyCount] = {"Listening", "Apology", "Solution", "Follow-up",
                                                             "Composure"};
constexpr const char* kEndingKeys[] = {"recovered", "escalated", "parted", "lost"};
constexpr const char* kDifficultyKeys[] = {"easy", "medium", "hard"};
constexpr const char* kChannelKeys[] = {"in_person", "phone", "chat", "email", "review"};
constexpr const char* kChannelLabels[] = {"In person", "Phone call", "Chat", "Email", "Public review"};
}  // namespace

const char* channel_key(Channel c) { return kChannelKeys[static_cast<int>(c)]; }
const char* channel_label(Channel c) { return kChannelLabels[static_cast<int>(c)]; }

std::optional<Channel> channel_from_key(const std::string& key) {
    for (int i = 0; i < 5; ++i)
        if (key == kChannelKeys[i]) return static_cast<Channel>(i);
    return std::nullopt;
}

const std::vector<std::string>& channel_keys() {
    static const std::vector<std::string> keys(std::begin(kChannelKeys), std::end(kChannelKeys));
    return keys;
}

const std::vector<std::string>& appearance_values(const std::string& field) {
    static const std::vector<std::string> skin = {"very-light", "light", "medium", "tan", "brown", "dark"};
    static const std::vector<std::string> hair = {"short", "long", "curly", "bun", "bald", "ponytail"};
    static const std::vector<std::string> hair_colour = {"black", "brown", "blonde", "red", "grey", "white"};
    static const std::vector<std::string> age = {"young", "adult", "older"};
    static const std::vector<std::string> clothing = {"red", "orange", "yellow", "green", "teal", "blue",
                                                      "purple", "pink", "grey", "black", "white", "brown"};
    static const std::vector<std::string> none;
    if (field == "skin") return skin;
    if (field == "hair") return hair;
    if (field == "hair_colour") return hair_colour;
    if (field == "age") return age;
    if (field == "clothing") return clothing;
    return none;
}

const char* competency_key(Competency c) { return kCompetencyKeys[static_cast<int>(c)]; }
const char* competency_label(Competency c) { return kCompetencyLabels[static_cast<int>(c)]; }

std::optional<Competency> competency_from_key(const std::string& key) {
    for (int i = 0; i < kCompetencyCount; ++i)
        if (key == kCompetencyKeys[i]) return static_cast<Competency>(i);
    return std::nullopt;
}

const char* ending_type_key(EndingType t) { return kEndingKeys[static_cast<int>(t)]; }

std::optional<EndingType> ending_type_from_key(const std::string& key) {
    for (int i = 0; i < 4; ++i)
        if (key == kEndingKeys[i]) return static_cast<EndingType>(i);
    return std::nullopt;
}

const char* difficulty_key(Difficulty d) { return kDifficultyKeys[static_cast<int>(d)]; }

std::optional<Difficulty> difficulty_from_key(const std::string& key) {
    for (int i = 0; i < 3; ++i)
        if (key == kDifficultyKeys[i]) return static_cast<Difficulty>(i);
    return std::nullopt;
}

const std::vector<std::string>& known_emotions() {
    static const std::vector<std::string> emotions = {
        "neutral", "angry",    "furious", "frustrated", "upset",   "anxious", "sad",      "disappointed",
        "sceptical", "impatient", "calmer", "hopeful",  "relieved", "pleased", "grateful", "resigned",
    };
    return emotions;
}

const Node* Scenario::find_node(const std::string& id) const {
    int i = node_index(id);
    return i < 0 ? nullptr : &nodes[i];
}

const Ending* Scenario::find_ending(const std::string& id) const {
    int i = ending_index(id);
    return i < 0 ? nullptr : &endings[i];
}

int Scenario::node_index(const std::string& id) const { return node_index_.find(id); }

int Scenario::ending_index(const std::string& id) const { return ending_index_.find(id); }

Scenario::Target Scenario::target(const std::string& id) const {
    if (const int e = ending_index(id); e >= 0) return {e, -1};
    return {-1, node_index(id)};
}

Scenario::Target Scenario::follow(const Link* kept, const std::string& next) const {
    if (kept && kept->next_hash == std::hash<std::string>{}(next)) return kept->to;
    return target(next);
}

Scenario::Target Scenario::reply_target(int node, int choice) const {
    if (node < 0 || node >= static_cast<int>(nodes.size()) || choice < 0) return {};
    const auto& choices = nodes[node].choices;
    if (static_cast<std::size_t>(choice) >= choices.size()) return {};
    const Link* kept = nullptr;
    if (static_cast<std::size_t>(node) < reply_links_.size() && static_cast<std::size_t>(choice) < reply_links_[node].size())
        kept = &reply_links_[node][choice];
    return follow(kept, choices[choice].next);
}

Scenario::Target Scenario::timeout_target(int node) const {
    if (node < 0 || node >= static_cast<int>(nodes.size()) || !nodes[node].on_timeout) return {};
    const Link* kept = static_cast<std::size_t>(node) < timeout_links_.size() ? &timeout_links_[node] : nullptr;
    return follow(kept, nodes[node].on_timeout->next);
}

void Scenario::reindex() {
    // First definition wins: duplicates are reported by validation, not silently replaced.
    node_index_.rebuild(nodes);
    ending_index_.rebuild(endings);
    auto link = [&](const std::string& next) { return Link{target(next), std::hash<std::string>{}(next)}; };
    reply_links_.clear();
    timeout_links_.clear();
    timeout_links_.reserve(nodes.size());
    for (const Node& n : nodes) {
        for (const Choice& c : n.choices) reply_links_.add(link(c.next));
        reply_links_.end_row();
        timeout_links_.push_back(n.on_timeout ? link(n.on_timeout->next) : Link{});
    }
}

}  // namespace ta
