// turnaround-cli play --seed: the shuffled order is the engine's, replays exactly, and the numbers
// in --choices are positions as shown. Without --seed a script keeps the file's order.
#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <set>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "loader.h"
#include "rubric.h"
#include "session.h"
#include "cli_runner.h"

namespace {

const std::string kParcel = std::string(TURNAROUND_TEST_DATA) + "/gui/fixtures/parcel-for-the-party.yaml";

using cli_runner::cli;
using cli_runner::has;
using cli_runner::Out;

ta::Scenario load_parcel() {
    ta::LoadOptions opts;
    opts.known_tags = ta::scoring::default_rubric().tag_names();
    ta::LoadResult r = ta::load_scenario_file(kParcel, opts);
    REQUIRE(r.ok());
    return *r.scenario;
}

// The 1-based positions, as shown with `seed`, of the file choices `path` (the engine alone).
std::string keys_for(const ta::Scenario& sc, std::uint64_t seed, const std::vector<int>& path) {
    ta::Session s(sc, seed);
    std::string keys;
    for (int choice : path) {
        auto shown = s.presented_choices();
        int pos = 0;
        for (std::size_t i = 0; i < shown.size(); ++i)
            if (shown[i] == choice) pos = static_cast<int>(i) + 1;
        REQUIRE(pos > 0);
        keys += (keys.empty() ? "" : ",") + std::to_string(pos);
        s.choose(choice);
    }
    return keys;
}

}  // namespace

TEST_CASE("cli play --seed: the same seed gives the same transcript twice; another seed another order") {
    Out a = cli("play --seed 77 --choices 1,1,1 '" + kParcel + "'");
    Out b = cli("play --seed 77 --choices 1,1,1 '" + kParcel + "'");
    CHECK(a.exit_code == 0);
    CHECK(a.text == b.text);
    CHECK(has(a.text, "Replies are shuffled (seed 77; --seed 77 replays this order)"));
    // "1" is not always the same reply: over a few seeds the first reply taken differs.
    std::set<std::string> transcripts;
    for (int seed = 1; seed <= 12; ++seed)
        transcripts.insert(cli("play --seed " + std::to_string(seed) + " --choices 1,1,1 '" + kParcel + "'", false).text.substr(0, 2000));
    CHECK(transcripts.size() > 1);
}

TEST_CASE("cli play --seed: --choices are positions as shown, the record keeps file indices") {
    ta::Scenario sc = load_parcel();
    const std::vector<int> saved_path{1, 0, 2};  // file order keys 2,1,3 reach "saved"
    REQUIRE(keys_for(sc, 0, saved_path).size() == 5);
    // A seed whose order differs from the file's at the first decision.
    std::uint64_t seed = 1;
    while (seed < 1000 && keys_for(sc, seed, saved_path) == "2,1,3") ++seed;
    REQUIRE_MESSAGE(seed < 1000, "no seed in 1..999 changes the order of the replies");
    const std::string keys = keys_for(sc, seed, saved_path);
    CAPTURE(seed);
    CAPTURE(keys);

    Out shuffled = cli("play --json --seed " + std::to_string(seed) + " --choices " + keys + " '" + kParcel + "'", false);
    CHECK(shuffled.exit_code == 0);
    CHECK(has(shuffled.text, "\"order_seed\": " + std::to_string(seed) + ","));
    CHECK(has(shuffled.text, "\"id\": \"saved\""));
    // Turns name file indices: opening#2, details#1, offer#3, whatever the positions typed.
    CHECK(has(shuffled.text, "\"choice_id\": \"opening#2\""));
    CHECK(has(shuffled.text, "\"choice_id\": \"details#1\""));
    CHECK(has(shuffled.text, "\"choice_id\": \"offer#3\""));

    // The same keys in file order take another path; the file order's own keys reach "saved".
    Out plain = cli("play --json --choices " + keys + " '" + kParcel + "'", false);
    CHECK_FALSE(has(plain.text, "\"choice_id\": \"opening#2\""));
    Out file_order = cli("play --json --choices 2,1,3 '" + kParcel + "'", false);
    CHECK(has(file_order.text, "\"order_seed\": null,"));
    CHECK(has(file_order.text, "\"id\": \"saved\""));
}

TEST_CASE("cli play --seed: the menu lists the replies in the engine's presented order") {
    ta::Scenario sc = load_parcel();
    const std::uint64_t seed = 424242;
    ta::Session s(sc, seed);
    auto shown = s.presented_choices();
    Out o = cli("play --seed 424242 --choices 1 '" + kParcel + "'");
    const ta::Node& opening = *sc.find_node("opening");
    std::size_t at = 0;
    for (std::size_t i = 0; i < shown.size(); ++i) {
        std::string line = "  " + std::to_string(i + 1) + ". " + opening.choices[static_cast<std::size_t>(shown[i])].text;
        std::size_t p = o.text.find(line);
        CHECK_MESSAGE(p != std::string::npos, line);
        CHECK(p >= at);
        at = p;
    }
}

TEST_CASE("cli play: scripts and pipes without --seed keep the file order and say nothing of shuffling") {
    Out scripted = cli("play --choices 2,1,3 '" + kParcel + "'");
    CHECK(scripted.exit_code == 0);
    CHECK_FALSE(has(scripted.text, "shuffled"));
    CHECK(has(scripted.text, "  1. That’s the courier’s problem, not ours."));
    std::string in = (std::filesystem::temp_directory_path() / ("turnaround-seed-test-" + std::to_string(getpid()))).string();
    FILE* f = std::fopen(in.c_str(), "w");
    REQUIRE(f);
    std::fputs("2\n1\n3\n", f);
    std::fclose(f);
    Out piped = cli("play '" + kParcel + "'", true, in);
    std::remove(in.c_str());
    CHECK(piped.exit_code == 0);
    CHECK_FALSE(has(piped.text, "shuffled"));
    CHECK(has(piped.text, "Ending:"));
}

TEST_CASE("cli play --seed: a seed that is not a whole number in range is a usage error") {
    for (const char* bad : {"abc", "-1", "1.5", "", "18446744073709551616", "99999999999999999999999"}) {
        Out o = cli(std::string("play --seed '") + bad + "' '" + kParcel + "'");
        CHECK_MESSAGE(o.exit_code == 2, bad);
        CHECK(has(o.text, "--seed"));
    }
    CHECK(cli("play --seed=18446744073709551615 --choices 1,1,1 '" + kParcel + "'").exit_code == 0);
    CHECK(cli("play --seed").exit_code == 2);
    CHECK(has(cli("play --help").text, "--seed N"));
}
