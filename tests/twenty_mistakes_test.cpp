// Twenty mistakes a new trainer makes, each planted alone in a clean ten-line pharmacy scenario
// (issue 16's trial): lint must give exactly one message for each, at a line of the file, and
// that message must say what to do.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "loader.h"
#include "rubric.h"

using namespace ta;

namespace {

const char* kClean = R"(format: 1
id: pharmacy
title: The missing prescription
customer:
  name: Mrs Patel
  mood: 30
start: counter
nodes:
  - id: counter
    say:
      - text: My prescription isn't ready again.
        emotion: frustrated
    choices:
      - text: I'm sorry. Can you tell me when you handed it in?
        next: details
        tags: [apologise, ask_question]
        feedback: An apology and a question.
      - text: It'll be ready when it's ready.
        next: details
        tags: [dismiss]
        mood: -10
        feedback: Dismissive.
  - id: details
    say:
      - text: On Monday. I need it today.
    choices:
      - text: Let me check with the pharmacist now.
        next: sorted
        tags: [fix_fast]
        feedback: Acting now.
      - text: Come back tomorrow.
        next: gone
        tags: [stall]
        feedback: A stall.
endings:
  - id: sorted
    type: recovered
    title: Sorted
  - id: gone
    type: lost
    title: She left
)";

struct Edit {
    std::string from;  // replaced once in kClean
    std::string to;
};

struct Mistake {
    std::string what;
    std::vector<Edit> edits;  // most mistakes are one edit; some are made in two or three places
    std::string fix;          // a word of the fix the message must carry
};

const std::vector<Mistake> kMistakes = {
    {"an ending nothing leads to",
     {{"  - id: gone\n    type: lost\n    title: She left\n",
       "  - id: gone\n    type: lost\n    title: She left\n  - id: thanked\n    type: recovered\n    title: Thanked\n"}},
     "remove it"},
    {"a node whose every reply leads back to itself",
     {{"        next: details\n        tags: [dismiss]\n", "        next: wait\n        tags: [dismiss]\n"},
      {"endings:\n", "  - id: wait\n    say:\n      - text: Well?\n    choices:\n      - text: One moment.\n"
                     "        next: wait\n        tags: [stall]\n        feedback: A stall.\n      - text: Still checking.\n"
                     "        next: wait\n        tags: [stall]\n        feedback: Another stall.\nendings:\n"}},
     "a 'next' that leads"},
    {"both replies need a flag one path never sets",
     {{"        tags: [apologise, ask_question]\n", "        tags: [apologise, ask_question]\n        sets: [asked]\n"},
      {"        next: sorted\n", "        next: sorted\n        requires: [asked]\n"},
      {"        next: gone\n", "        next: gone\n        requires: [asked]\n"}},
     "Add a reply without 'requires'"},
    {"a typo in checks", {{"start: counter\n", "scoring:\n  checks: [no-pass-without-apologies]\nstart: counter\n"}},
     "did you mean"},
    {"an unterminated quote on the title", {{"title: The missing prescription\n", "title: \"The missing prescription\n"}}, "\""},
    {"a reply text with ': ' in it", {{"      - text: Come back tomorrow.\n", "      - text: Sorry: come back tomorrow.\n"}},
     "quotes"},
    {"a key dedented by one space", {{"        tags: [stall]\n", "       tags: [stall]\n"}}, "indent"},
    {"a tab in the indentation", {{"        feedback: A stall.\n", "\tfeedback: A stall.\n"}}, "spaces"},
    {"no endings section",
     {{"endings:\n  - id: sorted\n    type: recovered\n    title: Sorted\n  - id: gone\n    type: lost\n    title: She left\n",
       ""}},
     "endings:"},
    {"a timer without on_timeout",
     {{"    say:\n      - text: On Monday. I need it today.\n", "    timer: 20\n    say:\n      - text: On Monday. I need it today.\n"}},
     "on_timeout"},
    {"patience without walkout", {{"  mood: 30\n", "  mood: 30\n  patience: 3\n"}}, "walkout"},
    {"a number in quotes", {{"        mood: -10\n", "        mood: \"-10\"\n"}}, "remove the quotes"},
    {"a misspelt tag", {{"        tags: [fix_fast]\n", "        tags: [fix_fats]\n"}}, "did you mean"},
    {"a misspelt next", {{"        next: sorted\n", "        next: sortd\n"}}, "did you mean"},
    {"a node id used twice", {{"  - id: details\n", "  - id: counter\n"}}, "its own id"},
    {"a misspelt key", {{"        feedback: A stall.\n", "        feedbak: A stall.\n"}}, "did you mean"},
    {"a terminal escape in a customer line",
     {{"      - text: On Monday. I need it today.\n", "      - text: \"On Monday.\\e[2J I need it today.\"\n"}}, "remove"},
    {"a misspelt emotion", {{"        emotion: frustrated\n", "        emotion: frustated\n"}}, "did you mean"},
    {"start names no node", {{"start: counter\n", "start: countr\n"}}, "did you mean"},
    {"an ending type that does not exist", {{"    type: lost\n", "    type: lose\n"}}, "did you mean"},
};

std::string with(const Mistake& m) {
    std::string t = kClean;
    for (const auto& e : m.edits) {
        const auto at = t.find(e.from);
        REQUIRE_MESSAGE(at != std::string::npos, m.what);
        t.replace(at, e.from.size(), e.to);
    }
    return t;
}

LoadResult lint(const std::string& text) {
    LoadOptions options;
    options.known_tags = scoring::default_rubric().tag_names();
    return load_scenario_text(text, "pharmacy.yaml", options);
}

bool mentions(const std::string& s, const std::string& part) {
    auto lower = [](std::string x) {
        for (char& c : x) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        return x;
    };
    return lower(s).find(lower(part)) != std::string::npos;
}

}  // namespace

TEST_CASE("the clean pharmacy scenario gives no message, so each planted mistake is alone") {
    const LoadResult r = lint(kClean);
    CHECK(r.ok());
    CHECK(r.diagnostics.empty());
}

TEST_CASE("twenty planted mistakes: exactly one message each, at a line, with the fix") {
    CHECK(kMistakes.size() == 20);
    for (const auto& m : kMistakes) {
        CAPTURE(m.what);
        const LoadResult r = lint(with(m));
        std::string all;
        for (const auto& d : r.diagnostics) all += format_diagnostic(d) + "\n";
        INFO(all);
        CHECK(r.diagnostics.size() == 1);
        if (r.diagnostics.empty()) continue;
        const Diagnostic& d = r.diagnostics.front();
        CHECK(d.line > 0);
        CHECK(mentions(d.message, m.fix));
    }
}
