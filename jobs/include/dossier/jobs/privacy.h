// Who may read what dossier writes. Applicants' personal data (names, mobile
// numbers, licences) is private to the user dossier runs as, whatever umask
// it was started with; a documented setting opens it to that user's group,
// for a team of reviewers sharing one account's group.
#pragma once

#include <sys/types.h>

#include <filesystem>

#include "dossier/common/status.h"

namespace dossier {

struct FileModes {
  mode_t folder;    // data, cache, report folders
  mode_t file;      // store, cache, dossiers, exports
  mode_t original;  // the kept originals: never written again
};

// 0700 / 0600 / 0400, or with shared_group 0750 / 0640 / 0440.
FileModes ModesFor(bool shared_group);

// Sets this process's file creation mask (077, or 027 with shared_group),
// so that everything it creates from now on, whoever creates it (SQLite, the
// report writers, Cairo), is no more open than ModesFor says.
// Thread safety: call before other threads start (umask is per process).
void RestrictFileCreation(bool shared_group);

// Brings an existing data folder to ModesFor: the folder itself, its
// store files and its top folders (a folder made by an older dossier, or
// under a looser umask). Entries not owned by this user are left alone.
// On failure: Io naming what could not be changed.
Status SecureDataFolder(const std::filesystem::path& data_dir, bool shared_group);

// True when the process runs with root's user id: dossier reads untrusted
// files and should not do so with every right on the machine.
bool RunningAsRoot();

}  // namespace dossier
