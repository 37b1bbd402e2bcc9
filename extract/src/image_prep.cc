#include "image_prep.h"

#include <leptonica/allheaders.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <utility>
#include <vector>

namespace dossier::extract_internal {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kTargetCharHeight = 27;  // pixels
// Measured at kTargetCharHeight: ordinary print scanned or photographed keeps
// 0.2-0.45 of its ink through the erosion; bled or bold print over 0.6.
constexpr double kHeavyInkShare = 0.5;
constexpr double kOrdinaryInkShare = 0.4;
// Light print (thin strokes, or gray ink) keeps under this share: measured
// 0.15-0.25 on a 300 dpi scan's table in light gray print, which a darker
// threshold erases; semi-bold print lightened with its page reads better
// (0.33-0.41, a 200 dpi scan's 235万元 read as 呈3三万元 when left alone).
constexpr double kLightInkShare = 0.3;
// Phone photos of print keep 0.37-0.65 once straightened (blur thickens
// strokes); under the first, a photo's strokes are broken, and they are
// whole again at the second. (Measured: a photo at 0.36 read 153 as 1 and
// lost a row of labels; photos at 0.38-0.42 darkened read a character or
// two worse.)
constexpr double kBrokenInkShare = 0.37;
constexpr double kWholeInkShare = 0.45;
// Binarize evens a photo's paper to 200; a blurred hairline stays darker
// than this along its whole length (measured on phone photos of forms:
// 150 breaks rules into dashes, 170 finds most, 185 all).
constexpr int kPhotoRuleThreshold = 185;
constexpr int kFewestTableRows = 3;

bool IsSealRed(int r, int g, int b) { return r - g > 40 && r - b > 30; }

constexpr int kBinarizeThreshold = 150;
// Above the median of red print's strokes: they stay whole.
constexpr int kInkLevelMargin = 20;

PixPtr Binarize(Pix* gray, int threshold = kBinarizeThreshold);

// The ink of `ink` that lies in print: marks joined into lines and
// paragraphs, not what spans half the picture (a sheet's frame or shadow, a
// desk's edge) nor, when `skip_seals`, squarish blobs a seal's size.
l_int32 PrintInk(Pix* ink, bool skip_seals) {
  const int w = pixGetWidth(ink), h = pixGetHeight(ink);
  const int join = std::max(3, std::min(w, h) / 100);
  PixPtr blobs(pixDilateBrick(nullptr, ink, join, join));
  BoxaPtr boxes(blobs ? pixConnComp(blobs.get(), nullptr, 8) : nullptr);
  if (!boxes) return 0;
  const int seal_side = std::min(w, h) / 12;
  l_int32 total = 0;
  for (int i = 0; i < boxaGetCount(boxes.get()); ++i) {
    int bx, by, bw, bh;
    boxaGetBoxGeometry(boxes.get(), i, &bx, &by, &bw, &bh);
    if (bw * 2 > w || bh * 2 > h) continue;
    const bool seal_like =
        bw >= seal_side && bh >= seal_side && bw * 10 <= bh * 16 && bh * 10 <= bw * 16;
    if (skip_seals && seal_like) continue;
    BoxPtr box(boxCreate(bx, by, bw, bh));
    l_int32 n = 0;
    if (box && pixCountPixelsInRect(ink, box.get(), &n, nullptr) == 0) total += n;
  }
  return total;
}

// Whether the text itself is printed in red (licences often are: title,
// labels and values): then red is ink to read, not a seal to see through.
// A page printed in red has more red ink outside its seals than black ink,
// by half as much again.
bool PrintedInRed(Pix* rgb) {
  const int w = pixGetWidth(rgb), h = pixGetHeight(rgb), wpl = pixGetWpl(rgb);
  PixPtr gray(pixConvertRGBToLuminance(rgb));
  PixPtr ink = gray ? Binarize(gray.get()) : nullptr;
  PixPtr red(pixCreate(w, h, 1));
  if (!ink || !red) return false;
  const l_uint32* data = pixGetData(rgb);
  const int mask_wpl = pixGetWpl(red.get());
  for (int y = 0; y < h; ++y) {
    const l_uint32* line = data + static_cast<size_t>(y) * wpl;
    l_uint32* red_line = pixGetData(red.get()) + static_cast<size_t>(y) * mask_wpl;
    for (int x = 0; x < w; ++x) {
      const int r = (line[x] >> L_RED_SHIFT) & 0xff;
      const int g = (line[x] >> L_GREEN_SHIFT) & 0xff;
      const int b = (line[x] >> L_BLUE_SHIFT) & 0xff;
      if (IsSealRed(r, g, b)) SET_DATA_BIT(red_line, x);
    }
  }
  PixPtr red_ink(pixAnd(nullptr, ink.get(), red.get()));
  PixPtr other_ink(pixSubtract(nullptr, ink.get(), red.get()));
  if (!red_ink || !other_ink) return false;
  const l_int32 red_print = PrintInk(red_ink.get(), /*skip_seals=*/true);
  const l_int32 other_print = PrintInk(other_ink.get(), /*skip_seals=*/false);
  // Half as much again: a seal broken by the black text crossing its ring
  // leaves arcs that look like print.
  return 2 * static_cast<int64_t>(red_print) > 3 * static_cast<int64_t>(other_print);
}

// Anything Leptonica reads → 8 bpp gray (32 bpp first loses its red seal,
// unless the print itself is red, which `*red_print` then says).
PixPtr ToGray(Pix* source, bool* red_print) {
  *red_print = false;
  PixPtr pix;
  if (pixGetColormap(source)) {
    pix.reset(pixRemoveColormap(source, REMOVE_CMAP_BASED_ON_SRC));
  } else {
    pix.reset(pixClone(source));
  }
  if (!pix) return nullptr;
  const int depth = pixGetDepth(pix.get());
  if (depth == 32) {
    if (PrintedInRed(pix.get())) {
      *red_print = true;
      return PixPtr(pixConvertRGBToLuminance(pix.get()));
    }
    PixPtr copy(pixCopy(nullptr, pix.get()));
    RemoveRed(copy.get());
    return PixPtr(pixConvertRGBToLuminance(copy.get()));
  }
  if (depth == 1) return PixPtr(pixConvert1To8(nullptr, pix.get(), 255, 0));
  return PixPtr(pixConvertTo8(pix.get(), 0));
}

// Evens the background (uneven photo lighting, yellowed paper) to a flat
// light gray, then thresholds. Background ends up at 200, ink well below.
PixPtr Binarize(Pix* gray, int threshold) {
  PixPtr norm(pixBackgroundNormSimple(gray, nullptr, nullptr));
  if (!norm) norm.reset(pixClone(gray));
  return PixPtr(pixThresholdToBinary(norm.get(), threshold));
}

// The character-sized marks of `binary` and their cores, eroded as
// HeavyInkShare erodes them.
std::pair<PixPtr, PixPtr> MarksAndCores(Pix* binary, int char_height) {
  PixPtr marks(pixSelectBySize(binary, 2 * char_height, 2 * char_height, 8, L_SELECT_IF_BOTH,
                               L_SELECT_IF_LTE, nullptr));
  if (!marks) return {nullptr, nullptr};
  const int side = std::max(3, char_height / 10);
  PixPtr core(pixErodeBrick(nullptr, marks.get(), side, side));
  return {std::move(marks), std::move(core)};
}

// How heavy the ink of the text is: the share of the ink of character-sized
// marks that survives eroding it by a tenth of a character: ordinary print
// keeps under half of it; bold type, or ink bled by a scanner or a copier,
// keeps more, and Tesseract then reads blobs where strokes touch.
double HeavyInkShare(Pix* binary, int char_height) {
  if (char_height <= 0) return 0;
  auto [marks, core] = MarksAndCores(binary, char_height);
  if (!marks) return 0;
  l_int32 ink = 0, kept = 0;
  if (!core || pixCountPixels(marks.get(), &ink, nullptr) != 0 ||
      pixCountPixels(core.get(), &kept, nullptr) != 0 || ink == 0)
    return 0;
  return static_cast<double>(kept) / ink;
}

// How dark the ink's strokes are where they are solid: the median of the
// evened gray under the ink. Red print (a licence's) is some 80 where black
// is 15-60, and a threshold darker than its strokes erases whole characters.
int InkLevel(Pix* gray, Pix* ink) {
  PixPtr norm(pixBackgroundNormSimple(gray, nullptr, nullptr));
  l_float32 median = 0;
  if (!norm || pixGetRankValueMasked(norm.get(), ink, 0, 0, 2, 0.5f, &median, nullptr) != 0)
    return 0;
  return static_cast<int>(median);
}

// How many pixels of 1 bpp `pix` each label of `labels` (32 bpp, 0 for
// none) covers, by label.
std::vector<long> InkByLabel(Pix* pix, Pix* labels, size_t label_count) {
  std::vector<long> ink(label_count, 0);
  const int w = pixGetWidth(pix), h = pixGetHeight(pix);
  const int wpl = pixGetWpl(pix), label_wpl = pixGetWpl(labels);
  const l_uint32* data = pixGetData(pix);
  const l_uint32* label_data = pixGetData(labels);
  for (int y = 0; y < h; ++y) {
    const l_uint32* line = data + static_cast<size_t>(y) * wpl;
    const l_uint32* label_line = label_data + static_cast<size_t>(y) * label_wpl;
    for (int word = 0; word < wpl; ++word) {
      if (!line[word]) continue;  // most of a page is paper
      for (int x = word * 32; x < std::min(w, word * 32 + 32); ++x) {
        if (!GET_DATA_BIT(line, x)) continue;
        const l_uint32 label = label_line[x];
        if (label > 0 && label < label_count) ++ink[label];
      }
    }
  }
  return ink;
}

// Heavy ink is thresholded darker, down to the strokes' cores, until the
// strokes are of ordinary weight again (or the darkest threshold is reached),
// but red print never darker than its strokes themselves. Black and gray
// print keep the fixed steps: a floor there read worse (measured on scans
// whose heavy gray print lies at 45-61: digits invented, 12 read 112).
// Light print on the page keeps its ink: a page mixes weights (a table in
// light gray print above tables in bold), and the threshold the bold print
// needs is darker than light print's strokes (measured: a 300 dpi scan
// lightened to 80 lost every cell of its light table). The page's
// character-sized marks are taken in runs (joined along a line; rules and
// other large marks, which would join a whole column of cells, are left
// out and follow the page), each run is weighed once, as binarized at
// kBinarizeThreshold, and a light run keeps that ink through every step.
// (Runs that each stopped at ordinary weight on their own read worse: a
// bold label still in blobs was lost.)
void LightenHeavyInk(Pix* gray, int char_height, bool red_print, PixPtr* binary) {
  double share = HeavyInkShare(binary->get(), char_height);
  if (share <= kHeavyInkShare) return;
  const int floor = red_print ? InkLevel(gray, binary->get()) + kInkLevelMargin : 0;
  auto [marks, cores] = MarksAndCores(binary->get(), char_height);
  if (!marks || !cores) return;
  // Characters a character's width apart are one run; lines apart by a
  // third of a character are not.
  PixPtr joined(
      pixDilateBrick(nullptr, marks.get(), char_height + 1, std::max(1, char_height / 3)));
  PixPtr labels(joined ? pixConnCompTransform(joined.get(), 8, 32) : nullptr);
  if (!labels) return;
  l_uint32 last_label = 0;
  pixGetMaxValueInRect(labels.get(), nullptr, &last_label, nullptr, nullptr);
  const size_t label_count = static_cast<size_t>(last_label) + 1;
  const std::vector<long> ink = InkByLabel(marks.get(), labels.get(), label_count);
  const std::vector<long> kept = InkByLabel(cores.get(), labels.get(), label_count);
  // Where the runs of light print lie.
  PixPtr light(pixCreateTemplate(binary->get()));
  if (!light) return;
  const int w = pixGetWidth(light.get()), h = pixGetHeight(light.get());
  const int wpl = pixGetWpl(light.get()), label_wpl = pixGetWpl(labels.get());
  for (int y = 0; y < h; ++y) {
    const l_uint32* label_line = pixGetData(labels.get()) + static_cast<size_t>(y) * label_wpl;
    l_uint32* line = pixGetData(light.get()) + static_cast<size_t>(y) * wpl;
    for (int x = 0; x < w; ++x) {
      const l_uint32 run = label_line[x];
      if (run > 0 && kept[run] <= kLightInkShare * ink[run]) SET_DATA_BIT(line, x);
    }
  }
  for (int darkest : {110, 80, 55}) {
    if (share <= kOrdinaryInkShare) return;
    const int threshold = std::max(darkest, floor);
    if (threshold >= kBinarizeThreshold) return;
    PixPtr lighter = Binarize(gray, threshold);
    if (!lighter) return;
    // The page goes on by the weight of its print as a whole.
    share = HeavyInkShare(lighter.get(), char_height);
    pixCombineMasked(lighter.get(), binary->get(), light.get());
    *binary = std::move(lighter);
  }
}

// A photographed sheet's print resampled up from a few pixels a character
// comes out of the ordinary threshold in broken strokes (专职教师 in pieces,
// 153 read as 1): its threshold is raised, in steps, until the strokes are as
// whole as a photo's print usually is. Returns the threshold taken, with
// `binary` at it. (A photo's print is otherwise heavy from blur, never
// lightened: see LightenHeavyInk.)
int DarkenThinInk(Pix* gray, int char_height, PixPtr* binary) {
  double share = HeavyInkShare(binary->get(), char_height);
  int taken = kBinarizeThreshold;
  if (share >= kBrokenInkShare) return taken;
  for (int threshold : {160, 170, 180}) {
    if (share >= kWholeInkShare) break;
    PixPtr darker = Binarize(gray, threshold);
    if (!darker) break;
    share = HeavyInkShare(darker.get(), char_height);
    *binary = std::move(darker);
    taken = threshold;
  }
  return taken;
}

// Clears specks lying apart from any print: dust and paper grain on a scan
// or a photo. Tesseract's layout analysis takes a column of short labels
// strewn with specks for a picture and reads none of it, and reads a speck
// beside a number as a character of it. A dot within a character's reach of
// print (a decimal point, punctuation, the dot of an i) stays.
// On a scan (`scanned`: its resolution known, its characters one size)
// dust is as large as a full stop, a third of a character: a mark that
// small is judged by where it lies, and the reach across lines is a quarter
// of a character. A photo's characters differ in size across the sheet and
// its thin print breaks into small pieces: there only marks below a sixth
// of a character are specks, and the reach is a whole character (the
// scan's rule, applied to photos too, lost most of one photographed
// application's fields and its files' grouping in the evaluation figures).
void RemoveSpecks(Pix* text, int char_height, bool scanned) {
  if (char_height <= 0) return;
  const int speck = std::max(3, char_height / (scanned ? 3 : 6));
  PixPtr print(pixSelectBySize(text, speck, speck, 8, L_SELECT_IF_EITHER, L_SELECT_IF_GT, nullptr));
  if (!print) return;
  PixPtr specks(pixSubtract(nullptr, text, print.get()));
  const int across = scanned ? char_height / 4 * 2 + 1 : char_height + 1;
  PixPtr near_print(pixDilateBrick(nullptr, print.get(), 2 * char_height + 1, across));
  if (!specks || !near_print) return;
  pixSubtract(specks.get(), specks.get(), near_print.get());
  pixSubtract(text, text, specks.get());
}

// Whether a long horizontal run of ink is the strokes of a line of text
// joined together (bold or bled print whose characters touch) rather than a
// rule: text's vertical strokes cross it, so a good share of its columns has
// ink both just above and just below it, or its characters' strokes run on
// from it, up or down, in a third of its columns or more (a run along the
// tops or the feet of a line of heavy print, which a photo's blur joins);
// and what it joins is no taller than a line of characters. A table's rule
// has crossings only where a vertical rule or the cells' text touches it
// (measured on phone photos of forms: strokes run on from 0.01-0.06 of a
// rule's columns, from 0.48 or more of a run's in heavy print), and joins
// both rows' text or the frame; a QR code's runs are crossed but join the
// whole code.
// `vertical` (the vertical rules, or null) is left out of what the run
// joins: a line of print that touches a cell's border joins the whole grid
// through it. A run thicker than a rule (`band`: heavy print run together
// over the characters' height) has no strokes standing out of it: what it
// joins alone decides.
bool StrokesOfText(Pix* binary, Pix* vertical, int x, int y, int w, int h, int char_height,
                   bool band) {
  if (char_height <= 0) return false;
  // What a run joins is as tall as the run at least: a band taller than a
  // line of characters (a dark desk, a blackboard, a photo's shadow) is no
  // line of them, and what it joins is not filled (a fill as large as the
  // band and its surroundings, for an answer known already).
  if (h * 5 > char_height * 8) return false;
  const int clearance = 2;  // a rule's blurred fringe
  const int reach = std::max(clearance + 2, char_height / 4);
  // A stroke a sixth of a character long: more than a rule's fringe.
  const int stroke = std::max(clearance + 1, char_height / 6);
  const int height = pixGetHeight(binary);
  const l_uint32* data = pixGetData(binary);
  const int wpl = pixGetWpl(binary);
  auto ink_between = [&](int column, int row0, int row1) {
    for (int row = std::max(row0, 0); row < std::min(row1, height); ++row)
      if (GET_DATA_BIT(data + row * wpl, column)) return true;
    return false;
  };
  auto ink_throughout = [&](int column, int row0, int row1) {
    if (row0 < 0 || row1 > height) return false;
    for (int row = row0; row < row1; ++row)
      if (!GET_DATA_BIT(data + row * wpl, column)) return false;
    return true;
  };
  int crossed = 0, strokes = 0;
  for (int column = x; column < x + w; ++column) {
    if (ink_between(column, y - reach, y - clearance) &&
        ink_between(column, y + h + clearance, y + h + reach))
      ++crossed;
    if (ink_throughout(column, y - stroke, y) || ink_throughout(column, y + h, y + h + stroke))
      ++strokes;
  }
  if (!band && crossed * 4 <= w && strokes * 3 < w) return false;

  // The marks the run is part of, seen within two lines' height of it.
  BoxPtr around(
      boxCreate(x - char_height, y - 2 * char_height, w + 2 * char_height, h + 4 * char_height));
  BOX* clipped = nullptr;
  PixPtr region(pixClipRectangle(binary, around.get(), &clipped));
  BoxPtr region_box(clipped);
  if (!region || !region_box) return false;
  if (vertical) {
    if (PixPtr borders{pixClipRectangle(vertical, around.get(), nullptr)})
      pixSubtract(region.get(), region.get(), borders.get());
  }
  int rx = 0, ry = 0;
  boxGetGeometry(region_box.get(), &rx, &ry, nullptr, nullptr);
  PixPtr seed(pixCreateTemplate(region.get()));
  BoxPtr run(boxCreate(x - rx, y - ry, w, h));
  if (!seed || !run) return false;
  pixSetInRect(seed.get(), run.get());
  pixAnd(seed.get(), seed.get(), region.get());
  PixPtr joined(pixSeedfillBinary(nullptr, seed.get(), region.get(), 8));
  BOX* extent = nullptr;
  if (!joined || pixClipToForeground(joined.get(), nullptr, &extent) != 0) return false;
  BoxPtr extent_box(extent);
  int joined_height = 0;
  if (!extent_box || boxGetGeometry(extent_box.get(), nullptr, nullptr, nullptr, &joined_height))
    return false;
  // A line of characters: from three quarters of a character's height (a
  // photo's texture joins into thinner bands) to 1.6 of it.
  // Taken without crossings (strokes running on from one side, or a band):
  // a line of print fills from half to nine tenths of the box of what it
  // joins (0.6-0.9 measured on seven form photos of development seeds
  // 32-35); a solid block (a chair, a desk's edge in a classroom photo)
  // fills more, and scattered texture less. Left in the text image, such
  // blocks were read by Tesseract as lines (one classroom photo took 27 s of
  // CPU to read instead of 14).
  if (band || crossed * 4 <= w) {
    l_int32 ink = 0, width = 0;
    pixCountPixels(joined.get(), &ink, nullptr);
    boxGetGeometry(extent_box.get(), nullptr, nullptr, &width, nullptr);
    const double fill = double(ink) / (double(width) * std::max(joined_height, 1));
    if (fill < 0.5 || fill >= 0.9) return false;
  }
  return joined_height * 4 >= char_height * 3 && joined_height * 5 <= char_height * 8;
}

// A mark seen along a rule's direction: `along` is the position along the
// rule (x for a horizontal rule), `across` the center across it.
struct DashMark {
  int along0, along1;
  double across;
  int box_index;
};

// Rules drawn dashed (a border style Word and WPS offer) or hairlines that a
// photo's resampling broke into even dashes: no dash survives the opening
// that finds solid rules. A dashed rule is a row of short flat marks on one
// line, each a short gap from the next, as long as a solid rule must be; a
// line of text is not, its flat strokes (一, 二) lie at many heights and are
// never many in a row. `binary` is the ink with the crossing rules taken
// out, `ink` all of it. Appends the rules as (across, along0, along1) and the
// boxes of their marks.
void FindDashedRules(Pix* binary, Pix* ink, Boxa* marks, bool horizontal, int min_length,
                     int max_thickness, int char_height, std::vector<std::array<double, 3>>* rules,
                     std::vector<int>* used_boxes) {
  constexpr int kFewestDashes = 5;
  // A dash is a solid bar; a bracket's stroke with its serifs ([√] ticks
  // stacked down a list of rules) or a character's stroke with its hooks
  // fills little of its box, and a column of them is no rule.
  constexpr double kSolidDash = 0.6;
  constexpr double kAcrossTolerance = 2.5;  // pixels: a dash's center drifts this much
  // A dash lost where it touches a crossing rule or text leaves a gap of
  // some two dashes; a character's height bridges it.
  const int max_gap = std::max(6, char_height);
  std::vector<DashMark> dashes;
  for (int i = 0; i < boxaGetCount(marks); ++i) {
    int x, y, w, h;
    boxaGetBoxGeometry(marks, i, &x, &y, &w, &h);
    const int length = horizontal ? w : h, thickness = horizontal ? h : w;
    // Long pieces too: where dashes run into each other a rule is partly
    // solid, and its dashed stretches are then too short to count alone.
    if (thickness > max_thickness || 2 * length < 3 * thickness || length < 3) continue;
    BoxPtr box(boxCreate(x, y, w, h));
    l_int32 ink = 0;
    if (!box || pixCountPixelsInRect(binary, box.get(), &ink, nullptr) != 0 ||
        ink < kSolidDash * w * h)
      continue;
    if (horizontal)
      dashes.push_back({x, x + w, y + h / 2.0, i});
    else
      dashes.push_back({y, y + h, x + w / 2.0, i});
  }
  std::sort(dashes.begin(), dashes.end(),
            [](const DashMark& a, const DashMark& b) { return a.along0 < b.along0; });
  std::vector<std::vector<const DashMark*>> chains;
  for (const DashMark& d : dashes) {
    std::vector<const DashMark*>* best = nullptr;
    for (auto& chain : chains) {
      const DashMark* last = chain.back();
      const int gap = d.along0 - last->along1;
      if (gap < 0 || gap > max_gap || std::abs(d.across - last->across) > kAcrossTolerance)
        continue;
      if (!best || best->back()->along1 < last->along1) best = &chain;
    }
    if (best)
      best->push_back(&d);
    else
      chains.push_back({&d});
  }
  for (const auto& chain : chains) {
    // Dashes, mostly: a solid rule broken where it waves (a bent sheet) is
    // found whole or in pieces by the opening already, and its pieces
    // joined here would stand beside them at other heights.
    const auto dashes_in_chain = std::count_if(chain.begin(), chain.end(), [&](const DashMark* d) {
      return d->along1 - d->along0 < min_length;
    });
    if (dashes_in_chain < kFewestDashes || dashes_in_chain * 2 < long(chain.size())) continue;
    const int along0 = chain.front()->along0, along1 = chain.back()->along1;
    if (along1 - along0 < min_length) continue;
    double across = 0;
    int inked = 0;
    for (const DashMark* d : chain) across += d->across, inked += d->along1 - d->along0;
    // Dashes cover a good part of their line; scattered strokes do not.
    if (inked * 10 < (along1 - along0) * 3) continue;
    // The dash that meets a crossing rule joins it and is no dash alone (a
    // corner): the rule reaches on to the last ink on its line within one
    // dash's period. Not where no ink is: a solid rule whose crossings were
    // taken out is a chain of dashes too, and ends at its table's edge.
    const int period =
        (chain.back()->along0 - chain.front()->along0) / static_cast<int>(chain.size() - 1);
    const double line = across / double(chain.size());
    auto inked_at = [&](int along) {
      for (int off = -1; off <= 1; ++off) {
        const int x = horizontal ? along : static_cast<int>(std::lround(line)) + off;
        const int y = horizontal ? static_cast<int>(std::lround(line)) + off : along;
        l_uint32 v = 0;
        if (x >= 0 && y >= 0 && x < pixGetWidth(ink) && y < pixGetHeight(ink) &&
            pixGetPixel(ink, x, y, &v) == 0 && v)
          return true;
      }
      return false;
    };
    int before = 0, after = 0;
    for (int step = 1; step <= period; ++step) {
      if (inked_at(along0 - step)) before = step;
      if (inked_at(along1 + step - 1)) after = step;
    }
    rules->push_back({line, double(along0 - before), double(along1 + after)});
    for (const DashMark* d : chain) used_boxes->push_back(d->box_index);
  }
}

// Runs across a line of print are found as leaning rules too: the tops or
// feet of characters side by side, level and a bridge apart, or heavy
// print run together. Of the leaning runs, `rules` takes those a table's
// rule would be: on the line of a rule found in long pieces (the stretch
// between them; a short piece may be print, bold lowercase's tops made one
// of http://study.tbaj.edu.cn/index), or as long as half the widest rule
// found whole with paper above and below it along most of its length,
// where a line of print has the rest of its characters.
void AddLeaningRules(Pix* binary, Pix* rules, Pix* leaning, int char_height) {
  BoxaPtr whole(pixConnComp(rules, nullptr, 8));
  BoxaPtr runs(pixConnComp(leaning, nullptr, 8));
  if (!whole || !runs) return;
  constexpr int kSameLine = 3;  // pixels
  constexpr double kMostlyPaper = 0.25;
  const int near = 2, far = std::max(4, char_height / 5);
  int widest = 0;
  for (int i = 0; i < boxaGetCount(whole.get()); ++i) {
    int w = 0;
    boxaGetBoxGeometry(whole.get(), i, nullptr, nullptr, &w, nullptr);
    widest = std::max(widest, w);
  }
  std::vector<std::array<int, 3>> lines;  // y, x0, x1 of the long pieces
  for (int i = 0; i < boxaGetCount(whole.get()); ++i) {
    int x, y, w, h;
    boxaGetBoxGeometry(whole.get(), i, &x, &y, &w, &h);
    if (4 * w >= widest) lines.push_back({y + h / 2, x, x + w});
  }
  const int width = pixGetWidth(binary), height = pixGetHeight(binary);
  auto paper_beside = [&](int x, int y, int w, int h) {
    int inked = 0;
    for (int cx = x; cx < x + w; ++cx) {
      bool ink = false;
      for (int d = near; d <= far && !ink; ++d) {
        for (int cy : {y - d, y + h - 1 + d}) {
          l_uint32 v = 0;
          if (cy >= 0 && cy < height && cx < width && pixGetPixel(binary, cx, cy, &v) == 0 && v)
            ink = true;
        }
      }
      inked += ink;
    }
    return inked <= kMostlyPaper * w;
  };
  for (int i = 0; i < boxaGetCount(runs.get()); ++i) {
    int x, y, w, h;
    boxaGetBoxGeometry(runs.get(), i, &x, &y, &w, &h);
    bool take = false;
    for (const auto& [ly, lx0, lx1] : lines)
      if (std::abs(ly - (y + h / 2)) <= kSameLine && x + w >= lx0 && x <= lx1 + w) take = true;
    if (!take) take = widest > 0 && 2 * w >= widest && paper_beside(x, y, w, h);
    if (!take) continue;
    BoxPtr run(boxCreate(x, y, w, h));
    PixPtr ink(run ? pixClipRectangle(leaning, run.get(), nullptr) : nullptr);
    if (ink) pixRasterop(rules, x, y, w, h, PIX_SRC | PIX_DST, ink.get(), 0, 0);
  }
}

// Rules: long thin runs of ink, found by opening with a long flat (or tall
// thin) brick that no character survives: a few characters' length across, a
// fifth of an inch at least.
void FindRules(Pix* binary, int dpi, int char_height, bool photographed, PreparedImage* out,
               PixPtr* lines_mask) {
  const int hlen = std::max({30, dpi / 4, 5 * char_height / 2});
  const int vlen = std::max({20, dpi / 5, 2 * char_height});
  // Join pieces of a rule broken by noise or a faint scan.
  const int gap = std::max(5, dpi / 30);
  PixPtr hor, ver;
  if (photographed) {
    // A straightened photo's rules still lean a pixel or two along their
    // length (the sheet's corners are found to a few pixels), and a
    // hairline leaning so leaves no row or column of ink as long as a
    // rule: the ink is widened across first, and its breaks bridged,
    // before the opening (measured: a phone photo's table lost its two left
    // rules, another the rule under 管理人员人数). The breaks, where
    // resampling lost the hairline, are a third of a character long;
    // characters and lines of text stand further apart.
    const int bridge = std::max(gap, char_height / 3);
    hor.reset(pixOpenBrick(nullptr, binary, hlen, 1));
    PixPtr tall(pixDilateBrick(nullptr, binary, 1, 3));
    if (tall) pixCloseBrick(tall.get(), tall.get(), bridge, 1);
    PixPtr leaning(tall ? pixOpenBrick(nullptr, tall.get(), hlen, 1) : nullptr);
    if (hor && leaning) AddLeaningRules(binary, hor.get(), leaning.get(), char_height);
    PixPtr wide(pixDilateBrick(nullptr, binary, 3, 1));
    if (wide) pixCloseBrick(wide.get(), wide.get(), 1, bridge);
    if (wide) ver.reset(pixOpenBrick(nullptr, wide.get(), 1, vlen));
  } else {
    hor.reset(pixOpenBrick(nullptr, binary, hlen, 1));
    ver.reset(pixOpenBrick(nullptr, binary, 1, vlen));
  }
  if (!hor || !ver) return;
  pixCloseBrick(hor.get(), hor.get(), gap, 1);
  pixCloseBrick(ver.get(), ver.get(), 1, gap);
  const int max_thickness = std::max(6, dpi / 12);
  // The vertical rules, thin: a dark area (a desk, a blackboard, the floor
  // of a photographed room) survives the vertical opening whole too, and
  // left out of what a run across it joins it would leave that run a strip
  // of a line's height, taken for text and left in the text image for
  // Tesseract to read (measured: a classroom photo of development seed 25
  // took 6.5 s of CPU to read instead of 2.7, its floor read as a line of
  // 1s and bars).
  PixPtr vertical_rules(
      pixSelectBySize(ver.get(), max_thickness, 0, 8, L_SELECT_WIDTH, L_SELECT_IF_LTE, nullptr));
  BoxaPtr hb(pixConnComp(hor.get(), nullptr, 8));
  for (int i = 0; hb && i < boxaGetCount(hb.get()); ++i) {
    int x, y, w, h;
    boxaGetBoxGeometry(hb.get(), i, &x, &y, &w, &h);
    if (w < hlen) continue;
    // Heavy print joins a line's characters into a band thicker than a
    // rule: no rule either, and it stays in the text image too.
    if (StrokesOfText(binary, vertical_rules.get(), x, y, w, h, char_height, h > max_thickness)) {
      BoxPtr strokes(boxCreate(x, y, w, h));
      pixClearInRect(hor.get(), strokes.get());  // stays in the text image
      continue;
    }
    if (h > max_thickness) continue;
    out->h_rules.push_back({y + h / 2.0, double(x), double(x + w)});
  }
  // A dash that touches a crossing solid rule would be one mark with the
  // whole grid: the crossing rules are taken out first (measured: a phone
  // photo's hairlines, broken by resampling, met a crossing rule in every
  // row, and no vertical rule was found).
  auto add_dashed = [&](bool horizontal, int min_length, Pix* mask) {
    PixPtr crossing(horizontal ? pixDilateBrick(nullptr, ver.get(), 3, 1)
                               : pixDilateBrick(nullptr, hor.get(), 1, 3));
    PixPtr apart(crossing ? pixSubtract(nullptr, binary, crossing.get()) : nullptr);
    BoxaPtr marks(apart ? pixConnComp(apart.get(), nullptr, 8) : nullptr);
    if (!marks) return;
    std::vector<std::array<double, 3>> rules;
    std::vector<int> used;
    FindDashedRules(apart.get(), binary, marks.get(), horizontal, min_length, max_thickness,
                    char_height, &rules, &used);
    for (const auto& [across, lo, hi] : rules) {
      if (horizontal)
        out->h_rules.push_back({across, lo, hi});
      else
        out->v_rules.push_back({across, lo, hi});
    }
    for (int i : used) {
      BoxPtr dash(boxaGetBox(marks.get(), i, L_COPY));
      if (dash) pixSetInRect(mask, dash.get());
    }
  };
  add_dashed(true, hlen, hor.get());
  // A tall stroke of a title's large characters is as long as a short rule;
  // a table's rule meets a horizontal rule at an end, a stroke does not.
  auto meets_h_rule = [&](int x, int y0, int y1) {
    const int reach = std::max(gap, char_height / 2);
    for (const HRule& r : out->h_rules) {
      if (x < r.x0 - reach || x > r.x1 + reach) continue;
      if (std::abs(r.y - y0) <= reach || std::abs(r.y - y1) <= reach) return true;
    }
    return false;
  };
  BoxaPtr vb(pixConnComp(ver.get(), nullptr, 8));
  std::vector<std::array<int, 4>> columns;  // x, y, w, h of the runs kept so far
  for (int i = 0; vb && i < boxaGetCount(vb.get()); ++i) {
    int x, y, w, h;
    boxaGetBoxGeometry(vb.get(), i, &x, &y, &w, &h);
    if (h < vlen || w > max_thickness) continue;
    if (h < 4 * char_height && !meets_h_rule(x + w / 2, y, y + h)) {
      BoxPtr stroke(boxCreate(x, y, w, h));
      pixClearInRect(ver.get(), stroke.get());  // stays in the text image
      continue;
    }
    columns.push_back({x, y, w, h});
  }
  // On a photo, whose ink is bridged down the page, a short run within one
  // row is a rule only where its column goes on in another row: the strokes
  // of a row's characters bridged to the rules above and below them stand
  // anywhere (移动电话: 1|7621034085, cut after its 1).
  const int same_column = std::max(3, char_height / 4);
  for (const auto& [x, y, w, h] : columns) {
    const bool lone = photographed && h < 4 * char_height &&
                      std::none_of(columns.begin(), columns.end(), [&](const auto& other) {
                        const int ox = other[0], oy = other[1], ow = other[2], oh = other[3];
                        return std::abs((ox + ow / 2) - (x + w / 2)) <= same_column &&
                               (oy + oh <= y + gap || oy >= y + h - gap);
                      });
    if (lone) {
      BoxPtr stroke(boxCreate(x, y, w, h));
      pixClearInRect(ver.get(), stroke.get());
      continue;
    }
    out->v_rules.push_back({x + w / 2.0, double(y), double(y + h)});
  }
  add_dashed(false, vlen, ver.get());
  lines_mask->reset(pixOr(nullptr, hor.get(), ver.get()));
  // The rules' anti-aliased fringe goes with them.
  if (*lines_mask) pixDilateBrick(lines_mask->get(), lines_mask->get(), 3, 3);
}

// The rows of a table its long horizontal rules make: rules a quarter as
// long as the longest or more, apart by a character's height at least (a
// double frame's two lines are one).
int RuledRows(const PreparedImage& prep, int char_height) {
  std::vector<double> ys;
  double widest = 0;
  for (const HRule& r : prep.h_rules) widest = std::max(widest, r.x1 - r.x0);
  for (const HRule& r : prep.h_rules)
    if ((r.x1 - r.x0) * 4 >= widest) ys.push_back(r.y);
  std::sort(ys.begin(), ys.end());
  int rows = 0;
  for (size_t i = 1; i < ys.size(); ++i)
    if (ys[i] - ys[i - 1] >= std::max(char_height, 1)) ++rows;
  return rows;
}

// A table's column rule lost in some of its rows: a photo's hairline faded
// there, or a dashed rule's dashes came out too short to find. Where a
// column of one of the page's tables runs on as thin ink down a row of a
// table, from the row's rule above to its rule below, it is a rule there
// too, and its ink goes into `lines` (to be taken out of the text). `ink`
// is the image the rules were found on.
void CompleteColumns(Pix* ink, int char_height, PreparedImage* out, Pix* lines) {
  // A faded or dashed rule inks most of its row's height, with paper on
  // both sides all along; text crossing the column has its strokes' ink
  // beside it and fills as much of the row as its lines (measured: a
  // photo's faded hairlines filled 0.65-0.93 of their rows, paper beside
  // them at 0.97-1.00 of it; text 0.4-0.66, paper beside at 0.0-0.77).
  constexpr double kFilled = 0.6;
  constexpr double kThin = 0.9;
  if (!ink || char_height <= 0) return;
  const std::vector<Grid> grids = GridsOf(*out);
  const double tolerance = GridTolerance(out->dpi);
  std::vector<double> columns;
  for (const Grid& grid : grids) columns.insert(columns.end(), grid.xs.begin(), grid.xs.end());
  // The same column as two tables see it, a pixel or two apart, is one.
  const std::vector<double> xs = ClusterPositions(std::move(columns), tolerance);
  const int width = pixGetWidth(ink), height = pixGetHeight(ink);
  const int reach = std::max(2, char_height / 10);  // a rule's lean within a row
  const int beside = reach + std::max(2, char_height / 8);
  const int clear = std::max(2, char_height / 8);  // the rules' own ink at a row's ends
  auto inked = [&](int x, int y) {
    l_uint32 v = 0;
    return x >= 0 && y >= 0 && x < width && y < height && pixGetPixel(ink, x, y, &v) == 0 && v;
  };
  std::vector<VRule> found;
  for (const Grid& grid : grids) {
    for (int r = 0; r < grid.rows(); ++r) {
      const double top = grid.ys[r], bottom = grid.ys[r + 1];
      const int y0 = static_cast<int>(top) + clear, y1 = static_cast<int>(bottom) - clear;
      if (y1 - y0 < char_height / 2) continue;
      for (double x : xs) {
        if (x < grid.xs.front() - tolerance || x > grid.xs.back() + tolerance) continue;
        const bool ruled =
            std::any_of(out->v_rules.begin(), out->v_rules.end(), [&](const VRule& rule) {
              return std::abs(rule.x - x) <= tolerance && rule.y0 <= top + tolerance &&
                     rule.y1 >= bottom - tolerance;
            });
        if (ruled) continue;
        const int cx = static_cast<int>(std::lround(x));
        int filled = 0, thin = 0, first = -1, last = -1;
        for (int y = y0; y <= y1; ++y) {
          bool at = false;
          for (int dx = -reach; dx <= reach && !at; ++dx) at = inked(cx + dx, y);
          if (!at) continue;
          ++filled;
          thin += !inked(cx - beside, y) && !inked(cx + beside, y);
          if (first < 0) first = y;
          last = y;
        }
        // From rule to rule: a table ruled inside a cell has its columns'
        // rules stop short of the cell's.
        const int ends = std::max(2, char_height / 3);
        const int rows_high = y1 - y0 + 1;
        if (filled >= kFilled * rows_high && thin >= kThin * filled && first <= y0 + ends &&
            last >= y1 - ends)
          found.push_back({x, top, bottom});
      }
    }
  }
  for (const VRule& r : found) {
    out->v_rules.push_back(r);
    if (!lines) continue;
    const int x = static_cast<int>(std::lround(r.x)) - reach;
    const int y = static_cast<int>(r.y0), w = 2 * reach + 1, h = static_cast<int>(r.y1 - r.y0);
    BoxPtr box(boxCreate(x, y, w, h));
    PixPtr part(box ? pixClipRectangle(ink, box.get(), nullptr) : nullptr);
    if (part) pixRasterop(lines, x, y, w, h, PIX_SRC | PIX_DST, part.get(), 0, 0);
  }
}

// The height of a full character of the image's body text: the upper
// quartile of character-sized connected components (CJK characters come in
// several components, radicals and dots, mostly shorter than the character).
// 0 when there is too little text to tell.
int CharHeight(Pix* binary) {
  BoxaPtr boxes(pixConnComp(binary, nullptr, 8));
  std::vector<int> heights;
  for (int i = 0; boxes && i < boxaGetCount(boxes.get()); ++i) {
    int x, y, w, h;
    boxaGetBoxGeometry(boxes.get(), i, &x, &y, &w, &h);
    // Specks, rules and pictures are not characters.
    if (h >= 6 && h <= 500 && w <= 3 * h && w * 10 >= h) heights.push_back(h);
  }
  if (heights.size() < 5) return 0;
  auto q = heights.begin() + heights.size() * 3 / 4;
  std::nth_element(heights.begin(), q, heights.end());
  return *q;
}

struct Point {
  double x = 0, y = 0;
};

double Distance(const Point& a, const Point& b) { return std::hypot(a.x - b.x, a.y - b.y); }

// The area of a polygon given in order (shoelace).
double Area(const std::array<Point, 4>& q) {
  double twice = 0;
  for (int i = 0; i < 4; ++i) twice += q[i].x * q[(i + 1) % 4].y - q[(i + 1) % 4].x * q[i].y;
  return std::abs(twice) / 2;
}

// A region of a downscaled photo (`part`, 1 bpp, its box at `bx`, `by` in a
// `sw` × `sh` picture) as a sheet: its corners (top-left, top-right,
// bottom-right, bottom-left), or nullopt when it is not a quadrilateral it
// fills with corners near right angles.
std::optional<std::array<Point, 4>> Quadrilateral(Pix* part, int bx, int by, int sw, int sh) {
  const int bw = pixGetWidth(part), bh = pixGetHeight(part);
  // Corners are the extremes along the diagonals.
  double min_sum = 1e18, max_sum = -1e18, min_diff = 1e18, max_diff = -1e18;
  std::array<Point, 4> corner;
  long pixels = 0;
  const l_uint32* data = pixGetData(part);
  const int wpl = pixGetWpl(part);
  for (int y = 0; y < bh; ++y) {
    const l_uint32* line = data + static_cast<size_t>(y) * wpl;
    for (int x = 0; x < bw; ++x) {
      if (!GET_DATA_BIT(line, x)) continue;
      ++pixels;
      const double px = bx + x + 0.5, py = by + y + 0.5;
      if (px + py < min_sum) min_sum = px + py, corner[0] = {px, py};
      if (px - py > max_diff) max_diff = px - py, corner[1] = {px, py};
      if (px + py > max_sum) max_sum = px + py, corner[2] = {px, py};
      if (px - py < min_diff) min_diff = px - py, corner[3] = {px, py};
    }
  }
  // What the sheet encloses (its print, the inside of a ruled table) is
  // part of it.
  if (PixPtr holes{pixHolesByFilling(part, 4)}) {
    l_int32 enclosed = 0;
    pixCountPixels(holes.get(), &enclosed, nullptr);
    pixels += enclosed;
  }
  // Four corners make a quadrilateral the sheet fills, and a region
  // spilling far outside its corners is not a sheet.
  const double area = Area(corner);
  if (area < sw * sh / 5.0 || pixels < 0.85 * area || pixels > 1.05 * area) return std::nullopt;
  for (int i = 0; i < 4; ++i) {
    if (Distance(corner[i], corner[(i + 1) % 4]) < std::min(sw, sh) / 4.0) return std::nullopt;
    // A sheet seen at an angle keeps corners near right angles; a sharper
    // or flatter corner means the region is something else, and warping by
    // it would spoil a readable picture.
    const Point& a = corner[(i + 3) % 4];
    const Point& b = corner[i];
    const Point& c = corner[(i + 1) % 4];
    const double cosine =
        ((a.x - b.x) * (c.x - b.x) + (a.y - b.y) * (c.y - b.y)) / (Distance(a, b) * Distance(c, b));
    if (std::abs(cosine) > 0.5) return std::nullopt;  // outside 60°..120°
  }
  return corner;
}

// What a part touching the picture's edge says of the sheet: with kMeansNone
// the largest part being cut means there is no sheet (a scan's paper is the
// whole image); kPassedOver passes cut parts over (background far from the
// sheet); kKept takes the largest part, cut or not.
enum class CutPart { kMeansNone, kPassedOver, kKept };

struct LightPart {
  PixPtr pix;
  int x = 0, y = 0;  // its box's place in the picture
  bool cut = false;  // touching the picture's edge
};

// The largest connected part of `light` (1 bpp), a quarter of the picture
// or more.
std::optional<LightPart> LargestPart(Pix* light, CutPart cut_part) {
  const int sw = pixGetWidth(light), sh = pixGetHeight(light);
  // A part touching the picture's edge is cut off (or is a scan): its
  // corners are not where its extremes are.
  const int edge = 2;
  Pixa* parts_raw = nullptr;
  BoxaPtr boxes(pixConnComp(light, &parts_raw, 8));
  PixaPtr parts(parts_raw);
  if (!boxes || !parts) return std::nullopt;
  int best = -1, best_area = 0;
  LightPart out;
  for (int i = 0; i < boxaGetCount(boxes.get()); ++i) {
    int x, y, bw, bh;
    boxaGetBoxGeometry(boxes.get(), i, &x, &y, &bw, &bh);
    const bool cut = x < edge || y < edge || x + bw > sw - edge || y + bh > sh - edge;
    if ((cut && cut_part == CutPart::kPassedOver) || bw * bh <= best_area) continue;
    best_area = bw * bh, out.x = x, out.y = y, out.cut = cut;
    best = cut && cut_part == CutPart::kMeansNone ? -1 : i;
  }
  if (best < 0 || best_area < sw * sh / 4) return std::nullopt;
  out.pix.reset(pixaGetPix(parts.get(), best, L_CLONE));
  if (!out.pix) return std::nullopt;
  return out;
}

// The largest connected part of `light` (1 bpp) as a sheet wholly inside the
// picture.
std::optional<std::array<Point, 4>> SheetIn(Pix* light, CutPart cut_part) {
  std::optional<LightPart> part = LargestPart(light, cut_part);
  if (!part) return std::nullopt;
  return Quadrilateral(part->pix.get(), part->x, part->y, pixGetWidth(light), pixGetHeight(light));
}

// A sheet the picture's edge cuts through one corner (a phone held too
// close): the largest part of `light`, touching the edge, whose outline
// has three corners well inside the picture. The two sides running to the
// fourth leave the picture at the ends of the part's run along its edge;
// the fourth corner is where they would meet beyond it.
std::optional<std::array<Point, 4>> SheetCutAtOneCorner(Pix* light) {
  const int sw = pixGetWidth(light), sh = pixGetHeight(light);
  std::optional<LightPart> part = LargestPart(light, CutPart::kKept);
  if (!part || !part->cut) return std::nullopt;
  const int bx = part->x, by = part->y;
  std::optional<std::array<Point, 4>> q = Quadrilateral(part->pix.get(), bx, by, sw, sh);
  if (!q) return std::nullopt;
  const double near = 3;
  auto on_edge = [&](double x, double y) {
    return x < near || y < near || x > sw - near || y > sh - near;
  };
  int cut = -1;
  for (int i = 0; i < 4; ++i) {
    if (!on_edge((*q)[i].x, (*q)[i].y)) continue;
    if (cut >= 0) return std::nullopt;  // two corners cut
    cut = i;
  }
  if (cut < 0) return std::nullopt;
  const Point& before = (*q)[(cut + 3) % 4];
  const Point& after = (*q)[(cut + 1) % 4];
  // Where each side leaves the picture: the ends of the part's run along
  // the picture's edge. Going round the sheet clockwise, as its corners go,
  // the side from `before` reaches the edge at the run's first pixel
  // clockwise round the picture, and the side to `after` leaves at its last.
  const double perimeter = 2.0 * (sw + sh);
  auto clockwise = [&](const Point& p) {
    if (p.y < near) return p.x;
    if (p.x > sw - near) return sw + p.y;
    if (p.y > sh - near) return sw + sh + (sw - p.x);
    return 2.0 * sw + sh + (sh - p.y);
  };
  std::vector<std::pair<double, Point>> edge;
  const l_uint32* data = pixGetData(part->pix.get());
  const int wpl = pixGetWpl(part->pix.get());
  for (int y = 0; y < pixGetHeight(part->pix.get()); ++y) {
    const l_uint32* line = data + static_cast<size_t>(y) * wpl;
    for (int x = 0; x < pixGetWidth(part->pix.get()); ++x) {
      const Point p{bx + x + 0.5, by + y + 0.5};
      if (GET_DATA_BIT(line, x) && on_edge(p.x, p.y)) edge.emplace_back(clockwise(p), p);
    }
  }
  if (edge.size() < 2) return std::nullopt;
  std::sort(edge.begin(), edge.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  // The run is all of the edge but its widest gap, which may wrap round.
  size_t first = 0;
  double widest = edge.front().first + perimeter - edge.back().first;
  for (size_t i = 1; i < edge.size(); ++i) {
    if (edge[i].first - edge[i - 1].first > widest) {
      widest = edge[i].first - edge[i - 1].first;
      first = i;
    }
  }
  // One run: the rest of the picture's edge is background.
  if (widest < perimeter / 2) return std::nullopt;
  const Point exit_before = edge[first].second;
  const Point exit_after = edge[(first + edge.size() - 1) % edge.size()].second;
  // The lines before → exit_before and after → exit_after meet at the corner.
  const double dx1 = exit_before.x - before.x, dy1 = exit_before.y - before.y;
  const double dx2 = exit_after.x - after.x, dy2 = exit_after.y - after.y;
  const double cross = dx1 * dy2 - dy1 * dx2;
  if (std::abs(cross) < 1e-6 * std::hypot(dx1, dy1) * std::hypot(dx2, dy2)) return std::nullopt;
  const double t = ((after.x - before.x) * dy2 - (after.y - before.y) * dx2) / cross;
  const Point corner{before.x + t * dx1, before.y + t * dy1};
  // Beyond the edge, and by little: the sheet mostly in the picture.
  const double beyond = std::max({-corner.x, -corner.y, corner.x - sw, corner.y - sh});
  if (beyond < -near || beyond > std::min(sw, sh) * 0.15) return std::nullopt;
  (*q)[cut] = corner;
  return q;
}

// Paper is lighter than what it lies on, close to its edge, all around
// (the light varies slowly across a photo, so a neighbour shows the contrast
// where one threshold over the whole picture does not). Measured on the
// pictures of development seeds 11-30 and 40-49 (their inboxes' and their
// ZIPs' form photos) and of the bundled samples: the sheets found are 1.16
// times lighter or more on their dullest side; the regions this refuses
// (the inside of a rendered certificate's frame, a scan's table) have paper
// on both sides, 0.99-1.00, and so did Otsu's outlines that cut off a
// sheet's corner (1.01-1.02).
constexpr double kSheetContrast = 1.05;

// The dullest side's contrast of quadrilateral `q` in `gray`: the median,
// along the side, of the lightest gray just inside over the lightest just
// outside.
double SideContrast(Pix* gray, const std::array<Point, 4>& q) {
  const int w = pixGetWidth(gray), h = pixGetHeight(gray);
  // From beyond a wavy edge or an imprecise corner to within the sheet's
  // margin. The lightest of a stretch, not one pixel: a rule of print, or
  // of a certificate's frame, parallel to the side is no background.
  const double d = std::max(w, h) / 80.0;
  auto lightest = [&](double x, double y, double nx, double ny) {
    int out = -1;
    for (double k = d / 2; k <= 2 * d; k += 1) {
      const int px = static_cast<int>(x + nx * k), py = static_cast<int>(y + ny * k);
      if (px < 0 || py < 0 || px >= w || py >= h) break;  // off the picture
      l_uint32 level = 0;
      pixGetPixel(gray, px, py, &level);
      out = std::max(out, static_cast<int>(level));
    }
    return out;
  };
  const Point centre{(q[0].x + q[1].x + q[2].x + q[3].x) / 4,
                     (q[0].y + q[1].y + q[2].y + q[3].y) / 4};
  double dullest = 1e9;
  for (int i = 0; i < 4; ++i) {
    const Point& a = q[i];
    const Point& b = q[(i + 1) % 4];
    const double length = Distance(a, b);
    double nx = -(b.y - a.y) / length, ny = (b.x - a.x) / length;
    if (nx * (centre.x - a.x) + ny * (centre.y - a.y) > 0) nx = -nx, ny = -ny;  // outward
    std::vector<double> ratios;
    // Not near the corners, which the sides' normals miss.
    for (double t = 0.1; t <= 0.9; t += 0.04) {
      const double x = a.x + (b.x - a.x) * t, y = a.y + (b.y - a.y) * t;
      const int inside = lightest(x, y, -nx, -ny), outside = lightest(x, y, nx, ny);
      if (inside >= 0 && outside >= 0) ratios.push_back((inside + 1.0) / (outside + 1.0));
    }
    if (ratios.size() < 5) return 0;
    auto mid = ratios.begin() + ratios.size() / 2;
    std::nth_element(ratios.begin(), mid, ratios.end());
    dullest = std::min(dullest, *mid);
  }
  return dullest;
}

// What is light beside its surroundings: pixels at least kLocallyLight as
// light as the lightest pixel within some 3% of the picture around them.
// The band of background along a sheet's edge is dark beside the paper,
// whatever the gradient of the light or of the background across the
// picture, so the sheet stands apart from the background further off
// (which is light beside itself). Measured on the 92 form photos of
// development seeds 11-30 and 40-49: 0.88-0.95 found as many sheets (91),
// 0.97 fewer.
constexpr double kLocallyLight = 0.92;

PixPtr LocallyLight(Pix* gray) {
  const int w = pixGetWidth(gray), h = pixGetHeight(gray);
  const int size = std::max(w, h) / 30 * 2 + 1;  // odd, as the filter needs
  PixPtr lightest(pixDilateGray(gray, size, size));
  PixPtr out(pixCreate(w, h, 1));
  if (!lightest || !out) return nullptr;
  const l_uint32* level = pixGetData(gray);
  const l_uint32* around = pixGetData(lightest.get());
  l_uint32* light = pixGetData(out.get());
  const int wpl = pixGetWpl(gray), around_wpl = pixGetWpl(lightest.get()),
            light_wpl = pixGetWpl(out.get());
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      const int v = GET_DATA_BYTE(level + static_cast<size_t>(y) * wpl, x);
      const int m = GET_DATA_BYTE(around + static_cast<size_t>(y) * around_wpl, x);
      if (v + 1 >= kLocallyLight * (m + 1))
        SET_DATA_BIT(light + static_cast<size_t>(y) * light_wpl, x);
    }
  }
  return out;
}

// The sheet of a phone photo: the largest light region, when it is a
// quadrilateral lying wholly inside the picture on a darker background.
// Its corners (top-left, top-right, bottom-right, bottom-left) in `gray`'s
// pixels; nullopt for a scan (the sheet is the whole image), a sheet cut by
// the picture's edge, or anything not four-cornered.
std::optional<std::array<Point, 4>> FindSheet(Pix* gray) {
  const int w = pixGetWidth(gray), h = pixGetHeight(gray);
  // The outline needs no detail; 600 pixels across keep a corner within a
  // few source pixels.
  const double reduce = std::min(1.0, 600.0 / std::max(w, h));
  PixPtr small(reduce < 1 ? pixScaleAreaMap(gray, static_cast<l_float32>(reduce),
                                            static_cast<l_float32>(reduce))
                          : pixClone(gray));
  if (!small) return std::nullopt;
  const int sw = pixGetWidth(small.get()), sh = pixGetHeight(small.get());
  if (sw < 32 || sh < 32) return std::nullopt;
  auto lighter_than_around = [&](const std::optional<std::array<Point, 4>>& q) {
    return q && SideContrast(small.get(), *q) >= kSheetContrast;
  };
  // One Otsu threshold over the whole picture parts paper from an evenly
  // lit background.
  std::optional<std::array<Point, 4>> corner;
  Pix* dark_raw = nullptr;
  PixPtr otsu_light;
  if (pixOtsuAdaptiveThreshold(small.get(), sw, sh, 0, 0, 0.0f, nullptr, &dark_raw) == 0 &&
      dark_raw) {
    PixPtr dark(dark_raw);
    otsu_light.reset(pixInvert(nullptr, dark.get()));
    if (otsu_light) corner = SheetIn(otsu_light.get(), CutPart::kMeansNone);
  }
  // Under a gradient of light, or on a background as light as the paper in
  // places, no one threshold parts them: the paper's lightness beside its
  // surroundings does. Measured on the 92 form photos of development seeds
  // 11-30 and 40-49: Otsu found no sheet in 10 (one cut by the frame), and
  // in 2 an outline that cut off a dim corner (one side running through
  // paper) 5% and 17% of the sheet's width deep.
  if (!lighter_than_around(corner)) {
    corner.reset();
    if (PixPtr light = LocallyLight(small.get()))
      corner = SheetIn(light.get(), CutPart::kPassedOver);
  }
  // Measured on the 114 form photos of development seeds 52-83: one sheet
  // cut by the edge through a corner (seed 69), read unstraightened before.
  if (!lighter_than_around(corner) && otsu_light) corner = SheetCutAtOneCorner(otsu_light.get());
  if (!lighter_than_around(corner)) return std::nullopt;
  for (Point& p : *corner) p = {p.x / reduce, p.y / reduce};
  return corner;
}

// Maps the sheet onto an upright rectangle as large as its longer sides.
// Returns the rectified image and the map from its pixels to `gray`'s.
std::optional<std::pair<PixPtr, std::array<double, 8>>> Rectify(Pix* gray,
                                                                const std::array<Point, 4>& q) {
  const double width = std::max(Distance(q[0], q[1]), Distance(q[3], q[2]));
  const double height = std::max(Distance(q[0], q[3]), Distance(q[1], q[2]));
  // Leptonica's transform keeps the image's size: the rectangle must fit.
  const double fit = std::min({1.0, pixGetWidth(gray) / width, pixGetHeight(gray) / height});
  const double W = std::floor(width * fit), H = std::floor(height * fit);
  PtaPtr rect(ptaCreate(4)), sheet(ptaCreate(4));
  const Point target[4] = {{0, 0}, {W, 0}, {W, H}, {0, H}};
  for (int i = 0; i < 4; ++i) {
    ptaAddPt(rect.get(), static_cast<l_float32>(target[i].x), static_cast<l_float32>(target[i].y));
    ptaAddPt(sheet.get(), static_cast<l_float32>(q[i].x), static_cast<l_float32>(q[i].y));
  }
  l_float32* coeffs = nullptr;
  // The coefficients take a rectified pixel to the source pixel it shows.
  if (getProjectiveXformCoeffs(rect.get(), sheet.get(), &coeffs) != 0 || !coeffs)
    return std::nullopt;
  std::array<double, 8> map;
  for (int i = 0; i < 8; ++i) map[i] = coeffs[i];
  PixPtr warped(pixProjectiveGray(gray, coeffs, 255));
  LEPT_FREE(coeffs);
  if (!warped) return std::nullopt;
  BoxPtr keep(boxCreate(0, 0, static_cast<int>(W), static_cast<int>(H)));
  PixPtr out(pixClipRectangle(warped.get(), keep.get(), nullptr));
  if (!out) return std::nullopt;
  return std::make_pair(std::move(out), map);
}

}  // namespace

double GridTolerance(int dpi) { return std::max(6.0, dpi / 25.0); }

std::vector<Grid> GridsOf(const PreparedImage& prepared) {
  return FindGrids(prepared.h_rules, prepared.v_rules, GridTolerance(prepared.dpi));
}

void RemoveRed(Pix* rgb) {
  if (!rgb || pixGetDepth(rgb) != 32) return;
  const int w = pixGetWidth(rgb), h = pixGetHeight(rgb), wpl = pixGetWpl(rgb);
  l_uint32* data = pixGetData(rgb);
  for (int y = 0; y < h; ++y) {
    l_uint32* line = data + static_cast<size_t>(y) * wpl;
    for (int x = 0; x < w; ++x) {
      const int r = (line[x] >> L_RED_SHIFT) & 0xff;
      const int g = (line[x] >> L_GREEN_SHIFT) & 0xff;
      const int b = (line[x] >> L_BLUE_SHIFT) & 0xff;
      // Seal ink (and its pink JPEG halo) is much redder than it is green or
      // blue. Seen through a red filter it is as light as the paper, while
      // black text, under the seal or not, stays dark: such pixels keep only
      // their red channel.
      if (IsSealRed(r, g, b)) {
        const l_uint32 v = static_cast<l_uint32>(r);
        line[x] = (v << L_RED_SHIFT) | (v << L_GREEN_SHIFT) | (v << L_BLUE_SHIFT);
      }
    }
  }
}

BBox PreparedImage::ToSource(const BBox& box) const {
  const double cx = pixGetWidth(binary.get()) / 2.0, cy = pixGetHeight(binary.get()) / 2.0;
  const double t = -angle * kPi / 180.0, c = std::cos(t), s = std::sin(t);
  double xs[4] = {box.x0, box.x1, box.x0, box.x1}, ys[4] = {box.y0, box.y0, box.y1, box.y1};
  BBox out{1e18, 1e18, -1e18, -1e18};
  for (int i = 0; i < 4; ++i) {
    // pixRotate turned the image clockwise about its centre by `angle`;
    // turning back is the same rotation by -angle.
    const double dx = xs[i] - cx, dy = ys[i] - cy;
    double x = cx + dx * c - dy * s, y = cy + dx * s + dy * c;
    if (rectified) {
      const std::array<double, 8>& m = sheet_map;
      const double d = m[6] * x + m[7] * y + 1;
      const double sx = (m[0] * x + m[1] * y + m[2]) / d, sy = (m[3] * x + m[4] * y + m[5]) / d;
      x = sx, y = sy;
    }
    x /= scale, y /= scale;
    out.x0 = std::min(out.x0, x), out.y0 = std::min(out.y0, y);
    out.x1 = std::max(out.x1, x), out.y1 = std::max(out.y1, y);
  }
  out.x0 = std::clamp(out.x0, 0.0, double(src_width));
  out.x1 = std::clamp(out.x1, 0.0, double(src_width));
  out.y0 = std::clamp(out.y0, 0.0, double(src_height));
  out.y1 = std::clamp(out.y1, 0.0, double(src_height));
  return out;
}

Result<PreparedImage> PrepareForOcr(Pix* source, int dpi) {
  PreparedImage out;
  out.src_width = pixGetWidth(source);
  out.src_height = pixGetHeight(source);
  bool red_print = false;
  PixPtr gray = ToGray(source, &red_print);
  if (!gray) return Status::Internal("the image could not be prepared for OCR");
  PixPtr binary = Binarize(gray.get());
  if (!binary) return Status::Internal("the image could not be prepared for OCR");
  int char_height = CharHeight(binary.get());
  const bool known_dpi = dpi > 0;
  if (!known_dpi) {
    // A photo or an image file: its resolution field is seldom true (phones
    // write 72), so the text's own size decides, taken as body text whose
    // characters are some 0.15 inch tall.
    dpi = char_height > 0 ? std::clamp(static_cast<int>(char_height / 0.15), 50, 1500) : 300;
  }
  // Tesseract's Chinese model reads body text best at some 30 pixels a
  // character: measured on 300 dpi scans, the same pages at 200 dpi read as
  // well or better, in two thirds of the time. A rendered page is not taken
  // below 200 dpi, so that small print keeps its strokes.
  double scale = 1;
  if (char_height > 0) {
    scale = kTargetCharHeight / char_height;
    scale = known_dpi ? std::clamp(scale, std::min(1.0, 200.0 / dpi), 1.0)
                      : std::clamp(scale, 0.25, 3.0);
    if (std::abs(scale - 1) < 0.08) scale = 1;
  }
  if (scale != 1) {
    PixPtr scaled(scale < 1 ? pixScaleAreaMap(gray.get(), scale, scale)
                            : pixScale(gray.get(), scale, scale));
    PixPtr rebinarized = scaled ? Binarize(scaled.get()) : nullptr;
    if (rebinarized) {
      gray = std::move(scaled);
      binary = std::move(rebinarized);
      dpi = static_cast<int>(dpi * scale);
      char_height = static_cast<int>(char_height * scale);
    } else {
      scale = 1;
    }
  }
  out.scale = scale;
  out.dpi = dpi;
  out.dpi_estimated = !known_dpi;
  int text_threshold = kBinarizeThreshold;

  // A photo's sheet seen at an angle has rules that converge: no rotation
  // straightens them all, and cells run into each other. Only for images
  // whose resolution is unknown: a scanner's or a renderer's page is flat.
  if (!known_dpi) {
    if (auto sheet = FindSheet(gray.get())) {
      if (auto rectified = Rectify(gray.get(), *sheet)) {
        PixPtr rebinarized = Binarize(rectified->first.get());
        if (rebinarized) {
          gray = std::move(rectified->first);
          binary = std::move(rebinarized);
          out.rectified = true;
          out.sheet_map = rectified->second;
          // Only a photographed sheet: a screenshot's or a rendered
          // certificate's crisp print is as thin, and reads well as it is.
          text_threshold = DarkenThinInk(gray.get(), char_height, &binary);
        }
      }
    }
  }

  l_float32 angle = 0, conf = 0;
  if (pixFindSkew(binary.get(), &angle, &conf) == 0 && conf >= 2.5 && std::abs(angle) >= 0.08) {
    PixPtr rotated(pixRotate(gray.get(), static_cast<l_float32>(angle * kPi / 180.0),
                             L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0));
    if (rotated) {
      PixPtr rebinarized = Binarize(rotated.get(), text_threshold);
      if (rebinarized) {
        binary = std::move(rebinarized);
        gray = std::move(rotated);
        out.angle = angle;
      }
    }
  }
  // The rules and the layout are found on the ink as it is (a lighter
  // threshold breaks thin rules); only the text read is lightened, and only
  // on scanned pages: a photo's ink is as heavy from blur, which a darker
  // threshold does not undo (measured: photos read worse).
  PixPtr text(pixClone(binary.get()));
  if (known_dpi) LightenHeavyInk(gray.get(), char_height, red_print, &text);
  out.gray = std::move(gray);

  PixPtr lines;
  FindRules(binary.get(), dpi, char_height, out.rectified, &out, &lines);
  // A photo's rules are thin and faint (a hairline blurred across a few
  // pixels): at the text's threshold they break into dashes, no grid is
  // found, and the whole page goes to layout analysis, which reads a form
  // badly. A lighter threshold keeps them whole; it is taken when it finds
  // more of a table's rows (a certificate's tinted frame is no table), or
  // as many and more cells.
  // Scans and rendered pages have whole rules.
  PixPtr rule_ink =
      known_dpi ? PixPtr(pixClone(binary.get())) : Binarize(out.gray.get(), kPhotoRuleThreshold);
  if (!known_dpi && rule_ink) {
    PreparedImage lighter;
    lighter.dpi = out.dpi;
    PixPtr lighter_lines;
    FindRules(rule_ink.get(), dpi, char_height, out.rectified, &lighter, &lighter_lines);
    const int rows = RuledRows(lighter, char_height), darker_rows = RuledRows(out, char_height);
    // As many rows, more cells: the darker threshold found a table's rows
    // and lost its columns, whose short rules broke into dashes (measured:
    // a photo's 师资 table read as lines, three counts lost; 6 and 14 cells
    // more). One cell more is one row parted once, as a character's stroke
    // taken for a rule parts it (measured: an address cut after 滨州, a
    // stroke of 市 read as a column rule); a lost column parts more.
    constexpr size_t kFewestCellsGained = 2;
    auto cells = [](const PreparedImage& prepared) {
      size_t count = 0;
      for (const Grid& grid : GridsOf(prepared)) count += grid.cells.size();
      return count;
    };
    // Not both: the darker threshold's rules of a bent sheet are wavy
    // pieces that, added to the lighter's, merged rows (measured: a photo's
    // unit name ran into its credit code's row).
    if (rows >= kFewestTableRows &&
        (rows > darker_rows ||
         (rows == darker_rows && cells(lighter) >= cells(out) + kFewestCellsGained))) {
      out.h_rules = std::move(lighter.h_rules);
      out.v_rules = std::move(lighter.v_rules);
      lines = std::move(lighter_lines);
    }
  }
  CompleteColumns(rule_ink.get(), char_height, &out, lines.get());
  if (lines && text) {
    out.text_only.reset(pixSubtract(nullptr, text.get(), lines.get()));
  }
  if (!out.text_only) out.text_only.reset(pixCopy(nullptr, text ? text.get() : binary.get()));
  if (out.text_only) RemoveSpecks(out.text_only.get(), char_height, /*scanned=*/known_dpi);
  out.binary = std::move(binary);
  return out;
}

}  // namespace dossier::extract_internal
