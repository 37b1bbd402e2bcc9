// How many cores this process may use: what sizes the thread pools (OCR
// engines, PDF page readers, analysis, report rendering).
//
// std::thread::hardware_concurrency() counts the machine's online cores; a
// process held to fewer (taskset, systemd's CPUAffinity=, a container's
// cpuset or CPU quota) would start a thread a core it does not have, each
// OCR engine costing its initialization and its memory for nothing but
// turns on the same core.
#pragma once

#include <optional>
#include <string_view>

namespace dossier {

// The cores the calling thread may run on (its affinity mask), lowered to
// its control group's CPU quota rounded up (cgroup v2 cpu.max, v1
// cpu.cfs_quota_us / cpu.cfs_period_us, the tightest from the process's
// group up to the hierarchy's root). At least 1. A child process inherits
// the mask of the thread that forked it, so a reader child asks again.
// Thread-safe; reads /proc and /sys at each call.
int UsableCores();

// The cores a cgroup v2 `cpu.max` ("QUOTA PERIOD" or "max PERIOD") allows,
// rounded up; nullopt for no limit or a text not in that form.
std::optional<int> CoresOfCpuMax(std::string_view cpu_max);

// The cores a cgroup v1 quota allows (cpu.cfs_quota_us, cpu.cfs_period_us),
// rounded up; nullopt for no limit (a quota of -1) or a period of 0.
std::optional<int> CoresOfCfsQuota(long long quota_us, long long period_us);

}  // namespace dossier
