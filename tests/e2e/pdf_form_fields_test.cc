// A form made as a PDF (text layer) and as a scan (image only, OCR) reads
// into the same fields through normalize's unchanged label → value pairing:
// what extract gives for PDF pages is what the field reader needs.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "dossier/extract/extractor.h"
#include "dossier/normalize/analysis.h"
#include "extract/pdf_test_util.h"

namespace dossier {
namespace {

using testing::DrawTable;
using testing::DrawText;

const std::vector<std::vector<std::string>> kRows = {
    {"单位名称", "济南市某某职业学院"},
    {"统一社会信用代码", "12370000MB0012345R"},
    {"法定代表人", "王建国"},
    {"邮政编码", "250014"},
    {"手机", "13812345678"},
    {"专职教师人数", "45"},
};

// The form: a title, the ruled table, a "label：value" line under it.
void DrawForm(cairo_t* cr, std::vector<BBox>* boxes) {
  DrawText(cr, 130, 50, "山东省专业技术人员继续教育基地申报表", 16);
  *boxes = DrawTable(cr, 60, 100, {160, 300}, 30, kRows, 12);
  DrawText(cr, 60, 300, "联系人：李华", 12);
}

std::map<std::string, norm::FieldReading> Fields(const Document& doc) {
  std::map<std::string, norm::FieldReading> out;
  for (norm::FieldReading& f : norm::ReadFormFields(doc)) out[f.key] = f;
  return out;
}

TEST(PdfFormFields, TextLayerFormPairsLabelsWithValueCells) {
  std::vector<BBox> boxes;
  std::string pdf = testing::MakePdf(1, [&](cairo_t* cr, int) { DrawForm(cr, &boxes); });
  Result<Document> doc = ReadPdf(pdf);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  auto fields = Fields(*doc);
  EXPECT_EQ(fields["unit_name"].value, "济南市某某职业学院");
  EXPECT_EQ(fields["credit_code"].value, "12370000MB0012345R");
  EXPECT_EQ(fields["legal_rep"].value, "王建国");
  EXPECT_EQ(fields["postcode"].value, "250014");
  EXPECT_EQ(fields["contact_mobile"].value, "13812345678");
  EXPECT_EQ(fields["faculty_fulltime"].value, 45);
  EXPECT_EQ(fields["contact_name"].value, "李华");
  const norm::FieldReading& unit = fields["unit_name"];
  ASSERT_GE(unit.span_id, 0);
  const Span& span = doc->spans[unit.span_id];
  EXPECT_EQ(span.locator, "page 1 table 1 row 1 cell 2");
  EXPECT_EQ(span.method, ReadMethod::kPdfText);
  ASSERT_TRUE(span.bbox);
  EXPECT_NEAR(span.bbox->x0, boxes[1].x0, 3);
  EXPECT_NEAR(span.bbox->y1, boxes[1].y1, 4);
  EXPECT_EQ(norm::Classify(*doc).kind, norm::kApplicationForm);
}

TEST(PdfFormFields, ScannedFormIsOcrdAndPairsByCell) {
  // The same form drawn at 200 dpi into an image, skewed by 1°, and put in a
  // PDF as its only content.
  const double dpi = 200, scale = dpi / 72;
  std::vector<BBox> boxes;
  cairo_surface_t* image = testing::MakeImage(static_cast<int>(595 * scale),
                                              static_cast<int>(842 * scale), [&](cairo_t* cr) {
                                                cairo_rotate(cr, -1.0 * 3.14159265 / 180);
                                                cairo_scale(cr, scale, scale);
                                                DrawForm(cr, &boxes);
                                              });
  std::string pdf = testing::ImagePdf(image, 595, 842);
  cairo_surface_destroy(image);

  Result<Document> doc = ReadPdf(pdf);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  ASSERT_EQ(doc->pages.size(), 1u);
  EXPECT_EQ(doc->pages[0].how_read, "OCR: no text layer");
  EXPECT_EQ(doc->pages[0].method, ReadMethod::kOcr);
  EXPECT_NEAR(doc->pages[0].width, 595, 1);
  ASSERT_EQ(doc->tables.size(), 1u);
  EXPECT_EQ(doc->tables[0].rows, 6);
  EXPECT_EQ(doc->tables[0].cols, 2);

  auto fields = Fields(*doc);
  EXPECT_EQ(fields["unit_name"].value, "济南市某某职业学院");
  EXPECT_EQ(fields["credit_code"].value, "12370000MB0012345R");
  EXPECT_EQ(fields["legal_rep"].value, "王建国");
  EXPECT_EQ(fields["postcode"].value, "250014");
  EXPECT_EQ(fields["contact_mobile"].value, "13812345678");
  EXPECT_EQ(fields["faculty_fulltime"].value, 45);
  EXPECT_EQ(fields["contact_name"].value, "李华");

  const norm::FieldReading& postcode = fields["postcode"];
  ASSERT_GE(postcode.span_id, 0);
  const Span& span = doc->spans[postcode.span_id];
  EXPECT_EQ(span.locator, "page 1 table 1 row 4 cell 2");
  EXPECT_EQ(span.method, ReadMethod::kOcr);
  EXPECT_GT(span.confidence, 0.5);
  ASSERT_TRUE(span.bbox);
  // In points, on the page, where the value was drawn (the 1° turn moves the
  // value cell at most a few points).
  const BBox& drawn = boxes[7];
  EXPECT_NEAR(testing::Cx(*span.bbox), testing::Cx(drawn), 8);
  EXPECT_NEAR(testing::Cy(*span.bbox), testing::Cy(drawn) - (testing::Cx(drawn) * 0.01745), 8);
}

}  // namespace
}  // namespace dossier
