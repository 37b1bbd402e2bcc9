#include <gtest/gtest.h>

#include <string>

#include "dossier/extract/extractor.h"
#include "support/zip_builder.h"

namespace dossier {
namespace {

using testing::BuildXlsx;
using testing::BuildZip;

Document ReadOk(const std::string& bytes) {
  Result<Document> doc = ReadXlsx(bytes);
  EXPECT_TRUE(doc.ok()) << doc.status().message();
  return doc.ok() ? std::move(doc).value() : Document{};
}

const Span* Find(const Document& doc, const std::string& locator) {
  for (const Span& s : doc.spans) {
    if (s.locator == locator) return &s;
  }
  return nullptr;
}

std::string TextAt(const Document& doc, const std::string& locator) {
  const Span* s = Find(doc, locator);
  return s != nullptr ? s->text : "<no span at " + locator + ">";
}

// Styles: xf 0 General, xf 1 built-in date 14, xf 2 a Chinese custom date,
// xf 3 a time-only format, xf 4 a number format with a literal "d" in quotes.
const char* kStyles =
    R"(<numFmts count="3">)"
    R"(<numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>)"
    R"(<numFmt numFmtId="177" formatCode="[$-F400]h:mm:ss\ AM/PM"/>)"
    R"(<numFmt numFmtId="178" formatCode="0&quot;人 (day)&quot;"/>)"
    R"(</numFmts><cellXfs count="5">)"
    R"(<xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="176"/>)"
    R"(<xf numFmtId="177"/><xf numFmtId="178"/></cellXfs>)";

TEST(XlsxReader, SharedInlineNumberAndDateCells) {
  const std::string shared =
      "<si><t>单位名称</t></si>"
      // Rich text in runs, with a phonetic guide that is not the text.
      "<si><r><t>济南某某</t></r><r><rPr><b/></rPr><t>职业学院</t></r>"
      "<rPh sb=\"0\" eb=\"2\"><t>ジナン</t></rPh><phoneticPr fontId=\"1\"/></si>"
      "<si><t>line_x000D_</t></si>";
  const std::string data =
      R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>)"
      R"(<row r="2"><c r="A2" t="inlineStr"><is><t>培训人数</t></is></c><c r="B2"><v>2500</v></c>)"
      R"(<c r="C2"><v>3.5</v></c><c r="D2"><v>0.25</v></c><c r="E2"><v>2449.9999999999995</v></c></row>)"
      R"(<row r="3"><c r="A3" s="1"><v>45459</v></c><c r="B3" s="2"><v>45459.75</v></c>)"
      R"(<c r="C3" s="3"><v>0.5</v></c><c r="D3" s="4"><v>2000</v></c></row>)"
      R"(<row r="4"><c r="A4" t="str"><f>A1&amp;""</f><v>公式结果</v></c><c r="B4" t="b"><v>1</v></c>)"
      R"(<c r="C4" t="e"><v>#DIV/0!</v></c><c r="D4" s="1"/><c r="E4" t="inlineStr"><is><t>  </t></is></c></row>)"
      R"(<row r="5"><c r="C5"><v>13812345678</v></c><c r="D5"><v>100000000</v></c><c r="E5"><v>-0.125</v></c></row>)"
      R"(<row r="6"><c r="A6" t="d"><v>2024-06-16T00:00:00</v></c></row>)";
  Document doc = ReadOk(BuildXlsx({{"汇总表", data, ""}}, shared, kStyles));

  EXPECT_EQ(TextAt(doc, "汇总表!A1"), "单位名称");
  EXPECT_EQ(TextAt(doc, "汇总表!B1"), "济南某某职业学院");
  EXPECT_EQ(TextAt(doc, "汇总表!A2"), "培训人数");
  EXPECT_EQ(TextAt(doc, "汇总表!B2"), "2500");
  EXPECT_EQ(TextAt(doc, "汇总表!C2"), "3.5");
  EXPECT_EQ(TextAt(doc, "汇总表!D2"), "0.25");
  EXPECT_EQ(TextAt(doc, "汇总表!E2"), "2450") << "read at Excel's 15 significant digits";
  EXPECT_EQ(TextAt(doc, "汇总表!A3"), "2024-06-16");
  EXPECT_EQ(TextAt(doc, "汇总表!B3"), "2024-06-16") << "custom 年月日 format is a date";
  EXPECT_EQ(TextAt(doc, "汇总表!C3"), "0.5") << "a time-only format stays a number";
  EXPECT_EQ(TextAt(doc, "汇总表!D3"), "2000") << "a quoted \"day\" is no date token";
  EXPECT_EQ(TextAt(doc, "汇总表!A4"), "公式结果");
  EXPECT_EQ(TextAt(doc, "汇总表!B4"), "TRUE");
  EXPECT_EQ(Find(doc, "汇总表!C4"), nullptr) << "error values are skipped";
  EXPECT_EQ(Find(doc, "汇总表!D4"), nullptr) << "a styled empty cell is no span";
  EXPECT_EQ(Find(doc, "汇总表!E4"), nullptr) << "a blank string is no span";
  EXPECT_EQ(TextAt(doc, "汇总表!C5"), "13812345678");
  EXPECT_EQ(TextAt(doc, "汇总表!D5"), "100000000");
  EXPECT_EQ(TextAt(doc, "汇总表!E5"), "-0.125");
  EXPECT_EQ(TextAt(doc, "汇总表!A6"), "2024-06-16");

  ASSERT_EQ(doc.tables.size(), 1u);
  const Table& t = doc.tables[0];
  EXPECT_EQ(t.name, "汇总表");
  EXPECT_EQ(t.rows, 6);
  EXPECT_EQ(t.cols, 5);
  EXPECT_EQ(doc.CellText(t, 1, 1), "2500");
  EXPECT_EQ(doc.CellText(t, 3, 3), "");

  const Span* b2 = Find(doc, "汇总表!B2");
  ASSERT_NE(b2, nullptr);
  EXPECT_EQ(b2->method, ReadMethod::kXlsx);
  EXPECT_EQ(b2->table, 0);
  EXPECT_EQ(b2->row, 1);
  EXPECT_EQ(b2->col, 1);
  EXPECT_EQ(b2->page, 0);
  EXPECT_EQ(b2->confidence, 1.0);
  EXPECT_FALSE(b2->bbox.has_value());
  // Row-major order.
  for (size_t i = 1; i < doc.spans.size(); ++i) {
    const Span& a = doc.spans[i - 1];
    const Span& b = doc.spans[i];
    EXPECT_TRUE(a.row < b.row || (a.row == b.row && a.col < b.col)) << a.locator << b.locator;
  }
}

TEST(XlsxReader, DateSystemEdgesAnd1904) {
  const std::string data =
      R"(<row r="1"><c r="A1" s="1"><v>1</v></c><c r="B1" s="1"><v>59</v></c>)"
      R"(<c r="C1" s="1"><v>60</v></c><c r="D1" s="1"><v>61</v></c><c r="E1" s="1"><v>43831</v></c></row>)";
  Document doc = ReadOk(BuildXlsx({{"S", data, ""}}, "", kStyles));
  EXPECT_EQ(TextAt(doc, "S!A1"), "1900-01-01");
  EXPECT_EQ(TextAt(doc, "S!B1"), "1900-02-28");
  EXPECT_EQ(TextAt(doc, "S!C1"), "1900-02-29") << "Excel's fictitious leap day";
  EXPECT_EQ(TextAt(doc, "S!D1"), "1900-03-01");
  EXPECT_EQ(TextAt(doc, "S!E1"), "2020-01-01");

  Document d1904 =
      ReadOk(BuildXlsx({{"S", R"(<row r="1"><c r="A1" s="1"><v>43997</v></c></row>)", ""}}, "",
                       kStyles, /*date1904=*/true));
  EXPECT_EQ(TextAt(d1904, "S!A1"), "2024-06-16");
}

TEST(XlsxReader, MergedCellsSpanFromTheirTopLeft) {
  const std::string data =
      R"(<row r="1"><c r="A1" t="inlineStr"><is><t>山东省专业技术人员继续教育基地申报汇总表</t></is></c></row>)"
      R"(<row r="2"><c r="A2" t="inlineStr"><is><t>序号</t></is></c><c r="B2" t="inlineStr"><is><t>单位</t></is></c>)"
      R"(<c r="D2" t="inlineStr"><is><t>被合并遮住</t></is></c></row>)"
      R"(<row r="3"><c r="A3"><v>1</v></c><c r="B3" t="inlineStr"><is><t>济南某某</t></is></c></row>)";
  const std::string merges =
      R"(<mergeCells count="3"><mergeCell ref="A1:D1"/><mergeCell ref="C2:D3"/>)"
      R"(<mergeCell ref="E5:F6"/></mergeCells>)";
  Document doc = ReadOk(BuildXlsx({{"Sheet1", data, merges}}, "", ""));
  ASSERT_EQ(doc.tables.size(), 1u);
  const Table& t = doc.tables[0];
  EXPECT_EQ(t.rows, 6);
  EXPECT_EQ(t.cols, 6);
  const Cell* title = t.At(0, 3);
  ASSERT_NE(title, nullptr);
  EXPECT_EQ(title, t.At(0, 0));
  EXPECT_EQ(title->col_span, 4);
  EXPECT_EQ(title->row_span, 1);
  EXPECT_EQ(doc.CellText(t, 0, 2), "山东省专业技术人员继续教育基地申报汇总表");
  // A merge whose top-left is blank is still one cell, without text.
  const Cell* blank = t.At(2, 3);
  ASSERT_NE(blank, nullptr);
  EXPECT_EQ(blank->row, 1);
  EXPECT_EQ(blank->col, 2);
  EXPECT_EQ(blank->row_span, 2);
  EXPECT_EQ(blank->col_span, 2);
  EXPECT_EQ(blank->span_id, -1);
  EXPECT_EQ(Find(doc, "Sheet1!D2"), nullptr) << "a value hidden under a merge is not read";
  ASSERT_EQ(doc.warnings.size(), 1u);
  EXPECT_NE(doc.warnings[0].find("D2 lies under a merged cell"), std::string::npos);
  EXPECT_EQ(t.At(3, 0), nullptr);
  EXPECT_EQ(t.At(4, 4), t.At(5, 5));
}

TEST(XlsxReader, SeveralSheetsInWorkbookOrder) {
  Document doc = ReadOk(BuildXlsx(
      {{"汇总表", R"(<row r="1"><c r="A1" t="inlineStr"><is><t>一</t></is></c></row>)", ""},
       {"空表", "", ""},
       {"师资", R"(<row r="2"><c r="C2" t="inlineStr"><is><t>王五</t></is></c></row>)", ""}},
      "", ""));
  ASSERT_EQ(doc.tables.size(), 3u);
  EXPECT_EQ(doc.tables[0].name, "汇总表");
  EXPECT_EQ(doc.tables[1].name, "空表");
  EXPECT_EQ(doc.tables[1].rows, 0);
  EXPECT_EQ(doc.tables[1].cells.size(), 0u);
  EXPECT_EQ(doc.tables[2].name, "师资");
  EXPECT_EQ(doc.tables[2].rows, 2);
  EXPECT_EQ(doc.tables[2].cols, 3);
  ASSERT_EQ(doc.spans.size(), 2u);
  EXPECT_EQ(doc.spans[0].locator, "汇总表!A1");
  EXPECT_EQ(doc.spans[1].locator, "师资!C2");
  EXPECT_EQ(doc.spans[1].table, 2);
  EXPECT_EQ(doc.spans[1].row, 1);
  EXPECT_EQ(doc.spans[1].col, 2);
}

TEST(XlsxReader, CellsWithoutReferencesAndOutOfOrder) {
  // Some writers omit r=; others write cells out of order.
  const std::string data =
      R"(<row><c t="inlineStr"><is><t>a</t></is></c><c t="inlineStr"><is><t>b</t></is></c></row>)"
      R"(<row r="4"><c r="AA4"><v>7</v></c><c r="B4"><v>6</v></c></row>)";
  Document doc = ReadOk(BuildXlsx({{"S", data, ""}}, "", ""));
  EXPECT_EQ(TextAt(doc, "S!A1"), "a");
  EXPECT_EQ(TextAt(doc, "S!B1"), "b");
  EXPECT_EQ(TextAt(doc, "S!AA4"), "7");
  ASSERT_EQ(doc.spans.size(), 4u);
  EXPECT_EQ(doc.spans[2].locator, "S!B4");
  EXPECT_EQ(doc.spans[3].locator, "S!AA4");
  EXPECT_EQ(doc.tables[0].cols, 27);
}

TEST(XlsxReader, MissingWorkbookAndWrongKind) {
  Result<Document> none = ReadXlsx(BuildZip({{"foo.txt", "hello"}}));
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().code(), ErrorCode::kInvalidInput);
  EXPECT_NE(none.status().message().find("找不到 Excel 工作簿的主体部分"), std::string::npos)
      << none.status().message();
  EXPECT_NE(none.status().message().find("xl/workbook.xml"), std::string::npos);

  Result<Document> docx = ReadXlsx(testing::BuildDocx(testing::P("x")));
  ASSERT_FALSE(docx.ok());
  EXPECT_NE(docx.status().message().find("它是 Word 文档，不是 Excel 工作簿"), std::string::npos)
      << docx.status().message();
}

TEST(XlsxReader, MissingSheetPartIsAWarningAndAnEmptyTable) {
  std::string bytes = BuildZip(
      {{"xl/workbook.xml",
        R"(<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Gone" sheetId="1" r:id="rId9"/></sheets></workbook>)"}});
  Document doc = ReadOk(bytes);
  ASSERT_EQ(doc.tables.size(), 1u);
  EXPECT_EQ(doc.tables[0].name, "Gone");
  ASSERT_EQ(doc.warnings.size(), 1u);
  EXPECT_NE(doc.warnings[0].find("sheet Gone has no content"), std::string::npos);
}

}  // namespace
}  // namespace dossier
