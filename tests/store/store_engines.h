// The store engines the contract tests (job_queue_test.cc, sqlite_store_test.cc)
// run against, each as a type for GoogleTest's typed tests. An engine opens a
// store that persists in a fresh folder (reopened as a restarted process
// would), with the test's clock: SQLite a file in it, PostgreSQL a fresh
// schema on the run's throw-away server (tests/support/postgres.h), whose
// name the folder keeps.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "dossier/common/env.h"
#include "dossier/store/store.h"
#include "support/postgres.h"
#include "support/temp_dir.h"

namespace dossier::store_test {

struct SqliteEngine {
  static constexpr bool kNeedsServer = false;
  static Result<std::unique_ptr<Store>> Open(const std::filesystem::path& dir, Env& env) {
    return OpenSqliteStore(dir / "store.sqlite", env);
  }
  static void Drop(const std::filesystem::path&) {}
};

struct PostgresEngine {
  static constexpr bool kNeedsServer = true;
  // The folder's schema: made at the first Open, the same one afterwards.
  static Result<std::unique_ptr<Store>> Open(const std::filesystem::path& dir, Env& env) {
    const std::filesystem::path file = dir / "pg-schema";
    std::string schema;
    std::ifstream(file) >> schema;
    if (schema.empty()) {
      std::string error;
      schema = dossier::testing::NewPostgresSchema(&error);
      if (schema.empty()) return Status::Io("cannot make a test schema: " + error);
      std::ofstream(file) << schema;
    }
    return OpenPostgresStore(
        dossier::testing::WithSchema(*dossier::testing::TestPostgres(), schema), env);
  }
  static void Drop(const std::filesystem::path& dir) {
    std::string schema;
    std::ifstream(dir / "pg-schema") >> schema;
    if (!schema.empty()) {
      (void)dossier::testing::PostgresExec(*dossier::testing::TestPostgres(),
                                           "DROP SCHEMA " + schema + " CASCADE");
    }
  }
};

using StoreEngines = ::testing::Types<SqliteEngine, PostgresEngine>;

// A store of engine E in a fresh temporary folder, on a fake clock that
// stands at kStartMs until a test moves it.
template <typename E>
class StoreEngineTest : public ::testing::Test {
 protected:
  static constexpr int64_t kStartMs = 1'750'000'000'000;

  void SetUp() override {
    if constexpr (E::kNeedsServer) DOSSIER_REQUIRE_POSTGRES();
    Reopen();
  }
  void TearDown() override {
    store_.reset();
    if (!E::kNeedsServer || dossier::testing::TestPostgres()) E::Drop(dir_);
  }
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

// Claims the job of `sha256` as a worker would, for tests that end a file's
// job without caring who runs it: only the job's holder may end it. When the
// job cannot be claimed (it ended already), a holder of nothing, whose
// endings are refused.
inline JobHolder Hold(Store& store, const std::string& sha256) {
  auto claim = store.ClaimJob(sha256, "test-worker", 60'000);
  if (claim.ok() && *claim) return HolderOf(**claim);
  return JobHolder{"test-worker", 0};
}

}  // namespace dossier::store_test
