// Log lines on standard error: one event a line, in a form grep and awk can
// take apart:
//   2026-11-28T09:00:00.123Z dossier[4242] level=info event=taken file="a b.docx" sha256=ab12…
// Values with spaces, quotes or control characters are quoted and escaped
// (\n, \", \\, \xNN, and \u{202e} for bidirectional controls: see
// text::EscapeForTerminal), so a file name can never split or forge a line,
// move the cursor, or read backwards.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

namespace dossier {

enum class LogLevel { kDebug, kInfo, kWarning, kError };

struct LogField {
  std::string_view key;
  std::string value;
};

// Lines below `level` are not written. The default is kWarning, so that
// commands other than `watch` stay quiet unless something goes wrong.
void SetLogLevel(LogLevel level);
bool LogEnabled(LogLevel level);

// Writes one line (thread-safe: one write() per line).
void Log(LogLevel level, std::string_view event, std::initializer_list<LogField> fields = {});

// The line Log writes, without the newline; for tests.
std::string FormatLogLine(int64_t unix_ms, int pid, LogLevel level, std::string_view event,
                          std::initializer_list<LogField> fields);

}  // namespace dossier
