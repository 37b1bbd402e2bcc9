// Running `dossier watch` as an operator would: a child process with its log
// in a file, signals, restarts, and looks into the store it writes.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "dossier/store/store.h"
#include "e2e/e2e_support.h"

namespace dossier::testing {

inline int64_t SteadyMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// Polls `done` every 20 ms until it holds or timeout_ms passed.
inline bool WaitFor(const std::function<bool()>& done, int64_t timeout_ms) {
  const int64_t until = SteadyMs() + timeout_ms;
  while (SteadyMs() < until) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return done();
}

// A `dossier watch` process (or, after SetCommand, another long-running
// command; an empty inbox is then not passed). Its standard output and error
// go to `log`.
class WatchDaemon {
 public:
  WatchDaemon(std::filesystem::path data, std::filesystem::path inbox, std::filesystem::path log,
              std::vector<std::string> options = {})
      : data_(std::move(data)),
        inbox_(std::move(inbox)),
        log_(std::move(log)),
        options_(std::move(options)) {}
  ~WatchDaemon() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  WatchDaemon(const WatchDaemon&) = delete;
  WatchDaemon& operator=(const WatchDaemon&) = delete;

  // `cwd`: the daemon's working folder (default: the log's folder).
  // `file_size_limit`: RLIMIT_FSIZE for the daemon (0: none).
  void Start(const std::filesystem::path& cwd = {}, rlim_t file_size_limit = 0) {
    std::vector<std::string> args = {Binary().string(), "--data", data_.string(), command_};
    if (::geteuid() == 0) args.insert(args.begin() + 1, "--allow-root");
    args.insert(args.end(), options_.begin(), options_.end());
    if (!inbox_.empty()) args.push_back(inbox_.string());
    const std::string dir = (cwd.empty() ? log_.parent_path() : cwd).string();
    const pid_t pid = ::fork();
    if (pid == 0) {
      const int fd = ::open(log_.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
      if (fd < 0 || ::chdir(dir.c_str()) != 0) ::_exit(127);
      ::dup2(fd, STDOUT_FILENO);
      ::dup2(fd, STDERR_FILENO);
      if (file_size_limit > 0) {
        struct rlimit limit {
          file_size_limit, file_size_limit
        };
        ::setrlimit(RLIMIT_FSIZE, &limit);
        ::signal(SIGXFSZ, SIG_IGN);  // writes fail with EFBIG instead
      }
      std::vector<char*> argv;
      for (std::string& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
    pid_ = pid;
  }

  // Running (not exited, not a zombie); looks without reaping.
  bool Alive() const {
    if (pid_ <= 0) return false;
    siginfo_t info{};
    if (::waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOHANG | WNOWAIT) != 0) {
      return false;
    }
    return info.si_pid == 0;
  }
  pid_t pid() const { return pid_; }
  void Signal(int sig) const {
    if (pid_ > 0) ::kill(pid_, sig);
  }

  // Waits for the process to end: its exit status, 128 + signal when killed,
  // -1 on timeout. `usage` gets its resource use (children included).
  int Wait(int64_t timeout_ms, struct rusage* usage = nullptr) {
    const int64_t until = SteadyMs() + timeout_ms;
    while (pid_ > 0) {
      int status = 0;
      struct rusage ru {};
      const pid_t got = ::wait4(pid_, &status, WNOHANG, &ru);
      if (got == pid_) {
        pid_ = -1;
        if (usage) *usage = ru;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
      if (SteadyMs() > until) return -1;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return -1;
  }

  // A SIGTERM sent before the daemon has set up its handlers ends it the
  // default way (143), as for any program; so wait until it says "started".
  int Stop(int64_t timeout_ms = 15000) {
    WaitUntilStarted(timeout_ms);
    Signal(SIGTERM);
    return Wait(timeout_ms);
  }

  bool WaitUntilStarted(int64_t timeout_ms) const {
    const std::string mark = "dossier[" + std::to_string(pid_) + "] level=info event=started";
    const int64_t until = SteadyMs() + timeout_ms;
    while (Alive() && Log().find(mark) == std::string::npos) {
      if (SteadyMs() > until) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return Alive();
  }

  void Kill() {
    Signal(SIGKILL);
    Wait(10000);
  }

  std::string Log() const { return ReadBytes(log_); }

  // The command run, "watch" unless set (before Start).
  void SetCommand(std::string command) { command_ = std::move(command); }

 private:
  std::filesystem::path data_, inbox_, log_;
  std::vector<std::string> options_;
  std::string command_ = "watch";
  pid_t pid_ = -1;
};

// Read-only SQL on a store a daemon may be writing (WAL allows it).
// Opens lazily: the daemon may not have made the store yet.
class StoreReader {
 public:
  explicit StoreReader(std::filesystem::path db) : path_(std::move(db)) {}
  ~StoreReader() { sqlite3_close(db_); }
  StoreReader(const StoreReader&) = delete;
  StoreReader& operator=(const StoreReader&) = delete;

  // Rows of text; an empty result on any error (the store may not exist yet).
  // `params` are bound to ?1, ?2, ...
  std::vector<std::vector<std::string>> Rows(const std::string& sql,
                                             const std::vector<std::string>& params = {}) const {
    std::vector<std::vector<std::string>> rows;
    if (db_ == nullptr) {
      if (!std::filesystem::exists(path_)) return rows;
      if (sqlite3_open_v2(path_.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        sqlite3_close(db_);
        db_ = nullptr;
        return rows;
      }
      sqlite3_busy_timeout(db_, 5000);
    }
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) return rows;
    for (size_t i = 0; i < params.size(); ++i) {
      sqlite3_bind_text(stmt, static_cast<int>(i + 1), params[i].data(),
                        static_cast<int>(params[i].size()), SQLITE_TRANSIENT);
    }
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      std::vector<std::string> row;
      for (int c = 0; c < sqlite3_column_count(stmt); ++c) {
        const auto* text = sqlite3_column_text(stmt, c);
        row.emplace_back(text ? reinterpret_cast<const char*>(text) : "",
                         static_cast<size_t>(sqlite3_column_bytes(stmt, c)));
      }
      rows.push_back(std::move(row));
    }
    sqlite3_finalize(stmt);
    return rows;
  }
  std::string One(const std::string& sql) const {
    auto rows = Rows(sql);
    return rows.empty() || rows[0].empty() ? "" : rows[0][0];
  }
  int64_t Int(const std::string& sql) const {
    const std::string v = One(sql);
    return v.empty() ? -1 : std::stoll(v);
  }

 private:
  std::filesystem::path path_;
  mutable sqlite3* db_ = nullptr;
};

// Files in state done or rejected (the end of their job).
inline int64_t FinishedFiles(const std::filesystem::path& data) {
  StoreReader store(data / "store.sqlite");
  return store.Int("SELECT count(*) FROM files WHERE state IN ('done', 'rejected')");
}

// Every line of a daemon log has the greppable form.
inline std::vector<std::string> MalformedLogLines(const std::string& log) {
  static const std::regex kLine(
      R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z dossier\[\d+\] level=(debug|info|warning|error) )"
      R"(event=[a-z_]+( [a-z_0-9]+=("([^"\\]|\\.)*"|[^ "]+))*$)");
  std::vector<std::string> bad;
  size_t start = 0;
  while (start < log.size()) {
    size_t end = log.find('\n', start);
    if (end == std::string::npos) end = log.size();
    std::string line = log.substr(start, end - start);
    if (!line.empty() && !std::regex_match(line, kLine)) bad.push_back(line);
    start = end + 1;
  }
  return bad;
}

}  // namespace dossier::testing
