#include "dossier/common/whole_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <string>

#include "dossier/common/rejection.h"

namespace dossier {
namespace {

constexpr uint64_t kMiB = uint64_t{1} << 20;

// Limits are normally whole MiB, and the clerk reads "600 MiB" more easily
// than a byte count. The size is rounded up so that it never reads as equal to
// the limit it is over.
Status OverLimit(uint64_t size, uint64_t limit) {
  if (limit >= kMiB && limit % kMiB == 0) {
    return Reject(Rejection::kTooLarge, "文件有 " + std::to_string((size + kMiB - 1) / kMiB) +
                                            " MiB，超过 " + std::to_string(limit / kMiB) +
                                            " MiB 的上限，不读取");
  }
  return Reject(Rejection::kTooLarge, "文件有 " + std::to_string(size) + " 字节，超过 " +
                                          std::to_string(limit) + " 字节的上限，不读取");
}

Status ErrnoStatus(int error, const std::string& what) {
  std::string message = what + ": " + std::strerror(error);
  if (error == ENOENT) return Status::NotFound(std::move(message));
  return Status::Io(std::move(message));
}

class FileCloser {
 public:
  explicit FileCloser(int fd) : fd_(fd) {}
  ~FileCloser() { ::close(fd_); }  // Read-only: a failing close loses nothing.
  FileCloser(const FileCloser&) = delete;
  FileCloser& operator=(const FileCloser&) = delete;

 private:
  int fd_;
};

}  // namespace

Result<std::string> ReadAll(int fd, const std::string& shown, uint64_t max_bytes) {
  struct stat st;
  if (::fstat(fd, &st) != 0) return ErrnoStatus(errno, "cannot read " + shown);
  if (S_ISDIR(st.st_mode)) return Status::InvalidInput(shown + " is a folder, not a file");
  const uint64_t size = st.st_size > 0 ? static_cast<uint64_t>(st.st_size) : 0;
  if (size > max_bytes) return OverLimit(size, max_bytes);

  std::string bytes;
  bytes.reserve(size);
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      return ErrnoStatus(errno, "cannot read " + shown);
    }
    if (n == 0) break;
    // The file may be growing while we read it (a copy still under way);
    // the limit holds for what we actually read, not only for what fstat saw.
    if (bytes.size() + static_cast<uint64_t>(n) > max_bytes) {
      return OverLimit(bytes.size() + n, max_bytes);
    }
    bytes.append(buffer, static_cast<size_t>(n));
  }
  return bytes;
}

Result<std::string> ReadWholeFile(const std::filesystem::path& path, uint64_t max_bytes) {
  const std::string shown = path.string();
  int fd;
  do {
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) return ErrnoStatus(errno, "cannot open " + shown);
  FileCloser closer(fd);
  return ReadAll(fd, shown, max_bytes);
}

}  // namespace dossier
