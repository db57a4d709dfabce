// Syntax and structure mistakes as trainers make them: each is reported once, at its cause, in
// the trainer's words with the fix; syntax errors are shown with their line and a caret.
#include <doctest/doctest.h>

#include <string>

#include "loader.h"

using namespace ta;

namespace {

const std::string kPharmacy = R"(format: 1
id: pharmacy
title: Wrong tablets
customer:
  name: Mrs Okafor
start: counter
nodes:
  - id: counter
    say:
      - text: You gave me the wrong tablets.
        emotion: angry
    choices:
      - text: I'm sorry, let me check the bag.
        next: fixed
        tags: [apologise]
endings:
  - id: fixed
    type: recovered
    title: Sorted
)";

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const size_t i = text.find(from);
    REQUIRE(i != std::string::npos);
    return text.replace(i, from.size(), to);
}

// The single problem the text has.
Diagnostic only_problem(const std::string& text) {
    LoadResult r = load_scenario_text(text, "p.yaml");
    std::string all;
    for (const auto& d : r.diagnostics) all += format_diagnostic(d) + "\n";
    INFO(all);
    REQUIRE(r.diagnostics.size() == 1);
    return r.diagnostics[0];
}

}  // namespace

TEST_CASE("the bundled example loads, so each case below has one mistake") {
    LoadResult r = load_scenario_text(kPharmacy, "p.yaml");
    std::string all;
    for (const auto& d : r.diagnostics) all += format_diagnostic(d) + "\n";
    INFO(all);
    CHECK(count_errors(r.diagnostics) == 0);
}

TEST_CASE("a reply text with ': ' in it: put it in quotes, with the fixed line") {
    const std::string text = replaced(kPharmacy, "I'm sorry, let me check the bag.", "Sorry: we messed up");
    Diagnostic d = only_problem(text);
    CHECK(d.code == "yaml-syntax");
    CHECK(d.line == 13);
    CHECK(d.column == 20);
    CHECK(d.message ==
          "the text of 'text' contains \": \", which YAML reads as the start of another key; put the text in quotes:  "
          "      - text: \"Sorry: we messed up\"");
    CHECK(format_source_excerpt(d, text) ==
          " 13 |       - text: Sorry: we messed up\n"
          "    |                    ^\n");
}

TEST_CASE("a text with ': ' and a double quote is put in single quotes") {
    Diagnostic d = only_problem(replaced(kPharmacy, "title: Wrong tablets", "title: The \"new\" pack: wrong"));
    CHECK(d.line == 3);
    CHECK(d.message ==
          "the text of 'title' contains \": \", which YAML reads as the start of another key; put the text in quotes:  "
          "title: 'The \"new\" pack: wrong'");
}

TEST_CASE("a key indented one space too little: which line, and what it lines up with") {
    const std::string text = replaced(kPharmacy, "        emotion: angry", "       emotion: angry");
    Diagnostic d = only_problem(text);
    CHECK(d.line == 11);
    CHECK(d.column == 8);
    CHECK(d.message ==
          "the indentation of line 11 is off: it is indented 7 spaces, which lines up with nothing above; indent it "
          "8 spaces to line it up with 'text:' on line 10 (or 4 spaces for 'say:' on line 9)");
    CHECK(format_source_excerpt(d, text) ==
          " 11 |        emotion: angry\n"
          "    |        ^\n");
}

TEST_CASE("a dedented key lines up with the key of its node") {
    Diagnostic d = only_problem(replaced(kPharmacy, "    choices:", "   choices:"));
    CHECK(d.line == 12);
    CHECK(d.message ==
          "the indentation of line 12 is off: it is indented 3 spaces, which lines up with nothing above; indent it "
          "4 spaces to line it up with 'say:' on line 9 (or 0 spaces for 'nodes:' on line 7)");
}

TEST_CASE("a list item indented wrongly lines up with the dash above") {
    const std::string two = replaced(kPharmacy, "        tags: [apologise]\n",
                                     "        tags: [apologise]\n       - text: Not my problem.\n        next: fixed\n");
    Diagnostic d = only_problem(two);
    CHECK(d.line == 16);
    CHECK(d.column == 8);
    CHECK(d.message ==
          "the indentation of line 16 is off: its '-' is indented 7 spaces, which lines up with nothing above; indent "
          "it 6 spaces to line it up with the '-' on line 13 (or 2 spaces for the '-' on line 8)");
}

TEST_CASE("a list item among the keys of a map") {
    Diagnostic d = only_problem(replaced(kPharmacy, "    title: Sorted\n", "    title: Sorted\n    - again\n"));
    CHECK(d.line == 20);
    CHECK(d.message ==
          "line 20 starts a list item ('- ') among the keys of a map; a list belongs under a key of its own (such as "
          "'choices:'), indented further than that key");
}

TEST_CASE("double quotes inside double-quoted text") {
    Diagnostic d = only_problem(replaced(kPharmacy, "title: Sorted", "title: \"She said \"fine\" and left\""));
    CHECK(d.line == 19);
    CHECK(d.column == 22);
    CHECK(d.message ==
          "the quoted text of 'title' ends here, but more follows on the line: a double quote inside it closes it "
          "early; quote it the other way:      title: 'She said \"fine\" and left'");
}

TEST_CASE("an unclosed '[' is reported at the bracket, not where the parser gave up") {
    Diagnostic d = only_problem(replaced(kPharmacy, "tags: [apologise]", "tags: [apologise"));
    CHECK(d.line == 15);
    CHECK(d.column == 15);
    CHECK(d.message == "this '[' is never closed; add ']' where the list ends:          tags: [apologise]");
}

TEST_CASE("an unclosed '{'") {
    Diagnostic d = only_problem(replaced(kPharmacy, "  name: Mrs Okafor", "  name: {first: Ada"));
    CHECK(d.line == 5);
    CHECK(d.column == 9);
    CHECK(d.message == "this '{' is never closed; add '}' where the map ends:    name: {first: Ada}");
}

TEST_CASE("an unknown escape in double quotes") {
    Diagnostic d = only_problem(replaced(kPharmacy, "title: Sorted", "title: \"C:\\new\\pills\""));
    CHECK(d.line == 19);
    CHECK(d.column == 19);
    CHECK(d.message ==
          "'\\p' is not an escape YAML knows inside double quotes; write '\\\\' for a backslash, or put the text in "
          "single quotes:      title: \"C:\\new\\\\pills\"");
}

TEST_CASE("text starting with '*' or '@' needs quotes") {
    Diagnostic star = only_problem(replaced(kPharmacy, "title: Sorted", "title: *sigh* fine"));
    CHECK(star.line == 19);
    CHECK(star.column == 12);
    CHECK(star.message ==
          "a value starting with '*' is read as a reference to an '&' anchor; put the text in quotes:      title: \"*sigh* fine\"");
    Diagnostic at = only_problem(replaced(kPharmacy, "title: Sorted", "title: @home"));
    CHECK(at.message == "YAML keeps '@' for itself, so a value may not start with it; put the text in quotes:      title: \"@home\"");
}

TEST_CASE("an unterminated double-quoted string on the last line is a located error") {
    const std::string text = replaced(kPharmacy, "title: Sorted", "title: \"Charged Twice");
    Diagnostic d = only_problem(text);
    CHECK(d.code == "yaml-syntax");
    CHECK(d.line == 19);
    CHECK(d.column == 12);
    CHECK(d.message ==
          "this quote is never closed, so everything after it to the end of the file is read as one text; add the "
          "closing \" where the text ends:      title: \"Charged Twice\"");
    // Without the final line break yaml-cpp itself refuses it; the message is the same.
    Diagnostic no_newline = only_problem(text.substr(0, text.size() - 1));
    CHECK(no_newline.line == 19);
    CHECK(no_newline.message == d.message);
    // A quote left open earlier swallows the rest of the file: the cause is the quote.
    Diagnostic early = only_problem(replaced(kPharmacy, "title: Wrong tablets", "title: \"Wrong tablets"));
    CHECK(early.line == 3);
    CHECK(early.column == 8);
    // Quotes that close on a later line are fine.
    CHECK(load_scenario_text(replaced(kPharmacy, "title: Sorted", "title: \"Sorted\n      at last\""), "p.yaml").ok());
}

TEST_CASE("a tab in the indentation is reported once") {
    const std::string text = replaced(kPharmacy, "    say:", "\tsay:");
    LoadResult r = load_scenario_text(text, "p.yaml");
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].code == "tab-indent");
    CHECK(r.diagnostics[0].line == 9);
    CHECK(r.diagnostics[0].column == 1);
    CHECK(r.diagnostics[0].message == "a tab is used for indentation; YAML allows only spaces, so replace it with spaces");
    CHECK(format_source_excerpt(r.diagnostics[0], text) == " 9 | \tsay:\n   | ^\n");
}

TEST_CASE("the caret counts characters, not bytes") {
    const std::string text = replaced(kPharmacy, "title: Wrong tablets", "title: Café: wrong");
    Diagnostic d = only_problem(text);
    CHECK(format_source_excerpt(d, text) ==
          " 3 | title: Café: wrong\n"
          "   |            ^\n");
}

TEST_CASE("a missing 'endings:' section is reported once, at its cause, with the endings to write") {
    std::string text = kPharmacy.substr(0, kPharmacy.find("endings:"));
    text = replaced(text, "        tags: [apologise]\n",
                    "        tags: [apologise]\n      - text: Not my problem.\n        next: walked-out\n"
                    "      - text: Ask the pharmacist.\n        next: pharmacist\n"
                    "  - id: pharmacist\n    choices:\n      - text: Here she is.\n        next: fixed\n");
    LoadResult r = load_scenario_text(text, "p.yaml");
    std::string all;
    for (const auto& d : r.diagnostics) all += format_diagnostic(d) + "\n";
    INFO(all);
    REQUIRE(count_errors(r.diagnostics) == 1);
    const Diagnostic* d = nullptr;
    for (const auto& x : r.diagnostics)
        if (x.severity == Diagnostic::Severity::Error) d = &x;
    CHECK(d->line == 1);
    CHECK(d->message ==
          "the scenario has no 'endings'; add an 'endings:' list with the endings the replies lead to: fixed, walked-out");
}
