// Pure work on OCR readings (words with boxes and confidences): how good a
// reading is, what digits it holds, and two readings of one cell combined.
#include "ocr_readings.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string_view>

#include "dossier/common/text.h"

namespace dossier::extract_internal {
namespace {

// Where two readings' stretches meet, a character both read (their words
// overlap there, less than a stretch needs) would be kept twice: 临沂市 from
// one and 市郯城县 from the other gave 临沂市市郯城县. Drops it from `next`.
void DropCharacterReadTwice(const OcrWord& previous, OcrWord& next) {
  const std::u32string a = text::ToU32(previous.text);
  std::u32string b = text::ToU32(next.text);
  if (a.empty() || b.empty() || a.back() != b.front() || !text::IsHan(b.front())) return;
  if (next.x0 >= previous.x1) return;  // side by side: written twice
  const int width = (next.x1 - next.x0) / static_cast<int>(b.size());
  b.erase(b.begin());
  next.text = text::ToUtf8(b);
  next.x0 += width;
}

// One character over several characters' width (和 over the 淄博鼎泰职业技能培训有
// of a photo's cell, read from strokes run together) is a smear Tesseract
// forced into a character, no reading of what it covers. Measured widths:
// a CJK character about one line height, a Latin letter less. The line's
// height, not the word's: 一 is a flat stroke, as wide as any character.
constexpr double kWidestCharacter = 3;  // line heights

void DropSmears(std::vector<OcrWord>* words) {
  int line_height = 0;
  for (const OcrWord& w : *words) line_height = std::max(line_height, w.y1 - w.y0);
  std::erase_if(*words, [&](const OcrWord& w) {
    const double chars = static_cast<double>(std::max<size_t>(1, text::ToU32(w.text).size()));
    return line_height > 0 && w.x1 - w.x0 > kWidestCharacter * line_height * chars;
  });
}

}  // namespace

double LeastConfidence(const std::vector<OcrWord>& words) {
  double least = 1;
  for (const OcrWord& w : words) least = std::min(least, w.confidence);
  return least;
}

ReadingScore Score(const std::vector<OcrWord>& words) {
  ReadingScore score;
  double sum = 0;
  size_t chars = 0;
  for (const OcrWord& w : words) {
    const size_t n = std::max<size_t>(1, text::ToU32(w.text).size());
    sum += w.confidence * static_cast<double>(n);
    chars += n;
    score.doubt += std::max(0.0, kDoubtfulConfidence - w.confidence) * static_cast<double>(n);
  }
  score.mean = chars ? sum / static_cast<double>(chars) : 0;
  return score;
}

// The digits a reading holds, in order (full-width folded): what two
// readings of a number must agree on.
std::string Digits(const std::vector<OcrWord>& words) {
  std::string out;
  for (const OcrWord& w : words)
    for (char c : text::FullWidthToAscii(w.text))
      if (c >= '0' && c <= '9') out.push_back(c);
  return out;
}

bool HasDigit(const std::string& s) { return !Digits({OcrWord{s, 0, 0, 0, 0, 0}}).empty(); }

// Digits read one word each ("4 0 7 . 6"): full-width digits, printed one
// em apart, which the Chinese model reads poorly at their width.
bool SpacedDigits(const std::vector<OcrWord>& words) {
  int single = 0;
  for (const OcrWord& w : words) {
    const std::string t = text::FullWidthToAscii(w.text);
    if (t.size() == 1 && t[0] >= '0' && t[0] <= '9') ++single;
  }
  return single >= 2;
}

bool IsDigitLookalike(char32_t c) {
  switch (c) {
    case U'工':
    case U'丨':
    case U'了':
    case U'〇':
    case U'口':
    case U'乙':
    case U'l':
    case U'I':
    case U'|':
    case U'O':
    case U'o':
      return true;
    default:
      return false;
  }
}

// A cell that states a number (7100人, １３６００, 0531-51788246, 407.6万元,
// 2024年6月18日): digits, no Latin letters, no more other characters than
// digits. Codes, addresses and URLs carry their own checks or are text;
// reading them again would only cost time. What OCR reads in a digit's place
// (184 as 工84, 77间 as 了7了网) counts for neither side: such a cell is a
// number read badly, the case reading again is for.
//
// Latin letters shaped like digits (B for 8, S for 5, G for 6) are such a
// place too, in a number no longer than the form's quantities: 4B人 is 48人
// read badly, 25602册 came out as BO2|. A code of 18 characters may end in
// B or G as it stands, and it is not a quantity.
bool IsQuantity(const std::vector<OcrWord>& words) {
  size_t digits = 0, letters = 0, digit_shaped_letters = 0, others = 0;
  for (const OcrWord& w : words)
    for (char32_t c : text::ToU32(text::FullWidthToAscii(w.text))) {
      if (c >= '0' && c <= '9')
        ++digits;
      else if (IsDigitLookalike(c))
        continue;
      else if (std::u32string_view(U"BSZGbgq").find(c) != std::u32string_view::npos)
        ++digit_shaped_letters;
      else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))
        ++letters;
      else if (c >= 0x3400)
        ++others;  // units and 年月日 beside the digits; a street name is more
    }
  constexpr size_t kLongestQuantity = 9;  // 99,999,999 and a decimal place
  if (digit_shaped_letters > 0 && digits + digit_shaped_letters > kLongestQuantity) return false;
  return digits > 0 && letters == 0 && digits >= others;
}

std::string DigitPattern(const std::vector<OcrWord>& words) {
  std::u32string chars;
  for (const OcrWord& w : words)
    for (char32_t c : text::ToU32(text::FullWidthToAscii(w.text)))
      if (!text::IsSpace(c)) chars.push_back(c);
  auto is_digit = [](char32_t c) { return c >= '0' && c <= '9'; };
  std::string pattern;
  for (size_t i = 0; i < chars.size(); ++i) {
    if (is_digit(chars[i])) {
      pattern.push_back(static_cast<char>(chars[i]));
    } else if (IsDigitLookalike(chars[i]) && ((i > 0 && is_digit(chars[i - 1])) ||
                                              (i + 1 < chars.size() && is_digit(chars[i + 1])))) {
      pattern.push_back('?');
    }
  }
  return pattern;
}

bool HasDigitLookalike(const std::vector<OcrWord>& words) {
  return DigitPattern(words).find('?') != std::string::npos;
}

bool DigitsFitLookalikes(const std::string& pattern, const std::string& digits) {
  // fits[i][j]: pattern's first i places give digits' first j
  std::vector<std::vector<bool>> fits(pattern.size() + 1,
                                      std::vector<bool>(digits.size() + 1, false));
  fits[0][0] = true;
  for (size_t i = 1; i <= pattern.size(); ++i)
    for (size_t j = 0; j <= digits.size(); ++j) {
      const char p = pattern[i - 1];
      if (p == '?')
        fits[i][j] = fits[i - 1][j] || (j > 0 && fits[i - 1][j - 1]);
      else
        fits[i][j] = j > 0 && fits[i - 1][j - 1] && digits[j - 1] == p;
    }
  return fits[pattern.size()][digits.size()];
}

std::optional<DigitRun> LookalikeDigitRun(const std::vector<OcrWord>& words) {
  auto in_run = [](const OcrWord& w) {
    const std::u32string t = text::ToU32(text::FullWidthToAscii(w.text));
    return !t.empty() && std::all_of(t.begin(), t.end(), [](char32_t c) {
      return (c >= '0' && c <= '9') || c == '.' || c == ',' || IsDigitLookalike(c);
    });
  };
  for (size_t first = 0; first < words.size();) {
    if (!in_run(words[first])) {
      ++first;
      continue;
    }
    size_t end = first;
    while (end < words.size() && in_run(words[end])) ++end;
    const std::vector<OcrWord> run(words.begin() + static_cast<std::ptrdiff_t>(first),
                                   words.begin() + static_cast<std::ptrdiff_t>(end));
    const std::string pattern = DigitPattern(run);
    if (pattern.find('?') != std::string::npos && !Digits(run).empty()) {
      DigitRun out{first,          end,    run.front().x0, run.front().y0, run.front().x1,
                   run.front().y1, pattern};
      for (const OcrWord& w : run) {
        out.x0 = std::min(out.x0, w.x0), out.y0 = std::min(out.y0, w.y0);
        out.x1 = std::max(out.x1, w.x1), out.y1 = std::max(out.y1, w.y1);
      }
      return out;
    }
    first = end;
  }
  return std::nullopt;
}

double LeastDigitConfidence(const std::vector<OcrWord>& words) {
  double least = 1;
  for (const OcrWord& w : words)
    if (HasDigit(w.text)) least = std::min(least, w.confidence);
  return least;
}

// A reading that saw nothing loses to one that read text with some
// confidence: Tesseract skips a line of bold, blurred print in the binary
// image that it reads well in gray. Not to one of low confidence, which is
// more often noise read as characters.
constexpr double kReadableMean = 0.6;

bool Readable(const std::vector<OcrWord>& words) {
  return !words.empty() && Score(words).mean >= kReadableMean;
}

const std::vector<OcrWord>* AgreedReading(const std::vector<std::vector<OcrWord>>& readings) {
  auto text_of = [](const std::vector<OcrWord>& r) {
    std::string out;
    for (const OcrWord& w : r) out += w.text;
    return text::RemoveSpaces(out);
  };
  const std::vector<OcrWord>* best = nullptr;
  for (size_t a = 0; a < readings.size(); ++a) {
    if (!Readable(readings[a])) continue;
    for (size_t b = 0; b < readings.size(); ++b) {
      if (a == b || text_of(readings[a]) != text_of(readings[b])) continue;
      if (!best || Score(readings[a]) > Score(*best)) best = &readings[a];
    }
  }
  return best;
}

std::vector<OcrWord> Better(std::vector<OcrWord> a, std::vector<OcrWord> b) {
  DropSmears(&a);
  DropSmears(&b);
  if (b.empty()) return a;
  if (a.empty()) return Readable(b) ? std::move(b) : std::move(a);
  return Score(b) > Score(a) ? std::move(b) : std::move(a);
}

// Two readings of one line, place by place: where their words overlap
// along the line, the less doubtful reading of that stretch is kept, so
// that one reading's misread 宏 and the other's misread 淄 both go.
std::vector<OcrWord> CombineAlongLine(std::vector<OcrWord> a, std::vector<OcrWord> b) {
  DropSmears(&a);
  DropSmears(&b);
  if (a.empty() || b.empty()) return Better(std::move(a), std::move(b));
  struct Placed {
    OcrWord word;
    int reading;
  };
  std::vector<Placed> all;
  for (OcrWord& w : a) all.push_back({std::move(w), 0});
  for (OcrWord& w : b) all.push_back({std::move(w), 1});
  std::stable_sort(all.begin(), all.end(),
                   [](const Placed& x, const Placed& y) { return x.word.x0 < y.word.x0; });
  std::vector<OcrWord> out;
  int last_reading = -1;
  for (size_t i = 0; i < all.size();) {
    // A stretch: words chained by overlapping more than a third of the
    // narrower one.
    size_t j = i + 1;
    int right = all[i].word.x1;
    while (j < all.size()) {
      const OcrWord& w = all[j].word;
      const int narrower = std::max(1, std::min(w.x1 - w.x0, right - all[j - 1].word.x0));
      if (right - w.x0 <= narrower / 3) break;
      right = std::max(right, w.x1);
      ++j;
    }
    std::vector<OcrWord> side[2];
    for (size_t k = i; k < j; ++k) side[all[k].reading].push_back(all[k].word);
    // A stretch one reading has no word in is kept from the other: a
    // character may be dropped by either.
    std::vector<OcrWord>& kept = side[1].empty() ? side[0]
                                 : side[0].empty()
                                     ? side[1]
                                     : (Score(side[1]) > Score(side[0]) ? side[1] : side[0]);
    const int kept_reading = &kept == &side[1] ? 1 : 0;
    if (!kept.empty() && !out.empty() && last_reading >= 0 && kept_reading != last_reading)
      DropCharacterReadTwice(out.back(), kept.front());
    for (OcrWord& w : kept)
      if (!w.text.empty()) out.push_back(std::move(w));
    last_reading = kept_reading;
    i = j;
  }
  return out;
}

void JoinCharactersReadAsTheirHalves(std::vector<LayoutWord>* words) {
  // Measured on a 200 dpi scan: each half of 会 0.6 of the line's height
  // wide, 0.07 apart, 1.3 together; two characters side by side stand a
  // tenth or more of a height apart and are nearer 2 together. A sliver of
  // a whole character read as the character again beside it is the
  // character once: 楼 0.9 of a height wide, then 楼 0.4 wide over its right
  // edge (300 dpi scan). Not a sliver beside a narrow piece: 禹 read as a
  // second 市 beside 德州市's is the trace that lets the place's name be put
  // back.
  constexpr double kNarrow = 0.75, kTouching = 0.15, kOneCharacter = 1.5;
  constexpr double kSliver = 0.45, kCharacterAndSliver = 1.3;
  std::vector<LayoutWord> out;
  out.reserve(words->size());
  for (LayoutWord& w : *words) {
    if (!out.empty()) {
      LayoutWord& previous = out.back();
      const BBox& a = previous.bbox;
      const BBox& b = w.bbox;
      const std::u32string first = text::ToU32(previous.text), second = text::ToU32(w.text);
      const double height = std::max(a.y1 - a.y0, b.y1 - b.y0);
      const double shared = std::min(a.y1, b.y1) - std::max(a.y0, b.y0);
      const double gap = b.x0 - a.x1, together = b.x1 - a.x0;
      const bool halves = a.x1 - a.x0 < kNarrow * height && b.x1 - b.x0 < kNarrow * height &&
                          gap <= kTouching * height && together <= kOneCharacter * height;
      const bool sliver = a.x1 - a.x0 >= kNarrow * height && b.x1 - b.x0 <= kSliver * height &&
                          gap <= kTouching * height && together <= kCharacterAndSliver * height;
      if (first.size() == 1 && first == second && text::IsHan(first[0]) && height > 0 &&
          shared * 2 >= height && b.x0 >= a.x0 && (halves || sliver)) {
        previous.bbox = {a.x0, std::min(a.y0, b.y0), std::max(a.x1, b.x1), std::max(a.y1, b.y1)};
        previous.confidence = std::max(previous.confidence, w.confidence);
        continue;
      }
    }
    out.push_back(std::move(w));
  }
  *words = std::move(out);
}

}  // namespace dossier::extract_internal
