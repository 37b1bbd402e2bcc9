#include "dossier/common/env.h"

#include <gtest/gtest.h>

#include <chrono>

namespace dossier {
namespace {

TEST(EnvTest, TheDefaultClockIsTheSystemsWallClockInMilliseconds) {
  const int64_t before = std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
  const int64_t now = Env::Default().NowMs();
  const int64_t after = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
  EXPECT_LE(before, now);
  EXPECT_LE(now, after);
}

TEST(EnvTest, AFakeClockStandsStillUntilMoved) {
  FakeEnv env(1'700'000'000'000);
  EXPECT_EQ(env.NowMs(), 1'700'000'000'000);
  EXPECT_EQ(env.NowMs(), 1'700'000'000'000);
  env.AdvanceMs(250);
  EXPECT_EQ(env.NowMs(), 1'700'000'000'250);
  env.SetNowMs(42);
  EXPECT_EQ(env.NowMs(), 42);
}

}  // namespace
}  // namespace dossier
