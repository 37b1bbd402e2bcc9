// Naming the process that runs a job, so that another process can tell a
// job left running by a dead process (requeue it) from one still at work.
#pragma once

#include <string>

namespace dossier {

// "BOOT_ID:PID:START": the kernel's boot id, the pid and the process's start
// time in clock ticks since boot. A pid is reused; the three together are
// not.
std::string CurrentRunner();

// Whether the process named by `runner` (as CurrentRunner made it, on this
// machine) is still running. A runner from another boot, or not in this
// form, is not.
bool RunnerAlive(const std::string& runner);

// Whether `runner` names a process of this machine's current boot that is
// gone: only then may its job be put back before its lease runs out. A
// runner of another machine (or boot) is never judged from here.
bool RunnerGoneHere(const std::string& runner);

}  // namespace dossier
