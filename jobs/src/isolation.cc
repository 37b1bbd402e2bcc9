#include "dossier/jobs/isolation.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <fstream>
#include <new>
#include <string>
#include <system_error>

#include "dossier/common/rejection.h"

namespace dossier {
namespace {

// The child's answer: tag, status code, payload length (little-endian), payload.
constexpr char kTagPayload = 'O';
constexpr char kTagStatus = 'E';
constexpr char kTagOutOfMemory = 'M';
constexpr size_t kHeaderSize = 1 + 1 + 8;
constexpr int kChildChannelFd = 3;

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer) || \
    __has_feature(thread_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

std::string MiB(uint64_t bytes) {
  if (bytes >= (1ull << 30) && bytes % (1ull << 30) == 0) {
    return std::to_string(bytes >> 30) + " GiB";
  }
  return std::to_string((bytes + (1ull << 20) - 1) >> 20) + " MiB";
}

// --- The child side. Only async-signal-safe habits matter little here: the
// parent is single-threaded, so the child may allocate and use the library.

volatile sig_atomic_t g_out_of_memory = 0;

void OnOutOfMemory() {
  g_out_of_memory = 1;
  std::set_new_handler(nullptr);
  throw std::bad_alloc();
}

void SendFrame(char tag, ErrorCode code, const std::string& payload);

// A bad_alloc thrown through a noexcept function ends in std::terminate; the
// parent should still learn that memory ran out rather than see a crash.
[[noreturn]] void OnTerminate() {
  if (g_out_of_memory) {
    SendFrame(kTagOutOfMemory, ErrorCode::kLimitExceeded, "");
    ::_exit(0);
  }
  std::abort();
}

// Virtual memory the child inherits, in bytes (VmSize of /proc/self/status).
uint64_t InheritedAddressSpace() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmSize:", 0) == 0) return std::stoull(line.substr(7)) * 1024;
  }
  return 0;
}

void WriteAllOrExit(int fd, const char* data, size_t size) {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      ::_exit(1);  // the parent is gone or stopped listening
    }
    data += n;
    size -= static_cast<size_t>(n);
  }
}

void SendFrame(char tag, ErrorCode code, const std::string& payload) {
  char header[kHeaderSize];
  header[0] = tag;
  header[1] = static_cast<char>(code);
  uint64_t length = payload.size();
  for (int i = 0; i < 8; ++i) header[2 + i] = static_cast<char>((length >> (8 * i)) & 0xFF);
  WriteAllOrExit(kChildChannelFd, header, sizeof header);
  WriteAllOrExit(kChildChannelFd, payload.data(), payload.size());
}

[[noreturn]] void ChildMain(int channel, const std::function<Result<std::string>()>& work,
                            const IsolationLimits& limits, pid_t parent) {
  // The daemon's handlers (SIGTERM → stop) are not the child's business.
  for (int sig : {SIGTERM, SIGINT, SIGHUP, SIGPIPE, SIGXCPU}) ::signal(sig, SIG_DFL);
  sigset_t all;
  sigemptyset(&all);
  ::sigprocmask(SIG_SETMASK, &all, nullptr);
  // A daemon killed with -9 must not leave a reader running on its own.
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != parent) ::_exit(1);

  // Libraries that print (Poppler's "Syntax Error") would break the log's
  // one-event-a-line form; the reader's reasons come back as Status.
  const int null_fd = ::open("/dev/null", O_RDWR | O_CLOEXEC);
  if (null_fd >= 0) {
    ::dup2(null_fd, STDIN_FILENO);
    ::dup2(null_fd, STDOUT_FILENO);
    ::dup2(null_fd, STDERR_FILENO);
  }
  if (channel != kChildChannelFd) {
    if (::dup2(channel, kChildChannelFd) < 0) ::_exit(1);
  } else {
    ::fcntl(kChildChannelFd, F_SETFD, 0);
  }
  // The store, the inbox watch and the originals stay out of reach.
  ::close_range(kChildChannelFd + 1, ~0U, 0);

  struct rlimit no_core {
    0, 0
  };
  ::setrlimit(RLIMIT_CORE, &no_core);
  struct rlimit fsize {
    limits.max_output_bytes, limits.max_output_bytes
  };
  ::setrlimit(RLIMIT_FSIZE, &fsize);
  if (limits.cpu_seconds > 0) {
    struct rlimit cpu {
      static_cast<rlim_t>(limits.cpu_seconds), static_cast<rlim_t>(limits.cpu_seconds) + 2
    };
    ::setrlimit(RLIMIT_CPU, &cpu);
  }
  // Sanitizers reserve terabytes of shadow memory: an address-space limit
  // would stop them, so sanitized builds run without one.
  const bool address_space_limited = !kSanitized && limits.memory_bytes > 0;
  if (address_space_limited) {
    const rlim_t as = InheritedAddressSpace() + limits.memory_bytes;
    struct rlimit memory {
      as, as
    };
    ::setrlimit(RLIMIT_AS, &memory);
  }
  std::set_new_handler(OnOutOfMemory);
  std::set_terminate(OnTerminate);

  Result<std::string> result = Status::Internal("the reader returned nothing");
  try {
    result = work();
  } catch (const std::bad_alloc&) {
    g_out_of_memory = 1;
  } catch (const std::system_error& e) {
    // A thread whose stack cannot be mapped under the address-space limit
    // (std::thread: EAGAIN) is memory that ran out, as a bad_alloc is:
    // which of the two comes first depends on how much of the heap this
    // process inherited free.
    if (address_space_limited && e.code() == std::errc::resource_unavailable_try_again) {
      g_out_of_memory = 1;
    } else {
      result =
          Reject(Rejection::kReaderFailed, std::string("读取时发生意外错误（") + e.what() + "）");
    }
  } catch (const std::exception& e) {
    result =
        Reject(Rejection::kReaderFailed, std::string("读取时发生意外错误（") + e.what() + "）");
  } catch (...) {
    result = Reject(Rejection::kReaderFailed);
  }
  if (g_out_of_memory) {
    SendFrame(kTagOutOfMemory, ErrorCode::kLimitExceeded, "");
  } else if (result.ok()) {
    SendFrame(kTagPayload, ErrorCode::kOk, result.value());
  } else {
    // The reason code travels before the message, NUL-separated (codes
    // never hold a NUL).
    SendFrame(kTagStatus, result.status().code(),
              result.status().reason_code() + std::string(1, '\0') + result.status().message());
  }
  ::_exit(0);  // no destructors, no atexit: the parent's store is not ours to close
}

// --- The parent side.

Status Make(ErrorCode code, std::string message) {
  switch (code) {
    case ErrorCode::kInvalidInput:
      return Status::InvalidInput(std::move(message));
    case ErrorCode::kUnsupported:
      return Status::Unsupported(std::move(message));
    case ErrorCode::kLimitExceeded:
      return Status::LimitExceeded(std::move(message));
    case ErrorCode::kNotFound:
      return Status::NotFound(std::move(message));
    case ErrorCode::kIo:
      return Status::Io(std::move(message));
    case ErrorCode::kOk:
    case ErrorCode::kInternal:
      break;
  }
  return Status::Internal(std::move(message));
}

std::string SignalName(int sig) {
  switch (sig) {
    case SIGSEGV:
      return "段错误";
    case SIGABRT:
      return "异常终止";
    case SIGBUS:
      return "总线错误";
    case SIGFPE:
      return "算术错误";
    case SIGILL:
      return "非法指令";
    case SIGKILL:
      return "被终止";
    default:
      return "信号 " + std::to_string(sig);
  }
}

Status MemoryStatus(const IsolationLimits& limits) {
  return Reject(Rejection::kOutOfMemory,
                "读取该文件需要超过 " + MiB(limits.memory_bytes) + " 的内存，文件未读取");
}

}  // namespace

Result<ChildOutcome> RunIsolated(const std::function<Result<std::string>()>& work,
                                 const IsolationLimits& limits, const std::function<bool()>& stop,
                                 const std::function<bool()>& abandon) {
  const int64_t start = NowMs();
  ChildOutcome outcome;
  if (!limits.enabled) {
    Result<std::string> result = Status::Internal("the reader returned nothing");
    try {
      result = work();
    } catch (const std::bad_alloc&) {
      result = MemoryStatus(limits);
    } catch (const std::exception& e) {
      result =
          Reject(Rejection::kReaderFailed, std::string("读取时发生意外错误（") + e.what() + "）");
    }
    outcome.end = result.ok() ? ChildEnd::kDone : ChildEnd::kRefused;
    if (result.ok()) {
      outcome.payload = std::move(result).value();
    } else {
      outcome.status = result.status();
    }
    outcome.elapsed_ms = NowMs() - start;
    return outcome;
  }

  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    return Status::Io(std::string("cannot start a reader process: ") + std::strerror(errno));
  }
  const pid_t parent = ::getpid();
  std::fflush(nullptr);  // buffered output must not be written twice
  const pid_t pid = ::fork();
  if (pid < 0) {
    const int error = errno;
    ::close(fds[0]);
    ::close(fds[1]);
    return Status::Io(std::string("cannot start a reader process: ") + std::strerror(error));
  }
  if (pid == 0) {
    ::close(fds[0]);
    ChildMain(fds[1], work, limits, parent);
  }
  ::close(fds[1]);

  enum class Why { kNone, kTimeout, kTooMuch, kInterrupted } why = Why::kNone;
  const int64_t deadline = start + int64_t{limits.wall_seconds} * 1000;
  int64_t stop_deadline = -1;
  const uint64_t max_answer = kHeaderSize + limits.max_output_bytes;
  std::string answer;
  char buffer[1 << 16];
  for (;;) {
    const int64_t now = NowMs();
    if (stop_deadline < 0 && stop && stop()) stop_deadline = now + limits.stop_grace_ms;
    if (limits.wall_seconds > 0 && now >= deadline) {
      why = Why::kTimeout;
      break;
    }
    if ((stop_deadline >= 0 && now >= stop_deadline) || (abandon && abandon())) {
      why = Why::kInterrupted;
      break;
    }
    struct pollfd pfd {
      fds[0], POLLIN, 0
    };
    const int ready = ::poll(&pfd, 1, 100);
    if (ready < 0 && errno != EINTR) break;
    if (ready <= 0) continue;
    const ssize_t n = ::read(fds[0], buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      break;
    }
    if (n == 0) break;  // the child closed its end: it is done or dead
    if (answer.size() + static_cast<uint64_t>(n) > max_answer) {
      why = Why::kTooMuch;
      break;
    }
    answer.append(buffer, static_cast<size_t>(n));
  }
  if (why != Why::kNone) ::kill(pid, SIGKILL);
  ::close(fds[0]);

  int wstatus = 0;
  struct rusage usage {};
  while (::wait4(pid, &wstatus, 0, &usage) < 0 && errno == EINTR) {
  }
  outcome.peak_rss_kb = usage.ru_maxrss;
  outcome.elapsed_ms = NowMs() - start;
  const double cpu_seconds = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                             (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;

  auto failed = [&](Status status) {
    outcome.end = ChildEnd::kFailed;
    outcome.status = std::move(status);
    return outcome;
  };
  switch (why) {
    case Why::kInterrupted:
      outcome.end = ChildEnd::kInterrupted;
      outcome.status = Status::Internal("interrupted: dossier is stopping");
      return outcome;
    case Why::kTimeout:
      return failed(Reject(Rejection::kTimedOut, "读取超过 " + std::to_string(limits.wall_seconds) +
                                                     " 秒仍未完成，文件未读取"));
    case Why::kTooMuch:
      return failed(Reject(Rejection::kOutputTooLarge,
                           "读取结果超过 " + MiB(limits.max_output_bytes) + " 的上限，文件未读取"));
    case Why::kNone:
      break;
  }

  if (WIFSIGNALED(wstatus)) {
    const int sig = WTERMSIG(wstatus);
    if (sig == SIGXCPU ||
        (sig == SIGKILL && limits.cpu_seconds > 0 && cpu_seconds >= limits.cpu_seconds)) {
      return failed(Reject(
          Rejection::kTimedOut,
          "读取占用处理器时间超过 " + std::to_string(limits.cpu_seconds) + " 秒，文件未读取"));
    }
    if (sig == SIGKILL) {
      // Nobody here sent it: the kernel's out-of-memory killer did.
      return failed(MemoryStatus(limits));
    }
    return failed(Reject(Rejection::kParserCrashed,
                         "读取程序在处理该文件时崩溃（" + SignalName(sig) + "），文件未读取"));
  }

  if (answer.size() >= kHeaderSize) {
    uint64_t length = 0;
    for (int i = 0; i < 8; ++i) {
      length |= static_cast<uint64_t>(static_cast<unsigned char>(answer[2 + i])) << (8 * i);
    }
    if (answer.size() - kHeaderSize == length) {
      const auto code = static_cast<ErrorCode>(static_cast<unsigned char>(answer[1]));
      switch (answer[0]) {
        case kTagPayload:
          outcome.end = ChildEnd::kDone;
          outcome.payload = std::move(answer);
          outcome.payload.erase(0, kHeaderSize);
          return outcome;
        case kTagStatus: {
          outcome.end = ChildEnd::kRefused;
          const size_t nul = answer.find('\0', kHeaderSize);
          const size_t text = nul == std::string::npos ? kHeaderSize : nul + 1;
          outcome.status = Make(code, answer.substr(text));
          if (nul != std::string::npos) {
            outcome.status =
                outcome.status.WithReasonCode(answer.substr(kHeaderSize, nul - kHeaderSize));
          }
          return outcome;
        }
        case kTagOutOfMemory:
          return failed(MemoryStatus(limits));
        default:
          break;
      }
    }
  }
  const int code = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1;
  return failed(Reject(Rejection::kParserCrashed, "读取程序在处理该文件时意外退出（退出码 " +
                                                      std::to_string(code) +
                                                      "，没有给出结果），文件未读取"));
}

Status RunIsolatedStatus(const std::function<Status()>& work, const IsolationLimits& limits) {
  auto outcome = RunIsolated(
      [&work]() -> Result<std::string> {
        Status status = work();
        if (!status.ok()) return status;
        return std::string();
      },
      limits);
  if (!outcome.ok()) return outcome.status();
  if (outcome->end == ChildEnd::kDone) return Status::Ok();
  return outcome->status;
}

}  // namespace dossier
