// Reading a licence (营业执照, 事业单位法人证书, 社会团体法人登记证书): lines that
// begin with a label, the label's characters often spread by spaces
// ("名　　称　济南某某学院"), with or without a colon; a long scope runs on over
// the following unlabelled lines.
#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
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

// Two spaces or more before `pos`: the line's layout put a wide gap there
// (a column's edge), not a word space.
bool WideGapBefore(const std::u32string& u, size_t pos) {
  size_t spaces = 0;
  while (pos > 0 && (text::IsSpace(u[pos - 1]) || IsQuoteSpeck(u[pos - 1]))) {
    if (text::IsSpace(u[pos - 1])) ++spaces;
    --pos;
  }
  return spaces >= 2;
}

struct LabelledLine {
  const LicenseLabel* label = nullptr;
  std::string value;
  size_t label_begin = 0;  // code points into the line
  size_t value_begin = 0, value_end = 0;
};

// The end of `label` matched at `pos` of `u`, spaces between its characters
// allowed, or npos.
size_t MatchAt(const std::u32string& u, size_t pos, const std::u32string& label) {
  size_t i = pos, k = 0;
  while (i < u.size() && k < label.size()) {
    // Letter-spacing, and OCR's quote marks for a speck between the spaced
    // characters ("住  “所").
    if (k > 0 && (text::IsSpace(u[i]) || IsQuoteSpeck(u[i]))) {
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
// or more characters matches within a quarter of its characters (a third
// when its last four are right), a
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
  // A long label whose last four characters are read right keeps its
  // meaning with a third of its characters misread ("宗旨和业务范围" read
  // "案 首 和业务范围").
  const std::u32string tail = label.size() >= 6 ? label.substr(label.size() - 4) : U"";
  size_t best_end = std::u32string::npos, best = label.size();
  for (size_t n = label.size() - 1; n <= label.size() + 1; ++n) {
    size_t end = 0;
    std::u32string got = take(n, &end);
    if (got.size() != n || !gap_at(end)) continue;
    const bool tail_right =
        !tail.empty() && got.compare(got.size() - tail.size(), tail.size(), tail) == 0;
    const size_t allowed = tail_right ? label.size() / 3 : label.size() / 4;
    const size_t distance = text::EditDistance(got, label);
    if (distance <= allowed && distance < best) best = distance, best_end = end;
  }
  return best_end;
}

// Splits a line into labelled pieces. A licence prints two columns, so OCR
// often joins "法定代表人 韩德胜" and "住所 淄博市…" into one line: a value
// ends where the next label begins. The scope's long text may hold words
// that look like labels, so within it only a label after a wide gap (the
// next column) ends it.
std::vector<LabelledLine> SplitLabelled(std::string_view line,
                                        const std::vector<LicenseLabel>& labels, bool ocr) {
  std::vector<LabelledLine> out;
  const std::u32string u = text::ToU32(text::FullWidthToAscii(line));
  const std::u32string original = text::ToU32(line);
  size_t pos = 0;
  while (pos < u.size() && text::IsSpace(u[pos])) ++pos;
  const LicenseLabel* current = nullptr;
  size_t value_start = 0, label_start = pos;
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
    while (b < value_end && (text::IsSpace(u[b]) || IsColon(u[b]) || IsQuoteSpeck(u[b]))) ++b;
    out.push_back({current,
                   text::Trim(text::ToUtf8(std::u32string_view(original).substr(b, value_end - b))),
                   label_start, b, value_end});
  };
  auto is_scope = [](const LicenseLabel* l) { return l->field && l->field->key == "scope"; };
  // The label beginning at `i`, and where it ends.
  auto label_at = [&](size_t i) -> std::pair<const LicenseLabel*, size_t> {
    for (const LicenseLabel& l : labels) {
      if (l.label.size() < 2) continue;
      if (size_t end = MatchAt(u, i, l.label); end != std::u32string::npos) return {&l, end};
    }
    // The next column's label misread as OCR misreads the first one
    // ("法定代表人  唐瑶  敬业 期限  长期"): only past a column's gap, where
    // a label begins, never inside a value's own words.
    if (ocr && WideGapBefore(u, i) && !text::IsSpace(u[i])) {
      for (const LicenseLabel& l : labels) {
        if (l.label.size() < 4) continue;
        if (size_t end = FuzzyMatchAt(u, i, l.label); end != std::u32string::npos) return {&l, end};
      }
    }
    return {nullptr, std::u32string::npos};
  };
  for (size_t i = value_start + 1; i < u.size(); ++i) {
    if (is_scope(current) && !WideGapBefore(u, i)) continue;
    const auto [label, end] = label_at(i);
    if (!label) continue;
    finish(i);
    current = label;
    value_start = end;
    label_start = i;
    i = end;
  }
  finish(u.size());
  return out;
}

// One line of a licence as read. Where the format places its words (OCR, a
// PDF's text layer), each character's box, so that a value running on over
// the next lines takes only what lies in its own column.
struct Line {
  int span = -1;
  std::string text;
  std::vector<std::optional<BBox>> boxes;  // per code point; empty when unknown
};

// A value that may run on over the next lines, in its column [x0, x1).
struct OpenValue {
  size_t reading;
  double x0, x1;
  double bottom;  // of its last line
  double line_height;
};

bool RunsOn(const std::string& key) { return key == "scope" || key == "address"; }

// 法定代表人(负责人) spread by spaces is the longest a label is.
constexpr size_t kLongestLabel = 10;

// "济南致远职业技能培训学校": how a unit's name ends, and a scope does not.
bool EndsLikeAUnitsName(const std::string& bare) {
  static const char* const kSuffixes[] = {"学校", "学院", "大学",   "中心",   "公司",
                                          "协会", "学会", "研究院", "研究所", "研究会",
                                          "商会", "基地", "站"};
  return std::any_of(std::begin(kSuffixes), std::end(kSuffixes), [&](const char* suffix) {
    const std::string_view s(suffix);
    return bare.size() >= s.size() && bare.compare(bare.size() - s.size(), s.size(), s) == 0;
  });
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
  std::vector<Line> lines;
  for (size_t i = 0; i < doc.spans.size(); ++i) {
    const Span& span = doc.spans[i];
    const std::vector<std::optional<BBox>> boxes = CharBoxes(span);
    size_t offset = 0;  // code points of the span's text before this line
    for (const std::string& piece : text::Split(span.text, U'\n')) {
      const size_t length = text::ToU32(piece).size();
      if (!text::Trim(piece).empty()) {
        Line line{static_cast<int>(i), piece, {}};
        if (!boxes.empty())
          line.boxes.assign(boxes.begin() + static_cast<std::ptrdiff_t>(offset),
                            boxes.begin() + static_cast<std::ptrdiff_t>(offset + length));
        lines.push_back(std::move(line));
      }
      offset += length + 1;
    }
  }
  auto same_block = [&](int a, int b) {
    const Span &x = doc.spans[a], &y = doc.spans[b];
    return a == b || (x.table < 0 && y.table < 0 && x.page == y.page);
  };
  auto renormalize = [&](FieldReading& r, int span) {
    Normalized n = NormalizeAsRead(ValueType::kText, r.raw, doc, span);
    if (n.state == ValueState::kValue) r.value = n.value;
  };

  std::vector<OpenValue> open;  // values that may run on, by column
  for (size_t li = 0; li < lines.size(); ++li) {
    const Line& line = lines[li];
    const int i = line.span;
    const Span& span = doc.spans[i];
    const bool ocr = span.method == ReadMethod::kOcr;
    std::vector<LabelledLine> pieces = SplitLabelled(line.text, labels, ocr);
    if (pieces.empty()) {
      if (open.empty() || !same_block(out[open.front().reading].span_id, i)) continue;
      const bool placed =
          !line.boxes.empty() && std::all_of(open.begin(), open.end(),
                                             [](const OpenValue& o) { return o.line_height > 0; });
      if (!placed) {
        // No positions: the whole line runs on the first open value (the
        // scope: no column can be told).
        out[open.front().reading].raw += text::Trim(line.text);
        renormalize(out[open.front().reading], i);
        continue;
      }
      // Each character goes to the open value of its column, if its line lies
      // just below that value's last line. Writing left of every open column
      // begins an entry whose label could not be read: the values end.
      const std::u32string u = text::ToU32(line.text);
      std::vector<std::u32string> added(open.size());
      std::vector<double> top(open.size(), 1e18), bottom(open.size(), 0);
      double leftmost = 1e18;
      for (const OpenValue& o : open) leftmost = std::min(leftmost, o.x0);
      bool new_entry = false;
      int column = -1;
      for (size_t k = 0; k < u.size(); ++k) {
        if (!line.boxes[k] || text::IsSpace(u[k])) {
          if (column >= 0) added[column].push_back(u[k]);
          continue;
        }
        const BBox& b = *line.boxes[k];
        const double cx = (b.x0 + b.x1) / 2;
        if (cx < leftmost && !IsQuoteSpeck(u[k])) new_entry = true;
        // Columns may nest (a scope open to the page's edge, an address
        // beside it): the one starting nearest to the left holds it.
        column = -1;
        for (size_t o = 0; o < open.size(); ++o) {
          if (cx < open[o].x0 || cx >= open[o].x1) continue;
          if (column < 0 || open[o].x0 > open[column].x0) column = static_cast<int>(o);
        }
        if (column >= 0) {
          added[column].push_back(u[k]);
          top[column] = std::min(top[column], b.y0);
          bottom[column] = std::max(bottom[column], b.y1);
        }
      }
      if (new_entry) {
        open.clear();
        continue;
      }
      for (size_t o = 0; o < open.size(); ++o) {
        const std::string more = text::Trim(text::ToUtf8(added[o]));
        if (more.empty() || top[o] - open[o].bottom > 1.5 * open[o].line_height) continue;
        out[open[o].reading].raw += more;
        renormalize(out[open[o].reading], i);
        open[o].bottom = bottom[o];
      }
      continue;
    }
    // The left edge of a piece's column: where its label begins.
    Line rest = line;  // the line without what runs on a value beside it
    auto column_x = [&](const LabelledLine& piece) -> std::optional<double> {
      for (size_t k = piece.label_begin; k < rest.boxes.size(); ++k)
        if (rest.boxes[k]) return rest.boxes[k]->x0;
      return std::nullopt;
    };
    if (!rest.boxes.empty() && !open.empty()) {
      // A value open in a column right of where this line's first value
      // begins, with no entry of this line in it (住所's second line beside
      // 经营范围's first), takes what lies in that column. A value under its
      // own label's value column is ended by the new entry instead.
      double first_value_x = 1e18;
      const std::u32string rest_u = text::ToU32(rest.text);
      for (size_t k = pieces.front().value_begin; k < rest.boxes.size(); ++k) {
        // Its first written character, not a comma OCR put before it.
        const char32_t c = rest_u[k];
        const bool written = (c >= 0x4E00 && c <= 0x9FFF) || (c >= '0' && c <= '9') ||
                             ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
        if (rest.boxes[k] && written) {
          first_value_x = rest.boxes[k]->x1;
          break;
        }
      }
      std::vector<size_t> beside;
      for (size_t o = 0; o < open.size(); ++o) {
        if (open[o].x0 <= first_value_x) continue;
        const bool entry_there =
            std::any_of(pieces.begin(), pieces.end(), [&](const LabelledLine& p) {
              const std::optional<double> x = column_x(p);
              return x && *x >= open[o].x0 && *x < open[o].x1;
            });
        if (!entry_there) beside.push_back(o);
      }
      if (!beside.empty()) {
        const std::u32string u = text::ToU32(rest.text);
        std::u32string kept;
        std::vector<std::optional<BBox>> kept_boxes;
        std::vector<std::u32string> added(beside.size());
        std::vector<double> top(beside.size(), 1e18), bottom(beside.size(), 0);
        int column = -1;
        for (size_t k = 0; k < u.size(); ++k) {
          if (rest.boxes[k] && !text::IsSpace(u[k])) {
            const double cx = (rest.boxes[k]->x0 + rest.boxes[k]->x1) / 2;
            column = -1;
            for (size_t b = 0; b < beside.size(); ++b) {
              const OpenValue& o = open[beside[b]];
              if (cx >= o.x0 && cx < o.x1 && (column < 0 || o.x0 > open[beside[column]].x0))
                column = static_cast<int>(b);
            }
            if (column >= 0) {
              top[column] = std::min(top[column], rest.boxes[k]->y0);
              bottom[column] = std::max(bottom[column], rest.boxes[k]->y1);
            }
          }
          if (column >= 0) {
            added[column].push_back(u[k]);
          } else {
            kept.push_back(u[k]);
            kept_boxes.push_back(rest.boxes[k]);
          }
        }
        for (size_t b = 0; b < beside.size(); ++b) {
          OpenValue& o = open[beside[b]];
          const std::string more = text::Trim(text::ToUtf8(added[b]));
          if (more.empty() || top[b] - o.bottom > 1.5 * o.line_height) continue;
          out[o.reading].raw += more;
          renormalize(out[o.reading], i);
          o.bottom = bottom[b];
        }
        rest.text = text::ToUtf8(kept);
        rest.boxes = std::move(kept_boxes);
        pieces = SplitLabelled(rest.text, labels, ocr);
        if (pieces.empty()) continue;
      }
    }
    // A new entry ends the values open in its column; one beside it, in the
    // other column (住所 a line above 经营范围), runs on.
    if (rest.boxes.empty()) {
      open.clear();
    } else {
      const double from = column_x(pieces.front()).value_or(-1e18);
      double to = -1e18;
      for (const std::optional<BBox>& b : rest.boxes)
        if (b) to = std::max(to, b->x1);
      open.erase(std::remove_if(open.begin(), open.end(),
                                [&](const OpenValue& o) { return o.x0 < to && from < o.x1; }),
                 open.end());
    }
    for (size_t p = 0; p < pieces.size(); ++p) {
      const LabelledLine& piece = pieces[p];
      if (!piece.label->field) continue;  // a label we do not read
      const FieldSpec& field = *piece.label->field;
      std::string raw = piece.value;
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
      // The line's confidence, not its least sure character's: the licence
      // checks read it as how legible the whole line was, and a licence
      // of another unit read with one character unsure is still another
      // unit's (the bundled samples' 91370705MA3Q2WX63J).
      r.confidence = doc.spans[value_span].confidence;
      // A value kept with a doubt (a name whose first character is no
      // family name) is doubted, as on a form.
      if (!n.note.empty()) r.confidence = std::min(r.confidence, kDoubtedValueConfidence);
      r.label = field.labels.front();
      out.push_back(std::move(r));
      if (!RunsOn(field.key) || value_span != i) continue;
      // Its column: from where its value begins (a run-on line is set under
      // the value, not under the label) to the next piece's label.
      double x0 = 1e18, bottom = 0, height = 0;
      for (size_t k = piece.value_begin; k < piece.value_end && k < rest.boxes.size(); ++k) {
        if (!rest.boxes[k]) continue;
        x0 = std::min(x0, rest.boxes[k]->x0);
        bottom = std::max(bottom, rest.boxes[k]->y1);
        height = std::max(height, rest.boxes[k]->y1 - rest.boxes[k]->y0);
      }
      x0 -= height;
      const double x1 = p + 1 < pieces.size() ? column_x(pieces[p + 1]).value_or(1e18) : 1e18;
      if (height > 0)
        open.push_back({out.size() - 1, x0, x1, bottom, height});
      else if (field.key == "scope")  // no positions: only the scope runs on
        open.push_back({out.size() - 1, -1e18, 1e18, 0, 0});
    }
  }
  if (!has("license_scope")) {
    // The scope's label misread beyond repair (业务范轩, 信利和业务范围): the
    // scope is the line that names training and belongs to no other label.
    // Not the unit's name ("…职业培训学校"), which a licence prints too.
    const Spec& spec = TheSpec();
    std::vector<std::string> names;
    for (const FieldReading& r : out)
      if (r.key == "license_name") names.push_back(text::RemoveSpaces(r.value.get<std::string>()));
    for (const Line& line : lines) {
      const bool ocr = doc.spans[line.span].method == ReadMethod::kOcr;
      if (!ocr) break;  // a typed licence's labels are read
      const std::vector<LabelledLine> pieces = SplitLabelled(line.text, labels, ocr);
      if (std::any_of(pieces.begin(), pieces.end(), [](const LabelledLine& p) {
            return !p.label->field || p.label->field->key != "scope";
          }))
        continue;
      std::string bare = text::RemoveSpaces(line.text);
      for (const std::string& name : names) {
        const size_t at = bare.find(name);
        if (!name.empty() && at != std::string::npos) bare.erase(at, name.size());
      }
      if (std::none_of(spec.training_scope_words.begin(), spec.training_scope_words.end(),
                       [&](const std::string& w) { return bare.find(w) != std::string::npos; }))
        continue;
      if (names.empty() && EndsLikeAUnitsName(bare)) continue;
      // What stands before a wide gap near the line's start is the label.
      std::u32string u = text::ToU32(line.text);
      for (size_t k = 1; k < u.size() && k <= kLongestLabel + 4; ++k) {
        if (!text::IsSpace(u[k]) && WideGapBefore(u, k)) {
          u.erase(0, k);
          break;
        }
      }
      const std::string raw = text::Trim(text::ToUtf8(u));
      Normalized n = NormalizeAsRead(ValueType::kText, raw, doc, line.span);
      if (n.state != ValueState::kValue) continue;
      FieldReading r;
      r.key = "license_scope";
      r.value = n.value;
      r.raw = raw;
      r.span_id = line.span;
      // Read without its label: as doubtful as the line, and never sure.
      r.confidence = std::min(doc.spans[line.span].confidence, 0.6);
      r.label = "业务范围";
      out.push_back(std::move(r));
      break;
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
