// The content-addressed folder of originals: every file ever received is kept
// here byte for byte under its SHA-256, whatever happens to it afterwards.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "dossier/common/sha256.h"
#include "dossier/common/status.h"

namespace dossier {

class OriginalsFolder {
 public:
  // REQUIRES: root is writable; it is created if missing. Originals are
  // kept read-only with `mode` (0400: the owner only; 0440 with the group),
  // whatever the process's umask.
  explicit OriginalsFolder(std::filesystem::path root, mode_t mode = 0400);

  // Path where the original with this digest is (or would be) kept:
  // root/ab/abcdef....
  std::filesystem::path PathFor(std::string_view sha256) const;

  // Keeps the bytes under their digest: written to a temporary name in the
  // same folder, fsync'd, renamed, and the folder fsync'd. A digest already
  // kept is left untouched. On failure (disk full, permissions) returns an Io
  // status and leaves no partial file under the final name.
  Status Keep(std::string_view sha256, std::string_view bytes);

  // Reads a kept original back.
  Result<std::string> Read(std::string_view sha256) const;

 private:
  std::filesystem::path root_;
  mode_t mode_;
};

}  // namespace dossier
