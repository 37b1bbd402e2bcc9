// ExpandZip: a dropped archive's files, with the limits a DOCX package gets.
#include <gtest/gtest.h>

#include "dossier/extract/extractor.h"
#include "support/zip_builder.h"

namespace dossier {
namespace {

using testing::BuildZip;

TEST(ExpandZip, GivesEveryFileInOrderWithoutFolders) {
  std::string zip = BuildZip({{"forms/", ""},
                              {"forms/申报表.docx", "docx bytes"},
                              {"汇总表.xlsx", "xlsx bytes"},
                              {"FORMS/申报表.DOCX", "a second entry differing only in case"}});
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
  EXPECT_NE(members.status().message().find("zip bomb"), std::string::npos)
      << members.status().message();
}

TEST(ExpandZip, UnsafeNamesAreRefused) {
  for (const char* name : {"../../etc/cron.d/x", "/etc/passwd", "a/../../b.docx", "C:\\x.docx"}) {
    auto members = ExpandZip(BuildZip({{"ok.docx", "x"}, {name, "evil"}}));
    ASSERT_FALSE(members.ok()) << name;
    EXPECT_NE(members.status().message().find("unsafe entry name"), std::string::npos)
        << members.status().message();
  }
}

TEST(ExpandZip, TooManyEntriesAndDamageAreRefused) {
  ExtractLimits limits;
  limits.max_entries = 2;
  auto many = ExpandZip(BuildZip({{"a", "1"}, {"b", "2"}, {"c", "3"}}), limits);
  ASSERT_FALSE(many.ok());
  EXPECT_EQ(many.status().code(), ErrorCode::kLimitExceeded);
  std::string zip = BuildZip({{"a.docx", std::string(5000, 'x')}});
  EXPECT_FALSE(ExpandZip(zip.substr(0, zip.size() / 2)).ok());
  EXPECT_FALSE(ExpandZip("not a zip").ok());
  EXPECT_FALSE(ExpandZip("").ok());
}

}  // namespace
}  // namespace dossier
