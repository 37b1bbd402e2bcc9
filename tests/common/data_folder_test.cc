// CreateFoldersDurably: the folders of a data folder, made with their
// entries synced. That the syncs reach the disk is the kernel's; here, that
// every missing folder is made, an existing one left alone, and what is in
// the way reported.
#include "dossier/common/data_folder.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "support/temp_dir.h"

namespace dossier {
namespace {

namespace fs = std::filesystem;

TEST(CreateFoldersDurably, MakesEveryMissingFolderDownToTheLast) {
  testing::TempDir temp("dossier_data_folder_test");
  const fs::path deep = temp.path() / "data" / "originals" / "ab";
  Status made = CreateFoldersDurably(deep);
  ASSERT_TRUE(made.ok()) << made.message();
  EXPECT_TRUE(fs::is_directory(deep));
  // A trailing separator names the same folder.
  const fs::path other = temp.path() / "other";
  made = CreateFoldersDurably(other.string() + "/");
  ASSERT_TRUE(made.ok()) << made.message();
  EXPECT_TRUE(fs::is_directory(other));
}

TEST(CreateFoldersDurably, LeavesAnExistingFolderAndWhatIsInItAlone) {
  testing::TempDir temp("dossier_data_folder_test");
  const fs::path data = temp.path() / "data";
  ASSERT_TRUE(CreateFoldersDurably(data).ok());
  testing::WriteFile(data / "kept", "bytes");
  Status again = CreateFoldersDurably(data);
  ASSERT_TRUE(again.ok()) << again.message();
  EXPECT_EQ(testing::ReadBytes(data / "kept"), "bytes");
}

TEST(CreateFoldersDurably, AFileInTheWayIsAnIoErrorNamingIt) {
  testing::TempDir temp("dossier_data_folder_test");
  const fs::path file = temp.path() / "data";
  testing::WriteFile(file, "not a folder");
  Status made = CreateFoldersDurably(file / "originals");
  ASSERT_FALSE(made.ok());
  EXPECT_EQ(made.code(), ErrorCode::kIo);
  EXPECT_NE(made.message().find(file.string()), std::string::npos) << made.message();
}

}  // namespace
}  // namespace dossier
