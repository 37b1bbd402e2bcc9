// Watching an inbox folder: which dropped files are complete and ready to be
// taken. inotify on the folder and every folder below it (new ones too), a
// full scan at start, and periodic rescans for shares where inotify sees
// nothing (SMB, NFS). The inbox is only ever read: nothing is written, moved
// or deleted there.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dossier/common/status.h"
#include "dossier/ingest/file_finder.h"
#include "dossier/ingest/settle.h"

namespace dossier {

struct WatchOptions {
  std::filesystem::path inbox;
  SettleOptions settle;
  // Every rescan_ms the whole tree is looked at again; 0 turns rescans off.
  int64_t rescan_ms = 30000;
};

// A file found complete: its path, its path relative to the inbox
// ('/'-separated, as in FindFiles) and how it looked when found complete.
struct ReadyFile {
  FoundFile file;
  FileStamp stamp;
};

// Something the operator may want to know (a log line): a folder that
// cannot be watched, lost events, the inbox gone.
struct WatchNote {
  bool warning = false;
  std::string event;   // "watching", "watch_limit", "events_lost", "inbox_gone", ...
  std::string path;    // relative to the inbox, "" for the inbox itself
  std::string detail;  // plain words
};

struct WatchBatch {
  std::vector<ReadyFile> ready;  // sorted by as_received
  std::vector<WatchNote> notes;
};

// Thread safety: one thread uses a watcher.
class InboxWatcher {
 public:
  // Starts watching: inotify on the inbox and its folders, then a full scan
  // (files already there settle, see SettleOptions). `now_ms` is a monotonic
  // clock in milliseconds (injected for tests; steady_clock by default).
  // The inbox is opened once (following it if it is a link) and everything
  // below it is reached by handle: hidden folders and symbolic links are not
  // entered; a symbolic link is reported ready like a file and then refused
  // by ReadReadyFile. Temporary names (IsTemporaryName) are ignored until
  // renamed.
  // On failure: NotFound when the inbox does not exist, InvalidInput when it
  // is not a folder, Io when inotify cannot be set up.
  static Result<std::unique_ptr<InboxWatcher>> Open(const WatchOptions& options,
                                                    std::function<int64_t()> now_ms = {});
  ~InboxWatcher();
  InboxWatcher(const InboxWatcher&) = delete;
  InboxWatcher& operator=(const InboxWatcher&) = delete;

  // Waits at most timeout_ms (less when a file's deadline comes sooner) for
  // files to become complete and returns them, with notes. Returns early,
  // possibly with nothing, when a signal interrupts the wait. A file is
  // reported once; it is reported again only after it changes.
  // On failure: Io when inotify itself fails (not for a folder that cannot
  // be read, which is a note).
  Result<WatchBatch> Poll(int64_t timeout_ms);

  // A reported file could not be taken for a passing reason (it changed
  // while it was read, or was not readable yet): it settles again.
  void Retry(const std::string& as_received);

  // Files seen but not yet complete.
  size_t Waiting() const;

 private:
  class Impl;
  explicit InboxWatcher(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
  std::vector<WatchNote> start_notes_;  // the start-up scan's, given with the first Poll
};

// Reads a file reported ready, by handle below the inbox (folder_handle.h),
// checking that it still looks as it did (size and mtime, before and after
// reading). nullopt when it changed or vanished meanwhile: it is being
// written again, so it is not taken now. A file that became a symbolic link
// (or was one) is never followed: a kSymlink rejection; a fifo or device
// kSpecialFile; larger than max_bytes kTooLarge; permissions kUnreadable
// (dossier/common/rejection.h), each naming the file.
Result<std::optional<std::string>> ReadReadyFile(const ReadyFile& file, uint64_t max_bytes);

}  // namespace dossier
