#include "dossier/jobs/privacy.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "dossier/common/data_folder.h"

namespace dossier {
namespace {

// chmod for what this user owns; another's entry is not ours to change.
Status Tighten(const std::filesystem::path& path, mode_t mode) {
  struct stat st;
  if (::lstat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return Status::Ok();
    return Status::Io("cannot look at " + path.string() + ": " + std::strerror(errno));
  }
  if (S_ISLNK(st.st_mode) || st.st_uid != ::geteuid()) return Status::Ok();
  if ((st.st_mode & 07777) == mode) return Status::Ok();
  if (::chmod(path.c_str(), mode) != 0) {
    return Status::Io("cannot make " + path.string() + " private: " + std::strerror(errno));
  }
  return Status::Ok();
}

}  // namespace

FileModes ModesFor(bool shared_group) {
  return shared_group ? FileModes{0750, 0640, 0440} : FileModes{0700, 0600, 0400};
}

void RestrictFileCreation(bool shared_group) { ::umask(shared_group ? 027 : 077); }

Status SecureDataFolder(const std::filesystem::path& data_dir, bool shared_group) {
  const FileModes modes = ModesFor(shared_group);
  const DataFolder folder(data_dir);
  for (const std::filesystem::path& path :
       {folder.root(), folder.OriginalsDir(), folder.CacheDir()}) {
    if (Status s = Tighten(path, modes.folder); !s.ok()) return s;
  }
  for (const std::filesystem::path& path : folder.StoreFiles()) {
    if (Status s = Tighten(path, modes.file); !s.ok()) return s;
  }
  return Status::Ok();
}

bool RunningAsRoot() { return ::geteuid() == 0; }

}  // namespace dossier
