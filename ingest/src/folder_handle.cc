#include "dossier/ingest/folder_handle.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

#include "dossier/common/rejection.h"

namespace dossier {
namespace {

int OpenAtRetrying(int dir_fd, const char* name, int flags) {
  int fd;
  do {
    fd = ::openat(dir_fd, name, flags);
  } while (fd < 0 && errno == EINTR);
  return fd;
}

std::vector<std::string> Components(std::string_view below) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= below.size()) {
    size_t end = below.find('/', start);
    if (end == std::string_view::npos) end = below.size();
    if (end > start) out.emplace_back(below.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

bool IsLinkAt(int dir_fd, const char* name) {
  struct stat st;
  return ::fstatat(dir_fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode);
}

Status Unreadable(const std::string& shown, int error) {
  return Reject(Rejection::kUnreadable, std::string(RejectionMeaning(Rejection::kUnreadable)) +
                                            "：" + shown + "（" + std::strerror(error) + "）");
}

// Why opening `name` in `dir_fd` failed, for the clerk; `shown` names it.
Status OpenFailure(int dir_fd, const char* name, const std::string& shown, int error) {
  if (error == ENOENT) return Status::NotFound("no such file or folder: " + shown);
  // O_NOFOLLOW fails with ELOOP on a link, and O_DIRECTORY with ENOTDIR.
  if ((error == ELOOP || error == ENOTDIR) && IsLinkAt(dir_fd, name)) {
    return SymlinkRejection(dir_fd, name, shown);
  }
  return Unreadable(shown, error);
}

std::string Shown(const std::vector<std::string>& parts, size_t upto) {
  std::string out;
  for (size_t i = 0; i <= upto && i < parts.size(); ++i) {
    if (i) out += '/';
    out += parts[i];
  }
  return out;
}

}  // namespace

UniqueFd::~UniqueFd() {
  if (fd_ >= 0) ::close(fd_);
}

UniqueFd& UniqueFd::operator=(UniqueFd&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

Status SymlinkRejection(int dir_fd, const std::string& name, const std::string& shown) {
  std::string reason = std::string(RejectionMeaning(Rejection::kSymlink)) + "：" + shown;
  char target[4096];
  const ssize_t n = ::readlinkat(dir_fd, name.c_str(), target, sizeof target - 1);
  if (n > 0) reason += " → " + std::string(target, static_cast<size_t>(n));
  return Reject(Rejection::kSymlink, reason);
}

Result<std::shared_ptr<const FolderHandle>> FolderHandle::Open(const std::filesystem::path& path) {
  const std::string shown = path.string();
  const int fd =
      OpenAtRetrying(AT_FDCWD, path.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return OpenFailure(AT_FDCWD, path.c_str(), shown, errno);
  return std::shared_ptr<const FolderHandle>(new FolderHandle(UniqueFd(fd), path));
}

Result<UniqueFd> OpenFolderBelow(const FolderHandle& root, std::string_view below) {
  const std::vector<std::string> parts = Components(below);
  UniqueFd current(OpenAtRetrying(root.fd(), ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!current.valid()) return Unreadable(root.path().string(), errno);
  for (size_t i = 0; i < parts.size(); ++i) {
    const int fd = OpenAtRetrying(current.get(), parts[i].c_str(),
                                  O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return OpenFailure(current.get(), parts[i].c_str(), Shown(parts, i), errno);
    current = UniqueFd(fd);
  }
  return current;
}

Result<UniqueFd> OpenFileBelow(const FolderHandle& root, std::string_view below) {
  std::vector<std::string> parts = Components(below);
  if (parts.empty()) return Unreadable(root.path().string(), EISDIR);
  const std::string name = parts.back();
  parts.pop_back();
  std::string folder;
  for (const std::string& p : parts) folder += (folder.empty() ? "" : "/") + p;
  auto dir = OpenFolderBelow(root, folder);
  if (!dir.ok()) return dir.status();

  // O_PATH opens the entry itself, whatever it is, without acting on it: a
  // device or a fifo is looked at, never opened for reading.
  UniqueFd entry(OpenAtRetrying(dir->get(), name.c_str(), O_PATH | O_NOFOLLOW | O_CLOEXEC));
  if (!entry.valid()) return OpenFailure(dir->get(), name.c_str(), std::string(below), errno);
  struct stat st;
  if (::fstat(entry.get(), &st) != 0) return Unreadable(std::string(below), errno);
  if (S_ISLNK(st.st_mode)) return SymlinkRejection(dir->get(), name, std::string(below));
  if (!S_ISREG(st.st_mode)) {
    return Reject(Rejection::kSpecialFile, std::string(RejectionMeaning(Rejection::kSpecialFile)) +
                                               "：" + std::string(below));
  }
  // Reopening the very inode the O_PATH handle holds: nothing is resolved by
  // name again, so nothing swapped in meanwhile can be read instead.
  const std::string self = "/proc/self/fd/" + std::to_string(entry.get());
  int fd = OpenAtRetrying(AT_FDCWD, self.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0 && errno == ENOENT) {
    // No /proc: open by name, refusing links, and check it is the same file.
    fd = OpenAtRetrying(dir->get(), name.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
    struct stat again;
    if (fd >= 0 &&
        (::fstat(fd, &again) != 0 || again.st_ino != st.st_ino || again.st_dev != st.st_dev)) {
      ::close(fd);
      return Status::NotFound("the file changed while it was opened: " + std::string(below));
    }
  }
  if (fd < 0) return OpenFailure(dir->get(), name.c_str(), std::string(below), errno);
  return UniqueFd(fd);
}

}  // namespace dossier
