// Graphviz output of a scenario map: escaping, shortening, colours by competency and ending type.
// (tests/authoring.cmake also feeds the CLI's output to `dot` when Graphviz is installed.)
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "graph_dot.h"

using namespace ta;

namespace {

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

// The line of the DOT text that contains `needle` ("" when none does).
std::string line_with(const std::string& dot, const std::string& needle) {
    std::size_t at = dot.find(needle);
    if (at == std::string::npos) return "";
    std::size_t begin = dot.rfind('\n', at);
    std::size_t end = dot.find('\n', at);
    return dot.substr(begin == std::string::npos ? 0 : begin + 1, end - (begin == std::string::npos ? 0 : begin + 1));
}

TagPoints sample_tags() {
    CompetencyArray apologise{}, argue{}, ask{};
    apologise[static_cast<int>(Competency::Apology)] = 15;
    argue[static_cast<int>(Competency::Composure)] = -15;
    ask[static_cast<int>(Competency::Listening)] = 10;
    return {{"apologise", apologise}, {"argue", argue}, {"ask_question", ask}};
}

Scenario sample() {
    Scenario s;
    s.id = "cake";
    s.title = "The \"Cake\" Case";
    s.start = "open";
    s.customer.patience = 2;
    s.customer.walkout = "gone";
    Node open;
    open.id = "open";
    open.say = {{"I said \"Saturday\", not C:\\Sunday.\nHonestly — no.", "angry", {}}};
    Choice sorry;
    sorry.id = "open#1";
    sorry.text = "I'm so sorry.";
    sorry.next = "won";
    sorry.tags = {"apologise"};
    Choice fight;
    fight.id = "open#2";
    fight.text = "That's not what you said.";
    fight.next = "gone";
    fight.tags = {"argue"};
    Choice plain;
    plain.id = "open#3";
    plain.text = "Hmm.";
    plain.next = "gone";
    open.choices = {sorry, fight, plain};
    open.timer_seconds = 20;
    Choice silence;
    silence.id = "open#timeout";
    silence.next = "gone";
    open.on_timeout = silence;
    open.mood_routes.push_back({5, std::nullopt, "gone", {}});
    s.nodes = {open};
    s.endings = {{"won", EndingType::Recovered, "Cake saved", "", {}, {}}, {"gone", EndingType::Lost, "She left", "", {}, {}}};
    s.reindex();
    return s;
}

}  // namespace

TEST_CASE("dot_escape handles quotes, backslashes, newlines and control characters") {
    CHECK(dot_escape("say \"hi\"") == "say \\\"hi\\\"");
    CHECK(dot_escape("C:\\dir") == "C:\\\\dir");
    CHECK(dot_escape("one\ntwo") == "one\\ntwo");
    CHECK(dot_escape("tab\there") == "tab here");
    CHECK(dot_escape(std::string("bell\x07x\r", 8)) == "bellx");
    // Valid UTF-8 passes through unchanged.
    CHECK(dot_escape("caf\xC3\xA9 \xE2\x80\x94 \xF0\x9F\x8E\x82") == "caf\xC3\xA9 \xE2\x80\x94 \xF0\x9F\x8E\x82");
}

TEST_CASE("invalid UTF-8 becomes U+FFFD instead of breaking the document") {
    const std::string fffd = "\xEF\xBF\xBD";
    CHECK(utf8_sanitize("a\xFFz") == "a" + fffd + "z");
    CHECK(utf8_sanitize("cut \xE2\x80") == "cut " + fffd + fffd);            // truncated sequence
    CHECK(utf8_sanitize("\xC0\xAF") == fffd + fffd);                         // overlong '/'
    CHECK(utf8_sanitize("\xED\xA0\x80") == fffd + fffd + fffd);               // a surrogate
    CHECK(dot_escape("x\x80\"") == "x" + fffd + "\\\"");
}

TEST_CASE("shorten_text counts characters, not bytes, and collapses whitespace") {
    CHECK(shorten_text("  short\n  text  ", 40) == "short text");
    std::string cut = shorten_text("\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9", 4);  // six é
    CHECK(cut == "\xC3\xA9\xC3\xA9\xC3\xA9\xE2\x80\xA6");
    CHECK(shorten_text("I will sort this out for you today", 20) == "I will sort this\xE2\x80\xA6");
    CHECK(shorten_text("anything", 0) == "");
    CHECK(wrap_text("one two three four", 9) == "one two\nthree\nfour");
    CHECK(wrap_text("unbreakablewordhere", 5) == "unbreakablewordhere");
}

TEST_CASE("a choice's dominant competency weighs tags and its own points") {
    TagPoints tags = sample_tags();
    Choice c;
    c.tags = {"apologise", "ask_question"};
    CHECK(dominant_competency(choice_points(c, tags)) == Competency::Apology);
    c.points[static_cast<int>(Competency::Listening)] = 10;  // 20 listening beats 15 apology
    CHECK(dominant_competency(choice_points(c, tags)) == Competency::Listening);
    Choice bad;
    bad.tags = {"argue", "unknown_tag"};
    CHECK(dominant_competency(choice_points(bad, tags)) == Competency::Composure);
    CHECK_FALSE(dominant_competency(choice_points(Choice{}, tags)).has_value());
}

TEST_CASE("scenario_to_dot draws nodes, choices, endings and a legend") {
    DotOptions opt;
    opt.tag_points = sample_tags();
    std::string dot = scenario_to_dot(sample(), opt);

    CHECK(dot.rfind("digraph \"cake\" {", 0) == 0);
    CHECK(dot.back() == '\n');
    CHECK(contains(dot, "label=\"The \\\"Cake\\\" Case\""));
    // The customer's line, escaped, with its newline collapsed.
    std::string open = line_with(dot, "\"open\" [label=");
    CHECK(contains(open, "\\\"Saturday\\\""));
    CHECK(contains(open, "C:\\\\Sunday."));
    CHECK(contains(open, "\xE2\x80\x94"));
    CHECK(contains(open, "[20 s timer]"));
    CHECK(contains(open, "peripheries=2"));  // the start node stands out

    std::string sorry = line_with(dot, "I'm so sorry.");
    CHECK(contains(sorry, "\"open\" -> \"won\""));
    CHECK(contains(sorry, std::string("color=\"") + competency_colour(Competency::Apology) + "\""));
    CHECK(contains(sorry, "style=solid"));
    std::string fight = line_with(dot, "That's not what");
    CHECK(contains(fight, std::string("color=\"") + competency_colour(Competency::Composure) + "\""));
    CHECK(contains(fight, "style=dashed"));
    CHECK(contains(line_with(dot, "Hmm."), "color=\"#888888\""));
    CHECK(contains(line_with(dot, "(timer runs out)"), "style=dotted"));
    CHECK(contains(dot, "label=\"mood < 5\""));
    CHECK(contains(dot, "\"__patience__\" -> \"gone\""));

    CHECK(contains(line_with(dot, "\"won\" [shape=box"), ending_colour(EndingType::Recovered)));
    CHECK(contains(line_with(dot, "\"gone\" [shape=box"), ending_colour(EndingType::Lost)));
    CHECK(contains(dot, "<b>Legend</b>"));

    opt.legend = false;
    CHECK_FALSE(contains(scenario_to_dot(sample(), opt), "Legend"));
}

TEST_CASE("every quote in the DOT text is balanced, whatever the scenario says") {
    Scenario s = sample();
    s.nodes[0].say[0].text = "\\\"\\\\\"\n\"";
    s.nodes[0].choices[0].text = "ends with a backslash \\";
    s.id = "we\"ird\\";
    s.reindex();
    std::string dot = scenario_to_dot(s, {});
    // Outside HTML labels, count unescaped quotes per line: each line must have an even number.
    std::size_t start = 0;
    while (start < dot.size()) {
        std::size_t end = dot.find('\n', start);
        std::string line = dot.substr(start, end - start);
        start = end == std::string::npos ? dot.size() : end + 1;
        int quotes = 0;
        for (std::size_t i = 0; i < line.size(); ++i) {
            if (line[i] == '\\') {
                ++i;
                continue;
            }
            if (line[i] == '"') ++quotes;
        }
        CHECK_MESSAGE(quotes % 2 == 0, line);
    }
}

TEST_CASE("turnaround-cli graph writes DOT, and refuses broken or missing scenarios") {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / ("turnaround-graph-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const std::string cli = TURNAROUND_CLI;
    const std::string fixture = std::string(TURNAROUND_TEST_DATA) + "/data/graph/tricky.yaml";
    const fs::path out = dir / "tricky.dot";
    auto run = [](const std::string& cmd) {
        int status = std::system((cmd + " 2>/dev/null").c_str());
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    };

    REQUIRE(run("'" + cli + "' graph '" + fixture + "' -o '" + out.string() + "'") == 0);
    std::ifstream in(out);
    std::string dot((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(dot.rfind("digraph \"tricky-text\" {", 0) == 0);
    CHECK(contains(dot, "\"entr\xC3\xA9" "e\" -> \"next-step\""));
    CHECK(contains(dot, "C:\\\\Orders"));
    CHECK(contains(dot, "<b>Legend</b>"));

    const fs::path broken = dir / "broken.yaml";
    std::ofstream(broken) << "format: 1\nid: x\ntitle: X\ncustomer: {name: A}\nstart: a\n"
                             "nodes:\n  - id: a\n    choices:\n      - {text: Hi, next: nowhere}\nendings: []\n";
    CHECK(run("'" + cli + "' graph '" + broken.string() + "' > /dev/null") == 1);
    CHECK(run("'" + cli + "' graph '" + (dir / "absent.yaml").string() + "' > /dev/null") == 2);
    CHECK(run("'" + cli + "' graph > /dev/null") == 2);
    CHECK(run("'" + cli + "' graph --bogus '" + fixture + "' > /dev/null") == 2);
    fs::remove_all(dir);
}
