#include "dossier/common/data_folder.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "dossier/common/sha256.h"
#include "dossier/common/whole_file.h"

namespace dossier {

Result<std::string> ReadOriginal(const std::filesystem::path& originals_dir,
                                 std::string_view sha256) {
  if (!IsSha256Hex(sha256)) {
    return Status::NotFound("no original is kept under \"" + std::string(sha256) + "\"");
  }
  Result<std::string> bytes =
      ReadWholeFile(OriginalPath(originals_dir, sha256), std::numeric_limits<uint64_t>::max());
  if (!bytes.ok() && bytes.status().code() == ErrorCode::kNotFound) {
    return Status::NotFound("no original is kept under " + std::string(sha256));
  }
  return bytes;
}

namespace {

// The system's reason, then what was being done: "Not a directory (creating
// /srv/data)", as OriginalsFolder words its errors.
Status FolderError(int error, const std::string& what) {
  return Status::Io(std::string(std::strerror(error)) + " (" + what + ")");
}

}  // namespace

int SyncFolder(const std::filesystem::path& folder) {
  int fd;
  do {
    fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) return errno;
  int error = ::fsync(fd) == 0 ? 0 : errno;
  ::close(fd);
  if (error == EINVAL || error == ENOTSUP) error = 0;
  return error;
}

Status CreateFoldersDurably(const std::filesystem::path& folder) {
  // The missing folders, innermost first; each is made, then its entry in
  // its parent synced, outermost first, so that every synced entry names a
  // folder that is there.
  std::vector<std::filesystem::path> missing;
  std::filesystem::path innermost = folder.lexically_normal();
  if (!innermost.has_filename() && innermost.has_relative_path()) {
    innermost = innermost.parent_path();  // "data/" is "data"
  }
  for (std::filesystem::path at = innermost; !at.empty(); at = at.parent_path()) {
    if (!at.has_relative_path() && at.has_root_path()) break;  // "/" is always there
    struct stat st;
    if (::stat(at.c_str(), &st) == 0) {
      if (S_ISDIR(st.st_mode)) break;
      return FolderError(ENOTDIR, "creating " + at.string());
    }
    if (errno != ENOENT) {
      return FolderError(errno, "creating " + at.string());
    }
    missing.push_back(at);
    if (at == at.parent_path() || !at.has_parent_path()) break;
  }
  for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
    const std::filesystem::path& made = *it;
    // Another process may make it at the same time: then its entry is synced
    // here too, which costs one sync and loses nothing.
    if (::mkdir(made.c_str(), 0777) != 0 && errno != EEXIST) {
      return FolderError(errno, "creating " + made.string());
    }
    const std::filesystem::path parent =
        made.has_parent_path() ? made.parent_path() : std::filesystem::path(".");
    if (const int error = SyncFolder(parent); error != 0) {
      return FolderError(error, "syncing " + parent.string());
    }
  }
  return Status::Ok();
}

}  // namespace dossier
