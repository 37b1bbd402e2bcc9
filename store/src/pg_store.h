// The PostgreSQL engine's Store, private to store/: SqlStore (sql_store.h)
// over one libpq connection, with what PostgreSQL does its own way: writers
// take turns by an advisory lock, claims lock the file's row and skip locked
// ones, queued jobs are announced with NOTIFY and waited for with LISTEN
// (pg_queue.cc), a snapshot is a transaction never committed. Connecting,
// migrating and the engine's part in pg_store.cc, over the schema in
// pg_schema.cc.
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

  // JobQueue (pg_queue.cc): LISTEN for the NOTIFY of a queued job.
  Result<bool> WaitForJobs(int64_t timeout_ms) override;

 protected:
  // SqlStore's engine part (pg_store.cc).
  // The shared SQL's ?1, ?2, ... are sent as $1, $2, ...
  Result<std::unique_ptr<SqlStatement>> Prepare(std::string_view sql,
                                                std::string_view doing) override;
  // BEGIN and the store's advisory write lock, as SQLite's BEGIN IMMEDIATE
  // makes writers take turns.
  Result<std::unique_ptr<SqlTransaction>> BeginWrite(const std::string& doing,
                                                     Durability durability) override;
  Status Exec(const char* sql, std::string_view doing) override;
  std::string JsonArraySql(std::string_view elements) const override;
  // Locks the file's row (FOR UPDATE) before its job is looked at, in the
  // order a claim takes them, since claims do not take the write lock.
  Status LockForEnding(const std::string& sha256, const std::string& doing) override;
  // NOTIFY on kJobsChannel.
  Status AnnounceJob(const std::string& doing) override;
  // A plain transaction: claims take no turn of the write lock, so a claim
  // never waits behind a long save. They lock the file's row instead
  // (ClaimLockSql), and the upsert claims only what is still claimable as last
  // committed, so two claimers never both win.
  Result<std::unique_ptr<SqlTransaction>> BeginClaim(const std::string& doing) override;
  // FOR UPDATE OF the alias (f, p); with SKIP LOCKED, a file (or page job)
  // another worker is claiming (or ending) right now is passed over rather
  // than waited for.
  std::string ClaimLockSql(bool skip_locked, const char* alias) const override;

 private:
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
