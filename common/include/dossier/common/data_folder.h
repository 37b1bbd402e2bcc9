// The data folder's layout, in one place (as leveldb's filename.h owns its
// file names): the SQLite store, the originals kept byte for byte under their
// SHA-256, and the cache of page pictures. Every stage that opens a file of
// the data folder asks this type where it is.
#pragma once

#include <array>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>

#include "dossier/common/status.h"

namespace dossier {

// Where the original with this digest is kept in an originals folder:
// originals_dir/ab/abcd… (sharded by its first two hex digits).
inline std::filesystem::path OriginalPath(const std::filesystem::path& originals_dir,
                                          std::string_view sha256) {
  return originals_dir / std::string(sha256.substr(0, 2)) / std::string(sha256);
}

// Reads back the original kept under `sha256` in `originals_dir`.
// On failure: NotFound when no original is kept under it (or it is not a
// digest); Io when it cannot be read.
Result<std::string> ReadOriginal(const std::filesystem::path& originals_dir,
                                 std::string_view sha256);

// Makes `folder`'s entries durable: a file renamed into it, a folder made in
// it (fsync of the folder). Returns 0 or an errno value. A file system that
// cannot sync a folder (EINVAL, ENOTSUP) counts as done: the data itself was
// synced by whoever wrote it.
int SyncFolder(const std::filesystem::path& folder);

// Creates `folder` and its missing parents, like
// std::filesystem::create_directories, and makes each new folder durable in
// its parent (SyncFolder of the parent), so that a power loss cannot lose a
// new data folder, its originals folder or a shard with originals in it. A
// folder that exists already is left as it is, nothing synced.
// On failure: Io with the system's reason and the folder it was making or
// syncing: "Not a directory (creating /srv/data/originals)".
Status CreateFoldersDurably(const std::filesystem::path& folder);

class DataFolder {
 public:
  explicit DataFolder(std::filesystem::path root) : root_(std::move(root)) {}

  // The folder itself (--data, the settings file's `data`).
  const std::filesystem::path& root() const { return root_; }
  // The SQLite store: root/store.sqlite.
  std::filesystem::path StoreFile() const { return root_ / "store.sqlite"; }
  // The store file and the write-ahead log and shared-memory files SQLite
  // keeps beside it, which hold applicants' data as much as the store does.
  std::array<std::filesystem::path, 3> StoreFiles() const {
    const std::filesystem::path store = StoreFile();
    return {store, store.string() + "-wal", store.string() + "-shm"};
  }
  // Every original as received: root/originals/ab/abcd… (OriginalsFolder).
  std::filesystem::path OriginalsDir() const { return root_ / "originals"; }
  // The original with this digest: root/originals/ab/abcd….
  std::filesystem::path OriginalFile(std::string_view sha256) const {
    return OriginalPath(OriginalsDir(), sha256);
  }
  // Reads it back (ReadOriginal): what reports draw pages from.
  Result<std::string> ReadOriginalFile(std::string_view sha256) const {
    return ReadOriginal(OriginalsDir(), sha256);
  }
  // Page pictures the reports render once: root/cache/<sha>-p<page>-<res>.png.
  std::filesystem::path CacheDir() const { return root_ / "cache"; }

 private:
  std::filesystem::path root_;
};

}  // namespace dossier
