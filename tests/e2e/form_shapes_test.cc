// Forms in shapes the first samples did not have (issue 12), read through
// the real readers into fields: a DOCX whose trainees cell holds a nested
// year table, and a 200 dpi scan with large Chinese numerals, full-width
// digits with units and a long label beside its year cells.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "dossier/extract/extractor.h"
#include "dossier/normalize/analysis.h"
#include "extract/pdf_test_util.h"
#include "support/zip_builder.h"

namespace dossier {
namespace {

std::map<std::string, norm::FieldReading> Fields(const Document& doc) {
  std::map<std::string, norm::FieldReading> out;
  for (norm::FieldReading& f : norm::ReadFormFields(doc)) out[f.key] = f;
  return out;
}

std::string Tc(const std::string& inner) { return "<w:tc>" + inner + "</w:tc>"; }

std::string Row(const std::vector<std::string>& cells) {
  std::string out = "<w:tr>";
  for (const std::string& c : cells) out += Tc(c);
  return out + "</w:tr>";
}

std::string Tbl(int cols, const std::string& rows) {
  std::string grid = "<w:tblGrid>";
  for (int i = 0; i < cols; ++i) grid += "<w:gridCol/>";
  return "<w:tbl>" + grid + "</w:tblGrid>" + rows + "</w:tbl>";
}

TEST(FormShapes, DocxTraineesInATableNestedInTheValueCell) {
  using testing::P;
  const std::string years = Tbl(4, Row({P("年度"), P("2021年"), P("2022年"), P("2023年")}) +
                                       Row({P("培训人数"), P("7100"), P("１３６００"), P("8800")}));
  const std::string form = P("山东省专业技术人员继续教育基地申报表") +
                           Tbl(2, Row({P("单位名称"), P("济南明德职业学院")}) +
                                      Row({P("近三年年培训专业技术人才人数"), years + "<w:p/>"}) +
                                      Row({P("2023年培训项目数"), P("45")}));
  Result<Document> doc = ReadDocx(testing::BuildDocx(form));
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  auto fields = Fields(*doc);
  EXPECT_EQ(fields["trainees_2021"].value, 7100);
  EXPECT_EQ(fields["trainees_2022"].value, 13600);
  EXPECT_EQ(fields["trainees_2023"].value, 8800);
  EXPECT_EQ(fields["programs_2023"].value, 45);
  ASSERT_GE(fields["trainees_2022"].span_id, 0);
  EXPECT_EQ(doc->spans[static_cast<size_t>(fields["trainees_2022"].span_id)].locator,
            "table 1 row 2 cell 2 > table 1 row 2 cell 3");
}

TEST(FormShapes, ScanWithChineseNumeralsFullWidthDigitsAndALongLabel) {
  const std::vector<std::vector<std::string>> rows = {
      {"单位名称", "济南明德职业学院", "", ""},
      {"法定代表人", "王建国", "管理人员人数", "１２人"},
      {"专职教师人数", "二千七百三十人", "兼职教师人数", "一万二千"},
      {"年度继续教育经费（万元）", "４０７．６万元", "教学场地面积", "２５６３３平方米"},
      {"近三年年培训专业技术人才人数", "2021年", "2022年", "2023年"},
      {"", "一万四千四百五十五", "一万三千零一十八", "１３６００人"},
  };
  const double dpi = 200, scale = dpi / 72;
  cairo_surface_t* image = testing::MakeImage(
      static_cast<int>(595 * scale), static_cast<int>(842 * scale), [&](cairo_t* cr) {
        cairo_scale(cr, scale, scale);
        testing::DrawText(cr, 130, 50, "山东省专业技术人员继续教育基地申报表", 16);
        testing::DrawTable(cr, 40, 100, {150, 120, 110, 120}, 34, rows, 10.5);
      });
  std::string pdf = testing::ImagePdf(image, 595, 842);
  cairo_surface_destroy(image);
  Result<Document> doc = ReadPdf(pdf);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  auto fields = Fields(*doc);
  EXPECT_EQ(fields["legal_rep"].value, "王建国");
  EXPECT_EQ(fields["mgmt_staff"].value, 12);
  EXPECT_EQ(fields["faculty_fulltime"].value, 2730);
  EXPECT_EQ(fields["faculty_parttime"].value, 12000);
  EXPECT_EQ(fields["annual_budget"].value, 407.6);
  EXPECT_EQ(fields["classroom_area"].value, 25633);
  EXPECT_EQ(fields["trainees_2021"].value, 14455);
  EXPECT_EQ(fields["trainees_2022"].value, 13018);
  EXPECT_EQ(fields["trainees_2023"].value, 13600);
  for (const char* key : {"trainees_2021", "annual_budget"}) {
    ASSERT_GE(fields[key].span_id, 0) << key;
    const Span& span = doc->spans[static_cast<size_t>(fields[key].span_id)];
    EXPECT_EQ(span.method, ReadMethod::kOcr);
    EXPECT_EQ(span.page, 1);
    EXPECT_TRUE(span.bbox.has_value()) << key;
  }
}

}  // namespace
}  // namespace dossier
