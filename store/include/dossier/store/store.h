// The store: every file, document, span, reading, application and event.
// The rest of the program sees it through these interfaces only; SQL lives in
// store/src. Each concern has its own interface (arrivals.h, documents.h,
// applications.h, views.h, queue.h, events.h), so that a part of the program
// can ask for only what it uses; a Store is all of them over one database,
// and every engine (SQLite today; a server database later) implements Store
// and passes the same contract tests (tests/store/store_contract_test.cc).
#pragma once

#include <filesystem>
#include <memory>

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

}  // namespace dossier
