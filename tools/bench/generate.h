// generate.h: scenarios written by a program, as YAML text, for timing the tools.
//
// Three kinds, each from a seed so every run times the same input:
// - big_scenario: one long conversation with 3^layers playthroughs;
// - everyday_scenario: shaped like the bundled library (see the figures in generate.cpp);
// - dense_scenario: the same size in nodes but with mood routes, forward jumps and flags spread
//   everywhere, so its state graph is about ten times larger than any bundled scenario's.
#pragma once

#include <string>

namespace bench {

std::string big_scenario(int layers);
std::string everyday_scenario(unsigned seed);
std::string dense_scenario(unsigned seed);

}  // namespace bench
