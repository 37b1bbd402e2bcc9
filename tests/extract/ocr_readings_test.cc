// Two OCR readings of one cell combined: what a reviewer sees is each
// character once, from the reading that was surer of it.
#include "ocr_readings.h"

#include <gtest/gtest.h>

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

TEST(OcrReadings, ACharacterWrittenTwiceSideBySideStays) {
  // 济南市市中区: the district's own 市, beside the city's, not over it.
  std::vector<OcrWord> first = {{"济南市", 0, 0, 72, 24, 0.95}};
  std::vector<OcrWord> second = {{"市中区", 72, 0, 144, 24, 0.95}};
  EXPECT_EQ(Text(CombineAlongLine(first, second)), "济南市市中区");
}

TEST(OcrReadings, AReadingThatSawNothingLosesOnlyToOneReadWithSomeConfidence) {
  const std::vector<OcrWord> nothing;
  EXPECT_EQ(Text(Better(nothing, {{"兼职师资", 0, 0, 96, 24, 0.9}})), "兼职师资");
  EXPECT_EQ(Text(Better(nothing, {{"二", 0, 0, 24, 24, 0.3}})), "");
  EXPECT_EQ(Text(Better({{"二", 0, 0, 24, 24, 0.3}}, nothing)), "二");
}

}  // namespace
}  // namespace dossier::extract_internal
