// ExpandZip: a dropped archive's files, with the limits of an archive.
#include <gtest/gtest.h>

#include <vector>

#include "dossier/extract/extractor.h"
#include "support/zip_builder.h"

namespace dossier {
namespace {

using testing::BuildZip;

TEST(ExpandZip, GivesEveryFileInOrderWithoutFolders) {
  std::string zip = BuildZip(
      {{"forms/", ""}, {"forms/申报表.docx", "docx bytes"}, {"汇总表.xlsx", "xlsx bytes"}});
  auto members = ExpandZip(zip);
  ASSERT_TRUE(members.ok()) << members.status().message();
  ASSERT_EQ(members->size(), 2u);
  EXPECT_EQ((*members)[0].name, "forms/申报表.docx");
  EXPECT_EQ((*members)[0].bytes, "docx bytes");
  EXPECT_EQ((*members)[1].name, "汇总表.xlsx");
}

TEST(ExpandZip, AZipBombIsRefusedWhole) {
  std::string zip = BuildZip({{"a.docx", "fine"}}, "bomb.bin", 4ull << 20);
  auto members = ExpandZip(zip);
  ASSERT_FALSE(members.ok());
  EXPECT_EQ(members.status().code(), ErrorCode::kLimitExceeded);
  EXPECT_EQ(members.status().reason_code(), "zip_bomb") << members.status().message();
  EXPECT_NE(members.status().message().find("压缩炸弹"), std::string::npos)
      << members.status().message();
}

TEST(ExpandZip, NamesDifferingOnlyInCaseOrSlashRefuseTheArchive) {
  for (const char* twin : {"FORMS/申报表.DOCX", "forms\\申报表.docx"}) {
    auto members = ExpandZip(BuildZip({{"forms/申报表.docx", "one"}, {twin, "another"}}));
    ASSERT_FALSE(members.ok()) << twin;
    EXPECT_EQ(members.status().reason_code(), "archive_duplicate_names");
    EXPECT_NE(members.status().message().find(twin), std::string::npos)
        << members.status().message();
  }
}

TEST(ExpandZip, AnArchiveExpandingFarPastItsSizeIsRefusedBeforeAnythingIsInflated) {
  // 240 entries of exactly 1 MiB: each passes the per-entry checks (the
  // ratio is only looked at past 1 MiB), together they are 240 MiB from a
  // few hundred KiB.
  std::vector<testing::ZipEntry> entries;
  const std::string padding(1 << 20, '\0');
  for (int i = 0; i < 240; ++i) entries.push_back({"p" + std::to_string(i) + ".pdf", padding});
  const std::string zip = BuildZip(entries);
  entries.clear();
  auto members = ExpandZip(zip);
  ASSERT_FALSE(members.ok());
  EXPECT_EQ(members.status().reason_code(), "archive_too_large") << members.status().message();
  EXPECT_NE(members.status().message().find("240 MiB"), std::string::npos)
      << members.status().message();

  // Scans hardly compress: 40 MiB of them from a 40 MiB archive is ordinary.
  std::string scan(40 << 20, '\0');
  uint32_t x = 12345;
  for (char& c : scan) c = static_cast<char>((x = x * 1103515245u + 12345u) >> 24);
  auto scans = ExpandZip(BuildZip({{"scan.pdf", scan}}));
  ASSERT_TRUE(scans.ok()) << scans.status().message();
  EXPECT_EQ((*scans)[0].bytes.size(), scan.size());
}

TEST(ExpandZip, UnsafeNamesAreRefused) {
  for (const char* name : {"../../etc/cron.d/x", "/etc/passwd", "a/../../b.docx", "C:\\x.docx"}) {
    auto members = ExpandZip(BuildZip({{"ok.docx", "x"}, {name, "evil"}}));
    ASSERT_FALSE(members.ok()) << name;
    EXPECT_EQ(members.status().reason_code(), "unsafe_archive") << members.status().message();
  }
}

TEST(ExpandZip, TooManyEntriesAndDamageAreRefused) {
  ExtractLimits limits;
  limits.max_archive_entries = 2;
  auto many = ExpandZip(BuildZip({{"a", "1"}, {"b", "2"}, {"c", "3"}}), limits);
  ASSERT_FALSE(many.ok());
  EXPECT_EQ(many.status().code(), ErrorCode::kLimitExceeded);
  EXPECT_EQ(many.status().reason_code(), "archive_too_large");
  std::string zip = BuildZip({{"a.docx", std::string(5000, 'x')}});
  EXPECT_FALSE(ExpandZip(zip.substr(0, zip.size() / 2)).ok());
  EXPECT_FALSE(ExpandZip("not a zip").ok());
  EXPECT_FALSE(ExpandZip("").ok());
}

}  // namespace
}  // namespace dossier
