// `dossier ingest` under the limits an operator sets and the faults a machine
// has: killed with SIGKILL in the middle of a run and started again, a file
// whose reading is interrupted more often than --max-attempts allows, and a
// file its isolated reader cannot read within --reader-memory-mb or
// --reader-output-mb. Every file ends processed once, or rejected with the
// stated reason code; nothing is lost.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "e2e/dense_scan.h"
#include "e2e/watch_support.h"
#include "support/zip_builder.h"

namespace dossier::testing {
namespace {

namespace fs = std::filesystem;

std::string Form(const std::string& unit, const std::string& more = "") {
  return BuildDocx(P("山东省专业技术人员继续教育基地申报表") + "<w:tbl><w:tr><w:tc>" +
                   P("单位名称") + "</w:tc><w:tc>" + P(unit) + "</w:tc></w:tr></w:tbl>" + more);
}

// `dossier ARGS` started in the background, its output in `log`; killed with
// SIGKILL if still running when the object goes.
class Background {
 public:
  Background(const std::vector<std::string>& args, const fs::path& log) {
    const std::string cmd =
        "exec " + DossierCommandLine(args) + " >" + ShellQuote(log.string()) + " 2>&1";
    pid_ = ::fork();
    if (pid_ == 0) {
      ::execl("/bin/sh", "sh", "-c", cmd.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
  }
  ~Background() {
    if (pid_ > 0) Kill();
  }
  Background(const Background&) = delete;
  Background& operator=(const Background&) = delete;

  // SIGKILL, as the machine would: no handler runs.
  void Kill() {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }
  bool Running() const { return pid_ > 0 && ::waitpid(pid_, nullptr, WNOHANG) == 0; }

 private:
  pid_t pid_ = -1;
};

// Whether a reader is at work on `name` now: its job has a runner.
bool Reading(const fs::path& data, const std::string& name) {
  StoreReader store(data / "store.sqlite");
  return !store
              .Rows(
                  "SELECT 1 FROM jobs j JOIN files f ON f.id = j.file "
                  "WHERE j.runner IS NOT NULL AND f.state = 'queued' AND f.first_path = ?1",
                  {name})
              .empty();
}

nlohmann::json Export(const fs::path& data) {
  const fs::path out = data.parent_path() / "export.json";
  RunResult r =
      RunDossier({"--data", data.string(), "export", "--format", "json", "--out", out.string()});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  return ReadJson(out);
}

// The reason code the export gives for the rejected file `name`, or "".
std::string RejectionCode(const nlohmann::json& ex, const std::string& name) {
  for (const auto& r : ex["rejected"])
    if (r["file"] == name) return r.value("code", "");
  return "";
}

TEST(IngestResume, KilledWithSigkillMidRunAndRunAgainEveryFileIsProcessedOnce) {
  TempDir dir;
  const fs::path inbox = dir.path() / "inbox", data = dir.path() / "data";
  // Files are taken in name order: the slow scan in the middle, so that the
  // kill finds files done before it, it being read, and files not yet seen.
  std::vector<std::string> names;
  for (int i = 0; i < 3; ++i) names.push_back("a" + std::to_string(i) + ".docx");
  names.push_back("m-slow.png");
  for (int i = 0; i < 3; ++i) names.push_back("z" + std::to_string(i) + ".docx");
  for (const std::string& n : names)
    WriteFile(inbox / n, n == "m-slow.png" ? DenseScanPng() : Form("学院" + n));

  {
    Background run({"--data", data.string(), "ingest", inbox.string()}, dir.path() / "1.log");
    ASSERT_TRUE(WaitFor([&] { return Reading(data, "m-slow.png"); }, 60000))
        << ReadBytes(dir.path() / "1.log");
    ASSERT_TRUE(run.Running()) << "the run ended before it could be killed";
    run.Kill();
  }
  {
    StoreReader store(data / "store.sqlite");
    EXPECT_EQ(store.Int("SELECT count(*) FROM files WHERE state = 'done'"), 3);
    EXPECT_EQ(store.Int("SELECT count(*) FROM files"), 4) << "the kill came too late or early";
  }

  RunResult again = RunDossier({"--data", data.string(), "ingest", inbox.string()});
  EXPECT_EQ(again.exit_code, 0) << again.output;
  // The interrupted file was put back and read again.
  EXPECT_NE(again.output.find("m-slow.png"), std::string::npos) << again.output;

  StoreReader store(data / "store.sqlite");
  EXPECT_EQ(store.Int("SELECT count(*) FROM files"), static_cast<int64_t>(names.size()));
  EXPECT_EQ(store.Int("SELECT count(*) FROM files WHERE state = 'done'"),
            static_cast<int64_t>(names.size()))
      << again.output;
  // Every inbox file arrived once, under its own name, and ended once.
  EXPECT_EQ(store.Int("SELECT count(*) FROM arrivals"), static_cast<int64_t>(names.size()));
  std::set<std::string> arrived;
  for (const auto& row : store.Rows("SELECT path_as_received FROM arrivals"))
    arrived.insert(row[0]);
  EXPECT_EQ(arrived, std::set<std::string>(names.begin(), names.end()));
  EXPECT_TRUE(store
                  .Rows("SELECT sha256 FROM events WHERE event IN ('extracted', 'rejected') "
                        "GROUP BY sha256 HAVING count(*) != 1")
                  .empty());
  EXPECT_EQ(store.Int("SELECT count(*) FROM documents"), static_cast<int64_t>(names.size()));
  EXPECT_EQ(store.One("PRAGMA integrity_check"), "ok");

  RunResult third = RunDossier({"--data", data.string(), "ingest", inbox.string()});
  EXPECT_NE(third.output.find(" 0 taken"), std::string::npos) << third.output;
}

// A file whose reading was started more often than --max-attempts allows
// without finishing (dossier killed each time) is rejected as given up,
// with why; the other files are not held back by it.
TEST(IngestResume, AFileInterruptedMoreThanMaxAttemptsIsRejectedAsGivenUp) {
  TempDir dir;
  const fs::path inbox = dir.path() / "inbox", data = dir.path() / "data";
  WriteFile(inbox / "a.docx", Form("学院甲"));
  WriteFile(inbox / "m-slow.png", DenseScanPng());
  WriteFile(inbox / "z.docx", Form("学院乙"));
  const std::vector<std::string> ingest = {"--data",         data.string(), "ingest",
                                           "--max-attempts", "1",           inbox.string()};
  {
    Background run(ingest, dir.path() / "1.log");
    ASSERT_TRUE(WaitFor([&] { return Reading(data, "m-slow.png"); }, 60000))
        << ReadBytes(dir.path() / "1.log");
    run.Kill();
  }
  RunResult again = RunDossier(ingest);
  EXPECT_EQ(again.exit_code, 1) << again.output;
  EXPECT_NE(again.output.find("rejected\tm-slow.png"), std::string::npos) << again.output;

  const nlohmann::json ex = Export(data);
  EXPECT_EQ(RejectionCode(ex, "m-slow.png"), "gave_up") << ex["rejected"].dump(1);
  EXPECT_NE(ex["rejected"].dump().find("处理 1 次均被中断，已放弃"), std::string::npos)
      << ex["rejected"].dump(1);
  StoreReader store(data / "store.sqlite");
  EXPECT_EQ(store.One("SELECT state FROM files WHERE first_path = 'm-slow.png'"), "rejected");
  EXPECT_EQ(store.Int("SELECT count(*) FROM files WHERE state = 'done'"), 2) << again.output;
  EXPECT_EQ(store.Int("SELECT count(*) FROM arrivals"), 3);
}

// --reader-memory-mb: a scan that decodes within the limit but cannot be
// recognised within it is rejected as out of memory; the small form beside
// it is read. (Below about 40 MiB the decoding itself fails, and the picture
// is called damaged instead: Leptonica's failed allocation is not told
// apart from a damaged file. That is the reader's to fix, not asserted here.)
TEST(IngestReaderLimits, AFileNeedingMoreMemoryThanAllowedIsRejectedAsOutOfMemory) {
#if defined(__SANITIZE_ADDRESS__)
  GTEST_SKIP() << "sanitized builds run readers without an address-space limit";
#endif
  TempDir dir;
  const fs::path inbox = dir.path() / "inbox", data = dir.path() / "data";
  WriteFile(inbox / "good.docx", Form("学院"));
  WriteFile(inbox / "big.png", DenseScanPng());  // 2480 × 3508: 35 MB decoded
  RunResult r =
      RunDossier({"--data", data.string(), "ingest", "--reader-memory-mb", "64", inbox.string()});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("taken\tgood.docx"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("读取该文件需要超过 64 MiB 的内存，文件未读取"), std::string::npos)
      << r.output;
  EXPECT_EQ(RejectionCode(Export(data), "big.png"), "out_of_memory");
}

// --reader-output-mb: a form whose reading comes to more than the limit is
// rejected as too large an answer.
TEST(IngestReaderLimits, AFileWhoseReadingIsLargerThanAllowedIsRejectedAsTooLarge) {
  TempDir dir;
  const fs::path inbox = dir.path() / "inbox", data = dir.path() / "data";
  WriteFile(inbox / "good.docx", Form("学院"));
  std::string long_text;
  for (int i = 0; i < 20000; ++i)
    long_text += P("第" + std::to_string(i) + "段：单位简介，学院始建于1985年，现有教职工860人。");
  WriteFile(inbox / "long.docx", Form("长文学院", long_text));
  RunResult r =
      RunDossier({"--data", data.string(), "ingest", "--reader-output-mb", "1", inbox.string()});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("taken\tgood.docx"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("读取结果超过 1 MiB 的上限，文件未读取"), std::string::npos) << r.output;
  EXPECT_EQ(RejectionCode(Export(data), "long.docx"), "output_too_large");
}

}  // namespace
}  // namespace dossier::testing
