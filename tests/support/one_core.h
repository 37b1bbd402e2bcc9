// Holding the calling thread to one core (as taskset -c would), for the tests
// of what sizes the thread pools (common/cores.h): one copy for every stage's
// tests.
#pragma once

#include <sched.h>

namespace dossier::testing {

// While it lives, the calling thread may run on one core only: the first its
// affinity mask allowed. The mask is given back when it goes. held() is
// false when the mask could not be read or set (the thread is then as it
// was).
class OneCore {
 public:
  OneCore() {
    if (sched_getaffinity(0, sizeof before_, &before_) != 0) return;
    cpu_set_t one;
    CPU_ZERO(&one);
    for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu) {
      if (CPU_ISSET(cpu, &before_)) {
        CPU_SET(cpu, &one);
        break;
      }
    }
    held_ = sched_setaffinity(0, sizeof one, &one) == 0;
  }
  ~OneCore() {
    if (held_) sched_setaffinity(0, sizeof before_, &before_);
  }
  OneCore(const OneCore&) = delete;
  OneCore& operator=(const OneCore&) = delete;

  bool held() const { return held_; }

 private:
  cpu_set_t before_;
  bool held_ = false;
};

}  // namespace dossier::testing
