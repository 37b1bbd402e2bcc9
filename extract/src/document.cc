#include "dossier/extract/document.h"

#include <algorithm>
#include <cstddef>
#include <map>

#include "dossier/common/text.h"

namespace dossier {

std::string_view MethodName(ReadMethod method) {
  switch (method) {
    case ReadMethod::kDocx:
      return "docx";
    case ReadMethod::kXlsx:
      return "xlsx";
    case ReadMethod::kPdfText:
      return "pdf-text";
    case ReadMethod::kOcr:
      return "ocr";
    case ReadMethod::kMail:
      return "mail";
  }
  return "docx";
}

std::optional<ReadMethod> MethodFromName(std::string_view name) {
  for (ReadMethod m : {ReadMethod::kDocx, ReadMethod::kXlsx, ReadMethod::kPdfText, ReadMethod::kOcr,
                       ReadMethod::kMail}) {
    if (MethodName(m) == name) return m;
  }
  return std::nullopt;
}

namespace {

bool Covers(const Cell& cell, int row, int col) {
  return row >= cell.row && row < cell.row + cell.row_span && col >= cell.col &&
         col < cell.col + cell.col_span;
}

}  // namespace

const Cell* Table::At(int row, int col) const {
  if (row < 0 || col < 0 || row >= rows || col >= cols) return nullptr;
  // Readers store cells row-major, so the cell whose top-left is (row, col) is
  // usually found by bisection; this is only a fast path and is checked, so a
  // table filled in another order still gets the right answer from the scan.
  size_t lo = 0, hi = cells.size();
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    const Cell& c = cells[mid];
    if (c.row < row || (c.row == row && c.col < col)) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  if (lo < cells.size() && cells[lo].row == row && cells[lo].col == col) return &cells[lo];
  for (const Cell& c : cells) {
    if (Covers(c, row, col)) return &c;
  }
  return nullptr;
}

std::string_view Document::CellText(const Table& table, int row, int col) const {
  const Cell* cell = table.At(row, col);
  if (cell == nullptr || cell->span_id < 0 || static_cast<size_t>(cell->span_id) >= spans.size()) {
    return {};
  }
  return spans[cell->span_id].text;
}

std::vector<int> Document::ParentSpans() const {
  std::vector<int> parents(tables.size(), -1);
  std::map<std::string_view, int> by_locator;
  for (size_t i = 0; i < spans.size(); ++i)
    if (spans[i].table >= 0) by_locator.emplace(spans[i].locator, static_cast<int>(i));
  for (size_t t = 0; t < tables.size(); ++t) {
    for (const Cell& cell : tables[t].cells) {
      if (cell.span_id < 0 || static_cast<size_t>(cell.span_id) >= spans.size()) continue;
      const std::string& locator = spans[static_cast<size_t>(cell.span_id)].locator;
      const size_t cut = locator.rfind(" > ");
      if (cut == std::string::npos) break;
      auto it = by_locator.find(std::string_view(locator).substr(0, cut));
      if (it != by_locator.end() &&
          spans[static_cast<size_t>(it->second)].table != static_cast<int>(t))
        parents[t] = it->second;
      break;
    }
  }
  return parents;
}

// The index of the word each of the span's code points lies in; -1 for
// the spaces and line breaks between words. Empty when the text is not the
// words in order.
static std::vector<int> CharWords(const Span& span, const std::u32string& u) {
  std::vector<int> words(u.size(), -1);
  size_t pos = 0;
  for (size_t i = 0; i < span.words.size(); ++i) {
    const std::u32string word = text::ToU32(span.words[i].text);
    while (pos < u.size() && text::IsSpace(u[pos])) ++pos;
    if (word.empty() || u.compare(pos, word.size(), word) != 0) return {};
    std::fill_n(words.begin() + static_cast<std::ptrdiff_t>(pos), word.size(), static_cast<int>(i));
    pos += word.size();
  }
  return words;
}

std::vector<std::optional<BBox>> CharBoxes(const Span& span) {
  const std::u32string u = text::ToU32(span.text);
  const std::vector<int> char_words = CharWords(span, u);
  if (char_words.empty()) return {};
  std::vector<std::optional<BBox>> boxes(u.size());
  for (size_t pos = 0; pos < u.size();) {
    if (char_words[pos] < 0) {
      ++pos;
      continue;
    }
    const WordBox& w = span.words[static_cast<size_t>(char_words[pos])];
    size_t n = 1;
    while (pos + n < u.size() && char_words[pos + n] == char_words[pos]) ++n;
    const double step = (w.bbox.x1 - w.bbox.x0) / static_cast<double>(n);
    for (size_t k = 0; k < n; ++k)
      boxes[pos + k] = BBox{w.bbox.x0 + step * static_cast<double>(k), w.bbox.y0,
                            w.bbox.x0 + step * static_cast<double>(k + 1), w.bbox.y1};
    pos += n;
  }
  return boxes;
}

std::optional<double> PartConfidence(const Span& span, std::string_view part) {
  const std::u32string u = text::ToU32(span.text);
  const std::vector<int> char_words = CharWords(span, u);
  if (char_words.empty()) return std::nullopt;
  // Matched with the spaces left out: OCR spaces the characters of a line
  // as it measures them, and a value may be joined from its pieces.
  std::u32string solid;
  std::vector<size_t> solid_at;
  for (size_t k = 0; k < u.size(); ++k)
    if (!text::IsSpace(u[k])) {
      solid.push_back(u[k]);
      solid_at.push_back(k);
    }
  std::u32string wanted;
  for (char32_t c : text::ToU32(part))
    if (!text::IsSpace(c)) wanted.push_back(c);
  if (wanted.empty()) return std::nullopt;
  const size_t at = solid.find(wanted);
  if (at == std::u32string::npos || solid.find(wanted, at + 1) != std::u32string::npos)
    return std::nullopt;
  std::optional<double> least;
  for (size_t k = at; k < at + wanted.size(); ++k) {
    const int word = char_words[solid_at[k]];
    if (word < 0) continue;
    const double c = span.words[static_cast<size_t>(word)].confidence;
    if (!least || c < *least) least = c;
  }
  return least;
}

std::optional<BBox> PartBox(const Span& span, std::string_view part) {
  const std::u32string whole = text::ToU32(text::Trim(span.text));
  const std::u32string wanted = text::ToU32(text::Trim(part));
  if (wanted.empty() || wanted == whole) return std::nullopt;
  const std::vector<std::optional<BBox>> boxes = CharBoxes(span);
  if (boxes.empty()) return std::nullopt;
  const std::u32string u = text::ToU32(span.text);
  // The longest beginning of the part that the span holds; two characters
  // at least, so that a stray one does not place a value.
  for (size_t n = wanted.size(); n >= 2; --n) {
    const size_t at = u.find(wanted.substr(0, n));
    if (at == std::u32string::npos) continue;
    std::optional<BBox> box;
    for (size_t k = at; k < at + n; ++k) {
      if (!boxes[k]) continue;
      if (!box) {
        box = boxes[k];
        continue;
      }
      box->x0 = std::min(box->x0, boxes[k]->x0);
      box->y0 = std::min(box->y0, boxes[k]->y0);
      box->x1 = std::max(box->x1, boxes[k]->x1);
      box->y1 = std::max(box->y1, boxes[k]->y1);
    }
    return box;
  }
  return std::nullopt;
}

void AppendDocument(Document&& part, Document* whole) {
  const int span_base = static_cast<int>(whole->spans.size());
  const int table_base = static_cast<int>(whole->tables.size());
  for (Span& span : part.spans) {
    if (span.table >= 0) span.table += table_base;
    whole->spans.push_back(std::move(span));
  }
  for (Table& table : part.tables) {
    for (Cell& cell : table.cells)
      if (cell.span_id >= 0) cell.span_id += span_base;
    whole->tables.push_back(std::move(table));
  }
  for (Page& page : part.pages) whole->pages.push_back(std::move(page));
  for (std::string& w : part.warnings) whole->warnings.push_back(std::move(w));
}

}  // namespace dossier
