// rubric.h: the behaviour vocabulary, points, weights, pass marks and sequence rules.
// Contract header: the scoring work (issue 3) owns the implementation and may add fields.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics.h"
#include "scenario.h"

namespace ta::scoring {

struct TagDef {
    std::string key;
    std::string label;
    CompetencyArray points{};
    std::string explain;
};

struct Rubric {
    int version = 1;
    std::map<std::string, TagDef> tags;
    CompetencyArray weights{1, 1, 1, 1, 1};
    int pass_mark = 70;
    // Band labels by minimum overall score, ascending.
    std::vector<std::pair<int, std::string>> bands{{0, "Needs practice"}, {70, "Competent"}, {90, "Excellent"}};

    std::set<std::string> tag_names() const;
};

// The rubric compiled into the program (scoring/rubric.yaml).
const Rubric& default_rubric();
std::string_view default_rubric_text();

// Parses a rubric; problems go to `diags` (file:line:col). Returns the default rubric on errors.
Rubric load_rubric_text(const std::string& yaml, const std::string& display_path, std::vector<Diagnostic>& diags);

}  // namespace ta::scoring
