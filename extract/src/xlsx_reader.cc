// XLSX (SpreadsheetML) → Document: one Table per sheet, in workbook order,
// one span per non-blank cell, sheet by sheet and row-major.

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <exception>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dossier/common/rejection.h"
#include "dossier/common/text.h"
#include "dossier/extract/extractor.h"
#include "opc_package.h"
#include "safe_xml.h"
#include "zip_archive.h"

namespace dossier {
namespace {

using extract_internal::Attr;
using extract_internal::Elements;
using extract_internal::FirstChild;
using extract_internal::IsElement;
using extract_internal::LocalName;
using extract_internal::NamespaceUri;
using extract_internal::Relationship;
using extract_internal::WarningSink;
using extract_internal::XmlDoc;
using extract_internal::ZipArchive;

constexpr std::string_view kSheetNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr std::string_view kSheetStrictNs = "http://purl.oclc.org/ooxml/spreadsheetml/main";
constexpr std::string_view kRelNs =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
constexpr std::string_view kRelStrictNs = "http://purl.oclc.org/ooxml/officeDocument/relationships";

constexpr int kMaxRows = 1048576;
constexpr int kMaxCols = 16384;

bool IsBlank(std::string_view s) { return text::Trim(s).empty(); }

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// SpreadsheetML escapes characters XML cannot hold as _xHHHH_ (ST_Xstring).
std::string DecodeXstring(std::string_view s) {
  if (s.find("_x") == std::string_view::npos) return std::string(s);
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    if (s[i] == '_' && i + 6 < s.size() && s[i + 1] == 'x' && s[i + 6] == '_') {
      int value = 0;
      bool ok = true;
      for (size_t k = i + 2; k < i + 6; ++k) {
        int d = HexDigit(s[k]);
        if (d < 0) {
          ok = false;
          break;
        }
        value = value * 16 + d;
      }
      if (ok) {
        text::AppendUtf8(out, static_cast<char32_t>(value));
        i += 7;
        continue;
      }
    }
    out.push_back(s[i]);
    ++i;
  }
  return out;
}

// Parses "C5" / "$C$5" into 0-based (row, col).
bool ParseCellRef(std::string_view ref, int& row, int& col) {
  size_t i = 0;
  if (i < ref.size() && ref[i] == '$') ++i;
  long c = 0;
  size_t letters = 0;
  while (i < ref.size() && std::isalpha(static_cast<unsigned char>(ref[i]))) {
    c = c * 26 + (std::toupper(static_cast<unsigned char>(ref[i])) - 'A' + 1);
    ++i;
    if (++letters > 3) return false;
  }
  if (letters == 0) return false;
  if (i < ref.size() && ref[i] == '$') ++i;
  long r = 0;
  size_t digits = 0;
  while (i < ref.size() && ref[i] >= '0' && ref[i] <= '9') {
    r = r * 10 + (ref[i] - '0');
    ++i;
    if (++digits > 7) return false;
  }
  if (digits == 0 || i != ref.size() || r < 1 || r > kMaxRows || c > kMaxCols) return false;
  row = static_cast<int>(r - 1);
  col = static_cast<int>(c - 1);
  return true;
}

std::string ColumnName(int col) {
  std::string name;
  for (int n = col + 1; n > 0; n = (n - 1) / 26) {
    name.insert(name.begin(), static_cast<char>('A' + (n - 1) % 26));
  }
  return name;
}

// Shortest round-trip decimal of the value rounded to 15 significant digits,
// which is what Excel shows: a stored 2449.9999999999995 reads as 2450.
std::string FormatNumber(double v) {
  if (!std::isfinite(v)) return "";
  char buf[512];
  int n = std::snprintf(buf, sizeof buf, "%.15g", v);
  double rounded = v;
  std::from_chars(buf, buf + n, rounded);
  if (rounded == 0) return "0";
  double a = std::fabs(rounded);
  std::to_chars_result res =
      (a >= 1e-6 && a < 1e21)
          ? std::to_chars(buf, buf + sizeof buf, rounded, std::chars_format::fixed)
          : std::to_chars(buf, buf + sizeof buf, rounded);
  return std::string(buf, res.ptr);
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
long DaysFromCivil(long y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}

std::string CivilFromDays(long z) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long y = static_cast<long>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04ld-%02u-%02u", y, m, d);
  return buf;
}

// An Excel date serial as "YYYY-MM-DD"; nullopt for a value that is no date
// (negative, a pure time below 1, or past 9999-12-31).
std::optional<std::string> SerialToIsoDate(double serial, bool date1904) {
  if (!(serial >= 1.0) || serial >= 2958466.0) return std::nullopt;
  const long days = static_cast<long>(std::floor(serial));
  if (date1904) return CivilFromDays(DaysFromCivil(1904, 1, 1) + days);
  // The 1900 system counts a 29 February 1900 that never was (Lotus's bug,
  // kept by Excel): serial 60. Before it, day 1 is 1900-01-01.
  if (days == 60) return std::string("1900-02-29");
  if (days < 60) return CivilFromDays(DaysFromCivil(1899, 12, 31) + days);
  return CivilFromDays(DaysFromCivil(1899, 12, 30) + days);
}

// Built-in number formats that show a date (time-only ones are left as numbers).
bool IsBuiltinDateFormat(int id) {
  return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 31) || id == 36 ||
         (id >= 50 && id <= 54) || id == 57 || id == 58;
}

// Whether a custom format code shows a date: a y or d token outside quoted
// literals, [bracketed] parts and escaped characters, in its first section.
bool IsDateFormatCode(std::string_view code) {
  bool in_quote = false;
  for (size_t i = 0; i < code.size(); ++i) {
    char c = code[i];
    if (in_quote) {
      if (c == '"') in_quote = false;
      continue;
    }
    switch (c) {
      case '"':
        in_quote = true;
        break;
      case '\\':
      case '_':
      case '*':
        ++i;
        break;
      case '[': {
        size_t close = code.find(']', i);
        if (close == std::string_view::npos) return false;
        i = close;
        break;
      }
      case ';':
        return false;
      case 'y':
      case 'Y':
      case 'd':
      case 'D':
        return true;
      default:
        break;
    }
  }
  return false;
}

struct SheetRef {
  std::string name;
  std::string rel_id;
};

struct RawCell {
  int row = 0, col = 0;
  std::string text;
  int row_span = 1, col_span = 1;
};

struct Merge {
  int r0 = 0, c0 = 0, r1 = 0, c1 = 0;
};

class XlsxReader {
 public:
  explicit XlsxReader(const ExtractLimits& limits)
      : limits_(limits), warnings_(&doc_.warnings, limits.max_warnings) {}

  Result<Document> Read(std::string_view bytes);

 private:
  bool S(const xmlNode* n, std::string_view local) const { return IsElement(n, s_, local); }
  std::string RichText(const xmlNode* node) const;
  Status ReadSharedStrings(ZipArchive& zip, const std::string& part);
  Status ReadStyles(ZipArchive& zip, const std::string& part);
  Status ReadSheet(ZipArchive& zip, const std::string& part, const std::string& sheet_name);
  std::optional<std::string> CellValue(const xmlNode* c, const std::string& where);
  void EmitTable(const std::string& sheet_name, std::vector<RawCell>& cells,
                 std::vector<Merge>& merges);

  const ExtractLimits& limits_;
  Document doc_;
  WarningSink warnings_;
  std::string s_;
  bool date1904_ = false;
  std::vector<std::string> shared_;
  std::vector<bool> xf_is_date_;
};

std::string XlsxReader::RichText(const xmlNode* node) const {
  // Plain text is one <t>; rich text is runs <r><t>; phonetic guides <rPh>
  // (furigana) are a reading aid, not the cell's text.
  std::string out;
  for (const xmlNode* c : Elements(node)) {
    if (S(c, "t")) {
      extract_internal::AppendText(c, out);
    } else if (S(c, "r")) {
      for (const xmlNode* t : Elements(c)) {
        if (S(t, "t")) extract_internal::AppendText(t, out);
      }
    }
  }
  return DecodeXstring(out);
}

Status XlsxReader::ReadSharedStrings(ZipArchive& zip, const std::string& part) {
  Result<XmlDoc> xml = extract_internal::ReadXmlPart(zip, part);
  if (!xml.ok()) return xml.status();
  for (const xmlNode* si : Elements(xml->Root())) {
    if (S(si, "si")) shared_.push_back(RichText(si));
  }
  return Status::Ok();
}

Status XlsxReader::ReadStyles(ZipArchive& zip, const std::string& part) {
  Result<XmlDoc> xml = extract_internal::ReadXmlPart(zip, part);
  if (!xml.ok()) return xml.status();
  const xmlNode* root = xml->Root();
  std::unordered_map<int, bool> custom_is_date;
  if (const xmlNode* fmts = FirstChild(root, s_, "numFmts")) {
    for (const xmlNode* f : Elements(fmts)) {
      if (!S(f, "numFmt")) continue;
      int id = -1;
      std::string id_text = Attr(f, "", "numFmtId").value_or("");
      std::from_chars(id_text.data(), id_text.data() + id_text.size(), id);
      if (id >= 0) custom_is_date[id] = IsDateFormatCode(Attr(f, "", "formatCode").value_or(""));
    }
  }
  if (const xmlNode* xfs = FirstChild(root, s_, "cellXfs")) {
    for (const xmlNode* xf : Elements(xfs)) {
      if (!S(xf, "xf")) continue;
      int id = 0;
      std::string id_text = Attr(xf, "", "numFmtId").value_or("0");
      std::from_chars(id_text.data(), id_text.data() + id_text.size(), id);
      auto custom = custom_is_date.find(id);
      xf_is_date_.push_back(custom != custom_is_date.end() ? custom->second
                                                           : IsBuiltinDateFormat(id));
    }
  }
  return Status::Ok();
}

std::optional<std::string> XlsxReader::CellValue(const xmlNode* c, const std::string& where) {
  const std::string type = Attr(c, "", "t").value_or("n");
  const xmlNode* v = FirstChild(c, s_, "v");
  std::string raw;
  if (v != nullptr) extract_internal::AppendText(v, raw);

  if (type == "inlineStr") {
    const xmlNode* is = FirstChild(c, s_, "is");
    return is != nullptr ? RichText(is) : std::string();
  }
  if (v == nullptr) return std::nullopt;
  if (type == "s") {
    size_t index = 0;
    auto [ptr, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), index);
    if (ec != std::errc() || index >= shared_.size()) {
      warnings_.Add("cell " + where + " refers to shared string " + raw +
                    ", which does not exist; left empty");
      return std::nullopt;
    }
    return shared_[index];
  }
  if (type == "str") return DecodeXstring(raw);
  if (type == "b") return std::string(text::Trim(raw) == "1" ? "TRUE" : "FALSE");
  if (type == "e") return std::nullopt;  // #N/A, #DIV/0!: no value
  if (type == "d") {
    // ISO 8601 already; a midnight time adds nothing to a date.
    std::string iso = text::Trim(raw);
    if (iso.size() > 10 && iso[10] == 'T' &&
        iso.find_first_not_of("0:.Z", 11) == std::string::npos) {
      iso.resize(10);
    }
    return iso;
  }

  // A number.
  std::string trimmed = text::Trim(raw);
  double value = 0;
  auto [ptr, ec] = std::from_chars(trimmed.data(), trimmed.data() + trimmed.size(), value);
  if (ec != std::errc() || ptr != trimmed.data() + trimmed.size()) return trimmed;
  size_t style = 0;
  if (auto s = Attr(c, "", "s")) std::from_chars(s->data(), s->data() + s->size(), style);
  if (style < xf_is_date_.size() && xf_is_date_[style]) {
    if (auto date = SerialToIsoDate(value, date1904_)) return *date;
  }
  return FormatNumber(value);
}

Status XlsxReader::ReadSheet(ZipArchive& zip, const std::string& part,
                             const std::string& sheet_name) {
  std::vector<RawCell> cells;
  std::vector<Merge> merges;
  Result<XmlDoc> xml = extract_internal::ReadXmlPart(zip, part);
  if (!xml.ok()) return xml.status();
  const xmlNode* root = xml->Root();
  // Chart sheets and dialog sheets have no cells: an empty table.
  if (const xmlNode* data = FirstChild(root, s_, "sheetData")) {
    int next_row = 0;
    for (const xmlNode* row : Elements(data)) {
      if (!S(row, "row")) continue;
      int row_index = next_row;
      if (auto r = Attr(row, "", "r")) {
        int value = 0;
        auto [ptr, ec] = std::from_chars(r->data(), r->data() + r->size(), value);
        if (ec == std::errc() && value >= 1 && value <= kMaxRows) row_index = value - 1;
      }
      next_row = row_index + 1;
      int next_col = 0;
      for (const xmlNode* c : Elements(row)) {
        if (!S(c, "c")) continue;
        int r = row_index, col = next_col;
        if (auto ref = Attr(c, "", "r")) {
          int pr = 0, pc = 0;
          if (ParseCellRef(*ref, pr, pc)) {
            r = pr;
            col = pc;
          } else {
            warnings_.Add("sheet " + sheet_name + ": cell reference \"" + *ref +
                          "\" is not valid; placed after the previous cell");
          }
        }
        next_col = col + 1;
        if (col >= kMaxCols) continue;
        const std::string where = sheet_name + "!" + ColumnName(col) + std::to_string(r + 1);
        std::optional<std::string> value = CellValue(c, where);
        if (!value || IsBlank(*value)) continue;
        cells.push_back({r, col, std::move(*value)});
      }
    }
  }
  if (const xmlNode* mc = FirstChild(root, s_, "mergeCells")) {
    for (const xmlNode* m : Elements(mc)) {
      if (!S(m, "mergeCell")) continue;
      std::string ref = Attr(m, "", "ref").value_or("");
      size_t colon = ref.find(':');
      Merge merge;
      if (colon == std::string::npos ||
          !ParseCellRef(std::string_view(ref).substr(0, colon), merge.r0, merge.c0) ||
          !ParseCellRef(std::string_view(ref).substr(colon + 1), merge.r1, merge.c1)) {
        warnings_.Add("sheet " + sheet_name + ": merged range \"" + ref +
                      "\" is not valid; ignored");
        continue;
      }
      if (merge.r1 < merge.r0) std::swap(merge.r0, merge.r1);
      if (merge.c1 < merge.c0) std::swap(merge.c0, merge.c1);
      merges.push_back(merge);
    }
  }
  EmitTable(sheet_name, cells, merges);
  return Status::Ok();
}

void XlsxReader::EmitTable(const std::string& sheet_name, std::vector<RawCell>& cells,
                           std::vector<Merge>& merges) {
  auto row_major = [](const auto& a, const auto& b) {
    return a.row != b.row ? a.row < b.row : a.col < b.col;
  };
  // Writers put cells in order; sorting is only for those that do not.
  if (!std::is_sorted(cells.begin(), cells.end(), row_major)) {
    std::stable_sort(cells.begin(), cells.end(), row_major);
  }
  // Two <c> for one position is damage; the first is kept.
  cells.erase(std::unique(cells.begin(), cells.end(),
                          [](const RawCell& a, const RawCell& b) {
                            return a.row == b.row && a.col == b.col;
                          }),
              cells.end());

  // Sweep the rows with the merges that are open on each, so that a value
  // hidden under a merge (not its top-left) is found without a quadratic scan.
  std::sort(merges.begin(), merges.end(),
            [](const Merge& a, const Merge& b) { return a.r0 < b.r0; });
  std::vector<RawCell> out;
  out.reserve(cells.size() + merges.size());
  std::vector<bool> anchor_has_value(merges.size(), false);
  std::vector<size_t> open;
  size_t next_merge = 0;
  for (RawCell& cell : cells) {
    while (next_merge < merges.size() && merges[next_merge].r0 <= cell.row) {
      open.push_back(next_merge++);
    }
    open.erase(
        std::remove_if(open.begin(), open.end(), [&](size_t m) { return merges[m].r1 < cell.row; }),
        open.end());
    bool hidden = false;
    for (size_t m : open) {
      const Merge& g = merges[m];
      if (cell.col < g.c0 || cell.col > g.c1) continue;
      if (cell.row == g.r0 && cell.col == g.c0) {
        cell.row_span = g.r1 - g.r0 + 1;
        cell.col_span = g.c1 - g.c0 + 1;
        anchor_has_value[m] = true;
      } else {
        hidden = true;
      }
      break;
    }
    if (hidden) {
      warnings_.Add("sheet " + sheet_name + ": cell " + ColumnName(cell.col) +
                    std::to_string(cell.row + 1) +
                    " lies under a merged cell and is not shown by Excel; ignored");
      continue;
    }
    out.push_back(std::move(cell));
  }
  // A merged range whose top-left is blank is still a cell of the grid.
  for (size_t m = 0; m < merges.size(); ++m) {
    if (anchor_has_value[m]) continue;
    RawCell empty;
    empty.row = merges[m].r0;
    empty.col = merges[m].c0;
    empty.row_span = merges[m].r1 - merges[m].r0 + 1;
    empty.col_span = merges[m].c1 - merges[m].c0 + 1;
    out.push_back(std::move(empty));
  }
  if (!std::is_sorted(out.begin(), out.end(), row_major)) {
    std::stable_sort(out.begin(), out.end(), row_major);
  }

  const int table_index = static_cast<int>(doc_.tables.size());
  Table table;
  table.name = sheet_name;
  table.cells.reserve(out.size());
  for (RawCell& raw : out) {
    table.rows = std::max(table.rows, raw.row + raw.row_span);
    table.cols = std::max(table.cols, raw.col + raw.col_span);
    Cell cell;
    cell.row = raw.row;
    cell.col = raw.col;
    cell.row_span = raw.row_span;
    cell.col_span = raw.col_span;
    if (!raw.text.empty()) {
      Span span;
      span.locator = sheet_name + "!" + ColumnName(raw.col) + std::to_string(raw.row + 1);
      span.text = std::move(raw.text);
      span.method = ReadMethod::kXlsx;
      span.table = table_index;
      span.row = raw.row;
      span.col = raw.col;
      cell.span_id = static_cast<int>(doc_.spans.size());
      doc_.spans.push_back(std::move(span));
    }
    table.cells.push_back(cell);
  }
  doc_.tables.push_back(std::move(table));
}

Result<Document> XlsxReader::Read(std::string_view bytes) {
  Result<ZipArchive> zip = ZipArchive::Open(bytes, limits_);
  if (!zip.ok()) return zip.status();
  Result<std::string> main = extract_internal::MainPart(*zip, "xl/workbook.xml");
  if (!main.ok()) return main.status();
  if (main->size() >= 4 && main->substr(main->size() - 4) == ".bin") {
    return Reject(Rejection::kUnsupportedFormat,
                  "不支持的文件格式：这是 Excel 二进制工作簿（.xlsb），请另存为 .xlsx 后重新提交");
  }
  if (!zip->Contains(*main)) {
    if (zip->Contains("word/document.xml")) {
      return Reject(Rejection::kDamaged, "文件已损坏：它是 Word 文档，不是 Excel 工作簿");
    }
    return Reject(Rejection::kDamaged,
                  "文件已损坏：ZIP 结构中找不到 Excel 工作簿的主体部分（" + *main + "）");
  }
  Result<XmlDoc> workbook = extract_internal::ReadXmlPart(*zip, *main);
  if (!workbook.ok()) return workbook.status();
  const xmlNode* root = workbook->Root();
  std::string_view ns = NamespaceUri(root);
  if (LocalName(root) == "document") {
    return Reject(Rejection::kDamaged, "文件已损坏：它是 Word 文档，不是 Excel 工作簿");
  }
  if (LocalName(root) != "workbook" || (ns != kSheetNs && ns != kSheetStrictNs)) {
    return Reject(Rejection::kDamaged, "文件已损坏：主体部分 " + *main +
                                           " 不是 Excel 工作簿的内容（不是真正的 Excel 文件）");
  }
  s_ = std::string(ns);
  if (const xmlNode* pr = FirstChild(root, s_, "workbookPr")) {
    std::string v = Attr(pr, "", "date1904").value_or("0");
    date1904_ = v == "1" || v == "true";
  }
  std::vector<SheetRef> sheets;
  if (const xmlNode* list = FirstChild(root, s_, "sheets")) {
    for (const xmlNode* sh : Elements(list)) {
      if (!S(sh, "sheet")) continue;
      SheetRef ref;
      ref.name = Attr(sh, "", "name").value_or("");
      ref.rel_id = Attr(sh, kRelNs, "id").value_or(Attr(sh, kRelStrictNs, "id").value_or(""));
      sheets.push_back(std::move(ref));
    }
  }

  Result<std::vector<Relationship>> rels = extract_internal::ReadRelationships(*zip, *main);
  if (!rels.ok()) return rels.status();
  std::unordered_map<std::string, const Relationship*> by_id;
  std::string shared_part, styles_part;
  for (const Relationship& rel : *rels) {
    by_id.emplace(rel.id, &rel);
    if (extract_internal::IsRelType(rel, "sharedStrings")) shared_part = rel.target;
    if (extract_internal::IsRelType(rel, "styles")) styles_part = rel.target;
  }
  if (shared_part.empty()) shared_part = "xl/sharedStrings.xml";
  if (styles_part.empty()) styles_part = "xl/styles.xml";
  if (zip->Contains(shared_part)) {
    if (Status st = ReadSharedStrings(*zip, shared_part); !st.ok()) return st;
  }
  if (zip->Contains(styles_part)) {
    if (Status st = ReadStyles(*zip, styles_part); !st.ok()) return st;
  }

  for (const SheetRef& sheet : sheets) {
    auto it = by_id.find(sheet.rel_id);
    const std::string part = it != by_id.end() ? it->second->target : std::string();
    if (part.empty() || !zip->Contains(part)) {
      warnings_.Add("sheet " + sheet.name + " has no content in the file; read as empty");
      Table empty;
      empty.name = sheet.name;
      doc_.tables.push_back(std::move(empty));
      continue;
    }
    if (Status st = ReadSheet(*zip, part, sheet.name); !st.ok()) return st;
  }
  return std::move(doc_);
}

}  // namespace

Result<Document> ReadXlsx(std::string_view bytes, const ExtractLimits& limits) {
  try {
    XlsxReader reader(limits);
    return reader.Read(bytes);
  } catch (const std::bad_alloc&) {
    return Reject(Rejection::kOutOfMemory, "Excel 工作簿过大，内存中无法读取");
  } catch (const std::exception& e) {
    return Reject(Rejection::kReaderFailed,
                  std::string("读取 Excel 工作簿时发生意外错误（") + e.what() + "）");
  }
}

}  // namespace dossier
