// Settings that cannot silently lie (issue 13): the README's settings file
// read verbatim, every mistake in a settings file an error naming the file,
// line and key, `config --show` giving back the same settings, and check
// outcomes that always follow the settings in force.
#include <gtest/gtest.h>
#include <unistd.h>

#include <map>
#include <regex>
#include <set>

#include "e2e/e2e_support.h"

namespace dossier::testing {
namespace {

namespace fs = std::filesystem;

// Standard error alone (standard output thrown away).
RunResult RunDossierStderr(const std::vector<std::string>& args) {
  return RunCommand(DossierCommandLine(args) + " 2>&1 >/dev/null");
}

// Standard output alone.
RunResult RunDossierStdout(const std::vector<std::string>& args) {
  return RunCommand(DossierCommandLine(args) + " 2>/dev/null");
}

// The README's settings example: the ```ini block, its indentation removed.
std::string ReadmeIniExample() {
  const std::string readme = ReadBytes(SourceDir() / "README.md");
  const size_t start = readme.find("```ini\n");
  if (start == std::string::npos) return "";
  const size_t body = start + 7;
  const size_t end = readme.find("```", body);
  std::string block = readme.substr(body, end - body);
  std::string out;
  std::istringstream in(block);
  for (std::string line; std::getline(in, line);) {
    size_t first = line.find_first_not_of(' ');
    out += (first == std::string::npos ? "" : line.substr(first)) + "\n";
  }
  return out;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::vector<std::string> Values(const std::string& ini, const std::string& key) {
  std::vector<std::string> out;
  for (const std::string& line : Lines(ini)) {
    if (line.rfind(key + " = ", 0) == 0) out.push_back(line.substr(key.size() + 3));
  }
  return out;
}

TEST(Settings, TheReadmeExampleIsReadVerbatimWithItsComments) {
  TempDir dir;
  const std::string example = ReadmeIniExample();
  ASSERT_NE(example.find("[call]"), std::string::npos) << "no ```ini block in README.md";
  WriteFile(dir.path() / "dossier.ini", example);
  WriteFile(dir.path() / "expired.txt", "济南市技师学院\n\n# a comment line\n青岛某某职业学院\n");
  RunResult r =
      RunDossierStdout({"--config", (dir.path() / "dossier.ini").string(), "config", "--show"});
  ASSERT_EQ(r.exit_code, 0)
      << RunDossier({"--config", (dir.path() / "dossier.ini").string(), "config", "--show"}).output;
  EXPECT_EQ(Values(r.output, "deadline"), std::vector<std::string>{"2024-06-28"});
  EXPECT_EQ(Values(r.output, "quota_city"), std::vector<std::string>{"2"});
  EXPECT_EQ(Values(r.output, "trainees_minimum"), std::vector<std::string>{"2000"});
  EXPECT_EQ(Values(r.output, "priority_area"), std::vector<std::string>{"乡村振兴"});
  EXPECT_EQ(Values(r.output, "expired_base"),
            (std::vector<std::string>{"济南市技师学院", "青岛某某职业学院"}));
  EXPECT_EQ(Values(r.output, "data"), std::vector<std::string>{"/srv/dossier"});
}

TEST(Settings, InlineCommentsWithSemicolonOrHashAreComments) {
  TempDir dir;
  WriteFile(dir.path() / "x.ini",
            "[call]   # the call\n"
            "deadline = 2024-06-20\t# the day\n"
            "priority_area = 乡村振兴          ; P1\n"
            "priority_area = C#\n"
            "expired_base = \"甲 ; 乙\"  ; quoted, the ; stays\n");
  RunResult r = RunDossierStdout({"--config", (dir.path() / "x.ini").string(), "config", "--show"});
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_EQ(Values(r.output, "deadline"), std::vector<std::string>{"2024-06-20"});
  EXPECT_EQ(Values(r.output, "priority_area"), (std::vector<std::string>{"乡村振兴", "C#"}));
  EXPECT_EQ(Values(r.output, "expired_base"), std::vector<std::string>{"\"甲 ; 乙\""});
}

struct BadSetting {
  std::string ini;
  std::string expected;  // the message after "dossier: error: "
};

TEST(Settings, EveryMistakeIsAnErrorNamingFileLineAndKeyAndNothingIsChanged) {
  TempDir dir;
  WriteFile(dir.path() / "inbox" / "a.txt", "hello");
  const std::vector<BadSetting> cases = {
      {"[call]\ndeadlin = 2024-06-28\n", ":2: deadlin: unknown key in [call]"},
      {"[call]\ndeadlin = 2024-06-28\n", "did you mean deadline?"},
      {"[cal]\nquota_city = 2\n", ":1: [cal]: unknown section"},
      {"quota_city = 2\n", ":1: quota_city: unknown key outside any section"},
      {"[call]\ndeadline = 2024-13-45\n", ":2: deadline: 2024-13-45 is not a day of the calendar"},
      {"[call]\ndeadline = 2023-02-29\n", ":2: deadline: 2023-02-29 is not a day of the calendar"},
      {"[call]\ndeadline = 28.6.2024\n",
       ":2: deadline: '28.6.2024' is not a date written YYYY-MM-DD"},
      {"[call]\n\nquota_city = -1\n", ":3: quota_city: -1 is out of range"},
      {"[call]\ntrainees_minimum = 两千\n", ":2: trainees_minimum: '两千' is not a whole number"},
      {"[call]\ntimezone_offset_minutes = 5000\n",
       ":2: timezone_offset_minutes: 5000 is out of range"},
      {"[call]\nexpired_bases_file = missing.txt ; Q4\n",
       ":2: expired_bases_file: " + (dir.path() / "missing.txt").string() + " does not exist"},
      {"[call]\ndeadline =\n", ":2: deadline: needs a value"},
      {"[call]\nquota_city = 2\nquota_city = 3\n", ":3: quota_city: given twice (first on line 2)"},
      {"[call]\njust words\n", ":2: expected KEY = VALUE"},
  };
  for (const BadSetting& c : cases) {
    SCOPED_TRACE(c.ini);
    const fs::path ini = dir.path() / "bad.ini";
    WriteFile(ini, c.ini);
    const fs::path data = dir.path() / "data";
    for (const char* command : {"ingest", "config"}) {
      std::vector<std::string> args = {"--data", data.string(), "--config", ini.string(), command};
      args.push_back(std::string(command) == "ingest" ? (dir.path() / "inbox").string() : "--show");
      RunResult r = RunDossierStderr(args);
      EXPECT_EQ(r.exit_code, 2) << command;
      EXPECT_EQ(r.output.rfind("dossier: error: " + ini.string(), 0), 0u) << r.output;
      EXPECT_NE(r.output.find(c.expected), std::string::npos) << r.output;
    }
    EXPECT_FALSE(fs::exists(data)) << "a bad settings file must change nothing";
  }
}

TEST(Settings, RelativePathsAreRelativeToTheSettingsFile) {
  TempDir dir;
  WriteFile(dir.path() / "conf" / "dossier.ini",
            "data = ../store   ; beside conf/\n[call]\nexpired_bases_file = expired.txt\n");
  WriteFile(dir.path() / "conf" / "expired.txt", "某某技师学院\n");
  // Run from another folder: the paths still mean the same.
  RunResult r =
      RunCommand("cd / && " +
                 DossierCommandLine({"--config", (dir.path() / "conf" / "dossier.ini").string(),
                                     "config", "--show"}) +
                 " 2>&1");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(Values(r.output, "data"), std::vector<std::string>{(dir.path() / "store").string()});
  EXPECT_EQ(Values(r.output, "expired_base"), std::vector<std::string>{"某某技师学院"});
}

TEST(Settings, ConfigShowRoundTripsAndNeedsNoStore) {
  TempDir dir;
  WriteFile(dir.path() / "a.ini",
            "data = somewhere\n[call]\ndeadline = 2024-07-01\nquota_city = 5\n"
            "expired_base = \"有 ; 分号的单位\"\nexpired_base = \"  spaced \"\npriority_area =\n");
  const std::string cwd = (dir.path() / "cwd").string();
  fs::create_directories(cwd);
  auto show = [&](const fs::path& ini) {
    return RunCommand("cd " + ShellQuote(cwd) + " && " +
                      DossierCommandLine({"--config", ini.string(), "config", "--show"}) + " 2>&1");
  };
  RunResult first = show(dir.path() / "a.ini");
  ASSERT_EQ(first.exit_code, 0) << first.output;
  WriteFile(dir.path() / "b" / "shown.ini", first.output);
  RunResult second = show(dir.path() / "b" / "shown.ini");
  ASSERT_EQ(second.exit_code, 0) << second.output;
  // Only the leading comment (where the settings came from) differs.
  std::vector<std::string> a = Lines(first.output), b = Lines(second.output);
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 1; i < a.size(); ++i) EXPECT_EQ(a[i], b[i]);
  EXPECT_EQ(Values(first.output, "data"),
            std::vector<std::string>{(dir.path() / "somewhere").string()});
  EXPECT_EQ(Values(first.output, "quota_city"), std::vector<std::string>{"5"});
  // An empty list stays empty rather than becoming the notice's list.
  EXPECT_EQ(Values(second.output, "priority_area").size(), 0u);
  EXPECT_NE(second.output.find("\npriority_area =\n"), std::string::npos);
  // `data =` comes before [call], where it is read as the data folder.
  EXPECT_LT(first.output.find("data = "), first.output.find("[call]"));
  RunResult status =
      RunDossierStderr({"--config", (dir.path() / "b" / "shown.ini").string(), "status"});
  EXPECT_NE(status.output.find((dir.path() / "somewhere").string()), std::string::npos)
      << status.output;
  // config --show needed no store and made none.
  EXPECT_FALSE(fs::exists(dir.path() / "somewhere"));
  EXPECT_TRUE(fs::is_empty(cwd));
}

// The Jinan recommender's DOCX/XLSX/PDF files of the samples (no photo, so
// no OCR of pages): three forms under one city, whose quota is two.
class SettingsStoreTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    const fs::path samples = SourceDir() / "sample_docs" / "inbox";
    const std::string jinan = "济南市人力资源和社会保障局";
    for (const char* file :
         {"汇总表.xlsx", "济南泉城信息工程学院/申报表.docx", "济南泉城信息工程学院/师资名单.xlsx",
          "济南华岳工程技术研究院/申报表.docx", "济南华岳工程技术研究院/事业单位法人证书.pdf",
          "济南市现代农业技术推广学会/申报表.docx"}) {
      WriteFile(dir_->path() / "inbox" / jinan / file, ReadBytes(samples / jinan / file));
    }
    data_ = dir_->path() / "data";
    ingest_ = RunDossier({"--data", data_.string(), "ingest", "--arrivals",
                          (SourceDir() / "sample_docs" / "arrivals.json").string(),
                          (dir_->path() / "inbox").string()});
  }
  static void TearDownTestSuite() { delete dir_; }

  static nlohmann::json Export(const std::vector<std::string>& before = {}) {
    std::vector<std::string> args = before;
    for (const std::string& a : {std::string("--data"), data_.string(), std::string("export")})
      args.push_back(a);
    RunResult r = RunDossierStdout(args);
    EXPECT_EQ(r.exit_code, 0);
    return nlohmann::json::parse(r.output, nullptr, false);
  }

  static std::map<std::string, std::string> Outcomes(const nlohmann::json& app) {
    std::map<std::string, std::string> out;
    for (const auto& c : app["checks"]) out[c["id"]] = c["outcome"];
    return out;
  }

  static fs::path Ini(const std::string& name, const std::string& text) {
    WriteFile(dir_->path() / name, text);
    return dir_->path() / name;
  }

  static inline TempDir* dir_ = nullptr;
  static inline fs::path data_;
  static inline RunResult ingest_;
};

TEST_F(SettingsStoreTest, ExportJudgesWithTheSettingsInForceAndSaysWhichTheyWere) {
  ASSERT_EQ(ingest_.exit_code, 0) << ingest_.output;
  const nlohmann::json plain = Export();
  ASSERT_EQ(plain["applications"].size(), 3u);
  for (const auto& app : plain["applications"]) EXPECT_EQ(Outcomes(app)["Q1"], "not_met");
  EXPECT_EQ(plain["settings"]["quota_city"], 2);
  EXPECT_EQ(plain["settings"]["deadline"], "2024-06-28");

  const fs::path ini = Ini("other.ini",
                           "[call]\nquota_city = 3\ndeadline = 2024-06-19\n"
                           "trainees_minimum = 3000\npriority_area = 乡村振兴\n");
  const nlohmann::json other = Export({"--config", ini.string()});
  ASSERT_EQ(other["applications"].size(), 3u);
  for (const auto& app : other["applications"]) {
    SCOPED_TRACE(app["id"].dump());
    auto outcome = Outcomes(app);
    EXPECT_EQ(outcome["Q1"], "met");
    EXPECT_EQ(outcome["Q3"], "not_met");  // received 2024-06-20
    EXPECT_EQ(outcome["C6"], "not_met");  // no unit trained 3000 every year
  }
  EXPECT_EQ(other["settings"]["quota_city"], 3);
  EXPECT_EQ(other["settings"]["deadline"], "2024-06-19");
  EXPECT_EQ(other["settings"]["trainees_minimum"], 3000);
  EXPECT_EQ(other["settings"]["priority_area"], nlohmann::json::array({"乡村振兴"}));

  // Judging with other settings changed nothing stored.
  const nlohmann::json again = Export();
  for (const auto& app : again["applications"]) EXPECT_EQ(Outcomes(app)["Q1"], "not_met");
}

TEST_F(SettingsStoreTest, ReportFollowsTheSettingsInForce) {
  const fs::path ini = Ini("quota3.ini", "[call]\nquota_city = 3\n");
  const fs::path out = dir_->path() / "report-q3";
  RunResult r = RunDossier(
      {"--data", data_.string(), "--config", ini.string(), "report", "--out", out.string()});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const std::string index = ReadBytes(out / "index.html");
  EXPECT_NE(index.find("Q1 符合"), std::string::npos);
  EXPECT_EQ(index.find("Q1 不符合"), std::string::npos);
  // The index says which settings judged them.
  EXPECT_NE(
      index.find(
          "审查依据：截止日期 2024-06-28（UTC+8）；每年培训不少于 2000 人；推荐名额：市 3 个"),
      std::string::npos);
  EXPECT_NE(ReadBytes(out / "12370100495718320L.html").find("推荐 3 个，名额 3 个"),
            std::string::npos);
}

TEST_F(SettingsStoreTest, ReportOutHoldsExactlyThisRunsDossiers) {
  const fs::path out = dir_->path() / "report";
  ASSERT_EQ(RunDossier({"--data", data_.string(), "report", "--out", out.string()}).exit_code, 0);
  EXPECT_TRUE(fs::exists(out / "index.html"));
  EXPECT_TRUE(fs::exists(out / "12370100MB1C872684.html"));
  WriteFile(out / "STALE-from-an-old-run.html", "old");

  // One application, named by its unit: the folder then holds it alone.
  RunResult one = RunDossierStdout({"--data", data_.string(), "report", "--out", out.string(),
                                    "--application", "济南华岳工程技术研究院"});
  ASSERT_EQ(one.exit_code, 0);
  EXPECT_NE(one.output.find("wrote 1 dossier (HTML and PDF)"), std::string::npos) << one.output;
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(out)) names.insert(e.path().filename().string());
  EXPECT_EQ(names, (std::set<std::string>{".dossier-report", "12370100495718320L.html",
                                          "12370100495718320L.pdf", "12370100495718320L_files"}));
  // Nothing is left beside it.
  for (const auto& e : fs::directory_iterator(dir_->path())) {
    EXPECT_EQ(e.path().filename().string().find(".dossier-new"), std::string::npos);
  }

  RunResult all = RunDossierStdout({"--data", data_.string(), "report", "--out", out.string()});
  ASSERT_EQ(all.exit_code, 0);
  EXPECT_NE(all.output.find("wrote 3 dossiers"), std::string::npos) << all.output;
  EXPECT_TRUE(fs::exists(out / "index.html"));
  EXPECT_FALSE(fs::exists(out / "STALE-from-an-old-run.html"));
}

TEST_F(SettingsStoreTest, AFolderHoldingOtherFilesIsNotReplaced) {
  const fs::path out = dir_->path() / "my-documents";
  WriteFile(out / "notes.txt", "mine");
  RunResult r = RunDossierStderr({"--data", data_.string(), "report", "--out", out.string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("holds files no report wrote (notes.txt"), std::string::npos) << r.output;
  EXPECT_EQ(ReadBytes(out / "notes.txt"), "mine");
}

TEST_F(SettingsStoreTest, OutputPathsAreNeverCreatedAboveWhatTheUserNamed) {
  const fs::path missing = dir_->path() / "no-such-folder";
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"trace", "济南华岳工程技术研究院", "unit_name", "--png",
                                 (missing / "x.png").string()},
        std::vector<std::string>{"report", "--out", (missing / "reports").string()},
        std::vector<std::string>{"export", "--out", (missing / "export.json").string()}}) {
    std::vector<std::string> full = {"--data", data_.string()};
    full.insert(full.end(), args.begin(), args.end());
    RunResult r = RunDossierStderr(full);
    EXPECT_EQ(r.exit_code, 2) << args[0];
    EXPECT_NE(r.output.find("does not exist"), std::string::npos) << r.output;
    EXPECT_FALSE(fs::exists(missing)) << args[0];
  }
  // What the user named is made.
  RunResult png = RunDossier({"--data", data_.string(), "trace", "济南华岳工程技术研究院",
                              "unit_name", "--png", (dir_->path() / "x.png").string()});
  EXPECT_EQ(png.exit_code, 0) << png.output;
  EXPECT_TRUE(fs::exists(dir_->path() / "x.png"));
}

TEST_F(SettingsStoreTest, CommandsThatOnlyReadNeverCreateAStore) {
  const fs::path empty = dir_->path() / "empty-folder";
  fs::create_directories(empty);
  for (const fs::path& data : {dir_->path() / "typo-data", empty}) {
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"export"}, std::vector<std::string>{"status"},
          std::vector<std::string>{"report", "--out", (dir_->path() / "r").string()},
          std::vector<std::string>{"trace", "x", "unit_name"}}) {
      std::vector<std::string> full = {"--data", data.string()};
      full.insert(full.end(), args.begin(), args.end());
      RunResult r = RunDossierStderr(full);
      EXPECT_EQ(r.exit_code, 2) << args[0];
      EXPECT_EQ(r.output,
                "dossier: error: there is no dossier store in " + data.string() +
                    (data == empty ? " (the folder holds no store.sqlite)" : " (no such folder)") +
                    "; ingest files first, or give the data folder with --data\n");
    }
  }
  EXPECT_FALSE(fs::exists(dir_->path() / "typo-data"));
  EXPECT_TRUE(fs::is_empty(empty));
  EXPECT_FALSE(fs::exists(dir_->path() / "r"));
}

// Files 0444 in folders 0555, as an auditor receives a copy. As root, the
// commands run as nobody, for whom the permissions hold.
TEST_F(SettingsStoreTest, AReadOnlyStoreCanBeReadAndIsNotChanged) {
  const fs::path copy = dir_->path() / "auditor-copy";
  fs::copy(data_, copy, fs::copy_options::recursive);
  // An auditor's copy of a closed store holds no write-ahead log.
  fs::remove(copy / "store.sqlite-wal");
  fs::remove(copy / "store.sqlite-shm");
  const fs::path out = dir_->path() / "auditor-out";
  fs::create_directories(out);
  fs::permissions(out, fs::perms::all);
  std::string as_user;
  if (geteuid() == 0) {
    if (RunCommand("command -v setpriv >/dev/null").exit_code != 0)
      GTEST_SKIP() << "running as root without setpriv: permissions cannot be tested";
    as_user = "setpriv --reuid=65534 --regid=65534 --clear-groups ";
  }
  RunCommand("chmod -R a-w,a+rX " + ShellQuote(copy.string()));
  std::map<std::string, std::string> before;
  for (const auto& e : fs::recursive_directory_iterator(copy))
    before[e.path().string()] = e.is_regular_file() ? ReadBytes(e.path()) : "";

  auto run = [&](const std::vector<std::string>& args) {
    std::vector<std::string> full = {"--data", copy.string()};
    full.insert(full.end(), args.begin(), args.end());
    return RunCommand(as_user + DossierCommandLine(full) + " 2>&1");
  };
  RunResult status = run({"status"});
  EXPECT_EQ(status.exit_code, 0) << status.output;
  EXPECT_NE(status.output.find("applications: 3"), std::string::npos) << status.output;
  RunResult exported = run({"export", "--out", (out / "export.json").string()});
  EXPECT_EQ(exported.exit_code, 0) << exported.output;
  EXPECT_EQ(ReadJson(out / "export.json")["applications"].size(), 3u);
  RunResult report = run({"report", "--out", (out / "reports").string()});
  EXPECT_EQ(report.exit_code, 0) << report.output;
  EXPECT_TRUE(fs::exists(out / "reports" / "index.html"));
  RunResult trace = run(
      {"trace", "济南华岳工程技术研究院", "credit_code", "--png", (out / "trace.png").string()});
  EXPECT_EQ(trace.exit_code, 0) << trace.output;
  EXPECT_TRUE(fs::exists(out / "trace.png"));

  std::map<std::string, std::string> after;
  for (const auto& e : fs::recursive_directory_iterator(copy))
    after[e.path().string()] = e.is_regular_file() ? ReadBytes(e.path()) : "";
  EXPECT_TRUE(before == after) << "the read-only store was changed";
  RunCommand("chmod -R u+w " + ShellQuote(copy.string()));
}

TEST_F(SettingsStoreTest, WhatClerksReadIsChinese) {
  const nlohmann::json ex = Export();
  // The machine's words for places ("table 1 row 2 cell 2", "p.3") stay in
  // the sources' locators; details and findings say 表1 第2行 第2列, 第3页.
  const std::regex english(R"((table|row|cell|line|page|paragraph) \d|\bp\.\d)");
  bool saw_place = false;
  for (const auto& app : ex["applications"]) {
    for (const auto& c : app["checks"]) {
      const std::string detail = c["detail"];
      EXPECT_FALSE(std::regex_search(detail, english)) << detail;
      saw_place |= detail.find("表1 第") != std::string::npos;
      saw_place |= detail.find("第1页") != std::string::npos;
    }
    for (const auto& f : app["findings"]) {
      EXPECT_FALSE(std::regex_search(f["detail"].get<std::string>(), english)) << f.dump();
      EXPECT_FALSE(f["code"].get<std::string>().empty());
    }
  }
  EXPECT_TRUE(saw_place);
  RunResult trace =
      RunDossierStdout({"--data", data_.string(), "trace", "济南华岳工程技术研究院", "unit_name"});
  EXPECT_NE(trace.output.find("定位: 表1 第2行 第2列（table 1 row 2 cell 2）"), std::string::npos)
      << trace.output;
}

// ---- The command line itself.

// The commands the README's usage block lists ("dossier ingest PATH...").
std::vector<std::string> ReadmeCommands() {
  const std::string readme = ReadBytes(SourceDir() / "README.md");
  std::vector<std::string> out;
  const std::regex command(R"(\ndossier ([a-z]+) )");
  for (std::sregex_iterator it(readme.begin(), readme.end(), command), end; it != end; ++it) {
    if ((*it)[1] != "COMMAND" && std::find(out.begin(), out.end(), (*it)[1]) == out.end())
      out.push_back((*it)[1]);
  }
  return out;
}

// The --options the README names in the text between two headings.
std::set<std::string> ReadmeOptions(const std::string& from, const std::string& to) {
  const std::string readme = ReadBytes(SourceDir() / "README.md");
  const size_t a = readme.find(from), b = readme.find(to, a);
  const std::string part = readme.substr(a, b - a);
  std::set<std::string> out;
  const std::regex option(R"(--[a-z][a-z-]+)");
  for (std::sregex_iterator it(part.begin(), part.end(), option), end; it != end; ++it)
    out.insert(it->str());
  return out;
}

TEST(Cli, EveryCommandIsListedAndItsHelpListsAllItsOptions) {
  const std::vector<std::string> commands = ReadmeCommands();
  ASSERT_GE(commands.size(), 8u);
  RunResult usage = RunDossierStdout({"--help"});
  ASSERT_EQ(usage.exit_code, 0);
  for (const std::string& c : commands) {
    SCOPED_TRACE(c);
    EXPECT_NE(usage.output.find("\n  " + c + " "), std::string::npos) << usage.output;
    if (c == "help") continue;
    RunResult help = RunDossierStdout({"help", c});
    EXPECT_EQ(help.exit_code, 0);
    EXPECT_EQ(help.output.rfind("usage: dossier " + c, 0), 0u) << help.output;
    EXPECT_EQ(RunDossierStdout({c, "--help"}).output, help.output);
    for (const char* global : {"--data", "--config", "--help"})
      EXPECT_NE(help.output.find(global), std::string::npos) << global;
  }
  // Every option the README gives for watching is in watch's help; those
  // of the usage block in their command's.
  const std::string watch = RunDossierStdout({"help", "watch"}).output;
  for (const std::string& o : ReadmeOptions("### Watching an inbox", "A file's path in the export"))
    EXPECT_NE(watch.find(o), std::string::npos) << o;
  const std::string ingest = RunDossierStdout({"help", "ingest"}).output;
  for (const char* o : {"--arrivals", "--quiet", "--reader-timeout", "--max-attempts"})
    EXPECT_NE(ingest.find(o), std::string::npos) << o;
  EXPECT_NE(RunDossierStdout({"help", "report"}).output.find("--application"), std::string::npos);
  EXPECT_NE(RunDossierStdout({"help", "trace"}).output.find("--png"), std::string::npos);
  EXPECT_NE(RunDossierStdout({"help", "export"}).output.find("--out"), std::string::npos);
  EXPECT_NE(RunDossierStdout({"help", "extract"}).output.find("--json"), std::string::npos);
}

TEST(Cli, DiagnosticsHaveOneFormat) {
  TempDir dir;
  WriteFile(dir.path() / "bad.ini", "[call]\nquota_city = x\n");
  const std::string data = (dir.path() / "data").string();
  const std::vector<std::vector<std::string>> failing = {
      {},
      {"frobnicate"},
      {"help", "frobnicate"},
      {"ingest"},
      {"ingest", "--no-such-option", "x"},
      {"watch"},
      {"report"},
      {"trace", "only-one"},
      {"config"},
      {"extract"},
      {"--data", data, "export", "--format", "xml"},
      {"--data", data, "export"},
      {"--data", data, "trace", "a", "b", "--format", "yaml"},
      {"--config", (dir.path() / "bad.ini").string(), "config", "--show"},
      {"--config", (dir.path() / "none.ini").string(), "config", "--show"},
  };
  for (const auto& args : failing) {
    std::string shown;
    for (const std::string& a : args) shown += a + " ";
    SCOPED_TRACE(shown);
    RunResult r = RunDossierStderr(args);
    EXPECT_EQ(r.exit_code, 2);
    // The last line is the diagnostic; a usage listing may come before it.
    std::vector<std::string> lines = Lines(r.output);
    ASSERT_FALSE(lines.empty());
    EXPECT_EQ(lines.back().rfind("dossier: error: ", 0), 0u) << r.output;
    for (const std::string& line : lines) {
      if (line.rfind("dossier", 0) == 0) {
        EXPECT_EQ(line.rfind("dossier: error: ", 0), 0u) << line;
      }
    }
  }
  EXPECT_FALSE(std::filesystem::exists(data));
}

TEST(Cli, CountsAgreeWithTheirWords) {
  TempDir dir;
  WriteFile(dir.path() / "inbox" / "a.txt", "一个文本文件");
  RunResult r = RunDossierStdout(
      {"--data", (dir.path() / "data").string(), "ingest", (dir.path() / "inbox").string()});
  EXPECT_NE(r.output.find("ingested 1 file: "), std::string::npos) << r.output;
}

}  // namespace
}  // namespace dossier::testing
