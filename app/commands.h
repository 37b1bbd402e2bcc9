// What each subcommand does, given its parsed options. main() only parses.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "dossier/normalize/checks.h"

namespace dossier {

// Exit statuses of the tool.
inline constexpr int kExitOk = 0;        // everything taken
inline constexpr int kExitRejected = 1;  // ran, and some files were rejected
inline constexpr int kExitError = 2;     // usage or environment error

struct CommonConfig {
  std::filesystem::path data_dir = "dossier-data";
  norm::CallConfig call = norm::CallConfig::Defaults();
};

struct IngestConfig {
  CommonConfig common;
  std::vector<std::string> paths;
  bool quiet = false;
  // JSON object: path as received → ISO 8601 time it was received, for
  // files whose arrival is known from elsewhere (a mail's date).
  std::string arrivals_file;
};

struct ExportConfig {
  CommonConfig common;
  std::string format = "json";
  std::string out;  // empty: standard output
};

int RunIngest(const IngestConfig& config);
int RunExport(const ExportConfig& config);
int RunStatus(const CommonConfig& config);
// Prints the call's settings in force (defaults overridden by the INI file).
int RunConfigShow(const CommonConfig& config);

}  // namespace dossier
