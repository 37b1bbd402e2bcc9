// Running a reader on an untrusted file in a child process, so that a crash,
// a hang or a memory blow-up in a parser (libxml2, libzip, Poppler,
// Tesseract) costs that one file and not the process taking the inbox.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "dossier/common/status.h"

namespace dossier {

struct IsolationLimits {
  // false runs the work in this process (for debugging a reader only).
  bool enabled = true;
  // Address space the child may add to what it inherits (RLIMIT_AS).
  uint64_t memory_bytes = 1ull << 30;
  int cpu_seconds = 120;   // RLIMIT_CPU
  int wall_seconds = 120;  // killed after this long, whatever it does
  // What the child may send back, and write to any file (RLIMIT_FSIZE).
  uint64_t max_output_bytes = 512ull << 20;
  // After a stop is asked for, how long the running child may still finish.
  int stop_grace_ms = 5000;
};

enum class ChildEnd {
  kDone,         // the work returned a payload
  kRefused,      // the work returned a Status (the reader's reason)
  kFailed,       // the child crashed, hung, ran out of memory or said too much
  kInterrupted,  // a stop was asked for and the child did not finish in time
};

struct ChildOutcome {
  ChildEnd end = ChildEnd::kFailed;
  std::string payload;  // kDone
  // kRefused: the work's own status, its reason code included. kFailed:
  // why, as a rejection (dossier/common/rejection.h): parser_crashed,
  // timed_out (wall clock or processor time), out_of_memory,
  // output_too_large, each with a Chinese reason naming the limit.
  Status status;
  int64_t peak_rss_kb = 0;  // the child's maximum resident set size
  int64_t elapsed_ms = 0;
};

// Runs work() in a forked child (no exec: the child starts with this
// process's loaded libraries and data) with the limits above, no core dump,
// standard streams on /dev/null, no other descriptors open, and SIGKILL when
// this process dies. The payload travels back over a pipe. `stop` is polled
// while waiting: once it returns true the child gets stop_grace_ms. `abandon`
// is polled likewise: once it returns true the child is killed at once and
// the outcome is kInterrupted (its result would not be wanted any more).
// On failure to start a child at all (fork, pipe): an Io status.
// REQUIRES: the calling process is single-threaded (fork without exec).
Result<ChildOutcome> RunIsolated(const std::function<Result<std::string>()>& work,
                                 const IsolationLimits& limits,
                                 const std::function<bool()>& stop = {},
                                 const std::function<bool()>& abandon = {});

// RunIsolated for work that only has effects (files it writes) and a status:
// OK when the child finished OK; its own status when it refused; the reason
// (parser_crashed, timed_out, out_of_memory, …) when it failed or was stopped.
// On failure to start a child: an Io status.
Status RunIsolatedStatus(const std::function<Status()>& work, const IsolationLimits& limits);

}  // namespace dossier
