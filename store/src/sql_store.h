// The store's row logic, once for both engines, private to store/: how a
// struct becomes a row's parameters and a row a struct, the SQL both engines
// share and the loops over it. The methods are defined by concern, one file
// each: sql_arrivals.cc, sql_documents.cc, sql_applications.cc,
// sql_views.cc, sql_queue.cc, sql_events.cc. An engine (SqliteStore in
// sqlite_store.h, pg::PgStore in pg_store.h) derives from SqlStore and adds
// what truly differs: its connection and statements, how a writer and a
// claimer take their turn, how workers wait for jobs, the assembly's lock.
//
// The shared SQL is written in the dialect both engines read, with
// parameters as ?1, ?2, ... (the PostgreSQL engine sends them as $1, $2, ...).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dossier/common/env.h"
#include "dossier/store/store.h"
#include "sql_statement.h"
#include "store_common.h"

namespace dossier::store_internal {

class SqlStore : public Store {
 public:
  // ArrivalStore (sql_arrivals.cc)
  Result<ArrivalResult> RecordArrival(const Arrival& arrival) override;
  Result<ArrivalResult> RecordInboxArrival(const Arrival& arrival,
                                           const InboxStamp& stamp) override;
  Status RecordRefusal(const Refusal& refusal) override;
  Result<bool> ArrivedOnlyInArchives(const std::string& sha256) override;
  Result<bool> WasTaken(const InboxStamp& stamp) override;

  // DocumentStore (sql_documents.cc)
  Status SaveDocuments(const std::string& sha256, const JobHolder& holder,
                       const std::vector<norm::DocumentPart>& parts) override;
  Result<Document> LoadDocument(int64_t document_id) override;

  // ApplicationStore (sql_applications.cc; WithAssemblyLock is the engine's)
  Result<std::vector<norm::DocumentFacts>> LoadDocumentFacts() override;
  Status SaveAssembly(const norm::Assembly& assembly) override;

  // ReportViews (sql_views.cc)
  Result<std::vector<ApplicationView>> ListApplications() override;
  Result<std::vector<UnassignedView>> ListUnassigned() override;
  Result<std::vector<RejectedView>> ListRejected() override;
  Result<StoreCounts> Counts() override;

  // JobQueue (sql_queue.cc; WaitForJobs is the engine's)
  Result<std::vector<std::string>> QueuedFiles() override;
  Result<std::optional<JobClaim>> ClaimJob(const std::string& sha256, const std::string& runner,
                                           int64_t lease_ms) override;
  Result<std::optional<JobClaim>> ClaimNextJob(const std::string& runner,
                                               int64_t lease_ms) override;
  Result<bool> RenewLease(const std::string& sha256, const JobHolder& holder,
                          int64_t lease_ms) override;
  Status ReleaseJob(const std::string& sha256, const JobHolder& holder, const std::string& why,
                    bool attempt_counts) override;
  Result<std::vector<RunningJob>> RunningJobs() override;
  Status SplitJob(const std::string& sha256, const JobHolder& holder, int pages,
                  int pages_per_slice) override;
  Status SavePageSlice(const std::string& sha256, const JobHolder& holder,
                       const std::string& result) override;
  Result<std::vector<PageSlice>> PageSlices(const std::string& sha256) override;
  Status RejectFile(const std::string& sha256, const JobHolder& holder, const std::string& code,
                    const std::string& reason) override;
  Result<std::vector<ArrivalResult>> SaveExpansion(const std::string& sha256,
                                                   const JobHolder& holder,
                                                   const std::vector<ExpandedMember>& members,
                                                   const std::string& detail) override;
  Result<std::vector<ArrivalResult>> SaveMail(const std::string& sha256, const JobHolder& holder,
                                              const MailRecord& mail,
                                              const std::vector<norm::DocumentPart>& letter,
                                              const std::vector<ExpandedMember>& members,
                                              const std::string& detail) override;
  Result<QueueView> Queue(int max_errors) override;

  // EventLog (sql_events.cc)
  Result<std::vector<EventView>> ListEvents(const std::string& sha256) override;

 protected:
  // Times the store records itself are env's; env outlives the store.
  explicit SqlStore(Env& env) : env_(env) {}

  // What each engine does its own way.

  // A statement of `sql` (one statement, parameters ?1, ?2, ...).
  virtual Result<std::unique_ptr<SqlStatement>> Prepare(std::string_view sql,
                                                        std::string_view doing) = 0;
  // How much a write transaction's commit must survive: the store's rule
  // for a power loss or a crash of the machine (README, "Power loss").
  enum class Durability {
    // What nothing else can give back: an arrival (the only record that a
    // file was taken, after which the inbox may let it go), a refusal, the
    // members an archive or a mail was opened into, a rejection after which
    // an original may be dropped. On disk when the commit returns.
    kDurable,
    // What the kept originals give again: job claims and their releases,
    // what was read from a file, the assembly. All keyed by the file's
    // digest, so running a job again after its commit was lost only writes
    // the same rows. The commit is atomic and never corrupts the store, but
    // a power loss may roll back the last such commits; the next durable
    // commit (or the checkpoint when the store is closed) makes them stay.
    kRecomputable,
  };
  // Begins a transaction that writes, its writer holding the store's write
  // lock until it ends: writers take turns, so every check-then-write below
  // (is the file still queued? are these bytes' file known?) sees what the
  // previous writer committed.
  virtual Result<std::unique_ptr<SqlTransaction>> BeginWrite(const std::string& doing,
                                                             Durability durability) = 0;
  // Runs SQL text that carries no values.
  virtual Status Exec(const char* sql, std::string_view doing) = 0;
  // The SQL of a JSON array of `elements` (SQL expressions), as text.
  virtual std::string JsonArraySql(std::string_view elements) const = 0;
  // Inside the write transaction of an ending of a job, before its job is
  // looked at: whatever keeps a claim of the same job from crossing it
  // (nothing where the write lock already does).
  virtual Status LockForEnding(const std::string& sha256, const std::string& doing) = 0;
  // A job was queued or put back, inside the transaction that did it: wakes
  // waiting workers when it commits (nothing where they only poll).
  virtual Status AnnounceJob(const std::string& doing) = 0;
  // Begins the transaction of a claim: the write lock's turn where that is
  // how claimers are kept apart, or a plain transaction where the claimed
  // rows are locked (ClaimLockSql). A claim is Durability::kRecomputable: a
  // lost claim leaves its job queued, to be claimed again.
  virtual Result<std::unique_ptr<SqlTransaction>> BeginClaim(const std::string& doing) = 0;
  // What follows a claim's SELECT to lock the rows it reads of the table
  // named `alias` there (files f, page_jobs p), with `skip_locked` passing
  // over rows another claimer holds ("" where the claim's transaction keeps
  // other claimers out).
  virtual std::string ClaimLockSql(bool skip_locked, const char* alias) const = 0;

  // For the engine's claims.

  // Events. An empty sha256 records a store-level event (NULL in the table).
  Status AddEvent(const std::string& sha256, const char* event, const std::string& detail,
                  int64_t at_ms, const std::string& doing);

  Env& env_;

 private:
  Result<std::vector<EventView>> DoListEvents(const std::string& sha256);

  // Arrivals.
  // Looks a file up by digest; nullopt when unknown.
  Result<std::optional<FileRow>> FindFile(const std::string& sha256, const std::string& doing);
  // FindFile for a file whose job ends now: NotFound when unknown,
  // InvalidInput (kJobEndedCode) when it is no longer queued, its job having
  // ended already
  // (`once`: what is done to a file only once, "read", "expanded", ...).
  Result<FileRow> FindQueuedFile(const std::string& sha256, const char* once,
                                 const std::string& doing);
  // FindQueuedFile for an ending of a job, which only its holder may make
  // (queue.h): InvalidInput with kLeaseLostCode when `holder` does not hold
  // the current attempt. Inside the caller's write transaction.
  Result<FileRow> FindHeldFile(const std::string& sha256, const JobHolder& holder, const char* once,
                               const std::string& doing);
  Result<ArrivalResult> DoRecordArrival(const Arrival& arrival, const InboxStamp* stamp);
  // RecordArrival's work, inside the caller's transaction (SaveExpansion
  // records many arrivals in one).
  // `archive` is the files.id of the archive (or mail) the file was found
  // in, 0 when it was dropped as itself; `mail` the files.id of the mail it
  // came in, 0 for none.
  Result<ArrivalResult> RecordArrivalInTransaction(const Arrival& arrival,
                                                   const InboxStamp* inbox = nullptr,
                                                   int64_t archive = 0, int64_t mail = 0);
  Status DoRecordRefusal(const Refusal& refusal);
  Result<bool> DoArrivedOnlyInArchives(const std::string& sha256);
  Result<bool> DoWasTaken(const InboxStamp& stamp);

  // Documents.
  Status DoSaveDocuments(const std::string& sha256, const JobHolder& holder,
                         const std::vector<norm::DocumentPart>& parts);
  // The documents of a file (its parts, in order), inside the caller's
  // transaction; the statements are prepared once for all of them.
  Status SaveDocumentParts(int64_t file_id, const std::vector<norm::DocumentPart>& parts,
                           const std::string& doing);
  struct DocumentInserts;  // sql_documents.cc
  // One document of a file, with SaveDocumentParts' statements.
  Status SaveDocument(int64_t file_id, int part_index, const norm::DocumentPart& part,
                      DocumentInserts& inserts, const std::string& doing);
  Result<Document> DoLoadDocument(int64_t document_id);

  // Applications.
  Result<std::vector<norm::DocumentFacts>> DoLoadDocumentFacts();
  Status DoSaveAssembly(const norm::Assembly& assembly);

  // Views.
  // The columns a DocumentView is read from (sql_views.cc): d.id,
  // f.first_path, f.sha256, d.kind, d.kind_confidence, d.kind_reason,
  // d.pages, f.type, d.first_page, d.last_page, the mail it came in (a JSON
  // array), over documents d joined to files f.
  std::string DocumentViewColumns() const;
  // Every arrival of the file with this digest, oldest first.
  Result<std::vector<ArrivalView>> ArrivalsOf(const std::string& sha256, const std::string& doing);
  Result<std::vector<ApplicationView>> DoListApplications();
  Result<std::vector<UnassignedView>> DoListUnassigned();
  Result<std::vector<RejectedView>> DoListRejected();
  Result<StoreCounts> DoCounts();

  // Queue.
  Status DoRejectFile(const std::string& sha256, const JobHolder& holder, const std::string& code,
                      const std::string& reason);
  // The end of a queued file's job, inside the caller's transaction:
  // Internal when the file (`what`: "file", "archive") is no longer queued.
  Status MarkDone(int64_t file_id, const char* what, const std::string& doing);
  // Claims the file's job when it is claimable at now_ms (see ClaimJob),
  // inside the caller's transaction; nullopt when it is not.
  Result<std::optional<JobClaim>> ClaimInTransaction(const std::string& sha256,
                                                     const std::string& runner, int64_t lease_ms,
                                                     int64_t now_ms, const std::string& doing);
  // Sets claim->received_at_ms: when the file first arrived.
  Status NoteReceivedAt(int64_t file_id, JobClaim* claim, const std::string& doing);
  Result<std::optional<JobClaim>> DoClaimJob(const std::string& sha256, const std::string& runner,
                                             int64_t lease_ms);
  Result<std::optional<JobClaim>> DoClaimNextJob(const std::string& runner, int64_t lease_ms);
  // Claims the oldest claimable page job at now_ms inside the caller's
  // transaction; nullopt when none is.
  Result<std::optional<JobClaim>> ClaimNextSlice(const std::string& runner, int64_t lease_ms,
                                                 int64_t now_ms, const std::string& doing);
  Status DoSplitJob(const std::string& sha256, const JobHolder& holder, int pages,
                    int pages_per_slice);
  Status DoSavePageSlice(const std::string& sha256, const JobHolder& holder,
                         const std::string& result);
  Result<std::vector<PageSlice>> DoPageSlices(const std::string& sha256);
  // Deletes a file's page jobs as its job ends, inside the caller's transaction.
  Status DropPageSlices(int64_t file_id, const std::string& doing);
  Result<std::vector<std::string>> DoQueuedFiles();
  Result<bool> DoRenewLease(const std::string& sha256, const JobHolder& holder, int64_t lease_ms);
  Status DoReleaseJob(const std::string& sha256, const JobHolder& holder, const std::string& why,
                      bool attempt_counts);
  Result<std::vector<RunningJob>> DoRunningJobs();
  // A mail (mail and letter given) is an archive whose record and text
  // documents are kept with it.
  Result<std::vector<ArrivalResult>> DoSaveExpansion(
      const std::string& sha256, const JobHolder& holder,
      const std::vector<ExpandedMember>& members, const std::string& detail,
      const MailRecord* mail = nullptr, const std::vector<norm::DocumentPart>* letter = nullptr);
  Result<QueueView> DoQueue(int max_errors);
};

}  // namespace dossier::store_internal
