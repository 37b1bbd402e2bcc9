#include "sqlite_util.h"

#include <limits>
#include <utility>

namespace dossier::store_internal {

namespace {

// The plain reason for a result code, and whether it is the environment's
// doing (Io) rather than a bug or a broken invariant (Internal).
struct Reason {
  const char* text;
  bool environment;
};

Reason ReasonFor(int rc) {
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return {"the store is busy: another dossier process is writing to it; try again", true};
    case SQLITE_FULL:
      return {"the disk is full", true};
    case SQLITE_IOERR:
      return {"the store file could not be read or written", true};
    case SQLITE_READONLY:
      return {"the store file is read-only", true};
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return {"permission denied", true};
    case SQLITE_CANTOPEN:
      return {"the store file cannot be opened (does its folder exist, is it writable?)", true};
    case SQLITE_NOTADB:
      return {"the file is not a dossier store (not an SQLite database)", true};
    case SQLITE_CORRUPT:
      return {"the store file is damaged", true};
    case SQLITE_NOMEM:
      return {"out of memory", true};
    case SQLITE_TOOBIG:
      return {"a value is too large to store", false};
    case SQLITE_CONSTRAINT:
      return {"the data breaks a rule of the store", false};
    default:
      return {"unexpected database failure", false};
  }
}

}  // namespace

Status SqliteStatus(sqlite3* db, int rc, std::string_view doing) {
  Reason reason = ReasonFor(rc);
  std::string message(doing);
  message += ": ";
  message += reason.text;
  // errmsg describes the most recent failure on the connection, which is the
  // one we are reporting; without a connection only the code's text is known.
  message += " (SQLite: ";
  message += db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  message += ")";
  return reason.environment ? Status::Io(std::move(message)) : Status::Internal(std::move(message));
}

Database& Database::operator=(Database&& other) noexcept {
  if (this != &other) {
    if (db_ != nullptr) sqlite3_close_v2(db_);
    db_ = other.db_;
    other.db_ = nullptr;
  }
  return *this;
}

Database::~Database() {
  // close_v2 defers the close until outstanding statements are finalized, so
  // destruction order of statements and the connection does not matter.
  if (db_ != nullptr) sqlite3_close_v2(db_);
}

Status Database::ExecScript(const char* sql, std::string_view doing) {
  int rc = sqlite3_exec(db_, sql, nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return SqliteStatus(db_, rc, doing);
  return Status::Ok();
}

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_),
      stmt_(other.stmt_),
      doing_(std::move(other.doing_)),
      bind_rc_(other.bind_rc_) {
  other.stmt_ = nullptr;
}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    if (stmt_ != nullptr) sqlite3_finalize(stmt_);
    db_ = other.db_;
    stmt_ = other.stmt_;
    doing_ = std::move(other.doing_);
    bind_rc_ = other.bind_rc_;
    other.stmt_ = nullptr;
  }
  return *this;
}

Statement::~Statement() {
  if (stmt_ != nullptr) sqlite3_finalize(stmt_);
}

Result<Statement> Statement::Prepare(sqlite3* db, std::string_view sql, std::string_view doing) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return SqliteStatus(db, rc, doing);
  }
  return Statement(db, stmt, std::string(doing));
}

void Statement::NoteBind(int rc) {
  if (rc != SQLITE_OK && bind_rc_ == SQLITE_OK) bind_rc_ = rc;
}

Statement& Statement::BindInt(int index, int64_t value) {
  NoteBind(sqlite3_bind_int64(stmt_, index, value));
  return *this;
}

Statement& Statement::BindDouble(int index, double value) {
  NoteBind(sqlite3_bind_double(stmt_, index, value));
  return *this;
}

Statement& Statement::BindText(int index, std::string_view value) {
  if (value.size() > static_cast<size_t>(std::numeric_limits<int>::max())) {
    NoteBind(SQLITE_TOOBIG);
    return *this;
  }
  // An empty view may have a null data(); SQLite would store NULL for it.
  const char* data = value.empty() ? "" : value.data();
  NoteBind(sqlite3_bind_text(stmt_, index, data, static_cast<int>(value.size()), SQLITE_TRANSIENT));
  return *this;
}

Statement& Statement::BindNull(int index) {
  NoteBind(sqlite3_bind_null(stmt_, index));
  return *this;
}

Result<bool> Statement::Step() {
  if (bind_rc_ != SQLITE_OK) {
    int rc = bind_rc_;
    bind_rc_ = SQLITE_OK;
    return SqliteStatus(nullptr, rc, doing_);
  }
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return SqliteStatus(db_, rc, doing_);
}

Status Statement::Run() {
  Result<bool> row = Step();
  if (!row.ok()) return row.status();
  if (*row)
    return Status::Internal(doing_ + ": a statement returned rows where none were expected");
  return Status::Ok();
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  bind_rc_ = SQLITE_OK;
}

int64_t Statement::Changes() const { return sqlite3_changes(db_); }

bool Statement::IsNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

int64_t Statement::Int(int column) const { return sqlite3_column_int64(stmt_, column); }

double Statement::Double(int column) const { return sqlite3_column_double(stmt_, column); }

Statement& Statement::BindBlob(int index, std::string_view bytes) {
  if (bytes.size() > static_cast<size_t>(std::numeric_limits<int>::max())) {
    NoteBind(SQLITE_TOOBIG);
    return *this;
  }
  // As in BindText: an empty view may have a null data(), which SQLite would
  // store as NULL.
  const char* data = bytes.empty() ? "" : bytes.data();
  NoteBind(sqlite3_bind_blob(stmt_, index, data, static_cast<int>(bytes.size()), SQLITE_TRANSIENT));
  return *this;
}

std::string Statement::Blob(int column) const {
  const void* bytes = sqlite3_column_blob(stmt_, column);
  if (bytes == nullptr) return {};
  return std::string(static_cast<const char*>(bytes),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::string Statement::Text(int column) const {
  const unsigned char* text = sqlite3_column_text(stmt_, column);
  if (text == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

Transaction::~Transaction() {
  // Nothing to report to: the caller already returns the failure that made
  // us roll back, and a failed ROLLBACK leaves SQLite to roll back on close.
  if (active_) sqlite3_exec(db_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
}

Status Transaction::Begin(std::string_view doing) {
  doing_ = std::string(doing);
  DOSSIER_STORE_RETURN_IF_ERROR(db_.ExecScript("BEGIN IMMEDIATE", doing_));
  active_ = true;
  return Status::Ok();
}

Status Transaction::Commit() {
  DOSSIER_STORE_RETURN_IF_ERROR(db_.ExecScript("COMMIT", doing_));
  active_ = false;
  return Status::Ok();
}

}  // namespace dossier::store_internal
