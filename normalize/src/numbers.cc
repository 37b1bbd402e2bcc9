#include "numbers.h"

#include <cstdio>
#include <cstdlib>

namespace dossier::norm::internal {
namespace {

// Mantissas stay below 10^18 so every operation fits in __int128 and back.
constexpr __int128 kMantissaLimit = static_cast<__int128>(1000000000000000000LL);
constexpr int kMaxScale = 12;

__int128 Pow10(int n) {
  __int128 p = 1;
  for (int i = 0; i < n; ++i) p *= 10;
  return p;
}

std::optional<Decimal> Make(__int128 mantissa, int scale) {
  if (mantissa >= kMantissaLimit || mantissa <= -kMantissaLimit) return std::nullopt;
  return Decimal{static_cast<int64_t>(mantissa), scale};
}

std::optional<Decimal> Add(const Decimal& a, const Decimal& b) {
  int scale = a.scale > b.scale ? a.scale : b.scale;
  __int128 m = static_cast<__int128>(a.mantissa) * Pow10(scale - a.scale) +
               static_cast<__int128>(b.mantissa) * Pow10(scale - b.scale);
  return Make(m, scale);
}

std::optional<Decimal> Times(const Decimal& a, int64_t factor) {
  return Make(static_cast<__int128>(a.mantissa) * factor, a.scale);
}

bool IsAsciiDigit(char32_t cp) { return cp >= '0' && cp <= '9'; }

// -1 when cp is not a Chinese or financial digit.
int ChineseDigit(char32_t cp) {
  switch (cp) {
    case U'〇':
    case U'零':
      return 0;
    case U'一':
    case U'壹':
      return 1;
    case U'二':
    case U'贰':
    case U'貳':
    case U'两':
    case U'兩':
      return 2;
    case U'三':
    case U'叁':
    case U'參':
      return 3;
    case U'四':
    case U'肆':
      return 4;
    case U'五':
    case U'伍':
      return 5;
    case U'六':
    case U'陆':
    case U'陸':
      return 6;
    case U'七':
    case U'柒':
      return 7;
    case U'八':
    case U'捌':
      return 8;
    case U'九':
    case U'玖':
      return 9;
    default:
      return -1;
  }
}

// 0 when cp is not a multiplier.
int64_t Multiplier(char32_t cp) {
  switch (cp) {
    case U'十':
    case U'拾':
      return 10;
    case U'百':
    case U'佰':
      return 100;
    case U'千':
    case U'仟':
      return 1000;
    case U'万':
    case U'萬':
      return 10000;
    case U'亿':
    case U'億':
      return 100000000;
    default:
      return 0;
  }
}

struct Element {
  enum Kind { kNumber, kMultiplier } kind;
  Decimal value;        // kNumber
  bool arabic = false;  // kNumber
  int64_t multiplier = 0;
};

std::optional<std::vector<Element>> Tokenize(std::u32string_view run) {
  std::vector<Element> out;
  size_t i = 0;
  while (i < run.size()) {
    char32_t cp = run[i];
    if (IsAsciiDigit(cp)) {
      __int128 m = 0;
      int scale = 0;
      bool seen_point = false;
      for (; i < run.size(); ++i) {
        if (IsAsciiDigit(run[i])) {
          m = m * 10 + (run[i] - '0');
          if (seen_point) ++scale;
          if (m >= kMantissaLimit || scale > kMaxScale) return std::nullopt;
        } else if (run[i] == '.' && !seen_point && i + 1 < run.size() && IsAsciiDigit(run[i + 1])) {
          seen_point = true;
        } else {
          break;
        }
      }
      out.push_back({Element::kNumber, {static_cast<int64_t>(m), scale}, true, 0});
    } else if (int d = ChineseDigit(cp); d >= 0) {
      out.push_back({Element::kNumber, {d, 0}, false, 0});
      ++i;
    } else if (int64_t mult = Multiplier(cp); mult > 0) {
      out.push_back({Element::kMultiplier, {}, false, mult});
      ++i;
    } else {
      return std::nullopt;
    }
  }
  return out;
}

}  // namespace

Decimal Decimal::Reduced() const {
  Decimal d = *this;
  while (d.scale > 0 && d.mantissa % 10 == 0) {
    d.mantissa /= 10;
    --d.scale;
  }
  return d;
}

int64_t Decimal::ToInteger() const {
  Decimal d = Reduced();
  return d.mantissa;
}

double Decimal::ToDouble() const {
  // Through text so the double is the nearest one to the decimal (3.5, 1.2345).
  char buf[64];
  std::snprintf(buf, sizeof buf, "%llde-%d", static_cast<long long>(mantissa), scale);
  return std::strtod(buf, nullptr);
}

Decimal Decimal::Rounded(int digits) const {
  if (scale <= digits) return *this;
  __int128 div = Pow10(scale - digits);
  __int128 m = mantissa;
  __int128 q = m / div;
  __int128 r = m % div;
  if (r < 0) r = -r;
  if (2 * r >= div) q += (m < 0 ? -1 : 1);
  return Decimal{static_cast<int64_t>(q), digits}.Reduced();
}

bool Decimal::operator==(const Decimal& other) const {
  Decimal a = Reduced(), b = other.Reduced();
  return a.mantissa == b.mantissa && a.scale == b.scale;
}

bool IsNumeralChar(char32_t cp) {
  return IsAsciiDigit(cp) || ChineseDigit(cp) >= 0 || Multiplier(cp) > 0;
}

std::optional<Decimal> ParseNumeral(std::u32string_view run, bool* has_big_multiplier) {
  if (has_big_multiplier) *has_big_multiplier = false;
  auto elements = Tokenize(run);
  if (!elements || elements->empty()) return std::nullopt;

  // Digits only (二〇二四, 一五): positional, as years are written.
  bool all_chinese_digits = true;
  for (const Element& e : *elements)
    if (e.kind != Element::kNumber || e.arabic) all_chinese_digits = false;
  if (all_chinese_digits) {
    __int128 m = 0;
    for (const Element& e : *elements) {
      m = m * 10 + e.value.mantissa;
      if (m >= kMantissaLimit) return std::nullopt;
    }
    return Decimal{static_cast<int64_t>(m), 0};
  }

  Decimal yi, wan, section;
  // A plain flag rather than std::optional: GCC's -O2 flow analysis reports
  // an optional<Decimal> here as maybe-uninitialized.
  Decimal current;
  bool has_current = false;
  bool current_chinese = false;
  bool zero_since_multiplier = false;
  int64_t last_multiplier = 0;
  for (const Element& e : *elements) {
    if (e.kind == Element::kNumber) {
      if (has_current) return std::nullopt;  // "2五", "一二十": not one number
      if (!e.arabic && e.value.mantissa == 0) {
        zero_since_multiplier = true;  // the 零 of 二千零五 only holds a place
        continue;
      }
      current = e.value;
      has_current = true;
      current_chinese = !e.arabic;
      continue;
    }
    const int64_t m = e.multiplier;
    if (m < 10000) {
      Decimal base;
      if (has_current)
        base = current;
      else if (m == 10)
        base = Decimal{1, 0};  // 十二 = 12
      else
        return std::nullopt;  // 百 or 千 with nothing before it
      auto scaled = Times(base, m);
      if (!scaled) return std::nullopt;
      auto sum = Add(section, *scaled);
      if (!sum) return std::nullopt;
      section = *sum;
    } else {
      auto v = Add(section, has_current ? current : Decimal{});
      if (!v) return std::nullopt;
      if (m == 10000) {
        // "0万" is zero; a 万 with nothing before it, or a second 万 section
        // without a 亿 between ("二十四万四千万"), is no number.
        if ((v->mantissa == 0 && !has_current) || wan.mantissa != 0) return std::nullopt;
        auto scaled = Times(*v, m);
        auto sum = scaled ? Add(wan, *scaled) : std::nullopt;
        if (!sum) return std::nullopt;
        wan = *sum;
      } else {
        auto w = Add(*v, wan);
        auto y = w ? Add(yi, *w) : std::nullopt;
        auto scaled = y ? Times(*y, m) : std::nullopt;
        if (!scaled || scaled->mantissa == 0) return std::nullopt;
        yi = *scaled;
        wan = Decimal{};
      }
      section = Decimal{};
      if (has_big_multiplier) *has_big_multiplier = true;
    }
    has_current = false;
    last_multiplier = m;
    zero_since_multiplier = false;
  }
  if (has_current) {
    // 一万二 = 12000, 三百五 = 350: a bare trailing digit counts in the unit
    // below the last multiplier (not after 十, and not after a 零).
    if (current_chinese && !zero_since_multiplier && last_multiplier >= 100) {
      auto scaled = Times(current, last_multiplier / 10);
      if (!scaled) return std::nullopt;
      current = *scaled;
    }
  }
  auto total = Add(yi, wan);
  if (total) total = Add(*total, section);
  if (total && has_current) total = Add(*total, current);
  return total;
}

std::optional<std::vector<NumberRun>> FindNumbers(std::u32string_view text) {
  std::vector<NumberRun> runs;
  size_t i = 0;
  while (i < text.size()) {
    if (!IsNumeralChar(text[i])) {
      ++i;
      continue;
    }
    size_t begin = i;
    std::u32string run;
    while (i < text.size()) {
      char32_t cp = text[i];
      if (IsNumeralChar(cp)) {
        run.push_back(cp);
        ++i;
      } else if (cp == '.' && !run.empty() && IsAsciiDigit(run.back()) && i + 1 < text.size() &&
                 IsAsciiDigit(text[i + 1])) {
        run.push_back(cp);
        ++i;
      } else if (cp == ',' && !run.empty() && IsAsciiDigit(run.back()) && i + 3 < text.size() &&
                 IsAsciiDigit(text[i + 1]) && IsAsciiDigit(text[i + 2]) &&
                 IsAsciiDigit(text[i + 3]) &&
                 (i + 4 >= text.size() || !IsAsciiDigit(text[i + 4]))) {
        ++i;  // thousands separator: 2,500 and 1,200,000
      } else {
        break;
      }
    }
    bool has_digit = false;
    for (char32_t cp : run)
      if (IsAsciiDigit(cp) || ChineseDigit(cp) >= 0 || Multiplier(cp) == 10) has_digit = true;
    if (!has_digit) continue;  // the 万 of a separate "万元" unit, the 千 of 千瓦

    NumberRun nr;
    nr.begin = begin;
    nr.end = i;
    for (char32_t cp : run)
      if (!IsAsciiDigit(cp) && cp != '.') nr.chinese = true;
    auto value = ParseNumeral(run, &nr.has_big_multiplier);
    if (!value) return std::nullopt;
    nr.value = *value;
    runs.push_back(nr);
  }
  return runs;
}

}  // namespace dossier::norm::internal
