// The shared JSON string escaper: every JSON the project writes (lint, debriefs, results,
// exports, scripted-run reports) goes through it, so its output must always be valid JSON.
#include <doctest/doctest.h>

#include "json_escape.h"

using ta::json_escape;
using ta::json_quote;

TEST_CASE("json_escape escapes quotes, backslashes and control characters") {
    CHECK(json_escape("say \"sorry\"") == "say \\\"sorry\\\"");
    CHECK(json_escape("a\\b") == "a\\\\b");
    CHECK(json_escape("line\nnext\ttab\r") == "line\\nnext\\ttab\\r");
    CHECK(json_escape(std::string("\x01", 1)) == "\\u0001");
    CHECK(json_escape(std::string("nul\0end", 7)) == "nul\\u0000end");
}

TEST_CASE("json_escape keeps valid UTF-8 and replaces invalid bytes with U+FFFD") {
    CHECK(json_escape("caf\xC3\xA9 \xE2\x82\xAC 5 \xE2\x80\x94 ok") == "caf\xC3\xA9 \xE2\x82\xAC 5 \xE2\x80\x94 ok");
    CHECK(json_escape("bad \xFF byte") == "bad \xEF\xBF\xBD byte");
    CHECK(json_escape("cut \xE2\x82") == "cut \xEF\xBF\xBD\xEF\xBF\xBD");  // a truncated sequence
    CHECK(json_escape("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD");         // overlong '/'
}

TEST_CASE("json_quote adds the surrounding quotes") {
    CHECK(json_quote("") == "\"\"");
    CHECK(json_quote("x\"y") == "\"x\\\"y\"");
}
