// Value normalizers. Conventions chosen here (others rely on them):
// - Phones: a landline is "AREA-LOCAL", an extension is kept as a third part
//   ("0531-51788246-8001"); an 11-digit mobile in a phone field is returned as
//   the 11 digits; a local number written without area code is returned as its
//   digits alone. When a cell holds several numbers, the first one is read.
// - Amounts (万元) and areas: an integral result is a JSON integer (120, not
//   120.0); otherwise a double rounded to 4 decimals.
// - Checkbox sets: with box glyphs, the ticked items (possibly none: []); with
//   no glyphs, the items named in plain text.
// - Unit type: with box glyphs and nothing ticked, kDeclaredNone (the row was
//   left blank); several ticked, kUnreadable.
#include "dossier/normalize/values.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <set>

#include "dossier/common/text.h"
#include "dossier/normalize/places.h"
#include "dossier/normalize/spec.h"
#include "numbers.h"

namespace dossier::norm {
namespace {

using internal::Decimal;
using internal::NumberRun;

Normalized Value(nlohmann::json value) {
  Normalized n;
  n.state = ValueState::kValue;
  n.value = std::move(value);
  return n;
}

Normalized Unreadable(std::string note) {
  Normalized n;
  n.state = ValueState::kUnreadable;
  n.note = std::move(note);
  return n;
}

Normalized DeclaredNone() {
  Normalized n;
  n.state = ValueState::kDeclaredNone;
  return n;
}

// Full-width ASCII folded and every space removed: the form in which digits,
// codes and units are read.
std::u32string Compact(std::string_view raw) {
  return text::ToU32(text::RemoveSpaces(text::FullWidthToAscii(raw)));
}

std::string Compact8(std::string_view raw) {
  return text::RemoveSpaces(text::FullWidthToAscii(raw));
}

bool IsAsciiDigit(char32_t cp) { return cp >= '0' && cp <= '9'; }

using text::IsCjkLike;
using text::IsHan;

bool IsDash(char32_t cp) {
  return cp == '-' || (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212 || cp == 0xFE63 ||
         cp == 0xFF0D;
}

// Built anew rather than replaced in place: GCC 12 at -O3 takes the in-place
// replace for overlapping copies (-Wrestrict, an error in CI builds).
void ReplaceAll(std::u32string& s, std::u32string_view from, std::u32string_view to) {
  if (from.empty() || s.find(from) == std::u32string::npos) return;
  std::u32string out;
  out.reserve(s.size());
  size_t start = 0;
  for (size_t pos = s.find(from); pos != std::u32string::npos; pos = s.find(from, start)) {
    out.append(s, start, pos - start);
    out.append(to);
    start = pos + from.size();
  }
  out.append(s, start, std::u32string::npos);
  s = std::move(out);
}

bool Contains(std::u32string_view haystack, std::u32string_view needle) {
  return haystack.find(needle) != std::u32string_view::npos;
}

// An integral decimal as a JSON integer, otherwise a double of at most 4
// fraction digits.
nlohmann::json DecimalJson(const Decimal& d) {
  Decimal r = d.Rounded(4);
  if (r.IsIntegral()) return r.ToInteger();
  return r.ToDouble();
}

// ---------------------------------------------------------------- checkboxes

enum class Mark { kNone, kTick, kUntick };

Mark MarkOf(char32_t cp) {
  switch (cp) {
    case U'☑':
    case U'☒':
    case U'■':
    case U'√':
    case U'✓':
    case U'✔':
    case U'✅':
    case U'●':
    case U'▣':
    case U'◉':
    case U'⊠':
      return Mark::kTick;
    case U'□':
    case U'☐':
    case U'▢':
    case U'○':
    case U'◯':
    case U'✗':
    case U'✘':
    case U'×':
      return Mark::kUntick;
    default:
      return Mark::kNone;
  }
}

// Text with bracket marks ([x], [√], (√), [ ], （ ）) turned into one glyph.
std::u32string PrepareCheckText(std::string_view text) {
  std::u32string u = Compact(text);
  for (std::u32string_view tick :
       {U"[x]", U"[X]", U"[√]", U"[✓]", U"[✔]", U"(√)", U"(✓)", U"(✔)", U"(x)", U"(X)"})
    ReplaceAll(u, tick, U"☑");
  for (std::u32string_view untick : {U"[]", U"()"}) ReplaceAll(u, untick, U"□");
  return u;
}

bool HasMarks(std::u32string_view u) {
  return std::any_of(u.begin(), u.end(), [](char32_t cp) { return MarkOf(cp) != Mark::kNone; });
}

struct CheckResult {
  bool has_marks = false;
  std::vector<bool> found;   // per item: named in the text
  std::vector<bool> ticked;  // per item
};

CheckResult ReadChecks(std::string_view text, const std::vector<std::string>& items) {
  CheckResult r;
  r.found.assign(items.size(), false);
  r.ticked.assign(items.size(), false);
  const std::u32string u = PrepareCheckText(text);
  r.has_marks = HasMarks(u);

  // Locate items longest first so "企业" never claims part of "企业培训机构".
  std::vector<size_t> order(items.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::vector<std::u32string> keys;
  for (const std::string& item : items) keys.push_back(Compact(item));
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return keys[a].size() > keys[b].size(); });
  struct Place {
    size_t begin, end, item;
  };
  std::vector<Place> places;
  for (size_t idx : order) {
    const std::u32string& key = keys[idx];
    if (key.empty()) continue;
    for (size_t pos = u.find(key); pos != std::u32string::npos; pos = u.find(key, pos + 1)) {
      bool overlaps = std::any_of(places.begin(), places.end(), [&](const Place& p) {
        return pos < p.end && p.begin < pos + key.size();
      });
      if (!overlaps) {
        places.push_back({pos, pos + key.size(), idx});
        r.found[idx] = true;
        break;
      }
    }
  }
  if (places.empty() || !r.has_marks) return r;
  std::sort(places.begin(), places.end(),
            [](const Place& a, const Place& b) { return a.begin < b.begin; });

  // Marks in the gap before item k, after item k-1. A form prints its boxes
  // either before its items (□A □B) or after them (A□ B□); a box before the
  // first item says which. A gap with two marks holds the previous item's
  // after-mark (a handwritten √) and the next item's box.
  auto gap_marks = [&](size_t from, size_t to) {
    std::vector<Mark> marks;
    for (size_t i = from; i < to; ++i)
      if (Mark m = MarkOf(u[i]); m != Mark::kNone) marks.push_back(m);
    return marks;
  };
  const bool before_style = !gap_marks(0, places[0].begin).empty();
  std::vector<std::vector<Mark>> owned(places.size());
  for (size_t k = 0; k <= places.size(); ++k) {
    size_t from = k == 0 ? 0 : places[k - 1].end;
    size_t to = k == places.size() ? u.size() : places[k].begin;
    std::vector<Mark> marks = gap_marks(from, to);
    if (marks.empty()) continue;
    const bool has_prev = k > 0, has_next = k < places.size();
    if (!has_prev) {
      owned[k].push_back(marks.back());
    } else if (!has_next) {
      for (Mark m : marks) owned[k - 1].push_back(m);
    } else if (before_style) {
      owned[k].push_back(marks.back());
      if (marks.size() >= 2)
        for (size_t i = 0; i + 1 < marks.size(); ++i) owned[k - 1].push_back(marks[i]);
    } else {
      for (Mark m : marks) owned[k - 1].push_back(m);
    }
  }
  for (size_t k = 0; k < places.size(); ++k)
    if (std::find(owned[k].begin(), owned[k].end(), Mark::kTick) != owned[k].end())
      r.ticked[places[k].item] = true;
  return r;
}

// -------------------------------------------------------------------- phones

struct PhoneReading {
  enum Kind { kNone, kLandline, kMobile, kLocal } kind = kNone;
  std::string value;
};

PhoneReading ReadPhone(std::string_view raw) {
  std::u32string u = text::ToU32(text::FullWidthToAscii(text::Trim(raw)));
  struct Group {
    std::string digits;
    bool extension_marked = false;  // after 转, 分机, ext or x
    bool after_joiner = false;      // after only dashes, spaces or brackets
    bool after_plus = false;
  };
  std::vector<Group> groups;
  std::u32string separator;
  for (size_t i = 0; i <= u.size(); ++i) {
    if (i < u.size() && IsAsciiDigit(u[i])) {
      if (groups.empty() || !separator.empty() || i == 0) {
        Group g;
        std::u32string lower = separator;
        for (char32_t& c : lower)
          if (c >= 'A' && c <= 'Z') c = c - 'A' + 'a';
        g.extension_marked =
            !groups.empty() && (Contains(lower, U"转") || Contains(lower, U"分机") ||
                                Contains(lower, U"ext") || Contains(lower, U"x"));
        g.after_plus = Contains(separator, U"+");
        g.after_joiner = std::all_of(separator.begin(), separator.end(), [](char32_t c) {
          return IsDash(c) || text::IsSpace(c) || c == '(' || c == ')';
        });
        groups.push_back(g);
        separator.clear();
      }
      groups.back().digits.push_back(static_cast<char>(u[i]));
    } else if (i < u.size()) {
      separator.push_back(u[i]);
    }
  }
  if (groups.empty()) return {};

  // Country code: +86, 0086, or 86 glued to a mobile.
  bool international = false;
  std::string& first = groups[0].digits;
  if ((groups[0].after_plus && first == "86") || first == "0086") {
    groups.erase(groups.begin());
    international = true;
  } else if (groups[0].after_plus && first.size() > 2 && first.compare(0, 2, "86") == 0) {
    first.erase(0, 2);
    international = true;
  } else if (first.size() > 4 && first.compare(0, 4, "0086") == 0) {
    first.erase(0, 4);
    international = true;
  } else if (first.size() == 13 && first.compare(0, 3, "861") == 0) {
    first.erase(0, 2);
    international = true;
  }
  if (groups.empty()) return {};
  if (international && groups[0].digits[0] != '0' && groups[0].digits[0] != '1')
    groups[0].digits.insert(0, "0");

  // Joins groups from `k` until at least `want` digits; returns the count used.
  auto gather = [&](size_t k, size_t want, std::string* out) {
    size_t used = 0;
    out->clear();
    while (k + used < groups.size() && out->size() < want) *out += groups[k + used++].digits;
    return used;
  };

  PhoneReading r;
  size_t next = 0;
  const std::string& g0 = groups[0].digits;
  std::string local;
  if (g0[0] == '1') {
    std::string mobile;
    next = gather(0, 11, &mobile);
    if (mobile.size() != 11) return {};
    return {PhoneReading::kMobile, mobile};
  } else if (g0[0] == '0') {
    std::string area;
    if ((g0.size() == 3 || g0.size() == 4) && groups.size() > 1) {
      area = g0;
      next = 1 + gather(1, 7, &local);
    } else if (g0.size() >= 10 && g0.size() <= 12) {
      size_t area_len = (g0.compare(0, 3, "010") == 0 || g0.compare(0, 2, "02") == 0) ? 3 : 4;
      area = g0.substr(0, area_len);
      local = g0.substr(area_len);
      next = 1;
    } else {
      return {};
    }
    if (local.size() < 7 || local.size() > 8) return {};
    r = {PhoneReading::kLandline, area + "-" + local};
  } else {
    next = gather(0, 7, &local);
    if (local.size() < 7 || local.size() > 8) return {};
    r = {PhoneReading::kLocal, local};
  }
  // A short group joined by a hyphen is an extension; after 、 or / or
  // starting with 0 it is the start of another number.
  if (next < groups.size()) {
    const Group& g = groups[next];
    if (g.extension_marked || (g.after_joiner && g.digits.size() <= 6 && g.digits[0] != '0'))
      r.value += "-" + g.digits;
  }
  return r;
}

// --------------------------------------------------------------- quantities

enum class Quantity { kCount, kMoney, kArea };

struct QuantityReading {
  std::optional<Decimal> value;  // in the field's unit: count, 万元, m²
  std::string note;
};

QuantityReading ReadQuantity(std::string_view raw, Quantity kind) {
  std::u32string u = Compact(raw);
  if (kind == Quantity::kArea) {
    for (std::u32string_view other : {U"亩", U"公顷", U"平方公里", U"km", U"KM", U"平方千米"})
      if (Contains(u, other)) return {std::nullopt, "the area is not in square metres"};
    // Before reading digits: the 2 of m2 (what NFKC makes of ㎡) is the unit.
    for (std::u32string_view unit :
         {U"平方米", U"平方", U"平米", U"㎡", U"m²", U"M²", U"m2", U"M2"})
      ReplaceAll(u, unit, U"|");
  }
  if (Contains(u, U"%")) return {std::nullopt, "a percentage is not a value of this field"};
  // A scan's 1 read as a letter glued to the digits ("i2185人次"), a 0 as
  // O, Q or D between them ("2O5") or ending them after a thousands comma
  // ("1,47Q"): read as the digit, and doubted.
  std::string doubt;
  auto ascii_letter = [](char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  for (size_t i = 0; i < u.size(); ++i) {
    const char32_t before = i > 0 ? u[i - 1] : 0, after = i + 1 < u.size() ? u[i + 1] : 0;
    if (ascii_letter(before) || ascii_letter(after)) continue;
    const bool one = (u[i] == 'i' || u[i] == 'l' || u[i] == 'I') &&
                     (IsAsciiDigit(before) || IsAsciiDigit(after));
    const bool ends_group = i >= 3 && u[i - 3] == U',' && IsAsciiDigit(u[i - 2]);
    const bool zero = (u[i] == 'O' || u[i] == 'o' || u[i] == 'Q' || u[i] == 'D') &&
                      IsAsciiDigit(before) && (IsAsciiDigit(after) || ends_group);
    if (!one && !zero) continue;
    u[i] = one ? U'1' : U'0';
    doubt = "数字中有字母，按形近的数字读出";
  }
  auto runs = internal::FindNumbers(u);
  if (!runs) return {std::nullopt, "the number is not written in a readable way"};
  if (runs->empty()) return {std::nullopt, "no number is written"};
  const NumberRun& run = runs->front();
  for (const NumberRun& other : *runs)
    if (!(other.value == run.value)) return {std::nullopt, "several different numbers are written"};
  if (run.begin == 1 && IsDash(u[0])) return {std::nullopt, "a negative number"};

  Decimal value = run.value;
  if (kind == Quantity::kMoney) {
    // The field is in 万元: a bare number already is; an amount in 元 (35000元,
    // ￥35000, or 3.5万 read as 35000) is divided by 10000. A separate "万元"
    // unit ("3.5（万元）") is a lone 万 that FindNumbers did not read.
    auto in_run = [&](size_t pos) {
      return std::any_of(runs->begin(), runs->end(),
                         [&](const NumberRun& r) { return pos >= r.begin && pos < r.end; });
    };
    // OCR reads the 万 of 万元 as 方 now and then (194方元), a word no amount
    // is written in.
    auto wan = [&](size_t pos) {
      return (u[pos] == U'万' && !in_run(pos)) ||
             (u[pos] == U'方' && pos > 0 && IsAsciiDigit(u[pos - 1]));
    };
    bool separate_wan_yuan = false, yuan = false;
    for (size_t i = 0; i < u.size(); ++i) {
      if (wan(i) && i + 1 < u.size() && u[i + 1] == U'元') {
        separate_wan_yuan = true;
        if (u[i] == U'方') doubt = "金额单位读作「方元」，按万元读出";
      } else if (u[i] == U'元' && !(i > 0 && wan(i - 1))) {
        yuan = true;
      } else if (u[i] == U'￥' || u[i] == U'¥') {
        yuan = true;
      }
    }
    if (Contains(u, U"人民币") || Contains(u, U"RMB") || Contains(u, U"rmb")) yuan = true;
    if (run.has_big_multiplier || (yuan && !separate_wan_yuan))
      value = value.DividedByPowerOfTen(4);
  }
  return {value, doubt};
}

// -------------------------------------------------------------------- dates

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysIn(int y, int m) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

bool IsChineseDigitChar(char32_t cp) { return internal::IsNumeralChar(cp) && !IsAsciiDigit(cp); }

std::optional<int> DatePart(std::u32string_view run, bool year) {
  bool ascii = std::all_of(run.begin(), run.end(), IsAsciiDigit);
  if (ascii) {
    if (year ? run.size() != 4 : run.size() > 2) return std::nullopt;
    int v = 0;
    for (char32_t c : run) v = v * 10 + static_cast<int>(c - '0');
    return v;
  }
  if (year && run.size() != 4) return std::nullopt;  // 二〇二四, digit by digit
  auto d = internal::ParseNumeral(run);
  if (!d || !d->IsIntegral() || d->ToInteger() > 9999) return std::nullopt;
  return static_cast<int>(d->ToInteger());
}

}  // namespace

// ================================================================== public

std::optional<ValueType> ValueTypeFromName(std::string_view name) {
  static constexpr std::pair<std::string_view, ValueType> kNames[] = {
      {"text", ValueType::kText},
      {"first_listed", ValueType::kFirstListed},
      {"credit_code", ValueType::kCreditCode},
      {"unit_type", ValueType::kUnitType},
      {"person", ValueType::kPerson},
      {"postcode", ValueType::kPostcode},
      {"city", ValueType::kCity},
      {"phone", ValueType::kPhone},
      {"mobile", ValueType::kMobile},
      {"email", ValueType::kEmail},
      {"integer", ValueType::kInteger},
      {"wan_yuan", ValueType::kWanYuan},
      {"area", ValueType::kArea},
      {"checkbox_set", ValueType::kCheckboxSet},
      {"url", ValueType::kUrl},
      {"date", ValueType::kDate},
  };
  for (const auto& [n, t] : kNames)
    if (n == name) return t;
  return std::nullopt;
}

Normalized NormalizeValue(ValueType type, std::string_view raw) {
  switch (type) {
    case ValueType::kText:
      return NormalizeText(raw);
    case ValueType::kFirstListed:
      return NormalizeFirstListed(raw);
    case ValueType::kCreditCode:
      return NormalizeCreditCode(raw);
    case ValueType::kUnitType:
      return NormalizeUnitType(raw);
    case ValueType::kPerson:
      return NormalizePerson(raw);
    case ValueType::kPostcode:
      return NormalizePostcode(raw);
    case ValueType::kCity:
      return NormalizeCity(raw);
    case ValueType::kPhone:
      return NormalizePhone(raw);
    case ValueType::kMobile:
      return NormalizeMobile(raw);
    case ValueType::kEmail:
      return NormalizeEmail(raw);
    case ValueType::kInteger:
      return NormalizeInteger(raw);
    case ValueType::kWanYuan:
      return NormalizeWanYuan(raw);
    case ValueType::kArea:
      return NormalizeArea(raw);
    case ValueType::kCheckboxSet:
      return NormalizeCheckboxSet(raw);
    case ValueType::kUrl:
      return NormalizeUrl(raw);
    case ValueType::kDate:
      return NormalizeDate(raw);
  }
  return Unreadable("unknown value type");
}

bool IsDeclaredNone(std::string_view raw) {
  const std::string key = text::AsciiLower(Compact8(raw));
  if (key.empty()) return true;
  for (const std::string& none : TheSpec().declared_none)
    if (key == text::AsciiLower(Compact8(none))) return true;
  return false;
}

// Marks a scan or photo leaves at the edges of a value: a stray quote, comma
// or rule line that belongs to no value.
bool IsEdgeNoise(char32_t cp) {
  return std::u32string_view(U"”“‘’\"'，,、.．。;；:：|_~`").find(cp) != std::u32string_view::npos;
}

Normalized NormalizeText(std::string_view raw) {
  if (IsDeclaredNone(raw)) return DeclaredNone();
  std::u32string u = text::ToU32(text::Trim(raw));
  size_t lead = 0;
  while (lead < u.size() && (IsEdgeNoise(u[lead]) || text::IsSpace(u[lead]))) ++lead;
  u.erase(0, lead);
  while (!u.empty() && (u.back() == U'|' || u.back() == U'_' || text::IsSpace(u.back())))
    u.pop_back();
  if (u.empty()) return Unreadable("only punctuation is written");
  std::u32string out;
  for (size_t i = 0; i < u.size();) {
    if (!text::IsSpace(u[i])) {
      out.push_back(u[i++]);
      continue;
    }
    size_t j = i;
    while (j < u.size() && text::IsSpace(u[j])) ++j;
    // Chinese is written without spaces: a space beside a Chinese character
    // (18 号, 培养 人才) is spacing of the print or of OCR, not of the value.
    if (!(IsCjkLike(out.back()) || IsCjkLike(u[j]))) out.push_back(' ');
    i = j;
  }
  return Value(text::ToUtf8(out));
}

std::vector<std::string> ListedItems(std::string_view raw) {
  static constexpr std::u32string_view kSeparators = U"、，,；;／/";
  const std::u32string u = text::ToU32(raw);
  std::vector<std::string> items;
  size_t start = 0;
  for (size_t i = 0; i <= u.size(); ++i) {
    if (i < u.size() && kSeparators.find(u[i]) == std::u32string_view::npos) continue;
    Normalized item = NormalizeText(text::ToUtf8(u.substr(start, i - start)));
    if (item.state == ValueState::kValue) items.push_back(item.value.get<std::string>());
    start = i + 1;
  }
  // A separator inside one item (a stray mark OCR read in 高端、装备) leaves a
  // part of one character or none: then it is no list.
  const bool a_list = std::all_of(items.begin(), items.end(),
                                  [](auto& item) { return text::ToU32(item).size() >= 2; });
  if (a_list && !items.empty()) return items;
  Normalized whole = NormalizeText(raw);
  if (whole.state != ValueState::kValue) return {};
  return {whole.value.get<std::string>()};
}

Normalized NormalizeFirstListed(std::string_view raw) {
  if (IsDeclaredNone(raw)) return DeclaredNone();
  const std::vector<std::string> items = ListedItems(raw);
  if (items.empty()) return NormalizeText(raw);
  return Value(items.front());
}

Normalized NormalizePerson(std::string_view raw) {
  Normalized n = NormalizeText(raw);
  if (n.state != ValueState::kValue) return n;
  const std::string name = n.value.get<std::string>();
  const std::u32string u = text::ToU32(name);
  if (std::any_of(u.begin(), u.end(), IsHan)) {
    // A Chinese name begins and ends with a character: quotes, commas and
    // dots around it are a scan's specks ("邓嘉怡“，.").
    const size_t first = static_cast<size_t>(std::find_if(u.begin(), u.end(), IsHan) - u.begin());
    const size_t last =
        static_cast<size_t>(std::find_if(u.rbegin(), u.rend(), IsHan).base() - u.begin());
    n.value = text::RemoveSpaces(text::ToUtf8(std::u32string_view(u).substr(first, last - first)));
    return n;
  }
  // A short run of Latin letters and digits where a name stands is what OCR
  // makes of a signature or a smudge ("S52"), not a person.
  bool digit = std::any_of(u.begin(), u.end(), [](char32_t c) { return c >= '0' && c <= '9'; });
  if (digit || u.size() <= 3) return Unreadable("not a person's name");
  return n;
}

Normalized NormalizeCreditCode(std::string_view raw) {
  if (IsDeclaredNone(raw)) return DeclaredNone();
  std::string code;
  for (char32_t cp : Compact(raw))
    if (!IsDash(cp)) text::AppendUtf8(code, cp);
  code = text::AsciiUpper(code);
  bool shape = code.size() == 18 && std::all_of(code.begin(), code.end(), [](char c) {
                 return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
               });
  if (!shape) return Unreadable("not an 18-character credit code: " + code);
  return Value(code);
}

Normalized NormalizeUnitType(std::string_view raw) {
  if (IsDeclaredNone(raw)) return DeclaredNone();
  const Spec& spec = TheSpec();
  // Items as printed on forms, synonyms included, each mapped to its type.
  std::vector<std::string> items = spec.unit_types;
  std::vector<std::string> canonical = spec.unit_types;
  for (const auto& [synonym, type] : spec.unit_type_synonyms) {
    items.push_back(synonym);
    canonical.push_back(type);
  }
  if (HasMarks(PrepareCheckText(raw))) {
    CheckResult checks = ReadChecks(raw, items);
    std::set<std::string> ticked;
    for (size_t i = 0; i < items.size(); ++i)
      if (checks.ticked[i]) ticked.insert(canonical[i]);
    if (ticked.size() == 1) return Value(*ticked.begin());
    if (ticked.size() > 1) return Unreadable("several unit types are ticked");
    return DeclaredNone();
  }
  const std::u32string key = Compact(raw);
  for (size_t i = 0; i < items.size(); ++i)
    if (key == Compact(items[i])) return Value(canonical[i]);
  // "高等院校（公办）": a type named inside a longer writing, if only one is.
  std::vector<std::string> named;
  for (const std::string& type : spec.unit_types)
    if (type != "其他" && Contains(key, Compact(type))) named.push_back(type);
  if (named.size() == 1) return Value(named.front());
  return Unreadable("not one of the unit types of the notice");
}

Normalized NormalizePostcode(std::string_view raw) {
  if (IsDeclaredNone(raw)) return DeclaredNone();
  std::string code = Compact8(raw);
  // A bracket or rule line a scan leaves beside the digits ("252140]").
  auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  while (!code.empty() && !is_digit(code.back()) && static_cast<unsigned char>(code.back()) < 0x80)
    code.pop_back();
  while (!code.empty() && !is_digit(code.front()) &&
         static_cast<unsigned char>(code.front()) < 0x80)
    code.erase(0, 1);
  if (code.size() == 6 &&
      std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return Value(code);
  return Unreadable("a postcode has 6 digits");
}

Normalized NormalizeCity(std::string_view raw) {
  if (IsDeclaredNone(raw)) return DeclaredNone();
  std::u32string u = Compact(raw);
  for (std::u32string_view prefix : {U"山东省", U"山东"})
    if (u.compare(0, prefix.size(), prefix) == 0) {
      u.erase(0, prefix.size());
      break;
    }
  if (!u.empty() && u.back() == U'市') u.pop_back();
  for (const std::string& city : TheSpec().cities)
    if (u == text::ToU32(city)) return Value(city);
  if (auto city = CityFromAddress(raw)) return Value(*city);
  return Unreadable("not one of the 16 cities of Shandong");
}

std::optional<std::string> CityFromAddress(std::string_view address) {
  const std::u32string u = Compact(address);
  std::set<std::string> found;
  for (const std::string& city : TheSpec().cities) {
    const std::u32string c = text::ToU32(city);
    for (size_t pos = u.find(c); pos != std::u32string::npos; pos = u.find(c, pos + 1)) {
      // Only a city name in the place of one counts: "东营" in "广东营业部"
      // or "青岛" in "青岛路" does not.
      const size_t end = pos + c.size();
      const bool followed_by_shi = end < u.size() && u[end] == U'市';
      const bool after_province = (pos >= 3 && u.compare(pos - 3, 3, U"山东省") == 0) ||
                                  (pos >= 2 && u.compare(pos - 2, 2, U"山东") == 0);
      if (followed_by_shi || after_province || pos == 0) {
        found.insert(city);
        break;
      }
    }
  }
  // No city named (its name misread: 于滕州市…): a county or district
  // named whole that only one city has (滕州市 is 枣庄's; 市中区 is no one's),
  // at the address's head, after the province or a character or two, never
  // after another place's 市 or 省 (天津市河东区 is no 临沂 district).
  if (found.empty()) {
    size_t head = 0;
    for (std::u32string_view province : {U"山东省", U"山东"})
      if (u.compare(0, province.size(), province) == 0) {
        head = province.size();
        break;
      }
    for (const PlaceMatch& m : PlaceNames::Shandong().Find(text::ToUtf8(u))) {
      if (m.edits != 0 || m.is_city || text::ToU32(m.name).size() < 3 || m.begin < head ||
          m.begin > head + 2)
        continue;
      const std::u32string_view before = std::u32string_view(u).substr(head, m.begin - head);
      if (before.find_first_of(U"市省") == std::u32string_view::npos) found.insert(m.city);
    }
  }
  if (found.size() != 1) return std::nullopt;
  return *found.begin();
}

Normalized NormalizePhone(std::string_view raw) {
  if (IsDeclaredNone(raw)) return DeclaredNone();
  PhoneReading r = ReadPhone(raw);
  if (r.kind == PhoneReading::kNone) return Unreadable("not a phone number");
  return Value(r.value);
}

Normalized NormalizeMobile(std::string_view raw) {
  if (IsDeclaredNone(raw)) return DeclaredNone();
  PhoneReading r = ReadPhone(raw);
  if (r.kind == PhoneReading::kMobile) return Value(r.value);
  if (r.kind == PhoneReading::kNone) return Unreadable("not a mobile number");
  return Unreadable("a landline number, not a mobile: " + r.value);
}

Normalized NormalizeEmail(std::string_view raw) {
  if (IsDeclaredNone(raw)) return DeclaredNone();
  std::u32string u = Compact(raw);
  ReplaceAll(u, U"。", U".");
  std::string s = text::AsciiLower(text::ToUtf8(u));
  if (s.rfind("mailto:", 0) == 0) s.erase(0, 7);
  // A dot or comma before the address is a speck on the scan, not a character.
  while (!s.empty() && (s.front() == '.' || s.front() == ',' || s.front() == ';')) s.erase(0, 1);
  while (!s.empty() && (s.back() == '.' || s.back() == ';' || s.back() == ',' || s.back() == ':'))
    s.pop_back();
  const size_t at = s.find('@');
  if (at == std::string::npos || s.find('@', at + 1) != std::string::npos || at == 0)
    return Unreadable("an e-mail address has one @");
  const std::string domain = s.substr(at + 1);
  const size_t dot = domain.find('.');
  if (dot == std::string::npos || dot == 0 || domain.back() == '.' ||
      domain.find("..") != std::string::npos)
    return Unreadable("the e-mail address has no valid domain");
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80 || c == ',' || c == ';' || c == '/' || c == '(' ||
        c == ')' || c == '<' || c == '>')
      return Unreadable("the e-mail address holds characters an address cannot have");
  return Value(s);
}

Normalized NormalizeInteger(std::string_view raw) {
  if (IsDeclaredNone(raw)) return DeclaredNone();
  QuantityReading q = ReadQuantity(raw, Quantity::kCount);
  if (!q.value) return Unreadable(q.note);
  if (!q.value->IsIntegral()) return Unreadable("not a whole number");
  Normalized n = Value(q.value->ToInteger());
  n.note = q.note;
  return n;
}

Normalized NormalizeWanYuan(std::string_view raw) {
  if (IsDeclaredNone(raw)) return DeclaredNone();
  QuantityReading q = ReadQuantity(raw, Quantity::kMoney);
  if (!q.value) return Unreadable(q.note);
  Normalized n = Value(DecimalJson(*q.value));
  n.note = q.note;
  return n;
}

Normalized NormalizeArea(std::string_view raw) {
  if (IsDeclaredNone(raw)) return DeclaredNone();
  QuantityReading q = ReadQuantity(raw, Quantity::kArea);
  if (!q.value) return Unreadable(q.note);
  Normalized n = Value(DecimalJson(*q.value));
  n.note = q.note;
  return n;
}

Normalized NormalizeCheckboxSet(std::string_view raw) {
  if (IsDeclaredNone(raw)) return DeclaredNone();
  const std::vector<std::string>& items = TheSpec().mgmt_rule_items;
  CheckResult checks = ReadChecks(raw, items);
  const std::vector<bool>& chosen = checks.has_marks ? checks.ticked : checks.found;
  if (std::none_of(checks.found.begin(), checks.found.end(), [](bool b) { return b; }))
    return Unreadable("none of the management rules of the notice is named");
  nlohmann::json out = nlohmann::json::array();
  for (size_t i = 0; i < items.size(); ++i)
    if (chosen[i]) out.push_back(items[i]);
  return Value(out);
}

Normalized NormalizeUrl(std::string_view raw) {
  if (IsDeclaredNone(raw)) return DeclaredNone();
  std::string s = text::RemoveSpaces(text::FullWidthToAscii(raw));
  // Sentence punctuation after a URL is not part of it.
  for (std::string_view tail : {"。", ".", ",", ";", "、"})
    while (s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0)
      s.resize(s.size() - tail.size());
  // A scheme other than the web's ("javascript:", "data:", "file:") is never
  // a platform's address: kept as written, so the reviewer sees what was
  // sent, with a note that flags it (and never made a link).
  if (size_t colon = s.find(':'); colon != std::string::npos && colon > 0) {
    const std::string named = text::AsciiLower(s.substr(0, colon));
    const bool is_scheme = std::isalpha(static_cast<unsigned char>(named[0])) &&
                           std::all_of(named.begin(), named.end(), [](char c) {
                             return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
                                    c == '-' || c == '.';
                           });
    const bool port = std::all_of(s.begin() + colon + 1,
                                  s.begin() + std::min(s.size(), s.find_first_of("/?#", colon)),
                                  [](char c) { return c >= '0' && c <= '9'; });
    if (is_scheme && !port && named != "http" && named != "https") {
      Normalized n = Value(text::Trim(raw));
      n.note = "不是 http/https 网址（" + named + ":），只按原文保留";
      return n;
    }
  }
  std::string scheme;
  size_t rest = 0;
  if (size_t se = s.find("://"); se != std::string::npos) {
    scheme = text::AsciiLower(s.substr(0, se));
    if (scheme.empty() || !std::all_of(scheme.begin(), scheme.end(), [](char c) {
          return (c >= 'a' && c <= 'z') || c == '+' || c == '-' || c == '.';
        }))
      return Unreadable("not a web address");
    rest = se + 3;
  }
  size_t host_end = s.find_first_of("/?#", rest);
  if (host_end == std::string::npos) host_end = s.size();
  std::u32string host = text::ToU32(text::AsciiLower(s.substr(rest, host_end - rest)));
  ReplaceAll(host, U"。", U".");
  const std::string host8 = text::ToUtf8(host);
  if (host8.empty() || host8.find('.') == std::string::npos || host8.front() == '.' ||
      host8.back() == '.' || host8.find("..") != std::string::npos)
    return Unreadable("not a web address");
  for (char32_t cp : host)
    if (cp == ',' || cp == U'，' || cp == U'、' || cp == '\\' || cp == 0xFFFD ||
        (cp >= 0x3000 && cp <= 0x303F))
      return Unreadable("not a web address");
  std::string out = scheme.empty() ? "" : scheme + "://";
  return Value(out + host8 + s.substr(host_end));
}

namespace {

// What closes a date's day: 日 or 号, or what OCR makes of a 日 (目, 曰, H,
// 口, and 月 by the month's own character; 吕, 昌 and 晶 where a stamp's ink
// or a photo's blur doubles its strokes); nothing else follows a day.
bool IsDayMark(char32_t c) {
  return std::u32string_view(U"日号目曰H口月吕昌晶").find(c) != std::u32string_view::npos;
}

}  // namespace

Normalized NormalizeDate(std::string_view raw) {
  if (IsDeclaredNone(raw)) return DeclaredNone();
  std::u32string u = Compact(raw);
  // "二O二四": OCR and typists put a letter O or ○ for 〇 between digits,
  // and OCR a D. OCR reads it as 口 too, which is a word of its own
  // elsewhere: only between two numerals (二口二四).
  for (size_t i = 0; i < u.size(); ++i) {
    const bool before = i > 0 && IsChineseDigitChar(u[i - 1]);
    const bool after = i + 1 < u.size() && IsChineseDigitChar(u[i + 1]);
    if (u[i] == U'口'
            ? before && after
            : (u[i] == 'O' || u[i] == 'o' || u[i] == 'D' || u[i] == U'○' || u[i] == U'零') &&
                  (before || after))
      u[i] = U'〇';
  }
  // A photographed 〇 read as two glyphs (二O〇二四, 二DO二四): a year of five
  // numerals, which no year is, with 〇 twice side by side is one 〇.
  for (size_t i = 0; i + 5 < u.size(); ++i) {
    const std::u32string_view year = std::u32string_view(u).substr(i, 5);
    if ((i > 0 && IsChineseDigitChar(u[i - 1])) || u[i + 5] != U'年' ||
        !std::all_of(year.begin(), year.end(), IsChineseDigitChar) ||
        year.find(U"〇〇") == std::u32string_view::npos)
      continue;
    u.erase(i + year.find(U"〇〇"), 1);
    break;
  }
  struct Run {
    size_t begin, end;
  };
  std::vector<Run> runs;
  for (size_t i = 0; i < u.size();) {
    if (!internal::IsNumeralChar(u[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    // ASCII and Chinese numerals do not mix within one part of a date.
    const bool ascii = IsAsciiDigit(u[i]);
    while (j < u.size() && internal::IsNumeralChar(u[j]) && IsAsciiDigit(u[j]) == ascii) ++j;
    runs.push_back({i, j});
    i = j;
  }
  auto part = [&](size_t k) {
    return std::u32string_view(u).substr(runs[k].begin, runs[k].end - runs[k].begin);
  };
  auto between = [&](size_t k) {  // the text after run k, up to the next run
    size_t end = k + 1 < runs.size() ? runs[k + 1].begin : u.size();
    return std::u32string_view(u).substr(runs[k].end, end - runs[k].end);
  };
  // A date closed by its 日 ends there: a numeral after it that makes no
  // date (a seal's stroke read as 一) is another text; a second date (至
  // 2024年6月28日) makes a range, which is no one date.
  if (runs.size() > 3 && between(0) == U"年" && between(1) == U"月" && !between(2).empty() &&
      IsDayMark(between(2)[0]) &&
      std::u32string_view(u).substr(runs[2].end).find_first_of(U"年月至到~～") ==
          std::u32string_view::npos)
    runs.resize(3);
  // A rule's stroke before the year read as a 1 (12024年06月26日 on a
  // photo): no year has five digits, and without the 1 it is a year.
  if (!runs.empty() && part(0).size() == 5 && part(0)[0] == U'1' &&
      (part(0)[1] == U'2' || part(0)[1] == U'1') && !between(0).empty() && between(0)[0] == U'年')
    ++runs[0].begin;
  std::optional<int> y, m, d;
  if (runs.size() == 1 && part(0).size() == 8 &&
      std::all_of(part(0).begin(), part(0).end(), IsAsciiDigit)) {
    std::u32string_view p = part(0);  // 20240616
    y = DatePart(p.substr(0, 4), true);
    m = DatePart(p.substr(4, 2), false);
    d = DatePart(p.substr(6, 2), false);
  } else if (runs.size() == 3) {
    std::u32string_view s1 = between(0), s2 = between(1), s3 = between(2);
    // 年 or 月 with a speck read after it (2024年.06月24日, 2024年06月:16日
    // on photos).
    auto unit_mark = [](std::u32string_view s, char32_t unit) {
      return !s.empty() && s[0] == unit && std::all_of(s.begin() + 1, s.end(), [](char32_t c) {
        return std::u32string_view(U".,，、'`·:：").find(c) != std::u32string_view::npos;
      });
    };
    const bool chinese =
        unit_mark(s1, U'年') && unit_mark(s2, U'月') && (s3.empty() || IsDayMark(s3[0]));
    // The separators alike, or one read for another (2024.06-19: OCR takes
    // a point for a dash); after the day, nothing but its mark and what a
    // smudge made of a point (2024.06-20.ci).
    auto separator = [](std::u32string_view s) {
      return s.size() == 1 && (s == U"." || s == U"/" || s == U"-" || IsDash(s[0]));
    };
    // Or one of them a speck's mark where a point or a dash stood
    // (2024-06<18 on a photo), beside one that is a separator.
    auto speck = [](std::u32string_view s) {
      return s.size() == 1 &&
             std::u32string_view(U"<>,，、_~`'").find(s[0]) != std::u32string_view::npos;
    };
    const bool punct =
        ((separator(s1) && separator(s2) && (s1 == s2 || (s1 != U"/" && s2 != U"/"))) ||
         (separator(s1) && s1 != U"/" && speck(s2)) ||
         (speck(s1) && separator(s2) && s2 != U"/")) &&
        (s3.empty() || s3[0] == U'日' || s3[0] == U'.');
    if (!chinese && !punct) return Unreadable("not a date");
    y = DatePart(part(0), true);
    m = DatePart(part(1), false);
    d = DatePart(part(2), false);
  } else if (runs.size() == 2 && between(0) == U"年") {
    return Unreadable("the date has no day");
  } else {
    return Unreadable("not a date");
  }
  if (!y || !m || !d || *y < 1900 || *y > 2100 || *m < 1 || *m > 12 || *d < 1 ||
      *d > DaysIn(*y, *m))
    return Unreadable("not a date of the calendar");
  char buf[32];  // sized for any int, though the checks above bound the values
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", *y, *m, *d);
  return Value(std::string(buf));
}

std::optional<int64_t> ParseChineseNumber(std::string_view s) {
  const std::u32string u = Compact(s);
  if (u.empty()) return std::nullopt;
  auto d = internal::ParseNumeral(u);
  if (!d || !d->IsIntegral()) return std::nullopt;
  return d->ToInteger();
}

std::vector<std::string> TickedItems(std::string_view text, const std::vector<std::string>& items) {
  CheckResult checks = ReadChecks(text, items);
  std::vector<std::string> out;
  for (size_t i = 0; i < items.size(); ++i)
    if (checks.ticked[i]) out.push_back(items[i]);
  return out;
}

}  // namespace dossier::norm
