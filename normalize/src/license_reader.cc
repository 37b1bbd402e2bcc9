// Reading a licence (营业执照, 事业单位法人证书, 社会团体法人登记证书): lines that
// begin with a label, the label's characters often spread by spaces
// ("名　　称　济南某某学院"), with or without a colon; a long scope runs on over
// the following unlabelled lines.
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "dossier/common/text.h"
#include "dossier/normalize/analysis.h"
#include "dossier/normalize/spec.h"
#include "dossier/normalize/values.h"

namespace dossier::norm {
namespace {

struct LicenseLabel {
  std::u32string label;    // without spaces
  const FieldSpec* field;  // nullptr for a distractor label
};

std::vector<LicenseLabel> Labels() {
  const Spec& spec = TheSpec();
  std::vector<LicenseLabel> out;
  for (const FieldSpec& f : spec.license_fields)
    for (const std::string& l : f.labels)
      out.push_back({text::ToU32(text::RemoveSpaces(text::FullWidthToAscii(l))), &f});
  for (const std::string& l : spec.license_distractor_labels)
    out.push_back({text::ToU32(text::RemoveSpaces(text::FullWidthToAscii(l))), nullptr});
  // The longest label first: 法定代表人(负责人) before 法定代表人.
  std::stable_sort(out.begin(), out.end(), [](const LicenseLabel& a, const LicenseLabel& b) {
    return a.label.size() > b.label.size();
  });
  return out;
}

bool IsColon(char32_t c) { return c == U':' || c == U'：'; }

struct LabelledLine {
  const LicenseLabel* label = nullptr;
  std::string value;
};

// The end of `label` matched at `pos` of `u`, spaces between its characters
// allowed, or npos.
size_t MatchAt(const std::u32string& u, size_t pos, const std::u32string& label) {
  size_t i = pos, k = 0;
  while (i < u.size() && k < label.size()) {
    if (text::IsSpace(u[i]) && k > 0) {
      ++i;
      continue;
    }
    if (u[i] != label[k]) return std::u32string::npos;
    ++i;
    ++k;
  }
  return k == label.size() ? i : std::u32string::npos;
}

// Splits a line into labelled pieces. A licence prints two columns, so OCR
// often joins "法定代表人 韩德胜" and "住所 淄博市…" into one line: a value
// ends where the next label begins. The scope runs to the end of its line,
// since its long text may hold words that look like labels.
std::vector<LabelledLine> SplitLabelled(std::string_view line,
                                        const std::vector<LicenseLabel>& labels) {
  std::vector<LabelledLine> out;
  const std::u32string u = text::ToU32(text::FullWidthToAscii(line));
  const std::u32string original = text::ToU32(line);
  size_t pos = 0;
  while (pos < u.size() && text::IsSpace(u[pos])) ++pos;
  const LicenseLabel* current = nullptr;
  size_t value_start = 0;
  for (const LicenseLabel& l : labels) {
    size_t end = MatchAt(u, pos, l.label);
    if (end == std::u32string::npos) continue;
    current = &l;
    value_start = end;
    break;
  }
  if (!current) return out;
  auto finish = [&](size_t value_end) {
    size_t b = value_start;
    while (b < value_end && (text::IsSpace(u[b]) || IsColon(u[b]))) ++b;
    out.push_back({current, text::Trim(text::ToUtf8(
                                std::u32string_view(original).substr(b, value_end - b)))});
  };
  bool runs_to_end = current->field && current->field->key == "scope";
  for (size_t i = value_start + 1; !runs_to_end && i < u.size(); ++i) {
    for (const LicenseLabel& l : labels) {
      if (l.label.size() < 2) continue;
      size_t end = MatchAt(u, i, l.label);
      if (end == std::u32string::npos) continue;
      finish(i);
      current = &l;
      value_start = end;
      runs_to_end = current->field && current->field->key == "scope";
      i = end;
      break;
    }
  }
  finish(u.size());
  return out;
}

}  // namespace

std::vector<FieldReading> ReadLicenseFields(const Document& doc) {
  static const std::vector<LicenseLabel> labels = Labels();
  std::vector<FieldReading> out;
  auto has = [&](const std::string& key) {
    return std::any_of(out.begin(), out.end(), [&](const FieldReading& r) { return r.key == key; });
  };
  int open_scope = -1;  // index in `out` of the scope reading that may run on
  for (size_t i = 0; i < doc.spans.size(); ++i) {
    const Span& span = doc.spans[i];
    std::vector<LabelledLine> pieces = SplitLabelled(span.text, labels);
    if (pieces.empty()) {
      if (open_scope >= 0 && span.table < 0 &&
          span.page == doc.spans[out[open_scope].span_id].page) {
        out[open_scope].raw += text::Trim(span.text);
        Normalized n = NormalizeText(out[open_scope].raw);
        if (n.state == ValueState::kValue) out[open_scope].value = n.value;
      }
      continue;
    }
    open_scope = -1;
    for (const LabelledLine& line : pieces) {
      if (!line.label->field) continue;  // a label we do not read
      const FieldSpec& field = *line.label->field;
      std::string raw = line.value;
      int value_span = static_cast<int>(i);
      if (raw.empty() && span.table >= 0) {
        // A label cell: the value is in the cell to its right.
        const Table& table = doc.tables[span.table];
        const Cell* self = table.At(span.row, span.col);
        const Cell* right = self ? table.At(span.row, span.col + self->col_span) : nullptr;
        if (right && right != self && right->span_id >= 0) {
          raw = doc.spans[right->span_id].text;
          value_span = right->span_id;
        }
      }
      const std::string key = "license_" + field.key;
      if (raw.empty() || has(key)) continue;
      Normalized n = NormalizeValue(field.type, raw);
      if (n.state != ValueState::kValue) continue;
      FieldReading r;
      r.key = key;
      r.value = n.value;
      r.raw = text::Trim(raw);
      r.span_id = value_span;
      r.confidence = doc.spans[value_span].confidence;
      r.label = field.labels.front();
      out.push_back(std::move(r));
      if (field.key == "scope") open_scope = static_cast<int>(out.size()) - 1;
    }
  }
  return out;
}

}  // namespace dossier::norm
