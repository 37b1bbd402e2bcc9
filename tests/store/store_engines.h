// The store engines the contract tests (job_queue_test.cc) run against, each
// as a type for GoogleTest's typed tests. An engine opens a store that
// persists in a fresh folder (reopened as a restarted process would), with
// the test's clock. A second engine (PostgreSQL, issue 17) is one more type
// here, opening a throw-away database; every typed test then runs on it too.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "dossier/common/env.h"
#include "dossier/store/store.h"
#include "support/temp_dir.h"

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

  void SetUp() override { Reopen(); }
  void TearDown() override { store_.reset(); }
  // Closes the store and opens it again, as a restarted process would.
  void Reopen() {
    store_.reset();
    auto opened = E::Open(dir_, env_);
    ASSERT_TRUE(opened.ok()) << opened.status().message();
    store_ = std::move(opened).value();
  }

  FakeEnv env_{kStartMs};
  dossier::testing::TempDir temp_{"dossier_store_engine_test"};
  std::filesystem::path dir_ = temp_.path();
  std::unique_ptr<Store> store_;  // closed before temp_ goes
};

}  // namespace dossier::store_test
