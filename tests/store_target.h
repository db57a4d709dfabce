// store_target.h: where the store contract tests (store_contract_test.cpp) keep their results.
//
// An SQLite file in a scratch folder; or, when TURNAROUND_TEST_PG_URL names a PostgreSQL server
// (tests/pg/with_cluster.sh starts a throwaway one), a fresh database on it for each test, dropped
// afterwards. The same tests then hold both backends to the same promises.
#pragma once

#include <string>

#include "test_support.h"

namespace test_support {

class StoreTarget {
public:
    StoreTarget();
    ~StoreTarget();
    StoreTarget(const StoreTarget&) = delete;
    StoreTarget& operator=(const StoreTarget&) = delete;

    // What ResultsStore::open() is given: a file name or a postgresql:// URL.
    const std::string& location() const { return location_; }
    bool postgres() const { return !database_.empty(); }
    std::string name() const { return postgres() ? "PostgreSQL" : "SQLite"; }
    // Runs SQL on the store directly, as another tool would; false with the message in `error`.
    bool raw_sql(const std::string& sql, std::string* error = nullptr) const;

    // The server the tests run against, or "" for SQLite files.
    static std::string server_url();

private:
    TempDir dir_{"turnaround-contract"};
    std::string location_;
    std::string database_;  // PostgreSQL only
};

}  // namespace test_support
