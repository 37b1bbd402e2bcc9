// Bad input through the whole tool: every bad file is rejected with a reason a
// clerk understands, its original is kept byte for byte, the good file in the
// same run is taken, and the exit status is 1.
#include <gtest/gtest.h>

#include <iostream>
#include <map>

#include "e2e/e2e_support.h"
#include "support/zip_builder.h"

namespace dossier::testing {
namespace {

std::string Table(const std::vector<std::pair<std::string, std::string>>& rows) {
  std::string xml = "<w:tbl>";
  for (const auto& [label, value] : rows) {
    xml += "<w:tr><w:tc>" + P(label) + "</w:tc><w:tc>" + P(value) + "</w:tc></w:tr>";
  }
  return xml + "</w:tbl>";
}

std::string GoodForm() {
  return BuildDocx(P("山东省专业技术人员继续教育基地申报表") +
                   Table({{"单位名称", "测试职业学院"},
                          {"统一社会信用代码", "12370100MB1C872684"},
                          {"专职教师人数", "12"}}));
}

std::string WithDoctype(const std::string& doctype) {
  return BuildZip({{"[Content_Types].xml", kDocxContentTypes},
                   {"_rels/.rels", kDocxRootRels},
                   {"word/document.xml",
                    "<?xml version=\"1.0\"?>" + doctype +
                        "<w:document xmlns:w=\"http://schemas.openxmlformats.org/"
                        "wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r>"
                        "</w:p></w:body></w:document>"}});
}

class BadInputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    inbox_ = dir_.path() / "inbox";
    const std::string good = GoodForm();
    files_ = {
        {"good.docx", good},
        {"not_a_zip.docx", "这不是一个Word文件，只是改了扩展名的文本。\n"},
        {"corrupt.docx", good.substr(0, good.size() / 2)},
        {"bomb.docx",
         BuildZip({{"[Content_Types].xml", kDocxContentTypes}, {"_rels/.rels", kDocxRootRels}},
                  "word/document.xml", 100ull << 20)},
        {"slip.docx", BuildZip({{"[Content_Types].xml", kDocxContentTypes},
                                {"_rels/.rels", kDocxRootRels},
                                {"word/document.xml", DocumentXml(P("x"))},
                                {"../../evil.xml", "<x/>"}})},
        {"absolute.docx", BuildZip({{"[Content_Types].xml", kDocxContentTypes},
                                    {"_rels/.rels", kDocxRootRels},
                                    {"word/document.xml", DocumentXml(P("x"))},
                                    {"/etc/evil.xml", "<x/>"}})},
        {"xxe.docx", WithDoctype("<!DOCTYPE d [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>")},
        {"laughs.docx",
         WithDoctype("<!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;\">"
                     "<!ENTITY xxe \"&b;&b;&b;&b;&b;&b;&b;&b;\">]>")},
        {"unknown.bin", std::string("\x7f"
                                    "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0",
                                    16)},
        {"empty.docx", ""},
    };
    for (const auto& [name, bytes] : files_) WriteFile(inbox_ / name, bytes);
    export_ = IngestAndExport(dir_.path() / "data", inbox_, &exit_, &output_);
  }

  std::map<std::string, std::string> Reasons() const {
    std::map<std::string, std::string> out;
    for (const auto& r : export_["rejected"]) out[r["file"]] = r["reason"];
    return out;
  }
  std::map<std::string, std::string> Codes() const {
    std::map<std::string, std::string> out;
    for (const auto& r : export_["rejected"]) out[r["file"]] = r["code"];
    return out;
  }

  TempDir dir_;
  std::filesystem::path inbox_;
  std::vector<std::pair<std::string, std::string>> files_;
  nlohmann::json export_;
  int exit_ = -1;
  std::string output_;
};

TEST_F(BadInputTest, EachBadFileIsRejectedWithAClearReasonAndTheRunGoesOn) {
  EXPECT_EQ(exit_, 1) << output_;
  std::map<std::string, std::string> reasons = Reasons();
  std::map<std::string, std::string> codes = Codes();
  struct Expected {
    const char* code;
    const char* phrase;  // in the Chinese reason
  };
  const std::map<std::string, Expected> expected = {
      {"not_a_zip.docx", {"unknown_type", "无法识别的文件类型"}},
      {"corrupt.docx", {"damaged", "损坏"}},
      {"bomb.docx", {"zip_bomb", "压缩炸弹"}},
      {"slip.docx", {"unsafe_archive", "不安全的条目名"}},
      {"absolute.docx", {"unsafe_archive", "不安全的条目名"}},
      {"xxe.docx", {"unsafe_xml", "DOCTYPE"}},
      {"laughs.docx", {"unsafe_xml", "DOCTYPE"}},
      {"unknown.bin", {"unknown_type", "无法识别的文件类型"}},
      {"empty.docx", {"empty", "空的"}},
  };
  for (const auto& [file, want] : expected) {
    ASSERT_TRUE(reasons.count(file)) << file << " not rejected\n" << output_;
    std::cout << "[ rejected ] " << file << ": " << codes[file] << ": " << reasons[file] << "\n";
    EXPECT_EQ(codes[file], want.code) << file << ": " << reasons[file];
    EXPECT_NE(reasons[file].find(want.phrase), std::string::npos) << file << ": " << reasons[file];
  }
  EXPECT_EQ(reasons.size(), expected.size());
  ASSERT_EQ(export_["applications"].size(), 1u);
  EXPECT_EQ(export_["applications"][0]["fields"]["unit_name"]["value"], "测试职业学院");
}

TEST_F(BadInputTest, EveryOriginalIsKeptByteForByte) {
  for (const auto& r : export_["rejected"]) {
    std::string sha = r["sha256"];
    std::filesystem::path kept = dir_.path() / "data" / "originals" / sha.substr(0, 2) / sha;
    ASSERT_TRUE(std::filesystem::exists(kept)) << r["file"];
    EXPECT_EQ(ReadBytes(kept), ReadBytes(inbox_ / r["file"].get<std::string>())) << r["file"];
  }
}

TEST_F(BadInputTest, NothingOfEtcPasswdLeaksAndNothingIsWrittenOutsideTheDataFolder) {
  std::string dump = export_.dump() + output_;
  EXPECT_EQ(dump.find("root:x:0:0"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(dir_.path() / "evil.xml"));
  EXPECT_FALSE(std::filesystem::exists("/etc/evil.xml"));
  for (const auto& entry : std::filesystem::directory_iterator(dir_.path()))
    EXPECT_TRUE(entry.path().filename() == "inbox" || entry.path().filename() == "data")
        << entry.path();
}

TEST_F(BadInputTest, RejectionsAreInTheStatusCounts) {
  RunResult status = RunDossier({"--data", (dir_.path() / "data").string(), "status"});
  EXPECT_EQ(status.exit_code, 0);
  EXPECT_NE(status.output.find("rejected:     9"), std::string::npos) << status.output;
  EXPECT_NE(status.output.find("applications: 1"), std::string::npos) << status.output;
}

TEST(Cli, UsageErrorsExitTwoAndHelpWorksForEveryCommand) {
  EXPECT_EQ(RunDossier({}).exit_code, 2);
  EXPECT_EQ(RunDossier({"frobnicate"}).exit_code, 2);
  EXPECT_EQ(RunDossier({"ingest"}).exit_code, 2);
  EXPECT_EQ(RunDossier({"export", "--format", "xml"}).exit_code, 2);
  for (const char* command : {"ingest", "export", "status"}) {
    RunResult help = RunDossier({command, "--help"});
    EXPECT_EQ(help.exit_code, 0) << command;
    EXPECT_NE(help.output.find("usage: dossier"), std::string::npos) << command;
  }
  RunResult version = RunDossier({"--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_NE(version.output.find("dossier "), std::string::npos);
}

TEST(Cli, MissingPathIsAnEnvironmentError) {
  TempDir dir;
  RunResult r = RunDossier(
      {"--data", (dir.path() / "data").string(), "ingest", (dir.path() / "nowhere").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("no such file or folder"), std::string::npos) << r.output;
}

TEST(Cli, ConfigFileSetsTheDataFolder) {
  TempDir dir;
  WriteFile(dir.path() / "inbox" / "good.docx", GoodForm());
  WriteFile(dir.path() / "dossier.ini", "data = " + (dir.path() / "from-config").string() + "\n");
  RunResult r = RunDossier({"--config", (dir.path() / "dossier.ini").string(), "ingest",
                            (dir.path() / "inbox").string()});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "from-config" / "store.sqlite"));
}

TEST(Cli, SameBytesUnderAnotherNameAreASecondArrivalNotProcessedAgain) {
  TempDir dir;
  // One build of the form, written twice: two builds may differ in their
  // ZIP entries' times.
  const std::string form = GoodForm();
  WriteFile(dir.path() / "inbox" / "a.docx", form);
  WriteFile(dir.path() / "inbox" / "copy of a.docx", form);
  int exit_code = -1;
  std::string output;
  nlohmann::json ex =
      IngestAndExport(dir.path() / "data", dir.path() / "inbox", &exit_code, &output);
  EXPECT_EQ(exit_code, 0) << output;
  EXPECT_NE(output.find("1 taken, 1 duplicate,"), std::string::npos) << output;
  RunResult status = RunDossier({"--data", (dir.path() / "data").string(), "status"});
  EXPECT_NE(status.output.find("files:        1 (2 arrivals)"), std::string::npos) << status.output;
  ASSERT_EQ(ex["applications"].size(), 1u);
  EXPECT_EQ(ex["applications"][0]["documents"].size(), 1u);
}

}  // namespace
}  // namespace dossier::testing
