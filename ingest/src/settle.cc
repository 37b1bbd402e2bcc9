#include "dossier/ingest/settle.h"

#include <algorithm>

namespace dossier {

void SettleTracker::Writing(const std::string& path) {
  Entry& e = entries_[path];
  e.state = State::kWriting;
  e.stamp.reset();
}

void SettleTracker::Closed(const std::string& path, FileStamp stamp, int64_t now_ms) {
  auto it = entries_.find(path);
  // Closing a file opened for writing but left as it was changes nothing.
  if (it != entries_.end() && it->second.state == State::kTaken && it->second.stamp == stamp) {
    return;
  }
  entries_[path] = Entry{State::kQuiet, stamp, now_ms + options_.quiet_ms};
}

void SettleTracker::Seen(const std::string& path, FileStamp stamp, int64_t now_ms) {
  auto it = entries_.find(path);
  if (it == entries_.end()) {
    entries_[path] = Entry{State::kSettling, stamp, now_ms + options_.settle_ms};
    return;
  }
  Entry& e = it->second;
  switch (e.state) {
    case State::kWriting:
    case State::kQuiet:
      return;  // inotify has the better view; its close (or quiet check) decides
    case State::kSettling:
    case State::kTaken:
      if (e.stamp != stamp) e = Entry{State::kSettling, stamp, now_ms + options_.settle_ms};
      return;
  }
}

void SettleTracker::Gone(const std::string& path) { entries_.erase(path); }

void SettleTracker::GoneUnder(const std::string& folder) {
  const std::string prefix = folder + "/";
  auto it = entries_.lower_bound(prefix);
  while (it != entries_.end() && it->first.compare(0, prefix.size(), prefix) == 0) {
    it = entries_.erase(it);
  }
}

void SettleTracker::ForgetAllBut(const std::set<std::string>& present) {
  for (auto it = entries_.begin(); it != entries_.end();) {
    it = present.count(it->first) ? std::next(it) : entries_.erase(it);
  }
}

void SettleTracker::WritingToSettling(int64_t now_ms) {
  for (auto& [path, e] : entries_) {
    if (e.state == State::kWriting) e = Entry{State::kSettling, std::nullopt, now_ms};
  }
}

std::vector<std::string> SettleTracker::Due(int64_t now_ms) const {
  std::vector<std::string> out;
  for (const auto& [path, e] : entries_) {
    if ((e.state == State::kQuiet || e.state == State::kSettling) && e.due_ms <= now_ms) {
      out.push_back(path);
    }
  }
  return out;
}

bool SettleTracker::Check(const std::string& path, std::optional<FileStamp> stamp, int64_t now_ms) {
  auto it = entries_.find(path);
  if (it == entries_.end()) return false;
  if (!stamp) {
    entries_.erase(it);
    return false;
  }
  Entry& e = it->second;
  if (e.state != State::kQuiet && e.state != State::kSettling) return false;
  if (e.stamp == stamp) {
    e = Entry{State::kTaken, stamp, 0};
    return true;
  }
  // Changed since the last look without inotify saying so (a share, or
  // writes after the close): watch it for the full settle time.
  e = Entry{State::kSettling, stamp, now_ms + options_.settle_ms};
  return false;
}

void SettleTracker::MarkTaken(const std::string& path, FileStamp stamp) {
  entries_[path] = Entry{State::kTaken, stamp, 0};
}

void SettleTracker::Retry(const std::string& path, int64_t now_ms) {
  entries_[path] = Entry{State::kSettling, std::nullopt, now_ms + options_.settle_ms};
}

std::optional<int64_t> SettleTracker::NextDueIn(int64_t now_ms) const {
  std::optional<int64_t> next;
  for (const auto& [path, e] : entries_) {
    if (e.state != State::kQuiet && e.state != State::kSettling) continue;
    const int64_t in = std::max<int64_t>(0, e.due_ms - now_ms);
    if (!next || in < *next) next = in;
  }
  return next;
}

size_t SettleTracker::Waiting() const {
  return static_cast<size_t>(std::count_if(entries_.begin(), entries_.end(), [](const auto& kv) {
    return kv.second.state != State::kTaken;
  }));
}

}  // namespace dossier
