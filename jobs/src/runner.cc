#include "dossier/jobs/runner.h"

#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>

namespace dossier {
namespace {

std::string BootId() {
  std::ifstream in("/proc/sys/kernel/random/boot_id");
  std::string id;
  std::getline(in, id);
  return id.empty() ? "unknown-boot" : id;
}

// Field 22 of /proc/PID/stat; "" when the process does not exist. The
// command name (field 2) is in parentheses and may hold spaces, so fields
// are counted from the last ')'.
std::string StartTime(const std::string& pid) {
  std::ifstream in("/proc/" + pid + "/stat");
  std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const size_t close = stat.rfind(')');
  if (close == std::string::npos) return "";
  std::istringstream fields(stat.substr(close + 1));
  std::string field;
  for (int i = 3; i <= 22; ++i) {
    if (!(fields >> field)) return "";
  }
  return field;
}

}  // namespace

std::string CurrentRunner() {
  const std::string pid = std::to_string(::getpid());
  return BootId() + ":" + pid + ":" + StartTime(pid);
}

namespace {

struct RunnerName {
  std::string boot, pid, start;
};

bool Parse(const std::string& runner, RunnerName* out) {
  const size_t second = runner.rfind(':');
  if (second == std::string::npos || second == 0) return false;
  const size_t first = runner.rfind(':', second - 1);
  if (first == std::string::npos) return false;
  out->boot = runner.substr(0, first);
  out->pid = runner.substr(first + 1, second - first - 1);
  out->start = runner.substr(second + 1);
  return !out->pid.empty() && out->pid.find_first_not_of("0123456789") == std::string::npos &&
         !out->start.empty();
}

}  // namespace

bool RunnerAlive(const std::string& runner) {
  RunnerName name;
  if (!Parse(runner, &name) || name.boot != BootId()) return false;
  return StartTime(name.pid) == name.start;
}

bool RunnerGoneHere(const std::string& runner) {
  RunnerName name;
  // Without a boot id two machines cannot be told apart.
  if (!Parse(runner, &name) || name.boot != BootId() || name.boot == "unknown-boot") return false;
  return StartTime(name.pid) != name.start;
}

}  // namespace dossier
