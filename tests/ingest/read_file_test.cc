#include "dossier/ingest/read_file.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "support/temp_dir.h"

namespace dossier {
namespace {

namespace fs = std::filesystem;
using namespace std::string_literals;

class ReadWholeFileTest : public ::testing::Test {
 protected:
  fs::path Write(const std::string& name, const std::string& bytes) {
    const fs::path path = folder_ / name;
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }

  testing::TempDir dir_{"dossier-read"};
  fs::path folder_ = dir_.path();
};

TEST_F(ReadWholeFileTest, ReadsEveryByte) {
  std::string bytes = "PK\x03\x04\0\0\xFF\r\n"s;
  bytes += std::string(200000, 'z');  // More than one read() worth.
  Result<std::string> read = ReadWholeFile(Write("营业执照 扫描.pdf", bytes));
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_EQ(*read, bytes);
}

TEST_F(ReadWholeFileTest, EmptyFileIsEmpty) {
  Result<std::string> read = ReadWholeFile(Write("empty", ""));
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_EQ(*read, "");
}

TEST_F(ReadWholeFileTest, FileAtTheLimitIsRead) {
  Result<std::string> read = ReadWholeFile(Write("ten", "0123456789"), 10);
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_EQ(*read, "0123456789");
}

TEST_F(ReadWholeFileTest, FileOverAMiBLimitIsRefusedInMiB) {
  const fs::path path = Write("big.pdf", std::string((3 << 20) / 2, 'x'));  // 1.5 MiB.
  Result<std::string> read = ReadWholeFile(path, 1 << 20);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.status().code(), ErrorCode::kLimitExceeded);
  EXPECT_EQ(read.status().reason_code(), "too_large");
  EXPECT_EQ(read.status().message(), "文件有 2 MiB，超过 1 MiB 的上限，不读取");
}

TEST_F(ReadWholeFileTest, FileOverASmallLimitIsRefusedInBytes) {
  Result<std::string> read = ReadWholeFile(Write("eleven", "01234567890"), 10);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.status().code(), ErrorCode::kLimitExceeded);
  EXPECT_EQ(read.status().message(), "文件有 11 字节，超过 10 字节的上限，不读取");
}

TEST_F(ReadWholeFileTest, MissingFileIsNotFoundWithTheSystemReason) {
  const fs::path path = folder_ / "gone.docx";
  Result<std::string> read = ReadWholeFile(path);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(read.status().message(),
            "cannot open " + path.string() + ": No such file or directory");
}

TEST_F(ReadWholeFileTest, FolderIsNotAFile) {
  Result<std::string> read = ReadWholeFile(folder_);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.status().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(read.status().message(), folder_.string() + " is a folder, not a file");
}

TEST_F(ReadWholeFileTest, PathThroughARegularFileIsAnIoError) {
  Write("afile", "x");
  Result<std::string> read = ReadWholeFile(folder_ / "afile" / "inner");
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.status().code(), ErrorCode::kIo);
  EXPECT_NE(read.status().message().find("Not a directory"), std::string::npos)
      << read.status().message();
}

}  // namespace
}  // namespace dossier
