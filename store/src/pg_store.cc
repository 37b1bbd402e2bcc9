// The PostgreSQL store: connecting and migrating. What the store does is in
// one file per concern (pg_store.h says which).
#include "pg_store.h"

#include <exception>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "pg_module.h"

namespace dossier {

namespace store_internal::pg {

PgStore::~PgStore() = default;

Status PgStore::BecomeSnapshot() {
  const std::string doing = "cannot read the store at " + path_;
  // REPEATABLE READ: every query of the command sees the same committed
  // state, even while an ingest on another machine writes.
  auto tx = std::make_unique<Transaction>(db_);
  DOSSIER_STORE_RETURN_IF_ERROR(tx->Begin(doing));
  DOSSIER_STORE_RETURN_IF_ERROR(
      db_.ExecScript("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ WRITE", doing));
  // Temporary tables come first in the search path: the assembly a reading
  // command makes (JudgeApplications) lands in them, the shared tables keep
  // theirs and take no row lock, so no writer waits for a report.
  static constexpr const char* kAssemblyTables[] = {
      "applications", "application_fields", "field_sources", "application_documents", "findings",
      "checks",       "unassigned"};
  // Once a temporary table is made its name means it: the shared one is
  // named with its schema.
  DOSSIER_STORE_ASSIGN_OR_RETURN(schema_query,
                                 Prepare("SELECT quote_ident(current_schema())", doing));
  DOSSIER_STORE_ASSIGN_OR_RETURN(has_schema, schema_query->Step());
  if (!has_schema) return Status::Internal(doing + ": the store's schema is unknown");
  const std::string schema = schema_query->Text(0);
  for (const char* table : kAssemblyTables) {
    // The table names are our own constants and the schema's is quoted by
    // the server: no data is formatted into this text.
    const std::string shared = schema + "." + table;
    const std::string sql = std::string("CREATE TEMPORARY TABLE ") + table + " (LIKE " + shared +
                            " INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES) "
                            "ON COMMIT DROP; INSERT INTO pg_temp." +
                            table + " SELECT * FROM " + shared;
    DOSSIER_STORE_RETURN_IF_ERROR(db_.ExecScript(sql.c_str(), doing));
  }
  snapshot_ = std::move(tx);
  return Status::Ok();
}

namespace {

// `sql` with the shared SQL's parameters ?1, ?2, ... written $1, $2, ...;
// a ? inside a quoted string or name is left alone.
std::string DollarParameters(std::string_view sql) {
  std::string out;
  out.reserve(sql.size());
  char quote = 0;
  for (size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '?' && i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9') {
      out += '$';
      continue;
    }
    out += c;
  }
  return out;
}

}  // namespace

Result<std::unique_ptr<SqlStatement>> PgStore::Prepare(std::string_view sql,
                                                       std::string_view doing) {
  DOSSIER_STORE_ASSIGN_OR_RETURN(stmt, Statement::Prepare(db_, DollarParameters(sql), doing));
  return std::unique_ptr<SqlStatement>(std::make_unique<Statement>(std::move(stmt)));
}

Result<std::unique_ptr<SqlTransaction>> PgStore::BeginWrite(const std::string& doing, Durability) {
  // Every commit is as durable as the server is set to make it
  // (synchronous_commit): the server is shared and its own to configure.
  auto tx = std::make_unique<Transaction>(db_);
  DOSSIER_STORE_RETURN_IF_ERROR(tx->Begin(doing));
  // A snapshot writes nothing that is ever committed: no turn to wait for.
  if (snapshot_) return std::unique_ptr<SqlTransaction>(std::move(tx));
  // Keyed by the schema, so that stores in other schemas of the same database
  // do not wait for each other.
  DOSSIER_STORE_RETURN_IF_ERROR(db_.ExecScript(
      "SELECT pg_advisory_xact_lock(1146048339, hashtext(COALESCE(current_schema(), '')))", doing));
  return std::unique_ptr<SqlTransaction>(std::move(tx));
}

Status PgStore::Exec(const char* sql, std::string_view doing) { return db_.ExecScript(sql, doing); }

std::string PgStore::JsonArraySql(std::string_view elements) const {
  return "json_build_array(" + std::string(elements) + ")::text";
}

Status PgStore::LockForEnding(const std::string& sha256, const std::string& doing) {
  // The file's row is locked before its job is looked at, in the order a
  // claim takes them (files, then jobs): a claim of this job waits until the
  // ending commits and then finds it ended, or (claimed first) makes this
  // ending see the new attempt and be refused.
  DOSSIER_STORE_ASSIGN_OR_RETURN(
      lock, Prepare("SELECT id FROM files WHERE sha256 = $1 FOR UPDATE", doing));
  lock->BindText(1, sha256);
  return lock->Run();
}

Status PgStore::AnnounceJob(const std::string& doing) {
  // Sent when the transaction commits, and only then: a worker woken by it
  // finds the job.
  return db_.ExecScript("NOTIFY " kJobsChannel, doing);
}

Result<std::unique_ptr<SqlTransaction>> PgStore::BeginClaim(const std::string& doing) {
  auto tx = std::make_unique<Transaction>(db_);
  DOSSIER_STORE_RETURN_IF_ERROR(tx->Begin(doing));
  return std::unique_ptr<SqlTransaction>(std::move(tx));
}

std::string PgStore::ClaimLockSql(bool skip_locked, const char* alias) const {
  return std::string(" FOR UPDATE OF ") + alias + (skip_locked ? " SKIP LOCKED" : "");
}

Status PgStore::WithAssemblyLock(const std::function<Status()>& assemble) {
  // A snapshot's assembly is its own.
  if (snapshot_) return assemble();
  const std::string doing = "assembling the applications";
  Transaction tx(db_);
  DOSSIER_STORE_RETURN_IF_ERROR(tx.Begin(doing));
  DOSSIER_STORE_RETURN_IF_ERROR(
      db_.ExecScript("SELECT pg_advisory_xact_lock(1146048334, "
                     "hashtext(COALESCE(current_schema(), '')))",
                     doing));
  DOSSIER_STORE_RETURN_IF_ERROR(assemble());
  return tx.Commit();
}

}  // namespace store_internal::pg

namespace {

// A password in the connection string is refused (see ConninfoHasPassword);
// the string itself is not repeated, since it holds the password.
Status RefusePassword(const std::string& conninfo) {
  DOSSIER_STORE_ASSIGN_OR_RETURN(has_password, store_internal::pg::ConninfoHasPassword(conninfo));
  if (!has_password) return Status::Ok();
  return Status::InvalidInput(
      "the store's connection string holds a password; put it in a password file named by "
      "PGPASSFILE (default ~/.pgpass, mode 0600) or in PGPASSWORD, not on the command line or "
      "in a settings file");
}

Result<std::unique_ptr<Store>> OpenPg(const std::string& conninfo, Env& env) {
  const std::string doing = "cannot open the store at " + conninfo;
  DOSSIER_STORE_RETURN_IF_ERROR(RefusePassword(conninfo));
  DOSSIER_STORE_ASSIGN_OR_RETURN(conn, store_internal::pg::Connection::Open(conninfo, doing));
  DOSSIER_STORE_RETURN_IF_ERROR(store_internal::pg::MigratePg(*conn, conninfo));
  return std::unique_ptr<Store>(
      std::make_unique<store_internal::pg::PgStore>(std::move(conn), conninfo, env));
}

// See OpenPostgresStoreSnapshot.
Result<std::unique_ptr<Store>> OpenPgSnapshot(const std::string& conninfo, Env& env) {
  const std::string doing = "cannot read the store at " + conninfo;
  DOSSIER_STORE_RETURN_IF_ERROR(RefusePassword(conninfo));
  DOSSIER_STORE_ASSIGN_OR_RETURN(conn, store_internal::pg::Connection::Open(conninfo, doing));
  // A reading command never migrates a shared store: the next writer does.
  DOSSIER_STORE_ASSIGN_OR_RETURN(
      exists, store_internal::pg::Statement::Prepare(
                  *conn, "SELECT to_regclass('dossier_schema') IS NOT NULL", doing));
  DOSSIER_STORE_ASSIGN_OR_RETURN(looked, exists.Step());
  int64_t found = -1;
  if (looked && exists.Text(0) == "t") {
    DOSSIER_STORE_ASSIGN_OR_RETURN(
        version, store_internal::pg::Statement::Prepare(
                     *conn, "SELECT COALESCE(max(version), 0) FROM dossier_schema", doing));
    DOSSIER_STORE_ASSIGN_OR_RETURN(row, version.Step());
    if (row) found = version.Int(0);
  }
  if (found <= 0) {
    return Status::NotFound(doing + ": the database holds no dossier store yet (ingest first)");
  }
  if (found != store_internal::pg::KnownPgSchemaVersion()) {
    return Status::Io(doing + ": its schema is version " + std::to_string(found) +
                      ", this build reads version " +
                      std::to_string(store_internal::pg::KnownPgSchemaVersion()) +
                      (found < store_internal::pg::KnownPgSchemaVersion()
                           ? "; run a command that writes (ingest) with this build to upgrade it"
                           : "; it was written by a newer dossier"));
  }
  auto store = std::make_unique<store_internal::pg::PgStore>(std::move(conn), conninfo, env);
  DOSSIER_STORE_RETURN_IF_ERROR(store->BecomeSnapshot());
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace

Result<std::unique_ptr<Store>> store_internal::pg::OpenSnapshotNow(const std::string& conninfo,
                                                                   Env& env) {
  try {
    return OpenPgSnapshot(conninfo, env);
  } catch (const std::exception& e) {
    return Status::Internal("cannot read the store at " + conninfo + ": unexpected failure (" +
                            e.what() + ")");
  }
}

Result<std::unique_ptr<Store>> store_internal::pg::OpenNow(const std::string& conninfo, Env& env) {
  try {
    return OpenPg(conninfo, env);
  } catch (const std::exception& e) {
    return Status::Internal("cannot open the store at " + conninfo + ": unexpected failure (" +
                            e.what() + ")");
  }
}

}  // namespace dossier
