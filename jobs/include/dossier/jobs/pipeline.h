// The wiring of the stages for one data folder: ingest → extract → normalize
// → store, then assembly. No format or domain logic lives here.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dossier/assemble/checks.h"
#include "dossier/common/env.h"
#include "dossier/common/status.h"
#include "dossier/extract/extractor.h"
#include "dossier/extract/mail.h"
#include "dossier/ingest/file_finder.h"
#include "dossier/ingest/originals.h"
#include "dossier/jobs/isolation.h"
#include "dossier/store/store.h"

namespace dossier {

struct PipelineOptions {
  std::filesystem::path data_dir = "dossier-data";
  // Where the store is (ParseStoreLocation): "" for data_dir's SQLite file,
  // a path or sqlite:PATH, or a postgresql:// URL. The originals stay in
  // data_dir either way.
  std::string store;
  ExtractLimits limits;
  // Known arrival times by path as received (Unix ms), overriding the
  // Env's clock.
  std::map<std::string, int64_t> arrival_times;
  norm::CallConfig call = norm::CallConfig::Defaults();
  // How each file's reader runs: a child process under these limits.
  IsolationLimits isolation;
  // A job that was started this often without finishing (dossier killed
  // while reading it each time) is rejected instead of started again.
  int max_attempts = 3;
  // A claimed job is this worker's until its lease runs out (store Env
  // time); while its reader runs the lease is renewed every heartbeat_ms
  // (steady time). A worker that stops renewing (killed, frozen, cut off
  // from the store) loses the job to the next worker that asks after the
  // lease ran out. Several beats fit in a lease, so one slow renewal loses
  // nothing.
  int64_t lease_ms = 60'000;
  int64_t heartbeat_ms = 15'000;
  // A PDF of more pages than this is split into page jobs of this many pages
  // (docs/capacity.md: "Large scans as page jobs"), read by whichever workers
  // ask and joined again when every slice is read, so that one large scan
  // uses every worker. 0 reads every file whole, as ingest's local runner
  // does: its one reader already uses every core. Page jobs split by others
  // are run whatever this says.
  int page_job_pages = 0;
  // Ingest only keeps the originals and queues their jobs, for workers
  // (`dossier worker`) to run; nothing is read or assembled here.
  bool no_work = false;
  // Who may read the data folder: its owner only (0700/0600, originals
  // 0400), or the owner's group too (0750/0640/0440). See privacy.h.
  bool shared_group = false;
};

enum class FileOutcome { kTaken, kDuplicate, kRejected };
// "taken", "duplicate", "rejected": as `ingest` prints them and the log says.
const char* OutcomeWord(FileOutcome outcome);

struct FileResult {
  std::string as_received;
  std::string sha256;  // "" for a file refused before it was read
  FileOutcome outcome = FileOutcome::kTaken;
  std::string detail;  // kind for taken files, reason for rejected ones
  std::string code;    // rejected files: dossier/common/rejection.h
};

struct IngestSummary {
  std::vector<FileResult> files;
  int taken = 0;
  int duplicates = 0;
  int rejected = 0;
  // --arrivals entries that matched no file that arrived (sorted).
  std::vector<std::string> unmatched_arrivals;
};

using ProgressFn = std::function<void(size_t done, size_t total, const FileResult& last)>;
using ResultFn = std::function<void(const FileResult&)>;
using StopFn = std::function<bool()>;

// Opens (creating) the data folder's store, store.sqlite, with env's clock.
// First sets this process's file creation mask (privacy.h,
// RestrictFileCreation), so that everything written afterwards, here or by
// the reports, is private (or group-readable), and brings an existing data
// folder to those modes.
// On failure: an Io status naming what could not be opened.
Result<std::unique_ptr<Store>> OpenDataFolderStore(const PipelineOptions& options,
                                                   Env& env = Env::Default());

class Pipeline {
 public:
  // The stages wired over `store` (which tests may open in memory, or
  // wrap), keeping originals in options.data_dir/originals/. Times the
  // pipeline records (arrivals without a known time, mails without one) are
  // env's; give the store the same env so that its own timestamps (events,
  // job claims) agree. env outlives the pipeline.
  Pipeline(PipelineOptions options, std::unique_ptr<Store> store, Env& env = Env::Default());

  // OpenDataFolderStore, then the pipeline over that store.
  // On failure: an Io status naming what could not be opened.
  static Result<std::unique_ptr<Pipeline>> Open(const PipelineOptions& options,
                                                Env& env = Env::Default());

  // Takes each file: keeps the original, records the arrival, and processes
  // it once; files left queued by an interrupted run are processed first.
  // Then reassembles the applications. A file that cannot be read as a
  // document is rejected with its reason and the run goes on; a failure of
  // the environment (disk full, store unwritable) stops the run with an Io
  // status, losing nothing already taken.
  Result<IngestSummary> Ingest(const std::vector<FoundFile>& files,
                               const ProgressFn& progress = {});

  // Rebuilds applications from every stored document and runs the checks.
  Status Reassemble();

  // --- The steps Ingest is made of, also fed by `dossier watch`.

  // Takes a file whose bytes were read: keeps the original and records the
  // arrival, with the watched inbox's stamp when given (one transaction), so
  // that a restart does not take the same file again. New bytes are queued
  // (kTaken, detail "queued"); known ones are a second arrival (kDuplicate,
  // or kRejected for a copy of a rejected file).
  // On failure of the data folder (disk full): Io, and nothing is recorded.
  Result<FileResult> Take(const FoundFile& found, const std::string& bytes,
                          const std::optional<InboxStamp>& stamp = std::nullopt);

  // Records a file that arrived but is refused before its bytes are read
  // (`why` is a rejection: a symlink, an unreadable file or folder, …): it is
  // listed as rejected, and nothing of it is kept. On failure of the data
  // folder: Io.
  Result<FileResult> Refuse(const std::string& as_received, const Status& why);

  // Puts back in the queue the jobs whose process on this machine is gone (a
  // crash, kill -9, power cut); that attempt counts. Jobs this process left
  // running after a failure of the environment are put back too, without
  // counting. A job of another machine's worker is left to its lease: a live
  // worker there keeps renewing it, a dead one lets it run out, and the job
  // is then claimed again by whoever asks next (RunQueue).
  Status RecoverJobs();

  // Runs queued jobs, oldest first (the store's ClaimNextJob), until none is
  // left that this process can claim, or stop() returns true (the running job
  // then finishes within the grace time or goes back to the queue). Each
  // file's reader runs isolated (see IsolationLimits) while the job's lease
  // is renewed; a parser crash, hang or memory blow-up rejects that file with
  // the reason. A job whose lease was lost (a renewal or its ending refused:
  // another worker took it) is dropped: its result is not saved. ZIP
  // archives are expanded and their files queued. Every finished file is
  // given to `each`. When the store's server cannot be reached as a job
  // ends (StoreUnreachable: it is restarting), saving what was read is tried
  // again, after a growing pause, as long as the job's lease may hold.
  // On failure of the environment: the job goes back to the queue without
  // counting an attempt (or, the store being unreachable, stays this
  // process's until RecoverJobs puts it back or its lease runs out), and the
  // Io status is returned.
  Status RunQueue(const ResultFn& each, const StopFn& stop = {});

  // This process's name in the job queue ("boot:pid:start").
  const std::string& runner() const { return runner_; }

  Store& store() { return *store_; }
  const std::filesystem::path& data_dir() const { return options_.data_dir; }

 private:
  // Runs one claimed job. Empty when it was interrupted by a stop or its
  // lease was lost, for a page job, and for a file split into page jobs; an
  // archive gives its own result and those of members rejected or known at
  // once.
  Result<std::vector<FileResult>> RunJob(const JobClaim& job, const StopFn& stop);
  // Runs `work` in an isolated reader child while renewing the lease of `job`
  // (the heartbeat). *lease_lost says whether a renewal was refused: another
  // worker holds the job now, and the child was stopped.
  Result<ChildOutcome> RunReader(const JobClaim& job,
                                 const std::function<Result<std::string>()>& work,
                                 const StopFn& stop, bool* lease_lost);
  // A page job: reads its pages (ReadPdfPages) and saves them for the join;
  // pages its reader refused, or given up on past max_attempts, are saved
  // as pages not read with the reason.
  Result<std::vector<FileResult>> RunPageJob(const JobClaim& job, const std::string& bytes,
                                             const StopFn& stop);
  // Splits the file's job into page jobs (SplitJob) when it is a PDF of more
  // than page_job_pages pages, counted in a reader child. true when the job
  // is no longer this worker's to read (split, put back on a stop, or its
  // lease lost); false: read it whole.
  Result<bool> SplitIfLarge(const JobClaim& job, const std::string& bytes, const StopFn& stop);
  Result<std::vector<FileResult>> SaveMembers(const JobClaim& job,
                                              std::vector<ArchiveMember> members);
  // A mail's files arrive when the mail did (its Received:/Date: time, unless
  // that is after the mail was taken); its text is its cover letter.
  Result<std::vector<FileResult>> SaveMail(const JobClaim& job, MailContents mail,
                                           std::vector<norm::DocumentPart> letter);
  // The archive's or mail's result, then those of its files rejected or
  // known at once (new ones report through their own jobs).
  std::vector<FileResult> MemberResults(const FileResult& result,
                                        const std::vector<ExpandedMember>& expanded,
                                        const std::vector<ArrivalResult>& arrived);
  // Removes the kept original of a rejected file when its archive holds it.
  void DropIfRecoverable(const std::string& sha256);
  // Runs `end`, the ending of a job this process holds (its documents, its
  // rejection, its archive's or mail's files saved), and again after a
  // growing pause while it fails with StoreUnreachable, until the lease
  // may have run out (lease_until_) or a stop is asked: the job is still
  // this process's, and its file need not be read again. Should the lease
  // run out meanwhile and another worker take the job, the store refuses the
  // ending (LeaseLost). A try refused because the job ended already
  // (JobEnded) after an earlier one failed means that earlier try was
  // committed, its answer lost: Ok, though what that try returned (an
  // archive's ArrivalResults) was lost with it.
  Status EndJob(const JobClaim& job, const std::function<Status()>& end);
  // Puts a job this process holds back in the queue, without counting the
  // attempt; returns `cause` for the caller to pass on. A refusal because the
  // lease was lost is no failure: empty results, nothing to put back.
  Result<std::vector<FileResult>> Release(const JobClaim& job, const Status& cause);

  PipelineOptions options_;
  Env& env_;
  std::unique_ptr<Store> store_;
  OriginalsFolder originals_;
  std::string runner_;
  // The running job's lease holds at least until then (steady clock): the
  // lease's length from before its claim or its last renewal. And the stop
  // of the RunQueue that runs it.
  std::chrono::steady_clock::time_point lease_until_;
  StopFn stop_;
};

}  // namespace dossier
