// Building documents by hand for the normalize tests, the way the readers do.
#pragma once

#include <string>
#include <vector>

#include "dossier/extract/document.h"

namespace dossier::testing {

struct CellSpec {
  std::string text;
  int row_span = 1;
  int col_span = 1;
};

class DocBuilder {
 public:
  // Starts a page: what follows is on it, read from a text layer, as a PDF
  // reader gives it. Without a page, spans have none (DOCX).
  DocBuilder& Page() {
    ++page_;
    doc_.pages.push_back(dossier::Page{page_, 595, 842, ReadMethod::kPdfText, "text layer"});
    return *this;
  }

  DocBuilder& Paragraph(const std::string& text) {
    ++paragraphs_;
    if (text.empty()) return *this;
    Span s;
    s.text = text;
    s.locator = "paragraph " + std::to_string(paragraphs_);
    OnPage(s);
    doc_.spans.push_back(s);
    return *this;
  }

  // Rows of cells on a grid; merged cells are given once with their spans
  // and the grid positions they cover are skipped.
  DocBuilder& Table(const std::vector<std::vector<CellSpec>>& rows) { return Table(rows, ""); }

  // A table nested in the cell located at `parent` ("table 1 row 3 cell 2"),
  // as the DOCX reader gives it: its spans located "PARENT > table K row R
  // cell C". The parent cell must already exist.
  DocBuilder& Nested(const std::string& parent, int k,
                     const std::vector<std::vector<CellSpec>>& rows) {
    return Table(rows, parent + " > table " + std::to_string(k));
  }

  DocBuilder& Table(const std::vector<std::vector<CellSpec>>& rows, const std::string& prefix) {
    dossier::Table table;
    const int t = static_cast<int>(doc_.tables.size());
    std::vector<std::vector<bool>> covered(rows.size() + 8, std::vector<bool>(64, false));
    int max_col = 0;
    for (size_t r = 0; r < rows.size(); ++r) {
      int col = 0;
      int index_in_row = 0;
      for (const CellSpec& spec : rows[r]) {
        while (covered[r][col]) ++col;
        Cell cell;
        cell.row = static_cast<int>(r);
        cell.col = col;
        cell.row_span = spec.row_span;
        cell.col_span = spec.col_span;
        ++index_in_row;
        if (!spec.text.empty()) {
          Span s;
          s.text = spec.text;
          s.table = t;
          s.row = cell.row;
          s.col = cell.col;
          s.locator = (prefix.empty() ? "table " + std::to_string(t + 1) : prefix) + " row " +
                      std::to_string(r + 1) + " cell " + std::to_string(index_in_row);
          OnPage(s);
          cell.span_id = static_cast<int>(doc_.spans.size());
          doc_.spans.push_back(s);
        }
        for (int dr = 0; dr < spec.row_span; ++dr)
          for (int dc = 0; dc < spec.col_span; ++dc) covered[r + dr][col + dc] = true;
        table.cells.push_back(cell);
        col += spec.col_span;
        max_col = std::max(max_col, col);
      }
    }
    table.page = page_;
    table.rows = static_cast<int>(rows.size());
    table.cols = max_col;
    doc_.tables.push_back(table);
    return *this;
  }

  Document Build() const { return doc_; }

 private:
  void OnPage(Span& s) const {
    if (page_ == 0) return;
    s.page = page_;
    s.method = ReadMethod::kPdfText;
    s.bbox = BBox{72, 72, 300, 90};
  }

  Document doc_;
  int paragraphs_ = 0;
  int page_ = 0;
};

}  // namespace dossier::testing
