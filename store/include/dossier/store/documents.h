// The store's documents: what was read from each file (pages, spans, tables,
// readings), saved once and rebuilt for reports without reading any file.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "dossier/common/status.h"
#include "dossier/extract/document.h"
#include "dossier/normalize/analysis.h"
#include "dossier/store/queue.h"

namespace dossier {

// Thread safety: one object is used by one thread at a time.
class DocumentStore {
 public:
  virtual ~DocumentStore() = default;

  // Stores what was read from a queued file: the documents found in it
  // (norm::AnalyzeParts; at least one), each with its spans, tables and
  // readings; the file becomes kDone, event "extracted" dated by the store's
  // Env. One transaction: on failure nothing of it is stored.
  // Only from the job's holder (queue.h: JobHolder, LeaseLost).
  virtual Status SaveDocuments(const std::string& sha256, const JobHolder& holder,
                               const std::vector<norm::DocumentPart>& parts) = 0;

  // SaveDocuments for a file that is one document.
  Status SaveExtraction(const std::string& sha256, const JobHolder& holder, const Document& doc,
                        const norm::DocumentAnalysis& analysis) {
    std::vector<norm::DocumentPart> parts(1);
    if (!doc.pages.empty()) {
      parts[0].first_page = doc.pages.front().number;
      parts[0].last_page = doc.pages.back().number;
    }
    parts[0].doc = doc;
    parts[0].analysis = analysis;
    return SaveDocuments(sha256, holder, parts);
  }

  // The stored document as its reader produced it (pages, spans with words,
  // tables, warnings), rebuilt from the store for reports: no file is read.
  // On failure: NotFound when no document has this id.
  virtual Result<Document> LoadDocument(int64_t document_id) = 0;
};

}  // namespace dossier
