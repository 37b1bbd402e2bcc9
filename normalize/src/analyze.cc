// Per-document reading by kind: form fields, summary sheet rows and header,
// faculty list rows, and for every other document whatever names its unit.
#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "dossier/common/text.h"
#include "dossier/normalize/analysis.h"
#include "dossier/normalize/credit_code.h"
#include "dossier/normalize/spec.h"
#include "dossier/normalize/values.h"
#include "label_text.h"
#include "read_value.h"
#include "table_header.h"

namespace dossier::norm {
namespace {

bool IsTotalRow(const Document& doc, const Table& table, int row) {
  for (const Cell& cell : table.cells) {
    if (cell.row != row || cell.span_id < 0) continue;
    std::string t = text::RemoveSpaces(doc.spans[cell.span_id].text);
    for (const char* total : {"合计", "总计", "小计", "共计"})
      if (t.find(total) != std::string::npos) return true;
    // "共3家", "共 2 个单位": a count of the rows above.
    if (t.rfind("共", 0) == 0 && text::ToU32(t).size() <= 12) {
      for (const char* unit : {"家", "个", "所", "单位", "项"})
        if (t.find(unit) != std::string::npos) return true;
    }
  }
  return false;
}

// A reading of `key` normalized as the spec's field `type_key` says.
std::optional<FieldReading> ReadValue(const Document& doc, const std::string& key,
                                      const std::string& type_key, int span_id,
                                      std::string_view raw, std::string_view label) {
  const FieldSpec* field = TheSpec().Field(type_key);
  if (!field) return std::nullopt;
  Normalized n = NormalizeAsRead(field->type, raw, doc, span_id);
  if (n.state != ValueState::kValue) return std::nullopt;
  FieldReading r;
  r.key = key;
  r.value = n.value;
  r.raw = text::Trim(raw);
  r.span_id = span_id;
  r.confidence = ReadingConfidence(field->type, raw, doc, span_id);
  r.label = std::string(label);
  return r;
}

void ReadSummary(const Document& doc, DocumentAnalysis& out) {
  std::optional<TableHeader> header = FindSummaryHeader(doc);
  if (!header) {
    out.notes.push_back("汇总表中未找到表头（申报单位名称、统一社会信用代码等列）");
  } else {
    const Table& table = doc.tables[header->table];
    for (int row = header->row + 1; row < table.rows; ++row) {
      if (IsTotalRow(doc, table, row)) continue;
      SummaryRow summary_row;
      summary_row.row = row;
      for (const auto& [col, key] : header->columns) {
        const Cell* cell = table.At(row, col);
        if (!cell || cell->row != row || cell->span_id < 0) continue;
        const std::string& raw = doc.spans[cell->span_id].text;
        if (auto r = ReadValue(doc, key, key, cell->span_id, raw, key)) {
          summary_row.fields.push_back(std::move(*r));
        }
      }
      bool names_unit = std::any_of(
          summary_row.fields.begin(), summary_row.fields.end(),
          [](const FieldReading& r) { return r.key == "unit_name" || r.key == "credit_code"; });
      if (names_unit) out.summary_rows.push_back(std::move(summary_row));
    }
  }

  // The header lines: "推荐单位（盖章）：…", 填报人, 联系电话, 日期 — in a cell
  // or paragraph of their own, or as a label cell with its value beside it.
  static const std::map<std::string, std::string> kHeaderTypes = {{"recommender", "recommender"},
                                                                  {"filler", "contact_name"},
                                                                  {"phone", "contact_phone"},
                                                                  {"date", "application_date"}};
  const auto& labels = TheSpec().summary_header_labels;
  auto header_key = [&](std::string_view label) -> std::string {
    std::string key = LabelKey(CleanLabel(label));
    for (const auto& [header, wordings] : labels)
      for (const std::string& w : wordings)
        if (LabelKey(w) == key) return header;
    return "";
  };
  std::set<std::string> seen;
  auto add = [&](const std::string& header, int span_id, std::string_view raw,
                 std::string_view label) {
    if (header.empty() || seen.count(header)) return;
    if (auto r = ReadValue(doc, header, kHeaderTypes.at(header), span_id, raw, label)) {
      seen.insert(header);
      out.header.push_back(std::move(*r));
    }
  };
  for (size_t i = 0; i < doc.spans.size(); ++i) {
    const Span& span = doc.spans[i];
    if (header && span.table == header->table && span.row >= header->row) continue;
    for (const LabelledSegment& seg : SplitLabelledSegments(span.text))
      add(header_key(seg.label), static_cast<int>(i), seg.value, seg.label);
    if (span.table < 0) continue;
    std::string key = header_key(span.text);
    if (key.empty()) continue;
    const Table& table = doc.tables[span.table];
    const Cell* self = table.At(span.row, span.col);
    if (!self) continue;
    const Cell* right = table.At(span.row, span.col + self->col_span);
    if (right && right != self && right->span_id >= 0)
      add(key, right->span_id, doc.spans[right->span_id].text, span.text);
  }
}

// Every table of the list: one with its own header row, or one that goes on
// from the table before it (the next page of a list, its header not repeated)
// with as many columns.
void ReadTeachers(const Document& doc, DocumentAnalysis& out) {
  std::optional<TableHeader> first = FindFacultyHeader(doc);
  if (!first) {
    out.notes.push_back("师资名单中未找到表头（姓名、职称、专兼职）");
    return;
  }
  std::optional<TableHeader> previous;
  for (int t = first->table; t < static_cast<int>(doc.tables.size()); ++t) {
    const Table& table = doc.tables[t];
    std::optional<TableHeader> header = FindFacultyHeaderIn(doc, t);
    int first_row = 0;
    if (header) {
      first_row = header->row + 1;
    } else if (previous && doc.tables[previous->table].cols == table.cols) {
      header = previous;
      header->table = t;
      header->row = -1;
    } else {
      previous.reset();
      continue;
    }
    previous = header;
    for (int row = first_row; row < table.rows; ++row) {
      if (IsTotalRow(doc, table, row)) continue;
      Teacher teacher;
      for (const auto& [col, key] : header->columns) {
        const Cell* cell = table.At(row, col);
        if (!cell || cell->row != row || cell->span_id < 0) continue;
        std::string value = text::Trim(doc.spans[cell->span_id].text);
        if (key == "name") {
          teacher.name = text::RemoveSpaces(value);
          teacher.span_id = cell->span_id;
        } else if (key == "title") {
          teacher.title = value;
        } else if (key == "employment") {
          teacher.employment = value;
        } else if (key == "employer") {
          teacher.employer = value;
        }
      }
      if (!teacher.name.empty()) out.teachers.push_back(std::move(teacher));
    }
  }
}

// "济南某某学院师资名单" → "济南某某学院": the unit a titled document is about.
std::optional<std::string> UnitFromTitle(std::string_view title, const KindSpec& kind) {
  std::string t = text::RemoveSpaces(title);
  for (const std::string& phrase : kind.spaceless_title_phrases) {
    size_t at = t.find(phrase);
    if (at == std::string::npos || at == 0) continue;
    std::string unit = t.substr(0, at);
    for (const char* strip : {"《", "“", "\"", "「"}) {
      if (unit.rfind(strip, 0) == 0) unit.erase(0, std::string_view(strip).size());
    }
    for (const char* tail : {"的", "专业技术人员继续教育基地", "继续教育基地"}) {
      std::string_view tv(tail);
      if (unit.size() > tv.size() && unit.compare(unit.size() - tv.size(), tv.size(), tv) == 0)
        unit.erase(unit.size() - tv.size());
    }
    if (text::ToU32(unit).size() >= 4) return unit;
  }
  return std::nullopt;
}

// 18-character runs of the code alphabet whose check character is right.
void ScanCreditCodes(const Document& doc, std::vector<FieldReading>& out) {
  static const std::string kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  for (size_t i = 0; i < doc.spans.size(); ++i) {
    std::string t = text::AsciiUpper(text::RemoveSpaces(text::FullWidthToAscii(doc.spans[i].text)));
    for (size_t start = 0; start + 18 <= t.size(); ++start) {
      if (start > 0 && kAlphabet.find(t[start - 1]) != std::string::npos) continue;
      std::string candidate = t.substr(start, 18);
      if (!IsValidCreditCode(candidate)) continue;
      if (start + 18 < t.size() && kAlphabet.find(t[start + 18]) != std::string::npos) continue;
      FieldReading r;
      r.key = "credit_code";
      r.value = candidate;
      r.raw = candidate;
      r.span_id = static_cast<int>(i);
      r.confidence = doc.spans[i].confidence;
      out.push_back(std::move(r));
      return;
    }
  }
}

// What ties a document other than a form to its unit: its name (by label or
// in its title) and its credit code.
void ReadIdentity(const Document& doc, const std::string& kind,
                  std::vector<FieldReading> form_fields, DocumentAnalysis& out) {
  for (FieldReading& r : form_fields) {
    if (r.key == "unit_name" || r.key == "credit_code") {
      if (!r.declared_none) out.fields.push_back(std::move(r));
    }
  }
  auto has = [&](const char* key) {
    return std::any_of(out.fields.begin(), out.fields.end(),
                       [&](const FieldReading& r) { return r.key == key; });
  };
  if (!has("unit_name")) {
    const Spec& spec = TheSpec();
    auto kind_spec = std::find_if(spec.kinds.begin(), spec.kinds.end(),
                                  [&](const KindSpec& k) { return k.kind == kind; });
    for (size_t i = 0; kind_spec != spec.kinds.end() && i < doc.spans.size() && i < 8; ++i) {
      if (auto unit = UnitFromTitle(doc.spans[i].text, *kind_spec)) {
        FieldReading r;
        r.key = "unit_name";
        r.value = *unit;
        r.raw = text::Trim(doc.spans[i].text);
        r.span_id = static_cast<int>(i);
        r.confidence = doc.spans[i].confidence;
        r.label = "标题";
        out.fields.push_back(std::move(r));
        break;
      }
    }
  }
  if (!has("credit_code")) ScanCreditCodes(doc, out.fields);
}

}  // namespace

DocumentAnalysis Analyze(const Document& doc) {
  DocumentAnalysis out;
  // Read once: classifying counts the form's fields, and a form keeps them.
  std::vector<std::string> form_notes;
  std::vector<FieldReading> form_fields = ReadFormFields(doc, &form_notes);
  out.classification = Classify(doc, form_fields);
  const std::string& kind = out.classification.kind;
  if (kind == kApplicationForm) {
    out.fields = std::move(form_fields);
    out.notes = std::move(form_notes);
    if (out.fields.empty()) out.notes.push_back("申报表中未识别出任何字段");
  } else if (kind == kSummarySheet) {
    ReadSummary(doc, out);
  } else if (kind == kLicense) {
    out.fields = ReadLicenseFields(doc);
    if (out.fields.empty()) out.notes.push_back("执照中未识别出名称、信用代码等字段");
  } else {
    if (kind == kFacultyList) ReadTeachers(doc, out);
    ReadIdentity(doc, kind, std::move(form_fields), out);
  }
  return out;
}

}  // namespace dossier::norm
