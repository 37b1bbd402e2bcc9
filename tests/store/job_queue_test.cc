// The durable job queue through the Store interface: claims, releases,
// archives, what a watcher took from its inbox and the times the store
// records, for every engine in store_engines.h (a real SQLite file today),
// reopened as a restarted process would.
#include <gtest/gtest.h>

#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "dossier/store/store.h"
#include "store/store_engines.h"

namespace dossier {
namespace {

template <typename E>
class JobQueueTest : public store_test::StoreEngineTest<E> {
 protected:
  void Receive(const std::string& sha, const std::string& path, const std::string& type = "docx") {
    auto r = this->store_->RecordArrival(Arrival{sha, path, 10, type, 1000});
    ASSERT_TRUE(r.ok()) << r.status().message();
  }
  QueueView Queue() {
    auto q = this->store_->Queue(10);
    EXPECT_TRUE(q.ok()) << q.status().message();
    return q.ok() ? *q : QueueView{};
  }
  std::optional<JobClaim> Claim(const std::string& sha, const std::string& runner) {
    auto claim = this->store_->ClaimJob(sha, runner);
    EXPECT_TRUE(claim.ok()) << claim.status().message();
    return claim.ok() ? *claim : std::nullopt;
  }
  std::vector<EventView> Events(const std::string& sha) {
    auto events = this->store_->ListEvents(sha);
    EXPECT_TRUE(events.ok()) << events.status().message();
    return events.ok() ? *events : std::vector<EventView>{};
  }
};

TYPED_TEST_SUITE(JobQueueTest, store_test::StoreEngines);

TYPED_TEST(JobQueueTest, AClaimedJobIsRunningAndNobodyElseGetsIt) {
  this->Receive("aa", "a.docx");
  auto claim = this->Claim("aa", "runner-1");
  ASSERT_TRUE(claim.has_value());
  EXPECT_EQ(claim->attempts, 1);
  EXPECT_EQ(claim->type, "docx");
  EXPECT_EQ(claim->first_path, "a.docx");
  EXPECT_FALSE(this->Claim("aa", "runner-2").has_value());
  QueueView q = this->Queue();
  EXPECT_EQ(q.queued, 0);
  EXPECT_EQ(q.running, 1);
  auto running = this->store_->RunningJobs();
  ASSERT_TRUE(running.ok());
  ASSERT_EQ(running->size(), 1u);
  EXPECT_EQ((*running)[0].runner, "runner-1");
}

TYPED_TEST(JobQueueTest, ARestartFindsTheRunningJobAndAReleaseCountsTheAttempt) {
  this->Receive("aa", "a.docx");
  ASSERT_TRUE(this->Claim("aa", "dead-runner").has_value());
  this->Reopen();  // the process died; a new one opens the store
  auto running = this->store_->RunningJobs();
  ASSERT_TRUE(running.ok());
  ASSERT_EQ(running->size(), 1u);
  ASSERT_TRUE(this->store_
                  ->ReleaseJob("aa", "dead-runner", "dossier stopped while reading the file",
                               /*attempt_counts=*/true)
                  .ok());
  auto again = this->Claim("aa", "runner-2");
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->attempts, 2);
  EXPECT_EQ(again->last_error, "dossier stopped while reading the file");
  QueueView q = this->Queue();
  ASSERT_FALSE(q.last_errors.empty());
  EXPECT_EQ(q.last_errors[0].event, "requeued");
  EXPECT_EQ(q.last_errors[0].file, "a.docx");
}

TYPED_TEST(JobQueueTest, AnOrderlyReleaseDoesNotCountAndOnlyTheHolderCanRelease) {
  this->Receive("aa", "a.docx");
  ASSERT_TRUE(this->Claim("aa", "r1").has_value());
  ASSERT_TRUE(this->store_->ReleaseJob("aa", "someone-else", "x", false).ok());
  EXPECT_EQ(this->Queue().running, 1);  // not theirs: unchanged
  ASSERT_TRUE(this->store_->ReleaseJob("aa", "r1", "disk full", /*attempt_counts=*/false).ok());
  EXPECT_EQ(this->Queue().queued, 1);
  auto again = this->Claim("aa", "r1");
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->attempts, 1);
}

TYPED_TEST(JobQueueTest, FinishedJobsAreDoneOrRejectedAndCannotBeClaimed) {
  this->Receive("aa", "a.docx");
  this->Receive("bb", "b.pdf", "pdf");
  ASSERT_TRUE(this->Claim("aa", "r").has_value());
  ASSERT_TRUE(this->store_->SaveExtraction("aa", Document(), norm::DocumentAnalysis()).ok());
  ASSERT_TRUE(this->Claim("bb", "r").has_value());
  ASSERT_TRUE(
      this->store_->RejectFile("bb", "parser_crashed", "parser crashed (segmentation fault)").ok());
  EXPECT_FALSE(this->Claim("aa", "r").has_value());
  EXPECT_FALSE(this->Claim("bb", "r").has_value());
  QueueView q = this->Queue();
  EXPECT_EQ(q.queued, 0);
  EXPECT_EQ(q.running, 0);
  EXPECT_EQ(q.done, 1);
  EXPECT_EQ(q.rejected, 1);
  ASSERT_EQ(q.last_errors.size(), 1u);
  EXPECT_EQ(q.last_errors[0].file, "b.pdf");
  EXPECT_EQ(q.last_errors[0].detail, "parser crashed (segmentation fault)");
  auto running = this->store_->RunningJobs();
  ASSERT_TRUE(running.ok());
  EXPECT_TRUE(running->empty());
}

TYPED_TEST(JobQueueTest, AnArchivesFilesArriveTogetherWithItsEnd) {
  this->Receive("zz", "bundle.zip", "zip");
  ASSERT_TRUE(this->Claim("zz", "r").has_value());
  std::vector<ExpandedMember> members = {
      {Arrival{"m1", "bundle.zip/a.docx", 5, "docx", 1}, "", ""},
      {Arrival{"m2", "bundle.zip/inner.zip", 5, "zip", 1}, "a ZIP archive inside a ZIP archive",
       "archive_nested"},
      {Arrival{"m1", "bundle.zip/copy of a.docx", 5, "docx", 1}, "", ""},
  };
  auto results = this->store_->SaveExpansion("zz", members, "ZIP archive: 3 files");
  ASSERT_TRUE(results.ok()) << results.status().message();
  ASSERT_EQ(results->size(), 3u);
  EXPECT_TRUE((*results)[0].first_arrival);
  EXPECT_EQ((*results)[1].state, FileState::kRejected);
  EXPECT_FALSE((*results)[2].first_arrival);
  auto queued = this->store_->QueuedFiles();
  ASSERT_TRUE(queued.ok());
  EXPECT_EQ(*queued, std::vector<std::string>{"m1"});
  QueueView q = this->Queue();
  EXPECT_EQ(q.done, 1);  // the archive
  EXPECT_EQ(q.rejected, 1);
  auto counts = this->store_->Counts();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->arrivals, 4);
  // Expanded once: a second save is refused and adds nothing.
  EXPECT_FALSE(this->store_->SaveExpansion("zz", members, "again").ok());
  EXPECT_EQ(this->store_->Counts()->arrivals, 4);
}

TYPED_TEST(JobQueueTest, AnInboxFileIsKnownByPathSizeAndMtimeAfterARestart) {
  const InboxStamp stamp{"/srv/inbox", "a/b.docx", 10, 123456789};
  auto r = this->store_->RecordInboxArrival(Arrival{"aa", "a/b.docx", 10, "docx", 1000}, stamp);
  ASSERT_TRUE(r.ok()) << r.status().message();
  this->Reopen();
  EXPECT_TRUE(*this->store_->WasTaken(stamp));
  InboxStamp changed = stamp;
  changed.mtime_ns += 1;
  EXPECT_FALSE(*this->store_->WasTaken(changed));
  InboxStamp other_inbox = stamp;
  other_inbox.inbox = "/srv/other";
  EXPECT_FALSE(*this->store_->WasTaken(other_inbox));
  // A new version of the file replaces the stamp.
  ASSERT_TRUE(
      this->store_->RecordInboxArrival(Arrival{"bb", "a/b.docx", 11, "docx", 2000}, changed).ok());
  EXPECT_TRUE(*this->store_->WasTaken(changed));
  EXPECT_FALSE(*this->store_->WasTaken(stamp));
}

// Every time the store records itself comes from its Env: a fake clock set
// to times no real clock would give shows that none is the system's.
TYPED_TEST(JobQueueTest, ClaimsReleasesAndEventsAreDatedByTheStoresClock) {
  FakeEnv& clock = this->env_;
  clock.SetNowMs(5'000);
  this->Receive("aa", "a.docx");  // dated by the caller: the arrival's own time
  this->Receive("bb", "b.pdf", "pdf");

  clock.SetNowMs(7'000);
  ASSERT_TRUE(this->Claim("aa", "r1").has_value());
  auto running = this->store_->RunningJobs();
  ASSERT_TRUE(running.ok()) << running.status().message();
  ASSERT_EQ(running->size(), 1u);
  EXPECT_EQ((*running)[0].claimed_at_ms, 7'000);

  clock.SetNowMs(8'000);
  ASSERT_TRUE(this->store_->ReleaseJob("aa", "r1", "disk full", /*attempt_counts=*/false).ok());
  clock.SetNowMs(9'000);
  ASSERT_TRUE(this->Claim("aa", "r1").has_value());
  clock.SetNowMs(10'000);
  ASSERT_TRUE(this->store_->SaveExtraction("aa", Document(), norm::DocumentAnalysis()).ok());

  clock.SetNowMs(11'000);
  ASSERT_TRUE(this->Claim("bb", "r1").has_value());
  clock.SetNowMs(12'000);
  ASSERT_TRUE(this->store_->RejectFile("bb", "unknown_type", "无法识别的文件类型").ok());

  clock.SetNowMs(13'000);
  ASSERT_TRUE(this->store_->SaveAssembly(norm::Assembly()).ok());
  clock.SetNowMs(14'000);
  ASSERT_TRUE(this->store_->RecordRefusal(Refusal{"c.lnk", "symlink", "符号链接", 3'000}).ok());

  std::vector<std::pair<std::string, int64_t>> a_events;
  for (const EventView& e : this->Events("aa")) a_events.emplace_back(e.event, e.at_ms);
  EXPECT_EQ(a_events, (std::vector<std::pair<std::string, int64_t>>{
                          {"received", 1'000}, {"requeued", 8'000}, {"extracted", 10'000}}));
  std::vector<std::pair<std::string, int64_t>> b_events;
  for (const EventView& e : this->Events("bb")) b_events.emplace_back(e.event, e.at_ms);
  EXPECT_EQ(b_events, (std::vector<std::pair<std::string, int64_t>>{{"received", 1'000},
                                                                    {"rejected", 12'000}}));
  // Store-level events: the assembly by the clock, the refusal by its own time.
  std::vector<std::pair<std::string, int64_t>> store_events;
  for (const EventView& e : this->Events("")) store_events.emplace_back(e.event, e.at_ms);
  EXPECT_EQ(store_events, (std::vector<std::pair<std::string, int64_t>>{{"assembled", 13'000},
                                                                        {"refused", 3'000}}));
  // What the queue shows for the last errors is the same dated record.
  QueueView q = this->Queue();
  ASSERT_EQ(q.last_errors.size(), 2u);
  EXPECT_EQ(q.last_errors[0].at_ms, 12'000);
  EXPECT_EQ(q.last_errors[1].at_ms, 8'000);
}

}  // namespace
}  // namespace dossier
