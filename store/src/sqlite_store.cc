// The SQLite store: opening, configuring and copying the database, and the
// engine's part of SqlStore. What the store does is in one file per concern
// (sql_store.h says which). All SQL of dossier lives in store/src; values
// reach it only through bound parameters.
#include "sqlite_store.h"

#include <algorithm>
#include <chrono>
#include <exception>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <utility>

#include "dossier/common/data_folder.h"
#include "schema.h"
#include "sqlite_util.h"

namespace dossier {

namespace store_internal {

Result<std::unique_ptr<SqlStatement>> SqliteStore::Prepare(std::string_view sql,
                                                           std::string_view doing) {
  DOSSIER_STORE_ASSIGN_OR_RETURN(stmt, Statement::Prepare(db_.get(), sql, doing));
  return std::unique_ptr<SqlStatement>(std::make_unique<Statement>(std::move(stmt)));
}

Result<std::unique_ptr<SqlTransaction>> SqliteStore::BeginWrite(const std::string& doing,
                                                                Durability durability) {
  // synchronous is the connection's, read at each commit; it is set before
  // BEGIN, and only when it changes (a PRAGMA costs little, but a file of
  // many jobs makes many transactions). With WAL, NORMAL commits without
  // syncing the log; FULL syncs it, and with it every commit before (the log
  // is recovered only up to its first missing frame, so a durable commit
  // must not follow one that could be lost, and does not).
  // A statement outside a transaction (a lease's renewal) commits at the
  // level last set: a renewal lost to a power loss is a lease run out.
  if (durability != synchronous_for_) {
    DOSSIER_STORE_RETURN_IF_ERROR(db_.ExecScript(durability == Durability::kDurable
                                                     ? "PRAGMA synchronous = FULL"
                                                     : "PRAGMA synchronous = NORMAL",
                                                 doing));
    synchronous_for_ = durability;
  }
  auto tx = std::make_unique<Transaction>(db_);
  DOSSIER_STORE_RETURN_IF_ERROR(tx->Begin(doing));
  return std::unique_ptr<SqlTransaction>(std::move(tx));
}

Status SqliteStore::Exec(const char* sql, std::string_view doing) {
  return db_.ExecScript(sql, doing);
}

std::string SqliteStore::JsonArraySql(std::string_view elements) const {
  return "json_array(" + std::string(elements) + ")";
}

Status SqliteStore::LockForEnding(const std::string&, const std::string&) { return Status::Ok(); }

Status SqliteStore::AnnounceJob(const std::string&) { return Status::Ok(); }

Result<std::unique_ptr<SqlTransaction>> SqliteStore::BeginClaim(const std::string& doing) {
  return BeginWrite(doing, Durability::kRecomputable);
}

std::string SqliteStore::ClaimLockSql(bool, const char*) const { return ""; }

Result<bool> SqliteStore::WaitForJobs(int64_t timeout_ms) {
  std::this_thread::sleep_for(std::chrono::milliseconds(std::max<int64_t>(timeout_ms, 0)));
  return false;
}

Status SqliteStore::WithAssemblyLock(const std::function<Status()>& assemble) {
  // Every process of a SQLite store runs on its machine; an assembly saved
  // from facts read just before another file's documents were saved is
  // replaced by the assembly that follows that file.
  return assemble();
}

}  // namespace store_internal

namespace {

using store_internal::Database;
using store_internal::SqliteStore;
using store_internal::Statement;

constexpr int kBusyTimeoutMs = 5000;

Result<std::unique_ptr<Store>> Open(const std::filesystem::path& path, Env& env) {
  const std::string name = path.string();
  const std::string doing = "cannot open the store at " + name;
  const bool in_memory = name == ":memory:";

  if (!in_memory && path.has_parent_path()) {
    // Durably, as the data folder: SQLite syncs the folder it writes its log
    // in, not that folder's entry in its parent.
    if (Status made = CreateFoldersDurably(path.parent_path()); !made.ok()) {
      return Status::Io(doing + ": cannot create its folder (" + made.message() + ")");
    }
  }

  sqlite3* raw = nullptr;
  int rc =
      sqlite3_open_v2(name.c_str(), &raw,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  Database db(raw);  // owns the handle even when opening failed
  if (rc != SQLITE_OK) return store_internal::SqliteStatus(raw, rc, doing);
  sqlite3_extended_result_codes(db.get(), 1);

  // Another dossier process (a report while the ingest runs) may hold the
  // write lock for a moment; wait for it rather than fail.
  rc = sqlite3_busy_timeout(db.get(), kBusyTimeoutMs);
  if (rc != SQLITE_OK) return store_internal::SqliteStatus(db.get(), rc, doing);

  // WAL lets reports read while the ingest writes. It is required, not just
  // asked for: the synchronous levels below are chosen with WAL in mind, and a store
  // on a file system without shared memory (some network shares) is better
  // refused than run in a mode nobody tested.
  {
    DOSSIER_STORE_ASSIGN_OR_RETURN(
        mode, Statement::Prepare(db.get(), "PRAGMA journal_mode = WAL", doing));
    DOSSIER_STORE_ASSIGN_OR_RETURN(row, mode.Step());
    const std::string got = row ? mode.Text(0) : std::string();
    if (got != "wal" && !(in_memory && got == "memory")) {
      return Status::Io(doing + ": the store's folder does not support write-ahead logging (got '" +
                        got + "'); put the store on a local disk");
    }
  }
  // The store's rule for power loss (README, "Power loss"): FULL for every
  // commit of what nothing else could give back (Durability::kDurable: an
  // arrival, once recorded, lets the inbox forget the file); NORMAL for what
  // the kept originals give again (claims, what was read, the assembly), set
  // per transaction (BeginWrite). With WAL, NORMAL is atomic and never
  // corrupts the store, but a power loss may roll back its last commits,
  // which only runs their jobs again, as after a kill -9. Each sync of the
  // log waits for the disk (a few ms, most of a small file's ingest), and
  // those commits are most of a file's. The migration is NORMAL too: a step
  // rolled back is run again at the next open, and the first arrival's
  // commit syncs it with itself. (The switch to WAL above, on a new store,
  // is made at SQLite's default, FULL: it writes the file itself, through a
  // rollback journal, where NORMAL could leave a torn first page.)
  // The log is checkpointed into the store and removed when the last
  // connection closes (SQLite's default), so that store.sqlite alone is the
  // whole store once dossier has stopped (a copy, a backup, a folder only
  // read: OpenSqliteStoreSnapshot). Keeping the log file instead
  // (SQLITE_FCNTL_PERSIST_WAL) saves no sync: SQLite still syncs the new
  // log's header and, once per connection, the folder (seen with strace).
  // foreign_keys is per connection and off by default: the cascades that
  // SaveAssembly relies on need it.
  DOSSIER_STORE_RETURN_IF_ERROR(
      db.ExecScript("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON", doing));
  DOSSIER_STORE_RETURN_IF_ERROR(store_internal::Migrate(db, name));
  // Durable from here on unless a transaction says otherwise.
  DOSSIER_STORE_RETURN_IF_ERROR(db.ExecScript("PRAGMA synchronous = FULL", doing));
  return std::unique_ptr<Store>(std::make_unique<SqliteStore>(std::move(db), name, env));
}

// "file:" and the path with every byte but the plainest percent-encoded, for
// sqlite3_open_v2 with SQLITE_OPEN_URI.
std::string FileUri(const std::filesystem::path& path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out = "file:";
  for (unsigned char c : std::filesystem::absolute(path).string()) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' ||
        c == '.' || c == '-' || c == '_') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// Copies the database `file` names (a path, or a URI with `flags`) into
// `memory` in one step, inside one read transaction: a consistent picture
// even while an ingest writes to the file. Returns SQLite's result code.
int CopyInto(sqlite3* memory, const std::string& file, int flags) {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(file.c_str(), &raw, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | flags,
                           nullptr);
  Database source(raw);
  if (rc == SQLITE_OK) {
    sqlite3_extended_result_codes(source.get(), 1);
    sqlite3_busy_timeout(source.get(), kBusyTimeoutMs);
    sqlite3_backup* backup = sqlite3_backup_init(memory, "main", source.get(), "main");
    if (!backup) {
      rc = sqlite3_extended_errcode(memory);
    } else {
      rc = sqlite3_backup_step(backup, -1);
      sqlite3_backup_finish(backup);
      if (rc == SQLITE_DONE) return SQLITE_OK;
    }
  }
  return rc;
}

// The store copied into memory from a file that is only read: see
// OpenSqliteStoreSnapshot.
Result<std::unique_ptr<Store>> OpenSnapshot(const std::filesystem::path& path, Env& env) {
  const std::string name = path.string();
  const std::string doing = "cannot read the store at " + name;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return Status::NotFound(doing + ": there is no such file");
  }
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(":memory:", &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
  Database memory(raw);
  if (rc != SQLITE_OK) return store_internal::SqliteStatus(raw, rc, doing);
  sqlite3_extended_result_codes(memory.get(), 1);

  // Read-only, never created, so nothing here can change the original.
  rc = CopyInto(memory.get(), name, 0);
  if ((rc & 0xff) == SQLITE_READONLY || (rc & 0xff) == SQLITE_CANTOPEN) {
    // A WAL store in a folder nobody may write (an auditor's copy) cannot
    // get the shared-memory file SQLite reads it with. Once the last writer
    // has closed it, its log is empty or gone and the file alone is the
    // whole store: read it as immutable, without locks or log.
    std::filesystem::path wal = path;
    wal += "-wal";
    const bool log_empty =
        !std::filesystem::exists(wal, ec) || std::filesystem::file_size(wal, ec) == 0;
    if (!log_empty) {
      return Status::Io(doing + ": its write-ahead log (" + wal.filename().string() +
                        ") holds changes that cannot be read in a folder that is not writable; "
                        "copy the data folder after dossier has stopped, or make it writable");
    }
    rc = CopyInto(memory.get(), FileUri(path) + "?immutable=1", SQLITE_OPEN_URI);
  }
  if (rc != SQLITE_OK) return store_internal::SqliteStatus(nullptr, rc, doing);

  DOSSIER_STORE_RETURN_IF_ERROR(memory.ExecScript("PRAGMA foreign_keys = ON", doing));
  // A copy from an older build is brought up to date in memory only.
  DOSSIER_STORE_RETURN_IF_ERROR(store_internal::Migrate(memory, name));
  return std::unique_ptr<Store>(std::make_unique<SqliteStore>(std::move(memory), name, env));
}

}  // namespace

Result<std::unique_ptr<Store>> OpenSqliteStoreSnapshot(const std::filesystem::path& path,
                                                       Env& env) {
  try {
    return OpenSnapshot(path, env);
  } catch (const std::exception& e) {
    return Status::Internal("cannot read the store at " + path.string() + ": unexpected failure (" +
                            e.what() + ")");
  }
}

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::filesystem::path& path, Env& env) {
  try {
    return Open(path, env);
  } catch (const std::exception& e) {
    return Status::Internal("cannot open the store at " + path.string() + ": unexpected failure (" +
                            e.what() + ")");
  }
}

int StoreSchemaVersion() { return store_internal::KnownSchemaVersion(); }

}  // namespace dossier
