// The store's arrivals: which bytes came under which name and when, files
// refused before they were read, and what a watcher took from its inbox.
#pragma once

#include <cstdint>
#include <string>

#include "dossier/common/status.h"

namespace dossier {

// Where a watched inbox's file was and how it looked when it was taken.
// Recorded with its arrival, so that a restart does not take the same file
// (same path, size and mtime) again.
struct InboxStamp {
  std::string inbox;  // the watched folder, absolute
  std::string path;   // relative to it, '/'-separated
  int64_t size = 0;
  int64_t mtime_ns = 0;
};

// One arrival of a file: the bytes (by digest) under a path, at a time.
struct Arrival {
  std::string sha256;
  std::string path_as_received;
  int64_t size = 0;
  std::string type;            // sniffed from the bytes: "docx", "xlsx", "pdf", ...
  int64_t received_at_ms = 0;  // Unix time in milliseconds
};

// A file that arrived but was refused before its bytes were read (a symlink,
// a fifo, a file or folder that could not be read, a folder nested too
// deep): it has no digest, only its path, a code and a reason.
struct Refusal {
  std::string path_as_received;
  std::string code;    // dossier/common/rejection.h
  std::string reason;  // in Chinese, for the clerk
  int64_t at_ms = 0;
};

enum class FileState { kQueued, kDone, kRejected };

struct ArrivalResult {
  bool first_arrival = true;  // false: these bytes were already known
  FileState state = FileState::kQueued;
};

// Thread safety: one object is used by one thread at a time.
class ArrivalStore {
 public:
  virtual ~ArrivalStore() = default;

  // Records an arrival. The first arrival of some bytes creates the file in
  // state kQueued and an event "received"; a later arrival of the same bytes
  // under another name is recorded with an event "duplicate" and changes
  // nothing else; the same bytes under a path they already arrived under are
  // that arrival seen again (a folder ingested twice): only the event is
  // added. The events are dated received_at_ms. One transaction.
  virtual Result<ArrivalResult> RecordArrival(const Arrival& arrival) = 0;

  // RecordArrival for a file a watcher took from its inbox: the stamp is
  // recorded in the same transaction, so that a restart never takes the same
  // file (same path, size and mtime) again, nor forgets one it took.
  // Either way, a refusal recorded earlier under the same path is removed: the
  // file is now accounted for by its bytes.
  virtual Result<ArrivalResult> RecordInboxArrival(const Arrival& arrival,
                                                   const InboxStamp& stamp) = 0;

  // Records a file refused before its bytes were read, replacing an earlier
  // refusal of the same path; event "refused" (no digest), dated at_ms.
  virtual Status RecordRefusal(const Refusal& refusal) = 0;

  // Whether every arrival of these bytes came out of an archive (whose own
  // bytes are kept): then the file's original can be given up when it is
  // rejected, and read again from its archive if ever needed.
  virtual Result<bool> ArrivedOnlyInArchives(const std::string& sha256) = 0;

  // Whether a watcher took the inbox file with exactly this stamp (same
  // inbox, path, size and mtime).
  virtual Result<bool> WasTaken(const InboxStamp& stamp) = 0;
};

}  // namespace dossier
