// The inbox watcher on a real folder with real inotify and real time (short
// settle times): what it reports, when, and that it never touches the inbox.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "dossier/ingest/watcher.h"
#include "support/temp_dir.h"

namespace dossier {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;

int64_t NowMs() {
  return std::chrono::duration_cast<milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

class WatcherTest : public ::testing::Test {
 protected:
  void SetUp() override { fs::create_directories(inbox_); }

  void Open(int64_t settle_ms = 300, int64_t rescan_ms = 0) {
    WatchOptions options;
    options.inbox = inbox_;
    options.settle = SettleOptions{settle_ms, /*quiet_ms=*/50};
    options.rescan_ms = rescan_ms;
    auto watcher = InboxWatcher::Open(options);
    ASSERT_TRUE(watcher.ok()) << watcher.status().message();
    watcher_ = std::move(watcher).value();
  }

  static void Write(const fs::path& path, const std::string& bytes) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << bytes;
  }

  // Polls for `ms` and returns what became ready, with when (ms from now).
  std::map<std::string, int64_t> Collect(int64_t ms) {
    std::map<std::string, int64_t> ready;
    const int64_t start = NowMs();
    while (NowMs() - start < ms) {
      auto batch = watcher_->Poll(20);
      EXPECT_TRUE(batch.ok()) << batch.status().message();
      if (!batch.ok()) break;
      for (const ReadyFile& r : batch->ready) {
        EXPECT_EQ(ready.count(r.file.as_received), 0u) << "reported twice: " << r.file.as_received;
        ready[r.file.as_received] = NowMs() - start;
        EXPECT_EQ(r.file.path, inbox_ / r.file.as_received);
      }
    }
    return ready;
  }

  // Names, sizes and modification times of everything under the inbox.
  std::map<std::string, std::pair<uintmax_t, int64_t>> Listing() const {
    std::map<std::string, std::pair<uintmax_t, int64_t>> out;
    for (const auto& e : fs::recursive_directory_iterator(inbox_)) {
      struct stat st;
      lstat(e.path().c_str(), &st);
      out[e.path().string()] = {e.is_regular_file() ? e.file_size() : 0,
                                st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec};
    }
    return out;
  }

  testing::TempDir dir_{"dossier-watch"};
  fs::path root_ = dir_.path(), inbox_ = root_ / "inbox";
  std::unique_ptr<InboxWatcher> watcher_;
};

TEST_F(WatcherTest, FilesAlreadyThereAreTakenAfterSettlingNotBefore) {
  Write(inbox_ / "a.docx", "a");
  Write(inbox_ / "sub" / "b.xlsx", "bb");
  Open(/*settle_ms=*/400);
  auto ready = Collect(1000);
  ASSERT_EQ(ready.size(), 2u);
  EXPECT_GE(ready["a.docx"], 300);
  EXPECT_GE(ready["sub/b.xlsx"], 300);
}

TEST_F(WatcherTest, AFileClosedAfterWritingIsTakenAtOnceAndOnlyOnce) {
  Open(/*settle_ms=*/5000);
  Write(inbox_ / "申报表 (1).docx", "content");
  auto ready = Collect(700);
  ASSERT_EQ(ready.size(), 1u);
  EXPECT_LT(ready["申报表 (1).docx"], 500);  // the close, not the 5 s settle
}

TEST_F(WatcherTest, TemporaryNamesWaitUntilRenamed) {
  Open();
  Write(inbox_ / "~$form.docx", "lock");
  Write(inbox_ / "report.pdf.part", "half");
  Write(inbox_ / ".form.docx.X1b2", "rsync temp");
  EXPECT_TRUE(Collect(700).empty());
  fs::rename(inbox_ / "report.pdf.part", inbox_ / "report.pdf");
  fs::rename(inbox_ / ".form.docx.X1b2", inbox_ / "form.docx");
  auto ready = Collect(500);
  EXPECT_EQ(ready.size(), 2u);
  EXPECT_TRUE(ready.count("report.pdf"));
  EXPECT_TRUE(ready.count("form.docx"));
}

TEST_F(WatcherTest, NewFoldersAreWatchedAndFoldersMovedInAreTaken) {
  Open(/*settle_ms=*/400);
  // Written before the watcher has seen its folder: found by the folder's
  // scan, so it settles.
  Write(inbox_ / "new" / "deeper" / "x.docx", "x");
  Write(root_ / "elsewhere" / "in" / "y.docx", "y");
  fs::rename(root_ / "elsewhere", inbox_ / "moved");
  auto ready = Collect(1000);
  EXPECT_EQ(ready.size(), 2u);
  EXPECT_GE(ready["new/deeper/x.docx"], 300);
  EXPECT_LT(ready["moved/in/y.docx"], 300);  // moved in: complete at once
  // Written after: its close is seen.
  Write(inbox_ / "new" / "deeper" / "later.docx", "l");
  ready = Collect(300);
  EXPECT_TRUE(ready.count("new/deeper/later.docx"));
  // Files in a folder renamed within the inbox are found under the new name.
  fs::rename(inbox_ / "moved", inbox_ / "renamed");
  Write(inbox_ / "renamed" / "in" / "z.docx", "z");
  ready = Collect(600);
  EXPECT_TRUE(ready.count("renamed/in/z.docx"));
  EXPECT_FALSE(ready.count("moved/in/z.docx"));
}

TEST_F(WatcherTest, HiddenFoldersAreNotEntered) {
  Open(/*settle_ms=*/200);
  Write(inbox_ / ".Trash-1000" / "files" / "old.docx", "x");
  Write(inbox_ / "ok.docx", "y");
  auto ready = Collect(600);
  EXPECT_EQ(ready.size(), 1u);
  EXPECT_TRUE(ready.count("ok.docx"));
}

TEST_F(WatcherTest, ASlowCopyThatStallsIsTakenOnceWhenClosed) {
  Open(/*settle_ms=*/200);
  const fs::path path = inbox_ / "slow.pdf";
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  ASSERT_GE(fd, 0);
  std::map<std::string, int64_t> ready;
  for (int i = 0; i < 4; ++i) {
    ASSERT_EQ(::write(fd, "0123456789", 10), 10);
    auto during = Collect(300);  // stalls longer than the settle time
    ready.insert(during.begin(), during.end());
  }
  EXPECT_TRUE(ready.empty()) << "taken while still open for writing";
  ::close(fd);
  ready = Collect(400);
  ASSERT_EQ(ready.size(), 1u);
}

TEST_F(WatcherTest, AFileDeletedBeforeItSettlesIsNeverReported) {
  Write(inbox_ / "gone.docx", "x");
  Open(/*settle_ms=*/300);
  fs::remove(inbox_ / "gone.docx");
  EXPECT_TRUE(Collect(600).empty());
}

TEST_F(WatcherTest, RescansFindChangesInotifyDoesNotReport) {
  Open(/*settle_ms=*/100, /*rescan_ms=*/200);
  Write(inbox_ / "a.docx", "version 1");
  ASSERT_EQ(Collect(400).size(), 1u);
  // A new mtime without a write (as a share's file replaced remotely looks
  // locally): inotify says nothing; the rescan sees a changed file.
  struct timespec times[2] = {{1'000'000, 0}, {1'000'000, 0}};
  ASSERT_EQ(::utimensat(AT_FDCWD, (inbox_ / "a.docx").c_str(), times, 0), 0);
  auto ready = Collect(800);
  EXPECT_TRUE(ready.count("a.docx"));
}

TEST_F(WatcherTest, AFileThatChangesWhileBeingReadIsNotTaken) {
  Open(/*settle_ms=*/5000);
  Write(inbox_ / "a.docx", "first");
  std::vector<ReadyFile> ready;
  for (int i = 0; i < 30 && ready.empty(); ++i) {
    auto batch = watcher_->Poll(20);
    ASSERT_TRUE(batch.ok());
    ready = batch->ready;
  }
  ASSERT_EQ(ready.size(), 1u);
  auto bytes = ReadReadyFile(ready[0], 1 << 20);
  ASSERT_TRUE(bytes.ok());
  ASSERT_TRUE(bytes->has_value());
  EXPECT_EQ(**bytes, "first");
  std::ofstream(inbox_ / "a.docx", std::ios::app) << " and more";
  auto changed = ReadReadyFile(ready[0], 1 << 20);
  ASSERT_TRUE(changed.ok());
  EXPECT_FALSE(changed->has_value());
  auto too_big = ReadReadyFile(ready[0], 2);
  EXPECT_TRUE(!too_big.ok() || !too_big->has_value());
}

TEST_F(WatcherTest, AFileSeenAndThenReplacedByALinkIsRefusedNotFollowed) {
  Write(root_ / "outside" / "secret.txt", "root:x:0:0");
  Open(/*settle_ms=*/5000);
  Write(inbox_ / "form.docx", "the form");
  std::vector<ReadyFile> ready;
  for (int i = 0; i < 30 && ready.empty(); ++i) {
    auto batch = watcher_->Poll(20);
    ASSERT_TRUE(batch.ok());
    ready = batch->ready;
  }
  ASSERT_EQ(ready.size(), 1u);
  // Between being found complete and being read, the file becomes a link.
  fs::remove(inbox_ / "form.docx");
  fs::create_symlink(root_ / "outside" / "secret.txt", inbox_ / "form.docx");
  auto bytes = ReadReadyFile(ready[0], 1 << 20);
  ASSERT_FALSE(bytes.ok());
  EXPECT_EQ(bytes.status().reason_code(), "symlink") << bytes.status().message();
  EXPECT_EQ(bytes.status().message().find("root:x"), std::string::npos);
}

TEST_F(WatcherTest, ALinkDroppedIntoTheInboxIsReportedAndThenRefused) {
  Write(root_ / "outside" / "secret.txt", "root:x:0:0");
  fs::create_directories(root_ / "outside" / "folder");
  Write(root_ / "outside" / "folder" / "x.docx", "outside");
  Open(/*settle_ms=*/200);
  fs::create_symlink(root_ / "outside" / "secret.txt", inbox_ / "passwd.docx");
  fs::create_directory_symlink(root_ / "outside" / "folder", inbox_ / "linked");
  std::vector<ReadyFile> ready;
  const int64_t start = NowMs();
  while (NowMs() - start < 1500) {
    auto batch = watcher_->Poll(20);
    ASSERT_TRUE(batch.ok());
    for (const ReadyFile& r : batch->ready) ready.push_back(r);
  }
  ASSERT_EQ(ready.size(), 2u);  // the two links; nothing from inside the linked folder
  for (const ReadyFile& r : ready) {
    auto bytes = ReadReadyFile(r, 1 << 20);
    ASSERT_FALSE(bytes.ok()) << r.file.as_received;
    EXPECT_EQ(bytes.status().reason_code(), "symlink") << r.file.as_received;
  }
}

TEST_F(WatcherTest, TheInboxIsNeverModified) {
  Write(inbox_ / "a.docx", "a");
  Write(inbox_ / "sub" / "b.docx", "b");
  Write(inbox_ / "~$lock.docx", "c");
  const auto before = Listing();
  Open(/*settle_ms=*/100, /*rescan_ms=*/100);
  auto ready = Collect(600);
  for (const auto& [path, when] : ready) {
    ReadyFile r{FoundFile{inbox_ / path, path, nullptr, Status::Ok()}, {}};
    struct stat st;
    ASSERT_EQ(::stat(r.file.path.c_str(), &st), 0);
    r.stamp = FileStamp{static_cast<uint64_t>(st.st_size),
                        st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec};
    EXPECT_TRUE(ReadReadyFile(r, 1 << 20).ok());
  }
  EXPECT_EQ(ready.size(), 2u);
  EXPECT_EQ(Listing(), before);
}

TEST(WatcherOpen, AMissingInboxOrAFileIsRefusedWithItsName) {
  WatchOptions options;
  options.inbox = "/nonexistent/inbox";
  auto missing = InboxWatcher::Open(options);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), ErrorCode::kNotFound);
  EXPECT_NE(missing.status().message().find("/nonexistent/inbox"), std::string::npos);
  options.inbox = "/etc/hostname";
  auto file = InboxWatcher::Open(options);
  ASSERT_FALSE(file.ok());
  EXPECT_NE(file.status().message().find("not a folder"), std::string::npos);
}

}  // namespace
}  // namespace dossier
