// The window's GUI-free logic (sim/gui/model): settings files, library filter and search,
// reveal pacing and response timer maths, layout, safe paths, command line, printable report.
#ifdef TURNAROUND_HAVE_UI_MODEL

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "editor_command.h"
#include "face_model.h"
#include "layout.h"
#include "library_model.h"
#include "options.h"
#include "pacing.h"
#include "report_html.h"
#include "results_provider.h"
#include "safe_path.h"
#include "settings.h"

using namespace ta;
using namespace ta::gui;
namespace fs = std::filesystem;

namespace {

// A fresh folder under the system temp dir, removed at the end of the test.
struct TempDir {
    fs::path path;
    TempDir() {
        path = fs::temp_directory_path() / ("turnaround-gui-test-" + std::to_string(std::rand()) + "-" +
                                            std::to_string(reinterpret_cast<std::uintptr_t>(this)));
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

void write(const fs::path& p, const std::string& text) {
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
}

std::string read(const fs::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

LibraryEntry entry(std::string title, std::string industry, Difficulty d, std::vector<std::string> objectives = {}) {
    auto s = std::make_shared<Scenario>();
    s->id = title;
    s->title = std::move(title);
    s->industry = std::move(industry);
    s->difficulty = d;
    s->objectives = std::move(objectives);
    s->customer.name = "Maria Okafor";
    LibraryEntry e;
    e.path = "/lib/" + s->id + ".yaml";
    e.scenario = s;
    return e;
}

}  // namespace

TEST_CASE("settings survive a round trip through their text form") {
    Settings s;
    s.text_scale = 1.25f;
    s.theme = ThemeKind::HighContrast;
    s.reveal_chars_per_second = 90;
    s.timer_enabled = false;
    s.window_x = 40;
    s.window_y = 60;
    s.window_width = 1500;
    s.window_height = 900;
    s.window_maximized = true;
    s.last_folder = "/home/ana/scenarios";
    CHECK(settings_from_text(settings_to_text(s)) == s);
}

TEST_CASE("bad settings lines are ignored and out-of-range values clamped") {
    Settings s = settings_from_text(
        "text_scale = banana\ntheme = purple\nwindow_width = 200\nreveal_chars_per_second = -5\n"
        "no equals sign here\ntimer_enabled = maybe\nwindow_height = 99999999999\n");
    Settings d;
    CHECK(s.text_scale == d.text_scale);
    CHECK(s.theme == d.theme);
    CHECK(s.window_width == 1024);  // clamped up to the minimum window
    CHECK(s.reveal_chars_per_second == 0);
    CHECK(s.timer_enabled == d.timer_enabled);
    CHECK(s.window_height == d.window_height);  // unparseable: default kept
    CHECK(settings_from_text("text_scale = 9\n").text_scale == doctest::Approx(2.0f));
}

TEST_CASE("settings are saved atomically into a created folder and read back") {
    TempDir tmp;
    fs::path file = tmp.path / "deep" / "turnaround" / "settings.ini";
    Settings s;
    s.theme = ThemeKind::Light;
    s.text_scale = 1.5f;
    std::string error;
    REQUIRE(save_settings(file.string(), s, &error));
    CHECK(error.empty());
    CHECK(load_settings(file.string()) == s);
    // No temporary file is left beside it.
    int files = 0;
    for (auto& e : fs::directory_iterator(file.parent_path())) files += e.is_regular_file() ? 1 : 0;
    CHECK(files == 1);
    // Overwriting replaces the whole file.
    s.theme = ThemeKind::Dark;
    REQUIRE(save_settings(file.string(), s));
    CHECK(load_settings(file.string()).theme == ThemeKind::Dark);
}

TEST_CASE("saving settings where no folder can be made fails with a message") {
    TempDir tmp;
    write(tmp.path / "a-file", "x");
    std::string error;
    CHECK_FALSE(save_settings((tmp.path / "a-file" / "settings.ini").string(), Settings{}, &error));
    CHECK(error.find("a-file") != std::string::npos);
}

TEST_CASE("a missing settings file gives the defaults") {
    CHECK(load_settings("/nonexistent/turnaround/settings.ini") == Settings{});
}

TEST_CASE("the config folder follows XDG_CONFIG_HOME, then HOME") {
    std::string old_xdg = std::getenv("XDG_CONFIG_HOME") ? std::getenv("XDG_CONFIG_HOME") : "";
    std::string old_home = std::getenv("HOME") ? std::getenv("HOME") : "";
    setenv("XDG_CONFIG_HOME", "/tmp/xdg-test", 1);
    CHECK(config_dir() == "/tmp/xdg-test/turnaround");
    setenv("XDG_CONFIG_HOME", "relative/ignored", 1);
    setenv("HOME", "/home/trainee", 1);
    CHECK(config_dir() == "/home/trainee/.config/turnaround");
    unsetenv("XDG_CONFIG_HOME");
    CHECK(config_dir() == "/home/trainee/.config/turnaround");
    CHECK(data_dir() == "/home/trainee/.local/share/turnaround");
    if (old_xdg.empty()) unsetenv("XDG_CONFIG_HOME");
    else setenv("XDG_CONFIG_HOME", old_xdg.c_str(), 1);
    setenv("HOME", old_home.c_str(), 1);
}

TEST_CASE("library filter: industry, difficulty and every search word must match") {
    std::vector<LibraryEntry> lib{
        entry("Cake for Saturday", "Food retail", Difficulty::Easy, {"Let them tell the whole story"}),
        entry("Broken Boiler", "Home services", Difficulty::Hard),
        entry("Late Parcel", "Online retail", Difficulty::Easy),
    };
    LibraryFilter f;
    CHECK(filter_entries(lib, f) == std::vector<int>{0, 1, 2});
    f.industry = "food RETAIL";
    CHECK(filter_entries(lib, f) == std::vector<int>{0});
    f = {};
    f.difficulty = static_cast<int>(Difficulty::Easy);
    CHECK(filter_entries(lib, f) == std::vector<int>{0, 2});
    f = {};
    f.search = "  whole   STORY ";
    CHECK(filter_entries(lib, f) == std::vector<int>{0});  // from an objective, case-folded
    f.search = "story boiler";
    CHECK(filter_entries(lib, f).empty());
    f.search = "okafor hard";  // customer name and difficulty word
    CHECK(filter_entries(lib, f) == std::vector<int>{1});
    CHECK(industries(lib) == std::vector<std::string>{"Food retail", "Home services", "Online retail"});
}

TEST_CASE("a scenario that fails to load stays in the library with its errors") {
    TempDir tmp;
    write(tmp.path / "good.yaml", read(fs::path(TURNAROUND_TEST_DATA) / "gui" / "fixtures" / "parcel-for-the-party.yaml"));
    write(tmp.path / "bad.yaml", "format: 1\nid: [unclosed\n");
    write(tmp.path / "sub" / "nested.yml", "not: a scenario\n");
    write(tmp.path / "notes.txt", "ignored");
    std::string err;
    auto files = list_scenario_files(tmp.path.string(), &err);
    CHECK(err.empty());
    REQUIRE(files.size() == 3);
    std::vector<LibraryEntry> lib;
    for (const auto& f : files) lib.push_back(load_library_entry(f));
    // Sorted by path: bad.yaml, good.yaml, sub/nested.yml
    CHECK_FALSE(lib[0].ok());
    CHECK(lib[1].ok());
    CHECK_FALSE(lib[2].ok());
    auto lines = lib[0].error_lines();
    REQUIRE_FALSE(lines.empty());
    CHECK(lines[0].find("bad.yaml") != std::string::npos);
    CHECK(lines[0].find("error") != std::string::npos);
    // The card's advice names a command that exists (`lint`, not `validate`) and this very file.
    CHECK(lib[0].check_command() == "turnaround-cli lint '" + (tmp.path / "bad.yaml").string() + "'");
    LibraryEntry odd;
    odd.path = "/tmp/it's here.yaml";
    CHECK(odd.check_command() == "turnaround-cli lint '/tmp/it'\\''s here.yaml'");
    // Failed entries show with no filter, and vanish when the trainee filters by metadata.
    LibraryFilter f;
    CHECK(filter_entries(lib, f).size() == 3);
    f.difficulty = 0;
    CHECK(filter_entries(lib, f) == std::vector<int>{1});
    CHECK(list_scenario_files((tmp.path / "missing").string(), &err).empty());
    CHECK(err.find("missing") != std::string::npos);
}

TEST_CASE("reveal pacing: lines appear one after another and skip shows all") {
    double cps = 40;
    double d1 = RevealPacer::line_duration(40, cps);
    CHECK(d1 == doctest::Approx(0.45 + 1.0));
    CHECK(RevealPacer::line_duration(100000, cps) == doctest::Approx(6.0));  // capped
    CHECK(RevealPacer::line_duration(50, 0) == 0);                           // "at once"

    RevealPacer p;
    p.append(1.0, 10.0);
    p.append(2.0, 10.0);
    p.append(0.0, 10.0);  // trainee line: no typing time of its own
    CHECK(p.shown() == 0);
    CHECK(p.busy());
    CHECK(p.seconds_to_next_step(10.0) == doctest::Approx(1.0));
    CHECK(p.step_progress(10.5) == doctest::Approx(0.5));
    p.update(10.99);
    CHECK(p.shown() == 0);
    p.update(11.0);
    CHECK(p.shown() == 1);
    CHECK(p.seconds_to_next_step(11.5) == doctest::Approx(1.5));
    p.update(13.0);
    CHECK(p.shown() == 3);  // the zero-length entry follows at once
    CHECK_FALSE(p.busy());
    CHECK(p.seconds_to_next_step(13.0) == kNever);
    // A new line after a pause starts its own clock, not the old one.
    p.append(1.0, 100.0);
    CHECK(p.seconds_to_next_step(100.0) == doctest::Approx(1.0));
    p.append(5.0, 100.2);
    p.skip();
    CHECK(p.shown() == 5);
    CHECK_FALSE(p.busy());
}

TEST_CASE("response timer counts down and says when to redraw") {
    ResponseTimer t;
    CHECK_FALSE(t.active());
    CHECK(t.seconds_to_next_redraw(0, 0.1) == kNever);
    t.start(5.0, 20);
    CHECK(t.remaining(5.0) == doctest::Approx(20));
    CHECK(t.fraction_left(15.0) == doctest::Approx(0.5));
    CHECK_FALSE(t.expired(24.9));
    CHECK(t.expired(25.0));
    CHECK(t.seconds_to_next_redraw(5.0, 0.1) == doctest::Approx(0.1));
    CHECK(t.seconds_to_next_redraw(24.95, 0.1) == doctest::Approx(0.05));
    t.stop();
    CHECK_FALSE(t.expired(100));
    t.start(0, 0);  // no timer
    CHECK_FALSE(t.active());
}

TEST_CASE("the conversation's clock stands still while the trainer is on the Author screen") {
    // A 20 s timer started at 5 s; the trainer looks at the map from 10 s to 70 s.
    ResponseTimer timer;
    timer.start(5.0, 20);
    RevealPacer pacer;
    pacer.append(2.0, 9.0);  // the customer is one second into a two-second line
    ClockPause pause;
    CHECK(pause.resume(10.0) == 0);  // not paused: nothing to make up
    pause.pause(10.0);
    pause.pause(30.0);  // a second pause does not move its start
    CHECK(pause.paused());
    const double away = pause.resume(70.0);
    CHECK(away == doctest::Approx(60.0));
    CHECK_FALSE(pause.paused());
    timer.postpone(away);
    pacer.postpone(away);
    CHECK_FALSE(timer.expired(70.0));
    CHECK(timer.remaining(70.0) == doctest::Approx(15.0));  // as it stood on leaving
    pacer.update(70.5);
    CHECK(pacer.shown() == 0);  // half a second of the line still to type
    pacer.update(71.0);
    CHECK(pacer.shown() == 1);
    CHECK(timer.expired(85.0));
}

TEST_CASE("a click on the map opens the trainer's editor at the node's line") {
    using V = std::vector<std::string>;
    const std::string f = "/home/t/pharmacy.yaml";
    CHECK(editor_command("", "vim", f, 42).argv == V{"vim", "+42", f});
    CHECK(editor_command("", "vim", f, 42).needs_terminal);
    CHECK(editor_command("nano", "vim", f, 7).argv == V{"nano", "+7", f});  // $VISUAL first
    CHECK(editor_command("", "/usr/bin/nvim", f, 3).argv == V{"/usr/bin/nvim", "+3", f});
    CHECK(editor_command("emacs", "", f, 9).argv == V{"emacs", "+9", f});
    CHECK_FALSE(editor_command("emacs", "", f, 9).needs_terminal);  // opens its own window
    CHECK(editor_command("emacs -nw", "", f, 9).needs_terminal);
    CHECK(editor_command("code --wait", "", f, 12).argv == V{"code", "--goto", f + ":12"});  // never blocks
    CHECK_FALSE(editor_command("code", "", f, 12).needs_terminal);
    CHECK(editor_command("", "kate", f, 5).argv == V{"kate", "--line", "5", f});
    auto unknown = editor_command("", "myeditor --flag", f, 5);
    CHECK(unknown.argv == V{"myeditor", "--flag", f});
    CHECK_FALSE(unknown.knows_line);
    auto fallback = editor_command("", "", f, 5);
    CHECK(fallback.argv == V{"xdg-open", f});
    CHECK_FALSE(fallback.knows_line);
    CHECK(editor_command("", "vi", f, 0).argv == V{"vi", "+1", f});  // no line known: the top
}

TEST_CASE("layout stays usable from the smallest window up") {
    Layout small = compute_layout(1024, 640, 17);
    CHECK(small.card_columns >= 2);
    CHECK(small.customer_panel_width >= 15 * 17);
    CHECK(small.customer_panel_width < 1024 * 0.3f);
    CHECK(small.card_width * small.card_columns < 1024);
    CHECK(small.compact);
    Layout big = compute_layout(2560, 1440, 17);
    CHECK(big.card_columns == 4);
    CHECK_FALSE(big.compact);
    CHECK(big.customer_panel_width <= 24 * 17);
    // Large text at the smallest size: one or two columns, never a card narrower than ~22 em.
    Layout large_text = compute_layout(1024, 640, 34);
    CHECK(large_text.card_columns == 1);
    CHECK(large_text.portrait_size >= 6 * 34);
    CHECK(large_text.choice_height >= 2.4f * 34 - 1);
}

TEST_CASE("the face follows mood and emotion") {
    CHECK(face_for(90, "pleased").mouth_curve > 0.4f);
    CHECK(face_for(10, "furious").mouth_curve < -0.4f);
    CHECK(face_for(10, "furious").brow_tilt < -0.9f);
    CHECK(face_for(40, "sad").brow_tilt > 0.5f);
    CHECK(face_for(5, "angry").flush > 0.5f);
    CHECK(face_for(50, "neutral").mouth_curve == doctest::Approx(0));
    CHECK(std::string(mood_label(0)) == "Furious");
    CHECK(std::string(mood_label(100)) == "Delighted");
}

TEST_CASE("scenario files outside the scenario's folder and assets are refused") {
    TempDir tmp;
    write(tmp.path / "pack" / "s.yaml", "x");
    write(tmp.path / "pack" / "images" / "maria.png", "png");
    write(tmp.path / "assets" / "shared.png", "png");
    write(tmp.path / "secret.txt", "secret");
    std::string scen = (tmp.path / "pack" / "s.yaml").string();
    std::vector<std::string> roots{(tmp.path / "assets").string()};
    std::string err;
    auto ok = resolve_scenario_file(scen, "images/maria.png", roots, &err);
    REQUIRE(ok);
    CHECK(*ok == fs::canonical(tmp.path / "pack" / "images" / "maria.png").string());
    CHECK(resolve_scenario_file(scen, "../assets/shared.png", roots, &err));
    CHECK_FALSE(resolve_scenario_file(scen, "../secret.txt", roots, &err));
    CHECK(err.find("refused") != std::string::npos);
    CHECK_FALSE(resolve_scenario_file(scen, (tmp.path / "secret.txt").string(), roots, &err));
    CHECK_FALSE(resolve_scenario_file(scen, "images/missing.png", roots, &err));
    CHECK(err.find("not found") != std::string::npos);
    // A symlink inside the folder that points outside is refused too.
    fs::create_symlink(tmp.path / "secret.txt", tmp.path / "pack" / "link.png");
    CHECK_FALSE(resolve_scenario_file(scen, "link.png", roots, &err));
    // "/a/bc" is not inside "/a/b".
    CHECK_FALSE(path_is_inside("/a/bc/x", "/a/b"));
    CHECK(path_is_inside("/a/b/x", "/a/b/"));
}

TEST_CASE("command line: scripted run options and errors") {
    std::string err;
    auto o = parse_options({"scenarios", "--scenario", "x.yaml", "--choices", "2,1,3", "--exit-when-done",
                            "--window-size", "1024x640", "--theme", "light"},
                           &err);
    REQUIRE(o);
    CHECK(o->folders == std::vector<std::string>{"scenarios"});
    CHECK(o->choices == std::vector<int>{2, 1, 3});
    CHECK(o->scripted());
    CHECK(o->window_width == 1024);
    CHECK(o->theme == ThemeKind::Light);
    CHECK_FALSE(parse_options({"--choices", "2,0"}, &err));
    CHECK_FALSE(parse_options({"--choices", "1"}, &err));  // needs --scenario
    CHECK_FALSE(parse_options({"--window-size", "800x600"}, &err));
    CHECK(err.find("1024x640") != std::string::npos);
    for (const char* bad : {"1280x800px", "1280x", "x800", "1280", "1280 x800", "abcxdef"})
        CHECK_MESSAGE(!parse_options({"--window-size", bad}, &err), bad);
    auto sized = parse_options({"--window-size", "1600x900"}, &err);
    REQUIRE(sized);
    CHECK(sized->window_width == 1600);
    CHECK(sized->window_height == 900);
    CHECK_FALSE(parse_options({"--bogus"}, &err));
    CHECK_FALSE(parse_options({"--scenario"}, &err));
    CHECK(parse_choice_keys("2,t,1") == std::vector<int>{2, kLetTimerRunOut, 1});
    CHECK_FALSE(parse_choice_keys("2,,3"));
    CHECK_FALSE(parse_choice_keys("x"));
    CHECK_FALSE(parse_choice_keys("12"));
}

TEST_CASE("command line: a scripted look at the Author screen and an idle save") {
    std::string err;
    auto o = parse_options({"--scenario", "x.yaml", "--author", "--idle-rewrite", "broken.yaml"}, &err);
    REQUIRE(o);
    CHECK(o->author);
    CHECK(o->idle_rewrite == "broken.yaml");
    CHECK_FALSE(parse_options({"--author"}, &err));
    CHECK(err == "--author and --idle-rewrite need --scenario");
    CHECK_FALSE(parse_options({"--scenario", "x.yaml", "--idle-rewrite"}, &err));
    CHECK(err == "--idle-rewrite needs a file");
    CHECK_FALSE(parse_options({"--scenario", "x.yaml", "--choices", "1", "--idle-rewrite", "b.yaml"}, &err));
    auto open = parse_options({"--scenario", "x.yaml", "--author-open", "opening"}, &err);
    REQUIRE(open);
    CHECK(open->author);  // clicking a node is done on the Author screen
    CHECK(open->author_open == "opening");
}

TEST_CASE("command line: a scripted workshop's votes") {
    std::string err;
    auto o = parse_options({"--scenario", "x.yaml", "--workshop-votes", "BBA,AAB,C"}, &err);
    REQUIRE(o);
    CHECK(o->workshop_votes == std::vector<std::vector<std::string>>{{"BBA", "AAB", "C"}});
    CHECK_FALSE(o->workshop_teams);
    auto teams = parse_options({"--scenario", "x.yaml", "--workshop-teams", "--workshop-votes", "BA,C/A"}, &err);
    REQUIRE(teams);
    CHECK(teams->workshop_teams);
    CHECK(teams->workshop_votes == std::vector<std::vector<std::string>>{{"BA", "C"}, {"A"}});
    for (const char* bad : {"BBA,,C", "bba", "BJ", "", "B,", "A/", "A//B"})
        CHECK_MESSAGE(!parse_options({"--scenario", "x.yaml", "--workshop-votes", bad}, &err), bad);
    CHECK_FALSE(parse_options({"--workshop-votes", "AB"}, &err));  // needs --scenario
    CHECK(err.find("--scenario") != std::string::npos);
}

TEST_CASE("command line: a scripted live reload's rewrites") {
    std::string err;
    auto o = parse_options({"--scenario", "x.yaml", "--choices", "2,1", "--rewrite-after-turn", "1", "--rewrite-with",
                            "bad.yaml", "--rewrite-with", "good.yaml"},
                           &err);
    REQUIRE(o);
    CHECK(o->rewrite_after_turn == 1);
    CHECK(o->rewrite_with == std::vector<std::string>{"bad.yaml", "good.yaml"});
    CHECK_FALSE(parse_options({"--scenario", "x.yaml", "--choices", "2", "--rewrite-after-turn", "1"}, &err));
    CHECK_FALSE(parse_options({"--scenario", "x.yaml", "--choices", "2", "--rewrite-with", "a.yaml"}, &err));
    CHECK_FALSE(parse_options({"--scenario", "x.yaml", "--rewrite-after-turn", "1", "--rewrite-with", "a.yaml"}, &err));
    for (const char* bad : {"-1", "x", "1x", ""})
        CHECK_MESSAGE(!parse_options({"--scenario", "x.yaml", "--choices", "2", "--rewrite-after-turn", bad,
                                      "--rewrite-with", "a.yaml"},
                                     &err),
                      bad);
}

TEST_CASE("the printable report escapes text and carries every turn") {
    Scenario s;
    s.id = "r";
    s.title = "Fish & <Chips>";
    s.start = "a";
    Node a;
    a.id = "a";
    a.say = {{"Where is it?", "angry", {}}};
    Choice c;
    c.text = "Sorry \"truly\"";
    c.next = "end";
    a.choices = {c};
    s.nodes = {a};
    s.endings = {{"end", EndingType::Recovered, "Done", "All good.", {}, {}}};
    s.reindex();
    Session run(s);
    run.choose(0);
    scoring::Debrief d;
    d.overall = 72.4;
    d.band = "Competent";
    d.passed = true;
    d.score = {100, 50, 0, 0, 100};
    scoring::TurnDebrief t;
    t.turn = 0;
    t.node_id = "a";
    t.said = c.text;
    t.points = {0, 15, 0, 0, 0};
    t.better_choice_index = 0;
    t.better_choice_text = "Better <b>";
    d.turns = {t};
    d.practise_next = {"Ask first"};
    d.notes = {"A pass is ruled out by <sarcasm>"};
    std::string html = debrief_report_html(s, run, d, "1 May");
    CHECK(html.find("<li>A pass is ruled out by &lt;sarcasm&gt;</li>") != std::string::npos);  // notes are shown
    CHECK(html.find("Fish &amp; &lt;Chips&gt;") != std::string::npos);
    CHECK(html.find("<Chips>") == std::string::npos);
    CHECK(html.find("Sorry &quot;truly&quot;") != std::string::npos);
    CHECK(html.find("Apology +15") != std::string::npos);
    CHECK(html.find("Better &lt;b&gt;") != std::string::npos);
    CHECK(html.find(">72<") != std::string::npos);
    CHECK(html.find("width:50%") != std::string::npos);
    CHECK(html.find("@media print") != std::string::npos);
    CHECK(html.find("Ask first") != std::string::npos);
    CHECK(report_base_name("a/b c", "2024") == "a-b-c-2024");
}


TEST_CASE("the window asks who is playing unless the attempt will be kept, or the trainee said to play unkept") {
    struct Kept final : ResultsProvider {
        std::string name;
        std::optional<BestResult> best_for(const std::string&) const override { return std::nullopt; }
        std::string keeping_for() const override { return name; }
    } kept;
    InMemoryResults memory;  // keeps nothing past the run
    CHECK(must_ask_who_is_playing(nullptr, true, false));
    CHECK(must_ask_who_is_playing(&memory, true, false));
    CHECK(must_ask_who_is_playing(&kept, true, false));  // a store, but nobody chosen yet
    kept.name = "Ana";
    CHECK_FALSE(must_ask_who_is_playing(&kept, true, false));
    CHECK_FALSE(must_ask_who_is_playing(&memory, true, true));  // said once, not asked again
    CHECK_FALSE(must_ask_who_is_playing(&memory, false, false));  // nobody at the keyboard
}

#endif  // TURNAROUND_HAVE_UI_MODEL
