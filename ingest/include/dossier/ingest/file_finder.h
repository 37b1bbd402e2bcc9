// Finding the files named on a command line.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "dossier/common/status.h"

namespace dossier {

struct FoundFile {
  std::filesystem::path path;  // where to read it
  std::string as_received;     // relative to the inbox folder given, or the bare name
};

// Expands each argument: a regular file is taken as itself (as_received = its
// file name), a folder recursively (as_received = path relative to that
// folder, '/'-separated). Results are sorted by as_received within each
// argument so that runs are reproducible. Symlinks are not followed into
// folders. An argument that does not exist is an error naming it.
Result<std::vector<FoundFile>> FindFiles(const std::vector<std::string>& args);

}  // namespace dossier
