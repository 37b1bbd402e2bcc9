#include "dossier/ingest/originals.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>
#include <system_error>
#include <utility>

#include "dossier/common/data_folder.h"
#include "dossier/common/sha256.h"

namespace dossier {
namespace {

constexpr std::string_view kKeepFailed = "cannot keep the original: ";

Status KeepError(int error, const std::string& what) {
  return Status::Io(std::string(kKeepFailed) + std::strerror(error) + " (" + what + ")");
}

int OpenRetryingEintr(const char* path, int flags, mode_t mode = 0) {
  int fd;
  do {
    fd = ::open(path, flags, mode);
  } while (fd < 0 && errno == EINTR);
  return fd;
}

// Returns 0 or an errno value.
int WriteAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return 0;
}

std::string NextTempName(std::string_view sha256) {
  static std::atomic<uint64_t> counter{0};
  return std::string(sha256) + ".tmp." + std::to_string(::getpid()) + "." +
         std::to_string(counter.fetch_add(1));
}

// The temporary file of one Keep(), removed on every failure path.
class TempFile {
 public:
  TempFile() = default;
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!path_.empty()) ::unlink(path_.c_str());
  }

  // Returns 0 or an errno value.
  int Create(const std::filesystem::path& folder, std::string_view sha256, mode_t mode) {
    // O_EXCL may meet a leftover of a crashed run that had our pid; a few
    // fresh names get past it.
    for (int attempt = 0; attempt < 16; ++attempt) {
      std::filesystem::path candidate = folder / NextTempName(sha256);
      fd_ = OpenRetryingEintr(candidate.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, mode);
      if (fd_ >= 0) {
        path_ = std::move(candidate);
        return 0;
      }
      if (errno != EEXIST) return errno;
    }
    return EEXIST;
  }

  int fd() const { return fd_; }
  const std::filesystem::path& path() const { return path_; }

  // Returns 0 or an errno value; the descriptor is gone either way.
  int Close() {
    const int result = ::close(fd_) == 0 ? 0 : errno;
    fd_ = -1;
    return result;
  }

  // After a successful rename there is nothing left to remove.
  void Release() { path_.clear(); }

 private:
  int fd_ = -1;
  std::filesystem::path path_;
};

}  // namespace

OriginalsFolder::OriginalsFolder(std::filesystem::path root, mode_t mode)
    : root_(std::move(root)), mode_(mode) {
  // Best effort: Keep() creates the folders again and reports what fails.
  (void)CreateFoldersDurably(root_);
}

std::filesystem::path OriginalsFolder::PathFor(std::string_view sha256) const {
  return OriginalPath(root_, sha256);
}

Status OriginalsFolder::Keep(std::string_view sha256, std::string_view bytes) {
  if (!IsSha256Hex(sha256)) {
    return Status::Internal("cannot keep the original: \"" + std::string(sha256) +
                            "\" is not a SHA-256 digest");
  }
  const std::filesystem::path final_path = PathFor(sha256);
  const std::filesystem::path shard = final_path.parent_path();

  // The same bytes always get the same name, so a file of the right size is
  // the original already kept; a wrong size means an earlier copy was damaged
  // and is replaced below.
  struct stat st;
  if (::stat(final_path.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
      static_cast<uint64_t>(st.st_size) == bytes.size()) {
    return Status::Ok();
  }

  // A new shard's entry in the root (and the root's in the data folder) must
  // be durable for the file in it to be found after a power loss.
  if (Status made = CreateFoldersDurably(shard); !made.ok()) {
    return Status::Io(std::string(kKeepFailed) + made.message());
  }

  TempFile temp;
  if (const int error = temp.Create(shard, sha256, mode_); error != 0) {
    return KeepError(error, "creating a file in " + shard.string());
  }
  // The mode asked of open() passes through the umask; originals must be
  // read-only, and as private as asked, whatever the umask is.
  if (::fchmod(temp.fd(), mode_) != 0) {
    return KeepError(errno, "setting the mode of " + temp.path().string());
  }
  if (const int error = WriteAll(temp.fd(), bytes); error != 0) {
    return KeepError(error, "writing " + temp.path().string());
  }
  if (::fsync(temp.fd()) != 0) return KeepError(errno, "syncing " + temp.path().string());
  // NFS and some others report a failed write only at close.
  if (const int error = temp.Close(); error != 0) {
    return KeepError(error, "closing " + temp.path().string());
  }
  if (::rename(temp.path().c_str(), final_path.c_str()) != 0) {
    return KeepError(errno, "renaming to " + final_path.string());
  }
  temp.Release();
  // The file under the final name is complete whatever happens now; a failed
  // folder sync only means the rename might not survive a crash.
  if (const int error = SyncFolder(shard); error != 0) {
    return KeepError(error, "syncing " + shard.string());
  }
  return Status::Ok();
}

Result<std::string> OriginalsFolder::Read(std::string_view sha256) const {
  return ReadOriginal(root_, sha256);
}

}  // namespace dossier
