#include "dossier/normalize/credit_code.h"

#include <array>
#include <set>
#include <vector>

#include "dossier/common/text.h"

namespace dossier::norm {
namespace {

// GB 32100-2015: the 31 characters (no I O S V Z) and the weights of
// positions 1..17.
constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr std::array<int, 17> kWeights = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                          29, 25, 13, 8,  24, 10, 30, 28};

int ValueOf(char c) {
  size_t pos = kAlphabet.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

// What an OCR'd character can stand for in a code; empty string: nothing
// (a stray mark). Characters of the alphabet stand for themselves only, so
// a repair never changes what was read clearly.
std::vector<std::string> Readings(char32_t c) {
  if (c < 0x80) {
    char a = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    if (ValueOf(a) >= 0) return {std::string(1, a)};
    switch (a) {
      case 'O':
        return {"0"};
      case 'I':
        return {"1", "J"};
      case 'Z':
        return {"2"};
      case 'S':
        return {"5"};
      case 'V':
        return {"Y", "U"};
      case ']':
      case ')':
      case '}':
        return {"J", ""};
      case '|':
      case '!':
        return {"1", "J", ""};
      default:
        return {""};
    }
  }
  return {""};
}

void Expand(const std::vector<std::vector<std::string>>& options, size_t at, std::string& code,
            std::set<std::string>& found, int& budget) {
  if (--budget < 0 || code.size() > 18 || found.size() > 1) return;
  if (at == options.size()) {
    if (IsValidCreditCode(code)) found.insert(code);
    return;
  }
  for (const std::string& option : options[at]) {
    code += option;
    Expand(options, at + 1, code, found, budget);
    code.resize(code.size() - option.size());
  }
}

}  // namespace

std::optional<std::string> RepairOcrCreditCode(std::string_view raw) {
  std::vector<std::vector<std::string>> options;
  for (char32_t c : text::ToU32(text::FullWidthToAscii(raw))) {
    if (text::IsSpace(c) || c == U'-') continue;
    options.push_back(Readings(c));
  }
  // The code with a few stray marks, not a sentence that holds one.
  if (options.size() < 18 || options.size() > 24) return std::nullopt;
  std::set<std::string> found;
  std::string code;
  int budget = 1 << 14;
  Expand(options, 0, code, found, budget);
  if (found.size() != 1 || budget < 0) return std::nullopt;
  return *found.begin();
}

std::optional<char> CreditCodeCheckChar(std::string_view first17) {
  if (first17.size() < 17) return std::nullopt;
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) {
    int v = ValueOf(first17[i]);
    if (v < 0) return std::nullopt;
    sum += v * kWeights[i];
  }
  int check = 31 - sum % 31;
  if (check == 31) check = 0;
  return kAlphabet[check];
}

bool IsValidCreditCode(std::string_view code) {
  if (code.size() != 18 || ValueOf(code[17]) < 0) return false;
  auto check = CreditCodeCheckChar(code.substr(0, 17));
  return check && *check == code[17];
}

}  // namespace dossier::norm
