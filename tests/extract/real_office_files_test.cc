// Files as real producers write them, which the usual names do not describe:
// Word for the web's word/document2.xml, packages zipped on Windows with
// backslashes and odd case, a workbook at the package root, BMP and WebP
// images, a TIFF in old-style JPEG, a PDF of hundreds of pages; and the
// files that cannot be read, each with its own code.
#include <gtest/gtest.h>
#include <leptonica/allheaders.h>

#include <string>

#include "dossier/common/text.h"
#include "dossier/extract/extractor.h"
#include "extract/pdf_test_util.h"
#include "support/zip_builder.h"

namespace dossier {
namespace {

using testing::BuildZip;
using testing::DocumentXml;
using testing::DrawText;
using testing::P;

std::string Plain(std::string_view s) {
  std::string out;
  for (char32_t c : text::ToU32(text::FullWidthToAscii(s))) {
    if (!text::IsSpace(c)) text::AppendUtf8(out, c);
  }
  return out;
}

std::string AllText(const Document& doc) {
  std::string out;
  for (const Span& s : doc.spans) out += s.text;
  return Plain(out);
}

constexpr const char* kRelsNs = "http://schemas.openxmlformats.org/package/2006/relationships";
constexpr const char* kOfficeDocument =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";

std::string Rels(const std::string& target, const std::string& type = kOfficeDocument) {
  return std::string("<Relationships xmlns=\"") + kRelsNs + "\"><Relationship Id=\"rId1\" Type=\"" +
         type + "\" Target=\"" + target + "\"/></Relationships>";
}

TEST(RealOfficeFiles, WordForTheWebsMainPartIsFoundThroughTheRelationships) {
  const std::string docx =
      BuildZip({{"[Content_Types].xml", "<Types/>"},
                {"_rels/.rels", Rels("/word/document2.xml")},
                {"word/document2.xml", DocumentXml(P("单位名称：济南某某职业学院"))}});
  Result<Document> doc = ReadDocx(docx);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(AllText(*doc), Plain("单位名称：济南某某职业学院"));
}

TEST(RealOfficeFiles, PackagePartsWithBackslashesAndOddCaseAreFound) {
  const std::string docx = BuildZip({{"[Content_Types].xml", "<Types/>"},
                                     {"_RELS\\.rels", Rels("word/document.xml")},
                                     {"Word\\Document.XML", DocumentXml(P("申报单位：青岛学院"))}});
  Result<Document> doc = ReadDocx(docx);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(AllText(*doc), Plain("申报单位：青岛学院"));
}

TEST(RealOfficeFiles, AWorkbookWhosePartsSitAtThePackageRootIsRead) {
  const std::string sheet_ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  const std::string xlsx = BuildZip(
      {{"[Content_Types].xml", "<Types/>"},
       {"_rels/.rels", Rels("workbook.xml")},
       {"workbook.xml",
        "<workbook xmlns=\"" + sheet_ns +
            "\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
            "<sheets><sheet name=\"汇总\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"},
       {"_rels/workbook.xml.rels",
        Rels("sheet1.xml",
             "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet")},
       {"sheet1.xml",
        "<worksheet xmlns=\"" + sheet_ns +
            "\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>申报单位名称"
            "</t></is></c></row></sheetData></worksheet>"}});
  Result<Document> doc = ReadXlsx(xlsx);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  ASSERT_EQ(doc->spans.size(), 1u);
  EXPECT_EQ(doc->spans[0].text, "申报单位名称");
  EXPECT_EQ(doc->spans[0].locator, "汇总!A1");
}

Pix* TextImage(const char* text) {
  cairo_surface_t* image =
      testing::MakeImage(900, 200, [&](cairo_t* cr) { DrawText(cr, 50, 50, text, 56); });
  Pix* pix = testing::ToPix(image);
  cairo_surface_destroy(image);
  return pix;
}

std::string Bytes(l_uint8* data, size_t size) {
  std::string out(reinterpret_cast<const char*>(data), size);
  lept_free(data);
  return out;
}

TEST(RealOfficeFiles, BmpAndWebpImagesAreReadLikeAnyPhoto) {
  const char* kText = "培训证明：山东省人社厅";
  Pix* pix = TextImage(kText);
  l_uint8* data = nullptr;
  size_t size = 0;
  ASSERT_EQ(pixWriteMemBmp(&data, &size, pix), 0);
  const std::string bmp = Bytes(data, size);
  ASSERT_EQ(pixWriteMemWebP(&data, &size, pix, 90, 0), 0);
  const std::string webp = Bytes(data, size);
  pixDestroy(&pix);
  for (const auto& [name, bytes] : {std::pair{"bmp", bmp}, std::pair{"webp", webp}}) {
    Result<Document> doc = ExtractFile(name, bytes, std::string("photo.") + name);
    ASSERT_TRUE(doc.ok()) << name << ": " << doc.status().message();
    ASSERT_EQ(doc->pages.size(), 1u) << name;
    EXPECT_EQ(doc->pages[0].width, 900) << name;
    EXPECT_EQ(AllText(*doc), Plain(kText)) << name;
  }
}

void Put16(std::string& b, uint16_t v) {
  b.push_back(static_cast<char>(v & 0xFF));
  b.push_back(static_cast<char>(v >> 8));
}
void Put32(std::string& b, uint32_t v) {
  Put16(b, static_cast<uint16_t>(v & 0xFFFF));
  Put16(b, static_cast<uint16_t>(v >> 16));
}

// A TIFF whose one page is old-style JPEG (compression 6) carrying a whole
// JPEG stream, as early scanners and fax software wrote them.
std::string OldJpegTiff(const std::string& jpeg, uint32_t width, uint32_t height) {
  struct Tag {
    uint16_t tag, type;
    uint32_t value;
  };
  const uint32_t entries = 11;
  const uint32_t jpeg_at = 8 + 2 + entries * 12 + 4;
  const std::vector<Tag> tags = {{256, 4, width},
                                 {257, 4, height},
                                 {258, 3, 8},
                                 {259, 3, 6},
                                 {262, 3, 6},
                                 {273, 4, jpeg_at},
                                 {277, 3, 3},
                                 {278, 4, height},
                                 {279, 4, static_cast<uint32_t>(jpeg.size())},
                                 {513, 4, jpeg_at},
                                 {514, 4, static_cast<uint32_t>(jpeg.size())}};
  std::string b = "II*";
  b.push_back('\0');
  Put32(b, 8);
  Put16(b, static_cast<uint16_t>(tags.size()));
  for (const Tag& t : tags) {
    Put16(b, t.tag);
    Put16(b, t.type);
    Put32(b, 1);
    if (t.type == 3) {
      Put16(b, static_cast<uint16_t>(t.value));
      Put16(b, 0);
    } else {
      Put32(b, t.value);
    }
  }
  Put32(b, 0);  // no next IFD
  return b + jpeg;
}

TEST(RealOfficeFiles, ATiffInOldStyleJpegIsRead) {
  const char* kText = "师资名单：专职教师";
  Pix* pix = TextImage(kText);
  const std::string jpeg = testing::JpegBytes(pix);
  pixDestroy(&pix);
  Result<Document> doc = ReadImage(OldJpegTiff(jpeg, 900, 200));
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  ASSERT_EQ(doc->pages.size(), 1u);
  EXPECT_EQ(AllText(*doc), Plain(kText));
}

TEST(RealOfficeFiles, APdfOfSixHundredNineteenPagesIsReadWhole) {
  const std::string pdf = testing::MakePdf(619, [](cairo_t* cr, int page) {
    DrawText(cr, 72, 72, "第 " + std::to_string(page) + " 页 培训记录", 12);
  });
  Result<Document> doc = ReadPdf(pdf);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  ASSERT_EQ(doc->pages.size(), 619u);
  EXPECT_EQ(doc->pages.back().method, ReadMethod::kPdfText);
  EXPECT_NE(AllText(*doc).find(Plain("第619页")), std::string::npos);
}

TEST(RealOfficeFiles, WhatCannotBeReadSaysWhyWithItsOwnCode) {
  struct Case {
    const char* type;
    std::string bytes;
    const char* code;
    const char* phrase;
  };
  const std::string good = testing::BuildDocx(P("x"));
  const std::vector<Case> cases = {
      {"encrypted_office", "", "encrypted_office", "密码"},
      {"doc", "", "legacy_office", ".doc"},
      {"xls", "", "legacy_office", ".xls"},
      {"docx", good.substr(0, good.size() / 2), "damaged", "损坏"},
      {"empty", "", "empty", "空"},
      {"unknown", "just text", "unknown_type", "无法识别"},
      {"pptx", "", "unsupported_format", "PowerPoint"},
      {"zip", BuildZip({{"a.docx", good}}), "unsupported_format", "ZIP"},
  };
  for (const Case& c : cases) {
    Result<Document> doc = ExtractFile(c.type, c.bytes, "file");
    ASSERT_FALSE(doc.ok()) << c.type;
    EXPECT_EQ(doc.status().reason_code(), c.code) << c.type << ": " << doc.status().message();
    EXPECT_NE(doc.status().message().find(c.phrase), std::string::npos)
        << c.type << ": " << doc.status().message();
  }
}

}  // namespace
}  // namespace dossier
