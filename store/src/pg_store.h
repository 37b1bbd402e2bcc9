// The PostgreSQL engine's Store, private to store/: SqlStore (sql_store.h)
// over one libpq connection, with what PostgreSQL does its own way: writers
// take turns by an advisory lock, claims lock the file's row and skip locked
// ones (pg_queue.cc), queued jobs are announced with NOTIFY, a snapshot is a
// transaction never committed. Connecting and migrating in pg_store.cc, over
// the schema in pg_schema.cc.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dossier/common/env.h"
#include "pg_util.h"
#include "sql_store.h"

namespace dossier::store_internal::pg {

// The channel on which a queued job is announced (NOTIFY) to waiting workers.
#define kJobsChannel "dossier_jobs"

class PgStore final : public SqlStore {
 public:
  // Times the store records itself are env's; env outlives the store.
  PgStore(std::unique_ptr<Connection> conn, std::string name, Env& env)
      : SqlStore(env), conn_(std::move(conn)), db_(*conn_), path_(std::move(name)) {}
  ~PgStore() override;

  // Makes this store a private snapshot (OpenPostgresStoreSnapshot): from
  // now on it reads one consistent picture of the database, in a transaction
  // that is never committed, and what it writes goes to temporary tables in
  // place of the assembly's (applications and what hangs off them), so the
  // shared store neither changes nor waits for it.
  Status BecomeSnapshot();

  // ApplicationStore (pg_store.cc)
  Status WithAssemblyLock(const std::function<Status()>& assemble) override;

  // JobQueue (pg_queue.cc)
  Result<std::optional<JobClaim>> ClaimJob(const std::string& sha256, const std::string& runner,
                                           int64_t lease_ms) override;
  Result<std::optional<JobClaim>> ClaimNextJob(const std::string& runner,
                                               int64_t lease_ms) override;
  Result<bool> WaitForJobs(int64_t timeout_ms) override;

 protected:
  // SqlStore's engine part (pg_store.cc).
  // The shared SQL's ?1, ?2, ... are sent as $1, $2, ...
  Result<std::unique_ptr<SqlStatement>> Prepare(std::string_view sql,
                                                std::string_view doing) override;
  // BEGIN and the store's advisory write lock, as SQLite's BEGIN IMMEDIATE
  // makes writers take turns.
  Result<std::unique_ptr<SqlTransaction>> BeginWrite(const std::string& doing) override;
  Status Exec(const char* sql, std::string_view doing) override;
  std::string JsonArraySql(std::string_view elements) const override;
  // Locks the file's row (FOR UPDATE) before its job is looked at, in the
  // order a claim takes them, since claims do not take the write lock.
  Status LockForEnding(const std::string& sha256, const std::string& doing) override;
  // NOTIFY on kJobsChannel.
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
  Result<bool> DoWaitForJobs(int64_t timeout_ms);

  std::unique_ptr<Connection> conn_;
  Connection& db_;
  // The connection's session that LISTENs for queued jobs (Connection::
  // session()); a new session after a reconnection must LISTEN again.
  int64_t listening_session_ = -1;
  std::unique_ptr<Transaction> snapshot_;  // rolled back when the store closes
  std::string path_;  // the connection string, without a password, for messages
};

// The schema's migration steps known to this build, and bringing a database
// to the last one (pg_schema.cc).
int KnownPgSchemaVersion();
Status MigratePg(Connection& conn, const std::string& name);

}  // namespace dossier::store_internal::pg
