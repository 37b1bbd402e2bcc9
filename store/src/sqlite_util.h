// Thin RAII wrappers around the SQLite C API, private to store/. Every value
// reaches SQL through a bound parameter; no wrapper here formats values into
// SQL text.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "dossier/common/status.h"
#include "sql_statement.h"
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

// A prepared statement (sql_statement.h), SQLite's placeholders ?1, ?2, ...
class Statement final : public SqlStatement {
 public:
  Statement() = default;
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement() override;

  // REQUIRES: sql holds exactly one statement.
  static Result<Statement> Prepare(sqlite3* db, std::string_view sql, std::string_view doing);

  Statement& BindInt(int index, int64_t value) override;
  Statement& BindDouble(int index, double value) override;
  Statement& BindText(int index, std::string_view value) override;
  Statement& BindNull(int index) override;
  Statement& BindBlob(int index, std::string_view bytes) override;

  Result<bool> Step() override;
  Status Run() override;
  void Reset() override;
  // sqlite3_changes: the connection's last change, which is this statement's
  // when read right after it ran.
  int64_t Changes() const override;

  bool IsNull(int column) const override;
  int64_t Int(int column) const override;
  double Double(int column) const override;
  std::string Text(int column) const override;
  std::string Blob(int column) const override;

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
class Transaction final : public SqlTransaction {
 public:
  explicit Transaction(Database& db) : db_(db) {}
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction() override;

  Status Begin(std::string_view doing);
  Status Commit() override;

 private:
  Database& db_;
  bool active_ = false;
  std::string doing_;
};

}  // namespace dossier::store_internal
