// Finding the files named on a command line.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "dossier/common/status.h"
#include "dossier/ingest/folder_handle.h"

namespace dossier {

struct FoundFile {
  std::filesystem::path path;  // where it is, for messages
  std::string as_received;     // relative to the inbox folder given, or the bare name
  // The folder it is read from by handle, as_received being its path below
  // that folder (see folder_handle.h). Null: read `path` itself, refusing a
  // symbolic link as its last component.
  std::shared_ptr<const FolderHandle> root;
  // OK for a file to read. Otherwise it arrived but is refused before being
  // read, with a rejection (dossier/common/rejection.h): a symbolic link, a
  // fifo or device, a folder that cannot be read or is nested too deep (then
  // as_received is the folder's path with a trailing "/").
  Status refused;
};

struct FindOptions {
  // Folders deeper than this below a named folder are refused as one entry
  // each, and the rest is walked.
  int max_depth = 32;
};

// Expands each argument: a regular file is taken as itself (as_received = its
// file name), a folder recursively (as_received = path relative to that
// folder, '/'-separated). Results are sorted by as_received within each
// argument so that runs are reproducible. Folders are opened and walked by
// handle (folder_handle.h); a symbolic link anywhere below a named folder is
// never followed but listed, refused, with where it points. An argument is
// resolved as the user wrote it, except that a link as its last component is
// refused too (a shell's `inbox/*` names what is in the inbox) unless it is
// written with a trailing "/". An argument that does not exist is an error
// naming it; so is a named fifo or device.
Result<std::vector<FoundFile>> FindFiles(const std::vector<std::string>& args,
                                         const FindOptions& options = {});

}  // namespace dossier
