#include "dossier/extract/document.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace dossier
