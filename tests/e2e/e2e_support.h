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

namespace dossier::testing {

inline std::filesystem::path SourceDir() { return DOSSIER_SOURCE_DIR; }
inline std::filesystem::path Binary() { return DOSSIER_BINARY; }

// A temporary folder removed when the object goes.
class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() /
            ("dossier-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

inline std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  return out + "'";
}

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
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return nlohmann::json::parse(ss.str());
}

inline void WriteFile(const std::filesystem::path& path, const std::string& bytes) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

inline std::string ReadBytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
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
