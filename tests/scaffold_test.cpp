// `new`: the scenario template loads without a warning, keeps the trainer's words exactly,
// validates against the schema, plays to a recovered ending and passes on its model path.
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "debrief.h"
#include "loader.h"
#include "rubric.h"
#include "scenario_template.h"
#include "schema_validator.h"
#include "session.h"

namespace fs = std::filesystem;
using namespace ta;

namespace {

LoadOptions rubric_options() {
    LoadOptions o;
    o.known_tags = scoring::default_rubric().tag_names();
    return o;
}

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

int run(const std::string& cmd) {
    int status = std::system((cmd + " >/dev/null 2>&1").c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

TEST_CASE("slugs are lower-case words joined by dashes") {
    CHECK(slug_from_title("The Double-Booked Table") == "the-double-booked-table");
    CHECK(slug_from_title("  Caf\xC3\xA9: Table 4!  ") == "caf-table-4");
    CHECK(slug_from_title("\xE6\x97\xA5\xE6\x9C\xAC") == "new-scenario");
    CHECK(slug_from_title("") == "new-scenario");
    std::string long_title(200, 'a');
    CHECK(slug_from_title(long_title).size() == 48);
}

TEST_CASE("yaml_quoted round-trips any text through a YAML parser") {
    for (std::string text : {std::string("plain"), std::string("colon: and # hash"), std::string("\"quotes\" and \\ slash"),
                             std::string("line\nbreak\ttab\r"), std::string("bell\x07 and del\x7F"),
                             std::string("Zo\xC3\xAB \xE2\x80\x94 \xF0\x9F\x8E\x82"), std::string("{{TITLE}} - [x]: *y &z")}) {
        CAPTURE(text);
        YAML::Node n = YAML::Load("v: " + yaml_quoted(text));
        CHECK(n["v"].as<std::string>() == text);
    }
}

TEST_CASE("the template loads clean, keeps the trainer's words, and plays to a pass") {
    ScaffoldInfo info;
    info.title = "The \"Double\" Booking: table {{ID}} #4";
    info.customer = "Zo\xC3\xAB O'Brien \\ Ltd";
    info.industry = "Hospitality: restaurants & bars";
    const std::string text = scaffold_scenario(info);

    LoadResult r = load_scenario_text(text, "new.yaml", rubric_options());
    std::string problems;
    for (const auto& d : r.diagnostics) problems += format_diagnostic(d) + "\n";
    INFO(problems);
    REQUIRE(r.ok());
    CHECK(r.diagnostics.empty());  // not even a warning
    const Scenario& s = *r.scenario;
    CHECK(s.title == info.title);
    CHECK(s.customer.name == info.customer);
    CHECK(s.industry == info.industry);
    CHECK(s.id == "the-double-booking-table-id-4");
    CHECK(s.nodes.size() >= 5);

    // Endings of more than one kind, so the map shows the colours.
    bool recovered = false, lost = false;
    for (const auto& e : s.endings) {
        recovered |= e.type == EndingType::Recovered;
        lost |= e.type == EndingType::Lost;
    }
    CHECK(recovered);
    CHECK(lost);

    // Each part of the format once, so a trainer sees how it is written: a timer, a flag that is set
    // and then required, a mood route, patience with a walkout, an escalation and a parting.
    int timers = 0, routes = 0, sets = 0, requires_ = 0;
    for (const auto& n : s.nodes) {
        timers += n.timer_seconds > 0 && n.on_timeout.has_value();
        routes += static_cast<int>(n.mood_routes.size());
        for (const auto& c : n.choices) {
            sets += !c.sets.empty();
            requires_ += !c.requires_flags.empty();
        }
    }
    CHECK(timers == 1);
    CHECK(routes == 1);
    CHECK(sets == 1);
    CHECK(requires_ == 1);
    CHECK(s.customer.patience > 0);
    CHECK(s.find_ending(s.customer.walkout));
    int escalated = 0, parted = 0;
    for (const auto& e : s.endings) {
        escalated += e.type == EndingType::Escalated;
        parted += e.type == EndingType::Parted;
    }
    CHECK(escalated == 1);
    CHECK(parted == 1);

    // The model answer is the first reply everywhere: it reaches the recovered ending and passes.
    Session play(s);
    int turns = 0;
    while (!play.ended() && turns < 20) {
        REQUIRE(play.choose(0) == ChooseResult::Ok);
        ++turns;
    }
    REQUIRE(play.ended());
    CHECK(play.ending()->type == EndingType::Recovered);
    scoring::Debrief debrief = scoring::grade(s, play, scoring::default_rubric());
    CHECK(debrief.passed);
    for (int c = 0; c < kCompetencyCount; ++c) CHECK(debrief.raw[c] > 0);

    // A careless path (brush-off) ends lost and fails.
    Session careless = Session::replay(s, {1, 2});
    REQUIRE(careless.ended());
    CHECK(careless.ending()->type == EndingType::Lost);
    CHECK_FALSE(scoring::grade(s, careless, scoring::default_rubric()).passed);

    // Editors see no schema problem either.
    ta::testing::SchemaValidator validator(
        YAML::LoadFile(std::string(TURNAROUND_SCENARIOS_DIR) + "/schema/scenario.schema.json"));
    auto errors = validator.validate(YAML::Load(text));
    CHECK_MESSAGE(errors.empty(), ta::testing::format_errors(errors));
}

TEST_CASE("turnaround-cli new writes the file once and never overwrites it") {
    const fs::path dir = fs::temp_directory_path() / ("turnaround-new-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const std::string cli = std::string("'") + TURNAROUND_CLI + "'";
    const fs::path file = dir / "lost-parcel.yaml";

    REQUIRE(run("cd '" + dir.string() + "' && " + cli +
                " new --title 'Lost Parcel' --customer 'Ana Lima' --industry Logistics") == 0);
    REQUIRE(fs::exists(file));
    const std::string first = slurp(file);
    CHECK(first.find("name: \"Ana Lima\"") != std::string::npos);
    CHECK(run(cli + " lint --strict '" + file.string() + "'") == 0);
    CHECK(run("(" + cli + " analyze '" + file.string() + "' > '" + (dir / "analysis.txt").string() + "')") == 0);
    // Every enforced soundness check passes, and not one warning: the first analysis a trainer sees is clean.
    const std::string analysis = slurp(dir / "analysis.txt");
    CHECK(analysis.find("Result: ok") != std::string::npos);
    CHECK(analysis.find("[warn]") == std::string::npos);

    // Outside any scenario library nobody knows where the schema is: no $schema line (never a path
    // into the build's source tree), and a comment that says how to add one.
    const std::string tag = "# yaml-language-server: $schema=";
    CHECK(first.rfind(tag, 0) != 0);
    CHECK(first.find("\n" + tag) == std::string::npos);
    CHECK(first.find("add a first line naming Turnaround's scenario schema") != std::string::npos);

    // Inside a library (a folder above holds scenarios/schema/), a path relative to the file's own
    // folder, as VS Code's YAML extension resolves it: from a sub-folder, and directly in it.
    const fs::path lib = dir / "library" / "scenarios";
    fs::create_directories(lib / "schema");
    fs::create_directories(lib / "pharmacy" / "evening");
    fs::copy_file(fs::path(TURNAROUND_SCENARIOS_DIR) / "schema" / "scenario.schema.json", lib / "schema" / "scenario.schema.json");
    for (const auto& [out, expected] : {std::pair<fs::path, std::string>{lib / "pharmacy" / "evening" / "a.yaml", "../../schema/scenario.schema.json"},
                                        {lib / "b.yaml", "schema/scenario.schema.json"}}) {
        REQUIRE(run(cli + " new --title 'In the library' -o '" + out.string() + "'") == 0);
        const std::string text = slurp(out);
        REQUIRE(text.rfind(tag, 0) == 0);
        const std::string ref = text.substr(tag.size(), text.find('\n') - tag.size());
        CHECK(ref == expected);
        CHECK(fs::exists(out.parent_path() / ref));
        CHECK(run(cli + " lint --strict '" + out.string() + "'") == 0);
        // import-twine writes the same line for the same place.
        const fs::path twee = dir / "s.twee", imported = out.parent_path() / ("imported-" + out.filename().string());
        std::ofstream(twee) << ":: Start\nHello.\n[[Hi->End]]\n[[Bye->End]]\n\n:: End\nBye.\n";
        REQUIRE(run(cli + " import-twine '" + twee.string() + "' -o '" + imported.string() + "'") == 0);
        CHECK(slurp(imported).rfind(tag + expected + "\n", 0) == 0);
    }

    // Again: refused, and the file is untouched.
    std::ofstream(file, std::ios::app) << "# the trainer's own edit\n";
    const std::string edited = slurp(file);
    CHECK(run(cli + " new --title 'Lost Parcel' -o '" + file.string() + "'") == 2);
    CHECK(slurp(file) == edited);

    CHECK(run(cli + " new --customer 'No Title'") == 2);
    CHECK(run(cli + " new --title") == 2);
    CHECK(run(cli + " new --title X --colour red") == 2);
    fs::remove_all(dir);
}

TEST_CASE("new: titles whose slug reads as a number, a date or null still give a string id") {
    ta::testing::SchemaValidator validator(
        YAML::LoadFile(std::string(TURNAROUND_SCENARIOS_DIR) + "/schema/scenario.schema.json"));
    for (const char* title : {"2024", "2024 05 01", "1e5", "Null", "True", "0x1F"}) {
        CAPTURE(title);
        ScaffoldInfo info;
        info.title = title;
        const std::string text = scaffold_scenario(info);
        auto errors = validator.validate(YAML::Load(text));  // plain scalars typed as YAML 1.2 does
        CHECK_MESSAGE(errors.empty(), ta::testing::format_errors(errors));
        LoadResult r = load_scenario_text(text, "new.yaml", rubric_options());
        REQUIRE(r.ok());
        CHECK(r.scenario->id == slug_from_title(title));
    }
}

TEST_CASE("new refuses a title, customer or industry the loader would refuse") {
    const std::string cli = std::string("'") + TURNAROUND_CLI + "'";
    // printf writes the bytes, since /bin/sh may not know $'...'.
    CHECK(run(cli + " new -o - --title \"$(printf 'Bell\\007')\"") == 2);
    CHECK(run(cli + " new -o - --title Fine --customer \"$(printf 'Del\\177')\"") == 2);
    CHECK(run(cli + " new -o - --title Fine --industry \"$(printf 'Bad \\377 byte')\"") == 2);
    CHECK(run(cli + " new -o - --title \"$(printf 'Tab\\tand\\nline')\" --customer 'Zo\xC3\xAB'") == 0);
}
