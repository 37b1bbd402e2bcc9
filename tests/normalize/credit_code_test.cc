// GB 32100-2015 check character. The valid codes below were computed with an
// independent implementation of the standard's algorithm (alphabet
// 0-9 A-H J-N P-R T U W-Y, weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28).
#include "dossier/normalize/credit_code.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "dossier/normalize/values.h"

namespace dossier::norm {
namespace {

const std::vector<std::string> kValidCodes = {
    "91370000163044712R", "12370000495570419F", "91370100MA3C5T2X4N", "52370000MA3MXY01AT",
    "11100000000013127D", "91110000600037341L", "91370102MA3N0QWE8Q", "91370000MA3P1AB2CB",
    "913701000000000020",  // check value 31 becomes 0
    "91370200000000000Y",  // the last character of the alphabet
};

TEST(CreditCode, ValidCodesPass) {
  for (const std::string& code : kValidCodes) {
    SCOPED_TRACE(code);
    EXPECT_TRUE(IsValidCreditCode(code));
    EXPECT_EQ(CreditCodeCheckChar(code.substr(0, 17)), code[17]);
  }
}

TEST(CreditCode, EveryOtherCheckCharacterFails) {
  const std::string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  for (const std::string& code : kValidCodes) {
    for (char c : alphabet) {
      if (c == code[17]) continue;
      std::string wrong = code.substr(0, 17) + c;
      SCOPED_TRACE(wrong);
      EXPECT_FALSE(IsValidCreditCode(wrong));
    }
  }
}

TEST(CreditCode, ATypoInTheBodyFails) {
  // One changed character moves the weighted sum by a non-multiple of 31.
  EXPECT_FALSE(IsValidCreditCode("91370000163044713R"));
  EXPECT_FALSE(IsValidCreditCode("91370001163044712R"));
  EXPECT_FALSE(IsValidCreditCode("19370000163044712R"));  // swapped first two
}

TEST(CreditCode, WrongLengthFails) {
  for (const std::string code : {"", "91370000163044712", "91370000163044712R0",
                                 "9137000016304471R", "91370000163044712RR"}) {
    SCOPED_TRACE(code);
    EXPECT_FALSE(IsValidCreditCode(code));
  }
  EXPECT_FALSE(CreditCodeCheckChar("9137000016304471").has_value());
}

TEST(CreditCode, ForbiddenLettersFail) {
  for (char forbidden : {'I', 'O', 'S', 'V', 'Z'}) {
    SCOPED_TRACE(std::string(1, forbidden));
    std::string body = "91370100MA3C5T2X4";
    body[10] = forbidden;
    EXPECT_FALSE(CreditCodeCheckChar(body).has_value());
    for (char check : std::string("0123456789ABCDEFGHJKLMNPQRTUWXY"))
      EXPECT_FALSE(IsValidCreditCode(body + check));
    // As the check character.
    EXPECT_FALSE(IsValidCreditCode(std::string("91370000163044712") + forbidden));
  }
}

TEST(CreditCode, LowerCaseIsNotTheCodeButNormalizingFixesIt) {
  EXPECT_FALSE(IsValidCreditCode("91370100ma3c5t2x4n"));
  Normalized n = NormalizeCreditCode(" 91370100 ma3c-5t2x 4n ");
  ASSERT_EQ(n.state, ValueState::kValue);
  EXPECT_TRUE(IsValidCreditCode(n.value.get<std::string>()));
}

TEST(CreditCode, OcrMisreadingsAreRepairedOnlyWhenTheCheckCharacterAgrees) {
  // J read as "]" with a border's "|" before it; O read for 0; stray marks.
  EXPECT_EQ(RepairOcrCreditCode("91370203MA3F8T1R6|]"), "91370203MA3F8T1R6J");
  EXPECT_EQ(RepairOcrCreditCode("12370600MBOP446209"), "12370600MB0P446209");
  EXPECT_EQ(RepairOcrCreditCode("91370306MA3N6K8T95  =  ="), "91370306MA3N6K8T95");
  EXPECT_EQ(RepairOcrCreditCode("91370705MA3Q2WX63])"), "91370705MA3Q2WX63J");
  EXPECT_EQ(RepairOcrCreditCode("91370705MA3Q2WX63|"), "91370705MA3Q2WX63J");
  EXPECT_EQ(RepairOcrCreditCode("51370100MID062749N"), "51370100MJD062749N");
  // Characters of the code's alphabet are never changed: a wrong code stays wrong.
  EXPECT_EQ(RepairOcrCreditCode("91370203MA3F8T1R6K"), std::nullopt);
  // Not a code with marks but a sentence holding one.
  EXPECT_EQ(RepairOcrCreditCode("统一社会信用代码为91370203MA3F8T1R6J的单位"), std::nullopt);
  EXPECT_EQ(RepairOcrCreditCode(""), std::nullopt);
}

TEST(CreditCode, NotAlphabetCharactersFail) {
  EXPECT_FALSE(IsValidCreditCode("91370000-63044712R"));
  EXPECT_FALSE(IsValidCreditCode("91370000 163044712"));
  EXPECT_FALSE(IsValidCreditCode("９１３７００００１６３０４４７１２Ｒ"));
}

}  // namespace
}  // namespace dossier::norm
