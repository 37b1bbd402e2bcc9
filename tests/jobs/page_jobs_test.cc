// The worker's side of a large scan's page jobs (docs/capacity.md) over a
// real store and a real PDF, on an injected clock: a page job given up on
// after --max-attempts costs its pages only, kept as not read with the
// reason, and the file is joined from the others.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "dossier/common/env.h"
#include "dossier/common/whole_file.h"
#include "dossier/ingest/file_finder.h"
#include "dossier/jobs/pipeline.h"
#include "dossier/store/store.h"
#include "support/temp_dir.h"

namespace dossier {
namespace {

using testing::SourceDir;
using testing::TempDir;

TEST(PageJobs, ASliceGivenUpOnKeepsItsPagesAsNotReadAndTheFileTheOthers) {
  TempDir data;
  FakeEnv env(1'000'000'000'000);
  auto opened = OpenSqliteStore(":memory:", env);
  ASSERT_TRUE(opened.ok()) << opened.status().message();
  Store& store = **opened;
  PipelineOptions options;
  options.data_dir = data.path();
  options.max_attempts = 1;
  Pipeline pipeline(options, std::move(opened).value(), env);

  // Two pages with a text layer: read at once.
  const std::filesystem::path pdf =
      SourceDir() / "sample_docs/inbox/淄博市人力资源和社会保障局/淄博鲁中新材料研究院/申报表.pdf";
  auto found = FindFiles({pdf.string()});
  ASSERT_TRUE(found.ok() && found->size() == 1u) << found.status().message();
  auto bytes = ReadWholeFile(pdf);
  ASSERT_TRUE(bytes.ok()) << bytes.status().message();
  auto taken = pipeline.Take((*found)[0], *bytes);
  ASSERT_TRUE(taken.ok()) << taken.status().message();
  const std::string sha = taken->sha256;

  // Split as a worker splits it, one page a job; a worker takes page 1 and
  // dies: its lease runs out, and the next claim is past --max-attempts.
  auto file_job = store.ClaimNextJob("splitter", options.lease_ms);
  ASSERT_TRUE(file_job.ok() && file_job->has_value());
  ASSERT_TRUE(store.SplitJob(sha, HolderOf(**file_job), 2, 1).ok());
  auto dead = store.ClaimNextJob("dead-worker", options.lease_ms);
  ASSERT_TRUE(dead.ok() && dead->has_value());
  ASSERT_EQ((*dead)->first_page, 1);
  env.AdvanceMs(options.lease_ms + 1);

  std::vector<FileResult> results;
  ASSERT_TRUE(pipeline.RunQueue([&](const FileResult& r) { results.push_back(r); }).ok());
  // Page 1 given up on, page 2 read, the file joined: one result, the file's.
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome, FileOutcome::kTaken) << results[0].detail;
  auto slices = store.PageSlices(sha);
  ASSERT_TRUE(slices.ok());
  EXPECT_TRUE(slices->empty());

  auto facts = store.LoadDocumentFacts();
  ASSERT_TRUE(facts.ok()) << facts.status().message();
  ASSERT_FALSE(facts->empty());
  std::vector<Page> pages;
  std::vector<std::string> warnings;
  size_t spans = 0;
  for (const norm::DocumentFacts& f : *facts) {
    auto doc = store.LoadDocument(f.document_id);
    ASSERT_TRUE(doc.ok()) << doc.status().message();
    pages.insert(pages.end(), doc->pages.begin(), doc->pages.end());
    warnings.insert(warnings.end(), doc->warnings.begin(), doc->warnings.end());
    spans += doc->spans.size();
  }
  ASSERT_EQ(pages.size(), 2u);
  EXPECT_EQ(pages[0].number, 1);
  EXPECT_EQ(pages[0].how_read.rfind("not read: ", 0), 0u) << pages[0].how_read;
  EXPECT_NE(pages[0].how_read.find("已放弃"), std::string::npos) << pages[0].how_read;
  EXPECT_EQ(pages[1].number, 2);
  EXPECT_EQ(pages[1].how_read, "text layer");
  EXPECT_GT(spans, 0u);
  ASSERT_FALSE(warnings.empty());
  EXPECT_EQ(warnings[0].rfind("page 1 could not be read: ", 0), 0u) << warnings[0];
}

}  // namespace
}  // namespace dossier
