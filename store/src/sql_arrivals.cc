// The store's arrivals (arrivals.h): files by digest, their arrivals,
// refusals and what a watcher took from its inbox.
#include <optional>
#include <string>

#include "sql_store.h"

namespace dossier::store_internal {

Result<ArrivalResult> SqlStore::RecordArrival(const Arrival& arrival) {
  return Guarded<Result<ArrivalResult>>("recording an arrival",
                                        [&] { return DoRecordArrival(arrival, nullptr); });
}

Result<ArrivalResult> SqlStore::RecordInboxArrival(const Arrival& arrival,
                                                   const InboxStamp& stamp) {
  return Guarded<Result<ArrivalResult>>("recording an arrival",
                                        [&] { return DoRecordArrival(arrival, &stamp); });
}

Status SqlStore::RecordRefusal(const Refusal& refusal) {
  return Guarded<Status>("recording a refused file", [&] { return DoRecordRefusal(refusal); });
}

Result<bool> SqlStore::ArrivedOnlyInArchives(const std::string& sha256) {
  return Guarded<Result<bool>>("looking up a file's arrivals",
                               [&] { return DoArrivedOnlyInArchives(sha256); });
}

Result<bool> SqlStore::WasTaken(const InboxStamp& stamp) {
  return Guarded<Result<bool>>("looking up an inbox file", [&] { return DoWasTaken(stamp); });
}

Result<std::optional<FileRow>> SqlStore::FindFile(const std::string& sha256,
                                                  const std::string& doing) {
  DOSSIER_STORE_ASSIGN_OR_RETURN(
      stmt, Prepare("SELECT id, state, first_path FROM files WHERE sha256 = ?1", doing));
  stmt->BindText(1, sha256);
  DOSSIER_STORE_ASSIGN_OR_RETURN(row, stmt->Step());
  if (!row) return std::optional<FileRow>();
  return std::optional<FileRow>(FileRow{stmt->Int(0), StateFromName(stmt->Text(1)), stmt->Text(2)});
}

Result<FileRow> SqlStore::FindQueuedFile(const std::string& sha256, const char* once,
                                         const std::string& doing) {
  DOSSIER_STORE_ASSIGN_OR_RETURN(file, FindFile(sha256, doing));
  if (!file) return Status::NotFound(doing + ": no file with this digest was received");
  if (file->state != FileState::kQueued) {
    return Status::InvalidInput(doing + " (" + file->first_path + "): the file is already " +
                                StateName(file->state) + ", it is " + once + " only once")
        .WithReasonCode(kJobEndedCode);
  }
  return *std::move(file);
}

Result<ArrivalResult> SqlStore::DoRecordArrival(const Arrival& arrival, const InboxStamp* stamp) {
  const std::string doing = "recording the arrival of " + arrival.path_as_received;
  DOSSIER_STORE_ASSIGN_OR_RETURN(tx, BeginWrite(doing, Durability::kDurable));
  DOSSIER_STORE_ASSIGN_OR_RETURN(result, RecordArrivalInTransaction(arrival, stamp));
  DOSSIER_STORE_RETURN_IF_ERROR(tx->Commit());
  return result;
}

Result<ArrivalResult> SqlStore::RecordArrivalInTransaction(const Arrival& arrival,
                                                           const InboxStamp* inbox, int64_t archive,
                                                           int64_t mail) {
  const std::string doing = "recording the arrival of " + arrival.path_as_received;
  if (arrival.sha256.empty()) return Status::InvalidInput(doing + ": the file has no digest");
  DOSSIER_STORE_ASSIGN_OR_RETURN(known, FindFile(arrival.sha256, doing));

  ArrivalResult result;
  int64_t file_id = 0;
  std::string event;
  std::string detail;
  if (!known) {
    DOSSIER_STORE_ASSIGN_OR_RETURN(
        insert, Prepare("INSERT INTO files (sha256, size, type, state, first_path, created_ms) "
                        "VALUES (?1, ?2, ?3, 'queued', ?4, ?5) RETURNING id",
                        doing));
    insert->BindText(1, arrival.sha256)
        .BindInt(2, arrival.size)
        .BindText(3, arrival.type)
        .BindText(4, arrival.path_as_received)
        .BindInt(5, arrival.received_at_ms);
    DOSSIER_STORE_ASSIGN_OR_RETURN(inserted, InsertedId(*insert, doing, "file"));
    file_id = inserted;
    DOSSIER_STORE_RETURN_IF_ERROR(AnnounceJob(doing));
    result.first_arrival = true;
    result.state = FileState::kQueued;
    event = "received";
    detail = arrival.path_as_received + " (" + arrival.type + ", " +
             Plural(static_cast<size_t>(arrival.size), "byte", "bytes") + ")";
  } else {
    file_id = known->id;
    result.first_arrival = false;
    result.state = known->state;
    event = "duplicate";
    detail = arrival.path_as_received + ": same bytes as " + known->first_path;
  }

  // The same bytes under the same path are the same arrival seen again
  // (the same folder ingested twice), not a new one.
  int64_t arrival_id = 0;
  if (known) {
    DOSSIER_STORE_ASSIGN_OR_RETURN(
        same, Prepare("SELECT id FROM arrivals WHERE file = ?1 AND path_as_received = ?2 "
                      "ORDER BY id LIMIT 1",
                      doing));
    same->BindInt(1, file_id).BindText(2, arrival.path_as_received);
    DOSSIER_STORE_ASSIGN_OR_RETURN(seen, same->Step());
    if (seen) {
      arrival_id = same->Int(0);
      detail = arrival.path_as_received + ": seen again (same bytes, same path)";
    }
  }
  if (arrival_id == 0) {
    DOSSIER_STORE_ASSIGN_OR_RETURN(
        add, Prepare("INSERT INTO arrivals (file, path_as_received, received_at_ms, archive, "
                     "mail) VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
                     doing));
    add->BindInt(1, file_id)
        .BindText(2, arrival.path_as_received)
        .BindInt(3, arrival.received_at_ms);
    if (archive > 0) {
      add->BindInt(4, archive);
    } else {
      add->BindNull(4);
    }
    if (mail > 0) {
      add->BindInt(5, mail);
    } else {
      add->BindNull(5);
    }
    DOSSIER_STORE_ASSIGN_OR_RETURN(added, InsertedId(*add, doing, "arrival"));
    arrival_id = added;
  }
  // The path is accounted for by these bytes now, not by an old refusal.
  DOSSIER_STORE_ASSIGN_OR_RETURN(unrefuse,
                                 Prepare("DELETE FROM refused WHERE path_as_received = ?1", doing));
  unrefuse->BindText(1, arrival.path_as_received);
  DOSSIER_STORE_RETURN_IF_ERROR(unrefuse->Run());
  if (inbox != nullptr) {
    DOSSIER_STORE_ASSIGN_OR_RETURN(
        stamp, Prepare("INSERT INTO inbox_taken (inbox, path, size, mtime_ns, arrival) "
                       "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (inbox, path) DO UPDATE SET "
                       "size = excluded.size, mtime_ns = excluded.mtime_ns, "
                       "arrival = excluded.arrival",
                       doing));
    stamp->BindText(1, inbox->inbox)
        .BindText(2, inbox->path)
        .BindInt(3, inbox->size)
        .BindInt(4, inbox->mtime_ns)
        .BindInt(5, arrival_id);
    DOSSIER_STORE_RETURN_IF_ERROR(stamp->Run());
  }
  DOSSIER_STORE_RETURN_IF_ERROR(
      AddEvent(arrival.sha256, event.c_str(), detail, arrival.received_at_ms, doing));
  return result;
}

Status SqlStore::DoRecordRefusal(const Refusal& refusal) {
  const std::string doing = "recording that " + refusal.path_as_received + " was refused";
  DOSSIER_STORE_ASSIGN_OR_RETURN(tx, BeginWrite(doing, Durability::kDurable));
  DOSSIER_STORE_ASSIGN_OR_RETURN(
      upsert, Prepare("INSERT INTO refused (path_as_received, code, reason, at_ms) "
                      "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (path_as_received) DO UPDATE SET "
                      "code = ?2, reason = ?3, at_ms = ?4",
                      doing));
  upsert->BindText(1, refusal.path_as_received)
      .BindText(2, refusal.code)
      .BindText(3, refusal.reason)
      .BindInt(4, refusal.at_ms);
  DOSSIER_STORE_RETURN_IF_ERROR(upsert->Run());
  DOSSIER_STORE_RETURN_IF_ERROR(AddEvent(
      "", "refused", refusal.path_as_received + ": " + refusal.code + ": " + refusal.reason,
      refusal.at_ms, doing));
  return tx->Commit();
}

Result<bool> SqlStore::DoArrivedOnlyInArchives(const std::string& sha256) {
  const std::string doing = "looking up the arrivals of the file " + sha256;
  DOSSIER_STORE_ASSIGN_OR_RETURN(stmt, Prepare("SELECT count(*), count(a.archive) FROM arrivals a "
                                               "JOIN files f ON f.id = a.file WHERE f.sha256 = ?1",
                                               doing));
  stmt->BindText(1, sha256);
  DOSSIER_STORE_ASSIGN_OR_RETURN(row, stmt->Step());
  if (!row) return false;
  return stmt->Int(0) > 0 && stmt->Int(0) == stmt->Int(1);
}

Result<bool> SqlStore::DoWasTaken(const InboxStamp& stamp) {
  const std::string doing = "looking up the inbox file " + stamp.path;
  DOSSIER_STORE_ASSIGN_OR_RETURN(
      stmt, Prepare("SELECT 1 FROM inbox_taken WHERE inbox = ?1 AND path = ?2 AND size = ?3 "
                    "AND mtime_ns = ?4",
                    doing));
  stmt->BindText(1, stamp.inbox)
      .BindText(2, stamp.path)
      .BindInt(3, stamp.size)
      .BindInt(4, stamp.mtime_ns);
  DOSSIER_STORE_ASSIGN_OR_RETURN(row, stmt->Step());
  return row;
}

}  // namespace dossier::store_internal
