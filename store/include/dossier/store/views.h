// What reports read from the store: applications with their fields, sources,
// documents, checks and findings; unassigned and rejected files; counts.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "dossier/common/status.h"
#include "dossier/extract/document.h"
#include "dossier/normalize/assembly_model.h"

namespace dossier {

// When and under which name a file arrived.
struct ArrivalView {
  std::string file;  // path as received
  int64_t at_ms = 0;
};

struct SourceView {
  std::string file;  // path as received at the file's first arrival
  std::string sha256;
  int page = 0;  // 0 = unknown (exported as null)
  std::optional<BBox> bbox;
  std::string locator;
  std::string method;  // "docx", "xlsx", "pdf-text", "ocr"
  double confidence = 1;
  std::string raw;          // the text the value was read from
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
  std::string type;                   // the file's sniffed type: "docx", "xlsx", "pdf", "jpeg", ...
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
  std::vector<FieldView> fields;               // ordered as the spec lists the fields
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

struct StoreCounts {
  int64_t files = 0;     // distinct contents
  int64_t arrivals = 0;  // including second arrivals of the same bytes
  int64_t documents = 0;
  int64_t applications = 0;
  int64_t rejected = 0;    // rejected files and refusals (ListRejected's length)
  int64_t unassigned = 0;  // ListUnassigned's length
  int64_t queued = 0;
};

// Thread safety: one object is used by one thread at a time.
class ReportViews {
 public:
  virtual ~ReportViews() = default;

  // Every file that arrived is in exactly one of: an application's
  // documents, ListUnassigned (documents of no application, and archives that
  // were expanded, kind "archive"), ListRejected (rejected files and
  // refusals). Files still queued are in none yet.
  virtual Result<std::vector<ApplicationView>> ListApplications() = 0;
  virtual Result<std::vector<UnassignedView>> ListUnassigned() = 0;
  virtual Result<std::vector<RejectedView>> ListRejected() = 0;
  virtual Result<StoreCounts> Counts() = 0;
};

}  // namespace dossier
