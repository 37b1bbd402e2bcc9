// The seed of a test's random choices, one rule for every stage's tests.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>

namespace dossier::testing {

// DOSSIER_TEST_SEED when it is set (to repeat a run that failed), a fresh
// seed otherwise; printed either way, with what it drives, so that any run
// can be repeated. One seed per test program: the first call chooses it.
inline uint64_t TestSeed(const char* what) {
  static const uint64_t seed = [] {
    const char* env = std::getenv("DOSSIER_TEST_SEED");
    return env && *env ? std::strtoull(env, nullptr, 10) : uint64_t{std::random_device{}()};
  }();
  std::printf("[ seed     ] %s: DOSSIER_TEST_SEED=%llu\n", what,
              static_cast<unsigned long long>(seed));
  std::fflush(stdout);
  return seed;
}

}  // namespace dossier::testing
