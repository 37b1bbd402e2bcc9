// What the machine may do to a running watcher: kill -9 at any moment, a file
// copied in slowly, the data folder's disk full. Every file ends processed
// exactly once or rejected, and the store stays sound.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/mount.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <random>
#include <set>
#include <string>
#include <thread>

#include "dossier/ingest/originals.h"
#include "e2e/watch_support.h"
#include "support/test_seed.h"
#include "support/zip_builder.h"

namespace dossier::testing {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;

int64_t WallMs() {
  return std::chrono::duration_cast<milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string Form(const std::string& unit, const std::string& padding = "") {
  std::vector<ZipEntry> entries = {
      {"[Content_Types].xml", kDocxContentTypes},
      {"_rels/.rels", kDocxRootRels},
      {"word/document.xml",
       DocumentXml(P("山东省专业技术人员继续教育基地申报表") + "<w:tbl><w:tr><w:tc>" +
                   P("单位名称") + "</w:tc><w:tc>" + P(unit) + "</w:tc></w:tr></w:tbl>")}};
  if (!padding.empty()) entries.push_back({"word/media/scan.bin", padding});
  return BuildZip(entries);
}

// Bytes that do not compress, so an archive holding them is as big as they are.
std::string Incompressible(size_t size, uint32_t seed) {
  std::mt19937 rng(seed);
  std::string out(size, '\0');
  for (char& c : out) c = static_cast<char>(rng());
  return out;
}

void ExpectSoundStore(const fs::path& data) {
  StoreReader store(data / "store.sqlite");
  EXPECT_EQ(store.One("PRAGMA integrity_check"), "ok");
  EXPECT_TRUE(store.Rows("PRAGMA foreign_key_check").empty());
  EXPECT_EQ(store.Int("SELECT count(*) FROM files WHERE state = 'queued'"), 0);
}

TEST(WatchFaults, FiftyFilesTenKillsEveryFileOnceNoneMissingNoneTwice) {
  TempDir dir;
  const fs::path inbox = dir.path() / "inbox", data = dir.path() / "data";
  const fs::path staging = dir.path() / "staging";
  fs::create_directories(inbox);
  fs::create_directories(staging);
  const auto seed = static_cast<unsigned>(TestSeed("kill and drop times"));
  std::mt19937 rng(seed);

  WatchDaemon daemon(data, inbox, dir.path() / "watch.log",
                     {"--settle-ms", "200", "--quiet-ms", "50", "--rescan-ms", "1000"});
  daemon.Start();
  constexpr int kFiles = 50;
  std::thread dropper([&] {
    std::mt19937 drop_rng(seed + 1);
    for (int i = 0; i < kFiles; ++i) {
      const std::string name = "f" + std::to_string(i) + " 申报表.docx";
      const std::string bytes = Form("学院" + std::to_string(i));
      if (i % 2 == 0) {
        WriteFile(inbox / (i % 4 == 0 ? "sub" : "") / name, bytes);  // written in place
      } else {
        WriteFile(staging / name, bytes);  // written elsewhere, moved in
        fs::rename(staging / name, inbox / name);
      }
      std::this_thread::sleep_for(milliseconds(20 + drop_rng() % 80));
    }
  });
  int kills = 0;
  for (; kills < 10; ++kills) {
    std::this_thread::sleep_for(milliseconds(100 + rng() % 600));
    daemon.Kill();
    daemon.Start();
  }
  dropper.join();
  ASSERT_TRUE(WaitFor([&] { return FinishedFiles(data) == kFiles; }, 90000)) << daemon.Log();
  ASSERT_EQ(daemon.Stop(), 0) << daemon.Log();
  std::cout << "[ restarts ] " << kills << " kills; jobs requeued after a kill: " << [&] {
    const std::string log = daemon.Log();
    size_t n = 0;
    for (size_t at = 0; (at = log.find("event=requeued", at)) != std::string::npos; ++at) {
      ++n;
    }
    return n;
  }() << "\n";

  StoreReader store(data / "store.sqlite");
  EXPECT_EQ(store.Int("SELECT count(*) FROM files"), kFiles);
  EXPECT_EQ(store.Int("SELECT count(*) FROM files WHERE state IN ('done', 'rejected')"), kFiles);
  // Every inbox file arrived exactly once: none missing, none taken twice.
  EXPECT_EQ(store.Int("SELECT count(*) FROM arrivals"), kFiles);
  EXPECT_EQ(store.Int("SELECT count(DISTINCT path_as_received) FROM arrivals"), kFiles);
  // Each file ended exactly once.
  EXPECT_TRUE(store
                  .Rows("SELECT sha256 FROM events WHERE event IN ('extracted', 'rejected') "
                        "GROUP BY sha256 HAVING count(*) != 1")
                  .empty());
  EXPECT_EQ(store.Int("SELECT count(*) FROM events WHERE event IN ('extracted', 'rejected')"),
            kFiles);
  EXPECT_EQ(store.Int("SELECT count(*) FROM documents"),
            store.Int("SELECT count(*) FROM files WHERE state = 'done'"));
  const int64_t rejected = store.Int("SELECT count(*) FROM files WHERE state = 'rejected'");
  if (rejected > 0) {
    for (const auto& row :
         store.Rows("SELECT first_path, reason FROM files WHERE state = 'rejected'")) {
      std::cout << "[ rejected ] " << row[0] << ": " << row[1] << "\n";
      EXPECT_NE(row[1].find("given up after"), std::string::npos) << row[1];
    }
  }
  ExpectSoundStore(data);
  // Every original is kept under its digest.
  OriginalsFolder originals(data / "originals");
  for (const auto& row : store.Rows("SELECT sha256 FROM files")) {
    auto bytes = originals.Read(row[0]);
    ASSERT_TRUE(bytes.ok()) << row[0];
    EXPECT_EQ(Sha256Hex(*bytes), row[0]);
  }
  EXPECT_EQ(MalformedLogLines(daemon.Log()), std::vector<std::string>{});
}

TEST(WatchFaults, AFileCopiedInAt1MBPerSecondIsTakenOnceWhenComplete) {
  TempDir dir;
  const fs::path inbox = dir.path() / "inbox", data = dir.path() / "data";
  fs::create_directories(inbox);
  // Rescans and the settle time both pass while the copy stalls.
  WatchDaemon daemon(data, inbox, dir.path() / "watch.log",
                     {"--settle-ms", "500", "--rescan-ms", "700"});
  daemon.Start();
  ASSERT_TRUE(
      WaitFor([&] { return daemon.Log().find("event=watching") != std::string::npos; }, 10000));

  const std::string bytes = Form("慢速学院", Incompressible(3 << 20, 7));
  const int fd = ::open((inbox / "slow copy.docx").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  ASSERT_GE(fd, 0);
  constexpr size_t kChunk = 64 * 1024;
  for (size_t at = 0; at < bytes.size(); at += kChunk) {
    const size_t n = std::min(kChunk, bytes.size() - at);
    ASSERT_EQ(::write(fd, bytes.data() + at, n), static_cast<ssize_t>(n));
    std::this_thread::sleep_for(milliseconds(1000 * kChunk / (1 << 20)));   // 1 MB/s
    if (at == (1u << 20)) std::this_thread::sleep_for(milliseconds(1500));  // the network stalls
    EXPECT_EQ(FinishedFiles(data), 0) << "taken before the copy was complete";
  }
  ::close(fd);
  const int64_t complete_at = WallMs();
  ASSERT_TRUE(WaitFor([&] { return FinishedFiles(data) == 1; }, 15000)) << daemon.Log();
  std::this_thread::sleep_for(milliseconds(1500));  // rescans see nothing new
  ASSERT_EQ(daemon.Stop(), 0);

  StoreReader store(data / "store.sqlite");
  EXPECT_EQ(store.Int("SELECT count(*) FROM arrivals"), 1) << daemon.Log();
  EXPECT_EQ(store.Int("SELECT size FROM files"), static_cast<int64_t>(bytes.size()));
  EXPECT_EQ(store.One("SELECT state FROM files"), "done");
  EXPECT_EQ(store.One("SELECT sha256 FROM files"), Sha256Hex(bytes));
  EXPECT_GE(store.Int("SELECT received_at_ms FROM arrivals"), complete_at - 50);
}

class DiskFullTest : public ::testing::Test {
 protected:
  void SetUp() override {
    inbox_ = dir_.path() / "inbox";
    data_ = dir_.path() / "data";
    fs::create_directories(inbox_);
    fs::create_directories(data_);
  }
  void TearDown() override {
    if (mounted_) ::umount2(data_.c_str(), MNT_DETACH);
  }

  // A file arrives while the data folder cannot take it: intake stops with
  // the error in the log and the daemon stays up; once writes work again
  // the file is taken, once. On the tmpfs the disk is filled and emptied
  // under the running daemon; otherwise it is restarted under a file size
  // limit above what the data folder holds but below the new original, and
  // restarted again without it.
  void ExpectIntakeStopsAndResumes(const std::vector<std::string>& reasons) {
    WatchDaemon daemon(data_, inbox_, dir_.path() / "watch.log",
                       {"--settle-ms", "200", "--retry-ms", "300", "--verbose"});
    daemon.Start();
    WriteFile(inbox_ / "first.docx", Form("第一学院"));
    ASSERT_TRUE(WaitFor([&] { return FinishedFiles(data_) == 1; }, 10000)) << daemon.Log();
    if (!mounted_) {
      ASSERT_EQ(daemon.Stop(), 0) << daemon.Log();
      uintmax_t largest = 0;
      for (const auto& e : fs::recursive_directory_iterator(data_))
        if (e.is_regular_file()) largest = std::max(largest, e.file_size());
      const rlim_t limit = largest + (128 << 10);
      ASSERT_LT(limit, 600u << 10) << "the data folder already holds a file that large";
      daemon.Start({}, limit);
    }

    const fs::path filler = data_ / "filler";
    if (mounted_) {
      const int fd = ::open(filler.c_str(), O_WRONLY | O_CREAT, 0644);
      ASSERT_GE(fd, 0);
      std::string chunk(64 << 10, 'x');
      while (::write(fd, chunk.data(), chunk.size()) > 0) {
      }
      ::close(fd);
    }
    WriteFile(inbox_ / "second.docx", Form("大文件学院", Incompressible(600 << 10, 11)));
    ASSERT_TRUE(WaitFor(
        [&] { return daemon.Log().find("event=intake_stopped") != std::string::npos; }, 10000))
        << daemon.Log();
    const std::string log = daemon.Log();
    const size_t line = log.find("event=intake_stopped");
    const std::string stopped = log.substr(line, log.find('\n', line) - line);
    EXPECT_TRUE(std::any_of(reasons.begin(), reasons.end(), [&](const std::string& r) {
      return stopped.find(r) != std::string::npos;
    })) << stopped;
    EXPECT_NE(log.find("level=error event=intake_stopped"), std::string::npos) << stopped;
    // Retries fail meanwhile (two of them seen), and the daemon lives
    // through them.
    const auto failed_retries = [&] {
      const std::string now = daemon.Log();
      size_t n = 0;
      for (size_t at = 0; (at = now.find("event=retry_failed", at)) != std::string::npos; ++at) ++n;
      return n;
    };
    EXPECT_TRUE(WaitFor([&] { return failed_retries() >= 2 || !daemon.Alive(); }, 10000))
        << daemon.Log();
    EXPECT_TRUE(daemon.Alive()) << daemon.Log();
    EXPECT_EQ(FinishedFiles(data_), 1);

    if (mounted_) {
      fs::remove(filler);  // space again: intake resumes by itself
      ASSERT_TRUE(WaitFor([&] { return FinishedFiles(data_) == 2; }, 15000)) << daemon.Log();
      // The file is done before the resumption is logged (after assembly).
      EXPECT_TRUE(WaitFor(
          [&] { return daemon.Log().find("event=intake_resumed") != std::string::npos; }, 10000))
          << daemon.Log();
      ASSERT_EQ(daemon.Stop(), 0);
    } else {
      ASSERT_EQ(daemon.Stop(), 0);
      daemon.Start();  // without the limit
      ASSERT_TRUE(WaitFor([&] { return FinishedFiles(data_) == 2; }, 15000)) << daemon.Log();
      ASSERT_EQ(daemon.Stop(), 0);
    }
    StoreReader store(data_ / "store.sqlite");
    EXPECT_EQ(store.Int("SELECT count(*) FROM arrivals WHERE path_as_received = 'second.docx'"), 1);
    EXPECT_EQ(store.One("SELECT state FROM files WHERE first_path = 'second.docx'"), "done");
    ExpectSoundStore(data_);
  }

  TempDir dir_;
  fs::path inbox_, data_;
  bool mounted_ = false;
};

// A real full disk: a 4 MiB tmpfs as the data folder, filled up.
TEST_F(DiskFullTest, AFullDiskStopsIntakeWithAClearErrorAndLosesNothing) {
  mounted_ = ::mount("tmpfs", data_.c_str(), "tmpfs", 0, "size=4m") == 0;
  if (!mounted_) {
    GTEST_SKIP() << "no tmpfs can be mounted here (" << std::strerror(errno)
                 << "; needs root with mount rights): a full disk is not tested, only a write "
                    "failure (AWriteFailureStopsIntakeWithAClearErrorAndLosesNothing)";
  }
  ExpectIntakeStopsAndResumes({"No space left on device", "disk is full"});
}

// A write failure of another kind, wherever the test runs: a file size
// limit the new original cannot fit in.
TEST_F(DiskFullTest, AWriteFailureStopsIntakeWithAClearErrorAndLosesNothing) {
  ExpectIntakeStopsAndResumes({"File too large"});
}

}  // namespace
}  // namespace dossier::testing
