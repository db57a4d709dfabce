// The debrief as plain text, for the terminal and plain-text exports.
#include <cmath>
#include <cstdio>
#include <sstream>

#include "debrief.h"

namespace ta::scoring {

std::string points_text(const CompetencyArray& p) {
    std::string out;
    for (int c = 0; c < kCompetencyCount; ++c) {
        if (std::fabs(p[c]) < 1e-9) continue;
        char buf[64];
        std::snprintf(buf, sizeof buf, "%s%+g %s", out.empty() ? "" : ", ", p[c],
                      competency_label(static_cast<Competency>(c)));
        out += buf;
    }
    return out.empty() ? "no points" : out;
}

std::string debrief_to_text(const Debrief& d) {
    std::ostringstream out;
    out << "== Debrief ==\n";
    out << "Overall " << whole_score_text(d.overall) << "/100 (" << d.band << "): "
        << (d.passed ? "passed" : "not passed") << ", pass mark " << d.pass_mark << "\n";
    for (const auto& hit : d.red_lines)
        out << "Red line (turn " << (hit.turn + 1) << "): \"" << hit.said << "\" - " << hit.label << ". " << hit.reason
            << "\n";
    for (int c = 0; c < kCompetencyCount; ++c) {
        char line[200];
        if (d.exercised[c] && d.zero[c] < 0)
            std::snprintf(line, sizeof line, "  %-10s %4s/100  (%g points; 0 = the worst possible here, %g, 100 = no harm)\n",
                          competency_label(static_cast<Competency>(c)), whole_score_text(d.score[c]).c_str(), d.raw[c] + 0.0,
                          d.zero[c] + 0.0);
        else if (d.exercised[c])
            std::snprintf(line, sizeof line, "  %-10s %4s/100  (%g points of the %g this scenario allows)\n",
                          competency_label(static_cast<Competency>(c)), whole_score_text(d.score[c]).c_str(), d.raw[c] + 0.0,
                          d.best[c] + 0.0);
        else
            std::snprintf(line, sizeof line, "  %-10s   -      (not scored in this scenario)\n",
                          competency_label(static_cast<Competency>(c)));
        out << line;
    }
    if (!d.turns.empty()) out << "\nTurn by turn:\n";
    for (const auto& t : d.turns) {
        out << "  " << (t.turn + 1) << ". \"" << t.said << "\"" << (t.model ? "  (model answer)" : "")
            << (t.red_line ? "  (RED LINE)" : "") << "\n";
        out << "     " << points_text(t.points);
        std::string labels;
        for (const auto& h : t.tags) labels += (labels.empty() ? "" : ", ") + h.label;
        if (!labels.empty()) out << "  [" << labels << "]";
        out << "\n     " << t.explanation << "\n";
        for (const auto& r : t.rules)
            out << "     Rule - " << r.label << " (" << points_text(r.points) << "): " << r.explanation << "\n";
        if (t.better_choice_index)
            out << "     Better: \"" << t.better_choice_text << "\" " << t.better_choice_why << "\n";
    }
    if (!d.practise_next.empty()) {
        out << "\nPractise next:\n";
        for (const auto& line : d.practise_next) out << "  - " << line << "\n";
    }
    if (!d.notes.empty()) {
        out << "\nNotes:\n";
        for (const auto& line : d.notes) out << "  - " << line << "\n";
    }
    return out.str();
}

}  // namespace ta::scoring
