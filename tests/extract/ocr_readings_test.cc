// Two OCR readings of one cell combined: what a reviewer sees is each
// character once, from the reading that was surer of it.
#include "ocr_readings.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace dossier::extract_internal {
namespace {

std::string Text(const std::vector<OcrWord>& words) {
  std::string out;
  for (const OcrWord& w : words) out += w.text;
  return out;
}

TEST(OcrReadings, ACharacterBothReadingsSawWhereTheyMeetIsKeptOnce) {
  // 24 pixels a character; the two readings split the line into words
  // differently, and both saw the 市 at x 48-72. One character's overlap is
  // less than a stretch needs, so each word is a stretch of its own.
  const std::vector<OcrWord> first = {{"临沂市", 0, 0, 72, 24, 0.95}};
  const std::vector<OcrWord> second = {{"市郯城县", 48, 0, 144, 24, 0.95}};
  std::vector<OcrWord> combined = CombineAlongLine(first, second);
  EXPECT_EQ(Text(combined), "临沂市郯城县");
}

TEST(OcrReadings, TwoReadingsThatAgreeOutvoteTheCombination) {
  // Dev seed 132's 汇智人民: the binary image read 智 as 和, its boxes some
  // pixels left of the gray's; combined place by place, 和 and 智 both stood.
  const std::vector<std::vector<OcrWord>> readings = {{{"汇", 747, 0, 767, 24, 0.92},
                                                       {"和", 767, 0, 787, 24, 0.93},
                                                       {"人", 789, 0, 827, 24, 0.17},
                                                       {"民", 827, 0, 857, 24, 0.92}},
                                                      {{"汇", 760, 0, 781, 24, 0.89},
                                                       {"智", 789, 0, 807, 24, 0.92},
                                                       {"人", 807, 0, 829, 24, 0.93},
                                                       {"民", 829, 0, 849, 24, 0.93}},
                                                      {{"汇", 759, 0, 783, 24, 0.90},
                                                       {"智人", 789, 0, 829, 24, 0.91},
                                                       {"民", 829, 0, 849, 24, 0.93}}};
  EXPECT_EQ(Text(CombineAlongLine(CombineAlongLine(readings[0], readings[1]), readings[2])),
            "汇和智人民");
  const std::vector<OcrWord>* agreed = AgreedReading(readings);
  ASSERT_NE(agreed, nullptr);
  EXPECT_EQ(Text(*agreed), "汇智人民");
  EXPECT_EQ(agreed, &readings[1]) << "the more confident of the two";
  // No two alike, or alike only in noise read with little confidence: none.
  EXPECT_EQ(AgreedReading({readings[0], readings[1]}), nullptr);
  const std::vector<OcrWord> noise = {{"口", 0, 0, 24, 24, 0.2}};
  EXPECT_EQ(AgreedReading({noise, noise, readings[0]}), nullptr);
}

TEST(OcrReadings, ACharacterWrittenTwiceSideBySideStays) {
  // 济南市市中区: the district's own 市, beside the city's, not over it.
  std::vector<OcrWord> first = {{"济南市", 0, 0, 72, 24, 0.95}};
  std::vector<OcrWord> second = {{"市中区", 72, 0, 144, 24, 0.95}};
  EXPECT_EQ(Text(CombineAlongLine(first, second)), "济南市市中区");
}

std::string Text(const std::vector<LayoutWord>& words) {
  std::string out;
  for (const LayoutWord& w : words) out += w.text;
  return out;
}

TEST(OcrReadings, ACharacterReadAsItsTwoHalvesIsOneCharacter) {
  // From a 200 dpi scan: 学会会继续, the two 会 each half a character wide,
  // touching.
  std::vector<LayoutWord> words = {{"学", {218.7, 103.0, 232.1, 112.8}, 0.96, {}},
                                   {"会", {230.9, 103.0, 236.7, 112.4}, 0.95, {}},
                                   {"会", {237.4, 103.7, 243.2, 112.3}, 0.97, {}},
                                   {"继续", {241.7, 102.4, 265.2, 112.7}, 0.91, {}}};
  JoinCharactersReadAsTheirHalves(&words);
  EXPECT_EQ(Text(words), "学会继续");
  ASSERT_EQ(words.size(), 3u);
  EXPECT_DOUBLE_EQ(words[1].bbox.x0, 230.9);
  EXPECT_DOUBLE_EQ(words[1].bbox.x1, 243.2);
  EXPECT_DOUBLE_EQ(words[1].confidence, 0.97);
}

TEST(OcrReadings, ASliverOfACharacterReadAgainBesideItIsOneCharacter) {
  // From a 300 dpi scan: 综合楼楼923室, a whole 楼, then a sliver of it read
  // as 楼 again.
  std::vector<LayoutWord> floor = {{"综合", {391, 223, 417, 234}, 0.97, {}},
                                   {"楼", {415, 223, 424, 233}, 0.96, {}},
                                   {"楼", {423, 224, 427, 232}, 0.96, {}},
                                   {"923", {426, 223, 441, 232}, 0.93, {}}};
  JoinCharactersReadAsTheirHalves(&floor);
  EXPECT_EQ(Text(floor), "综合楼923");
  ASSERT_EQ(floor.size(), 3u);
  EXPECT_DOUBLE_EQ(floor[1].bbox.x1, 427);
  // A sliver beside a narrow piece, a little apart, stays: it may be
  // another character misread (禹 as the 市 before it).
  std::vector<LayoutWord> city = {{"市", {232, 294, 237, 303.5}, 0.93, {}},
                                  {"市", {239.2, 294, 243, 303.5}, 0.97, {}}};
  JoinCharactersReadAsTheirHalves(&city);
  EXPECT_EQ(Text(city), "市市");
}

TEST(OcrReadings, ACharacterWrittenTwiceStaysTwice) {
  // 市市 of 济南市市中区, each a full character wide; 日日, narrow
  // characters a side bearing apart.
  std::vector<LayoutWord> district = {{"市", {48, 0, 70, 24}, 0.9, {}},
                                      {"市", {73, 0, 95, 24}, 0.9, {}}};
  JoinCharactersReadAsTheirHalves(&district);
  EXPECT_EQ(Text(district), "市市");
  std::vector<LayoutWord> daily = {{"日", {0, 2, 14, 24}, 0.9, {}},
                                   {"日", {19, 2, 33, 24}, 0.9, {}}};
  JoinCharactersReadAsTheirHalves(&daily);
  EXPECT_EQ(Text(daily), "日日");
}

TEST(OcrReadings, AReadingThatSawNothingLosesOnlyToOneReadWithSomeConfidence) {
  const std::vector<OcrWord> nothing;
  EXPECT_EQ(Text(Better(nothing, {{"兼职师资", 0, 0, 96, 24, 0.9}})), "兼职师资");
  EXPECT_EQ(Text(Better(nothing, {{"二", 0, 0, 24, 24, 0.3}})), "");
  EXPECT_EQ(Text(Better({{"二", 0, 0, 24, 24, 0.3}}, nothing)), "二");
}

// A photo's cell read from its strokes' cores (development seed 54): the
// strokes ran together and Tesseract read one 和, unsure, over the width of
// thirteen characters. It is no reading of them; the other reading's
// characters stay, its doubtful ones included.
TEST(OcrReadings, OneCharacterSmearedOverALineReadsNothing) {
  const std::vector<OcrWord> characters = {{"淄", 0, 0, 24, 24, 0.63},
                                           {"博", 26, 0, 50, 24, 0.44},
                                           {"鼎泰", 52, 0, 100, 24, 0.30},
                                           {"职业技能培训有限公司", 102, 0, 342, 24, 0.93}};
  const std::vector<OcrWord> smear = {{"和", 4, 1, 300, 24, 0.0}};
  EXPECT_EQ(Text(CombineAlongLine(characters, smear)), "淄博鼎泰职业技能培训有限公司");
  EXPECT_EQ(Text(CombineAlongLine(smear, characters)), "淄博鼎泰职业技能培训有限公司");
  EXPECT_EQ(Text(Better(characters, smear)), "淄博鼎泰职业技能培训有限公司");
  // A wide word of many letters is as wide as its letters: no smear.
  const std::vector<OcrWord> address = {{"hxpnd@sina.com", 0, 0, 200, 24, 0.9}};
  EXPECT_EQ(Text(CombineAlongLine(address, {{"hxpnd@sina.corn", 0, 0, 205, 24, 0.5}})),
            "hxpnd@sina.com");
  // 一 is a flat stroke a character wide, its box far lower than the line.
  const std::vector<OcrWord> numerals = {{"一", 0, 10, 24, 14, 0.9},
                                         {"万四千四百五十五", 26, 0, 218, 24, 0.9}};
  EXPECT_EQ(Text(CombineAlongLine(numerals, {{"万四千四百五十五", 26, 0, 218, 24, 0.9}})),
            "一万四千四百五十五");
}

// Latin letters shaped like digits in a number's place (a phone photo of
// development seed 59 read 25602册 as BO2|, seed 53 read 48人 as 4B人): the
// cell states a number, to be read again. An 18-character code ending in B
// or G as it stands, and a word, are not.
TEST(OcrReadings, DigitShapedLettersInAShortNumberMakeItAQuantity) {
  EXPECT_TRUE(IsQuantity({{"BO2|", 0, 0, 70, 28, 0.83}}));
  EXPECT_TRUE(IsQuantity({{"4B人", 0, 0, 40, 20, 0.83}}));
  EXPECT_FALSE(IsQuantity({{"12370100480858427G", 0, 0, 300, 20, 0.9}}));
  EXPECT_FALSE(IsQuantity({{"Gtysmr@126.COM", 0, 0, 200, 20, 0.9}}));
  EXPECT_FALSE(IsQuantity({{"BSG", 0, 0, 60, 20, 0.9}})) << "no digit at all";
}

// A full-width １ read as 工 in 184万元 (a scan of development seed 35): the
// cell still states a number, to be read again, and the digits' words, with
// the place of the 工 an unknown digit, are what the digit-only reading
// must fill.
TEST(OcrReadings, AGlyphReadInADigitsPlaceMakesAnUnknownDigit) {
  const std::vector<OcrWord> read = {{".", 0, 20, 4, 24, 0.67},     {"工", 10, 0, 34, 24, 0.42},
                                     {"8", 40, 0, 64, 24, 0.92},    {"4", 70, 0, 94, 24, 0.95},
                                     {"万", 100, 0, 124, 24, 0.91}, {"元", 130, 0, 154, 24, 0.97}};
  EXPECT_TRUE(IsQuantity(read)) << "工 counts for neither digits nor words";
  std::optional<DigitRun> run = LookalikeDigitRun(read);
  ASSERT_TRUE(run);
  EXPECT_EQ(run->pattern, "?84");
  EXPECT_EQ(run->first, 0u);
  EXPECT_EQ(run->end, 4u);
  EXPECT_EQ(run->x1, 94) << "the run ends before 万元";
  EXPECT_TRUE(DigitsFitLookalikes("?84", "184"));
  EXPECT_TRUE(DigitsFitLookalikes("?84", "84")) << "the glyph may be no digit at all";
  EXPECT_FALSE(DigitsFitLookalikes("?84", "134")) << "a digit both read stays as read";
  EXPECT_FALSE(DigitsFitLookalikes("?84", "1184"));
  EXPECT_TRUE(DigitsFitLookalikes("7?", "77"));
}

TEST(OcrReadings, ALookalikeAwayFromDigitsIsNoDigit) {
  // 口 in a street name, 〇 in a date written in characters: no digit's place.
  EXPECT_FALSE(LookalikeDigitRun({{"人民路口", 0, 0, 96, 24, 0.9}, {"18", 100, 0, 124, 24, 0.9}}));
  EXPECT_EQ(DigitPattern({{"二〇二四年", 0, 0, 120, 24, 0.9}}), "");
  EXPECT_FALSE(LookalikeDigitRun({{"7100", 0, 0, 96, 24, 0.9}, {"人", 100, 0, 124, 24, 0.9}}));
}

}  // namespace
}  // namespace dossier::extract_internal
