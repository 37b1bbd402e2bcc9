// The dossiers, index and summary sheets from a store filled through the
// Store API: what a reviewer reads (Chinese labels, checks, flags), that no
// value can inject markup, that one application can be regenerated alone,
// that page pictures are cached, and that nothing is extracted again.
#include "dossier/reports/dossier_report.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <sstream>

#include "dossier/extract/extractor.h"
#include "reports/report_fixture.h"

namespace dossier::testing {
namespace {

constexpr const char* kCode = "91370100MA3C12345X";
constexpr const char* kScript = "<script>alert(1)</script>";
constexpr const char* kImg = "<img src=x onerror=\"document.body.dataset.pwned=1\">";

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

class DossierReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    form_ = db_.AddDocument("济南/申报表.docx", "docx", "these bytes are no DOCX at all",
                            FormTable({{"单位名称", kScript},
                                       {"统一社会信用代码", kCode},
                                       {"联系电话", kImg},
                                       {"推荐单位", "济南市人力资源和社会保障局"},
                                       {"专职教师人数", "12"}}),
                            "application_form");
    norm::Application app;
    app.id = kCode;
    app.fields = {Field("unit_name", kScript, form_, 1), Field("credit_code", kCode, form_, 3),
                  Field("contact_phone", kImg, form_, 5, 0.6),
                  Field("recommender", "济南市人力资源和社会保障局", form_, 7),
                  Field("faculty_fulltime", 12, form_, 9)};
    app.document_ids = {form_};
    app.assigned_by[form_] = {norm::kByCreditCode,
                              std::string("申报表自身填写的统一社会信用代码 ") + kCode, 0};
    app.checks = {{"C1", "met", "统一社会信用代码校验通过"},
                  {"C2", "not_met", kImg},
                  {"C6", "unknown", "未读取到培训人数 & 年份"}};
    app.findings = {{"disagreement", "字段 contact_phone 不一致：\"A\" 与 'B'"}};
    norm::Application other;
    other.id = "name:青岛蓝海职业培训学校";
    other.fields = {Field("unit_name", "青岛蓝海职业培训学校", form_, 1),
                    Field("recommender", "青岛市人力资源和社会保障局", form_, 7)};
    other.document_ids = {form_};
    db_.Save({app, other});
  }

  Result<ReportSummary> Report(const std::string& only = "") {
    ReportOptions options;
    std::filesystem::create_directories(out_);
    options.out_dir = out_;
    options.data_dir = db_.data();
    options.application_id = only;
    return WriteReports(db_.store(), db_.store(), options);
  }

  ReportStore db_;
  int64_t form_ = 0;
  std::filesystem::path out_ = db_.root() / "out";
};

TEST_F(DossierReportTest, WritesDossiersIndexAndSheets) {
  auto summary = Report();
  ASSERT_TRUE(summary.ok()) << summary.status().message();
  EXPECT_EQ(summary->applications, 2);
  const std::string stem = ApplicationFileStem(kCode);
  EXPECT_EQ(stem, kCode);
  const std::string other = ApplicationFileStem("name:青岛蓝海职业培训学校");
  EXPECT_EQ(other.rfind("app-", 0), 0u);
  EXPECT_EQ(other.size(), 20u);
  for (const std::string& name :
       {stem + ".html", stem + ".pdf", other + ".html", other + ".pdf", std::string("index.html"),
        std::string("汇总表-济南市人力资源和社会保障局.xlsx"),
        std::string("汇总表-青岛市人力资源和社会保障局.xlsx")}) {
    EXPECT_TRUE(std::filesystem::exists(out_ / name)) << name;
  }
  EXPECT_EQ(ReadBytes(out_ / (stem + ".pdf")).substr(0, 5), "%PDF-");
  EXPECT_TRUE(std::filesystem::exists(out_ / (stem + "_files") / "f-credit_code-0.png"));
}

TEST_F(DossierReportTest, ShowsChecksFieldsAndFlagsInChinese) {
  ASSERT_TRUE(Report().ok());
  const std::string html = ReadBytes(out_ / (std::string(kCode) + ".html"));
  for (const char* text : {"审查项目",
                           "C1",
                           "C2",
                           "C6",
                           "符合",
                           "不符合",
                           "无法判断",
                           "独立法人，在山东登记",
                           "统一社会信用代码",
                           "专职教师人数",
                           "DOCX 表格单元格",
                           "表1 第2行 第2列",
                           "济南/申报表.docx",
                           "符合 1 项",
                           "不符合 1 项",
                           "无法判断 1 项",
                           "发现问题 1 条",
                           "材料之间不一致",
                           "证据材料",
                           "归属依据",
                           "统一社会信用代码：申报表自身填写的统一社会信用代码",
                           "申报表",
                           "未读取到的字段"}) {
    EXPECT_NE(html.find(text), std::string::npos) << text;
  }
  // Places are in words a reviewer reads, never the machine locator.
  EXPECT_EQ(html.find("table 1 row"), std::string::npos);
  // The low-confidence, disagreeing phone stands out.
  EXPECT_NE(html.find("class=\"field low disagree\" id=\"field-contact_phone\""),
            std::string::npos);
  EXPECT_NE(html.find("class=\"field\" id=\"field-credit_code\""), std::string::npos);
  EXPECT_NE(html.find("@media print"), std::string::npos);
}

// National candidates are listed apart from the recommenders' applicants,
// side by side with the figures the panel compares, and each dossier says
// which track it is on.
TEST_F(DossierReportTest, TheIndexShowsNationalCandidatesApartWithTheirFigures) {
  norm::Application provincial;
  provincial.id = kCode;
  provincial.fields = {Field("unit_name", "济南甲学院", form_, 1),
                       Field("recommender", "济南市人力资源和社会保障局", form_, 7)};
  provincial.document_ids = {form_};
  provincial.checks = {{"Q1", "met", "济南市人力资源和社会保障局 推荐 1 个，名额 2 个"}};
  norm::Application national;
  national.id = std::string(kCode) + norm::kNationalIdSuffix;
  national.track = norm::kNationalTrack;
  national.fields = {
      Field("unit_name", "济南甲学院", form_, 1),
      Field("faculty_fulltime", 46, form_, 9),
      Field("faculty_parttime", 30, form_, 9),
      Field("online_platform", "甲学院继续教育云平台", form_, 9),
      Field("mgmt_rules", nlohmann::json({"教学组织管理", "学员考核管理"}), form_, 9),
      Field("trainees_2021", 5200, form_, 9),
      Field("trainees_2022", 5800, form_, 9),
      Field("trainees_2023", 6400, form_, 9)};
  national.document_ids = {form_};
  national.checks = {{"N1", "met", "在现有省级基地名单中"},
                     {"N2", "unknown", "全省共2个单位申报国家级基地"}};
  db_.Save({provincial, national});
  ASSERT_TRUE(Report().ok());
  const std::string index = ReadBytes(out_ / "index.html");
  const size_t section = index.find("<section id=\"national\">");
  ASSERT_NE(section, std::string::npos) << index;
  const std::string part = index.substr(section, index.find("</section>", section) - section);
  for (const char* text : {"国家级基地申报（1 个，省里推荐1个）", "济南甲学院", "5200", "5800",
                           "6400", "专职 46，兼职 30，副高级以上 —", "甲学院继续教育云平台",
                           "2/8 项（缺：教学科研管理", "N1 符合", "N2 无法判断", "汇总表（XLSX）",
                           "2021年培训人数", "师资", "网络培训平台", "管理制度"}) {
    EXPECT_NE(part.find(text), std::string::npos) << text;
  }
  // The provincial list holds the provincial application only.
  const std::string before = index.substr(0, section);
  EXPECT_NE(before.find("Q1 符合"), std::string::npos);
  EXPECT_EQ(before.find("N1 符合"), std::string::npos);
  EXPECT_EQ(before.find("国家级基地申报（人社部"), std::string::npos);
  EXPECT_NE(index.find("其中省级基地申报 1 个、国家级基地申报 1 个"), std::string::npos);
  EXPECT_TRUE(std::filesystem::exists(out_ / "汇总表-国家级基地申报.xlsx"));

  const std::string dossier = ReadBytes(out_ / (ApplicationFileStem(national.id) + ".html"));
  EXPECT_NE(dossier.find("data-track=\"national\""), std::string::npos);
  EXPECT_NE(dossier.find("国家级基地申报（人社部《专业技术人员继续教育基地申报表》）"),
            std::string::npos);
  EXPECT_NE(dossier.find("审查项目 C1、C2、C3、C4、C5、C6、Q3、N1、N2"), std::string::npos);
  const std::string own = ReadBytes(out_ / (std::string(kCode) + ".html"));
  EXPECT_NE(own.find("data-track=\"provincial\""), std::string::npos);
  EXPECT_NE(own.find("省级基地申报"), std::string::npos);
}

TEST_F(DossierReportTest, ValuesAreTextNeverMarkup) {
  ASSERT_TRUE(Report().ok());
  for (const std::string& name : {std::string(kCode) + ".html", std::string("index.html")}) {
    const std::string html = ReadBytes(out_ / name);
    SCOPED_TRACE(name);
    EXPECT_EQ(Lower(html).find("<script"), std::string::npos);
    EXPECT_EQ(html.find("<img src=x"), std::string::npos);
    EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  }
  const std::string html = ReadBytes(out_ / (std::string(kCode) + ".html"));
  EXPECT_NE(html.find("&lt;img src=x onerror=&quot;document.body.dataset.pwned=1&quot;&gt;"),
            std::string::npos);
  EXPECT_NE(html.find("&quot;A&quot; 与 &#39;B&#39;"), std::string::npos);
  EXPECT_NE(html.find("培训人数 &amp; 年份"), std::string::npos);
  EXPECT_NE(html.find("script-src 'none'"), std::string::npos);
}

TEST_F(DossierReportTest, OneApplicationIsRegeneratedAlone) {
  auto summary = Report(kCode);
  ASSERT_TRUE(summary.ok()) << summary.status().message();
  EXPECT_EQ(summary->applications, 1);
  EXPECT_TRUE(std::filesystem::exists(out_ / (std::string(kCode) + ".html")));
  EXPECT_TRUE(std::filesystem::exists(out_ / (std::string(kCode) + ".pdf")));
  EXPECT_FALSE(std::filesystem::exists(out_ / "index.html"));
  EXPECT_FALSE(
      std::filesystem::exists(out_ / (ApplicationFileStem("name:青岛蓝海职业培训学校") + ".html")));

  // A clerk has the unit's name at hand rather than its id.
  auto by_name = Report("青岛蓝海职业培训学校");
  ASSERT_TRUE(by_name.ok()) << by_name.status().message();
  EXPECT_EQ(by_name->applications, 1);
  EXPECT_TRUE(
      std::filesystem::exists(out_ / (ApplicationFileStem("name:青岛蓝海职业培训学校") + ".html")));

  auto unknown = Report("NO-SUCH-APPLICATION");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), ErrorCode::kNotFound);
  EXPECT_NE(unknown.status().message().find("NO-SUCH-APPLICATION"), std::string::npos);
}

// The README's table of finding codes: code → the name reviewers read.
std::vector<std::pair<std::string, std::string>> ReadmeFindingCodes() {
  std::vector<std::pair<std::string, std::string>> out;
  std::istringstream readme(ReadBytes(SourceDir() / "README.md"));
  bool in_table = false;
  for (std::string line; std::getline(readme, line);) {
    if (line.rfind("| code | 名称 |", 0) == 0) in_table = true;
    if (!in_table) continue;
    if (line.rfind("|", 0) != 0) break;
    if (line.rfind("| `", 0) != 0) continue;
    const size_t code_end = line.find("` | ", 3);
    const size_t name_end = line.find(" |", code_end + 4);
    if (code_end == std::string::npos || name_end == std::string::npos) continue;
    out.emplace_back(line.substr(3, code_end - 3),
                     line.substr(code_end + 4, name_end - code_end - 4));
  }
  return out;
}

TEST_F(DossierReportTest, EveryFindingCodeOfTheReadmeIsShownByItsChineseName) {
  const auto codes = ReadmeFindingCodes();
  ASSERT_GE(codes.size(), 9u);
  norm::Application app;
  app.id = kCode;
  app.fields = {Field("unit_name", "济南甲学院", form_, 1)};
  app.document_ids = {form_};
  for (const auto& [code, name] : codes) app.findings.push_back({code, "说明"});
  db_.Save({app});
  ASSERT_TRUE(Report().ok());
  const std::string html = ReadBytes(out_ / (std::string(kCode) + ".html"));
  for (const auto& [code, name] : codes) {
    EXPECT_NE(html.find("<tr><td>" + name + "</td>"), std::string::npos) << code << " " << name;
  }
}

TEST_F(DossierReportTest, SummarySheetReadsBackWithTheProjectsReader) {
  ASSERT_TRUE(Report().ok());
  const std::string bytes = ReadBytes(out_ / "汇总表-济南市人力资源和社会保障局.xlsx");
  auto doc = ReadXlsx(bytes);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  ASSERT_EQ(doc->tables.size(), 2u);
  const Table& sheet = doc->tables[0];
  EXPECT_EQ(sheet.name, "汇总表");
  const char* heads[] = {"序号",     "申报单位名称", "统一社会信用代码", "单位性质",
                         "申报领域", "联系人",       "联系电话",         "备注"};
  for (int c = 0; c < 8; ++c) EXPECT_EQ(doc->CellText(sheet, 2, c), heads[c]) << c;
  EXPECT_EQ(doc->CellText(sheet, 3, 0), "1");
  EXPECT_EQ(doc->CellText(sheet, 3, 1), kScript);
  EXPECT_EQ(doc->CellText(sheet, 3, 2), kCode);
  EXPECT_NE(std::string(doc->CellText(sheet, 3, 7)).find("不符合1项"), std::string::npos);

  const Table& results = doc->tables[1];
  EXPECT_EQ(results.name, "审查结果");
  std::vector<std::string> outcomes;
  for (int r = 1; r < results.rows; ++r) {
    if (doc->CellText(results, r, 3) == "审查项目")
      outcomes.push_back(std::string(doc->CellText(results, r, 4)) + "=" +
                         std::string(doc->CellText(results, r, 6)));
  }
  EXPECT_EQ(outcomes, (std::vector<std::string>{"C1=符合", "C2=不符合", "C6=无法判断"}));
}

TEST_F(DossierReportTest, NeverReadsTheOriginalOfAStructuredFile) {
  // The "DOCX" original holds no DOCX: pictures come from the store.
  ASSERT_TRUE(Report().ok());
  const std::string html = ReadBytes(out_ / (std::string(kCode) + ".html"));
  EXPECT_EQ(html.find("来源图像无法生成"), std::string::npos);
}

TEST(LoadDocumentTest, RebuildsTheDocumentAsSaved) {
  ReportStore db;
  Document doc = FormTable({{"单位名称", "测试学院"}, {"联系人", "李静"}});
  doc.tables[0].name = "Sheet1";
  doc.tables[0].cells[0].col_span = 2;
  doc.warnings = {"第3页无法读取"};
  Page page;
  page.number = 1;
  page.width = 595.5;
  page.height = 842;
  page.method = ReadMethod::kPdfText;
  page.how_read = "text layer";
  doc.pages.push_back(page);
  Span line;
  line.text = "统一社会信用代码 91370100MA3C12345X";
  line.page = 1;
  line.bbox = BBox{72, 100.5, 300, 114};
  line.locator = "page 1 line 1";
  line.method = ReadMethod::kOcr;
  line.confidence = 0.87;
  line.words = {WordBox{"91370100MA3C12345X", BBox{180, 100.5, 300, 114}, 0.8}};
  doc.spans.push_back(line);
  const int64_t id = db.AddDocument("a.pdf", "pdf", "pdf bytes", doc, "application_form");

  auto loaded = db.store().LoadDocument(id);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  ASSERT_EQ(loaded->pages.size(), 1u);
  EXPECT_EQ(loaded->pages[0].width, 595.5);
  EXPECT_EQ(loaded->pages[0].method, ReadMethod::kPdfText);
  EXPECT_EQ(loaded->pages[0].how_read, "text layer");
  ASSERT_EQ(loaded->spans.size(), doc.spans.size());
  for (size_t i = 0; i < doc.spans.size(); ++i) {
    EXPECT_EQ(loaded->spans[i].text, doc.spans[i].text);
    EXPECT_EQ(loaded->spans[i].locator, doc.spans[i].locator);
    EXPECT_EQ(loaded->spans[i].table, doc.spans[i].table);
    EXPECT_EQ(loaded->spans[i].row, doc.spans[i].row);
    EXPECT_EQ(loaded->spans[i].col, doc.spans[i].col);
  }
  const Span& back = loaded->spans.back();
  ASSERT_TRUE(back.bbox.has_value());
  EXPECT_EQ(back.bbox->y0, 100.5);
  EXPECT_EQ(back.method, ReadMethod::kOcr);
  EXPECT_NEAR(back.confidence, 0.87, 1e-9);
  ASSERT_EQ(back.words.size(), 1u);
  EXPECT_EQ(back.words[0].text, "91370100MA3C12345X");
  EXPECT_EQ(back.words[0].bbox.x0, 180);
  ASSERT_EQ(loaded->tables.size(), 1u);
  EXPECT_EQ(loaded->tables[0].name, "Sheet1");
  EXPECT_EQ(loaded->tables[0].cells.size(), doc.tables[0].cells.size());
  EXPECT_EQ(loaded->tables[0].cells[0].col_span, 2);
  EXPECT_EQ(loaded->CellText(loaded->tables[0], 1, 1), "李静");
  EXPECT_EQ(loaded->warnings, doc.warnings);

  auto missing = db.store().LoadDocument(id + 1000);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace dossier::testing
