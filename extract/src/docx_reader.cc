// DOCX (WordprocessingML) → Document.
//
// Body-level paragraphs become one span each ("paragraph N", N counting every
// body-level w:p, blank ones too); body-level tables become one Table each and
// one span per non-blank cell ("table T row R cell C", R and C counting w:tr
// and w:tc elements as written, while Span::row/col and Cell hold the grid
// position). Content controls and custom XML are transparent, so paragraphs
// and tables inside a block-level w:sdt count as body-level.
//
// A table inside a cell is a Table of its own too, right after its parent,
// its spans located from the parent cell: "table 1 row 34 cell 2 > table 1
// row 2 cell 3" (the K-th table of that cell). The parent cell's text still
// holds the nested table's text, one row a line with cells apart by tabs, so
// that whoever reads the cell as text loses nothing.

#include <algorithm>
#include <cctype>
#include <charconv>
#include <exception>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dossier/common/rejection.h"
#include "dossier/common/text.h"
#include "dossier/extract/extractor.h"
#include "opc_package.h"
#include "safe_xml.h"
#include "symbol_glyphs.h"
#include "zip_archive.h"

namespace dossier {
namespace {

using extract_internal::Attr;
using extract_internal::Elements;
using extract_internal::FirstChild;
using extract_internal::IsElement;
using extract_internal::LocalName;
using extract_internal::MapSymbolGlyph;
using extract_internal::NamespaceUri;
using extract_internal::SymbolFont;
using extract_internal::SymbolFontFromFamily;
using extract_internal::WarningSink;
using extract_internal::XmlDoc;
using extract_internal::ZipArchive;

constexpr std::string_view kWordNs = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr std::string_view kWordStrictNs = "http://purl.oclc.org/ooxml/wordprocessingml/main";
constexpr std::string_view kW14Ns = "http://schemas.microsoft.com/office/word/2010/wordml";
constexpr std::string_view kMcNs = "http://schemas.openxmlformats.org/markup-compatibility/2006";

constexpr char32_t kTicked = U'\u2611';    // ☑
constexpr char32_t kUnticked = U'\u2610';  // ☐

// Word allows 63 columns; a larger span is damage or hostility, and would
// otherwise size the grid bookkeeping.
constexpr int kMaxGridSpan = 1000;

// Word nests tables a few levels deep; deeper ones are read as text only, so
// that a hostile file cannot make a table per level.
constexpr int kMaxNestedTableDepth = 16;

bool IsCheckboxGlyph(char32_t cp) {
  switch (cp) {
    case U'\u2611':  // ☑
    case U'\u2610':  // ☐
    case U'\u2612':  // ☒
    case U'\u25A1':  // □
    case U'\u25A0':  // ■
    case U'\u221A':  // √
    case U'\u2713':  // ✓
    case U'\u2714':  // ✔
      return true;
    default:
      return false;
  }
}

std::optional<char32_t> ParseHexCodePoint(std::string_view hex) {
  unsigned value = 0;
  auto [ptr, ec] = std::from_chars(hex.data(), hex.data() + hex.size(), value, 16);
  if (ec != std::errc() || ptr != hex.data() + hex.size() || value > 0x10FFFF) return std::nullopt;
  return static_cast<char32_t>(value);
}

bool IsBlank(std::string_view s) { return text::Trim(s).empty(); }

std::string Join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (const std::string& p : parts) {
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

int ParseInt(const std::optional<std::string>& s, int fallback) {
  if (!s) return fallback;
  int value = 0;
  auto [ptr, ec] = std::from_chars(s->data(), s->data() + s->size(), value);
  if (ec != std::errc()) return fallback;
  return value;
}

// mc:AlternateContent offers the same content twice (a modern Choice and a
// legacy Fallback); reading both would double text boxes.
const xmlNode* ChosenBranch(const xmlNode* alternate) {
  const xmlNode* choice = FirstChild(alternate, kMcNs, "Choice");
  return choice != nullptr ? choice : FirstChild(alternate, kMcNs, "Fallback");
}

bool IsAlternateContent(const xmlNode* n) { return IsElement(n, kMcNs, "AlternateContent"); }

class DocxReader {
 public:
  explicit DocxReader(const ExtractLimits& limits)
      : limits_(limits), warnings_(&doc_.warnings, limits.max_warnings) {}

  Result<Document> Read(std::string_view bytes);

 private:
  struct GridTable;
  struct GridCell {
    int row = 0, col = 0, row_span = 1, col_span = 1;
    int tr_no = 0, tc_no = 0;  // 1-based element positions, for the locator
    std::string text;
    std::vector<GridTable> nested;  // tables inside the cell, in order
  };
  struct GridTable {
    int rows = 0, cols = 0;
    std::vector<GridCell> cells;  // row-major
  };
  struct CheckboxControl {
    bool is_checkbox = false;
    bool checked = false;
    std::u32string state_glyphs;  // the glyphs the control itself writes
  };

  bool W(const xmlNode* n, std::string_view local) const { return IsElement(n, w_, local); }
  std::optional<std::string> WAttr(const xmlNode* n, std::string_view local) const {
    return Attr(n, w_, local);
  }
  bool OnOff(const xmlNode* n) const;

  void Body(const xmlNode* container);
  void BlockTexts(const xmlNode* container, std::vector<std::string>& out);
  std::string Paragraph(const xmlNode* p);
  void Inline(const xmlNode* node, std::string& out, std::vector<std::string>& boxes);
  void RunChild(const xmlNode* c, SymbolFont font, std::string& out,
                std::vector<std::string>& boxes);
  void FindTextboxes(const xmlNode* node, std::vector<std::string>& boxes);
  SymbolFont RunFont(const xmlNode* r) const;
  void AppendFiltered(std::string& out, std::string_view utf8, SymbolFont font);
  void AppendCodePoint(std::string& out, char32_t cp);

  CheckboxControl ReadCheckbox(const xmlNode* sdt) const;
  template <typename Fn>
  void WithCheckbox(const CheckboxControl& cb, Fn&& fn);

  GridTable BuildTable(const xmlNode* tbl, const std::string& label);
  void CollectRows(const xmlNode* node, std::vector<const xmlNode*>& rows) const;
  void CollectCells(const xmlNode* node, std::vector<const xmlNode*>& cells) const;
  void EmitTable(const GridTable& grid, const std::string& locator);

  const ExtractLimits& limits_;
  Document doc_;
  WarningSink warnings_;
  std::string w_;
  int paragraph_no_ = 0;
  int table_no_ = 0;
  // Where BlockTexts puts the tables it meets inside a cell; null outside cells.
  std::vector<GridTable>* nested_sink_ = nullptr;
  int table_depth_ = 0;
  // Glyphs to drop while inside checkbox content controls (innermost last).
  std::vector<std::u32string> glyph_filters_;
  // The canonical glyph of a block-level checkbox control, for its first paragraph.
  std::string pending_glyph_;
};

bool DocxReader::OnOff(const xmlNode* n) const {
  std::optional<std::string> v = WAttr(n, "val");
  if (!v) return true;
  return *v == "1" || *v == "true" || *v == "on";
}

DocxReader::CheckboxControl DocxReader::ReadCheckbox(const xmlNode* sdt) const {
  CheckboxControl cb;
  const xmlNode* pr = FirstChild(sdt, w_, "sdtPr");
  const xmlNode* box = pr != nullptr ? FirstChild(pr, kW14Ns, "checkbox") : nullptr;
  if (box == nullptr) return cb;
  cb.is_checkbox = true;
  if (const xmlNode* checked = FirstChild(box, kW14Ns, "checked")) {
    std::string v = Attr(checked, kW14Ns, "val").value_or("1");
    cb.checked = v == "1" || v == "true" || v == "on";
  }
  for (std::string_view state : {"checkedState", "uncheckedState"}) {
    if (const xmlNode* s = FirstChild(box, kW14Ns, state)) {
      if (auto cp = ParseHexCodePoint(Attr(s, kW14Ns, "val").value_or(""))) {
        cb.state_glyphs.push_back(*cp);
      }
    }
  }
  return cb;
}

template <typename Fn>
void DocxReader::WithCheckbox(const CheckboxControl& cb, Fn&& fn) {
  if (!cb.is_checkbox) {
    fn();
    return;
  }
  // The control's content holds the glyph Word drew (often ☒ in MS Gothic);
  // it is replaced by the canonical one so the state is written once.
  glyph_filters_.push_back(cb.state_glyphs);
  fn();
  glyph_filters_.pop_back();
}

void DocxReader::AppendCodePoint(std::string& out, char32_t cp) {
  if (!glyph_filters_.empty()) {
    if (IsCheckboxGlyph(cp)) return;
    for (const std::u32string& f : glyph_filters_) {
      if (f.find(cp) != std::u32string::npos) return;
    }
  }
  text::AppendUtf8(out, cp);
}

void DocxReader::AppendFiltered(std::string& out, std::string_view utf8, SymbolFont font) {
  if (font == SymbolFont::kNone && glyph_filters_.empty()) {
    out += utf8;
    return;
  }
  for (char32_t cp : text::ToU32(utf8)) {
    if (font != SymbolFont::kNone) {
      if (auto mapped = MapSymbolGlyph(font, cp)) {
        AppendCodePoint(out, *mapped);
        continue;
      }
      // An unmapped private-use symbol has no meaning as text.
      if (extract_internal::IsSymbolPrivateUse(cp)) continue;
    }
    AppendCodePoint(out, cp);
  }
}

SymbolFont DocxReader::RunFont(const xmlNode* r) const {
  const xmlNode* rpr = FirstChild(r, w_, "rPr");
  const xmlNode* fonts = rpr != nullptr ? FirstChild(rpr, w_, "rFonts") : nullptr;
  if (fonts == nullptr) return SymbolFont::kNone;
  for (std::string_view which : {"ascii", "hAnsi"}) {
    if (auto name = WAttr(fonts, which)) {
      SymbolFont kind = SymbolFontFromFamily(*name);
      if (kind != SymbolFont::kNone) return kind;
    }
  }
  return SymbolFont::kNone;
}

void DocxReader::Body(const xmlNode* container) {
  for (const xmlNode* c : Elements(container)) {
    if (W(c, "p")) {
      ++paragraph_no_;
      std::string text = Paragraph(c);
      if (IsBlank(text)) continue;
      Span span;
      span.text = std::move(text);
      span.locator = "paragraph " + std::to_string(paragraph_no_);
      span.method = ReadMethod::kDocx;
      doc_.spans.push_back(std::move(span));
    } else if (W(c, "tbl")) {
      ++table_no_;
      const std::string locator = "table " + std::to_string(table_no_);
      GridTable grid = BuildTable(c, locator);
      EmitTable(grid, locator);
    } else if (W(c, "sdt")) {
      CheckboxControl cb = ReadCheckbox(c);
      if (cb.is_checkbox) {
        pending_glyph_.clear();
        text::AppendUtf8(pending_glyph_, cb.checked ? kTicked : kUnticked);
      }
      WithCheckbox(cb, [&] { Body(FirstChild(c, w_, "sdtContent")); });
      pending_glyph_.clear();
    } else if (W(c, "customXml")) {
      Body(c);
    } else if (IsAlternateContent(c)) {
      Body(ChosenBranch(c));
    }
  }
}

void DocxReader::BlockTexts(const xmlNode* container, std::vector<std::string>& out) {
  for (const xmlNode* c : Elements(container)) {
    if (W(c, "p")) {
      std::string text = Paragraph(c);
      if (!IsBlank(text)) out.push_back(std::move(text));
    } else if (W(c, "tbl")) {
      // The enclosing cell's text holds the nested table's, row by row.
      GridTable grid = BuildTable(c, "a nested table");
      std::vector<std::string> row_texts;
      for (size_t k = 0; k < grid.cells.size();) {
        std::vector<std::string> row;
        const int r = grid.cells[k].row;
        for (; k < grid.cells.size() && grid.cells[k].row == r; ++k) {
          // A line break inside a nested cell would read as a row of its own.
          std::string t = grid.cells[k].text;
          std::replace(t.begin(), t.end(), '\n', ' ');
          row.push_back(std::move(t));
        }
        while (!row.empty() && IsBlank(row.back())) row.pop_back();
        if (!row.empty()) row_texts.push_back(Join(row, "\t"));
      }
      std::string text = Join(row_texts, "\n");
      if (!IsBlank(text)) out.push_back(std::move(text));
      if (nested_sink_ != nullptr) nested_sink_->push_back(std::move(grid));
    } else if (W(c, "sdt")) {
      CheckboxControl cb = ReadCheckbox(c);
      if (cb.is_checkbox) {
        pending_glyph_.clear();
        text::AppendUtf8(pending_glyph_, cb.checked ? kTicked : kUnticked);
      }
      WithCheckbox(cb, [&] { BlockTexts(FirstChild(c, w_, "sdtContent"), out); });
      pending_glyph_.clear();
    } else if (W(c, "customXml")) {
      BlockTexts(c, out);
    } else if (IsAlternateContent(c)) {
      BlockTexts(ChosenBranch(c), out);
    }
  }
}

std::string DocxReader::Paragraph(const xmlNode* p) {
  std::string out;
  out.swap(pending_glyph_);
  std::vector<std::string> boxes;
  for (const xmlNode* c : Elements(p)) Inline(c, out, boxes);
  for (const std::string& box : boxes) {
    if (IsBlank(box)) continue;
    if (!out.empty()) out += '\n';
    out += box;
  }
  return out;
}

void DocxReader::Inline(const xmlNode* node, std::string& out, std::vector<std::string>& boxes) {
  if (IsAlternateContent(node)) {
    for (const xmlNode* c : Elements(ChosenBranch(node))) Inline(c, out, boxes);
    return;
  }
  if (NamespaceUri(node) != w_) return;
  std::string_view name = LocalName(node);
  if (name == "r") {
    SymbolFont font = RunFont(node);
    for (const xmlNode* c : Elements(node)) RunChild(c, font, out, boxes);
  } else if (name == "ins" || name == "moveTo" || name == "hyperlink" || name == "smartTag" ||
             name == "customXml" || name == "fldSimple" || name == "bdo" || name == "dir") {
    for (const xmlNode* c : Elements(node)) Inline(c, out, boxes);
  } else if (name == "sdt") {
    CheckboxControl cb = ReadCheckbox(node);
    if (cb.is_checkbox) text::AppendUtf8(out, cb.checked ? kTicked : kUnticked);
    WithCheckbox(cb, [&] {
      for (const xmlNode* c : Elements(FirstChild(node, w_, "sdtContent"))) Inline(c, out, boxes);
    });
  } else if (name == "ruby") {
    // The base text only; the ruby annotation (w:rt) is a reading aid.
    for (const xmlNode* c : Elements(FirstChild(node, w_, "rubyBase"))) Inline(c, out, boxes);
  }
  // w:del and w:moveFrom (deleted text), properties, bookmarks, comments: nothing.
}

void DocxReader::RunChild(const xmlNode* c, SymbolFont font, std::string& out,
                          std::vector<std::string>& boxes) {
  if (IsAlternateContent(c)) {
    for (const xmlNode* b : Elements(ChosenBranch(c))) RunChild(b, font, out, boxes);
    return;
  }
  if (NamespaceUri(c) != w_) return;
  std::string_view name = LocalName(c);
  if (name == "t") {
    std::string t;
    extract_internal::AppendText(c, t);
    AppendFiltered(out, t, font);
  } else if (name == "tab" || name == "ptab") {
    out += '\t';
  } else if (name == "br" || name == "cr") {
    out += '\n';
  } else if (name == "noBreakHyphen") {
    out += '-';
  } else if (name == "sym") {
    std::optional<char32_t> code = ParseHexCodePoint(WAttr(c, "char").value_or(""));
    if (!code) return;
    SymbolFont sym_font = SymbolFontFromFamily(WAttr(c, "font").value_or(""));
    if (auto mapped = MapSymbolGlyph(sym_font, *code)) {
      AppendCodePoint(out, *mapped);
    } else if (!extract_internal::IsSymbolPrivateUse(*code) && sym_font == SymbolFont::kNone) {
      // A w:sym in an ordinary font (MS Gothic, Segoe UI Symbol) is Unicode.
      AppendCodePoint(out, *code);
    }
  } else if (name == "fldChar") {
    if (WAttr(c, "fldCharType").value_or("") != "begin") return;
    const xmlNode* ff = FirstChild(c, w_, "ffData");
    const xmlNode* box = ff != nullptr ? FirstChild(ff, w_, "checkBox") : nullptr;
    if (box == nullptr) return;
    // A legacy form-field check box shows no text of its own; its state is
    // w:checked if set, else its default.
    bool checked = false;
    if (const xmlNode* x = FirstChild(box, w_, "checked")) {
      checked = OnOff(x);
    } else if (const xmlNode* d = FirstChild(box, w_, "default")) {
      checked = OnOff(d);
    }
    text::AppendUtf8(out, checked ? kTicked : kUnticked);
  } else if (name == "drawing" || name == "pict" || name == "object") {
    FindTextboxes(c, boxes);
  }
  // w:delText, w:instrText (field codes), footnote references: nothing.
}

void DocxReader::FindTextboxes(const xmlNode* node, std::vector<std::string>& boxes) {
  for (const xmlNode* c : Elements(node)) {
    if (W(c, "txbxContent")) {
      std::vector<std::string> texts;
      // A table in a text box floats anywhere on the page: its text is the
      // box's, it is no table of the cell the box is anchored in.
      std::vector<GridTable>* saved = nested_sink_;
      nested_sink_ = nullptr;
      BlockTexts(c, texts);
      nested_sink_ = saved;
      boxes.push_back(Join(texts, "\n"));
    } else if (IsAlternateContent(c)) {
      FindTextboxes(ChosenBranch(c), boxes);
    } else {
      FindTextboxes(c, boxes);
    }
  }
}

void DocxReader::CollectRows(const xmlNode* node, std::vector<const xmlNode*>& rows) const {
  for (const xmlNode* c : Elements(node)) {
    if (W(c, "tr")) {
      rows.push_back(c);
    } else if (W(c, "sdt")) {
      CollectRows(FirstChild(c, w_, "sdtContent"), rows);
    } else if (W(c, "customXml")) {
      CollectRows(c, rows);
    } else if (IsAlternateContent(c)) {
      CollectRows(ChosenBranch(c), rows);
    }
  }
}

void DocxReader::CollectCells(const xmlNode* node, std::vector<const xmlNode*>& cells) const {
  for (const xmlNode* c : Elements(node)) {
    if (W(c, "tc")) {
      cells.push_back(c);
    } else if (W(c, "sdt")) {
      CollectCells(FirstChild(c, w_, "sdtContent"), cells);
    } else if (W(c, "customXml")) {
      CollectCells(c, cells);
    } else if (IsAlternateContent(c)) {
      CollectCells(ChosenBranch(c), cells);
    }
  }
}

DocxReader::GridTable DocxReader::BuildTable(const xmlNode* tbl, const std::string& label) {
  GridTable grid;
  int declared_cols = 0;
  if (const xmlNode* tbl_grid = FirstChild(tbl, w_, "tblGrid")) {
    for (const xmlNode* c : Elements(tbl_grid)) {
      if (W(c, "gridCol")) ++declared_cols;
    }
  }
  std::vector<const xmlNode*> rows;
  CollectRows(tbl, rows);
  grid.rows = static_cast<int>(rows.size());

  auto clamp_span = [&](int value, int min, const char* what, int row_no) {
    if (value < min) return min;
    if (value > kMaxGridSpan) {
      warnings_.Add(label + " row " + std::to_string(row_no) + ": " + what + " of " +
                    std::to_string(value) + " columns is implausible; read as " +
                    std::to_string(kMaxGridSpan));
      return kMaxGridSpan;
    }
    return value;
  };

  // For each grid column, the cell occupying it in the rows read so far.
  std::vector<int> owner;
  int max_col = 0;
  std::vector<const xmlNode*> tcs;
  for (int r = 0; r < grid.rows; ++r) {
    const xmlNode* tr = rows[r];
    const xmlNode* tr_pr = FirstChild(tr, w_, "trPr");
    int before = 0, after = 0;
    if (tr_pr != nullptr) {
      if (const xmlNode* gb = FirstChild(tr_pr, w_, "gridBefore")) {
        before = clamp_span(ParseInt(WAttr(gb, "val"), 0), 0, "a gridBefore", r + 1);
      }
      if (const xmlNode* ga = FirstChild(tr_pr, w_, "gridAfter")) {
        after = clamp_span(ParseInt(WAttr(ga, "val"), 0), 0, "a gridAfter", r + 1);
      }
    }
    int col = before;
    int last_in_row = -1;
    tcs.clear();
    CollectCells(tr, tcs);
    for (size_t k = 0; k < tcs.size(); ++k) {
      const xmlNode* tc = tcs[k];
      const int tc_no = static_cast<int>(k) + 1;
      const xmlNode* tc_pr = FirstChild(tc, w_, "tcPr");
      int span = 1;
      bool v_continue = false, h_continue = false;
      if (tc_pr != nullptr) {
        if (const xmlNode* gs = FirstChild(tc_pr, w_, "gridSpan")) {
          span = clamp_span(ParseInt(WAttr(gs, "val"), 1), 1, "a gridSpan", r + 1);
        }
        if (const xmlNode* vm = FirstChild(tc_pr, w_, "vMerge")) {
          v_continue = WAttr(vm, "val").value_or("continue") != "restart";
        }
        if (const xmlNode* hm = FirstChild(tc_pr, w_, "hMerge")) {
          h_continue = WAttr(hm, "val").value_or("continue") != "restart";
        }
      }
      std::vector<std::string> texts;
      std::vector<GridTable> nested;
      {
        std::vector<GridTable>* saved = nested_sink_;
        nested_sink_ = table_depth_ < kMaxNestedTableDepth ? &nested : nullptr;
        ++table_depth_;
        BlockTexts(tc, texts);
        --table_depth_;
        nested_sink_ = saved;
      }
      std::string text = Join(texts, "\n");

      if (static_cast<int>(owner.size()) < col + span) owner.resize(col + span, -1);
      int merged_into = -1;
      if (h_continue && last_in_row >= 0) {
        // Legacy horizontal merge: widens the previous cell of this row.
        merged_into = last_in_row;
        grid.cells[merged_into].col_span += span;
      } else if (v_continue) {
        int above = owner[col];
        if (above >= 0 && grid.cells[above].row + grid.cells[above].row_span == r) {
          merged_into = above;
          grid.cells[merged_into].row_span += 1;
        } else {
          warnings_.Add(label + " row " + std::to_string(r + 1) + " cell " + std::to_string(tc_no) +
                        " continues a vertical merge with no cell above; read as its own cell");
        }
      }
      if (merged_into >= 0) {
        GridCell& target = grid.cells[merged_into];
        // Word shows only the first cell's text, but text left in a merged
        // cell is still the writer's; keep it rather than lose it.
        if (!IsBlank(text)) {
          if (!target.text.empty()) target.text += '\n';
          target.text += text;
        }
        for (GridTable& t : nested) target.nested.push_back(std::move(t));
        for (int k2 = col; k2 < col + span; ++k2) owner[k2] = merged_into;
        last_in_row = merged_into;
      } else {
        GridCell cell;
        cell.row = r;
        cell.col = col;
        cell.col_span = span;
        cell.tr_no = r + 1;
        cell.tc_no = tc_no;
        cell.text = std::move(text);
        cell.nested = std::move(nested);
        grid.cells.push_back(std::move(cell));
        const int index = static_cast<int>(grid.cells.size()) - 1;
        for (int k2 = col; k2 < col + span; ++k2) owner[k2] = index;
        last_in_row = index;
      }
      col += span;
    }
    max_col = std::max(max_col, col + after);
  }
  grid.cols = std::max(declared_cols, max_col);
  return grid;
}

void DocxReader::EmitTable(const GridTable& grid, const std::string& locator) {
  const int table_index = static_cast<int>(doc_.tables.size());
  // The slot is taken first so that tables nested in its cells come after it.
  doc_.tables.emplace_back();
  Table table;
  table.rows = grid.rows;
  table.cols = grid.cols;
  table.cells.reserve(grid.cells.size());
  for (const GridCell& g : grid.cells) {
    Cell cell;
    cell.row = g.row;
    cell.col = g.col;
    cell.row_span = g.row_span;
    cell.col_span = g.col_span;
    if (!IsBlank(g.text)) {
      Span span;
      span.text = g.text;
      span.locator =
          locator + " row " + std::to_string(g.tr_no) + " cell " + std::to_string(g.tc_no);
      span.method = ReadMethod::kDocx;
      span.table = table_index;
      span.row = g.row;
      span.col = g.col;
      cell.span_id = static_cast<int>(doc_.spans.size());
      doc_.spans.push_back(std::move(span));
    }
    table.cells.push_back(cell);
    // A nested table is only reachable through its parent cell's span.
    if (cell.span_id < 0) continue;
    const std::string cell_locator = doc_.spans[static_cast<size_t>(cell.span_id)].locator;
    for (size_t k = 0; k < g.nested.size(); ++k)
      EmitTable(g.nested[k], cell_locator + " > table " + std::to_string(k + 1));
  }
  doc_.tables[static_cast<size_t>(table_index)] = std::move(table);
}

Result<Document> DocxReader::Read(std::string_view bytes) {
  Result<ZipArchive> zip = ZipArchive::Open(bytes, limits_);
  if (!zip.ok()) return zip.status();
  Result<std::string> main = extract_internal::MainPart(*zip, "word/document.xml");
  if (!main.ok()) return main.status();
  if (!zip->Contains(*main)) {
    if (zip->Contains("xl/workbook.xml")) {
      return Reject(Rejection::kDamaged, "文件已损坏：它是 Excel 工作簿，不是 Word 文档");
    }
    return Reject(Rejection::kDamaged,
                  "文件已损坏：ZIP 结构中找不到 Word 文档的正文部分（" + *main + "）");
  }
  Result<XmlDoc> xml = extract_internal::ReadXmlPart(*zip, *main);
  if (!xml.ok()) return xml.status();
  const xmlNode* root = xml->Root();
  std::string_view ns = NamespaceUri(root);
  if (LocalName(root) == "workbook") {
    return Reject(Rejection::kDamaged, "文件已损坏：它是 Excel 工作簿，不是 Word 文档");
  }
  if (LocalName(root) != "document" || (ns != kWordNs && ns != kWordStrictNs)) {
    return Reject(Rejection::kDamaged, "文件已损坏：正文部分 " + *main +
                                           " 不是 Word 文档的内容（不是真正的 Word 文件）");
  }
  w_ = std::string(ns);
  const xmlNode* body = FirstChild(root, w_, "body");
  if (body == nullptr) {
    warnings_.Add("the document has no body");
  } else {
    Body(body);
  }
  return std::move(doc_);
}

}  // namespace

Result<Document> ReadDocx(std::string_view bytes, const ExtractLimits& limits) {
  try {
    DocxReader reader(limits);
    return reader.Read(bytes);
  } catch (const std::bad_alloc&) {
    return Reject(Rejection::kOutOfMemory, "Word 文档过大，内存中无法读取");
  } catch (const std::exception& e) {
    return Reject(Rejection::kReaderFailed,
                  std::string("读取 Word 文档时发生意外错误（") + e.what() + "）");
  }
}

}  // namespace dossier
