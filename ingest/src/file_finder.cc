#include "dossier/ingest/file_finder.h"

#include <algorithm>
#include <filesystem>
#include <iterator>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

namespace dossier {
namespace {

namespace fs = std::filesystem;

Status FolderError(const fs::path& folder, const std::error_code& ec) {
  return Status::Io("cannot read the folder " + folder.string() + ": " + ec.message());
}

// Walks one inbox folder. Symlinks are handled like this:
//  - a symlink to a folder is not entered (no loops, and nothing outside the
//    inbox is swept in by accident);
//  - a symlink to a regular file is taken and read through, because mail and
//    portal tools do drop links to the downloaded file into an inbox;
//  - dangling symlinks, sockets, fifos and devices are skipped silently: they
//    are not documents, and reading a fifo would block.
// An explicit stack instead of recursion keeps deep trees off the call stack.
Status WalkFolder(const fs::path& root, std::vector<FoundFile>& found) {
  struct Pending {
    fs::path folder;
    std::string as_received_prefix;  // "" or "a/b/"
  };
  std::vector<Pending> pending{{root, ""}};
  while (!pending.empty()) {
    Pending current = std::move(pending.back());
    pending.pop_back();
    std::error_code ec;
    fs::directory_iterator it(current.folder, ec);
    if (ec) return FolderError(current.folder, ec);
    for (const fs::directory_iterator end; it != end; it.increment(ec)) {
      if (ec) return FolderError(current.folder, ec);
      const fs::directory_entry& entry = *it;
      const std::string as_received = current.as_received_prefix + entry.path().filename().string();
      const fs::file_status own = entry.symlink_status(ec);
      if (ec) return FolderError(current.folder, ec);
      if (fs::is_directory(own)) {
        pending.push_back({entry.path(), as_received + "/"});
      } else if (fs::is_regular_file(own)) {
        found.push_back({entry.path(), as_received});
      } else if (fs::is_symlink(own)) {
        std::error_code target_ec;  // A dangling link is skipped, not an error.
        if (fs::is_regular_file(entry.status(target_ec))) {
          found.push_back({entry.path(), as_received});
        }
      }
    }
    if (ec) return FolderError(current.folder, ec);
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<FoundFile>> FindFiles(const std::vector<std::string>& args) {
  std::vector<FoundFile> all;
  for (const std::string& arg : args) {
    const fs::path path(arg);
    std::error_code ec;
    // The argument itself is followed when it is a symlink: the user named
    // it, so a link to an inbox folder is that inbox.
    const fs::file_status status = fs::status(path, ec);
    if (status.type() == fs::file_type::not_found) {
      return Status::NotFound("no such file or folder: " + arg);
    }
    if (ec) return Status::Io("cannot look at " + arg + ": " + ec.message());

    std::vector<FoundFile> found;
    if (fs::is_regular_file(status)) {
      found.push_back({path, path.filename().string()});
    } else if (fs::is_directory(status)) {
      if (Status walked = WalkFolder(path, found); !walked.ok()) return walked;
    } else {
      // Unlike inside a folder, a named fifo or device is not skipped
      // silently: the user asked for it and should learn it was not taken.
      return Status::InvalidInput("not a file or folder: " + arg);
    }
    std::sort(found.begin(), found.end(), [](const FoundFile& a, const FoundFile& b) {
      return a.as_received < b.as_received;  // char_traits<char> compares as unsigned: byte order.
    });
    std::move(found.begin(), found.end(), std::back_inserter(all));
  }
  return all;
}

}  // namespace dossier
