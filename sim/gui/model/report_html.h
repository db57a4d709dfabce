// report_html.h: the printable debrief: a self-contained HTML page with print CSS (one A4 page
// per attempt in most cases). GUI-free (unit-tested).
#pragma once

#include <string>

#include "debrief.h"
#include "scenario.h"
#include "session.h"

namespace ta::gui {

std::string html_escape(const std::string& text);

// `when` is shown as the date of the attempt (the caller formats it; kept out so output is
// reproducible in tests).
std::string debrief_report_html(const Scenario& scenario, const Session& session, const scoring::Debrief& debrief,
                                const std::string& when);

// A file name for reports and images: "<scenario-id>-<stamp>" with unsafe characters replaced.
std::string report_base_name(const std::string& scenario_id, const std::string& stamp);

}  // namespace ta::gui
