// The SQLite engine's Store, private to store/. One class over one
// connection; its methods are defined by concern, one file each:
// sqlite_arrivals.cc, sqlite_documents.cc, sqlite_applications.cc,
// sqlite_views.cc, sqlite_queue.cc, sqlite_events.cc; opening and migrating
// in sqlite_store.cc.
#pragma once

#include <cstdint>
#include <exception>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dossier/common/env.h"
#include "dossier/common/text.h"
#include "dossier/store/store.h"
#include "sqlite_util.h"
#include "store_common.h"

namespace dossier::store_internal {

class SqliteStore final : public Store {
 public:
  // Times the store records itself are env's; env outlives the store.
  SqliteStore(Database db, std::string path, Env& env)
      : db_(std::move(db)), path_(std::move(path)), env_(env) {}

  // ArrivalStore (sqlite_arrivals.cc)
  Result<ArrivalResult> RecordArrival(const Arrival& arrival) override;
  Result<ArrivalResult> RecordInboxArrival(const Arrival& arrival,
                                           const InboxStamp& stamp) override;
  Status RecordRefusal(const Refusal& refusal) override;
  Result<bool> ArrivedOnlyInArchives(const std::string& sha256) override;
  Result<bool> WasTaken(const InboxStamp& stamp) override;

  // DocumentStore (sqlite_documents.cc)
  Status SaveDocuments(const std::string& sha256, const JobHolder& holder,
                       const std::vector<norm::DocumentPart>& parts) override;
  Result<Document> LoadDocument(int64_t document_id) override;

  // ApplicationStore (sqlite_applications.cc)
  Result<std::vector<norm::DocumentFacts>> LoadDocumentFacts() override;
  Status SaveAssembly(const norm::Assembly& assembly) override;
  Status WithAssemblyLock(const std::function<Status()>& assemble) override;

  // ReportViews (sqlite_views.cc)
  Result<std::vector<ApplicationView>> ListApplications() override;
  Result<std::vector<UnassignedView>> ListUnassigned() override;
  Result<std::vector<RejectedView>> ListRejected() override;
  Result<StoreCounts> Counts() override;

  // JobQueue (sqlite_queue.cc)
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

  // EventLog (sqlite_events.cc)
  Result<std::vector<EventView>> ListEvents(const std::string& sha256) override;

 private:
  Result<Statement> Prepare(std::string_view sql, std::string_view doing) {
    return Statement::Prepare(db_.get(), sql, doing);
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

  Database db_;
  std::string path_;
  Env& env_;
};

}  // namespace dossier::store_internal
