// Reading below an inbox by handle. A folder named by the user is opened once;
// everything below it is reached from that handle one path component at a
// time (openat with O_NOFOLLOW), so no path is resolved twice and no
// symbolic link is ever followed: a link planted in the inbox, or a folder
// swapped for a link while it is walked, cannot lead outside it.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "dossier/common/status.h"

namespace dossier {

// An open file descriptor, closed when the object goes.
class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  ~UniqueFd();
  UniqueFd(UniqueFd&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  UniqueFd& operator=(UniqueFd&& other) noexcept;
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }

 private:
  int fd_ = -1;
};

// A folder held open. Thread safety: immutable once opened.
class FolderHandle {
 public:
  // Opens `path` as a folder. The path is resolved as the user wrote it, once:
  // a symbolic link as its last component is refused (kSymlink) unless the
  // path ends in "/", which asks for the folder the link points to.
  // On failure: NotFound, or a rejection (kSymlink, kUnreadable) naming it.
  static Result<std::shared_ptr<const FolderHandle>> Open(const std::filesystem::path& path);

  int fd() const { return fd_.get(); }
  const std::filesystem::path& path() const { return path_; }

 private:
  FolderHandle(UniqueFd fd, std::filesystem::path path)
      : fd_(std::move(fd)), path_(std::move(path)) {}
  UniqueFd fd_;
  std::filesystem::path path_;
};

// Opens the folder `below` ('/'-separated, "" for the root itself) under
// `root`, one component at a time, never following a link.
// On failure: NotFound when it is gone, a rejection otherwise: kSymlink
// (a component is a link), kUnreadable (permissions, I/O, not a folder).
Result<UniqueFd> OpenFolderBelow(const FolderHandle& root, std::string_view below);

// Opens the regular file `below` under `root` for reading, as
// OpenFolderBelow goes. Nothing but a regular file is ever opened for
// reading (a device or fifo could block or act on being opened).
// On failure: NotFound when it is gone; rejections kSymlink, kSpecialFile,
// kUnreadable, each with a Chinese reason naming `below`.
Result<UniqueFd> OpenFileBelow(const FolderHandle& root, std::string_view below);

// The reason for a symbolic link found at `shown`, naming where it points
// (read with readlinkat, which does not follow it).
Status SymlinkRejection(int dir_fd, const std::string& name, const std::string& shown);

}  // namespace dossier
