// What the program asks of the machine it runs on that tests must be able to
// control, after leveldb's Env: for now the wall clock. One Env is given to
// the pipeline and the store, so that every timestamp they record (arrivals,
// events, job claims) comes from it.
#pragma once

#include <atomic>
#include <cstdint>

namespace dossier {

class Env {
 public:
  virtual ~Env() = default;

  // Wall-clock time, Unix milliseconds. Thread-safe.
  virtual int64_t NowMs() = 0;

  // The machine's own environment; lives as long as the program.
  static Env& Default();
};

// An Env whose clock stands still at the time it is set to, for tests and
// for replays that must record given times. Thread-safe.
class FakeEnv final : public Env {
 public:
  explicit FakeEnv(int64_t now_ms = 0) : now_ms_(now_ms) {}

  int64_t NowMs() override { return now_ms_.load(); }
  void SetNowMs(int64_t now_ms) { now_ms_.store(now_ms); }
  void AdvanceMs(int64_t delta_ms) { now_ms_.fetch_add(delta_ms); }

 private:
  std::atomic<int64_t> now_ms_;
};

}  // namespace dossier
