// Live reload: a scenario file rewritten while it is being played (good, broken, good again,
// deleted), with the trainee's place kept across versions. Time is passed in, never waited for.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "scenario_watcher.h"

namespace fs = std::filesystem;
using namespace ta;

namespace {

// A scenario template: {A1} and {B} are filled in per version.
std::string scenario_text(const std::string& first_choices, const std::string& b_line = "It was for a party.") {
    return R"(format: 1
id: reload-probe
title: Reload probe
customer:
  name: Sam
  mood: 40
start: a
nodes:
  - id: a
    say:
      - text: Where is my order?
        emotion: angry
    choices:
)" + first_choices +
           R"(  - id: b
    say:
      - text: )" + b_line + R"(
        emotion: upset
    choices:
      - text: I'll make it right today.
        next: won
        feedback: A plan with a time.
      - text: Nothing I can do.
        next: lost
        feedback: A brush-off.
endings:
  - id: won
    type: recovered
    title: Recovered
  - id: lost
    type: lost
    title: Lost
)";
}

const std::string kAskChoice = R"(      - text: Tell me what happened.
        next: b
        feedback: Asking first.
)";
const std::string kRudeChoice = R"(      - text: Not my problem.
        next: lost
        feedback: Rude.
)";
const std::string kNewChoice = R"(      - text: I'm so sorry, let me look into it.
        next: b
        feedback: Sorry first.
)";

class TempFile {
public:
    TempFile() {
        static int counter = 0;
        path_ = (fs::temp_directory_path() /
                 ("turnaround-reload-" + std::to_string(::getpid()) + "-" + std::to_string(++counter) + ".yaml"))
                    .string();
    }
    ~TempFile() {
        std::error_code ec;
        fs::remove(path_, ec);
    }
    // Writes the text and moves the file's time on, so that every rewrite is seen even on file
    // systems with coarse timestamps.
    void write(const std::string& text) {
        {
            std::ofstream out(path_, std::ios::binary | std::ios::trunc);
            out << text;
        }
        fs::last_write_time(path_, fs::file_time_type::clock::now() + std::chrono::seconds(++writes_));
    }
    const std::string& path() const { return path_; }

private:
    std::string path_;
    int writes_ = 0;
};

// Polls at `from`, then after the settling time has passed; returns the event if any.
std::optional<ReloadEvent> settle(ScenarioWatcher& w, double from) {
    auto first = w.poll(from);
    REQUIRE_FALSE(first.has_value());  // a change is never loaded on the poll that first sees it
    return w.poll(from + 1.0);
}

bool has_code(const std::vector<Diagnostic>& diags, const std::string& code) {
    for (const auto& d : diags)
        if (d.code == code) return true;
    return false;
}

}  // namespace

TEST_CASE("a rewritten file is reloaded after it settles; broken saves keep the last good version") {
    TempFile file;
    file.write(scenario_text(kAskChoice + kRudeChoice));
    ScenarioWatcher watcher(file.path());
    ReloadEvent first = watcher.load();
    REQUIRE(first.kind == ReloadEvent::Kind::Loaded);
    REQUIRE(first.scenario);
    CHECK_FALSE(watcher.stale());
    CHECK(watcher.good_loads() == 1);
    const auto v1 = watcher.scenario();

    // Nothing changes: polling is silent.
    CHECK_FALSE(watcher.poll(0.0).has_value());
    CHECK_FALSE(watcher.poll(5.0).has_value());

    // The trainee is one decision in.
    Session play(*v1);
    REQUIRE(play.choose(0) == ChooseResult::Ok);
    REQUIRE(play.current_node()->id == "b");
    const auto path = path_of(play);
    REQUIRE(path.size() == 1);
    CHECK(path[0].choice_id == "a#1");

    SUBCASE("a syntax error is reported with its line and column, and the good version stays") {
        std::string broken = scenario_text(kAskChoice + kRudeChoice);
        broken.replace(broken.find("  - id: b"), 9, "  - id: [b");
        file.write(broken);
        CHECK_FALSE(watcher.poll(10.0).has_value());
        CHECK_FALSE(watcher.poll(10.1).has_value());  // still settling
        auto event = watcher.poll(10.5);
        REQUIRE(event.has_value());
        CHECK(event->kind == ReloadEvent::Kind::Failed);
        CHECK(event->scenario == v1);
        CHECK(watcher.scenario() == v1);
        CHECK(watcher.stale());
        REQUIRE(count_errors(event->diagnostics) >= 1);
        const Diagnostic& d = event->diagnostics.front();
        CHECK(d.file == file.path());
        CHECK(d.line > 0);
        CHECK(d.column > 0);
        CHECK(watcher.diagnostics().size() == event->diagnostics.size());
        // Settled and reported: no further events until the file changes again.
        CHECK_FALSE(watcher.poll(20.0).has_value());

        // Fixed again, with a new first choice inserted above the one the trainee took.
        file.write(scenario_text(kNewChoice + kAskChoice + kRudeChoice, "It was for my daughter's party."));
        auto fixed = settle(watcher, 30.0);
        REQUIRE(fixed.has_value());
        CHECK(fixed->kind == ReloadEvent::Kind::Loaded);
        CHECK(fixed->scenario != v1);
        CHECK_FALSE(watcher.stale());
        CHECK(watcher.good_loads() == 2);

        // The place is kept: "a#1" is now the new choice, but the words find the one taken.
        RestoredPlace place = restore_place(*fixed->scenario, path);
        CHECK(place.complete());
        REQUIRE(place.session.current_node() != nullptr);
        CHECK(place.session.current_node()->id == "b");
        CHECK(place.session.turns()[0].choice_index == 1);
        CHECK(place.session.transcript().back().text == "It was for my daughter's party.");
    }

    SUBCASE("a file that parses but does not validate is reported the same way") {
        file.write(scenario_text(kAskChoice + R"(      - text: Not my problem.
        next: nowhere
        feedback: Rude.
)"));
        auto event = settle(watcher, 10.0);
        REQUIRE(event.has_value());
        CHECK(event->kind == ReloadEvent::Kind::Failed);
        CHECK(has_code(event->diagnostics, "unknown-target"));
        CHECK(watcher.scenario() == v1);
    }

    SUBCASE("a deleted file keeps the last version, and its return is loaded") {
        fs::remove(file.path());
        auto gone = settle(watcher, 10.0);
        REQUIRE(gone.has_value());
        CHECK(gone->kind == ReloadEvent::Kind::Missing);
        CHECK(gone->scenario == v1);
        CHECK(watcher.stale());
        file.write(scenario_text(kAskChoice + kRudeChoice));
        auto back = settle(watcher, 20.0);
        REQUIRE(back.has_value());
        CHECK(back->kind == ReloadEvent::Kind::Loaded);
    }
}

TEST_CASE("a file still being written is not loaded until it stops changing") {
    TempFile file;
    file.write(scenario_text(kAskChoice + kRudeChoice));
    WatchOptions opt;
    opt.settle_seconds = 0.5;
    ScenarioWatcher watcher(file.path(), {}, opt);
    REQUIRE(watcher.load().kind == ReloadEvent::Kind::Loaded);

    file.write("format: 1\nid: half");  // the first half of a save
    CHECK_FALSE(watcher.poll(1.0).has_value());
    CHECK_FALSE(watcher.poll(1.4).has_value());
    file.write(scenario_text(kNewChoice + kAskChoice + kRudeChoice));  // the rest arrives
    CHECK_FALSE(watcher.poll(1.6).has_value());  // the clock restarts at the new stamp
    CHECK_FALSE(watcher.poll(2.0).has_value());
    auto event = watcher.poll(2.2);
    REQUIRE(event.has_value());
    CHECK(event->kind == ReloadEvent::Kind::Loaded);
    CHECK(event->scenario->nodes[0].choices.size() == 3);
    CHECK(watcher.good_loads() == 2);
}

TEST_CASE("restore_place replays as far as the edited scenario allows") {
    TempFile file;
    file.write(scenario_text(kAskChoice + kRudeChoice));
    ScenarioWatcher watcher(file.path());
    REQUIRE(watcher.load().kind == ReloadEvent::Kind::Loaded);
    Session play(*watcher.scenario());
    REQUIRE(play.choose(0) == ChooseResult::Ok);
    REQUIRE(play.choose(0) == ChooseResult::Ok);
    REQUIRE(play.ended());
    const auto path = path_of(play);
    REQUIRE(path.size() == 2);

    // Same file: the whole path, to the same ending.
    RestoredPlace same = restore_place(*watcher.scenario(), path);
    CHECK(same.complete());
    CHECK(same.kept == 2);
    REQUIRE(same.session.ended());
    CHECK(same.session.ending()->id == "won");

    // The first choice reworded and given a new id: the trainee goes back to the start.
    file.write(scenario_text(R"(      - id: ask
        text: What happened, exactly?
        next: b
        feedback: Asking first.
)" + kRudeChoice));
    auto event = settle(watcher, 1.0);
    REQUIRE(event.has_value());
    REQUIRE(event->kind == ReloadEvent::Kind::Loaded);
    RestoredPlace reworded = restore_place(*event->scenario, path);
    CHECK(reworded.kept == 0);
    CHECK(reworded.wanted == 2);
    CHECK_FALSE(reworded.complete());
    REQUIRE(reworded.session.current_node() != nullptr);
    CHECK(reworded.session.current_node()->id == "a");

    // An empty path is the start.
    RestoredPlace start = restore_place(*event->scenario, {});
    CHECK(start.complete());
    CHECK(start.session.current_node()->id == "a");
}

TEST_CASE("garbage saves never crash the watcher") {
    TempFile file;
    file.write(scenario_text(kAskChoice + kRudeChoice));
    ScenarioWatcher watcher(file.path());
    REQUIRE(watcher.load().kind == ReloadEvent::Kind::Loaded);
    const auto good = watcher.scenario();
    const std::string garbage[] = {
        "",
        std::string("\0\xff\xfe binary \x01\x02", 14),
        std::string(5000, '[') + "x",
        "format: 1\nnodes: *undefined_alias\n",
        "a: &x [*x]\n",
        "- just\n- a\n- list\n",
        "format: [1\n",
        "\t\tid: tabs\n",
    };
    double t = 100;
    for (const auto& text : garbage) {
        CAPTURE(text.substr(0, 20));
        file.write(text);
        auto event = settle(watcher, t);
        t += 10;
        REQUIRE(event.has_value());
        CHECK(event->kind == ReloadEvent::Kind::Failed);
        CHECK(count_errors(event->diagnostics) >= 1);
        CHECK(watcher.scenario() == good);
    }
}

TEST_CASE("a watcher started on a file already loaded elsewhere reports only later edits") {
    TempFile file;
    file.write(scenario_text(kAskChoice + kRudeChoice));
    ScenarioWatcher watcher(file.path());
    watcher.watch_from_now();
    CHECK_FALSE(watcher.poll(0.0).has_value());
    CHECK_FALSE(watcher.poll(5.0).has_value());
    CHECK(watcher.good_loads() == 0);
    CHECK(watcher.scenario() == nullptr);

    file.write("format: [1\n");
    auto failed = settle(watcher, 10.0);
    REQUIRE(failed.has_value());
    CHECK(failed->kind == ReloadEvent::Kind::Failed);
    CHECK(failed->scenario == nullptr);  // nothing good was ever loaded by this watcher
    file.write(scenario_text(kNewChoice + kAskChoice + kRudeChoice));
    auto loaded = settle(watcher, 20.0);
    REQUIRE(loaded.has_value());
    CHECK(loaded->kind == ReloadEvent::Kind::Loaded);
    CHECK(loaded->scenario->nodes[0].choices.size() == 3);
}

TEST_CASE("shortest_path_to finds the fewest moves to a node or an ending, honouring flags") {
    TempFile file;
    file.write(scenario_text(kAskChoice + kRudeChoice));
    ScenarioWatcher watcher(file.path());
    REQUIRE(watcher.load().kind == ReloadEvent::Kind::Loaded);
    const Scenario& s = *watcher.scenario();
    CHECK(shortest_path_to(s, "a") == std::vector<int>{});
    CHECK(shortest_path_to(s, "b") == std::vector<int>{0});
    CHECK(shortest_path_to(s, "lost") == std::vector<int>{1});  // one move, not two
    CHECK(shortest_path_to(s, "won") == std::vector<int>{0, 0});
    CHECK_FALSE(shortest_path_to(s, "nowhere").has_value());

    // A choice that needs a flag is only taken once the flag is set.
    file.write(R"(format: 1
id: flags
title: Flags
customer: {name: Sam}
start: a
nodes:
  - id: a
    choices:
      - {text: Ask, next: b, sets: [asked], feedback: x}
      - {text: Skip, next: b, feedback: y}
  - id: b
    choices:
      - {text: Since you asked, next: secret, requires: [asked], feedback: x}
      - {text: Bye, next: lost, feedback: y}
  - id: secret
    choices:
      - {text: Done, next: won, feedback: x}
      - {text: Not done, next: lost, feedback: y}
endings:
  - {id: won, type: recovered, title: Won}
  - {id: lost, type: lost, title: Lost}
)");
    auto event = settle(watcher, 10.0);
    REQUIRE(event.has_value());
    REQUIRE(event->kind == ReloadEvent::Kind::Loaded);
    auto path = shortest_path_to(*event->scenario, "secret");
    REQUIRE(path.has_value());
    CHECK(*path == std::vector<int>{0, 0});
    Session played = Session::replay(*event->scenario, *path);
    REQUIRE(played.current_node() != nullptr);
    CHECK(played.current_node()->id == "secret");
}
