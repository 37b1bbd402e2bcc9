// Page geometry → the document model: words become lines in reading order,
// ruling lines become table grids, and words inside a grid become one span
// per cell. Shared by the PDF text layer (words from Poppler, rules from the
// page's drawn lines) and OCR (words from Tesseract, rules found with
// Leptonica morphology); nothing here knows which.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "dossier/extract/document.h"

namespace dossier::extract_internal {

struct LayoutWord {
  std::string text;  // UTF-8, no spaces inside
  BBox bbox;         // origin top-left
  double confidence = 1.0;
  // One box per code point of text when the reader knows them (text layer),
  // so a word that runs across a cell border can be cut there; else empty.
  std::vector<BBox> char_boxes;
};

// A ruling line, already straightened to horizontal or vertical.
struct HRule {
  double y, x0, x1;
};
struct VRule {
  double x, y0, y1;
};

struct GridCell {
  int row = 0, col = 0, row_span = 1, col_span = 1;
  BBox box;
};

// A ruled table: the x positions of its column borders and y positions of its
// row borders, and its cells (merged cells once, at their top-left).
struct Grid {
  std::vector<double> xs, ys;
  std::vector<GridCell> cells;
  BBox box;
  int rows() const { return static_cast<int>(ys.size()) - 1; }
  int cols() const { return static_cast<int>(xs.size()) - 1; }
};

// Positions (of rules, of a table's borders) within `tolerance` of a group's
// first taken as one: their mean.
std::vector<double> ClusterPositions(std::vector<double> values, double tolerance);

// Finds ruled tables: groups of horizontal and vertical rules that cross each
// other, with at least two of each and at least two cells. `tolerance` is how
// far (in the rules' unit) two borders may be apart and still be one, and how
// far a rule may stop short of the one it meets. A missing border between two
// grid positions merges them into one cell.
std::vector<Grid> FindGrids(std::vector<HRule> h, std::vector<VRule> v, double tolerance);

// One page's share of a Document, with indices local to the page.
struct PageContent {
  Page page;
  std::vector<Span> spans;    // Span::table indexes `tables`
  std::vector<Table> tables;  // Cell::span_id indexes `spans`
  std::vector<std::string> warnings;
};

// Where each grid is drawn: inside a cell of another (a year table ruled in
// the value cell of a scanned form) as {grid, cell} of the innermost such
// cell, or {-1, -1} for a grid that stands on the page.
std::vector<std::pair<int, int>> GridParents(const std::vector<Grid>& grids);

// Lays out one page: words inside a grid's cell become that cell's span
// ("page P table T row R cell C", 1-based, R and C the grid position), other
// words become lines ("page P line L"), all in reading order (top to bottom;
// a table at the place of its top border). Within a line, words are joined
// with nothing (CJK next to CJK, close), a space, or two spaces for a wide
// gap, which downstream reads as a separator between "label：value" pieces.
// Span confidence is the mean word confidence. A grid inside a cell of
// another is a table nested in that cell, as in DOCX: its locators begin
// with the cell's and " > " ("page 3 table 1 row 9 cell 2 > table 1 row 2
// cell 1"), it follows its parent table, and the cell's span holds its text
// too.
void LayoutPage(std::vector<LayoutWord> words, const std::vector<Grid>& grids, ReadMethod method,
                int page_number, PageContent* out);

// Applies `map` to every box of the page (spans, words), e.g. to undo a
// deskew or to turn pixels into points.
void MapBoxes(PageContent* content, const std::function<BBox(const BBox&)>& map);

// Appends a page to a document, turning local indices into document ones.
void AppendPage(PageContent&& content, Document* doc);

}  // namespace dossier::extract_internal
