#include "xapi.h"

#include <cstdint>
#include <cstdio>
#include <ctime>

#include <nlohmann/json.hpp>

#include "store_json.h"

namespace ta::store {

std::string iso8601_duration(long long ms) {
    if (ms < 0) ms = 0;
    long long hours = ms / 3600000;
    long long minutes = (ms / 60000) % 60;
    long long millis = ms % 60000;
    std::string out = "PT";
    if (hours) out += std::to_string(hours) + "H";
    if (minutes) out += std::to_string(minutes) + "M";
    if (millis || (!hours && !minutes)) {
        char buf[32];
        if (millis % 1000) std::snprintf(buf, sizeof buf, "%lld.%03lld", millis / 1000, millis % 1000);
        else std::snprintf(buf, sizeof buf, "%lld", millis / 1000);
        std::string s = buf;
        if (s.find('.') != std::string::npos)
            while (s.back() == '0') s.pop_back();
        out += s + "S";
    }
    return out;
}

namespace {

bool parse_utc(const std::string& iso, std::time_t* out) {
    std::tm tm{};
    char z = 0;
    if (std::sscanf(iso.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                    &tm.tm_min, &tm.tm_sec, &z) != 7 ||
        z != 'Z')
        return false;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    *out = timegm(&tm);
    return *out != static_cast<std::time_t>(-1);
}

std::string percent_encode(const std::string& s) {
    std::string out;
    for (unsigned char c : s) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
            c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", c);
            out += buf;
        }
    }
    return out;
}

std::string trim_slash(std::string s) {
    while (!s.empty() && s.back() == '/') s.pop_back();
    return s;
}


std::string format_utc(std::time_t t) {
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

// 64-bit FNV-1a, twice with different seeds: 128 bits that depend on every byte.
std::uint64_t fnv1a(const std::string& s, std::uint64_t h) {
    for (unsigned char c : s) {
        h ^= c;
        h *= 0x100000001B3ull;
    }
    return h;
}

}  // namespace

void write_xapi_actor(JsonWriter& j, const XapiActor& actor, const XapiOptions& options) {
    j.key("actor").begin_object();
    j.key("objectType").value(actor.group ? "Group" : "Agent");
    j.key("name").value(actor.name);
    j.key("account").begin_object().key("homePage").value(trim_slash(options.home_page));
    j.key("name").value(actor.account.empty() ? actor.name : actor.account).end_object();
    j.end_object();
}

void write_answered_verb(JsonWriter& j, const XapiOptions& options) {
    j.key("verb").begin_object();
    j.key("id").value("http://adlnet.gov/expapi/verbs/answered");
    j.key("display").begin_object().key(options.language).value("answered").end_object();
    j.end_object();
}

std::string trainee_account(long long trainee_id) { return "trainee-" + std::to_string(trainee_id); }

std::string team_account(long long workshop_id, const std::string& team) {
    return "workshop-" + std::to_string(workshop_id) + "-team-" + percent_encode(team.empty() ? "room" : team);
}

std::string decision_statement_id(const std::string& attempt_uuid, int turn) {
    const std::string key = attempt_uuid + "/turn/" + std::to_string(turn);
    const std::uint64_t hi = fnv1a(key, 0xCBF29CE484222325ull), lo = fnv1a(key, 0x84222325CBF29CE4ull ^ hi);
    unsigned char b[16];
    for (int i = 0; i < 8; ++i) {
        b[i] = static_cast<unsigned char>(hi >> (56 - 8 * i));
        b[8 + i] = static_cast<unsigned char>(lo >> (56 - 8 * i));
    }
    b[6] = static_cast<unsigned char>((b[6] & 0x0F) | 0x40);  // the version 4 layout validators expect
    b[8] = static_cast<unsigned char>((b[8] & 0x3F) | 0x80);  // RFC 4122 variant
    char out[37];
    std::snprintf(out, sizeof out, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
                  b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
    return out;
}


long long seconds_between(const std::string& from_iso, const std::string& to_iso) {
    std::time_t a = 0, b = 0;
    if (!parse_utc(from_iso, &a) || !parse_utc(to_iso, &b)) return -1;
    return static_cast<long long>(b - a);
}

long long attempt_duration_ms(const AttemptRecord& a) {
    long long ms = a.duration_ms();
    long long secs = seconds_between(a.started_at, a.finished_at);
    return secs >= 0 && secs * 1000 > ms ? secs * 1000 : ms;
}

std::string scenario_activity_id(const std::string& scenario_id, const XapiOptions& options) {
    return trim_slash(options.home_page) + "/scenarios/" + percent_encode(scenario_id);
}

std::string decision_activity_id(const std::string& scenario_id, const std::string& node_id,
                                 const XapiOptions& options) {
    return scenario_activity_id(scenario_id, options) + "/nodes/" + percent_encode(node_id);
}

std::string xapi_statement(const AttemptRecord& a, const XapiActor& actor, const XapiOptions& options) {
    const std::string home = trim_slash(options.home_page);
    const std::string& lang = options.language;

    const char* verb = !a.completed ? "terminated" : a.passed ? "passed" : "failed";
    const char* verb_display = !a.completed ? "abandoned" : a.passed ? "passed" : "failed";

    long long ms = attempt_duration_ms(a);

    double scaled = a.overall / 100.0;
    if (scaled < 0) scaled = 0;
    if (scaled > 1) scaled = 1;

    JsonWriter j;
    j.begin_object();
    j.key("id").value(a.uuid);
    write_xapi_actor(j, actor, options);

    j.key("verb").begin_object();
    j.key("id").value(std::string("http://adlnet.gov/expapi/verbs/") + verb);
    j.key("display").begin_object().key(lang).value(verb_display).end_object();
    j.end_object();

    j.key("object").begin_object();
    j.key("objectType").value("Activity");
    j.key("id").value(scenario_activity_id(a.scenario_id, options));
    j.key("definition").begin_object();
    j.key("name").begin_object().key(lang).value(a.scenario_title.empty() ? a.scenario_id : a.scenario_title).end_object();
    j.key("type").value("http://adlnet.gov/expapi/activities/simulation");
    j.end_object();
    j.end_object();

    j.key("result").begin_object();
    if (a.completed) {
        j.key("score").begin_object();
        j.key("scaled").value(scaled).key("raw").value(scaled * 100).key("min").value(0).key("max").value(100);
        j.end_object();
        j.key("success").value(a.passed);
    }
    j.key("completion").value(a.completed);
    j.key("duration").value(iso8601_duration(ms));
    j.key("extensions").begin_object();
    j.key(home + "/xapi/ending").begin_object();
    j.key("id").value(a.ending_id).key("type").value(a.ending_type);
    j.end_object();
    if (a.has_scores) {
        j.key(home + "/xapi/competency-scores").begin_object();
        for (int c = 0; c < kCompetencyCount; ++c)
            if (a.is_scored(c)) j.key(competency_key(static_cast<Competency>(c))).value(a.scores[static_cast<std::size_t>(c)]);
        j.end_object();
    }
    j.key(home + "/xapi/choices").begin_array();
    for (const auto& id : a.choice_ids) j.value(id);
    j.end_array();
    j.end_object();
    j.end_object();

    j.key("context").begin_object();
    j.key("platform").value("Turnaround");
    j.key("language").value(lang);
    if (a.workshop_id) {
        j.key("contextActivities").begin_object().key("grouping").begin_array().begin_object();
        j.key("objectType").value("Activity");
        j.key("id").value(home + "/workshops/" + std::to_string(a.workshop_id));
        j.end_object().end_array().end_object();
    }
    j.key("extensions").begin_object();
    j.key(home + "/xapi/scenario-version").value(a.scenario_version);
    j.end_object();
    j.end_object();

    j.key("timestamp").value(a.finished_at);
    j.end_object();
    return j.str();
}

std::vector<std::string> xapi_decision_statements(const AttemptRecord& a, const XapiActor& actor,
                                                  const XapiOptions& options) {
    std::vector<std::string> out;
    if (a.debrief_json.empty()) return out;
    const nlohmann::json d = nlohmann::json::parse(a.debrief_json, nullptr, false);
    if (d.is_discarded() || !d.is_object() || !d.contains("turns") || !d["turns"].is_array()) return out;
    const std::string home = trim_slash(options.home_page);
    const std::string& lang = options.language;
    std::time_t start = 0;
    const bool timed = parse_utc(a.started_at, &start);
    long long elapsed_ms = 0;
    int turn = 0;
    for (const auto& t : d["turns"]) {
        if (!t.is_object()) continue;
        const std::string node = t.value("node", std::string());
        const bool timed_out = t.value("timed_out", false);
        const std::string choice = timed_out ? std::string("timeout") : t.value("choice_id", std::string());
        const long long think_ms = turn < static_cast<int>(a.turn_ms.size()) ? a.turn_ms[static_cast<std::size_t>(turn)] : 0;
        elapsed_ms += think_ms;
        JsonWriter j;
        j.begin_object();
        j.key("id").value(decision_statement_id(a.uuid, turn));
        write_xapi_actor(j, actor, options);
        write_answered_verb(j, options);
        j.key("object").begin_object();
        j.key("objectType").value("Activity");
        j.key("id").value(decision_activity_id(a.scenario_id, node, options));
        j.key("definition").begin_object();
        j.key("name").begin_object().key(lang).value((a.scenario_title.empty() ? a.scenario_id : a.scenario_title) + ": " + node).end_object();
        j.key("type").value("http://adlnet.gov/expapi/activities/cmi.interaction");
        j.key("interactionType").value("choice");
        j.end_object();
        j.end_object();
        j.key("result").begin_object();
        j.key("response").value(choice);
        j.key("duration").value(iso8601_duration(think_ms));
        j.key("extensions").begin_object();
        j.key(home + "/xapi/reply-text").value(timed_out ? std::string("(let the timer run out)") : t.value("said", std::string()));
        j.key(home + "/xapi/turn").value(turn + 1);
        j.key(home + "/xapi/red-line").value(t.value("red_line", false));
        j.end_object();
        j.end_object();
        j.key("context").begin_object();
        j.key("registration").value(a.uuid);
        j.key("platform").value("Turnaround");
        j.key("language").value(lang);
        j.key("contextActivities").begin_object().key("parent").begin_array().begin_object();
        j.key("objectType").value("Activity").key("id").value(scenario_activity_id(a.scenario_id, options));
        j.end_object().end_array().end_object();
        j.key("statement").begin_object().key("objectType").value("StatementRef").key("id").value(a.uuid).end_object();
        j.end_object();
        const std::string when = timed ? format_utc(start + static_cast<std::time_t>(elapsed_ms / 1000))
                                       : (a.finished_at.empty() ? a.started_at : a.finished_at);
        if (!when.empty()) j.key("timestamp").value(when);
        j.end_object();
        out.push_back(j.str());
        ++turn;
    }
    return out;
}

}  // namespace ta::store
