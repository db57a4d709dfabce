// format_keys.h: the keys each object of the scenario format (version 1) may carry.
//
// One table per kind of YAML mapping. The loader checks every mapping against its table (an
// unknown key is an error with a "did you mean"), and a test checks the JSON Schema in
// scenarios/schema/ lists exactly these keys, so the loader, the schema and editors' completion
// cannot drift apart. Adding a field to the format starts here.
#pragma once

#include <array>
#include <span>
#include <string_view>

namespace ta::format_keys {

inline constexpr std::array<std::string_view, 19> kTopLevel = {
    "format",  "id",         "title",    "version", "summary", "industry", "difficulty", "minutes",
    "channel", "subject",    "stars",    "objectives", "customer", "scoring", "start",   "nodes",
    "endings", "expect",     "draft",
};

inline constexpr std::array<std::string_view, 9> kCustomer = {
    "name", "relationship", "persona", "backstory", "mood", "patience", "walkout", "portrait", "appearance",
};

// `customer.appearance`: how the drawn face looks.
inline constexpr std::array<std::string_view, 8> kAppearance = {
    "skin", "hair", "hair_colour", "age", "clothing", "glasses", "beard", "headscarf",
};

inline constexpr std::array<std::string_view, 4> kScoring = {"pass_mark", "weights", "checks", "waive"};

// `scoring.weights` and a choice's `points`: one number per competency (see competency_key()).
inline constexpr std::array<std::string_view, 5> kCompetencyMap = {
    "listening", "apology", "solution", "follow_up", "composure",
};

inline constexpr std::array<std::string_view, 8> kNode = {
    "id", "note", "say", "timer", "on_timeout", "mood_routes", "choices", "channel",
};

// One entry of a node's `say` list.
inline constexpr std::array<std::string_view, 2> kLine = {"text", "emotion"};

inline constexpr std::array<std::string_view, 13> kChoice = {
    "id",       "text",     "next",         "mood", "tags",   "points",   "feedback",
    "requires", "requires_not", "sets",     "clears", "model", "red_line",
};

// The "hesitated" move: a choice without an id (it is "<node>#timeout") or conditions, since it
// is taken whenever the timer runs out. `text` is optional (shown in the transcript).
inline constexpr std::array<std::string_view, 9> kOnTimeout = {
    "text", "next", "mood", "tags", "points", "feedback", "sets", "clears", "red_line",
};

inline constexpr std::array<std::string_view, 3> kMoodRoute = {"below", "above", "next"};

inline constexpr std::array<std::string_view, 5> kEnding = {"id", "type", "title", "epilogue", "can_pass"};

// One entry of the top-level `expect` list: what a trainer expects of a playthrough.
inline constexpr std::array<std::string_view, 6> kExpectation = {"name", "choices", "passes", "ending", "score", "why"};

// An expectation's `score`: a range of the overall score.
inline constexpr std::array<std::string_view, 2> kScoreRange = {"min", "max"};

// The values `scoring.checks` may list: the soundness checks `analyze` runs (scoring/analysis.h).
// "passable" is always enforced; listing it changes nothing. The schema's enum is tested against
// this list, and the loader refuses any other name with a "did you mean".
inline constexpr std::array<std::string_view, 10> kChecks = {
    "passable",          "no-pass-without-apology", "no-pass-without-listening", "no-pass-without-follow-up",
    "no-dead-choices",   "no-traps",                "no-loops",                  "no-length-cue",
    "model-path-clean",  "promise-kept-reachable",
};

// Every table, named as the object is named in the JSON Schema's "definitions" ("scenario" is the
// schema's root). Lets tools and tests walk all of them.
struct Table {
    std::string_view object;
    std::span<const std::string_view> keys;
};

inline constexpr std::array<Table, 13> kAllTables = {{
    {"scenario", kTopLevel},
    {"customer", kCustomer},
    {"appearance", kAppearance},
    {"scoring", kScoring},
    {"competency_map", kCompetencyMap},
    {"node", kNode},
    {"line", kLine},
    {"choice", kChoice},
    {"on_timeout", kOnTimeout},
    {"mood_route", kMoodRoute},
    {"ending", kEnding},
    {"expectation", kExpectation},
    {"score_range", kScoreRange},
}};

// True when `key` is in `keys`.
constexpr bool contains(std::span<const std::string_view> keys, std::string_view key) {
    for (auto k : keys)
        if (k == key) return true;
    return false;
}

}  // namespace ta::format_keys
