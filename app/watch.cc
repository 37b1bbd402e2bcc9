// `dossier watch INBOX`: the daemon loop. The watcher says which inbox files
// are complete; the pipeline takes and processes them exactly as `ingest`
// does. One thread: the readers run in child processes.
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "commands.h"
#include "dossier/common/data_folder.h"
#include "dossier/common/rejection.h"
#include "dossier/ingest/watcher.h"
#include "dossier/jobs/log.h"
#include "dossier/jobs/pipeline.h"
#include "stop_signals.h"

namespace dossier {
namespace {

namespace fs = std::filesystem;

int64_t SteadyMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

bool IsInside(const fs::path& inner, const fs::path& outer) {
  auto i = inner.begin(), o = outer.begin();
  for (; o != outer.end(); ++i, ++o) {
    if (o->empty()) continue;  // trailing separator
    if (i == inner.end() || *i != *o) return false;
  }
  return true;
}

class Daemon {
 public:
  Daemon(const WatchConfig& config, Pipeline& pipeline, InboxWatcher& watcher, fs::path inbox)
      : config_(config), pipeline_(pipeline), watcher_(watcher), inbox_(std::move(inbox)) {}

  void Run() {
    // Work an earlier run left: jobs of a process that died, files queued.
    if (!config_.no_work) {
      if (Status s = pipeline_.RecoverJobs(); !s.ok()) Pause(s);
    }
    if (!paused_) RunJobs();
    while (!StopRequested()) {
      if (paused_) {
        WaitToRetry();
        continue;
      }
      auto batch = watcher_.Poll(dirty_ ? 50 : 1000);
      if (!batch.ok()) {
        Pause(batch.status());
        continue;
      }
      for (const WatchNote& note : batch->notes) {
        Log(note.warning ? LogLevel::kWarning : LogLevel::kInfo, note.event,
            {{"path", note.path}, {"detail", note.detail}});
      }
      for (const ReadyFile& ready : batch->ready) {
        if (StopRequested()) {
          // Not taken, not recorded: found again by the next start's scan.
          watcher_.Retry(ready.file.as_received);
        } else if (paused_) {
          untaken_.push_back(ready);  // taken when intake resumes
        } else {
          TakeFile(ready);
        }
      }
      if (!paused_) RunJobs();
      // Assembly reads every document, so during a burst it waits for a
      // quiet moment (or 5 s) instead of following every file.
      if (dirty_ && !paused_ && (batch->ready.empty() || SteadyMs() - assembled_at_ > 5000)) {
        Assemble();
      }
    }
    Log(LogLevel::kInfo, "stopping", {{"signal", StopSignalName()}});
    // Files left untaken are found again by the next start's scan.
    if (dirty_ && !paused_) Assemble();
  }

 private:
  // Takes a complete file; false when the data folder failed (intake is
  // then paused and the file kept for the retry).
  bool TakeFile(const ReadyFile& ready) {
    const std::string& rel = ready.file.as_received;
    InboxStamp stamp{inbox_.string(), rel, static_cast<int64_t>(ready.stamp.size),
                     ready.stamp.mtime_ns};
    auto taken_before = pipeline_.store().WasTaken(stamp);
    if (!taken_before.ok()) {
      untaken_.push_back(ready);
      Pause(taken_before.status());
      return false;
    }
    if (*taken_before) {
      Log(LogLevel::kDebug, "known", {{"file", rel}});
      return true;
    }
    auto bytes = ReadReadyFile(ready, PipelineOptions().limits.max_file_bytes);
    if (!bytes.ok()) {
      // Refused before being read (a symbolic link, a fifo, too large, not
      // readable): listed as rejected once per look of it. A file that
      // cannot be read may become readable (permissions fixed): it is tried
      // again, and taking it then replaces the refusal.
      const Status& why = bytes.status();
      const bool may_pass = RejectionCodeOf(why) == RejectionCode(Rejection::kUnreadable);
      auto seen = refused_.find(rel);
      if (seen == refused_.end() || seen->second != ready.stamp) {
        auto refused = pipeline_.Refuse(rel, why);
        if (!refused.ok()) {
          untaken_.push_back(ready);
          Pause(refused.status());
          return false;
        }
        refused_[rel] = ready.stamp;
        dirty_ = true;
      }
      if (may_pass) watcher_.Retry(rel);
      return true;
    }
    if (!*bytes) {
      Log(LogLevel::kDebug, "changed", {{"file", rel}});
      watcher_.Retry(rel);
      return true;
    }
    auto taken = pipeline_.Take(ready.file, **bytes, stamp);
    if (!taken.ok()) {
      untaken_.push_back(ready);
      Pause(taken.status());
      return false;
    }
    Log(LogLevel::kInfo, OutcomeWord(taken->outcome),
        {{"file", rel},
         {"sha256", taken->sha256},
         {"size", std::to_string(ready.stamp.size)},
         {"detail", taken->detail}});
    dirty_ = true;
    return true;
  }

  void RunJobs() {
    if (config_.no_work) return;  // the workers' (dossier worker)
    Status s = pipeline_.RunQueue([&](const FileResult&) { dirty_ = true; }, StopRequested);
    if (!s.ok()) Pause(s);
  }

  void Assemble() {
    if (config_.no_work) {
      dirty_ = false;  // the workers assemble once they have read the files
      return;
    }
    if (Status s = pipeline_.Reassemble(); !s.ok()) {
      Pause(s);
      return;
    }
    auto counts = pipeline_.store().Counts();
    Log(LogLevel::kInfo, "assembled",
        {{"applications", counts.ok() ? std::to_string(counts->applications) : "?"}});
    dirty_ = false;
    assembled_at_ = SteadyMs();
  }

  // A failure of the data folder (disk full, store unwritable) stops intake
  // until a retry succeeds; the inbox keeps every file meanwhile.
  void Pause(const Status& status) {
    if (!paused_ && !retrying_) {
      Log(LogLevel::kError, "intake_stopped",
          {{"reason", status.message()}, {"retry_ms", std::to_string(config_.retry_ms)}});
    } else {
      Log(LogLevel::kDebug, "retry_failed", {{"reason", status.message()}});
    }
    paused_ = true;
    retry_at_ = SteadyMs() + config_.retry_ms;
  }

  // Tries again what failed: the jobs, then the files not taken. Intake
  // resumes only when all of it went through.
  void WaitToRetry() {
    while (!StopRequested() && SteadyMs() < retry_at_) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    if (StopRequested()) return;
    paused_ = false;
    retrying_ = true;
    if (!config_.no_work) {
      if (Status s = pipeline_.RecoverJobs(); !s.ok()) Pause(s);
    }
    std::vector<ReadyFile> untaken = std::move(untaken_);
    untaken_.clear();
    for (const ReadyFile& ready : untaken) {
      if (paused_ || StopRequested()) {
        untaken_.push_back(ready);
      } else {
        TakeFile(ready);
      }
    }
    if (!paused_) RunJobs();
    if (!paused_ && dirty_) Assemble();
    retrying_ = false;
    if (!paused_) Log(LogLevel::kInfo, "intake_resumed");
  }

  const WatchConfig& config_;
  Pipeline& pipeline_;
  InboxWatcher& watcher_;
  fs::path inbox_;
  bool dirty_ = false;  // documents changed since the last assembly
  bool paused_ = false;
  bool retrying_ = false;
  std::vector<ReadyFile> untaken_;            // complete files a failure kept from being taken
  std::map<std::string, FileStamp> refused_;  // refusals recorded, by path, as the file looked
  int64_t retry_at_ = 0;
  int64_t assembled_at_ = 0;
};

int StartError(const std::string& message) {
  Log(LogLevel::kError, "cannot_start", {{"reason", message}});
  return kExitError;
}

}  // namespace

int RunWatch(const WatchConfig& config) {
  SetLogLevel(config.verbose ? LogLevel::kDebug : LogLevel::kInfo);
  InstallStopSignals();
  IgnoreSigpipe();

  std::error_code ec;
  const fs::path inbox = fs::weakly_canonical(fs::absolute(config.inbox), ec);
  if (ec || !fs::is_directory(inbox)) {
    return StartError("the inbox " + config.inbox + " is not an existing folder");
  }
  // Pipeline::Open reports a data folder it cannot create.
  (void)CreateFoldersDurably(config.common.data_dir);
  const fs::path data = fs::weakly_canonical(fs::absolute(config.common.data_dir), ec);
  // Originals written into a watched folder would be taken as new files.
  if (IsInside(data, inbox) || IsInside(inbox, data)) {
    return StartError("the data folder " + data.string() + " and the inbox " + inbox.string() +
                      " must not be inside one another");
  }

  PipelineOptions options = PipelineOptionsFrom(config.common);
  auto pipeline = Pipeline::Open(options);
  if (!pipeline.ok()) return StartError(pipeline.status().message());

  WatchOptions watch;
  watch.inbox = inbox;
  watch.settle.settle_ms = config.settle_ms;
  watch.settle.quiet_ms = config.quiet_ms;
  watch.rescan_ms = config.rescan_ms;
  auto watcher = InboxWatcher::Open(watch);
  if (!watcher.ok()) return StartError(watcher.status().message());

  Log(LogLevel::kInfo, "started",
      {{"inbox", inbox.string()},
       {"data", data.string()},
       {"settle_ms", std::to_string(config.settle_ms)},
       {"rescan_ms", std::to_string(config.rescan_ms)},
       {"runner", (*pipeline)->runner()}});
  Daemon daemon(config, **pipeline, **watcher, inbox);
  daemon.Run();
  Log(LogLevel::kInfo, "stopped");
  return kExitOk;
}

}  // namespace dossier
