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

// One arrival of a file: the bytes (by digest) under a path, at a time.
struct Arrival {
  std::string sha256;
  std::string path_as_received;
  int64_t size = 0;
  std::string type;  // sniffed from the bytes: "docx", "xlsx", "pdf", ...
  int64_t received_at_ms = 0;  // Unix time in milliseconds
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
};

struct FieldView {
  std::string key;
  nlohmann::json value;
  double confidence = 1;
  std::vector<SourceView> sources;
};

struct DocumentView {
  int64_t id = 0;
  std::string file;
  std::string sha256;
  std::string kind;
  double kind_confidence = 0;
  std::string kind_reason;
  int pages = 0;
};

struct ApplicationView {
  std::string id;
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
  std::string sha256;
  std::string reason;
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
  int64_t rejected = 0;
  int64_t unassigned = 0;
  int64_t queued = 0;
};

// Thread safety: one Store object is used by one thread at a time.
class Store {
 public:
  virtual ~Store() = default;

  // Records an arrival. The first arrival of some bytes creates the file in
  // state kQueued and an event "received"; a later arrival of the same bytes
  // under any name is recorded with an event "duplicate" and changes nothing
  // else. One transaction.
  virtual Result<ArrivalResult> RecordArrival(const Arrival& arrival) = 0;

  // Stores what was read from a queued file: its document, spans, tables and
  // readings, the file becomes kDone, event "extracted". One transaction:
  // on failure nothing of it is stored.
  virtual Status SaveExtraction(const std::string& sha256, const Document& doc,
                                const norm::DocumentAnalysis& analysis) = 0;

  // Marks a file rejected with a clerk-readable reason; event "rejected".
  virtual Status RejectFile(const std::string& sha256, const std::string& reason) = 0;

  // Files still in kQueued (e.g. after a crash), oldest first.
  virtual Result<std::vector<std::string>> QueuedFiles() = 0;

  // Every stored document's readings, for assembly.
  virtual Result<std::vector<norm::DocumentFacts>> LoadDocumentFacts() = 0;

  // Replaces all applications and the unassigned list with this assembly.
  // One transaction; event "assembled".
  virtual Status SaveAssembly(const norm::Assembly& assembly) = 0;

  virtual Result<std::vector<ApplicationView>> ListApplications() = 0;
  virtual Result<std::vector<UnassignedView>> ListUnassigned() = 0;
  virtual Result<std::vector<RejectedView>> ListRejected() = 0;
  virtual Result<std::vector<EventView>> ListEvents(const std::string& sha256) = 0;
  virtual Result<StoreCounts> Counts() = 0;
};

// Opens (creating if needed) the SQLite store at path, migrating its schema to
// the current version (PRAGMA user_version). WAL, foreign keys on.
// On failure: an Io status naming the path ("cannot open the store at ...").
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::filesystem::path& path);

// The schema version this build writes.
int StoreSchemaVersion();

}  // namespace dossier
