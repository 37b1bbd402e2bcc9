// OCR of images: text drawn with a real CJK font, turned, stamped with a red
// seal, then read back; the words must say what was drawn and sit where it
// was drawn.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <vector>

#include "dossier/common/text.h"
#include "dossier/common/whole_file.h"
#include "dossier/extract/extractor.h"
#include "extract/pdf_test_util.h"

namespace dossier {
namespace {

using testing::Cx;
using testing::Cy;
using testing::DrawText;

constexpr double kPi = 3.14159265358979323846;

// OCR may write a colon or a hyphen in either width and put spaces between
// characters; what matters is the characters.
std::string Plain(std::string_view s) {
  std::string out;
  for (char32_t c : text::ToU32(text::FullWidthToAscii(s))) {
    if (text::IsSpace(c)) continue;
    text::AppendUtf8(out, c);
  }
  return out;
}

std::string AllText(const Document& doc) {
  std::string out;
  for (const Span& s : doc.spans) out += s.text + "\n";
  return out;
}

// The share of the characters of `drawn` that `read` holds, each counted
// once, in any order: OCR of hard print misreads a character here and
// there, and losing a line or a cell is what a test looks for.
double ShareRead(const std::string& drawn, const std::string& read) {
  const std::u32string want = text::ToU32(Plain(drawn));
  std::u32string got = text::ToU32(Plain(read));
  size_t found = 0;
  for (char32_t c : want) {
    if (size_t at = got.find(c); at != std::u32string::npos) {
      ++found;
      got.erase(at, 1);
    }
  }
  return static_cast<double>(found) / static_cast<double>(want.size());
}

// The last span that reads `text`, as Plain compares them; null if none.
const Span* SpanReading(const Document& doc, std::string_view text) {
  const Span* found = nullptr;
  for (const Span& s : doc.spans)
    if (Plain(s.text) == Plain(text)) found = &s;
  return found;
}

// The device box of a user-space box under cr's current transformation.
BBox DeviceBox(cairo_t* cr, const BBox& b) {
  double xs[4] = {b.x0, b.x1, b.x0, b.x1}, ys[4] = {b.y0, b.y0, b.y1, b.y1};
  BBox out{1e9, 1e9, -1e9, -1e9};
  for (int i = 0; i < 4; ++i) {
    cairo_user_to_device(cr, &xs[i], &ys[i]);
    out.x0 = std::min(out.x0, xs[i]), out.y0 = std::min(out.y0, ys[i]);
    out.x1 = std::max(out.x1, xs[i]), out.y1 = std::max(out.y1, ys[i]);
  }
  return out;
}

// A stamp: its ink darkens what is under it (multiply), as on paper, so
// black text under it stays black.
void RedSeal(cairo_t* cr, double cx, double cy, double r) {
  cairo_save(cr);
  cairo_set_operator(cr, CAIRO_OPERATOR_MULTIPLY);
  cairo_set_source_rgba(cr, 0.86, 0.1, 0.12, 0.9);
  cairo_set_line_width(cr, r / 9);
  // Without a new path the ring would be joined by a line to where the last
  // text ended.
  cairo_new_path(cr);
  cairo_arc(cr, cx, cy, r, 0, 2 * kPi);
  cairo_stroke(cr);
  cairo_arc(cr, cx, cy, r / 4, 0, 2 * kPi);
  cairo_fill(cr);
  cairo_restore(cr);
}

bool Within(const BBox& inner, const BBox& outer, double slack) {
  return inner.x0 >= outer.x0 - slack && inner.y0 >= outer.y0 - slack &&
         inner.x1 <= outer.x1 + slack && inner.y1 <= outer.y1 + slack;
}

TEST(OcrImage, SkewedTextUnderARedSealIsReadAndPlacedWhereItWasDrawn) {
  const std::string line1 = "单位名称：济南市职业技术学院";
  const std::string line2 = "联系电话：0531-88886666";
  BBox drawn1, drawn2;
  cairo_surface_t* image = testing::MakeImage(1500, 520, [&](cairo_t* cr) {
    // Turned 1.5° about the image centre, like a sheet fed askew.
    cairo_translate(cr, 750, 260);
    cairo_rotate(cr, 1.5 * kPi / 180);
    cairo_translate(cr, -750, -260);
    drawn1 = DeviceBox(cr, DrawText(cr, 120, 120, line1, 60));
    drawn2 = DeviceBox(cr, DrawText(cr, 120, 300, line2, 60));
    cairo_identity_matrix(cr);
    // A seal over the end of the first line.
    RedSeal(cr, 900, 180, 140);
  });
  std::string png = testing::PngBytes(image);
  cairo_surface_destroy(image);

  Result<Document> doc = ReadImage(png);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  ASSERT_EQ(doc->pages.size(), 1u);
  EXPECT_EQ(doc->pages[0].method, ReadMethod::kOcr);
  EXPECT_EQ(doc->pages[0].how_read, "OCR: image");
  EXPECT_EQ(doc->pages[0].width, 1500);
  EXPECT_EQ(doc->pages[0].height, 520);
  ASSERT_EQ(doc->spans.size(), 2u) << AllText(*doc);
  EXPECT_EQ(Plain(doc->spans[0].text), Plain(line1));
  EXPECT_EQ(Plain(doc->spans[1].text), Plain(line2));
  const BBox* drawn[2] = {&drawn1, &drawn2};
  for (int i = 0; i < 2; ++i) {
    const Span& s = doc->spans[i];
    EXPECT_EQ(s.method, ReadMethod::kOcr);
    EXPECT_EQ(s.page, 1);
    EXPECT_EQ(s.locator, "page 1 line " + std::to_string(i + 1));
    EXPECT_GT(s.confidence, 0.5);
    EXPECT_LE(s.confidence, 1.0);
    ASSERT_TRUE(s.bbox);
    // The line's box is the drawn text's box (turned text has a taller box).
    EXPECT_NEAR(s.bbox->x0, drawn[i]->x0, 20);
    EXPECT_NEAR(s.bbox->x1, drawn[i]->x1, 20);
    EXPECT_NEAR(Cy(*s.bbox), Cy(*drawn[i]), 12);
    ASSERT_FALSE(s.words.empty());
    for (const WordBox& w : s.words) {
      EXPECT_TRUE(Within(w.bbox, *drawn[i], 12))
          << w.text << " at " << w.bbox.x0 << "," << w.bbox.y0 << "-" << w.bbox.x1 << ","
          << w.bbox.y1;
      EXPECT_GE(w.confidence, 0);
      EXPECT_LE(w.confidence, 1);
    }
  }
  // Left to right, the words follow the text's slope downwards: the deskew
  // was undone for every word, not just for the line.
  const std::vector<WordBox>& words = doc->spans[0].words;
  if (words.size() >= 2) {
    EXPECT_GT(Cy(words.back().bbox), Cy(words.front().bbox));
  }
}

// Text drawn in a colour: DrawText's black ink used as a mask.
BBox DrawColouredText(cairo_t* cr, double x, double y, const std::string& text, double size,
                      double r, double g, double b, const char* family = "Noto Sans CJK SC") {
  cairo_push_group(cr);
  const BBox box = DrawText(cr, x, y, text, size, family);
  cairo_pattern_t* ink = cairo_pop_group(cr);
  cairo_set_source_rgb(cr, r, g, b);
  cairo_mask(cr, ink);
  cairo_pattern_destroy(ink);
  return box;
}

TEST(OcrImage, ALicencePrintedInRedIsReadNotTakenForASeal) {
  // Title, labels and values in a licence's dark red; only the code is
  // black; and its own seal, which is not print.
  const std::vector<std::string> lines = {"名称 济南致远职业技能培训有限公司", "法定代表人 翁华",
                                          "经营范围 职业技能培训 教育咨询服务",
                                          "住所 济南市平阴县旅游路17113号"};
  cairo_surface_t* image = testing::MakeImage(1400, 900, [&](cairo_t* cr) {
    DrawText(cr, 80, 60, "913700008471166829", 40);
    DrawColouredText(cr, 520, 120, "营业执照", 90, 0.62, 0.08, 0.08);
    for (size_t i = 0; i < lines.size(); ++i)
      DrawColouredText(cr, 120, 330 + 110 * static_cast<double>(i), lines[i], 52, 0.62, 0.08, 0.08);
    RedSeal(cr, 1250, 820, 70);
  });
  std::string png = testing::PngBytes(image);
  cairo_surface_destroy(image);
  Result<Document> doc = ReadImage(png);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  const std::string all = Plain(AllText(*doc));
  EXPECT_NE(all.find(Plain("执照")), std::string::npos) << AllText(*doc);
  for (const std::string& line : lines)
    EXPECT_NE(all.find(Plain(line)), std::string::npos) << line << "\n" << AllText(*doc);
}

TEST(OcrImage, AScannedLicenceInBoldRedPrintKeepsItsStrokes) {
  // A licence scanned at 300 dpi, its labels and values in bold dark red on
  // tinted paper. Bold print is thresholded darker to part its strokes, but
  // red ink is lighter than black: a threshold for black print would erase
  // whole characters of it.
  const std::vector<std::string> lines = {"名称 山东天成文化旅游集团培训中心有限公司",
                                          "类型 有限责任公司", "法定代表人 钱维国",
                                          "经营范围 专业技术人员继续教育培训"};
  cairo_surface_t* image = testing::MakeImage(3508, 2480, [&](cairo_t* cr) {
    cairo_set_source_rgb(cr, 0.96, 0.92, 0.92);
    cairo_paint(cr);
    DrawText(cr, 180, 150, "91371321MAM5R5FR9G", 46);
    for (size_t i = 0; i < lines.size(); ++i) {
      // Drawn thrice, a little apart: ink bled by the scanner.
      cairo_push_group(cr);
      for (double bleed : {0.0, 2.0, 4.0})
        DrawText(cr, 300 + bleed, 700 + 200 * static_cast<double>(i) + bleed / 2, lines[i], 58,
                 "Noto Sans CJK SC Bold");
      cairo_pattern_t* ink = cairo_pop_group(cr);
      cairo_set_source_rgb(cr, 0.72, 0.1, 0.1);
      cairo_mask(cr, ink);
      cairo_pattern_destroy(ink);
    }
  });
  const std::string pdf = testing::ImagePdf(image, 841.92, 595.44);
  cairo_surface_destroy(image);
  Result<Document> doc = ReadPdf(pdf);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  const std::string all = Plain(AllText(*doc));
  for (const std::string& line : lines)
    EXPECT_NE(all.find(Plain(line)), std::string::npos) << line << "\n" << AllText(*doc);
}

TEST(OcrImage, ACertificateInHeavyPrintStrewnWithSpecksHasItsLabelsAndValuesRead) {
  // A licence scanned from a grainy copy: heavy print whose strokes touch
  // from character to character, and dust all over the paper. Neither the
  // strokes joined along a line are rules, nor is the column of labels a
  // picture.
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"名    称", "聊城市数字经济继续教育中心"},
      {"宗旨和业务范围", "为数字技术行业人才培养提供服务。业务培训、继续教育"},
      {"住    所", "聊城市东阿县光岳路18783号"},
      {"法定代表人", "李嘉怡"},
      {"举办单位", "聊城市人民政府"}};
  cairo_surface_t* image = testing::MakeImage(1654, 1400, [&](cairo_t* cr) {
    DrawText(cr, 520, 120, "事业单位法人证书", 90, "Noto Serif CJK SC Black");
    for (size_t i = 0; i < rows.size(); ++i) {
      const double y = 400 + 110 * static_cast<double>(i);
      DrawText(cr, 230, y, rows[i].first, 36, "Noto Serif CJK SC Black");
      DrawText(cr, 560, y, rows[i].second, 36, "Noto Serif CJK SC Black");
    }
    // Dust: a fixed scatter of specks a pixel or three across.
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    unsigned state = 12345;
    auto next = [&state] { return (state = state * 1103515245u + 12345u) >> 8; };
    for (int k = 0; k < 2500; ++k) {
      const double x = next() % 1654, y = next() % 1400, r = 0.8 + (next() % 10) / 10.0;
      cairo_arc(cr, x, y, r, 0, 2 * kPi);
      cairo_fill(cr);
    }
  });
  std::string png = testing::PngBytes(image);
  cairo_surface_destroy(image);
  Result<Document> doc = ReadImage(png);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  // OCR of such print misreads a character here and there; what must not
  // happen is a line lost: each row's label and value are read on one line,
  // most of their characters right.
  auto best_line = [&](const std::string& drawn) {
    const Span* best = nullptr;
    for (const Span& span : doc->spans)
      if (!best || ShareRead(drawn, span.text) > ShareRead(drawn, best->text)) best = &span;
    return best;
  };
  EXPECT_GE(ShareRead("事业单位法人证书", best_line("事业单位法人证书")->text), 0.75)
      << AllText(*doc);
  for (const auto& [label, value] : rows) {
    const Span* line = best_line(value);
    EXPECT_GE(ShareRead(value, line->text), 0.75) << value << "\n" << AllText(*doc);
    EXPECT_GE(ShareRead(label, line->text), 0.5) << label << "\n" << AllText(*doc);
  }
}

// APP1 with an EXIF block whose IFD0 holds only Orientation.
std::string WithExifOrientation(const std::string& jpeg, int orientation) {
  std::string tiff("MM\0*\0\0\0\x08", 8);
  tiff += std::string("\0\x01", 2);                    // one entry
  tiff += std::string("\x01\x12\0\x03\0\0\0\x01", 8);  // Orientation, SHORT, count 1
  tiff += std::string("\0", 1) + static_cast<char>(orientation) + std::string("\0\0", 2);
  tiff += std::string("\0\0\0\0", 4);  // no next IFD
  std::string payload = std::string("Exif\0\0", 6) + tiff;
  size_t len = payload.size() + 2;
  std::string app1 = "\xFF\xE1";
  app1 += static_cast<char>(len >> 8);
  app1 += static_cast<char>(len & 0xff);
  return jpeg.substr(0, 2) + app1 + payload + jpeg.substr(2);
}

TEST(OcrImage, ExifOrientationIsHonouredAndBoxesAreInDisplayedPixels) {
  BBox drawn;
  cairo_surface_t* image = testing::MakeImage(
      1000, 260, [&](cairo_t* cr) { drawn = DrawText(cr, 80, 80, "申报单位：青岛海洋学院", 60); });
  Pix* shown = testing::ToPix(image);
  cairo_surface_destroy(image);
  // Stored a quarter turn anticlockwise; orientation 6 says: turn it
  // clockwise to display.
  Pix* stored = pixRotateOrth(shown, 3);
  std::string jpeg = WithExifOrientation(testing::JpegBytes(stored), 6);
  pixDestroy(&shown);
  pixDestroy(&stored);

  Result<Document> doc = ReadImage(jpeg);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  ASSERT_EQ(doc->pages.size(), 1u);
  EXPECT_EQ(doc->pages[0].width, 1000);
  EXPECT_EQ(doc->pages[0].height, 260);
  ASSERT_EQ(doc->spans.size(), 1u) << AllText(*doc);
  EXPECT_EQ(Plain(doc->spans[0].text), Plain("申报单位：青岛海洋学院"));
  ASSERT_TRUE(doc->spans[0].bbox);
  EXPECT_TRUE(Within(*doc->spans[0].bbox, drawn, 12));
  EXPECT_NEAR(Cx(*doc->spans[0].bbox), Cx(drawn), 15);
}

TEST(OcrImage, EveryPageOfAMultipageTiffIsRead) {
  Pixa* pixa = pixaCreate(2);
  const char* texts[2] = {"培训证明：山东省人社厅", "师资名单：专职教师"};
  for (const char* t : texts) {
    cairo_surface_t* image =
        testing::MakeImage(900, 220, [&](cairo_t* cr) { DrawText(cr, 60, 60, t, 56); });
    Pix* pix = testing::ToPix(image);
    cairo_surface_destroy(image);
    pixaAddPix(pixa, pix, L_INSERT);
  }
  l_uint8* data = nullptr;
  size_t size = 0;
  ASSERT_EQ(pixaWriteMemMultipageTiff(&data, &size, pixa), 0);
  std::string tiff(reinterpret_cast<const char*>(data), size);
  lept_free(data);
  pixaDestroy(&pixa);

  Result<Document> doc = ReadImage(tiff);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  ASSERT_EQ(doc->pages.size(), 2u);
  ASSERT_EQ(doc->spans.size(), 2u) << AllText(*doc);
  EXPECT_EQ(doc->spans[0].page, 1);
  EXPECT_EQ(doc->spans[1].page, 2);
  EXPECT_EQ(doc->spans[1].locator, "page 2 line 1");
  EXPECT_EQ(Plain(doc->spans[0].text), Plain(texts[0]));
  EXPECT_EQ(Plain(doc->spans[1].text), Plain(texts[1]));
}

// Where a point of the flat sheet lands in the photo: Leptonica's projective
// map, with the coefficients of `ptas` → `ptad`.
void Project(l_float32* coeffs, double x, double y, double* px, double* py) {
  const double d = coeffs[6] * x + coeffs[7] * y + 1;
  *px = (coeffs[0] * x + coeffs[1] * y + coeffs[2]) / d;
  *py = (coeffs[3] * x + coeffs[4] * y + coeffs[5]) / d;
}

// Four points as a Leptonica point array.
Pta* Corners(const double (&pts)[4][2]) {
  Pta* out = ptaCreate(4);
  for (const auto& p : pts)
    ptaAddPt(out, static_cast<l_float32>(p[0]), static_cast<l_float32>(p[1]));
  return out;
}

// The form the photos below show, on a sheet 1000 × 900 at the top left of
// `cr`: a title and a ruled table of `rows` (label, value). Returns the boxes
// of the cells' text, row by row.
std::vector<BBox> DrawForm(cairo_t* cr, const std::vector<std::vector<std::string>>& rows) {
  DrawText(cr, 250, 60, "继续教育基地申报表", 44);
  // Rules of a printed form: a point wide at the photo's resolution.
  return testing::DrawTable(cr, 60, 200, {280, 600}, 120, rows, 34, 3);
}

// Every label and value of `rows` (drawn at `drawn` on the flat sheet) read
// in its own cell, and placed on the photo where `to_photo` put it.
void ExpectReadCellByCellOnThePhoto(const Document& doc,
                                    const std::vector<std::vector<std::string>>& rows,
                                    const std::vector<BBox>& drawn, l_float32* to_photo) {
  for (size_t r = 0; r < rows.size(); ++r) {
    for (size_t c = 0; c < 2; ++c) {
      SCOPED_TRACE(rows[r][c]);
      const Span* found = SpanReading(doc, rows[r][c]);
      ASSERT_NE(found, nullptr) << AllText(doc);
      // Its own cell: a label never shares a cell with its value.
      EXPECT_EQ(found->col, static_cast<int>(c)) << found->locator;
      EXPECT_GE(found->table, 0) << found->locator;
      ASSERT_TRUE(found->bbox);
      const BBox& b = drawn[r * 2 + c];
      double x, y;
      Project(to_photo, Cx(b), Cy(b), &x, &y);
      EXPECT_NEAR(Cx(*found->bbox), x, 15) << found->locator;
      EXPECT_NEAR(Cy(*found->bbox), y, 12) << found->locator;
    }
  }
}

// The form of `rows` on a sheet 1000 × 900 lying on a dark table, photographed
// so that the sheet's corners land at `corners` of a 1400 × 1300 picture:
// the JPEG, the boxes of the cells' text on the flat sheet (`drawn`), and the
// map from the sheet to the photo (`to_photo`, the caller frees it).
std::string PhotographOnADarkTable(const std::vector<std::vector<std::string>>& rows,
                                   const double (&corners)[4][2], std::vector<BBox>* drawn,
                                   l_float32** to_photo) {
  const int sheet_w = 1000, sheet_h = 900, photo_w = 1400, photo_h = 1300;
  cairo_surface_t* canvas = testing::MakeImage(photo_w, photo_h, [&](cairo_t* cr) {
    // The table under the sheet, and the sheet in the canvas's corner; the
    // projective map below puts it where the photo shows it.
    cairo_set_source_rgb(cr, 0.30, 0.24, 0.20);
    cairo_paint(cr);
    cairo_set_source_rgb(cr, 0.97, 0.97, 0.95);
    cairo_rectangle(cr, 0, 0, sheet_w, sheet_h);
    cairo_fill(cr);
    *drawn = DrawForm(cr, rows);
  });
  Pix* flat = testing::ToPix(canvas);
  cairo_surface_destroy(canvas);
  Pta* sheet = Corners({{0, 0}, {sheet_w, 0}, {sheet_w, sheet_h}, {0, sheet_h}});
  Pta* photo = Corners(corners);
  // pixProjectivePta(src, ptad, ptas): the photo's points are where the
  // sheet's corners go; what falls outside the canvas comes in black.
  Pix* shot = pixProjectivePta(flat, photo, sheet, L_BRING_IN_BLACK);
  EXPECT_EQ(getProjectiveXformCoeffs(sheet, photo, to_photo), 0);
  std::string jpeg = testing::JpegBytes(shot, 88);
  pixDestroy(&flat);
  pixDestroy(&shot);
  ptaDestroy(&sheet);
  ptaDestroy(&photo);
  return jpeg;
}

// A phone photo of a ruled form taken at an angle: its rules converge, so no
// rotation straightens them. The sheet is found on the darker table it lies
// on and made a rectangle again, so label and value stay in their own cells,
// and every box still lands on the photo where the words are.
TEST(OcrImage, PhotoOfAFormAtAnAngleIsReadCellByCellAndPlacedOnThePhoto) {
  std::vector<BBox> drawn;
  const std::vector<std::vector<std::string>> rows = {{"单位名称", "济南市技师学院"},
                                                      {"法定代表人", "王海军"},
                                                      {"推荐单位", "济南市人力资源和社会保障局"},
                                                      {"联系电话", "0531-85963322"}};
  l_float32* to_photo = nullptr;
  // Seen from below and to the left: the far edge is shorter, the sides lean.
  const std::string jpeg = PhotographOnADarkTable(
      rows, {{260, 140}, {1150, 190}, {1290, 1170}, {110, 1120}}, &drawn, &to_photo);
  ASSERT_NE(to_photo, nullptr);

  Result<Document> doc = ReadImage(jpeg);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  ASSERT_EQ(doc->pages.size(), 1u);
  EXPECT_EQ(doc->pages[0].width, 1400);
  EXPECT_EQ(doc->pages[0].height, 1300);
  EXPECT_EQ(doc->pages[0].how_read, "OCR: image (photographed sheet straightened)");
  ExpectReadCellByCellOnThePhoto(*doc, rows, drawn, to_photo);
  LEPT_FREE(to_photo);
}

// The same form photographed too close: the sheet's bottom right corner
// lies beyond the picture's edge. Its two sides, followed to where they
// leave the picture, still give the corner, and the sheet is straightened.
TEST(OcrImage, PhotoOfAFormWithACornerCutByThePicturesEdgeIsStraightened) {
  std::vector<BBox> drawn;
  const std::vector<std::vector<std::string>> rows = {{"单位名称", "青岛市职业技能培训中心"},
                                                      {"法定代表人", "陈立新"},
                                                      {"推荐单位", "青岛市人力资源和社会保障局"},
                                                      {"联系电话", "0532-83316620"}};
  l_float32* to_photo = nullptr;
  // Seen from below and to the left; the bottom right corner 60 pixels
  // below the picture.
  const std::string jpeg = PhotographOnADarkTable(
      rows, {{260, 140}, {1150, 190}, {1290, 1360}, {110, 1120}}, &drawn, &to_photo);
  ASSERT_NE(to_photo, nullptr);

  Result<Document> doc = ReadImage(jpeg);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  ASSERT_EQ(doc->pages.size(), 1u);
  EXPECT_EQ(doc->pages[0].how_read, "OCR: image (photographed sheet straightened)");
  ExpectReadCellByCellOnThePhoto(*doc, rows, drawn, to_photo);
  LEPT_FREE(to_photo);
}

// The same form photographed on a desk whose gray runs from light (left) to
// dark (right), under light that fades from the top left: the paper's gray
// (some 160-230) and the desk's (60-195) overlap, so no one threshold over
// the picture parts them, yet the paper is lighter than the desk beside it
// all around. The sheet is found and straightened all the same.
TEST(OcrImage, PhotoOfAFormOnAGradientDeskUnderUnevenLightIsStraightened) {
  const int sheet_w = 1000, sheet_h = 900, photo_w = 1400, photo_h = 1300;
  std::vector<BBox> drawn;
  const std::vector<std::vector<std::string>> rows = {{"单位名称", "烟台市职业技能培训中心"},
                                                      {"法定代表人", "李文华"},
                                                      {"推荐单位", "烟台市人力资源和社会保障局"},
                                                      {"联系电话", "0535-66218873"}};
  // The sheet alone, in the canvas's corner, and where it is (its mask).
  cairo_surface_t* paper = testing::MakeImage(photo_w, photo_h, [&](cairo_t* cr) {
    cairo_set_source_rgb(cr, 0.90, 0.90, 0.89);
    cairo_paint(cr);
    drawn = DrawForm(cr, rows);
  });
  cairo_surface_t* outline = testing::MakeImage(photo_w, photo_h, [&](cairo_t* cr) {
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_paint(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_rectangle(cr, 0, 0, sheet_w, sheet_h);
    cairo_fill(cr);
  });
  Pix* paper_rgb = testing::ToPix(paper);
  Pix* outline_rgb = testing::ToPix(outline);
  cairo_surface_destroy(paper);
  cairo_surface_destroy(outline);
  Pix* flat = pixConvertRGBToLuminance(paper_rgb);
  Pix* flat_mask = pixConvertRGBToLuminance(outline_rgb);
  pixDestroy(&paper_rgb);
  pixDestroy(&outline_rgb);
  // Seen from below and to the right.
  Pta* sheet = Corners({{0, 0}, {sheet_w, 0}, {sheet_w, sheet_h}, {0, sheet_h}});
  Pta* photo = Corners({{230, 170}, {1120, 130}, {1280, 1130}, {120, 1180}});
  Pix* seen = pixProjectivePta(flat, photo, sheet, L_BRING_IN_BLACK);
  Pix* seen_mask = pixProjectivePta(flat_mask, photo, sheet, L_BRING_IN_BLACK);
  l_float32* to_photo = nullptr;
  ASSERT_EQ(getProjectiveXformCoeffs(sheet, photo, &to_photo), 0);
  Pix* shot = pixCreate(photo_w, photo_h, 8);
  for (int y = 0; y < photo_h; ++y) {
    for (int x = 0; x < photo_w; ++x) {
      l_uint32 level = 0, on_sheet = 0;
      pixGetPixel(seen, x, y, &level);
      pixGetPixel(seen_mask, x, y, &on_sheet);
      const double fx = double(x) / photo_w, fy = double(y) / photo_h;
      const double desk = 255 * (0.80 - 0.50 * fx);
      const double light = 1.0 - 0.18 * fx - 0.14 * fy;
      const double v = (on_sheet * double(level) + (255 - on_sheet) * desk) / 255 * light;
      pixSetPixel(shot, x, y, static_cast<l_uint32>(std::clamp(v, 0.0, 255.0)));
    }
  }
  std::string jpeg = testing::JpegBytes(shot, 88);
  for (Pix* p : {flat, flat_mask, seen, seen_mask, shot}) pixDestroy(&p);
  ptaDestroy(&sheet);
  ptaDestroy(&photo);

  Result<Document> doc = ReadImage(jpeg);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  ASSERT_EQ(doc->pages.size(), 1u);
  EXPECT_EQ(doc->pages[0].how_read, "OCR: image (photographed sheet straightened)");
  ExpectReadCellByCellOnThePhoto(*doc, rows, drawn, to_photo);
  LEPT_FREE(to_photo);
}

// A licence as the authority renders it (an image file, not a photo): cream
// paper to the picture's edge, framed by a thick and a thin rule a little
// inside it, joined at the corners. The paper inside the frame is light
// beside the rules around it, but the paper beyond them is as light: no
// sheet lying on something darker, so the picture is read as it is, not
// warped by the frame. (As a bundled sample's licence was, once.)
TEST(OcrImage, ARenderedLicenceInAFrameIsNoPhotographedSheet) {
  const int w = 1600, h = 1130;
  cairo_surface_t* image = testing::MakeImage(w, h, [&](cairo_t* cr) {
    cairo_set_source_rgb(cr, 0.97, 0.95, 0.92);
    cairo_paint(cr);
    cairo_set_source_rgb(cr, 0.45, 0.30, 0.25);
    cairo_set_line_width(cr, 8);
    cairo_rectangle(cr, 24, 24, w - 48, h - 48);
    cairo_stroke(cr);
    cairo_set_line_width(cr, 2);
    cairo_rectangle(cr, 40, 40, w - 80, h - 80);
    cairo_stroke(cr);
    // Ornaments join the rules at the corners.
    for (const double x : {20.0, w - 42.0})
      for (const double y : {20.0, h - 42.0}) cairo_rectangle(cr, x, y, 22, 22);
    cairo_fill(cr);
    DrawText(cr, 640, 110, "营业执照", 80);
    DrawText(cr, 160, 330, "名称", 34);
    DrawText(cr, 360, 330, "潍坊智联电脑培训有限公司", 34);
    DrawText(cr, 160, 420, "法定代表人", 34);
    DrawText(cr, 360, 420, "邵明远", 34);
  });
  Pix* pix = testing::ToPix(image);
  cairo_surface_destroy(image);
  std::string jpeg = testing::JpegBytes(pix, 90);
  pixDestroy(&pix);

  Result<Document> doc = ReadImage(jpeg);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  ASSERT_EQ(doc->pages.size(), 1u);
  EXPECT_EQ(doc->pages[0].how_read, "OCR: image");
  EXPECT_NE(Plain(AllText(*doc)).find(Plain("潍坊智联电脑培训有限公司")), std::string::npos)
      << AllText(*doc);
  // The double border is a frame, no table of one great cell: the licence's
  // lines are read as lines, as the licence reader takes them.
  for (const Span& s : doc->spans) EXPECT_LT(s.table, 0) << s.locator << " " << s.text;
}

// A phone photo, flat on, of a form whose borders are dashed (a border style
// Word and WPS offer; a photo's resampling also breaks a hairline into even
// dashes) on gray paper. No dash is a rule alone; together they are the
// table, so every label and value is read in its own cell of its own row.
TEST(OcrImage, APhotoOfAFormWithDashedRulesOnGrayPaperIsReadCellByCell) {
  const std::vector<std::vector<std::string>> rows = {{"单位名称", "淄博市职业技术培训中心"},
                                                      {"法定代表人", "刘建国"},
                                                      {"单位地址", "淄博市张店区人民西路12号"},
                                                      {"专职教师人数", "84人"},
                                                      {"兼职教师人数", "115人"},
                                                      {"管理部门", "继续教育处"}};
  cairo_surface_t* canvas = testing::MakeImage(1300, 900, [&](cairo_t* cr) {
    cairo_set_source_rgb(cr, 0.86, 0.86, 0.85);
    cairo_paint(cr);
    const double dashes[] = {7, 4};
    cairo_set_dash(cr, dashes, 2, 0);
    testing::DrawTable(cr, 60, 100, {360, 800}, 100, rows, 32, 2);
  });
  Pix* pix = testing::ToPix(canvas);
  cairo_surface_destroy(canvas);
  std::string jpeg = testing::JpegBytes(pix, 85);
  pixDestroy(&pix);

  Result<Document> doc = ReadImage(jpeg);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  for (size_t r = 0; r < rows.size(); ++r) {
    for (size_t c = 0; c < 2; ++c) {
      SCOPED_TRACE(rows[r][c]);
      const Span* found = SpanReading(*doc, rows[r][c]);
      ASSERT_NE(found, nullptr) << AllText(*doc);
      EXPECT_GE(found->table, 0) << found->locator;
      EXPECT_EQ(found->row, static_cast<int>(r)) << found->locator;
      EXPECT_EQ(found->col, static_cast<int>(c)) << found->locator;
    }
  }
}

// A desk of colour `desk` (RGB) with a sheet of colour `paper` on it, the
// sheet's rectangle at (x, y), w × h.
void SheetOnDesk(cairo_t* cr, const std::array<double, 3>& desk, const std::array<double, 3>& paper,
                 double x, double y, double w, double h) {
  cairo_set_source_rgb(cr, desk[0], desk[1], desk[2]);
  cairo_paint(cr);
  cairo_set_source_rgb(cr, paper[0], paper[1], paper[2]);
  cairo_rectangle(cr, x, y, w, h);
  cairo_fill(cr);
}

TEST(OcrImage, APhotoOfSmallThinPrintIsReadFromWholeStrokes) {
  // A form photographed from afar: characters some 11 pixels tall, their
  // thin strokes gray after resampling. At the ordinary threshold they
  // break (专职 read as 专妈, 秦晓燕 as 泰晓晓燕); the photo's threshold is
  // raised until the strokes are whole.
  const std::vector<std::vector<std::string>> rows = {
      {"专职教师人数", "153人"},        {"兼职教师人数", "146人"},   {"管理部门", "人才培训处"},
      {"培训场地面积", "7651.1平方米"}, {"专业图书资料", "83500册"}, {"法定代表人", "秦晓燕"}};
  cairo_surface_t* canvas = testing::MakeImage(1400, 1200, [&](cairo_t* cr) {
    SheetOnDesk(cr, {0.35, 0.25, 0.2}, {0.93, 0.93, 0.91}, 100, 100, 1200, 1000);
    cairo_push_group(cr);
    testing::DrawTable(cr, 180, 250, {420, 600}, 110, rows, 40, 2);
    cairo_pattern_t* print = cairo_pop_group(cr);
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    cairo_mask(cr, print);
    cairo_pattern_destroy(print);
  });
  Pix* sharp = testing::ToPix(canvas);
  cairo_surface_destroy(canvas);
  Pix* far = pixScaleAreaMap(sharp, 0.3f, 0.3f);
  std::string jpeg = testing::JpegBytes(far, 85);
  pixDestroy(&sharp);
  pixDestroy(&far);

  Result<Document> doc = ReadImage(jpeg);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  for (size_t r = 0; r < rows.size(); ++r) {
    for (size_t c = 0; c < 2; ++c) {
      SCOPED_TRACE(rows[r][c]);
      const Span* found = SpanReading(*doc, rows[r][c]);
      ASSERT_NE(found, nullptr) << AllText(*doc);
      EXPECT_EQ(found->row, static_cast<int>(r)) << found->locator;
      EXPECT_EQ(found->col, static_cast<int>(c)) << found->locator;
    }
  }
}

// A form in heavy print (bold type, its strokes thickened as a copier or an
// inkjet bleeds them) photographed flat on a desk from some way off and a
// little out of focus, as phones do: characters some 18 pixels tall, so
// the photo is enlarged to be read, and the blur runs each line's strokes
// together. Returns the JPEG.
std::string HeavyPrintFormPhoto(const std::vector<std::vector<std::string>>& rows) {
  const double size = 40, row_height = 2.3 * size, x = 260, y = 300;
  const double widths[2] = {400, 1100};
  cairo_surface_t* canvas = testing::MakeImage(2000, 1700, [&](cairo_t* cr) {
    SheetOnDesk(cr, {0.42, 0.30, 0.22}, {0.95, 0.95, 0.94}, 150, 120, 1700, 1460);
    const double right = x + widths[0] + widths[1];
    const double bottom = y + row_height * static_cast<double>(rows.size());
    for (size_t r = 0; r <= rows.size(); ++r)
      testing::Line(cr, x, y + row_height * static_cast<double>(r), right,
                    y + row_height * static_cast<double>(r), 3);
    for (double cx : {x, x + widths[0], right}) testing::Line(cr, cx, y, cx, bottom, 3);
    PangoFontDescription* font = pango_font_description_from_string("Noto Sans CJK SC Bold");
    pango_font_description_set_absolute_size(font, size * PANGO_SCALE);
    for (size_t r = 0; r < rows.size(); ++r) {
      for (size_t c = 0; c < 2; ++c) {
        PangoLayout* layout = pango_cairo_create_layout(cr);
        pango_layout_set_font_description(layout, font);
        pango_layout_set_text(layout, rows[r][c].c_str(), -1);
        cairo_move_to(cr, c == 0 ? x + 30 : x + widths[0] + 12,
                      y + row_height * static_cast<double>(r) + (row_height - size * 1.4) / 2);
        // Filled and outlined: the bled stroke.
        pango_cairo_layout_path(cr, layout);
        cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
        cairo_fill_preserve(cr);
        cairo_set_line_width(cr, size * 0.06);
        cairo_stroke(cr);
        g_object_unref(layout);
      }
    }
    pango_font_description_free(font);
  });
  Pix* sharp = testing::ToPix(canvas);
  cairo_surface_destroy(canvas);
  Pix* gray = pixConvertRGBToLuminance(sharp);
  Pix* far = pixScaleAreaMap(gray, 0.45f, 0.45f);
  Pix* blurred = pixBlockconv(far, 1, 1);
  std::string jpeg = testing::JpegBytes(blurred, 85);
  for (Pix* p : {sharp, gray, far, blurred}) pixDestroy(&p);
  return jpeg;
}

const std::vector<std::vector<std::string>>& HeavyPrintRows() {
  static const std::vector<std::vector<std::string>> rows = {
      {"管理部门：", "科技培训中心"}, {"所属地市：", "山东省济南市"},
      {"法定代表人：", "阮兆民"},     {"通讯地址：", "济南市章丘区经七路12636号"},
      {"联系人：", "时雨桐"},         {"申报领域：", "城乡规划"}};
  return rows;
}

// The runs of ink along the tops and the feet of heavy print's lines, and
// the bands where a line's characters run together over their whole height,
// are no rules: taken for rules, they were cut out of the text (阮兆民 read
// as 阮一 一) and split rows (the last value read in a seventh row).
TEST(OcrImage, AFormPhotographedInHeavyPrintHasEachValueReadInItsOwnRow) {
  const std::vector<std::vector<std::string>>& rows = HeavyPrintRows();
  Result<Document> doc = ReadImage(HeavyPrintFormPhoto(rows));
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  for (size_t r = 0; r < rows.size(); ++r) {
    SCOPED_TRACE(rows[r][1]);
    const Span* found = SpanReading(*doc, rows[r][1]);
    ASSERT_NE(found, nullptr) << AllText(*doc);
    EXPECT_GE(found->table, 0) << found->locator;
    EXPECT_EQ(found->row, static_cast<int>(r)) << found->locator;
    EXPECT_EQ(found->col, 1) << found->locator;
  }
}

// A label as read, without the mark that ends it: OCR takes a colon for a
// semicolon now and then, which the normalize stage reads as a colon.
std::string LabelText(std::string_view s) {
  std::string plain = Plain(s);
  for (std::string_view mark : {":", ";"})
    if (plain.size() > mark.size() &&
        plain.compare(plain.size() - mark.size(), mark.size(), mark) == 0)
      plain.resize(plain.size() - mark.size());
  return plain;
}

// Its labels too, in heavy print, when every reading of them is doubtful
// (管理部门 and 申报领域 read as nothing at the page's threshold, at
// Tesseract's own and enlarged): read again from the darkest of their ink.
TEST(OcrImage, AFormPhotographedInHeavyPrintHasItsLabelsReadFromTheirStrokesCores) {
  const std::vector<std::vector<std::string>>& rows = HeavyPrintRows();
  Result<Document> doc = ReadImage(HeavyPrintFormPhoto(rows));
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  for (size_t r = 0; r < rows.size(); ++r) {
    SCOPED_TRACE(rows[r][0]);
    const Span* found = nullptr;
    for (const Span& s : doc->spans)
      if (LabelText(s.text) == LabelText(rows[r][0])) found = &s;
    ASSERT_NE(found, nullptr) << AllText(*doc);
    EXPECT_GE(found->table, 0) << found->locator;
    EXPECT_EQ(found->row, static_cast<int>(r)) << found->locator;
    EXPECT_EQ(found->col, 0) << found->locator;
  }
}

TEST(OcrImage, BracketedTicksStackedDownACellAreNoRule) {
  // A scanned form's list of rules, each item ticked as [√]: eight brackets
  // one above the other line up like the dashes of a dashed rule, but they
  // are print, and the items stay in their cell beside the label.
  const std::vector<std::string> items = {"教学组织管理", "学员考核管理", "教学科研管理",
                                          "培训登记管理", "培训经费管理", "后勤保障管理",
                                          "培训效果评估", "跟踪反馈"};
  cairo_surface_t* image = testing::MakeImage(1654, 2339, [&](cairo_t* cr) {
    const double x = 150, y = 300, label_w = 300, value_w = 1150, row0 = 90, row1 = 8 * 48 + 40;
    for (double ry : {y, y + row0, y + row0 + row1})
      testing::Line(cr, x, ry, x + label_w + value_w, ry, 2.5);
    for (double cx : {x, x + label_w, x + label_w + value_w})
      testing::Line(cr, cx, y, cx, y + row0 + row1, 2.5);
    DrawText(cr, x + 15, y + 25, "管理部门", 30, "Noto Serif CJK SC");
    DrawText(cr, x + label_w + 15, y + 25, "教务处", 30, "Noto Serif CJK SC");
    DrawText(cr, x + 15, y + row0 + row1 / 2 - 20, "管理制度", 30, "Noto Serif CJK SC");
    for (size_t i = 0; i < items.size(); ++i)
      DrawText(cr, x + label_w + 15, y + row0 + 20 + 48 * static_cast<double>(i), "[√]" + items[i],
               30, "Noto Serif CJK SC");
  });
  const std::string pdf = testing::ImagePdf(image, 595.44, 842.16);
  cairo_surface_destroy(image);
  Result<Document> doc = ReadPdf(pdf);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  const Span* label = SpanReading(*doc, "管理制度");
  ASSERT_NE(label, nullptr) << AllText(*doc);
  for (const std::string& item : items) {
    SCOPED_TRACE(item);
    const Span* found = nullptr;
    for (const Span& s : doc->spans)
      if (Plain(s.text).find(item) != std::string::npos) found = &s;
    ASSERT_NE(found, nullptr) << AllText(*doc);
    EXPECT_EQ(found->table, label->table) << found->locator;
    EXPECT_EQ(found->row, label->row) << found->locator;
    EXPECT_EQ(found->col, label->col + 1) << found->locator;
  }
}

// Dust on a 200 dpi scan: dots as large as a full stop, strewn over a table
// of years and numbers, some in the cells beside the numbers and one level
// with a year a little way off. None is read as a character.
TEST(OcrImage, DustAsLargeAsAFullStopIsNoCharacter) {
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"2021", "4986"}, {"2022", "4,242 人"}, {"2023", "5296 人"}};
  cairo_surface_t* image = testing::MakeImage(1654, 2339, [&](cairo_t* cr) {
    const double x = 200, y = 400, label_w = 220, row_h = 72;
    testing::DrawTable(cr, x, y, {label_w, 1000}, row_h, {rows.size(), {"", ""}}, 30, 2.5);
    for (size_t r = 0; r < rows.size(); ++r) {
      const double ry = y + row_h * static_cast<double>(r) + 22;
      DrawText(cr, x + 15, ry, rows[r].first, 30, "Noto Sans CJK SC");
      DrawText(cr, x + label_w + 15, ry, rows[r].second, 30, "Noto Sans CJK SC");
    }
    cairo_set_source_rgb(cr, 0, 0, 0);
    // Dots of 6 pixels: in the value cells far from their numbers, level
    // with a year two characters past it, and over the page.
    const std::vector<std::pair<double, double>> dust = {
        {x + label_w + 620, y + 30}, {x + label_w + 640, y + 46}, {x + label_w + 800, y + 110},
        {x + 140, y + 40},           {x + 700, y + 260},          {x + 300, y - 80},
        {x + 900, y + 330},          {x + 1100, y + 180}};
    for (const auto& [dx, dy] : dust) {
      cairo_new_path(cr);
      cairo_arc(cr, dx, dy, 3, 0, 2 * kPi);
      cairo_fill(cr);
    }
  });
  const std::string pdf = testing::ImagePdf(image, 595.44, 842.16);
  cairo_surface_destroy(image);
  Result<Document> doc = ReadPdf(pdf);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  for (const auto& [year, number] : rows) {
    EXPECT_NE(SpanReading(*doc, year), nullptr) << year << "\n" << AllText(*doc);
    EXPECT_NE(SpanReading(*doc, number), nullptr) << number << "\n" << AllText(*doc);
  }
}

// A list of ticked items on two lines set close in one cell (■ boxes, 200
// dpi, the lines a few pixels apart): read as two lines, every item found.
TEST(OcrImage, TwoLinesSetCloseInACellAreReadAsTwoLines) {
  const std::vector<std::string> items = {"教学组织管理", "学员考核管理", "教学科研管理",
                                          "培训登记管理", "培训经费管理", "后勤保障管理",
                                          "培训效果评估", "跟踪反馈"};
  cairo_surface_t* image = testing::MakeImage(1654, 2339, [&](cairo_t* cr) {
    const double x = 200, y = 400, label_w = 230;
    testing::DrawTable(cr, x, y, {label_w, 1000}, 86, {{"", ""}}, 28, 2.5);
    DrawText(cr, x + 15, y + 28, "管理制度", 28, "Noto Sans CJK SC");
    for (int line = 0; line < 2; ++line) {
      std::string text;
      for (int k = 0; k < 4; ++k) text += "■" + items[static_cast<size_t>(line * 4 + k)] + "  ";
      DrawText(cr, x + label_w + 12, y + 10 + 31 * line, text, 28, "Noto Sans CJK SC");
    }
  });
  const std::string pdf = testing::ImagePdf(image, 595.44, 842.16);
  cairo_surface_destroy(image);
  Result<Document> doc = ReadPdf(pdf);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  const std::string all = Plain(AllText(*doc));
  int found = 0;
  for (const std::string& item : items) found += all.find(item) != std::string::npos;
  EXPECT_GE(found, 7) << AllText(*doc);
}

// A year table ruled inside the value cell of a scanned form: a table
// nested in that cell (as a DOCX's), each of its cells read once; the
// cell's span holds its text too, each word once.
TEST(OcrImage, ATableRuledInsideACellIsNestedInIt) {
  const std::vector<std::array<std::string, 2>> years = {{"年度", "培训人数"},
                                                         {"2021年度", "0.66万人"},
                                                         {"2022年度", "7400人次"},
                                                         {"2023年度", "7,600人次"}};
  cairo_surface_t* image = testing::MakeImage(1654, 2339, [&](cairo_t* cr) {
    const double x = 200, y = 400, label_w = 220;
    testing::DrawTable(cr, x, y, {label_w, 1000}, 300, {{"", ""}}, 30, 2.5);
    DrawText(cr, x + 15, y + 120, "培训人数", 30, "Noto Serif CJK SC");
    const double ix = x + label_w + 30, iy = y + 40, iw = 900, ih = 55;
    for (size_t r = 0; r <= years.size(); ++r)
      testing::Line(cr, ix, iy + ih * static_cast<double>(r), ix + iw,
                    iy + ih * static_cast<double>(r), 1.5);
    for (double cx : {ix, ix + iw / 2, ix + iw})
      testing::Line(cr, cx, iy, cx, iy + ih * static_cast<double>(years.size()), 1.5);
    for (size_t r = 0; r < years.size(); ++r)
      for (size_t c = 0; c < 2; ++c)
        DrawText(cr, ix + 60 + iw / 2 * static_cast<double>(c),
                 iy + 12 + ih * static_cast<double>(r), years[r][c], 28, "Noto Serif CJK SC");
  });
  const std::string pdf = testing::ImagePdf(image, 595.44, 842.16);
  cairo_surface_destroy(image);
  Result<Document> doc = ReadPdf(pdf);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  const std::vector<int> parents = doc->ParentSpans();
  ASSERT_EQ(doc->tables.size(), 2u) << AllText(*doc);
  ASSERT_GE(parents[1], 0) << "the inner table is nested in a cell\n" << AllText(*doc);
  const Span& holder = doc->spans[static_cast<size_t>(parents[1])];
  EXPECT_EQ(holder.table, 0);
  EXPECT_EQ(holder.col, 1);
  for (const auto& row : years) {
    for (const std::string& text : row) {
      const Span* cell = SpanReading(*doc, text);
      ASSERT_NE(cell, nullptr) << text << "\n" << AllText(*doc);
      EXPECT_EQ(cell->table, 1) << text;
      EXPECT_NE(cell->locator.find(holder.locator + " > table 1 row "), std::string::npos)
          << cell->locator;
      const std::string plain = Plain(holder.text);
      const size_t at = plain.find(Plain(text));
      EXPECT_NE(at, std::string::npos) << text << " in the holding cell: " << holder.text;
      if (text != "年度") {  // also inside 2021年度
        EXPECT_EQ(plain.find(Plain(text), at + 1), std::string::npos)
            << text << " once in the holding cell: " << holder.text;
      }
    }
  }
}

// A 300 dpi scan of a form page whose first table is in thin gray print and
// whose other tables are in heavy bled print. The heavy print is thresholded
// darker to part its strokes; the gray print, lighter than that threshold,
// must keep its own: every cell of its table is read.
TEST(OcrImage, ATableInLightPrintAboveTablesInHeavyPrintKeepsItsStrokes) {
  const std::vector<std::vector<std::string>> light = {
      {"年度培训经费：", "２１５万元", "教室数：", "18间"},
      {"教学场地面积：", "722.9", "图书资料：", "8128册"},
      {"实训基地：", "校内实训基地", "", ""}};
  const std::vector<std::pair<std::string, std::string>> heavy = {
      {"远程教育平台：", "聊城市人才发展中心云课堂"},
      {"并发能力：", "三千人同时在线"},
      {"专职教师人数：", "六十五人"},
      {"管理人员人数：", "二十四人"},
      {"培训项目数：", "五十六项"},
      {"主管部门：", "聊城市人社局"}};
  const double x = 250, row_h = 130;
  const std::vector<double> columns = {560, 560, 420, 360};
  cairo_surface_t* image = testing::MakeImage(2480, 3508, [&](cairo_t* cr) {
    const double y = 300;
    testing::DrawTable(cr, x, y, columns, row_h, {light.size(), {"", "", "", ""}}, 40, 3);
    for (size_t r = 0; r < light.size(); ++r) {
      double cx = x;
      for (size_t c = 0; c < light[r].size(); ++c) {
        if (!light[r][c].empty())
          DrawColouredText(cr, cx + 20, y + row_h * static_cast<double>(r) + 38, light[r][c], 40,
                           0.45, 0.45, 0.45, "Noto Serif CJK SC");
        cx += columns[c];
      }
    }
    for (int t = 0; t < 2; ++t) {
      const double ty = 900 + 900 * t;
      testing::DrawTable(cr, x, ty, {columns[0], 1340}, row_h, {3, {"", ""}}, 40, 4);
      for (size_t r = 0; r < 3; ++r) {
        const auto& [label, value] = heavy[static_cast<size_t>(t) * 3 + r];
        // Character by character, each drawn again a little apart: ink
        // bled by the scanner, the characters still apart.
        const double ry = ty + row_h * static_cast<double>(r) + 36;
        for (const auto& [text, tx] : {std::pair{label, x + 20}, {value, x + columns[0] + 20}}) {
          double cx = tx;
          for (char32_t c : text::ToU32(text)) {
            std::string one;
            text::AppendUtf8(one, c);
            for (double dx : {0.0, 2.0, 4.0})
              for (double dy : {0.0, 2.0, 4.0})
                DrawText(cr, cx + dx, ry + dy, one, 42, "Noto Serif CJK SC Black");
            cx += 42 * 1.3;
          }
        }
      }
    }
  });
  const std::string pdf = testing::ImagePdf(image, 595.44, 842.16);
  cairo_surface_destroy(image);
  Result<Document> doc = ReadPdf(pdf);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  // Thin print at 200 dpi may lose a character here and there (教室 read
  // as 教空); erased, it leaves its cells empty or a stroke or two in them.
  for (size_t r = 0; r < light.size(); ++r) {
    for (size_t c = 0; c < light[r].size(); ++c) {
      if (light[r][c].empty()) continue;
      std::string read;
      for (const Span& span : doc->spans)
        if (span.table == 0 && span.row == static_cast<int>(r) && span.col == static_cast<int>(c))
          read += span.text;
      EXPECT_GE(ShareRead(light[r][c], read), 0.75) << light[r][c] << " read as " << read << "\n"
                                                    << AllText(*doc);
    }
  }
  // The heavy print is still read.
  for (const auto& [label, value] : heavy) {
    const Span* span = SpanReading(*doc, value);
    EXPECT_NE(span, nullptr) << value << "\n" << AllText(*doc);
  }
}

// An image of tests/fixtures/ocr/, read.
Result<Document> ReadFixtureImage(const std::string& name) {
  Result<std::string> bytes =
      ReadWholeFile(std::string(DOSSIER_SOURCE_DIR) + "/tests/fixtures/ocr/" + name, 1 << 22);
  if (!bytes.ok()) return bytes.status();
  return ReadImage(*bytes);
}

// The cell right of `label` in its table's row; null if none was read.
const Span* CellBeside(const Document& doc, const Span& label) {
  const Span* found = nullptr;
  for (const Span& s : doc.spans)
    if (s.table >= 0 && s.table == label.table && s.row == label.row && s.col == label.col + 1)
      found = &s;
  return found;
}

// The last cell of a table whose text begins with `label`; null if none.
const Span* CellBeginning(const Document& doc, std::string_view label) {
  const Span* found = nullptr;
  for (const Span& s : doc.spans)
    if (s.table >= 0 && Plain(s.text).rfind(label, 0) == 0) found = &s;
  return found;
}

// Each label begins a cell of a table, and the cell right of it reads its
// value.
void ExpectValuesBesideLabels(const Document& doc,
                              const std::vector<std::pair<std::string, std::string>>& pairs) {
  for (const auto& [label, value] : pairs) {
    SCOPED_TRACE(label);
    const Span* label_span = CellBeginning(doc, label);
    ASSERT_NE(label_span, nullptr) << AllText(doc);
    const Span* value_span = CellBeside(doc, *label_span);
    ASSERT_NE(value_span, nullptr) << label_span->locator << "\n" << AllText(doc);
    EXPECT_EQ(Plain(value_span->text), value) << value_span->locator;
  }
}

// tests/fixtures/ocr/form_photo_hairlines.jpg: a phone photo of a form's
// first page by the evaluation's generator (development seed 54): the sheet
// fills two thirds of a 1280-pixel frame, its hairline rules broken every
// few characters by resampling and leaning a pixel or two once the sheet is
// straightened. Each label and its value must still be read in cells of
// their own, side by side: run together, the value is lost to its label
// (兼职教师人数 二十八人 read as one line beside the table).
TEST(OcrImage, AFormPhotographedWithBrokenHairlinesIsReadCellByCell) {
  Result<Document> doc = ReadFixtureImage("form_photo_hairlines.jpg");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  // label (as much of it as OCR of a photo reads surely) → its value
  const std::vector<std::pair<std::string, std::string>> pairs = {
      {"邮政编码", "255273"}, {"联系人", "桂晓东"},      {"兼职教师", "二十八人"},
      {"管理人员", "17人"},   {"教室数", "7"},           {"图书", "15710册"},
      {"高级职称", "24人"},   {"管理部门", "教学管理科"}};
  for (const auto& [label, value] : pairs) {
    SCOPED_TRACE(label);
    const Span* label_span = nullptr;
    for (const Span& s : doc->spans)
      if (Plain(s.text).find(label) != std::string::npos) label_span = &s;
    ASSERT_NE(label_span, nullptr) << AllText(*doc);
    ASSERT_GE(label_span->table, 0) << label_span->locator;
    EXPECT_EQ(Plain(label_span->text).find(value), std::string::npos) << label_span->locator;
    const Span* value_span = CellBeside(*doc, *label_span);
    ASSERT_NE(value_span, nullptr) << label_span->locator << "\n" << AllText(*doc);
    EXPECT_EQ(Plain(value_span->text), value) << value_span->locator;
  }
}

// tests/fixtures/ocr/form_photo_bold_url.jpg: a phone photo of a form's
// last page in bold print (development seed 75). The tops of the lowercase
// letters of http://study.tbaj.edu.cn/index stand level, and bridged they
// ran as long as a rule piece; taken for a rule, they were cut out of the
// text, and the address was read as …/ind.
TEST(OcrImage, ABoldAddressOnAPhotographedFormIsNoRule) {
  Result<Document> doc = ReadFixtureImage("form_photo_bold_url.jpg");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  const Span* address = nullptr;
  for (const Span& s : doc->spans)
    if (s.table >= 0 && s.text.find("http") != std::string::npos) address = &s;
  ASSERT_NE(address, nullptr) << AllText(*doc);
  EXPECT_NE(address->text.find("edu.cn/index"), std::string::npos) << address->text;
}

// tests/fixtures/ocr/form_photo_tick_list.jpg: a phone photo of a form
// whose 管理制度 cell lists eight ticked items (development seed 69). The
// strokes of its characters, bridged to the rules above and below, ran down
// the row like a rule of its own, which cut the list into cells; a short
// run is a rule only where its column goes on in another row.
TEST(OcrImage, ATickListOnAPhotographedFormStaysInOneCell) {
  Result<Document> doc = ReadFixtureImage("form_photo_tick_list.jpg");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  const Span* list = nullptr;
  for (const Span& s : doc->spans)
    if (s.table >= 0 && Plain(s.text).find("后勤保障") != std::string::npos) list = &s;
  ASSERT_NE(list, nullptr) << AllText(*doc);
  EXPECT_NE(Plain(list->text).find("培训登记"), std::string::npos) << list->text;
  for (const Span& s : doc->spans)
    EXPECT_FALSE(s.table == list->table && s.row == list->row && s.col > list->col)
        << s.locator << " " << s.text;
}

// tests/fixtures/ocr/form_photo_signing_date.jpg: a phone photo of a form's
// last page (development seed 72) whose signing area, below the tables,
// dates the application 二〇二四年六月二十三日. Read by layout analysis from
// the page's threshold, the blurred strokes ran together (二〇二由 征闪月);
// a doubtful line is read again from its gray.
TEST(OcrImage, APhotographedSigningDateOutsideTheTablesIsReadAgainFromGray) {
  Result<Document> doc = ReadFixtureImage("form_photo_signing_date.jpg");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  const Span* date = nullptr;
  for (const Span& s : doc->spans)
    if (s.table < 0 && Plain(s.text).find("年六月") != std::string::npos) date = &s;
  ASSERT_NE(date, nullptr) << AllText(*doc);
  EXPECT_NE(Plain(date->text).find("二四年六月二十三"), std::string::npos) << date->text;
}

// tests/fixtures/ocr/form_photo_bold_count.jpg: a phone photo of a form
// (development seed 84) whose full-time teachers' cell holds 53人 in bold.
// Tesseract's single-line mode read it as a speck's doubtful 6, its gray
// as 5: and 53 人; read as a block too, the cell's readings agree on 53.
TEST(OcrImage, APhotographedCountTheLineModeLostIsReadAsABlock) {
  Result<Document> doc = ReadFixtureImage("form_photo_bold_count.jpg");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  const Span* label = CellBeginning(*doc, "专职教师人数");
  ASSERT_NE(label, nullptr) << AllText(*doc);
  const Span* count = CellBeside(*doc, *label);
  ASSERT_NE(count, nullptr) << AllText(*doc);
  EXPECT_EQ(Plain(count->text).substr(0, 2), "53") << count->text;
}

// tests/fixtures/ocr/form_photo_faint_columns.jpg: a phone photo of a form
// (development seed 90) whose 师资 table is ruled in faint hairlines. At
// the text's threshold its rows' rules were found and its short column
// rules broke into dashes: no grid, its rows read as lines (专驶玫jammies…)
// and its three counts lost. The lighter threshold finds its columns too.
TEST(OcrImage, APhotographedTableWhoseColumnRulesAreFaintIsReadCellByCell) {
  Result<Document> doc = ReadFixtureImage("form_photo_faint_columns.jpg");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  ExpectValuesBesideLabels(
      *doc, {{"专职教师人数", "31人"}, {"兼职师资", "55人"}, {"高级职称教师", "十九人"}});
}

// tests/fixtures/ocr/form_photo_faded_columns.jpg: a phone photo of a form
// (development seed 91) ruled in dashes and hairlines, whose third column's
// rule was found only below the form's first table: 所在市, 联系电话 and 传真
// were each read as one cell with the row's other label and value (菏泽
// 联系人 周斌). A column found in one table and running on as thin ink
// down a row of another is a rule there too.
TEST(OcrImage, APhotographedFormWhoseColumnRulesFadedInSomeRowsIsReadCellByCell) {
  Result<Document> doc = ReadFixtureImage("form_photo_faded_columns.jpg");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  ExpectValuesBesideLabels(
      *doc, {{"所在市", "菏泽"}, {"移动电话", "18861810901"}, {"传真", "0530-6664518"}});
}

// The same photo's rows under 成立时间 and 电子邮箱 are ruled in long
// dashes, with the column rules in their gaps: crossing no rule, the dashes
// were left out of the table, and 成立时间 ran into 法人代表 as one row,
// 电子邮箱 into 推荐部门.
TEST(OcrImage, APhotographedRowRuledInDashesAcrossTheColumnsIsARowOfItsOwn) {
  Result<Document> doc = ReadFixtureImage("form_photo_faded_columns.jpg");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  const Span* founded = CellBeginning(*doc, "成立时间");
  const Span* representative = CellBeginning(*doc, "法人代表");
  ASSERT_NE(founded, nullptr) << AllText(*doc);
  ASSERT_NE(representative, nullptr) << AllText(*doc);
  EXPECT_EQ(representative->row, founded->row + 1) << founded->text;
  EXPECT_EQ(Plain(founded->text).find("法人代表"), std::string::npos) << founded->text;
  ExpectValuesBesideLabels(
      *doc, {{"电子邮箱", "cjt@sina.com"}, {"推荐部门", "菏泽市人力资源社会保障局"}});
}

// tests/fixtures/ocr/form_photo_address_stroke.jpg: a phone photo of a form
// (development seed 72) whose 单位地址 row holds its label and value in one
// cell. The lighter threshold's rules found every row the darker did and
// one cell more: the long stroke of 市 in the address taken for a column
// rule, which cut the address after 滨州. One cell more is no lost column.
TEST(OcrImage, APhotographedCharactersStrokeIsNoColumnRule) {
  Result<Document> doc = ReadFixtureImage("form_photo_address_stroke.jpg");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  const Span* address = CellBeginning(*doc, "单位地址");
  ASSERT_NE(address, nullptr) << AllText(*doc);
  EXPECT_NE(Plain(address->text).find("黄河五路351号"), std::string::npos) << address->text;
}

// tests/fixtures/ocr/form_photo_bold_name.jpg: a phone photo of a form
// (development seed 103) whose legal representative, 曾婷, is two small
// bold characters. Scaled and straightened, the photo's gray blurred them
// into two blots every threshold and Tesseract's own read as nothing; their
// edges sharpened, they read.
TEST(OcrImage, SmallBoldPrintBlurredByResamplingIsRead) {
  Result<Document> doc = ReadFixtureImage("form_photo_bold_name.jpg");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  ExpectValuesBesideLabels(*doc, {{"法定代表人", "曾婷"}});
}

}  // namespace
}  // namespace dossier
