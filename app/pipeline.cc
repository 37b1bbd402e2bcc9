#include "pipeline.h"

#include <algorithm>
#include <chrono>

#include "dossier/ingest/file_type.h"
#include "dossier/ingest/read_file.h"
#include "dossier/normalize/analysis.h"
#include "judged_store.h"
#include "runner.h"

namespace dossier {
namespace {

int64_t SystemNowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

Pipeline::Pipeline(PipelineOptions options, std::unique_ptr<Store> store)
    : options_(std::move(options)),
      store_(std::move(store)),
      originals_(options_.data_dir / "originals"),
      runner_(CurrentRunner()) {
  if (!options_.now_ms) options_.now_ms = SystemNowMs;
}

Result<std::unique_ptr<Pipeline>> Pipeline::Open(const PipelineOptions& options) {
  std::error_code ec;
  std::filesystem::create_directories(options.data_dir, ec);
  if (ec) {
    return Status::Io("cannot create the data folder " + options.data_dir.string() + ": " +
                      ec.message());
  }
  auto store = OpenSqliteStore(options.data_dir / "store.sqlite");
  if (!store.ok()) return store.status();
  return std::unique_ptr<Pipeline>(new Pipeline(options, std::move(store).value()));
}

Result<FileResult> Pipeline::Take(const FoundFile& found, const std::string& bytes,
                                  const std::optional<InboxStamp>& stamp) {
  std::string sha = Sha256Hex(bytes);
  if (Status s = originals_.Keep(sha, bytes); !s.ok()) return s;
  std::string type(FileTypeName(SniffFileType(bytes)));
  auto known_time = options_.arrival_times.find(found.as_received);
  Arrival arrival{
      sha, found.as_received, static_cast<int64_t>(bytes.size()), type,
      known_time != options_.arrival_times.end() ? known_time->second : options_.now_ms()};
  auto arrived =
      stamp ? store_->RecordInboxArrival(arrival, *stamp) : store_->RecordArrival(arrival);
  if (!arrived.ok()) return arrived.status();
  if (arrived->first_arrival)
    return FileResult{found.as_received, sha, FileOutcome::kTaken, "queued"};
  // The bytes were taken before: this arrival is recorded, not processed
  // again. A copy of a rejected file is still a rejected file to report.
  bool was_rejected = arrived->state == FileState::kRejected;
  return FileResult{found.as_received, sha,
                    was_rejected ? FileOutcome::kRejected : FileOutcome::kDuplicate,
                    was_rejected ? "same content as an earlier file, which was rejected"
                                 : "same content as an earlier file"};
}

Result<IngestSummary> Pipeline::Ingest(const std::vector<FoundFile>& files,
                                       const ProgressFn& progress) {
  IngestSummary summary;
  auto count = [&](const FileResult& r) {
    switch (r.outcome) {
      case FileOutcome::kTaken:
        ++summary.taken;
        break;
      case FileOutcome::kDuplicate:
        ++summary.duplicates;
        break;
      case FileOutcome::kRejected:
        ++summary.rejected;
        break;
    }
    summary.files.push_back(r);
    // Files found in archives add to the files given.
    if (progress) progress(summary.files.size(), std::max(files.size(), summary.files.size()), r);
  };

  // Files an interrupted run left queued are finished first, from their
  // kept originals.
  if (Status s = RecoverJobs(); !s.ok()) return s;
  if (Status s = RunQueue({}); !s.ok()) return s;

  for (const FoundFile& found : files) {
    auto bytes = ReadWholeFile(found.path, options_.limits.max_file_bytes);
    if (!bytes.ok()) {
      // Without its bytes a file cannot be kept; say so and go on.
      count({found.as_received, "", FileOutcome::kRejected, bytes.status().message()});
      continue;
    }
    auto taken = Take(found, *bytes);
    if (!taken.ok()) return taken.status();
    if (taken->outcome != FileOutcome::kTaken) {
      count(*taken);
      continue;
    }
    // The new file's job, and those of the files in it if it is an archive.
    if (Status s = RunQueue(count); !s.ok()) return s;
  }
  if (Status s = Reassemble(); !s.ok()) return s;
  return summary;
}

Status Pipeline::Reassemble() { return JudgeApplications(*store_, options_.call); }

const char* OutcomeWord(FileOutcome outcome) {
  switch (outcome) {
    case FileOutcome::kTaken:
      return "taken";
    case FileOutcome::kDuplicate:
      return "duplicate";
    case FileOutcome::kRejected:
      return "rejected";
  }
  return "taken";
}

}  // namespace dossier
