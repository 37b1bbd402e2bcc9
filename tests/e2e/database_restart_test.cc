// The database restarted under load: `dossier worker` processes read a real
// inbox (scans whose OCR takes seconds, Word forms, spreadsheets) from a
// PostgreSQL server of the test's own (private_postgres.h), which is stopped
// while jobs are running and started again on the same port and data folder.
// The workers wait for it, connect again and go on: every file is done
// exactly once, none is lost or saved twice, and no worker dies.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "e2e/dense_scan.h"
#include "e2e/e2e_support.h"
#include "e2e/private_postgres.h"
#include "e2e/watch_support.h"
#include "e2e/worker_fleet.h"
#include "support/temp_dir.h"

namespace dossier::testing {
namespace {

namespace fs = std::filesystem;

class DatabaseRestartTest : public WorkerFleetTest {
 protected:
  DatabaseRestartTest() : WorkerFleetTest("dossier_database_restart") {}
  void SetUp() override {
    if (!PrivatePostgres::Available()) {
      // As for the run's server (support/postgres.h): never passed unrun.
      if (std::getenv("CI") != nullptr) FAIL() << "no PostgreSQL server or pg_createcluster";
      GTEST_SKIP() << "no PostgreSQL server or pg_createcluster (postgresql-common)";
    }
    const std::string started = server_.Start();
    ASSERT_EQ(started, "") << server_.ServerLog();
    // The same after a restart: the server comes back on its port.
    url_ = server_.Url();
  }

  WatchDaemon& StartWorker() {
    return WorkerFleetTest::StartWorker(
        {"--poll-ms", "300", "--lease-ms", std::to_string(kLeaseMs), "--heartbeat-ms", "300"});
  }

  // Short, so that the outage outlasts it: a worker then stops trying to
  // save what it read (the job may be another's by now) and waits for the
  // server in its main loop.
  static constexpr int64_t kLeaseMs = 3000;

  PrivatePostgres server_;
};

// How many of the log's lines are one of these events.
int Lines(const std::string& log, const std::vector<std::string>& events) {
  int n = 0;
  for (const std::string& event : events) {
    const std::string mark = "event=" + event + " ";
    for (size_t at = log.find(mark); at != std::string::npos; at = log.find(mark, at + 1)) ++n;
  }
  return n;
}

// What a worker says when the store fails under it and it tries again after
// a growing pause: saving what it read, a round of work, a wait for news.
// (A failed heartbeat is tried again at the next beat.)
const std::vector<std::string> kRetried = {"save_failed", "work_failed", "wait_failed"};

TEST_F(DatabaseRestartTest, WorkersWaitForARestartedServerAndFinishEveryFileOnce) {
  const fs::path inbox = temp_.path() / "inbox";
  fs::create_directories(inbox);
  // Scans: reads of seconds, so that the stop finds some running.
  constexpr int kScans = 4;
  for (int i = 0; i < kScans; ++i) {
    WriteFile(inbox / ("scan" + std::to_string(i) + ".png"), DenseScanPng(i + 1, 12));
  }
  // And what needs no OCR: Word forms and spreadsheets of one recommender.
  const fs::path from = SourceDir() / "sample_docs" / "inbox" / "青岛市人力资源和社会保障局";
  for (const auto& entry : fs::recursive_directory_iterator(from)) {
    const std::string ext = entry.path().extension().string();
    if (!entry.is_regular_file() || (ext != ".docx" && ext != ".xlsx")) continue;
    const fs::path to = inbox / "青岛" / fs::relative(entry.path(), from);
    fs::create_directories(to.parent_path());
    fs::copy_file(entry.path(), to);
  }
  RunResult ingest = RunDossier(
      {"--data", data_.string(), "--store", url_, "ingest", "--no-work", inbox.string()});
  ASSERT_EQ(ingest.exit_code, 0) << ingest.output;
  const int64_t files = Count("SELECT count(*) FROM files");
  ASSERT_GT(files, kScans);

  StartWorker();
  StartWorker();
  // Under load: a file finished and others being read.
  ASSERT_TRUE(WaitFor(
      [&] {
        return Count("SELECT count(*) FROM files WHERE state = 'done'") >= 1 &&
               Count(
                   "SELECT count(*) FROM jobs j JOIN files f ON f.id = j.file "
                   "WHERE f.state = 'queued' AND j.runner IS NOT NULL") >= 1;
      },
      120'000))
      << Logs();
  const std::vector<size_t> before = {workers_[0]->Log().size(), workers_[1]->Log().size()};

  // What is dated after this was done after the stop, hence once the server
  // was back (the workers date their events by the same clock).
  const std::string stopped_at = Query("SELECT (extract(epoch from now()) * 1000)::bigint");
  ASSERT_FALSE(stopped_at.empty());
  ASSERT_EQ(server_.Stop(), "");
  // Down long enough that every worker, its read done and its lease run
  // out, gives up saving and fails a round of work more than once.
  ASSERT_TRUE(WaitFor(
      [&] {
        for (size_t i = 0; i < workers_.size(); ++i) {
          if (Lines(workers_[i]->Log().substr(before[i]), {"work_failed"}) < 2) return false;
        }
        return true;
      },
      90'000))
      << Logs();
  for (const auto& w : workers_) ASSERT_TRUE(w->Alive()) << w->Log();
  ASSERT_EQ(server_.StartAgain(), "") << server_.ServerLog();

  ASSERT_TRUE(WaitFor(
      [&] { return Count("SELECT count(*) FROM files WHERE state = 'queued'") == 0; }, 240'000))
      << Logs();
  // Whoever read last assembles once the queue drained, after the restart.
  ASSERT_TRUE(WaitFor(
      [&] {
        return Count("SELECT count(*) FROM events WHERE event = 'assembled' AND at_ms > " +
                     stopped_at) > 0;
      },
      60'000))
      << Logs();
  for (size_t i = 0; i < workers_.size(); ++i) {
    EXPECT_TRUE(workers_[i]->Alive()) << workers_[i]->Log();
    // Waited with a growing pause, not retried in a tight loop (which would
    // flood the log and the server's log with thousands of attempts).
    EXPECT_LT(Lines(workers_[i]->Log().substr(before[i]), kRetried), 40) << workers_[i]->Log();
  }
  for (const auto& w : workers_) EXPECT_EQ(w->Stop(), 0) << w->Log();

  // No file lost: all of them done (none of these is rejected).
  EXPECT_EQ(Count("SELECT count(*) FROM files"), files);
  EXPECT_EQ(Count("SELECT count(*) FROM files WHERE state = 'done'"), files) << Logs();
  // Each read saved once: one 'extracted' event per file, documents for each.
  EXPECT_EQ(Count("SELECT count(*) FROM (SELECT sha256 FROM events WHERE event = 'extracted' "
                  "GROUP BY sha256 HAVING count(*) > 1) x"),
            0);
  EXPECT_EQ(Count("SELECT count(DISTINCT sha256) FROM events WHERE event = 'extracted'"), files);
  EXPECT_EQ(Count("SELECT count(*) FROM files f WHERE NOT EXISTS "
                  "(SELECT 1 FROM documents d WHERE d.file = f.id)"),
            0);
  // The work went on after the restart: files were finished then.
  EXPECT_GT(
      Count("SELECT count(*) FROM events WHERE event = 'extracted' AND at_ms > " + stopped_at), 0);
  // A job whose lease ran out during the outage counts that attempt, once.
  EXPECT_EQ(Count("SELECT count(*) FROM jobs WHERE attempts > 2"), 0) << Logs();
}

}  // namespace
}  // namespace dossier::testing
