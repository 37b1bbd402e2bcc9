// The rules that decide a file is complete, on a fake clock.
#include <gtest/gtest.h>

#include "dossier/ingest/settle.h"

namespace dossier {
namespace {

constexpr FileStamp kA{100, 1'000};
constexpr FileStamp kB{200, 2'000};

class SettleTest : public testing::Test {
 protected:
  SettleTracker tracker_{SettleOptions{/*settle_ms=*/1000, /*quiet_ms=*/100}};

  // Checks every due file as a look at the disk would, with `stamp`.
  std::vector<std::string> Ready(int64_t now, FileStamp stamp) {
    std::vector<std::string> ready;
    for (const std::string& path : tracker_.Due(now)) {
      if (tracker_.Check(path, stamp, now)) ready.push_back(path);
    }
    return ready;
  }
};

TEST_F(SettleTest, AFileFoundByAScanIsTakenWhenUnchangedForTheSettleTime) {
  tracker_.Seen("a.docx", kA, 0);
  EXPECT_TRUE(Ready(999, kA).empty());
  EXPECT_EQ(tracker_.NextDueIn(500), 500);
  EXPECT_EQ(Ready(1000, kA), std::vector<std::string>{"a.docx"});
  // Reported once: later scans of the same file change nothing.
  tracker_.Seen("a.docx", kA, 5000);
  EXPECT_TRUE(Ready(10000, kA).empty());
  EXPECT_EQ(tracker_.Waiting(), 0u);
}

TEST_F(SettleTest, AFileThatKeepsGrowingIsNotTakenUntilItStops) {
  tracker_.Seen("slow.pdf", kA, 0);
  EXPECT_TRUE(Ready(1000, kB).empty());  // grew: settles again from now
  EXPECT_TRUE(Ready(1999, kB).empty());
  EXPECT_EQ(Ready(2000, kB), std::vector<std::string>{"slow.pdf"});
}

TEST_F(SettleTest, AFileBeingWrittenWaitsForItsCloseHoweverLongItStalls) {
  tracker_.Seen("copy.docx", kA, 0);
  tracker_.Writing("copy.docx");
  tracker_.Seen("copy.docx", kA, 100);  // a rescan during a stalled copy
  EXPECT_TRUE(Ready(60'000, kA).empty());
  EXPECT_FALSE(tracker_.NextDueIn(60'000).has_value());
  tracker_.Closed("copy.docx", kB, 60'000);
  EXPECT_TRUE(Ready(60'099, kB).empty());
  EXPECT_EQ(Ready(60'100, kB), std::vector<std::string>{"copy.docx"});
}

TEST_F(SettleTest, AWriteAfterTheCloseSendsTheFileBackToWaiting) {
  tracker_.Closed("a.docx", kA, 0);
  tracker_.Writing("a.docx");
  EXPECT_TRUE(Ready(5000, kA).empty());
}

TEST_F(SettleTest, AFileThatChangedAfterItsCloseSettlesInFull) {
  tracker_.Closed("a.docx", kA, 0);
  EXPECT_TRUE(Ready(100, kB).empty());
  EXPECT_TRUE(Ready(1099, kB).empty());
  EXPECT_EQ(Ready(1100, kB), std::vector<std::string>{"a.docx"});
}

TEST_F(SettleTest, ATakenFileThatChangesIsANewVersionToTake) {
  tracker_.Closed("a.docx", kA, 0);
  ASSERT_EQ(Ready(100, kA).size(), 1u);
  tracker_.Closed("a.docx", kA, 200);  // opened for writing, left as it was
  EXPECT_TRUE(Ready(1000, kA).empty());
  tracker_.Seen("a.docx", kB, 2000);  // replaced, seen by a rescan
  EXPECT_EQ(Ready(3000, kB), std::vector<std::string>{"a.docx"});
}

TEST_F(SettleTest, DeletedFilesAndFoldersAreForgotten) {
  tracker_.Seen("x/a.docx", kA, 0);
  tracker_.Seen("x/b.docx", kA, 0);
  tracker_.Seen("xy/c.docx", kA, 0);
  tracker_.Seen("d.docx", kA, 0);
  tracker_.GoneUnder("x");
  tracker_.Gone("d.docx");
  EXPECT_EQ(Ready(1000, kA), std::vector<std::string>{"xy/c.docx"});
}

TEST_F(SettleTest, AFileGoneWhenLookedAtIsForgotten) {
  tracker_.Seen("a.docx", kA, 0);
  for (const std::string& path : tracker_.Due(1000)) EXPECT_FALSE(tracker_.Check(path, {}, 1000));
  EXPECT_EQ(tracker_.Waiting(), 0u);
}

TEST_F(SettleTest, AfterLostEventsFilesBeingWrittenFallBackToSettling) {
  tracker_.Writing("a.docx");
  tracker_.WritingToSettling(0);
  EXPECT_TRUE(Ready(0, kA).empty());  // first look: the stamp is noted
  EXPECT_EQ(Ready(1000, kA), std::vector<std::string>{"a.docx"});
}

TEST_F(SettleTest, AFileThatCouldNotBeTakenIsTriedAgainAfterSettling) {
  tracker_.Closed("a.docx", kA, 0);
  ASSERT_EQ(Ready(100, kA).size(), 1u);
  tracker_.Retry("a.docx", 100);
  EXPECT_TRUE(Ready(1100, kA).empty());
  EXPECT_EQ(Ready(2100, kA), std::vector<std::string>{"a.docx"});
}

TEST_F(SettleTest, AScanForgetsFilesItNoLongerFinds) {
  tracker_.MarkTaken("old.docx", kA);
  tracker_.Seen("new.docx", kA, 0);
  tracker_.ForgetAllBut({"new.docx"});
  tracker_.Seen("old.docx", kA, 0);  // back again: settles as a new file
  EXPECT_EQ(Ready(1000, kA), (std::vector<std::string>{"new.docx", "old.docx"}));
}

}  // namespace
}  // namespace dossier
