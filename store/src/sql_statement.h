// What the store's shared row code (sql_store.h) asks of an engine, private
// to store/: a prepared statement that binds parameters and reads columns,
// and a transaction. SQLite's (sqlite_util.h) and PostgreSQL's (pg_util.h)
// implement them; the row code is written once against these.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "dossier/common/status.h"

namespace dossier::store_internal {

// A prepared statement. Parameters are numbered from 1; columns from 0.
// Bind failures are reported by the next Step/Run, so a row of values is
// bound without checking each one.
class SqlStatement {
 public:
  virtual ~SqlStatement() = default;

  virtual SqlStatement& BindInt(int index, int64_t value) = 0;
  virtual SqlStatement& BindDouble(int index, double value) = 0;
  virtual SqlStatement& BindText(int index, std::string_view value) = 0;
  virtual SqlStatement& BindNull(int index) = 0;
  // Bytes kept as they are (a BLOB, a bytea), for what is not text: a
  // reader's answer in the child codec (page_jobs.result).
  virtual SqlStatement& BindBlob(int index, std::string_view bytes) = 0;
  // Binds NULL for an empty string (events without a file).
  SqlStatement& BindTextOrNull(int index, std::string_view value) {
    return value.empty() ? BindNull(index) : BindText(index, value);
  }
  SqlStatement& BindOptionalDouble(int index, std::optional<double> value) {
    return value ? BindDouble(index, *value) : BindNull(index);
  }

  // Runs the statement (on the first call) and advances: true when a row is
  // available, false when done.
  virtual Result<bool> Step() = 0;
  // Runs a statement that returns no rows to completion.
  virtual Status Run() = 0;
  // Makes the statement ready to be bound and run again.
  virtual void Reset() = 0;
  // Rows the last INSERT, UPDATE or DELETE run by this statement changed.
  virtual int64_t Changes() const = 0;

  // Steps through the remaining rows, calling each() on each row (read it
  // with the accessors below); stops at the first failure, the engine's or a
  // non-OK Status that each() returns (it may return void).
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

  virtual bool IsNull(int column) const = 0;
  virtual int64_t Int(int column) const = 0;
  virtual double Double(int column) const = 0;
  virtual std::string Text(int column) const = 0;
  // A column bound with BindBlob, its bytes as stored.
  virtual std::string Blob(int column) const = 0;
  std::optional<double> OptionalDouble(int column) const {
    if (IsNull(column)) return std::nullopt;
    return Double(column);
  }
};

// Runs `insert`, an INSERT ... RETURNING id, to its end and gives the new
// row's id (`what`: "file", "arrival", ... for the message when there is
// none). To its end, not only to its row: a statement left open keeps its
// statement journal open too (SQLite), and every statement run after it in
// the transaction then journals the pages it changes there, spilled to a
// temporary file past 64 KiB: a file's documents, saved after their
// INSERT INTO documents, wrote thousands of pages to it.
inline Result<int64_t> InsertedId(SqlStatement& insert, const std::string& doing,
                                  const char* what) {
  Result<bool> row = insert.Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::Internal(doing + ": the new " + what + " got no id");
  const int64_t id = insert.Int(0);
  Result<bool> more = insert.Step();
  if (!more.ok()) return more.status();
  if (*more) return Status::Internal(doing + ": the new " + what + " got more than one id");
  return id;
}

// Runs `insert` once for each of `items`, in order: its ?1 is `owner` (the
// id of the document or application they belong to, an integer or text),
// its ?2 the item's position in `items`, and bind(insert, item) binds the
// rest. Stops at the first failure.
template <typename Owner, typename T, typename Bind>
Status InsertEach(SqlStatement& insert, const Owner& owner, const std::vector<T>& items,
                  Bind&& bind) {
  for (size_t i = 0; i < items.size(); ++i) {
    insert.Reset();
    if constexpr (std::is_arithmetic_v<Owner>) {
      insert.BindInt(1, owner);
    } else {
      insert.BindText(1, owner);
    }
    insert.BindInt(2, static_cast<int64_t>(i));
    bind(insert, items[i]);
    Status status = insert.Run();
    if (!status.ok()) return status;
  }
  return Status::Ok();
}

// A transaction, rolled back when destroyed without Commit().
class SqlTransaction {
 public:
  virtual ~SqlTransaction() = default;
  virtual Status Commit() = 0;
};

}  // namespace dossier::store_internal
