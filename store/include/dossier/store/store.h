// The store: every file, document, span, reading, application and event.
// The rest of the program sees it through this interface only; SQL lives in
// store/src. A server database can stand behind the same interface later.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "dossier/common/status.h"
#include "dossier/extract/document.h"
#include "dossier/normalize/analysis.h"
#include "dossier/normalize/assemble.h"

namespace dossier {

// Where a watched inbox's file was and how it looked when it was taken.
// Recorded with its arrival, so that a restart does not take the same file
// (same path, size and mtime) again.
struct InboxStamp {
  std::string inbox;  // the watched folder, absolute
  std::string path;   // relative to it, '/'-separated
  int64_t size = 0;
  int64_t mtime_ns = 0;
};

// One arrival of a file: the bytes (by digest) under a path, at a time.
struct Arrival {
  std::string sha256;
  std::string path_as_received;
  int64_t size = 0;
  std::string type;  // sniffed from the bytes: "docx", "xlsx", "pdf", ...
  int64_t received_at_ms = 0;  // Unix time in milliseconds
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

// A file that arrived but was refused before its bytes were read (a symlink,
// a fifo, a file or folder that could not be read, a folder nested too
// deep): it has no digest, only its path, a code and a reason.
struct Refusal {
  std::string path_as_received;
  std::string code;    // dossier/common/rejection.h
  std::string reason;  // in Chinese, for the clerk
  int64_t at_ms = 0;
};

// When and under which name a file arrived.
struct ArrivalView {
  std::string file;  // path as received
  int64_t at_ms = 0;
};

enum class FileState { kQueued, kDone, kRejected };

struct ArrivalResult {
  bool first_arrival = true;  // false: these bytes were already known
  FileState state = FileState::kQueued;
};

struct SourceView {
  std::string file;    // path as received at the file's first arrival
  std::string sha256;
  int page = 0;        // 0 = unknown (exported as null)
  std::optional<BBox> bbox;
  std::string locator;
  std::string method;  // "docx", "xlsx", "pdf-text", "ocr"
  double confidence = 1;
  std::string raw;     // the text the value was read from
  int64_t document_id = 0;  // the stored document (LoadDocument) the value was read from
  int span_index = -1;      // its span in that document; -1 when unknown
  // For a file that is a later page of a document of several files (a form
  // photographed page by page), the page's number in that document; else 0.
  // The export's `page` is this when set (spec), `page` stays the file's.
  int document_page = 0;
};

struct FieldView {
  std::string key;
  nlohmann::json value;
  double confidence = 1;
  std::vector<SourceView> sources;
};

// The mail a document's file came in (or that the document is the text of).
struct MailView {
  std::string sender;
  std::string subject;
  int64_t arrived_ms = 0;
  std::string time_basis;
  std::string note;
};

struct DocumentView {
  int64_t id = 0;
  std::string file;
  std::string sha256;
  std::string kind;
  double kind_confidence = 0;
  std::string kind_reason;
  int pages = 0;
  std::string type;  // the file's sniffed type: "docx", "xlsx", "pdf", "jpeg", ...
  std::vector<ArrivalView> arrivals;  // every arrival of its bytes, oldest first
  // The file's pages this document covers (a file may hold several); 0 and 0
  // for formats without pages.
  int first_page = 0;
  int last_page = 0;
  // How it came to its application (in ApplicationView only).
  norm::Assignment assigned_by;
  std::optional<MailView> mail;
};

struct ApplicationView {
  std::string id;
  std::string track = norm::kProvincialTrack;  // or norm::kNationalTrack
  std::vector<FieldView> fields;  // ordered as the spec lists the fields
  std::vector<DocumentView> documents;
  std::vector<norm::CheckResult> checks;
  std::vector<norm::Finding> findings;
};

struct UnassignedView {
  DocumentView document;
  std::string reason;
};

struct RejectedView {
  std::string file;
  std::string sha256;  // "" for a refusal: its bytes were never read
  std::string code;    // dossier/common/rejection.h; "" for rejections older than codes
  std::string reason;
  std::vector<ArrivalView> arrivals;  // oldest first
};

struct EventView {
  int64_t at_ms = 0;
  std::string sha256;
  std::string event;  // "received", "duplicate", "extracted", "rejected", "assembled"
  std::string detail;
};

struct StoreCounts {
  int64_t files = 0;     // distinct contents
  int64_t arrivals = 0;  // including second arrivals of the same bytes
  int64_t documents = 0;
  int64_t applications = 0;
  int64_t rejected = 0;    // rejected files and refusals (ListRejected's length)
  int64_t unassigned = 0;  // ListUnassigned's length
  int64_t queued = 0;
};

// A queued file's job, as the worker that claimed it gets it.
struct JobClaim {
  std::string sha256;
  std::string type;
  std::string first_path;
  int attempts = 0;        // including this one
  std::string last_error;  // why the previous attempt did not finish; "" if none
  int64_t received_at_ms = 0;  // when the file first arrived (Unix ms)
};

struct RunningJob {
  std::string sha256;
  std::string first_path;
  std::string runner;
  int attempts = 0;
};

// A file found in an archive: its arrival, and a code and reason when it is
// to be rejected at once (an archive inside an archive).
struct ExpandedMember {
  Arrival arrival;
  std::string reject_reason;
  std::string reject_code;
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

// Thread safety: one Store object is used by one thread at a time.
class Store {
 public:
  virtual ~Store() = default;

  // Records an arrival. The first arrival of some bytes creates the file in
  // state kQueued and an event "received"; a later arrival of the same bytes
  // under another name is recorded with an event "duplicate" and changes
  // nothing else; the same bytes under a path they already arrived under are
  // that arrival seen again (a folder ingested twice): only the event is
  // added. One transaction.
  virtual Result<ArrivalResult> RecordArrival(const Arrival& arrival) = 0;

  // RecordArrival for a file a watcher took from its inbox: the stamp is
  // recorded in the same transaction, so that a restart never takes the same
  // file (same path, size and mtime) again, nor forgets one it took.
  // Either way, a refusal recorded earlier under the same path is removed: the
  // file is now accounted for by its bytes.
  virtual Result<ArrivalResult> RecordInboxArrival(const Arrival& arrival,
                                                   const InboxStamp& stamp) = 0;

  // Records a file refused before its bytes were read, replacing an earlier
  // refusal of the same path; event "refused" (no digest).
  virtual Status RecordRefusal(const Refusal& refusal) = 0;

  // Stores what was read from a queued file: the documents found in it
  // (norm::AnalyzeParts; at least one), each with its spans, tables and
  // readings; the file becomes kDone, event "extracted". One transaction:
  // on failure nothing of it is stored.
  virtual Status SaveDocuments(const std::string& sha256,
                               const std::vector<norm::DocumentPart>& parts) = 0;

  // SaveDocuments for a file that is one document.
  Status SaveExtraction(const std::string& sha256, const Document& doc,
                        const norm::DocumentAnalysis& analysis) {
    std::vector<norm::DocumentPart> parts(1);
    if (!doc.pages.empty()) {
      parts[0].first_page = doc.pages.front().number;
      parts[0].last_page = doc.pages.back().number;
    }
    parts[0].doc = doc;
    parts[0].analysis = analysis;
    return SaveDocuments(sha256, parts);
  }

  // Marks a file rejected with its code (dossier/common/rejection.h) and a
  // clerk-readable reason; event "rejected".
  virtual Status RejectFile(const std::string& sha256, const std::string& code,
                            const std::string& reason) = 0;

  // Whether every arrival of these bytes came out of an archive (whose own
  // bytes are kept): then the file's original can be given up when it is
  // rejected, and read again from its archive if ever needed.
  virtual Result<bool> ArrivedOnlyInArchives(const std::string& sha256) = 0;

  // Files still in kQueued (e.g. after a crash), oldest first.
  virtual Result<std::vector<std::string>> QueuedFiles() = 0;

  // Every stored document's readings, for assembly.
  virtual Result<std::vector<norm::DocumentFacts>> LoadDocumentFacts() = 0;

  // Replaces all applications and the unassigned list with this assembly.
  // One transaction; event "assembled".
  virtual Status SaveAssembly(const norm::Assembly& assembly) = 0;

  // Every file that arrived is in exactly one of: an application's
  // documents, ListUnassigned (documents of no application, and archives that
  // were expanded, kind "archive"), ListRejected (rejected files and
  // refusals). Files still queued are in none yet.
  virtual Result<std::vector<ApplicationView>> ListApplications() = 0;
  virtual Result<std::vector<UnassignedView>> ListUnassigned() = 0;
  virtual Result<std::vector<RejectedView>> ListRejected() = 0;
  virtual Result<std::vector<EventView>> ListEvents(const std::string& sha256) = 0;

  // The stored document as its reader produced it (pages, spans with words,
  // tables, warnings), rebuilt from the store for reports: no file is read.
  // On failure: NotFound when no document has this id.
  virtual Result<Document> LoadDocument(int64_t document_id) = 0;
  virtual Result<StoreCounts> Counts() = 0;

  // --- The job queue. A queued file's job is claimed by one worker (a
  // process, named by `runner`), runs, and ends with SaveExtraction,
  // RejectFile or SaveExpansion. Several processes may share a store.

  // Claims the job of a queued file that no runner holds: it is running under
  // `runner` from now, and its attempts go up by one. nullopt when the file is
  // not queued or another runner holds it. One transaction.
  virtual Result<std::optional<JobClaim>> ClaimJob(const std::string& sha256,
                                                   const std::string& runner, int64_t now_ms) = 0;

  // Puts the job `runner` holds back in the queue, noting why (event
  // "requeued"). When the attempt does not count (an orderly stop, a full
  // disk) the attempts go back down. Nothing happens when `runner` does not
  // hold the job (it was already requeued or finished).
  virtual Status ReleaseJob(const std::string& sha256, const std::string& runner,
                            const std::string& why, bool attempt_counts, int64_t now_ms) = 0;

  // Jobs claimed and not finished, oldest claim first.
  virtual Result<std::vector<RunningJob>> RunningJobs() = 0;

  // Records the files found in an archive (each as RecordArrival would, noted
  // as found in this archive; a member with a reject_reason that arrives for
  // the first time is rejected at once) and marks the archive kDone, event
  // "expanded" with `detail`. One
  // transaction: after a crash either all of it is stored or none. Returns
  // each member's ArrivalResult, in order.
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

  // Whether a watcher took the inbox file with exactly this stamp (same
  // inbox, path, size and mtime).
  virtual Result<bool> WasTaken(const InboxStamp& stamp) = 0;

  // The queue's counts and the newest rejections and requeues.
  virtual Result<QueueView> Queue(int max_errors) = 0;
};

// Opens (creating if needed) the SQLite store at path, migrating its schema to
// the current version (PRAGMA user_version). WAL, foreign keys on.
// On failure: an Io status naming the path ("cannot open the store at ...").
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::filesystem::path& path);

// Opens a private copy, in memory, of the store at path, for commands that
// only read (export, report, trace, status). The file is opened read-only and
// never created or changed: a read-only store (an auditor's copy, files 0444
// in a folder nobody may write) works, and one written by an older build is
// migrated in the copy only. Whatever is written to the copy (a fresh
// assembly) is lost when it is closed. Costs a copy of the whole file.
// On failure: NotFound when there is no file at path; Io when it cannot be
// read or is not a dossier store.
Result<std::unique_ptr<Store>> OpenSqliteStoreSnapshot(const std::filesystem::path& path);

// The schema version this build writes.
int StoreSchemaVersion();

}  // namespace dossier
