// The store's schema as an ordered list of migration steps.
#pragma once

#include <string>

#include "dossier/common/status.h"
#include "sqlite_util.h"

namespace dossier::store_internal {

// The number of migration steps this build knows; PRAGMA user_version of a
// fully migrated store.
int KnownSchemaVersion();

// Brings the store behind `db` to KnownSchemaVersion(): each missing step runs
// in its own transaction together with the user_version bump, so a crash
// leaves the store at a step boundary. A store written by a newer build, or a
// SQLite file that is not a dossier store, is refused and left untouched.
// `path` only names the store in messages.
// REQUIRES: no transaction is open on db.
Status Migrate(Database& db, const std::string& path);

}  // namespace dossier::store_internal
