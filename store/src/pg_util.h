// A small wrapper over libpq's C API, private to store/: a connection that
// comes back after the server went away, parameterized queries and
// transactions with RAII. Every value reaches SQL as a parameter of
// PQexecParams; nothing here formats values into SQL text. Failures become
// Status with a plain reason in Chinese (what a clerk may see) followed by the
// server's own words for the log.
#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dossier/common/status.h"
#include "sql_statement.h"
#include "status_macros.h"

namespace dossier::store_internal::pg {

// The Status for a failed connection attempt or query. `sqlstate` is the
// server's error code ("" when the failure was on our side of the socket);
// `server_message` the server's or libpq's text. Connection, resource and
// permission failures are Io; a broken rule or a bug is Internal.
Status PgStatus(std::string_view doing, const std::string& sqlstate,
                const std::string& server_message);

// Whether `conninfo` (a libpq URL or key=value string) names a password.
// A password on a command line or in a config file is seen by every user of
// the machine (ps, shell history), so it is refused: libpq reads it from
// PGPASSFILE (~/.pgpass) or PGPASSWORD instead.
// On failure: InvalidInput when libpq cannot parse the string (its words).
Result<bool> ConninfoHasPassword(const std::string& conninfo);

// Text safe for a PostgreSQL text value: UTF-8 with every invalid byte and
// every NUL (which libpq's text parameters cannot carry) as U+FFFD. Text from
// documents may be damaged; damaged text is data, so it is kept this way
// rather than refused.
std::string PgSafeText(std::string_view text);

// One connection. Not thread-safe; one thread uses it at a time.
class Connection {
 public:
  // Connects with libpq's defaults and environment (PGHOST, PGPASSFILE, ...)
  // for whatever `conninfo` leaves out; the session speaks UTF-8 and UTC.
  // On failure: Io, saying whether the server could not be reached, refused
  // the login or has no such database.
  static Result<std::unique_ptr<Connection>> Open(const std::string& conninfo,
                                                  std::string_view doing);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  PGconn* get() const { return conn_; }
  // Counts the sessions: goes up each time EnsureOpen connects again (what a
  // session set up, LISTEN, is then gone).
  int64_t session() const { return session_; }
  bool in_transaction() const { return in_transaction_; }
  void set_in_transaction(bool in) { in_transaction_ = in; }

  // When the connection is known to be broken (the server restarted, the
  // network dropped), connects again. Only called where nothing of an
  // unfinished transaction can be lost: at BEGIN and before a statement run
  // outside a transaction.
  Status EnsureOpen(std::string_view doing);

  // Runs SQL text that carries no values (schema steps, BEGIN/COMMIT). Several
  // statements may be given at once.
  Status ExecScript(const char* sql, std::string_view doing);

 private:
  explicit Connection(PGconn* conn) : conn_(conn) {}
  Status Configure(std::string_view doing);

  PGconn* conn_ = nullptr;
  bool in_transaction_ = false;
  int64_t session_ = 0;
};

// A query with parameters $1, $2, ... (sql_statement.h), run with
// PQexecParams when first stepped; its whole result is then held and read row
// by row. Bind errors do not exist here: values are sent as text and typed by
// the server from where they stand in the statement.
class Statement final : public SqlStatement {
 public:
  Statement() = default;
  Statement(Statement&&) noexcept = default;
  Statement& operator=(Statement&&) noexcept = default;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  static Result<Statement> Prepare(Connection& conn, std::string_view sql, std::string_view doing);

  Statement& BindInt(int index, int64_t value) override;
  Statement& BindDouble(int index, double value) override;
  Statement& BindText(int index, std::string_view value) override;
  Statement& BindNull(int index) override;
  Statement& BindBlob(int index, std::string_view bytes) override;

  Result<bool> Step() override;
  // Runs a statement to completion; its rows, if any, are ignored.
  Status Run() override;
  // Forgets the result and the values, to bind and run again.
  void Reset() override;
  // Rows an INSERT, UPDATE or DELETE changed (PQcmdTuples).
  int64_t Changes() const override;

  bool IsNull(int column) const override;
  int64_t Int(int column) const override;
  double Double(int column) const override;
  std::string Text(int column) const override;
  std::string Blob(int column) const override;

 private:
  struct ResultDeleter {
    void operator()(PGresult* r) const { PQclear(r); }
  };
  Status Execute();
  void Set(int index, std::optional<std::string> value);

  Connection* conn_ = nullptr;
  std::string sql_;
  std::string doing_;
  std::vector<std::optional<std::string>> params_;
  std::unique_ptr<PGresult, ResultDeleter> result_;
  int row_ = -1;
};

// A transaction; rolls back when destroyed without Commit(). Begin() connects
// again first when the connection was broken, so a store survives a server
// restart between two transactions. Begun inside another one, it is a
// savepoint of it: Commit() keeps its work in the outer transaction, a
// rollback undoes only its own.
class Transaction final : public SqlTransaction {
 public:
  explicit Transaction(Connection& conn) : conn_(conn) {}
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction() override;

  Status Begin(std::string_view doing);
  Status Commit() override;

 private:
  Connection& conn_;
  bool active_ = false;
  bool nested_ = false;
  std::string doing_;
};

}  // namespace dossier::store_internal::pg
