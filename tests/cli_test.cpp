// turnaround-cli lint and play, run as a user would run them: exit codes, output, piped input.
#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

struct Run {
    int exit_code = -1;
    std::string output;  // stdout and stderr together
};

Run run(const std::string& args, const std::string& stdin_text = "") {
    std::string cmd;
    if (!stdin_text.empty()) {
        // printf '%s' keeps the text exactly; single quotes in it are escaped for the shell.
        std::string quoted;
        for (char c : stdin_text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
        cmd = "printf '%s' '" + quoted + "' | ";
    }
    cmd += std::string("'") + TURNAROUND_CLI + "' " + args + " 2>&1" + (stdin_text.empty() ? " < /dev/null" : "");
    Run r;
    FILE* p = popen(cmd.c_str(), "r");
    REQUIRE(p != nullptr);
    std::array<char, 4096> buf{};
    size_t n;
    while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.output.append(buf.data(), n);
    const int status = pclose(p);
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

// Frozen copies of the two examples: the tests script paths through them, and the bundled
// examples are revised as the library is.
const std::string kExamples = std::string(TURNAROUND_TEST_DATA) + "/data/cli";
const std::string kBoots = "'" + kExamples + "/wrong-size-boots.yaml'";
const std::string kGym = "'" + kExamples + "/gym-double-charge.yaml'";
const std::string kBroken = std::string(TURNAROUND_TEST_DATA) + "/corpus/broken";

// A scratch file removed at the end of the test.
struct TempFile {
    std::filesystem::path path;
    explicit TempFile(const std::string& name, const std::string& text)
        : path(std::filesystem::temp_directory_path() / ("turnaround-cli-test-" + std::to_string(getpid()) + "-" + name)) {
        std::ofstream(path) << text;
    }
    ~TempFile() { std::filesystem::remove(path); }
    std::string arg() const { return "'" + path.string() + "'"; }
};

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("cli: --help and --version exit 0") {
    for (const char* args : {"--help", "--version", "lint --help", "play --help", "lint --version", "play --version"}) {
        INFO(args);
        Run r = run(args);
        CHECK(r.exit_code == 0);
        CHECK_FALSE(r.output.empty());
    }
    CHECK(contains(run("--help").output, "lint"));
    CHECK(contains(run("--help").output, "play"));
    CHECK(contains(run("lint --help").output, "Usage: turnaround-cli lint"));
}

TEST_CASE("cli lint: exit 0 for clean files, 1 for errors, 2 for usage and unreadable files") {
    Run clean = run("lint '" + kExamples + "'");
    INFO(clean.output);
    CHECK(clean.exit_code == 0);
    CHECK(contains(clean.output, "0 errors"));

    Run broken = run("lint '" + kBroken + "/dangling-next.yaml'");
    CHECK(broken.exit_code == 1);
    CHECK(contains(broken.output, "dangling-next.yaml:31:15: error: choice 1 of node 'details' names 'fixd'"));

    Run folder = run("lint '" + kBroken + "'");
    CHECK(folder.exit_code == 1);
    CHECK(contains(folder.output, "unknown-key-typo.yaml:14:5: error: unknown key 'chioces'"));

    CHECK(run("lint").exit_code == 2);
    CHECK(run("lint --bogus " + kBoots).exit_code == 2);
    CHECK(run("lint /nonexistent/nowhere.yaml").exit_code == 2);
    CHECK(run("lint --format xml " + kBoots).exit_code == 2);
    const auto empty_dir = std::filesystem::temp_directory_path() / ("turnaround-cli-test-empty-" + std::to_string(getpid()));
    std::filesystem::create_directories(empty_dir);
    Run nothing = run("lint '" + empty_dir.string() + "'");
    std::filesystem::remove(empty_dir);
    CHECK(nothing.exit_code == 2);
    CHECK(contains(nothing.output, "no *.yaml or *.yml files found"));
}

TEST_CASE("cli lint --strict makes warnings fail") {
    std::ifstream in(kExamples + "/wrong-size-boots.yaml");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::string cut = "        feedback: A quick fix with a choice lets him decide what makes it right.\n";
    REQUIRE(contains(text, cut));
    text.erase(text.find(cut), cut.size());
    TempFile f("warning.yaml", text);
    Run plain = run("lint " + f.arg());
    CHECK(plain.exit_code == 0);
    CHECK(contains(plain.output, "warning: choice 1 of node 'check' has no 'feedback'"));
    CHECK(run("lint --strict " + f.arg()).exit_code == 1);
}

TEST_CASE("cli lint --format json gives one JSON document with every problem") {
    Run r = run("lint --format json '" + kBroken + "/unknown-tag.yaml' " + kBoots);
    CHECK(r.exit_code == 1);
    const std::string& j = r.output;
    REQUIRE_FALSE(j.empty());
    CHECK(j.front() == '{');
    CHECK(j[j.find_last_not_of(" \n")] == '}');
    CHECK(contains(j, "\"code\":\"unknown-tag\""));
    CHECK(contains(j, "\"line\":33,\"column\":16"));
    CHECK(contains(j, "\"severity\":\"error\""));
    CHECK(contains(j, "\"errors\":1"));
    // Brackets balance outside strings: a cheap check that it parses.
    int depth = 0;
    bool in_string = false;
    for (size_t i = 0; i < j.size(); ++i) {
        const char c = j[i];
        if (in_string) {
            if (c == '\\') ++i;
            else if (c == '"') in_string = false;
            continue;
        }
        if (c == '"') in_string = true;
        else if (c == '{' || c == '[') ++depth;
        else if (c == '}' || c == ']') --depth;
        CHECK(depth >= 0);
    }
    CHECK(depth == 0);
    CHECK_FALSE(in_string);
}

TEST_CASE("cli play: piped choices reach the expected ending") {
    Run r = run("play " + kBoots, "1\n1\n");
    INFO(r.output);
    CHECK(r.exit_code == 0);
    CHECK(contains(r.output, "Tom Reyes (frustrated): These boots are the wrong size."));
    CHECK(contains(r.output, "  1. I'm sorry, twice is really annoying."));
    CHECK(contains(r.output, "[The order says size 43, brown."));  // the context note
    CHECK(contains(r.output, "== Transcript =="));
    CHECK(contains(r.output, "Ending: Boots that fit (recovered)"));
    CHECK(contains(r.output, "Tom leaves with the right pair"));

    Run lost = run("play " + kBoots, "3\n2\n");
    CHECK(lost.exit_code == 0);
    CHECK(contains(lost.output, "Ending: He walked out (lost)"));
}

TEST_CASE("cli play --choices scripts a run, including time-outs, flags, mood routes and walkouts") {
    Run best = run("play --choices 1,1,1,1 " + kGym);
    INFO(best.output);
    CHECK(best.exit_code == 0);
    CHECK(contains(best.output, "Ending: Refunded and reassured (recovered)"));
    // The paraphrase needs the flag set by the first reply.
    CHECK(contains(best.output, "1. So both payments went out on the first"));

    Run timeout = run("play --choices t,2 " + kGym);
    CHECK(contains(timeout.output, "You: (You look at the screen and say nothing.)"));
    CHECK(contains(timeout.output, "Ending: Walked out (lost)"));  // patience of 2 spent

    Run routed = run("play --choices 2,2 " + kGym);
    CHECK(contains(routed.output, "Probably? It's my money"));  // mood fell below 20: routed to frosty
    CHECK(contains(routed.output, "Ending: Handed to the duty manager (escalated)"));

    Run parted = run("play --choices 1,2,3 " + kGym);
    CHECK(contains(parted.output, "Ending: Membership cancelled (parted)"));

    Run bad = run("play --choices 1,7 " + kGym);
    CHECK(bad.exit_code == 2);
    CHECK(contains(bad.output, "--choices item 2 ('7') is not offered here"));

    Run short_list = run("play --choices 1 " + kGym);
    CHECK(short_list.exit_code == 1);
    CHECK(contains(short_list.output, "abandoned"));
}

TEST_CASE("cli play --choices: replies left over after the ending are reported on stderr, exit still 0") {
    Run extra = run("play --choices 1,1,1,1,2,t " + kGym);
    INFO(extra.output);
    CHECK(extra.exit_code == 0);
    CHECK(contains(extra.output, "Ending: Refunded and reassured (recovered)"));
    CHECK(contains(extra.output,
                   "play: warning: the conversation ended after 4 turns; 2 extra choices were not used (2,t)"));

    Run one = run("play --choices 1,1,1,1,3 " + kGym);
    CHECK(one.exit_code == 0);
    CHECK(contains(one.output, "4 turns; 1 extra choice was not used (3)"));

    Run exact = run("play --choices 1,1,1,1 " + kGym);
    CHECK(exact.exit_code == 0);
    CHECK(!contains(exact.output, "not used"));
}

TEST_CASE("cli play: invalid answers re-prompt, end of input abandons") {
    Run retry = run("play " + kBoots, "x\n9\n1\n1\n");
    INFO(retry.output);
    CHECK(retry.exit_code == 0);
    CHECK(contains(retry.output, "'x' is not one of the replies; type a number from 1 to 3"));
    CHECK(contains(retry.output, "Ending: Boots that fit (recovered)"));

    Run eof = run("play " + kBoots, "1\n");
    CHECK(eof.exit_code == 1);
    CHECK(contains(eof.output, "Conversation abandoned after 1 replies: input ended."));

    Run junk = run("play " + kBoots, "a\nb\nc\nd\ne\n");
    CHECK(junk.exit_code == 1);
    CHECK(contains(junk.output, "too many answers that were not replies"));

    Run t_without_timer = run("play " + kBoots, "t\n1\n1\n");
    CHECK(contains(t_without_timer.output, "'t' is not one of the replies"));
}

TEST_CASE("cli play refuses a scenario with errors and a missing file") {
    Run broken = run("play '" + kBroken + "/dangling-next.yaml'");
    CHECK(broken.exit_code == 1);
    CHECK(contains(broken.output, "error:"));
    CHECK(run("play /nonexistent/nowhere.yaml").exit_code == 2);
    CHECK(run("play").exit_code == 2);
}
