// PrefixLabelKeys (label_text.h) is the key ReadLabelsWithoutColon takes of
// every prefix of a piece; it must be exactly LabelKey(CleanLabel(...)), or
// labels would be found where they were not before, or missed.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "dossier/common/text.h"
#include "dossier/normalize/spec.h"
#include "label_text.h"
#include "support/test_seed.h"

namespace dossier::norm {
namespace {

std::string SlowKey(const std::u32string& text) { return LabelKey(CleanLabel(text::ToUtf8(text))); }

// As ReadLabelsWithoutColon calls it: one code point at a time, full-width
// ASCII folded, spaces left out; the key of the whole text.
std::string FastKey(const std::u32string& text) {
  PrefixLabelKeys keys;
  keys.Clear();
  std::string key;
  for (char32_t c : text)
    if (!text::IsSpace(c)) key = keys.Append(text::FullWidthToAscii(c));
  return key;
}

// Every prefix's key, as the text grows, against the slow key of that prefix.
void ExpectEveryPrefix(PrefixLabelKeys& keys, const std::u32string& text) {
  keys.Clear();
  for (size_t n = 1; n <= text.size(); ++n) {
    const std::string fast(keys.Append(text::FullWidthToAscii(text[n - 1])));
    ASSERT_EQ(fast, SlowKey(text.substr(0, n))) << text::ToUtf8(text.substr(0, n));
  }
}

TEST(PrefixLabelKeys, TheSpecsLabelsAsWritten) {
  int checked = 0;
  PrefixLabelKeys keys;
  for (const FieldSpec& field : TheSpec().fields) {
    for (const std::string& label : field.labels) {
      std::u32string spaceless;
      for (char32_t c : text::ToU32(label))
        if (!text::IsSpace(c)) spaceless.push_back(c);
      ExpectEveryPrefix(keys, spaceless);
      checked += static_cast<int>(spaceless.size());
    }
  }
  EXPECT_GT(checked, 100);
}

TEST(PrefixLabelKeys, MarksEnumeratorsBracketsColonsAndFullWidth) {
  PrefixLabelKeys keys;
  for (const char32_t* s : {U"※*单位名称（盖章）：", U"（二）经费（万元）（间）:", U"12、ＡＢＣ：",
                            U"①法定代表人＊", U"2024.6", U"(3)Email:", U"（万元）", U"一、", U"***",
                            U"经费(万元", U"联系电话）：", U"1.5x", U"(2)ABC)"}) {
    EXPECT_EQ(FastKey(s), SlowKey(s)) << text::ToUtf8(s);
    ExpectEveryPrefix(keys, s);
  }
  EXPECT_EQ(FastKey(U"※（二）年度继续教育经费（万元）："), "年度继续教育经费");
}

TEST(PrefixLabelKeys, RandomTextsOfTheCharactersThatMatter) {
  const std::u32string alphabet =
      U"单位名称经费万元一二三十0123456789０１２ABCabcＡｂ*＊※.．、:：()（）【】〔〕[]①⑳-—x";
  std::mt19937_64 rng(::dossier::testing::TestSeed("random label texts"));
  PrefixLabelKeys keys;
  std::uniform_int_distribution<size_t> pick(0, alphabet.size() - 1), length(0, 12);
  for (int i = 0; i < 20000; ++i) {
    std::u32string s;
    for (size_t n = length(rng); n > 0; --n) s.push_back(alphabet[pick(rng)]);
    ASSERT_EQ(FastKey(s), SlowKey(s)) << text::ToUtf8(s);
    // One reader's keys go on from text to text.
    ExpectEveryPrefix(keys, s);
  }
}

}  // namespace
}  // namespace dossier::norm
