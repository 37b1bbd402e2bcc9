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

bool RunnerAlive(const std::string& runner) {
  const size_t second = runner.rfind(':');
  if (second == std::string::npos || second == 0) return false;
  const size_t first = runner.rfind(':', second - 1);
  if (first == std::string::npos) return false;
  const std::string boot = runner.substr(0, first);
  const std::string pid = runner.substr(first + 1, second - first - 1);
  const std::string start = runner.substr(second + 1);
  if (boot != BootId() || pid.empty() || pid.find_first_not_of("0123456789") != std::string::npos) {
    return false;
  }
  return !start.empty() && StartTime(pid) == start;
}

}  // namespace dossier
