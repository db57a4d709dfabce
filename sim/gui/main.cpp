// turnaround: the simulator window. Parses the command line, opens the window, runs the loop.
//
// The loop is idle-friendly: when nothing moves it blocks in glfwWaitEvents (or waits exactly until
// the next reveal step or timer tick), so an open but unused window costs no CPU.
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <unistd.h>
#include <vector>

#include "app.h"
#include "input_script.h"
#include "options.h"
#include "room_screen.h"
#include "screenshot.h"
#include "settings.h"
#include "window_icon.h"
#ifdef TURNAROUND_HAVE_STORE
#include "progress_view.h"
#include "store_setup.h"
#endif

namespace fs = std::filesystem;
using namespace ta::gui;

namespace {

int g_events = 0;           // input or window events since the last frame
bool g_rescale = false;     // the window moved to a screen with another content scale

void on_glfw_error(int code, const char* text) { std::fprintf(stderr, "turnaround: GLFW error %d: %s\n", code, text); }

// These run before ImGui's own callbacks (ImGui chains to them), only to note that something happened.
void on_key(GLFWwindow*, int, int, int, int) { ++g_events; }
void on_char(GLFWwindow*, unsigned int) { ++g_events; }
void on_mouse_button(GLFWwindow*, int, int, int) { ++g_events; }
void on_cursor(GLFWwindow*, double, double) { ++g_events; }
void on_scroll(GLFWwindow*, double, double) { ++g_events; }
void on_focus(GLFWwindow*, int) { ++g_events; }
void on_enter(GLFWwindow*, int) { ++g_events; }
void on_size(GLFWwindow*, int, int) { ++g_events; }
void on_refresh(GLFWwindow*) { ++g_events; }
void on_content_scale(GLFWwindow*, float, float) {
    g_rescale = true;
    ++g_events;
}

std::string executable_dir() {
    std::error_code ec;
    fs::path p = fs::read_symlink("/proc/self/exe", ec);
    return ec ? std::string() : p.parent_path().string();
}

// Bundled data (scenarios/, assets/): next to the sources when run from a build tree, else
// relative to the executable (build/sim/turnaround -> ../../, installed bin/ -> ../share/turnaround).
std::string find_data_dir(const std::string& name) {
    std::vector<fs::path> candidates;
#ifdef TURNAROUND_SOURCE_DIR
    candidates.push_back(fs::path(TURNAROUND_SOURCE_DIR) / name);
#endif
    std::string exe = executable_dir();
    if (!exe.empty()) {
        candidates.push_back(fs::path(exe) / name);
        candidates.push_back(fs::path(exe) / ".." / name);
        candidates.push_back(fs::path(exe) / ".." / ".." / name);
        candidates.push_back(fs::path(exe) / ".." / "share" / "turnaround" / name);
    }
    for (const auto& c : candidates) {
        std::error_code ec;
        if (fs::is_directory(c, ec)) return fs::weakly_canonical(c, ec).string();
    }
    return {};
}

float content_scale(GLFWwindow* w) {
    float x = 1, y = 1;
    glfwGetWindowContentScale(w, &x, &y);
    float s = std::max(x, y);
    return (s > 0.5f && s < 8.0f) ? s : 1.0f;
}

void rebuild_style(App& app, GLFWwindow* window, bool first) {
    float cs = content_scale(window);
    app.ui_scale = cs * app.settings.text_scale;
    if (app.fonts_dirty) {
        if (!first) ImGui_ImplOpenGL3_DestroyFontsTexture();
        app.images.clear();  // not needed for fonts, but keeps GPU memory tidy on a scale change
        app.fonts = load_fonts(std::round(17.0f * app.ui_scale));
        if (!first) ImGui_ImplOpenGL3_CreateFontsTexture();
        app.theme_dirty = true;
        app.fonts_dirty = false;
    }
    if (app.theme_dirty) {
        app.palette = apply_theme(app.settings.theme, app.ui_scale);
        app.theme_dirty = false;
    }
}

void remember_window(App& app, GLFWwindow* w) {
    Settings& s = app.settings;
    s.window_maximized = glfwGetWindowAttrib(w, GLFW_MAXIMIZED) == GLFW_TRUE;
    if (!s.window_maximized) {
        glfwGetWindowPos(w, &s.window_x, &s.window_y);
        glfwGetWindowSize(w, &s.window_width, &s.window_height);
    }
    s.clamp();
}

}  // namespace

// --frame-log: one line per frame once it is on screen. The time is std::chrono::steady_clock
// (CLOCK_MONOTONIC on Linux) in microseconds, so another process can compare it with its own.
void log_frame(std::FILE* log, const App& app) {
    auto fact = [&](const char* key) {
        auto it = app.facts.find(key);
        return it == app.facts.end() ? std::string("-1") : it->second;
    };
    const long long us =
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
    std::fprintf(log, "%lld %llu %s %s\n", us, static_cast<unsigned long long>(app.frame), fact("room-voted").c_str(),
                 fact("room-version").c_str());
}

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    std::string error;
    auto parsed = parse_options(args, &error);
    if (!parsed) {
        std::fprintf(stderr, "turnaround: %s\n%s", error.c_str(), usage_text().c_str());
        return 64;
    }
    Options opt = *parsed;
    if (opt.help) {
        std::fputs(usage_text().c_str(), stdout);
        return 0;
    }
    if (opt.version) {
        std::printf("turnaround %s\n", TURNAROUND_VERSION);
        return 0;
    }

    App app;
    // A scripted run neither reads nor writes the trainee's settings: it must be reproducible.
    std::string cfg = config_dir();
    if (!opt.scripted() && !cfg.empty()) app.settings_path = (fs::path(cfg) / "settings.ini").string();
    if (!app.settings_path.empty()) app.settings = load_settings(app.settings_path);
    if (opt.scripted()) app.settings_unsaved_reason = "this is a scripted run, which leaves your settings alone";
    if (opt.scripted()) app.settings.reveal_chars_per_second = 45;
    if (opt.theme) app.settings.theme = *opt.theme;
    if (opt.text_scale) app.settings.text_scale = *opt.text_scale;
    if (opt.reveal_speed) app.settings.reveal_chars_per_second = *opt.reveal_speed;
    if (opt.no_timer) app.settings.timer_enabled = false;
    // A scripted run presses keys by position: file order unless --seed asks for a shuffle.
    app.fixed_order_seed = opt.seed;
    app.shuffle_replies = !opt.scripted();
    if (opt.window_width) {
        app.settings.window_width = opt.window_width;
        app.settings.window_height = opt.window_height;
        app.settings.window_maximized = false;
    }
    app.settings.clamp();

    app.library_sources = opt.folders;
    if (app.library_sources.empty()) {
        std::string bundled = find_data_dir("scenarios");
        if (!bundled.empty()) app.library_sources.push_back(bundled);
        std::error_code ec;
        if (!opt.scripted() && !app.settings.last_folder.empty() && fs::is_directory(app.settings.last_folder, ec))
            app.library_sources.push_back(app.settings.last_folder);
    }
    if (opt.scripted()) app.library_sources.push_back(opt.scenario);  // de-duplicated on load
    std::string assets = find_data_dir("assets");
    if (!assets.empty()) app.asset_roots.push_back(assets);
    app.report_dir = !opt.screenshot_dir.empty() ? opt.screenshot_dir
                     : !data_dir().empty()       ? (fs::path(data_dir()) / "reports").string()
                                                 : std::string("reports");
    app.results = std::make_unique<InMemoryResults>();
#ifdef TURNAROUND_HAVE_STORE
    install_results_store(app, {opt.results_db, opt.trainee, opt.scripted()});
#else
    app.results_unavailable = "this build has no results store";
#endif
    // Nobody is at the keyboard of a scripted run to ask, unless the run is about the asking.
    app.ask_who_is_playing = !opt.scripted() || opt.ask_who_is_playing;
    if (opt.scripted() && !opt.ask_who_is_playing && app.results->keeping_for().empty())
        std::fprintf(stderr, "turnaround: results are not kept: %s\n",
                     app.results_unavailable.empty() ? "no trainee was given (--trainee NAME)" : app.results_unavailable.c_str());
    app.reload_library();

    glfwSetErrorCallback(on_glfw_error);
    if (!glfwInit()) {
        std::fprintf(stderr, "turnaround: cannot open a window (no display?). Is DISPLAY set?\n");
        return 1;
    }
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 2);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
    glfwWindowHint(GLFW_MAXIMIZED, app.settings.window_maximized ? GLFW_TRUE : GLFW_FALSE);
    GLFWwindow* window = glfwCreateWindow(app.settings.window_width, app.settings.window_height, "Turnaround", nullptr, nullptr);
    if (!window) {
        std::fprintf(stderr, "turnaround: cannot create an OpenGL 3.2 window\n");
        glfwTerminate();
        return 1;
    }
    set_window_icon(window, assets);  // logs and goes on without one
    glfwSetWindowSizeLimits(window, kMinWindowWidth, kMinWindowHeight, GLFW_DONT_CARE, GLFW_DONT_CARE);
    if (app.settings.window_x >= 0 && app.settings.window_y >= 0 && !app.settings.window_maximized)
        glfwSetWindowPos(window, app.settings.window_x, app.settings.window_y);
    glfwMakeContextCurrent(window);
    glfwSwapInterval(1);

    glfwSetKeyCallback(window, on_key);
    glfwSetCharCallback(window, on_char);
    glfwSetMouseButtonCallback(window, on_mouse_button);
    glfwSetCursorPosCallback(window, on_cursor);
    glfwSetScrollCallback(window, on_scroll);
    glfwSetWindowFocusCallback(window, on_focus);
    glfwSetCursorEnterCallback(window, on_enter);
    glfwSetFramebufferSizeCallback(window, on_size);
    glfwSetWindowRefreshCallback(window, on_refresh);
    glfwSetWindowContentScaleCallback(window, on_content_scale);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // layout is ours (settings.ini), not imgui.ini in the working folder
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    ImGui_ImplGlfw_InitForOpenGL(window, true);  // chains to the callbacks above
    ImGui_ImplOpenGL3_Init("#version 150");

    rebuild_style(app, window, true);
    std::FILE* frame_log = nullptr;
    if (!opt.frame_log.empty()) {
        frame_log = std::fopen(opt.frame_log.c_str(), "a");
        if (!frame_log) {
            std::fprintf(stderr, "turnaround: cannot write the frame log %s\n", opt.frame_log.c_str());
            return 1;
        }
        std::setvbuf(frame_log, nullptr, _IOLBF, 0);  // a line a frame, readable while the window runs
        std::fprintf(frame_log, "# steady_us frame room_voted room_version\n");
    }
    if (!opt.room_file.empty() && !open_room_from_options(app, opt)) {
        glfwDestroyWindow(window);
        glfwTerminate();
        return 1;
    }
    std::unique_ptr<InputScript> script;
    if (opt.scripted()) script = std::make_unique<InputScript>(opt);

    int eager_frames = 3;  // after any event, draw a few frames so ImGui settles (hover, nav, popups)
    // When the next frame must be drawn although nothing happened (reveal step, timer tick). Kept
    // across wake-ups: a background poll that changes nothing must not push it back.
    double frame_due = 0;
    while (!glfwWindowShouldClose(window) && !app.quit_requested) {
        bool scripted = script && script->active();
        if (scripted) {
            glfwPollEvents();
        } else {
            app.now = glfwGetTime();
            double wait = eager_frames > 0 ? 0 : std::min(frame_due - app.now, app.next_poll_in());
            if (wait >= kNever) glfwWaitEvents();
            else if (wait > 0.0005) glfwWaitEventsTimeout(wait);
            else glfwPollEvents();
            if (g_events > 0) eager_frames = 3;
        }
        if (script) script->note_input(g_events);
        g_events = 0;
        // Background polls (a file watch) wake the loop but draw only when they changed something.
        app.now = glfwGetTime();
        bool polled_change = app.run_polls();
        // What a poll changed (a failed save's problems panel) needs a few frames too: ImGui sizes a
        // new window in a hidden frame first, and with no input nothing would draw the next one.
        if (polled_change) eager_frames = std::max(eager_frames, 3);
        if (!scripted && !polled_change && eager_frames == 0 && !g_rescale && app.now < frame_due) continue;
        if (g_rescale) {
            g_rescale = false;
            app.fonts_dirty = true;
        }
        if (app.fonts_dirty || app.theme_dirty) rebuild_style(app, window, false);

        app.now = glfwGetTime();
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        if (script) script->before_frame(app);
        app.layout = compute_layout(io.DisplaySize.x, io.DisplaySize.y, app.fonts.body_size);
        ImGui::NewFrame();
        app.facts.erase("room-voted");  // set again by the projector if it draws this frame
        app.facts.erase("room-version");
        app.draw_frame();
        if (script) script->before_render(app);
        ImGui::Render();

        int fb_w = 0, fb_h = 0;
        glfwGetFramebufferSize(window, &fb_w, &fb_h);
        glViewport(0, 0, fb_w, fb_h);
        ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
        glClearColor(bg.x, bg.y, bg.z, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        if (!app.pending_screenshot.empty()) {
            std::string path = app.pending_screenshot;
            app.pending_screenshot.clear();
            std::string err;
            if (save_framebuffer_png(path, fb_w, fb_h, &err)) {
                app.last_saved_image = path;
                if (!script && !app.quiet_screenshots) app.notify("Image saved: " + path);
            } else {
                app.notify("Could not save the image: " + err, true);
            }
        }
        if (script) script->after_frame(app);
        glfwSwapBuffers(window);
        if (frame_log) log_frame(frame_log, app);
        ++app.frame;
        if (eager_frames > 0) --eager_frames;
        frame_due = app.now + app.next_frame_in();

        // Save settings once a change is complete (not on every step of a slider drag).
        if (app.settings_dirty && !ImGui::IsAnyItemActive()) {
            app.settings_dirty = false;
            if (!app.settings_path.empty()) {
                remember_window(app, window);
                std::string err;
                if (!save_settings(app.settings_path, app.settings, &err)) app.notify("Settings not saved: " + err, true);
            }
        }
        if (script && script->done()) break;
    }

    if (!app.settings_path.empty()) {
        remember_window(app, window);
        std::string err;
        if (!save_settings(app.settings_path, app.settings, &err)) std::fprintf(stderr, "turnaround: %s\n", err.c_str());
    }
    if (frame_log) std::fclose(frame_log);
    app.record_abandoned();  // closing the window mid-conversation loses nothing already decided
    app.images.clear();
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window);
    glfwTerminate();
    return script ? script->exit_code() : 0;
}
