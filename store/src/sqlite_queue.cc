// The SQLite store's claims of jobs (queue.h): a lookup and an upsert in one
// turn of the write lock (BEGIN IMMEDIATE), so two claimers never both win.
// Workers poll: SQLite has no way to wake another process.
#include <algorithm>
#include <chrono>
#include <optional>
#include <string>
#include <thread>

#include "sqlite_store.h"

namespace dossier::store_internal {

Result<std::optional<JobClaim>> SqliteStore::ClaimJob(const std::string& sha256,
                                                      const std::string& runner, int64_t lease_ms) {
  return Guarded<Result<std::optional<JobClaim>>>(
      "claiming a job", [&] { return DoClaimJob(sha256, runner, lease_ms); });
}

Result<std::optional<JobClaim>> SqliteStore::ClaimNextJob(const std::string& runner,
                                                          int64_t lease_ms) {
  return Guarded<Result<std::optional<JobClaim>>>("claiming the next job",
                                                  [&] { return DoClaimNextJob(runner, lease_ms); });
}

Result<bool> SqliteStore::WaitForJobs(int64_t timeout_ms) {
  std::this_thread::sleep_for(std::chrono::milliseconds(std::max<int64_t>(timeout_ms, 0)));
  return false;
}

Result<std::optional<JobClaim>> SqliteStore::ClaimInTransaction(const std::string& sha256,
                                                                const std::string& runner,
                                                                int64_t lease_ms, int64_t now_ms,
                                                                const std::string& doing) {
  DOSSIER_STORE_ASSIGN_OR_RETURN(
      look, Prepare("SELECT f.id, f.state, f.type, f.first_path, j.attempts, j.runner, "
                    "j.last_error, j.lease_until_ms, (SELECT MIN(a.received_at_ms) "
                    "FROM arrivals a WHERE a.file = f.id) "
                    "FROM files f LEFT JOIN jobs j ON j.file = f.id WHERE f.sha256 = ?1",
                    doing));
  look->BindText(1, sha256);
  DOSSIER_STORE_ASSIGN_OR_RETURN(row, look->Step());
  if (!row) return Status::NotFound(doing + ": no file with this digest was received");
  const ClaimLookup found = ReadClaimLookup(*look);
  std::optional<ClaimDecision> decision = DecideClaim(found, sha256, runner, lease_ms, now_ms);
  if (!decision) return std::optional<JobClaim>();
  JobClaim& claim = decision->claim;
  claim.received_at_ms = look->IsNull(8) ? 0 : look->Int(8);
  const int64_t file = found.file;
  const std::string& lapsed = decision->lapsed;

  DOSSIER_STORE_ASSIGN_OR_RETURN(
      upsert, Prepare("INSERT INTO jobs (file, attempts, runner, started_ms, updated_ms, "
                      "lease_until_ms) VALUES (?1, 1, ?2, ?3, ?3, ?4) ON CONFLICT (file) DO "
                      "UPDATE SET attempts = attempts + 1, runner = ?2, started_ms = ?3, "
                      "updated_ms = ?3, lease_until_ms = ?4, last_error = "
                      "COALESCE(?5, last_error)",
                      doing));
  upsert->BindInt(1, file).BindText(2, runner).BindInt(3, now_ms).BindInt(4, claim.lease_until_ms);
  upsert->BindTextOrNull(5, lapsed);
  DOSSIER_STORE_RETURN_IF_ERROR(upsert->Run());
  if (found.held) {
    DOSSIER_STORE_RETURN_IF_ERROR(AddEvent(sha256, "requeued", lapsed, now_ms, doing));
  }
  return std::optional<JobClaim>(std::move(claim));
}

Result<std::optional<JobClaim>> SqliteStore::DoClaimJob(const std::string& sha256,
                                                        const std::string& runner,
                                                        int64_t lease_ms) {
  const std::string doing = "claiming the job of the file " + sha256;
  DOSSIER_STORE_ASSIGN_OR_RETURN(tx, BeginWrite(doing));
  DOSSIER_STORE_ASSIGN_OR_RETURN(claim,
                                 ClaimInTransaction(sha256, runner, lease_ms, env_.NowMs(), doing));
  DOSSIER_STORE_RETURN_IF_ERROR(tx->Commit());
  return claim;
}

Result<std::optional<JobClaim>> SqliteStore::DoClaimNextJob(const std::string& runner,
                                                            int64_t lease_ms) {
  const std::string doing = "claiming the next job";
  const int64_t now_ms = env_.NowMs();
  // BEGIN IMMEDIATE: the lookup and the claim are one turn of the write lock.
  DOSSIER_STORE_ASSIGN_OR_RETURN(tx, BeginWrite(doing));
  DOSSIER_STORE_ASSIGN_OR_RETURN(
      next, Prepare("SELECT f.sha256 FROM files f LEFT JOIN jobs j ON j.file = f.id "
                    "WHERE f.state = 'queued' AND (j.runner IS NULL OR j.lease_until_ms IS NULL "
                    "OR j.lease_until_ms <= ?1) ORDER BY f.created_ms, f.id LIMIT 1",
                    doing));
  next->BindInt(1, now_ms);
  DOSSIER_STORE_ASSIGN_OR_RETURN(row, next->Step());
  if (!row) return std::optional<JobClaim>();
  const std::string sha256 = next->Text(0);
  DOSSIER_STORE_ASSIGN_OR_RETURN(claim,
                                 ClaimInTransaction(sha256, runner, lease_ms, now_ms, doing));
  DOSSIER_STORE_RETURN_IF_ERROR(tx->Commit());
  return claim;
}

}  // namespace dossier::store_internal
