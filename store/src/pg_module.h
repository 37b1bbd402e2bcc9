// The PostgreSQL engine of the store (dossier-pg.so: libpq, and the
// Kerberos, LDAP and TLS libraries it pulls in): loaded when --store names a
// postgresql:// URL, so that a store on SQLite never loads libpq.
#pragma once

#include <memory>
#include <string>

#include "dossier/common/env.h"
#include "dossier/common/module.h"
#include "dossier/common/status.h"
#include "dossier/store/store.h"

namespace dossier::store_internal::pg {

class PgModule {
 public:
  // As store.h and pg_util.h declare them.
  virtual Result<std::unique_ptr<Store>> Open(const std::string& conninfo, Env& env) = 0;
  virtual Result<std::unique_ptr<Store>> OpenSnapshot(const std::string& conninfo, Env& env) = 0;
  virtual Result<bool> ConninfoHasPassword(const std::string& conninfo) = 0;
  virtual int SchemaVersion() = 0;

 protected:
  ~PgModule() = default;
};

// The PostgreSQL module, loaded on first use.
// On failure: module_missing (common/module.h).
inline Result<PgModule*> LoadPgModule() {
  return LoadModuleAs<PgModule>("pg", "使用 PostgreSQL 存储");
}

// The implementations inside the module (pg_store.cc).
Result<std::unique_ptr<Store>> OpenNow(const std::string& conninfo, Env& env);
Result<std::unique_ptr<Store>> OpenSnapshotNow(const std::string& conninfo, Env& env);

}  // namespace dossier::store_internal::pg
