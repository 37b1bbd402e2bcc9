// Thin RAII wrappers around the SQLite C API, private to store/. Every value
// reaches SQL through a bound parameter; no wrapper here formats values into
// SQL text.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "dossier/common/status.h"
#include "status_macros.h"

namespace dossier::store_internal {

// Makes a Status from a SQLite result code. `doing` says what the store was
// doing ("saving the extraction"); the message leads with a plain reason
// (disk full, store busy, file damaged) and ends with SQLite's own words for
// whoever debugs it. Environment failures are Io, everything else Internal.
Status SqliteStatus(sqlite3* db, int rc, std::string_view doing);

// An open connection. Closes it when destroyed.
class Database {
 public:
  Database() = default;
  explicit Database(sqlite3* db) : db_(db) {}
  Database(Database&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
  Database& operator=(Database&& other) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  sqlite3* get() const { return db_; }

  // Runs SQL text that carries no values (schema steps, BEGIN/COMMIT).
  Status ExecScript(const char* sql, std::string_view doing);

 private:
  sqlite3* db_ = nullptr;
};

// A prepared statement. Bind errors are remembered and reported by the next
// Step/Run, so call sites can bind a row of values without checking each one.
class Statement {
 public:
  Statement() = default;
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // REQUIRES: sql holds exactly one statement.
  static Result<Statement> Prepare(sqlite3* db, std::string_view sql, std::string_view doing);

  // Parameters are numbered from 1, as in SQLite.
  Statement& BindInt(int index, int64_t value);
  Statement& BindDouble(int index, double value);
  Statement& BindText(int index, std::string_view value);
  Statement& BindNull(int index);
  Statement& BindOptionalDouble(int index, std::optional<double> value);
  // Binds NULL for an empty string (events without a file).
  Statement& BindTextOrNull(int index, std::string_view value);

  // Advances: true when a row is available, false when done.
  Result<bool> Step();
  // Runs a statement that returns no rows to completion.
  Status Run();
  // Makes the statement ready to be bound and run again.
  void Reset();

  // Steps through the remaining rows, calling each() with the statement on
  // each row (read it with the accessors below); stops at the first failure,
  // SQLite's or a non-OK Status that each() returns (it may return void).
  template <typename F>
  Status ForEachRow(F&& each) {
    for (;;) {
      Result<bool> row = Step();
      if (!row.ok()) return row.status();
      if (!*row) return Status::Ok();
      if constexpr (std::is_void_v<std::invoke_result_t<F&>>) {
        each();
      } else {
        Status status = each();
        if (!status.ok()) return status;
      }
    }
  }

  bool IsNull(int column) const;
  int64_t Int(int column) const;
  double Double(int column) const;
  std::string Text(int column) const;
  std::optional<double> OptionalDouble(int column) const;

 private:
  Statement(sqlite3* db, sqlite3_stmt* stmt, std::string doing)
      : db_(db), stmt_(stmt), doing_(std::move(doing)) {}
  void NoteBind(int rc);

  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
  std::string doing_;
  int bind_rc_ = SQLITE_OK;
};

// A write transaction, BEGIN IMMEDIATE so that the write lock is taken up
// front: two writers then wait on busy_timeout instead of failing with
// SQLITE_BUSY when a read transaction tries to upgrade. Rolls back when
// destroyed without Commit().
class Transaction {
 public:
  explicit Transaction(Database& db) : db_(db) {}
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();

  Status Begin(std::string_view doing);
  Status Commit();

 private:
  Database& db_;
  bool active_ = false;
  std::string doing_;
};

}  // namespace dossier::store_internal
