// Value normalizers: a raw value as written on a form → the spec's normalized
// form (shared/spec/form-fields.md, "Normalization"). Pure functions.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dossier::norm {

// What a raw value turned out to be.
enum class ValueState {
  kValue,         // a normalized value was read
  kDeclaredNone,  // written as 无, 暂无, /, -, —, 空, or blank: the field is absent
  kUnreadable,    // something is written but it is not a value of this type
};

struct Normalized {
  ValueState state = ValueState::kUnreadable;
  nlohmann::json value;  // set when state == kValue: string, integer, number or array
  std::string note;      // why it is unreadable, or what is doubtful about a value, for findings
};

// Field value types of the spec, as named in normalize/data/spec.json.
enum class ValueType {
  kText,
  kFirstListed,
  kCreditCode,
  kUnitType,
  kPerson,
  kPostcode,
  kCity,
  kPhone,
  kMobile,
  kEmail,
  kInteger,
  kWanYuan,
  kArea,
  kCheckboxSet,
  kUrl,
  kDate,
};
std::optional<ValueType> ValueTypeFromName(std::string_view name);
// Free text, read and trimmed as text is (a first-listed value is text too).
inline bool IsTextType(ValueType type) {
  return type == ValueType::kText || type == ValueType::kFirstListed;
}

// Dispatches on the type. Every normalizer first treats "declared none".
Normalized NormalizeValue(ValueType type, std::string_view raw);

// True when the trimmed raw text is one of the spec's "declared none" writings
// or empty.
bool IsDeclaredNone(std::string_view raw);

// Individual normalizers. Each returns kDeclaredNone / kUnreadable as above.
Normalized NormalizeText(std::string_view raw);  // trim, collapse inner runs of space
// A field that declares one thing but where forms list several
// (申报领域：精品旅游、高端装备): the first listed is the one declared.
Normalized NormalizeFirstListed(std::string_view raw);
Normalized NormalizePerson(std::string_view raw);  // trim, remove spaces inside CJK names
Normalized NormalizeCreditCode(
    std::string_view raw);                           // upper case, no spaces; validity NOT required
Normalized NormalizeUnitType(std::string_view raw);  // one of the six types; ticked box wins
Normalized NormalizePostcode(std::string_view raw);  // 6 digits
Normalized NormalizeCity(std::string_view raw);      // one of the 16 cities, without 市
Normalized NormalizePhone(std::string_view raw);     // "0531-51788246"
Normalized NormalizeMobile(std::string_view raw);    // 11 digits starting with 1
Normalized NormalizeEmail(std::string_view raw);     // lower-cased
Normalized NormalizeInteger(
    std::string_view raw);  // 2500人, 2,500 人, 0.25万人, 二千五百, ２５００
Normalized NormalizeWanYuan(std::string_view raw);      // decimal in 万元; 35000元 → 3.5
Normalized NormalizeArea(std::string_view raw);         // decimal in m²; ㎡ m² m2 平方米
Normalized NormalizeCheckboxSet(std::string_view raw);  // ticked items of the management rules
Normalized NormalizeUrl(std::string_view raw);          // trimmed, scheme and host lower-cased
Normalized NormalizeDate(std::string_view raw);         // "YYYY-MM-DD"

// The items of a list written with 、，；or / (精品旅游、高端装备), each
// normalized as text; the whole text as its one item when it is no such list.
std::vector<std::string> ListedItems(std::string_view raw);

// Finds the city among the 16 in free text (an address); nullopt if none or
// more than one different city is named.
std::optional<std::string> CityFromAddress(std::string_view address);

// Parses a Chinese numeral (二千五百, 两千, 一万二千, 〇) or returns nullopt.
std::optional<int64_t> ParseChineseNumber(std::string_view s);

// The ticked items among `items` in text with box glyphs: ☑ ■ √ ✓ ✔ [x] [X]
// before (or, for √/✓, right after) an item mark it ticked; □ ☐ [ ] unticked.
std::vector<std::string> TickedItems(std::string_view text, const std::vector<std::string>& items);

}  // namespace dossier::norm
