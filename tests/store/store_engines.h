// The store engines the contract tests (job_queue_test.cc) run against, each
// as a type for GoogleTest's typed tests. An engine opens a store that
// persists in a fresh folder (reopened as a restarted process would), with
// the test's clock. A second engine (PostgreSQL, issue 17) is one more type
// here, opening a throw-away database; every typed test then runs on it too.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <random>
#include <string>

#include "dossier/common/env.h"
#include "dossier/store/store.h"

namespace dossier::store_test {

struct SqliteEngine {
  static Result<std::unique_ptr<Store>> Open(const std::filesystem::path& dir, Env& env) {
    return OpenSqliteStore(dir / "store.sqlite", env);
  }
};

using StoreEngines = ::testing::Types<SqliteEngine>;

// A store of engine E in a fresh temporary folder, on a fake clock that
// stands at kStartMs until a test moves it.
template <typename E>
class StoreEngineTest : public ::testing::Test {
 protected:
  static constexpr int64_t kStartMs = 1'750'000'000'000;

  void SetUp() override {
    static std::atomic<int> counter{0};
    std::random_device random;
    dir_ =
        std::filesystem::temp_directory_path() /
        ("dossier_store_engine_test_" + std::to_string(random()) + "_" + std::to_string(counter++));
    std::filesystem::create_directories(dir_);
    Reopen();
  }
  void TearDown() override {
    store_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  // Closes the store and opens it again, as a restarted process would.
  void Reopen() {
    store_.reset();
    auto opened = E::Open(dir_, env_);
    ASSERT_TRUE(opened.ok()) << opened.status().message();
    store_ = std::move(opened).value();
  }

  FakeEnv env_{kStartMs};
  std::filesystem::path dir_;
  std::unique_ptr<Store> store_;
};

}  // namespace dossier::store_test
