// Analysis output: plain text for trainers, JSON for their CI.
#include <cmath>
#include <cstdio>
#include <sstream>

#include "analysis.h"
#include "json_writer.h"
#include "session.h"

namespace ta::scoring {

std::string format_tenths(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", std::floor((v + kScoreEps) * 10) / 10 + 0.0);
    return buf;
}

namespace {

std::string bucket_label(int b) {
    return b == 9 ? "90-100" : std::to_string(b * 10) + "-" + std::to_string(b * 10 + 9);
}

std::string count_text(const BigNum& n) {
    std::string digits = n.to_string();
    if (digits.size() <= 15) {  // group thousands for readability
        std::string out;
        for (std::size_t i = 0; i < digits.size(); ++i) {
            if (i && (digits.size() - i) % 3 == 0) out += ',';
            out += digits[i];
        }
        return out;
    }
    char buf[48];
    std::snprintf(buf, sizeof buf, " (about 10^%.1f)", n.log10());
    return digits + buf;
}

void write_path(JsonWriter& w, const PathReport& p) {
    w.begin_object();
    w.key("overall").value(p.overall);
    w.key("ending").value(p.ending_id);
    w.key("raw").competencies(p.raw);
    w.key("steps").begin_array();
    for (const auto& s : p.steps) {
        w.begin_object();
        w.key("node").value(s.node_id);
        w.key("choice").value(s.choice_index);
        w.key("choice_id").value(s.choice_id);
        w.key("text").value(s.text);
        w.end_object();
    }
    w.end_array();
    w.end_object();
}

// A failing check the scenario did not opt into is only advice: "FAIL" next to "Result: ok" would
// read as a contradiction, so it gets a marker of its own.
// In a draft the scoring is still being written, so what a check finds there is work to do.
const char* check_marker(const CheckResult& c, bool draft) {
    if (c.ok) return "ok";
    return c.enforced ? "FAIL" : draft ? "todo" : "warn";
}

// A check about a kind of scenario rather than its soundness. In a training scenario the wrong
// replies lie on no passing playthrough by design, so no-dead-choices (every reply worth choosing)
// speaks only when a scenario lists it; otherwise every good scenario would show a warning.
bool listed_only(const CheckResult& c) { return c.name == "no-dead-choices"; }

void text_path(std::ostream& out, const char* title, const PathReport& p, const std::string& indent = "") {
    out << title << " (overall " << format_tenths(p.overall) << ", ending " << (p.ending_id.empty() ? "none" : p.ending_id)
        << "):\n";
    for (const auto& s : p.steps)
        out << indent << "  " << s.node_id << ": " << (s.choice_index == kTimeoutChoice ? "(hesitated)" : s.choice_id)
            << "  \"" << s.text << "\"\n";
}

}  // namespace

CheckLine check_line(const CheckResult& c, const Analysis& a) {
    if (!c.ok && !c.enforced && listed_only(c))
        return {"--", "not checked; list it in scoring.checks for a scenario in which every reply should be worth choosing",
                false};
    // The author has said why this scenario is not meant to meet the check: show the reason, not
    // a warning, so the warnings that remain are the ones to read.
    if (!c.ok && !c.waived.empty()) return {"--", "waived: " + c.waived, false};
    if (c.ok && !c.waived.empty())
        return {"ok", c.verdict + " (it is waived in scoring.waive, but holds: the waiver can go)", false};
    // Follow-up nobody can give is not missing: a scenario without it is about something else.
    if (!c.ok && !c.enforced && c.name == "no-pass-without-follow-up" && !a.exercised[static_cast<int>(Competency::FollowUp)])
        return {"--", "not applicable; no reply here earns or costs follow-up", false};
    return {check_marker(c, a.draft), c.verdict, !c.ok};
}

std::string analysis_to_json(const Analysis& a) {
    JsonWriter w;
    w.begin_object();
    w.key("format").value(1);
    w.key("scenario").value(a.scenario_id);
    w.key("ok").value(a.ok);
    w.key("error").value(a.error);
    w.key("states").raw(std::to_string(a.states));
    w.key("moves").raw(std::to_string(a.edges));
    w.key("infinite").value(a.infinite);
    // A decimal string (it can exceed any JSON number); null when there is no count, and
    // `infinite` or `ok` says why.
    w.key("playthroughs");
    if (a.ok && !a.infinite) w.value(a.playthroughs.to_string());
    else w.null();
    w.key("playthroughs_log10");
    if (a.ok && !a.infinite && !a.playthroughs.is_zero()) w.value(a.playthroughs.log10());
    else w.null();
    w.key("passing_playthroughs");
    if (a.histogram_computed) w.value(a.passing_playthroughs.to_string());
    else w.null();
    w.key("pass_mark").value(a.pass_mark);
    w.key("min_overall").value(a.min_overall);
    w.key("max_overall").value(a.max_overall);
    w.key("histogram");
    if (a.histogram_computed) {
        w.begin_array();
        for (int b = 0; b < 10; ++b)
            w.begin_object().key("band").value(bucket_label(b)).key("playthroughs").value(a.histogram[b].to_string()).end_object();
        w.end_array();
    } else {
        w.null();
    }
    w.key("competencies").begin_array();
    for (int c = 0; c < kCompetencyCount; ++c) {
        w.begin_object();
        w.key("key").value(competency_key(static_cast<Competency>(c)));
        w.key("best").value(a.best[c]);
        w.key("worst").value(a.worst[c]);
        w.key("weight").value(a.weights[c]);
        w.key("exercised").value(static_cast<bool>(a.exercised[c]));
        w.key("best_avoiding");  // best overall without it, pass or not; null if every playthrough has it
        if (a.best_avoiding[c]) w.value(*a.best_avoiding[c]);
        else w.null();
        w.end_object();
    }
    w.end_array();
    w.key("best_path");
    write_path(w, a.best_path);
    w.key("worst_path");
    write_path(w, a.worst_path);
    auto opt = [&](const char* k, const std::optional<double>& v) {
        w.key(k);
        if (v) w.value(*v);
        else w.null();
    };
    opt("max_without_apology", a.max_without_apology);
    opt("max_without_listening", a.max_without_listening);
    opt("max_without_follow_up", a.max_without_follow_up);
    w.key("endings").begin_array();
    for (const auto& e : a.endings) {
        w.begin_object();
        w.key("id").value(e.id);
        w.key("type").value(ending_type_key(e.type));
        w.key("reachable").value(e.reachable);
        w.key("can_pass").value(e.can_pass);
        w.key("passing_reaches").value(e.passing_reaches);
        w.key("example");
        if (e.example) write_path(w, *e.example);
        else w.null();
        w.key("best_overall");
        if (e.reachable) w.value(e.best_overall);
        else w.null();
        w.end_object();
    }
    w.end_array();
    w.key("choices").begin_array();
    for (const auto& c : a.choices) {
        w.begin_object();
        w.key("id").value(c.choice_id);
        w.key("node").value(c.node_id);
        w.key("index").value(c.choice_index);
        w.key("line").value(c.pos.line);
        w.key("offered").value(c.offered);
        w.key("on_passing_path").value(c.on_passing_path);
        w.key("dominated").value(c.dominated);
        w.key("dominated_by").value(c.dominated_by);
        w.end_object();
    }
    w.end_array();
    w.key("stuck_nodes").begin_array();
    for (const auto& n : a.stuck_nodes) w.value(n);
    w.end_array();
    w.key("loop_nodes").begin_array();
    for (const auto& n : a.loop_nodes) w.value(n);
    w.end_array();
    w.key("draft").value(a.draft);
    w.key("checks").begin_array();
    for (const auto& c : a.checks) {
        w.begin_object();
        w.key("name").value(c.name);
        w.key("ok").value(c.ok);
        w.key("status").value(check_marker(c, a.draft));
        w.key("enforced").value(c.enforced);
        w.key("waived");
        if (c.waived.empty()) w.null();
        else w.value(c.waived);
        w.key("verdict").value(c.verdict);
        w.key("example");
        if (c.example) write_path(w, *c.example);
        else w.null();
        w.end_object();
    }
    w.end_array();
    w.key("unknown_checks").begin_array();
    for (const auto& n : a.unknown_checks) w.value(n);
    w.end_array();
    w.key("failed").value(a.enforced_failed());
    w.end_object();
    return w.str();
}

std::string analysis_to_text(const Analysis& a, const Scenario& s) {
    std::ostringstream out;
    out << "Scenario " << a.scenario_id << (s.title.empty() ? "" : " - " + s.title) << "\n";
    out << "  " << a.states << " situations, " << a.edges << " moves\n";
    if (a.draft)
        out << "  Draft ('draft: true'): checks that fail are listed as [todo] until the scoring is written;\n"
               "  checks listed in scoring.checks still fail. Remove 'draft: true' when the to-dos are done.\n";
    if (!a.ok) {
        out << "Cannot analyse: " << a.error << "\n";
        return out.str();
    }
    if (a.infinite) {
        out << "Playthroughs: unlimited (a loop can be repeated; see no-loops)\n";
    } else {
        out << "Playthroughs: " << count_text(a.playthroughs) << "\n";
        if (a.histogram_computed) out << "Passing playthroughs: " << count_text(a.passing_playthroughs) << "\n";
    }
    out << "Overall score: min " << format_tenths(a.min_overall) << ", max " << format_tenths(a.max_overall) << ", pass mark "
        << a.pass_mark << "\n";
    if (a.histogram_computed) {
        out << "Distribution of the overall score (playthroughs):\n";
        for (int b = 0; b < 10; ++b) {
            char label[16];
            std::snprintf(label, sizeof label, "%7s", bucket_label(b).c_str());
            out << "  " << label << "  " << count_text(a.histogram[b]) << "\n";
        }
    }
    out << "Raw points per competency (worst .. best, weight):\n";
    for (int c = 0; c < kCompetencyCount; ++c) {
        char line[128];
        std::snprintf(line, sizeof line, "  %-10s %7.1f .. %-7.1f weight %.2g%s\n",
                      competency_label(static_cast<Competency>(c)), a.worst[c] + 0.0, a.best[c] + 0.0, a.weights[c],
                      a.exercised[c]     ? ""
                      : a.weights[c] > 0 ? "  (every playthrough scores the same: left out of the overall)"
                                         : "  (weight 0: left out of the overall)");
        out << line;
    }
    text_path(out, "Best playthrough", a.best_path);
    text_path(out, "Worst playthrough", a.worst_path);
    out << "Endings:\n";
    for (const auto& e : a.endings) {
        out << "  " << e.id << " (" << ending_type_key(e.type) << "): ";
        if (!e.reachable) out << "never reached\n";
        else
            out << "best overall " << format_tenths(e.best_overall)
                << (!e.can_pass ? ", never passes (" + std::string(e.type == EndingType::Lost ? "a lost customer" : "the scenario says so") + ")"
                    : e.passing_reaches ? ", can pass"
                                        : ", no playthrough passes here")
                << "\n";
        if (e.example) text_path(out, e.passing_reaches ? "    for example, passing" : "    its best playthrough that a pass allows", *e.example, "    ");
    }
    out << "Soundness checks:\n";
    for (const auto& c : a.checks) {
        const CheckLine line = check_line(c, a);
        out << "  [" << line.marker << "] " << c.name << (c.enforced ? " (enforced)" : "")
            << ": " << line.text << "\n";
        if (line.show_example && c.example) text_path(out, "    for example", *c.example, "    ");
    }
    for (const auto& n : a.unknown_checks) out << "  [FAIL] " << n << ": unknown check (known: see --help)\n";
    out << (a.enforced_failed() ? "Result: FAILED (an enforced check failed)\n" : "Result: ok\n");
    return out.str();
}

}  // namespace ta::scoring
