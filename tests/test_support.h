// test_support.h: what many test files need: a scratch folder, raw SQL on a results file (as
// another tool would write it), and the room tests' scenario.
#pragma once

#include <doctest/doctest.h>

#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "loader.h"

namespace test_support {

// A fresh folder under the system's temporary directory, removed with everything in it.
struct TempDir {
    std::filesystem::path dir;
    explicit TempDir(const char* prefix = "turnaround-test") {
        std::string tmpl = (std::filesystem::temp_directory_path() / (std::string(prefix) + "-XXXXXX")).string();
        REQUIRE(::mkdtemp(tmpl.data()) != nullptr);
        dir = tmpl;
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    std::string path(const std::string& name) const { return (dir / name).string(); }
    std::string db() const { return path("results.db"); }
};

// Runs SQL on a database file directly; the SQLite result code, and its message in `err`.
inline int sql_exec(const std::string& path, const std::string& text, std::string* err = nullptr) {
    sqlite3* db = nullptr;
    sqlite3_open(path.c_str(), &db);
    char* msg = nullptr;
    int rc = sqlite3_exec(db, text.c_str(), nullptr, nullptr, &msg);
    if (err && msg) *err = msg;
    sqlite3_free(msg);
    sqlite3_close(db);
    return rc;
}

// tests/data/room/timed-tie.yaml: three replies, then a timed decision (loaded once).
inline const ta::Scenario& room_test_scenario() {
    static const ta::Scenario sc = [] {
        ta::LoadResult r = ta::load_scenario_file(std::string(TURNAROUND_TEST_DATA) + "/data/room/timed-tie.yaml");
        REQUIRE(r.ok());
        return *r.scenario;
    }();
    return sc;
}

}  // namespace test_support
