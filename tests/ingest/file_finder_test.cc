#include "dossier/ingest/file_finder.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

namespace dossier {
namespace {

namespace fs = std::filesystem;

class FindFilesTest : public testing::Test {
 protected:
  void SetUp() override {
    char name[] = "/tmp/dossier-find-XXXXXX";
    ASSERT_NE(mkdtemp(name), nullptr);
    folder_ = name;
  }
  void TearDown() override {
    std::error_code ignored;
    fs::remove_all(folder_, ignored);
  }
  fs::path Touch(const std::string& relative) {
    const fs::path path = folder_ / fs::path(relative);
    fs::create_directories(path.parent_path());
    std::ofstream(path) << relative;
    return path;
  }
  // What the user sees: (as_received, path) pairs in order.
  static std::vector<std::pair<std::string, std::string>> Listed(
      const Result<std::vector<FoundFile>>& found) {
    std::vector<std::pair<std::string, std::string>> out;
    if (!found.ok()) return out;
    for (const FoundFile& f : *found) out.push_back({f.as_received, f.path.string()});
    return out;
  }
  static std::vector<std::string> Names(const Result<std::vector<FoundFile>>& found) {
    std::vector<std::string> out;
    if (!found.ok()) return out;
    for (const FoundFile& f : *found) out.push_back(f.as_received);
    return out;
  }

  fs::path folder_;
};

TEST_F(FindFilesTest, FolderIsWalkedRecursivelyWithSlashSeparatedRelativeNames) {
  Touch("inbox/form.docx");
  Touch("inbox/applicant 1/licence.pdf");
  Touch("inbox/applicant 1/photos/site.jpg");
  const std::string inbox = (folder_ / "inbox").string();

  Result<std::vector<FoundFile>> found = FindFiles({inbox});

  ASSERT_TRUE(found.ok()) << found.status().message();
  const std::vector<std::pair<std::string, std::string>> expected{
      {"applicant 1/licence.pdf", inbox + "/applicant 1/licence.pdf"},
      {"applicant 1/photos/site.jpg", inbox + "/applicant 1/photos/site.jpg"},
      {"form.docx", inbox + "/form.docx"},
  };
  EXPECT_EQ(Listed(found), expected);
}

TEST_F(FindFilesTest, TrailingSlashOnTheFolderChangesNothing) {
  Touch("inbox/a/b.pdf");
  Result<std::vector<FoundFile>> found = FindFiles({(folder_ / "inbox").string() + "/"});
  ASSERT_TRUE(found.ok()) << found.status().message();
  EXPECT_EQ(Names(found), std::vector<std::string>{"a/b.pdf"});
  std::ifstream in((*found)[0].path);
  std::string content;
  std::getline(in, content);
  EXPECT_EQ(content, "inbox/a/b.pdf");
}

TEST_F(FindFilesTest, FileArgumentIsTakenUnderItsBareName) {
  const fs::path file = Touch("somewhere/deep/申报书 (final).docx");
  Result<std::vector<FoundFile>> found = FindFiles({file.string()});
  ASSERT_TRUE(found.ok()) << found.status().message();
  const std::vector<std::pair<std::string, std::string>> expected{
      {"申报书 (final).docx", file.string()}};
  EXPECT_EQ(Listed(found), expected);
}

TEST_F(FindFilesTest, MissingArgumentIsAnErrorNamingIt) {
  Touch("inbox/a.pdf");
  const std::string missing = (folder_ / "no such inbox").string();
  Result<std::vector<FoundFile>> found = FindFiles({(folder_ / "inbox").string(), missing});
  ASSERT_FALSE(found.ok());
  EXPECT_EQ(found.status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(found.status().message(), "no such file or folder: " + missing);
}

TEST_F(FindFilesTest, SpacesAndChineseNamesAreKeptAsTheyAre) {
  Touch("inbox/山东某培训中心/营业执照 副本.jpg");
  Touch("inbox/山东某培训中心/师资 名单.xlsx");
  Result<std::vector<FoundFile>> found = FindFiles({(folder_ / "inbox").string()});
  ASSERT_TRUE(found.ok()) << found.status().message();
  // UTF-8 byte order: 师 (E5 B8 88) before 营 (E8 90 A5).
  EXPECT_EQ(Names(found), (std::vector<std::string>{"山东某培训中心/师资 名单.xlsx",
                                                    "山东某培训中心/营业执照 副本.jpg"}));
}

TEST_F(FindFilesTest, SortedByAsReceivedInByteOrder) {
  for (const char* name :
       {"b.pdf", "B.pdf", "a/z.pdf", "a.pdf", "中.pdf", "a b.pdf", "10.pdf", "9.pdf"}) {
    Touch(std::string("inbox/") + name);
  }
  Result<std::vector<FoundFile>> found = FindFiles({(folder_ / "inbox").string()});
  ASSERT_TRUE(found.ok()) << found.status().message();
  EXPECT_EQ(Names(found), (std::vector<std::string>{"10.pdf", "9.pdf", "B.pdf", "a b.pdf", "a.pdf",
                                                    "a/z.pdf", "b.pdf", "中.pdf"}));
}

TEST_F(FindFilesTest, ArgumentsKeepTheirOrderAndAreSortedWithinEach) {
  Touch("second/b.pdf");
  Touch("second/a.pdf");
  const fs::path single = Touch("z-single.docx");
  Result<std::vector<FoundFile>> found =
      FindFiles({(folder_ / "second").string(), single.string()});
  ASSERT_TRUE(found.ok()) << found.status().message();
  EXPECT_EQ(Names(found), (std::vector<std::string>{"a.pdf", "b.pdf", "z-single.docx"}));
}

TEST_F(FindFilesTest, EmptyFolderAndNoArgumentsGiveNothing) {
  fs::create_directories(folder_ / "empty" / "sub");
  Result<std::vector<FoundFile>> found = FindFiles({(folder_ / "empty").string()});
  ASSERT_TRUE(found.ok()) << found.status().message();
  EXPECT_TRUE(found->empty());
  Result<std::vector<FoundFile>> none = FindFiles({});
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

TEST_F(FindFilesTest, SymlinkedFilesAreTakenButSymlinkedFoldersAreNotEntered) {
  Touch("inbox/real.pdf");
  Touch("elsewhere/secret.pdf");
  fs::create_directory_symlink(folder_ / "elsewhere", folder_ / "inbox" / "linked folder");
  fs::create_symlink(folder_ / "elsewhere" / "secret.pdf", folder_ / "inbox" / "link.pdf");
  fs::create_symlink(folder_ / "nowhere.pdf", folder_ / "inbox" / "dangling.pdf");
  fs::create_directory_symlink(folder_ / "inbox", folder_ / "inbox" / "loop");

  Result<std::vector<FoundFile>> found = FindFiles({(folder_ / "inbox").string()});

  ASSERT_TRUE(found.ok()) << found.status().message();
  EXPECT_EQ(Names(found), (std::vector<std::string>{"link.pdf", "real.pdf"}));
  std::ifstream in((*found)[0].path);
  std::string content;
  std::getline(in, content);
  EXPECT_EQ(content, "elsewhere/secret.pdf");  // Read through the link.
}

TEST_F(FindFilesTest, SymlinkNamedAsTheArgumentIsFollowed) {
  Touch("real inbox/a.pdf");
  fs::create_directory_symlink(folder_ / "real inbox", folder_ / "inbox");
  Result<std::vector<FoundFile>> found = FindFiles({(folder_ / "inbox").string()});
  ASSERT_TRUE(found.ok()) << found.status().message();
  EXPECT_EQ(Names(found), std::vector<std::string>{"a.pdf"});
}

TEST_F(FindFilesTest, FifosInAFolderAreSkippedSilently) {
  Touch("inbox/a.pdf");
  ASSERT_EQ(mkfifo((folder_ / "inbox" / "pipe").c_str(), 0600), 0);
  Result<std::vector<FoundFile>> found = FindFiles({(folder_ / "inbox").string()});
  ASSERT_TRUE(found.ok()) << found.status().message();
  EXPECT_EQ(Names(found), std::vector<std::string>{"a.pdf"});
}

TEST_F(FindFilesTest, FifoNamedAsAnArgumentIsRefused) {
  const fs::path pipe = folder_ / "pipe";
  ASSERT_EQ(mkfifo(pipe.c_str(), 0600), 0);
  Result<std::vector<FoundFile>> found = FindFiles({pipe.string()});
  ASSERT_FALSE(found.ok());
  EXPECT_EQ(found.status().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(found.status().message(), "not a file or folder: " + pipe.string());
}

}  // namespace
}  // namespace dossier
