#include "generate.h"

#include <algorithm>
#include <random>
#include <vector>

namespace bench {

namespace {

struct Rng {
    std::mt19937 gen;
    explicit Rng(unsigned seed) : gen(seed) {}
    int below(int n) { return static_cast<int>(gen() % static_cast<unsigned>(n)); }
    bool chance(int percent) { return below(100) < percent; }
    template <class T>
    const T& pick(const std::vector<T>& v) { return v[below(static_cast<int>(v.size()))]; }
};

// Sets of behaviour tags a generated choice may carry: good, mixed and poor answers.
const std::vector<std::string> kTagSets = {
    "[apologise, ask_question]", "[paraphrase]",           "[offer_choice, state_next_steps]",
    "[promise_follow_up]",       "[confirm_fix]",          "[stay_calm, acknowledge_feelings]",
    "[excuse]",                  "[get_defensive]",        "[impose_solution]",
    "[brush_off]",               "[escalate_senior]",      "[let_them_speak]",
    "[admit_mistake, fix_fast]", "[dismiss, interrupt]",   "[close_loop]",
    "[argue]",
};

// Lines of the length real scenarios use (about a hundred characters), so the YAML text costs
// what a real file costs to read.
const std::vector<std::string> kCustomerLines = {
    "I have been waiting for a call back since Monday and nobody has rung me, not once, not even to say sorry.",
    "This is the third time I have explained this today and every person I speak to tells me something different.",
    "I paid for next-day delivery and it arrived a week late, opened, with half of the parts missing from the box.",
    "Do you actually understand how much this has cost me? I had to take a day off work to sort out your mistake.",
    "Fine. What are you going to do about it, then? Because so far all I have heard is what you cannot do.",
    "I want it put right today, not another form to fill in and another promise that someone will be in touch.",
};
const std::vector<std::string> kAnswers = {
    "That sounds exhausting, and it should not have happened. Can you walk me through it from the start for me?",
    "So the order came late and incomplete, and nobody called you back. Have I got that right before I go on?",
    "I am sorry, we got this wrong. I can send the missing parts today or refund the delivery charge; which suits?",
    "Our couriers have been very busy lately, so delays like this do happen from time to time, I am afraid.",
    "There is nothing more I can do from here, I am afraid; you will need to write in to the complaints team.",
    "I will book it in now and call you on Thursday morning to check that everything arrived and works properly.",
};
const std::vector<std::string> kFeedback = {
    "Asking for the whole story before offering anything shows the customer you are listening, not defending.",
    "Blaming the couriers sounds like an excuse; the customer hears that nobody is taking responsibility here.",
    "Offering two remedies and letting the customer choose makes them part of the fix instead of a bystander.",
    "Promising a dated call back, then keeping it, is what turns a fixed problem into a customer who stays.",
};

std::string header(const std::string& id, int mood, int patience) {
    std::string y = "format: 1\nid: " + id + "\ntitle: Generated " + id + "\nversion: \"1\"\n" +
                    "summary: A generated conversation for timing the tools.\nindustry: Testing\n" +
                    "difficulty: medium\nminutes: 5\nobjectives:\n  - Keep the customer\n" +
                    "customer:\n  name: Alex Example\n  relationship: regular\n" +
                    "  persona: Direct and busy.\n  backstory: Something went wrong with an order.\n" +
                    "  mood: " + std::to_string(mood) + "\n";
    if (patience > 0) y += "  patience: " + std::to_string(patience) + "\n  walkout: walked-out\n";
    return y;
}

std::string endings_yaml() {
    return "endings:\n"
           "  - id: recovered\n    type: recovered\n    title: Recovered\n    epilogue: The customer stays.\n"
           "  - id: handed-on\n    type: escalated\n    title: Handed on\n    epilogue: A manager takes over.\n"
           "  - id: walked-out\n    type: lost\n    title: Walked out\n    epilogue: The customer leaves.\n";
}

std::string choice_yaml(const std::string& next, int mood, const std::string& tags, int n,
                        const std::string& text = "", const std::string& feedback = "") {
    return "      - text: " + (text.empty() ? "Answer number " + std::to_string(n) : text) + "\n        next: " + next +
           "\n        mood: " + std::to_string(mood) + "\n        tags: " + tags + "\n        feedback: " +
           (feedback.empty() ? "This answer shows how the tools cope with many branches." : feedback) + "\n";
}

}  // namespace

// A conversation of `layers` steps with three answers at each: 3^layers playthroughs. Two nodes
// per step, so the paths cross and rejoin like a real scenario's.
std::string big_scenario(int layers) {
    std::string y = header("big-generated", 40, 0) + "start: a-0\nnodes:\n";
    for (int i = 0; i < layers; ++i)
        for (char side : {'a', 'b'}) {
            if (i == 0 && side == 'b') continue;  // one opening node
            y += "  - id: " + std::string(1, side) + "-" + std::to_string(i) + "\n    say:\n      - text: Step " +
                 std::to_string(i) + "\n        emotion: upset\n    choices:\n";
            for (int k = 0; k < 3; ++k) {
                std::string next = i + 1 == layers ? (k == 2 ? "walked-out" : k == 1 ? "handed-on" : "recovered")
                                                   : std::string(k == 1 ? "b-" : "a-") + std::to_string(i + 1);
                y += choice_yaml(next, k == 2 ? -5 : 5, kTagSets[(i * 3 + k + (side == 'b')) % kTagSets.size()], k);
            }
        }
    return y + endings_yaml();
}

std::string long_story(int nodes) {
    std::string y = header("long-story", 40, 0) + "start: s-0\nnodes:\n";
    for (int i = 0; i < nodes; ++i) {  // compact flow style: 9,621 nodes stay under the 4 MB limit
        const std::string id = std::to_string(i);
        const std::string next = i + 1 == nodes ? "recovered" : "s-" + std::to_string(i + 1);
        y += "  - {id: s-" + id + ", say: [{text: Step " + id + "}], choices: [\n"
             "      {text: Go on calmly, next: " + next + ", mood: 2, tags: " +
             (i == 0 ? "[apologise, ask_question]" : "[stay_calm]") + ", feedback: Steady.},\n"
             "      {text: Wave it away, next: " + (i % 2 ? "walked-out" : "handed-on") +
             ", mood: -5, tags: [dismiss], feedback: Dismissive.}]}\n";
    }
    return y + endings_yaml();
}

ta::Scenario long_story_model(int nodes) {
    ta::Scenario sc;
    sc.id = "long-story";
    sc.title = "Long story";
    sc.start = "s-0";
    sc.customer.name = "Generated";
    sc.customer.mood = 40;
    for (int i = 0; i < nodes; ++i) {
        ta::Node n;
        n.id = "s-" + std::to_string(i);
        n.say = {{"Step " + std::to_string(i), "upset", {}}};
        ta::Choice on, off;
        on.id = n.id + "#1";
        on.text = "Go on calmly";
        on.next = i + 1 == nodes ? "recovered" : "s-" + std::to_string(i + 1);
        on.mood = 2;
        on.tags = i == 0 ? std::vector<std::string>{"apologise", "ask_question"} : std::vector<std::string>{"stay_calm"};
        off.id = n.id + "#2";
        off.text = "Wave it away";
        off.next = i % 2 ? "walked-out" : "handed-on";
        off.mood = -5;
        off.tags = {"dismiss"};
        n.choices = {on, off};
        sc.nodes.push_back(std::move(n));
    }
    sc.endings = {{"recovered", ta::EndingType::Recovered, "Recovered", "", {}, {}},
                  {"handed-on", ta::EndingType::Escalated, "Handed on", "", {}, {}},
                  {"walked-out", ta::EndingType::Lost, "Walked out", "", {}, {}}};
    sc.reindex();
    return sc;
}

// Shaped like the twelve bundled scenarios, which have 8-14 nodes, 2-4 answers per node (2.7 on
// average), about a third of answers ending the conversation, mood routes on 1-3 nodes, a
// customer with 3-4 patience starting at mood 10-35, a few flags and an occasional timer, and
// about 15 kB of YAML each.
std::string everyday_scenario(unsigned seed) {
    Rng r(seed);
    const int n = 8 + r.below(7);
    std::string y = header("everyday-" + std::to_string(seed), 10 + 5 * r.below(6), 3 + r.below(2));
    y += "  # The text below is generated; only its length and shape matter.\n";
    y += "start: n0\nnodes:\n";
    std::vector<int> route_nodes;
    for (int k = 1 + r.below(3); k > 0; --k) route_nodes.push_back(1 + r.below(n - 1));
    const std::vector<int> moods = {-20, -15, -15, -10, -10, -10, -5, -5, 0, 0, 5, 5, 10, 10, 10, 15};
    const std::vector<int> choice_counts = {2, 2, 3, 3, 3, 3, 4};
    const std::vector<std::string> good_ends = {"recovered", "handed-on"};
    for (int i = 0; i < n; ++i) {
        y += "  - id: n" + std::to_string(i) + "\n";
        if (r.chance(40)) y += "    note: " + r.pick(kFeedback) + "\n";
        if (std::count(route_nodes.begin(), route_nodes.end(), i))
            y += "    mood_routes:\n      - below: " + std::to_string(5 + 5 * r.below(5)) + "\n        next: walked-out\n";
        y += "    say:\n";
        for (int k = 1 + r.below(2); k > 0; --k) y += "      - text: " + r.pick(kCustomerLines) + "\n        emotion: frustrated\n";
        auto forward = [&] { return i + 1 >= n ? r.pick(good_ends) : "n" + std::to_string(i + 1 + r.below(std::min(2, n - i - 1))); };
        if (r.chance(10))
            y += "    timer: 20\n    on_timeout:\n      text: (says nothing)\n      next: " + forward() +
                 "\n      mood: -10\n      tags: [hesitate]\n      feedback: " + r.pick(kFeedback) + "\n";
        y += "    choices:\n";
        const int choices = r.pick(choice_counts);
        for (int c = 0; c < choices; ++c) {
            // The first answer carries the conversation on to the next node, so every node is reached.
            std::string next = c == 0                ? (i + 1 < n ? "n" + std::to_string(i + 1) : r.pick(good_ends))
                               : r.chance(35) ? (r.chance(60) ? std::string("walked-out") : r.pick(good_ends))
                                              : forward();
            y += choice_yaml(next, r.pick(moods), r.pick(kTagSets), c, r.pick(kAnswers), r.pick(kFeedback));
            if (c == 1 && i % 5 == 1) y += "        sets: [noted]\n";
            if (c == 2 && i % 5 == 3) y += "        requires: [noted]\n";
        }
    }
    return y + endings_yaml();
}

// An everyday number of nodes (6-20) but dense: forward jumps from every answer, a mood route on
// one node in five, timers, flags and limited patience in some.
std::string dense_scenario(unsigned seed) {
    Rng r(seed);
    int n = 6 + r.below(15);
    int patience = r.chance(30) ? 3 : 0;
    std::string y = header("dense-" + std::to_string(seed), 20 + r.below(40), patience) + "start: n0\nnodes:\n";
    for (int i = 0; i < n; ++i) {
        std::string id = "n" + std::to_string(i);
        y += "  - id: " + id + "\n    say:\n      - text: Customer line " + std::to_string(i) +
             "\n        emotion: frustrated\n";
        auto later = [&](int k) {
            if (i + 1 >= n) return std::string(k % 3 == 0 ? "recovered" : k % 3 == 1 ? "handed-on" : "walked-out");
            return "n" + std::to_string(i + 1 + r.below(std::min(3, n - i - 1)));
        };
        if (i > 0 && r.chance(20)) y += "    mood_routes:\n      - below: 10\n        next: walked-out\n";
        if (r.chance(20))
            y += "    timer: 20\n    on_timeout:\n      text: (silence)\n      next: " + later(0) +
                 "\n      mood: -5\n      tags: [hesitate]\n      feedback: Silence reads as not caring.\n";
        y += "    choices:\n";
        int k = 2 + r.below(3);
        for (int c = 0; c < k; ++c) {
            std::string next = c == 0 && i + 1 < n ? "n" + std::to_string(i + 1) : later(c);
            y += choice_yaml(next, 5 * (r.below(7) - 3), kTagSets[r.below(static_cast<int>(kTagSets.size()))], c);
            if (c == 1 && i % 4 == 0) y += "        sets: [noted]\n";
            if (c == 2 && i % 4 == 2) y += "        requires: [noted]\n";
        }
    }
    return y + endings_yaml();
}

}  // namespace bench
