// The store's job queue (queue.h): claims, releases and the ends of jobs
// that are not documents (rejections, archives, mails).
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "sql_store.h"

namespace dossier::store_internal {

namespace {

// The row of the job `holder` holds: the file's own job, or its page job.
std::string HeldJobSql(const JobHolder& holder) {
  return holder.first_page > 0 ? "page_jobs" : "jobs";
}

// What picks a page job's row out of its file's, its first page bound as
// ?`param` ("" for a file's own job).
std::string HeldSliceSql(const JobHolder& holder, int param = 6) {
  if (holder.first_page <= 0) return "";
  return " AND first_page = ?" + std::to_string(param) + " AND result IS NULL";
}

// How a page job is named in its file's events ("" for the file's own job).
std::string PagesSaid(const JobHolder& holder) {
  return holder.first_page > 0 ? "pages from " + std::to_string(holder.first_page) + ": " : "";
}

}  // namespace

Status SqlStore::RejectFile(const std::string& sha256, const JobHolder& holder,
                            const std::string& code, const std::string& reason) {
  return Guarded<Status>("rejecting a file",
                         [&] { return DoRejectFile(sha256, holder, code, reason); });
}

Result<std::optional<JobClaim>> SqlStore::ClaimJob(const std::string& sha256,
                                                   const std::string& runner, int64_t lease_ms) {
  return Guarded<Result<std::optional<JobClaim>>>(
      "claiming a job", [&] { return DoClaimJob(sha256, runner, lease_ms); });
}

Result<std::optional<JobClaim>> SqlStore::ClaimNextJob(const std::string& runner,
                                                       int64_t lease_ms) {
  return Guarded<Result<std::optional<JobClaim>>>("claiming the next job",
                                                  [&] { return DoClaimNextJob(runner, lease_ms); });
}

Result<std::vector<std::string>> SqlStore::QueuedFiles() {
  return Guarded<Result<std::vector<std::string>>>("listing queued files",
                                                   [&] { return DoQueuedFiles(); });
}

Result<bool> SqlStore::RenewLease(const std::string& sha256, const JobHolder& holder,
                                  int64_t lease_ms) {
  return Guarded<Result<bool>>("renewing a job's lease",
                               [&] { return DoRenewLease(sha256, holder, lease_ms); });
}

Status SqlStore::ReleaseJob(const std::string& sha256, const JobHolder& holder,
                            const std::string& why, bool attempt_counts) {
  return Guarded<Status>("putting a job back in the queue",
                         [&] { return DoReleaseJob(sha256, holder, why, attempt_counts); });
}

Result<std::vector<RunningJob>> SqlStore::RunningJobs() {
  return Guarded<Result<std::vector<RunningJob>>>("listing running jobs",
                                                  [&] { return DoRunningJobs(); });
}

Result<std::vector<ArrivalResult>> SqlStore::SaveExpansion(
    const std::string& sha256, const JobHolder& holder, const std::vector<ExpandedMember>& members,
    const std::string& detail) {
  return Guarded<Result<std::vector<ArrivalResult>>>("saving the files of an archive", [&] {
    return DoSaveExpansion(sha256, holder, members, detail);
  });
}

Result<std::vector<ArrivalResult>> SqlStore::SaveMail(const std::string& sha256,
                                                      const JobHolder& holder,
                                                      const MailRecord& mail,
                                                      const std::vector<norm::DocumentPart>& letter,
                                                      const std::vector<ExpandedMember>& members,
                                                      const std::string& detail) {
  return Guarded<Result<std::vector<ArrivalResult>>>("saving a mail", [&] {
    return DoSaveExpansion(sha256, holder, members, detail, &mail, &letter);
  });
}

Status SqlStore::SplitJob(const std::string& sha256, const JobHolder& holder, int pages,
                          int pages_per_slice) {
  return Guarded<Status>("splitting a job into page jobs",
                         [&] { return DoSplitJob(sha256, holder, pages, pages_per_slice); });
}

Status SqlStore::SavePageSlice(const std::string& sha256, const JobHolder& holder,
                               const std::string& result) {
  return Guarded<Status>("saving the pages of a page job",
                         [&] { return DoSavePageSlice(sha256, holder, result); });
}

Result<std::vector<PageSlice>> SqlStore::PageSlices(const std::string& sha256) {
  return Guarded<Result<std::vector<PageSlice>>>("loading the pages of a split file",
                                                 [&] { return DoPageSlices(sha256); });
}

Result<QueueView> SqlStore::Queue(int max_errors) {
  return Guarded<Result<QueueView>>("reading the queue", [&] { return DoQueue(max_errors); });
}

Status SqlStore::DoRejectFile(const std::string& sha256, const JobHolder& holder,
                              const std::string& code, const std::string& reason) {
  const std::string doing = "rejecting the file " + sha256;
  // Durable: the pipeline may drop the original of a rejected file (one it
  // can read again from its archive) once this commit returns.
  DOSSIER_STORE_ASSIGN_OR_RETURN(tx, BeginWrite(doing, Durability::kDurable));
  DOSSIER_STORE_ASSIGN_OR_RETURN(file, FindHeldFile(sha256, holder, "processed", doing));
  DOSSIER_STORE_ASSIGN_OR_RETURN(
      update, Prepare("UPDATE files SET state = 'rejected', reason = ?2, reason_code = ?3 "
                      "WHERE id = ?1",
                      doing));
  update->BindInt(1, file.id).BindText(2, reason).BindTextOrNull(3, code);
  DOSSIER_STORE_RETURN_IF_ERROR(update->Run());
  DOSSIER_STORE_RETURN_IF_ERROR(DropPageSlices(file.id, doing));
  DOSSIER_STORE_RETURN_IF_ERROR(AddEvent(sha256, "rejected", reason, env_.NowMs(), doing));
  return tx->Commit();
}

Result<FileRow> SqlStore::FindHeldFile(const std::string& sha256, const JobHolder& holder,
                                       const char* once, const std::string& doing) {
  if (holder.first_page != 0) {
    return Status::Internal(doing + ": a page job's holder cannot end the file's own job");
  }
  DOSSIER_STORE_RETURN_IF_ERROR(LockForEnding(sha256, doing));
  DOSSIER_STORE_ASSIGN_OR_RETURN(file, FindQueuedFile(sha256, once, doing));
  DOSSIER_STORE_ASSIGN_OR_RETURN(
      look, Prepare("SELECT runner, attempts FROM jobs WHERE file = ?1", doing));
  look->BindInt(1, file.id);
  DOSSIER_STORE_ASSIGN_OR_RETURN(row, look->Step());
  DOSSIER_STORE_RETURN_IF_ERROR(CheckHolder(
      doing, holder, row && !look->IsNull(0) ? look->Text(0) : "", row ? look->Int(1) : 0));
  return file;
}

Status SqlStore::DropPageSlices(int64_t file_id, const std::string& doing) {
  DOSSIER_STORE_ASSIGN_OR_RETURN(drop, Prepare("DELETE FROM page_jobs WHERE file = ?1", doing));
  drop->BindInt(1, file_id);
  return drop->Run();
}

Status SqlStore::MarkDone(int64_t file_id, const char* what, const std::string& doing) {
  DOSSIER_STORE_ASSIGN_OR_RETURN(
      mark_done,
      Prepare("UPDATE files SET state = 'done' WHERE id = ?1 AND state = 'queued'", doing));
  mark_done->BindInt(1, file_id);
  DOSSIER_STORE_RETURN_IF_ERROR(mark_done->Run());
  if (mark_done->Changes() != 1) {
    return Status::Internal(doing + ": the " + what + " left the queue while it was being saved");
  }
  return Status::Ok();
}

Result<std::optional<JobClaim>> SqlStore::ClaimInTransaction(const std::string& sha256,
                                                             const std::string& runner,
                                                             int64_t lease_ms, int64_t now_ms,
                                                             const std::string& doing) {
  DOSSIER_STORE_ASSIGN_OR_RETURN(
      look, Prepare(std::string("SELECT f.id, f.state, f.type, f.first_path, j.attempts, "
                                "j.runner, j.last_error, j.lease_until_ms, j.split_pages, "
                                "CASE WHEN EXISTS (SELECT 1 FROM page_jobs p WHERE p.file = f.id "
                                "AND p.result IS NULL) THEN 1 ELSE 0 END "
                                "FROM files f LEFT JOIN jobs j ON j.file = f.id "
                                "WHERE f.sha256 = ?1") +
                        ClaimLockSql(/*skip_locked=*/false, "f"),
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

  // The upsert claims only when the job is still claimable as last
  // committed: where claims do not take the write lock (BeginClaim), another
  // claimer may have won since the lookup.
  DOSSIER_STORE_ASSIGN_OR_RETURN(
      upsert, Prepare("INSERT INTO jobs (file, attempts, runner, started_ms, updated_ms, "
                      "lease_until_ms) VALUES (?1, 1, ?2, ?3, ?3, ?4) ON CONFLICT (file) DO "
                      "UPDATE SET attempts = jobs.attempts + 1, runner = ?2, started_ms = ?3, "
                      "updated_ms = ?3, lease_until_ms = ?4, "
                      "last_error = COALESCE(?5, jobs.last_error) "
                      "WHERE jobs.runner IS NULL OR jobs.lease_until_ms IS NULL "
                      "OR jobs.lease_until_ms <= ?3 RETURNING attempts",
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

  DOSSIER_STORE_RETURN_IF_ERROR(NoteReceivedAt(file, &claim, doing));
  return std::optional<JobClaim>(std::move(claim));
}

Status SqlStore::NoteReceivedAt(int64_t file_id, JobClaim* claim, const std::string& doing) {
  DOSSIER_STORE_ASSIGN_OR_RETURN(
      received, Prepare("SELECT MIN(received_at_ms) FROM arrivals WHERE file = ?1", doing));
  received->BindInt(1, file_id);
  DOSSIER_STORE_ASSIGN_OR_RETURN(got, received->Step());
  if (got && !received->IsNull(0)) claim->received_at_ms = received->Int(0);
  return Status::Ok();
}

Result<std::optional<JobClaim>> SqlStore::DoClaimJob(const std::string& sha256,
                                                     const std::string& runner, int64_t lease_ms) {
  const std::string doing = "claiming the job of the file " + sha256;
  DOSSIER_STORE_ASSIGN_OR_RETURN(tx, BeginClaim(doing));
  DOSSIER_STORE_ASSIGN_OR_RETURN(claim,
                                 ClaimInTransaction(sha256, runner, lease_ms, env_.NowMs(), doing));
  DOSSIER_STORE_RETURN_IF_ERROR(tx->Commit());
  return claim;
}

Result<std::optional<JobClaim>> SqlStore::DoClaimNextJob(const std::string& runner,
                                                         int64_t lease_ms) {
  const std::string doing = "claiming the next job";
  const int64_t now_ms = env_.NowMs();
  DOSSIER_STORE_ASSIGN_OR_RETURN(tx, BeginClaim(doing));
  // The pages of a scan already split go before any file not yet started.
  DOSSIER_STORE_ASSIGN_OR_RETURN(slice, ClaimNextSlice(runner, lease_ms, now_ms, doing));
  if (slice) {
    DOSSIER_STORE_RETURN_IF_ERROR(tx->Commit());
    return slice;
  }
  DOSSIER_STORE_ASSIGN_OR_RETURN(
      next, Prepare(std::string("SELECT f.sha256 FROM files f LEFT JOIN jobs j ON j.file = f.id "
                                "WHERE f.state = 'queued' AND (j.runner IS NULL OR "
                                "j.lease_until_ms IS NULL OR j.lease_until_ms <= ?1) "
                                "AND NOT EXISTS (SELECT 1 FROM page_jobs p WHERE p.file = f.id "
                                "AND p.result IS NULL) "
                                "ORDER BY f.created_ms, f.id LIMIT 1") +
                        ClaimLockSql(/*skip_locked=*/true, "f"),
                    doing));
  // Each statement sees what was committed before it began: a job claimed
  // by another worker between the lookup and the claim is skipped by the
  // next lookup, so a few rounds always end. (Where the claim holds the write
  // lock, the first round claims what it found.)
  for (int round = 0; round < 8; ++round) {
    next->Reset();
    next->BindInt(1, now_ms);
    DOSSIER_STORE_ASSIGN_OR_RETURN(row, next->Step());
    if (!row) break;
    const std::string sha256 = next->Text(0);
    DOSSIER_STORE_ASSIGN_OR_RETURN(claim,
                                   ClaimInTransaction(sha256, runner, lease_ms, now_ms, doing));
    if (claim) {
      DOSSIER_STORE_RETURN_IF_ERROR(tx->Commit());
      return claim;
    }
  }
  DOSSIER_STORE_RETURN_IF_ERROR(tx->Commit());
  return std::optional<JobClaim>();
}

Result<std::optional<JobClaim>> SqlStore::ClaimNextSlice(const std::string& runner,
                                                         int64_t lease_ms, int64_t now_ms,
                                                         const std::string& doing) {
  DOSSIER_STORE_ASSIGN_OR_RETURN(
      next, Prepare(std::string("SELECT f.id, f.sha256, f.type, f.first_path, p.first_page, "
                                "p.last_page, p.attempts, p.runner, p.last_error "
                                "FROM page_jobs p JOIN files f ON f.id = p.file "
                                "WHERE f.state = 'queued' AND p.result IS NULL AND "
                                "(p.runner IS NULL OR p.lease_until_ms IS NULL OR "
                                "p.lease_until_ms <= ?1) "
                                "ORDER BY f.created_ms, f.id, p.first_page LIMIT 1") +
                        ClaimLockSql(/*skip_locked=*/true, "p"),
                    doing));
  // The update claims only what is still claimable as last committed (where
  // the lookup's lock does not keep other claimers out, one may have won
  // since): a few rounds always end, as in ClaimNextJob.
  DOSSIER_STORE_ASSIGN_OR_RETURN(
      claim_slice,
      Prepare("UPDATE page_jobs SET attempts = attempts + 1, runner = ?3, started_ms = ?4, "
              "updated_ms = ?4, lease_until_ms = ?5, last_error = COALESCE(?6, last_error) "
              "WHERE file = ?1 AND first_page = ?2 AND result IS NULL AND (runner IS NULL OR "
              "lease_until_ms IS NULL OR lease_until_ms <= ?4) RETURNING attempts",
              doing));
  for (int round = 0; round < 8; ++round) {
    next->Reset();
    next->BindInt(1, now_ms);
    DOSSIER_STORE_ASSIGN_OR_RETURN(row, next->Step());
    if (!row) break;
    const int64_t file = next->Int(0);
    JobClaim claim;
    claim.sha256 = next->Text(1);
    claim.runner = runner;
    claim.type = next->Text(2);
    claim.first_path = next->Text(3);
    claim.first_page = static_cast<int>(next->Int(4));
    claim.last_page = static_cast<int>(next->Int(5));
    const int64_t previous = next->Int(6);
    const bool held = !next->IsNull(7);
    const std::string lapsed = held ? LapsedLeaseReason(next->Text(7), previous) : "";
    claim.last_error = held ? lapsed : (next->IsNull(8) ? "" : next->Text(8));
    claim.lease_until_ms = now_ms + lease_ms;
    claim_slice->Reset();
    claim_slice->BindInt(1, file)
        .BindInt(2, claim.first_page)
        .BindText(3, runner)
        .BindInt(4, now_ms)
        .BindInt(5, claim.lease_until_ms)
        .BindTextOrNull(6, lapsed);
    DOSSIER_STORE_ASSIGN_OR_RETURN(claimed, claim_slice->Step());
    if (!claimed) continue;
    claim.attempts = static_cast<int>(claim_slice->Int(0));
    if (held) {
      DOSSIER_STORE_RETURN_IF_ERROR(
          AddEvent(claim.sha256, "requeued", PagesSaid(HolderOf(claim)) + lapsed, now_ms, doing));
    }
    DOSSIER_STORE_RETURN_IF_ERROR(NoteReceivedAt(file, &claim, doing));
    return std::optional<JobClaim>(std::move(claim));
  }
  return std::optional<JobClaim>();
}

Status SqlStore::DoSplitJob(const std::string& sha256, const JobHolder& holder, int pages,
                            int pages_per_slice) {
  const std::string doing = "splitting the job of the file " + sha256 + " into page jobs";
  if (pages_per_slice < 1 || pages <= pages_per_slice) {
    return Status::Internal(doing + ": " + std::to_string(pages) + " pages are not split by " +
                            std::to_string(pages_per_slice));
  }
  const int64_t now_ms = env_.NowMs();
  DOSSIER_STORE_ASSIGN_OR_RETURN(tx, BeginWrite(doing, Durability::kRecomputable));
  DOSSIER_STORE_ASSIGN_OR_RETURN(file, FindHeldFile(sha256, holder, "split", doing));
  // The primary key (file, first_page) makes a second split fail, never
  // duplicate a slice.
  DOSSIER_STORE_ASSIGN_OR_RETURN(
      insert, Prepare("INSERT INTO page_jobs (file, first_page, last_page, attempts, updated_ms) "
                      "VALUES (?1, ?2, ?3, 0, ?4)",
                      doing));
  int slices = 0;
  for (int first = 1; first <= pages; first += pages_per_slice, ++slices) {
    insert->Reset();
    insert->BindInt(1, file.id)
        .BindInt(2, first)
        .BindInt(3, std::min(pages, first + pages_per_slice - 1))
        .BindInt(4, now_ms);
    DOSSIER_STORE_RETURN_IF_ERROR(insert->Run());
  }
  // The file's job waits for its slices; splitting was no attempt at reading.
  DOSSIER_STORE_ASSIGN_OR_RETURN(
      update, Prepare("UPDATE jobs SET split_pages = ?2, runner = NULL, lease_until_ms = NULL, "
                      "updated_ms = ?3, attempts = CASE WHEN attempts > 0 THEN attempts - 1 "
                      "ELSE 0 END WHERE file = ?1",
                      doing));
  update->BindInt(1, file.id).BindInt(2, pages_per_slice).BindInt(3, now_ms);
  DOSSIER_STORE_RETURN_IF_ERROR(update->Run());
  DOSSIER_STORE_RETURN_IF_ERROR(AnnounceJob(doing));
  DOSSIER_STORE_RETURN_IF_ERROR(
      AddEvent(sha256, "split",
               Plural(static_cast<size_t>(pages), "page", "pages") + " in " +
                   Plural(static_cast<size_t>(slices), "page job", "page jobs") + " of at most " +
                   std::to_string(pages_per_slice),
               now_ms, doing));
  return tx->Commit();
}

Status SqlStore::DoSavePageSlice(const std::string& sha256, const JobHolder& holder,
                                 const std::string& result) {
  const std::string doing =
      "saving pages from " + std::to_string(holder.first_page) + " of the file " + sha256;
  if (holder.first_page < 1) return Status::Internal(doing + ": not a page job's holder");
  DOSSIER_STORE_ASSIGN_OR_RETURN(tx, BeginWrite(doing, Durability::kRecomputable));
  DOSSIER_STORE_RETURN_IF_ERROR(LockForEnding(sha256, doing));
  DOSSIER_STORE_ASSIGN_OR_RETURN(file, FindQueuedFile(sha256, "read", doing));
  DOSSIER_STORE_ASSIGN_OR_RETURN(
      look,
      Prepare("SELECT runner, attempts FROM page_jobs WHERE file = ?1 AND first_page = ?2", doing));
  look->BindInt(1, file.id).BindInt(2, holder.first_page);
  DOSSIER_STORE_ASSIGN_OR_RETURN(row, look->Step());
  // A slice already saved has no runner: a second ending is refused.
  DOSSIER_STORE_RETURN_IF_ERROR(CheckHolder(
      doing, holder, row && !look->IsNull(0) ? look->Text(0) : "", row ? look->Int(1) : 0));
  const int64_t now_ms = env_.NowMs();
  DOSSIER_STORE_ASSIGN_OR_RETURN(
      update, Prepare("UPDATE page_jobs SET result = ?3, runner = NULL, lease_until_ms = NULL, "
                      "updated_ms = ?4 WHERE file = ?1 AND first_page = ?2",
                      doing));
  update->BindInt(1, file.id).BindInt(2, holder.first_page).BindBlob(3, result).BindInt(4, now_ms);
  DOSSIER_STORE_RETURN_IF_ERROR(update->Run());
  DOSSIER_STORE_ASSIGN_OR_RETURN(
      left, Prepare("SELECT count(*) FROM page_jobs WHERE file = ?1 AND result IS NULL", doing));
  left->BindInt(1, file.id);
  DOSSIER_STORE_ASSIGN_OR_RETURN(counted, left->Step());
  // The last slice makes the join claimable.
  if (counted && left->Int(0) == 0) DOSSIER_STORE_RETURN_IF_ERROR(AnnounceJob(doing));
  return tx->Commit();
}

Result<std::vector<PageSlice>> SqlStore::DoPageSlices(const std::string& sha256) {
  const std::string doing = "loading the page jobs of the file " + sha256;
  DOSSIER_STORE_ASSIGN_OR_RETURN(
      stmt, Prepare("SELECT p.first_page, p.last_page, p.result "
                    "FROM page_jobs p JOIN files f ON f.id = p.file WHERE f.sha256 = ?1 "
                    "ORDER BY p.first_page",
                    doing));
  stmt->BindText(1, sha256);
  std::vector<PageSlice> out;
  DOSSIER_STORE_RETURN_IF_ERROR(stmt->ForEachRow([&] {
    PageSlice slice;
    slice.first_page = static_cast<int>(stmt->Int(0));
    slice.last_page = static_cast<int>(stmt->Int(1));
    slice.has_result = !stmt->IsNull(2);
    if (slice.has_result) slice.result = stmt->Blob(2);
    out.push_back(std::move(slice));
  }));
  return out;
}

Result<std::vector<std::string>> SqlStore::DoQueuedFiles() {
  const std::string doing = "listing queued files";
  DOSSIER_STORE_ASSIGN_OR_RETURN(
      stmt,
      Prepare("SELECT sha256 FROM files WHERE state = 'queued' ORDER BY created_ms, id", doing));
  std::vector<std::string> out;
  DOSSIER_STORE_RETURN_IF_ERROR(stmt->ForEachRow([&] { out.push_back(stmt->Text(0)); }));
  return out;
}

Result<bool> SqlStore::DoRenewLease(const std::string& sha256, const JobHolder& holder,
                                    int64_t lease_ms) {
  const int64_t now_ms = env_.NowMs();
  const std::string doing = "renewing the lease on the job of the file " + sha256;
  DOSSIER_STORE_ASSIGN_OR_RETURN(
      update,
      Prepare("UPDATE " + HeldJobSql(holder) + " SET lease_until_ms = ?4, updated_ms = ?5 " +
                  "WHERE file = (SELECT id FROM files WHERE sha256 = ?1 AND "
                  "state = 'queued') AND runner = ?2 AND attempts = ?3" +
                  HeldSliceSql(holder),
              doing));
  update->BindText(1, sha256)
      .BindText(2, holder.runner)
      .BindInt(3, holder.attempt)
      .BindInt(4, now_ms + lease_ms)
      .BindInt(5, now_ms);
  if (holder.first_page > 0) update->BindInt(6, holder.first_page);
  DOSSIER_STORE_RETURN_IF_ERROR(update->Run());
  return update->Changes() == 1;
}

Status SqlStore::DoReleaseJob(const std::string& sha256, const JobHolder& holder,
                              const std::string& why, bool attempt_counts) {
  const int64_t now_ms = env_.NowMs();
  const std::string doing = "putting the job of the file " + sha256 + " back in the queue";
  DOSSIER_STORE_ASSIGN_OR_RETURN(tx, BeginWrite(doing, Durability::kRecomputable));
  // A page job's holder stands in ?7 (HeldSliceSql numbers it so).
  DOSSIER_STORE_ASSIGN_OR_RETURN(
      update,
      Prepare("UPDATE " + HeldJobSql(holder) +
                  " SET runner = NULL, lease_until_ms = NULL, last_error = ?3, "
                  "updated_ms = ?5, "
                  "attempts = CASE WHEN attempts > ?4 THEN attempts - ?4 ELSE 0 END "
                  "WHERE file = (SELECT id FROM files WHERE sha256 = ?1 AND state = 'queued') "
                  "AND runner = ?2 AND attempts = ?6" +
                  HeldSliceSql(holder, 7),
              doing));
  update->BindText(1, sha256)
      .BindText(2, holder.runner)
      .BindText(3, why)
      .BindInt(4, attempt_counts ? 0 : 1)
      .BindInt(5, now_ms)
      .BindInt(6, holder.attempt);
  if (holder.first_page > 0) update->BindInt(7, holder.first_page);
  DOSSIER_STORE_RETURN_IF_ERROR(update->Run());
  if (update->Changes() == 1) {
    DOSSIER_STORE_RETURN_IF_ERROR(AnnounceJob(doing));
    DOSSIER_STORE_RETURN_IF_ERROR(
        AddEvent(sha256, "requeued", PagesSaid(holder) + why, now_ms, doing));
  }
  return tx->Commit();
}

Result<std::vector<RunningJob>> SqlStore::DoRunningJobs() {
  const std::string doing = "listing running jobs";
  DOSSIER_STORE_ASSIGN_OR_RETURN(
      stmt, Prepare("SELECT f.sha256, f.first_path, j.runner, j.attempts, j.started_ms, "
                    "COALESCE(j.lease_until_ms, 0), 0, 0 FROM jobs j "
                    "JOIN files f ON f.id = j.file "
                    "WHERE j.runner IS NOT NULL AND f.state = 'queued' "
                    "UNION ALL "
                    "SELECT f.sha256, f.first_path, p.runner, p.attempts, p.started_ms, "
                    "COALESCE(p.lease_until_ms, 0), p.first_page, p.last_page FROM page_jobs p "
                    "JOIN files f ON f.id = p.file "
                    "WHERE p.runner IS NOT NULL AND f.state = 'queued' "
                    "ORDER BY 5, 1, 7",
                    doing));
  std::vector<RunningJob> out;
  DOSSIER_STORE_RETURN_IF_ERROR(stmt->ForEachRow([&] { out.push_back(ReadRunningJob(*stmt)); }));
  return out;
}

Result<std::vector<ArrivalResult>> SqlStore::DoSaveExpansion(
    const std::string& sha256, const JobHolder& holder, const std::vector<ExpandedMember>& members,
    const std::string& detail, const MailRecord* mail,
    const std::vector<norm::DocumentPart>* letter) {
  const std::string doing =
      std::string(mail ? "saving the mail " : "saving the files of the archive ") + sha256;
  // Durable: the members' arrivals (and a mail's record) are arrivals.
  DOSSIER_STORE_ASSIGN_OR_RETURN(tx, BeginWrite(doing, Durability::kDurable));
  DOSSIER_STORE_ASSIGN_OR_RETURN(file, FindHeldFile(sha256, holder, "expanded", doing));
  if (mail != nullptr) {
    DOSSIER_STORE_ASSIGN_OR_RETURN(
        add_mail, Prepare("INSERT INTO mails (file, sender, subject, message_id, arrived_ms, "
                          "time_basis, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                          doing));
    add_mail->BindInt(1, file.id)
        .BindText(2, mail->sender)
        .BindText(3, mail->subject)
        .BindText(4, mail->message_id)
        .BindInt(5, mail->arrived_ms)
        .BindText(6, mail->time_basis)
        .BindText(7, mail->note);
    DOSSIER_STORE_RETURN_IF_ERROR(add_mail->Run());
    if (letter != nullptr)
      DOSSIER_STORE_RETURN_IF_ERROR(SaveDocumentParts(file.id, *letter, doing));
  }
  DOSSIER_STORE_ASSIGN_OR_RETURN(reject, Prepare("UPDATE files SET state = 'rejected', "
                                                 "reason = ?2, reason_code = ?3 "
                                                 "WHERE sha256 = ?1 AND state = 'queued'",
                                                 doing));
  const int64_t now = env_.NowMs();
  std::vector<ArrivalResult> results;
  for (const ExpandedMember& member : members) {
    DOSSIER_STORE_ASSIGN_OR_RETURN(
        result, RecordArrivalInTransaction(member.arrival, nullptr, file.id, mail ? file.id : 0));
    if (result.first_arrival && !member.reject_reason.empty()) {
      reject->Reset();
      reject->BindText(1, member.arrival.sha256)
          .BindText(2, member.reject_reason)
          .BindTextOrNull(3, member.reject_code);
      DOSSIER_STORE_RETURN_IF_ERROR(reject->Run());
      DOSSIER_STORE_RETURN_IF_ERROR(
          AddEvent(member.arrival.sha256, "rejected", member.reject_reason, now, doing));
      result.state = FileState::kRejected;
    }
    results.push_back(result);
  }
  DOSSIER_STORE_RETURN_IF_ERROR(MarkDone(file.id, "archive", doing));
  DOSSIER_STORE_RETURN_IF_ERROR(AddEvent(sha256, "expanded", detail, now, doing));
  DOSSIER_STORE_RETURN_IF_ERROR(tx->Commit());
  return results;
}

Result<QueueView> SqlStore::DoQueue(int max_errors) {
  const std::string doing = "reading the queue";
  QueueView view;
  {
    DOSSIER_STORE_ASSIGN_OR_RETURN(
        counts, Prepare("SELECT "
                        "(SELECT count(*) FROM files f LEFT JOIN jobs j ON j.file = f.id "
                        " WHERE f.state = 'queued' AND j.runner IS NULL) + "
                        "(SELECT count(*) FROM page_jobs p JOIN files f ON f.id = p.file "
                        " WHERE f.state = 'queued' AND p.runner IS NULL AND p.result IS NULL), "
                        "(SELECT count(*) FROM files f JOIN jobs j ON j.file = f.id "
                        " WHERE f.state = 'queued' AND j.runner IS NOT NULL) + "
                        "(SELECT count(*) FROM page_jobs p JOIN files f ON f.id = p.file "
                        " WHERE f.state = 'queued' AND p.runner IS NOT NULL), "
                        "(SELECT count(*) FROM files WHERE state = 'done'), "
                        "(SELECT count(*) FROM files WHERE state = 'rejected')",
                        doing));
    DOSSIER_STORE_ASSIGN_OR_RETURN(row, counts->Step());
    if (!row) return Status::Internal(doing + ": the count returned nothing");
    ReadQueueCounts(*counts, &view);
  }
  DOSSIER_STORE_ASSIGN_OR_RETURN(
      errors, Prepare("SELECT e.at_ms, f.first_path, e.sha256, e.event, e.detail FROM events e "
                      "LEFT JOIN files f ON f.sha256 = e.sha256 "
                      "WHERE e.event IN ('rejected', 'requeued') ORDER BY e.id DESC LIMIT ?1",
                      doing));
  errors->BindInt(1, max_errors);
  DOSSIER_STORE_RETURN_IF_ERROR(
      errors->ForEachRow([&] { view.last_errors.push_back(ReadQueueError(*errors)); }));
  return view;
}

}  // namespace dossier::store_internal
