#include "dossier/extract/document.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace dossier {
namespace {

TEST(Document, MethodNamesRoundTrip) {
  EXPECT_EQ(MethodName(ReadMethod::kDocx), "docx");
  EXPECT_EQ(MethodName(ReadMethod::kXlsx), "xlsx");
  EXPECT_EQ(MethodName(ReadMethod::kPdfText), "pdf-text");
  EXPECT_EQ(MethodName(ReadMethod::kOcr), "ocr");
  for (ReadMethod m :
       {ReadMethod::kDocx, ReadMethod::kXlsx, ReadMethod::kPdfText, ReadMethod::kOcr}) {
    EXPECT_EQ(MethodFromName(MethodName(m)), m);
  }
  EXPECT_FALSE(MethodFromName("pdf").has_value());
  EXPECT_FALSE(MethodFromName("").has_value());
}

TEST(Document, TableAtResolvesMergesInAnyCellOrder) {
  Document doc;
  doc.spans.resize(2);
  doc.spans[0].text = "标题";
  doc.spans[1].text = "张三";
  Table t;
  t.rows = 3;
  t.cols = 3;
  // Deliberately not row-major: a reader (PDF, OCR) may fill cells in any order.
  auto cell = [](int row, int col, int row_span, int col_span, int span_id) {
    Cell c;
    c.row = row;
    c.col = col;
    c.row_span = row_span;
    c.col_span = col_span;
    c.span_id = span_id;
    return c;
  };
  t.cells.push_back(cell(2, 2, 1, 1, 1));
  t.cells.push_back(cell(0, 0, 2, 2, 0));
  t.cells.push_back(cell(2, 0, 1, 1, -1));
  ASSERT_NE(t.At(1, 1), nullptr);
  EXPECT_EQ(t.At(1, 1)->span_id, 0);
  EXPECT_EQ(t.At(0, 1), t.At(1, 0));
  EXPECT_EQ(t.At(0, 2), nullptr) << "not covered by any cell";
  EXPECT_EQ(t.At(3, 0), nullptr) << "outside the table";
  EXPECT_EQ(t.At(-1, 0), nullptr);
  EXPECT_EQ(doc.CellText(t, 1, 0), "标题");
  EXPECT_EQ(doc.CellText(t, 2, 2), "张三");
  EXPECT_EQ(doc.CellText(t, 2, 0), "") << "a cell without text";
  EXPECT_EQ(doc.CellText(t, 0, 2), "");
}

// An OCR line "法定代表人 周立新 住所 青岛市城阳区" as a licence prints it:
// label and value in one span, words placed 20 points a character.
Span LicenceLine() {
  Span span;
  span.text = "法定代表人 周立新  住所 青岛市城阳区";
  span.bbox = BBox{100, 50, 100 + 20 * 19, 70};
  double x = 100;
  for (const char* w : {"法定代表人", "周立新", "住所", "青岛市城阳区"}) {
    const double width = 20.0 * (std::string(w).size() / 3);
    span.words.push_back({w, BBox{x, 50, x + width, 70}, 0.9});
    x += width + 20;
  }
  return span;
}

TEST(Document, APartsBoxIsItsCharactersNotTheWholeLine) {
  const Span span = LicenceLine();
  const std::optional<BBox> name = PartBox(span, "周立新");
  ASSERT_TRUE(name.has_value());
  EXPECT_DOUBLE_EQ(name->x0, 220);
  EXPECT_DOUBLE_EQ(name->x1, 280);
  EXPECT_DOUBLE_EQ(name->y0, 50);
  EXPECT_DOUBLE_EQ(name->y1, 70);
  // A value running on over the next lines: placed by what this line holds.
  const std::optional<BBox> address = PartBox(span, "青岛市城阳区锦安东路99号");
  ASSERT_TRUE(address.has_value());
  EXPECT_DOUBLE_EQ(address->x0, 360);
  EXPECT_DOUBLE_EQ(address->x1, 480);
}

// "山东重润安全技术学院" as a photo's OCR read it: 重 (for 鲁) alone unsure.
Span UnitNameLine() {
  Span span;
  span.text = "单位名称 山东重润 安全技术学院";
  double x = 0;
  for (auto [w, c] : std::vector<std::pair<const char*, double>>{{"单位名称", 0.95},
                                                                 {"山东", 0.93},
                                                                 {"重", 0.57},
                                                                 {"润", 0.92},
                                                                 {"安全技术", 0.96},
                                                                 {"学院", 0.93}}) {
    const double width = 20.0 * (std::string(w).size() / 3);
    span.words.push_back({w, BBox{x, 0, x + width, 20}, c});
    x += width;
  }
  return span;
}

TEST(Document, APartIsAsSureAsItsLeastSureCharacter) {
  const Span span = UnitNameLine();
  EXPECT_DOUBLE_EQ(PartConfidence(span, "山东重润安全技术学院").value_or(-1), 0.57);
  // Spaces do not matter: the value may be joined from its pieces.
  EXPECT_DOUBLE_EQ(PartConfidence(span, "山东重润 安全技术学院").value_or(-1), 0.57);
  // The label's words are not the value's.
  EXPECT_DOUBLE_EQ(PartConfidence(span, "安全技术学院").value_or(-1), 0.93);
  // A part begun inside a word takes that word's confidence.
  EXPECT_DOUBLE_EQ(PartConfidence(span, "东重").value_or(-1), 0.57);
}

TEST(Document, APartsConfidenceIsNoneWhereTheWordsDoNotPlaceIt) {
  const Span span = UnitNameLine();
  EXPECT_FALSE(PartConfidence(span, "李四").has_value());
  EXPECT_FALSE(PartConfidence(span, "  ").has_value());
  Span twice = span;  // the part stands twice: which one was meant is unknown
  twice.text += " 山东";
  twice.words.push_back({"山东", BBox{300, 0, 340, 20}, 0.3});
  EXPECT_FALSE(PartConfidence(twice, "山东").has_value());
  Span docx;
  docx.text = span.text;
  EXPECT_FALSE(PartConfidence(docx, "山东重润").has_value());
}

TEST(Document, APartBoxIsNoneWhereTheSpansOwnBoxStands) {
  const Span span = LicenceLine();
  EXPECT_FALSE(PartBox(span, span.text).has_value());  // the whole line
  EXPECT_FALSE(PartBox(span, "李四").has_value());     // not in it
  EXPECT_FALSE(PartBox(span, "").has_value());
  Span unplaced = span;  // words that do not make up the text
  unplaced.words.pop_back();
  unplaced.words.push_back({"别的", BBox{0, 0, 1, 1}, 1});
  EXPECT_FALSE(PartBox(unplaced, "周立新").has_value());
  Span docx;  // no words at all
  docx.text = span.text;
  EXPECT_FALSE(PartBox(docx, "周立新").has_value());
}

}  // namespace
}  // namespace dossier
