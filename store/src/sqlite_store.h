// The SQLite engine's Store, private to store/: SqlStore (sql_store.h) over
// one SQLite connection, with what SQLite does its own way: a writer's turn is
// BEGIN IMMEDIATE, a claim is a lookup and an upsert in one turn, workers
// poll. Opening and copying in sqlite_store.cc, claims in sqlite_queue.cc.
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

  // JobQueue (sqlite_queue.cc)
  Result<std::optional<JobClaim>> ClaimJob(const std::string& sha256, const std::string& runner,
                                           int64_t lease_ms) override;
  Result<std::optional<JobClaim>> ClaimNextJob(const std::string& runner,
                                               int64_t lease_ms) override;
  Result<bool> WaitForJobs(int64_t timeout_ms) override;

 protected:
  // SqlStore's engine part (sqlite_store.cc).
  Result<std::unique_ptr<SqlStatement>> Prepare(std::string_view sql,
                                                std::string_view doing) override;
  // BEGIN IMMEDIATE.
  Result<std::unique_ptr<SqlTransaction>> BeginWrite(const std::string& doing) override;
  Status Exec(const char* sql, std::string_view doing) override;
  std::string JsonArraySql(std::string_view elements) const override;
  // The write transaction alone keeps claims out.
  Status LockForEnding(const std::string& sha256, const std::string& doing) override;
  // Workers poll the file.
  Status AnnounceJob(const std::string& doing) override;

 private:
  // Claims the file's job when it is claimable at now_ms (see ClaimJob),
  // inside the caller's transaction; nullopt when it is not.
  Result<std::optional<JobClaim>> ClaimInTransaction(const std::string& sha256,
                                                     const std::string& runner, int64_t lease_ms,
                                                     int64_t now_ms, const std::string& doing);
  Result<std::optional<JobClaim>> DoClaimJob(const std::string& sha256, const std::string& runner,
                                             int64_t lease_ms);
  Result<std::optional<JobClaim>> DoClaimNextJob(const std::string& runner, int64_t lease_ms);

  Database db_;
  std::string path_;
};

}  // namespace dossier::store_internal
