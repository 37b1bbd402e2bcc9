// The store's event log: what happened to each file, and when.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "dossier/common/status.h"

namespace dossier {

struct EventView {
  int64_t at_ms = 0;
  std::string sha256;
  std::string event;  // "received", "duplicate", "extracted", "rejected", "assembled", ...
  std::string detail;
};

// Thread safety: one object is used by one thread at a time.
class EventLog {
 public:
  virtual ~EventLog() = default;

  // The events of the file with this digest, oldest first; an empty sha256
  // lists the store-level events (those of no file: "refused", "assembled").
  virtual Result<std::vector<EventView>> ListEvents(const std::string& sha256) = 0;
};

}  // namespace dossier
