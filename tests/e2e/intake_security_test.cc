// What a user sees of intake's boundaries: nothing read from outside the inbox,
// applicants' data private whatever the umask, every stage bounded, text that
// cannot lie to the reviewer, and every file accounted for, each rejection
// with its code.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zip.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "e2e/e2e_support.h"
#include "extract/pdf_test_util.h"
#include "support/ole_builder.h"
#include "support/zip_builder.h"

namespace dossier::testing {
namespace {

namespace fs = std::filesystem;

std::string Row(const std::string& label, const std::string& value) {
  return "<w:tr><w:tc>" + P(label) + "</w:tc><w:tc>" + P(value) + "</w:tc></w:tr>";
}

// An application form as a DOCX, with the rows given after the unit's.
std::string Form(const std::string& unit, const std::string& code,
                 const std::string& more_rows = "") {
  return BuildDocx(P("山东省专业技术人员继续教育基地申报表") + "<w:tbl>" + Row("单位名称", unit) +
                   Row("统一社会信用代码", code) + Row("专职教师人数", "12") + more_rows +
                   "</w:tbl>");
}

std::map<std::string, nlohmann::json> RejectedByFile(const nlohmann::json& ex) {
  std::map<std::string, nlohmann::json> out;
  for (const auto& r : ex["rejected"]) out[r["file"].get<std::string>()] = r;
  return out;
}

// Every file under `root` (originals, cache, …), by handle-free walk.
std::vector<fs::path> FilesUnder(const fs::path& root) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(root, ec); it != fs::end(it); it.increment(ec)) {
    if (it->is_regular_file()) out.push_back(it->path());
  }
  return out;
}

// One entry of a ZIP file on disk, "" when it has none.
std::string ZipEntry(const fs::path& path, const char* name) {
  int error = 0;
  zip_t* za = zip_open(path.c_str(), ZIP_RDONLY, &error);
  if (za == nullptr) return "";
  std::string out;
  zip_stat_t st;
  if (zip_stat(za, name, 0, &st) == 0) {
    if (zip_file_t* f = zip_fopen(za, name, 0)) {
      out.resize(st.size);
      const zip_int64_t n = zip_fread(f, out.data(), st.size);
      out.resize(n > 0 ? static_cast<size_t>(n) : 0);
      zip_fclose(f);
    }
  }
  zip_discard(za);
  return out;
}

mode_t ModeOf(const fs::path& path) {
  struct stat st;
  if (::lstat(path.c_str(), &st) != 0) return 07777;
  return st.st_mode & 07777;
}

std::string Octal(mode_t mode) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04o", static_cast<unsigned>(mode));
  return buf;
}

TEST(Symlinks, ALinkInTheInboxIsRejectedWithItsReasonAndNothingOfItsTargetIsKept) {
  TempDir dir;
  const fs::path inbox = dir.path() / "inbox";
  WriteFile(inbox / "good.docx", Form("测试职业学院", "12370100MB1C872684"));
  WriteFile(dir.path() / "outside" / "secret.txt", "SECRET-3f9a1c only outside the inbox");
  WriteFile(dir.path() / "outside" / "folder" / "x.docx", Form("外部学院", "12370100MB1C872684"));
  fs::create_symlink("/etc/passwd", inbox / "passwd.docx");
  fs::create_symlink(dir.path() / "outside" / "secret.txt", inbox / "申报表.pdf");
  fs::create_directory_symlink(dir.path() / "outside" / "folder", inbox / "材料");
  fs::create_symlink(dir.path() / "nowhere", inbox / "dangling.pdf");

  int exit_code = -1;
  std::string output;
  nlohmann::json ex = IngestAndExport(dir.path() / "data", inbox, &exit_code, &output);
  EXPECT_EQ(exit_code, 1) << output;
  auto rejected = RejectedByFile(ex);
  for (const char* link : {"passwd.docx", "申报表.pdf", "材料", "dangling.pdf"}) {
    ASSERT_TRUE(rejected.count(link)) << link << "\n" << ex["rejected"].dump(1);
    const nlohmann::json& r = rejected[link];
    EXPECT_EQ(r["code"], "symlink") << link;
    EXPECT_TRUE(r["sha256"].is_null()) << link;
    EXPECT_NE(r["reason"].get<std::string>().find("符号链接"), std::string::npos) << r["reason"];
  }
  EXPECT_NE(rejected["passwd.docx"]["reason"].get<std::string>().find("/etc/passwd"),
            std::string::npos);
  ASSERT_EQ(ex["applications"].size(), 1u);
  EXPECT_EQ(ex["applications"][0]["fields"]["unit_name"]["value"], "测试职业学院");

  // Only the one real file's bytes are kept.
  const std::vector<fs::path> originals = FilesUnder(dir.path() / "data" / "originals");
  EXPECT_EQ(originals.size(), 1u);
  for (const fs::path& kept : originals) {
    const std::string bytes = ReadBytes(kept);
    EXPECT_EQ(bytes.find("root:x:0:0"), std::string::npos) << kept;
    EXPECT_EQ(bytes.find("SECRET-3f9a1c"), std::string::npos) << kept;
  }
  EXPECT_EQ((ex.dump() + output).find("SECRET-3f9a1c"), std::string::npos);

  RunResult status = RunDossier({"--data", (dir.path() / "data").string(), "status"});
  EXPECT_NE(status.output.find("rejected:     4"), std::string::npos) << status.output;
}

TEST(Symlinks, ALinkGivenOnTheCommandLineIsRefusedUnlessWrittenWithASlash) {
  TempDir dir;
  WriteFile(dir.path() / "real" / "good.docx", Form("测试职业学院", "12370100MB1C872684"));
  fs::create_directory_symlink(dir.path() / "real", dir.path() / "inbox");
  int exit_code = -1;
  nlohmann::json ex = IngestAndExport(dir.path() / "data", dir.path() / "inbox", &exit_code);
  EXPECT_EQ(exit_code, 1);
  ASSERT_EQ(ex["rejected"].size(), 1u);
  EXPECT_EQ(ex["rejected"][0]["code"], "symlink");

  nlohmann::json followed =
      IngestAndExport(dir.path() / "data2", dir.path().string() + "/inbox/", &exit_code);
  EXPECT_EQ(exit_code, 0);
  EXPECT_EQ(followed["applications"].size(), 1u);
}

TEST(Root, RunningAsRootIsRefusedUnlessAllowed) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs to run as root to see the refusal";
  TempDir dir;
  const std::string data = (dir.path() / "data").string();
  RunResult refused =
      RunCommand(ShellQuote(Binary().string()) + " --data " + ShellQuote(data) + " status 2>&1");
  EXPECT_EQ(refused.exit_code, 2) << refused.output;
  EXPECT_NE(refused.output.find("root"), std::string::npos) << refused.output;
  EXPECT_NE(refused.output.find("--allow-root"), std::string::npos) << refused.output;
  EXPECT_FALSE(fs::exists(data));
  RunResult ingest = RunCommand(ShellQuote(Binary().string()) + " --data " + ShellQuote(data) +
                                " ingest " + ShellQuote(dir.path().string()) + " 2>&1");
  EXPECT_EQ(ingest.exit_code, 2);
  EXPECT_FALSE(fs::exists(data));
  // Help needs no rights.
  EXPECT_EQ(RunCommand(ShellQuote(Binary().string()) + " ingest --help").exit_code, 0);
  // Asked for, it runs.
  fs::create_directory(dir.path() / "inbox");
  EXPECT_EQ(RunDossier({"--data", data, "ingest", (dir.path() / "inbox").string()}).exit_code, 0);
  EXPECT_EQ(RunDossier({"--data", data, "status"}).exit_code, 0);
}

// Runs a whole intake, report and export under `umask`, then checks the
// mode of everything dossier wrote.
void CheckModes(const std::string& umask, bool shared_group) {
  SCOPED_TRACE("umask " + umask + (shared_group ? " --shared-group" : ""));
  TempDir dir;
  const fs::path inbox = dir.path() / "inbox";
  WriteFile(inbox / "申报表.docx", Form("测试职业学院", "12370100MB1C872684",
                                        Row("联系人", "张三") + Row("手机", "13800138000")));
  const fs::path data = dir.path() / "data", reports = dir.path() / "reports",
                 exported = dir.path() / "export.json";
  std::vector<std::string> common = {"--data", data.string()};
  if (shared_group) common.push_back("--shared-group");
  auto run = [&](std::vector<std::string> args) {
    args.insert(args.begin(), common.begin(), common.end());
    return RunCommand("umask " + umask + " && " + DossierCommandLine(args) + " 2>&1");
  };
  ASSERT_EQ(run({"ingest", inbox.string()}).exit_code, 0);
  ASSERT_EQ(run({"report", "--out", reports.string()}).exit_code, 0);
  ASSERT_EQ(run({"export", "--out", exported.string()}).exit_code, 0);
  const mode_t folder = shared_group ? 0750 : 0700, file = shared_group ? 0640 : 0600,
               original = shared_group ? 0440 : 0400;

  int originals = 0, files = 0;
  for (const fs::path& root : {data, reports}) {
    EXPECT_EQ(Octal(ModeOf(root)), Octal(folder)) << root;
    for (auto it = fs::recursive_directory_iterator(root); it != fs::end(it); ++it) {
      const fs::path& p = it->path();
      if (it->is_directory()) {
        EXPECT_EQ(Octal(ModeOf(p)), Octal(folder)) << p;
      } else if (p.parent_path().parent_path() == data / "originals") {
        EXPECT_EQ(Octal(ModeOf(p)), Octal(original)) << p;
        ++originals;
      } else {
        EXPECT_EQ(Octal(ModeOf(p)), Octal(file)) << p;
        ++files;
      }
    }
  }
  EXPECT_EQ(Octal(ModeOf(exported)), Octal(file));
  EXPECT_EQ(originals, 1);
  EXPECT_GE(files, 4);  // store.sqlite, index.html, a dossier's HTML and PDF at least
}

TEST(Privacy, DataAndReportsArePrivateUnderUmask022) { CheckModes("022", false); }
TEST(Privacy, DataAndReportsArePrivateUnderUmask002) { CheckModes("002", false); }
TEST(Privacy, TheSharedGroupSettingOpensThemToTheGroupOnly) { CheckModes("002", true); }

TEST(Privacy, TheSharedGroupSettingCanBeWrittenInTheSettingsFile) {
  TempDir dir;
  WriteFile(dir.path() / "dossier.ini", "shared_group = true\n");
  WriteFile(dir.path() / "wrong.ini", "shared_group = yes\n");
  const std::string ini = (dir.path() / "dossier.ini").string();
  const fs::path data = dir.path() / "data";
  fs::create_directory(dir.path() / "inbox");
  ASSERT_EQ(RunCommand("umask 077 && " +
                       DossierCommandLine({"--config", ini, "--data", data.string(), "ingest",
                                           (dir.path() / "inbox").string()}) +
                       " 2>&1")
                .exit_code,
            0);
  EXPECT_EQ(Octal(ModeOf(data)), "0750");
  EXPECT_EQ(Octal(ModeOf(data / "store.sqlite")), "0640");
  RunResult shown = RunCommand(DossierCommandLine({"--config", ini, "config", "--show"}));
  EXPECT_NE(shown.output.find("shared_group = true\n"), std::string::npos) << shown.output;
  RunResult wrong = RunDossier({"--config", (dir.path() / "wrong.ini").string(), "status"});
  EXPECT_EQ(wrong.exit_code, 2);
  EXPECT_NE(wrong.output.find("wrong.ini:1: shared_group: yes is neither true nor false"),
            std::string::npos)
      << wrong.output;
}

TEST(Privacy, AnExistingDataFolderIsMadePrivateWhenWrittenTo) {
  TempDir dir;
  const fs::path data = dir.path() / "data";
  WriteFile(dir.path() / "inbox" / "a.docx", Form("测试职业学院", "12370100MB1C872684"));
  ASSERT_EQ(
      RunDossier({"--data", data.string(), "ingest", (dir.path() / "inbox").string()}).exit_code,
      0);
  ::chmod(data.c_str(), 0755);
  ::chmod((data / "store.sqlite").c_str(), 0644);
  // A command that writes tightens it; one that only reads (status, export)
  // changes nothing, so that an auditor's read-only copy stays as it is.
  fs::create_directory(dir.path() / "empty");
  ASSERT_EQ(
      RunDossier({"--data", data.string(), "ingest", (dir.path() / "empty").string()}).exit_code,
      0);
  EXPECT_EQ(Octal(ModeOf(data)), "0700");
  EXPECT_EQ(Octal(ModeOf(data / "store.sqlite")), "0600");
}

// A ZIP of `entries` entries of `size` bytes each, all from one buffer.
std::string PaddedZip(int entries, size_t size) {
  const std::string padding(size, '\0');
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* out = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_t* za = zip_open_from_source(out, ZIP_TRUNCATE, &error);
  zip_source_keep(out);
  for (int i = 0; i < entries; ++i) {
    zip_source_t* data = zip_source_buffer(za, padding.data(), padding.size(), 0);
    zip_file_add(za, ("page" + std::to_string(i) + ".pdf").c_str(), data, ZIP_FL_ENC_UTF_8);
  }
  zip_close(za);
  zip_stat_t st;
  zip_source_stat(out, &st);
  zip_source_open(out);
  std::string bytes(st.size, '\0');
  zip_source_read(out, bytes.data(), st.size);
  zip_source_close(out);
  zip_source_free(out);
  zip_error_fini(&error);
  return bytes;
}

TEST(Bounds, AnAmplifyingArchiveIsRefusedWholeAndOnlyItsOwnBytesAreKept) {
  TempDir dir;
  const std::string zip = PaddedZip(240, 1 << 20);
  ASSERT_LT(zip.size(), 600u * 1024);
  WriteFile(dir.path() / "inbox" / "材料.zip", zip);
  WriteFile(dir.path() / "inbox" / "good.docx", Form("测试职业学院", "12370100MB1C872684"));
  int exit_code = -1;
  std::string output;
  nlohmann::json ex =
      IngestAndExport(dir.path() / "data", dir.path() / "inbox", &exit_code, &output);
  EXPECT_EQ(exit_code, 1) << output;
  auto rejected = RejectedByFile(ex);
  ASSERT_TRUE(rejected.count("材料.zip")) << ex["rejected"].dump(1);
  EXPECT_EQ(rejected["材料.zip"]["code"], "archive_too_large");
  EXPECT_EQ(rejected.size(), 1u);  // nothing of it was expanded
  uintmax_t kept = 0;
  for (const fs::path& p : FilesUnder(dir.path() / "data" / "originals")) kept += fs::file_size(p);
  EXPECT_LT(kept, 1u << 20) << "originals hold " << kept << " bytes";
}

TEST(Bounds, ArchiveMembersRejectedAreNotKeptApartFromTheirArchive) {
  TempDir dir;
  WriteFile(dir.path() / "inbox" / "包.zip",
            BuildZip({{"a.docx", Form("测试职业学院", "12370100MB1C872684")},
                      {"junk.bin", std::string(300000, 'j')},
                      {"inner.zip", BuildZip({{"x.txt", "x"}})}}));
  int exit_code = -1;
  nlohmann::json ex = IngestAndExport(dir.path() / "data", dir.path() / "inbox", &exit_code);
  EXPECT_EQ(exit_code, 1);
  auto rejected = RejectedByFile(ex);
  EXPECT_EQ(rejected["包.zip/junk.bin"]["code"], "unknown_type");
  EXPECT_EQ(rejected["包.zip/inner.zip"]["code"], "archive_nested");
  // The archive and its one document are kept; the rejected members live on
  // in the archive only.
  EXPECT_EQ(FilesUnder(dir.path() / "data" / "originals").size(), 2u);
  // The expanded archive is accounted for too.
  bool listed = false;
  for (const auto& u : ex["unassigned"]) listed |= u["file"] == "包.zip" && u["kind"] == "archive";
  EXPECT_TRUE(listed) << ex["unassigned"].dump(1);
}

TEST(Bounds, AFolderTreeTooDeepIsOneRejectionAndTheRestIsTaken) {
  TempDir dir;
  const fs::path inbox = dir.path() / "inbox";
  WriteFile(inbox / "good.docx", Form("测试职业学院", "12370100MB1C872684"));
  int fd = ::open(inbox.c_str(), O_RDONLY | O_DIRECTORY);
  ASSERT_GE(fd, 0);
  for (int level = 0; level < 2100; ++level) {
    ASSERT_EQ(::mkdirat(fd, "d", 0700), 0);
    const int next = ::openat(fd, "d", O_RDONLY | O_DIRECTORY);
    ::close(fd);
    fd = next;
  }
  ::close(::openat(fd, "deep.docx", O_WRONLY | O_CREAT, 0600));
  ::close(fd);

  int exit_code = -1;
  std::string output;
  nlohmann::json ex = IngestAndExport(dir.path() / "data", inbox, &exit_code, &output);
  EXPECT_EQ(exit_code, 1) << output.substr(0, 2000);
  ASSERT_EQ(ex["rejected"].size(), 1u);
  EXPECT_EQ(ex["rejected"][0]["code"], "too_deep");
  EXPECT_EQ(ex["applications"].size(), 1u);

  std::function<void(int)> remove_below = [&](int at) {
    const int child = ::openat(at, "d", O_RDONLY | O_DIRECTORY);
    if (child < 0) return;
    remove_below(child);
    ::unlinkat(child, "deep.docx", 0);
    ::close(child);
    ::unlinkat(at, "d", AT_REMOVEDIR);
  };
  fd = ::open(inbox.c_str(), O_RDONLY | O_DIRECTORY);
  remove_below(fd);
  ::close(fd);
}

// As the unprivileged user `nobody` when this runs as root (root reads every
// file), so that permissions mean what they mean for a clerk.
RunResult RunUnprivileged(const std::vector<std::string>& args) {
  std::string prefix;
  if (::geteuid() == 0) prefix = "setpriv --reuid=65534 --regid=65534 --clear-groups ";
  std::string cmd = prefix + ShellQuote(Binary().string());
  for (const std::string& a : args) cmd += " " + ShellQuote(a);
  return RunCommand(cmd + " 2>&1");
}

TEST(Accounted, AnUnreadableFileOrFolderIsRejectedWithItsReasonAndTheRunGoesOn) {
  TempDir dir;
  ::chmod(dir.path().c_str(), 0777);
  const fs::path inbox = dir.path() / "inbox";
  WriteFile(inbox / "good.docx", Form("测试职业学院", "12370100MB1C872684"));
  WriteFile(inbox / "locked.docx", Form("锁住学院", "12370100MB1C872684"));
  WriteFile(inbox / "private" / "inner.docx", "x");
  for (const auto& e : fs::recursive_directory_iterator(inbox)) ::chmod(e.path().c_str(), 0755);
  ::chmod(inbox.c_str(), 0755);
  ::chmod((inbox / "good.docx").c_str(), 0644);
  ::chmod((inbox / "locked.docx").c_str(), 0);
  ::chmod((inbox / "private").c_str(), 0);
  const std::string data = (dir.path() / "data").string();

  RunResult ingest = RunUnprivileged({"--data", data, "ingest", inbox.string()});
  ::chmod((inbox / "private").c_str(), 0755);
  EXPECT_EQ(ingest.exit_code, 1) << ingest.output;
  RunResult exported = RunUnprivileged({"--data", data, "export"});
  ASSERT_EQ(exported.exit_code, 0) << exported.output;
  nlohmann::json ex = nlohmann::json::parse(exported.output);
  auto rejected = RejectedByFile(ex);
  ASSERT_TRUE(rejected.count("locked.docx")) << ex["rejected"].dump(1);
  ASSERT_TRUE(rejected.count("private/")) << ex["rejected"].dump(1);
  EXPECT_EQ(rejected["locked.docx"]["code"], "unreadable");
  EXPECT_EQ(rejected["private/"]["code"], "unreadable");
  EXPECT_EQ(ex["applications"].size(), 1u);
  RunResult status = RunUnprivileged({"--data", data, "status"});
  EXPECT_NE(status.output.find("rejected:     2"), std::string::npos) << status.output;
  RunResult report =
      RunUnprivileged({"--data", data, "report", "--out", (dir.path() / "r").string()});
  ASSERT_EQ(report.exit_code, 0) << report.output;
  const std::string index = ReadBytes(dir.path() / "r" / "index.html");
  EXPECT_NE(index.find("locked.docx"), std::string::npos);
  EXPECT_NE(index.find("private/"), std::string::npos);
}

TEST(Accounted, SecondArrivalsAreListedAndUnmatchedArrivalTimesAreReported) {
  TempDir dir;
  const std::string form = Form("测试职业学院", "12370100MB1C872684");
  WriteFile(dir.path() / "inbox" / "申报表.docx", form);
  WriteFile(dir.path() / "inbox" / "再次发送" / "申报表(1).docx", form);
  WriteFile(dir.path() / "arrivals.json",
            R"({"申报表.docx": "2024-06-20T10:00:00+08:00",
                "再次发送/申报表(1).docx": "2024-06-27T09:26:00+08:00",
                "没有这个文件.pdf": "2024-06-21T10:00:00+08:00"})");
  const std::string data = (dir.path() / "data").string();
  RunResult ingest =
      RunDossier({"--data", data, "ingest", "--arrivals", (dir.path() / "arrivals.json").string(),
                  (dir.path() / "inbox").string()});
  EXPECT_EQ(ingest.exit_code, 0) << ingest.output;
  EXPECT_NE(ingest.output.find("dossier: warning: --arrivals gives a time for '没有这个文件.pdf'"),
            std::string::npos)
      << ingest.output;
  RunResult exported = RunDossier({"--data", data, "export"});
  nlohmann::json ex = nlohmann::json::parse(exported.output.substr(exported.output.find('{')));
  ASSERT_EQ(ex["applications"].size(), 1u);
  const nlohmann::json& docs = ex["applications"][0]["documents"];
  ASSERT_EQ(docs.size(), 1u);
  const nlohmann::json expected = nlohmann::json::parse(
      R"([{"file": "申报表.docx", "at": "2024-06-20T10:00:00+08:00"},
          {"file": "再次发送/申报表(1).docx", "at": "2024-06-27T09:26:00+08:00"}])");
  EXPECT_EQ(docs[0]["arrivals"], expected) << docs.dump(1);
}

TEST(Accounted, EveryFileIsInExactlyOneOfDocumentsUnassignedOrRejected) {
  TempDir dir;
  const fs::path inbox = dir.path() / "inbox";
  WriteFile(inbox / "申报表.docx", Form("测试职业学院", "12370100MB1C872684"));
  WriteFile(inbox / "说明.txt", "请查收");
  WriteFile(inbox / "空.pdf", "");
  WriteFile(inbox / "包.zip", BuildZip({{"附件/师资.docx", BuildDocx(P("无关的文字"))}}));
  fs::create_symlink("/etc/hostname", inbox / "link.pdf");
  int exit_code = -1;
  nlohmann::json ex = IngestAndExport(dir.path() / "data", inbox, &exit_code);
  std::multiset<std::string> seen;
  for (const auto& app : ex["applications"])
    for (const auto& d : app["documents"]) seen.insert(d["file"].get<std::string>());
  for (const auto& u : ex["unassigned"]) seen.insert(u["file"].get<std::string>());
  for (const auto& r : ex["rejected"]) seen.insert(r["file"].get<std::string>());
  const std::multiset<std::string> expected = {
      "申报表.docx", "说明.txt", "空.pdf", "包.zip", "包.zip/附件/师资.docx", "link.pdf"};
  EXPECT_EQ(seen, expected) << ex.dump(1);
  for (const auto& r : ex["rejected"]) {
    EXPECT_TRUE(r["code"].is_string() && !r["code"].get<std::string>().empty()) << r;
    bool chinese = false;
    for (unsigned char c : r["reason"].get<std::string>()) chinese |= c >= 0xE4;
    EXPECT_TRUE(chinese) << r;
  }
}

TEST(Text, ControlCharactersInNamesAndValuesAreShownEscapedWhereAPersonReadsThem) {
  TempDir dir;
  const fs::path inbox = dir.path() / "inbox";
  // Displays as "…研究院exe.jpg" when the override acts.
  const std::string rlo_name = "某某研究院\u202Egpj.exe";
  const std::string esc_name = "\x1b[2J\x1b[1;1Hclean.docx";
  WriteFile(inbox / rlo_name, Form("测试\u202E学院", "12370100MB1C872684"));
  WriteFile(inbox / esc_name, "not a document");
  const fs::path data = dir.path() / "data", out = dir.path() / "r";
  RunResult ingest = RunDossier({"--data", data.string(), "ingest", inbox.string()});
  EXPECT_EQ(ingest.output.find('\x1b'), std::string::npos) << ingest.output;
  EXPECT_EQ(ingest.output.find("\u202E"), std::string::npos) << ingest.output;
  EXPECT_NE(ingest.output.find("\\x1b[2J"), std::string::npos) << ingest.output;
  EXPECT_NE(ingest.output.find("\\u{202e}gpj.exe"), std::string::npos) << ingest.output;

  // The export keeps the raw text for auditors.
  RunResult exported = RunDossier({"--data", data.string(), "export"});
  nlohmann::json ex = nlohmann::json::parse(exported.output.substr(exported.output.find('{')));
  ASSERT_EQ(ex["applications"].size(), 1u);
  EXPECT_EQ(ex["applications"][0]["fields"]["unit_name"]["value"], "测试\u202E学院");
  EXPECT_EQ(ex["applications"][0]["documents"][0]["file"], rlo_name);

  ASSERT_EQ(RunDossier({"--data", data.string(), "report", "--out", out.string()}).exit_code, 0);
  std::string html, pdf_text;
  for (const auto& e : fs::directory_iterator(out)) {
    if (e.path().extension() == ".html") html += ReadBytes(e.path());
    if (e.path().extension() == ".pdf")
      pdf_text += RunCommand("pdftotext " + ShellQuote(e.path().string()) + " -").output;
  }
  EXPECT_EQ(html.find("\u202E"), std::string::npos);
  EXPECT_EQ(html.find('\x1b'), std::string::npos);
  EXPECT_NE(html.find("测试[U+202E]学院"), std::string::npos);
  EXPECT_NE(html.find("某某研究院[U+202E]gpj.exe"), std::string::npos);
  EXPECT_NE(html.find("[U+001B][2J"), std::string::npos);  // the rejected file on the index
  EXPECT_EQ(pdf_text.find("\u202E"), std::string::npos);
  EXPECT_NE(pdf_text.find("[U+202E]"), std::string::npos) << pdf_text.substr(0, 500);

  // The summary sheet: libxlsxwriter keeps strings in sharedStrings.xml.
  std::string sheet_strings;
  for (const auto& e : fs::directory_iterator(out)) {
    if (e.path().extension() == ".xlsx")
      sheet_strings += ZipEntry(e.path(), "xl/sharedStrings.xml");
  }
  ASSERT_FALSE(sheet_strings.empty());
  EXPECT_EQ(sheet_strings.find("\u202E"), std::string::npos);
  EXPECT_NE(sheet_strings.find("测试[U+202E]学院"), std::string::npos);
}

TEST(Text, AJavascriptUrlIsKeptAsTextFlaggedAndNeverALink) {
  TempDir dir;
  WriteFile(dir.path() / "inbox" / "申报表.docx",
            Form("测试职业学院", "12370100MB1C872684",
                 Row("网络培训平台名称", "测试学习平台") +
                     Row("平台网址", "javascript:alert(document.cookie)")));
  int exit_code = -1;
  nlohmann::json ex = IngestAndExport(dir.path() / "data", dir.path() / "inbox", &exit_code);
  ASSERT_EQ(ex["applications"].size(), 1u);
  const nlohmann::json& url = ex["applications"][0]["fields"]["online_platform_url"];
  EXPECT_EQ(url["value"], "javascript:alert(document.cookie)");
  EXPECT_LE(url["confidence"].get<double>(), 0.2);
  const fs::path out = dir.path() / "r";
  ASSERT_EQ(RunDossier({"--data", (dir.path() / "data").string(), "report", "--out", out.string()})
                .exit_code,
            0);
  for (const auto& e : fs::directory_iterator(out)) {
    if (e.path().extension() != ".html") continue;
    std::string html = ReadBytes(e.path());
    for (char& c : html) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_EQ(html.find("href=\"javascript"), std::string::npos) << e.path();
    EXPECT_EQ(html.find("src=\"javascript"), std::string::npos) << e.path();
  }
}

TEST(Archives, IngestExpandsAZipWhateverItsNameAsWatchDoes) {
  TempDir dir;
  // A plain ZIP of the applicant's files, saved under a .docx name.
  WriteFile(dir.path() / "inbox" / "打包材料.docx",
            BuildZip({{"申报表.docx", Form("测试职业学院", "12370100MB1C872684")}}));
  int exit_code = -1;
  std::string output;
  nlohmann::json ex =
      IngestAndExport(dir.path() / "data", dir.path() / "inbox", &exit_code, &output);
  EXPECT_EQ(exit_code, 0) << output;
  EXPECT_EQ(output.find("not expanded"), std::string::npos) << output;
  ASSERT_EQ(ex["applications"].size(), 1u) << ex.dump(1);
  EXPECT_EQ(ex["applications"][0]["documents"][0]["file"], "打包材料.docx/申报表.docx");
}

TEST(RealFiles, EncryptedLegacyAndDamagedFilesEachGetTheirOwnCode) {
  TempDir dir;
  const fs::path inbox = dir.path() / "inbox";
  const std::string good = Form("测试职业学院", "12370100MB1C872684");
  WriteFile(inbox / "申报表（加密）.docx",
            MakeCompoundFile({"\x06"
                              "DataSpaces",
                              "EncryptionInfo", "EncryptedPackage"}));
  WriteFile(inbox / "汇总表（加密）.xlsx",
            MakeCompoundFile({"EncryptionInfo", "EncryptedPackage"}));
  WriteFile(inbox / "旧申报表.doc", MakeCompoundFile({"WordDocument", "1Table"}));
  WriteFile(inbox / "旧汇总表.xls", MakeCompoundFile({"Workbook"}));
  WriteFile(inbox / "损坏.docx", good.substr(0, good.size() / 2));
  WriteFile(inbox / "加密.pdf",
            ReadBytes(SourceDir() / "tests" / "fixtures" / "pdf" / "encrypted.pdf"));
  int exit_code = -1;
  nlohmann::json ex = IngestAndExport(dir.path() / "data", inbox, &exit_code);
  auto rejected = RejectedByFile(ex);
  const std::map<std::string, std::string> expected = {{"申报表（加密）.docx", "encrypted_office"},
                                                       {"汇总表（加密）.xlsx", "encrypted_office"},
                                                       {"旧申报表.doc", "legacy_office"},
                                                       {"旧汇总表.xls", "legacy_office"},
                                                       {"损坏.docx", "damaged"},
                                                       {"加密.pdf", "encrypted_pdf"}};
  for (const auto& [file, code] : expected) {
    ASSERT_TRUE(rejected.count(file)) << file << "\n" << ex["rejected"].dump(1);
    EXPECT_EQ(rejected[file]["code"], code) << rejected[file];
  }
  EXPECT_NE(rejected["申报表（加密）.docx"]["reason"].get<std::string>().find("密码"),
            std::string::npos);
  EXPECT_NE(rejected["旧汇总表.xls"]["reason"].get<std::string>().find(".xlsx"), std::string::npos);
}

// Runs the binary in a child of its own and returns its peak resident set.
int64_t PeakKbOf(const std::vector<std::string>& args, int* exit_code) {
  std::vector<std::string> argv_s = {Binary().string()};
  if (::geteuid() == 0) argv_s.push_back("--allow-root");
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int null_fd = ::open("/dev/null", O_WRONLY);
    ::dup2(null_fd, STDOUT_FILENO);
    ::dup2(null_fd, STDERR_FILENO);
    std::vector<char*> argv;
    for (std::string& a : argv_s) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  int status = 0;
  struct rusage usage {};
  ::wait4(pid, &status, 0, &usage);
  *exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return usage.ru_maxrss;
}

TEST(Bounds, ReportOnAPageOneHundredFiftyInchesSquareStaysWithinTimeAndMemory) {
  TempDir dir;
  const double side = 150 * 72;
  const std::string pdf = MakePdf(
      1,
      [](cairo_t* cr, int) {
        DrawText(cr, 72, 72, "山东省专业技术人员继续教育基地申报表", 24);
        DrawText(cr, 72, 140, "单位名称：测试职业学院", 24);
        DrawText(cr, 72, 200, "统一社会信用代码：12370100MB1C872684", 24);
        DrawText(cr, 72, 260, "专职教师人数：12", 24);
      },
      side, side);
  WriteFile(dir.path() / "inbox" / "申报表.pdf", pdf);
  const fs::path data = dir.path() / "data";
  int exit_code = -1;
  nlohmann::json ex = IngestAndExport(data, dir.path() / "inbox", &exit_code);
  ASSERT_EQ(ex["applications"].size(), 1u) << ex.dump(1);
  ASSERT_TRUE(ex["applications"][0]["fields"].contains("unit_name")) << ex.dump(1);

  const auto start = std::chrono::steady_clock::now();
  const int64_t peak_kb = PeakKbOf(
      {"--data", data.string(), "report", "--out", (dir.path() / "r").string()}, &exit_code);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(exit_code, 0);
  std::cout << "[ bounds   ] report: " << seconds << " s, peak resident " << peak_kb / 1024
            << " MiB (shared machine)\n";
  // Before: 6 min 54 s and 4.47 GB, drawing the page 29 times.
  EXPECT_LT(seconds, 120);
  EXPECT_LT(peak_kb, 1 << 20);  // 1 GiB
  // A second report draws nothing again.
  RunResult again =
      RunDossier({"--data", data.string(), "report", "--out", (dir.path() / "r2").string()});
  EXPECT_NE(again.output.find("0 page pictures rendered"), std::string::npos) << again.output;
}

}  // namespace
}  // namespace dossier::testing
