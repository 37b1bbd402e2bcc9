#include "dossier/ingest/file_finder.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "dossier/ingest/read_file.h"
#include "support/temp_dir.h"

namespace dossier {
namespace {

namespace fs = std::filesystem;

class FindFilesTest : public ::testing::Test {
 protected:
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

  testing::TempDir dir_{"dossier-find"};
  fs::path folder_ = dir_.path();
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

TEST_F(FindFilesTest, SymlinksAreListedRefusedWithWhereTheyPointNeverFollowed) {
  Touch("inbox/real.pdf");
  Touch("elsewhere/secret.pdf");
  fs::create_directory_symlink(folder_ / "elsewhere", folder_ / "inbox" / "linked folder");
  fs::create_symlink(folder_ / "elsewhere" / "secret.pdf", folder_ / "inbox" / "link.pdf");
  fs::create_symlink("/etc/passwd", folder_ / "inbox" / "passwd.pdf");
  fs::create_symlink(folder_ / "nowhere.pdf", folder_ / "inbox" / "dangling.pdf");
  fs::create_directory_symlink(folder_ / "inbox", folder_ / "inbox" / "loop");

  Result<std::vector<FoundFile>> found = FindFiles({(folder_ / "inbox").string()});

  ASSERT_TRUE(found.ok()) << found.status().message();
  EXPECT_EQ(Names(found), (std::vector<std::string>{"dangling.pdf", "link.pdf", "linked folder",
                                                    "loop", "passwd.pdf", "real.pdf"}));
  for (const FoundFile& f : *found) {
    if (f.as_received == "real.pdf") {
      EXPECT_TRUE(f.refused.ok());
      continue;
    }
    EXPECT_EQ(f.refused.reason_code(), "symlink") << f.as_received;
    EXPECT_NE(f.refused.message().find("符号链接"), std::string::npos) << f.refused.message();
    Result<std::string> bytes = ReadFoundFile(f);
    EXPECT_FALSE(bytes.ok()) << f.as_received;
  }
  const FoundFile& passwd = (*found)[4];
  EXPECT_NE(passwd.refused.message().find("/etc/passwd"), std::string::npos)
      << passwd.refused.message();
}

TEST_F(FindFilesTest, AFolderSwappedForALinkAfterTheWalkIsNotFollowedWhenRead) {
  Touch("inbox/a/form.pdf");
  Touch("outside/form.pdf");  // what the swap would have us read
  Result<std::vector<FoundFile>> found = FindFiles({(folder_ / "inbox").string()});
  ASSERT_TRUE(found.ok()) << found.status().message();
  ASSERT_EQ(Names(found), std::vector<std::string>{"a/form.pdf"});

  fs::rename(folder_ / "inbox" / "a", folder_ / "moved-away");
  fs::create_directory_symlink(folder_ / "outside", folder_ / "inbox" / "a");
  Result<std::string> bytes = ReadFoundFile((*found)[0]);
  ASSERT_FALSE(bytes.ok());
  EXPECT_EQ(bytes.status().reason_code(), "symlink") << bytes.status().message();

  // A file swapped for a link is refused the same way.
  fs::remove(folder_ / "inbox" / "a");
  fs::create_directory(folder_ / "inbox" / "a");
  fs::create_symlink(folder_ / "outside" / "form.pdf", folder_ / "inbox" / "a" / "form.pdf");
  bytes = ReadFoundFile((*found)[0]);
  ASSERT_FALSE(bytes.ok());
  EXPECT_EQ(bytes.status().reason_code(), "symlink") << bytes.status().message();
}

TEST_F(FindFilesTest, TheInboxIsReadThroughItsHandleEvenIfItsPathChanges) {
  Touch("inbox/a.pdf");
  Result<std::vector<FoundFile>> found = FindFiles({(folder_ / "inbox").string()});
  ASSERT_TRUE(found.ok());
  fs::rename(folder_ / "inbox", folder_ / "renamed");
  Touch("inbox/a.pdf");  // a different folder now holds that path
  std::ofstream(folder_ / "inbox" / "a.pdf") << "impostor";
  Result<std::string> bytes = ReadFoundFile((*found)[0]);
  ASSERT_TRUE(bytes.ok()) << bytes.status().message();
  EXPECT_EQ(*bytes, "inbox/a.pdf");
}

TEST_F(FindFilesTest, ALinkNamedAsTheArgumentIsRefusedUnlessWrittenWithASlash) {
  Touch("real inbox/a.pdf");
  Touch("secret.pdf");
  fs::create_directory_symlink(folder_ / "real inbox", folder_ / "inbox");
  fs::create_symlink(folder_ / "secret.pdf", folder_ / "link.pdf");

  Result<std::vector<FoundFile>> named = FindFiles({(folder_ / "inbox").string()});
  ASSERT_TRUE(named.ok()) << named.status().message();
  ASSERT_EQ(named->size(), 1u);
  EXPECT_EQ((*named)[0].refused.reason_code(), "symlink");

  Result<std::vector<FoundFile>> slash = FindFiles({(folder_ / "inbox").string() + "/"});
  ASSERT_TRUE(slash.ok()) << slash.status().message();
  EXPECT_EQ(Names(slash), std::vector<std::string>{"a.pdf"});
  EXPECT_TRUE((*slash)[0].refused.ok());

  Result<std::vector<FoundFile>> file = FindFiles({(folder_ / "link.pdf").string()});
  ASSERT_TRUE(file.ok());
  ASSERT_EQ(file->size(), 1u);
  EXPECT_EQ((*file)[0].refused.reason_code(), "symlink");
  EXPECT_FALSE(ReadFoundFile((*file)[0]).ok());
}

TEST_F(FindFilesTest, AFolderTooDeepIsOneRefusedEntryAndTheRestIsTaken) {
  Touch("inbox/top.pdf");
  // Deeper than PATH_MAX allows to name: built by handle.
  int fd = ::open((folder_ / "inbox").c_str(), O_RDONLY | O_DIRECTORY);
  ASSERT_GE(fd, 0);
  for (int level = 0; level < 2100; ++level) {
    ASSERT_EQ(::mkdirat(fd, "d", 0700), 0) << level;
    const int next = ::openat(fd, "d", O_RDONLY | O_DIRECTORY);
    ::close(fd);
    ASSERT_GE(next, 0);
    fd = next;
  }
  const int file = ::openat(fd, "bottom.pdf", O_WRONLY | O_CREAT, 0600);
  ::close(file);
  ::close(fd);

  Result<std::vector<FoundFile>> found = FindFiles({(folder_ / "inbox").string()});
  ASSERT_TRUE(found.ok()) << found.status().message();
  ASSERT_EQ(found->size(), 2u);
  std::string deep;
  for (int i = 0; i < 33; ++i) deep += "d/";
  EXPECT_EQ((*found)[0].as_received, deep);
  EXPECT_EQ((*found)[0].refused.reason_code(), "too_deep");
  EXPECT_EQ((*found)[1].as_received, "top.pdf");
  EXPECT_TRUE((*found)[1].refused.ok());
  // remove_all cannot name the bottom either; the fixture's TearDown gets
  // ENAMETOOLONG, so the tree is taken down by handle.
  std::function<void(int)> remove_below = [&](int dir) {
    const int child = ::openat(dir, "d", O_RDONLY | O_DIRECTORY);
    if (child >= 0) {
      remove_below(child);
      ::close(child);
      ::unlinkat(dir, "d", AT_REMOVEDIR);
    }
    ::unlinkat(dir, "bottom.pdf", 0);
  };
  fd = ::open((folder_ / "inbox").c_str(), O_RDONLY | O_DIRECTORY);
  remove_below(fd);
  ::close(fd);
}

TEST_F(FindFilesTest, AnUnreadableFolderIsOneRefusedEntryAndTheRestIsTaken) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads every folder";
  Touch("inbox/a.pdf");
  Touch("inbox/locked/b.pdf");
  ASSERT_EQ(::chmod((folder_ / "inbox" / "locked").c_str(), 0), 0);
  Result<std::vector<FoundFile>> found = FindFiles({(folder_ / "inbox").string()});
  ::chmod((folder_ / "inbox" / "locked").c_str(), 0700);
  ASSERT_TRUE(found.ok()) << found.status().message();
  ASSERT_EQ(found->size(), 2u);
  EXPECT_EQ((*found)[0].as_received, "a.pdf");
  EXPECT_EQ((*found)[1].as_received, "locked/");
  EXPECT_EQ((*found)[1].refused.reason_code(), "unreadable");
}

TEST_F(FindFilesTest, FifosInAFolderAreRefusedNeverOpened) {
  Touch("inbox/a.pdf");
  ASSERT_EQ(mkfifo((folder_ / "inbox" / "pipe").c_str(), 0600), 0);
  Result<std::vector<FoundFile>> found = FindFiles({(folder_ / "inbox").string()});
  ASSERT_TRUE(found.ok()) << found.status().message();
  EXPECT_EQ(Names(found), (std::vector<std::string>{"a.pdf", "pipe"}));
  EXPECT_EQ((*found)[1].refused.reason_code(), "special_file");
  // Reading it would block on a fifo; it is looked at, never opened.
  FoundFile pipe = (*found)[1];
  pipe.refused = Status::Ok();
  Result<std::string> bytes = ReadFoundFile(pipe);
  ASSERT_FALSE(bytes.ok());
  EXPECT_EQ(bytes.status().reason_code(), "special_file");
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
