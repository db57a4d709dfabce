#include "xapi.h"

#include <cstdio>
#include <ctime>

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

}  // namespace

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
    j.key("actor").begin_object();
    j.key("objectType").value(actor.group ? "Group" : "Agent");
    j.key("name").value(actor.name);
    j.key("account").begin_object().key("homePage").value(home).key("name").value(actor.name).end_object();
    j.end_object();

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

}  // namespace ta::store
