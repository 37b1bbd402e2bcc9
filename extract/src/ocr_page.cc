#include "ocr_page.h"

#include <leptonica/allheaders.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

#include "dossier/common/text.h"
#include "image_prep.h"
#include "ocr_readings.h"

namespace dossier::extract_internal {
namespace {

// Unsharp masking of a photographed cell's gray: a 7-pixel box's blur taken
// off, half again the edge added back. Measured on the form photos of
// development seeds 65, 72, 80, 83, 90, 91, 94, 103 and 120-127: 4 values
// more read, none lost; a 5-pixel box lost as many as it gained.
constexpr int kSharpenHalfWidth = 3;
constexpr float kSharpenGain = 1.5f;

// Text lines in a cell image, from its row profile: runs of inked rows at
// least `min_height` tall, gaps shorter than `min_gap` bridged.
int CountTextLines(Pix* pix, int min_height, int min_gap) {
  NumaPtr rows(pixCountPixelsByRow(pix, nullptr));
  if (!rows) return 0;
  const int n = numaGetCount(rows.get());
  int lines = 0, run_start = -1, last_ink = -1000000;
  for (int y = 0; y <= n; ++y) {
    l_int32 v = 0;
    if (y < n) numaGetIValue(rows.get(), y, &v);
    if (v > 0) {
      if (run_start < 0 || y - last_ink > min_gap) {
        if (run_start >= 0 && last_ink - run_start + 1 >= min_height) ++lines;
        run_start = y;
      }
      last_ink = y;
    }
  }
  if (run_start >= 0 && last_ink - run_start + 1 >= min_height) ++lines;
  return lines;
}

// Whether one run of ink is two lines or more set close: taller than one
// line's characters can be. A line as tall as its tallest marks but a
// descender; lines set close (a list of ticked items at 200 dpi, 4 pixels
// apart, bridged by CountTextLines) are twice that. The tallest marks are
// taken as the tenth from the top, so that a stray rule's remnant counts
// for nothing.
bool RunHoldsSeveralLines(Pix* fg) {
  BoxaPtr marks(pixConnComp(fg, nullptr, 8));
  if (!marks || boxaGetCount(marks.get()) < 4) return false;
  std::vector<int> heights;
  for (int i = 0; i < boxaGetCount(marks.get()); ++i) {
    int h = 0;
    boxaGetBoxGeometry(marks.get(), i, nullptr, nullptr, nullptr, &h);
    heights.push_back(h);
  }
  std::sort(heights.begin(), heights.end(), std::greater<int>());
  const int tall = heights[heights.size() / 10];
  return tall > 0 && pixGetHeight(fg) * 10 > tall * 17;
}

void AddWords(const std::vector<OcrWord>& words, std::vector<LayoutWord>* out) {
  for (const OcrWord& w : words) {
    LayoutWord lw;
    lw.text = w.text;
    lw.bbox = {double(w.x0), double(w.y0), double(w.x1), double(w.y1)};
    lw.confidence = w.confidence;
    out->push_back(std::move(lw));
  }
}

// A page of print shows this many words read with confidence (two
// characters or more at kConfidentWord).
constexpr double kConfidentWord = 0.8;
constexpr long kPrintedPageWords = 4;

// Whether `word` stands on the line of one of `others` within a character's
// height of it.
bool BesideAny(const OcrWord& word, const std::vector<OcrWord>& others) {
  for (const OcrWord& o : others) {
    const int height = std::min(word.y1 - word.y0, o.y1 - o.y0);
    const int shared = std::min(word.y1, o.y1) - std::max(word.y0, o.y0);
    if (height <= 0 || shared * 2 < height) continue;
    const int gap = std::max(word.x0, o.x0) - std::min(word.x1, o.x1);
    if (gap < std::max(word.y1 - word.y0, o.y1 - o.y0)) return true;
  }
  return false;
}

// The marks of `image` that no word read in it touches, when they are more
// than stray marks: some lines of text's worth (an inch of ink along a line
// of characters). Null when nothing worth reading is left.
PixPtr InkLeftUnread(Pix* image, const std::vector<OcrWord>& read, int dpi) {
  PixPtr read_places(pixCreateTemplate(image));
  if (!read_places) return nullptr;
  for (const OcrWord& word : read) {
    BoxPtr box(boxCreate(word.x0, word.y0, word.x1 - word.x0, word.y1 - word.y0));
    if (box) pixSetInRect(read_places.get(), box.get());
  }
  // Whole marks go: a stroke half inside a word's box was read with it.
  pixAnd(read_places.get(), read_places.get(), image);
  PixPtr read_ink(pixSeedfillBinary(nullptr, read_places.get(), image, 8));
  if (!read_ink) return nullptr;
  PixPtr left(pixSubtract(nullptr, image, read_ink.get()));
  if (!left) return nullptr;
  // Only marks no taller than a large character: a picture's blots or a
  // frame are nothing to read (bold characters joined along a line are wide).
  const int tallest = std::max(20, dpi / 2);
  PixPtr unread(
      pixSelectBySize(left.get(), 0, tallest, 8, L_SELECT_HEIGHT, L_SELECT_IF_LTE, nullptr));
  if (!unread) return nullptr;
  // Characters' ink is about a fifth of their box; a line of them an inch
  // long and a sixth of an inch tall.
  const l_int32 worth_reading = dpi * dpi / 6 / 5;
  l_int32 ink = 0;
  pixCountPixels(unread.get(), &ink, nullptr);
  return ink >= worth_reading ? std::move(unread) : nullptr;
}

// The words of `in_gray` (a box of the prepared gray image, in the cell
// `cell_box`) read from its darkest ink only: the gray thresholded at two
// fifths of the cell's paper (its median), `holes` left out. Nullopt when
// the cell has no paper to measure by.
template <typename HoleIn>
std::optional<std::vector<OcrWord>> ReadStrokeCores(OcrEngine& engine, const PreparedImage& prep,
                                                    Box* cell_box, Box* in_gray,
                                                    const std::vector<BBox>& holes,
                                                    const HoleIn& hole_in, OcrLayout layout,
                                                    int border) {
  PixPtr cell_gray(pixClipRectangle(prep.gray.get(), cell_box, nullptr));
  l_uint32 paper = 0;
  if (!cell_gray || pixGetRankValue(cell_gray.get(), 1, 0.5f, &paper) != 0 || paper < 64)
    return std::nullopt;
  PixPtr gray(pixClipRectangle(prep.gray.get(), in_gray, nullptr));
  if (!gray) return std::nullopt;
  l_int32 x, y;
  boxGetGeometry(in_gray, &x, &y, nullptr, nullptr);
  for (const BBox& hole : holes)
    if (BoxPtr b = hole_in(hole, x, y)) pixSetInRect(gray.get(), b.get());
  PixPtr cores(pixThresholdToBinary(gray.get(), static_cast<int>(paper * 2 / 5)));
  PixPtr padded(cores ? pixAddBorder(cores.get(), border, 0) : nullptr);
  if (!padded) return std::nullopt;
  return engine.Recognize(padded.get(), layout, prep.dpi, x - border, y - border);
}

// The words of `gray` (a crop of the prepared gray image whose top left is
// (x, y) there), read as `layout` on white paper `border` pixels wide,
// enlarged by `enlarge` (and narrowed by `squeeze`), their boxes put back
// in the prepared image's pixels. Empty when the image could not be made.
std::vector<OcrWord> ReadGray(OcrEngine& engine, Pix* gray, int x, int y, int border, int dpi,
                              OcrLayout layout, double enlarge, double squeeze = 1.0) {
  const double sx = enlarge * squeeze;
  PixPtr sized(sx == 1.0 && enlarge == 1.0
                   ? pixClone(gray)
                   : pixScale(gray, static_cast<l_float32>(sx), static_cast<l_float32>(enlarge)));
  const int pad = static_cast<int>(border * enlarge);
  PixPtr padded(sized ? pixAddBorder(sized.get(), pad, 255) : nullptr);
  if (!padded) return {};
  std::vector<OcrWord> words =
      engine.Recognize(padded.get(), layout, static_cast<int>(dpi * enlarge), 0, 0);
  for (OcrWord& w : words) {
    w.x0 = x + static_cast<int>((w.x0 - pad) / sx);
    w.y0 = y + static_cast<int>((w.y0 - pad) / enlarge);
    w.x1 = x + static_cast<int>((w.x1 - pad) / sx);
    w.y1 = y + static_cast<int>((w.y1 - pad) / enlarge);
  }
  return words;
}

// Recognizes the inside of one table cell; empty cells cost nothing.
// `holes` are the tables drawn inside it, read cell by cell on their own:
// left out here, or their text would come twice.
void ReadCell(OcrEngine& engine, const PreparedImage& prep, const GridCell& cell,
              const std::vector<BBox>& holes, std::vector<LayoutWord>* out) {
  const int margin = std::max(4, prep.dpi / 50);
  const int x0 = static_cast<int>(cell.box.x0) + margin,
            y0 = static_cast<int>(cell.box.y0) + margin;
  const int w = static_cast<int>(cell.box.x1 - cell.box.x0) - 2 * margin;
  const int h = static_cast<int>(cell.box.y1 - cell.box.y0) - 2 * margin;
  if (w < 8 || h < 8) return;
  BoxPtr box(boxCreate(x0, y0, w, h));
  Box* clipped_raw = nullptr;
  PixPtr crop(pixClipRectangle(prep.text_only.get(), box.get(), &clipped_raw));
  BoxPtr clipped(clipped_raw);
  if (!crop || !clipped) return;
  // Each hole's place in an image whose top left is (x, y) of the page, its
  // ruled border and a little more included.
  const int hole_pad = std::max(3, prep.dpi / 60);
  auto hole_in = [&](const BBox& hole, int x, int y) {
    return BoxPtr(boxCreate(static_cast<int>(hole.x0) - hole_pad - x,
                            static_cast<int>(hole.y0) - hole_pad - y,
                            static_cast<int>(hole.x1 - hole.x0) + 2 * hole_pad,
                            static_cast<int>(hole.y1 - hole.y0) + 2 * hole_pad));
  };
  {
    l_int32 bx, by;
    boxGetGeometry(clipped.get(), &bx, &by, nullptr, nullptr);
    for (const BBox& hole : holes)
      if (BoxPtr b = hole_in(hole, bx, by)) pixClearInRect(crop.get(), b.get());
  }
  l_int32 ink = 0;
  pixCountPixels(crop.get(), &ink, nullptr);
  if (ink < std::max(12, prep.dpi / 10)) return;
  Pix* fg_raw = nullptr;
  Box* fg_box_raw = nullptr;
  if (pixClipToForeground(crop.get(), &fg_raw, &fg_box_raw) != 0) return;
  PixPtr fg(fg_raw);
  BoxPtr fg_box(fg_box_raw);
  if (!fg || !fg_box) return;
  l_int32 cx, cy, fx, fy;
  boxGetGeometry(clipped.get(), &cx, &cy, nullptr, nullptr);
  boxGetGeometry(fg_box.get(), &fx, &fy, nullptr, nullptr);
  const int lines =
      CountTextLines(fg.get(), std::max(3, prep.dpi / 40), std::max(3, prep.dpi / 30));
  if (lines == 0) return;
  // A white border: Tesseract finds text touching the image edge poorly.
  const int border = std::max(6, prep.dpi / 30);
  PixPtr padded(pixAddBorder(fg.get(), border, 0));
  if (!padded) return;
  const OcrLayout layout =
      lines == 1 && !RunHoldsSeveralLines(fg.get()) ? OcrLayout::kSingleLine : OcrLayout::kBlock;
  std::vector<OcrWord> words =
      engine.Recognize(padded.get(), layout, prep.dpi, cx + fx - border, cy + fy - border);
  // A character read with little confidence is often a stroke the
  // binarization broke or merged (鲁 read as 重): the cell's gray image,
  // binarized by Tesseract itself, is read again as it is and enlarged
  // half again, and the most confident of the readings is kept.
  //
  // A number is doubted even when Tesseract is sure of it: a digit dropped
  // or doubled (73 → 3, 6931 → 931, 33,733 → 383733) costs it nothing. Its
  // cell is read again from gray; when the digits of the two readings
  // differ, or a digit is still unsure, a third reading (enlarged) decides
  // by majority, and digits no two readings agree on keep a confidence the
  // normalize stage shows as doubtful.
  // Nothing read from a cell with a line of ink is doubt too.
  const bool doubtful = words.empty() || LeastConfidence(words) < kDoubtfulConfidence;
  const bool number = IsQuantity(words);
  if (prep.gray && (doubtful || number)) {
    l_int32 fw, fh;
    boxGetGeometry(fg_box.get(), nullptr, nullptr, &fw, &fh);
    BoxPtr in_gray(boxCreate(cx + fx, cy + fy, fw, fh));
    PixPtr gray_crop(pixClipRectangle(prep.gray.get(), in_gray.get(), nullptr));
    if (gray_crop)
      for (const BBox& hole : holes)
        if (BoxPtr b = hole_in(hole, cx + fx, cy + fy)) pixSetInRect(gray_crop.get(), b.get());
    // When the binary image read as nothing, the cell's paper is made white,
    // as the white border around it is: a photo's paper is gray, and
    // Tesseract then sees nothing in a line of bold print it reads well on
    // white (measured on phone photos of forms). Only then: where the first
    // reading saw text, whitening also darkens a rule's fringe into marks
    // read as characters. The cell's median is its paper: a cell is mostly
    // paper, its text's bounding box may not be.
    if (gray_crop && words.empty()) {
      PixPtr cell_gray(pixClipRectangle(prep.gray.get(), box.get(), nullptr));
      l_uint32 paper = 255;
      if (cell_gray && pixGetRankValue(cell_gray.get(), 1, 0.5f, &paper) == 0 && paper > 64 &&
          paper < 250) {
        if (PixPtr whitened{pixGammaTRC(nullptr, gray_crop.get(), 1.0f, 0, paper)})
          gray_crop = std::move(whitened);
      }
    }
    // `squeeze` < 1 narrows the image only: full-width digits become digits
    // of ordinary width.
    auto read_gray = [&](double enlarge,
                         double squeeze = 1.0) -> std::optional<std::vector<OcrWord>> {
      if (!gray_crop) return std::nullopt;
      return ReadGray(engine, gray_crop.get(), cx + fx, cy + fy, border, prep.dpi, layout, enlarge,
                      squeeze);
    };
    auto combine = [&](std::vector<OcrWord> a, std::vector<OcrWord> b) {
      return layout == OcrLayout::kSingleLine ? CombineAlongLine(std::move(a), std::move(b))
                                              : Better(std::move(a), std::move(b));
    };
    std::vector<std::vector<OcrWord>> readings = {words};
    std::optional<std::vector<OcrWord>> same_size = read_gray(1.0);
    if (same_size) readings.push_back(*same_size);
    const bool digits_differ =
        number && readings.size() > 1 && Digits(readings[0]) != Digits(readings[1]);
    const bool unsure_digit =
        number && (LeastDigitConfidence(words) < kDoubtfulConfidence || HasDigitLookalike(words));
    if (doubtful || digits_differ || unsure_digit) {
      if (std::optional<std::vector<OcrWord>> enlarged = read_gray(1.5))
        readings.push_back(*enlarged);
    }
    // A cell read as nothing is a number when every other reading that saw
    // something saw one: a mark written for none (/) read once as a 7 is
    // no number (dev seed 66).
    const bool counted =
        number || (words.empty() &&
                   std::any_of(readings.begin(), readings.end(),
                               [](const std::vector<OcrWord>& r) { return IsQuantity(r); }) &&
                   std::all_of(readings.begin(), readings.end(), [](const std::vector<OcrWord>& r) {
                     return r.empty() || IsQuantity(r);
                   }));
    // Tesseract's single-line mode may read a short line of bold digits as
    // nothing or as a speck's digit, and its gray as the last digits only
    // (146 read as nothing, as 6 and as 46; 53 as a doubtful 6: photos of
    // dev seeds 84 and 87), which its block mode reads whole. Such a number,
    // a digit at most read, is read as a block too, from its binary and from
    // its gray. A block votes when it holds as many digits as any other
    // reading or more, as it does where the line lost some (not where the
    // block lost a phone number's area code set apart by a gap, its first
    // word), and when its digits are not the line's: it is there to find
    // what the line lost, not to outvote the gray on what the line saw (a /
    // written for none read as 7, dev seed 66).
    if (layout == OcrLayout::kSingleLine && counted && Digits(words).size() <= 1 &&
        (doubtful || digits_differ || unsure_digit)) {
      size_t most_digits = 0;
      for (const std::vector<OcrWord>& r : readings)
        most_digits = std::max(most_digits, Digits(r).size());
      std::vector<std::vector<OcrWord>> blocks;
      blocks.push_back(engine.Recognize(padded.get(), OcrLayout::kBlock, prep.dpi, cx + fx - border,
                                        cy + fy - border));
      if (gray_crop)
        blocks.push_back(ReadGray(engine, gray_crop.get(), cx + fx, cy + fy, border, prep.dpi,
                                  OcrLayout::kBlock, 1.0));
      for (std::vector<OcrWord>& block : blocks)
        if (Digits(block).size() >= most_digits && Digits(block) != Digits(words))
          readings.push_back(std::move(block));
    }
    if (number && SpacedDigits(words)) {
      if (std::optional<std::vector<OcrWord>> narrowed = read_gray(1.0, 0.55))
        readings.push_back(*narrowed);
    }
    // Heavy print (bold type blurred by a phone's camera) runs its strokes
    // together at the page's threshold, and Tesseract's own threshold of the
    // gray does the same: a line still doubtful in every reading is read
    // once more from its strokes' cores, the gray darker than two fifths of
    // its paper (80 of a paper at 200: on phone photos of forms, labels in
    // bold read as nothing or as 床报领域, 邮政格局, 年度堵训红我 are read
    // right there). A line only: a block of ticked items in a light serif,
    // whose thin strokes break there, lost most of its characters to the
    // reading's fewer doubts. Photos only: a scan's heavy print is
    // lightened already (LightenHeavyInk), and on a scanned form this
    // reading read 局 as 周 and 泰 as 亲, and nothing better.
    const bool still_doubtful =
        std::all_of(readings.begin(), readings.end(), [](const std::vector<OcrWord>& r) {
          return r.empty() || LeastConfidence(r) < kDoubtfulConfidence;
        });
    if (prep.dpi_estimated && doubtful && still_doubtful && layout == OcrLayout::kSingleLine) {
      if (std::optional<std::vector<OcrWord>> cores = ReadStrokeCores(
              engine, prep, box.get(), in_gray.get(), holes, hole_in, layout, border))
        readings.push_back(*cores);
    }
    // A photo's gray is resampled twice on its way here (scaled to the
    // reading size, then straightened), which blurs small bold print into
    // blots no threshold parts: a two-character name read as nothing in
    // every reading above (development seed 103: 曾婷), though Tesseract
    // reads the source's pixels. Its edges sharpened (unsharp masking), the
    // cell is read once more.
    const bool unread = std::none_of(readings.begin(), readings.end(),
                                     [](const std::vector<OcrWord>& r) { return Readable(r); });
    if (prep.dpi_estimated && doubtful && unread && layout == OcrLayout::kSingleLine && gray_crop) {
      if (PixPtr sharpened{pixUnsharpMaskingGray(gray_crop.get(), kSharpenHalfWidth, kSharpenGain)})
        readings.push_back(
            ReadGray(engine, sharpened.get(), cx + fx, cy + fy, border, prep.dpi, layout, 1.0));
    }
    std::vector<OcrWord> combined = words;
    if (doubtful)
      for (size_t k = 1; k < readings.size(); ++k)
        combined = combine(std::move(combined), readings[k]);
    // Combined place by place, one reading's misread character may stand
    // beside another's right reading of the same glyph where their boxes
    // disagree (智 read as 和 once: 汇和智人民医院, dev seed 132). Two
    // readings that agree on the whole text outvote the combination
    // (measured on the photos, scans and scanned packages of 14 development
    // seeds: 10 values more read, 1 lost).
    if (doubtful)
      if (const std::vector<OcrWord>* agreed = AgreedReading(readings)) combined = *agreed;
    words = std::move(combined);
    if (counted && readings.size() > 1) {
      // The digits most readings agree on; none when every reading differs.
      // A reading that found no digit at all saw nothing rather than
      // another number: it does not vote ("3间" read once, lost twice).
      std::map<std::string, int> votes;
      for (const std::vector<OcrWord>& r : readings)
        if (!Digits(r).empty()) ++votes[Digits(r)];
      std::string agreed;
      int most = 0;
      for (const auto& [digits, n] : votes) {
        if (n > most) {
          most = n;
          agreed = digits;
        }
      }
      if (most >= 2) {
        if (Digits(words) != agreed) {
          // The combined reading lost the agreed digits: the best reading
          // that has them stands instead.
          const std::vector<OcrWord>* best = nullptr;
          for (const std::vector<OcrWord>& r : readings)
            if (Digits(r) == agreed && (!best || Score(r) > Score(*best))) best = &r;
          if (best) words = *best;
        }
      } else {
        // No two readings agree: the most confident one is shown, doubted.
        for (const std::vector<OcrWord>& r : readings)
          if (!r.empty() && Score(r) > Score(words)) words = r;
        for (OcrWord& w : words)
          if (HasDigit(w.text)) w.confidence = std::min(w.confidence, kDisputedDigitConfidence);
      }
    }
    // Every reading may see one glyph beside the digits as a character (a
    // full-width １ as 工): the digits' words are read once more by a model
    // held to digits. That reading stands when its digits are the others'
    // with digits where they saw look-alikes; doubted still, since the
    // readings differ.
    if (number) {
      if (std::optional<DigitRun> run = LookalikeDigitRun(words)) {
        const int pad = std::max(2, prep.dpi / 100);
        BoxPtr run_box(boxCreate(run->x0 - pad, run->y0 - pad, run->x1 - run->x0 + 2 * pad,
                                 run->y1 - run->y0 + 2 * pad));
        PixPtr run_gray(run_box ? pixClipRectangle(prep.gray.get(), run_box.get(), nullptr)
                                : nullptr);
        PixPtr run_padded(run_gray ? pixAddBorder(run_gray.get(), border, 255) : nullptr);
        const std::vector<OcrWord> digits = run_padded
                                                ? engine.RecognizeDigits(run_padded.get(), prep.dpi)
                                                : std::vector<OcrWord>();
        if (!digits.empty() && Digits(digits) != Digits(words) &&
            DigitsFitLookalikes(run->pattern, Digits(digits))) {
          OcrWord read = digits.front();
          read.x0 = run->x0, read.y0 = run->y0, read.x1 = run->x1, read.y1 = run->y1;
          read.confidence = std::min(read.confidence, kDoubtfulConfidence);
          words.erase(words.begin() + static_cast<std::ptrdiff_t>(run->first),
                      words.begin() + static_cast<std::ptrdiff_t>(run->end));
          words.insert(words.begin() + static_cast<std::ptrdiff_t>(run->first), read);
        }
      }
    }
  }
  AddWords(words, out);
}

// The words of a page's text outside its tables, put in lines: words whose
// heights overlap by half the lower one's, in reading order.
std::vector<std::vector<OcrWord>> WordsInLines(std::vector<OcrWord> words) {
  std::stable_sort(words.begin(), words.end(),
                   [](const OcrWord& a, const OcrWord& b) { return a.y0 + a.y1 < b.y0 + b.y1; });
  std::vector<std::vector<OcrWord>> lines;
  std::vector<std::pair<int, int>> spans;  // each line's top and bottom
  for (OcrWord& w : words) {
    size_t joined = lines.size();
    for (size_t l = 0; l < lines.size() && joined == lines.size(); ++l) {
      const int shared = std::min(w.y1, spans[l].second) - std::max(w.y0, spans[l].first);
      const int lower = std::min(w.y1 - w.y0, spans[l].second - spans[l].first);
      if (lower > 0 && shared * 2 >= lower) joined = l;
    }
    if (joined == lines.size()) {
      lines.emplace_back();
      spans.emplace_back(w.y0, w.y1);
    }
    spans[joined] = {std::min(spans[joined].first, w.y0), std::max(spans[joined].second, w.y1)};
    lines[joined].push_back(std::move(w));
  }
  for (std::vector<OcrWord>& line : lines)
    std::stable_sort(line.begin(), line.end(),
                     [](const OcrWord& a, const OcrWord& b) { return a.x0 < b.x0; });
  return lines;
}

// A photographed form's signing area, below its tables (申报日期：二〇二四年
// 六月二十三日), is read by layout analysis from the page's threshold, which
// runs a blurred photo's strokes together: 四 comes out as 由, 六 as 天, and
// the date is lost (missing on 12 photographed applications of development
// seeds 52–77, most of them so). A line that states a date (年 or 月, or digits with points
// or dashes) read with doubt is read again from its gray, as a line, as it
// is and enlarged, as a table cell is (ReadCell), and the least doubtful
// reading stands whole (combined place by place, readings segmented
// otherwise made lines of neither). Dates only: other lines read again
// gained the rules of a table the page did not find as '|' and lost the
// labels they stood under (development seed 57), and a licence's scope read
// again lost its 培训 (seed 66). Photographed sheets only: a scan is read at
// its own resolution, sharp, and a screenshot's print is crisp.
constexpr size_t kLongestRereadLine = 24;  // 申报日期：二〇二四年六月二十三日 is 16

bool StatesADate(const std::vector<OcrWord>& line) {
  std::u32string u;
  for (const OcrWord& w : line) u += text::ToU32(text::RemoveSpaces(w.text));
  if (u.size() > kLongestRereadLine) return false;
  if (u.find_first_of(U"年月") != std::u32string::npos) return true;
  // 2024.6.22, 2024-06-18: four digits, then a point or a dash and a digit.
  const auto digit = [&](size_t k) { return u[k] >= U'0' && u[k] <= U'9'; };
  for (size_t i = 0; i + 5 < u.size(); ++i) {
    if (digit(i) && digit(i + 1) && digit(i + 2) && digit(i + 3) &&
        std::u32string_view(U".-/").find(u[i + 4]) != std::u32string_view::npos && digit(i + 5))
      return true;
  }
  return false;
}

void RereadDoubtfulDates(OcrEngine& engine, const PreparedImage& prep,
                         std::vector<OcrWord>* words) {
  if (!prep.rectified || !prep.gray) return;
  std::vector<std::vector<OcrWord>> lines = WordsInLines(std::move(*words));
  words->clear();
  const int page_w = pixGetWidth(prep.gray.get()), page_h = pixGetHeight(prep.gray.get());
  for (std::vector<OcrWord>& line : lines) {
    if (LeastConfidence(line) < kDoubtfulConfidence && StatesADate(line)) {
      int x0 = line.front().x0, x1 = line.front().x1, y0 = line.front().y0, y1 = line.front().y1;
      for (const OcrWord& w : line)
        x0 = std::min(x0, w.x0), x1 = std::max(x1, w.x1), y0 = std::min(y0, w.y0),
        y1 = std::max(y1, w.y1);
      const int pad = std::max(2, (y1 - y0) / 5);
      x0 = std::max(0, x0 - pad), y0 = std::max(0, y0 - pad);
      x1 = std::min(page_w, x1 + pad), y1 = std::min(page_h, y1 + pad);
      BoxPtr box(x1 > x0 && y1 > y0 ? boxCreate(x0, y0, x1 - x0, y1 - y0) : nullptr);
      PixPtr gray(box ? pixClipRectangle(prep.gray.get(), box.get(), nullptr) : nullptr);
      const int border = std::max(6, prep.dpi / 30);
      std::vector<OcrWord> combined = line;
      if (gray)
        for (const double enlarge : {1.0, 1.5})
          combined =
              Better(std::move(combined), ReadGray(engine, gray.get(), x0, y0, border, prep.dpi,
                                                   OcrLayout::kSingleLine, enlarge));
      line = std::move(combined);
    }
    for (OcrWord& w : line) words->push_back(std::move(w));
  }
}

// Tesseract's character boxes for CJK text are as tall as the line; the ink
// inside the box is where the word really is, so a highlight fits it.
void TightenToInk(Pix* text_only, std::vector<LayoutWord>* words) {
  for (LayoutWord& w : *words) {
    BoxPtr box(boxCreate(static_cast<int>(w.bbox.x0) - 1, static_cast<int>(w.bbox.y0) - 1,
                         static_cast<int>(w.bbox.x1 - w.bbox.x0) + 2,
                         static_cast<int>(w.bbox.y1 - w.bbox.y0) + 2));
    Box* clipped_raw = nullptr;
    PixPtr crop(pixClipRectangle(text_only, box.get(), &clipped_raw));
    BoxPtr clipped(clipped_raw);
    if (!crop || !clipped) continue;
    Box* fg_raw = nullptr;
    if (pixClipToForeground(crop.get(), nullptr, &fg_raw) != 0 || !fg_raw) continue;
    BoxPtr fg(fg_raw);
    l_int32 cx, cy, fx, fy, fw, fh;
    boxGetGeometry(clipped.get(), &cx, &cy, nullptr, nullptr);
    boxGetGeometry(fg.get(), &fx, &fy, &fw, &fh);
    w.bbox = {double(cx + fx), double(cy + fy), double(cx + fx + fw), double(cy + fy + fh)};
  }
}

}  // namespace

PageContent OcrPage(OcrEngine& engine, OcrPageRequest request) {
  PageContent content;
  content.page.number = request.page_number;
  content.page.method = ReadMethod::kOcr;
  content.page.how_read = request.how_read;
  if (!request.image) {
    content.warnings.push_back("page " + std::to_string(request.page_number) +
                               ": no image to read");
    return content;
  }
  content.page.width = pixGetWidth(request.image.get()) * request.unit_per_pixel;
  content.page.height = pixGetHeight(request.image.get()) * request.unit_per_pixel;

  auto prepared = PrepareForOcr(request.image.get(), request.dpi);
  request.image.reset();  // the source is no longer needed; keep memory low
  if (!prepared.ok()) {
    content.warnings.push_back("page " + std::to_string(request.page_number) + ": " +
                               prepared.status().message());
    return content;
  }
  const PreparedImage& prep = *prepared;
  // Auditors see that the words' places went through the sheet's
  // straightening (and back).
  if (prep.rectified) content.page.how_read += " (photographed sheet straightened)";

  std::vector<Grid> grids = GridsOf(prep);
  std::vector<LayoutWord> words;
  // Forms: each cell alone, as one line when it holds one: no page layout
  // analysis, and a value can never run into its label.
  const std::vector<std::pair<int, int>> parents = GridParents(grids);
  for (size_t g = 0; g < grids.size(); ++g) {
    for (size_t c = 0; c < grids[g].cells.size(); ++c) {
      std::vector<BBox> holes;
      for (size_t inner = 0; inner < grids.size(); ++inner)
        if (parents[inner] == std::make_pair(static_cast<int>(g), static_cast<int>(c)))
          holes.push_back(grids[inner].box);
      ReadCell(engine, prep, grids[g].cells[c], holes, &words);
    }
  }

  // Everything outside the tables: full layout analysis.
  PixPtr rest(pixCopy(nullptr, prep.text_only.get()));
  if (rest) {
    const int pad = std::max(4, prep.dpi / 50);
    for (const Grid& grid : grids) {
      BoxPtr box(boxCreate(static_cast<int>(grid.box.x0) - pad, static_cast<int>(grid.box.y0) - pad,
                           static_cast<int>(grid.box.x1 - grid.box.x0) + 2 * pad,
                           static_cast<int>(grid.box.y1 - grid.box.y0) + 2 * pad));
      pixClearInRect(rest.get(), box.get());
    }
    l_int32 ink = 0;
    pixCountPixels(rest.get(), &ink, nullptr);
    if (ink > prep.dpi) {
      std::vector<OcrWord> found = engine.Recognize(rest.get(), OcrLayout::kAuto, prep.dpi);
      // Layout analysis sometimes sees no text at all in a sparse image (a
      // single large line); reading it as one block does.
      if (found.empty()) found = engine.Recognize(rest.get(), OcrLayout::kBlock, prep.dpi);
      RereadDoubtfulDates(engine, prep, &found);
      AddWords(found, &words);
      // Layout analysis also drops whole blocks it takes for pictures (a
      // column of heavy labels, a paragraph of bold print); what it left
      // unread is read again as one block, in place.
      // Only on a page of print: a photo of a classroom read as specks and
      // strokes would only be read again as more of them, at length. The
      // words of the page's table cells count: a form's page with only its
      // section headings read outside the tables (五、网络培训条件) is print,
      // and its signing area below them is what was dropped.
      auto is_confident = [](const auto& w) {
        return w.confidence >= kConfidentWord && text::ToU32(w.text).size() >= 2;
      };
      const auto confident = std::count_if(found.begin(), found.end(), is_confident) +
                             std::count_if(words.begin(), words.end(), is_confident);
      PixPtr unread =
          confident >= kPrintedPageWords ? InkLeftUnread(rest.get(), found, prep.dpi) : nullptr;
      if (unread) {
        std::vector<OcrWord> more = engine.Recognize(unread.get(), OcrLayout::kBlock, prep.dpi);
        // Beside a word already read, what is left is a stray piece of a
        // character: a word of its own stands a wide gap away.
        more.erase(std::remove_if(more.begin(), more.end(),
                                  [&](const OcrWord& w) { return BesideAny(w, found); }),
                   more.end());
        AddWords(more, &words);
      }
    }
  }

  TightenToInk(prep.text_only.get(), &words);
  JoinCharactersReadAsTheirHalves(&words);
  LayoutPage(std::move(words), grids, ReadMethod::kOcr, request.page_number, &content);
  const double unit = request.unit_per_pixel;
  MapBoxes(&content, [&](const BBox& b) {
    BBox s = prep.ToSource(b);
    return BBox{s.x0 * unit, s.y0 * unit, s.x1 * unit, s.y1 * unit};
  });
  return content;
}

}  // namespace dossier::extract_internal
