// The debrief as JSON: stable key order and number format, so the same debrief always gives the
// same bytes (results store, exports, play --json).
#include "debrief.h"
#include "json_writer.h"

namespace ta::scoring {

namespace {

void write_hits(JsonWriter& w, const char* name, const std::vector<TagHit>& hits) {
    w.key(name).begin_array();
    for (const auto& h : hits) {
        w.begin_object();
        w.key("tag").value(h.tag);
        w.key("label").value(h.label);
        w.key("points").competencies(h.points);
        w.key("explanation").value(h.explanation);
        w.end_object();
    }
    w.end_array();
}

void write_rules(JsonWriter& w, const std::vector<RuleHit>& hits) {
    w.key("rules").begin_array();
    for (const auto& h : hits) {
        w.begin_object();
        w.key("id").value(h.rule_id);
        w.key("label").value(h.label);
        w.key("points").competencies(h.points);
        w.key("explanation").value(h.explanation);
        w.end_object();
    }
    w.end_array();
}

// The loader names every choice; a scenario built in code may not, so fall back to the same
// "node#N" (or "node#timeout") the loader would have given.
std::string choice_id(const std::string& id, const std::string& node_id, int index) {
    if (!id.empty()) return id;
    return node_id + "#" + (index == kTimeoutChoice ? std::string("timeout") : std::to_string(index + 1));
}

}  // namespace

std::string debrief_to_json(const Debrief& d) {
    JsonWriter w;
    w.begin_object();
    w.key("format").value(1);
    w.key("scenario").begin_object().key("id").value(d.scenario_id).key("version").value(d.scenario_version).end_object();
    w.key("completed").value(d.completed);
    w.key("ending").begin_object();
    w.key("id").value(d.ending_id);
    w.key("type").value(d.completed ? ending_type_key(d.ending_type) : "");
    w.end_object();
    w.key("overall").value(d.overall);
    w.key("pass_mark").value(d.pass_mark);
    w.key("passed").value(d.passed);
    w.key("band").value(d.band);
    w.key("ending_passable").value(d.ending_passable);
    w.key("red_lines").begin_array();
    for (const auto& hit : d.red_lines) {
        w.begin_object();
        w.key("turn").value(hit.turn);
        w.key("said").value(hit.said);
        w.key("label").value(hit.label);
        w.key("reason").value(hit.reason);
        w.end_object();
    }
    w.end_array();
    w.key("competencies").begin_array();
    for (int c = 0; c < kCompetencyCount; ++c) {
        w.begin_object();
        w.key("key").value(competency_key(static_cast<Competency>(c)));
        w.key("label").value(competency_label(static_cast<Competency>(c)));
        w.key("exercised").value(static_cast<bool>(d.exercised[c]));
        w.key("weight").value(d.weights[c]);
        w.key("raw").value(d.raw[c]);
        w.key("best").value(d.best[c]);
        w.key("worst").value(d.worst[c]);
        w.key("zero").value(d.zero[c]);
        w.key("score").value(d.score[c]);
        w.end_object();
    }
    w.end_array();
    w.key("turns").begin_array();
    for (const auto& t : d.turns) {
        w.begin_object();
        w.key("turn").value(t.turn);
        w.key("node").value(t.node_id);
        w.key("choice").value(t.choice_index);
        w.key("choice_id").value(choice_id(t.choice_id, t.node_id, t.choice_index));
        w.key("timed_out").value(t.choice_index == kTimeoutChoice);
        w.key("said").value(t.said);
        w.key("feedback").value(t.feedback);
        w.key("explanation").value(t.explanation);
        w.key("model").value(t.model);
        w.key("red_line").value(t.red_line);
        w.key("points").competencies(t.points);
        write_hits(w, "tags", t.tags);
        write_rules(w, t.rules);
        w.key("better_choice");
        if (t.better_choice_index) {
            w.begin_object();
            w.key("index").value(*t.better_choice_index);
            w.key("id").value(choice_id(t.better_choice_id, t.node_id, *t.better_choice_index));
            w.key("text").value(t.better_choice_text);
            w.key("why").value(t.better_choice_why);
            w.end_object();
        } else {
            w.null();
        }
        w.end_object();
    }
    w.end_array();
    w.key("practise_next").begin_array();
    for (const auto& line : d.practise_next) w.value(line);
    w.end_array();
    w.key("notes").begin_array();
    for (const auto& line : d.notes) w.value(line);
    w.end_array();
    w.end_object();
    return w.str();
}

}  // namespace ta::scoring
