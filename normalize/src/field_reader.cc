// Reading the spec's fields by their labels, whatever the layout: a label cell
// with its value to the right or below, "label：value" inside a cell or a
// paragraph, and the trainees-by-year block.
#include <algorithm>
#include <cstdint>
#include <map>
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

// How directly a reading is tied to its label; lower wins when a document
// names the same field twice.
enum Placement { kCellRight = 0, kCellBelow = 1, kSameCell = 2, kParagraph = 3, kDerived = 4 };

struct Candidate {
  FieldReading reading;
  Placement placement;
  int order;  // position in reading order, to prefer the first of equals
};

// "2021年", "2021年度" — and, where only a year heading can stand (the
// trainees block's heading row), a bare "2021". A bare number elsewhere is a
// value: 2050 persons trained is not the year 2050.
bool IsYearLabel(const std::string& key, bool allow_bare) {
  if (key.size() < 4) return false;
  for (int i = 0; i < 4; ++i)
    if (key[i] < '0' || key[i] > '9') return false;
  std::string rest = key.substr(4);
  if (rest.empty()) return allow_bare;
  return rest == "年" || rest == "年度";
}

std::optional<int> YearOf(const std::string& label_key, bool allow_bare) {
  if (!IsYearLabel(label_key, allow_bare)) return std::nullopt;
  return std::stoi(label_key.substr(0, 4));
}

class FormReader {
 public:
  explicit FormReader(const Document& doc) : doc_(doc), spec_(TheSpec()) {
    for (const FieldSpec& f : spec_.fields) {
      for (const std::string& label : f.labels) {
        std::string key = LabelKey(label);
        if (IsYearLabel(key, false)) continue;  // year headings only count in the trainees block
        labels_.emplace(key, &f);
      }
      if (f.year) year_fields_[f.year] = &f;
    }
    for (const std::string& label : spec_.trainees_table_labels)
      trainees_labels_.emplace(LabelKey(label), true);
  }

  std::vector<FieldReading> Read() {
    for (size_t t = 0; t < doc_.tables.size(); ++t) ReadTable(doc_.tables[t]);
    for (size_t i = 0; i < doc_.spans.size(); ++i) {
      const Span& span = doc_.spans[i];
      if (span.table >= 0) continue;
      ReadSegments(span.text, static_cast<int>(i), kParagraph);
    }
    DeriveCity();
    FindUnlabelledCreditCode();
    return Choose();
  }

 private:
  bool IsOcr(int span_id) const {
    return span_id >= 0 && doc_.spans[span_id].method == ReadMethod::kOcr;
  }

  // The field a label names. An OCR'd label may carry a cell border's marks
  // and a misread character or two: it names the label it is nearest to,
  // if within a quarter of that label's characters, with the same digits,
  // and no other field's label is as near.
  const FieldSpec* FieldForLabel(std::string_view text, int span_id) const {
    std::string key = LabelKey(CleanLabel(text));
    if (key.empty()) return nullptr;
    if (auto it = labels_.find(key); it != labels_.end()) return it->second;
    if (!IsOcr(span_id)) return nullptr;
    return NearestLabel<const FieldSpec*>(labels_, LabelKey(CleanLabel(StripOcrEdgeNoise(text))),
                                          nullptr);
  }

  bool IsTraineesLabel(std::string_view text, int span_id) const {
    std::string key = LabelKey(CleanLabel(text));
    if (trainees_labels_.count(key)) return true;
    if (!IsOcr(span_id)) return false;
    return NearestLabel(trainees_labels_, LabelKey(CleanLabel(StripOcrEdgeNoise(text))), false);
  }

  template <typename Target>
  static Target NearestLabel(const std::map<std::string, Target>& labels, const std::string& key,
                             Target none) {
    if (key.empty()) return none;
    if (auto it = labels.find(key); it != labels.end()) return it->second;
    const std::u32string read = text::ToU32(key);
    auto digits = [](std::u32string_view s) {
      std::u32string d;
      for (char32_t c : s)
        if (c >= U'0' && c <= U'9') d.push_back(c);
      return d;
    };
    size_t best = SIZE_MAX;
    Target found = none;
    bool tie = false;
    for (const auto& [label, target] : labels) {
      const std::u32string want = text::ToU32(label);
      if (want.size() < 4 || digits(want) != digits(read)) continue;
      const size_t distance = text::EditDistance(read, want);
      if (distance > want.size() / 4) continue;
      if (distance < best) {
        best = distance;
        found = target;
        tie = false;
      } else if (distance == best && target != found) {
        tie = true;
      }
    }
    return tie ? none : found;
  }

  std::string_view TextOf(const Cell* cell) const {
    if (!cell || cell->span_id < 0) return {};
    return doc_.spans[cell->span_id].text;
  }

  // A cell that is itself a label (of a field or of the trainees block) is
  // never a value: it means the labels run in a header row.
  bool IsLabelCell(const Cell* cell) const {
    std::string_view text = TextOf(cell);
    if (text.empty()) return false;
    if (FieldForLabel(text, cell->span_id) || IsTraineesLabel(text, cell->span_id)) return true;
    return IsYearLabel(LabelKey(CleanLabel(text)), /*allow_bare=*/false);
  }

  const Cell* RightOf(const Table& table, const Cell& cell) const {
    const Cell* right = table.At(cell.row, cell.col + cell.col_span);
    return right == &cell ? nullptr : right;
  }
  const Cell* Below(const Table& table, const Cell& cell) const {
    const Cell* below = table.At(cell.row + cell.row_span, cell.col);
    return below == &cell ? nullptr : below;
  }

  // A row of labels with their values in the row below: more label cells
  // than other filled cells ("联系人 | 联系电话 | 手机 | 传真", where 传真 is a
  // label we do not read).
  bool IsHeaderRow(const Table& table, int row) const {
    int labels = 0, others = 0;
    for (const Cell& cell : table.cells) {
      if (cell.row != row || cell.span_id < 0) continue;
      if (IsLabelCell(&cell))
        ++labels;
      else
        ++others;
    }
    return labels >= 2 && labels > others;
  }

  // The value cell of a label cell: to its right, or below when the labels
  // run along a header row. A label cell is never a value.
  std::optional<std::pair<const Cell*, Placement>> ValueCell(const Table& table,
                                                             const Cell& label) const {
    const Cell* right = RightOf(table, label);
    const Cell* below = Below(table, label);
    bool right_ok = right && !IsLabelCell(right);
    bool below_ok = below && !IsLabelCell(below);
    if (below_ok && (IsHeaderRow(table, label.row) || !right_ok))
      return std::make_pair(below, kCellBelow);
    if (right_ok) return std::make_pair(right, kCellRight);
    return std::nullopt;
  }

  void ReadTable(const Table& table) {
    std::vector<const Cell*> trainees_labels;
    for (const Cell& cell : table.cells) {
      std::string_view text = TextOf(&cell);
      if (text.empty()) continue;
      if (IsTraineesLabel(text, cell.span_id)) {
        trainees_labels.push_back(&cell);
        continue;
      }
      if (const FieldSpec* field = FieldForLabel(text, cell.span_id)) {
        if (auto value = ValueCell(table, cell)) {
          AddCellReading(*field, value->first, value->second, text, cell.span_id);
        }
        continue;
      }
      ReadSegments(text, cell.span_id, kSameCell);
    }
    for (const Cell* label : trainees_labels) ReadTraineesBlock(table, *label);
  }

  // The trainees block: year headings near the block's label, each with its
  // number below (or to the right); or all years written in one value cell.
  void ReadTraineesBlock(const Table& table, const Cell& label) {
    // The heading row is the first row of the block, or the one after it,
    // that holds year headings; bare years count only there.
    for (int row = label.row; row <= label.row + label.row_span; ++row) {
      bool found_year_cell = false;
      for (const Cell& cell : table.cells) {
        if (cell.row != row) continue;
        std::string_view text = TextOf(&cell);
        if (text.empty()) continue;
        std::optional<int> year = YearOf(LabelKey(CleanLabel(text)), /*allow_bare=*/true);
        if (!year) continue;
        auto field = year_fields_.find(*year);
        if (field == year_fields_.end()) continue;
        found_year_cell = true;
        const Cell* below = Below(table, cell);
        if (below && !IsLabelCell(below)) {
          AddCellReading(*field->second, below, kCellBelow, text, cell.span_id);
        } else if (const Cell* right = RightOf(table, cell); right && !IsLabelCell(right)) {
          AddCellReading(*field->second, right, kCellRight, text, cell.span_id);
        }
      }
      if (found_year_cell) return;
    }
    if (const Cell* right = RightOf(table, label); right && right->span_id >= 0) {
      ReadSegments(TextOf(right), right->span_id, kSameCell, /*trainees_context=*/true);
    }
  }

  void AddCellReading(const FieldSpec& field, const Cell* value_cell, Placement placement,
                      std::string_view label, int label_span) {
    if (value_cell->span_id < 0) {
      // A blank value cell is the form's way of saying "none".
      AddReading(field, "", label_span, placement, label, /*blank=*/true);
      return;
    }
    AddReading(field, doc_.spans[value_cell->span_id].text, value_cell->span_id, placement, label);
  }

  // "label：value" pieces of a paragraph or cell; several may share a line
  // when separated by wide gaps, tabs, line breaks or semicolons. Year
  // pieces ("2021年：2300人") count only after the trainees block's label.
  void ReadSegments(std::string_view text, int span_id, Placement placement,
                    bool trainees_context = false) {
    for (const LabelledSegment& seg : SplitLabelledSegments(text)) {
      if (auto year = YearOf(LabelKey(seg.label), /*allow_bare=*/false)) {
        auto field = year_fields_.find(*year);
        if (field != year_fields_.end() && trainees_context)
          AddReading(*field->second, seg.value, span_id, placement, seg.label);
        continue;
      }
      if (IsTraineesLabel(seg.label, span_id)) {
        trainees_context = true;
        ReadSegments(seg.value, span_id, placement, /*trainees_context=*/true);
        continue;
      }
      if (const FieldSpec* field = FieldForLabel(seg.label, span_id))
        AddReading(*field, seg.value, span_id, placement, seg.label);
    }
  }

  void AddReading(const FieldSpec& field, std::string_view raw, int span_id, Placement placement,
                  std::string_view label, bool blank = false) {
    Candidate c;
    c.reading.key = field.key;
    c.reading.raw = text::Trim(raw);
    c.reading.span_id = span_id;
    c.reading.label = text::Trim(label);
    c.reading.confidence = span_id >= 0 ? doc_.spans[span_id].confidence : 1.0;
    c.placement = placement;
    c.order = order_++;
    Normalized n = blank ? Normalized{ValueState::kDeclaredNone, nullptr, ""}
                         : NormalizeAsRead(field.type, raw, doc_, span_id);
    if (n.state == ValueState::kUnreadable) {
      unreadable_.push_back(field.key + "「" + c.reading.raw + "」" +
                            (n.note.empty() ? "" : "：" + n.note));
      return;
    }
    if (!n.note.empty()) {
      // A value kept with a doubt (a URL that is no web address) is shown
      // as doubtful and noted, never trusted as read.
      c.reading.confidence = std::min(c.reading.confidence, 0.2);
      unreadable_.push_back(field.key + "「" + c.reading.raw + "」：" + n.note);
    }
    c.reading.declared_none = n.state == ValueState::kDeclaredNone;
    c.reading.value = c.reading.declared_none ? nlohmann::json() : n.value;
    candidates_.push_back(std::move(c));
  }

  // A credit code whose label OCR could not read ("全社会人人" for
  // 统一社会信用代码): a code that passes its check character names itself.
  void FindUnlabelledCreditCode() {
    const bool has_code = std::any_of(candidates_.begin(), candidates_.end(), [](const Candidate& c) {
      return c.reading.key == "credit_code" && !c.reading.declared_none;
    });
    const FieldSpec* field = spec_.Field("credit_code");
    if (has_code || !field) return;
    for (size_t i = 0; i < doc_.spans.size(); ++i) {
      if (!IsOcr(static_cast<int>(i))) continue;
      for (const std::string& word : text::Split(doc_.spans[i].text, U' ')) {
        Normalized n = NormalizeAsRead(ValueType::kCreditCode, word, doc_, static_cast<int>(i));
        if (n.state != ValueState::kValue || !IsValidCreditCode(n.value.get<std::string>())) continue;
        AddReading(*field, word, static_cast<int>(i), kDerived, field->labels.front());
        return;
      }
    }
  }

  void DeriveCity() {
    bool has_city = std::any_of(candidates_.begin(), candidates_.end(), [](const Candidate& c) {
      return c.reading.key == "city" && !c.reading.declared_none;
    });
    if (has_city) return;
    for (const Candidate& c : candidates_) {
      if (c.reading.key != "address" || c.reading.declared_none) continue;
      std::optional<std::string> city = CityFromAddress(c.reading.value.get<std::string>());
      if (!city) continue;
      Candidate derived = c;
      derived.reading.key = "city";
      derived.reading.value = *city;
      derived.placement = kDerived;
      candidates_.push_back(std::move(derived));
      return;
    }
  }

  // One reading per field: a value beats "declared none", then the closest
  // placement, then the first in reading order.
  std::vector<FieldReading> Choose() {
    std::map<std::string, const Candidate*> best;
    for (const Candidate& c : candidates_) {
      const Candidate*& slot = best[c.reading.key];
      auto rank = [](const Candidate& x) {
        return std::make_tuple(x.reading.declared_none, static_cast<int>(x.placement), x.order);
      };
      if (!slot || rank(c) < rank(*slot)) slot = &c;
    }
    std::vector<FieldReading> out;
    for (const FieldSpec& f : spec_.fields) {
      auto it = best.find(f.key);
      if (it != best.end()) out.push_back(it->second->reading);
    }
    return out;
  }

 public:
  const std::vector<std::string>& unreadable() const { return unreadable_; }

 private:
  const Document& doc_;
  const Spec& spec_;
  std::map<std::string, const FieldSpec*> labels_;
  std::map<int, const FieldSpec*> year_fields_;
  std::map<std::string, bool> trainees_labels_;  // the value says nothing; a set with NearestLabel
  std::vector<Candidate> candidates_;
  std::vector<std::string> unreadable_;
  int order_ = 0;
};

}  // namespace

std::vector<FieldReading> ReadFormFields(const Document& doc, std::vector<std::string>* notes) {
  FormReader reader(doc);
  std::vector<FieldReading> out = reader.Read();
  if (notes) *notes = reader.unreadable();
  return out;
}

}  // namespace dossier::norm
