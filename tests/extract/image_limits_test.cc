// Bad images: refused from their header, before a decoder allocates for the
// pixels they claim, or read as far as they go; never a crash or a hang.
#include <gtest/gtest.h>

#include <string>

#include "dossier/extract/extractor.h"
#include "extract/pdf_test_util.h"

namespace dossier {
namespace {

std::string Be32(uint32_t v) {
  return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
          static_cast<char>(v)};
}

// A PNG that claims width × height and holds no pixel data at all: reading
// it past the header would fail, so the limit must come first.
std::string PngClaiming(uint32_t width, uint32_t height) {
  std::string png("\x89PNG\r\n\x1a\n", 8);
  png += Be32(13) + "IHDR" + Be32(width) + Be32(height) + std::string("\x08\x02\0\0\0", 5);
  png += Be32(0);  // CRC, never checked before the size
  png += std::string(64, '\0');
  return png;
}

TEST(ImageLimits, PngClaimingTooManyPixelsIsRejectedBeforeDecoding) {
  Result<Document> doc = ReadImage(PngClaiming(20000, 20000));
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), ErrorCode::kLimitExceeded);
  EXPECT_EQ(doc.status().reason_code(), "image_too_large");
  EXPECT_EQ(doc.status().message(),
            "图片为 20000 × 20000 像素（400 百万像素），超过 100 百万像素的上限，不读取");
}

TEST(ImageLimits, JpegClaimingTooManyPixelsIsRejectedBeforeDecoding) {
  // SOI, a JFIF APP0, then SOF0 for 60000 × 50000.
  std::string jpeg("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00", 20);
  jpeg += std::string("\xFF\xC0\x00\x11\x08", 5);
  jpeg += std::string("\xC3\x50", 2);  // height 50000
  jpeg += std::string("\xEA\x60", 2);  // width 60000
  jpeg += std::string("\x03\x01\x22\x00\x02\x11\x01\x03\x11\x01", 10);
  jpeg += std::string(32, '\0');
  Result<Document> doc = ReadImage(jpeg);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), ErrorCode::kLimitExceeded);
  EXPECT_NE(doc.status().message().find("60000 × 50000 像素（3000 百万像素）"), std::string::npos)
      << doc.status().message();
}

TEST(ImageLimits, TiffWithAPageClaimingTooManyPixelsIsRejected) {
  // Little-endian TIFF, one IFD: width 15000, height 9000 (LONG).
  std::string tiff("II*\0\x08\0\0\0", 8);
  tiff += std::string("\x02\x00", 2);
  tiff += std::string("\x00\x01\x04\x00\x01\x00\x00\x00", 8) + std::string("\x98\x3A\0\0", 4);
  tiff += std::string("\x01\x01\x04\x00\x01\x00\x00\x00", 8) + std::string("\x28\x23\0\0", 4);
  tiff += std::string("\0\0\0\0", 4);
  Result<Document> doc = ReadImage(tiff);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), ErrorCode::kLimitExceeded);
  EXPECT_NE(doc.status().message().find("15000 × 9000 像素（135 百万像素）"), std::string::npos)
      << doc.status().message();
}

TEST(ImageLimits, ALowerLimitIsHonoured) {
  cairo_surface_t* image = testing::MakeImage(400, 300, [](cairo_t*) {});
  std::string png = testing::PngBytes(image);
  cairo_surface_destroy(image);
  ExtractLimits limits;
  limits.max_image_pixels = 100000;
  Result<Document> doc = ReadImage(png, limits);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().message(),
            "图片为 400 × 300 像素（0.1 百万像素），超过 0.1 百万像素的上限，不读取");
}

TEST(ImageLimits, TruncatedJpegIsReadAsFarAsItGoesWithAWarningOrRejected) {
  cairo_surface_t* image = testing::MakeImage(900, 600, [](cairo_t* cr) {
    testing::DrawText(cr, 60, 60, "法定代表人：王明", 56);
    testing::DrawText(cr, 60, 400, "通讯地址：烟台市芝罘区", 56);
  });
  Pix* pix = testing::ToPix(image);
  cairo_surface_destroy(image);
  std::string jpeg = testing::JpegBytes(pix);
  pixDestroy(&pix);
  Result<Document> doc = ReadImage(jpeg.substr(0, jpeg.size() * 6 / 10));
  if (doc.ok()) {
    ASSERT_FALSE(doc->warnings.empty());
    EXPECT_NE(doc->warnings[0].find("truncated"), std::string::npos) << doc->warnings[0];
    ASSERT_EQ(doc->pages.size(), 1u);
  } else {
    EXPECT_NE(doc.status().message().find("不完整"), std::string::npos) << doc.status().message();
  }
  // Only the header left: nothing to decode.
  Result<Document> truncated = ReadImage(jpeg.substr(0, 200));
  ASSERT_FALSE(truncated.ok());
  EXPECT_EQ(truncated.status().code(), ErrorCode::kInvalidInput);
}

TEST(ImageLimits, DamagedPngIsRejectedWithAClearReason) {
  std::string png = PngClaiming(300, 200);
  Result<Document> doc = ReadImage(png);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().reason_code(), "damaged");
  EXPECT_EQ(doc.status().message(), "图片已损坏或不完整，无法解码");
  Result<Document> routed = ExtractFile("png", png, "photo.png");
  ASSERT_FALSE(routed.ok());
  EXPECT_EQ(routed.status().message(), doc.status().message());
}

TEST(ImageLimits, NotAnImageAtAll) {
  Result<Document> doc = ReadImage("this is only text, not a picture");
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().reason_code(), "unknown_type");
}

}  // namespace
}  // namespace dossier
