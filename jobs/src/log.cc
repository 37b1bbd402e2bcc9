#include "dossier/jobs/log.h"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>

#include "dossier/common/text.h"

namespace dossier {
namespace {

std::atomic<int> g_min_level{static_cast<int>(LogLevel::kWarning)};

const char* LevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug:
      return "debug";
    case LogLevel::kInfo:
      return "info";
    case LogLevel::kWarning:
      return "warning";
    case LogLevel::kError:
      return "error";
  }
  return "info";
}

bool IsBare(std::string_view value) {
  if (value.empty()) return false;
  for (char c : value) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-' || c == '/' || c == ':' || c == '+' ||
                    c == '@' || c == ',';
    if (!ok) return false;
  }
  return true;
}

void AppendValue(std::string& out, std::string_view value) {
  if (IsBare(value)) {
    out += value;
    return;
  }
  out += '"';
  // The terminal escaping never makes a quote, so quotes can be escaped after.
  for (char c : text::EscapeForTerminal(value)) {
    if (c == '"') out += '\\';
    out += c;
  }
  out += '"';
}

}  // namespace

void SetLogLevel(LogLevel level) { g_min_level = static_cast<int>(level); }

bool LogEnabled(LogLevel level) { return static_cast<int>(level) >= g_min_level.load(); }

std::string FormatLogLine(int64_t unix_ms, int pid, LogLevel level, std::string_view event,
                          std::initializer_list<LogField> fields) {
  const std::time_t seconds = static_cast<std::time_t>(unix_ms / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char when[96];
  std::snprintf(when, sizeof when, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(unix_ms % 1000));
  std::string line = std::string(when) + " dossier[" + std::to_string(pid) +
                     "] level=" + LevelName(level) + " event=";
  AppendValue(line, event);
  for (const LogField& field : fields) {
    line += ' ';
    line += field.key;
    line += '=';
    AppendValue(line, field.value);
  }
  return line;
}

void Log(LogLevel level, std::string_view event, std::initializer_list<LogField> fields) {
  if (!LogEnabled(level)) return;
  const int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  std::string line = FormatLogLine(now, static_cast<int>(::getpid()), level, event, fields) + "\n";
  // One write per line, so lines of the daemon and of concurrent commands
  // never interleave mid-line.
  size_t at = 0;
  while (at < line.size()) {
    const ssize_t n = ::write(STDERR_FILENO, line.data() + at, line.size() - at);
    if (n <= 0) break;  // a log that cannot be written must not stop intake
    at += static_cast<size_t>(n);
  }
}

}  // namespace dossier
