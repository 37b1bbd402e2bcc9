// Whole-file reads under a limit, for every stage that reads a file at once
// (ingest, the kept originals, the extract command).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "dossier/common/status.h"

namespace dossier {

// Reads a whole file. Files larger than max_bytes are refused with a
// LimitExceeded status rather than read.
Result<std::string> ReadWholeFile(const std::filesystem::path& path,
                                  uint64_t max_bytes = 512ull << 20);

// Reads an open file to its end, refusing more than max_bytes (kTooLarge).
// `shown` names it in messages.
Result<std::string> ReadAll(int fd, const std::string& shown, uint64_t max_bytes);

}  // namespace dossier
