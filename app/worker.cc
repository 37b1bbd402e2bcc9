// `dossier worker`: takes queued jobs from the store until SIGTERM/SIGINT, on
// any machine that sees the store and the originals (a shared mount). Jobs
// are claimed as leases and renewed while read (Pipeline::RunQueue); between
// jobs the worker waits for news of new ones (PostgreSQL's NOTIFY) or for
// the poll time. One thread: the readers run in child processes.

#include <algorithm>
#include <chrono>
#include <string>
#include <thread>

#include "commands.h"
#include "dossier/jobs/log.h"
#include "dossier/jobs/pipeline.h"
#include "stop_signals.h"

namespace dossier {
namespace {

int64_t SteadyMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// A wait is cut into slices this long, so that a stop is seen soon.
constexpr int64_t kWaitSliceMs = 250;
// After a failure (the store's server restarting, the originals' mount
// gone) the worker tries again after this pause, doubled at each failure
// in a row up to the longer of --poll-ms and kLongestRetryMs: soon back
// after a short outage, without hammering a server that is down.
constexpr int64_t kFirstRetryMs = 500;
constexpr int64_t kLongestRetryMs = 5000;

// Waits ms, or less if a stop comes.
void Pause(int64_t ms) {
  const int64_t until = SteadyMs() + ms;
  while (!StopRequested()) {
    const int64_t left = until - SteadyMs();
    if (left <= 0) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(std::min(left, kWaitSliceMs)));
  }
}

// Waits up to poll_ms for news of queued jobs, or a stop.
void WaitForWork(Store& store, int64_t poll_ms) {
  const int64_t until = SteadyMs() + poll_ms;
  while (!StopRequested()) {
    const int64_t left = until - SteadyMs();
    if (left <= 0) return;
    auto news = store.WaitForJobs(std::min(left, kWaitSliceMs));
    if (!news.ok()) {
      Log(LogLevel::kWarning, "wait_failed", {{"reason", news.status().message()}});
      return;  // the next claim connects again, or says why it cannot
    }
    if (*news) return;
  }
}

}  // namespace

int RunWorker(const WorkerConfig& config) {
  SetLogLevel(config.verbose ? LogLevel::kDebug : LogLevel::kInfo);
  InstallStopSignals();
  IgnoreSigpipe();

  PipelineOptions options = PipelineOptionsFrom(config.common);
  options.lease_ms = config.lease_ms;
  options.heartbeat_ms = config.heartbeat_ms;
  options.page_job_pages = config.page_job_pages;
  auto opened = Pipeline::Open(options);
  if (!opened.ok()) {
    Log(LogLevel::kError, "cannot_start", {{"reason", opened.status().message()}});
    return kExitError;
  }
  Pipeline& pipeline = **opened;
  Log(LogLevel::kInfo, "started",
      {{"runner", pipeline.runner()},
       {"lease_ms", std::to_string(config.lease_ms)},
       {"heartbeat_ms", std::to_string(config.heartbeat_ms)},
       {"page_job_pages", std::to_string(config.page_job_pages)}});

  bool read_since_assembly = false;
  int64_t retry_ms = 0;  // the pause after the last failure; 0 when the last round went well
  while (!StopRequested()) {
    // A failure of the store (the server restarting) or of the originals'
    // mount is waited out: the job went back to the queue uncounted (or, the
    // store unreachable, is put back by RecoverJobs once it is back), and the
    // next round connects again.
    Status s = pipeline.RecoverJobs();
    if (s.ok()) {
      s = pipeline.RunQueue([&](const FileResult&) { read_since_assembly = true; }, StopRequested);
    }
    if (!s.ok()) {
      // A file's ending may have been saved though its answer was lost: this
      // worker too assembles once the queue has drained.
      read_since_assembly = true;
      retry_ms = retry_ms == 0 ? kFirstRetryMs
                               : std::min(retry_ms * 2, std::max(config.poll_ms, kLongestRetryMs));
      Log(LogLevel::kError, "work_failed",
          {{"reason", s.message()}, {"retry_ms", std::to_string(retry_ms)}});
      Pause(retry_ms);
      continue;
    }
    if (retry_ms != 0) {
      Log(LogLevel::kInfo, "resumed");
      retry_ms = 0;
    }
    if (read_since_assembly && !StopRequested()) {
      // Once nothing is queued or running, whoever read last assembles
      // (under the store's assembly lock: one machine at a time).
      auto queue = pipeline.store().Queue(0);
      if (queue.ok() && queue->queued == 0 && queue->running == 0) {
        if (Status a = pipeline.Reassemble(); !a.ok()) {
          Log(LogLevel::kError, "assembly_failed", {{"reason", a.message()}});
        } else {
          read_since_assembly = false;
          Log(LogLevel::kInfo, "assembled");
        }
      }
    }
    WaitForWork(pipeline.store(), config.poll_ms);
  }
  Log(LogLevel::kInfo, "stopped", {{"signal", StopSignalName()}});
  return kExitOk;
}

}  // namespace dossier
