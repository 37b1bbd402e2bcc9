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

namespace dossier::store_internal {

// files.state as stored.
const char* StateName(FileState state);
FileState StateFromName(const std::string& name);

// Text that came from documents may hold invalid UTF-8; it is stored with
// U+FFFD in place of the bad bytes rather than refused (damaged text is data).
std::string JsonText(const nlohmann::json& value);

// A JSON value read back from the store; Internal when it is damaged.
Result<nlohmann::json> ParseJson(const std::string& text, const std::string& doing);

// A span's words as stored (spans.words: [{"text", "bbox", "confidence"}]);
// a word without a box of four numbers keeps an empty one.
std::vector<WordBox> WordsFromJson(const nlohmann::json& words);

inline std::string Plural(size_t n, const char* one, const char* many) {
  return text::CountOf(n, one, many);
}

// Runs `body` and turns any exception (allocation, a library bug) into a
// Status, so that none escapes the stage. An open Transaction rolls back as
// the exception unwinds through it.
template <typename T, typename F>
T Guarded(const char* doing, F&& body) {
  try {
    return body();
  } catch (const std::exception& e) {
    return Status::Internal(std::string(doing) + ": unexpected failure (" + e.what() + ")");
  }
}

// The mail file f came in (its earliest arrival by mail), or f itself when f
// is a mail, or the mail whose path f's first path lies under (a file of a ZIP
// that came in a mail); NULL when none.
#define kMailOfFile                                                                          \
  "COALESCE((SELECT a.mail FROM arrivals a WHERE a.file = f.id AND a.mail IS NOT NULL "      \
  "ORDER BY a.received_at_ms, a.id LIMIT 1), (SELECT m2.file FROM mails m2 WHERE m2.file = " \
  "f.id), (SELECT m3.file FROM mails m3 JOIN files mf3 ON mf3.id = m3.file WHERE "           \
  "substr(f.first_path, 1, length(mf3.first_path) + 1) = mf3.first_path || '/' LIMIT 1))"

// A file as the queue knows it.
struct FileRow {
  int64_t id = 0;
  FileState state = FileState::kQueued;
  std::string first_path;
};

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
  Status SaveDocuments(const std::string& sha256,
                       const std::vector<norm::DocumentPart>& parts) override;
  Result<Document> LoadDocument(int64_t document_id) override;

  // ApplicationStore (sqlite_applications.cc)
  Result<std::vector<norm::DocumentFacts>> LoadDocumentFacts() override;
  Status SaveAssembly(const norm::Assembly& assembly) override;

  // ReportViews (sqlite_views.cc)
  Result<std::vector<ApplicationView>> ListApplications() override;
  Result<std::vector<UnassignedView>> ListUnassigned() override;
  Result<std::vector<RejectedView>> ListRejected() override;
  Result<StoreCounts> Counts() override;

  // JobQueue (sqlite_queue.cc)
  Result<std::vector<std::string>> QueuedFiles() override;
  Result<std::optional<JobClaim>> ClaimJob(const std::string& sha256,
                                           const std::string& runner) override;
  Status ReleaseJob(const std::string& sha256, const std::string& runner, const std::string& why,
                    bool attempt_counts) override;
  Result<std::vector<RunningJob>> RunningJobs() override;
  Status RejectFile(const std::string& sha256, const std::string& code,
                    const std::string& reason) override;
  Result<std::vector<ArrivalResult>> SaveExpansion(const std::string& sha256,
                                                   const std::vector<ExpandedMember>& members,
                                                   const std::string& detail) override;
  Result<std::vector<ArrivalResult>> SaveMail(const std::string& sha256, const MailRecord& mail,
                                              const std::vector<norm::DocumentPart>& letter,
                                              const std::vector<ExpandedMember>& members,
                                              const std::string& detail) override;
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
  Status DoSaveDocuments(const std::string& sha256, const std::vector<norm::DocumentPart>& parts);
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
  Status DoRejectFile(const std::string& sha256, const std::string& code,
                      const std::string& reason);
  Result<std::vector<std::string>> DoQueuedFiles();
  Result<std::optional<JobClaim>> DoClaimJob(const std::string& sha256, const std::string& runner);
  Status DoReleaseJob(const std::string& sha256, const std::string& runner, const std::string& why,
                      bool attempt_counts);
  Result<std::vector<RunningJob>> DoRunningJobs();
  // A mail (mail and letter given) is an archive whose record and text
  // documents are kept with it.
  Result<std::vector<ArrivalResult>> DoSaveExpansion(
      const std::string& sha256, const std::vector<ExpandedMember>& members,
      const std::string& detail, const MailRecord* mail = nullptr,
      const std::vector<norm::DocumentPart>* letter = nullptr);
  Result<QueueView> DoQueue(int max_errors);

  Database db_;
  std::string path_;
  Env& env_;
};

}  // namespace dossier::store_internal
