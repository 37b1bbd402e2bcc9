#include "dossier/jobs/pipeline.h"

#include <algorithm>
#include <set>

#include "dossier/assemble/judged_store.h"
#include "dossier/common/data_folder.h"
#include "dossier/common/rejection.h"
#include "dossier/ingest/file_type.h"
#include "dossier/ingest/read_file.h"
#include "dossier/jobs/log.h"
#include "dossier/jobs/privacy.h"
#include "dossier/jobs/runner.h"
#include "dossier/normalize/analysis.h"

namespace dossier {

Pipeline::Pipeline(PipelineOptions options, std::unique_ptr<Store> store, Env& env)
    : options_(std::move(options)),
      env_(env),
      store_(std::move(store)),
      originals_(DataFolder(options_.data_dir).OriginalsDir(),
                 ModesFor(options_.shared_group).original),
      runner_(CurrentRunner()) {}

Result<std::unique_ptr<Store>> OpenDataFolderStore(const PipelineOptions& options, Env& env) {
  auto where = ParseStoreLocation(options.store, DataFolder(options.data_dir).StoreFile());
  if (!where.ok()) return where.status();
  RestrictFileCreation(options.shared_group);
  // Durably: a data folder lost to a power loss would take with it the
  // originals and arrivals committed in it.
  if (Status made = CreateFoldersDurably(options.data_dir); !made.ok()) {
    return Status::Io("cannot create the data folder " + options.data_dir.string() + ": " +
                      made.message());
  }
  // Before the store is opened: SQLite gives its -wal and -shm files the
  // store's own mode.
  if (Status s = SecureDataFolder(options.data_dir, options.shared_group); !s.ok()) return s;
  auto store = OpenStoreAt(*where, env);
  if (!store.ok()) return store.status();
  if (Status s = SecureDataFolder(options.data_dir, options.shared_group); !s.ok()) return s;
  return store;
}

Result<std::unique_ptr<Pipeline>> Pipeline::Open(const PipelineOptions& options, Env& env) {
  auto store = OpenDataFolderStore(options, env);
  if (!store.ok()) return store.status();
  return std::make_unique<Pipeline>(options, std::move(store).value(), env);
}

Result<FileResult> Pipeline::Take(const FoundFile& found, const std::string& bytes,
                                  const std::optional<InboxStamp>& stamp) {
  std::string sha = Sha256Hex(bytes);
  // Kept before anything is recorded, so that a recorded arrival always has
  // its bytes; a rejected file's bytes stay too, since the inbox is not ours
  // and may be emptied before the clerk has seen why (README, "What is kept").
  if (Status s = originals_.Keep(sha, bytes); !s.ok()) return s;
  std::string type(FileTypeName(SniffFileType(bytes)));
  auto known_time = options_.arrival_times.find(found.as_received);
  Arrival arrival{sha, found.as_received, static_cast<int64_t>(bytes.size()), type,
                  known_time != options_.arrival_times.end() ? known_time->second : env_.NowMs()};
  auto arrived =
      stamp ? store_->RecordInboxArrival(arrival, *stamp) : store_->RecordArrival(arrival);
  if (!arrived.ok()) return arrived.status();
  if (arrived->first_arrival)
    return FileResult{found.as_received, sha, FileOutcome::kTaken, "queued", ""};
  // The bytes were taken before: this arrival is recorded, not processed
  // again. A copy of a rejected file is still a rejected file to report.
  bool was_rejected = arrived->state == FileState::kRejected;
  return FileResult{
      found.as_received, sha, was_rejected ? FileOutcome::kRejected : FileOutcome::kDuplicate,
      was_rejected ? "与先前收到并已拒收的文件内容相同" : "与先前收到的文件内容相同", ""};
}

Result<FileResult> Pipeline::Refuse(const std::string& as_received, const Status& why) {
  const std::string code = RejectionCodeOf(why);
  auto known_time = options_.arrival_times.find(as_received);
  Refusal refusal{as_received, code, why.message(),
                  known_time != options_.arrival_times.end() ? known_time->second : env_.NowMs()};
  if (Status s = store_->RecordRefusal(refusal); !s.ok()) return s;
  Log(LogLevel::kInfo, "rejected",
      {{"file", as_received}, {"code", code}, {"reason", why.message()}});
  return FileResult{as_received, "", FileOutcome::kRejected, why.message(), code};
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
  if (!options_.no_work) {
    if (Status s = RecoverJobs(); !s.ok()) return s;
    if (Status s = RunQueue({}); !s.ok()) return s;
  }

  for (const FoundFile& found : files) {
    auto bytes = ReadFoundFile(found, options_.limits.max_file_bytes);
    if (!bytes.ok()) {
      // Without its bytes a file cannot be kept; it is listed as refused, and
      // the run goes on.
      Status why = bytes.status();
      if (why.code() == ErrorCode::kNotFound) {
        why = Reject(Rejection::kUnreadable, std::string(RejectionMeaning(Rejection::kUnreadable)) +
                                                 "：" + found.as_received +
                                                 "（找到后、读取前被删除或移走）");
      }
      auto refused = Refuse(found.as_received, why);
      if (!refused.ok()) return refused.status();
      count(*refused);
      continue;
    }
    auto taken = Take(found, *bytes);
    if (!taken.ok()) return taken.status();
    if (taken->outcome != FileOutcome::kTaken) {
      count(*taken);
      continue;
    }
    if (options_.no_work) {
      count(*taken);
      continue;
    }
    // The new file's job, and those of the files in it if it is an archive.
    if (Status s = RunQueue(count); !s.ok()) return s;
  }
  if (!options_.no_work) {
    if (Status s = Reassemble(); !s.ok()) return s;
  }

  // A time given for a file that never came is worth saying: that file, or
  // the file the entry was meant for, would otherwise pass unnoticed.
  std::set<std::string> arrived;
  for (const FoundFile& found : files) arrived.insert(found.as_received);
  for (const FileResult& r : summary.files) arrived.insert(r.as_received);
  for (const auto& [path, at] : options_.arrival_times) {
    if (!arrived.count(path)) summary.unmatched_arrivals.push_back(path);
  }
  return summary;
}

Status Pipeline::Reassemble() {
  return store_->WithAssemblyLock([this] { return JudgeApplications(*store_, options_.call); });
}

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
