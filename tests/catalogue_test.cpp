// The catalogue in scenarios/README.md lists every bundled scenario once, with its real channel,
// industry, difficulty and number of passing playthroughs, so the documentation cannot drift.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "analysis.h"
#include "loader.h"

using namespace ta;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> cells(const std::string& row) {
    std::vector<std::string> out;
    std::stringstream in(row);
    std::string cell;
    std::getline(in, cell, '|');  // before the first bar
    while (std::getline(in, cell, '|')) {
        const auto b = cell.find_first_not_of(' '), e = cell.find_last_not_of(' ');
        out.push_back(b == std::string::npos ? "" : cell.substr(b, e - b + 1));
    }
    if (!out.empty() && out.back().empty()) out.pop_back();
    return out;
}

}  // namespace

TEST_CASE("the scenario catalogue matches the bundled scenarios") {
    const std::string dir = TURNAROUND_SCENARIOS_DIR;
    std::ifstream readme(dir + "/README.md");
    REQUIRE(readme);
    std::map<std::string, std::vector<std::string>> rows;  // file -> cells
    std::string line;
    bool in_catalogue = false;
    while (std::getline(readme, line)) {
        if (line.rfind("## ", 0) == 0) in_catalogue = line == "## Catalogue";
        if (!in_catalogue || line.rfind("| `", 0) != 0) continue;
        auto c = cells(line);
        REQUIRE(c.size() == 6);
        const std::string file = c[0].substr(1, c[0].size() - 2);
        CHECK_MESSAGE(rows.count(file) == 0, file);
        rows[file] = c;
    }
    std::size_t bundled = 0;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        if (!entry.is_regular_file() || entry.path().extension() != ".yaml") continue;
        ++bundled;
        const std::string file = fs::relative(entry.path(), dir).string();
        CAPTURE(file);
        REQUIRE(rows.count(file) == 1);
        const auto& c = rows[file];
        LoadOptions options;
        options.known_tags = scoring::default_rubric().tag_names();
        LoadResult r = load_scenario_file(entry.path().string(), options);
        REQUIRE(r.ok());
        const Scenario& s = *r.scenario;
        CHECK(c[1] == channel_label(s.channel));
        CHECK(c[2] == s.industry);
        CHECK(c[3] == difficulty_key(s.difficulty));
        scoring::Analysis a = scoring::analyze(s);
        CHECK(c[5] == a.passing_playthroughs.to_string() + " of " + a.playthroughs.to_string());
    }
    CHECK(rows.size() == bundled);
}
