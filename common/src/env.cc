#include "dossier/common/env.h"

#include <chrono>

namespace dossier {
namespace {

class SystemEnv final : public Env {
 public:
  int64_t NowMs() override {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

}  // namespace

Env& Env::Default() {
  // Never destroyed: threads still running at exit may ask the time.
  static Env* env = new SystemEnv;
  return *env;
}

}  // namespace dossier
