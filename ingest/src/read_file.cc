#include "dossier/ingest/read_file.h"

#include <cstdint>
#include <string>

#include "dossier/common/rejection.h"
#include "dossier/ingest/folder_handle.h"

namespace dossier {

Result<std::string> ReadFoundFile(const FoundFile& file, uint64_t max_bytes) {
  if (!file.refused.ok()) return file.refused;
  if (file.root) {
    auto fd = OpenFileBelow(*file.root, file.as_received);
    if (!fd.ok()) return fd.status();
    Result<std::string> bytes = ReadAll(fd->get(), file.as_received, max_bytes);
    if (!bytes.ok() && bytes.status().reason_code().empty()) {
      return Reject(Rejection::kUnreadable, std::string(RejectionMeaning(Rejection::kUnreadable)) +
                                                "：" + bytes.status().message());
    }
    return bytes;
  }
  auto parent = FolderHandle::Open(
      file.path.has_parent_path() ? file.path.parent_path().string() + "/" : std::string("./"));
  if (!parent.ok()) return parent.status();
  FoundFile below = file;
  below.root = *parent;
  below.as_received = file.path.filename().string();
  return ReadFoundFile(below, max_bytes);
}

}  // namespace dossier
