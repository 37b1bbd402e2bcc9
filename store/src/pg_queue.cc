// The PostgreSQL store's waiting for jobs (queue.h): workers LISTEN for the
// NOTIFY of a queued job (PgStore::AnnounceJob) and poll as well, since
// NOTIFY is best effort.
#include <poll.h>

#include <algorithm>
#include <optional>
#include <string>

#include "pg_store.h"

namespace dossier::store_internal::pg {

Result<bool> PgStore::WaitForJobs(int64_t timeout_ms) {
  return Guarded<Result<bool>>("waiting for queued jobs",
                               [&] { return DoWaitForJobs(timeout_ms); });
}

Result<bool> PgStore::DoWaitForJobs(int64_t timeout_ms) {
  const std::string doing = "waiting for queued jobs";
  DOSSIER_STORE_RETURN_IF_ERROR(db_.EnsureOpen(doing));
  if (listening_session_ != db_.session()) {
    DOSSIER_STORE_RETURN_IF_ERROR(db_.ExecScript("LISTEN " kJobsChannel, doing));
    listening_session_ = db_.session();
  }
  PGconn* conn = db_.get();
  auto drain = [conn] {
    bool any = false;
    while (PGnotify* notice = PQnotifies(conn)) {
      any = true;
      PQfreemem(notice);
    }
    return any;
  };
  if (drain()) return true;
  struct pollfd pfd {
    PQsocket(conn), POLLIN, 0
  };
  const int ready = ::poll(&pfd, 1, static_cast<int>(std::max<int64_t>(timeout_ms, 0)));
  if (ready <= 0) return false;  // the time is up, or a signal (the caller looks why)
  // A broken connection shows here; the next statement connects again.
  if (PQconsumeInput(conn) == 0) return false;
  return drain();
}

}  // namespace dossier::store_internal::pg
