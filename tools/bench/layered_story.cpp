// layered_story.cpp: the large layered story of generate.h, for timing each phase per node.
#include <random>
#include <vector>

#include "generate.h"

namespace bench {

namespace {

// What one layer holds besides its main node m<i> (and, after the first, its colder variant c<i>).
struct Layer {
    bool repeat = false;  // r<i>: "could you repeat that", loops back to m<i> or goes on
    bool aside = false;   // x<i>: where a poor reply lands before the story goes on
};

std::vector<Layer> plan_layers(int nodes, unsigned seed) {
    std::mt19937 gen(seed);
    std::vector<Layer> layers;
    int total = 0;
    while (total < nodes) {
        Layer l;
        total += layers.empty() ? 1 : 2;
        l.repeat = total < nodes && gen() % 100 < 60;
        total += l.repeat;
        // Not in the first layer: the expectation "cooled and dismissed" goes m0 -> m1 (so c1).
        l.aside = total < nodes && !layers.empty() && gen() % 100 < 40;
        total += l.aside;
        layers.push_back(l);
    }
    return layers;
}

// One reply, in flow style: short texts keep a 100,000-node story well under the loader's limit.
std::string reply(const std::string& text, const std::string& next, int mood, const char* tags,
                  const std::string& extra = "") {
    return "    - {text: " + text + ", next: " + next + ", mood: " + std::to_string(mood) + ", tags: " + tags +
           ", feedback: " + (mood < 0 ? "That cools the customer." : "That keeps the customer with you.") + extra +
           "}\n";
}

}  // namespace

std::string layered_story(int nodes, unsigned seed) {
    const std::vector<Layer> layers = plan_layers(nodes, seed);
    const int last = static_cast<int>(layers.size()) - 1;
    std::string y =
        "format: 1\nid: layered-story\ntitle: Layered story\nversion: \"1\"\n"
        "summary: A generated story in layers, for timing the tools.\nindustry: Testing\ndifficulty: medium\n"
        "minutes: 30\nobjectives:\n  - Keep the customer\ncustomer:\n  name: Alex Example\n  mood: 50\n"
        "start: m0\nnodes:\n";
    y.reserve(static_cast<std::size_t>(nodes) * 330);
    for (int i = 0; i <= last; ++i) {
        const std::string n = std::to_string(i);
        const std::string next = i == last ? "recovered" : "m" + std::to_string(i + 1);
        // A reply of the layer before asked the customer to repeat: a reply here builds on it.
        const bool flagged = i > 0 && layers[i - 1].repeat;
        const std::string clear = flagged ? ", clears: [noted]" : "";
        const char* good = i == 0 ? "[apologise, ask_question]" : i == last ? "[offer_choice, state_next_steps]"
                                                                            : "[paraphrase, stay_calm]";
        y += "- id: m" + n + "\n";
        if (i > 0) y += "  mood_routes: [{below: 25, next: c" + n + "}]\n";
        y += "  say: [{text: Step " + n + " of the complaint, emotion: upset}]\n  choices:\n";
        y += reply("I hear you; let me check I have it", next, 50, good, clear + ", model: true");
        const std::string poor_next = layers[i].aside ? "x" + n : i == last ? "handed-on" : next;
        y += reply("These things happen", poor_next, -50, "[dismiss]", clear);
        if (i == 0) y += reply("Let me fetch my manager", "handed-on", 0, "[escalate_senior]");
        if (layers[i].repeat) y += reply("Sorry - could you repeat that", "r" + n, 0, "[stay_calm]", clear);
        if (flagged) y += reply("As you said a moment ago", next, 50, "[paraphrase, stay_calm]", ", requires: [noted]" + clear);
        if (i > 0) {
            y += "- id: c" + n + "\n  say: [{text: Step " + n + " and the customer is losing patience, emotion: angry}]\n"
                 "  choices:\n";
            y += reply("I am sorry; tell me the rest", next, 50, "[apologise, paraphrase]", clear + ", model: true");
            y += reply("Calm down", "walked-out", -50, "[dismiss]");
        }
        if (layers[i].repeat) {
            y += "- id: r" + n + "\n  say: [{text: Step " + n + " once more, emotion: frustrated}]\n  choices:\n";
            y += reply("Thanks - I have it now", next, 0, "[paraphrase]", ", sets: [noted], model: true");
            y += reply("Sorry - once more from the start", "m" + n, 0, "[let_them_speak]");
        }
        if (layers[i].aside) {
            y += "- id: x" + n + "\n  say: [{text: Step " + n + " and that is not good enough, emotion: frustrated}]\n"
                 "  choices:\n";
            y += reply("You are right to be annoyed", i == last ? "handed-on" : next, 0,
                       "[acknowledge_feelings, stay_calm]", ", model: true");
            y += reply("It is only a small thing", i == last ? "handed-on" : next, -50, "[dismiss]");
        }
    }
    y += "endings:\n"
         "  - {id: recovered, type: recovered, title: Recovered, epilogue: The customer stays.}\n"
         "  - {id: handed-on, type: escalated, title: Handed on, epilogue: A manager takes over.}\n"
         "  - {id: walked-out, type: lost, title: Walked out, epilogue: The customer leaves.}\n"
         "expect:\n"
         "  - {name: model path, choices: model, passes: true, ending: recovered, why: It listens and apologises.}\n"
         "  - {name: handed on at once, choices: [m0#3], passes: false, ending: handed-on, why: No apology.}\n"
         "  - {name: cooled and dismissed, choices: [m0#2, c1#2], passes: false, ending: walked-out,"
         " why: The customer leaves.}\n";
    return y;
}

}  // namespace bench
