#include "report_html.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

namespace ta::gui {

std::string html_escape(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

namespace {

std::string fmt_points(double v) {
    char buf[32];
    long r = std::lround(v);
    if (std::fabs(v - static_cast<double>(r)) < 1e-9) std::snprintf(buf, sizeof buf, "%+ld", r);
    else std::snprintf(buf, sizeof buf, "%+.1f", v);
    return buf;
}

std::string points_summary(const CompetencyArray& p) {
    std::string out;
    for (int c = 0; c < kCompetencyCount; ++c) {
        if (std::fabs(p[c]) < 1e-9) continue;
        if (!out.empty()) out += ", ";
        out += std::string(competency_label(static_cast<Competency>(c))) + " " + fmt_points(p[c]);
    }
    return out.empty() ? "no points" : out;
}

const char* kStyle = R"CSS(
body { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; color: #1d2430; margin: 2rem auto; max-width: 52rem; line-height: 1.45; }
h1 { font-size: 1.6rem; margin: 0 0 .2rem; } h2 { font-size: 1.15rem; margin: 1.6rem 0 .5rem; border-bottom: 1px solid #c9d1dc; }
.meta { color: #5a6575; margin: 0 0 1rem; }
.result { display: flex; gap: 1.5rem; align-items: baseline; }
.score { font-size: 2.4rem; font-weight: bold; } .band { font-size: 1.2rem; }
.pass { color: #1c7a3e; } .fail { color: #a8322d; }
table.bars { border-collapse: collapse; width: 100%; } table.bars td { padding: .25rem .5rem .25rem 0; }
.bar { background: #e6eaf0; height: .8rem; border-radius: .4rem; overflow: hidden; width: 100%; }
.bar > span { display: block; height: 100%; background: #3d74c4; }
.turn { border: 1px solid #d5dbe4; border-radius: .5rem; padding: .6rem .8rem; margin: .6rem 0; break-inside: avoid; }
.customer { color: #5a6575; font-style: italic; } .said { font-weight: bold; }
.points { color: #34404f; font-size: .92rem; } .better { background: #f1f6ff; border-left: 3px solid #3d74c4; padding: .3rem .6rem; margin-top: .4rem; }
.rule { color: #7a4b00; font-size: .92rem; }
.notes { color: #4d5866; font-size: .92rem; }
.notes .red-line { color: #a3261c; font-weight: 600; }
@media print { body { margin: 0; max-width: none; font-size: 10.5pt; } h2 { break-after: avoid; } a { color: inherit; } }
)CSS";

}  // namespace

std::string debrief_report_html(const Scenario& scenario, const Session& session, const scoring::Debrief& d,
                                const std::string& when) {
    std::ostringstream h;
    h << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>Debrief: "
      << html_escape(scenario.title) << "</title>\n<style>" << kStyle << "</style></head><body>\n";
    h << "<h1>" << html_escape(scenario.title) << "</h1>\n";
    h << "<p class=\"meta\">" << html_escape(scenario.industry) << " &middot; "
      << difficulty_key(scenario.difficulty) << " &middot; scenario version " << html_escape(scenario.version);
    if (!when.empty()) h << " &middot; " << html_escape(when);
    h << "</p>\n";

    const Ending* ending = session.ending();
    h << "<div class=\"result\"><span class=\"score\">" << scoring::whole_score(d.overall) << "</span>"
      << "<span class=\"band " << (d.passed ? "pass" : "fail") << "\">" << html_escape(d.band) << " &mdash; "
      << (d.passed ? "passed" : "not passed") << " (pass mark " << d.pass_mark << ")</span></div>\n";
    if (ending) {
        h << "<p><strong>Ending: " << html_escape(ending->title) << "</strong> (" << ending_type_key(ending->type)
          << "). " << html_escape(ending->epilogue) << "</p>\n";
    } else {
        h << "<p><strong>The conversation was not finished.</strong></p>\n";
    }

    if (!d.notes.empty()) {
        h << "<ul class=\"notes\">\n";
        for (const auto& note : d.notes)  // red lines come first and stand out
            h << (note.rfind("Red line", 0) == 0 ? "<li class=\"red-line\">" : "<li>") << html_escape(note) << "</li>\n";
        h << "</ul>\n";
    }

    h << "<h2>Competencies</h2>\n<table class=\"bars\">\n";
    for (int c = 0; c < kCompetencyCount; ++c) {
        double s = std::clamp(d.score[c], 0.0, 100.0);
        h << "<tr><td style=\"width:9rem\">" << competency_label(static_cast<Competency>(c)) << "</td><td>"
          << "<div class=\"bar\"><span style=\"width:" << std::lround(s) << "%\"></span></div></td>"
          << "<td style=\"width:3rem;text-align:right\">" << scoring::whole_score(s) << "</td></tr>\n";
    }
    h << "</table>\n";

    if (!d.practise_next.empty()) {
        h << "<h2>What to practise next</h2>\n<ul>\n";
        for (const auto& p : d.practise_next) h << "<li>" << html_escape(p) << "</li>\n";
        h << "</ul>\n";
    }

    h << "<h2>Your conversation, turn by turn</h2>\n";
    for (const auto& t : d.turns) {
        h << "<div class=\"turn\">";
        // What the customer said just before this turn, for context.
        for (const auto& e : session.transcript()) {
            if (e.speaker == TranscriptEntry::Speaker::Customer && e.node_id == t.node_id) {
                h << "<div class=\"customer\">&ldquo;" << html_escape(e.text) << "&rdquo;</div>";
                break;
            }
        }
        h << "<div class=\"said\">Turn " << (t.turn + 1) << ": "
          << (t.choice_index == kTimeoutChoice ? "(no answer in time) " : "") << html_escape(t.said) << "</div>";
        h << "<div class=\"points\">" << html_escape(points_summary(t.points)) << "</div>";
        if (!t.feedback.empty()) h << "<div>" << html_escape(t.feedback) << "</div>";
        for (const auto& r : t.rules)
            h << "<div class=\"rule\">Rule: " << html_escape(r.label) << " &mdash; " << html_escape(r.explanation)
              << " (" << html_escape(points_summary(r.points)) << ")</div>";
        if (t.better_choice_index)
            h << "<div class=\"better\">Better here: &ldquo;" << html_escape(t.better_choice_text) << "&rdquo; "
              << html_escape(t.better_choice_why) << "</div>";
        h << "</div>\n";
    }
    h << "</body></html>\n";
    return h.str();
}

std::string report_base_name(const std::string& scenario_id, const std::string& stamp) {
    std::string out = (scenario_id.empty() ? std::string("scenario") : scenario_id) + "-" + stamp;
    for (char& c : out) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (!ok) c = '-';
    }
    return out;
}

}  // namespace ta::gui
