// Pure work on OCR readings: scoring, digits, and two readings of one cell
// combined. Apart from the OCR module so that it is tested without Tesseract.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ocr_engine.h"
#include "page_layout.h"

namespace dossier::extract_internal {

// Below this a word is doubtful: a cell read with one is read again.
constexpr double kDoubtfulConfidence = 0.7;
// A digit word whose readings never agreed: below the mark the normalize
// stage takes for a doubtful number, whatever Tesseract's own confidence.
constexpr double kDisputedDigitConfidence = 0.4;

double LeastConfidence(const std::vector<OcrWord>& words);

// How good a reading looks: less doubt (how far its characters fall below
// the doubtful mark, summed), then a higher mean confidence per character.
// A sum rather than a mean, so that one misread character is not outweighed
// by many confident ones around it.
struct ReadingScore {
  double doubt = 0;
  double mean = 0;
  bool operator>(const ReadingScore& o) const {
    if (std::abs(doubt - o.doubt) > 1e-9) return doubt < o.doubt;
    return mean > o.mean;
  }
};

ReadingScore Score(const std::vector<OcrWord>& words);

// The digits a reading holds, in order (full-width folded): what two
// readings of a number must agree on.
std::string Digits(const std::vector<OcrWord>& words);
bool HasDigit(const std::string& s);
// Digits read one word each ("4 0 7 . 6").
bool SpacedDigits(const std::vector<OcrWord>& words);
// A cell that states a number (7100人, 407.6万元, 2024年6月18日).
bool IsQuantity(const std::vector<OcrWord>& words);
double LeastDigitConfidence(const std::vector<OcrWord>& words);
// A character OCR reads in a digit's place (工 for 1, 了 for 7, 〇 for 0).
bool IsDigitLookalike(char32_t c);
// The digits of a reading, with '?' for a look-alike beside a digit: "?84"
// for 工84, "?7?" for 了7了网.
std::string DigitPattern(const std::vector<OcrWord>& words);
bool HasDigitLookalike(const std::vector<OcrWord>& words);
// Whether `digits` are the pattern's, each '?' one digit or none.
bool DigitsFitLookalikes(const std::string& pattern, const std::string& digits);
// The words of a number cell that hold nothing but digits and what OCR read
// in a digit's place (工 8 4 of 工8 4 万元), when there is such a place:
// their range in the reading, their box and their DigitPattern.
struct DigitRun {
  size_t first = 0, end = 0;
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  std::string pattern;
};
std::optional<DigitRun> LookalikeDigitRun(const std::vector<OcrWord>& words);

// Whether a reading is text rather than noise read as characters: read with
// some confidence on the whole. What a reading of nothing loses to.
bool Readable(const std::vector<OcrWord>& words);
// The reading of a cell another reading agrees with on the whole text
// (spaces aside), the most confident of such; null when no two readable
// readings agree.
const std::vector<OcrWord>* AgreedReading(const std::vector<std::vector<OcrWord>>& readings);
// The better of two readings of one cell.
std::vector<OcrWord> Better(std::vector<OcrWord> a, std::vector<OcrWord> b);
// Two readings of one line combined place by place.
std::vector<OcrWord> CombineAlongLine(std::vector<OcrWord> a, std::vector<OcrWord> b);

// Tesseract now and then takes the two halves of one wide character each for
// the whole (学会会 for 学会): two boxes of the same character, each narrow,
// touching, and together one character wide, become one. `words` are in
// reading order with their boxes fitted to the ink (TightenToInk); a
// character written twice (济南市市中区, 日日) stands apart by its spacing.
void JoinCharactersReadAsTheirHalves(std::vector<LayoutWord>* words);

}  // namespace dossier::extract_internal
