#include "dossier/common/cores.h"

#include <sched.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace dossier {
namespace {

namespace fs = std::filesystem;

std::optional<long long> ParseInteger(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.remove_suffix(1);
  long long value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::string ReadSmallFile(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::optional<int> Tighter(std::optional<int> a, std::optional<int> b) {
  if (!a) return b;
  if (!b) return a;
  return std::min(*a, *b);
}

// The tightest limit `limit_in(dir)` gives from the controller's mount down
// to the group's folder: a parent's quota bounds its children. In a
// container without its own cgroup namespace the group's path names the
// host's hierarchy and is not there: the mount's own files are then the
// container's.
template <typename LimitIn>
std::optional<int> TightestUpFrom(const fs::path& mount, const std::string& group,
                                  const LimitIn& limit_in) {
  std::vector<fs::path> dirs{mount};
  for (const fs::path& part : fs::path(group).relative_path()) {
    if (part.empty() || part == "." || part == "..") continue;
    dirs.push_back(dirs.back() / part);
  }
  std::optional<int> cores;
  for (const fs::path& dir : dirs) cores = Tighter(cores, limit_in(dir));
  return cores;
}

std::optional<int> CgroupQuotaCores() {
  std::ifstream self("/proc/self/cgroup");
  std::optional<int> cores;
  for (std::string line; std::getline(self, line);) {
    // "ID:CONTROLLERS:PATH"; the v2 hierarchy is "0::PATH".
    const size_t first = line.find(':');
    const size_t second = first == std::string::npos ? first : line.find(':', first + 1);
    if (second == std::string::npos) continue;
    const std::string controllers = line.substr(first + 1, second - first - 1);
    const std::string group = line.substr(second + 1);
    if (controllers.empty()) {
      cores = Tighter(cores, TightestUpFrom("/sys/fs/cgroup", group, [](const fs::path& dir) {
                        return CoresOfCpuMax(ReadSmallFile(dir / "cpu.max"));
                      }));
      continue;
    }
    std::stringstream names(controllers);
    for (std::string name; std::getline(names, name, ',');) {
      if (name != "cpu") continue;
      // v1 mounts the controller as "cpu" or "cpu,cpuacct" (with a "cpu" link).
      cores = Tighter(cores, TightestUpFrom("/sys/fs/cgroup/cpu", group, [](const fs::path& dir) {
                        auto quota = ParseInteger(ReadSmallFile(dir / "cpu.cfs_quota_us"));
                        auto period = ParseInteger(ReadSmallFile(dir / "cpu.cfs_period_us"));
                        if (!quota || !period) return std::optional<int>();
                        return CoresOfCfsQuota(*quota, *period);
                      }));
    }
  }
  return cores;
}

}  // namespace

std::optional<int> CoresOfCfsQuota(long long quota_us, long long period_us) {
  if (quota_us <= 0 || period_us <= 0) return std::nullopt;
  return static_cast<int>(std::max(1LL, (quota_us + period_us - 1) / period_us));
}

std::optional<int> CoresOfCpuMax(std::string_view cpu_max) {
  const size_t space = cpu_max.find(' ');
  if (space == std::string_view::npos) return std::nullopt;
  const std::string_view quota = cpu_max.substr(0, space);
  if (quota == "max") return std::nullopt;
  auto q = ParseInteger(quota);
  auto period = ParseInteger(cpu_max.substr(space + 1));
  if (!q || !period) return std::nullopt;
  return CoresOfCfsQuota(*q, *period);
}

int UsableCores() {
  int cores = 0;
  cpu_set_t set;
  CPU_ZERO(&set);
  // A machine of more than CPU_SETSIZE (1024) cores fails here (EINVAL):
  // then the online count stands.
  if (::sched_getaffinity(0, sizeof set, &set) == 0) cores = CPU_COUNT(&set);
  if (cores <= 0) cores = static_cast<int>(std::thread::hardware_concurrency());
  if (auto quota = CgroupQuotaCores()) cores = std::min(cores, *quota);
  return std::max(1, cores);
}

}  // namespace dossier
