// Hostile and damaged archives and XML: each must be refused with a message a
// clerk can act on, quickly, and without reading what it points at.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <string>

#include "dossier/extract/extractor.h"
#include "support/zip_builder.h"

namespace dossier {
namespace {

using testing::BuildDocx;
using testing::BuildXlsx;
using testing::BuildZip;
using testing::DocumentXml;
using testing::P;

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

void PutLe32(std::string& bytes, size_t at, uint32_t value) {
  for (int i = 0; i < 4; ++i) bytes[at + i] = static_cast<char>((value >> (8 * i)) & 0xFF);
}

TEST(ZipSafety, NotAZipSaysSo) {
  for (auto read : {&ReadDocx, &ReadXlsx}) {
    Result<Document> doc = read("this is a plain text file, renamed to .docx\n", {});
    ASSERT_FALSE(doc.ok());
    EXPECT_EQ(doc.status().code(), ErrorCode::kInvalidInput);
    EXPECT_EQ(doc.status().reason_code(), "damaged");
    EXPECT_EQ(doc.status().message(), "文件已损坏：不是有效的 ZIP 结构");
  }
}

TEST(ZipSafety, EmptyFileSaysSo) {
  Result<Document> doc = ReadDocx("");
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().reason_code(), "empty");
  EXPECT_TRUE(Contains(doc.status().message(), "空")) << doc.status().message();
}

TEST(ZipSafety, OldBinaryOfficeFileIsNamed) {
  std::string ole("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  ole.append(4000, '\0');
  Result<Document> doc = ReadDocx(ole);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), ErrorCode::kUnsupported);
  EXPECT_TRUE(Contains(doc.status().message(), "旧版 Office 文件（.doc/.xls）"))
      << doc.status().message();
}

TEST(ZipSafety, TruncatedZipIsDamagedNotForeign) {
  std::string bytes = BuildDocx(P("申报单位") + P(std::string(2000, 'x')));
  bytes.resize(bytes.size() / 2);
  Result<Document> doc = ReadDocx(bytes);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(doc.status().reason_code(), "damaged");
  EXPECT_TRUE(Contains(doc.status().message(), "不完整")) << doc.status().message();
  EXPECT_FALSE(Contains(doc.status().message(), "不是有效的 ZIP"));
}

TEST(ZipSafety, CorruptEntryDataIsNamed) {
  std::string text;
  for (int i = 0; i < 400; ++i)
    text += P("第" + std::to_string(i) + "段 培训人数 " + std::to_string(i * 37));
  std::string bytes = BuildZip({{"word/document.xml", DocumentXml(text)}});
  // The only entry's data starts after its 30-byte local header and its name.
  const size_t data = 30 + std::string("word/document.xml").size();
  for (size_t i = data + 20; i < data + 60; ++i) bytes[i] = static_cast<char>(bytes[i] ^ 0x5A);
  Result<Document> doc = ReadDocx(bytes);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(doc.status().reason_code(), "damaged");
  EXPECT_TRUE(Contains(doc.status().message(), "ZIP 条目 word/document.xml"))
      << doc.status().message();
}

TEST(ZipSafety, ZipBombRefusedFromItsHeader) {
  // 100 MiB of zeros deflate to about 100 KiB; they are streamed, never held.
  std::string bytes = BuildZip({{"[Content_Types].xml", testing::kDocxContentTypes}},
                               "word/document.xml", 100ull << 20);
  ASSERT_LT(bytes.size(), 1u << 20);
  // The limit is applied before inflating, not after a clock ran: the
  // entry's deflated bytes are spoiled past its first kilobyte, so that
  // inflating would end in a damaged-data error, not in this refusal.
  const size_t entry = bytes.find("word/document.xml");
  ASSERT_NE(entry, std::string::npos);
  ASSERT_GT(bytes.size(), entry + 5000);
  std::fill(bytes.begin() + static_cast<std::ptrdiff_t>(entry + 1000),
            bytes.begin() + static_cast<std::ptrdiff_t>(entry + 5000), '\xff');
  Result<Document> doc = ReadDocx(bytes);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), ErrorCode::kLimitExceeded);
  EXPECT_EQ(doc.status().reason_code(), "zip_bomb");
  EXPECT_EQ(doc.status().message(),
            "ZIP 条目 word/document.xml 解压后超过 64 MiB 的上限（疑似压缩炸弹），不读取");
}

TEST(ZipSafety, ExtremeCompressionRatioRefused) {
  // 4 MiB of zeros: under the size limit, but about 1000 to 1.
  std::string bytes = BuildZip({}, "word/document.xml", 4ull << 20);
  Result<Document> doc = ReadDocx(bytes);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), ErrorCode::kLimitExceeded);
  EXPECT_EQ(doc.status().reason_code(), "zip_bomb");
  EXPECT_TRUE(Contains(doc.status().message(), "压缩比超过 200 比 1（疑似压缩炸弹）"))
      << doc.status().message();
}

TEST(ZipSafety, LyingHeaderIsCaughtWhileInflating) {
  // 3 MiB of zeros whose headers (local and central) claim 1000 bytes: the
  // size and ratio checks on the header pass, so only counting catches it.
  std::string bytes = BuildZip({}, "word/document.xml", 3ull << 20);
  ASSERT_EQ(bytes.compare(0, 4, "PK\x03\x04"), 0);
  PutLe32(bytes, 22, 1000);
  size_t central = bytes.find(std::string("PK\x01\x02", 4));
  ASSERT_NE(central, std::string::npos);
  PutLe32(bytes, central + 24, 1000);

  ExtractLimits limits;
  limits.max_compression_ratio = 1e9;  // isolate the inflating check
  Result<Document> doc = ReadDocx(bytes, limits);
  ASSERT_FALSE(doc.ok());
  EXPECT_TRUE(Contains(doc.status().message(),
                       "ZIP 条目 word/document.xml 解压后超过其头部声明的 1000 bytes"))
      << doc.status().message();
}

TEST(ZipSafety, PerEntryLimitFromExtractLimits) {
  // Real text (not a bomb) over a lowered limit, to show the limit is the caller's.
  std::string body;
  for (int i = 0; i < 3000; ++i) body += P("申报单位名称第" + std::to_string(i) + "行");
  ExtractLimits limits;
  limits.max_entry_uncompressed = 64 * 1024;
  Result<Document> doc = ReadDocx(BuildDocx(body), limits);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), ErrorCode::kLimitExceeded);
  EXPECT_EQ(doc.status().message(),
            "ZIP 条目 word/document.xml 解压后超过 64 KiB 的上限（疑似压缩炸弹），不读取");
}

TEST(ZipSafety, TotalLimitOverAllEntriesRead) {
  std::string row;
  for (int i = 1; i <= 2000; ++i) {
    row += "<row r=\"" + std::to_string(i) + "\"><c r=\"A" + std::to_string(i) +
           "\" t=\"inlineStr\"><is><t>培训机构名称" + std::to_string(i) + "</t></is></c></row>";
  }
  std::string bytes = BuildXlsx({{"一", row, ""}, {"二", row, ""}, {"三", row, ""}}, "", "");
  ExtractLimits limits;
  limits.max_total_uncompressed = 256 * 1024;
  Result<Document> doc = ReadXlsx(bytes, limits);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), ErrorCode::kLimitExceeded);
  EXPECT_TRUE(Contains(doc.status().message(), "总大小超过 256 KiB 的上限"))
      << doc.status().message();
  EXPECT_TRUE(Contains(doc.status().message(), "xl/worksheets/")) << doc.status().message();
  // With the default limits the same workbook reads.
  EXPECT_TRUE(ReadXlsx(bytes).ok());
}

TEST(ZipSafety, TooManyEntries) {
  ExtractLimits limits;
  limits.max_entries = 2;
  Result<Document> doc = ReadDocx(BuildDocx(P("x")), limits);  // 3 entries
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), ErrorCode::kLimitExceeded);
  EXPECT_TRUE(Contains(doc.status().message(), "有 3 个条目，超过 2 个的上限"))
      << doc.status().message();
}

TEST(ZipSafety, UnsafeEntryNamesRefused) {
  for (std::string name : {"../evil.xml", "/abs.xml", "word/../../evil.xml", "C:/evil.xml",
                           "\\evil.xml", "word\\..\\..\\evil.xml"}) {
    std::string bytes = BuildZip({{"word/document.xml", DocumentXml(P("x"))}, {name, "<x/>"}});
    Result<Document> doc = ReadDocx(bytes);
    ASSERT_FALSE(doc.ok()) << name;
    EXPECT_EQ(doc.status().code(), ErrorCode::kInvalidInput);
    EXPECT_EQ(doc.status().reason_code(), "unsafe_archive");
    EXPECT_TRUE(Contains(doc.status().message(), "不安全的条目名")) << doc.status().message();
    EXPECT_TRUE(Contains(doc.status().message(), name)) << doc.status().message();
  }
  // A name that merely contains dots is fine.
  EXPECT_TRUE(
      ReadDocx(BuildZip({{"word/document.xml", DocumentXml(P("x"))}, {"word/media/a..b.png", "x"}}))
          .ok());
}

TEST(ZipSafety, EntityBombRefusedAsDoctype) {
  const std::string bomb =
      R"(<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">)"
      R"(<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">)"
      R"(<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">)"
      R"(<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">)"
      R"(<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">)"
      R"(<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">)"
      R"(<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">)"
      R"(<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">)"
      R"(<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">)"
      R"(<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">)"
      R"(]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">)"
      R"(<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>)";
  // Refused for its DOCTYPE before any entity is expanded (a billion
  // "lol"s would not end within the test's time limit).
  Result<Document> doc = ReadDocx(BuildZip({{"word/document.xml", bomb}}));
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(doc.status().reason_code(), "unsafe_xml");
  EXPECT_EQ(
      doc.status().message(),
      "文件中 word/document.xml 部分的 XML 含有 DOCTYPE 声明（可能是外部实体或实体膨胀攻击），"
      "为安全起见不读取");
}

TEST(ZipSafety, ExternalEntityRefusedAndNeverRead) {
  const std::string xxe =
      R"(<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>)"
      R"(<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">)"
      R"(<w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>)";
  ::testing::internal::CaptureStderr();
  Result<Document> doc = ReadDocx(BuildZip({{"word/document.xml", xxe}}));
  std::string printed = ::testing::internal::GetCapturedStderr();
  ASSERT_FALSE(doc.ok());
  EXPECT_TRUE(Contains(doc.status().message(), "DOCTYPE")) << doc.status().message();
  EXPECT_FALSE(Contains(doc.status().message(), "root:"));
  EXPECT_FALSE(Contains(printed, "root:"));
  EXPECT_EQ(printed, "") << "libxml2 must not print";

  // The same in a workbook part names that part.
  const std::string sst_xxe =
      R"(<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>)"
      R"(<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&xxe;</t></si></sst>)";
  std::string xlsx = BuildXlsx({{"Sheet1", R"(<row r="1"><c r="A1" t="s"><v>0</v></c></row>)", ""}},
                               "<si><t>x</t></si>", "");
  // Swap in the hostile shared strings by rebuilding with a raw entry list.
  std::string bytes = BuildZip(
      {{"xl/workbook.xml",
        R"(<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>)"},
       {"xl/sharedStrings.xml", sst_xxe}});
  Result<Document> book = ReadXlsx(bytes);
  ASSERT_FALSE(book.ok());
  EXPECT_EQ(book.status().reason_code(), "unsafe_xml");
  EXPECT_TRUE(Contains(book.status().message(), "xl/sharedStrings.xml 部分的 XML 含有 DOCTYPE"))
      << book.status().message();
  EXPECT_TRUE(ReadXlsx(xlsx).ok());
}

TEST(ZipSafety, ExternalDtdRefused) {
  const std::string dtd =
      R"(<?xml version="1.0"?><!DOCTYPE w:document SYSTEM "http://127.0.0.1:9/x.dtd">)"
      R"(<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">)"
      R"(<w:body/></w:document>)";
  Result<Document> doc = ReadDocx(BuildZip({{"word/document.xml", dtd}}));
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().reason_code(), "unsafe_xml") << doc.status().message();
}

TEST(ZipSafety, DamagedXmlPrintsNothing) {
  ::testing::internal::CaptureStderr();
  Result<Document> doc =
      ReadDocx(BuildZip({{"word/document.xml", "<w:document><unclosed></w:document>"}}));
  EXPECT_EQ(::testing::internal::GetCapturedStderr(), "");
  ASSERT_FALSE(doc.ok());
  EXPECT_TRUE(
      Contains(doc.status().message(), "word/document.xml 部分的 XML 不完整或有错（第 1 行："))
      << doc.status().message();
}

}  // namespace
}  // namespace dossier
