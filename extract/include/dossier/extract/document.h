// The format-independent document model. Every reader (DOCX, XLSX, PDF text
// layer, OCR) produces a Document; nothing downstream knows which format it
// came from except through Span::method.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dossier {

// How a piece of text was read. The names are the export contract's.
// kMail: the text of a mail (its sender, subject and body), not a file of it.
enum class ReadMethod { kDocx, kXlsx, kPdfText, kOcr, kMail };
std::string_view MethodName(ReadMethod method);  // "docx", "xlsx", "pdf-text", "ocr", "mail"
std::optional<ReadMethod> MethodFromName(std::string_view name);

// [x0, y0, x1, y1], origin top-left: PDF points for PDF pages, pixels for images.
struct BBox {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

// A word-sized piece of a span with its own box, so that a value that is only
// part of a line can be placed precisely. DOCX/XLSX spans have none.
struct WordBox {
  std::string text;
  BBox bbox;
  double confidence = 1.0;
};

// One unit of text as the reader gives it: a DOCX paragraph or table cell, an
// XLSX cell, a PDF/OCR line.
struct Span {
  std::string text;          // UTF-8; ticked boxes appear as ☑ and unticked as ☐
  int page = 0;              // from 1; 0 where the format has no pages (DOCX, XLSX)
  std::optional<BBox> bbox;  // absent where the format has no geometry
  std::string locator;       // "table 2 row 3 cell 2", "paragraph 14", "Sheet1!C5"
  ReadMethod method = ReadMethod::kDocx;
  double confidence = 1.0;  // 0..1; 1 for text read from the file's own structure
  std::vector<WordBox> words;
  // Where the span sits in a table, if it is a cell's text; -1 otherwise.
  int table = -1;
  int row = -1;
  int col = -1;
};

// The box of each of the span's code points, from its words: the text is the
// words in order with spaces and line breaks between, as a page's layout
// writes it; spaces have none. Empty when the text is not so made (DOCX,
// XLSX, or words that do not match the text).
std::vector<std::optional<BBox>> CharBoxes(const Span& span);

// The box of `part` where the span writes it beside other text (a value
// after its label on one printed line): the union of its characters' boxes.
// A part that runs on past the span (a value continued on the next lines)
// is placed by its longest beginning the span holds. None where the words
// do not place it, where it is not in the span, or where it is all of the
// span's text: the span's own box then stands.
std::optional<BBox> PartBox(const Span& span, std::string_view part);

// How sure the reader was of `part` where the span writes it: the least
// confidence of the words its characters lie in. A value one misread
// character spoils is doubtful though the rest of its line is sure. None
// where the words do not place it, or where the span holds it more than once.
std::optional<double> PartConfidence(const Span& span, std::string_view part);

// A table cell on the table's grid. A merged cell is stored once, at its
// top-left grid position, with its spans.
struct Cell {
  int row = 0;  // 0-based grid row
  int col = 0;  // 0-based grid column
  int row_span = 1;
  int col_span = 1;
  int span_id = -1;  // index into Document::spans of the cell's text; -1 if empty
};

struct Table {
  std::string name;  // XLSX sheet name; empty for DOCX/PDF
  int page = 0;
  int rows = 0;
  int cols = 0;
  std::vector<Cell> cells;

  // The cell covering grid position (row, col), resolving merges; nullptr if
  // the position is outside the table or not covered by any cell.
  const Cell* At(int row, int col) const;
};

struct Page {
  int number = 1;
  double width = 0;  // points or pixels, as the bbox unit
  double height = 0;
  ReadMethod method = ReadMethod::kDocx;
  std::string how_read;  // e.g. "text layer", "OCR: no text layer"
};

// REQUIRES: spans referenced by tables exist; spans appear in reading order.
struct Document {
  std::vector<Page> pages;
  std::vector<Span> spans;
  std::vector<Table> tables;
  // Damage that did not stop the read (capped by the reader).
  std::vector<std::string> warnings;

  // The text of a table cell, "" for a missing or empty cell.
  std::string_view CellText(const Table& table, int row, int col) const;

  // A table nested in a cell (DOCX, or a PDF or scan whose table is ruled
  // inside another's cell) is a table of its own whose spans' locators start
  // with its parent cell's locator and " > " ("table 1 row 34 cell 2 > table
  // 1 row 2 cell 3"); the parent cell's span holds the nested text too. This
  // gives, for each table, the span of the cell it is nested in, or -1 for a
  // table that stands on its own (every XLSX table, and the tables of a
  // DOCX's body or a page). Linear in the number of spans.
  std::vector<int> ParentSpans() const;
};

// Appends `part` (the next pages of the same file, e.g. a ReadPdfPages) to
// `whole`: its spans, tables and pages after whole's, the indices between
// them (a span's table, a cell's span) moved to whole's numbering, and its
// warnings after whole's.
void AppendDocument(Document&& part, Document* whole);

}  // namespace dossier
