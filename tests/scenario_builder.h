// scenario_builder.h: small helpers for tests that build scenarios in code.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "scenario.h"

namespace test_builder {

// A reply the trainee can give: its words, where it leads, its behaviour tags and mood change.
inline ta::Choice reply(std::string text, std::string next, std::vector<std::string> tags = {}, int mood = 0) {
    ta::Choice c;
    c.text = std::move(text);
    c.next = std::move(next);
    c.tags = std::move(tags);
    c.mood = mood;
    return c;
}

}  // namespace test_builder
