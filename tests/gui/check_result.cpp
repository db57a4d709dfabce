// gui-check-result: checks a scripted window run against the engine, independently of the window.
//
//   gui-check-result RESULT.json SCENARIO.yaml KEYS EXPECTED_ENDING WIDTH HEIGHT [SEED]
//
// Replays KEYS (1-based numbers of the choices as shown, e.g. 2,1,3; t = timer ran out) on the scenario with the
// engine alone (with SEED, the replies shown in that seed's shuffled order, and the run must have
// been shuffled by it: at least one decision on the path shown out of file order; without, file
// order and no seed), grades it, and requires the window's result to agree: same choice path, ending
// and overall score. Also requires the screenshots the run listed to be real PNGs of WIDTHxHEIGHT
// and the printable report to exist. Prints what differs; exit 0 only when everything agrees.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "debrief.h"
#include "loader.h"
#include "rubric.h"
#include "session.h"

namespace {

int failures = 0;
int passes = 0;

void check(bool ok, const std::string& what) {
    std::printf("%s: %s\n", ok ? "ok" : "FAIL", what.c_str());
    if (ok) ++passes;
    else ++failures;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Minimal look-ups in the flat JSON the window writes (no nesting beyond arrays of scalars).
std::string json_raw(const std::string& json, const std::string& key) {
    std::string k = "\"" + key + "\":";
    size_t p = json.find(k);
    if (p == std::string::npos) return {};
    p += k.size();
    if (json[p] == '"') {
        size_t e = json.find('"', p + 1);
        return json.substr(p + 1, e - p - 1);
    }
    if (json[p] == '[') return json.substr(p, json.find(']', p) - p + 1);
    size_t e = json.find_first_of(",}", p);
    return json.substr(p, e - p);
}

std::vector<std::string> json_strings(const std::string& array) {
    std::vector<std::string> out;
    size_t p = 0;
    while ((p = array.find('"', p)) != std::string::npos) {
        size_t e = array.find('"', p + 1);
        out.push_back(array.substr(p + 1, e - p - 1));
        p = e + 1;
    }
    return out;
}

bool png_size(const std::string& path, int& w, int& h) {
    std::string data = read_file(path);
    if (data.size() < 24 || data.compare(0, 8, "\x89PNG\r\n\x1a\n") != 0 || data.compare(12, 4, "IHDR") != 0)
        return false;
    auto be32 = [&](size_t o) {
        return (static_cast<unsigned char>(data[o]) << 24) | (static_cast<unsigned char>(data[o + 1]) << 16) |
               (static_cast<unsigned char>(data[o + 2]) << 8) | static_cast<unsigned char>(data[o + 3]);
    };
    w = static_cast<int>(be32(16));
    h = static_cast<int>(be32(20));
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 7 && argc != 8) {
        std::fprintf(stderr, "usage: gui-check-result RESULT.json SCENARIO.yaml KEYS EXPECTED_ENDING WIDTH HEIGHT [SEED]\n");
        return 64;
    }
    std::string json = read_file(argv[1]);
    check(!json.empty(), std::string("result file ") + argv[1] + " was written");
    check(json_raw(json, "error").empty(), "the scripted run reported no error: " + json_raw(json, "error"));

    ta::LoadOptions opts;
    opts.known_tags = ta::scoring::default_rubric().tag_names();
    ta::LoadResult loaded = ta::load_scenario_file(argv[2], opts);
    if (!loaded.ok()) {
        std::fprintf(stderr, "%s does not load\n", argv[2]);
        return 1;
    }
    const ta::Scenario& sc = *loaded.scenario;

    // Keys are positions among the choices at each turn, as shown (shuffled when a seed is given).
    std::optional<std::uint64_t> seed;
    if (argc == 8) seed = std::strtoull(argv[7], nullptr, 10);
    ta::Session s(sc, seed);
    bool shuffled_somewhere = false;
    std::string keys = argv[3];
    std::string path_json = "[";
    for (size_t i = 0; i < keys.size(); i += 2) {
        if (keys[i] == 't') {  // the trainee let the response timer run out
            path_json += std::string(i ? "," : "") + std::to_string(ta::kTimeoutChoice);
            if (s.time_out() != ta::ChooseResult::Ok) {
                std::fprintf(stderr, "the node has no timer to run out\n");
                return 1;
            }
            continue;
        }
        int key = keys[i] - '0';
        auto avail = s.presented_choices();
        shuffled_somewhere = shuffled_somewhere || avail != s.available_choices();
        if (key < 1 || key > static_cast<int>(avail.size())) {
            std::fprintf(stderr, "key %d is not available\n", key);
            return 1;
        }
        path_json += (i ? "," : "") + std::to_string(avail[key - 1]);
        s.choose(avail[key - 1]);
    }
    path_json += "]";
    ta::scoring::Debrief d = ta::scoring::grade(sc, s, ta::scoring::default_rubric());

    check(json_raw(json, "ended") == "true", "the window reached an ending");
    const std::string want_seed = seed ? std::to_string(*seed) : "null";
    check(json_raw(json, "order_seed") == want_seed,
          "the window's order seed is " + json_raw(json, "order_seed") + " (want " + want_seed + ")");
    if (seed) check(shuffled_somewhere, "the seed shows at least one decision on this path out of file order");
    check(s.ending() && s.ending()->id == argv[4], std::string("the engine alone reaches the expected ending ") + argv[4]);
    check(json_raw(json, "ending_id") == argv[4], "the window reached ending '" + json_raw(json, "ending_id") + "'");
    check(json_raw(json, "choice_path") == path_json,
          "the window took choice path " + json_raw(json, "choice_path") + " (engine: " + path_json + ")");
    double overall = std::atof(json_raw(json, "overall").c_str());
    check(!json_raw(json, "overall").empty() && std::fabs(overall - d.overall) < 1e-4,
          "the window's score " + json_raw(json, "overall") + " equals the engine's " + std::to_string(d.overall));
    check(json_raw(json, "band") == d.band, "band '" + json_raw(json, "band") + "' equals '" + d.band + "'");

    int want_w = std::atoi(argv[5]), want_h = std::atoi(argv[6]);
    auto shots = json_strings(json_raw(json, "screenshots"));
    check(shots.size() == 6, "six screenshots were listed");
    for (const char* name : {"library.png", "conversation-typing.png", "conversation-opening.png", "conversation.png", "debrief.png", "settings.png"}) {
        bool listed = false;
        for (const auto& p : shots) {
            if (p.size() < std::string(name).size() || p.compare(p.size() - std::string(name).size(), std::string::npos, name) != 0)
                continue;
            listed = true;
            int w = 0, h = 0;
            check(png_size(p, w, h), p + " is a PNG");
            check(w == want_w && h == want_h,
                  p + " is " + std::to_string(w) + "x" + std::to_string(h) + " (want " + argv[5] + "x" + argv[6] + ")");
        }
        check(listed, std::string(name) + " was taken");
    }
    std::string image = json_raw(json, "image");
    int iw = 0, ih = 0;
    bool image_ok = !image.empty() && png_size(image, iw, ih) && iw == want_w && ih == want_h;
    check(image_ok, "the debrief's Save as image wrote a " + std::to_string(iw) + "x" + std::to_string(ih) + " PNG: " + image);
    std::string report = json_raw(json, "report");
    std::string html = report.empty() ? std::string() : read_file(report);
    check(html.find("<!DOCTYPE html>") == 0, "the printable report " + report + " was written");
    check(html.find("@media print") != std::string::npos, "the report has print styles");
    check(html.find(sc.title.substr(0, 10)) != std::string::npos, "the report names the scenario");

    std::printf("gui-check: %d passed, %d failed\n", passes, failures);
    return failures == 0 ? 0 : 1;
}
