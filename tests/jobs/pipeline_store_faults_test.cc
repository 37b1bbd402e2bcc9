// The pipeline over a store that fails when told to (FaultInjectingStore):
// what a clerk sees when the store's server goes away while a file's job
// ends. Nothing is lost: the original stays kept, the job stays queued or is
// tried again, and once the store is back the file is done exactly once,
// with every document it holds and no other.
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "dossier/common/env.h"
#include "dossier/ingest/file_finder.h"
#include "dossier/jobs/pipeline.h"
#include "dossier/store/store.h"
#include "support/fault_injecting_store.h"
#include "support/temp_dir.h"
#include "support/zip_builder.h"

namespace dossier {
namespace {

using testing::FaultInjectingStore;
using testing::SourceDir;
using testing::TempDir;
using Call = FaultInjectingStore::Call;
using When = FaultInjectingStore::When;

// A Word form of one application: one file, read into its documents.
std::vector<FoundFile> TheForm() {
  auto found =
      FindFiles({(SourceDir() / "sample_docs/inbox/山东省教育厅/海岱学院申报表.docx").string()});
  EXPECT_TRUE(found.ok()) << found.status().message();
  return found.ok() ? *found : std::vector<FoundFile>{};
}

// Everything a store counts, to compare two stores.
std::vector<int64_t> CountsOf(Store& store) {
  auto c = store.Counts();
  EXPECT_TRUE(c.ok()) << c.status().message();
  if (!c.ok()) return {};
  return {c->files,    c->arrivals,   c->documents, c->applications,
          c->rejected, c->unassigned, c->queued};
}

std::vector<std::string> EventsOf(Store& store, const std::string& sha256) {
  auto events = store.ListEvents(sha256);
  EXPECT_TRUE(events.ok()) << events.status().message();
  std::vector<std::string> names;
  if (events.ok()) {
    for (const EventView& e : *events) names.push_back(e.event);
  }
  return names;
}

// The pipeline over a FaultInjectingStore of a fresh SQLite store, in a
// data folder of its own; and what the same file gives when nothing fails.
class PipelineStoreFaultsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = OpenSqliteStore(data_.path() / "store.sqlite", env_);
    ASSERT_TRUE(opened.ok()) << opened.status().message();
    faulty_ = std::make_unique<FaultInjectingStore>(std::move(opened).value());
    store_ = faulty_.get();

    // The same file where nothing fails.
    TempDir clean;
    auto reference = OpenSqliteStore(":memory:", env_);
    ASSERT_TRUE(reference.ok()) << reference.status().message();
    Store& reference_store = **reference;
    PipelineOptions clean_options;
    clean_options.data_dir = clean.path();
    Pipeline clean_run(clean_options, std::move(reference).value(), env_);
    auto summary = clean_run.Ingest(TheForm());
    ASSERT_TRUE(summary.ok()) << summary.status().message();
    ASSERT_EQ(summary->taken, 1);
    expected_counts_ = CountsOf(reference_store);
    ASSERT_GE(expected_counts_.size(), 3u);
    ASSERT_GE(expected_counts_[2], 1) << "the form holds documents";
  }

  // The pipeline over the faulty store, its jobs' leases lease_ms long: a
  // save refused for longer is given up.
  void StartPipeline(int64_t lease_ms = 60'000) {
    PipelineOptions options;
    options.data_dir = data_.path();
    options.lease_ms = lease_ms;
    pipeline_ = std::make_unique<Pipeline>(options, std::move(faulty_), env_);
  }

  std::filesystem::path OriginalOf(const std::string& sha256) const {
    return data_.path() / "originals" / sha256.substr(0, 2) / sha256;
  }

  TempDir data_;
  FakeEnv env_{1'700'000'000'000};
  std::unique_ptr<FaultInjectingStore> faulty_;  // until StartPipeline
  FaultInjectingStore* store_ = nullptr;         // then owned by pipeline_
  std::unique_ptr<Pipeline> pipeline_;
  std::vector<int64_t> expected_counts_;
};

TEST_F(PipelineStoreFaultsTest, ASaveRefusedForAMomentIsTriedAgainAndTheRunGoesOn) {
  StartPipeline();
  store_->FailNext(Call::kSaveDocuments, 2);
  auto summary = pipeline_->Ingest(TheForm());
  ASSERT_TRUE(summary.ok()) << summary.status().message();
  ASSERT_EQ(summary->files.size(), 1u);
  EXPECT_EQ(summary->taken, 1) << summary->files[0].detail;
  EXPECT_EQ(store_->calls(Call::kSaveDocuments), 3);
  EXPECT_EQ(store_->failures(Call::kSaveDocuments), 2);
  const std::string sha = summary->files[0].sha256;
  EXPECT_EQ(EventsOf(store_->real(), sha), (std::vector<std::string>{"received", "extracted"}));
  EXPECT_EQ(CountsOf(store_->real()), expected_counts_);
  EXPECT_TRUE(std::filesystem::exists(OriginalOf(sha)));
}

TEST_F(PipelineStoreFaultsTest, AStoreGoneUntilTheLeaseEndsLosesNothingAndFinishesOnceBack) {
  // Down from the first save on, its release included: the run stops with
  // the store's reason, the job still this process's. The lease is short,
  // so that the saves are given up soon.
  StartPipeline(/*lease_ms=*/1'000);
  store_->GoDownAt(Call::kSaveDocuments);
  auto failed = pipeline_->Ingest(TheForm());
  ASSERT_FALSE(failed.ok());
  EXPECT_TRUE(StoreUnreachable(failed.status())) << failed.status().message();
  EXPECT_GE(store_->failures(Call::kSaveDocuments), 1);

  // What the store holds meanwhile: the arrival, queued; no document.
  auto queued = store_->real().QueuedFiles();
  ASSERT_TRUE(queued.ok()) << queued.status().message();
  ASSERT_EQ(queued->size(), 1u);
  const std::string sha = (*queued)[0];
  EXPECT_TRUE(std::filesystem::exists(OriginalOf(sha)));
  auto counts = store_->real().Counts();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->documents, 0);
  EXPECT_EQ(EventsOf(store_->real(), sha), (std::vector<std::string>{"received"}));

  // The store is back; the next run (here with no new file) finishes it
  // first, before any file it is given.
  store_->Heal();
  auto again = pipeline_->Ingest({});
  ASSERT_TRUE(again.ok()) << again.status().message();
  auto left = store_->real().QueuedFiles();
  ASSERT_TRUE(left.ok()) << left.status().message();
  EXPECT_TRUE(left->empty());
  EXPECT_EQ(EventsOf(store_->real(), sha),
            (std::vector<std::string>{"received", "requeued", "extracted"}));
  EXPECT_EQ(CountsOf(store_->real()), expected_counts_);
}

TEST_F(PipelineStoreFaultsTest, ASaveWhoseAnswerWasLostAfterItsCommitIsNotSavedTwice) {
  // The server committed the file's documents, then went away before
  // answering: the pipeline sees a failure although all of it is stored.
  // Its next try is refused (the file is done already), which tells it so.
  StartPipeline();
  store_->FailNext(Call::kSaveDocuments, 1, When::kAfterCommit);
  auto summary = pipeline_->Ingest(TheForm());
  ASSERT_TRUE(summary.ok()) << summary.status().message();
  ASSERT_EQ(summary->files.size(), 1u);
  EXPECT_EQ(summary->files[0].outcome, FileOutcome::kTaken) << summary->files[0].detail;
  const std::string sha = summary->files[0].sha256;
  EXPECT_EQ(EventsOf(store_->real(), sha), (std::vector<std::string>{"received", "extracted"}));
  EXPECT_EQ(CountsOf(store_->real()), expected_counts_);
}

TEST_F(PipelineStoreFaultsTest, AnArchiveSavedWhoseAnswerWasLostHasItsFilesReadOnce) {
  TempDir inbox;
  const std::string form =
      testing::ReadBytes(SourceDir() / "sample_docs/inbox/山东省教育厅/海岱学院申报表.docx");
  ASSERT_FALSE(form.empty());
  testing::WriteFile(inbox.path() / "材料.zip", testing::BuildZip({{"申报表.docx", form}}));
  auto found = FindFiles({(inbox.path() / "材料.zip").string()});
  ASSERT_TRUE(found.ok()) << found.status().message();

  StartPipeline();
  store_->FailNext(Call::kSaveExpansion, 1, When::kAfterCommit);
  auto summary = pipeline_->Ingest(*found);
  ASSERT_TRUE(summary.ok()) << summary.status().message();
  ASSERT_EQ(summary->files.size(), 2u);  // the archive, then its form
  EXPECT_EQ(summary->files[0].outcome, FileOutcome::kTaken) << summary->files[0].detail;
  EXPECT_EQ(summary->files[1].outcome, FileOutcome::kTaken) << summary->files[1].detail;
  EXPECT_EQ(store_->failures(Call::kSaveExpansion), 1);
  EXPECT_EQ(EventsOf(store_->real(), summary->files[0].sha256),
            (std::vector<std::string>{"received", "expanded"}));
  EXPECT_EQ(EventsOf(store_->real(), summary->files[1].sha256),
            (std::vector<std::string>{"received", "extracted"}));
  auto counts = store_->real().Counts();
  ASSERT_TRUE(counts.ok()) << counts.status().message();
  EXPECT_EQ(counts->files, 2);
  EXPECT_EQ(counts->queued, 0);
  EXPECT_EQ(counts->documents, expected_counts_[2]);
}

}  // namespace
}  // namespace dossier
