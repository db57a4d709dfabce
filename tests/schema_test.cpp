// The JSON Schema in scenarios/schema/ agrees with the loader and the bundled scenarios:
// the same keys per object (format_keys.h, and the loader's own behaviour), the same vocabularies
// (tags, emotions, checks, ending types), and every bundled scenario validates against it.
#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <cstdlib>

#include "expectations.h"
#include "format_keys.h"
#include "loader.h"
#include "rubric.h"
#include "schema_validator.h"

namespace fs = std::filesystem;
using namespace ta;
using ta::testing::SchemaValidator;

namespace {

const std::string kSchemaPath = std::string(TURNAROUND_SCENARIOS_DIR) + "/schema/scenario.schema.json";

const YAML::Node& schema() {
    static const YAML::Node node = YAML::LoadFile(kSchemaPath);
    return node;
}

YAML::Node schema_object(std::string_view name) {
    if (name == "scenario") return schema();
    return schema()["definitions"][std::string(name)];
}

std::set<std::string> keys_of(const YAML::Node& map) {
    std::set<std::string> out;
    if (map.IsMap())
        for (const auto& kv : map) out.insert(kv.first.Scalar());
    return out;
}

std::set<std::string> scalars_of(const YAML::Node& list) {
    std::set<std::string> out;
    if (list.IsSequence())
        for (const auto& v : list) out.insert(v.Scalar());
    return out;
}

std::vector<fs::path> bundled_scenarios() {
    std::vector<fs::path> out;
    for (const char* sub : {"", "/examples"}) {
        fs::path dir = std::string(TURNAROUND_SCENARIOS_DIR) + sub;
        if (!fs::is_directory(dir)) continue;
        for (const auto& entry : fs::directory_iterator(dir))
            if (entry.path().extension() == ".yaml") out.push_back(entry.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// A scenario that contains every kind of object once. "#@<object>" lines mark where a key of that
// object may be inserted (at the right indentation); as comments they change nothing.
const char* kProbe = R"(format: 1
id: keys-probe
title: Keys probe
#@scenario
customer:
  name: Sam
  #@customer
  appearance:
    skin: medium
    #@appearance
scoring:
  pass_mark: 60
  #@scoring
  weights:
    listening: 1
    #@competency_map
start: a
nodes:
  - id: a
    #@node
    say:
      - text: Hello.
        #@line
    timer: 10
    on_timeout:
      next: b
      #@on_timeout
    choices:
      - text: Hi.
        next: b
        feedback: Fine.
        #@choice
      - text: Hello.
        next: b
        feedback: Fine.
  - id: b
    mood_routes:
      - below: 5
        next: won
        #@mood_route
    say:
      - text: Thanks.
    choices:
      - text: Bye.
        next: won
        feedback: Fine.
      - text: Goodbye.
        next: won
        feedback: Fine.
endings:
  - id: won
    type: recovered
    title: Done
    #@ending
expect:
  - name: probe
    choices: [a#1, b#1]
    passes: false
    score:
      min: 0
      #@score_range
    why: A probe.
    #@expectation
)";

// kProbe with `key:` (no value) inserted at the marker of `object`; `line` gets its line number.
std::string probe_with(std::string_view object, const std::string& key, int& line) {
    std::string text = kProbe;
    const std::string marker = "#@" + std::string(object) + "\n";
    std::size_t at = text.find(marker);
    REQUIRE_MESSAGE(at != std::string::npos, object);
    line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
    text.replace(at, marker.size() - 1, key + ":");
    return text;
}

int unknown_key_diagnostics(const LoadResult& r, int line) {
    int n = 0;
    for (const auto& d : r.diagnostics)
        if (d.code == "unknown-key" && d.line == line) ++n;
    return n;
}

}  // namespace

TEST_CASE("the schema lists exactly the keys of format_keys.h, object by object") {
    REQUIRE(schema().IsMap());
    std::set<std::string> tables;
    for (const auto& table : format_keys::kAllTables) {
        tables.insert(std::string(table.object));
        YAML::Node object = schema_object(table.object);
        REQUIRE_MESSAGE(object.IsMap(), "no schema definition for " << table.object);
        std::set<std::string> expected;
        for (auto k : table.keys) expected.insert(std::string(k));
        CHECK_MESSAGE(keys_of(object["properties"]) == expected, "keys of " << table.object);
        CHECK_MESSAGE(object["additionalProperties"].as<std::string>("") == "false",
                      table.object << " must reject unknown keys, as the loader does");
        for (const auto& r : object["required"]) CHECK(expected.count(r.Scalar()) == 1);
    }
    // Every object the schema defines has a key table.
    for (const auto& name : keys_of(schema()["definitions"])) CHECK_MESSAGE(tables.count(name) == 1, name);
}

TEST_CASE("the loader accepts every key the schema lists and rejects others, in every object") {
    LoadResult base = load_scenario_text(kProbe, "probe.yaml");
    std::string first_problem = base.diagnostics.empty() ? std::string() : format_diagnostic(base.diagnostics.front());
    INFO(first_problem);
    REQUIRE(base.ok());
    int probed = 0;
    for (const auto& table : format_keys::kAllTables) {
        for (const auto& key : keys_of(schema_object(table.object)["properties"])) {
            int line = 0;
            LoadResult r = load_scenario_text(probe_with(table.object, key, line), "probe.yaml");
            CHECK_MESSAGE(unknown_key_diagnostics(r, line) == 0, "loader rejects '" << key << "' in " << table.object);
            ++probed;
        }
        int line = 0;
        LoadResult r = load_scenario_text(probe_with(table.object, "not_a_format_key", line), "probe.yaml");
        CHECK_MESSAGE(unknown_key_diagnostics(r, line) == 1, "loader accepts a made-up key in " << table.object);
    }
    CHECK(probed > 50);
}

TEST_CASE("the schema's vocabularies match the rubric and the model") {
    const YAML::Node defs = schema()["definitions"];
    const auto rubric_tags = keys_of(YAML::LoadFile(std::string(TURNAROUND_SOURCE_DIR) + "/scoring/rubric.yaml")["tags"]);
    REQUIRE(rubric_tags.size() > 20);
    CHECK(scalars_of(defs["choice"]["properties"]["tags"]["items"]["enum"]) == rubric_tags);
    CHECK(scalars_of(defs["on_timeout"]["properties"]["tags"]["items"]["enum"]) == rubric_tags);
    const auto& emotions = known_emotions();
    CHECK(scalars_of(defs["line"]["properties"]["emotion"]["enum"]) == std::set<std::string>(emotions.begin(), emotions.end()));
    const auto& checks = scoring::known_checks();
    CHECK(scalars_of(defs["scoring"]["properties"]["checks"]["items"]["enum"]) ==
          std::set<std::string>(checks.begin(), checks.end()));
    std::set<std::string> waivable(checks.begin(), checks.end());
    waivable.erase("passable");
    CHECK(scalars_of(defs["scoring"]["properties"]["waive"]["propertyNames"]["enum"]) == waivable);
    CHECK(scalars_of(defs["choice"]["properties"]["tags"]["items"]["enum"]) == scoring::default_rubric().tag_names());
    std::set<std::string> ending_types, difficulties, competencies;
    for (auto t : {EndingType::Recovered, EndingType::Escalated, EndingType::Parted, EndingType::Lost})
        ending_types.insert(ending_type_key(t));
    for (auto d : {Difficulty::Easy, Difficulty::Medium, Difficulty::Hard}) difficulties.insert(difficulty_key(d));
    for (int c = 0; c < kCompetencyCount; ++c) competencies.insert(competency_key(static_cast<Competency>(c)));
    CHECK(scalars_of(defs["ending"]["properties"]["type"]["enum"]) == ending_types);
    CHECK(scalars_of(schema()["properties"]["difficulty"]["enum"]) == difficulties);
    CHECK(keys_of(defs["competency_map"]["properties"]) == competencies);
}

TEST_CASE("every bundled scenario validates against the schema and points editors at it") {
    SchemaValidator validator(schema());
    auto files = bundled_scenarios();
    REQUIRE_FALSE(files.empty());
    for (const auto& file : files) {
        CAPTURE(file.string());
        auto errors = validator.validate(YAML::LoadFile(file.string()));
        CHECK_MESSAGE(errors.empty(), ta::testing::format_errors(errors));

        // The first lines carry "# yaml-language-server: $schema=<path>", and the path finds the schema.
        std::string text = read_file(file);
        const std::string tag = "# yaml-language-server: $schema=";
        std::size_t at = text.find(tag);
        REQUIRE_MESSAGE(at != std::string::npos, "no yaml-language-server line");
        CHECK(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n') < 3);
        std::size_t end = text.find('\n', at);
        fs::path target = file.parent_path() / text.substr(at + tag.size(), end - at - tag.size());
        CHECK(fs::exists(target));
        if (fs::exists(target)) CHECK(fs::equivalent(target, kSchemaPath));
    }
}

TEST_CASE("the validator catches what the schema forbids, where it is written") {
    SchemaValidator validator(schema());
    YAML::Node good = YAML::Load(kProbe);
    CHECK(validator.validate(good).empty());

    auto errors_for = [&](std::string text) { return validator.validate(YAML::Load(text)); };
    auto first = [](const std::vector<ta::testing::SchemaError>& e) { return e.empty() ? std::string() : e[0].path; };

    std::string probe = kProbe;
    auto replaced = [&](const std::string& from, const std::string& to) {
        std::string t = probe;
        t.replace(t.find(from), from.size(), to);
        return t;
    };
    auto e1 = errors_for(replaced("  name: Sam\n", "  name: Sam\n  mood: 140\n"));
    REQUIRE(e1.size() == 1);
    CHECK(e1[0].path == "/customer/mood");
    CHECK(e1[0].line == 7);
    CHECK(first(errors_for(replaced("format: 1", "format: \"1\""))) == "/format");           // a string, not 1
    CHECK(first(errors_for(replaced("id: keys-probe", "id: Keys Probe"))) == "/id");         // pattern
    CHECK(first(errors_for(replaced("type: recovered", "type: saved"))) == "/endings/0/type");  // enum
    CHECK(first(errors_for(replaced("        next: b\n        feedback", "        nxt: b\n        feedback"))) ==
          "/nodes/0/choices/0");  // required 'next' is missing (and 'nxt' is unknown)
    CHECK(first(errors_for(replaced("      - below: 5\n        next: won", "      - next: won"))) == "/nodes/1/mood_routes/0");
    CHECK(first(errors_for(replaced("    timer: 10\n", ""))) == "/nodes/0");  // on_timeout needs timer
    CHECK(first(errors_for(replaced("    listening: 1", "    listening: lots"))) == "/scoring/weights/listening");
    CHECK_FALSE(errors_for(replaced("      - text: Hello.\n        #@line", "      - text: Hello.\n        emotion: grumpy")).empty());
}

namespace {

// lint's verdict on a text: no errors from the loader, nor from the expectations it then plays.
bool lint_accepts(const std::string& text, std::string& why) {
    LoadOptions options;
    options.known_tags = scoring::default_rubric().tag_names();
    LoadResult r = load_scenario_text(text, "case.yaml", options);
    if (r.ok() && r.scenario) {
        auto more = scoring::expectation_diagnostics(*r.scenario, "case.yaml");
        r.diagnostics.insert(r.diagnostics.end(), more.begin(), more.end());
    }
    why.clear();
    for (const auto& d : r.diagnostics)
        if (d.severity == Diagnostic::Severity::Error) why += format_diagnostic(d) + "\n";
    return count_errors(r.diagnostics) == 0 && r.scenario.has_value();
}

struct AgreementCase {
    const char* name;
    std::string text;
    bool accepted;  // what a trainer should get from both
};

std::vector<AgreementCase> agreement_cases() {
    std::string probe = kProbe;
    auto replaced = [&](const std::string& from, const std::string& to) {
        std::string t = probe;
        REQUIRE_MESSAGE(t.find(from) != std::string::npos, from);
        t.replace(t.find(from), from.size(), to);
        return t;
    };
    return {
        {"a timer without on_timeout", replaced("    on_timeout:\n      next: b\n      #@on_timeout\n", ""), false},
        {"patience without walkout", replaced("  name: Sam\n", "  name: Sam\n  patience: 3\n"), false},
        {"timer: 0 with on_timeout", replaced("    timer: 10\n", "    timer: 0\n"), false},
        {"mood: \"+10\" in quotes", replaced("        next: b\n        feedback: Fine.\n        #@choice",
                                             "        next: b\n        mood: \"+10\"\n        feedback: Fine."),
         false},
        {"format: \"1\" in quotes", replaced("format: 1", "format: \"1\""), false},
        {"checks: [passable]", replaced("  pass_mark: 60\n", "  pass_mark: 60\n  checks: [passable]\n"), true},
        // Their neighbours, accepted by both: no timer at all, unlimited patience, a plain +10.
        {"timer: 0 alone (no timer)",
         replaced("    timer: 10\n    on_timeout:\n      next: b\n      #@on_timeout\n", "    timer: 0\n"), true},
        {"patience: 0 without walkout", replaced("  name: Sam\n", "  name: Sam\n  patience: 0\n"), true},
        {"mood: +10", replaced("        next: b\n        feedback: Fine.\n        #@choice",
                               "        next: b\n        mood: +10\n        feedback: Fine."),
         true},
        {"a typo in checks", replaced("  pass_mark: 60\n", "  pass_mark: 60\n  checks: [no-pass-without-apologies]\n"),
         false},
        // A waiver names a check and gives a reason; a typo, an empty reason or 'passable' is refused.
        {"a waiver with its reason",
         replaced("  pass_mark: 60\n", "  pass_mark: 60\n  waive:\n    no-loops: The call loops by design.\n"), true},
        {"a typo in a waiver",
         replaced("  pass_mark: 60\n", "  pass_mark: 60\n  waive:\n    no-loop: The call loops by design.\n"), false},
        {"a waiver without a reason", replaced("  pass_mark: 60\n", "  pass_mark: 60\n  waive:\n    no-loops: \"\"\n"),
         false},
        {"waiving passable", replaced("  pass_mark: 60\n", "  pass_mark: 60\n  waive:\n    passable: Never.\n"), false},
    };
}

}  // namespace

TEST_CASE("lint and the schema give the same verdict on the cases where they used to disagree") {
    SchemaValidator validator(schema());
    for (const auto& c : agreement_cases()) {
        CAPTURE(c.name);
        std::string lint_why;
        const bool lint_ok = lint_accepts(c.text, lint_why);
        const auto schema_errors = validator.validate(YAML::Load(c.text));
        INFO("lint: " << lint_why);
        INFO("schema: " << ta::testing::format_errors(schema_errors));
        CHECK(lint_ok == c.accepted);
        CHECK(schema_errors.empty() == c.accepted);
    }
}

TEST_CASE("a number in quotes is refused with the fix, as an editor's schema check refuses it") {
    std::string probe = kProbe;
    probe.replace(probe.find("format: 1"), 9, "format: \"1\"");
    LoadResult r = load_scenario_text(probe, "case.yaml");
    REQUIRE(count_errors(r.diagnostics) == 1);
    CHECK(format_diagnostic(r.diagnostics[0]) ==
          "case.yaml:1:9: error: 'format' in the scenario must be a whole number, got the text '1' in quotes; remove "
          "the quotes: format: 1");
}

// Ajv (tests/schema_ajv.cmake) checks the same cases with the real thing: this writes them out.
TEST_CASE("schema agreement cases for Ajv" * doctest::skip(std::getenv("TURNAROUND_SCHEMA_CASES") == nullptr)) {
    const fs::path dir = std::getenv("TURNAROUND_SCHEMA_CASES");
    fs::create_directories(dir / "accepted");
    fs::create_directories(dir / "refused");
    int n = 0;
    for (const auto& c : agreement_cases()) {
        std::ofstream out(dir / (c.accepted ? "accepted" : "refused") / ("case-" + std::to_string(++n) + ".yaml"));
        out << "# " << c.name << "\n" << c.text;
        CHECK(out.good());
    }
    CHECK(n > 0);
}
