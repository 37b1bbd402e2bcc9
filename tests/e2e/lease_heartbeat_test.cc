// The job's lease while its reader runs: the pipeline renews it (the
// heartbeat) so that a long read keeps its job, and when a renewal is refused
// (another worker took the job after the lease ran out) it stops waiting for
// the reader and saves nothing. Real parts: a dense scan read by Tesseract in
// the isolated child, a SQLite store file opened twice as two workers would.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "dossier/common/env.h"
#include "dossier/jobs/pipeline.h"
#include "dossier/store/store.h"
#include "e2e/dense_scan.h"
#include "support/temp_dir.h"

namespace dossier {
namespace {

using Clock = std::chrono::steady_clock;

int64_t MsSince(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

class LeaseHeartbeatTest : public ::testing::Test {
 protected:
  static constexpr int64_t kLeaseMs = 300;
  static constexpr int64_t kBeatMs = 50;

  void SetUp() override {
    PipelineOptions options;
    options.data_dir = temp_.path() / "data";
    options.store = (temp_.path() / "store.sqlite").string();
    options.lease_ms = kLeaseMs;
    options.heartbeat_ms = kBeatMs;
    auto pipeline = Pipeline::Open(options);
    ASSERT_TRUE(pipeline.ok()) << pipeline.status().message();
    pipeline_ = std::move(pipeline).value();
    FoundFile found;
    found.as_received = "scan.png";
    auto taken = pipeline_->Take(found, testing::DenseScanPng());
    ASSERT_TRUE(taken.ok()) << taken.status().message();
    sha_ = taken->sha256;
  }

  // The same store as a second worker sees it, on its own clock.
  std::unique_ptr<Store> OtherWorker(Env& env) {
    auto other = OpenSqliteStore(temp_.path() / "store.sqlite", env);
    EXPECT_TRUE(other.ok()) << other.status().message();
    return other.ok() ? std::move(other).value() : nullptr;
  }

  testing::TempDir temp_{"dossier_lease_heartbeat_test"};
  std::unique_ptr<Pipeline> pipeline_;
  std::string sha_;
};

TEST_F(LeaseHeartbeatTest, ARenewedLeaseKeepsAReadLongerThanItsLease) {
  auto other = OtherWorker(Env::Default());
  ASSERT_TRUE(other);
  int tries = 0;
  std::optional<JobClaim> stolen;
  auto last_try = Clock::now();
  // Polled while the reader runs: another worker keeps asking for the job.
  auto other_asks = [&] {
    if (MsSince(last_try) >= kBeatMs && !stolen) {
      last_try = Clock::now();
      ++tries;
      auto claim = other->ClaimJob(sha_, "other-worker", kLeaseMs);
      if (claim.ok() && *claim) stolen = **claim;
    }
    return false;
  };
  std::vector<FileResult> results;
  const auto start = Clock::now();
  Status run = pipeline_->RunQueue([&](const FileResult& r) { results.push_back(r); }, other_asks);
  const int64_t elapsed = MsSince(start);
  ASSERT_TRUE(run.ok()) << run.message();

  // The read outlasted several leases: without renewals the job was lost.
  ASSERT_GT(elapsed, 3 * kLeaseMs) << "the scan was read too fast to show anything";
  EXPECT_GT(tries, 5);
  EXPECT_FALSE(stolen.has_value()) << "claimed by another worker as attempt " << stolen->attempts;
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome, FileOutcome::kTaken) << results[0].detail;
  auto queue = other->Queue(10);
  ASSERT_TRUE(queue.ok());
  EXPECT_EQ(queue->done, 1);
  EXPECT_TRUE(queue->last_errors.empty());  // never requeued
  EXPECT_EQ(other->Counts()->documents, 1);
}

TEST_F(LeaseHeartbeatTest, ALostLeaseStopsTheReadAndSavesNothing) {
  // The other worker's clock is an hour ahead: to it the lease ran out.
  FakeEnv ahead(Env::Default().NowMs() + 3'600'000);
  auto other = OtherWorker(ahead);
  ASSERT_TRUE(other);
  std::optional<JobClaim> stolen;
  Clock::time_point stolen_at;
  const auto start = Clock::now();
  auto other_takes_over = [&] {
    if (!stolen && MsSince(start) > 2 * kLeaseMs) {
      auto claim = other->ClaimNextJob("other-worker", kLeaseMs);
      EXPECT_TRUE(claim.ok()) << claim.status().message();
      if (claim.ok() && *claim) {
        stolen = **claim;
        stolen_at = Clock::now();
      }
    }
    return false;
  };
  std::vector<FileResult> results;
  Status run =
      pipeline_->RunQueue([&](const FileResult& r) { results.push_back(r); }, other_takes_over);
  ASSERT_TRUE(run.ok()) << run.message();
  ASSERT_TRUE(stolen.has_value()) << "the read ended before the other worker asked";
  EXPECT_EQ(stolen->attempts, 2);
  // The first worker stopped waiting at its next beat, not at the read's end.
  EXPECT_LT(MsSince(stolen_at), 1000);
  EXPECT_TRUE(results.empty());

  // Nothing of the first attempt was saved; the job is the other worker's.
  auto running = other->RunningJobs();
  ASSERT_TRUE(running.ok());
  ASSERT_EQ(running->size(), 1u);
  EXPECT_EQ((*running)[0].runner, "other-worker");
  EXPECT_EQ((*running)[0].attempts, 2);
  EXPECT_EQ(other->Counts()->documents, 0);
  // And the other worker ends it as the holder of attempt 2.
  Document doc;
  EXPECT_TRUE(other->SaveExtraction(sha_, HolderOf(*stolen), doc, norm::DocumentAnalysis()).ok());
  EXPECT_EQ(other->Counts()->documents, 1);
}

}  // namespace
}  // namespace dossier
