// `dossier worker` processes on a PostgreSQL store, as the tests of several
// workers (worker_faults_test.cc, database_restart_test.cc) run them: one
// data folder, each worker's log in a file of its own, and queries on the
// store to wait for. A fixture sets url_ (its server's, and schema's) in
// SetUp; the workers are killed before the fixture's server or schema goes.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "e2e/watch_support.h"
#include "support/postgres.h"
#include "support/temp_dir.h"

namespace dossier::testing {

class WorkerFleetTest : public ::testing::Test {
 protected:
  explicit WorkerFleetTest(const char* temp_name) : temp_(temp_name) {}
  void TearDown() override { workers_.clear(); }

  std::string Query(const std::string& sql) { return PostgresQuery(url_, sql); }
  int64_t Count(const std::string& sql) { return PostgresCount(url_, sql); }

  // Starts one more worker on url_ with these options after --store.
  WatchDaemon& StartWorker(const std::vector<std::string>& options) {
    const std::filesystem::path log =
        temp_.path() / ("worker" + std::to_string(workers_.size()) + ".log");
    std::vector<std::string> args = {"--store", url_};
    args.insert(args.end(), options.begin(), options.end());
    // The global --store goes before the command; WatchDaemon puts options
    // after it, where the parser takes global options too.
    workers_.push_back(std::make_unique<WatchDaemon>(data_, std::filesystem::path(), log, args));
    workers_.back()->SetCommand("worker");
    workers_.back()->Start();
    return *workers_.back();
  }

  // Every worker's log, one after the other, for a failure's message.
  std::string Logs() const {
    std::string all;
    for (const auto& w : workers_) all += w->Log() + "----\n";
    return all;
  }

  TempDir temp_;
  std::filesystem::path data_ = temp_.path() / "data";
  std::string url_;
  std::vector<std::unique_ptr<WatchDaemon>> workers_;
};

}  // namespace dossier::testing
