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
#include "dossier/normalize/credit_code.h"
#include "dossier/normalize/spec.h"
#include "dossier/normalize/values.h"
#include "label_text.h"
#include "read_value.h"

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

// OCR misreads a character of a letter-spaced label ("名  尔", "宗家和业务范围")
// or drops one ("业  务  范"). At the start of an OCR'd line, a label of four
// or more characters matches within a quarter of its characters, a
// two-character label when one of its two spaced-out characters is right;
// either way the label must be followed by a gap, as labels are printed.
// Returns the end of the match in `u`, or npos.
size_t FuzzyMatchAt(const std::u32string& u, size_t pos, const std::u32string& label) {
  auto gap_at = [&](size_t i) { return i >= u.size() || text::IsSpace(u[i]) || IsColon(u[i]); };
  // The next `n` non-space characters from pos and where they end.
  auto take = [&](size_t n, size_t* end) {
    std::u32string got;
    size_t i = pos;
    while (i < u.size() && got.size() < n) {
      if (!text::IsSpace(u[i])) got.push_back(u[i]);
      ++i;
    }
    *end = i;
    return got;
  };
  if (label.size() == 2) {
    size_t end = 0;
    std::u32string got = take(2, &end);
    if (got.size() != 2 || got == label) return std::u32string::npos;
    const bool spaced = pos + 1 < u.size() && text::IsSpace(u[pos + 1]);
    const bool one_right = got[0] == label[0] || got[1] == label[1];
    const bool cjk = got[0] >= 0x4E00 && got[1] >= 0x4E00;
    const bool wide_gap = end < u.size() && text::IsSpace(u[end]);
    return spaced && one_right && cjk && wide_gap ? end : std::u32string::npos;
  }
  if (label.size() < 4) return std::u32string::npos;
  size_t best_end = std::u32string::npos, best = label.size() / 4 + 1;
  for (size_t n = label.size() - 1; n <= label.size() + 1; ++n) {
    size_t end = 0;
    std::u32string got = take(n, &end);
    if (got.size() != n || !gap_at(end)) continue;
    size_t distance = text::EditDistance(got, label);
    if (distance < best) best = distance, best_end = end;
  }
  return best_end;
}

// Splits a line into labelled pieces. A licence prints two columns, so OCR
// often joins "法定代表人 韩德胜" and "住所 淄博市…" into one line: a value
// ends where the next label begins. The scope runs to the end of its line,
// since its long text may hold words that look like labels.
std::vector<LabelledLine> SplitLabelled(std::string_view line,
                                        const std::vector<LicenseLabel>& labels, bool ocr) {
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
  for (const LicenseLabel& l : labels) {
    if (current || !ocr) break;
    size_t end = FuzzyMatchAt(u, pos, l.label);
    if (end == std::u32string::npos) continue;
    current = &l;
    value_start = end;
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
  // Lines in reading order: a licence photographed whole may come out as one
  // big table cell holding every line.
  struct Line {
    int span;
    std::string text;
  };
  std::vector<Line> lines;
  for (size_t i = 0; i < doc.spans.size(); ++i)
    for (const std::string& piece : text::Split(doc.spans[i].text, U'\n'))
      if (!text::Trim(piece).empty()) lines.push_back({static_cast<int>(i), piece});
  auto same_block = [&](int a, int b) {
    const Span &x = doc.spans[a], &y = doc.spans[b];
    return a == b || (x.table < 0 && y.table < 0 && x.page == y.page);
  };

  int open_scope = -1;  // index in `out` of the scope reading that may run on
  for (size_t li = 0; li < lines.size(); ++li) {
    const int i = lines[li].span;
    const Span& span = doc.spans[i];
    const bool ocr = span.method == ReadMethod::kOcr;
    std::vector<LabelledLine> pieces = SplitLabelled(lines[li].text, labels, ocr);
    if (pieces.empty()) {
      if (open_scope >= 0 && same_block(out[open_scope].span_id, i)) {
        out[open_scope].raw += text::Trim(lines[li].text);
        Normalized n = NormalizeAsRead(ValueType::kText, out[open_scope].raw, doc, i);
        if (n.state == ValueState::kValue) out[open_scope].value = n.value;
      }
      continue;
    }
    open_scope = -1;
    for (const LabelledLine& line : pieces) {
      if (!line.label->field) continue;  // a label we do not read
      const FieldSpec& field = *line.label->field;
      std::string raw = line.value;
      int value_span = i;
      if (raw.empty() && span.table >= 0 && pieces.size() == 1) {
        // A label cell: the value is in the cell to its right.
        const Table& table = doc.tables[span.table];
        const Cell* self = table.At(span.row, span.col);
        const Cell* right = self ? table.At(span.row, span.col + self->col_span) : nullptr;
        if (right && right != self && right->span_id >= 0) {
          raw = doc.spans[right->span_id].text;
          value_span = right->span_id;
        }
      }
      if (raw.empty() && pieces.size() == 1) {
        // A label alone on its line ("统一社会信用代码" above the code): the
        // value is the next line of the same block, unless that has a label.
        for (size_t next = li + 1; next < lines.size(); ++next) {
          if (!same_block(i, lines[next].span)) continue;
          if (!SplitLabelled(lines[next].text, labels, ocr).empty()) break;
          raw = lines[next].text;
          value_span = lines[next].span;
          break;
        }
      }
      const std::string key = "license_" + field.key;
      if (raw.empty() || has(key)) continue;
      Normalized n = NormalizeAsRead(field.type, raw, doc, value_span);
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
  if (!has("license_credit_code")) {
    // The code printed without a label we could read: a code that passes
    // its check character names itself.
    for (const Line& line : lines) {
      for (const std::string& word : text::Split(line.text, U' ')) {
        Normalized n = NormalizeAsRead(ValueType::kCreditCode, word, doc, line.span);
        if (n.state != ValueState::kValue || !IsValidCreditCode(n.value.get<std::string>()))
          continue;
        FieldReading r;
        r.key = "license_credit_code";
        r.value = n.value;
        r.raw = text::Trim(word);
        r.span_id = line.span;
        r.confidence = doc.spans[line.span].confidence;
        r.label = "统一社会信用代码";
        out.push_back(std::move(r));
        return out;
      }
    }
  }
  return out;
}

}  // namespace dossier::norm
