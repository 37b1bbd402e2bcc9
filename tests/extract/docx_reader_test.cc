#include <gtest/gtest.h>

#include <string>

#include "dossier/extract/extractor.h"
#include "support/zip_builder.h"

namespace dossier {
namespace {

using testing::BuildDocx;
using testing::BuildZip;
using testing::P;

Document ReadOk(const std::string& bytes) {
  Result<Document> doc = ReadDocx(bytes);
  EXPECT_TRUE(doc.ok()) << doc.status().message();
  return doc.ok() ? std::move(doc).value() : Document{};
}

// Finds the span with that locator; fails the test if there is none.
const Span& SpanAt(const Document& doc, const std::string& locator) {
  for (const Span& s : doc.spans) {
    if (s.locator == locator) return s;
  }
  static const Span kNone;
  ADD_FAILURE() << "no span at " << locator;
  return kNone;
}

std::string Cell(const std::string& inner, const std::string& tc_pr = "") {
  return "<w:tc>" + (tc_pr.empty() ? "" : "<w:tcPr>" + tc_pr + "</w:tcPr>") + inner + "</w:tc>";
}

TEST(DocxReader, ParagraphsGetOneSpanEachNumberedOverAllBodyParagraphs) {
  Document doc = ReadOk(BuildDocx(
      P("申报单位基本情况") + "<w:p/>" + P("   ") +
      "<w:p><w:r><w:t>联系电话</w:t><w:tab/><w:t>0531</w:t><w:noBreakHyphen/>"
      "<w:t>88886666</w:t></w:r></w:p>"
      "<w:p><w:r><w:t>第一行</w:t><w:br/><w:t>第二行</w:t></w:r></w:p>"
      "<w:p><w:r><w:t>人数：</w:t></w:r><w:del><w:r><w:delText>1800</w:delText></w:r></w:del>"
      "<w:ins><w:r><w:t>2500</w:t></w:r></w:ins>"
      "<w:hyperlink><w:r><w:t>人</w:t></w:r></w:hyperlink></w:p>"));

  ASSERT_EQ(doc.spans.size(), 4u);
  EXPECT_EQ(doc.spans[0].text, "申报单位基本情况");
  EXPECT_EQ(doc.spans[0].locator, "paragraph 1");
  // Blank paragraphs 2 and 3 give no span but are counted.
  EXPECT_EQ(doc.spans[1].locator, "paragraph 4");
  EXPECT_EQ(doc.spans[1].text, "联系电话\t0531-88886666");
  EXPECT_EQ(doc.spans[2].locator, "paragraph 5");
  EXPECT_EQ(doc.spans[2].text, "第一行\n第二行");
  EXPECT_EQ(doc.spans[3].locator, "paragraph 6");
  EXPECT_EQ(doc.spans[3].text, "人数：2500人") << "deleted text must not be read";

  for (const Span& s : doc.spans) {
    EXPECT_EQ(s.method, ReadMethod::kDocx);
    EXPECT_EQ(s.page, 0);
    EXPECT_FALSE(s.bbox.has_value());
    EXPECT_EQ(s.confidence, 1.0);
    EXPECT_EQ(s.table, -1);
  }
  EXPECT_TRUE(doc.tables.empty());
  EXPECT_TRUE(doc.warnings.empty());
}

TEST(DocxReader, TableGridResolvesGridSpanVMergeAndGridBefore) {
  const std::string table =
      "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
      // Row 1: a cell two grid columns wide, then one.
      "<w:tr>" +
      Cell(P("单位名称"), "<w:gridSpan w:val=\"2\"/>") + Cell(P("济南某某职业学院")) +
      "</w:tr>"
      // Rows 2-3: 联系人 merged down over two rows.
      "<w:tr>" +
      Cell(P("联系人"), "<w:vMerge w:val=\"restart\"/>") + Cell(P("张三")) + Cell(P("电话")) +
      "</w:tr>"
      "<w:tr>" +
      Cell("<w:p/>", "<w:vMerge/>") + Cell(P("李四")) + Cell(P("0531-1234")) +
      "</w:tr>"
      // Row 4: one grid column skipped before the first cell.
      "<w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>" +
      Cell(P("备注") + P("无"), "<w:gridSpan w:val=\"2\"/>") + "</w:tr></w:tbl>";
  Document doc = ReadOk(BuildDocx(P("表一") + table + P("填表日期")));

  ASSERT_EQ(doc.tables.size(), 1u);
  const Table& t = doc.tables[0];
  EXPECT_EQ(t.rows, 4);
  EXPECT_EQ(t.cols, 3);
  EXPECT_EQ(t.name, "");
  EXPECT_EQ(t.page, 0);

  // The wide cell covers grid columns 0 and 1.
  ASSERT_NE(t.At(0, 0), nullptr);
  EXPECT_EQ(t.At(0, 0), t.At(0, 1));
  EXPECT_EQ(t.At(0, 0)->col_span, 2);
  EXPECT_EQ(doc.CellText(t, 0, 1), "单位名称");
  EXPECT_EQ(doc.CellText(t, 0, 2), "济南某某职业学院");
  // The vertical merge covers rows 1 and 2 of column 0; the continuation has no cell.
  ASSERT_NE(t.At(1, 0), nullptr);
  EXPECT_EQ(t.At(1, 0), t.At(2, 0));
  EXPECT_EQ(t.At(1, 0)->row_span, 2);
  EXPECT_EQ(doc.CellText(t, 2, 0), "联系人");
  EXPECT_EQ(doc.CellText(t, 2, 1), "李四");
  // gridBefore leaves column 0 of row 3 uncovered.
  EXPECT_EQ(t.At(3, 0), nullptr);
  EXPECT_EQ(doc.CellText(t, 3, 2), "备注\n无");
  EXPECT_EQ(t.At(4, 0), nullptr);
  EXPECT_EQ(t.At(0, 3), nullptr);
  EXPECT_EQ(t.cells.size(), 8u);

  // Locators count w:tr and w:tc as written; span row/col are grid positions.
  const Span& name_value = SpanAt(doc, "table 1 row 1 cell 2");
  EXPECT_EQ(name_value.text, "济南某某职业学院");
  EXPECT_EQ(name_value.table, 0);
  EXPECT_EQ(name_value.row, 0);
  EXPECT_EQ(name_value.col, 2);
  const Span& lisi = SpanAt(doc, "table 1 row 3 cell 2");
  EXPECT_EQ(lisi.text, "李四");
  EXPECT_EQ(lisi.row, 2);
  EXPECT_EQ(lisi.col, 1);
  const Span& note = SpanAt(doc, "table 1 row 4 cell 1");
  EXPECT_EQ(note.row, 3);
  EXPECT_EQ(note.col, 1);
  EXPECT_EQ(doc.spans[t.At(3, 1)->span_id].locator, "table 1 row 4 cell 1");

  // Reading order: paragraph, the table's cells, paragraph (counted over
  // body paragraphs only, so the second is paragraph 2).
  ASSERT_EQ(doc.spans.size(), 10u);
  EXPECT_EQ(doc.spans.front().locator, "paragraph 1");
  EXPECT_EQ(doc.spans[1].locator, "table 1 row 1 cell 1");
  EXPECT_EQ(doc.spans.back().locator, "paragraph 2");
  EXPECT_EQ(doc.spans.back().text, "填表日期");
}

TEST(DocxReader, EmptyCellsHaveNoSpan) {
  const std::string table = "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid><w:tr>" +
                            Cell(P("姓名")) + Cell("<w:p/>") + "</w:tr></w:tbl>";
  Document doc = ReadOk(BuildDocx(table));
  ASSERT_EQ(doc.tables.size(), 1u);
  ASSERT_EQ(doc.tables[0].cells.size(), 2u);
  EXPECT_EQ(doc.tables[0].cells[1].span_id, -1);
  EXPECT_EQ(doc.CellText(doc.tables[0], 0, 1), "");
  EXPECT_EQ(doc.spans.size(), 1u);
}

TEST(DocxReader, CheckboxGlyphsWrittenAsTextStayAsWritten) {
  const std::string glyphs = "☑教学组织管理 □学员考核管理 √培训登记 ■后勤 ☐跟踪 ✓a ✔b ☒c";
  Document doc = ReadOk(BuildDocx(P(glyphs)));
  ASSERT_EQ(doc.spans.size(), 1u);
  EXPECT_EQ(doc.spans[0].text, glyphs);
}

std::string CheckboxControl(const std::string& checked_val, const std::string& shown_glyph) {
  return "<w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val=\"" + checked_val +
         "\"/><w14:checkedState w14:val=\"2612\" w14:font=\"MS Gothic\"/>"
         "<w14:uncheckedState w14:val=\"2610\" w14:font=\"MS Gothic\"/></w14:checkbox>"
         "</w:sdtPr><w:sdtContent><w:r><w:rPr><w:rFonts w:ascii=\"MS Gothic\" "
         "w:eastAsia=\"MS Gothic\" w:hAnsi=\"MS Gothic\"/></w:rPr><w:t>" +
         shown_glyph + "</w:t></w:r></w:sdtContent></w:sdt>";
}

TEST(DocxReader, CheckboxContentControlsBecomeOneCanonicalGlyph) {
  Document doc =
      ReadOk(BuildDocx("<w:p>" + CheckboxControl("1", "☒") + "<w:r><w:t>教学组织管理 </w:t></w:r>" +
                       CheckboxControl("0", "☐") + "<w:r><w:t>学员考核管理 </w:t></w:r>" +
                       CheckboxControl("true", "☒") + "<w:r><w:t>培训经费管理</w:t></w:r></w:p>"));
  ASSERT_EQ(doc.spans.size(), 1u);
  EXPECT_EQ(doc.spans[0].text, "☑教学组织管理 ☐学员考核管理 ☑培训经费管理");
}

TEST(DocxReader, CheckboxContentControlInATableCell) {
  const std::string table = "<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid><w:tr><w:tc><w:p>" +
                            CheckboxControl("0", "☐") + "<w:r><w:t>有网络培训平台</w:t></w:r>" +
                            "</w:p></w:tc></w:tr></w:tbl>";
  Document doc = ReadOk(BuildDocx(table));
  EXPECT_EQ(doc.CellText(doc.tables.at(0), 0, 0), "☐有网络培训平台");
}

TEST(DocxReader, LegacyFormFieldCheckboxes) {
  auto field = [](const std::string& ff) {
    return "<w:r><w:fldChar w:fldCharType=\"begin\"><w:ffData><w:name w:val=\"Check1\"/>"
           "<w:enabled/><w:checkBox><w:sizeAuto/>" +
           ff +
           "</w:checkBox></w:ffData></w:fldChar></w:r>"
           "<w:r><w:instrText xml:space=\"preserve\"> FORMCHECKBOX </w:instrText></w:r>"
           "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
           "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>";
  };
  Document doc = ReadOk(BuildDocx(
      "<w:p>" + field("<w:default w:val=\"1\"/>") + "<w:r><w:t>专职</w:t></w:r>" +
      field("<w:default w:val=\"0\"/>") + "<w:r><w:t>兼职</w:t></w:r>" +
      field("<w:default w:val=\"1\"/><w:checked w:val=\"0\"/>") + "<w:r><w:t>外聘</w:t></w:r>" +
      field("<w:default w:val=\"0\"/><w:checked/>") + "<w:r><w:t>返聘</w:t></w:r></w:p>"));
  ASSERT_EQ(doc.spans.size(), 1u);
  EXPECT_EQ(doc.spans[0].text, "☑专职☐兼职☐外聘☑返聘");
}

TEST(DocxReader, SymbolFontCheckboxesAreMapped) {
  Document doc = ReadOk(BuildDocx(
      "<w:p><w:r><w:sym w:font=\"Wingdings\" w:char=\"F0FE\"/><w:t>是</w:t></w:r>"
      "<w:r><w:sym w:font=\"Wingdings\" w:char=\"F0A8\"/><w:t>否</w:t></w:r></w:p>"
      "<w:p><w:r><w:rPr><w:rFonts w:ascii=\"Wingdings 2\" w:hAnsi=\"Wingdings 2\"/></w:rPr>"
      "<w:t>R</w:t></w:r><w:r><w:t>有</w:t></w:r>"
      "<w:r><w:rPr><w:rFonts w:ascii=\"Wingdings 2\" w:hAnsi=\"Wingdings 2\"/></w:rPr>"
      "<w:t>£</w:t></w:r><w:r><w:t>无</w:t></w:r></w:p>"
      "<w:p><w:r><w:sym w:font=\"MS Gothic\" w:char=\"2611\"/><w:t>同意</w:t></w:r></w:p>"));
  ASSERT_EQ(doc.spans.size(), 3u);
  EXPECT_EQ(doc.spans[0].text, "☑是□否");
  EXPECT_EQ(doc.spans[1].text, "☑有□无");
  EXPECT_EQ(doc.spans[2].text, "☑同意");
}

TEST(DocxReader, NestedTableIsATableOfItsOwnAndItsTextJoinsTheOuterCell) {
  const std::string nested =
      "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>"
      "<w:tr>" +
      Cell(P("姓名")) + Cell(P("职称")) +
      "</w:tr>"
      "<w:tr>" +
      Cell(P("王五")) + Cell(P("教授")) + "</w:tr></w:tbl>";
  const std::string outer = "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid><w:tr>" +
                            Cell(P("师资队伍")) + Cell(P("名单如下") + nested + "<w:p/>") +
                            "</w:tr></w:tbl>";
  const std::string second =
      "<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid><w:tr>" + Cell(P("第二张表")) + "</w:tr></w:tbl>";
  Document doc = ReadOk(BuildDocx(outer + second));

  ASSERT_EQ(doc.tables.size(), 3u) << "outer, nested, second";
  EXPECT_EQ(doc.tables[0].rows, 1);
  EXPECT_EQ(doc.tables[0].cols, 2);
  EXPECT_EQ(doc.CellText(doc.tables[0], 0, 1), "名单如下\n姓名\t职称\n王五\t教授");
  EXPECT_EQ(SpanAt(doc, "table 1 row 1 cell 2").text, "名单如下\n姓名\t职称\n王五\t教授");
  EXPECT_EQ(doc.tables[1].rows, 2);
  EXPECT_EQ(doc.tables[1].cols, 2);
  EXPECT_EQ(doc.CellText(doc.tables[1], 1, 1), "教授");
  const Span& inner = SpanAt(doc, "table 1 row 1 cell 2 > table 1 row 2 cell 2");
  EXPECT_EQ(inner.text, "教授");
  EXPECT_EQ(inner.table, 1);
  EXPECT_EQ(inner.row, 1);
  EXPECT_EQ(inner.col, 1);
  // The body's second table keeps its number though a nested one came first.
  const Span& second_span = SpanAt(doc, "table 2 row 1 cell 1");
  EXPECT_EQ(second_span.text, "第二张表");
  EXPECT_EQ(second_span.table, 2);
  const std::vector<int> parents = doc.ParentSpans();
  ASSERT_EQ(parents.size(), 3u);
  EXPECT_EQ(parents[0], -1);
  ASSERT_GE(parents[1], 0);
  EXPECT_EQ(doc.spans[static_cast<size_t>(parents[1])].locator, "table 1 row 1 cell 2");
  EXPECT_EQ(parents[2], -1);
}

TEST(DocxReader, TablesNestedSeveralLevelsDeepAreEachATable) {
  auto table = [](const std::string& a, const std::string& b) {
    return "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid><w:tr>" + Cell(a) + Cell(b) +
           "</w:tr></w:tbl>";
  };
  const std::string level3 = table(P("年度"), P("2021年"));
  const std::string level2 = table(P("外"), P("中") + level3);
  const std::string level1 = table(P("标签"), level2 + "<w:p/>");
  Document doc = ReadOk(BuildDocx(level1));
  ASSERT_EQ(doc.tables.size(), 3u);
  const Span& deepest =
      SpanAt(doc, "table 1 row 1 cell 2 > table 1 row 1 cell 2 > table 1 row 1 cell 2");
  EXPECT_EQ(deepest.text, "2021年");
  EXPECT_EQ(deepest.table, 2);
  EXPECT_EQ(SpanAt(doc, "table 1 row 1 cell 2 > table 1 row 1 cell 2").text, "中\n年度\t2021年");
  const std::vector<int> parents = doc.ParentSpans();
  EXPECT_EQ(doc.spans[static_cast<size_t>(parents[2])].locator,
            "table 1 row 1 cell 2 > table 1 row 1 cell 2");
}

TEST(DocxReader, HostileNestingDepthIsReadAsTextBeyondTheLimit) {
  std::string inner = P("最深处");
  for (int level = 0; level < 40; ++level)
    inner = "<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid><w:tr>" + Cell(inner + "<w:p/>") +
            "</w:tr></w:tbl>";
  Document doc = ReadOk(BuildDocx(inner));
  EXPECT_LE(doc.tables.size(), 17u);
  EXPECT_GE(doc.tables.size(), 2u);
  EXPECT_NE(doc.spans.front().text.find("最深处"), std::string::npos);
}

TEST(DocxReader, BlockContentControlsAndTextBoxes) {
  const std::string textbox =
      "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wp:anchor "
      "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\">"
      "<wps:txbx xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\">"
      "<w:txbxContent>" +
      P("盖章处") +
      "</w:txbxContent></wps:txbx></wp:anchor></w:drawing>"
      "</mc:Choice><mc:Fallback><w:pict><v:textbox xmlns:v=\"urn:schemas-microsoft-com:vml\">"
      "<w:txbxContent>" +
      P("盖章处") +
      "</w:txbxContent></v:textbox></w:pict></mc:Fallback>"
      "</mc:AlternateContent></w:r>";
  Document doc = ReadOk(BuildDocx("<w:sdt><w:sdtPr/><w:sdtContent>" + P("推荐单位") +
                                  "</w:sdtContent></w:sdt>" +
                                  "<w:p><w:r><w:t>申报单位</w:t></w:r>" + textbox + "</w:p>"));
  ASSERT_EQ(doc.spans.size(), 2u);
  EXPECT_EQ(doc.spans[0].locator, "paragraph 1");
  EXPECT_EQ(doc.spans[0].text, "推荐单位");
  EXPECT_EQ(doc.spans[1].locator, "paragraph 2");
  EXPECT_EQ(doc.spans[1].text, "申报单位\n盖章处") << "the text box is read once";
}

TEST(DocxReader, MissingDocumentPartIsNamed) {
  Result<Document> doc = ReadDocx(BuildZip({{"[Content_Types].xml", testing::kDocxContentTypes},
                                            {"docProps/app.xml", "<Properties/>"}}));
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(doc.status().reason_code(), "damaged");
  EXPECT_NE(doc.status().message().find("找不到 Word 文档的正文部分"), std::string::npos)
      << doc.status().message();
  EXPECT_NE(doc.status().message().find("word/document.xml"), std::string::npos);
}

TEST(DocxReader, WorkbookGivenAsDocumentIsNamed) {
  Result<Document> doc = ReadDocx(BuildZip({{"xl/workbook.xml", "<workbook/>"}}));
  ASSERT_FALSE(doc.ok());
  EXPECT_NE(doc.status().message().find("它是 Excel 工作簿，不是 Word 文档"), std::string::npos)
      << doc.status().message();
}

TEST(DocxReader, DamagedXmlNamesThePart) {
  Result<Document> doc = ReadDocx(BuildZip(
      {{"word/document.xml",
        "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
        "<w:body><w:p></w:body></w:document>"}}));
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), ErrorCode::kInvalidInput);
  EXPECT_NE(doc.status().message().find("word/document.xml 部分的 XML 不完整或有错"),
            std::string::npos)
      << doc.status().message();
}

TEST(DocxReader, WarningsAreCapped) {
  // Each pair of rows: a row that leaves grid column 0 empty, then a cell that
  // claims to continue a vertical merge in column 0, which has nothing above.
  std::string rows;
  for (int i = 0; i < 20; ++i) {
    rows += "<w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>" + Cell(P("b")) + "</w:tr>";
    rows += "<w:tr>" + Cell(P("x"), "<w:vMerge/>") + "</w:tr>";
  }
  ExtractLimits limits;
  limits.max_warnings = 5;
  Result<Document> doc = ReadDocx(
      BuildDocx("<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>" + rows + "</w:tbl>"),
      limits);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  ASSERT_EQ(doc->warnings.size(), 5u);
  EXPECT_NE(doc->warnings[0].find("table 1 row 2 cell 1 continues a vertical merge with no cell"),
            std::string::npos)
      << doc->warnings[0];
  EXPECT_NE(doc->warnings.back().find("only the first 4 are listed"), std::string::npos)
      << doc->warnings.back();
  // The orphan continuations are still read as cells of their own.
  EXPECT_EQ(doc->CellText(doc->tables.at(0), 1, 0), "x");
}

}  // namespace
}  // namespace dossier
