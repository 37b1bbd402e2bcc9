// How many cores the pools may use: the affinity mask (taskset) and a
// control group's CPU quota, not the machine's count of cores.
#include "dossier/common/cores.h"

#include <gtest/gtest.h>
#include <sched.h>

#include <thread>

#include "support/one_core.h"

namespace dossier {
namespace {

TEST(Cores, ACpuMaxQuotaIsRoundedUpToWholeCores) {
  EXPECT_EQ(CoresOfCpuMax("50000 100000\n"), 1);
  EXPECT_EQ(CoresOfCpuMax("100000 100000\n"), 1);
  EXPECT_EQ(CoresOfCpuMax("150000 100000\n"), 2);
  EXPECT_EQ(CoresOfCpuMax("400000 100000"), 4);
}

TEST(Cores, NoQuotaOrAnUnreadableOneLimitsNothing) {
  EXPECT_EQ(CoresOfCpuMax("max 100000\n"), std::nullopt);
  EXPECT_EQ(CoresOfCpuMax(""), std::nullopt);  // no such file
  EXPECT_EQ(CoresOfCpuMax("lots 100000"), std::nullopt);
  EXPECT_EQ(CoresOfCpuMax("50000 0"), std::nullopt);
  EXPECT_EQ(CoresOfCfsQuota(-1, 100000), std::nullopt);
  EXPECT_EQ(CoresOfCfsQuota(250000, 100000), 3);
}

TEST(Cores, AThreadHeldToOneCoreMayUseOne) {
  cpu_set_t all;
  ASSERT_EQ(sched_getaffinity(0, sizeof all, &all), 0);
  const int allowed = CPU_COUNT(&all);
  EXPECT_GE(UsableCores(), 1);
  EXPECT_LE(UsableCores(), allowed);
  int cores = 0;
  bool held = false;
  // On a helper thread: the affinity is the thread's, and this one's stays.
  std::thread pinned([&] {
    testing::OneCore one;
    held = one.held();
    cores = UsableCores();
  });
  pinned.join();
  ASSERT_TRUE(held);
  EXPECT_EQ(cores, 1);
  EXPECT_LE(UsableCores(), allowed);
}

}  // namespace
}  // namespace dossier
