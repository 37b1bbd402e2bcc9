// The PostgreSQL engine's Store, private to store/. One class over one
// connection, as SqliteStore (sqlite_store.h) is, with its methods defined by
// concern: pg_arrivals.cc, pg_documents.cc, pg_applications.cc, pg_views.cc,
// pg_queue.cc, pg_events.cc; opening and migrating in pg_store.cc. The SQL is
// SQLite's, in PostgreSQL's dialect, over the schema in pg_schema.cc.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dossier/common/env.h"
#include "dossier/store/store.h"
#include "pg_util.h"
#include "store_common.h"

namespace dossier::store_internal::pg {

// The channel on which a queued job is announced (NOTIFY) to waiting workers.
#define kJobsChannel "dossier_jobs"

class PgStore final : public Store {
 public:
  // Times the store records itself are env's; env outlives the store.
  PgStore(std::unique_ptr<Connection> conn, std::string name, Env& env)
      : conn_(std::move(conn)), db_(*conn_), path_(std::move(name)), env_(env) {}
  ~PgStore() override;

  // Makes this store a private snapshot (OpenPostgresStoreSnapshot): from
  // now on it reads one consistent picture of the database, in a transaction
  // that is never committed, and what it writes goes to temporary tables in
  // place of the assembly's (applications and what hangs off them), so the
  // shared store neither changes nor waits for it.
  Status BecomeSnapshot();

  // ArrivalStore (pg_arrivals.cc)
  Result<ArrivalResult> RecordArrival(const Arrival& arrival) override;
  Result<ArrivalResult> RecordInboxArrival(const Arrival& arrival,
                                           const InboxStamp& stamp) override;
  Status RecordRefusal(const Refusal& refusal) override;
  Result<bool> ArrivedOnlyInArchives(const std::string& sha256) override;
  Result<bool> WasTaken(const InboxStamp& stamp) override;

  // DocumentStore (pg_documents.cc)
  Status SaveDocuments(const std::string& sha256, const JobHolder& holder,
                       const std::vector<norm::DocumentPart>& parts) override;
  Result<Document> LoadDocument(int64_t document_id) override;

  // ApplicationStore (pg_applications.cc)
  Result<std::vector<norm::DocumentFacts>> LoadDocumentFacts() override;
  Status SaveAssembly(const norm::Assembly& assembly) override;
  Status WithAssemblyLock(const std::function<Status()>& assemble) override;

  // ReportViews (pg_views.cc)
  Result<std::vector<ApplicationView>> ListApplications() override;
  Result<std::vector<UnassignedView>> ListUnassigned() override;
  Result<std::vector<RejectedView>> ListRejected() override;
  Result<StoreCounts> Counts() override;

  // JobQueue (pg_queue.cc)
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
  Result<bool> WaitForJobs(int64_t timeout_ms) override;
  Result<QueueView> Queue(int max_errors) override;

  // EventLog (pg_events.cc)
  Result<std::vector<EventView>> ListEvents(const std::string& sha256) override;

 private:
  // Begins a transaction that writes, holding the store's write lock until it
  // ends: writers take turns, as SQLite's BEGIN IMMEDIATE makes them, so every
  // check-then-write below (is the file still queued? is these bytes' file
  // known?) sees what the previous writer committed.
  Status BeginWrite(Transaction& tx, const std::string& doing);

  Result<Statement> Prepare(std::string_view sql, std::string_view doing) {
    return Statement::Prepare(db_, sql, doing);
  }

  // Events. An empty sha256 records a store-level event (NULL in the table).
  Status AddEvent(const std::string& sha256, const char* event, const std::string& detail,
                  int64_t at_ms, const std::string& doing);
  Result<std::vector<EventView>> DoListEvents(const std::string& sha256);

  // Arrivals.
  // Looks a file up by digest; nullopt when unknown.
  Result<std::optional<FileRow>> FindFile(const std::string& sha256, const std::string& doing);
  // FindFile for a file whose job ends now: NotFound when unknown,
  // InvalidInput when it is no longer queued, its job having ended already
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
  // One document of a file, inside the caller's transaction.
  Status SaveDocument(int64_t file_id, int part_index, const norm::DocumentPart& part,
                      const std::string& doing);
  Result<Document> DoLoadDocument(int64_t document_id);

  // Applications.
  Result<std::vector<norm::DocumentFacts>> DoLoadDocumentFacts();
  Status DoSaveAssembly(const norm::Assembly& assembly);

  // Views.
  // Every arrival of the file with this digest, oldest first.
  Result<std::vector<ArrivalView>> ArrivalsOf(const std::string& sha256, const std::string& doing);
  Result<std::vector<ApplicationView>> DoListApplications();
  Result<std::vector<UnassignedView>> DoListUnassigned();
  Result<std::vector<RejectedView>> DoListRejected();
  Result<StoreCounts> DoCounts();

  // Queue.
  Status DoRejectFile(const std::string& sha256, const JobHolder& holder, const std::string& code,
                      const std::string& reason);
  Result<std::vector<std::string>> DoQueuedFiles();
  // Claims the file's job when it is claimable at now_ms (see ClaimJob),
  // inside the caller's transaction; nullopt when it is not.
  Result<std::optional<JobClaim>> ClaimInTransaction(const std::string& sha256,
                                                     const std::string& runner, int64_t lease_ms,
                                                     int64_t now_ms, const std::string& doing);
  Result<std::optional<JobClaim>> DoClaimJob(const std::string& sha256, const std::string& runner,
                                             int64_t lease_ms);
  Result<std::optional<JobClaim>> DoClaimNextJob(const std::string& runner, int64_t lease_ms);
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
  Result<bool> DoWaitForJobs(int64_t timeout_ms);

  std::unique_ptr<Connection> conn_;
  Connection& db_;
  // The connection's session that LISTENs for queued jobs (Connection::
  // session()); a new session after a reconnection must LISTEN again.
  int64_t listening_session_ = -1;
  std::unique_ptr<Transaction> snapshot_;  // rolled back when the store closes
  std::string path_;  // the connection string, without a password, for messages
  Env& env_;
};

// The schema's migration steps known to this build, and bringing a database
// to the last one (pg_schema.cc).
int KnownPgSchemaVersion();
Status MigratePg(Connection& conn, const std::string& name);

}  // namespace dossier::store_internal::pg
