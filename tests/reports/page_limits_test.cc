// Page pictures are bounded: their pixel size is known before anything is
// drawn, a page too large for its resolution is drawn at a lower one, what
// cannot be drawn is written down and never tried again, and a drawing that
// crashes or runs out of time in its child process costs only that page.
#include <gtest/gtest.h>
#include <leptonica/allheaders.h>

#include <chrono>
#include <filesystem>
#include <string>

#include "dossier/ingest/originals.h"
#include "dossier/reports/dossier_report.h"
#include "extract/pdf_test_util.h"
#include "reports/report_fixture.h"

namespace dossier::testing {
namespace {

namespace fs = std::filesystem;

constexpr const char* kCode = "91370100MA3C12345X";
constexpr double kHugePt = 150 * 72;  // a page 150 × 150 inches

// A licence on a page 150 inches square, its one line of text with its box,
// in an application whose form is a DOCX.
class PageLimitsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pdf_ = MakePdf(
        1,
        [&](cairo_t* cr, int) {
          box_ = DrawText(cr, 200, 200, "统一社会信用代码 " + std::string(kCode), 40);
        },
        kHugePt, kHugePt);
    Document licence;
    licence.pages.push_back({1, kHugePt, kHugePt, ReadMethod::kPdfText, "text layer"});
    Span span;
    span.text = kCode;
    span.page = 1;
    span.bbox = box_;
    span.locator = "page 1 line 1";
    span.method = ReadMethod::kPdfText;
    licence.spans.push_back(span);
    licence_ = db_.AddDocument("执照.pdf", "pdf", pdf_, licence, "license");
    form_ = db_.AddDocument("申报表.docx", "docx", "docx bytes",
                            FormTable({{"单位名称", "测试职业学院"}, {"统一社会信用代码", kCode}}),
                            "application_form");
    norm::Application app;
    app.id = kCode;
    app.fields = {Field("unit_name", "测试职业学院", form_, 1),
                  Field("credit_code", kCode, licence_, 0)};
    app.document_ids = {form_, licence_};
    db_.Save({app});
  }

  Result<ReportSummary> Report(
      std::function<Status(const std::function<Status()>&)> isolate = nullptr) {
    ReportOptions options;
    options.out_dir = db_.root() / "out";
    fs::create_directories(options.out_dir);  // `report` makes it; WriteReports fills it
    options.data_dir = db_.data();
    options.isolate = std::move(isolate);
    return WriteReports(db_.store(), db_.store(), options);
  }

  std::string Html() { return ReadBytes(db_.root() / "out" / (std::string(kCode) + ".html")); }

  fs::path Cached(const std::string& name) {
    return db_.data() / "cache" / (Sha256Hex(pdf_) + name);
  }

  ReportStore db_;
  std::string pdf_;
  BBox box_;
  int64_t licence_ = 0, form_ = 0;
};

TEST_F(PageLimitsTest, AHugePageIsDrawnAtALowerResolutionNotRefusedNorBlownUp) {
  const auto start = std::chrono::steady_clock::now();
  auto summary = Report();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(summary.ok()) << summary.status().message();
  // At 150 dpi the page would be 22500 × 22500 pixels (2 GB).
  EXPECT_LT(seconds, 60) << "the machine is shared; this is a bound, not a benchmark";
  Surface page = ReadPngFile(Cached("-p1-150dpi.png"));
  ASSERT_EQ(cairo_surface_status(page.get()), CAIRO_STATUS_SUCCESS);
  const int64_t pixels = int64_t{cairo_image_surface_get_width(page.get())} *
                         cairo_image_surface_get_height(page.get());
  EXPECT_LE(pixels, 12'000'000);
  EXPECT_GT(pixels, 10'000'000);
  EXPECT_TRUE(fs::exists(Cached("-p1-150dpi.png.dpi")));
  // The value's picture is cut where the value is, at the lower resolution.
  EXPECT_NE(Html().find("f-credit_code-0.png"), std::string::npos);
  EXPECT_EQ(Html().find("来源图像无法生成"), std::string::npos);
  // Read from the cache the second time, not drawn again.
  auto again = Report();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->pages_rendered, 0);
}

TEST_F(PageLimitsTest, APageWhoseDrawingCrashesIsWrittenDownAndNeverTriedAgain) {
  int children = 0;
  auto crashing = [&](const std::function<Status()>&) {
    ++children;
    return Status::InvalidInput("读取程序在处理该文件时崩溃（段错误），文件未读取")
        .WithReasonCode("parser_crashed");
  };
  auto summary = Report(crashing);
  ASSERT_TRUE(summary.ok()) << summary.status().message();
  const int first_run = children;
  EXPECT_GE(first_run, 1);
  EXPECT_NE(Html().find("崩溃"), std::string::npos);
  EXPECT_TRUE(fs::exists(Cached("-p1-150dpi.png.failed")));
  // A new report asks no child to draw it again.
  ASSERT_TRUE(Report(crashing).ok());
  EXPECT_EQ(children, first_run);
  EXPECT_NE(Html().find("崩溃"), std::string::npos);
}

TEST_F(PageLimitsTest, DrawingThroughTheIsolationHookFillsTheCacheBeforeTheDossiers) {
  int children = 0;
  auto in_child = [&](const std::function<Status()>& work) {
    ++children;
    return work();  // a real child process is the app's; here the work itself
  };
  auto summary = Report(in_child);
  ASSERT_TRUE(summary.ok()) << summary.status().message();
  EXPECT_EQ(children, 1);  // one original, all its pages at once
  EXPECT_TRUE(fs::exists(Cached("-p1-150dpi.png")));
  EXPECT_TRUE(fs::exists(Cached("-p1-24dpi.png")));
  EXPECT_EQ(Html().find("来源图像无法生成"), std::string::npos);
}

TEST(PageLimits, AnImageTooLargeToDecodeHereIsRefusedBeforeDecodingAndRemembered) {
  ReportStore db;
  // A PNG header claiming 8000 × 8000 pixels (64 megapixels), no pixel data.
  std::string png("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\x1f\x40\0\0\x1f\x40\x08\x02\0\0\0", 29);
  png += std::string(40, '\0');  // Leptonica reads a PNG header only from 40 bytes on
  Document photo;
  photo.pages.push_back({1, 8000, 8000, ReadMethod::kOcr, "OCR: image"});
  const int64_t doc = db.AddDocument("场地照片.png", "png", png, photo, "facilities");
  const int64_t form = db.AddDocument("申报表.docx", "docx", "docx",
                                      FormTable({{"单位名称", "测试学院"}}), "application_form");
  norm::Application app;
  app.id = kCode;
  app.fields = {Field("unit_name", "测试学院", form, 1)};
  app.document_ids = {form, doc};
  db.Save({app});
  ReportOptions options;
  options.out_dir = db.root() / "out";
  fs::create_directories(options.out_dir);
  options.data_dir = db.data();
  ASSERT_TRUE(WriteReports(db.store(), db.store(), options).ok());
  const std::string html = ReadBytes(db.root() / "out" / (std::string(kCode) + ".html"));
  EXPECT_NE(html.find("百万像素"), std::string::npos);
  const fs::path failed = db.data() / "cache" / (Sha256Hex(png) + "-p1-max300.png.failed");
  ASSERT_TRUE(fs::exists(failed));
  // Remembered: even with the original gone it is not looked at again.
  fs::remove(db.data() / "originals" / Sha256Hex(png).substr(0, 2) / Sha256Hex(png));
  ASSERT_TRUE(WriteReports(db.store(), db.store(), options).ok());
  EXPECT_NE(ReadBytes(db.root() / "out" / (std::string(kCode) + ".html")).find("百万像素"),
            std::string::npos);
}

}  // namespace
}  // namespace dossier::testing
