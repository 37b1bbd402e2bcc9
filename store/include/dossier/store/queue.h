// The store's job queue. A queued file's job is claimed by one worker (a
// process, named by `runner`), runs, and ends with SaveDocuments (documents.h),
// RejectFile, SaveExpansion or SaveMail. Several processes may share a store.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "dossier/common/status.h"
#include "dossier/normalize/analysis.h"
#include "dossier/store/arrivals.h"

namespace dossier {

// A queued file's job, as the worker that claimed it gets it.
struct JobClaim {
  std::string sha256;
  std::string type;
  std::string first_path;
  int attempts = 0;            // including this one
  std::string last_error;      // why the previous attempt did not finish; "" if none
  int64_t received_at_ms = 0;  // when the file first arrived (Unix ms)
};

struct RunningJob {
  std::string sha256;
  std::string first_path;
  std::string runner;
  int attempts = 0;
  int64_t claimed_at_ms = 0;  // when `runner` claimed it, by the store's Env (Unix ms)
};

// A file found in an archive: its arrival, and a code and reason when it is
// to be rejected at once (an archive inside an archive).
struct ExpandedMember {
  Arrival arrival;
  std::string reject_reason;
  std::string reject_code;
};

// A saved mail as the store keeps it beside its file (see SaveMail).
struct MailRecord {
  std::string sender;
  std::string subject;
  std::string message_id;
  // When its files arrived (Unix ms): the mail's own time, unless that was
  // missing or in the future (then when the mail was taken).
  int64_t arrived_ms = 0;
  std::string time_basis;  // "received", "date" or "taken"
  std::string note;        // why the mail's own time was not used, in Chinese; "" if it was
};

struct QueueView {
  int64_t queued = 0;   // waiting for a worker
  int64_t running = 0;  // claimed by a worker
  int64_t done = 0;
  int64_t rejected = 0;
  struct Error {
    int64_t at_ms = 0;
    std::string file;  // path as first received
    std::string sha256;
    std::string event;  // "rejected" or "requeued"
    std::string detail;
  };
  std::vector<Error> last_errors;  // newest first
};

// Thread safety: one object is used by one thread at a time. Times are the
// store's Env's (OpenSqliteStore).
class JobQueue {
 public:
  virtual ~JobQueue() = default;

  // Files still in kQueued (e.g. after a crash), oldest first.
  virtual Result<std::vector<std::string>> QueuedFiles() = 0;

  // Claims the job of a queued file that no runner holds: it is running under
  // `runner` from now, and its attempts go up by one. nullopt when the file is
  // not queued or another runner holds it. One transaction.
  virtual Result<std::optional<JobClaim>> ClaimJob(const std::string& sha256,
                                                   const std::string& runner) = 0;

  // Puts the job `runner` holds back in the queue, noting why (event
  // "requeued"). When the attempt does not count (an orderly stop, a full
  // disk) the attempts go back down. Nothing happens when `runner` does not
  // hold the job (it was already requeued or finished).
  virtual Status ReleaseJob(const std::string& sha256, const std::string& runner,
                            const std::string& why, bool attempt_counts) = 0;

  // Jobs claimed and not finished, oldest claim first.
  virtual Result<std::vector<RunningJob>> RunningJobs() = 0;

  // Marks a queued file rejected with its code (dossier/common/rejection.h)
  // and a clerk-readable reason; event "rejected".
  virtual Status RejectFile(const std::string& sha256, const std::string& code,
                            const std::string& reason) = 0;

  // Records the files found in an archive (each as RecordArrival would, noted
  // as found in this archive; a member with a reject_reason that arrives for
  // the first time is rejected at once) and marks the archive kDone, event
  // "expanded" with `detail`. One transaction: after a crash either all of
  // it is stored or none. Returns each member's ArrivalResult, in order.
  // REQUIRES: the archive's file is queued.
  virtual Result<std::vector<ArrivalResult>> SaveExpansion(
      const std::string& sha256, const std::vector<ExpandedMember>& members,
      const std::string& detail) = 0;

  // SaveExpansion for a mail: also records the mail beside its file and the
  // documents of its text (its cover letter; may be empty), then marks it
  // kDone, event "expanded". Each member's arrival names the mail. One
  // transaction.
  // REQUIRES: the mail's file is queued.
  virtual Result<std::vector<ArrivalResult>> SaveMail(const std::string& sha256,
                                                      const MailRecord& mail,
                                                      const std::vector<norm::DocumentPart>& letter,
                                                      const std::vector<ExpandedMember>& members,
                                                      const std::string& detail) = 0;

  // The queue's counts and the newest rejections and requeues.
  virtual Result<QueueView> Queue(int max_errors) = 0;
};

}  // namespace dossier
