#include <gtest/gtest.h>

#include "dossier/ingest/temp_names.h"

namespace dossier {
namespace {

TEST(TempNames, FilesStillBeingWrittenAndLocksAreLeftAlone) {
  for (const char* name : {"~$申报表.docx", "~$x.xlsx", ".~lock.申报表.docx#", "report.pdf.part",
                           "scan.PART", "download.crdownload", "a.docx.partial", "file.download",
                           "x.tmp", "X.TMP", ".申报表.docx.Gx3k9a", ".DS_Store", ""}) {
    EXPECT_TRUE(IsTemporaryName(name)) << name;
  }
}

TEST(TempNames, OrdinaryNamesAreTaken) {
  for (const char* name :
       {"申报表.docx", "汇总表 (1).xlsx", "part.docx", "partial report.pdf", "tmp.docx",
        "a~$b.docx", "scan.jpg", "name with spaces.pdf", "new\nline.docx", "$(id);`x`|&.docx"}) {
    EXPECT_FALSE(IsTemporaryName(name)) << name;
  }
}

TEST(TempNames, HiddenFoldersAreNotEntered) {
  EXPECT_TRUE(IsIgnoredFolderName(".Trash-1000"));
  EXPECT_TRUE(IsIgnoredFolderName(".snapshot"));
  EXPECT_FALSE(IsIgnoredFolderName("济南市"));
  EXPECT_FALSE(IsIgnoredFolderName("2024 June"));
}

}  // namespace
}  // namespace dossier
