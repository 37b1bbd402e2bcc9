// The PostgreSQL store's event log (events.h).
#include <string>
#include <vector>

#include "pg_store.h"

namespace dossier::store_internal::pg {

Result<std::vector<EventView>> PgStore::ListEvents(const std::string& sha256) {
  return Guarded<Result<std::vector<EventView>>>("listing events",
                                                 [&] { return DoListEvents(sha256); });
}

Status PgStore::AddEvent(const std::string& sha256, const char* event, const std::string& detail,
                         int64_t at_ms, const std::string& doing) {
  DOSSIER_STORE_ASSIGN_OR_RETURN(
      stmt,
      Prepare("INSERT INTO events (at_ms, sha256, event, detail) VALUES ($1, $2, $3, $4)", doing));
  stmt.BindInt(1, at_ms).BindTextOrNull(2, sha256).BindText(3, event).BindText(4, detail);
  return stmt.Run();
}

Result<std::vector<EventView>> PgStore::DoListEvents(const std::string& sha256) {
  const std::string doing = "listing events";
  // IS NOT DISTINCT FROM matches NULL to NULL too, so one statement serves
  // both cases.
  DOSSIER_STORE_ASSIGN_OR_RETURN(
      stmt,
      Prepare(
          "SELECT at_ms, sha256, event, detail FROM events WHERE sha256 IS NOT DISTINCT FROM $1 "
          "ORDER BY id",
          doing));
  stmt.BindTextOrNull(1, sha256);
  std::vector<EventView> out;
  DOSSIER_STORE_RETURN_IF_ERROR(stmt.ForEachRow([&] {
    out.push_back(EventView{stmt.Int(0), stmt.Text(1), stmt.Text(2), stmt.Text(3)});
  }));
  return out;
}

}  // namespace dossier::store_internal::pg
