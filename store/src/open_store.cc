// The one place that picks the store's engine from where the store is said
// to be (--store, `store =`).
#include <string>

#include "dossier/store/store.h"
#include "pg_module.h"

namespace dossier {

namespace {

bool StartsWith(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

}  // namespace

Result<StoreLocation> ParseStoreLocation(const std::string& spec,
                                         const std::filesystem::path& default_sqlite) {
  StoreLocation where;
  if (StartsWith(spec, "postgresql://") || StartsWith(spec, "postgres://")) {
    auto pg = store_internal::pg::LoadPgModule();
    if (!pg.ok()) return pg.status();
    auto has_password = (*pg)->ConninfoHasPassword(spec);
    if (!has_password.ok()) return has_password.status();
    if (*has_password) {
      return Status::InvalidInput(
          "the PostgreSQL URL holds a password; leave it out and put it in a password "
          "file named by PGPASSFILE (default ~/.pgpass, mode 0600), where libpq reads it");
    }
    where.engine = StoreLocation::kPostgres;
    where.conninfo = spec;
    return where;
  }
  where.engine = StoreLocation::kSqlite;
  if (spec.empty()) {
    where.sqlite_path = default_sqlite;
  } else if (StartsWith(spec, "sqlite:")) {
    where.sqlite_path = spec.substr(7);
  } else if (spec.find("://") != std::string::npos) {
    return Status::InvalidInput(spec + " is neither a path, sqlite:PATH nor a postgresql:// URL");
  } else {
    where.sqlite_path = spec;
  }
  if (where.sqlite_path.empty()) return Status::InvalidInput("sqlite: names no file");
  return where;
}

Result<std::unique_ptr<Store>> OpenStoreAt(const StoreLocation& where, Env& env) {
  if (where.engine == StoreLocation::kPostgres) return OpenPostgresStore(where.conninfo, env);
  return OpenSqliteStore(where.sqlite_path, env);
}

Result<std::unique_ptr<Store>> OpenStoreSnapshotAt(const StoreLocation& where, Env& env) {
  if (where.engine == StoreLocation::kPostgres) {
    return OpenPostgresStoreSnapshot(where.conninfo, env);
  }
  return OpenSqliteStoreSnapshot(where.sqlite_path, env);
}

Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& conninfo, Env& env) {
  auto pg = store_internal::pg::LoadPgModule();
  if (!pg.ok()) return pg.status();
  return (*pg)->Open(conninfo, env);
}

Result<std::unique_ptr<Store>> OpenPostgresStoreSnapshot(const std::string& conninfo, Env& env) {
  auto pg = store_internal::pg::LoadPgModule();
  if (!pg.ok()) return pg.status();
  return (*pg)->OpenSnapshot(conninfo, env);
}

int PostgresStoreSchemaVersion() {
  auto pg = store_internal::pg::LoadPgModule();
  return pg.ok() ? (*pg)->SchemaVersion() : 0;
}

}  // namespace dossier
