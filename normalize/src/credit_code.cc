#include "dossier/normalize/credit_code.h"

#include <array>

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

}  // namespace

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
