// The durable job queue through the Store interface: claims, releases,
// archives and what a watcher took from its inbox, on a real SQLite file,
// reopened as a restarted process would.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <filesystem>
#include <random>
#include <string>

#include "dossier/store/store.h"
#include "support/temp_dir.h"

namespace dossier {
namespace {

namespace fs = std::filesystem;

class JobQueueTest : public ::testing::Test {
 protected:
  void SetUp() override { Reopen(); }
  void Reopen() {
    store_.reset();
    auto opened = OpenSqliteStore(dir_ / "store.sqlite");
    ASSERT_TRUE(opened.ok()) << opened.status().message();
    store_ = std::move(opened).value();
  }
  void Receive(const std::string& sha, const std::string& path, const std::string& type = "docx") {
    auto r = store_->RecordArrival(Arrival{sha, path, 10, type, 1000});
    ASSERT_TRUE(r.ok()) << r.status().message();
  }
  QueueView Queue() {
    auto q = store_->Queue(10);
    EXPECT_TRUE(q.ok()) << q.status().message();
    return q.ok() ? *q : QueueView{};
  }
  std::optional<JobClaim> Claim(const std::string& sha, const std::string& runner) {
    auto claim = store_->ClaimJob(sha, runner, 2000);
    EXPECT_TRUE(claim.ok()) << claim.status().message();
    return claim.ok() ? *claim : std::nullopt;
  }

  testing::TempDir temp_{"dossier_queue_test"};
  fs::path dir_ = temp_.path();
  std::unique_ptr<Store> store_;  // closed before temp_ goes
};

TEST_F(JobQueueTest, AClaimedJobIsRunningAndNobodyElseGetsIt) {
  Receive("aa", "a.docx");
  auto claim = Claim("aa", "runner-1");
  ASSERT_TRUE(claim.has_value());
  EXPECT_EQ(claim->attempts, 1);
  EXPECT_EQ(claim->type, "docx");
  EXPECT_EQ(claim->first_path, "a.docx");
  EXPECT_FALSE(Claim("aa", "runner-2").has_value());
  QueueView q = Queue();
  EXPECT_EQ(q.queued, 0);
  EXPECT_EQ(q.running, 1);
  auto running = store_->RunningJobs();
  ASSERT_TRUE(running.ok());
  ASSERT_EQ(running->size(), 1u);
  EXPECT_EQ((*running)[0].runner, "runner-1");
}

TEST_F(JobQueueTest, ARestartFindsTheRunningJobAndAReleaseCountsTheAttempt) {
  Receive("aa", "a.docx");
  ASSERT_TRUE(Claim("aa", "dead-runner").has_value());
  Reopen();  // the process died; a new one opens the store
  auto running = store_->RunningJobs();
  ASSERT_TRUE(running.ok());
  ASSERT_EQ(running->size(), 1u);
  ASSERT_TRUE(store_
                  ->ReleaseJob("aa", "dead-runner", "dossier stopped while reading the file",
                               /*attempt_counts=*/true, 3000)
                  .ok());
  auto again = Claim("aa", "runner-2");
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->attempts, 2);
  EXPECT_EQ(again->last_error, "dossier stopped while reading the file");
  QueueView q = Queue();
  ASSERT_FALSE(q.last_errors.empty());
  EXPECT_EQ(q.last_errors[0].event, "requeued");
  EXPECT_EQ(q.last_errors[0].file, "a.docx");
}

TEST_F(JobQueueTest, AnOrderlyReleaseDoesNotCountAndOnlyTheHolderCanRelease) {
  Receive("aa", "a.docx");
  ASSERT_TRUE(Claim("aa", "r1").has_value());
  ASSERT_TRUE(store_->ReleaseJob("aa", "someone-else", "x", false, 3000).ok());
  EXPECT_EQ(Queue().running, 1);  // not theirs: unchanged
  ASSERT_TRUE(store_->ReleaseJob("aa", "r1", "disk full", /*attempt_counts=*/false, 3000).ok());
  EXPECT_EQ(Queue().queued, 1);
  auto again = Claim("aa", "r1");
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->attempts, 1);
}

TEST_F(JobQueueTest, FinishedJobsAreDoneOrRejectedAndCannotBeClaimed) {
  Receive("aa", "a.docx");
  Receive("bb", "b.pdf", "pdf");
  ASSERT_TRUE(Claim("aa", "r").has_value());
  ASSERT_TRUE(store_->SaveExtraction("aa", Document(), norm::DocumentAnalysis()).ok());
  ASSERT_TRUE(Claim("bb", "r").has_value());
  ASSERT_TRUE(
      store_->RejectFile("bb", "parser_crashed", "parser crashed (segmentation fault)").ok());
  EXPECT_FALSE(Claim("aa", "r").has_value());
  EXPECT_FALSE(Claim("bb", "r").has_value());
  QueueView q = Queue();
  EXPECT_EQ(q.queued, 0);
  EXPECT_EQ(q.running, 0);
  EXPECT_EQ(q.done, 1);
  EXPECT_EQ(q.rejected, 1);
  ASSERT_EQ(q.last_errors.size(), 1u);
  EXPECT_EQ(q.last_errors[0].file, "b.pdf");
  EXPECT_EQ(q.last_errors[0].detail, "parser crashed (segmentation fault)");
  auto running = store_->RunningJobs();
  ASSERT_TRUE(running.ok());
  EXPECT_TRUE(running->empty());
}

TEST_F(JobQueueTest, AnArchivesFilesArriveTogetherWithItsEnd) {
  Receive("zz", "bundle.zip", "zip");
  ASSERT_TRUE(Claim("zz", "r").has_value());
  std::vector<ExpandedMember> members = {
      {Arrival{"m1", "bundle.zip/a.docx", 5, "docx", 1}, "", ""},
      {Arrival{"m2", "bundle.zip/inner.zip", 5, "zip", 1}, "a ZIP archive inside a ZIP archive",
       "archive_nested"},
      {Arrival{"m1", "bundle.zip/copy of a.docx", 5, "docx", 1}, "", ""},
  };
  auto results = store_->SaveExpansion("zz", members, "ZIP archive: 3 files");
  ASSERT_TRUE(results.ok()) << results.status().message();
  ASSERT_EQ(results->size(), 3u);
  EXPECT_TRUE((*results)[0].first_arrival);
  EXPECT_EQ((*results)[1].state, FileState::kRejected);
  EXPECT_FALSE((*results)[2].first_arrival);
  auto queued = store_->QueuedFiles();
  ASSERT_TRUE(queued.ok());
  EXPECT_EQ(*queued, std::vector<std::string>{"m1"});
  QueueView q = Queue();
  EXPECT_EQ(q.done, 1);  // the archive
  EXPECT_EQ(q.rejected, 1);
  auto counts = store_->Counts();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->arrivals, 4);
  // Expanded once: a second save is refused and adds nothing.
  EXPECT_FALSE(store_->SaveExpansion("zz", members, "again").ok());
  EXPECT_EQ(store_->Counts()->arrivals, 4);
}

TEST_F(JobQueueTest, AnInboxFileIsKnownByPathSizeAndMtimeAfterARestart) {
  const InboxStamp stamp{"/srv/inbox", "a/b.docx", 10, 123456789};
  auto r = store_->RecordInboxArrival(Arrival{"aa", "a/b.docx", 10, "docx", 1000}, stamp);
  ASSERT_TRUE(r.ok()) << r.status().message();
  Reopen();
  EXPECT_TRUE(*store_->WasTaken(stamp));
  InboxStamp changed = stamp;
  changed.mtime_ns += 1;
  EXPECT_FALSE(*store_->WasTaken(changed));
  InboxStamp other_inbox = stamp;
  other_inbox.inbox = "/srv/other";
  EXPECT_FALSE(*store_->WasTaken(other_inbox));
  // A new version of the file replaces the stamp.
  ASSERT_TRUE(
      store_->RecordInboxArrival(Arrival{"bb", "a/b.docx", 11, "docx", 2000}, changed).ok());
  EXPECT_TRUE(*store_->WasTaken(changed));
  EXPECT_FALSE(*store_->WasTaken(stamp));
}

}  // namespace
}  // namespace dossier
