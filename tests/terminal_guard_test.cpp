// The terminal guard of turnaround-cli: no control character gets through, whether text comes
// byte by byte or in one block (the bulk path exists for speed and must say the same).
#include <doctest/doctest.h>

#include <ostream>
#include <random>
#include <sstream>
#include <string>

#include "terminal_guard.h"

using ta::cli::ControlFilterBuf;

namespace {

std::string filtered_block(const std::string& in) {
    std::stringbuf sink;
    {
        ControlFilterBuf f(&sink);
        std::ostream(&f).write(in.data(), static_cast<std::streamsize>(in.size()));
    }
    return sink.str();
}

std::string filtered_bytes(const std::string& in) {
    std::stringbuf sink;
    {
        ControlFilterBuf f(&sink);
        for (char c : in) f.sputc(c);
    }
    return sink.str();
}

}  // namespace

TEST_CASE("terminal guard: controls become U+FFFD, text and line breaks pass") {
    CHECK(filtered_block("ok\tline\n") == "ok\tline\n");
    CHECK(filtered_block("a\x1b[2Jb") == "a\xEF\xBF\xBD[2Jb");
    CHECK(filtered_block("del\x7f") == "del\xEF\xBF\xBD");
    CHECK(filtered_block("c1 \xC2\x9B x") == "c1 \xEF\xBF\xBD x");       // CSI as U+009B
    CHECK(filtered_block("nbsp \xC2\xA0 caf\xC3\xA9") == "nbsp \xC2\xA0 caf\xC3\xA9");
    CHECK(filtered_block("ends in \xC2") == "ends in \xC2");            // held back, then written at the end
}

TEST_CASE("terminal guard: a block and the same bytes one at a time give the same output") {
    std::mt19937 rng(7);
    const char pool[] = {'a', '\n', '\t', '\x01', '\x1b', '\x7f', '\xc2', '\x85', '\x9f', '\xa0', '\xc3', 'z'};
    for (int t = 0; t < 5000; ++t) {
        std::string in;
        for (int i = static_cast<int>(rng() % 40); i > 0; --i) in += pool[rng() % sizeof pool];
        CAPTURE(in);
        REQUIRE(filtered_block(in) == filtered_bytes(in));
    }
}
