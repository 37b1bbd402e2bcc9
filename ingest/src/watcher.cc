#include "dossier/ingest/watcher.h"

#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>

#include "dossier/common/rejection.h"
#include "dossier/ingest/folder_handle.h"
#include "dossier/ingest/temp_names.h"

namespace dossier {
namespace {

namespace fs = std::filesystem;

constexpr uint32_t kFolderEvents = IN_CREATE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM |
                                   IN_MOVED_TO | IN_DELETE | IN_DELETE_SELF | IN_MOVE_SELF |
                                   IN_ONLYDIR | IN_EXCL_UNLINK;

int64_t SteadyNowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

FileStamp StampOf(const struct stat& st) {
  return FileStamp{st.st_size > 0 ? static_cast<uint64_t>(st.st_size) : 0,
                   static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec};
}

std::string Join(const std::string& folder, const std::string& name) {
  return folder.empty() ? name : folder + "/" + name;
}

bool IsUnder(const std::string& path, const std::string& folder) {
  return folder.empty() || path == folder ||
         (path.size() > folder.size() && path.compare(0, folder.size(), folder) == 0 &&
          path[folder.size()] == '/');
}

// How an entry looks, without following it: a regular file, or a symbolic
// link, fifo or other non-folder, which settles like a file and is then
// refused when it is read (ReadReadyFile). The look only decides when to
// read; the read itself goes by handle.
std::optional<FileStamp> LookAtFile(const fs::path& path) {
  struct stat st;
  if (::lstat(path.c_str(), &st) != 0 || S_ISDIR(st.st_mode)) return std::nullopt;
  return StampOf(st);
}

// inotify takes a path; the handle's own /proc entry names exactly the
// folder that was opened, whatever happened to its path since.
std::string ProcPath(int fd) { return "/proc/self/fd/" + std::to_string(fd); }

Status ErrnoStatus(int error, const std::string& what) {
  return Status::Io(what + ": " + std::strerror(error));
}

}  // namespace

class InboxWatcher::Impl {
 public:
  Impl(WatchOptions options, std::function<int64_t()> now_ms, int fd,
       std::shared_ptr<const FolderHandle> root)
      : options_(std::move(options)),
        now_ms_(std::move(now_ms)),
        fd_(fd),
        root_(std::move(root)),
        tracker_(options_.settle) {}
  ~Impl() { ::close(fd_); }

  void Start(std::vector<WatchNote>& notes) {
    WatchTree("", /*moved_in=*/false, notes);
    ForgetMissing();
    next_rescan_ms_ = now_ms_() + options_.rescan_ms;
    notes.push_back({false, "watching", "",
                     std::to_string(folders_.size()) + " folders, " +
                         std::to_string(tracker_.Waiting()) + " files to settle"});
  }

  Result<WatchBatch> Poll(int64_t timeout_ms) {
    WatchBatch batch;
    int64_t now = now_ms_();
    int64_t wait = std::max<int64_t>(0, timeout_ms);
    if (auto due = tracker_.NextDueIn(now)) wait = std::min(wait, *due);
    if (options_.rescan_ms > 0) wait = std::min(wait, std::max<int64_t>(0, next_rescan_ms_ - now));

    struct pollfd pfd {
      fd_, POLLIN, 0
    };
    const int n = ::poll(&pfd, 1, static_cast<int>(std::min<int64_t>(wait, 1 << 30)));
    if (n < 0 && errno != EINTR) return ErrnoStatus(errno, "cannot wait for inotify events");
    if (n > 0) {
      if (Status s = ReadEvents(batch.notes); !s.ok()) return s;
    }

    now = now_ms_();
    if (options_.rescan_ms > 0 && now >= next_rescan_ms_) {
      Rescan(batch.notes);
      next_rescan_ms_ = now_ms_() + options_.rescan_ms;
    }

    now = now_ms_();
    for (const std::string& path : tracker_.Due(now)) {
      std::optional<FileStamp> stamp = LookAtFile(options_.inbox / path);
      if (tracker_.Check(path, stamp, now)) {
        batch.ready.push_back(
            ReadyFile{FoundFile{options_.inbox / path, path, root_, Status::Ok()}, *stamp});
      }
    }
    return batch;  // Due() walks a sorted map: ready is sorted by path
  }

  void Retry(const std::string& path) { tracker_.Retry(path, now_ms_()); }
  size_t Waiting() const { return tracker_.Waiting(); }

 private:
  void Rescan(std::vector<WatchNote>& notes) {
    if (!root_watched_) {
      // The inbox was deleted or moved away: the folder now at its path (if
      // any) is the inbox, opened afresh.
      auto reopened = FolderHandle::Open(options_.inbox.string() + "/");
      if (!reopened.ok()) return;
      root_ = *reopened;
      notes.push_back({false, "inbox_back", "", "the inbox is there again"});
    }
    WatchTree("", /*moved_in=*/false, notes);
    ForgetMissing();
  }

  void ForgetMissing() {
    tracker_.ForgetAllBut(present_);
    present_.clear();
  }

  // Adds a watch on `folder` and every folder below it, and looks at every
  // file there: moved-in files are complete (a rename is atomic), others
  // settle. The watch comes before the look, so a file written meanwhile is
  // seen by one or the other.
  void WatchTree(const std::string& top, bool moved_in, std::vector<WatchNote>& notes) {
    std::vector<std::string> pending{top};
    const int64_t now = now_ms_();
    while (!pending.empty()) {
      const std::string folder = std::move(pending.back());
      pending.pop_back();
      // Opened from the inbox's handle, never through a link: a folder
      // swapped for a link is not entered.
      auto opened = OpenFolderBelow(*root_, folder);
      if (!opened.ok()) {
        if (opened.status().code() != ErrorCode::kNotFound) {
          notes.push_back({true, "cannot_read_folder", folder, opened.status().message()});
        }
        continue;
      }
      AddWatch(folder, ProcPath(opened->get()), notes);
      const int list_fd = ::dup(opened->get());
      DIR* dir = list_fd >= 0 ? ::fdopendir(list_fd) : nullptr;
      if (dir == nullptr) {
        if (list_fd >= 0) ::close(list_fd);
        notes.push_back({true, "cannot_read_folder", folder, std::strerror(errno)});
        continue;
      }
      while (struct dirent* entry = ::readdir(dir)) {
        const std::string name = entry->d_name;
        if (name == "." || name == "..") continue;
        const std::string rel = Join(folder, name);
        struct stat st;
        if (::fstatat(::dirfd(dir), entry->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
        if (S_ISDIR(st.st_mode)) {
          if (!IsIgnoredFolderName(name)) pending.push_back(rel);
          continue;
        }
        if (IsTemporaryName(name)) continue;
        const std::optional<FileStamp> stamp = StampOf(st);
        present_.insert(rel);
        if (moved_in) {
          tracker_.Closed(rel, *stamp, now);
        } else {
          tracker_.Seen(rel, *stamp, now);
        }
      }
      ::closedir(dir);
    }
  }

  void AddWatch(const std::string& folder, const std::string& proc_path,
                std::vector<WatchNote>& notes) {
    // proc_path is the opened folder's own /proc link, which inotify must
    // follow to reach that very folder.
    const int wd = ::inotify_add_watch(fd_, proc_path.c_str(), kFolderEvents);
    if (wd < 0) {
      if (errno == ENOSPC) {
        if (!limit_noted_) {
          notes.push_back({true, "watch_limit", folder,
                           "the system's inotify watch limit is reached "
                           "(fs.inotify.max_user_watches); such folders are found by rescans "
                           "only"});
          limit_noted_ = true;
        }
      } else {
        notes.push_back({true, "cannot_watch_folder", folder, std::strerror(errno)});
      }
      return;
    }
    // inotify gives the same descriptor for a folder watched before (a
    // folder moved within the inbox): the map follows the new name.
    auto old = folders_.find(wd);
    if (old != folders_.end()) wd_of_.erase(old->second);
    folders_[wd] = folder;
    wd_of_[folder] = wd;
    if (folder.empty()) root_watched_ = true;
  }

  // A folder was deleted or moved out: its watches and files are forgotten.
  void DropTree(const std::string& folder) {
    for (auto it = wd_of_.begin(); it != wd_of_.end();) {
      if (IsUnder(it->first, folder)) {
        ::inotify_rm_watch(fd_, it->second);
        folders_.erase(it->second);
        it = wd_of_.erase(it);
      } else {
        ++it;
      }
    }
    tracker_.GoneUnder(folder);
  }

  Status ReadEvents(std::vector<WatchNote>& notes) {
    alignas(struct inotify_event) char buffer[64 * 1024];
    for (;;) {
      const ssize_t len = ::read(fd_, buffer, sizeof buffer);
      if (len < 0) {
        if (errno == EAGAIN || errno == EWOULDBLOCK) return Status::Ok();
        if (errno == EINTR) continue;
        return ErrnoStatus(errno, "cannot read inotify events");
      }
      if (len == 0) return Status::Ok();
      for (ssize_t at = 0; at < len;) {
        const auto* event = reinterpret_cast<const struct inotify_event*>(buffer + at);
        at += static_cast<ssize_t>(sizeof(struct inotify_event) + event->len);
        Handle(*event, notes);
      }
    }
  }

  void Handle(const struct inotify_event& event, std::vector<WatchNote>& notes) {
    const int64_t now = now_ms_();
    if (event.mask & IN_Q_OVERFLOW) {
      notes.push_back({true, "events_lost", "",
                       "inotify's event queue overflowed; the inbox is scanned again"});
      tracker_.WritingToSettling(now);
      next_rescan_ms_ = now;  // Poll rescans right after this batch
      if (options_.rescan_ms <= 0) Rescan(notes);
      return;
    }
    auto folder_it = folders_.find(event.wd);
    if (folder_it == folders_.end()) return;  // a watch dropped meanwhile
    const std::string folder = folder_it->second;

    if (event.mask & IN_IGNORED) {
      wd_of_.erase(folder);
      folders_.erase(folder_it);
      if (folder.empty()) root_watched_ = false;
      return;
    }
    if (event.mask & (IN_DELETE_SELF | IN_MOVE_SELF)) {
      if (folder.empty()) {
        notes.push_back({true, "inbox_gone", "",
                         "the inbox was deleted or moved away; waiting for it to come back"});
        DropTree("");
        root_watched_ = false;
      }
      return;
    }
    if (event.len == 0) return;
    const std::string name = event.name;
    const std::string rel = Join(folder, name);

    if (event.mask & IN_ISDIR) {
      if (event.mask & (IN_DELETE | IN_MOVED_FROM)) {
        DropTree(rel);
      } else if ((event.mask & (IN_CREATE | IN_MOVED_TO)) && !IsIgnoredFolderName(name)) {
        WatchTree(rel, (event.mask & IN_MOVED_TO) != 0, notes);
        present_.clear();  // only full scans prune the tracker
      }
      return;
    }
    if (IsTemporaryName(name)) return;
    if (event.mask & (IN_DELETE | IN_MOVED_FROM)) {
      tracker_.Gone(rel);
      return;
    }
    if (event.mask & IN_MODIFY) {
      tracker_.Writing(rel);
      return;
    }
    std::optional<FileStamp> stamp = LookAtFile(options_.inbox / rel);
    if (!stamp) {
      tracker_.Gone(rel);
      return;
    }
    if (event.mask & (IN_CLOSE_WRITE | IN_MOVED_TO)) {
      tracker_.Closed(rel, *stamp, now);
    } else if (event.mask & IN_CREATE) {
      // A symbolic link is complete when made and gets no close (it is then
      // refused when read); an ordinary new file will be written (IN_MODIFY)
      // and closed, and until then it settles like a file found by a scan.
      struct stat st;
      const bool symlink = ::lstat((options_.inbox / rel).c_str(), &st) == 0 && S_ISLNK(st.st_mode);
      if (symlink) {
        tracker_.Closed(rel, *stamp, now);
      } else {
        tracker_.Seen(rel, *stamp, now);
      }
    }
  }

  WatchOptions options_;
  std::function<int64_t()> now_ms_;
  int fd_;
  std::shared_ptr<const FolderHandle> root_;  // the inbox, by handle
  SettleTracker tracker_;
  std::unordered_map<int, std::string> folders_;  // watch descriptor → folder
  std::map<std::string, int> wd_of_;              // folder → watch descriptor
  std::set<std::string> present_;                 // files the current full scan found
  int64_t next_rescan_ms_ = 0;
  bool root_watched_ = false;
  bool limit_noted_ = false;
};

InboxWatcher::InboxWatcher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
InboxWatcher::~InboxWatcher() = default;

Result<std::unique_ptr<InboxWatcher>> InboxWatcher::Open(const WatchOptions& options,
                                                         std::function<int64_t()> now_ms) {
  struct stat st;
  if (::stat(options.inbox.c_str(), &st) != 0) {
    if (errno == ENOENT) return Status::NotFound("no such inbox folder: " + options.inbox.string());
    return ErrnoStatus(errno, "cannot look at the inbox " + options.inbox.string());
  }
  if (!S_ISDIR(st.st_mode)) {
    return Status::InvalidInput("the inbox " + options.inbox.string() + " is not a folder");
  }
  // The configured inbox is followed once if it is a link; all below it is
  // reached from this handle.
  auto root = FolderHandle::Open(options.inbox.string() + "/");
  if (!root.ok()) {
    return ErrnoStatus(EACCES, "cannot open the inbox " + options.inbox.string() + " (" +
                                   root.status().message() + ")");
  }
  const int fd = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd < 0) return ErrnoStatus(errno, "cannot set up inotify to watch the inbox");
  if (!now_ms) now_ms = SteadyNowMs;
  auto impl = std::make_unique<Impl>(options, std::move(now_ms), fd, *root);
  std::unique_ptr<InboxWatcher> watcher(new InboxWatcher(std::move(impl)));
  std::vector<WatchNote> notes;
  watcher->impl_->Start(notes);
  watcher->start_notes_ = std::move(notes);
  return watcher;
}

Result<WatchBatch> InboxWatcher::Poll(int64_t timeout_ms) {
  // The start-up notes are given at once, not after the first wait.
  auto batch = impl_->Poll(start_notes_.empty() ? timeout_ms : 0);
  if (batch.ok() && !start_notes_.empty()) {
    batch->notes.insert(batch->notes.begin(), start_notes_.begin(), start_notes_.end());
    start_notes_.clear();
  }
  return batch;
}

void InboxWatcher::Retry(const std::string& as_received) { impl_->Retry(as_received); }

size_t InboxWatcher::Waiting() const { return impl_->Waiting(); }

Result<std::optional<std::string>> ReadReadyFile(const ReadyFile& ready, uint64_t max_bytes) {
  const std::string shown = ready.file.as_received;
  Result<UniqueFd> opened = Status::NotFound(shown);
  if (ready.file.root) {
    opened = OpenFileBelow(*ready.file.root, shown);
  } else {
    auto parent = FolderHandle::Open(ready.file.path.parent_path().string() + "/");
    if (!parent.ok()) return parent.status();
    opened = OpenFileBelow(**parent, ready.file.path.filename().string());
  }
  if (!opened.ok()) {
    if (opened.status().code() == ErrorCode::kNotFound) return std::optional<std::string>();
    return opened.status();
  }
  const int fd = opened->get();

  struct stat st;
  if (::fstat(fd, &st) != 0) return ErrnoStatus(errno, "cannot read " + shown);
  if (StampOf(st) != ready.stamp) return std::optional<std::string>();
  if (ready.stamp.size > max_bytes) {
    return Reject(Rejection::kTooLarge, "文件有 " + std::to_string(ready.stamp.size) +
                                            " 字节，超过 " + std::to_string(max_bytes) +
                                            " 字节的上限，不读取");
  }
  std::string bytes;
  bytes.reserve(ready.stamp.size);
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      return ErrnoStatus(errno, "cannot read " + shown);
    }
    if (n == 0) break;
    bytes.append(buffer, static_cast<size_t>(n));
    if (bytes.size() > ready.stamp.size) return std::optional<std::string>();  // growing
  }
  if (::fstat(fd, &st) != 0) return ErrnoStatus(errno, "cannot read " + shown);
  if (StampOf(st) != ready.stamp || bytes.size() != ready.stamp.size) {
    return std::optional<std::string>();
  }
  return std::optional<std::string>(std::move(bytes));
}

}  // namespace dossier
