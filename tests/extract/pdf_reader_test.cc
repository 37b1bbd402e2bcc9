#include <gtest/gtest.h>

#include <cstdio>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "dossier/common/text.h"
#include "dossier/common/whole_file.h"
#include "dossier/extract/extractor.h"
#include "extract/pdf_test_util.h"

namespace dossier {
namespace {

using testing::DrawTable;
using testing::DrawText;
using testing::MakePdf;

Document ReadOk(const std::string& bytes, const ExtractLimits& limits = {}) {
  Result<Document> doc = ReadPdf(bytes, limits);
  EXPECT_TRUE(doc.ok()) << doc.status().message();
  return doc.ok() ? std::move(doc).value() : Document{};
}

const Span* SpanAt(const Document& doc, const std::string& locator) {
  for (const Span& s : doc.spans)
    if (s.locator == locator) return &s;
  ADD_FAILURE() << "no span at " << locator;
  return nullptr;
}

// The last span that holds `text`; null if none.
const Span* SpanContaining(const Document& doc, std::string_view text) {
  const Span* found = nullptr;
  for (const Span& s : doc.spans)
    if (s.text.find(text) != std::string::npos) found = &s;
  return found;
}

// A text-layer box b covers the ink box d of the drawn text (points): the
// same left and right ends, and the line's height, which holds the ink and is
// at most `size` taller (ascent and descent of the font).
void ExpectCovers(const BBox& b, const BBox& d, double size) {
  EXPECT_NEAR(b.x0, d.x0, 1.5);
  EXPECT_NEAR(b.x1, d.x1, 1.5);
  EXPECT_LE(b.y0, d.y0 + 0.5);
  EXPECT_GE(b.y1, d.y1 - 0.5);
  EXPECT_LE((b.y1 - b.y0) - (d.y1 - d.y0), size);
}

TEST(PdfReader, RuledTableOfATextLayerBecomesCellsWithTheirBoxes) {
  std::vector<BBox> drawn;
  BBox title;
  std::string pdf = MakePdf(1, [&](cairo_t* cr, int) {
    title = DrawText(cr, 150, 60, "继续教育基地申报表", 18);
    drawn = DrawTable(cr, 60, 120, {150, 330}, 28,
                      {{"单位名称", "济南市某某职业学院"},
                       {"统一社会信用代码", "12370000MB0000000X"},
                       {"联系人", "张三"}},
                      11);
    DrawText(cr, 60, 240, "填表说明：本表一式两份", 11);
  });
  Document doc = ReadOk(pdf);
  ASSERT_EQ(doc.pages.size(), 1u);
  EXPECT_EQ(doc.pages[0].how_read, "text layer");
  EXPECT_EQ(doc.pages[0].method, ReadMethod::kPdfText);
  EXPECT_NEAR(doc.pages[0].width, 595, 0.5);
  EXPECT_NEAR(doc.pages[0].height, 842, 0.5);

  const Span* t = SpanAt(doc, "page 1 line 1");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->text, "继续教育基地申报表");
  ASSERT_TRUE(t->bbox);
  ExpectCovers(*t->bbox, title, 18);

  ASSERT_EQ(doc.tables.size(), 1u);
  const Table& table = doc.tables[0];
  EXPECT_EQ(table.page, 1);
  EXPECT_EQ(table.rows, 3);
  EXPECT_EQ(table.cols, 2);
  EXPECT_EQ(doc.CellText(table, 0, 1), "济南市某某职业学院");
  EXPECT_EQ(doc.CellText(table, 1, 0), "统一社会信用代码");
  EXPECT_EQ(doc.CellText(table, 1, 1), "12370000MB0000000X");
  EXPECT_EQ(doc.CellText(table, 2, 1), "张三");

  const Span* value = SpanAt(doc, "page 1 table 1 row 2 cell 2");
  ASSERT_TRUE(value);
  EXPECT_EQ(value->method, ReadMethod::kPdfText);
  EXPECT_EQ(value->page, 1);
  EXPECT_EQ(value->row, 1);
  EXPECT_EQ(value->col, 1);
  EXPECT_DOUBLE_EQ(value->confidence, 1.0);
  ASSERT_TRUE(value->bbox);
  ExpectCovers(*value->bbox, drawn[3], 11);
  ASSERT_FALSE(value->words.empty());

  const Span* note = SpanAt(doc, "page 1 line 2");
  ASSERT_TRUE(note);
  EXPECT_EQ(note->text, "填表说明：本表一式两份");
  EXPECT_EQ(note->table, -1);
}

// A label wider than its cell, centred in it, spills past the table's outer
// border (年 of 年度继续教育经费 left of the rule, as office suites print it):
// what spills is the cell's, and nothing of it is a line of its own.
TEST(PdfReader, ALabelSpillingPastTheTablesBorderStaysInItsCell) {
  std::string pdf = MakePdf(1, [&](cairo_t* cr, int) {
    DrawTable(cr, 60, 120, {130, 200}, 28, {{"", "28"}, {"固定教室数量", "135"}}, 11);
    DrawText(cr, 52, 127, "年度继续教育经费（万元）", 11);
  });
  Document doc = ReadOk(pdf);
  ASSERT_EQ(doc.tables.size(), 1u);
  EXPECT_EQ(doc.CellText(doc.tables[0], 0, 0), "年度继续教育经费（万元）");
  EXPECT_EQ(doc.CellText(doc.tables[0], 0, 1), "28");
  for (const Span& s : doc.spans) EXPECT_NE(s.table, -1) << "a line of its own: " << s.text;
}

TEST(PdfReader, WideGapsInALineSeparateLabelledPieces) {
  std::string pdf = MakePdf(1, [&](cairo_t* cr, int) {
    DrawText(cr, 60, 100, "联系人：张三", 11);
    DrawText(cr, 260, 100, "联系电话：0531-88886666", 11);
  });
  Document doc = ReadOk(pdf);
  ASSERT_EQ(doc.spans.size(), 1u);
  EXPECT_EQ(doc.spans[0].text, "联系人：张三  联系电话：0531-88886666");
  EXPECT_EQ(doc.spans[0].words.size(), 2u);
}

TEST(PdfReader, MergedCellsAndPagesKeepTheirPlaces) {
  std::string pdf = MakePdf(2, [&](cairo_t* cr, int page) {
    if (page == 1) {
      DrawText(cr, 60, 60, "第一页", 12);
      return;
    }
    // Three columns; the first row's value spans the last two.
    testing::Line(cr, 60, 100, 460, 100);
    testing::Line(cr, 60, 130, 460, 130);
    testing::Line(cr, 60, 160, 460, 160);
    testing::Line(cr, 60, 100, 60, 160);
    testing::Line(cr, 200, 100, 200, 160);
    testing::Line(cr, 330, 130, 330, 160);  // only in the second row
    testing::Line(cr, 460, 100, 460, 160);
    DrawText(cr, 66, 106, "单位地址", 11);
    DrawText(cr, 206, 106, "济南市历下区经十路1号", 11);
    DrawText(cr, 66, 136, "邮政编码", 11);
    DrawText(cr, 206, 136, "250000", 11);
    DrawText(cr, 336, 136, "手机", 11);
  });
  Document doc = ReadOk(pdf);
  ASSERT_EQ(doc.pages.size(), 2u);
  ASSERT_EQ(doc.tables.size(), 1u);
  const Table& t = doc.tables[0];
  EXPECT_EQ(t.page, 2);
  EXPECT_EQ(t.cols, 3);
  const Cell* merged = t.At(0, 2);
  ASSERT_TRUE(merged);
  EXPECT_EQ(merged->col, 1);
  EXPECT_EQ(merged->col_span, 2);
  EXPECT_EQ(doc.CellText(t, 0, 2), "济南市历下区经十路1号");
  EXPECT_EQ(doc.CellText(t, 1, 2), "手机");
  const Span* s = SpanAt(doc, "page 2 table 1 row 2 cell 3");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->page, 2);
  ASSERT_TRUE(SpanAt(doc, "page 1 line 1"));
}

// The rule under the first row's value lost (a photo's faded piece, here
// never drawn), the value's position joins the row below down one side and
// the row's label position across: no rectangle. The row below, one list
// written across both columns, stays one cell, and the value its own.
TEST(PdfReader, AValueWithoutTheRuleUnderItKeepsTheWideRowBelowWhole) {
  std::string pdf = MakePdf(1, [&](cairo_t* cr, int) {
    testing::Line(cr, 60, 100, 460, 100);
    testing::Line(cr, 60, 130, 200, 130);  // under the label only
    testing::Line(cr, 60, 160, 460, 160);
    testing::Line(cr, 60, 100, 60, 160);
    testing::Line(cr, 200, 100, 200, 130);  // only in the first row
    testing::Line(cr, 460, 100, 460, 160);
    DrawText(cr, 66, 106, "管理部门", 11);
    DrawText(cr, 206, 106, "培训管理办公室", 11);
    DrawText(cr, 66, 136, "教学组织管理  学员考核管理  培训经费管理  后勤保障管理", 11);
  });
  Document doc = ReadOk(pdf);
  ASSERT_EQ(doc.tables.size(), 1u);
  const Span* list = SpanContaining(doc, "教学组织管理");
  const Span* value = SpanContaining(doc, "培训管理办公室");
  ASSERT_NE(list, nullptr);
  EXPECT_NE(list->text.find("后勤保障管理"), std::string::npos) << list->text;
  EXPECT_EQ(list->col, 0);
  ASSERT_NE(value, nullptr);
  EXPECT_EQ(value->text.find("管理部门"), std::string::npos) << value->text;
  EXPECT_EQ(value->text.find("教学组织管理"), std::string::npos) << value->text;
}

// A rule drawn inside a value cell (a small table of years in it, its own
// column rules not drawn) crosses no rule of the form's table, and spans
// most of its width: no border of the form's, which runs from side to side.
TEST(PdfReader, ARuleInsideAValueCellIsNoBorderOfTheFormsTable) {
  std::string pdf = MakePdf(1, [&](cairo_t* cr, int) {
    testing::Line(cr, 60, 100, 460, 100);
    testing::Line(cr, 60, 160, 460, 160);
    testing::Line(cr, 60, 190, 460, 190);
    testing::Line(cr, 60, 100, 60, 190);
    testing::Line(cr, 160, 100, 160, 190);
    testing::Line(cr, 460, 100, 460, 190);
    testing::Line(cr, 170, 130, 450, 130);  // inside the value cell
    DrawText(cr, 66, 120, "培训人数", 11);
    DrawText(cr, 176, 110, "2021年  2022年  2023年", 11);
    DrawText(cr, 176, 138, "1234人次  580人  1475人", 11);
    DrawText(cr, 66, 166, "培训班次", 11);
    DrawText(cr, 176, 166, "24", 11);
  });
  Document doc = ReadOk(pdf);
  ASSERT_EQ(doc.tables.size(), 1u);
  EXPECT_EQ(doc.tables[0].rows, 2);
  const Span* years = SpanContaining(doc, "2021");
  ASSERT_NE(years, nullptr);
  EXPECT_NE(years->text.find("1234"), std::string::npos) << years->text;
}

// A certificate's double border whose inner line is broken at its top (a
// stamp or the title touched it) and whose inner sides merged with the
// outer ones: the frame has no column inside, so the broken line is no row
// of a table and the certificate's text is read as lines.
TEST(PdfReader, ACertificatesBrokenInnerBorderIsNoRowOfATable) {
  std::string pdf = MakePdf(1, [&](cairo_t* cr, int) {
    testing::Line(cr, 40, 40, 560, 40);
    testing::Line(cr, 40, 400, 560, 400);
    testing::Line(cr, 40, 40, 40, 400);
    testing::Line(cr, 560, 40, 560, 400);
    testing::Line(cr, 46, 46, 200, 46);  // the inner top, broken
    testing::Line(cr, 240, 46, 554, 46);
    testing::Line(cr, 46, 394, 554, 394);
    DrawText(cr, 220, 70, "民办非企业单位登记证书", 16);
    DrawText(cr, 80, 120, "统一社会信用代码 52370211MJ0518K338", 11);
    DrawText(cr, 80, 150, "名    称  青岛蓝海职业培训学校", 11);
    DrawText(cr, 80, 180, "住    所  山东省青岛市黄岛区长江西路166号", 11);
  });
  Document doc = ReadOk(pdf);
  EXPECT_TRUE(doc.tables.empty());
  ASSERT_TRUE(SpanAt(doc, "page 1 line 1"));
  const Span* address = SpanContaining(doc, "长江西路");
  ASSERT_NE(address, nullptr);
  EXPECT_EQ(address->text.find("蓝海"), std::string::npos) << address->text;
}

// Every field of two documents, in order.
void ExpectSameDocument(const Document& a, const Document& b) {
  ASSERT_EQ(a.pages.size(), b.pages.size());
  for (size_t i = 0; i < a.pages.size(); ++i) {
    EXPECT_EQ(a.pages[i].number, b.pages[i].number);
    EXPECT_EQ(a.pages[i].width, b.pages[i].width);
    EXPECT_EQ(a.pages[i].height, b.pages[i].height);
    EXPECT_EQ(a.pages[i].method, b.pages[i].method);
    EXPECT_EQ(a.pages[i].how_read, b.pages[i].how_read);
  }
  auto same_box = [](const BBox& x, const BBox& y) {
    return x.x0 == y.x0 && x.y0 == y.y0 && x.x1 == y.x1 && x.y1 == y.y1;
  };
  ASSERT_EQ(a.spans.size(), b.spans.size());
  for (size_t i = 0; i < a.spans.size(); ++i) {
    const Span& x = a.spans[i];
    const Span& y = b.spans[i];
    EXPECT_EQ(x.text, y.text) << i;
    EXPECT_EQ(x.page, y.page) << i;
    EXPECT_EQ(x.locator, y.locator) << i;
    EXPECT_EQ(x.method, y.method) << i;
    EXPECT_EQ(x.confidence, y.confidence) << i;
    EXPECT_EQ(x.table, y.table) << i;
    EXPECT_EQ(x.row, y.row) << i;
    EXPECT_EQ(x.col, y.col) << i;
    ASSERT_EQ(x.bbox.has_value(), y.bbox.has_value()) << i;
    if (x.bbox) {
      EXPECT_TRUE(same_box(*x.bbox, *y.bbox)) << i;
    }
    ASSERT_EQ(x.words.size(), y.words.size()) << i;
    for (size_t w = 0; w < x.words.size(); ++w) {
      EXPECT_EQ(x.words[w].text, y.words[w].text);
      EXPECT_TRUE(same_box(x.words[w].bbox, y.words[w].bbox));
      EXPECT_EQ(x.words[w].confidence, y.words[w].confidence);
    }
  }
  ASSERT_EQ(a.tables.size(), b.tables.size());
  for (size_t t = 0; t < a.tables.size(); ++t) {
    EXPECT_EQ(a.tables[t].page, b.tables[t].page);
    EXPECT_EQ(a.tables[t].rows, b.tables[t].rows);
    EXPECT_EQ(a.tables[t].cols, b.tables[t].cols);
    ASSERT_EQ(a.tables[t].cells.size(), b.tables[t].cells.size());
    for (size_t c = 0; c < a.tables[t].cells.size(); ++c) {
      const Cell& x = a.tables[t].cells[c];
      const Cell& y = b.tables[t].cells[c];
      EXPECT_EQ(x.row, y.row);
      EXPECT_EQ(x.col, y.col);
      EXPECT_EQ(x.row_span, y.row_span);
      EXPECT_EQ(x.col_span, y.col_span);
      EXPECT_EQ(x.span_id, y.span_id) << "table " << t << " cell " << c;
    }
  }
  EXPECT_EQ(a.warnings, b.warnings);
}

// A large scan's page jobs (docs/capacity.md) each read some of its pages;
// joined in page order they must be the document read whole.
TEST(PdfReader, PagesReadInPartsAndJoinedAreTheWholeRead) {
  std::string pdf = MakePdf(4, [&](cairo_t* cr, int page) {
    DrawText(cr, 60, 60, "第" + std::to_string(page) + "页 申请人 张三", 12);
    if (page % 2 == 0) {
      DrawTable(cr, 60, 120, {140, 260}, 30,
                {{"单位名称", "山东省第" + std::to_string(page) + "中学"}, {"邮政编码", "250000"}},
                11);
    }
  });
  Document whole = ReadOk(pdf);
  ASSERT_EQ(whole.pages.size(), 4u);
  ASSERT_EQ(whole.tables.size(), 2u);
  Document joined;
  for (auto [first, last] : {std::pair{1, 1}, std::pair{2, 3}, std::pair{4, 4}}) {
    Result<Document> part = ReadPdfPages(pdf, first, last);
    ASSERT_TRUE(part.ok()) << part.status().message();
    ASSERT_EQ(part->pages.size(), static_cast<size_t>(last - first + 1));
    EXPECT_EQ(part->pages.front().number, first);
    AppendDocument(std::move(part).value(), &joined);
  }
  ExpectSameDocument(joined, whole);
  EXPECT_EQ(joined.CellText(joined.tables[1], 0, 1), "山东省第4中学");
}

// A page job its reader refused, or gave up on, is kept as its pages not
// read; joined with the others, the rules of a whole read apply to the file.
TEST(PdfReader, PagesNotReadAreKeptWithTheirReasonWhenOthersWereRead) {
  std::string pdf = MakePdf(4, [&](cairo_t* cr, int page) {
    DrawText(cr, 60, 60, "第" + std::to_string(page) + "页 申请人 张三", 12);
  });
  Result<Document> first = ReadPdfPages(pdf, 1, 1);
  ASSERT_TRUE(first.ok()) << first.status().message();
  std::vector<Document> parts;
  parts.push_back(std::move(first).value());
  parts.push_back(PdfPagesNotRead(2, 4, "gave up after 3 attempts"));
  ExtractLimits limits;
  limits.max_warnings = 2;
  Result<Document> joined = JoinPdfPages(std::move(parts), limits);
  ASSERT_TRUE(joined.ok()) << joined.status().message();
  ASSERT_EQ(joined->pages.size(), 4u);
  EXPECT_EQ(joined->pages[0].how_read.rfind("not read", 0), std::string::npos);
  EXPECT_EQ(joined->pages[3].number, 4);
  EXPECT_EQ(joined->pages[3].how_read, "not read: gave up after 3 attempts");
  ASSERT_FALSE(joined->spans.empty());
  EXPECT_EQ(joined->spans[0].page, 1);
  // Capped once more over the whole file.
  EXPECT_EQ(joined->warnings,
            (std::vector<std::string>{"page 2 could not be read: gave up after 3 attempts",
                                      "and 2 more warnings"}));
}

TEST(PdfReader, PagesJoinedOfWhichNoneWasReadAreRefusedAsAWholeReadIs) {
  std::vector<Document> parts;
  parts.push_back(PdfPagesNotRead(1, 2, "the page's content is damaged"));
  parts.push_back(PdfPagesNotRead(3, 3, "timed out"));
  Result<Document> joined = JoinPdfPages(std::move(parts));
  ASSERT_FALSE(joined.ok());
  EXPECT_EQ(joined.status().reason_code(), "damaged");
  EXPECT_NE(joined.status().message().find("the page's content is damaged"), std::string::npos)
      << joined.status().message();
}

TEST(PdfReader, PagesOutsideTheFileAreRefused) {
  std::string pdf = MakePdf(2, [&](cairo_t* cr, int) { DrawText(cr, 60, 60, "第一页", 12); });
  for (auto [first, last] : {std::pair{0, 1}, std::pair{2, 3}, std::pair{2, 1}}) {
    Result<Document> part = ReadPdfPages(pdf, first, last);
    ASSERT_FALSE(part.ok()) << first << "-" << last;
    EXPECT_EQ(part.status().code(), ErrorCode::kInvalidInput);
  }
}

// A minimal hand-written PDF, for what Cairo never writes (invisible text,
// symbol fonts). `more_fonts` adds resources after /F1 (Helvetica), e.g.
// "/F2 6 0 R", whose objects `more_objects` gives, numbered from 6.
std::string RawPdf(const std::string& content, const std::string& more_fonts = "",
                   const std::vector<std::string>& more_objects = {}) {
  std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
      "/Resources << /Font << /F1 5 0 R " +
          more_fonts + " >> >> >>",
      "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"};
  objects.insert(objects.end(), more_objects.begin(), more_objects.end());
  std::string out = "%PDF-1.4\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(out.size());
    out += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  size_t xref = out.size();
  out += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t off : offsets) {
    char line[32];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", off);
    out += line;
  }
  out += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
         " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return out;
}

TEST(PdfReader, InvisibleTextLayerIsNotTrustedButOcrd) {
  std::string content;
  for (int i = 0; i < 5; ++i)
    content += "BT /F1 12 Tf 3 Tr 72 " + std::to_string(700 - i * 20) +
               " Td (An invisible OCR layer says nothing true) Tj ET\n";
  Document doc = ReadOk(RawPdf(content));
  ASSERT_EQ(doc.pages.size(), 1u);
  EXPECT_EQ(doc.pages[0].method, ReadMethod::kOcr);
  EXPECT_EQ(doc.pages[0].how_read.rfind("OCR: text layer is invisible (100%", 0), 0u)
      << doc.pages[0].how_read;
  for (const Span& s : doc.spans) EXPECT_EQ(s.text.find("invisible"), std::string::npos);
}

TEST(PdfReader, VisibleTextOfARawPdfIsRead) {
  Document doc = ReadOk(RawPdf("BT /F1 12 Tf 72 700 Td (Plain visible words) Tj ET\n"));
  ASSERT_EQ(doc.pages.size(), 1u);
  EXPECT_EQ(doc.pages[0].how_read, "text layer");
  ASSERT_EQ(doc.spans.size(), 1u);
  EXPECT_EQ(doc.spans[0].text, "Plain visible words");
  ASSERT_TRUE(doc.spans[0].bbox);
  EXPECT_NEAR(doc.spans[0].bbox->x0, 72, 1);
  // 700 points up from the bottom is 142 down from the top; the box holds the baseline.
  EXPECT_LT(doc.spans[0].bbox->y0, 842 - 700);
  EXPECT_GT(doc.spans[0].bbox->y1, 842 - 700);
}

// A symbol font as Word writes it into a PDF: a TrueType font whose
// ToUnicode gives the glyph's private-use code point (U+F000 + its byte).
std::vector<std::string> SymbolFontObjects(const std::string& name, int first_object,
                                           unsigned char code) {
  char hex[3];
  std::snprintf(hex, sizeof hex, "%02X", code);
  const std::string cmap =
      "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Symbol-UCS "
      "def /CMapType 2 def 1 begincodespacerange <00> <FF> endcodespacerange 1 beginbfchar <" +
      std::string(hex) + "> <F0" + hex +
      "> endbfchar endcmap CMapName currentdict /CMap defineresource pop end end";
  const std::string n = std::to_string(first_object);
  return {"<< /Type /Font /Subtype /TrueType /BaseFont /" + name + " /FirstChar " +
              std::to_string(code) + " /LastChar " + std::to_string(code) +
              " /Widths [800] /FontDescriptor " + std::to_string(first_object + 1) +
              " 0 R /ToUnicode " + std::to_string(first_object + 2) + " 0 R >>",
          "<< /Type /FontDescriptor /FontName /" + name +
              " /Flags 4 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 900 /Descent -200 "
              "/CapHeight 700 /StemV 80 >>",
          "<< /Length " + std::to_string(cmap.size()) + " >>\nstream\n" + cmap + "\nendstream"};
}

TEST(PdfReader, CrossesOfSymbolFontsReadAsCrosses) {
  // Wingdings 0xFB and Wingdings 2 0x51 are the ✗ of forms' "not met" boxes;
  // a DOCX reads them as ✗, and its PDF must too.
  std::vector<std::string> objects = SymbolFontObjects("ABCDEF+Wingdings-Regular", 6, 0xFB);
  std::vector<std::string> w2 = SymbolFontObjects("GHIJKL+Wingdings2", 9, 0x51);
  objects.insert(objects.end(), w2.begin(), w2.end());
  Document doc =
      ReadOk(RawPdf("BT /F1 12 Tf 72 700 Td (Member of staff ) Tj /F2 12 Tf <FB> Tj ET\n"
                    "BT /F1 12 Tf 72 660 Td (Licence expired ) Tj /F3 12 Tf <51> Tj ET\n",
                    "/F2 6 0 R /F3 9 0 R", objects));
  ASSERT_EQ(doc.pages.size(), 1u);
  EXPECT_EQ(doc.pages[0].how_read, "text layer");
  ASSERT_EQ(doc.spans.size(), 2u);
  EXPECT_EQ(doc.spans[0].text, "Member of staff \u2717");
  EXPECT_EQ(doc.spans[1].text, "Licence expired \u2717");
}

TEST(PdfReader, APdfIsNeverRefusedForItsLength) {
  std::string pdf = MakePdf(
      6, [](cairo_t* cr, int p) { DrawText(cr, 60, 60, "第" + std::to_string(p) + "页", 12); });
  ExtractLimits limits;
  limits.max_pages = 5;  // a multi-page TIFF's limit, not a PDF's
  Result<Document> doc = ReadPdf(pdf, limits);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->pages.size(), 6u);
}

TEST(PdfReader, TruncatedPdfIsRejectedOrKeptWithItsBadPagesNamed) {
  std::string pdf = MakePdf(3, [](cairo_t* cr, int p) {
    DrawText(cr, 60, 60, "第" + std::to_string(p) + "页的内容", 12);
  });
  // Cut in the middle: the cross-reference table and later objects are gone.
  Result<Document> doc = ReadPdf(pdf.substr(0, pdf.size() / 2));
  if (doc.ok()) {
    EXPECT_FALSE(doc->warnings.empty());
  } else {
    EXPECT_EQ(doc.status().reason_code(), "damaged") << doc.status().message();
  }
  // Cut right after the header: nothing to read.
  Result<Document> truncated = ReadPdf(pdf.substr(0, 40));
  ASSERT_FALSE(truncated.ok());
  EXPECT_EQ(truncated.status().reason_code(), "damaged");
  EXPECT_NE(truncated.status().message().find("PDF 已损坏"), std::string::npos)
      << truncated.status().message();
}

TEST(PdfReader, GarbageAfterThePdfHeaderIsRejected) {
  std::string junk = "%PDF-1.7\n";
  for (int i = 0; i < 5000; ++i) junk += static_cast<char>((i * 7919) % 251);
  Result<Document> doc = ReadPdf(junk);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), ErrorCode::kInvalidInput);
  EXPECT_NE(doc.status().message().find("PDF 已损坏"), std::string::npos);
}

TEST(PdfReader, PasswordProtectedPdfIsRejected) {
  // tests/fixtures/pdf/encrypted.pdf: one page, user password "secret"
  // (reportlab: canvas.Canvas(..., encrypt="secret")).
  std::string path = std::string(DOSSIER_SOURCE_DIR) + "/tests/fixtures/pdf/encrypted.pdf";
  FILE* f = std::fopen(path.c_str(), "rb");
  ASSERT_TRUE(f) << path;
  std::string bytes;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) bytes.append(buf, n);
  std::fclose(f);
  Result<Document> doc = ReadPdf(bytes);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().reason_code(), "encrypted_pdf");
  EXPECT_EQ(doc.status().message(), "PDF 设有打开密码，无法读取，请去掉密码后重新提交");
  // The same through the type router the pipeline uses.
  Result<Document> routed = ExtractFile("pdf", bytes, "x.pdf");
  ASSERT_FALSE(routed.ok());
  EXPECT_EQ(routed.status().reason_code(), "encrypted_pdf");
}

}  // namespace
}  // namespace dossier

namespace dossier {
namespace {

// A PDF of tests/fixtures/ocr/, read.
Result<Document> ReadFixturePdf(const std::string& name) {
  Result<std::string> bytes =
      ReadWholeFile(std::string(DOSSIER_SOURCE_DIR) + "/tests/fixtures/ocr/" + name, 1 << 22);
  if (!bytes.ok()) return bytes.status();
  return ReadPdf(*bytes);
}

// The text of the cells right of the last table cell whose text, without
// spaces, holds `label`; nullopt when no cell does.
std::optional<std::string> ValueInLabelsRow(const Document& doc, const std::string& label) {
  int label_table = -1, label_row = -1;
  for (const Span& s : doc.spans)
    if (s.table >= 0 && text::RemoveSpaces(s.text).find(label) != std::string::npos)
      label_table = s.table, label_row = s.row;
  if (label_row < 0) return std::nullopt;
  std::string value;
  for (const Span& s : doc.spans)
    if (s.table == label_table && s.row == label_row && s.col > 0) value += s.text;
  return value;
}

// tests/fixtures/ocr/facilities_scan_200dpi.pdf: page 4 of a package the
// evaluation's generator scanned at 200 dpi with specks (development seed
// 13), whose classroom cell holds a lone bold "3间". The gray re-readings of
// that cell found no digit at all; they saw nothing, and must not outvote
// the reading that saw the 3.
TEST(PdfReader, ALoneDigitReadOnceIsNotOutvotedByReadingsThatSawNothing) {
  Result<Document> doc = ReadFixturePdf("facilities_scan_200dpi.pdf");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  const std::optional<std::string> value = ValueInLabelsRow(*doc, "教室");
  ASSERT_TRUE(value);
  EXPECT_EQ(value->substr(0, 1), "3") << *value;
}

// tests/fixtures/ocr/signing_area_scan_200dpi.pdf: the last page of a form
// the evaluation's generator scanned (development seed 56, scan0015.pdf):
// tables above, the signing area below them under a gray seal. Layout
// analysis read only the representative's line of it; the page's table
// cells show it is print, so the ink left unread is read again, and the
// form's date is there for the reviewer.
TEST(PdfReader, TheSigningAreaBelowAScannedFormsTablesIsRead) {
  Result<Document> doc = ReadFixturePdf("signing_area_scan_200dpi.pdf");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  std::string outside_tables;
  for (const Span& s : doc->spans)
    if (s.table < 0) outside_tables += text::RemoveSpaces(s.text) + "\n";
  EXPECT_NE(outside_tables.find("2024年6月20"), std::string::npos) << outside_tables;
  EXPECT_NE(outside_tables.find("法定代表人"), std::string::npos) << outside_tables;
}

// tests/fixtures/ocr/none_mark_scan.pdf: page 2 of a scanned form
// (development seed 66, Scan_20240625_143350.pdf) whose platform's name is
// written as none, "/". Its line reading saw a 7; a block's reading that
// only repeats it must not outvote the gray's "/".
TEST(PdfReader, AScannedMarkForNoneIsNoDigitItsLineReadingSaw) {
  Result<Document> doc = ReadFixturePdf("none_mark_scan.pdf");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  const std::optional<std::string> value = ValueInLabelsRow(*doc, "网络培训平台名称");
  ASSERT_TRUE(value);
  EXPECT_EQ(text::RemoveSpaces(*value), "/") << *value;
}

}  // namespace
}  // namespace dossier
