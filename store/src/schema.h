// Bringing a SQLite store to the schema of this build's migration steps
// (migrations.h).
#pragma once

#include <string>

#include "dossier/common/status.h"
#include "sqlite_util.h"

namespace dossier::store_internal {

// The number of migration steps this build knows; PRAGMA user_version of a
// fully migrated store.
int KnownSchemaVersion();

// Brings the store behind `db` to KnownSchemaVersion(): the missing steps
// run in one transaction with the user_version bumps, so a crash leaves the
// store as it was. An empty file (a new store) is given the whole schema at
// once, by the script the build made of every step (new_store_schema.h), word
// for word what the steps leave. A store written by a newer build, or a
// SQLite file that is not a dossier store, is refused and left untouched.
// `path` only names the store in messages.
// REQUIRES: no transaction is open on db.
Status Migrate(Database& db, const std::string& path);

}  // namespace dossier::store_internal
