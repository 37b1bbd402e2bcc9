#include "dossier/ingest/file_type.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <zip.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "dossier/ingest/read_file.h"
#include "support/ole_builder.h"
#include "support/temp_dir.h"

namespace dossier {
namespace {

using namespace std::string_literals;
using testing::MakeCompoundFile;

// Builds a real ZIP archive in memory with libzip.
std::string MakeZip(const std::vector<std::pair<std::string, std::string>>& entries) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(nullptr, 0, 0, &error);
  EXPECT_NE(source, nullptr);
  zip_t* archive = zip_open_from_source(source, ZIP_TRUNCATE, &error);
  EXPECT_NE(archive, nullptr);
  zip_source_keep(source);  // Read the result back after zip_close.
  for (const auto& [name, content] : entries) {
    zip_source_t* data = zip_source_buffer(archive, content.data(), content.size(), 0);
    EXPECT_GE(zip_file_add(archive, name.c_str(), data, ZIP_FL_ENC_UTF_8), 0) << name;
  }
  EXPECT_EQ(zip_close(archive), 0);

  std::string bytes;
  zip_stat_t stat;
  EXPECT_EQ(zip_source_stat(source, &stat), 0);
  EXPECT_EQ(zip_source_open(source), 0);
  bytes.resize(stat.size);
  EXPECT_EQ(zip_source_read(source, bytes.data(), stat.size), static_cast<zip_int64_t>(stat.size));
  zip_source_close(source);
  zip_source_free(source);
  zip_error_fini(&error);
  return bytes;
}

const char kContentTypes[] =
    R"(<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>)";

std::string DocxShapedZip() {
  return MakeZip({{"[Content_Types].xml", kContentTypes},
                  {"_rels/.rels", "<Relationships/>"},
                  {"word/document.xml", "<w:document><w:body>申报书</w:body></w:document>"},
                  {"word/styles.xml", "<w:styles/>"}});
}

std::string XlsxShapedZip() {
  return MakeZip({{"[Content_Types].xml", kContentTypes},
                  {"_rels/.rels", "<Relationships/>"},
                  {"xl/workbook.xml", "<workbook/>"},
                  {"xl/worksheets/sheet1.xml", "<worksheet/>"}});
}

TEST(SniffFileTypeTest, EmptyIsEmpty) { EXPECT_EQ(SniffFileType(""), FileType::kEmpty); }

TEST(SniffFileTypeTest, DocxShapedZipIsDocx) {
  EXPECT_EQ(SniffFileType(DocxShapedZip()), FileType::kDocx);
}

TEST(SniffFileTypeTest, XlsxShapedZipIsXlsx) {
  EXPECT_EQ(SniffFileType(XlsxShapedZip()), FileType::kXlsx);
}

TEST(SniffFileTypeTest, ZipWithoutOfficePartsIsZip) {
  const std::string zip =
      MakeZip({{"申报书.docx", "not really"}, {"scans/营业执照.pdf", "%PDF-1.4"}});
  EXPECT_EQ(SniffFileType(zip), FileType::kZip);
}

TEST(SniffFileTypeTest, OfficePartNamesOnlyCountAtTheirPlace) {
  // A ZIP that merely contains a folder of Word files is not a DOCX.
  const std::string zip = MakeZip({{"forms/word/document.xml", "<x/>"}});
  EXPECT_EQ(SniffFileType(zip), FileType::kZip);
}

TEST(SniffFileTypeTest, EmptyZipIsZip) {
  const std::string end_of_central_directory = "PK\x05\x06"s + std::string(18, '\0');
  // libzip itself writes nothing for an empty archive, so the 22 bytes of a
  // bare end-of-central-directory record are spelled out.
  EXPECT_EQ(SniffFileType(end_of_central_directory), FileType::kZip);
}

TEST(SniffFileTypeTest, TruncatedDocxIsStillDocxSoTheReaderCanSayItIsDamaged) {
  std::string docx = DocxShapedZip();
  docx.resize(docx.size() - 60);  // The central directory is gone.
  EXPECT_EQ(SniffFileType(docx), FileType::kDocx);
  std::string xlsx = XlsxShapedZip();
  xlsx.resize(xlsx.size() - 60);
  EXPECT_EQ(SniffFileType(xlsx), FileType::kXlsx);
}

TEST(SniffFileTypeTest, DamagedZipWithoutOfficePartsIsZip) {
  EXPECT_EQ(SniffFileType("PK\x03\x04garbage that libzip cannot open"s), FileType::kZip);
  std::string zip = MakeZip({{"a.txt", "hello"}});
  zip.resize(zip.size() - 30);
  EXPECT_EQ(SniffFileType(zip), FileType::kZip);
}

TEST(SniffFileTypeTest, PdfHeader) {
  EXPECT_EQ(SniffFileType("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n"), FileType::kPdf);
}

TEST(SniffFileTypeTest, PdfWithLeadingJunkInTheFirstKilobyte) {
  const std::string pdf = std::string(900, 'x') + "%PDF-1.4\n";
  EXPECT_EQ(SniffFileType(pdf), FileType::kPdf);
}

TEST(SniffFileTypeTest, PdfHeaderPastTheFirstKilobyteIsNotAPdf) {
  const std::string text = std::string(1024, 'x') + "%PDF-1.4\n";
  EXPECT_EQ(SniffFileType(text), FileType::kUnknown);
}

TEST(SniffFileTypeTest, ImageMagic) {
  EXPECT_EQ(SniffFileType("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00"s), FileType::kJpeg);
  EXPECT_EQ(SniffFileType("\x89PNG\r\n\x1A\n\x00\x00\x00\x0DIHDR"s), FileType::kPng);
  EXPECT_EQ(SniffFileType("II*\x00\x08\x00\x00\x00"s), FileType::kTiff);
  EXPECT_EQ(SniffFileType("MM\x00*\x00\x00\x00\x08"s), FileType::kTiff);
}

TEST(SniffFileTypeTest, TruncatedMagicIsUnknown) {
  EXPECT_EQ(SniffFileType("\xFF\xD8"s), FileType::kUnknown);
  EXPECT_EQ(SniffFileType("\x89PNG"s), FileType::kUnknown);
  EXPECT_EQ(SniffFileType("PK"s), FileType::kUnknown);
}

TEST(SniffFileTypeTest, LegacyWordIsDoc) {
  EXPECT_EQ(SniffFileType(MakeCompoundFile({"\x01"
                                            "CompObj",
                                            "WordDocument", "1Table"})),
            FileType::kDoc);
}

TEST(SniffFileTypeTest, LegacyExcelIsXls) {
  EXPECT_EQ(SniffFileType(MakeCompoundFile({"Workbook"})), FileType::kXls);
  EXPECT_EQ(SniffFileType(MakeCompoundFile({"Book"})), FileType::kXls);  // Excel 95.
}

TEST(SniffFileTypeTest, CompoundFileWith4096ByteSectors) {
  EXPECT_EQ(SniffFileType(MakeCompoundFile({"WordDocument"}, 12)), FileType::kDoc);
}

TEST(SniffFileTypeTest, OtherCompoundFilesAreUnknown) {
  // PowerPoint, MSI and the like: OLE2 but neither of ours.
  EXPECT_EQ(SniffFileType(MakeCompoundFile({"PowerPoint Document"})), FileType::kUnknown);
  const std::string header_only = MakeCompoundFile({"WordDocument"}).substr(0, 512);
  EXPECT_EQ(SniffFileType(header_only), FileType::kUnknown);
  EXPECT_EQ(SniffFileType("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"s), FileType::kUnknown);
}

TEST(SniffFileTypeTest, PlainTextIsUnknown) {
  EXPECT_EQ(SniffFileType("单位名称：山东某培训中心\n统一社会信用代码：91370100MA3C000000\n"),
            FileType::kUnknown);
  EXPECT_EQ(SniffFileType("hello"), FileType::kUnknown);
}

TEST(SniffFileTypeTest, NameIsIrrelevant) {
  // A text file renamed to .docx, as a portal may deliver it, is read from
  // disk and sniffed from its bytes.
  testing::TempDir folder("dossier-sniff");
  const std::filesystem::path file = folder.path() / "申报书.docx";
  std::ofstream(file) << "this is only text\n";
  Result<std::string> bytes = ReadWholeFile(file);
  ASSERT_TRUE(bytes.ok()) << bytes.status().message();
  EXPECT_EQ(SniffFileType(*bytes), FileType::kUnknown);
}

// What Word for the web, Excel on other platforms and zip tools on Windows
// write: the main part found through [Content_Types].xml, not its usual name.
std::string ContentTypes(const std::string& part, const std::string& type) {
  return R"(<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
         R"(<Default Extension="xml" ContentType="application/xml"/><Override PartName="/)" +
         part + R"(" ContentType="application/vnd.openxmlformats-officedocument.)" + type +
         R"("/></Types>)";
}

TEST(SniffFileTypeTest, TheMainPartIsFoundByItsContentTypeWhateverItsName) {
  EXPECT_EQ(SniffFileType(
                MakeZip({{"[Content_Types].xml",
                          ContentTypes("word/document2.xml", "wordprocessingml.document.main+xml")},
                         {"_rels/.rels", "<Relationships/>"},
                         {"word/document2.xml", "<w:document/>"}})),
            FileType::kDocx);
  EXPECT_EQ(SniffFileType(MakeZip({{"[Content_Types].xml",
                                    ContentTypes("workbook.xml", "spreadsheetml.sheet.main+xml")},
                                   {"_rels/.rels", "<Relationships/>"},
                                   {"workbook.xml", "<workbook/>"},
                                   {"sheet1.xml", "<worksheet/>"}})),
            FileType::kXlsx);
  EXPECT_EQ(SniffFileType(MakeZip(
                {{"[Content_Types].xml",
                  ContentTypes("ppt/presentation.xml", "presentationml.presentation.main+xml")},
                 {"ppt/presentation.xml", "<p/>"}})),
            FileType::kPptx);
}

TEST(SniffFileTypeTest, EntryNamesWithBackslashesAndOddCaseAreOfficeParts) {
  EXPECT_EQ(SniffFileType(MakeZip(
                {{"[CONTENT_TYPES].XML", kContentTypes}, {"Word\\Document.XML", "<w:document/>"}})),
            FileType::kDocx);
  EXPECT_EQ(SniffFileType(MakeZip({{"xl\\workbook.xml", "<workbook/>"}})), FileType::kXlsx);
}

TEST(SniffFileTypeTest, OpenDocumentIsTold) {
  EXPECT_EQ(SniffFileType(MakeZip({{"mimetype", "application/vnd.oasis.opendocument.text"},
                                   {"content.xml", "<office:document-content/>"}})),
            FileType::kOdf);
}

TEST(SniffFileTypeTest, APasswordProtectedDocxOrXlsxIsAnEncryptedPackage) {
  EXPECT_EQ(SniffFileType(MakeCompoundFile({"\x06"
                                            "DataSpaces",
                                            "EncryptionInfo", "EncryptedPackage"})),
            FileType::kEncryptedOffice);
}

TEST(SniffFileTypeTest, EveryImageFormatLeptonicaReads) {
  std::string bmp = "BM"s + std::string(24, '\0');
  bmp[14] = 40;  // BITMAPINFOHEADER
  EXPECT_EQ(SniffFileType(bmp), FileType::kBmp);
  EXPECT_EQ(SniffFileType("BMW is a car, not a bitmap"), FileType::kUnknown);
  EXPECT_EQ(SniffFileType("GIF89a\x10\x00\x10\x00"s), FileType::kGif);
  EXPECT_EQ(SniffFileType("RIFF\x24\x00\x00\x00WEBPVP8 "s), FileType::kWebp);
  EXPECT_EQ(SniffFileType("RIFF\x24\x00\x00\x00WAVEfmt "s), FileType::kUnknown);
  EXPECT_EQ(SniffFileType("\x00\x00\x00\x0CjP  \r\n\x87\n"s), FileType::kJp2);
  EXPECT_EQ(SniffFileType("P6\n640 480\n255\n"s), FileType::kPnm);
  for (FileType t : {FileType::kBmp, FileType::kGif, FileType::kWebp, FileType::kJp2,
                     FileType::kPnm, FileType::kJpeg, FileType::kPng, FileType::kTiff}) {
    EXPECT_TRUE(IsImageTypeName(FileTypeName(t))) << FileTypeName(t);
  }
  EXPECT_FALSE(IsImageTypeName("pdf"));
}

TEST(FileTypeNameTest, EveryTypeHasItsName) {
  EXPECT_EQ(FileTypeName(FileType::kUnknown), "unknown");
  EXPECT_EQ(FileTypeName(FileType::kDocx), "docx");
  EXPECT_EQ(FileTypeName(FileType::kXlsx), "xlsx");
  EXPECT_EQ(FileTypeName(FileType::kPdf), "pdf");
  EXPECT_EQ(FileTypeName(FileType::kJpeg), "jpeg");
  EXPECT_EQ(FileTypeName(FileType::kPng), "png");
  EXPECT_EQ(FileTypeName(FileType::kTiff), "tiff");
  EXPECT_EQ(FileTypeName(FileType::kZip), "zip");
  EXPECT_EQ(FileTypeName(FileType::kDoc), "doc");
  EXPECT_EQ(FileTypeName(FileType::kXls), "xls");
  EXPECT_EQ(FileTypeName(FileType::kEmpty), "empty");
}

TEST(FileTypeNameTest, EveryNameStandsForItsTypeAndNoOther) {
  for (int i = static_cast<int>(FileType::kUnknown); i <= static_cast<int>(FileType::kEml); ++i) {
    const auto type = static_cast<FileType>(i);
    EXPECT_EQ(FileTypeFromName(FileTypeName(type)), type) << FileTypeName(type);
  }
  EXPECT_EQ(FileTypeName(FileType::kEncryptedOffice), "encrypted_office");
  EXPECT_EQ(FileTypeName(FileType::kEml), "eml");
  EXPECT_EQ(FileTypeFromName("PDF"), std::nullopt);
  EXPECT_EQ(FileTypeFromName(""), std::nullopt);
}

}  // namespace
}  // namespace dossier
