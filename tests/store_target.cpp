// store_target.cpp: a fresh SQLite file or a fresh PostgreSQL database per contract test.
#include "store_target.h"

#include <libpq-fe.h>

#include <atomic>
#include <cstdlib>

namespace test_support {

namespace {

// Runs one statement on `url`; false with the server's message in `error`.
bool pg_exec(const std::string& url, const std::string& sql, std::string* error) {
    PGconn* conn = PQconnectdb(url.c_str());
    bool ok = PQstatus(conn) == CONNECTION_OK;
    if (ok) {
        PGresult* r = PQexec(conn, sql.c_str());
        const ExecStatusType s = PQresultStatus(r);
        ok = s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK;
        if (!ok && error) *error = PQresultErrorMessage(r);
        PQclear(r);
    } else if (error) {
        *error = PQerrorMessage(conn);
    }
    PQfinish(conn);
    return ok;
}

// postgresql://user@host:port/postgres -> the same server's database `name`.
std::string with_database(const std::string& url, const std::string& name) {
    const std::size_t slash = url.find('/', url.find("://") + 3);
    const std::size_t query = url.find('?');
    const std::string base = slash == std::string::npos ? url.substr(0, query) : url.substr(0, slash);
    return base + "/" + name + (query == std::string::npos ? "" : url.substr(query));
}

}  // namespace

std::string StoreTarget::server_url() {
    const char* url = std::getenv("TURNAROUND_TEST_PG_URL");
    return url ? url : "";
}

StoreTarget::StoreTarget() {
    const std::string server = server_url();
    if (server.empty()) {
        location_ = dir_.path("results.db");
        return;
    }
    static std::atomic<int> counter{0};
    database_ = "contract_" + std::to_string(::getpid()) + "_" + std::to_string(++counter);
    std::string error;
    REQUIRE_MESSAGE(pg_exec(server, "CREATE DATABASE " + database_, &error), error);
    location_ = with_database(server, database_);
}

StoreTarget::~StoreTarget() {
    if (postgres()) pg_exec(server_url(), "DROP DATABASE IF EXISTS " + database_ + " WITH (FORCE)", nullptr);
}

bool StoreTarget::raw_sql(const std::string& sql, std::string* error) const {
    if (postgres()) return pg_exec(location_, sql, error);
    return sql_exec(location_, sql, error) == SQLITE_OK;
}

}  // namespace test_support
