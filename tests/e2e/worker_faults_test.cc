// `dossier worker` processes on the run's real PostgreSQL (tests/support/
// postgres.h), with the intake only queueing (`ingest --no-work`): several
// workers read every file once; a worker killed (SIGKILL) or frozen (SIGSTOP)
// in the middle of a read loses its job to the next attempt, and nothing is
// lost or saved twice. The slow read is a real one: a dense scan's OCR.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "e2e/dense_scan.h"
#include "e2e/e2e_support.h"
#include "e2e/watch_support.h"
#include "e2e/worker_fleet.h"
#include "support/postgres.h"
#include "support/temp_dir.h"

namespace dossier::testing {
namespace {

namespace fs = std::filesystem;

class WorkerFaultsTest : public WorkerFleetTest {
 protected:
  WorkerFaultsTest() : WorkerFleetTest("dossier_worker_faults") {}
  void SetUp() override {
    DOSSIER_REQUIRE_POSTGRES();
    std::string error;
    schema_ = NewPostgresSchema(&error);
    ASSERT_FALSE(schema_.empty()) << error;
    url_ = WithSchema(*TestPostgres(), schema_);
  }
  void TearDown() override {
    WorkerFleetTest::TearDown();  // the workers hold connections to the schema
    if (!schema_.empty())
      (void)PostgresExec(*TestPostgres(), "DROP SCHEMA " + schema_ + " CASCADE");
  }

  RunResult IngestNoWork(const fs::path& inbox) {
    return RunDossier(
        {"--data", data_.string(), "--store", url_, "ingest", "--no-work", inbox.string()});
  }

  // A one-file inbox whose read takes seconds.
  fs::path SlowInbox() {
    const fs::path inbox = temp_.path() / "slow-inbox";
    fs::create_directories(inbox);
    WriteFile(inbox / "scan.png", DenseScanPng());
    return inbox;
  }

  // The JSON export of `sqlite_data`'s own store and of the workers' store
  // on PostgreSQL, as their bytes.
  void ExportBoth(const fs::path& sqlite_data, std::string* sqlite_text, std::string* pg_text) {
    const fs::path sqlite_export = temp_.path() / "sqlite.json";
    const fs::path pg_export = temp_.path() / "pg.json";
    RunResult a = RunDossier({"--data", sqlite_data.string(), "export", "--format", "json", "--out",
                              sqlite_export.string()});
    ASSERT_EQ(a.exit_code, 0) << a.output;
    RunResult b = RunDossier({"--data", data_.string(), "--store", url_, "export", "--format",
                              "json", "--out", pg_export.string()});
    ASSERT_EQ(b.exit_code, 0) << b.output;
    *sqlite_text = ReadBytes(sqlite_export);
    *pg_text = ReadBytes(pg_export);
  }

  // Files not yet done or rejected.
  int64_t Unfinished() { return Count("SELECT count(*) FROM files WHERE state = 'queued'"); }
  // Files whose documents were saved more than once.
  int64_t SavedTwice() {
    return Count(
        "SELECT count(*) FROM (SELECT sha256 FROM events WHERE event = 'extracted' "
        "GROUP BY sha256 HAVING count(*) > 1) x");
  }

  std::string schema_;
};

TEST_F(WorkerFaultsTest, SeveralWorkersReadEveryFileOnce) {
  const fs::path inbox = temp_.path() / "inbox";
  const fs::path from = SourceDir() / "sample_docs" / "inbox" / "青岛市人力资源和社会保障局";
  fs::create_directories(inbox);
  fs::copy(from, inbox, fs::copy_options::recursive);
  RunResult ingest = IngestNoWork(inbox);
  ASSERT_EQ(ingest.exit_code, 0) << ingest.output;
  const int64_t files = Count("SELECT count(*) FROM files");
  ASSERT_GT(files, 3);
  // Only queued: nothing read, nothing assembled by the intake.
  EXPECT_EQ(Unfinished(), files);
  EXPECT_EQ(Count("SELECT count(*) FROM documents"), 0);

  for (int i = 0; i < 3; ++i) {
    StartWorker({"--poll-ms", "200", "--lease-ms", "5000", "--heartbeat-ms", "500"});
  }
  ASSERT_TRUE(WaitFor([&] { return Unfinished() == 0; }, 180'000))
      << Unfinished() << " files unfinished\n"
      << workers_[0]->Log();
  // The last worker to finish assembles, once.
  ASSERT_TRUE(WaitFor([&] { return Count("SELECT count(*) FROM applications") > 0; }, 30'000))
      << workers_[0]->Log() << workers_[1]->Log() << workers_[2]->Log();
  for (auto& w : workers_) EXPECT_EQ(w->Stop(), 0) << w->Log();

  EXPECT_EQ(SavedTwice(), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM jobs WHERE attempts <> 1"), 0);
  // Every file came out of exactly one worker's hands, and the work was shared.
  int workers_that_read = 0;
  for (auto& w : workers_) workers_that_read += w->Log().find("event=done") != std::string::npos;
  EXPECT_GE(workers_that_read, 2);
}

// The intake machine only queues (`watch --no-work`); a worker elsewhere reads
// and assembles.
TEST_F(WorkerFaultsTest, AWatchThatDoesNoWorkOnlyQueuesForTheWorkers) {
  const fs::path inbox = temp_.path() / "watched";
  fs::create_directories(inbox);
  WatchDaemon watch(data_, inbox, temp_.path() / "watch.log",
                    {"--store", url_, "--settle-ms", "300", "--rescan-ms", "0", "--no-work"});
  watch.Start();
  ASSERT_TRUE(
      WaitFor([&] { return watch.Log().find("event=watching") != std::string::npos; }, 10'000))
      << watch.Log();
  const fs::path from = SourceDir() / "sample_docs" / "inbox" / "青岛市人力资源和社会保障局";
  fs::path form;
  for (const auto& entry : fs::recursive_directory_iterator(from)) {
    if (entry.path().extension() == ".docx") form = entry.path();
  }
  ASSERT_FALSE(form.empty());
  fs::copy_file(form, inbox / "申报表.docx");
  ASSERT_TRUE(WaitFor([&] { return Count("SELECT count(*) FROM files") == 1; }, 20'000))
      << watch.Log();
  // A watch that reads would have read it by now; this one must not.
  std::this_thread::sleep_for(std::chrono::milliseconds(1000));
  EXPECT_EQ(Unfinished(), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM jobs"), 0);
  EXPECT_EQ(watch.Log().find("event=done"), std::string::npos) << watch.Log();

  WatchDaemon& worker = StartWorker({"--poll-ms", "200"});
  ASSERT_TRUE(WaitFor([&] { return Unfinished() == 0; }, 60'000)) << worker.Log();
  ASSERT_TRUE(WaitFor([&] { return Count("SELECT count(*) FROM applications") > 0; }, 30'000))
      << worker.Log();
  EXPECT_EQ(Count("SELECT count(*) FROM events WHERE event = 'extracted'"), 1);
  EXPECT_EQ(watch.Stop(), 0) << watch.Log();
  EXPECT_EQ(worker.Stop(), 0) << worker.Log();
}

// The same inbox read by two workers on PostgreSQL, in whatever order they
// take its files, and by `ingest` alone on SQLite: the same export, byte for
// byte. The inbox is a recommender's folder with every kind of reading:
// scanned forms and licences (PDF and JPEG), a photo, spreadsheets.
TEST_F(WorkerFaultsTest, TheExportOfWorkersOnPostgresIsTheExportOfIngestOnSqlite) {
  const fs::path from = SourceDir() / "sample_docs" / "inbox" / "淄博市人力资源和社会保障局";
  const fs::path inbox = temp_.path() / "inbox";
  fs::create_directories(inbox);
  fs::copy(from, inbox, fs::copy_options::recursive);
  // Both runs record the same arrival times.
  nlohmann::json times = nlohmann::json::object();
  for (const auto& entry : fs::recursive_directory_iterator(inbox)) {
    if (entry.is_regular_file())
      times[fs::relative(entry.path(), inbox).generic_string()] = "2024-06-26T10:00:00+08:00";
  }
  const fs::path arrivals = temp_.path() / "arrivals.json";
  WriteFile(arrivals, times.dump());

  const fs::path sqlite_data = temp_.path() / "sqlite-data";
  RunResult local = RunDossier(
      {"--data", sqlite_data.string(), "ingest", "--arrivals", arrivals.string(), inbox.string()});
  ASSERT_EQ(local.exit_code, 0) << local.output;

  for (int i = 0; i < 2; ++i) StartWorker({"--poll-ms", "200"});
  for (auto& w : workers_) ASSERT_TRUE(w->WaitUntilStarted(30'000)) << w->Log();
  RunResult queued = RunDossier({"--data", data_.string(), "--store", url_, "ingest", "--no-work",
                                 "--arrivals", arrivals.string(), inbox.string()});
  ASSERT_EQ(queued.exit_code, 0) << queued.output;
  ASSERT_TRUE(WaitFor([&] { return Unfinished() == 0; }, 180'000))
      << workers_[0]->Log() << workers_[1]->Log();
  ASSERT_TRUE(WaitFor(
      [&] { return Count("SELECT count(*) FROM events WHERE event = 'assembled'") > 0; }, 30'000))
      << workers_[0]->Log() << workers_[1]->Log();
  for (auto& w : workers_) EXPECT_EQ(w->Stop(), 0) << w->Log();
  int workers_that_read = 0;
  for (auto& w : workers_) workers_that_read += w->Log().find("event=done") != std::string::npos;
  EXPECT_EQ(workers_that_read, 2) << "the files were not shared between the workers";

  std::string sqlite_text, pg_text;
  ASSERT_NO_FATAL_FAILURE(ExportBoth(sqlite_data, &sqlite_text, &pg_text));
  ASSERT_GE(nlohmann::json::parse(sqlite_text)["applications"].size(), 2u) << sqlite_text;
  EXPECT_EQ(pg_text, sqlite_text);
}

TEST_F(WorkerFaultsTest, AWorkerKilledMidReadLosesNothing) {
  ASSERT_EQ(IngestNoWork(SlowInbox()).exit_code, 0);
  const std::vector<std::string> options = {"--poll-ms",      "200", "--lease-ms", "1500",
                                            "--heartbeat-ms", "300"};
  WatchDaemon& first = StartWorker(options);
  ASSERT_TRUE(WaitFor(
      [&] { return Count("SELECT count(*) FROM jobs WHERE runner IS NOT NULL") == 1; }, 30'000))
      << first.Log();
  first.Kill();

  WatchDaemon& second = StartWorker(options);
  ASSERT_TRUE(WaitFor([&] { return Unfinished() == 0; }, 120'000)) << second.Log();
  EXPECT_EQ(second.Stop(), 0);
  EXPECT_EQ(Query("SELECT state FROM files"), "done");
  EXPECT_EQ(Query("SELECT attempts FROM jobs"), "2");
  EXPECT_EQ(SavedTwice(), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM documents"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM events WHERE event = 'requeued'"), 1);
}

TEST_F(WorkerFaultsTest, AFrozenWorkerLosesItsJobAndItsLateAnswerIsRefused) {
  ASSERT_EQ(IngestNoWork(SlowInbox()).exit_code, 0);
  const std::vector<std::string> options = {"--poll-ms",      "200", "--lease-ms", "1500",
                                            "--heartbeat-ms", "300"};
  WatchDaemon& frozen = StartWorker(options);
  ASSERT_TRUE(WaitFor(
      [&] { return Count("SELECT count(*) FROM jobs WHERE runner IS NOT NULL") == 1; }, 30'000))
      << frozen.Log();
  frozen.Signal(SIGSTOP);

  // Alive but silent: on this machine too, only its lease running out frees
  // the job, which the second worker then takes as attempt 2.
  WatchDaemon& second = StartWorker(options);
  ASSERT_TRUE(WaitFor([&] { return Query("SELECT attempts FROM jobs") == "2"; }, 30'000))
      << second.Log();
  frozen.Signal(SIGCONT);
  // Thawed, the first worker learns at its next beat that the job is no
  // longer its own, and saves nothing.
  ASSERT_TRUE(
      WaitFor([&] { return frozen.Log().find("event=lease_lost") != std::string::npos; }, 60'000))
      << frozen.Log();
  ASSERT_TRUE(WaitFor([&] { return Unfinished() == 0; }, 120'000)) << second.Log();
  EXPECT_EQ(frozen.Stop(), 0) << frozen.Log();
  EXPECT_EQ(second.Stop(), 0) << second.Log();
  EXPECT_EQ(Query("SELECT state FROM files"), "done");
  EXPECT_EQ(Query("SELECT attempts FROM jobs"), "2");
  EXPECT_EQ(SavedTwice(), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM documents"), 1);
  EXPECT_EQ(frozen.Log().find("event=done"), std::string::npos) << frozen.Log();
}

// Large scans as page jobs (docs/capacity.md): a 4-page scan split into
// page jobs of one page, read by two workers and joined, gives the export
// `ingest` gives reading it whole on SQLite, byte for byte.
TEST_F(WorkerFaultsTest, AScanSplitIntoPageJobsIsTheScanReadWhole) {
  const fs::path inbox = temp_.path() / "inbox";
  fs::create_directories(inbox);
  std::vector<std::string> pages;
  for (int page = 1; page <= 4; ++page) pages.push_back(SmallScanPng(page));
  WriteFile(inbox / "scan.pdf", ScanPdf(pages));
  const fs::path arrivals = temp_.path() / "arrivals.json";
  WriteFile(arrivals, R"({"scan.pdf": "2024-06-26T10:00:00+08:00"})");

  const fs::path sqlite_data = temp_.path() / "sqlite-data";
  RunResult local = RunDossier(
      {"--data", sqlite_data.string(), "ingest", "--arrivals", arrivals.string(), inbox.string()});
  ASSERT_EQ(local.exit_code, 0) << local.output;

  for (int i = 0; i < 2; ++i) StartWorker({"--poll-ms", "200", "--page-job-pages", "1"});
  for (auto& w : workers_) ASSERT_TRUE(w->WaitUntilStarted(30'000)) << w->Log();
  RunResult queued = RunDossier({"--data", data_.string(), "--store", url_, "ingest", "--no-work",
                                 "--arrivals", arrivals.string(), inbox.string()});
  ASSERT_EQ(queued.exit_code, 0) << queued.output;
  ASSERT_TRUE(WaitFor([&] { return Unfinished() == 0; }, 180'000)) << Logs();
  ASSERT_TRUE(WaitFor(
      [&] { return Count("SELECT count(*) FROM events WHERE event = 'assembled'") > 0; }, 30'000))
      << Logs();
  for (auto& w : workers_) EXPECT_EQ(w->Stop(), 0) << w->Log();

  // Four page jobs, each read once, by both workers between them; the
  // joined pages saved once, the page jobs gone with the file's job.
  const std::string logs = Logs();
  for (const char* range : {"pages=1-1 ", "pages=2-2 ", "pages=3-3 ", "pages=4-4 "}) {
    const size_t at = logs.find(range);
    ASSERT_NE(at, std::string::npos) << range << "\n" << logs;
    EXPECT_EQ(logs.find(range, at + 1), std::string::npos) << range << "\n" << logs;
  }
  int workers_that_read = 0;
  for (auto& w : workers_) {
    workers_that_read += w->Log().find("event=pages_read") != std::string::npos;
  }
  EXPECT_EQ(workers_that_read, 2) << "the pages were not shared between the workers\n" << logs;
  EXPECT_EQ(Count("SELECT count(*) FROM events WHERE event = 'split'"), 1);
  EXPECT_EQ(SavedTwice(), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM page_jobs"), 0);
  EXPECT_EQ(Query("SELECT state FROM files"), "done");

  std::string sqlite_text, pg_text;
  ASSERT_NO_FATAL_FAILURE(ExportBoth(sqlite_data, &sqlite_text, &pg_text));
  EXPECT_EQ(pg_text, sqlite_text);
  // The export says what the scan is and which pages; below it, what OCR
  // read on each page is the same text in both stores too.
  const std::string sqlite_spans = StoreReader(sqlite_data / "store.sqlite")
                                       .One(
                                           "SELECT group_concat(page || ':' || text, '|') FROM "
                                           "(SELECT page, text FROM spans ORDER BY document, "
                                           "span_index)");
  for (const char* read : {"1:", "|4:", "Reference"}) {
    ASSERT_NE(sqlite_spans.find(read), std::string::npos) << read << "\n" << sqlite_spans;
  }
  EXPECT_EQ(Query("SELECT string_agg(page || ':' || text, '|' ORDER BY document, span_index) "
                  "FROM spans"),
            sqlite_spans);
}

// A worker killed inside a page job: the slice is read again as attempt 2 by
// the next worker, and the file is saved once with every page.
TEST_F(WorkerFaultsTest, AWorkerKilledInsideAPageJobLosesNothing) {
  const fs::path inbox = temp_.path() / "inbox";
  fs::create_directories(inbox);
  WriteFile(inbox / "scan.pdf", ScanPdf({DenseScanPng(1, 40), DenseScanPng(2, 40)}));
  ASSERT_EQ(IngestNoWork(inbox).exit_code, 0);
  const std::vector<std::string> options = {"--poll-ms",      "200", "--lease-ms",       "1500",
                                            "--heartbeat-ms", "300", "--page-job-pages", "1"};
  WatchDaemon& first = StartWorker(options);
  ASSERT_TRUE(
      WaitFor([&] { return Count("SELECT count(*) FROM page_jobs WHERE runner IS NOT NULL") == 1; },
              60'000))
      << first.Log();
  first.Kill();

  WatchDaemon& second = StartWorker(options);
  ASSERT_TRUE(WaitFor([&] { return Unfinished() == 0; }, 120'000)) << second.Log();
  EXPECT_EQ(second.Stop(), 0) << second.Log();
  EXPECT_EQ(Query("SELECT state FROM files"), "done") << second.Log();
  EXPECT_NE(second.Log().find("attempt=2"), std::string::npos) << second.Log();
  EXPECT_EQ(Count("SELECT count(*) FROM events WHERE event = 'requeued'"), 1);
  EXPECT_EQ(SavedTwice(), 0);
  // Both pages are in the file's documents, read.
  EXPECT_EQ(Count("SELECT count(*) FROM pages"), 2);
  EXPECT_EQ(Count("SELECT count(*) FROM pages WHERE how_read LIKE 'not read%'"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM page_jobs"), 0);
  EXPECT_EQ(Query("SELECT attempts FROM jobs"), "1");
}

}  // namespace
}  // namespace dossier::testing
