// `trace` on each rendering: a DOCX table cell, a text PDF page, a photo and
// a photo whose EXIF orientation turns it. The sources are stored through
// the Store API with boxes the test knows, the originals are made here, and
// the crop must show the value's ink inside its highlighted box and none in
// a ring just outside it.
#include "dossier/reports/trace.h"

#include <cairo-pdf.h>
#include <gtest/gtest.h>
#include <leptonica/allheaders.h>

#include <cstdio>

#include "dossier/extract/extractor.h"
#include "dossier/reports/dossier_report.h"
#include "reports/report_fixture.h"

namespace dossier::testing {
namespace {

constexpr const char* kCode = "91370100MA3C12345X";

cairo_status_t Append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// Draws `label` and `value` on one line at y, the value at x; returns the
// value's ink box.
BBox DrawLine(cairo_t* cr, double size, double y, const std::string& label, double x,
              const std::string& value) {
  cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, size);
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_move_to(cr, x / 4, y);
  cairo_show_text(cr, label.c_str());
  cairo_text_extents_t ext;
  cairo_text_extents(cr, value.c_str(), &ext);
  cairo_move_to(cr, x, y);
  cairo_show_text(cr, value.c_str());
  return BBox{x + ext.x_bearing, y + ext.y_bearing, x + ext.x_bearing + ext.width,
              y + ext.y_bearing + ext.height};
}

struct Made {
  std::string bytes;
  BBox box;
  double width = 0, height = 0;
};

Made MakePdf() {
  Made m;
  m.width = 595.276;
  m.height = 841.89;
  cairo_surface_t* s = cairo_pdf_surface_create_for_stream(Append, &m.bytes, m.width, m.height);
  cairo_t* cr = cairo_create(s);
  DrawLine(cr, 14, 140, "Unit", 260, "Test Institute");
  m.box = DrawLine(cr, 14, 200, "Credit code", 260, kCode);
  DrawLine(cr, 14, 260, "Phone", 260, "0531-51788246");
  cairo_destroy(cr);
  cairo_surface_finish(s);
  cairo_surface_destroy(s);
  return m;
}

// A picture as displayed (w × h pixels), with the value at a known place.
Surface DrawPhoto(int w, int h, BBox* box) {
  Surface s(cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h));
  cairo_t* cr = cairo_create(s.get());
  cairo_set_source_rgb(cr, 0.97, 0.96, 0.93);
  cairo_paint(cr);
  DrawLine(cr, 36, h * 0.3, "Code", w * 0.4, "ABC");
  *box = DrawLine(cr, 36, h * 0.5, "Credit code", w * 0.4, kCode);
  cairo_destroy(cr);
  cairo_surface_flush(s.get());
  return s;
}

Made MakePng() {
  Made m;
  m.width = 1400;
  m.height = 900;
  Surface s = DrawPhoto(1400, 900, &m.box);
  cairo_surface_write_to_png_stream(s.get(), Append, &m.bytes);
  return m;
}

// A JPEG stored turned with EXIF orientation `orientation` (6: "turn 90°
// clockwise to display", as phones write them; 8: counter-clockwise; 3: half a
// turn). The box is in the displayed picture's pixels, as the spec measures
// photos.
Made MakeTurnedJpeg(int orientation = 6, int quality = 92) {
  Made m;
  m.width = 1300;
  m.height = 1000;
  Surface s = DrawPhoto(1300, 1000, &m.box);
  PIX* shown = pixCreate(1300, 1000, 32);
  for (int y = 0; y < 1000; ++y) {
    l_uint32* row = pixGetData(shown) + y * pixGetWpl(shown);
    for (int x = 0; x < 1300; ++x) row[x] = (PixelAt(s.get(), x, y) & 0xFFFFFF) << 8;
  }
  // Stored turned back the other way: what the orientation undoes.
  const int quarters = orientation == 6 ? 3 : orientation == 8 ? 1 : orientation == 3 ? 2 : 0;
  PIX* stored = quarters == 0 ? pixClone(shown) : pixRotateOrth(shown, quarters);
  l_uint8* data = nullptr;
  size_t size = 0;
  pixWriteMemJpeg(&data, &size, stored, quality, 0);
  std::string jpeg(reinterpret_cast<char*>(data), size);
  lept_free(data);
  pixDestroy(&shown);
  pixDestroy(&stored);
  const unsigned char exif[] = {0xFF, 0xE1, 0x00, 0x22, 'E', 'x', 'i', 'f', 0,    0,
                                'M',  'M',  0x00, 0x2A, 0,   0,   0,   8,  // TIFF header, IFD at 8
                                0x00, 0x01,                                // one entry
                                0x01, 0x12, 0x00, 0x03, 0,   0,   0,   1,   0x00, 0x00,
                                0,    0,    0,    0,    0,   0};
  std::string app1(reinterpret_cast<const char*>(exif), sizeof exif);
  app1[29] = static_cast<char>(orientation);  // the Orientation entry's value
  m.bytes = jpeg.substr(0, 2) + app1 + jpeg.substr(2);
  return m;
}

Document PageDocument(const Made& made, ReadMethod method) {
  Document doc;
  Page page;
  page.number = 1;
  page.width = made.width;
  page.height = made.height;
  page.method = method;
  page.how_read = method == ReadMethod::kOcr ? "OCR" : "text layer";
  doc.pages.push_back(page);
  Span span;
  span.text = std::string("Credit code ") + kCode;
  span.page = 1;
  span.bbox = made.box;
  span.locator = "page 1 line 2";
  span.method = method;
  span.confidence = method == ReadMethod::kOcr ? 0.91 : 1.0;
  doc.spans.push_back(span);
  return doc;
}

// The inside of the box on a white margin, as OCR likes it.
void WriteInside(cairo_surface_t* s, const BBox& b, const std::filesystem::path& path) {
  const int w = static_cast<int>(b.x1 - b.x0) - 2, h = static_cast<int>(b.y1 - b.y0) - 2;
  Surface out(cairo_image_surface_create(CAIRO_FORMAT_RGB24, w + 40, h + 40));
  cairo_t* cr = cairo_create(out.get());
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_set_source_surface(cr, s, 20 - (b.x0 + 1), 20 - (b.y0 + 1));
  cairo_rectangle(cr, 20, 20, w, h);
  cairo_fill(cr);
  cairo_destroy(cr);
  cairo_surface_write_to_png(out.get(), path.c_str());
}

class TraceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    docx_ = db_.AddDocument(
        "申报表.docx", "docx", "docx bytes",
        FormTable({{"单位名称", "测试职业学院"}, {"统一社会信用代码", kCode}, {"联系人", "李静"}}),
        "application_form");
    pdf_ = MakePdf();
    pdf_doc_ = db_.AddDocument("扫描件/申报表.pdf", "pdf", pdf_.bytes,
                               PageDocument(pdf_, ReadMethod::kPdfText), "application_form");
    png_ = MakePng();
    png_doc_ = db_.AddDocument("执照.png", "png", png_.bytes, PageDocument(png_, ReadMethod::kOcr),
                               "license");
    jpeg_ = MakeTurnedJpeg();
    jpeg_doc_ = db_.AddDocument("IMG_2031.jpg", "jpeg", jpeg_.bytes,
                                PageDocument(jpeg_, ReadMethod::kOcr), "license");
    norm::Application app;
    app.id = kCode;
    app.fields = {Field("unit_name", "测试职业学院", docx_, 1),
                  Field("credit_code", kCode, docx_, 3), Field("contact_name", "李静", docx_, 5)};
    app.document_ids = {docx_, pdf_doc_, png_doc_, jpeg_doc_};
    // The same value from each rendering, as separate applications so that
    // each trace has that source first.
    auto one = [&](const std::string& id, int64_t doc) {
      norm::Application a;
      a.id = id;
      a.fields = {Field("unit_name", "单位" + id, doc, 0), Field("credit_code", kCode, doc, 0)};
      a.document_ids = {doc};
      return a;
    };
    db_.Save({app, one("PDF1", pdf_doc_), one("PNG1", png_doc_), one("JPG1", jpeg_doc_)});
  }

  // The crop of `field` of `app`, checked: ink inside the box, none just
  // outside, the red frame around it.
  void ExpectCropFramesTheValue(const std::string& app, const std::string& kind) {
    auto trace = TraceField(db_.store(), app, "credit_code");
    ASSERT_TRUE(trace.ok()) << trace.status().message();
    const std::filesystem::path png = db_.root() / (app + ".png");
    auto crop = WriteTraceCrop(db_.store(), *trace, db_.data(), png);
    ASSERT_TRUE(crop.ok()) << crop.status().message();
    EXPECT_EQ(crop->kind, kind);
    Surface s = ReadPngFile(png);
    ASSERT_EQ(cairo_surface_status(s.get()), CAIRO_STATUS_SUCCESS);
    EXPECT_EQ(cairo_image_surface_get_width(s.get()), crop->width);
    const BBox& b = crop->highlight;
    ASSERT_GT(b.x1 - b.x0, 20);
    const int inside = CountPixels(s.get(), b.x0 + 1, b.y0 + 1, b.x1 - 1, b.y1 - 1, Ink);
    EXPECT_GT(inside, 100) << "no text inside the highlighted box of " << app;
    // A ring 4..14 px outside the box (past the frame) holds no ink: the box
    // is around the value, not beside it.
    const double r0 = 4, r1 = 14;
    int ring = CountPixels(s.get(), b.x0 - r1, b.y0 - r1, b.x1 + r1, b.y0 - r0, Ink) +
               CountPixels(s.get(), b.x0 - r1, b.y1 + r0, b.x1 + r1, b.y1 + r1, Ink) +
               CountPixels(s.get(), b.x0 - r1, b.y0, b.x0 - r0, b.y1, Ink) +
               CountPixels(s.get(), b.x1 + r0, b.y0, b.x1 + r1, b.y1, Ink);
    EXPECT_LT(ring, 5) << "ink just outside the highlighted box of " << app;
    const int frame = CountPixels(s.get(), b.x0 - 3, b.y0 - 3, b.x1 + 3, b.y1 + 3, MarkRed);
    EXPECT_GT(frame, static_cast<int>(b.x1 - b.x0)) << "no red frame around the value";
    // The box's inside is read back as the value by the `tesseract` command
    // (scripts/packages.txt installs it): missing, it fails, not skips.
    if (kind == "page") {
      ASSERT_EQ(std::system("command -v tesseract >/dev/null 2>&1"), 0)
          << "the tesseract command is not installed (scripts/install-deps: tesseract-ocr)";
      const std::filesystem::path inside = db_.root() / (app + "-inside.png");
      WriteInside(s.get(), b, inside);
      const std::string cmd =
          "tesseract " + ShellQuote(inside.string()) + " - -l eng --psm 7 2>/dev/null";
      std::string text;
      if (FILE* p = popen(cmd.c_str(), "r")) {
        char buf[512];
        size_t n;
        while ((n = fread(buf, 1, sizeof buf, p)) > 0) text.append(buf, n);
        pclose(p);
      }
      EXPECT_NE(text.find(kCode), std::string::npos) << "OCR of the crop: " << text;
    }
  }

  ReportStore db_;
  int64_t docx_ = 0, pdf_doc_ = 0, png_doc_ = 0, jpeg_doc_ = 0;
  Made pdf_, png_, jpeg_;
};

TEST_F(TraceTest, DocxValueIsShownInItsTableWithTheCellHighlighted) {
  auto trace = TraceField(db_.store(), kCode, "credit_code");
  ASSERT_TRUE(trace.ok()) << trace.status().message();
  const std::filesystem::path png = db_.root() / "docx.png";
  auto crop = WriteTraceCrop(db_.store(), *trace, db_.data(), png);
  ASSERT_TRUE(crop.ok()) << crop.status().message();
  EXPECT_EQ(crop->kind, "table");
  Surface s = ReadPngFile(png);
  ASSERT_EQ(cairo_surface_status(s.get()), CAIRO_STATUS_SUCCESS);
  const BBox& b = crop->highlight;
  // The cell is filled with the marker yellow and holds the value's ink;
  // its neighbours (the label left of it, the rows around) are drawn too.
  auto yellow = [](unsigned r, unsigned g, unsigned b) { return r > 240 && g > 225 && b < 150; };
  EXPECT_GT(CountPixels(s.get(), b.x0 + 3, b.y0 + 3, b.x1 - 3, b.y1 - 3, yellow),
            (b.x1 - b.x0) * (b.y1 - b.y0) / 3);
  EXPECT_GT(CountPixels(s.get(), b.x0 + 3, b.y0 + 3, b.x1 - 3, b.y1 - 3, Ink), 50);
  EXPECT_GT(CountPixels(s.get(), 0, 0, b.x0 - 3, cairo_image_surface_get_height(s.get()), Ink), 50)
      << "the label column is not drawn";
  EXPECT_GT(b.y0, 40) << "the row above is not drawn";
}

TEST_F(TraceTest, TextPdfCropFramesTheValue) { ExpectCropFramesTheValue("PDF1", "page"); }
TEST_F(TraceTest, PhotoCropFramesTheValue) { ExpectCropFramesTheValue("PNG1", "page"); }
TEST_F(TraceTest, TurnedPhotoIsShownAsDisplayedAfterItsExifOrientation) {
  ExpectCropFramesTheValue("JPG1", "page");
}

// The box extract's OCR reads from a turned photo, drawn by the reports on
// the photo's picture, frames its value: both turn the photo by the one
// implementation of EXIF orientation (image_picture.h).
TEST_F(TraceTest, BoxReadFromATurnedPhotoLandsOnItsValue) {
  for (int orientation : {6, 8, 3}) {
    SCOPED_TRACE("EXIF orientation " + std::to_string(orientation));
    // Not the bytes of the fixture's own turned photo (a file is read once).
    const Made photo = MakeTurnedJpeg(orientation, 90);
    Result<Document> read = ReadImage(photo.bytes);
    ASSERT_TRUE(read.ok()) << read.status().message();
    int span = -1;
    std::string texts;
    for (size_t i = 0; i < read->spans.size(); ++i) {
      texts += read->spans[i].text + " | ";
      if (span < 0 && read->spans[i].text.find(kCode) != std::string::npos)
        span = static_cast<int>(i);
    }
    ASSERT_GE(span, 0) << "OCR did not read the code: " << texts;
    ASSERT_TRUE(read->spans[span].bbox);
    const std::string id = "TURNED" + std::to_string(orientation);
    const int64_t doc = db_.AddDocument("IMG_" + std::to_string(orientation) + ".jpg", "jpeg",
                                        photo.bytes, *read, "license");
    norm::Application a;
    a.id = id;
    a.fields = {Field("unit_name", "单位" + id, doc, span), Field("credit_code", kCode, doc, span)};
    a.document_ids = {doc};
    db_.Save({a});
    ExpectCropFramesTheValue(id, "page");
  }
}

TEST_F(TraceTest, PrintsEveryPlaceOfTheValue) {
  auto trace = TraceField(db_.store(), "PDF1", "统一社会信用代码");  // a label works too
  ASSERT_TRUE(trace.ok()) << trace.status().message();
  EXPECT_EQ(trace->key, "credit_code");
  EXPECT_EQ(trace->label, "统一社会信用代码");
  nlohmann::json j = TraceJson(*trace, nullptr);
  ASSERT_EQ(j["sources"].size(), 1u);
  const auto& s = j["sources"][0];
  EXPECT_EQ(s["file"], "扫描件/申报表.pdf");
  EXPECT_EQ(s["sha256"], Sha256Hex(pdf_.bytes));
  EXPECT_EQ(s["page"], 1);
  EXPECT_EQ(s["method"], "pdf-text");
  EXPECT_NEAR(s["bbox"][0].get<double>(), pdf_.box.x0, 0.01);
  EXPECT_NEAR(s["bbox"][3].get<double>(), pdf_.box.y1, 0.01);
  EXPECT_EQ(s["raw"], std::string("Credit code ") + kCode);
  const std::string text = TraceText(*trace, nullptr);
  EXPECT_NE(text.find("扫描件/申报表.pdf"), std::string::npos);
  EXPECT_NE(text.find("PDF 文本层"), std::string::npos);
  EXPECT_NE(text.find(Sha256Hex(pdf_.bytes)), std::string::npos);

  auto docx = TraceField(db_.store(), "测试职业学院", "unit_name");  // a unit name works too
  ASSERT_TRUE(docx.ok()) << docx.status().message();
  nlohmann::json d = TraceJson(*docx, nullptr);
  EXPECT_TRUE(d["sources"][0]["page"].is_null());
  EXPECT_TRUE(d["sources"][0]["bbox"].is_null());
  EXPECT_EQ(d["sources"][0]["locator"], "table 1 row 1 cell 2");
}

TEST_F(TraceTest, UnknownApplicationOrFieldIsAClearError) {
  auto app = TraceField(db_.store(), "NO-SUCH-ID", "unit_name");
  ASSERT_FALSE(app.ok());
  EXPECT_EQ(app.status().code(), ErrorCode::kNotFound);
  EXPECT_NE(app.status().message().find("NO-SUCH-ID"), std::string::npos);

  auto field = TraceField(db_.store(), kCode, "shoe_size");
  ASSERT_FALSE(field.ok());
  EXPECT_EQ(field.status().code(), ErrorCode::kInvalidInput);
  EXPECT_NE(field.status().message().find("credit_code"), std::string::npos);

  auto absent = TraceField(db_.store(), kCode, "email");
  ASSERT_FALSE(absent.ok());
  EXPECT_EQ(absent.status().code(), ErrorCode::kNotFound);
  EXPECT_NE(absent.status().message().find("电子邮箱"), std::string::npos);
}

TEST_F(TraceTest, PagePicturesAreRenderedOnceThenComeFromTheCache) {
  ReportOptions options;
  options.out_dir = db_.root() / "out";
  std::filesystem::create_directories(options.out_dir);
  options.data_dir = db_.data();
  auto first = WriteReports(db_.store(), db_.store(), options);
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_GT(first->pages_rendered, 0);
  const std::string sha = Sha256Hex(pdf_.bytes);
  EXPECT_TRUE(std::filesystem::exists(db_.data() / "cache" / (sha + "-p1-150dpi.png")));

  // Without the PDF original, its pictures still come from the cache.
  ASSERT_TRUE(std::filesystem::remove(db_.data() / "originals" / sha.substr(0, 2) / sha));
  auto second = WriteReports(db_.store(), db_.store(), options);
  ASSERT_TRUE(second.ok()) << second.status().message();
  EXPECT_EQ(second->pages_rendered, 0);
  EXPECT_GT(second->pages_from_cache, 0);
  const std::string html = ReadBytes(options.out_dir / "PDF1.html");
  EXPECT_EQ(html.find("来源图像无法生成"), std::string::npos);
  EXPECT_NE(html.find("PDF1_files/f-credit_code-0.png"), std::string::npos);
  EXPECT_NE(html.find("PDF 文本层"), std::string::npos);
}

TEST_F(TraceTest, MissingOriginalIsReportedNotCrashed) {
  std::filesystem::remove_all(db_.data() / "originals");
  auto trace = TraceField(db_.store(), "PDF1", "credit_code");
  ASSERT_TRUE(trace.ok());
  auto crop = WriteTraceCrop(db_.store(), *trace, db_.data(), db_.root() / "x.png");
  EXPECT_FALSE(crop.ok());
  EXPECT_FALSE(std::filesystem::exists(db_.root() / "x.png"));
}

TEST_F(TraceTest, AMissingOriginalIsExplainedToReviewersInChinese) {
  std::filesystem::remove_all(db_.data() / "originals");
  std::filesystem::remove_all(db_.data() / "cache");
  ReportOptions options;
  options.out_dir = db_.root() / "out";
  std::filesystem::create_directories(options.out_dir);
  options.data_dir = db_.data();
  auto report = WriteReports(db_.store(), db_.store(), options);
  ASSERT_TRUE(report.ok()) << report.status().message();
  const std::string html = ReadBytes(options.out_dir / "PDF1.html");
  EXPECT_NE(html.find("来源图像无法生成：原件或该值在原件中的位置未找到"), std::string::npos);
  EXPECT_EQ(html.find("no original is kept"), std::string::npos);
}

}  // namespace
}  // namespace dossier::testing
