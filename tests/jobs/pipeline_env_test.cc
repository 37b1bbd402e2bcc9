// The pipeline over a store it is given, not one it opens, on an injected
// clock: every time recorded for a real file's run (its arrival, the end of
// its job, the assembly) is the Env's.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "dossier/common/env.h"
#include "dossier/ingest/file_finder.h"
#include "dossier/jobs/pipeline.h"
#include "dossier/store/store.h"
#include "support/temp_dir.h"

namespace dossier {
namespace {

using testing::SourceDir;
using testing::TempDir;

TEST(PipelineEnvTest, ARunOverAGivenStoreIsDatedByTheInjectedClock) {
  TempDir data;
  // No real clock gives this time (2001): a timestamp equal to it is the Env's.
  FakeEnv env(1'000'000'000'000);
  auto opened = OpenSqliteStore(":memory:", env);
  ASSERT_TRUE(opened.ok()) << opened.status().message();
  Store& store = **opened;
  PipelineOptions options;
  options.data_dir = data.path();
  Pipeline pipeline(options, std::move(opened).value(), env);

  const std::filesystem::path form =
      SourceDir() / "sample_docs/inbox/山东省教育厅/海岱学院申报表.docx";
  auto found = FindFiles({form.string()});
  ASSERT_TRUE(found.ok()) << found.status().message();
  auto summary = pipeline.Ingest(*found);
  ASSERT_TRUE(summary.ok()) << summary.status().message();
  ASSERT_EQ(summary->files.size(), 1u);
  ASSERT_EQ(summary->taken, 1) << summary->files[0].detail;
  const std::string sha = summary->files[0].sha256;

  auto events = store.ListEvents(sha);
  ASSERT_TRUE(events.ok()) << events.status().message();
  std::vector<std::pair<std::string, int64_t>> dated;
  for (const EventView& e : *events) dated.emplace_back(e.event, e.at_ms);
  EXPECT_EQ(dated, (std::vector<std::pair<std::string, int64_t>>{
                       {"received", 1'000'000'000'000}, {"extracted", 1'000'000'000'000}}));
  auto assembled = store.ListEvents("");
  ASSERT_TRUE(assembled.ok()) << assembled.status().message();
  ASSERT_FALSE(assembled->empty());
  EXPECT_EQ(assembled->back().event, "assembled");
  EXPECT_EQ(assembled->back().at_ms, 1'000'000'000'000);

  // The application's document arrived at the clock's time too.
  auto apps = store.ListApplications();
  ASSERT_TRUE(apps.ok()) << apps.status().message();
  ASSERT_EQ(apps->size(), 1u);
  ASSERT_FALSE((*apps)[0].documents.empty());
  ASSERT_FALSE((*apps)[0].documents[0].arrivals.empty());
  EXPECT_EQ((*apps)[0].documents[0].arrivals[0].at_ms, 1'000'000'000'000);

  // The kept original is in the data folder the pipeline was given.
  EXPECT_TRUE(std::filesystem::exists(data.path() / "originals" / sha.substr(0, 2) / sha));
}

}  // namespace
}  // namespace dossier
