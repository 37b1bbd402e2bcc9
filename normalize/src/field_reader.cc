// Reading the spec's fields by their labels, whatever the layout: a label cell
// with its value to the right or below, "label：value" inside a cell or a
// paragraph, and the trainees-by-year block (years as columns, as rows, in a
// table nested in the value cell, or written in one cell).
#include <algorithm>
#include <cstdint>
#include <cwctype>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dossier/common/text.h"
#include "dossier/normalize/analysis.h"
#include "dossier/normalize/credit_code.h"
#include "dossier/normalize/spec.h"
#include "dossier/normalize/values.h"
#include "form_fields.h"
#include "label_text.h"
#include "read_value.h"

namespace dossier::norm {
namespace {

// A digit word OCR read with less confidence than this, or that extract
// marked as disputed between its readings, makes the number doubtful.
constexpr double kUnsureDigitConfidence = 0.5;

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

bool IsAsciiDigit(char32_t c) { return c >= U'0' && c <= U'9'; }

// A number of persons in a text ("7100人", "１３６００", "一万二千人次").
bool HasNumeral(std::u32string_view s) {
  for (char32_t c : s)
    if (IsAsciiDigit(c) || std::u32string_view(U"〇零一二两三四五六七八九十百千万").find(c) !=
                               std::u32string_view::npos)
      return true;
  return false;
}

// 目 and 曰 put back as 日, which OCR often reads them for; and 月 before
// 期 (月期: 2024.6.26), where no other word has it.
std::string OcrDayCharacter(const std::string& key) {
  std::u32string u = text::ToU32(key);
  std::replace(u.begin(), u.end(), U'目', U'日');
  std::replace(u.begin(), u.end(), U'曰', U'日');
  for (size_t at = u.find(U"月期"); at != std::u32string::npos; at = u.find(U"月期", at))
    u[at] = U'日';
  return text::ToUtf8(u);
}

struct YearValue {
  int year;
  std::string label;  // as written: "2021年"
  std::string value;  // the text that states the number
};

// A small table of years over their numbers that OCR read as two lines of
// one cell, its rules read as "|" ("|  2021  |  2022  |  2023\n|  5.772 人  |
// 6159人  |  6524 人"): each year over the number below it. Empty when the
// text is not so.
std::vector<YearValue> YearsOverTheirNumbersInOneCell(std::string_view raw) {
  std::vector<std::vector<std::string>> rows;
  for (const std::string& line : text::Split(raw, U'\n')) {
    std::vector<std::string> pieces;
    for (const std::string& piece : text::Split(line, U'|'))
      if (!text::Trim(piece).empty()) pieces.push_back(text::Trim(piece));
    if (!pieces.empty()) rows.push_back(std::move(pieces));
  }
  if (rows.size() != 2 || rows[0].size() < 2 || rows[0].size() != rows[1].size()) return {};
  std::vector<YearValue> out;
  for (size_t k = 0; k < rows[0].size(); ++k) {
    std::string year = text::RemoveSpaces(text::FullWidthToAscii(rows[0][k]));
    if (year.ends_with("年")) year.resize(year.size() - std::string_view("年").size());
    if (year.size() != 4 || !std::all_of(year.begin(), year.end(), IsAsciiDigit)) return {};
    out.push_back({std::stoi(year), rows[0][k], rows[1][k]});
  }
  return out;
}

// The years of the trainees block written in running text: "2021年：7100人；
// 2022年13600人 2023年度 8800人", "2021年、2022年、2023年分别为7100人、13600人、
// 8800人", "2021-2023年分别培训7100、13600、8800人". Empty when the text names
// no year, or when numbers and years cannot be paired one to one.
std::vector<YearValue> YearValuesInText(std::string_view raw) {
  if (std::vector<YearValue> grid = YearsOverTheirNumbersInOneCell(raw); !grid.empty()) return grid;
  const std::u32string u = text::ToU32(text::FullWidthToAscii(raw));
  struct Mention {
    size_t begin, end;  // of the year label
    int first, last;    // a range "2021-2023年" names several
  };
  std::vector<Mention> mentions;
  // "202320,700人次": a year with its number glued on. Four or more digits
  // before a thousands comma are no one number, so one to three digits and a
  // comma after the year begin the number.
  auto GluedToGroupedNumber = [&](size_t from) {
    size_t k = from;
    while (k < u.size() && IsAsciiDigit(u[k])) ++k;
    return k - from <= 3 && k + 3 < u.size() && u[k] == U',' && IsAsciiDigit(u[k + 1]) &&
           IsAsciiDigit(u[k + 2]) && IsAsciiDigit(u[k + 3]) &&
           (k + 4 >= u.size() || !IsAsciiDigit(u[k + 4]));
  };
  // "20232600 人次", "20210.2 万": a recent year that begins a piece of the
  // trainees' text with its number glued on, the number beginning as no
  // year's digits go on (not with a 0 unless a decimal's).
  auto GluedAtPieceStart = [&](size_t from, int year) {
    if (year < 2015 || year > 2030 || from >= u.size()) return false;
    if (u[from] >= U'1' && u[from] <= U'9') return true;
    return u[from] == U'0' && from + 2 < u.size() && u[from + 1] == U'.' &&
           IsAsciiDigit(u[from + 2]);
  };
  auto year_at = [&](size_t i, bool begins_piece = false) -> int {
    if (i + 4 > u.size() || (i > 0 && IsAsciiDigit(u[i - 1]))) return 0;
    int y = 0;
    for (size_t k = i; k < i + 4; ++k) {
      if (!IsAsciiDigit(u[k])) return 0;
      y = y * 10 + static_cast<int>(u[k] - U'0');
    }
    if (i + 4 < u.size() && IsAsciiDigit(u[i + 4]) && !GluedToGroupedNumber(i + 4) &&
        !(begins_piece && GluedAtPieceStart(i + 4, y)))
      return 0;
    return y >= 1990 && y <= 2099 ? y : 0;
  };
  // A piece begins at a line, after a semicolon or a wide gap, or after a
  // comma that follows a word ("2021 3200 人次，2022 2800 人次"; after a
  // digit a comma may group a number). OCR sets spaces before it too
  // ("2021 二万 七 干一百 ; 2022 31000人"), and a stray quote mark before a
  // photographed year ("人次  ”20228,770 人次").
  auto begins_piece = [&](size_t i) {
    size_t p = i;
    while (p > 0 && IsQuoteSpeck(u[p - 1])) --p;
    if (p >= 2 && u[p - 1] == U' ' && u[p - 2] == U' ') return true;
    while (p > 0 && u[p - 1] == U' ') --p;
    if (p == 0 || u[p - 1] == U'\n') return true;
    if (std::u32string_view(U";；").find(u[p - 1]) != std::u32string_view::npos) return true;
    return p >= 2 && std::u32string_view(U",，、").find(u[p - 1]) != std::u32string_view::npos &&
           !IsAsciiDigit(u[p - 2]);
  };
  for (size_t i = 0; i < u.size(); ++i) {
    const int y = year_at(i, begins_piece(i));
    if (!y) continue;
    size_t j = i + 4;
    int last = y;
    // A range: 2021-2023年, 2021年至2023年, 2021～2023年.
    size_t k = j;
    if (k < u.size() && u[k] == U'年') ++k;
    if (k < u.size() &&
        std::u32string_view(U"-—–~～至到").find(u[k]) != std::u32string_view::npos) {
      const int y2 = year_at(k + 1);
      if (y2 > y && y2 - y <= 5) {
        last = y2;
        j = k + 5;
      }
    }
    // A text layer or OCR may space the year from its 年 ("2021 年").
    const size_t after_year = j;
    while (j < u.size() && text::IsSpace(u[j]) && j < i + 6) ++j;
    // In the trainees' own cell a bare year before a colon is one too
    // ("2021: 3700人; 2022: 2600"), and so is one that begins a line, set
    // apart from the number after it ("2021 3900 人次\n2022 3600 人").
    if (j < u.size() && u[j] == U':' && last == y) {
      mentions.push_back({i, j + 1, y, last});
      i = j;
      continue;
    }
    // So is one that begins a line with a comma after it, before a number
    // that is no year ("2021，2322人\n2022，24 80 人"; "2021,2022,2023年"
    // lists years).
    if (j + 1 < u.size() && (u[j] == U',' || u[j] == U'，') && last == y && begins_piece(i) &&
        IsAsciiDigit(u[j + 1]) && !year_at(j + 1)) {
      mentions.push_back({i, j + 1, y, last});
      i = j;
      continue;
    }
    // A year set off by a wide gap begins a piece as a line does; and the
    // number may follow it with no gap when it cannot run into the year: a
    // Chinese numeral (2021二万一千六百人) or a glued grouped number.
    const bool begins_line = begins_piece(i);
    const bool apart =
        j > after_year ||
        (j < u.size() && !IsAsciiDigit(u[j]) && HasNumeral(std::u32string_view(&u[j], 1))) ||
        (j < u.size() && IsAsciiDigit(u[j]));
    if (begins_line && last == y && apart && j < u.size() &&
        HasNumeral(std::u32string_view(&u[j], 1))) {
      mentions.push_back({i, after_year, y, last});
      i = after_year - 1;
      continue;
    }
    // OCR may set a stray character between a year that begins a piece and
    // its 年 ("2022和年: 2117人次"); not a numeral, which may be the number.
    if (begins_line && last == y && j + 1 < u.size() && u[j + 1] == U'年' && !IsAsciiDigit(u[j]) &&
        !HasNumeral(std::u32string_view(&u[j], 1)))
      ++j;
    if (j >= u.size() || u[j] != U'年') continue;
    ++j;
    if (j < u.size() && u[j] == U'度') ++j;
    mentions.push_back({i, j, y, last});
    i = j - 1;
  }
  if (mentions.empty()) return {};
  std::vector<YearValue> out;
  std::vector<std::pair<int, std::string>> waiting;  // years still without a number
  for (size_t m = 0; m < mentions.size(); ++m) {
    const Mention& men = mentions[m];
    const size_t stop = m + 1 < mentions.size() ? mentions[m + 1].begin : u.size();
    std::u32string value = u.substr(men.end, stop - men.end);
    const std::string label = text::ToUtf8(u.substr(men.begin, men.end - men.begin));
    for (int y = men.first; y <= men.last; ++y) waiting.emplace_back(y, label);
    if (!HasNumeral(value)) continue;
    // The numbers written after the last of the waiting years, one each:
    // apart by punctuation ("7100人、13600人"), or only by spaces where a
    // table's row was flattened into text ("培训人数 7100 13600 8800").
    // With `wide_gaps`, a space parts numbers only beside another: a text
    // layer sets a flattened table's columns apart by several, and a number
    // from its unit by one ("0.7 万人  九千二百人  九千人").
    auto numbers_apart = [&](std::u32string_view separators, bool wide_gaps = false) {
      std::vector<std::u32string> parts(1);
      for (size_t k = 0; k < value.size(); ++k) {
        const char32_t c = value[k];
        // The comma of 13,600 holds a number together.
        const bool thousands = c == U',' && k > 0 && IsAsciiDigit(value[k - 1]) &&
                               k + 3 < value.size() && IsAsciiDigit(value[k + 1]) &&
                               IsAsciiDigit(value[k + 2]) && IsAsciiDigit(value[k + 3]);
        const bool lone_space = wide_gaps && c == U' ' && !(k > 0 && value[k - 1] == U' ') &&
                                !(k + 1 < value.size() && value[k + 1] == U' ');
        if (!thousands && !lone_space && separators.find(c) != std::u32string_view::npos) {
          parts.emplace_back();
        } else {
          parts.back().push_back(c);
        }
      }
      std::vector<std::u32string> numbers;
      for (const std::u32string& p : parts)
        if (HasNumeral(p)) numbers.push_back(p);
      return numbers;
    };
    std::vector<std::u32string> numbers = numbers_apart(U"、，,；;/和及");
    if (numbers.size() != waiting.size() && waiting.size() > 1)
      numbers = numbers_apart(U"、，,；;/和及 \t\n", /*wide_gaps=*/true);
    if (numbers.size() != waiting.size() && waiting.size() > 1)
      numbers = numbers_apart(U"、，,；;/和及 \t\n");
    if (waiting.size() == 1) {
      // A year's number ends with its line: what follows on lines of no
      // year of their own is another year OCR garbled (E922 三态), not
      // more of this number.
      if (const size_t line_end = value.find(U'\n');
          line_end != std::u32string::npos &&
          HasNumeral(std::u32string_view(value).substr(0, line_end)))
        value.resize(line_end);
      out.push_back({waiting[0].first, waiting[0].second, text::ToUtf8(value)});
    } else if (numbers.size() == waiting.size()) {
      // "分别为7100人、13600人" — a unit written only once at the end applies to all.
      for (size_t k = 0; k < waiting.size(); ++k)
        out.push_back({waiting[k].first, waiting[k].second, text::ToUtf8(numbers[k])});
    } else {
      return {};
    }
    waiting.clear();
  }
  return out;
}

// Text punctuated as a sentence: two commas or full stops at least (a
// name may keep one stray mark from OCR).
bool IsSentence(std::string_view text) {
  int marks = 0;
  for (char32_t c : text::ToU32(text)) marks += c == U'，' || c == U'。' || c == U'；';
  return marks >= 2;
}

// A label of a place to seal or sign, not to write.
bool AsksForSeal(std::string_view label) {
  for (const char* mark : {"盖章", "签字", "签章", "签名"})
    if (label.find(mark) != std::string_view::npos) return true;
  // 签字 with its first character misread as OCR does (笑字, 短字), or its
  // second as a mark (御?): a bracketed note of a character then 字 or a
  // mark. (A cover's 申报单位（盖章） is followed by the unit's typed name: 章
  // is left to the words above. A unit's note, (万元) or (册), is words or
  // closes at once.)
  const std::u32string u = text::ToU32(text::FullWidthToAscii(text::RemoveSpaces(label)));
  auto note = std::find_if(u.begin(), u.end(), IsOpenBracket);
  while (note != u.end() && IsOpenBracket(*note)) ++note;
  if (u.end() - note < 2 || !text::IsHan(note[0])) return false;
  return note[1] == U'字' || (!text::IsHan(note[1]) && !IsCloseBracket(note[1]));
}

// The form's signing off: a place to seal or sign, or a date on a line of
// its own.
bool SignsOff(std::string_view text) {
  if (AsksForSeal(text)) return true;
  for (const std::string& line : text::Split(text, U'\n')) {
    const std::string trimmed = text::Trim(line);
    const size_t year = trimmed.find("年");
    if (year == std::string::npos || year == 0) continue;
    const size_t from = trimmed.find_last_not_of("0123456789", year - 1);
    const std::string date = trimmed.substr(from == std::string::npos ? 0 : from + 1);
    if (NormalizeDate(date).state == ValueState::kValue) return true;
  }
  return false;
}

// Whether a field's label is only the start of a longer label of another
// box: 推荐单位意见 (the recommender's opinion), 申报单位承诺, 申报单位（盖章）.
// What follows is then never the field's value.
// Its first few characters are compared, whatever bracket OCR read before
// them (（盖章） as 〈盖章Oe).
bool StartsAnotherBoxesLabel(std::u32string_view after_label) {
  size_t begin = 0;
  while (begin < after_label.size() && !text::IsHan(after_label[begin])) ++begin;
  std::u32string head;
  for (size_t i = begin; i < after_label.size() && head.size() < 3; ++i)
    if (!text::IsSpace(after_label[i])) head += after_label[i];
  const std::string rest = text::ToUtf8(head);
  for (const char* word : {"意见", "承诺"})
    if (rest.rfind(word, 0) == 0) return true;
  return AsksForSeal(rest);
}

// Whether the text, past its spaces, opens with a bracket.
bool StartsWithBracket(std::u32string_view s) {
  for (const char32_t c : s)
    if (!text::IsSpace(c)) return c == U'(' || c == U'（' || c == U'〈' || c == U'[';
  return false;
}

// Values a normalizer accepts only in their own form, so that a stray
// sentence is never taken for one.
bool HasOwnForm(ValueType type) {
  switch (type) {
    case ValueType::kText:
    case ValueType::kFirstListed:
    case ValueType::kPerson:
    case ValueType::kUnitType:
    case ValueType::kCity:
    case ValueType::kCheckboxSet:
      return false;
    default:
      return true;
  }
}

// The spec's label keys, made once: a form is read for every page when a
// file is split into documents, and again for every document.
struct LabelIndex {
  std::map<std::string, const FieldSpec*> labels;
  std::map<int, const FieldSpec*> year_fields;
  std::map<std::string, bool> trainees_labels;
  // Both kinds of label by key, hashed and looked up by a view:
  // ReadLabelsWithoutColon looks up every prefix of every piece of a form.
  struct Named {
    const FieldSpec* field = nullptr;  // a field's label
    bool trainees = false;             // else the trainees block's
  };
  std::unordered_map<std::string_view, Named> by_key;
};

const LabelIndex& TheLabelIndex() {
  static const LabelIndex index = [] {
    LabelIndex out;
    const Spec& spec = TheSpec();
    for (const FieldSpec& f : spec.fields) {
      for (const std::string& label : f.labels) {
        std::string key = LabelKey(label);
        if (IsYearLabel(key, false)) continue;  // year headings only count in the trainees block
        out.labels.emplace(key, &f);
      }
      if (f.year) out.year_fields[f.year] = &f;
    }
    for (const std::string& label : spec.trainees_table_labels)
      out.trainees_labels.emplace(LabelKey(label), true);
    // Views of the keys above, which stay where they are once made.
    for (const auto& [key, trainees] : out.trainees_labels) out.by_key[key].trainees = true;
    for (const auto& [key, field] : out.labels) out.by_key[key].field = field;
    return out;
  }();
  return index;
}

class FormReader {
 public:
  explicit FormReader(const Document& doc)
      : doc_(doc),
        spec_(TheSpec()),
        labels_(TheLabelIndex().labels),
        year_fields_(TheLabelIndex().year_fields),
        trainees_labels_(TheLabelIndex().trainees_labels),
        labels_by_key_(TheLabelIndex().by_key) {
    const std::vector<int> parents = doc_.ParentSpans();
    for (size_t t = 0; t < parents.size(); ++t)
      if (parents[t] >= 0) nested_in_span_[parents[t]].push_back(static_cast<int>(t));
    JoinRowsContinuedOverAPage(parents);
  }

  std::vector<FieldReading> Read() {
    ReadByLabels();
    return Finish();
  }

  // The number of distinct fields Read() returns, but no more than
  // `at_most`: reading by labels stops once that many fields have a
  // candidate. What follows only adds candidates, and Choose keeps one of
  // every field that has any, so the count is the same.
  size_t CountFields(size_t at_most) {
    enough_ = at_most;
    ReadByLabels();
    if (Enough()) return at_most;
    enough_ = 0;
    std::vector<std::string> keys;
    for (const FieldReading& r : Finish())
      if (std::find(keys.begin(), keys.end(), r.key) == keys.end()) keys.push_back(r.key);
    return std::min(keys.size(), at_most);
  }

 private:
  // Whether CountFields has seen enough: `enough_` fields with a candidate.
  bool Enough() const { return enough_ > 0 && fields_with_candidates_.size() >= enough_; }

  void ReadByLabels() {
    for (size_t t = 0; t < doc_.tables.size() && !Enough(); ++t) ReadTable(doc_.tables[t]);
    for (size_t i = 0; i < doc_.spans.size() && !Enough(); ++i) {
      const Span& span = doc_.spans[i];
      if (span.table >= 0) continue;
      // A rule's remnant read as a line of its own ("|") may stand between.
      size_t next = i + 1;
      while (next < doc_.spans.size() && IsOcr(static_cast<int>(next)) &&
             doc_.spans[next].table < 0 &&
             PiecesApart(text::ToU32(doc_.spans[next].text), true).empty())
        ++next;
      if (next < doc_.spans.size() && ReadLabelLineOverValueLine(i, next)) {
        i = next;
        continue;
      }
      if (ReadLabelsWithoutColon(span.text, static_cast<int>(i))) continue;
      ReadSegments(span.text, static_cast<int>(i), kParagraph);
    }
  }

  std::vector<FieldReading> Finish() {
    DeriveCity();
    FindUnlabelledCreditCode();
    FindValuesWhoseLabelWasLost();
    std::vector<FieldReading> chosen = Choose();
    DoubtImplausibleYears(chosen);
    return chosen;
  }

  bool IsOcr(int span_id) const {
    return span_id >= 0 && doc_.spans[span_id].method == ReadMethod::kOcr;
  }

  // LabelKey(CleanLabel(text)), made once per text: a cell is asked whether
  // it is a label many times over (as a label, as the value beside one, as
  // a cell of a header row or of a year row), and each key takes several
  // passes over the text.
  const std::string& KeyOf(std::string_view text) const {
    auto it = keys_.find(text);
    if (it == keys_.end()) it = keys_.emplace(text, LabelKey(CleanLabel(text))).first;
    return it->second;
  }

  // The key of an OCR'd label without the marks a cell's border leaves at
  // its edges.
  static std::string OcrLabelKey(std::string_view text) {
    return LabelKey(CleanLabel(StripOcrEdgeNoise(text)));
  }

  // The field a label names. An OCR'd label may carry a cell border's marks
  // and a misread character or two: it names the label it is nearest to,
  // if within a quarter of that label's characters, with the same digits,
  // and no other field's label is as near.
  const FieldSpec* FieldForLabel(std::string_view text, int span_id) const {
    const std::string& key = KeyOf(text);
    if (key.empty()) return nullptr;
    if (auto it = labels_.find(key); it != labels_.end()) return it->second;
    if (!IsOcr(span_id)) return nullptr;
    const std::string stripped = OcrLabelKey(text);
    if (const FieldSpec* f = NearestLabel<const FieldSpec*>(labels_, stripped, nullptr)) return f;
    // 日 read as 目 or 曰 (目期 for 日期): a label too short for a near match.
    if (std::string day = OcrDayCharacter(stripped); day != stripped)
      if (auto it = labels_.find(day); it != labels_.end()) return it->second;
    if (const FieldSpec* f = NearestShortLabel(stripped)) return f;
    if (const FieldSpec* f = LabelBesideALoneCharacter(text)) return f;
    if (const FieldSpec* f = DateLabelWithItsWordMisread(stripped)) return f;
    if (const FieldSpec* f = LabelWithItsLastCharacterPastItsUnit(stripped)) return f;
    if (const FieldSpec* f = LabelBeforeAGarbledUnit(text)) return f;
    if (const FieldSpec* f = NearestUnreadField(stripped)) return f;
    return LongLabelTwoCharactersOff(stripped);
  }

  // 南航职称教师 for 高级职称教师: a label of six characters or more with two
  // of them misread in place, too far for a near match, names its field
  // when no other field's label of about its length (专职教师 is a word of
  // its own) comes within three characters, and the field's value has a
  // form of its own (a wrong field's label would then find no value its
  // form accepts).
  const FieldSpec* LongLabelTwoCharactersOff(const std::string& key) const {
    const std::u32string read = text::ToU32(key);
    if (read.size() < 6) return nullptr;
    const FieldSpec* within_three = nullptr;
    bool two_in_place = false;
    for (const auto& [label, field] : labels_) {
      const std::u32string want = text::ToU32(label);
      if (want.size() + 1 < read.size() || want.size() > read.size() + 1) continue;
      const size_t distance = text::EditDistance(read, want);
      if (distance > 3) continue;
      if (within_three && within_three != field) return nullptr;
      within_three = field;
      two_in_place = two_in_place || (distance == 2 && want.size() == read.size());
    }
    return two_in_place && HasOwnForm(within_three->type) ? within_three : nullptr;
  }

  // ".教学场地面积 (平方>马鞍", "固定教富歼量(〔(间 ) :": the unit's bracket
  // after a label read past knowing. The words before the bracket, when
  // they are a label of a number field, exactly or two characters off, are
  // the label. A digit after it is a value beside the label.
  const FieldSpec* LabelBeforeAGarbledUnit(std::string_view text) const {
    const std::u32string u = text::ToU32(text);
    const size_t open = u.find_first_of(U"(（〔");
    if (open == std::u32string::npos || open == 0 ||
        u.find_first_of(U"0123456789０１２３４５６７８９", open) != std::u32string::npos)
      return nullptr;
    // A value after a colon is the label's own ("固定 教室 数量 ( 间 ) : 三
    // 十七间", dev seed 89): the unit was read, and the cell is no label.
    if (const size_t colon = u.find_first_of(U":：", open);
        colon != std::u32string::npos && !text::Trim(text::ToUtf8(u.substr(colon + 1))).empty())
      return nullptr;
    const std::string key = OcrLabelKey(text::ToUtf8(u.substr(0, open)));
    if (key.empty()) return nullptr;
    auto it = labels_.find(key);
    const FieldSpec* field = it != labels_.end() ? it->second : LongLabelTwoCharactersOff(key);
    return field && IsNumberType(field->type) ? field : nullptr;
  }

  // "年度继续 教育经  (万元)费": OCR set the label's last character after the
  // unit's bracket. Put back before it, the label is whole.
  const FieldSpec* LabelWithItsLastCharacterPastItsUnit(const std::string& key) const {
    const std::u32string read = text::ToU32(key);
    const size_t close = read.find_last_of(U")）");
    if (read.size() < 4 || close == std::u32string::npos || close + 2 != read.size() ||
        !text::IsHan(read.back()))
      return nullptr;
    const size_t open = read.find_last_of(U"(（", close);
    if (open == std::u32string::npos || open == 0) return nullptr;
    const std::u32string moved =
        read.substr(0, open) + read.back() + read.substr(open, close + 1 - open);
    return NearestLabel<const FieldSpec*>(labels_, LabelKey(text::ToUtf8(moved)), nullptr);
  }

  // 卦家日期 for 填表日期, 志良日期 for 申报日期: the form's date label with
  // both characters before 日期 misread, too far for a near match. The
  // other dates a form or licence states have labels ending in 日期 too
  // (成立日期, 发证日期); a misread one keeps a character of its word in
  // place, and a word that shares none with any of them is no such date.
  const FieldSpec* DateLabelWithItsWordMisread(const std::string& key) const {
    static const std::u32string_view kOtherDates[] = {
        U"成立", U"出生", U"有效", U"发证", U"签发", U"颁发", U"注册", U"登记", U"批准",
        U"核准", U"截止", U"开始", U"结束", U"起始", U"终止", U"印发", U"生效", U"设立",
        U"创建", U"认定", U"开班", U"结业", U"入职", U"毕业", U"变更", U"年检", U"备案",
        U"推荐", U"审核", U"审批", U"盖章", U"签字", U"受理", U"打印"};
    const std::u32string read = text::ToU32(key);
    if (read.size() != 4 || read.substr(2) != U"日期" || !text::IsHan(read[0]) ||
        !text::IsHan(read[1]))
      return nullptr;
    for (std::u32string_view other : kOtherDates)
      if (read[0] == other[0] || read[1] == other[1]) return nullptr;
    auto date = labels_.find(LabelKey("日期"));
    return date != labels_.end() ? date->second : nullptr;
  }

  // "教室数 申": a speck or a seal's stroke read as a character, set apart
  // from a label read whole. Too short a label for a near match keeps its
  // field when the rest, without that one character, is the label exactly.
  const FieldSpec* LabelBesideALoneCharacter(std::string_view text) const {
    const std::u32string u = text::ToU32(text::Trim(StripOcrEdgeNoise(text)));
    const size_t first_gap = u.find_first_of(U" \u3000"), last_gap = u.find_last_of(U" \u3000");
    if (first_gap == std::u32string::npos) return nullptr;
    std::vector<std::u32string> rests;
    // After a colon the character is the label's value (专职教师人数 : 十).
    size_t before_last = last_gap;
    while (before_last > 0 && text::IsSpace(u[before_last - 1])) --before_last;
    const bool after_colon =
        before_last > 0 && (u[before_last - 1] == U':' || u[before_last - 1] == U'：');
    if (last_gap + 2 == u.size() && !after_colon) rests.push_back(u.substr(0, last_gap));
    if (first_gap == 1) rests.push_back(u.substr(2));
    for (const std::u32string& rest : rests) {
      const std::string& key = KeyOf(text::ToUtf8(rest));
      if (auto it = labels_.find(key); !key.empty() && it != labels_.end()) return it->second;
    }
    return nullptr;
  }

  // A three-character label OCR read one character off (数室数 for 教室数),
  // the only one that near, of a field whose value has a form of its own
  // (a number, a date): a wrong field's label would then find no value
  // its form accepts. Shorter labels (邮编, 网址) are too near to others.
  const FieldSpec* NearestShortLabel(const std::string& key) const {
    const std::u32string read = text::ToU32(key);
    if (read.size() != 3) return nullptr;
    const FieldSpec* nearest = OnlyFieldOneEditFrom(read, 3, 3);
    return nearest && HasOwnForm(nearest->type) ? nearest : nullptr;
  }

  // The one field whose labels of `min_chars` to `max_chars` characters
  // include one a single edit from `read`; null when none, or several.
  const FieldSpec* OnlyFieldOneEditFrom(const std::u32string& read, size_t min_chars,
                                        size_t max_chars) const {
    const FieldSpec* nearest = nullptr;
    for (const auto& [label, field] : labels_) {
      const std::u32string want = text::ToU32(label);
      if (want.size() < min_chars || want.size() > max_chars || text::EditDistance(read, want) != 1)
        continue;
      if (nearest && nearest != field) return nullptr;
      nearest = field;
    }
    return nearest;
  }

  bool IsTraineesLabel(std::string_view text, int span_id) const {
    const std::string& key = KeyOf(text);
    if (trainees_labels_.count(key)) return true;
    if (!IsOcr(span_id)) return false;
    return NearestLabel(trainees_labels_, OcrLabelKey(text), false);
  }

  template <typename Target>
  static Target NearestLabel(const std::map<std::string, Target>& labels, const std::string& key,
                             Target none) {
    if (key.empty()) return none;
    if (auto it = labels.find(key); it != labels.end()) return it->second;
    const std::u32string read = text::ToU32(key);
    // A lone digit between two Chinese characters is one of them misread
    // (培训场地1积 for 培训场地面积), not a year's or a number's digit.
    auto digits = [](std::u32string_view s) {
      std::u32string d;
      for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] < U'0' || s[i] > U'9') continue;
        if (i > 0 && i + 1 < s.size() && text::IsHan(s[i - 1]) && text::IsHan(s[i + 1])) continue;
        d.push_back(s[i]);
      }
      return d;
    };
    size_t best = SIZE_MAX;
    std::vector<Target> nearest;
    for (const auto& [label, target] : labels) {
      const std::u32string want = text::ToU32(label);
      if (want.size() < 4 || digits(want) != digits(read)) continue;
      const size_t distance = text::EditDistance(read, want);
      if (distance > want.size() / 4) continue;
      if (distance < best) {
        best = distance;
        nearest = {target};
      } else if (distance == best &&
                 std::find(nearest.begin(), nearest.end(), target) == nearest.end()) {
        nearest.push_back(target);
      }
    }
    if (nearest.empty()) return none;
    return nearest.size() == 1 ? nearest.front() : none;
  }

  // Whether the piece OCR set off by a gap after a name or an address is
  // more of it: Han characters on both sides of the gap, the value not yet
  // ended as a name or an address ends (…局, …学院, …号), the piece short,
  // no date, and no label starting it.
  bool ContinuesTheValue(const FieldSpec& field, const std::string& value, const std::string& after,
                         int span_id) const {
    if (!IsTextType(field.type) || value.empty() || after.empty()) return false;
    const std::u32string v = text::ToU32(value), a = text::ToU32(text::RemoveSpaces(after));
    if (!text::IsHan(v.back()) || !text::IsHan(a.front())) return false;
    // A place name parted from its 省, 市, 区 or 县 (山东  省济南市…) goes on,
    // however long the rest.
    if (std::u32string_view(U"省市区县").find(a.front()) != std::u32string_view::npos &&
        !FieldForLabel(after, span_id))
      return true;
    if (a.size() > 12) return false;
    if (std::u32string_view(U"局厅委办校院会司站所团心号楼室").find(v.back()) !=
        std::u32string_view::npos)
      return false;
    if (a.find(U'年') != std::u32string::npos && a.find(U'月') != std::u32string::npos)
      return false;
    if (FieldForLabel(after, span_id) || IsTraineesLabel(after, span_id)) return false;
    const std::string key = LabelKey(after);
    for (const auto& [label, f] : labels_)
      if (label.size() >= 6 && key.compare(0, label.size(), label) == 0) return false;
    return true;
  }

  // A misread label as near to two fields' labels (志职教师人数: 专职 or 兼职?)
  // names the one of them no other label names, the form's rows being each
  // asked once: not one read before it, nor one the document writes whole
  // anywhere (专职师资 beside 旺职师资, its value misread past reading).
  // When neither has been, the one the form asks first (the spec's order),
  // as rows are read in the form's order.
  const FieldSpec* NearestUnreadField(const std::string& key) const {
    if (key.empty()) return nullptr;
    const std::u32string read = text::ToU32(key);
    std::vector<const FieldSpec*> nearest;  // one character misread, in place
    for (const auto& [label, field] : labels_) {
      const std::u32string want = text::ToU32(label);
      if (want.size() < 4 || want.size() != read.size() || text::EditDistance(read, want) != 1)
        continue;
      if (std::find(nearest.begin(), nearest.end(), field) == nearest.end())
        nearest.push_back(field);
    }
    if (nearest.size() < 2) return nullptr;
    std::vector<const FieldSpec*> unread;
    for (const FieldSpec* f : nearest)
      if (!LabelledExactly().count(f->key) &&
          std::none_of(candidates_.begin(), candidates_.end(),
                       [&](const Candidate& c) { return c.reading.key == f->key; }))
        unread.push_back(f);
    if (unread.empty()) return nullptr;
    // spec_.fields holds the fields in the spec's order.
    return *std::min_element(unread.begin(), unread.end(), std::less<const FieldSpec*>());
  }

  // The fields whose label some span, or a piece of one set apart by a wide
  // gap or ended by a colon (专职 教师人数  9人), is letter for letter; made
  // when first asked, as few documents have a label misread near two.
  const std::set<std::string>& LabelledExactly() const {
    if (!labelled_exactly_) {
      labelled_exactly_.emplace();
      auto note = [&](const std::u32string& text) {
        if (auto it = labels_.find(KeyOf(text::ToUtf8(text))); it != labels_.end())
          labelled_exactly_->insert(it->second->key);
      };
      for (const Span& span : doc_.spans) {
        note(text::ToU32(span.text));
        for (const std::u32string& piece : PiecesApart(text::ToU32(span.text), false)) {
          note(piece);
          if (const size_t colon = piece.find_first_of(U"：:"); colon != std::u32string::npos)
            note(piece.substr(0, colon));
        }
      }
    }
    return *labelled_exactly_;
  }

  std::string_view TextOf(const Cell* cell) const {
    if (!cell || cell->span_id < 0) return {};
    if (auto it = continued_.find(cell->span_id); it != continued_.end()) return it->second;
    return doc_.spans[cell->span_id].text;
  }

  // A row the page broke: the next page's first table begins with a row
  // whose label cell is empty and whose one filled cell goes on with the
  // previous page's last row (☑跟踪反馈 under ☑培训效果评估). Its text joins
  // the cell above it, by place on the page.
  void JoinRowsContinuedOverAPage(const std::vector<int>& parents) {
    for (size_t t = 1; t < doc_.tables.size(); ++t) {
      const Table& next = doc_.tables[t];
      if (parents[t] >= 0 || next.rows < 1) continue;
      int previous = -1;
      bool first_on_page = true;
      for (size_t u = 0; u < t; ++u) {
        if (parents[u] >= 0) continue;
        if (doc_.tables[u].page == next.page) first_on_page = false;
        if (doc_.tables[u].page == next.page - 1) previous = static_cast<int>(u);
      }
      if (!first_on_page || previous < 0) continue;
      const Table& last_before = doc_.tables[static_cast<size_t>(previous)];
      if (HoldsValuesOfHeaderAbove(last_before, next)) {
        continued_below_[&last_before] = &next;
        continue;
      }
      const Cell* label = next.At(0, 0);
      if (label && !text::Trim(TextOf(label)).empty()) {
        JoinRowWhoseLabelThePageBroke(doc_.tables[static_cast<size_t>(previous)], next);
        continue;
      }
      const Cell* going_on = nullptr;
      int filled = 0;
      for (const Cell& c : next.cells) {
        if (c.row != 0 || text::Trim(TextOf(&c)).empty()) continue;
        ++filled;
        going_on = &c;
      }
      // The place to seal or sign (〈盖章) .1  2024年6月26日) is the form's
      // end, no more of a value; OCR may misread the 盖章, not the date.
      if (filled != 1 || YearField(*going_on) ||
          FieldForLabel(TextOf(going_on), going_on->span_id) ||
          IsTraineesLabel(TextOf(going_on), going_on->span_id) || SignsOff(TextOf(going_on)))
        continue;
      const std::optional<BBox>& below = doc_.spans[going_on->span_id].bbox;
      if (!below) continue;
      const Table& before = doc_.tables[static_cast<size_t>(previous)];
      const Cell* above = nullptr;
      double widest = 0;
      for (const Cell& c : before.cells) {
        if (c.row + c.row_span != before.rows || c.span_id < 0) continue;
        const std::optional<BBox>& box = doc_.spans[c.span_id].bbox;
        if (!box) continue;
        const double shared = std::min(box->x1, below->x1) - std::max(box->x0, below->x0);
        if (shared > widest) widest = shared, above = &c;
      }
      if (!above || IsLabelCell(above)) continue;
      continued_[above->span_id] =
          std::string(TextOf(above)) + "\n" + std::string(TextOf(going_on));
    }
  }

  // A header row of labels ends one page and their values begin the next,
  // as a table of its own (专职教师人数 | 兼职师资 | 副高级以上职称人数, then
  // 三十六人 | 十八人 | 15 人 at the top of the next page).
  bool HoldsValuesOfHeaderAbove(const Table& before, const Table& next) const {
    if (before.rows < 1 || !IsHeaderRow(before, before.rows - 1)) return false;
    int filled = 0;
    for (const Cell& c : next.cells) {
      if (c.row != 0 || c.span_id < 0 || text::Trim(TextOf(&c)).empty()) continue;
      if (IsLabelCell(&c) || YearField(c)) return false;
      ++filled;
    }
    return filled > 0;
  }

  // The value of a label in a header row that ends its page: the cell of
  // the next page's first row that stands under it.
  const Cell* BelowOverThePage(const Table& table, const Cell& label) const {
    auto next = continued_below_.find(&table);
    if (next == continued_below_.end() || label.row + label.row_span != table.rows ||
        label.span_id < 0)
      return nullptr;
    return UnderInFirstRow(*next->second, label);
  }

  // The cell of `next`'s first row that shares the most width with `above`.
  const Cell* UnderInFirstRow(const Table& next, const Cell& above_cell) const {
    if (above_cell.span_id < 0) return nullptr;
    const std::optional<BBox>& above = doc_.spans[above_cell.span_id].bbox;
    if (!above) return nullptr;
    const Cell* under = nullptr;
    double widest = 0;
    for (const Cell& c : next.cells) {
      if (c.row != 0 || c.span_id < 0) continue;
      const std::optional<BBox>& box = doc_.spans[c.span_id].bbox;
      if (!box) continue;
      const double shared = std::min(box->x1, above->x1) - std::max(box->x0, above->x0);
      if (shared > widest) widest = shared, under = &c;
    }
    return under;
  }

  // The table that goes on with `table` at the top of the next page, if any.
  const Table* ContinuedOnNextPage(const Table& table) const {
    const bool in_doc = !doc_.tables.empty() && &table >= doc_.tables.data() &&
                        &table < doc_.tables.data() + doc_.tables.size();
    if (!in_doc) return nullptr;
    const size_t index = static_cast<size_t>(&table - doc_.tables.data());
    if (index + 1 >= doc_.tables.size()) return nullptr;
    const Table& next = doc_.tables[index + 1];
    return next.page == table.page + 1 ? &next : nullptr;
  }

  // A row the page broke through its label: "近三年年培训" ends one page,
  // "专业技术人才人数" begins the next, each with a piece of the value beside
  // it (the years' heading above, the counts below). Neither piece names a
  // field; joined they do. Every cell of the row joins the cell above it.
  void JoinRowWhoseLabelThePageBroke(const Table& before, const Table& next) {
    const Cell* upper = before.At(before.rows - 1, 0);
    const Cell* lower = next.At(0, 0);
    if (!upper || !lower || upper->span_id < 0 || lower->span_id < 0 ||
        upper->row + upper->row_span != before.rows)
      return;
    const std::string upper_text = text::Trim(TextOf(upper));
    const std::string lower_text = text::Trim(TextOf(lower));
    if (upper_text.empty() || FieldForLabel(lower_text, lower->span_id) ||
        IsTraineesLabel(lower_text, lower->span_id) || FieldForLabel(upper_text, upper->span_id))
      return;
    const std::string joined = upper_text + lower_text;
    if (!FieldForLabel(joined, lower->span_id) && !IsTraineesLabel(joined, lower->span_id)) return;
    std::vector<std::pair<int, std::string>> joins = {{upper->span_id, joined}};
    // The filled cells of the two pieces, left to right: on this page, of
    // the lowest of the label's rows that holds any (a label over two rows
    // the page broke between keeps its years in the upper, the counts gone
    // to the next page). Each page's grid is its own (2021 | 2022 | 2023
    // over columns 3, 4 and 7, their counts over 3, 4 and 5, dev seed 131):
    // as many on each side pair in order; otherwise by column.
    std::vector<const Cell*> uppers, lowers;
    auto filled = [&](const Cell& c) { return c.span_id >= 0 && !text::Trim(TextOf(&c)).empty(); };
    for (int row = before.rows - 1; row >= upper->row && uppers.empty(); --row)
      for (const Cell& c : before.cells)
        if (c.row == row && &c != upper && filled(c)) uppers.push_back(&c);
    for (const Cell& c : next.cells)
      if (c.row == 0 && &c != lower && filled(c)) lowers.push_back(&c);
    auto by_col = [](const Cell* a, const Cell* b) { return a->col < b->col; };
    std::sort(uppers.begin(), uppers.end(), by_col);
    std::sort(lowers.begin(), lowers.end(), by_col);
    for (size_t k = 0; k < lowers.size(); ++k) {
      const Cell* above =
          uppers.size() == lowers.size() ? uppers[k] : before.At(before.rows - 1, lowers[k]->col);
      if (!above || above == upper || above->span_id < 0) continue;
      joins.push_back(
          {above->span_id, std::string(TextOf(above)) + "\n" + std::string(TextOf(lowers[k]))});
    }
    for (auto& [span_id, text] : joins) continued_[span_id] = std::move(text);
  }

  // A cell that is itself a label (of a field or of the trainees block) is
  // never a value: it means the labels run in a header row.
  bool IsLabelCell(const Cell* cell) const {
    std::string_view text = TextOf(cell);
    if (text.empty()) return false;
    if (FieldForLabel(text, cell->span_id) || IsTraineesLabel(text, cell->span_id)) return true;
    if (IsDistractorLabel(text)) return true;
    return IsYearLabel(KeyOf(text), /*allow_bare=*/false);
  }

  // "成立时间" beside a representative's cell OCR left blank: a row the spec
  // names no field for is a label still, and no one's name.
  static bool IsDistractorLabel(std::string_view text) {
    static const std::set<std::string> keys = [] {
      std::set<std::string> out;
      for (const std::string& label : TheSpec().form_distractor_labels) out.insert(LabelKey(label));
      return out;
    }();
    return keys.count(OcrLabelKey(text)) > 0;
  }

  // A cell that opens with a field's label and a colon holds that field's
  // value ("网络培训平台名称：智汇…" under the heading 网络培训平台): it is
  // no other label's value.
  bool OpensWithItsOwnLabel(const Cell* cell) const {
    const std::u32string text = text::ToU32(TextOf(cell));
    const size_t colon = text.find_first_of(U"：:");
    if (colon == std::u32string::npos || colon == 0 || text.find(U'\n') < colon) return false;
    const std::string label = CleanLabel(text::ToUtf8(text.substr(0, colon)));
    return !label.empty() &&
           (FieldForLabel(label, cell->span_id) || IsTraineesLabel(label, cell->span_id));
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
    if (!below) below = BelowOverThePage(table, label);
    bool right_ok = right && !IsLabelCell(right) && !OpensWithItsOwnLabel(right);
    bool below_ok = below && !IsLabelCell(below) && !OpensWithItsOwnLabel(below);
    if (below_ok && (IsHeaderRow(table, label.row) || !right_ok))
      return std::make_pair(below, kCellBelow);
    if (right_ok) return std::make_pair(right, kCellRight);
    return std::nullopt;
  }

  // A scan's grid found a column the form does not have: the label's right
  // neighbour is blank, its value one or two cells further on, before the
  // next label. A column of ticks beside a column of items, line for line
  // ("V V V V" | "教学组织管理\n学员考核管理\n…"), is one list of ticked items.
  // The text and the span it is placed at.
  std::optional<std::pair<std::string, int>> OcrValueFurtherRight(const Table& table,
                                                                  const Cell& blank) const {
    std::vector<const Cell*> filled;
    for (const Cell* c = RightOf(table, blank); c && filled.size() < 2 && !IsLabelCell(c);
         c = RightOf(table, *c)) {
      if (c->span_id >= 0 && !text::Trim(TextOf(c)).empty()) filled.push_back(c);
    }
    if (filled.empty()) return std::nullopt;
    if (filled.size() == 2) {
      const std::vector<std::string> marks = text::Split(text::Trim(TextOf(filled[0])), U' ');
      std::vector<std::string> items;
      for (const std::string& line : text::Split(TextOf(filled[1]), U'\n'))
        if (!text::Trim(line).empty()) items.push_back(text::Trim(line));
      auto is_mark = [](const std::string& m) {
        return !m.empty() && text::ToU32(m).size() == 1 &&
               std::u32string_view(U"VvYy√✓✔☑■Xx×").find(text::ToU32(m)[0]) !=
                   std::u32string_view::npos;
      };
      std::vector<std::string> words;
      for (const std::string& m : marks)
        if (!text::Trim(m).empty()) words.push_back(text::Trim(m));
      if (!words.empty() && words.size() == items.size() &&
          std::all_of(words.begin(), words.end(), is_mark)) {
        std::string joined;
        for (size_t i = 0; i < items.size(); ++i) joined += words[i] + " " + items[i] + "\n";
        return std::make_pair(joined, filled[1]->span_id);
      }
    }
    return std::make_pair(std::string(TextOf(filled[0])), filled[0]->span_id);
  }

  // Tables nested in the cell whose span this is (DOCX).
  const std::vector<int>* NestedTables(int span_id) const {
    auto it = nested_in_span_.find(span_id);
    return it == nested_in_span_.end() ? nullptr : &it->second;
  }

  void ReadTable(const Table& table) {
    std::vector<const Cell*> trainees_labels;
    for (const Cell& cell : table.cells) {
      if (Enough()) return;
      std::string_view text = TextOf(&cell);
      if (text.empty()) continue;
      // A cell holding tables is read through them, not as "label：value" text.
      if (NestedTables(cell.span_id) && !FieldForLabel(text, cell.span_id) &&
          !IsTraineesLabel(text, cell.span_id))
        continue;
      if (IsTraineesLabel(text, cell.span_id)) {
        trainees_labels.push_back(&cell);
        continue;
      }
      if (const FieldSpec* field = FieldForLabel(text, cell.span_id)) {
        if (auto value = ValueCell(table, cell)) {
          if (value->second == kCellRight && value->first->span_id < 0 && IsOcr(cell.span_id)) {
            if (auto further = OcrValueFurtherRight(table, *value->first)) {
              AddReading(*field, further->first, further->second, kCellRight, text);
              continue;
            }
          }
          AddCellReading(*field, value->first, value->second, text, cell.span_id);
        }
        continue;
      }
      if (ReadTraineesLabelSplitOverRows(table, cell)) continue;
      if (ReadMisreadLabelOfAHeaderRow(table, cell)) continue;
      if (ReadLabelsOverValuesBelow(table, cell)) continue;
      if (ReadTwoLabelsOfOneCell(table, cell)) continue;
      if (ReadValueInsideItsLabel(cell)) continue;
      ReadLabelEndingAValueCell(table, cell);
      const std::optional<std::string> whole = DigitsGoingOnRight(table, cell);
      if (ReadLabelsWithoutColon(whole ? *whole : text, cell.span_id)) continue;
      ReadLinesWithoutColon(text, cell.span_id);
      ReadSegments(whole ? *whole : text, cell.span_id, kSameCell);
    }
    for (const Cell* label : trainees_labels) ReadTraineesBlock(table, *label);
  }

  // A cell of a row of labels over their values is a label too, even one
  // OCR misread beyond FieldForLabel's reach: a character more or one
  // changed (联系和人 beside 联系电话 | 手机 | 电子邮箱, dev seed 124) in a
  // label of three characters or more names its field when no other label
  // is as near and the row names that field nowhere else. Its value is the
  // cell below.
  bool ReadMisreadLabelOfAHeaderRow(const Table& table, const Cell& cell) {
    if (!IsOcr(cell.span_id) || !IsHeaderRow(table, cell.row)) return false;
    const std::u32string read = text::ToU32(OcrLabelKey(TextOf(&cell)));
    if (read.size() < 3) return false;
    const FieldSpec* nearest = OnlyFieldOneEditFrom(read, 3, SIZE_MAX);
    if (!nearest) return false;
    for (const Cell& other : table.cells)
      if (other.row == cell.row && &other != &cell && other.span_id >= 0 &&
          FieldForLabel(TextOf(&other), other.span_id) == nearest)
        return false;
    const Cell* below = Below(table, cell);
    if (!below || IsLabelCell(below)) return false;
    AddCellReading(*nearest, below, kCellBelow, TextOf(&cell), cell.span_id);
    return true;
  }

  // A photo's grid may lose the rules between rows, and OCR read them as
  // the lines of one cell, some of them with a colon and some without
  // ("年 度培训 经费 “ 109.8 万元  教室 数  二 十八间\n教学 场地 面积 ( 平方米 )
  // : 2670m"). A line without one is read as such a row.
  void ReadLinesWithoutColon(std::string_view text, int span_id) {
    if (!IsOcr(span_id)) return;
    const std::vector<std::string> lines = text::Split(text, U'\n');
    if (lines.size() < 2) return;
    auto has_colon = [](std::string_view line) {
      const std::u32string u = text::ToU32(line);
      return std::any_of(u.begin(), u.end(), IsColon);
    };
    if (std::none_of(lines.begin(), lines.end(), has_colon)) return;
    for (const std::string& line : lines)
      if (!has_colon(line)) ReadLabelsWithoutColon(line, span_id);
  }

  // A photo's grid may lose the rule between a label cell and its value
  // cell, and OCR read the two as one block, the value's line between the
  // label's two ("副 高 级 以上职\n30\n称人数"): the lines but the value's
  // are the label. Values of their own form only.
  bool ReadValueInsideItsLabel(const Cell& cell) {
    if (!IsOcr(cell.span_id)) return false;
    const std::vector<std::string> lines = text::Split(TextOf(&cell), U'\n');
    if (lines.size() < 3) return false;
    for (size_t v = 1; v + 1 < lines.size(); ++v) {
      std::string label;
      for (size_t k = 0; k < lines.size(); ++k)
        if (k != v) label += text::Trim(lines[k]);
      const FieldSpec* field = FieldForLabel(label, cell.span_id);
      const std::string value = text::Trim(lines[v]);
      if (!field || !HasOwnForm(field->type) || value.empty() ||
          NormalizeAsRead(field->type, value, doc_, cell.span_id).state != ValueState::kValue)
        continue;
      AddReading(*field, value, cell.span_id, kSameCell, label);
      return true;
    }
    return false;
  }

  // A photo's grid may lose the rule between a value cell and the label
  // cell after it ("继续 教育处  | 管理人员人数:" | "10人"): the label that
  // ends the cell has its value in the cell to the right. Values of their
  // own form only (a number, a date), as the cell beside a label cell.
  void ReadLabelEndingAValueCell(const Table& table, const Cell& cell) {
    if (!IsOcr(cell.span_id)) return;
    const std::vector<std::u32string> pieces = PiecesApart(text::ToU32(TextOf(&cell)), true);
    if (pieces.size() < 2) return;
    const std::string label = text::Trim(text::ToUtf8(pieces.back()));
    const FieldSpec* field = FieldForLabel(label, cell.span_id);
    const Cell* right = RightOf(table, cell);
    if (!field || !HasOwnForm(field->type) || !right || right->span_id < 0 || IsLabelCell(right))
      return;
    if (NormalizeAsRead(field->type, std::string(TextOf(right)), doc_, right->span_id).state !=
        ValueState::kValue)
      return;
    AddCellReading(*field, right, kCellRight, label, cell.span_id);
  }

  // A photo's grid may lose the rule between two label cells one above the
  // other and join them ("管理部门 :\n管理制度 ;", "近三年年培训专业技术人才人数
  // 培训班次") over the two rows their values still stand in: the first
  // label's value is the first row's right cell, the second's the last's.
  bool ReadTwoLabelsOfOneCell(const Table& table, const Cell& cell) {
    if (!IsOcr(cell.span_id) || cell.row_span < 2) return false;
    const std::string text = text::Trim(TextOf(&cell));
    std::string first, second;
    if (const size_t line = text.find('\n'); line != std::string::npos) {
      first = text.substr(0, line);
      second = text.substr(line + 1);
      if (second.find('\n') != std::string::npos) return false;
    } else {
      const std::u32string u = text::ToU32(text::RemoveSpaces(text));
      const LabelAtStart start = LabelStarting(u);
      if (start.trainees_end == 0 || start.trainees_end >= u.size()) return false;
      first = text::ToUtf8(u.substr(0, start.trainees_end));
      second = text::ToUtf8(u.substr(start.trainees_end));
    }
    const bool first_trainees = IsTraineesLabel(first, cell.span_id);
    const FieldSpec* first_field = first_trainees ? nullptr : FieldForLabel(first, cell.span_id);
    const FieldSpec* second_field = FieldForLabel(second, cell.span_id);
    if ((!first_trainees && !first_field) || !second_field || first_field == second_field)
      return false;
    const int value_col = cell.col + cell.col_span;
    const Cell* upper = table.At(cell.row, value_col);
    const Cell* lower = table.At(cell.row + cell.row_span - 1, value_col);
    if (!upper || !lower || upper == lower || upper->row != cell.row ||
        lower->row != cell.row + cell.row_span - 1)
      return false;
    if (first_trainees) {
      if (upper->span_id >= 0)
        ReadSegments(TextOf(upper), upper->span_id, kCellRight, /*trainees_context=*/true);
    } else {
      AddCellReading(*first_field, upper, kCellRight, first, cell.span_id);
    }
    AddCellReading(*second_field, lower, kCellRight, second, cell.span_id);
    return true;
  }

  // A photo's grid may find a rule inside a value and part its digits into
  // two cells ("邮政编码 ，2524" | "70"). The cell's text with its right
  // neighbour's digits run on, when only so its last value has its field's
  // form (a postcode's six digits, a mobile's eleven).
  std::optional<std::string> DigitsGoingOnRight(const Table& table, const Cell& cell) const {
    if (!IsOcr(cell.span_id)) return std::nullopt;
    const Cell* right = RightOf(table, cell);
    if (!right || right->span_id < 0) return std::nullopt;
    const std::string more = text::RemoveSpaces(TextOf(right));
    auto digit_or_dash = [](char c) { return IsAsciiDigit(c) || c == '-'; };
    if (more.empty() || !std::all_of(more.begin(), more.end(), digit_or_dash)) return std::nullopt;
    const std::string text = text::Trim(TextOf(&cell));
    size_t digits = text.size();
    while (digits > 0 && (digit_or_dash(text[digits - 1]) || text[digits - 1] == ' ')) --digits;
    if (digits == 0 || digits == text.size()) return std::nullopt;
    const FieldSpec* field = FieldForLabel(text.substr(0, digits), cell.span_id);
    if (!field || !HasOwnForm(field->type) || IsNumberType(field->type)) return std::nullopt;
    const std::string value = text.substr(digits);
    if (NormalizeValue(field->type, value).state == ValueState::kValue ||
        NormalizeValue(field->type, value + more).state != ValueState::kValue)
      return std::nullopt;
    return text + more;
  }

  // A photo's grid may lose the border-less middle of a merged label cell
  // and part its lines into two rows ("近三年年培训专业技术" over "人才人数
  // (人)"), beside a column of years that runs above and below them. Read
  // joined, the two name the trainees block, whose year rows are the ones
  // next to them on either side.
  bool ReadTraineesLabelSplitOverRows(const Table& table, const Cell& upper) {
    const Cell* lower = Below(table, upper);
    if (!lower || lower->span_id < 0 || lower->col != upper.col) return false;
    const std::string joined = text::Trim(TextOf(&upper)) + text::Trim(TextOf(lower));
    if (!IsTraineesLabel(joined, upper.span_id) || IsLabelCell(&upper) || IsLabelCell(lower))
      return false;
    int first = upper.row, last = lower->row + lower->row_span - 1;
    while (first > 0 && first > upper.row - 3 && IsYearRow(table, first - 1)) --first;
    while (last + 1 < table.rows && last < lower->row + 3 && IsYearRow(table, last + 1)) ++last;
    return ReadYearRows(table, first, last);
  }

  // The year heading a cell holds ("2021年", "2021年度", or in a year table a
  // bare "2021"), if it is one of the spec's years.
  const FieldSpec* YearField(const Cell& cell) const {
    const std::optional<int> year = YearOfCell(cell);
    if (!year) return nullptr;
    auto field = year_fields_.find(*year);
    return field == year_fields_.end() ? nullptr : field->second;
  }

  std::optional<int> YearOfCell(const Cell& cell) const {
    if (auto garbled = garbled_years_.find(cell.span_id); garbled != garbled_years_.end())
      return garbled->second;
    std::string_view text = TextOf(&cell);
    if (text.empty()) return std::nullopt;
    if (!IsOcr(cell.span_id)) return YearOf(KeyOf(text), /*allow_bare=*/true);
    if (std::optional<int> year = YearOf(OcrLabelKey(text), /*allow_bare=*/true)) return year;
    // A speck after the heading read as a character set apart ("2022年 中",
    // dev seed 80): the heading still.
    const std::u32string u = text::ToU32(text::Trim(text));
    const size_t gap = u.find_last_of(U' ');
    if (gap == std::u32string::npos || gap + 2 != u.size() || !text::IsHan(u.back()))
      return std::nullopt;
    return YearOf(OcrLabelKey(text::ToUtf8(u.substr(0, gap))), /*allow_bare=*/true);
  }

  // A row of a year table: it has a year heading and no other field's label
  // (a bare 2021 beside 专职教师人数 is that field's value, not a year).
  bool IsYearRow(const Table& table, int row) const {
    bool year = false;
    for (const Cell& cell : table.cells) {
      if (cell.row != row || cell.span_id < 0) continue;
      if (YearField(cell)) {
        year = true;
      } else if (FieldForLabel(TextOf(&cell), cell.span_id) ||
                 IsTraineesLabel(TextOf(&cell), cell.span_id)) {
        return false;
      }
    }
    return year;
  }

  // Reads the years of rows [first, last] of a year table: years along a row
  // have their numbers below them, years down a column to their right.
  // Returns whether any year heading was found.
  bool ReadYearRows(const Table& table, int first, int last) {
    bool found = false;
    for (const Cell& cell : table.cells) {
      if (cell.row < first || cell.row > last) continue;
      const FieldSpec* field = YearField(cell);
      if (!field) continue;
      found = true;
      std::string_view text = TextOf(&cell);
      const Cell* right = RightOf(table, cell);
      const Cell* below = Below(table, cell);
      // The last of years side by side has a total (合计) or nothing on its
      // right: its neighbour on the left says the years run along the row.
      const Cell* left = cell.col > 0 ? table.At(cell.row, cell.col - 1) : nullptr;
      const bool right_is_year =
          (right && YearField(*right)) || (left && left != &cell && YearField(*left));
      const bool right_ok = right && !(right && YearField(*right)) && !IsLabelCell(right);
      const bool below_ok = below && !YearField(*below) && !IsLabelCell(below);
      // Years along a row sit side by side (2021年 | 2022年), or alternate with
      // their numbers (2021年 | 7100 | 2022年 | 13600), when the numbers are
      // not below them.
      if (below_ok && (right_is_year || !right_ok || (below->span_id >= 0 && right->span_id < 0)))
        AddCellReading(*field, below, kCellBelow, text, cell.span_id);
      else if (right_ok)
        AddCellReading(*field, right, kCellRight, text, cell.span_id);
      else if (below_ok)
        AddCellReading(*field, below, kCellBelow, text, cell.span_id);
      else if (!below && cell.row + cell.row_span == table.rows)
        ReadNumberUnderYearOverThePage(*field, table, cell);
    }
    return found;
  }

  // Years heading the last row of a page, their numbers in the first row of
  // the next page's table (年度 | 2021年 | … , then 培训人数 | 15074人次 | …):
  // each year's number is the cell that stands under it.
  void ReadNumberUnderYearOverThePage(const FieldSpec& field, const Table& table,
                                      const Cell& year) {
    const Table* next = ContinuedOnNextPage(table);
    if (!next || IsYearRow(*next, 0) || IsLabelCell(next->At(0, 0))) return;
    const Cell* under = UnderInFirstRow(*next, year);
    if (!under || YearField(*under) || IsLabelCell(under)) return;
    AddCellReading(field, under, kCellBelow, TextOf(&year), year.span_id);
  }

  // Reads the year rows that open the table continuing `table` at the top of
  // the next page. Returns whether there were any.
  bool ReadYearRowsOnNextPage(const Table& table) {
    const Table* next = ContinuedOnNextPage(table);
    if (!next) return false;
    int year_rows = 0;
    while (year_rows < next->rows && year_rows < 4 && IsYearRow(*next, year_rows)) ++year_rows;
    return year_rows > 0 && ReadYearRows(*next, 0, year_rows - 1);
  }

  // A year heading down a column that OCR garbled (2021 | 022 | 2023, its
  // first digit lost; E922; 四): the year between the ones above and below
  // it, or after the run of years above it, when what was read ends with
  // that year's last two digits or has no digit at all, a glyph or two.
  // Remembered as that year's heading; true when there was one.
  bool RecoverGarbledYear(const Table& table, int row) {
    if (row < 1) return false;
    for (const Cell& cell : table.cells) {
      if (cell.row != row || cell.span_id < 0 || YearField(cell)) continue;
      const Cell* above = table.At(row - 1, cell.col);
      const Cell* below = row + 1 < table.rows ? table.At(row + 1, cell.col) : nullptr;
      if (!above || above->row != row - 1) continue;
      if (below && below->row != row + 1) below = nullptr;
      const std::optional<int> before = YearOfCell(*above);
      const std::optional<int> after = below ? YearOfCell(*below) : std::nullopt;
      // Between two years, or the last of a run of years (2021 | 2022 |
      // 023 | 合计).
      const Cell* two_above = row >= 2 ? table.At(row - 2, cell.col) : nullptr;
      const std::optional<int> before_that =
          two_above && two_above->row == row - 2 ? YearOfCell(*two_above) : std::nullopt;
      int year = 0;
      if (before && after && *after == *before + 2)
        year = *before + 1;
      else if (before && before_that && *before == *before_that + 1 && !after)
        year = *before + 1;
      if (year == 0) continue;
      if (!year_fields_.count(year)) continue;
      const std::string read = text::RemoveSpaces(text::Trim(TextOf(&cell)));
      std::string digits;
      for (char c : read)
        if (c >= '0' && c <= '9') digits += c;
      // Or no digit read at all, a glyph or two in their place (四).
      const bool glyphs =
          digits.empty() && !read.empty() && text::ToU32(read).size() <= 2 && !IsLabelCell(&cell);
      if (!glyphs && (digits.size() < 2 || read.size() > 6 ||
                      !std::to_string(year).ends_with(digits.substr(digits.size() - 2))))
        continue;
      garbled_years_[cell.span_id] = year;
      return true;
    }
    return false;
  }

  // The trainees block: year headings in the rows the block's label spans
  // and in the year rows right after them, each with its number below or
  // to its right; a year table nested in the value cell; or all years
  // written in the value cell's text.
  void ReadTraineesBlock(const Table& table, const Cell& label) {
    const int own_last = label.row + label.row_span - 1;
    int last = own_last;
    while (last + 1 < table.rows && last < own_last + 4 &&
           (IsYearRow(table, last + 1) || RecoverGarbledYear(table, last + 1)))
      ++last;
    // The row after the label's may be the year heading of a table whose
    // numbers are one row further down.
    if (ReadYearRows(table, label.row, last)) {
      // A table broken by the page's end goes on at the top of the next page
      // ("2022 | 3671" under no label of its own).
      if (last == table.rows - 1) ReadYearRowsOnNextPage(table);
      return;
    }
    // The label is the page's last row and its whole year table went over
    // to the next page.
    if (own_last == table.rows - 1 && ReadYearRowsOnNextPage(table)) return;
    for (const Cell* value : {RightOf(table, label), Below(table, label)}) {
      if (!value || value->span_id < 0) continue;
      if (const std::vector<int>* nested = NestedTables(value->span_id)) {
        bool found = false;
        for (int t : *nested) {
          const Table& inner = doc_.tables[static_cast<size_t>(t)];
          found = ReadYearRows(inner, 0, inner.rows - 1) || found;
        }
        if (found) return;
      }
    }
    // The years in the text of the cells beside the label, one per row of
    // a label that spans several ("2021年：7100人" | "2022年：…"), or one
    // per cell along its row up to the next label (a year over its number
    // in each, joined over a page break: "2021\n0.54 万人" | "2022\n…").
    for (int row = label.row; row <= own_last; ++row) {
      for (int col = label.col + label.col_span; col < table.cols;) {
        const Cell* right = table.At(row, col);
        if (!right) break;
        col = right->col + right->col_span;
        if (right->row != row || right->span_id < 0) continue;
        if (IsLabelCell(right)) break;
        ReadSegments(TextOf(right), right->span_id, kSameCell, /*trainees_context=*/true);
      }
    }
  }

  void AddCellReading(const FieldSpec& field, const Cell* value_cell, Placement placement,
                      std::string_view label, int label_span) {
    if (value_cell->span_id < 0) {
      // A blank value cell is the form's way of saying "none".
      AddReading(field, "", label_span, placement, label, /*blank=*/true);
      return;
    }
    AddReading(field, TextOf(value_cell), value_cell->span_id, placement, label);
  }

  // The longest label of a field a piece begins with (nullptr if none), the
  // end of that label in the piece, and the end of the trainees block's
  // label if the piece begins with it.
  struct LabelAtStart {
    const FieldSpec* field = nullptr;
    size_t field_end = 0, trainees_end = 0;
  };
  LabelAtStart LabelStarting(const std::u32string& piece) {
    LabelAtStart out;
    size_t chars = 0;  // of the piece so far, without its spaces
    prefix_keys_.Clear();
    for (size_t i = 0; i < piece.size() && chars < 24; ++i) {
      if (text::IsSpace(piece[i])) continue;
      // A speck read as a comma or a quote before the label.
      if (chars == 0 && !text::IsHan(piece[i]) && !std::iswalnum(static_cast<wint_t>(piece[i])))
        continue;
      ++chars;
      const std::string_view k = prefix_keys_.Append(text::FullWidthToAscii(piece[i]));
      if (chars < 2) continue;
      const auto it = labels_by_key_.find(k);
      if (it == labels_by_key_.end()) continue;
      if (it->second.field) {
        out.field = it->second.field;
        out.field_end = i + 1;
      } else if (it->second.trainees) {
        out.trainees_end = i + 1;
      }
    }
    return out;
  }

  // The pieces of a cell or line that stand apart: by line breaks, tabs and
  // wide gaps. On a photo whose grid was not found, the rules between label
  // and value cells are read as "|" ("邮政 编码  ”| 255273  |  联系人"): they
  // part pieces too, and what is left of a rule alone (”) is none.
  static std::vector<std::u32string> PiecesApart(const std::u32string& all, bool ocr) {
    std::vector<std::u32string> pieces(1);
    for (size_t i = 0; i < all.size(); ++i) {
      const char32_t c = all[i];
      const bool wide = text::IsSpace(c) && i + 1 < all.size() && text::IsSpace(all[i + 1]) &&
                        c != U'\n' && all[i + 1] != U'\n';
      if (c == U'\n' || c == U'\t' || wide || (ocr && c == U'|')) {
        if (!pieces.back().empty()) pieces.emplace_back();
        continue;
      }
      pieces.back().push_back(c);
    }
    if (pieces.back().empty()) pieces.pop_back();
    if (ocr)
      std::erase_if(pieces, [](const std::u32string& piece) {
        return std::none_of(piece.begin(), piece.end(), [](char32_t c) {
          return text::IsHan(c) || (c < 0x80 && std::isalnum(static_cast<int>(c)));
        });
      });
    return pieces;
  }

  // A row of label cells over a row of value cells, on a photo whose grid
  // was not found: two OCR'd lines, one of labels alone ("专职 教师人数  兼职
  // 师资  副 高 级以 上职称人数") and the one right below it of as many
  // values ("| 54人  143 人  82"), each under its label in order. Values of
  // their own form only (numbers, dates, codes): any characters read as a
  // name or a text. Returns whether the two lines were so read.
  bool ReadLabelLineOverValueLine(size_t labels_id, size_t values_id) {
    const Span& labels = doc_.spans[labels_id];
    const Span& values = doc_.spans[values_id];
    if (labels.method != ReadMethod::kOcr || values.method != ReadMethod::kOcr ||
        values.table >= 0 || values.page != labels.page || !labels.bbox || !values.bbox)
      return false;
    const double line = labels.bbox->y1 - labels.bbox->y0;
    if (values.bbox->y0 < labels.bbox->y1 - line / 2 ||
        values.bbox->y0 > labels.bbox->y1 + 2 * line)
      return false;
    return ReadLabelsOverValues(static_cast<int>(labels_id), static_cast<int>(values_id));
  }

  // The same in a table whose rules between the labels OCR lost, and
  // between the values under them (专职 教师人数  兼职师资  副高级以上职称人数
  // over 154人  198人  149 人, dev seed 94): a cell of labels over a cell
  // of as many values.
  bool ReadLabelsOverValuesBelow(const Table& table, const Cell& labels) {
    if (!IsOcr(labels.span_id)) return false;
    const Cell* values = Below(table, labels);
    return values && values->span_id >= 0 && values->col == labels.col &&
           values->col_span == labels.col_span && IsOcr(values->span_id) &&
           ReadLabelsOverValues(labels.span_id, values->span_id);
  }

  // Pairs the pieces of span `labels_id`, each a label of a field whose
  // value has a form of its own, with as many pieces of `values_id`, each
  // such a value.
  bool ReadLabelsOverValues(int labels_id, int values_id) {
    const std::vector<std::u32string> names =
        PiecesApart(text::ToU32(doc_.spans[labels_id].text), true);
    const std::vector<std::u32string> read =
        PiecesApart(text::ToU32(doc_.spans[values_id].text), true);
    if (names.size() < 2 || names.size() != read.size()) return false;
    std::vector<const FieldSpec*> fields;
    for (const std::u32string& name : names) {
      const FieldSpec* field = FieldForLabel(text::ToUtf8(name), labels_id);
      if (!field || !HasOwnForm(field->type) ||
          std::find(fields.begin(), fields.end(), field) != fields.end())
        return false;
      fields.push_back(field);
    }
    for (size_t k = 0; k < read.size(); ++k) {
      const std::string value = text::Trim(text::ToUtf8(read[k]));
      if (FieldForLabel(value, values_id) ||
          NormalizeAsRead(fields[k]->type, value, doc_, values_id).state != ValueState::kValue)
        return false;
    }
    for (size_t k = 0; k < read.size(); ++k)
      AddReading(*fields[k], text::Trim(text::ToUtf8(read[k])), values_id, kCellBelow,
                 text::Trim(text::ToUtf8(names[k])));
    return true;
  }

  // "申报日期 2024.6.18", "法定代表人　张三": a label and its value in one
  // cell or line with no colon between them. On scans this is often a cell
  // border lost under a seal or to a faint print, which joins a label cell
  // and its value cell. The longest label the piece starts with counts when
  // what follows reads as a value of its field; a text or name value must
  // stand apart from its label by a space, since any characters read as
  // text. Pieces are separated by line breaks, tabs and wide gaps. Returns
  // whether anything was read.
  bool ReadLabelsWithoutColon(std::string_view text, int span_id) {
    const std::u32string all = text::ToU32(text);
    for (size_t i = 0; i < all.size(); ++i) {
      const bool colon = all[i] == U'：' || all[i] == U':';
      // The colon of "https://" or of a time is no label's.
      const bool in_url = i + 2 < all.size() && all[i + 1] == U'/' && all[i + 2] == U'/';
      if (colon && !in_url) return false;
    }
    const bool ocr = IsOcr(span_id);
    std::vector<std::u32string> pieces = PiecesApart(all, ocr);
    if (pieces.empty()) return false;
    bool read = false;
    for (size_t p = 0; p < pieces.size(); ++p) {
      const std::u32string& piece = pieces[p];
      if (IsSectionHeading(piece)) continue;
      auto [best, best_end, trainees_end] = LabelStarting(piece);
      // A piece that is all a misread label (数学 场地面积 (平方米)), and the
      // form's date label with its word misread (曲报 日期 ，2024.6.17).
      if (!best && ocr)
        if (const FieldSpec* whole = FieldForLabel(text::ToUtf8(piece), span_id)) {
          best = whole;
          best_end = piece.size();
        }
      if (!best && ocr) {
        std::u32string four;
        size_t end = 0;
        for (; end < piece.size() && four.size() < 4; ++end)
          if (!text::IsSpace(piece[end])) four.push_back(piece[end]);
        if (four.size() == 4)
          if (const FieldSpec* date = DateLabelWithItsWordMisread(LabelKey(text::ToUtf8(four)))) {
            best = date;
            best_end = end;
          }
      }
      if (trainees_end > best_end) {
        // The trainees block's label, its years after it (in this piece and
        // the ones after, which hold nothing else then).
        std::u32string years = piece.substr(trainees_end);
        for (size_t q = p + 1; q < pieces.size(); ++q) years += U"；" + pieces[q];
        if (YearValuesInText(text::ToUtf8(years)).empty()) continue;
        ReadSegments(text::ToUtf8(years), span_id, kSameCell, /*trainees_context=*/true);
        return true;
      }
      if (!best) continue;
      std::u32string rest = piece.substr(best_end);
      // A bracketed unit after the label belongs to it: 经费（万元） 407.6.
      size_t b = 0;
      while (b < rest.size() && text::IsSpace(rest[b])) ++b;
      if (b < rest.size() && (rest[b] == U'（' || rest[b] == U'(')) {
        const size_t close = rest.find_first_of(U"）)", b);
        if (close != std::u32string::npos && close - b <= 6) rest = rest.substr(close + 1);
      }
      // "经费（万元）   1320000元": a number (or a date, a code) set off by a
      // wide gap after its label alone is its value, unless it is a label.
      // So after its colon read as a comma or a full stop ("高 级职称教师 ，
      // | 102"): no such value is made of marks.
      const bool label_and_marks = std::all_of(rest.begin(), rest.end(), [](char32_t c) {
        return text::IsSpace(c) ||
               std::u32string_view(U",，.。;；").find(c) != std::u32string_view::npos;
      });
      if (label_and_marks && HasOwnForm(best->type) && p + 1 < pieces.size() &&
          !FieldForLabel(text::ToUtf8(pieces[p + 1]), span_id)) {
        std::u32string next = pieces[p + 1];
        // The label's bracket closed again, or its colon read as a comma,
        // before the number (")，4249.7"): no number opens with a mark.
        if (ocr)
          while (!next.empty() && std::u32string_view(U")）,，:：;；、").find(next.front()) !=
                                      std::u32string_view::npos)
            next.erase(0, 1);
        const std::string value = text::Trim(text::ToUtf8(next));
        if (NormalizeAsRead(best->type, value, doc_, span_id).state == ValueState::kValue) {
          const std::string label = text::Trim(text::ToUtf8(piece));
          AddReading(*best, value, span_id, kSameCell, label);
          read = true;
          ++p;
          continue;
        }
      }
      // "法 定 代表人  康涛": an OCR'd line where the rule between a label
      // cell and its value cell was lost. Any characters read as text, so
      // the piece after the gap counts only where a line of such rows
      // would have it: not a label, and the line ending after it or going
      // on with the next label. Not after a place to sign (法定代表人《 御?)
      // 八广 作个、), where the handwriting is read as characters. A speck
      // after the label may be read as a mark (继续教育管理机构。 | 培训学院).
      if (label_and_marks && !HasOwnForm(best->type) && IsOcr(span_id) && p + 1 < pieces.size() &&
          !AsksForSeal(text::ToUtf8(piece)) &&
          !FieldForLabel(text::ToUtf8(pieces[p + 1]), span_id) &&
          !StartsAnotherBoxesLabel(pieces[p + 1]) && !StartsWithBracket(pieces[p + 1]) &&
          pieces[p + 1].size() <= 30 && !IsSentence(text::ToUtf8(pieces[p + 1])) &&
          (p + 2 == pieces.size() || LabelStarting(pieces[p + 2]).field)) {
        const std::string value = text::Trim(text::ToUtf8(pieces[p + 1]));
        if (NormalizeAsRead(best->type, value, doc_, span_id).state == ValueState::kValue) {
          AddReading(*best, value, span_id, kSameCell, text::Trim(text::ToUtf8(piece)));
          read = true;
          ++p;
          continue;
        }
      }
      if (rest.empty() || StartsAnotherBoxesLabel(rest)) continue;
      // Its colon set apart and read as a semicolon: "实训合作单位 ; 软件园".
      if (rest.size() > 2 && text::IsSpace(rest[0])) {
        size_t mark = 0;
        while (mark < rest.size() && text::IsSpace(rest[mark])) ++mark;
        if (mark + 1 < rest.size() && (rest[mark] == U';' || rest[mark] == U'；') &&
            text::IsSpace(rest[mark + 1]))
          rest.erase(mark, 1);
      }
      // Or right after it, a space after: "主管 部门; 菏泽 市人力 资源社会保障 局".
      if (IsOcr(span_id) && rest.size() > 2 && (rest[0] == U';' || rest[0] == U'；') &&
          text::IsSpace(rest[1]))
        rest.erase(0, 1);
      // Its colon read as a comma: "联系人，路春生".
      bool apart = !rest.empty() && text::IsSpace(rest[0]);
      if (IsOcr(span_id)) {
        size_t mark = 0;
        while (mark < rest.size() && text::IsSpace(rest[mark])) ++mark;
        // Not before a sentence ("申报单位，本单位承诺…"): a value this way is
        // a name or a few words, with no other mark in it.
        const std::u32string_view after =
            std::u32string_view(rest).substr(std::min(mark + 1, rest.size()));
        if (mark + 1 < rest.size() && (rest[mark] == U'，' || rest[mark] == U',') &&
            after.size() <= 30 && after.find_first_of(U"，,。；;") == std::u32string_view::npos) {
          rest.erase(0, mark + 1);
          apart = true;
        }
      }
      const bool textual = IsTextType(best->type) || best->type == ValueType::kPerson;
      if (textual && !apart) continue;
      // "法定代表人 ( 兰 和": the label's own note ((签字), (盖章)) misread,
      // its closing bracket lost; no name or text value opens with one.
      if (textual && StartsWithBracket(rest)) continue;
      const std::string value = text::Trim(text::ToUtf8(rest));
      if (value.empty()) continue;
      if (NormalizeAsRead(best->type, value, doc_, span_id).state != ValueState::kValue) continue;
      const std::string label = text::Trim(text::ToUtf8(piece.substr(0, best_end)));
      AddReading(*best, value, span_id, kSameCell, label);
      read = true;
    }
    return read;
  }

  // "label：value" pieces of a paragraph or cell; several may share a line
  // when separated by wide gaps, tabs, line breaks or semicolons. Year
  // pieces ("2021年：2300人") count only after the trainees block's label.
  void ReadSegments(std::string_view text, int span_id, Placement placement,
                    bool trainees_context = false) {
    if (trainees_context) {
      std::vector<YearValue> years = YearValuesInText(text);
      for (const YearValue& y : years) {
        auto field = year_fields_.find(y.year);
        if (field != year_fields_.end())
          AddReading(*field->second, y.value, span_id, placement, y.label);
      }
      if (!years.empty()) return;
    }
    std::vector<LabelledSegment> segments = SplitLabelledSegments(text);
    // An OCR'd label with nothing after its colon but a gap, then a piece
    // with a colon of its own that labels nothing ("远程教育平台 :  日照市文化
    // 旅游专业技术人员 :培训中心远程培训平台"): that colon is a speck inside
    // the value.
    for (size_t i = 0; IsOcr(span_id) && i + 1 < segments.size(); ++i) {
      LabelledSegment& next = segments[i + 1];
      if (!segments[i].value.empty() || next.label.empty() || !next.words_before.empty() ||
          FieldForLabel(next.label, span_id) || IsTraineesLabel(next.label, span_id) ||
          YearOf(LabelKey(next.label), /*allow_bare=*/false) ||
          !FieldForLabel(segments[i].label, span_id))
        continue;
      segments[i].value = next.label + next.value;
      segments[i].value_after_gap = true;
      segments.erase(segments.begin() + static_cast<std::ptrdiff_t>(i) + 1);
    }
    for (LabelledSegment seg : segments) {
      if (!seg.words_before.empty() && IsOcr(span_id) && !FieldForLabel(seg.label, span_id) &&
          !IsTraineesLabel(seg.label, span_id)) {
        // The nearest pieces first: a label begins as late as it can.
        std::string joined = seg.label;
        for (auto piece = seg.words_before.rbegin(); piece != seg.words_before.rend(); ++piece) {
          joined = CleanLabel(*piece + joined);
          if (FieldForLabel(joined, span_id) || IsTraineesLabel(joined, span_id)) {
            seg.label = joined;
            break;
          }
        }
      }
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
      if (const FieldSpec* field = FieldForLabel(seg.label, span_id)) {
        // "法定代表人《签字) ;  人八八一": on a scan or a photo what stands at a
        // place to sign is handwriting, which OCR reads as characters.
        if (IsOcr(span_id) && AsksForSeal(seg.label) && !HasOwnForm(field->type)) continue;
        // A piece after a wide gap is a text field's value unless the label
        // asks for a seal or a signature ("申报单位（盖章）：", left blank for
        // the seal and followed by the applicant's pledge) or the piece is
        // a sentence rather than a name; a next label is never a value.
        const bool apart_text = seg.value_after_gap && !HasOwnForm(field->type) &&
                                (AsksForSeal(seg.label) || text::ToU32(seg.value).size() > 30);
        const bool next_label = seg.value_after_gap && (FieldForLabel(seg.value, span_id) ||
                                                        IsTraineesLabel(seg.value, span_id));
        std::string value = apart_text || next_label ? "" : seg.value;
        if (IsOcr(span_id) && ContinuesTheValue(*field, value, seg.words_after, span_id))
          value += seg.words_after;
        // A count's digits OCR set a wide gap apart (兼职教师人数 :  1  2 0 人).
        if (IsOcr(span_id) && field->type == ValueType::kInteger && !value.empty() &&
            !seg.words_after.empty() && OcrSpacedDigits(value + " " + seg.words_after))
          value += " " + seg.words_after;
        if (IsOcr(span_id) && !value.empty() &&
            (field->type == ValueType::kUnitType || field->type == ValueType::kCheckboxSet))
          value += seg.pieces_after;
        AddReading(*field, value, span_id, placement, seg.label);
      }
    }
  }

  void AddReading(const FieldSpec& field, std::string_view raw, int span_id, Placement placement,
                  std::string_view label, bool blank = false) {
    Candidate c;
    c.reading.key = field.key;
    c.reading.raw = text::Trim(raw);
    c.reading.span_id = span_id;
    c.reading.label = text::Trim(label);
    c.reading.confidence = ReadingConfidence(field.type, raw, doc_, span_id);
    c.placement = placement;
    c.order = order_++;
    Normalized n = blank ? Normalized{ValueState::kDeclaredNone, nullptr, ""}
                         : NormalizeAsRead(field.type, raw, doc_, span_id);
    // "申报单位承诺：本单位对所填报内容的真实性负责，…": a unit's name is
    // never a sentence.
    if (field.key == "unit_name" && n.state == ValueState::kValue && IsSentence(c.reading.raw))
      n = Normalized{ValueState::kUnreadable, nullptr, "a sentence, not a unit's name"};
    // Nor a character or three: what OCR made of an underlined name on a
    // photographed cover, the underline run into it ("二", dev seed 121).
    // The shortest names of units are four (济南大学).
    if (field.key == "unit_name" && n.state == ValueState::kValue && IsOcr(span_id) &&
        n.value.is_string() && text::ToU32(n.value.get<std::string>()).size() < 4)
      n = Normalized{ValueState::kUnreadable, nullptr, "too short for a unit's name"};
    if (n.state == ValueState::kUnreadable) {
      unreadable_.push_back(field.key + "「" + c.reading.raw + "」" +
                            (n.note.empty() ? "" : "：" + n.note));
      return;
    }
    if (!n.note.empty()) {
      // A value kept with a doubt (a URL that is no web address) is shown
      // as doubtful and noted, never trusted as read.
      c.reading.confidence = std::min(c.reading.confidence, kDoubtedValueConfidence);
      unreadable_.push_back(field.key + "「" + c.reading.raw + "」：" + n.note);
    }
    c.reading.declared_none = n.state == ValueState::kDeclaredNone;
    c.reading.value = c.reading.declared_none ? nlohmann::json() : n.value;
    if (!c.reading.declared_none) DoubtOcrNumber(field, raw, c.reading);
    fields_with_candidates_.insert(field.key);
    candidates_.push_back(std::move(c));
  }

  static bool IsNumberType(ValueType type) {
    return type == ValueType::kInteger || type == ValueType::kWanYuan || type == ValueType::kArea;
  }

  void Doubt(FieldReading& r, const std::string& why) {
    r.confidence = std::min(r.confidence, kDoubtfulNumberConfidence);
    doubts_[r.key] = std::string(kDoubtfulNumberNote) + r.key + "：读作「" + r.raw + "」，" + why;
  }

  // A number OCR read whose digits, in the words that make up the value,
  // include one read with low confidence or disputed between readings.
  void DoubtOcrNumber(const FieldSpec& field, std::string_view raw, FieldReading& r) {
    if (!IsOcr(r.span_id) || !IsNumberType(field.type)) return;
    const std::string digits_of_value = [&] {
      std::string d;
      for (char ch : text::FullWidthToAscii(raw))
        if (ch >= '0' && ch <= '9') d.push_back(ch);
      return d;
    }();
    if (digits_of_value.empty()) return;
    for (const WordBox& w : doc_.spans[static_cast<size_t>(r.span_id)].words) {
      const std::string folded = text::FullWidthToAscii(w.text);
      std::string d;
      for (char ch : folded)
        if (ch >= '0' && ch <= '9') d.push_back(ch);
      // Only the words of this value: a "label：value" line holds others.
      if (d.empty() || digits_of_value.find(d) == std::string::npos) continue;
      if (w.confidence < kUnsureDigitConfidence) {
        Doubt(r, "数字识别置信度低（" + std::to_string(static_cast<int>(w.confidence * 100)) +
                     "%）或多次识别结果不一致，请核对原件");
        return;
      }
    }
  }

  // One year's trainees five times, or a fifth of, both other years that
  // agree with each other: more likely a digit OCR dropped or added (6931 →
  // 931, 33733 → 383733) than a real year; the value stays, doubted.
  void DoubtImplausibleYears(std::vector<FieldReading>& chosen) {
    std::vector<FieldReading*> years;
    for (FieldReading& r : chosen) {
      const FieldSpec* f = spec_.Field(r.key);
      if (f && f->year && !r.declared_none && r.value.is_number_integer()) years.push_back(&r);
    }
    if (years.size() == 3) {
      for (size_t i = 0; i < 3; ++i) {
        FieldReading& r = *years[i];
        if (!IsOcr(r.span_id)) continue;
        const double v = r.value.get<double>();
        const double a = years[(i + 1) % 3]->value.get<double>();
        const double b = years[(i + 2) % 3]->value.get<double>();
        if (a <= 0 || b <= 0 || std::max(a, b) > 2 * std::min(a, b)) continue;
        if (v >= 5 * std::max(a, b) || v * 5 <= std::min(a, b))
          Doubt(r, "与其他年度（" + std::to_string(static_cast<int64_t>(a)) + "、" +
                       std::to_string(static_cast<int64_t>(b)) +
                       "）相差悬殊，可能漏识或多识了数字，请核对原件");
      }
    }
    for (const auto& [key, note] : doubts_) {
      // Only a doubt about the reading that was kept is worth a note.
      for (const FieldReading& r : chosen)
        if (r.key == key && r.confidence <= kDoubtfulNumberConfidence) unreadable_.push_back(note);
    }
  }

  // A credit code whose label OCR could not read ("全社会人人" for
  // 统一社会信用代码): a code that passes its check character names itself.
  void FindUnlabelledCreditCode() {
    const bool has_code =
        std::any_of(candidates_.begin(), candidates_.end(), [](const Candidate& c) {
          return c.reading.key == "credit_code" && !c.reading.declared_none;
        });
    const FieldSpec* field = spec_.Field("credit_code");
    if (has_code || !field) return;
    for (size_t i = 0; i < doc_.spans.size(); ++i) {
      if (!IsOcr(static_cast<int>(i))) continue;
      for (const std::string& word : text::Split(doc_.spans[i].text, U' ')) {
        Normalized n = NormalizeAsRead(ValueType::kCreditCode, word, doc_, static_cast<int>(i));
        if (n.state != ValueState::kValue || !IsValidCreditCode(n.value.get<std::string>()))
          continue;
        AddReading(*field, word, static_cast<int>(i), kDerived, field->labels.front());
        return;
      }
    }
  }

  // A scan's label cell that OCR left empty loses its row, though the value
  // beside it tells its field by its own shape: a count of 间 is the
  // classrooms', of 册 the library's, an area the classrooms' floor, six
  // digits of Shandong's range the postcode, a web address the platform's,
  // an address with one @ the e-mail, a list of the notice's
  // management rules the rules. Read so only on OCR'd pages, only for a
  // field no label gave, from a cell nothing else took and no label stands
  // beside; doubted, for the label was not seen.
  void FindValuesWhoseLabelWasLost() {
    std::set<std::string> found;
    std::set<int> taken;
    for (const Candidate& c : candidates_) {
      found.insert(c.reading.key);
      taken.insert(c.reading.span_id);
    }
    // value cell's span → its field; a cell of one label and its value
    // ("年度继续教育经费 (万元) : 94.00") is its row's field as well.
    std::map<int, std::string> labelled;
    std::set<int> of_several_fields, below_labels;
    for (const Candidate& c : candidates_) {
      if (c.placement != kCellRight && c.placement != kCellBelow && c.placement != kSameCell)
        continue;
      if (c.placement == kCellBelow) below_labels.insert(c.reading.span_id);
      auto [it, added] = labelled.emplace(c.reading.span_id, c.reading.key);
      if (!added && it->second != c.reading.key) of_several_fields.insert(c.reading.span_id);
    }
    for (int span_id : of_several_fields) labelled.erase(span_id);
    for (const Table& table : doc_.tables) {
      for (const Cell& cell : table.cells) {
        if (cell.span_id < 0 || !IsOcr(cell.span_id) || taken.count(cell.span_id)) continue;
        // A label is no value, whatever speck stands before it (.培训 领域).
        if (FieldForLabel(TextOf(&cell), cell.span_id) ||
            IsTraineesLabel(TextOf(&cell), cell.span_id))
          continue;
        // Nor is a cell in a row of labels over their values: it is a label
        // OCR misread (联系和人 beside 联系电话 | 手机 | 电子邮箱). Nor a year
        // heading of a year table (2023 beside its count left unread).
        if (IsHeaderRow(table, cell.row) || YearField(cell)) continue;
        const std::string value = text::RemoveSpaces(TextOf(&cell));
        const Cell* left = cell.col > 0 ? table.At(cell.row, cell.col - 1) : nullptr;
        // The trainees' years and numbers in a cell whose label OCR lost
        // (人 《 | 2021，2322人 2022，24 80 人 …): two of the notice's years at
        // least, beside no other field's label.
        if (ReadTraineesWhoseLabelWasLost(cell, left, found)) continue;
        std::string key = FieldByTheValuesShape(value);
        // A cell with something on its left is that thing's value, unless it
        // is an address no other field's value looks like (an e-mail's, a
        // web address's) beside what names no field: the next value of a
        // row of values under a row of labels, one of them misread (部箱).
        const bool unmistakable = key == "email" || key == "online_platform_url";
        // Nor is a value beside one read under its label: a row of values
        // under a row of labels, this one's label lost (专职师资 | [lost] |
        // 高级职称教师 over 139人 | 34人 | 48人).
        const bool beside_a_value_below_its_label = left && below_labels.count(left->span_id);
        if (left && left != &cell && !text::Trim(TextOf(left)).empty() &&
            !beside_a_value_below_its_label &&
            (!unmistakable || FieldForLabel(TextOf(left), left->span_id)))
          continue;
        std::string why = "其标签未能识别，按数值的形式（单位、位数）判断";
        // "传真：无" between the e-mail and the field is the fax's row, a
        // label of its own the spec does not name: no recommender.
        if (key.empty() && HasOwnLabel(TextOf(&cell))) continue;
        if (key.empty()) {
          key = FieldBetweenItsNeighbours(table, cell, labelled);
          why = "其标签未能识别，按它在表中的位置（前后两行的字段之间）判断";
        }
        if (key.empty() || found.count(key)) continue;
        const FieldSpec* field = spec_.Field(key);
        if (!field) continue;
        if (NormalizeAsRead(field->type, value, doc_, cell.span_id).state != ValueState::kValue)
          continue;
        const size_t before = candidates_.size();
        AddReading(*field, value, cell.span_id, kDerived, "（标签未识别）");
        if (candidates_.size() == before) continue;
        Doubt(candidates_.back().reading, why);
        found.insert(key);
      }
    }
  }

  bool ReadTraineesWhoseLabelWasLost(const Cell& cell, const Cell* left,
                                     std::set<std::string>& found) {
    for (const auto& [year, field] : year_fields_)
      if (found.count(field->key)) return false;
    if (left && left != &cell && (FieldForLabel(TextOf(left), left->span_id) || YearField(*left)))
      return false;
    std::vector<YearValue> years = YearValuesInText(TextOf(&cell));
    std::erase_if(years, [&](const YearValue& y) { return !year_fields_.count(y.year); });
    if (years.size() < 2) return false;
    for (const YearValue& y : years) {
      const FieldSpec& field = *year_fields_.at(y.year);
      const size_t before = candidates_.size();
      AddReading(field, y.value, cell.span_id, kDerived, y.label);
      if (candidates_.size() == before) continue;
      Doubt(candidates_.back().reading, "其标签未能识别，按格中所写的年度和人数判断");
      found.insert(field.key);
    }
    return true;
  }

  static bool HasOwnLabel(std::string_view text) {
    const std::vector<LabelledSegment> segments = SplitLabelledSegments(text);
    return std::any_of(segments.begin(), segments.end(),
                       [](const LabelledSegment& seg) { return text::HasHan(seg.label); });
  }

  // The field the form's order (the spec's) puts between the labelled values
  // just before and just after this cell, row by row, when exactly one lies
  // between them and both stand within a row of it.
  std::string FieldBetweenItsNeighbours(const Table& table, const Cell& cell,
                                        const std::map<int, std::string>& labelled) const {
    const Cell* before = nullptr;
    const Cell* after = nullptr;
    const auto here = std::make_pair(cell.row, cell.col);
    for (const Cell& other : table.cells) {
      if (other.span_id < 0 || !labelled.count(other.span_id)) continue;
      const auto there = std::make_pair(other.row, other.col);
      if (there < here && (!before || there > std::make_pair(before->row, before->col)))
        before = &other;
      if (there > here && (!after || there < std::make_pair(after->row, after->col)))
        after = &other;
    }
    if (!before || !after || cell.row - before->row > 1 || after->row - cell.row > 1) return {};
    auto index = [&](const std::string& key) {
      for (size_t i = 0; i < spec_.fields.size(); ++i)
        if (spec_.fields[i].key == key) return static_cast<int>(i);
      return -1;
    };
    const int a = index(labelled.at(before->span_id));
    const int b = index(labelled.at(after->span_id));
    if (a < 0 || b != a + 2) return {};
    return spec_.fields[static_cast<size_t>(a + 1)].key;
  }

  std::string FieldByTheValuesShape(const std::string& value) const {
    auto number_then = [&](std::u32string_view unit) {
      const std::u32string u = text::ToU32(value);
      if (u.size() <= unit.size() || u.compare(u.size() - unit.size(), unit.size(), unit) != 0)
        return false;
      const std::u32string number = u.substr(0, u.size() - unit.size());
      return std::all_of(
                 number.begin(), number.end(),
                 [](char32_t c) { return (c >= U'0' && c <= U'9') || c == U'.' || c == U','; }) &&
             number.front() >= U'0' && number.front() <= U'9';
    };
    if (number_then(U"间")) return "classroom_count";
    if (number_then(U"册")) return "library_volumes";
    if (number_then(U"平方米") || number_then(U"㎡")) return "classroom_area";
    if (value.size() == 6 && value[0] == '2' && value[1] >= '5' && value[1] <= '7' &&
        std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return "postcode";
    const std::string lower = text::AsciiLower(value);
    if (lower.rfind("http", 0) == 0 || lower.rfind("www.", 0) == 0) return "online_platform_url";
    if ((std::count(value.begin(), value.end(), '@') == 1 &&
         value.find('.', value.find('@')) != std::string::npos && !text::HasHan(value)) ||
        ReadsAsOcrEmail(value))
      return "email";
    int rules = 0;
    for (const std::string& item : spec_.mgmt_rule_items)
      if (value.find(item) != std::string::npos) ++rules;
    if (rules >= 4) return "mgmt_rules";
    // A whole date of these years is the form's own: the other dates a form
    // states (成立时间) lie years back.
    if (const Normalized date = NormalizeDate(value);
        date.state == ValueState::kValue && date.value.get<std::string>() >= "2020")
      return "application_date";
    return {};
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
  const std::map<std::string, const FieldSpec*>& labels_;
  const std::map<int, const FieldSpec*>& year_fields_;
  std::map<int, int> garbled_years_;  // a span → the year heading OCR garbled there
  // The value says nothing; a set with NearestLabel.
  const std::map<std::string, bool>& trainees_labels_;
  const std::unordered_map<std::string_view, LabelIndex::Named>& labels_by_key_;
  PrefixLabelKeys prefix_keys_;  // ReadLabelsWithoutColon's, kept for its storage
  // KeyOf's keys by text; looked up by a view of the text.
  struct TextHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  mutable std::unordered_map<std::string, std::string, TextHash, std::equal_to<>> keys_;
  std::map<int, std::vector<int>> nested_in_span_;  // a cell's span → tables nested in it
  std::map<int, std::string> continued_;  // a cell's span → its text with the next page's
  mutable std::optional<std::set<std::string>> labelled_exactly_;  // LabelledExactly's
  std::map<const Table*, const Table*>
      continued_below_;  // a header row's table → its values' table
  std::vector<Candidate> candidates_;
  std::set<std::string> fields_with_candidates_;  // the keys of candidates_, for CountFields
  size_t enough_ = 0;                             // CountFields' at_most; 0 when reading all
  std::vector<std::string> unreadable_;
  std::map<std::string, std::string> doubts_;  // field key → the last doubt's note
  int order_ = 0;
};

}  // namespace

std::vector<FieldReading> ReadFormFields(const Document& doc, std::vector<std::string>* notes) {
  FormReader reader(doc);
  std::vector<FieldReading> out = reader.Read();
  if (notes) *notes = reader.unreadable();
  return out;
}

size_t CountFormFields(const Document& doc, size_t at_most) {
  if (at_most == 0) return 0;
  return FormReader(doc).CountFields(at_most);
}

}  // namespace dossier::norm
