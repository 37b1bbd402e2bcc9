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

}  // namespace dossier
