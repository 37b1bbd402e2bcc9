#include "dossier/ingest/originals.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "support/temp_dir.h"

namespace dossier {
namespace {

namespace fs = std::filesystem;
using namespace std::string_literals;

using testing::ReadBytes;
using testing::TempDir;

// Every file under a folder, relative, so a test can say exactly what is left.
std::vector<std::string> FilesUnder(const fs::path& root) {
  std::vector<std::string> files;
  std::error_code ec;
  if (!fs::exists(root, ec)) return files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_directory()) files.push_back(fs::relative(entry.path(), root).generic_string());
  }
  return files;
}

const char kAbcDigest[] = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

TEST(Sha256HexTest, KnownDigests) {
  EXPECT_EQ(Sha256Hex("abc"), kAbcDigest);
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex(std::string(1000000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256HexTest, BinaryBytesWithNulsAreHashedWhole) {
  EXPECT_NE(Sha256Hex("a\0b"s), Sha256Hex("a"));
  EXPECT_EQ(Sha256Hex("a\0b"s).size(), 64u);
}

TEST(OriginalsFolderTest, PathForShardsByTheFirstTwoHexDigits) {
  OriginalsFolder originals("/srv/originals");
  EXPECT_EQ(originals.PathFor(kAbcDigest), fs::path("/srv/originals/ba") / kAbcDigest);
}

TEST(OriginalsFolderTest, KeepWritesTheBytesReadOnlyUnderTheDigest) {
  TempDir tmp;
  const fs::path root = tmp.path() / "originals";  // Created on demand.
  OriginalsFolder originals(root);
  const std::string bytes = "%PDF-1.4\n\0\xFF binary \r\n"s;
  const std::string sha = Sha256Hex(bytes);

  ASSERT_TRUE(originals.Keep(sha, bytes).ok());

  const fs::path kept = originals.PathFor(sha);
  EXPECT_EQ(kept, root / sha.substr(0, 2) / sha);
  EXPECT_EQ(ReadBytes(kept), bytes);
  struct stat st;
  ASSERT_EQ(stat(kept.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0400u);  // readable by its owner only, whatever the umask
  EXPECT_EQ(FilesUnder(root), std::vector<std::string>{sha.substr(0, 2) + "/" + sha});

  // Shared with a reviewers' group: read-only to the group too, never to others.
  OriginalsFolder shared(tmp.path() / "shared", 0440);
  ASSERT_TRUE(shared.Keep(sha, bytes).ok());
  ASSERT_EQ(stat(shared.PathFor(sha).c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0440u);
}

TEST(OriginalsFolderTest, KeepingTwiceIsFineAndLeavesOneFile) {
  TempDir tmp;
  OriginalsFolder originals(tmp.path());
  const std::string sha = Sha256Hex("abc");
  ASSERT_TRUE(originals.Keep(sha, "abc").ok());
  const Status again = originals.Keep(sha, "abc");
  EXPECT_TRUE(again.ok()) << again.message();
  EXPECT_EQ(FilesUnder(tmp.path()), std::vector<std::string>{"ba/"s + kAbcDigest});
  EXPECT_EQ(ReadBytes(originals.PathFor(sha)), "abc");
}

TEST(OriginalsFolderTest, ManyOriginalsShareShardsWithoutTempLeftovers) {
  TempDir tmp;
  OriginalsFolder originals(tmp.path());
  std::vector<std::string> expected;
  for (int i = 0; i < 40; ++i) {
    const std::string bytes = "file number " + std::to_string(i);
    const std::string sha = Sha256Hex(bytes);
    ASSERT_TRUE(originals.Keep(sha, bytes).ok());
    expected.push_back(sha.substr(0, 2) + "/" + sha);
  }
  std::vector<std::string> files = FilesUnder(tmp.path());
  std::sort(files.begin(), files.end());
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(files, expected);  // In particular no "*.tmp.*" files.
}

TEST(OriginalsFolderTest, ReadRoundTrip) {
  TempDir tmp;
  OriginalsFolder originals(tmp.path());
  std::string big(3 << 20, '\0');
  for (size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>(i * 7919 % 251);
  const std::string sha = Sha256Hex(big);
  ASSERT_TRUE(originals.Keep(sha, big).ok());
  Result<std::string> back = originals.Read(sha);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(*back, big);
}

TEST(OriginalsFolderTest, EmptyFileIsKeptToo) {
  TempDir tmp;
  OriginalsFolder originals(tmp.path());
  const std::string sha = Sha256Hex("");
  ASSERT_TRUE(originals.Keep(sha, "").ok());
  Result<std::string> back = originals.Read(sha);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(*back, "");
}

TEST(OriginalsFolderTest, ReadOfAnUnknownDigestIsNotFound) {
  TempDir tmp;
  OriginalsFolder originals(tmp.path());
  Result<std::string> back = originals.Read(kAbcDigest);
  ASSERT_FALSE(back.ok());
  EXPECT_EQ(back.status().code(), ErrorCode::kNotFound);
  EXPECT_NE(back.status().message().find(kAbcDigest), std::string::npos) << back.status().message();
}

TEST(OriginalsFolderTest, DamagedCopyOfWrongSizeIsReplaced) {
  TempDir tmp;
  OriginalsFolder originals(tmp.path());
  const std::string sha = Sha256Hex("abc");
  fs::create_directories(originals.PathFor(sha).parent_path());
  std::ofstream(originals.PathFor(sha)) << "ab";  // Cut short by an old crash.
  ASSERT_TRUE(originals.Keep(sha, "abc").ok());
  EXPECT_EQ(ReadBytes(originals.PathFor(sha)), "abc");
  EXPECT_EQ(FilesUnder(tmp.path()), std::vector<std::string>{"ba/"s + kAbcDigest});
}

TEST(OriginalsFolderTest, UnwritableRootGivesAnIoStatusAndLeavesNothing) {
  TempDir tmp;
  // Tests may run as root, whom permissions do not stop; a root below a
  // regular file cannot be created by anyone.
  std::ofstream(tmp.path() / "afile") << "x";
  const fs::path root = tmp.path() / "afile" / "sub";
  OriginalsFolder originals(root);

  const Status status = originals.Keep(kAbcDigest, "abc");

  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), ErrorCode::kIo);
  EXPECT_EQ(status.message().rfind("cannot keep the original: Not a directory", 0), 0u)
      << status.message();
  EXPECT_EQ(FilesUnder(tmp.path()), std::vector<std::string>{"afile"});
  EXPECT_EQ(ReadBytes(tmp.path() / "afile"), "x");
}

TEST(OriginalsFolderTest, FailedRenameRemovesTheTemporaryFile) {
  TempDir tmp;
  OriginalsFolder originals(tmp.path());
  // A non-empty folder squats the final name: the temp file is written, the
  // rename fails, and the temp must go.
  const fs::path final_path = originals.PathFor(kAbcDigest);
  fs::create_directories(final_path);
  std::ofstream(final_path / "squatter") << "x";

  const Status status = originals.Keep(kAbcDigest, "abc");

  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), ErrorCode::kIo);
  EXPECT_EQ(status.message().rfind("cannot keep the original: ", 0), 0u) << status.message();
  EXPECT_EQ(FilesUnder(tmp.path()), std::vector<std::string>{"ba/"s + kAbcDigest + "/squatter"});
}

TEST(OriginalsFolderTest, KeepRefusesWhatIsNotADigest) {
  TempDir tmp;
  OriginalsFolder originals(tmp.path());
  const Status status = originals.Keep("../../etc/passwd", "x");
  EXPECT_EQ(status.code(), ErrorCode::kInternal);
  EXPECT_TRUE(FilesUnder(tmp.path()).empty());
}

}  // namespace
}  // namespace dossier
