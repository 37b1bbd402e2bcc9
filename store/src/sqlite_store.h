// The SQLite engine's Store, private to store/: SqlStore (sql_store.h) over
// one SQLite connection, with what SQLite does its own way: a writer's turn is
// BEGIN IMMEDIATE, and so is a claimer's, workers poll. Opening, copying and
// the engine's part in sqlite_store.cc.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "dossier/common/env.h"
#include "sql_store.h"
#include "sqlite_util.h"

namespace dossier::store_internal {

class SqliteStore final : public SqlStore {
 public:
  // Times the store records itself are env's; env outlives the store.
  SqliteStore(Database db, std::string path, Env& env)
      : SqlStore(env), db_(std::move(db)), path_(std::move(path)) {}

  // ApplicationStore (sqlite_store.cc)
  Status WithAssemblyLock(const std::function<Status()>& assemble) override;

  // JobQueue (sqlite_store.cc): workers poll, SQLite cannot wake another
  // process; this only sleeps.
  Result<bool> WaitForJobs(int64_t timeout_ms) override;

 protected:
  // SqlStore's engine part (sqlite_store.cc).
  Result<std::unique_ptr<SqlStatement>> Prepare(std::string_view sql,
                                                std::string_view doing) override;
  // BEGIN IMMEDIATE, after PRAGMA synchronous = FULL (kDurable) or NORMAL
  // (kRecomputable).
  Result<std::unique_ptr<SqlTransaction>> BeginWrite(const std::string& doing,
                                                     Durability durability) override;
  Status Exec(const char* sql, std::string_view doing) override;
  std::string JsonArraySql(std::string_view elements) const override;
  // The write transaction alone keeps claims out.
  Status LockForEnding(const std::string& sha256, const std::string& doing) override;
  // Workers poll the file.
  Status AnnounceJob(const std::string& doing) override;
  // BeginWrite: the lookup and the claim are one turn of the write lock, so
  // two claimers never both win.
  Result<std::unique_ptr<SqlTransaction>> BeginClaim(const std::string& doing) override;
  // "": SQLite locks the database, not rows.
  std::string ClaimLockSql(bool skip_locked, const char* alias) const override;

 private:
  Database db_;
  std::string path_;
  // What PRAGMA synchronous was last set for: FULL when the store is opened.
  Durability synchronous_for_ = Durability::kDurable;
};

}  // namespace dossier::store_internal
