// What each subcommand does, given its parsed options. main() only parses.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace dossier {

// Exit statuses of the tool.
inline constexpr int kExitOk = 0;        // everything taken
inline constexpr int kExitRejected = 1;  // ran, and some files were rejected
inline constexpr int kExitError = 2;     // usage or environment error

struct CommonConfig {
  std::filesystem::path data_dir = "dossier-data";
};

struct IngestConfig {
  CommonConfig common;
  std::vector<std::string> paths;
  bool quiet = false;
};

struct ExportConfig {
  CommonConfig common;
  std::string format = "json";
  std::string out;  // empty: standard output
};

int RunIngest(const IngestConfig& config);
int RunExport(const ExportConfig& config);
int RunStatus(const CommonConfig& config);

}  // namespace dossier
