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

// Large scans as page jobs (docs/capacity.md): a file's job split into
// slices of its pages, each claimed, leased and ended as a job of its own,
// and the file's job claimable again only to join them.
template <typename E>
class PageJobTest : public JobQueueTest<E> {
 protected:
  // Arrives "scan" (a PDF) at 1000 and "later" (a DOCX) at 2000, claims the
  // scan's job and splits its `pages` pages into slices of `per_slice`.
  void SplitScan(int pages, int per_slice) {
    this->env_.SetNowMs(1'000);
    this->Receive("scan", "scan.pdf", "pdf");
    this->env_.SetNowMs(2'000);
    this->Receive("later", "later.docx");
    auto claim = this->store_->ClaimNextJob("splitter", this->kLeaseMs);
    ASSERT_TRUE(claim.ok() && claim->has_value()) << claim.status().message();
    ASSERT_EQ((*claim)->sha256, "scan");
    EXPECT_EQ((*claim)->first_page, 0);
    EXPECT_EQ((*claim)->split_pages, 0);
    Status split = this->store_->SplitJob("scan", HolderOf(**claim), pages, per_slice);
    ASSERT_TRUE(split.ok()) << split.message();
  }
  std::optional<JobClaim> Next(const std::string& runner) {
    auto claim = this->store_->ClaimNextJob(runner, this->kLeaseMs);
    EXPECT_TRUE(claim.ok()) << claim.status().message();
    return claim.ok() ? *claim : std::nullopt;
  }
  std::string Pages(const std::optional<JobClaim>& claim) {
    if (!claim) return "none";
    return claim->sha256 + " " + std::to_string(claim->first_page) + "-" +
           std::to_string(claim->last_page);
  }
};

TYPED_TEST_SUITE(PageJobTest, store_test::StoreEngines);

TYPED_TEST(PageJobTest, SlicesAreClaimedOneByOneAndBeforeYoungerFiles) {
  this->SplitScan(4, 1);
  // The file's own job waits for its slices, and the splitting was no attempt.
  QueueView q = this->Queue();
  EXPECT_EQ(q.running, 0);
  EXPECT_EQ(q.queued, 2 + 4);
  std::vector<std::string> order;
  for (const char* runner : {"w1", "w2", "w3", "w4", "w5", "w6"}) {
    auto next = this->Next(runner);
    order.push_back(this->Pages(next));
    if (next && next->first_page > 0) {
      EXPECT_EQ(next->attempts, 1);
      EXPECT_EQ(next->type, "pdf");
      EXPECT_EQ(next->first_path, "scan.pdf");
      EXPECT_EQ(next->received_at_ms, 1000);
    }
  }
  // The younger file only once every slice is held; the scan's own job not
  // at all while its slices lack their pages.
  EXPECT_EQ(order, (std::vector<std::string>{"scan 1-1", "scan 2-2", "scan 3-3", "scan 4-4",
                                             "later 0-0", "none"}));
  q = this->Queue();
  EXPECT_EQ(q.running, 5);
  EXPECT_EQ(q.queued, 1);
  auto running = this->store_->RunningJobs();
  ASSERT_TRUE(running.ok()) << running.status().message();
  ASSERT_EQ(running->size(), 5u);
  int slices = 0;
  for (const RunningJob& job : *running) {
    if (job.first_page == 0) continue;
    ++slices;
    EXPECT_EQ(job.sha256, "scan");
    EXPECT_EQ(job.last_page, job.first_page);
    EXPECT_EQ(job.runner, "w" + std::to_string(job.first_page));
  }
  EXPECT_EQ(slices, 4);
  auto events = this->Events("scan");
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back().event, "split");
}

TYPED_TEST(PageJobTest, TheJoinIsClaimableOnlyOnceEverySliceHasItsPages) {
  this->SplitScan(5, 2);
  auto first = this->Next("w1");
  auto second = this->Next("w2");
  auto third = this->Next("w3");
  ASSERT_EQ(this->Pages(first), "scan 1-2");
  ASSERT_EQ(this->Pages(second), "scan 3-4");
  ASSERT_EQ(this->Pages(third), "scan 5-5");
  // Bytes as a reader's answer has them: NULs and bytes that are no UTF-8.
  const std::string pages_1_2("\x00\x01page one\xff\xfe", 13);
  const std::string pages_3_4 = "pages three and four";
  ASSERT_TRUE(this->store_->SavePageSlice("scan", HolderOf(*first), pages_1_2).ok());
  ASSERT_TRUE(this->store_->SavePageSlice("scan", HolderOf(*second), pages_3_4).ok());
  // Pages 5-5 are still being read: nobody may join yet.
  EXPECT_FALSE(this->Claim("scan", "w4").has_value());
  EXPECT_EQ(this->Pages(this->Next("w4")), "later 0-0");
  EXPECT_FALSE(this->Next("w5").has_value());
  ASSERT_TRUE(this->store_->SavePageSlice("scan", HolderOf(*third), "").ok());

  auto join = this->Next("w5");
  ASSERT_EQ(this->Pages(join), "scan 0-0");
  EXPECT_EQ(join->split_pages, 2);
  EXPECT_EQ(join->attempts, 1);
  auto slices = this->store_->PageSlices("scan");
  ASSERT_TRUE(slices.ok()) << slices.status().message();
  ASSERT_EQ(slices->size(), 3u);
  EXPECT_EQ((*slices)[0].result, pages_1_2);
  EXPECT_EQ((*slices)[1].result, pages_3_4);
  EXPECT_TRUE((*slices)[2].has_result);
  EXPECT_EQ((*slices)[2].result, "");
  EXPECT_EQ((*slices)[2].first_page, 5);
  EXPECT_EQ((*slices)[2].last_page, 5);
  // A second split of the same file fails and changes nothing.
  EXPECT_FALSE(this->store_->SplitJob("scan", HolderOf(*join), 5, 2).ok());
  ASSERT_EQ(this->store_->PageSlices("scan")->size(), 3u);

  // The join's documents end the file's job, its slices with it.
  Status saved =
      this->store_->SaveExtraction("scan", HolderOf(*join), Document(), norm::DocumentAnalysis());
  ASSERT_TRUE(saved.ok()) << saved.message();
  EXPECT_TRUE(this->store_->PageSlices("scan")->empty());
  QueueView q = this->Queue();
  EXPECT_EQ(q.done, 1);
  EXPECT_EQ(q.queued, 0);
  EXPECT_EQ(q.running, 1);  // "later"
}

TYPED_TEST(PageJobTest, ALateEndingFromALapsedHolderIsRefused) {
  this->SplitScan(2, 1);
  auto lapsed = this->Next("w1");
  ASSERT_EQ(this->Pages(lapsed), "scan 1-1");
  auto renewed = this->store_->RenewLease("scan", HolderOf(*lapsed), this->kLeaseMs);
  ASSERT_TRUE(renewed.ok() && *renewed);
  // w1 stops renewing: past its lease the slice is anyone's, as attempt 2.
  this->env_.AdvanceMs(this->kLeaseMs + 1);
  auto again = this->Next("w2");
  ASSERT_EQ(this->Pages(again), "scan 1-1");
  EXPECT_EQ(again->attempts, 2);
  EXPECT_NE(again->last_error.find("attempt 1"), std::string::npos) << again->last_error;
  bool requeued = false;
  for (const EventView& e : this->Events("scan")) requeued |= e.event == "requeued";
  EXPECT_TRUE(requeued);

  renewed = this->store_->RenewLease("scan", HolderOf(*lapsed), this->kLeaseMs);
  ASSERT_TRUE(renewed.ok());
  EXPECT_FALSE(*renewed);
  Status late = this->store_->SavePageSlice("scan", HolderOf(*lapsed), "stale pages");
  EXPECT_TRUE(LeaseLost(late)) << late.message();
  ASSERT_TRUE(this->store_->ReleaseJob("scan", HolderOf(*lapsed), "too late", false).ok());
  EXPECT_EQ(this->Queue().running, 1);  // still w2's

  ASSERT_TRUE(this->store_->SavePageSlice("scan", HolderOf(*again), "fresh pages").ok());
  // Once saved the slice has no holder: a second ending is refused too.
  EXPECT_TRUE(LeaseLost(this->store_->SavePageSlice("scan", HolderOf(*again), "again")));
  auto slices = this->store_->PageSlices("scan");
  ASSERT_TRUE(slices.ok());
  ASSERT_EQ(slices->size(), 2u);
  EXPECT_EQ((*slices)[0].result, "fresh pages");
  EXPECT_FALSE((*slices)[1].has_result);

  // A slice put back in the queue (an orderly stop) goes to the next claim
  // without counting the attempt; a page job's holder cannot end the file.
  auto second = this->Next("w3");
  ASSERT_EQ(this->Pages(second), "scan 2-2");
  EXPECT_FALSE(this->store_->RejectFile("scan", HolderOf(*second), "damaged", "no").ok());
  ASSERT_TRUE(this->store_->ReleaseJob("scan", HolderOf(*second), "stopping", false).ok());
  auto retaken = this->Next("w4");
  ASSERT_EQ(this->Pages(retaken), "scan 2-2");
  EXPECT_EQ(retaken->attempts, 1);
  EXPECT_EQ(retaken->last_error, "stopping");
}

}  // namespace
}  // namespace dossier
