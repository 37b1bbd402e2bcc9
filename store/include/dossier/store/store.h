// The store: every file, document, span, reading, application and event.
// The rest of the program sees it through these interfaces only; SQL lives in
// store/src. Each concern has its own interface (arrivals.h, documents.h,
// applications.h, views.h, queue.h, events.h), so that a part of the program
// can ask for only what it uses; a Store is all of them over one database,
// and every engine (SQLite, PostgreSQL) implements Store and passes the same
// contract tests (tests/store/store_engines.h).
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "dossier/common/env.h"
#include "dossier/common/status.h"
#include "dossier/store/applications.h"
#include "dossier/store/arrivals.h"
#include "dossier/store/documents.h"
#include "dossier/store/events.h"
#include "dossier/store/queue.h"
#include "dossier/store/views.h"

namespace dossier {

// Every file that arrived is accounted for across the concerns: queued
// (JobQueue), or in exactly one of an application's documents, the
// unassigned list or the rejected list (ReportViews).
// Thread safety: one Store object is used by one thread at a time.
// The reason code of a Status saying that the store's server could not be
// reached or ended the session (it is restarting, the network dropped). The
// failed call changed nothing, unless its commit was done before the answer
// was lost; the next call connects again, so trying again once the server is
// back may succeed. SQLite's failures never carry it.
inline constexpr const char* kStoreUnreachableCode = "store_unreachable";
inline bool StoreUnreachable(const Status& status) {
  return !status.ok() && status.reason_code() == kStoreUnreachableCode;
}

class Store : public ArrivalStore,
              public DocumentStore,
              public ApplicationStore,
              public ReportViews,
              public JobQueue,
              public EventLog {
 public:
  ~Store() override = default;
};

// Opens (creating if needed) the SQLite store at path, migrating its schema to
// the current version (PRAGMA user_version). WAL, foreign keys on. The times
// the store records itself (events, job claims and releases) are env's clock;
// env must outlive the store. ":memory:" opens a private store in memory (for
// tests: the same engine, nothing on disk).
// On failure: an Io status naming the path ("cannot open the store at ...").
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::filesystem::path& path,
                                               Env& env = Env::Default());

// Opens a private copy, in memory, of the store at path, for commands that
// only read (export, report, trace, status). The file is opened read-only and
// never created or changed: a read-only store (an auditor's copy, files 0444
// in a folder nobody may write) works, and one written by an older build is
// migrated in the copy only. Whatever is written to the copy (a fresh
// assembly) is lost when it is closed. Costs a copy of the whole file.
// On failure: NotFound when there is no file at path; Io when it cannot be
// read or is not a dossier store.
Result<std::unique_ptr<Store>> OpenSqliteStoreSnapshot(const std::filesystem::path& path,
                                                       Env& env = Env::Default());

// The schema version this build writes.
int StoreSchemaVersion();

// Opens the store in the PostgreSQL database `conninfo` names (a libpq URL,
// postgresql://HOST/DB, or key=value string; what it leaves out comes from
// libpq's defaults and PG* variables), creating or migrating its tables in the
// connection's schema (the first of its search_path). Migrations run once,
// under an advisory lock, whichever machine starts first. The behaviour is
// the SQLite store's for every interface; writers take turns. The times the
// store records are env's; env must outlive the store. A connection that
// broke (the server restarted) is made again at the next transaction.
// On failure: InvalidInput when conninfo holds a password (libpq reads it
// from PGPASSFILE or PGPASSWORD instead) or cannot be parsed; Io when the
// server cannot be reached, refuses the login, or the database is not UTF-8
// or holds another program's tables, or a newer dossier's schema.
Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& conninfo,
                                                 Env& env = Env::Default());

// OpenSqliteStoreSnapshot's counterpart, for commands that only read: the
// store as one consistent picture (a REPEATABLE READ transaction that is
// never committed), to which a fresh assembly may be written and is lost
// when the store is closed (it goes to temporary tables standing in for the
// assembly's). Nothing in the database changes, no writer waits for it, and
// nothing is migrated.
// On failure: NotFound when the database holds no dossier store; Io when its
// schema is not this build's version (older: a writing command upgrades it)
// or the server cannot be reached; InvalidInput as OpenPostgresStore.
Result<std::unique_ptr<Store>> OpenPostgresStoreSnapshot(const std::string& conninfo,
                                                         Env& env = Env::Default());

// The schema version of the PostgreSQL store this build writes.
int PostgresStoreSchemaVersion();

// Where a store is, as --store and the settings file's `store =` give it.
struct StoreLocation {
  enum Engine { kSqlite, kPostgres };
  Engine engine = kSqlite;
  std::filesystem::path sqlite_path;  // kSqlite
  std::string conninfo;               // kPostgres: the URL as given
};

// Reads `spec`: "" is the data folder's SQLite file (`default_sqlite`); a
// path or "sqlite:PATH" an SQLite file; "postgresql://…" or "postgres://…" a
// PostgreSQL database (a libpq URL).
// On failure: InvalidInput for a URL holding a password (it belongs in
// PGPASSFILE) or of another scheme.
Result<StoreLocation> ParseStoreLocation(const std::string& spec,
                                         const std::filesystem::path& default_sqlite);

// The one way commands open the store: OpenSqliteStore or OpenPostgresStore.
Result<std::unique_ptr<Store>> OpenStoreAt(const StoreLocation& where, Env& env = Env::Default());

// For commands that only read: OpenSqliteStoreSnapshot or
// OpenPostgresStoreSnapshot.
Result<std::unique_ptr<Store>> OpenStoreSnapshotAt(const StoreLocation& where,
                                                   Env& env = Env::Default());

}  // namespace dossier
