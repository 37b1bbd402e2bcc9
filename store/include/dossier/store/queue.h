// The store's job queue. A queued file's job is claimed by one worker (a
// process, named by `runner`), runs, and ends with SaveDocuments (documents.h),
// RejectFile, SaveExpansion or SaveMail. Several processes, on several
// machines, may share a store.
//
// A claim is a lease: it holds until lease_until_ms (the store's Env clock)
// unless renewed (RenewLease, the worker's heartbeat). A job whose lease ran
// out is claimed again by anyone, as the next attempt; the attempt number
// fences off the worker that lost it: every ending of a job names the holder
// (runner and attempt), and one that no longer holds the job is refused
// (LeaseLost) and changes nothing.
//
// A large scan's job may be split into page jobs (SplitJob): slices of its
// pages, each claimed, leased and ended (SavePageSlice) as a job of its own;
// once every slice is read the file's job is claimable again, to join them
// (docs/capacity.md, "Large scans as page jobs").
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
  std::string runner;
  std::string type;
  std::string first_path;
  int attempts = 0;            // including this one
  std::string last_error;      // why the previous attempt did not finish; "" if none
  int64_t received_at_ms = 0;  // when the file first arrived (Unix ms)
  int64_t lease_until_ms = 0;  // the claim holds until then unless renewed
  // A page job: a slice of a large scan's pages (first..last, from 1,
  // inclusive), read on its own and ended with SavePageSlice. 0 and 0 for a
  // file's own job.
  int first_page = 0;
  int last_page = 0;
  // The file's own job after SplitJob (the pages per slice): every slice has
  // its pages now, and this claim joins them (PageSlices). 0: read whole.
  int split_pages = 0;
};

// Who may end a job: the runner that claimed it and the attempt it claimed,
// of the file's own job (first_page 0) or of its page job from first_page.
struct JobHolder {
  std::string runner;
  int attempt = 0;
  int first_page = 0;
};

inline JobHolder HolderOf(const JobClaim& claim) {
  return JobHolder{claim.runner, claim.attempts, claim.first_page};
}

// The reason code of a Status refusing an ending of a job from a holder whose
// attempt is no longer the current one (its lease ran out and the job was
// claimed again, or it was put back in the queue).
inline constexpr const char* kLeaseLostCode = "lease_lost";
inline bool LeaseLost(const Status& status) {
  return !status.ok() && status.reason_code() == kLeaseLostCode;
}

// The reason code of a Status refusing an ending of a job whose file is no
// longer queued: the job ended already (the file is done or rejected).
inline constexpr const char* kJobEndedCode = "job_ended";
inline bool JobEnded(const Status& status) {
  return !status.ok() && status.reason_code() == kJobEndedCode;
}

struct RunningJob {
  std::string sha256;
  std::string first_path;
  std::string runner;
  int attempts = 0;
  int64_t claimed_at_ms = 0;  // when `runner` claimed it, by the store's Env (Unix ms)
  int64_t lease_until_ms = 0;
  int first_page = 0;  // a page job's pages; 0 and 0 for a file's own job
  int last_page = 0;
};

// A page job's slice of a file as the join loads it.
struct PageSlice {
  int first_page = 0;
  int last_page = 0;
  bool has_result = false;
  std::string result;  // as SavePageSlice stored it
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

// Page jobs count as jobs: a split file waits (queued) while its slices are
// queued or running.
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

  // Claims the job of a queued file that no runner holds, or whose lease ran
  // out: it is running under `runner` until now + lease_ms, and its attempts
  // go up by one. Taking over a lapsed lease notes why in last_error and as
  // event "requeued". nullopt when the file is not queued or another runner
  // holds a live lease on it. One short transaction.
  virtual Result<std::optional<JobClaim>> ClaimJob(const std::string& sha256,
                                                   const std::string& runner, int64_t lease_ms) = 0;

  // ClaimJob for the oldest claimable queued file; nullopt when none is. Two
  // workers asking at once get different jobs, neither waiting for the other
  // (PostgreSQL: FOR UPDATE SKIP LOCKED). Page jobs come first, oldest file
  // first, then by page, so that the pages of the oldest scan go to every
  // worker before the next file starts; they are claimed as files are (no
  // runner, or its lease ran out), their attempts counted on their own. A
  // split file's own job is claimable only once every slice has its result
  // (that claim is the join); ClaimJob too waits for that.
  virtual Result<std::optional<JobClaim>> ClaimNextJob(const std::string& runner,
                                                       int64_t lease_ms) = 0;

  // Splits the job `holder` holds (the file's own) into page jobs of
  // pages_per_slice pages over its `pages` pages, and frees the file's job
  // without counting the attempt: it waits for its slices, then joins them.
  // NOTIFYs once. Refused as every ending (LeaseLost, JobEnded); a second
  // split of the same file fails (its slices exist) and changes nothing.
  // REQUIRES: pages > pages_per_slice >= 1.
  virtual Status SplitJob(const std::string& sha256, const JobHolder& holder, int pages,
                          int pages_per_slice) = 0;

  // The ending of a page job: stores its pages (`result`, the reader's
  // answer) and frees it. Accepted only from the slice's holder (runner,
  // attempt and first_page), else LeaseLost; JobEnded when the file's job
  // ended meanwhile. The last slice's ending NOTIFYs: the join is claimable.
  virtual Status SavePageSlice(const std::string& sha256, const JobHolder& holder,
                               const std::string& result) = 0;

  // The file's page jobs in page order, with their results so far.
  virtual Result<std::vector<PageSlice>> PageSlices(const std::string& sha256) = 0;

  // RenewLease and ReleaseJob take a page job (holder.first_page > 0) as they
  // take a file's own job.

  // The heartbeat: moves the lease of the job `holder` holds to now +
  // lease_ms. false when `holder` no longer holds that attempt (the lease ran
  // out and someone claimed the job, it was released or it ended): the
  // worker must then stop and end nothing.
  virtual Result<bool> RenewLease(const std::string& sha256, const JobHolder& holder,
                                  int64_t lease_ms) = 0;

  // Puts the job `holder` holds back in the queue, noting why (event
  // "requeued"). When the attempt does not count (an orderly stop, a full
  // disk) the attempts go back down. Nothing happens when `holder` does not
  // hold the job (it was already requeued, claimed again or finished).
  virtual Status ReleaseJob(const std::string& sha256, const JobHolder& holder,
                            const std::string& why, bool attempt_counts) = 0;

  // Jobs claimed and not finished, page jobs too, oldest claim first.
  virtual Result<std::vector<RunningJob>> RunningJobs() = 0;

  // The endings below (and DocumentStore::SaveDocuments) are accepted only
  // from the job's holder: otherwise InvalidInput with reason code
  // kLeaseLost, and nothing changes. A file no longer queued is refused as
  // before (InvalidInput with reason code kJobEndedCode: it ended already).

  // Marks a queued file rejected with its code (dossier/common/rejection.h)
  // and a clerk-readable reason; event "rejected".
  virtual Status RejectFile(const std::string& sha256, const JobHolder& holder,
                            const std::string& code, const std::string& reason) = 0;

  // Records the files found in an archive (each as RecordArrival would, noted
  // as found in this archive; a member with a reject_reason that arrives for
  // the first time is rejected at once) and marks the archive kDone, event
  // "expanded" with `detail`. One transaction: after a crash either all of
  // it is stored or none. Returns each member's ArrivalResult, in order.
  // REQUIRES: the archive's file is queued.
  virtual Result<std::vector<ArrivalResult>> SaveExpansion(
      const std::string& sha256, const JobHolder& holder,
      const std::vector<ExpandedMember>& members, const std::string& detail) = 0;

  // SaveExpansion for a mail: also records the mail beside its file and the
  // documents of its text (its cover letter; may be empty), then marks it
  // kDone, event "expanded". Each member's arrival names the mail. One
  // transaction.
  // REQUIRES: the mail's file is queued.
  virtual Result<std::vector<ArrivalResult>> SaveMail(const std::string& sha256,
                                                      const JobHolder& holder,
                                                      const MailRecord& mail,
                                                      const std::vector<norm::DocumentPart>& letter,
                                                      const std::vector<ExpandedMember>& members,
                                                      const std::string& detail) = 0;

  // Waits up to timeout_ms for news of queued jobs: true when some came.
  // PostgreSQL announces each job queued (a new file, a job put back) with
  // NOTIFY to every listening worker; that is best effort (a notice sent
  // while the connection was down is lost), so workers also poll. SQLite has
  // no such news: it waits the whole time and says false.
  virtual Result<bool> WaitForJobs(int64_t timeout_ms) = 0;

  // The queue's counts and the newest rejections and requeues.
  virtual Result<QueueView> Queue(int max_errors) = 0;
};

}  // namespace dossier
