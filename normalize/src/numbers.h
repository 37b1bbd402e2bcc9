// Private to normalize/: exact decimal quantities read from how numbers are
// written on forms (Arabic, full-width, Chinese and financial numerals, with
// 十百千万亿 multipliers and thousands separators).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dossier::norm::internal {

// value = mantissa / 10^scale. Exact, so 0.25万 is 2500 and not 2499.9999.
struct Decimal {
  int64_t mantissa = 0;
  int scale = 0;

  // Trailing zeros of the fraction removed; 2500.00 → {2500, 0}.
  Decimal Reduced() const;
  bool IsIntegral() const { return Reduced().scale == 0; }
  // REQUIRES: IsIntegral().
  int64_t ToInteger() const;
  double ToDouble() const;
  // Rounded half away from zero to at most `digits` fraction digits.
  Decimal Rounded(int digits) const;
  // Divides by 10^power exactly (only the scale changes).
  Decimal DividedByPowerOfTen(int power) const { return {mantissa, scale + power}; }
  bool operator==(const Decimal& other) const;
};

// One number found in a text.
struct NumberRun {
  Decimal value;
  size_t begin = 0;  // code point offsets in the text given to FindNumbers
  size_t end = 0;
  bool has_big_multiplier = false;  // 万 or 亿 applied to a digit: an amount in 元
  bool chinese = false;             // written with Chinese numerals
};

// The numbers written in `text` (code points, already folded to half width
// and without spaces). Commas between a digit and exactly three digits are
// thousands separators. A lone multiplier (the 万 of a separate "万元" unit)
// is not a number. A run that cannot be read as a number yields nullopt for
// the whole text, so garbage never passes for a value.
std::optional<std::vector<NumberRun>> FindNumbers(std::u32string_view text);

// Parses a whole run of numeral characters (Arabic digits, '.', Chinese and
// financial digits, multipliers). "二〇二四" is read digit by digit.
std::optional<Decimal> ParseNumeral(std::u32string_view run, bool* has_big_multiplier = nullptr);

// True for characters FindNumbers treats as part of a numeral.
bool IsNumeralChar(char32_t cp);

}  // namespace dossier::norm::internal
