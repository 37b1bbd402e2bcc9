#include "dossier/common/data_folder.h"

#include <cstdint>
#include <limits>

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

}  // namespace dossier
