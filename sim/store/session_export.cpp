#include "session_export.h"

#include "csv.h"
#include "export.h"
#include "session.h"
#include "store_json.h"

namespace ta::store {

namespace {

std::string trim_slash(std::string s) {
    while (!s.empty() && s.back() == '/') s.pop_back();
    return s;
}

// Older sessions (before schema 4) kept no letters: their options are numbered in file order.
std::string shown_as(const VoteRecord& v) {
    if (v.choice_index == kTimeoutChoice) return "timeout";
    return v.letter.empty() ? "#" + std::to_string(v.choice_index + 1) : v.letter;
}

}  // namespace

const std::vector<std::string>& vote_csv_columns() {
    static const std::vector<std::string> cols = {
        "session_id", "session_uuid", "scenario_id", "team", "decision", "letter", "reply_text", "votes", "taken",
        "facilitator_call", "tie"};
    return cols;
}

const std::vector<std::string>& ballot_csv_columns() {
    static const std::vector<std::string> cols = {"session_id", "session_uuid", "scenario_id", "decision", "node_id",
                                                  "participant", "team", "letter", "choice_id", "reply_text",
                                                  "ballot_uuid"};
    return cols;
}

std::string votes_csv(const std::vector<WorkshopRecord>& sessions) {
    std::string out = csv_row(vote_csv_columns());
    for (const WorkshopRecord& w : sessions)
        for (const VoteRecord& v : w.votes)
            out += csv_row({std::to_string(w.id), w.uuid, w.scenario_id, v.team, std::to_string(v.turn + 1),
                            shown_as(v), v.text, std::to_string(v.votes), v.chosen ? "yes" : "no",
                            v.chosen && v.overridden ? "yes" : "no", v.tie ? "yes" : "no"});
    return out;
}

std::string ballots_csv(const std::vector<WorkshopRecord>& sessions) {
    std::string out = csv_row(ballot_csv_columns());
    for (const WorkshopRecord& w : sessions)
        for (const BallotRecord& b : w.ballots)
            out += csv_row({std::to_string(w.id), w.uuid, w.scenario_id, std::to_string(b.turn + 1), b.node_id,
                            b.participant, b.team, b.letter, b.choice_id, b.text, b.uuid});
    return out;
}

std::string ballot_xapi_statement(const WorkshopRecord& w, const BallotRecord& b, const XapiOptions& options) {
    if (b.participant.empty() || b.uuid.empty()) return "";
    const std::string home = trim_slash(options.home_page);
    const std::string& lang = options.language;
    const std::string title = w.scenario_title.empty() ? w.scenario_id : w.scenario_title;

    JsonWriter j;
    j.begin_object();
    j.key("id").value(b.uuid);
    write_xapi_actor(j, {b.participant, false, b.participant}, options);
    write_answered_verb(j, options);

    j.key("object").begin_object();
    j.key("objectType").value("Activity");
    j.key("id").value(decision_activity_id(w.scenario_id, b.node_id, options));
    j.key("definition").begin_object();
    j.key("name").begin_object().key(lang).value(title + ": decision " + std::to_string(b.turn + 1)).end_object();
    j.key("type").value("http://adlnet.gov/expapi/activities/cmi.interaction");
    j.key("interactionType").value("choice");
    j.end_object();
    j.end_object();

    j.key("result").begin_object();
    j.key("response").value(b.choice_id);
    j.key("extensions").begin_object();
    j.key(home + "/xapi/letter").value(b.letter);
    j.key(home + "/xapi/reply-text").value(b.text);
    j.end_object();
    j.end_object();

    j.key("context").begin_object();
    if (w.uuid.size() == 36) j.key("registration").value(w.uuid);  // one registration per session
    j.key("platform").value("Turnaround");
    j.key("language").value(lang);
    j.key("contextActivities").begin_object();
    j.key("parent").begin_array().begin_object();
    j.key("objectType").value("Activity");
    j.key("id").value(scenario_activity_id(w.scenario_id, options));
    j.end_object().end_array();
    j.key("grouping").begin_array().begin_object();
    j.key("objectType").value("Activity");
    j.key("id").value(home + "/workshops/" + std::to_string(w.id));
    j.end_object().end_array();
    j.end_object();
    j.key("extensions").begin_object();
    j.key(home + "/xapi/scenario-version").value(w.scenario_version);
    j.key(home + "/xapi/decision").value(b.turn + 1);
    if (!b.team.empty()) j.key(home + "/xapi/team").value(b.team);
    j.end_object();
    j.end_object();

    j.key("timestamp").value(w.finished_at);
    j.end_object();
    return j.str();
}

std::vector<std::string> session_xapi_statements(const ResultsStore& store, const WorkshopRecord& w,
                                                 const XapiOptions& options) {
    std::vector<std::string> out;
    for (const AttemptRecord& a : w.results) {
        // Each team is a stable group within its session (its account names the session and team).
        const XapiActor team{attempt_owner(store, a), true, team_account(w.id, a.team)};
        out.push_back(xapi_statement(a, team, options));
        for (auto& s : xapi_decision_statements(a, team, options)) out.push_back(std::move(s));
    }
    for (const BallotRecord& b : w.ballots)
        if (std::string s = ballot_xapi_statement(w, b, options); !s.empty()) out.push_back(std::move(s));
    return out;
}

}  // namespace ta::store
