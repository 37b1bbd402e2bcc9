// The PostgreSQL store's job queue (queue.h): claims, releases and the ends of
// jobs that are not documents (rejections, archives, mails).
#include <optional>
#include <string>
#include <vector>

#include "pg_store.h"

namespace dossier::store_internal::pg {

Status PgStore::RejectFile(const std::string& sha256, const std::string& code,
                           const std::string& reason) {
  return Guarded<Status>("rejecting a file", [&] { return DoRejectFile(sha256, code, reason); });
}

Result<std::vector<std::string>> PgStore::QueuedFiles() {
  return Guarded<Result<std::vector<std::string>>>("listing queued files",
                                                   [&] { return DoQueuedFiles(); });
}

Result<std::optional<JobClaim>> PgStore::ClaimJob(const std::string& sha256,
                                                  const std::string& runner) {
  return Guarded<Result<std::optional<JobClaim>>>("claiming a job",
                                                  [&] { return DoClaimJob(sha256, runner); });
}

Status PgStore::ReleaseJob(const std::string& sha256, const std::string& runner,
                           const std::string& why, bool attempt_counts) {
  return Guarded<Status>("putting a job back in the queue",
                         [&] { return DoReleaseJob(sha256, runner, why, attempt_counts); });
}

Result<std::vector<RunningJob>> PgStore::RunningJobs() {
  return Guarded<Result<std::vector<RunningJob>>>("listing running jobs",
                                                  [&] { return DoRunningJobs(); });
}

Result<std::vector<ArrivalResult>> PgStore::SaveExpansion(
    const std::string& sha256, const std::vector<ExpandedMember>& members,
    const std::string& detail) {
  return Guarded<Result<std::vector<ArrivalResult>>>(
      "saving the files of an archive", [&] { return DoSaveExpansion(sha256, members, detail); });
}

Result<std::vector<ArrivalResult>> PgStore::SaveMail(const std::string& sha256,
                                                     const MailRecord& mail,
                                                     const std::vector<norm::DocumentPart>& letter,
                                                     const std::vector<ExpandedMember>& members,
                                                     const std::string& detail) {
  return Guarded<Result<std::vector<ArrivalResult>>>(
      "saving a mail", [&] { return DoSaveExpansion(sha256, members, detail, &mail, &letter); });
}

Result<QueueView> PgStore::Queue(int max_errors) {
  return Guarded<Result<QueueView>>("reading the queue", [&] { return DoQueue(max_errors); });
}

Status PgStore::DoRejectFile(const std::string& sha256, const std::string& code,
                             const std::string& reason) {
  const std::string doing = "rejecting the file " + sha256;
  Transaction tx(db_);
  DOSSIER_STORE_RETURN_IF_ERROR(BeginWrite(tx, doing));
  DOSSIER_STORE_ASSIGN_OR_RETURN(file, FindQueuedFile(sha256, "processed", doing));
  DOSSIER_STORE_ASSIGN_OR_RETURN(
      update, Prepare("UPDATE files SET state = 'rejected', reason = $2, reason_code = $3 "
                      "WHERE id = $1",
                      doing));
  update.BindInt(1, file.id).BindText(2, reason).BindTextOrNull(3, code);
  DOSSIER_STORE_RETURN_IF_ERROR(update.Run());
  DOSSIER_STORE_RETURN_IF_ERROR(AddEvent(sha256, "rejected", reason, env_.NowMs(), doing));
  return tx.Commit();
}

Result<std::vector<std::string>> PgStore::DoQueuedFiles() {
  const std::string doing = "listing queued files";
  DOSSIER_STORE_ASSIGN_OR_RETURN(
      stmt,
      Prepare("SELECT sha256 FROM files WHERE state = 'queued' ORDER BY created_ms, id", doing));
  std::vector<std::string> out;
  DOSSIER_STORE_RETURN_IF_ERROR(stmt.ForEachRow([&] { out.push_back(stmt.Text(0)); }));
  return out;
}

Result<std::optional<JobClaim>> PgStore::DoClaimJob(const std::string& sha256,
                                                    const std::string& runner) {
  const int64_t now_ms = env_.NowMs();
  const std::string doing = "claiming the job of the file " + sha256;
  Transaction tx(db_);
  DOSSIER_STORE_RETURN_IF_ERROR(BeginWrite(tx, doing));
  DOSSIER_STORE_ASSIGN_OR_RETURN(
      look, Prepare("SELECT f.id, f.state, f.type, f.first_path, j.attempts, j.runner, "
                    "j.last_error, (SELECT MIN(a.received_at_ms) FROM arrivals a "
                    "WHERE a.file = f.id) FROM files f LEFT JOIN jobs j ON j.file = f.id "
                    "WHERE f.sha256 = $1",
                    doing));
  look.BindText(1, sha256);
  DOSSIER_STORE_ASSIGN_OR_RETURN(row, look.Step());
  if (!row) return Status::NotFound(doing + ": no file with this digest was received");
  if (look.Text(1) != "queued" || !look.IsNull(5)) return std::optional<JobClaim>();
  const int64_t file = look.Int(0);
  JobClaim claim{sha256,       look.Text(2),
                 look.Text(3), static_cast<int>(look.IsNull(4) ? 0 : look.Int(4)) + 1,
                 look.Text(6), look.IsNull(7) ? 0 : look.Int(7)};

  DOSSIER_STORE_ASSIGN_OR_RETURN(
      upsert, Prepare("INSERT INTO jobs (file, attempts, runner, started_ms, updated_ms) "
                      "VALUES ($1, 1, $2, $3, $3) ON CONFLICT (file) DO UPDATE SET "
                      "attempts = jobs.attempts + 1, runner = $2, started_ms = $3, updated_ms = $3",
                      doing));
  upsert.BindInt(1, file).BindText(2, runner).BindInt(3, now_ms);
  DOSSIER_STORE_RETURN_IF_ERROR(upsert.Run());
  DOSSIER_STORE_RETURN_IF_ERROR(tx.Commit());
  return std::optional<JobClaim>(std::move(claim));
}

Status PgStore::DoReleaseJob(const std::string& sha256, const std::string& runner,
                             const std::string& why, bool attempt_counts) {
  const int64_t now_ms = env_.NowMs();
  const std::string doing = "putting the job of the file " + sha256 + " back in the queue";
  Transaction tx(db_);
  DOSSIER_STORE_RETURN_IF_ERROR(BeginWrite(tx, doing));
  DOSSIER_STORE_ASSIGN_OR_RETURN(
      update, Prepare("UPDATE jobs SET runner = NULL, last_error = $3, updated_ms = $5, "
                      "attempts = GREATEST(attempts - $4, 0) "
                      "WHERE file = (SELECT id FROM files WHERE sha256 = $1 AND state = 'queued') "
                      "AND runner = $2",
                      doing));
  update.BindText(1, sha256)
      .BindText(2, runner)
      .BindText(3, why)
      .BindInt(4, attempt_counts ? 0 : 1)
      .BindInt(5, now_ms);
  DOSSIER_STORE_RETURN_IF_ERROR(update.Run());
  if (update.Changes() == 1) {
    DOSSIER_STORE_RETURN_IF_ERROR(AddEvent(sha256, "requeued", why, now_ms, doing));
  }
  return tx.Commit();
}

Result<std::vector<RunningJob>> PgStore::DoRunningJobs() {
  const std::string doing = "listing running jobs";
  DOSSIER_STORE_ASSIGN_OR_RETURN(
      stmt, Prepare("SELECT f.sha256, f.first_path, j.runner, j.attempts, j.started_ms FROM jobs j "
                    "JOIN files f ON f.id = j.file "
                    "WHERE j.runner IS NOT NULL AND f.state = 'queued' "
                    "ORDER BY j.started_ms, f.id",
                    doing));
  std::vector<RunningJob> out;
  DOSSIER_STORE_RETURN_IF_ERROR(stmt.ForEachRow([&] {
    out.push_back(RunningJob{stmt.Text(0), stmt.Text(1), stmt.Text(2),
                             static_cast<int>(stmt.Int(3)), stmt.Int(4)});
  }));
  return out;
}

Result<std::vector<ArrivalResult>> PgStore::DoSaveExpansion(
    const std::string& sha256, const std::vector<ExpandedMember>& members,
    const std::string& detail, const MailRecord* mail,
    const std::vector<norm::DocumentPart>* letter) {
  const std::string doing =
      std::string(mail ? "saving the mail " : "saving the files of the archive ") + sha256;
  Transaction tx(db_);
  DOSSIER_STORE_RETURN_IF_ERROR(BeginWrite(tx, doing));
  DOSSIER_STORE_ASSIGN_OR_RETURN(file, FindQueuedFile(sha256, "expanded", doing));
  if (mail != nullptr) {
    DOSSIER_STORE_ASSIGN_OR_RETURN(
        add_mail, Prepare("INSERT INTO mails (file, sender, subject, message_id, arrived_ms, "
                          "time_basis, note) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                          doing));
    add_mail.BindInt(1, file.id)
        .BindText(2, mail->sender)
        .BindText(3, mail->subject)
        .BindText(4, mail->message_id)
        .BindInt(5, mail->arrived_ms)
        .BindText(6, mail->time_basis)
        .BindText(7, mail->note);
    DOSSIER_STORE_RETURN_IF_ERROR(add_mail.Run());
    for (size_t i = 0; letter != nullptr && i < letter->size(); ++i)
      DOSSIER_STORE_RETURN_IF_ERROR(
          SaveDocument(file.id, static_cast<int>(i), (*letter)[i], doing));
  }
  DOSSIER_STORE_ASSIGN_OR_RETURN(reject, Prepare("UPDATE files SET state = 'rejected', "
                                                 "reason = $2, reason_code = $3 "
                                                 "WHERE sha256 = $1 AND state = 'queued'",
                                                 doing));
  const int64_t now = env_.NowMs();
  std::vector<ArrivalResult> results;
  for (const ExpandedMember& member : members) {
    DOSSIER_STORE_ASSIGN_OR_RETURN(
        result, RecordArrivalInTransaction(member.arrival, nullptr, file.id, mail ? file.id : 0));
    if (result.first_arrival && !member.reject_reason.empty()) {
      reject.Reset();
      reject.BindText(1, member.arrival.sha256)
          .BindText(2, member.reject_reason)
          .BindTextOrNull(3, member.reject_code);
      DOSSIER_STORE_RETURN_IF_ERROR(reject.Run());
      DOSSIER_STORE_RETURN_IF_ERROR(
          AddEvent(member.arrival.sha256, "rejected", member.reject_reason, now, doing));
      result.state = FileState::kRejected;
    }
    results.push_back(result);
  }
  DOSSIER_STORE_ASSIGN_OR_RETURN(
      mark_done,
      Prepare("UPDATE files SET state = 'done' WHERE id = $1 AND state = 'queued'", doing));
  mark_done.BindInt(1, file.id);
  DOSSIER_STORE_RETURN_IF_ERROR(mark_done.Run());
  if (mark_done.Changes() != 1) {
    return Status::Internal(doing + ": the archive left the queue while it was being saved");
  }
  DOSSIER_STORE_RETURN_IF_ERROR(AddEvent(sha256, "expanded", detail, now, doing));
  DOSSIER_STORE_RETURN_IF_ERROR(tx.Commit());
  return results;
}

Result<QueueView> PgStore::DoQueue(int max_errors) {
  const std::string doing = "reading the queue";
  QueueView view;
  {
    DOSSIER_STORE_ASSIGN_OR_RETURN(
        counts, Prepare("SELECT "
                        "(SELECT count(*) FROM files f LEFT JOIN jobs j ON j.file = f.id "
                        " WHERE f.state = 'queued' AND j.runner IS NULL), "
                        "(SELECT count(*) FROM files f JOIN jobs j ON j.file = f.id "
                        " WHERE f.state = 'queued' AND j.runner IS NOT NULL), "
                        "(SELECT count(*) FROM files WHERE state = 'done'), "
                        "(SELECT count(*) FROM files WHERE state = 'rejected')",
                        doing));
    DOSSIER_STORE_ASSIGN_OR_RETURN(row, counts.Step());
    if (!row) return Status::Internal(doing + ": the count returned nothing");
    view.queued = counts.Int(0);
    view.running = counts.Int(1);
    view.done = counts.Int(2);
    view.rejected = counts.Int(3);
  }
  DOSSIER_STORE_ASSIGN_OR_RETURN(
      errors, Prepare("SELECT e.at_ms, f.first_path, e.sha256, e.event, e.detail FROM events e "
                      "LEFT JOIN files f ON f.sha256 = e.sha256 "
                      "WHERE e.event IN ('rejected', 'requeued') ORDER BY e.id DESC LIMIT $1",
                      doing));
  errors.BindInt(1, max_errors);
  DOSSIER_STORE_RETURN_IF_ERROR(errors.ForEachRow([&] {
    view.last_errors.push_back(QueueView::Error{errors.Int(0), errors.Text(1), errors.Text(2),
                                                errors.Text(3), errors.Text(4)});
  }));
  return view;
}

}  // namespace dossier::store_internal::pg
