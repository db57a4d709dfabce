#include "room_json.h"

#include <cmath>

#include <nlohmann/json.hpp>

namespace ta::room {
namespace {

using nlohmann::json;

json said_json(const SaidLine& s) {
    return {{"who", s.customer ? "customer" : "room"}, {"text", s.text}, {"emotion", s.emotion}};
}

json history_json(const DecisionResult& r) {
    return {{"decision", r.decision}, {"letter", r.letter},  {"text", r.text},
            {"votes", r.votes},       {"total", r.total},    {"facilitator_call", r.facilitator_call},
            {"timed_out", r.timed_out}};
}

json end_json(const EndView& e) {
    json scores = json::array();
    for (const auto& [key, value] : e.scores) scores.push_back({{"competency", key}, {"score", std::floor(value)}});
    return {{"ending_title", e.ending_title}, {"ending_type", e.ending_type}, {"epilogue", e.epilogue},
            {"overall", std::floor(e.overall)}, {"passed", e.passed},         {"band", e.band},
            {"scores", scores},                 {"red_lines", e.red_lines},   {"practise_next", e.practise_next}};
}

json view_json(const RoomView& v) {
    json j = {{"code", v.code},
              {"phase", phase_key(v.phase)},
              {"version", v.version},
              {"stage", v.stage},
              {"scenario_title", v.scenario_title},
              {"customer_name", v.customer_name},
              {"channel", v.channel},
              {"decision", v.decision},
              {"note", v.note},
              {"participants", v.participants},
              {"voted", v.voted},
              {"majority", v.majority},
              {"tied", v.tied},
              {"closed_by_timer", v.closed_by_timer},
              {"timer_seconds", v.timer_seconds},
              {"ms_left", v.ms_left},
              {"allow_anonymous", v.allow_anonymous},
              {"joined", v.joined},
              {"my_name", v.my_name},
              {"my_team", v.my_team},
              {"my_vote", v.my_vote}};
    j["said"] = json::array();
    for (const auto& s : v.said) j["said"].push_back(said_json(s));
    j["options"] = json::array();
    const bool counts = v.phase == Phase::Revealed;
    for (const auto& o : v.options) {
        json opt = {{"letter", o.letter}, {"text", o.text}};
        if (counts) opt["votes"] = o.votes;
        j["options"].push_back(opt);
    }
    j["history"] = json::array();
    for (const auto& r : v.history) j["history"].push_back(history_json(r));
    j["end"] = v.end ? end_json(*v.end) : json(nullptr);
    return j;
}

}  // namespace

std::string room_view_json(const RoomView& v) { return view_json(v).dump(); }

std::string facilitator_view_json(const FacilitatorView& f) {
    json j = view_json(f.room);
    // The facilitator sees the counts as they come in, and each reply's teaching point.
    for (std::size_t k = 0; k < f.room.options.size(); ++k) {
        json& o = j["options"][k];
        o["votes"] = f.room.options[k].votes;
        if (k < f.notes.size()) {
            const OptionNote& n = f.notes[k];
            o["feedback"] = n.feedback;
            o["tags"] = n.tags;
            o["model"] = n.model;
            o["red_line"] = n.red_line;
            o["leads_to"] = n.leads_to;
        }
    }
    j["people"] = json::array();
    for (const auto& p : f.people) j["people"].push_back({{"name", p.name}, {"team", p.team}, {"voted", p.voted}});
    return j.dump();
}

}  // namespace ta::room
