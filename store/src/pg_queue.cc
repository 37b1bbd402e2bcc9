// The PostgreSQL store's claims of jobs (queue.h) and waiting for them:
// claims lock the file's row and pass over rows another worker holds (SKIP
// LOCKED) rather than taking the store's write lock; workers LISTEN for the
// NOTIFY of a queued job and poll as well.
#include <poll.h>

#include <algorithm>
#include <optional>
#include <string>

#include "pg_store.h"

namespace dossier::store_internal::pg {

Result<std::optional<JobClaim>> PgStore::ClaimJob(const std::string& sha256,
                                                  const std::string& runner, int64_t lease_ms) {
  return Guarded<Result<std::optional<JobClaim>>>(
      "claiming a job", [&] { return DoClaimJob(sha256, runner, lease_ms); });
}

Result<std::optional<JobClaim>> PgStore::ClaimNextJob(const std::string& runner, int64_t lease_ms) {
  return Guarded<Result<std::optional<JobClaim>>>("claiming the next job",
                                                  [&] { return DoClaimNextJob(runner, lease_ms); });
}

Result<bool> PgStore::WaitForJobs(int64_t timeout_ms) {
  return Guarded<Result<bool>>("waiting for queued jobs",
                               [&] { return DoWaitForJobs(timeout_ms); });
}

Result<bool> PgStore::DoWaitForJobs(int64_t timeout_ms) {
  const std::string doing = "waiting for queued jobs";
  DOSSIER_STORE_RETURN_IF_ERROR(db_.EnsureOpen(doing));
  if (listening_session_ != db_.session()) {
    DOSSIER_STORE_RETURN_IF_ERROR(db_.ExecScript("LISTEN " kJobsChannel, doing));
    listening_session_ = db_.session();
  }
  PGconn* conn = db_.get();
  auto drain = [conn] {
    bool any = false;
    while (PGnotify* notice = PQnotifies(conn)) {
      any = true;
      PQfreemem(notice);
    }
    return any;
  };
  if (drain()) return true;
  struct pollfd pfd {
    PQsocket(conn), POLLIN, 0
  };
  const int ready = ::poll(&pfd, 1, static_cast<int>(std::max<int64_t>(timeout_ms, 0)));
  if (ready <= 0) return false;  // the time is up, or a signal (the caller looks why)
  // A broken connection shows here; the next statement connects again.
  if (PQconsumeInput(conn) == 0) return false;
  return drain();
}

// Claims take no turn of the store's write lock (BeginWrite): they lock the
// file's row, and the upsert below claims only when the job is still
// claimable as last committed, so two claimers never both win, and a claim
// never waits behind a long save.
Result<std::optional<JobClaim>> PgStore::ClaimInTransaction(const std::string& sha256,
                                                            const std::string& runner,
                                                            int64_t lease_ms, int64_t now_ms,
                                                            const std::string& doing) {
  DOSSIER_STORE_ASSIGN_OR_RETURN(
      look, Prepare("SELECT f.id, f.state, f.type, f.first_path, j.attempts, j.runner, "
                    "j.last_error, j.lease_until_ms "
                    "FROM files f LEFT JOIN jobs j ON j.file = f.id WHERE f.sha256 = $1 "
                    "FOR UPDATE OF f",
                    doing));
  look->BindText(1, sha256);
  DOSSIER_STORE_ASSIGN_OR_RETURN(row, look->Step());
  if (!row) return Status::NotFound(doing + ": no file with this digest was received");
  const ClaimLookup found = ReadClaimLookup(*look);
  std::optional<ClaimDecision> decision = DecideClaim(found, sha256, runner, lease_ms, now_ms);
  if (!decision) return std::optional<JobClaim>();
  JobClaim& claim = decision->claim;
  const int64_t file = found.file;
  const std::string& lapsed = decision->lapsed;

  DOSSIER_STORE_ASSIGN_OR_RETURN(
      upsert, Prepare("INSERT INTO jobs (file, attempts, runner, started_ms, updated_ms, "
                      "lease_until_ms) VALUES ($1, 1, $2, $3, $3, $4) ON CONFLICT (file) DO "
                      "UPDATE SET attempts = jobs.attempts + 1, runner = $2, started_ms = $3, "
                      "updated_ms = $3, lease_until_ms = $4, "
                      "last_error = COALESCE($5, jobs.last_error) "
                      "WHERE jobs.runner IS NULL OR jobs.lease_until_ms IS NULL "
                      "OR jobs.lease_until_ms <= $3 RETURNING attempts",
                      doing));
  upsert->BindInt(1, file).BindText(2, runner).BindInt(3, now_ms).BindInt(4, claim.lease_until_ms);
  upsert->BindTextOrNull(5, lapsed);
  DOSSIER_STORE_ASSIGN_OR_RETURN(claimed, upsert->Step());
  // Renewed or claimed by someone else since the lookup.
  if (!claimed) return std::optional<JobClaim>();
  if (upsert->Int(0) != claim.attempts) return Status::Internal(doing + ": the attempts moved");
  if (found.held) {
    DOSSIER_STORE_RETURN_IF_ERROR(AddEvent(sha256, "requeued", lapsed, now_ms, doing));
  }

  DOSSIER_STORE_ASSIGN_OR_RETURN(
      received, Prepare("SELECT MIN(received_at_ms) FROM arrivals WHERE file = $1", doing));
  received->BindInt(1, file);
  DOSSIER_STORE_ASSIGN_OR_RETURN(got, received->Step());
  if (got && !received->IsNull(0)) claim.received_at_ms = received->Int(0);
  return std::optional<JobClaim>(std::move(claim));
}

Result<std::optional<JobClaim>> PgStore::DoClaimJob(const std::string& sha256,
                                                    const std::string& runner, int64_t lease_ms) {
  const std::string doing = "claiming the job of the file " + sha256;
  Transaction tx(db_);
  DOSSIER_STORE_RETURN_IF_ERROR(tx.Begin(doing));
  DOSSIER_STORE_ASSIGN_OR_RETURN(claim,
                                 ClaimInTransaction(sha256, runner, lease_ms, env_.NowMs(), doing));
  DOSSIER_STORE_RETURN_IF_ERROR(tx.Commit());
  return claim;
}

Result<std::optional<JobClaim>> PgStore::DoClaimNextJob(const std::string& runner,
                                                        int64_t lease_ms) {
  const std::string doing = "claiming the next job";
  const int64_t now_ms = env_.NowMs();
  Transaction tx(db_);
  DOSSIER_STORE_RETURN_IF_ERROR(tx.Begin(doing));
  // SKIP LOCKED: a file another worker is claiming (or ending) right now is
  // passed over rather than waited for.
  DOSSIER_STORE_ASSIGN_OR_RETURN(
      next, Prepare("SELECT f.sha256 FROM files f LEFT JOIN jobs j ON j.file = f.id "
                    "WHERE f.state = 'queued' AND (j.runner IS NULL OR j.lease_until_ms IS NULL "
                    "OR j.lease_until_ms <= $1) ORDER BY f.created_ms, f.id LIMIT 1 "
                    "FOR UPDATE OF f SKIP LOCKED",
                    doing));
  // Each statement sees what was committed before it began: a job claimed
  // by another worker between the lookup and the claim is skipped by the
  // next lookup, so a few rounds always end.
  for (int round = 0; round < 8; ++round) {
    next->Reset();
    next->BindInt(1, now_ms);
    DOSSIER_STORE_ASSIGN_OR_RETURN(row, next->Step());
    if (!row) break;
    const std::string sha256 = next->Text(0);
    DOSSIER_STORE_ASSIGN_OR_RETURN(claim,
                                   ClaimInTransaction(sha256, runner, lease_ms, now_ms, doing));
    if (claim) {
      DOSSIER_STORE_RETURN_IF_ERROR(tx.Commit());
      return claim;
    }
  }
  DOSSIER_STORE_RETURN_IF_ERROR(tx.Commit());
  return std::optional<JobClaim>();
}

}  // namespace dossier::store_internal::pg
