// `dossier watch` as an operator runs it: files dropped into the inbox are
// taken once when complete, the log is one greppable line per event, SIGTERM
// stops it cleanly, a restart takes nothing twice, and `status` shows the
// queue.
#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>
#include <string>

#include "e2e/dense_scan.h"
#include "e2e/watch_support.h"
#include "support/zip_builder.h"

namespace dossier::testing {
namespace {

namespace fs = std::filesystem;

std::string Form(const std::string& unit) {
  return BuildDocx(P("山东省专业技术人员继续教育基地申报表") + "<w:tbl><w:tr><w:tc>" +
                   P("单位名称") + "</w:tc><w:tc>" + P(unit) + "</w:tc></w:tr></w:tbl>");
}

class WatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    inbox_ = dir_.path() / "inbox";
    data_ = dir_.path() / "data";
    fs::create_directories(inbox_);
  }

  std::unique_ptr<WatchDaemon> Start(std::vector<std::string> options = {}) {
    if (options.empty()) options = {"--settle-ms", "300", "--rescan-ms", "1000"};
    auto daemon = std::make_unique<WatchDaemon>(data_, inbox_, dir_.path() / "watch.log", options);
    daemon->Start();
    EXPECT_TRUE(
        WaitFor([&] { return daemon->Log().find("event=watching") != std::string::npos; }, 10000))
        << daemon->Log();
    return daemon;
  }

  int64_t Finished() { return FinishedFiles(data_); }

  TempDir dir_;
  fs::path inbox_, data_;
};

// Taken on the folder's own notice of it (inotify), not by a later look at
// the whole inbox: rescans are off, so only the notice can bring it in. The
// time it took is shown, not asserted (the machine is shared).
TEST_F(WatchTest, ADroppedFileIsReadOnTheFoldersNoticeAndLoggedGreppably) {
  auto daemon = Start({"--settle-ms", "300", "--rescan-ms", "0"});
  const int64_t dropped = SteadyMs();
  WriteFile(inbox_ / "申报表 (1).docx", Form("测试职业学院"));
  ASSERT_TRUE(WaitFor([&] { return Finished() == 1; }, 10000)) << daemon->Log();
  std::cout << "[ latency  ] " << SteadyMs() - dropped << " ms from the drop to its records\n";

  ASSERT_EQ(daemon->Stop(), 0) << daemon->Log();
  const std::string log = daemon->Log();
  EXPECT_EQ(MalformedLogLines(log), std::vector<std::string>{}) << log;
  for (const char* event : {"event=started", "event=taken file=\"申报表 (1).docx\" sha256=",
                            "event=done file=\"申报表 (1).docx\"", "kind=application_form",
                            "event=assembled", "event=stopping signal=SIGTERM", "event=stopped"}) {
    EXPECT_NE(log.find(event), std::string::npos) << event << "\n" << log;
  }
  nlohmann::json exported;
  RunResult ex = RunDossier({"--data", data_.string(), "export"});
  exported = nlohmann::json::parse(ex.output);
  ASSERT_EQ(exported["applications"].size(), 1u);
  EXPECT_EQ(exported["applications"][0]["fields"]["unit_name"]["value"], "测试职业学院");
}

TEST_F(WatchTest, TemporaryNamesSubfoldersArchivesAndCopiesAreHandledAsIfDropped) {
  auto daemon = Start();
  WriteFile(inbox_ / "~$form.docx", "owner file of an open document");
  WriteFile(inbox_ / "download.docx.crdownload", Form("下载学院"));
  WriteFile(inbox_ / "济南" / "学院甲" / "申报表.docx", Form("学院甲"));
  WriteFile(inbox_ / "bundle.zip", BuildZip({{"a/申报表.docx", Form("学院乙")},
                                             {"inner.zip", BuildZip({{"x.docx", Form("学院丙")}})},
                                             {"__MACOSX/a/._申报表.docx", "resource fork"}}));
  WriteFile(inbox_ / "copy.docx", Form("学院甲"));  // same bytes as 济南/学院甲/申报表.docx
  // Finished: the subfolder's form, the archive, its form, the archive in it.
  ASSERT_TRUE(WaitFor([&] { return Finished() == 4; }, 15000)) << daemon->Log();
  fs::rename(inbox_ / "download.docx.crdownload", inbox_ / "download.docx");
  ASSERT_TRUE(WaitFor([&] { return Finished() == 5; }, 10000)) << daemon->Log();
  ASSERT_EQ(daemon->Stop(), 0);

  StoreReader store(data_ / "store.sqlite");
  EXPECT_EQ(store.Int("SELECT count(*) FROM arrivals a JOIN files f ON f.id = a.file "
                      "WHERE a.path_as_received LIKE '%~$%' OR a.path_as_received LIKE "
                      "'%crdownload%' OR a.path_as_received LIKE '%MACOSX%'"),
            0);
  EXPECT_EQ(store.One("SELECT state FROM files WHERE first_path = 'bundle.zip/a/申报表.docx'"),
            "done");
  EXPECT_EQ(store.One("SELECT reason_code FROM files WHERE first_path = 'bundle.zip/inner.zip'"),
            "archive_nested");
  EXPECT_EQ(store.One("SELECT reason FROM files WHERE first_path = 'bundle.zip/inner.zip'"),
            "压缩包里的压缩包不再解开，请直接提交其中的文件");
  EXPECT_EQ(store.Int("SELECT count(*) FROM arrivals"), 6);  // the copy is a second arrival
  EXPECT_EQ(store.Int("SELECT count(*) FROM documents"), 3);
  const std::string log = daemon->Log();
  // Whichever of the two same-content files settled first is the file; the
  // other is its second arrival (inotify gives no order between folders).
  const bool copy_second = log.find("event=duplicate file=copy.docx") != std::string::npos;
  const bool form_second =
      log.find("event=duplicate file=\"济南/学院甲/申报表.docx\"") != std::string::npos;
  EXPECT_TRUE(copy_second != form_second) << log;
  EXPECT_NE(log.find("event=expanded file=bundle.zip"), std::string::npos) << log;
}

TEST_F(WatchTest, ARestartTakesNothingTwiceButANewVersionIsANewFile) {
  WriteFile(inbox_ / "a.docx", Form("学院一"));
  WriteFile(inbox_ / "sub" / "b.docx", Form("学院二"));
  auto daemon = Start();
  ASSERT_TRUE(WaitFor([&] { return Finished() == 2; }, 10000)) << daemon->Log();
  ASSERT_EQ(daemon->Stop(), 0);

  // The restarted watcher has looked at a.docx and found it known before it
  // changes (its first scan), so the change is a new version, not a first
  // sighting.
  auto again = Start({"--settle-ms", "300", "--rescan-ms", "1000", "--verbose"});
  ASSERT_TRUE(WaitFor(
      [&] { return again->Log().find("event=known file=a.docx") != std::string::npos; }, 10000))
      << again->Log();
  WriteFile(inbox_ / "a.docx", Form("学院一（修订）"));
  ASSERT_TRUE(WaitFor([&] { return Finished() == 3; }, 10000)) << again->Log();
  ASSERT_EQ(again->Stop(), 0);
  StoreReader store(data_ / "store.sqlite");
  EXPECT_EQ(store.Int("SELECT count(*) FROM arrivals"), 3) << again->Log();
  EXPECT_EQ(store.Int("SELECT count(*) FROM arrivals WHERE path_as_received = 'sub/b.docx'"), 1);
}

TEST_F(WatchTest, StatusShowsTheQueueAndTheLastErrors) {
  auto daemon = Start();
  WriteFile(inbox_ / "good.docx", Form("学院"));
  WriteFile(inbox_ / "broken.docx", "not a word file at all");
  ASSERT_TRUE(WaitFor([&] { return Finished() == 2; }, 10000)) << daemon->Log();
  RunResult status = RunDossier({"--data", data_.string(), "status"});
  EXPECT_EQ(status.exit_code, 0);
  EXPECT_NE(status.output.find("queue:        0 queued, 0 running, 1 done, 1 rejected"),
            std::string::npos)
      << status.output;
  EXPECT_NE(status.output.find("rejected  broken.docx: 无法识别的文件类型"), std::string::npos)
      << status.output;
  EXPECT_EQ(daemon->Stop(), 0);
}

TEST_F(WatchTest, SigintStopsItCleanlyToo) {
  auto daemon = Start();
  daemon->Signal(SIGINT);
  EXPECT_EQ(daemon->Wait(10000), 0);
  EXPECT_NE(daemon->Log().find("event=stopping signal=SIGINT"), std::string::npos);
}

TEST_F(WatchTest, ItRefusesToStartWithoutAnInboxOrWithTheDataFolderInside) {
  RunResult missing = RunDossier({"--data", data_.string(), "watch", (inbox_ / "nope").string()});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.output.find("event=cannot_start"), std::string::npos) << missing.output;
  RunResult inside = RunDossier({"--data", (inbox_ / "data").string(), "watch", inbox_.string()});
  EXPECT_EQ(inside.exit_code, 2);
  EXPECT_NE(inside.output.find("must not be inside one another"), std::string::npos)
      << inside.output;
  EXPECT_EQ(RunDossier({"watch"}).exit_code, 2);
  RunResult help = RunDossier({"watch", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.output.find("--settle-ms"), std::string::npos);
}

// Isolation also protects `ingest`: a reader that runs too long costs that
// file, not the run.
TEST(IngestIsolation, AReaderThatTakesTooLongRejectsOnlyThatFile) {
  TempDir dir;
  WriteFile(dir.path() / "inbox" / "good.docx", Form("学院"));
  WriteFile(dir.path() / "inbox" / "slow.png", DenseScanPng());
  RunResult r = RunDossier({"--data", (dir.path() / "data").string(), "ingest", "--reader-timeout",
                            "1", "--reader-cpu", "1", (dir.path() / "inbox").string()});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("taken\tgood.docx"), std::string::npos) << r.output;
  const bool timed_out = r.output.find("读取超过 1 秒仍未完成") != std::string::npos ||
                         r.output.find("占用处理器时间超过 1 秒") != std::string::npos;
  EXPECT_TRUE(timed_out) << r.output;
  const nlohmann::json ex = ReadJson([&] {
    const fs::path out = dir.path() / "export.json";
    RunDossier({"--data", (dir.path() / "data").string(), "export", "--out", out.string()});
    return out;
  }());
  ASSERT_EQ(ex["rejected"].size(), 1u) << ex["rejected"].dump(1);
  EXPECT_EQ(ex["rejected"][0]["file"], "slow.png");
  EXPECT_EQ(ex["rejected"][0]["code"], "timed_out");
}

}  // namespace
}  // namespace dossier::testing
