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
  static constexpr int64_t kLeaseMs = 60'000;

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
    auto claim = this->store_->ClaimJob(sha, runner, kLeaseMs);
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
                  ->ReleaseJob("aa", JobHolder{"dead-runner", 1},
                               "dossier stopped while reading the file",
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
  ASSERT_TRUE(this->store_->ReleaseJob("aa", JobHolder{"someone-else", 1}, "x", false).ok());
  EXPECT_EQ(this->Queue().running, 1);  // not theirs: unchanged
  ASSERT_TRUE(this->store_->ReleaseJob("aa", JobHolder{"r1", 0}, "x", false).ok());
  EXPECT_EQ(this->Queue().running, 1);  // not that attempt: unchanged
  ASSERT_TRUE(
      this->store_->ReleaseJob("aa", JobHolder{"r1", 1}, "disk full", /*attempt_counts=*/false)
          .ok());
  EXPECT_EQ(this->Queue().queued, 1);
  auto again = this->Claim("aa", "r1");
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->attempts, 1);
}

TYPED_TEST(JobQueueTest, FinishedJobsAreDoneOrRejectedAndCannotBeClaimed) {
  this->Receive("aa", "a.docx");
  this->Receive("bb", "b.pdf", "pdf");
  ASSERT_TRUE(this->Claim("aa", "r").has_value());
  ASSERT_TRUE(
      this->store_->SaveExtraction("aa", JobHolder{"r", 1}, Document(), norm::DocumentAnalysis())
          .ok());
  ASSERT_TRUE(this->Claim("bb", "r").has_value());
  ASSERT_TRUE(this->store_
                  ->RejectFile("bb", JobHolder{"r", 1}, "parser_crashed",
                               "parser crashed (segmentation fault)")
                  .ok());
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
  auto results =
      this->store_->SaveExpansion("zz", JobHolder{"r", 1}, members, "ZIP archive: 3 files");
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
  EXPECT_FALSE(this->store_->SaveExpansion("zz", JobHolder{"r", 1}, members, "again").ok());
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
  ASSERT_TRUE(
      this->store_->ReleaseJob("aa", JobHolder{"r1", 1}, "disk full", /*attempt_counts=*/false)
          .ok());
  clock.SetNowMs(9'000);
  ASSERT_TRUE(this->Claim("aa", "r1").has_value());
  clock.SetNowMs(10'000);
  ASSERT_TRUE(
      this->store_->SaveExtraction("aa", JobHolder{"r1", 1}, Document(), norm::DocumentAnalysis())
          .ok());

  clock.SetNowMs(11'000);
  ASSERT_TRUE(this->Claim("bb", "r1").has_value());
  clock.SetNowMs(12'000);
  ASSERT_TRUE(
      this->store_->RejectFile("bb", JobHolder{"r1", 1}, "unknown_type", "无法识别的文件类型")
          .ok());

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

// A claim is a lease on the store's clock: renewed by its holder, taken
// over by anyone once it ran out (the next attempt), and the worker that lost
// it can end nothing any more.
TYPED_TEST(JobQueueTest, ALeaseIsRenewedByItsHolderAndRunsOutWithoutIt) {
  FakeEnv& clock = this->env_;
  clock.SetNowMs(100'000);
  this->Receive("aa", "a.docx");
  auto first = this->Claim("aa", "machine-a:1:1");
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->runner, "machine-a:1:1");
  EXPECT_EQ(first->attempts, 1);
  EXPECT_EQ(first->lease_until_ms, 100'000 + this->kLeaseMs);
  const JobHolder a = HolderOf(*first);

  // Renewed before it runs out, the lease holds past the first deadline.
  clock.SetNowMs(150'000);
  auto renewed = this->store_->RenewLease("aa", a, this->kLeaseMs);
  ASSERT_TRUE(renewed.ok()) << renewed.status().message();
  EXPECT_TRUE(*renewed);
  clock.SetNowMs(200'000);  // past the first lease, within the renewed one
  EXPECT_FALSE(this->Claim("aa", "machine-b:2:2").has_value());
  auto next = this->store_->ClaimNextJob("machine-b:2:2", this->kLeaseMs);
  ASSERT_TRUE(next.ok()) << next.status().message();
  EXPECT_FALSE(next->has_value());
  auto running = this->store_->RunningJobs();
  ASSERT_TRUE(running.ok());
  ASSERT_EQ(running->size(), 1u);
  EXPECT_EQ((*running)[0].lease_until_ms, 150'000 + this->kLeaseMs);

  // Not renewed: at its end anyone may take the job, as attempt 2.
  clock.SetNowMs(150'000 + this->kLeaseMs);
  next = this->store_->ClaimNextJob("machine-b:2:2", this->kLeaseMs);
  ASSERT_TRUE(next.ok()) << next.status().message();
  ASSERT_TRUE(next->has_value());
  const JobClaim second = **next;
  EXPECT_EQ(second.sha256, "aa");
  EXPECT_EQ(second.attempts, 2);
  EXPECT_NE(second.last_error.find("machine-a:1:1"), std::string::npos) << second.last_error;
  QueueView q = this->Queue();
  EXPECT_EQ(q.running, 1);
  ASSERT_FALSE(q.last_errors.empty());
  EXPECT_EQ(q.last_errors[0].event, "requeued");

  // The first worker, back (thawed, or its answer late), holds nothing: its
  // heartbeat is refused and every ending it tries is refused unchanged.
  renewed = this->store_->RenewLease("aa", a, this->kLeaseMs);
  ASSERT_TRUE(renewed.ok());
  EXPECT_FALSE(*renewed);
  Status late = this->store_->SaveExtraction("aa", a, Document(), norm::DocumentAnalysis());
  EXPECT_TRUE(LeaseLost(late)) << late.message();
  EXPECT_NE(late.message().find("attempt 2"), std::string::npos) << late.message();
  EXPECT_TRUE(LeaseLost(this->store_->RejectFile("aa", a, "damaged", "too late")));
  auto expanded = this->store_->SaveExpansion("aa", a, {}, "too late");
  EXPECT_TRUE(LeaseLost(expanded.status())) << expanded.status().message();
  auto mailed = this->store_->SaveMail("aa", a, MailRecord{}, {}, {}, "too late");
  EXPECT_TRUE(LeaseLost(mailed.status())) << mailed.status().message();
  ASSERT_TRUE(this->store_->ReleaseJob("aa", a, "too late", /*attempt_counts=*/false).ok());
  q = this->Queue();
  EXPECT_EQ(q.running, 1);
  EXPECT_EQ(q.done, 0);
  EXPECT_EQ(q.rejected, 0);
  EXPECT_EQ(this->store_->Counts()->documents, 0);

  // The holder of attempt 2 ends it.
  Status saved =
      this->store_->SaveExtraction("aa", HolderOf(second), Document(), norm::DocumentAnalysis());
  ASSERT_TRUE(saved.ok()) << saved.message();
  q = this->Queue();
  EXPECT_EQ(q.done, 1);
  EXPECT_EQ(q.running, 0);
  EXPECT_EQ(this->store_->Counts()->documents, 1);
  // And the first worker's ending, later still, changes nothing.
  EXPECT_FALSE(this->store_->SaveExtraction("aa", a, Document(), norm::DocumentAnalysis()).ok());
  EXPECT_EQ(this->store_->Counts()->documents, 1);
}

TYPED_TEST(JobQueueTest, AJobNeverClaimedOrPutBackCannotBeEndedByAnyone) {
  this->Receive("aa", "a.docx");
  Status unclaimed =
      this->store_->RejectFile("aa", JobHolder{"r1", 1}, "damaged", "not claimed by anyone");
  EXPECT_TRUE(LeaseLost(unclaimed)) << unclaimed.message();
  auto claim = this->Claim("aa", "r1");
  ASSERT_TRUE(claim.has_value());
  ASSERT_TRUE(
      this->store_->ReleaseJob("aa", HolderOf(*claim), "stopping", /*attempt_counts=*/false).ok());
  Status released =
      this->store_->SaveExtraction("aa", HolderOf(*claim), Document(), norm::DocumentAnalysis());
  EXPECT_TRUE(LeaseLost(released)) << released.message();
  EXPECT_EQ(this->Queue().queued, 1);
}

TYPED_TEST(JobQueueTest, ClaimNextTakesTheOldestClaimableJob) {
  FakeEnv& clock = this->env_;
  clock.SetNowMs(1'000);
  ASSERT_TRUE(this->store_->RecordArrival(Arrival{"aa", "a.docx", 10, "docx", 1}).ok());
  clock.SetNowMs(2'000);
  ASSERT_TRUE(this->store_->RecordArrival(Arrival{"bb", "b.docx", 10, "docx", 2}).ok());
  clock.SetNowMs(3'000);
  ASSERT_TRUE(this->store_->RecordArrival(Arrival{"cc", "c.docx", 10, "docx", 3}).ok());
  std::vector<std::string> order;
  for (const char* runner : {"w1", "w2", "w3", "w4"}) {
    auto next = this->store_->ClaimNextJob(runner, this->kLeaseMs);
    ASSERT_TRUE(next.ok()) << next.status().message();
    if (*next) order.push_back((*next)->sha256);
  }
  EXPECT_EQ(order, (std::vector<std::string>{"aa", "bb", "cc"}));
  EXPECT_EQ(this->Queue().running, 3);
}

// A job started too often without an end is the pipeline's to reject (it
// sees attempts > --max-attempts): the store keeps counting through lapses.
TYPED_TEST(JobQueueTest, EachLapsedLeaseCountsAnAttempt) {
  FakeEnv& clock = this->env_;
  this->Receive("aa", "a.docx");
  for (int attempt = 1; attempt <= 4; ++attempt) {
    auto claim = this->store_->ClaimNextJob("w" + std::to_string(attempt), this->kLeaseMs);
    ASSERT_TRUE(claim.ok() && claim->has_value());
    EXPECT_EQ((*claim)->attempts, attempt);
    clock.AdvanceMs(this->kLeaseMs + 1);
  }
}

}  // namespace
}  // namespace dossier
