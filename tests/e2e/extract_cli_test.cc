// `dossier extract --json FILE`: the document model an auditor or a script
// reads, straight from the command line. It must parse, and every span must
// say where on which page it was read and how.
#include <gtest/gtest.h>

#include "e2e/e2e_support.h"

namespace dossier::testing {
namespace {

// stdout alone: RunDossier mixes in stderr, which would spoil the JSON.
RunResult ExtractJson(const std::filesystem::path& file) {
  return RunCommand(DossierCommandLine({"extract", "--json", file.string()}) + " 2>/dev/null");
}

const nlohmann::json* SpanWithText(const nlohmann::json& doc, const std::string& text) {
  for (const nlohmann::json& span : doc["spans"])
    if (span["text"] == text) return &span;
  return nullptr;
}

TEST(ExtractCliTest, TextPdfSpansCarryPageBoxWordsAndTables) {
  auto run = ExtractJson(SourceDir() /
                         "sample_docs/inbox/潍坊市人力资源和社会保障局/"
                         "潍坊智联数字技术培训有限公司/申报表.pdf");
  ASSERT_EQ(run.exit_code, 0);
  ASSERT_TRUE(nlohmann::json::accept(run.output)) << run.output.substr(0, 400);
  nlohmann::json doc = nlohmann::json::parse(run.output);
  EXPECT_EQ(doc["type"], "pdf");
  ASSERT_FALSE(doc["pages"].empty());
  const nlohmann::json& page = doc["pages"][0];
  EXPECT_EQ(page["number"], 1);
  EXPECT_EQ(page["method"], "pdf-text");
  EXPECT_NEAR(page["width"].get<double>(), 595.28, 0.01);

  const nlohmann::json* name = SpanWithText(doc, "潍坊智联数字技术培训有限公司");
  ASSERT_NE(name, nullptr);
  EXPECT_EQ((*name)["page"], 1);
  EXPECT_EQ((*name)["method"], "pdf-text");
  EXPECT_EQ((*name)["locator"], "page 1 table 1 row 1 cell 2");
  const auto box = (*name)["bbox"].get<std::vector<double>>();
  ASSERT_EQ(box.size(), 4u);
  EXPECT_LT(box[0], box[2]);
  EXPECT_LT(box[1], box[3]);
  EXPECT_LE(box[2], page["width"].get<double>());
  EXPECT_LE(box[3], page["height"].get<double>());
  ASSERT_FALSE((*name)["words"].empty());
  for (const nlohmann::json& word : (*name)["words"]) {
    const auto w = word["bbox"].get<std::vector<double>>();
    EXPECT_GE(w[0], box[0] - 0.5);
    EXPECT_LE(w[2], box[2] + 0.5);
  }

  // Every table cell names a span that says it is that cell.
  ASSERT_FALSE(doc["tables"].empty());
  for (const nlohmann::json& table : doc["tables"]) {
    for (const nlohmann::json& cell : table["cells"]) {
      const int span_id = cell[4];
      if (span_id < 0) continue;
      const std::string locator = doc["spans"][span_id]["locator"];
      EXPECT_NE(locator.find("row " + std::to_string(cell[0].get<int>() + 1) + " cell "),
                std::string::npos)
          << locator;
    }
  }
}

TEST(ExtractCliTest, DocxSpansCarryTheirCellLocator) {
  auto run = ExtractJson(SourceDir() /
                         "sample_docs/inbox/山东省卫生健康委员会/烟台滨海卫生职业学院/申报表.docx");
  ASSERT_EQ(run.exit_code, 0);
  nlohmann::json doc = nlohmann::json::parse(run.output);
  EXPECT_EQ(doc["type"], "docx");
  const nlohmann::json* name = SpanWithText(doc, "烟台滨海卫生职业学院");
  ASSERT_NE(name, nullptr);
  EXPECT_EQ((*name)["method"], "docx");
  EXPECT_EQ((*name)["locator"], "table 1 row 2 cell 2");
  EXPECT_FALSE(name->contains("bbox"));
}

TEST(ExtractCliTest, ARejectedFileSaysWhyAndPrintsNoJson) {
  TempDir dir;
  const auto bad = dir.path() / "random.pdf";
  WriteFile(bad, "%PDF-1.7\nthis is not a PDF at all");
  auto run = ExtractJson(bad);
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_TRUE(run.output.empty()) << run.output;
  RunResult with_reason = RunDossier({"extract", "--json", bad.string()});
  EXPECT_NE(with_reason.output.find("rejected"), std::string::npos) << with_reason.output;
}

}  // namespace
}  // namespace dossier::testing
