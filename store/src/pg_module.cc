// dossier-pg.so's entry (pg_module.h).
#include "pg_module.h"

#include "pg_store.h"
#include "pg_util.h"

namespace dossier::store_internal::pg {
namespace {

class PgModuleImpl final : public PgModule {
 public:
  Result<std::unique_ptr<Store>> Open(const std::string& conninfo, Env& env) override {
    return OpenNow(conninfo, env);
  }
  Result<std::unique_ptr<Store>> OpenSnapshot(const std::string& conninfo, Env& env) override {
    return OpenSnapshotNow(conninfo, env);
  }
  Result<bool> ConninfoHasPassword(const std::string& conninfo) override {
    return pg::ConninfoHasPassword(conninfo);
  }
  int SchemaVersion() override { return KnownPgSchemaVersion(); }
};

}  // namespace
}  // namespace dossier::store_internal::pg

// Never destroyed: modules stay loaded until the process ends.
DOSSIER_MODULE_ENTRY(new dossier::store_internal::pg::PgModuleImpl)
