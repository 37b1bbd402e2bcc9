#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "dossier/common/status.h"
#include "dossier/common/whole_file.h"
#include "dossier/ingest/file_finder.h"

namespace dossier {

// Reads the whole of a file FindFiles or the watcher found, by handle below
// its root (folder_handle.h): a symbolic link on the way is refused, never
// followed, even one swapped in since the file was found. Without a root,
// `path` is opened refusing a link as its last component.
// On failure: a rejection (dossier/common/rejection.h) naming the file:
// kSymlink, kSpecialFile, kUnreadable, kTooLarge (past max_bytes); NotFound
// when it is gone.
Result<std::string> ReadFoundFile(const FoundFile& file, uint64_t max_bytes = 512ull << 20);

}  // namespace dossier
