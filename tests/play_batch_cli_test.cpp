// turnaround-cli play --batch: one JSON line per playthrough, each the debrief `play --json` prints
// for the same list (plus its line number), errors reported per line while the rest still play.
#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli_runner.h"

namespace {

using cli_runner::cli;
using cli_runner::has;
using nlohmann::json;

const std::string kGym = "'" + std::string(TURNAROUND_TEST_DATA) + "/data/cli/gym-double-charge.yaml'";

struct TempFile {
    std::filesystem::path path;
    TempFile(const std::string& name, const std::string& text)
        : path(std::filesystem::temp_directory_path() / ("turnaround-batch-" + std::to_string(getpid()) + "-" + name)) {
        std::ofstream(path, std::ios::binary) << text;
    }
    ~TempFile() { std::filesystem::remove(path); }
    std::string arg() const { return "'" + path.string() + "'"; }
};

std::vector<json> json_lines(const std::string& text) {
    std::vector<json> out;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) out.push_back(json::parse(line));  // throws, failing the test, if not one object a line
    return out;
}

// What `play --json` prints on stdout for one list: the debrief, or nothing when an item is not offered.
json single(const std::string& list, const std::string& seed = "") {
    const auto o = cli("play --json " + (seed.empty() ? "" : "--seed " + seed + " ") + "--choices '" + list + "' " + kGym, false);
    return o.text.empty() ? json::object() : json::parse(o.text);
}

// A batch line without what batch adds: its number, and the error and item position of a failed line.
json without_batch_fields(json j) {
    j.erase("line");
    j.erase("error");
    j.erase("item");
    return j;
}

}  // namespace

TEST_CASE("play --batch: every line gives the debrief play --json gives for that list") {
    // Line numbers:   1          2   3        4      5        6     7      8         9                 10
    const std::string text = "# gym\n\n1,1,1,1\nt,2\r\n2,2  # routed\n1,7\n1\r\n1,2,3\n  seed=77 1,1,1,1\n   \n";
    TempFile lists("lists.txt", text);
    const auto o = cli("play --batch " + lists.arg() + " " + kGym, false);
    CHECK(o.exit_code == 1);  // lines 6 and 7 do not play
    const std::vector<json> out = json_lines(o.text);
    REQUIRE(out.size() == 7);

    struct Want { int line; std::string list, seed; bool ok; };
    const std::vector<Want> want = {{3, "1,1,1,1", "", true}, {4, "t,2", "", true},   {5, "2,2", "", true},
                                    {6, "1,7", "", false},    {7, "1", "", false},    {8, "1,2,3", "", true},
                                    {9, "1,1,1,1", "77", true}};
    for (std::size_t i = 0; i < want.size(); ++i) {
        CAPTURE(want[i].line);
        const json& got = out[i];
        CHECK(got.at("line") == want[i].line);
        CHECK(got.contains("error") == !want[i].ok);
        CHECK(without_batch_fields(got) == single(want[i].list, want[i].seed));
    }
    // The time-out was played as a time-out, and the seed line was shuffled by its seed.
    CHECK(out[1].at("turns").at(0).at("choice_id") == "desk#timeout");
    CHECK(out[6].at("order_seed") == 77);
    CHECK(out[0].at("order_seed").is_null());

    // What and where: the item not offered gives no debrief; the short list gives one, as play does.
    CHECK(out[3].at("item") == 2);
    CHECK(has(out[3].at("error").get<std::string>(), "line 6, item 2 ('7'): not offered at node"));
    CHECK_FALSE(out[3].contains("overall"));
    CHECK(out[4].at("item") == 2);
    CHECK(has(out[4].at("error").get<std::string>(), "line 7, item 2: the list ran out before an ending, after 1 item"));
    CHECK(out[4].at("completed") == false);
}

TEST_CASE("play --batch: standard input, exit 0 when every line plays, a bad seed is one failed line") {
    TempFile good("good.txt", "1,1,1,1\n1,2,3\n");
    const auto ok = cli("play --batch - " + kGym, false, good.path.string());
    CHECK(ok.exit_code == 0);
    CHECK(json_lines(ok.text).size() == 2);

    TempFile seeds("seeds.txt", "seed=abc 1,1,1,1\nseed=18446744073709551616 1\n1,1,1,1\n");
    const auto bad = cli("play --batch " + seeds.arg() + " " + kGym, false);
    CHECK(bad.exit_code == 1);
    const auto out = json_lines(bad.text);
    REQUIRE(out.size() == 3);
    CHECK(has(out[0].at("error").get<std::string>(), "line 1: seed=abc is not a seed"));
    CHECK(out[1].contains("error"));
    CHECK_FALSE(out[2].contains("error"));

    // --seed applies to the lines without their own seed.
    TempFile plain("plain.txt", "1,1,1,1\nseed=5 1,1,1\n");
    const auto seeded = json_lines(cli("play --seed 77 --batch " + plain.arg() + " " + kGym, false).text);
    REQUIRE(seeded.size() == 2);
    CHECK(without_batch_fields(seeded[0]) == single("1,1,1,1", "77"));
    CHECK(without_batch_fields(seeded[1]) == single("1,1,1", "5"));
}

TEST_CASE("play --batch: left-over items warn with the line number; bad arguments are usage errors") {
    TempFile extra("extra.txt", "# one too many\n1,1,1,1,2\n");
    const auto o = cli("play --batch " + extra.arg() + " " + kGym);  // stderr folded in
    CHECK(o.exit_code == 0);
    CHECK(has(o.text, "play: line 2: warning: the conversation ended after 4 turns; 1 extra choice was not used (2)"));

    CHECK(cli("play --batch /nonexistent/lists.txt " + kGym).exit_code == 2);
    CHECK(cli("play --batch " + extra.arg() + " --choices 1 " + kGym).exit_code == 2);
    CHECK(cli("play --batch").exit_code == 2);
    CHECK(has(cli("play --help").text, "seed=123 2,1,3"));
}
