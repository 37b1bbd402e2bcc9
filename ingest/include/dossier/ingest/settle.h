// Deciding that a file in a watched inbox is complete, from what inotify
// says about it and from what repeated looks (stat) show. Pure logic: time
// is passed in, nothing here touches the file system.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace dossier {

// What a look at a file shows; two equal stamps mean "unchanged".
struct FileStamp {
  uint64_t size = 0;
  int64_t mtime_ns = 0;
  bool operator==(const FileStamp& other) const {
    return size == other.size && mtime_ns == other.mtime_ns;
  }
  bool operator!=(const FileStamp& other) const { return !(*this == other); }
};

struct SettleOptions {
  // A file only seen by looks (start-up scan, rescans of shares where inotify
  // sees nothing) is complete when unchanged in size and mtime for this long.
  int64_t settle_ms = 3000;
  // A file closed after writing, or moved in, is complete when it stays
  // unchanged (and no write is reported) for this long.
  int64_t quiet_ms = 200;
};

// Keyed by the file's path relative to the inbox.
// Thread safety: none; one watcher owns it.
class SettleTracker {
 public:
  explicit SettleTracker(SettleOptions options) : options_(options) {}

  // inotify reported a write: the file is open for writing. It waits for its
  // close (Closed) however long that takes, so a slow copy that stalls is
  // not taken half-written.
  void Writing(const std::string& path);

  // inotify reported a close after writing, or the file was moved in (also a
  // folder moved in, for the files in it). A file already taken with this
  // very stamp stays taken.
  void Closed(const std::string& path, FileStamp stamp, int64_t now_ms);

  // A look (scan) saw the file with this stamp. Unknown files start settling;
  // a settling file that changed starts again; a taken file that changed is a
  // new version and settles; a file being written keeps waiting for its close.
  void Seen(const std::string& path, FileStamp stamp, int64_t now_ms);

  // The file was deleted or moved out; every file under `folder` + "/" for
  // GoneUnder.
  void Gone(const std::string& path);
  void GoneUnder(const std::string& folder);

  // Forgets files that a complete scan did not find (deleted while inotify
  // was not looking), so that memory does not grow with the inbox's history.
  void ForgetAllBut(const std::set<std::string>& present);

  // After inotify lost events (queue overflow) a file "being written" may
  // have been closed unseen: every such file falls back to settling.
  void WritingToSettling(int64_t now_ms);

  // Paths whose deadline has come: each needs a fresh look, given to Check.
  std::vector<std::string> Due(int64_t now_ms) const;

  // Decides a due path with a fresh stamp (nullopt: the file is gone). True
  // when the file is complete: it is then remembered as taken with this stamp
  // and not reported again until it changes. False: its deadline moved on.
  bool Check(const std::string& path, std::optional<FileStamp> stamp, int64_t now_ms);

  // The file is known to be taken already (the store says so) with this stamp.
  void MarkTaken(const std::string& path, FileStamp stamp);

  // Taking a complete file failed for a passing reason (it changed while it
  // was read, it was not readable yet): it settles again from now.
  void Retry(const std::string& path, int64_t now_ms);

  // Milliseconds until the earliest deadline; nullopt when nothing waits.
  std::optional<int64_t> NextDueIn(int64_t now_ms) const;

  // Files not yet complete (being written, quiet, settling).
  size_t Waiting() const;

 private:
  enum class State { kWriting, kQuiet, kSettling, kTaken };
  struct Entry {
    State state = State::kSettling;
    std::optional<FileStamp> stamp;  // unknown right after an overflow
    int64_t due_ms = 0;              // kQuiet and kSettling only
  };

  SettleOptions options_;
  std::map<std::string, Entry> entries_;
};

}  // namespace dossier
