#include "dossier/ingest/file_finder.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <iterator>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "dossier/common/rejection.h"

namespace dossier {
namespace {

namespace fs = std::filesystem;

struct DirCloser {
  void operator()(DIR* d) const { ::closedir(d); }
};

Status FolderRefusal(Rejection why, const std::string& shown, const std::string& detail) {
  return Reject(why, std::string(RejectionMeaning(why)) + "：" + shown + detail);
}

// Walks one inbox folder by handle. Each folder is opened from its parent's
// handle with O_NOFOLLOW (a folder swapped for a link between the listing and
// the opening is refused, not followed), and listed through that handle.
// A folder that cannot be read, or lies deeper than max_depth, becomes one
// refused entry and the walk goes on. An explicit stack instead of recursion
// keeps deep trees off the call stack.
void WalkFolder(const std::shared_ptr<const FolderHandle>& root, const FindOptions& options,
                std::vector<FoundFile>& found) {
  struct Pending {
    std::shared_ptr<UniqueFd> parent;  // null for the root itself
    std::string name;                  // in the parent
    std::string prefix;                // "" or "a/b/": as_received of what it holds
    int depth = 0;
  };
  std::vector<Pending> pending;
  pending.push_back({nullptr, "", "", 0});
  while (!pending.empty()) {
    Pending current = std::move(pending.back());
    pending.pop_back();
    const std::string shown = current.prefix.empty() ? root->path().string() : current.prefix;
    auto refuse = [&](Status why) {
      found.push_back({root->path() / current.prefix, current.prefix, root, std::move(why)});
    };

    int fd;
    if (current.parent == nullptr) {
      fd = ::openat(root->fd(), ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    } else {
      fd = ::openat(current.parent->get(), current.name.c_str(),
                    O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    }
    if (fd < 0) {
      const int error = errno;
      struct stat st;
      if (current.parent != nullptr &&
          ::fstatat(current.parent->get(), current.name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 &&
          S_ISLNK(st.st_mode)) {
        refuse(SymlinkRejection(current.parent->get(), current.name, current.prefix));
      } else if (error != ENOENT) {  // a folder deleted meanwhile is simply gone
        refuse(FolderRefusal(Rejection::kUnreadable, shown,
                             std::string("（") + std::strerror(error) + "）"));
      }
      continue;
    }
    auto self = std::make_shared<UniqueFd>(fd);
    // fdopendir takes over a descriptor of its own, so the handle stays ours
    // for openat below.
    const int list_fd = ::dup(fd);
    std::unique_ptr<DIR, DirCloser> dir(list_fd >= 0 ? ::fdopendir(list_fd) : nullptr);
    if (!dir) {
      if (list_fd >= 0) ::close(list_fd);
      refuse(FolderRefusal(Rejection::kUnreadable, shown,
                           std::string("（") + std::strerror(errno) + "）"));
      continue;
    }
    for (;;) {
      errno = 0;
      struct dirent* entry = ::readdir(dir.get());
      if (entry == nullptr) {
        if (errno != 0) {
          refuse(FolderRefusal(Rejection::kUnreadable, shown,
                               std::string("（读到一半出错：") + std::strerror(errno) + "）"));
        }
        break;
      }
      const std::string name = entry->d_name;
      if (name == "." || name == "..") continue;
      const std::string as_received = current.prefix + name;
      struct stat st;
      if (::fstatat(fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
        if (errno == ENOENT) continue;  // deleted since it was listed
        found.push_back({root->path() / as_received, as_received, root,
                         FolderRefusal(Rejection::kUnreadable, as_received,
                                       std::string("（") + std::strerror(errno) + "）")});
        continue;
      }
      if (S_ISDIR(st.st_mode)) {
        if (current.depth + 1 > options.max_depth) {
          found.push_back({root->path() / as_received, as_received + "/", root,
                           FolderRefusal(Rejection::kTooDeep, as_received + "/",
                                         "（超过 " + std::to_string(options.max_depth) + " 层）")});
        } else {
          pending.push_back({self, name, as_received + "/", current.depth + 1});
        }
      } else if (S_ISREG(st.st_mode)) {
        found.push_back({root->path() / as_received, as_received, root, Status::Ok()});
      } else if (S_ISLNK(st.st_mode)) {
        found.push_back({root->path() / as_received, as_received, root,
                         SymlinkRejection(fd, name, as_received)});
      } else {
        found.push_back({root->path() / as_received, as_received, root,
                         FolderRefusal(Rejection::kSpecialFile, as_received, "")});
      }
    }
  }
}

}  // namespace

Result<std::vector<FoundFile>> FindFiles(const std::vector<std::string>& args,
                                         const FindOptions& options) {
  std::vector<FoundFile> all;
  // Files named directly are read from their folder's handle; one handle
  // serves every file named in the same folder.
  std::map<std::string, std::shared_ptr<const FolderHandle>> parents;
  for (const std::string& arg : args) {
    const fs::path path(arg);
    struct stat st;
    if (::lstat(arg.c_str(), &st) != 0) {
      if (errno == ENOENT) return Status::NotFound("no such file or folder: " + arg);
      return Status::Io("cannot look at " + arg + ": " + std::strerror(errno));
    }
    const bool trailing_slash = !arg.empty() && arg.back() == '/';
    std::vector<FoundFile> found;
    if (S_ISLNK(st.st_mode) && !trailing_slash) {
      found.push_back(
          {path, path.filename().string(), nullptr, SymlinkRejection(AT_FDCWD, arg, arg)});
    } else if (S_ISDIR(st.st_mode) || (S_ISLNK(st.st_mode) && trailing_slash)) {
      auto root = FolderHandle::Open(path);
      if (!root.ok()) {
        if (root.status().code() == ErrorCode::kNotFound) return root.status();
        return Status::Io("cannot read the folder " + arg + ": " + root.status().message());
      }
      WalkFolder(*root, options, found);
    } else if (S_ISREG(st.st_mode)) {
      const fs::path parent = path.has_parent_path() ? path.parent_path() : fs::path(".");
      auto& handle = parents[parent.string()];
      if (!handle) {
        // The folder the user named the file in: a trailing "/" makes Open
        // follow a link there, as the shell would.
        auto opened = FolderHandle::Open(parent.string() + "/");
        if (!opened.ok()) {
          return Status::Io("cannot read the folder of " + arg + ": " + opened.status().message());
        }
        handle = *opened;
      }
      found.push_back({path, path.filename().string(), handle, Status::Ok()});
    } else {
      // Unlike inside a folder, a named fifo or device is not listed as
      // refused: the user asked for it and should learn at once.
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
