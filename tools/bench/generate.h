// generate.h: scenarios written by a program, as YAML text, for timing the tools.
//
// Three kinds, each from a seed so every run times the same input:
// - big_scenario: one long conversation with 3^layers playthroughs;
// - everyday_scenario: shaped like the bundled library (see the figures in generate.cpp);
// - long_story: many nodes and few states per node;
// - dense_scenario: the same size in nodes but with mood routes, forward jumps and flags spread
//   everywhere, so its state graph is about ten times larger than any bundled scenario's.
#pragma once

#include <string>

#include "scenario.h"

namespace bench {

std::string big_scenario(int layers);
std::string everyday_scenario(unsigned seed);
std::string dense_scenario(unsigned seed);
// A long, narrow story of `nodes` steps (each: go on calmly, or lose the customer), with a handful
// of states per node: for timing what grows with the node count itself, such as grading.
std::string long_story(int nodes);
// The same story built in code, to time grading without the loader.
ta::Scenario long_story_model(int nodes);
// About `nodes` nodes in layers of two to four: a main node whose replies go on (well or badly)
// or ask the customer to repeat, a colder variant the main node routes to by mood, a "could you
// repeat that" node that loops back or goes on (setting a flag a later reply requires), an aside.
// Lints clean under --strict (its expectations cover every ending), so timing it times the real
// work of every phase; the state graph grows with the node count.
std::string layered_story(int nodes, unsigned seed);

}  // namespace bench
