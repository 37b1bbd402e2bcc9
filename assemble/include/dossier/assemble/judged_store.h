// The one seam between stored readings and the settings in force. Ingest
// stores an assembly judged with its settings; the commands that only read
// (export, report, trace, status) never show those stored outcomes but judge
// again, in memory, with the settings they run with, so that an outcome
// always follows the settings in force. Judging is assembly and checks over
// the stored readings: no file is read again.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "dossier/assemble/checks.h"
#include "dossier/common/status.h"
#include "dossier/store/store.h"

namespace dossier {

// Assembles the applications from every stored document (norm::Assemble),
// runs the checks with `call` (norm::RunChecks) and saves the result into
// `store` (Store::SaveAssembly), replacing what it held.
// On failure: the store's status; the store keeps its previous assembly.
Status JudgeApplications(Store& store, const norm::CallConfig& call);

// The data folder's store (or the one `store` names, as --store gives it:
// ParseStoreLocation) for a command that only reads it: a private copy
// (OpenStoreSnapshotAt: SQLite's in memory, PostgreSQL's a transaction never
// committed), judged with `call`. The data folder and the store are never
// created nor changed, so a read-only copy of them works.
// On failure: NotFound naming the folder when it holds no store (a mistyped
// --data must not look like an empty store) or the database holds none;
// otherwise why the store cannot be read.
Result<std::unique_ptr<Store>> OpenJudgedStore(const std::filesystem::path& data_dir,
                                               const norm::CallConfig& call,
                                               const std::string& store = "");

}  // namespace dossier
