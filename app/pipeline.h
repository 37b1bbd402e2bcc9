// The wiring of the stages for one data folder: ingest → extract → normalize
// → store, then assembly. No format or domain logic lives here.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "dossier/common/status.h"
#include "dossier/extract/extractor.h"
#include "dossier/ingest/file_finder.h"
#include "dossier/ingest/originals.h"
#include "dossier/normalize/checks.h"
#include "dossier/store/store.h"

namespace dossier {

struct PipelineOptions {
  std::filesystem::path data_dir = "dossier-data";
  ExtractLimits limits;
  // Injected so tests and imports can say when files were received.
  std::function<int64_t()> now_ms;
  // Known arrival times by path as received (Unix ms), overriding now_ms.
  std::map<std::string, int64_t> arrival_times;
  norm::CallConfig call = norm::CallConfig::Defaults();
};

enum class FileOutcome { kTaken, kDuplicate, kRejected };

struct FileResult {
  std::string as_received;
  std::string sha256;
  FileOutcome outcome = FileOutcome::kTaken;
  std::string detail;  // kind for taken files, reason for rejected ones
};

struct IngestSummary {
  std::vector<FileResult> files;
  int taken = 0;
  int duplicates = 0;
  int rejected = 0;
};

using ProgressFn = std::function<void(size_t done, size_t total, const FileResult& last)>;

class Pipeline {
 public:
  // Opens (creating) the data folder: store.sqlite and originals/.
  // On failure: an Io status naming what could not be opened.
  static Result<std::unique_ptr<Pipeline>> Open(const PipelineOptions& options);

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

  Store& store() { return *store_; }
  const std::filesystem::path& data_dir() const { return options_.data_dir; }

 private:
  Pipeline(PipelineOptions options, std::unique_ptr<Store> store);

  // Extracts, analyzes and stores one queued file; rejects it on bad input.
  Result<FileResult> Process(const std::string& sha256, const std::string& bytes,
                             const std::string& type, const std::string& as_received);

  PipelineOptions options_;
  std::unique_ptr<Store> store_;
  OriginalsFolder originals_;
};

}  // namespace dossier
