// The results commands end to end: trainee, report, export (through the real turnaround-cli).
#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "csv.h"

namespace {

struct CliRun {
    int status = -1;
    std::string out;
};

// Runs turnaround-cli with `args` (already shell-quoted), output and errors together.
CliRun cli(const std::string& args) {
    std::string cmd = std::string("'") + TURNAROUND_CLI + "' " + args + " 2>&1 < /dev/null";
    CliRun r;
    FILE* p = ::popen(cmd.c_str(), "r");
    REQUIRE(p != nullptr);
    char buf[4096];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
    int st = ::pclose(p);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return r;
}

struct Scratch {
    std::string dir;
    Scratch() {
        dir = (std::filesystem::temp_directory_path() / ("turnaround-rcli-" + std::to_string(::getpid()))).string();
        std::filesystem::remove_all(dir);
        std::filesystem::create_directories(dir);
    }
    ~Scratch() { std::filesystem::remove_all(dir); }
    std::string db() const { return "--db '" + dir + "/r.db'"; }
};

const std::string kCake = std::string("'") + TURNAROUND_SCENARIOS_DIR + "/late-birthday-cake.yaml'";

}  // namespace

TEST_CASE("trainee add refuses a name taken in another letter case") {
    Scratch s;
    CHECK(cli("trainee add 'Ana Silva' --team Blue " + s.db()).status == 0);
    CliRun again = cli("trainee add 'ANA SILVA' " + s.db());
    CHECK(again.status == 1);
    CHECK(again.out.find("already") != std::string::npos);
    CliRun list = cli("trainee list " + s.db());
    CHECK(list.status == 0);
    CHECK(list.out.find("Ana Silva [Blue]  0 attempts") != std::string::npos);
}

TEST_CASE("recorded attempts appear in the report and the CSV export") {
    Scratch s;
    REQUIRE(cli("trainee add 'Ben' " + s.db()).status == 0);
    CliRun rec = cli("trainee record ben " + kCake + " --choices 1,1,1,1,1,1,1 --turn-seconds 3,4,5,6,7,8,9 " + s.db());
    REQUIRE_MESSAGE(rec.status == 0, rec.out);
    CHECK(cli("trainee record Ben " + kCake + " --choices 2,2 " + s.db()).status == 0);
    // A reply that is not offered is refused and nothing is recorded.
    CHECK(cli("trainee record Ben " + kCake + " --choices 9 " + s.db()).status == 1);
    CHECK(cli("trainee record Nobody " + kCake + " --choices 1 " + s.db()).status == 1);

    CliRun report = cli("report --trainee BEN " + s.db());
    CHECK(report.status == 0);
    CHECK(report.out.find("2 attempts, 2 finished, 1 passed") != std::string::npos);
    CHECK(report.out.find("Practise next:") != std::string::npos);

    std::string out = s.dir + "/ben.csv";
    CliRun exp = cli("export --format csv --trainee Ben -o '" + out + "' " + s.db());
    CHECK(exp.status == 0);
    std::ifstream in(out, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), {});
    auto rows = ta::store::csv_parse(text);
    REQUIRE(rows.size() == 3);
    CHECK(rows[1][1] == "Ben");
    CHECK(rows[1][22] == "3.0 4.0 5.0 6.0 7.0 8.0 9.0");
    CHECK(rows[1][9] == "42");  // seconds: the sum of the thinking times
}

TEST_CASE("the results commands reject bad arguments and bad databases cleanly") {
    Scratch s;
    CHECK(cli("export --format pdf " + s.db()).status == 2);
    CHECK(cli("export " + s.db()).status == 2);
    CHECK(cli("export --format csv --trainee nobody " + s.db()).status == 1);
    CHECK(cli("report --session 42 " + s.db()).status == 1);
    CHECK(cli("report --session abc " + s.db()).status == 2);
    CHECK(cli("report --trainee a --session 1 " + s.db()).status == 2);
    CHECK(cli("trainee fly " + s.db()).status == 2);
    CHECK(cli("export --format csv -o '" + s.dir + "/no/such/dir/x.csv' " + s.db()).status == 2);
    std::ofstream(s.dir + "/junk.db") << "definitely not SQLite, but long enough to have a header of sorts....\n";
    CliRun junk = cli("report --db '" + s.dir + "/junk.db'");
    CHECK(junk.status == 2);
    CHECK(junk.out.find("junk.db") != std::string::npos);
}

TEST_CASE("without --db the results live in the XDG data directory") {
    Scratch s;
    std::string env = "XDG_DATA_HOME='" + s.dir + "/xdg' ";
    std::string cmd = env + "'" + TURNAROUND_CLI + "' trainee add Cleo > /dev/null 2>&1";
    REQUIRE(std::system(cmd.c_str()) == 0);
    CHECK(std::filesystem::exists(s.dir + "/xdg/turnaround/results.db"));
}

TEST_CASE("the results commands read TURNAROUND_RESULTS_DB as the window does; --db wins over it") {
    Scratch s;
    const std::string env_db = s.dir + "/from-env.db";
    ::setenv("TURNAROUND_RESULTS_DB", env_db.c_str(), 1);
    CHECK(cli("trainee add Zed").status == 0);
    CHECK(cli("trainee add Yan " + s.db()).status == 0);
    const CliRun from_env = cli("trainee list");
    const CliRun given = cli("trainee list " + s.db());
    ::unsetenv("TURNAROUND_RESULTS_DB");
    CHECK(std::filesystem::exists(env_db));
    auto has = [](const std::string& s, const char* part) { return s.find(part) != std::string::npos; };
    CHECK(has(from_env.out, "Zed"));
    CHECK_FALSE(has(from_env.out, "Yan"));
    CHECK(has(given.out, "Yan"));
    CHECK_FALSE(has(given.out, "Zed"));
}

// An import is a draft until its author finishes it: playing it is a preview, not a result, and a
// library that ships it fails the audit. Once 'draft: true' goes, both accept it.
TEST_CASE("a draft's attempts are not kept and audit refuses it") {
    Scratch s;
    const std::string twee = s.dir + "/story.twee", yaml = s.dir + "/story.yaml";
    std::ofstream(twee) << ":: StoryTitle\nNoisy Room\n\n:: Start\nThe music is loud. [[Apologise->Fixed]] [[Shrug->Gone]]\n\n"
                           ":: Fixed\nThank you.\n\n:: Gone\nShe leaves.\n";
    REQUIRE(cli("import-twine '" + twee + "' -o '" + yaml + "'").status == 0);
    REQUIRE(cli("trainee add 'Cleo' " + s.db()).status == 0);
    CliRun rec = cli("trainee record Cleo '" + yaml + "' --choices 1 " + s.db());
    CHECK(rec.status == 1);
    CHECK(rec.out.find("is a draft") != std::string::npos);
    CHECK(cli("trainee list " + s.db()).out.find("Cleo  0 attempts") != std::string::npos);
    CliRun audit = cli("audit --seeds 1 '" + yaml + "'");
    CHECK(audit.status == 1);
    CHECK(audit.out.find("is a draft ('draft: true')") != std::string::npos);
    CliRun lint = cli("lint --strict '" + yaml + "'");
    CHECK_MESSAGE(lint.status == 0, lint.out);
    CHECK(lint.out.find(": to do: ") != std::string::npos);

    std::ifstream in(yaml);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto at = text.find("\ndraft: true");
    REQUIRE(at != std::string::npos);
    text.erase(at, text.find('\n', at + 1) - at);
    std::ofstream(yaml, std::ios::trunc) << text;
    CHECK(cli("lint --strict '" + yaml + "'").status == 1);  // the to-dos are warnings now
    CHECK(cli("audit --seeds 1 '" + yaml + "'").status == 0);
    CHECK(cli("trainee record Cleo '" + yaml + "' --choices 1 " + s.db()).status == 0);
}
