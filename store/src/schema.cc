#include "schema.h"

#include <iterator>
#include <string>

#include "migrations.h"
#include "new_store_schema.h"

namespace dossier::store_internal {

namespace {

// Marks the SQLite file as a dossier store (PRAGMA application_id), so that
// opening some other program's database is refused instead of migrated.
constexpr int64_t kApplicationId = 0x444F5353;  // "DOSS"

constexpr int kKnownVersion = static_cast<int>(std::size(kMigrations));
static_assert(kNewStoreSchemaVersion == kKnownVersion,
              "new_store_schema.h is made from migrations.h by the build");

Result<int64_t> ReadPragma(Database& db, const char* sql, const std::string& doing) {
  Result<Statement> stmt = Statement::Prepare(db.get(), sql, doing);
  if (!stmt.ok()) return stmt.status();
  Result<bool> row = stmt->Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::Internal(doing + ": the pragma returned nothing");
  return stmt->Int(0);
}

Status NewerStore(const std::string& path, int64_t version) {
  return Status::Io("the store at " + path + " was written by a newer dossier (schema " +
                    std::to_string(version) + "); this build knows up to " +
                    std::to_string(kKnownVersion));
}

Status ForeignDatabase(const std::string& doing) {
  return Status::Io(doing +
                    ": the file is an SQLite database of another program, not a dossier store");
}

}  // namespace

int KnownSchemaVersion() { return kKnownVersion; }

Status Migrate(Database& db, const std::string& path) {
  const std::string doing = "cannot open the store at " + path;

  // Looked at without a lock first, so that opening an up-to-date store (the
  // usual case) never waits for the write lock.
  Result<int64_t> app_id = ReadPragma(db, "PRAGMA application_id", doing);
  if (!app_id.ok()) return app_id.status();
  if (*app_id != 0 && *app_id != kApplicationId) return ForeignDatabase(doing);
  Result<int64_t> version = ReadPragma(db, "PRAGMA user_version", doing);
  if (!version.ok()) return version.status();
  if (*version > kKnownVersion) return NewerStore(path, *version);

  // A step may rebuild a table others refer to; SQLite's way is with
  // foreign keys off (they cannot be switched inside a transaction), and a
  // check of every reference before the step commits.
  struct ForeignKeysOffWhileMigrating {
    Database& db;
    bool off = false;
    ~ForeignKeysOffWhileMigrating() {
      if (off) (void)db.ExecScript("PRAGMA foreign_keys = ON", "re-enabling foreign keys");
    }
  } foreign_keys{db};
  if (*version < kKnownVersion) {
    DOSSIER_STORE_RETURN_IF_ERROR(db.ExecScript("PRAGMA foreign_keys = OFF", doing));
    foreign_keys.off = true;
  }

  if (*version == kKnownVersion) return Status::Ok();
  // Every step in one transaction: a new store is made with one commit
  // rather than one per step, and a crash part way leaves the store
  // as it was, to be upgraded whole at the next start, as a crash inside a
  // step always did.
  Transaction tx(db);
  DOSSIER_STORE_RETURN_IF_ERROR(tx.Begin(doing));
  // Read again under the write lock: another process may have migrated
  // between our first look and BEGIN IMMEDIATE.
  version = ReadPragma(db, "PRAGMA user_version", doing);
  if (!version.ok()) return version.status();
  if (*version > kKnownVersion) return NewerStore(path, *version);
  if (*version == kKnownVersion) return Status::Ok();  // tx rolls back: nothing was written
  while (*version < kKnownVersion) {
    app_id = ReadPragma(db, "PRAGMA application_id", doing);
    if (!app_id.ok()) return app_id.status();
    Result<int64_t> objects = ReadPragma(db, "SELECT count(*) FROM sqlite_master", doing);
    if (!objects.ok()) return objects.status();
    // A file marked by another program, or with tables but no version, is
    // someone else's database; creating ours beside theirs would mix the two.
    if ((*app_id != 0 && *app_id != kApplicationId) || (*version == 0 && *objects != 0)) {
      return ForeignDatabase(doing);
    }

    // A new store is made in one step, by the script the build made by
    // running every step (new_store_schema.h): the same schema, without the
    // schema reloads that each step's ALTER TABLE costs SQLite (most of the
    // time a new data folder took to make). An existing store takes the steps
    // it lacks.
    const bool new_store = *version == 0;
    const int next = new_store ? kKnownVersion : static_cast<int>(*version) + 1;
    const std::string step_doing =
        doing + ": upgrading the schema to version " + std::to_string(next);
    DOSSIER_STORE_RETURN_IF_ERROR(
        db.ExecScript(new_store ? kNewStoreSchema : kMigrations[next - 1], step_doing));
    Result<int64_t> broken =
        ReadPragma(db, "SELECT count(*) FROM pragma_foreign_key_check", step_doing);
    if (!broken.ok()) return broken.status();
    if (*broken != 0) {
      return Status::Internal(step_doing + ": " + std::to_string(*broken) +
                              " rows would refer to rows that do not exist");
    }
    // PRAGMA takes no bound parameters; both numbers are our own constants,
    // never data, so formatting them into the text is safe.
    std::string bump = "PRAGMA user_version = " + std::to_string(next);
    if (new_store) bump += "; PRAGMA application_id = " + std::to_string(kApplicationId);
    DOSSIER_STORE_RETURN_IF_ERROR(db.ExecScript(bump.c_str(), step_doing));
    version = int64_t{next};
  }
  return tx.Commit();
}

}  // namespace dossier::store_internal
