// The store's event log (events.h).
#include <string>
#include <vector>

#include "sql_store.h"

namespace dossier::store_internal {

Result<std::vector<EventView>> SqlStore::ListEvents(const std::string& sha256) {
  return Guarded<Result<std::vector<EventView>>>("listing events",
                                                 [&] { return DoListEvents(sha256); });
}

Status SqlStore::AddEvent(const std::string& sha256, const char* event, const std::string& detail,
                          int64_t at_ms, const std::string& doing) {
  DOSSIER_STORE_ASSIGN_OR_RETURN(
      stmt,
      Prepare("INSERT INTO events (at_ms, sha256, event, detail) VALUES (?1, ?2, ?3, ?4)", doing));
  stmt->BindInt(1, at_ms).BindTextOrNull(2, sha256).BindText(3, event).BindText(4, detail);
  return stmt->Run();
}

Result<std::vector<EventView>> SqlStore::DoListEvents(const std::string& sha256) {
  const std::string doing = "listing events";
  // Store-level events have a NULL sha256, which `=` never matches; the two
  // engines spell "equal or both NULL" differently, so each case has its own
  // statement.
  DOSSIER_STORE_ASSIGN_OR_RETURN(
      stmt, Prepare(sha256.empty() ? "SELECT at_ms, sha256, event, detail FROM events "
                                     "WHERE sha256 IS NULL ORDER BY id"
                                   : "SELECT at_ms, sha256, event, detail FROM events "
                                     "WHERE sha256 = ?1 ORDER BY id",
                    doing));
  if (!sha256.empty()) stmt->BindText(1, sha256);
  std::vector<EventView> out;
  DOSSIER_STORE_RETURN_IF_ERROR(stmt->ForEachRow([&] {
    out.push_back(EventView{stmt->Int(0), stmt->Text(1), stmt->Text(2), stmt->Text(3)});
  }));
  return out;
}

}  // namespace dossier::store_internal
