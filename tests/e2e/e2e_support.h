// Running the dossier binary as a user would, in a fresh data folder.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "support/temp_dir.h"

namespace dossier::testing {

inline std::filesystem::path Binary() { return DOSSIER_BINARY; }

struct RunResult {
  int exit_code = -1;
  std::string output;
};

// Runs a shell command line; its standard output captured (the command
// line says where stderr goes).
inline RunResult RunCommand(const std::string& command_line) {
  RunResult r;
  FILE* pipe = popen(command_line.c_str(), "r");
  if (!pipe) return r;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) r.output.append(buf, n);
  int status = pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

// Test machines often run as root; dossier refuses that unless asked to.
inline std::string DossierCommandLine(const std::vector<std::string>& args) {
  std::string cmd = ShellQuote(Binary().string());
  if (::geteuid() == 0) cmd += " --allow-root";
  for (const std::string& a : args) cmd += " " + ShellQuote(a);
  return cmd;
}

// Runs the dossier binary with the arguments; stdout and stderr captured.
inline RunResult RunDossier(const std::vector<std::string>& args) {
  return RunCommand(DossierCommandLine(args) + " 2>&1");
}

inline nlohmann::json ReadJson(const std::filesystem::path& path) {
  return nlohmann::json::parse(ReadBytes(path));
}

// Ingests `inbox` into `data` and returns the export.
inline nlohmann::json IngestAndExport(const std::filesystem::path& data,
                                      const std::filesystem::path& inbox, int* ingest_exit,
                                      std::string* ingest_output = nullptr) {
  RunResult ingest = RunDossier({"--data", data.string(), "ingest", inbox.string()});
  if (ingest_exit) *ingest_exit = ingest.exit_code;
  if (ingest_output) *ingest_output = ingest.output;
  std::filesystem::path out = data / "export.json";
  RunDossier({"--data", data.string(), "export", "--format", "json", "--out", out.string()});
  return ReadJson(out);
}

}  // namespace dossier::testing
