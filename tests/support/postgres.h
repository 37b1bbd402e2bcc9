// The throw-away PostgreSQL server of a test run, for the tests of the
// PostgreSQL store engine: scripts/test starts one (pg_virtualenv) around
// ctest and names it in DOSSIER_TEST_PG, a libpq connection string
// ("postgresql://" takes everything from the PG* variables pg_virtualenv
// sets, its password included). Each test works in a schema of its own.
#pragma once

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>

namespace dossier::testing {

// The run's server, or nullopt when none was started.
inline std::optional<std::string> TestPostgres() {
  const char* conninfo = std::getenv("DOSSIER_TEST_PG");
  if (conninfo == nullptr) return std::nullopt;
  return std::string(conninfo);
}

// Without a server, a PostgreSQL test fails in CI (CI set, as for warnings)
// and is skipped, visibly, elsewhere: never passed without having run.
#define DOSSIER_REQUIRE_POSTGRES()                                                              \
  do {                                                                                          \
    if (!::dossier::testing::TestPostgres()) {                                                  \
      if (std::getenv("CI") != nullptr) {                                                       \
        FAIL() << "no PostgreSQL for this test: DOSSIER_TEST_PG is not set (run scripts/test, " \
                  "which starts one with pg_virtualenv)";                                       \
      }                                                                                         \
      GTEST_SKIP() << "no PostgreSQL: DOSSIER_TEST_PG is not set (scripts/test starts one "     \
                      "with pg_virtualenv)";                                                    \
    }                                                                                           \
  } while (0)

// `conninfo` with its session's search_path set to `schema`.
inline std::string WithSchema(const std::string& conninfo, const std::string& schema) {
  if (conninfo.find("://") != std::string::npos) {
    return conninfo + (conninfo.find('?') == std::string::npos ? "?" : "&") +
           "options=-csearch_path%3D" + schema;
  }
  return conninfo + " options='-csearch_path=" + schema + "'";
}

// Runs SQL without values on the run's server; "" or libpq's error message.
inline std::string PostgresExec(const std::string& conninfo, const std::string& sql) {
  PGconn* conn = PQconnectdb(conninfo.c_str());
  // DROP SCHEMA ... CASCADE lists every table it drops as a notice.
  PQsetNoticeProcessor(
      conn, [](void*, const char*) {}, nullptr);
  std::string error;
  if (PQstatus(conn) != CONNECTION_OK) {
    error = PQerrorMessage(conn);
  } else {
    PGresult* r = PQexec(conn, sql.c_str());
    if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK) {
      error = PQresultErrorMessage(r);
    }
    PQclear(r);
  }
  PQfinish(conn);
  return error;
}

// The first value of a query ("" when there is none, or the server cannot
// be reached: a test waiting for a row, or for a restarted server, polls).
inline std::string PostgresQuery(const std::string& conninfo, const std::string& sql) {
  PGconn* conn = PQconnectdb(conninfo.c_str());
  std::string value;
  if (PQstatus(conn) == CONNECTION_OK) {
    PGresult* r = PQexec(conn, sql.c_str());
    if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0) value = PQgetvalue(r, 0, 0);
    PQclear(r);
  }
  PQfinish(conn);
  return value;
}

// A count query's number; -1 when PostgresQuery has no value.
inline int64_t PostgresCount(const std::string& conninfo, const std::string& sql) {
  const std::string v = PostgresQuery(conninfo, sql);
  return v.empty() ? -1 : std::stoll(v);
}

// Makes a new, empty schema on the run's server and returns its name; ""
// on failure (the reason in *error).
inline std::string NewPostgresSchema(std::string* error) {
  static std::atomic<int> counter{0};
  const std::string name =
      "t" + std::to_string(getpid()) + "_" +
      std::to_string(std::chrono::steady_clock::now().time_since_epoch().count() % 1000000007) +
      "_" + std::to_string(counter++);
  *error = PostgresExec(*TestPostgres(), "CREATE SCHEMA " + name);
  return error->empty() ? name : "";
}

}  // namespace dossier::testing
