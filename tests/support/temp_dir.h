// Temporary folders and whole-file reads and writes for tests: one copy for
// every stage's tests.
#pragma once

#include <stdlib.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <system_error>

namespace dossier::testing {

// A fresh, empty folder (mkdtemp under the system's temporary folder, named
// after `prefix`), removed with everything in it when the object goes. It is
// opened to everyone (0755, as a folder made with the usual umask), since
// some end-to-end tests run dossier as another user inside it. Throws
// std::runtime_error when no folder can be made: the test then fails with
// the reason instead of writing somewhere else.
class TempDir {
 public:
  explicit TempDir(const std::string& prefix = "dossier-test") {
    std::string name = (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
    if (mkdtemp(name.data()) == nullptr)
      throw std::runtime_error("cannot make a temporary folder " + name + ": " +
                               std::generic_category().message(errno));
    path_ = name;
    std::filesystem::permissions(
        path_, std::filesystem::perms::owner_all | std::filesystem::perms::group_read |
                   std::filesystem::perms::group_exec | std::filesystem::perms::others_read |
                   std::filesystem::perms::others_exec);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Writes `bytes` to `path`, making its folders.
inline void WriteFile(const std::filesystem::path& path, const std::string& bytes) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

// Every byte of `path`; empty when it cannot be read.
inline std::string ReadBytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// `s` quoted for /bin/sh.
inline std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  return out + "'";
}

// The source tree (sample_docs/, tests/fixtures/, …).
inline std::filesystem::path SourceDir() { return DOSSIER_SOURCE_DIR; }

}  // namespace dossier::testing
