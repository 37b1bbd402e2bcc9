// The SQLite store. All SQL of dossier lives in store/src; values reach it
// only through bound parameters.
#include <chrono>
#include <exception>
#include <map>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "dossier/common/text.h"
#include "dossier/normalize/place_words.h"
#include "dossier/store/store.h"
#include "schema.h"
#include "sqlite_util.h"

namespace dossier {

namespace {

using store_internal::Database;
using store_internal::Statement;
using store_internal::Transaction;

// Like DOSSIER_STORE_RETURN_IF_ERROR, for a Result<T>: declares `var` holding
// the value, or returns the failure.
#define DOSSIER_STORE_ASSIGN_OR_RETURN(var, expr)       \
  auto var##_result = (expr);                           \
  if (!var##_result.ok()) return var##_result.status(); \
  auto var = std::move(var##_result).value()

constexpr int kBusyTimeoutMs = 5000;

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

const char* StateName(FileState state) {
  switch (state) {
    case FileState::kQueued:
      return "queued";
    case FileState::kDone:
      return "done";
    case FileState::kRejected:
      return "rejected";
  }
  return "queued";
}

FileState StateFromName(const std::string& name) {
  if (name == "done") return FileState::kDone;
  if (name == "rejected") return FileState::kRejected;
  return FileState::kQueued;
}

// Text that came from documents may hold invalid UTF-8; it is stored with
// U+FFFD in place of the bad bytes rather than refused (damaged text is data).
std::string JsonText(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<nlohmann::json> ParseJson(const std::string& text, const std::string& doing) {
  nlohmann::json value = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) {
    return Status::Internal(doing + ": the store holds a damaged value (" + text.substr(0, 80) +
                            ")");
  }
  return value;
}

nlohmann::json BoxJson(const BBox& box) { return {box.x0, box.y0, box.x1, box.y1}; }

nlohmann::json WordsJson(const std::vector<WordBox>& words) {
  nlohmann::json out = nlohmann::json::array();
  for (const WordBox& word : words) {
    out.push_back(
        {{"text", word.text}, {"bbox", BoxJson(word.bbox)}, {"confidence", word.confidence}});
  }
  return out;
}

std::string Plural(size_t n, const char* one, const char* many) {
  return text::CountOf(n, one, many);
}

// Runs `body` and turns any exception (allocation, a library bug) into a
// Status, so that none escapes the stage. An open Transaction rolls back as
// the exception unwinds through it.
template <typename T, typename F>
T Guarded(const char* doing, F&& body) {
  try {
    return body();
  } catch (const std::exception& e) {
    return Status::Internal(std::string(doing) + ": unexpected failure (" + e.what() + ")");
  }
}

// The mail file f came in (its earliest arrival by mail), or f itself when f
// is a mail, or the mail whose path f's first path lies under (a file of a ZIP
// that came in a mail); NULL when none.
#define kMailOfFile                                                                          \
  "COALESCE((SELECT a.mail FROM arrivals a WHERE a.file = f.id AND a.mail IS NOT NULL "      \
  "ORDER BY a.received_at_ms, a.id LIMIT 1), (SELECT m2.file FROM mails m2 WHERE m2.file = " \
  "f.id), (SELECT m3.file FROM mails m3 JOIN files mf3 ON mf3.id = m3.file WHERE "          \
  "substr(f.first_path, 1, length(mf3.first_path) + 1) = mf3.first_path || '/' LIMIT 1))"

class SqliteStore final : public Store {
 public:
  SqliteStore(Database db, std::string path) : db_(std::move(db)), path_(std::move(path)) {}

  Result<ArrivalResult> RecordArrival(const Arrival& arrival) override {
    return Guarded<Result<ArrivalResult>>("recording an arrival",
                                          [&] { return DoRecordArrival(arrival, nullptr); });
  }
  Result<ArrivalResult> RecordInboxArrival(const Arrival& arrival,
                                           const InboxStamp& stamp) override {
    return Guarded<Result<ArrivalResult>>("recording an arrival",
                                          [&] { return DoRecordArrival(arrival, &stamp); });
  }
  Status SaveDocuments(const std::string& sha256,
                       const std::vector<norm::DocumentPart>& parts) override {
    return Guarded<Status>("saving what was read", [&] { return DoSaveDocuments(sha256, parts); });
  }
  Status RejectFile(const std::string& sha256, const std::string& code,
                    const std::string& reason) override {
    return Guarded<Status>("rejecting a file", [&] { return DoRejectFile(sha256, code, reason); });
  }
  Status RecordRefusal(const Refusal& refusal) override {
    return Guarded<Status>("recording a refused file", [&] { return DoRecordRefusal(refusal); });
  }
  Result<bool> ArrivedOnlyInArchives(const std::string& sha256) override {
    return Guarded<Result<bool>>("looking up a file's arrivals",
                                 [&] { return DoArrivedOnlyInArchives(sha256); });
  }
  Result<std::vector<std::string>> QueuedFiles() override {
    return Guarded<Result<std::vector<std::string>>>("listing queued files",
                                                     [&] { return DoQueuedFiles(); });
  }
  Result<std::vector<norm::DocumentFacts>> LoadDocumentFacts() override {
    return Guarded<Result<std::vector<norm::DocumentFacts>>>("loading document readings",
                                                             [&] { return DoLoadDocumentFacts(); });
  }
  Status SaveAssembly(const norm::Assembly& assembly) override {
    return Guarded<Status>("saving the applications", [&] { return DoSaveAssembly(assembly); });
  }
  Result<std::vector<ApplicationView>> ListApplications() override {
    return Guarded<Result<std::vector<ApplicationView>>>("listing applications",
                                                         [&] { return DoListApplications(); });
  }
  Result<std::vector<UnassignedView>> ListUnassigned() override {
    return Guarded<Result<std::vector<UnassignedView>>>("listing unassigned documents",
                                                        [&] { return DoListUnassigned(); });
  }
  Result<std::vector<RejectedView>> ListRejected() override {
    return Guarded<Result<std::vector<RejectedView>>>("listing rejected files",
                                                      [&] { return DoListRejected(); });
  }
  Result<std::vector<EventView>> ListEvents(const std::string& sha256) override {
    return Guarded<Result<std::vector<EventView>>>("listing events",
                                                   [&] { return DoListEvents(sha256); });
  }
  Result<StoreCounts> Counts() override {
    return Guarded<Result<StoreCounts>>("counting", [&] { return DoCounts(); });
  }
  Result<std::optional<JobClaim>> ClaimJob(const std::string& sha256, const std::string& runner,
                                           int64_t now_ms) override {
    return Guarded<Result<std::optional<JobClaim>>>(
        "claiming a job", [&] { return DoClaimJob(sha256, runner, now_ms); });
  }
  Status ReleaseJob(const std::string& sha256, const std::string& runner, const std::string& why,
                    bool attempt_counts, int64_t now_ms) override {
    return Guarded<Status>("putting a job back in the queue", [&] {
      return DoReleaseJob(sha256, runner, why, attempt_counts, now_ms);
    });
  }
  Result<std::vector<RunningJob>> RunningJobs() override {
    return Guarded<Result<std::vector<RunningJob>>>("listing running jobs",
                                                    [&] { return DoRunningJobs(); });
  }
  Result<std::vector<ArrivalResult>> SaveExpansion(const std::string& sha256,
                                                   const std::vector<ExpandedMember>& members,
                                                   const std::string& detail) override {
    return Guarded<Result<std::vector<ArrivalResult>>>(
        "saving the files of an archive", [&] { return DoSaveExpansion(sha256, members, detail); });
  }
  Result<std::vector<ArrivalResult>> SaveMail(const std::string& sha256, const MailRecord& mail,
                                              const std::vector<norm::DocumentPart>& letter,
                                              const std::vector<ExpandedMember>& members,
                                              const std::string& detail) override {
    return Guarded<Result<std::vector<ArrivalResult>>>(
        "saving a mail", [&] { return DoSaveExpansion(sha256, members, detail, &mail, &letter); });
  }
  Result<bool> WasTaken(const InboxStamp& stamp) override {
    return Guarded<Result<bool>>("looking up an inbox file", [&] { return DoWasTaken(stamp); });
  }
  Result<QueueView> Queue(int max_errors) override {
    return Guarded<Result<QueueView>>("reading the queue", [&] { return DoQueue(max_errors); });
  }
  Result<Document> LoadDocument(int64_t document_id) override {
    return Guarded<Result<Document>>("loading a document",
                                     [&] { return DoLoadDocument(document_id); });
  }

 private:
  Result<Statement> Prepare(std::string_view sql, std::string_view doing) {
    return Statement::Prepare(db_.get(), sql, doing);
  }

  // An empty sha256 records a store-level event (NULL in the table).
  Status AddEvent(const std::string& sha256, const char* event, const std::string& detail,
                  int64_t at_ms, const std::string& doing) {
    DOSSIER_STORE_ASSIGN_OR_RETURN(
        stmt, Prepare("INSERT INTO events (at_ms, sha256, event, detail) VALUES (?1, ?2, ?3, ?4)",
                      doing));
    stmt.BindInt(1, at_ms).BindTextOrNull(2, sha256).BindText(3, event).BindText(4, detail);
    return stmt.Run();
  }

  struct FileRow {
    int64_t id = 0;
    FileState state = FileState::kQueued;
    std::string first_path;
  };

  // Looks a file up by digest; nullopt when unknown.
  Result<std::optional<FileRow>> FindFile(const std::string& sha256, const std::string& doing) {
    DOSSIER_STORE_ASSIGN_OR_RETURN(
        stmt, Prepare("SELECT id, state, first_path FROM files WHERE sha256 = ?1", doing));
    stmt.BindText(1, sha256);
    DOSSIER_STORE_ASSIGN_OR_RETURN(row, stmt.Step());
    if (!row) return std::optional<FileRow>();
    return std::optional<FileRow>(FileRow{stmt.Int(0), StateFromName(stmt.Text(1)), stmt.Text(2)});
  }

  Result<ArrivalResult> DoRecordArrival(const Arrival& arrival, const InboxStamp* stamp) {
    const std::string doing = "recording the arrival of " + arrival.path_as_received;
    Transaction tx(db_);
    DOSSIER_STORE_RETURN_IF_ERROR(tx.Begin(doing));
    DOSSIER_STORE_ASSIGN_OR_RETURN(result, RecordArrivalInTransaction(arrival, stamp));
    DOSSIER_STORE_RETURN_IF_ERROR(tx.Commit());
    return result;
  }

  // RecordArrival's work, inside the caller's transaction (SaveExpansion
  // records many arrivals in one).
  // `archive` is the files.id of the archive (or mail) the file was found
  // in, 0 when it was dropped as itself; `mail` the files.id of the mail it
  // came in, 0 for none.
  Result<ArrivalResult> RecordArrivalInTransaction(const Arrival& arrival,
                                                   const InboxStamp* inbox = nullptr,
                                                   int64_t archive = 0, int64_t mail = 0) {
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
                          "VALUES (?1, ?2, ?3, 'queued', ?4, ?5)",
                          doing));
      insert.BindText(1, arrival.sha256)
          .BindInt(2, arrival.size)
          .BindText(3, arrival.type)
          .BindText(4, arrival.path_as_received)
          .BindInt(5, arrival.received_at_ms);
      DOSSIER_STORE_RETURN_IF_ERROR(insert.Run());
      file_id = sqlite3_last_insert_rowid(db_.get());
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
      same.BindInt(1, file_id).BindText(2, arrival.path_as_received);
      DOSSIER_STORE_ASSIGN_OR_RETURN(seen, same.Step());
      if (seen) {
        arrival_id = same.Int(0);
        detail = arrival.path_as_received + ": seen again (same bytes, same path)";
      }
    }
    if (arrival_id == 0) {
      DOSSIER_STORE_ASSIGN_OR_RETURN(
          add, Prepare("INSERT INTO arrivals (file, path_as_received, received_at_ms, archive, "
                       "mail) VALUES (?1, ?2, ?3, ?4, ?5)",
                       doing));
      add.BindInt(1, file_id)
          .BindText(2, arrival.path_as_received)
          .BindInt(3, arrival.received_at_ms);
      if (archive > 0) {
        add.BindInt(4, archive);
      } else {
        add.BindNull(4);
      }
      if (mail > 0) {
        add.BindInt(5, mail);
      } else {
        add.BindNull(5);
      }
      DOSSIER_STORE_RETURN_IF_ERROR(add.Run());
      arrival_id = sqlite3_last_insert_rowid(db_.get());
    }
    // The path is accounted for by these bytes now, not by an old refusal.
    DOSSIER_STORE_ASSIGN_OR_RETURN(
        unrefuse, Prepare("DELETE FROM refused WHERE path_as_received = ?1", doing));
    unrefuse.BindText(1, arrival.path_as_received);
    DOSSIER_STORE_RETURN_IF_ERROR(unrefuse.Run());
    if (inbox != nullptr) {
      DOSSIER_STORE_ASSIGN_OR_RETURN(
          stamp, Prepare("INSERT OR REPLACE INTO inbox_taken (inbox, path, size, mtime_ns, "
                         "arrival) VALUES (?1, ?2, ?3, ?4, ?5)",
                         doing));
      stamp.BindText(1, inbox->inbox)
          .BindText(2, inbox->path)
          .BindInt(3, inbox->size)
          .BindInt(4, inbox->mtime_ns)
          .BindInt(5, arrival_id);
      DOSSIER_STORE_RETURN_IF_ERROR(stamp.Run());
    }
    DOSSIER_STORE_RETURN_IF_ERROR(
        AddEvent(arrival.sha256, event.c_str(), detail, arrival.received_at_ms, doing));
    return result;
  }

  // Inserts readings of one scope; `row_index` < 0 stores NULL (not a row).
  static Status InsertReadings(Statement& stmt, int64_t document, const char* scope,
                               const std::vector<norm::FieldReading>& readings, int row_index,
                               int& position) {
    for (const norm::FieldReading& r : readings) {
      stmt.Reset();
      stmt.BindInt(1, document).BindText(2, scope).BindInt(3, position++);
      if (row_index >= 0) {
        stmt.BindInt(4, row_index);
      } else {
        stmt.BindNull(4);
      }
      // Declared none is stored as null whatever the reader put in value, so
      // that every consumer sees one representation of "absent".
      stmt.BindText(5, r.key)
          .BindText(6, r.declared_none ? std::string("null") : JsonText(r.value))
          .BindInt(7, r.declared_none ? 1 : 0)
          .BindText(8, r.raw)
          .BindDouble(9, r.confidence)
          .BindInt(10, r.span_id)
          .BindText(11, r.label);
      DOSSIER_STORE_RETURN_IF_ERROR(stmt.Run());
    }
    return Status::Ok();
  }

  Status DoSaveDocuments(const std::string& sha256, const std::vector<norm::DocumentPart>& parts) {
    const std::string doing = "saving what was read from the file " + sha256;
    if (parts.empty()) return Status::Internal(doing + ": no document was read from it");
    Transaction tx(db_);
    DOSSIER_STORE_RETURN_IF_ERROR(tx.Begin(doing));
    DOSSIER_STORE_ASSIGN_OR_RETURN(file, FindFile(sha256, doing));
    if (!file) return Status::NotFound(doing + ": no file with this digest was received");
    if (file->state != FileState::kQueued) {
      // A file is read exactly once; a second save means two workers took
      // the same job.
      return Status::InvalidInput(doing + " (" + file->first_path + "): the file is already " +
                                  StateName(file->state) + ", it is read only once");
    }
    std::string detail;
    for (size_t i = 0; i < parts.size(); ++i) {
      DOSSIER_STORE_RETURN_IF_ERROR(SaveDocument(file->id, static_cast<int>(i), parts[i], doing));
      const norm::DocumentPart& part = parts[i];
      const norm::DocumentAnalysis& analysis = part.analysis;
      size_t row_readings = 0;
      for (const norm::SummaryRow& row : analysis.summary_rows) row_readings += row.fields.size();
      if (!detail.empty()) detail += "; ";
      if (parts.size() > 1) {
        detail += "pages " + std::to_string(part.first_page) + "-" +
                  std::to_string(part.last_page) + " ";
      }
      detail += analysis.classification.kind + ": " +
                Plural(part.doc.pages.size(), "page", "pages") + ", " +
                Plural(part.doc.spans.size(), "span", "spans") + ", " +
                Plural(part.doc.tables.size(), "table", "tables") + ", " +
                Plural(analysis.fields.size(), "field", "fields") + ", " +
                Plural(analysis.summary_rows.size(), "summary row", "summary rows") + " (" +
                Plural(row_readings, "value", "values") + "), " +
                Plural(analysis.header.size(), "header value", "header values") + ", " +
                Plural(analysis.teachers.size(), "teacher", "teachers") + ", " +
                Plural(part.doc.warnings.size(), "warning", "warnings");
    }

    DOSSIER_STORE_ASSIGN_OR_RETURN(
        mark_done,
        Prepare("UPDATE files SET state = 'done' WHERE id = ?1 AND state = 'queued'", doing));
    mark_done.BindInt(1, file->id);
    DOSSIER_STORE_RETURN_IF_ERROR(mark_done.Run());
    if (sqlite3_changes(db_.get()) != 1) {
      return Status::Internal(doing + ": the file left the queue while it was being saved");
    }
    DOSSIER_STORE_RETURN_IF_ERROR(AddEvent(sha256, "extracted", detail, NowMs(), doing));
    return tx.Commit();
  }

  // One document of a file, inside the caller's transaction.
  Status SaveDocument(int64_t file_id, int part_index, const norm::DocumentPart& part,
                      const std::string& doing) {
    const Document& doc = part.doc;
    const norm::DocumentAnalysis& analysis = part.analysis;
    nlohmann::json warnings = doc.warnings;
    DOSSIER_STORE_ASSIGN_OR_RETURN(
        insert_doc,
        Prepare("INSERT INTO documents (file, part, first_page, last_page, kind, kind_confidence, "
                "kind_reason, pages, warnings, track) "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                doing));
    insert_doc.BindInt(1, file_id)
        .BindInt(2, part_index)
        .BindInt(3, part.first_page)
        .BindInt(4, part.last_page)
        .BindText(5, analysis.classification.kind)
        .BindDouble(6, analysis.classification.confidence)
        .BindText(7, analysis.classification.reason)
        .BindInt(8, static_cast<int64_t>(doc.pages.size()))
        .BindText(9, JsonText(warnings))
        .BindText(10, analysis.classification.track);
    DOSSIER_STORE_RETURN_IF_ERROR(insert_doc.Run());
    const int64_t document = sqlite3_last_insert_rowid(db_.get());

    DOSSIER_STORE_ASSIGN_OR_RETURN(
        insert_page, Prepare("INSERT INTO pages (document, position, number, width, height, "
                             "method, how_read) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                             doing));
    for (size_t i = 0; i < doc.pages.size(); ++i) {
      const Page& page = doc.pages[i];
      insert_page.Reset();
      insert_page.BindInt(1, document)
          .BindInt(2, static_cast<int64_t>(i))
          .BindInt(3, page.number)
          .BindDouble(4, page.width)
          .BindDouble(5, page.height)
          .BindText(6, MethodName(page.method))
          .BindText(7, page.how_read);
      DOSSIER_STORE_RETURN_IF_ERROR(insert_page.Run());
    }

    DOSSIER_STORE_ASSIGN_OR_RETURN(
        insert_span,
        Prepare("INSERT INTO spans (document, span_index, text, page, x0, y0, x1, y1, locator, "
                "method, confidence, table_index, row_index, col_index, words) "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
                doing));
    for (size_t i = 0; i < doc.spans.size(); ++i) {
      const Span& span = doc.spans[i];
      insert_span.Reset();
      insert_span.BindInt(1, document)
          .BindInt(2, static_cast<int64_t>(i))
          .BindText(3, span.text)
          .BindInt(4, span.page);
      if (span.bbox) {
        insert_span.BindDouble(5, span.bbox->x0)
            .BindDouble(6, span.bbox->y0)
            .BindDouble(7, span.bbox->x1)
            .BindDouble(8, span.bbox->y1);
      } else {
        insert_span.BindNull(5).BindNull(6).BindNull(7).BindNull(8);
      }
      insert_span.BindText(9, span.locator)
          .BindText(10, MethodName(span.method))
          .BindDouble(11, span.confidence)
          .BindInt(12, span.table)
          .BindInt(13, span.row)
          .BindInt(14, span.col)
          .BindText(15, JsonText(WordsJson(span.words)));
      DOSSIER_STORE_RETURN_IF_ERROR(insert_span.Run());
    }

    DOSSIER_STORE_ASSIGN_OR_RETURN(
        insert_table, Prepare("INSERT INTO doc_tables (document, table_index, name, page, "
                              "row_count, col_count) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                              doing));
    DOSSIER_STORE_ASSIGN_OR_RETURN(
        insert_cell,
        Prepare("INSERT INTO table_cells (document, table_index, position, grid_row, grid_col, "
                "row_span, col_span, span_index) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                doing));
    for (size_t t = 0; t < doc.tables.size(); ++t) {
      const Table& table = doc.tables[t];
      insert_table.Reset();
      insert_table.BindInt(1, document)
          .BindInt(2, static_cast<int64_t>(t))
          .BindText(3, table.name)
          .BindInt(4, table.page)
          .BindInt(5, table.rows)
          .BindInt(6, table.cols);
      DOSSIER_STORE_RETURN_IF_ERROR(insert_table.Run());
      for (size_t c = 0; c < table.cells.size(); ++c) {
        const Cell& cell = table.cells[c];
        insert_cell.Reset();
        insert_cell.BindInt(1, document)
            .BindInt(2, static_cast<int64_t>(t))
            .BindInt(3, static_cast<int64_t>(c))
            .BindInt(4, cell.row)
            .BindInt(5, cell.col)
            .BindInt(6, cell.row_span)
            .BindInt(7, cell.col_span)
            .BindInt(8, cell.span_id);
        DOSSIER_STORE_RETURN_IF_ERROR(insert_cell.Run());
      }
    }

    DOSSIER_STORE_ASSIGN_OR_RETURN(
        insert_reading,
        Prepare("INSERT INTO readings (document, scope, position, row_index, field_key, "
                "value_json, declared_none, raw, confidence, span_index, label) "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                doing));
    int field_position = 0;
    DOSSIER_STORE_RETURN_IF_ERROR(
        InsertReadings(insert_reading, document, "field", analysis.fields, -1, field_position));
    int header_position = 0;
    DOSSIER_STORE_RETURN_IF_ERROR(
        InsertReadings(insert_reading, document, "header", analysis.header, -1, header_position));
    int row_position = 0;
    for (const norm::SummaryRow& row : analysis.summary_rows) {
      // row_index must be >= 0 to be told from "no row"; table rows are 0-based.
      if (row.row < 0) {
        return Status::Internal(doing + ": a summary row has a negative table row");
      }
      DOSSIER_STORE_RETURN_IF_ERROR(
          InsertReadings(insert_reading, document, "row", row.fields, row.row, row_position));
    }

    DOSSIER_STORE_ASSIGN_OR_RETURN(
        insert_teacher, Prepare("INSERT INTO teachers (document, position, name, title, "
                                "employment, span_index, employer) VALUES (?1, ?2, ?3, ?4, ?5, "
                                "?6, ?7)",
                                doing));
    for (size_t i = 0; i < analysis.teachers.size(); ++i) {
      const norm::Teacher& teacher = analysis.teachers[i];
      insert_teacher.Reset();
      insert_teacher.BindInt(1, document)
          .BindInt(2, static_cast<int64_t>(i))
          .BindText(3, teacher.name)
          .BindText(4, teacher.title)
          .BindText(5, teacher.employment)
          .BindInt(6, teacher.span_id)
          .BindText(7, teacher.employer);
      DOSSIER_STORE_RETURN_IF_ERROR(insert_teacher.Run());
    }

    DOSSIER_STORE_ASSIGN_OR_RETURN(
        insert_note,
        Prepare("INSERT INTO document_notes (document, position, note) VALUES (?1, ?2, ?3)",
                doing));
    for (size_t i = 0; i < analysis.notes.size(); ++i) {
      insert_note.Reset();
      insert_note.BindInt(1, document)
          .BindInt(2, static_cast<int64_t>(i))
          .BindText(3, analysis.notes[i]);
      DOSSIER_STORE_RETURN_IF_ERROR(insert_note.Run());
    }
    return Status::Ok();
  }

  Status DoRecordRefusal(const Refusal& refusal) {
    const std::string doing = "recording that " + refusal.path_as_received + " was refused";
    Transaction tx(db_);
    DOSSIER_STORE_RETURN_IF_ERROR(tx.Begin(doing));
    DOSSIER_STORE_ASSIGN_OR_RETURN(
        upsert, Prepare("INSERT INTO refused (path_as_received, code, reason, at_ms) "
                        "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (path_as_received) DO UPDATE SET "
                        "code = ?2, reason = ?3, at_ms = ?4",
                        doing));
    upsert.BindText(1, refusal.path_as_received)
        .BindText(2, refusal.code)
        .BindText(3, refusal.reason)
        .BindInt(4, refusal.at_ms);
    DOSSIER_STORE_RETURN_IF_ERROR(upsert.Run());
    DOSSIER_STORE_RETURN_IF_ERROR(AddEvent(
        "", "refused", refusal.path_as_received + ": " + refusal.code + ": " + refusal.reason,
        refusal.at_ms, doing));
    return tx.Commit();
  }

  Result<bool> DoArrivedOnlyInArchives(const std::string& sha256) {
    const std::string doing = "looking up the arrivals of the file " + sha256;
    DOSSIER_STORE_ASSIGN_OR_RETURN(stmt,
                                   Prepare("SELECT count(*), count(a.archive) FROM arrivals a "
                                           "JOIN files f ON f.id = a.file WHERE f.sha256 = ?1",
                                           doing));
    stmt.BindText(1, sha256);
    DOSSIER_STORE_ASSIGN_OR_RETURN(row, stmt.Step());
    if (!row) return false;
    return stmt.Int(0) > 0 && stmt.Int(0) == stmt.Int(1);
  }

  Status DoRejectFile(const std::string& sha256, const std::string& code,
                      const std::string& reason) {
    const std::string doing = "rejecting the file " + sha256;
    Transaction tx(db_);
    DOSSIER_STORE_RETURN_IF_ERROR(tx.Begin(doing));
    DOSSIER_STORE_ASSIGN_OR_RETURN(file, FindFile(sha256, doing));
    if (!file) return Status::NotFound(doing + ": no file with this digest was received");
    if (file->state != FileState::kQueued) {
      return Status::InvalidInput(doing + " (" + file->first_path + "): the file is already " +
                                  StateName(file->state) + ", it is processed only once");
    }
    DOSSIER_STORE_ASSIGN_OR_RETURN(
        update, Prepare("UPDATE files SET state = 'rejected', reason = ?2, reason_code = ?3 "
                        "WHERE id = ?1",
                        doing));
    update.BindInt(1, file->id).BindText(2, reason).BindTextOrNull(3, code);
    DOSSIER_STORE_RETURN_IF_ERROR(update.Run());
    DOSSIER_STORE_RETURN_IF_ERROR(AddEvent(sha256, "rejected", reason, NowMs(), doing));
    return tx.Commit();
  }

  Result<std::vector<std::string>> DoQueuedFiles() {
    const std::string doing = "listing queued files";
    DOSSIER_STORE_ASSIGN_OR_RETURN(
        stmt,
        Prepare("SELECT sha256 FROM files WHERE state = 'queued' ORDER BY created_ms, id", doing));
    std::vector<std::string> out;
    while (true) {
      DOSSIER_STORE_ASSIGN_OR_RETURN(row, stmt.Step());
      if (!row) break;
      out.push_back(stmt.Text(0));
    }
    return out;
  }

  Result<std::vector<norm::DocumentFacts>> DoLoadDocumentFacts() {
    const std::string doing = "loading document readings";
    std::vector<norm::DocumentFacts> out;
    std::map<int64_t, size_t> index;
    std::map<int64_t, std::vector<size_t>> by_file;  // file id → its documents in `out`
    {
      DOSSIER_STORE_ASSIGN_OR_RETURN(
          docs, Prepare("SELECT d.id, f.first_path, d.kind, "
                        // A mail's own text arrived when its files did.
                        "COALESCE((SELECT m.arrived_ms FROM mails m WHERE m.file = f.id), "
                        "(SELECT MIN(a.received_at_ms) FROM arrivals a WHERE a.file = f.id)), "
                        "f.sha256, d.first_page, d.last_page, f.id, "
                        "(SELECT json_array(m.sender, m.subject, m.arrived_ms, m.time_basis, "
                        "m.note, mf.sha256) FROM mails m JOIN files mf ON mf.id = m.file "
                        "WHERE m.file = " kMailOfFile "), d.track "
                        "FROM documents d JOIN files f ON f.id = d.file ORDER BY d.id",
                        doing));
      while (true) {
        DOSSIER_STORE_ASSIGN_OR_RETURN(row, docs.Step());
        if (!row) break;
        norm::DocumentFacts facts;
        facts.document_id = docs.Int(0);
        facts.file_path = docs.Text(1);
        facts.kind = docs.Text(2);
        facts.received_at_ms = docs.Int(3);
        facts.sha256 = docs.Text(4);
        facts.first_page = static_cast<int>(docs.Int(5));
        facts.last_page = static_cast<int>(docs.Int(6));
        if (!docs.IsNull(8)) {
          const nlohmann::json m = nlohmann::json::parse(docs.Text(8));
          facts.mail.from = m.at(0).get<std::string>();
          facts.mail.subject = m.at(1).get<std::string>();
          facts.mail.arrived_ms = m.at(2).get<int64_t>();
          facts.mail.time_basis = m.at(3).get<std::string>();
          facts.mail.note = m.at(4).get<std::string>();
          facts.mail.sha256 = m.at(5).get<std::string>();
        }
        facts.track = docs.Text(9);
        index[facts.document_id] = out.size();
        by_file[docs.Int(7)].push_back(out.size());
        out.push_back(std::move(facts));
      }
    }
    {
      // Every path a file arrived under, first arrival first.
      DOSSIER_STORE_ASSIGN_OR_RETURN(
          arrivals, Prepare("SELECT file, path_as_received FROM arrivals "
                            "ORDER BY file, received_at_ms, id",
                            doing));
      while (true) {
        DOSSIER_STORE_ASSIGN_OR_RETURN(row, arrivals.Step());
        if (!row) break;
        auto it = by_file.find(arrivals.Int(0));
        if (it == by_file.end()) continue;
        for (size_t i : it->second) {
          std::vector<std::string>& paths = out[i].paths;
          const std::string path = arrivals.Text(1);
          if (std::find(paths.begin(), paths.end(), path) == paths.end()) paths.push_back(path);
        }
      }
    }
    {
      // The text, where a unit's name may stand in a sentence.
      constexpr size_t kMaxTextBytes = 64 * 1024;
      DOSSIER_STORE_ASSIGN_OR_RETURN(
          spans, Prepare("SELECT document, text, method FROM spans ORDER BY document, span_index",
                         doing));
      while (true) {
        DOSSIER_STORE_ASSIGN_OR_RETURN(row, spans.Step());
        if (!row) break;
        auto it = index.find(spans.Int(0));
        if (it == index.end()) continue;
        norm::DocumentFacts& facts = out[it->second];
        if (facts.text.size() >= kMaxTextBytes) continue;
        facts.text += spans.Text(1);
        facts.text += '\n';
        if (spans.Text(2) == "ocr") facts.text_ocr = true;
      }
    }

    // One pass over all readings; within a document and scope, rows come in
    // table-row order and readings in saved order.
    DOSSIER_STORE_ASSIGN_OR_RETURN(
        readings,
        Prepare("SELECT r.document, r.scope, r.row_index, r.field_key, r.value_json, "
                "r.declared_none, r.raw, r.confidence, r.span_index, r.label, s.page, s.locator, "
                "s.method "
                "FROM readings r LEFT JOIN spans s "
                "ON s.document = r.document AND s.span_index = r.span_index "
                "ORDER BY r.document, r.scope, r.row_index, r.position",
                doing));
    while (true) {
      DOSSIER_STORE_ASSIGN_OR_RETURN(row, readings.Step());
      if (!row) break;
      auto it = index.find(readings.Int(0));
      if (it == index.end()) continue;  // cannot happen: readings cascade with documents
      norm::DocumentFacts& facts = out[it->second];
      norm::FieldReading reading;
      reading.key = readings.Text(3);
      DOSSIER_STORE_ASSIGN_OR_RETURN(value, ParseJson(readings.Text(4), doing));
      reading.value = std::move(value);
      reading.declared_none = readings.Int(5) != 0;
      reading.raw = readings.Text(6);
      reading.confidence = readings.Double(7);
      reading.span_id = static_cast<int>(readings.Int(8));
      reading.label = readings.Text(9);
      const int64_t page = readings.Int(10);
      reading.place = norm::PlaceWords(static_cast<int>(page), readings.Text(11));
      reading.page = static_cast<int>(page);
      reading.method = readings.Text(12);

      const std::string scope = readings.Text(1);
      if (scope == "field") {
        facts.fields.push_back(std::move(reading));
      } else if (scope == "header") {
        facts.header.push_back(std::move(reading));
      } else {
        const int table_row = static_cast<int>(readings.Int(2));
        if (facts.summary_rows.empty() || facts.summary_rows.back().row != table_row) {
          facts.summary_rows.push_back(norm::SummaryRow{table_row, {}});
        }
        facts.summary_rows.back().fields.push_back(std::move(reading));
      }
    }

    DOSSIER_STORE_ASSIGN_OR_RETURN(
        teachers, Prepare("SELECT document, name, title, employment, span_index, employer "
                          "FROM teachers ORDER BY document, position",
                          doing));
    while (true) {
      DOSSIER_STORE_ASSIGN_OR_RETURN(row, teachers.Step());
      if (!row) break;
      auto it = index.find(teachers.Int(0));
      if (it == index.end()) continue;
      out[it->second].teachers.push_back(
          norm::Teacher{teachers.Text(1), teachers.Text(2), teachers.Text(3),
                        static_cast<int>(teachers.Int(4)), teachers.Text(5)});
    }
    return out;
  }

  Status DoSaveAssembly(const norm::Assembly& assembly) {
    const std::string doing = "saving the applications";
    Transaction tx(db_);
    DOSSIER_STORE_RETURN_IF_ERROR(tx.Begin(doing));
    // Every application row cascades from applications (see the schema).
    DOSSIER_STORE_RETURN_IF_ERROR(db_.ExecScript("DELETE FROM applications", doing));
    DOSSIER_STORE_RETURN_IF_ERROR(db_.ExecScript("DELETE FROM unassigned", doing));

    DOSSIER_STORE_ASSIGN_OR_RETURN(
        insert_app,
        Prepare("INSERT INTO applications (id, position, track) VALUES (?1, ?2, ?3)", doing));
    DOSSIER_STORE_ASSIGN_OR_RETURN(
        insert_field, Prepare("INSERT INTO application_fields (application, field_key, position, "
                              "value_json, confidence) VALUES (?1, ?2, ?3, ?4, ?5)",
                              doing));
    DOSSIER_STORE_ASSIGN_OR_RETURN(
        insert_source, Prepare("INSERT INTO field_sources (application, field_key, position, "
                               "document, span_index) VALUES (?1, ?2, ?3, ?4, ?5)",
                               doing));
    // A document listed twice for one application is the same membership.
    DOSSIER_STORE_ASSIGN_OR_RETURN(
        insert_doc, Prepare("INSERT OR IGNORE INTO application_documents (application, document, "
                            "position, basis, basis_detail, document_page) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                            doing));
    DOSSIER_STORE_ASSIGN_OR_RETURN(
        insert_finding, Prepare("INSERT INTO findings (application, position, code, detail, "
                                "field_key) VALUES (?1, ?2, ?3, ?4, ?5)",
                                doing));
    DOSSIER_STORE_ASSIGN_OR_RETURN(
        insert_check, Prepare("INSERT INTO checks (application, position, check_id, outcome, "
                              "detail) VALUES (?1, ?2, ?3, ?4, ?5)",
                              doing));

    for (size_t a = 0; a < assembly.applications.size(); ++a) {
      const norm::Application& app = assembly.applications[a];
      const std::string app_doing = "application " + app.id;
      insert_app.Reset();
      insert_app.BindText(1, app.id).BindInt(2, static_cast<int64_t>(a)).BindText(3, app.track);
      DOSSIER_STORE_RETURN_IF_ERROR(insert_app.Run().WithContext(app_doing));

      for (size_t f = 0; f < app.fields.size(); ++f) {
        const norm::AssembledField& field = app.fields[f];
        insert_field.Reset();
        insert_field.BindText(1, app.id)
            .BindText(2, field.key)
            .BindInt(3, static_cast<int64_t>(f))
            .BindText(4, JsonText(field.value))
            .BindDouble(5, field.confidence);
        DOSSIER_STORE_RETURN_IF_ERROR(
            insert_field.Run().WithContext(app_doing + ", field " + field.key));
        for (size_t s = 0; s < field.sources.size(); ++s) {
          insert_source.Reset();
          insert_source.BindText(1, app.id)
              .BindText(2, field.key)
              .BindInt(3, static_cast<int64_t>(s))
              .BindInt(4, field.sources[s].document_id)
              .BindInt(5, field.sources[s].span_id);
          DOSSIER_STORE_RETURN_IF_ERROR(
              insert_source.Run().WithContext(app_doing + ", a source of field " + field.key));
        }
      }
      for (size_t d = 0; d < app.document_ids.size(); ++d) {
        insert_doc.Reset();
        auto how = app.assigned_by.find(app.document_ids[d]);
        const norm::Assignment none;
        const norm::Assignment& a = how == app.assigned_by.end() ? none : how->second;
        insert_doc.BindText(1, app.id)
            .BindInt(2, app.document_ids[d])
            .BindInt(3, static_cast<int64_t>(d))
            .BindText(4, a.basis)
            .BindText(5, a.detail)
            .BindInt(6, a.document_page);
        DOSSIER_STORE_RETURN_IF_ERROR(insert_doc.Run().WithContext(app_doing));
      }
      for (size_t i = 0; i < app.findings.size(); ++i) {
        insert_finding.Reset();
        insert_finding.BindText(1, app.id)
            .BindInt(2, static_cast<int64_t>(i))
            .BindText(3, app.findings[i].code)
            .BindText(4, app.findings[i].detail)
            .BindText(5, app.findings[i].field);
        DOSSIER_STORE_RETURN_IF_ERROR(insert_finding.Run().WithContext(app_doing));
      }
      for (size_t i = 0; i < app.checks.size(); ++i) {
        insert_check.Reset();
        insert_check.BindText(1, app.id)
            .BindInt(2, static_cast<int64_t>(i))
            .BindText(3, app.checks[i].id)
            .BindText(4, app.checks[i].outcome)
            .BindText(5, app.checks[i].detail);
        DOSSIER_STORE_RETURN_IF_ERROR(insert_check.Run().WithContext(app_doing));
      }
    }

    DOSSIER_STORE_ASSIGN_OR_RETURN(
        insert_unassigned,
        Prepare("INSERT INTO unassigned (document, position, reason) VALUES (?1, ?2, ?3)", doing));
    for (size_t i = 0; i < assembly.unassigned.size(); ++i) {
      insert_unassigned.Reset();
      insert_unassigned.BindInt(1, assembly.unassigned[i].document_id)
          .BindInt(2, static_cast<int64_t>(i))
          .BindText(3, assembly.unassigned[i].reason);
      DOSSIER_STORE_RETURN_IF_ERROR(insert_unassigned.Run().WithContext(
          "unassigned document " + std::to_string(assembly.unassigned[i].document_id)));
    }

    size_t findings = 0;
    for (const norm::Application& app : assembly.applications) findings += app.findings.size();
    const std::string detail =
        Plural(assembly.applications.size(), "application", "applications") + ", " +
        Plural(assembly.unassigned.size(), "unassigned document", "unassigned documents") + ", " +
        Plural(findings, "finding", "findings");
    DOSSIER_STORE_RETURN_IF_ERROR(AddEvent("", "assembled", detail, NowMs(), doing));
    return tx.Commit();
  }

  // The columns DocumentView is read from, starting at `first`:
  // d.id, f.first_path, f.sha256, d.kind, d.kind_confidence, d.kind_reason, d.pages, f.type,
  // d.first_page, d.last_page, the mail it came in (JSON).
  static constexpr const char* kDocumentViewColumns =
      "d.id, f.first_path, f.sha256, d.kind, d.kind_confidence, d.kind_reason, d.pages, f.type, "
      "d.first_page, d.last_page, "
      "(SELECT json_array(m.sender, m.subject, m.arrived_ms, m.time_basis, m.note) FROM mails m "
      "WHERE m.file = " kMailOfFile ")";
  static constexpr int kDocumentViewColumnCount = 11;

  // Every arrival of the file with this digest, oldest first.
  Result<std::vector<ArrivalView>> ArrivalsOf(const std::string& sha256, const std::string& doing) {
    DOSSIER_STORE_ASSIGN_OR_RETURN(
        stmt, Prepare("SELECT a.path_as_received, a.received_at_ms FROM arrivals a "
                      "JOIN files f ON f.id = a.file WHERE f.sha256 = ?1 "
                      "ORDER BY a.received_at_ms, a.id",
                      doing));
    stmt.BindText(1, sha256);
    std::vector<ArrivalView> out;
    while (true) {
      DOSSIER_STORE_ASSIGN_OR_RETURN(row, stmt.Step());
      if (!row) break;
      out.push_back(ArrivalView{stmt.Text(0), stmt.Int(1)});
    }
    return out;
  }

  static DocumentView ReadDocumentView(const Statement& stmt, int first) {
    DocumentView view;
    view.id = stmt.Int(first);
    view.file = stmt.Text(first + 1);
    view.sha256 = stmt.Text(first + 2);
    view.kind = stmt.Text(first + 3);
    view.kind_confidence = stmt.Double(first + 4);
    view.kind_reason = stmt.Text(first + 5);
    view.pages = static_cast<int>(stmt.Int(first + 6));
    view.type = stmt.Text(first + 7);
    view.first_page = static_cast<int>(stmt.Int(first + 8));
    view.last_page = static_cast<int>(stmt.Int(first + 9));
    if (!stmt.IsNull(first + 10)) {
      const nlohmann::json m = nlohmann::json::parse(stmt.Text(first + 10));
      view.mail =
          MailView{m.at(0).get<std::string>(), m.at(1).get<std::string>(), m.at(2).get<int64_t>(),
                   m.at(3).get<std::string>(), m.at(4).get<std::string>()};
    }
    return view;
  }

  Result<std::vector<ApplicationView>> DoListApplications() {
    const std::string doing = "listing applications";
    std::vector<ApplicationView> out;
    {
      DOSSIER_STORE_ASSIGN_OR_RETURN(
          apps, Prepare("SELECT id, track FROM applications ORDER BY position", doing));
      while (true) {
        DOSSIER_STORE_ASSIGN_OR_RETURN(row, apps.Step());
        if (!row) break;
        ApplicationView view;
        view.id = apps.Text(0);
        view.track = apps.Text(1);
        out.push_back(std::move(view));
      }
    }

    DOSSIER_STORE_ASSIGN_OR_RETURN(
        fields, Prepare("SELECT field_key, value_json, confidence FROM application_fields "
                        "WHERE application = ?1 ORDER BY position",
                        doing));
    // A source whose span is unknown (-1, or missing) still names its file.
    DOSSIER_STORE_ASSIGN_OR_RETURN(
        sources,
        Prepare("SELECT fs.field_key, f.first_path, f.sha256, s.page, s.x0, s.y0, s.x1, s.y1, "
                "s.locator, s.method, s.confidence, s.text, fs.document, fs.span_index, "
                "ad.document_page, d.first_page "
                "FROM field_sources fs "
                "JOIN documents d ON d.id = fs.document "
                "JOIN files f ON f.id = d.file "
                "LEFT JOIN application_documents ad "
                "ON ad.application = fs.application AND ad.document = fs.document "
                "LEFT JOIN spans s ON s.document = fs.document AND s.span_index = fs.span_index "
                "WHERE fs.application = ?1 ORDER BY fs.field_key, fs.position",
                doing));
    DOSSIER_STORE_ASSIGN_OR_RETURN(documents,
                                   Prepare(std::string("SELECT ") + kDocumentViewColumns +
                                               ", ad.basis, ad.basis_detail, ad.document_page"
                                               " FROM application_documents ad "
                                               "JOIN documents d ON d.id = ad.document "
                                               "JOIN files f ON f.id = d.file "
                                               "WHERE ad.application = ?1 ORDER BY ad.position",
                                           doing));
    DOSSIER_STORE_ASSIGN_OR_RETURN(
        checks, Prepare("SELECT check_id, outcome, detail FROM checks WHERE application = ?1 "
                        "ORDER BY position",
                        doing));
    DOSSIER_STORE_ASSIGN_OR_RETURN(
        findings, Prepare("SELECT code, detail, field_key FROM findings WHERE application = ?1 "
                          "ORDER BY position",
                          doing));

    for (ApplicationView& view : out) {
      std::map<std::string, std::vector<SourceView>> by_key;
      sources.Reset();
      sources.BindText(1, view.id);
      while (true) {
        DOSSIER_STORE_ASSIGN_OR_RETURN(row, sources.Step());
        if (!row) break;
        SourceView source;
        source.file = sources.Text(1);
        source.sha256 = sources.Text(2);
        source.page = sources.IsNull(3) ? 0 : static_cast<int>(sources.Int(3));
        if (!sources.IsNull(4)) {
          source.bbox =
              BBox{sources.Double(4), sources.Double(5), sources.Double(6), sources.Double(7)};
        }
        source.locator = sources.Text(8);
        source.method = sources.Text(9);
        if (!sources.IsNull(10)) source.confidence = sources.Double(10);
        source.raw = sources.Text(11);
        source.document_id = sources.Int(12);
        source.span_index = static_cast<int>(sources.Int(13));
        // A later page of a document of several files counts on from the
        // page where its file begins in that document.
        if (!sources.IsNull(14) && sources.Int(14) > 0 && source.page > 0) {
          source.document_page = static_cast<int>(sources.Int(14)) + source.page -
                                 std::max(1, static_cast<int>(sources.Int(15)));
        }
        by_key[sources.Text(0)].push_back(std::move(source));
      }

      fields.Reset();
      fields.BindText(1, view.id);
      while (true) {
        DOSSIER_STORE_ASSIGN_OR_RETURN(row, fields.Step());
        if (!row) break;
        FieldView field;
        field.key = fields.Text(0);
        DOSSIER_STORE_ASSIGN_OR_RETURN(value, ParseJson(fields.Text(1), doing));
        field.value = std::move(value);
        field.confidence = fields.Double(2);
        auto it = by_key.find(field.key);
        if (it != by_key.end()) field.sources = std::move(it->second);
        view.fields.push_back(std::move(field));
      }

      documents.Reset();
      documents.BindText(1, view.id);
      while (true) {
        DOSSIER_STORE_ASSIGN_OR_RETURN(row, documents.Step());
        if (!row) break;
        DocumentView doc = ReadDocumentView(documents, 0);
        doc.assigned_by.basis = documents.Text(kDocumentViewColumnCount);
        doc.assigned_by.detail = documents.Text(kDocumentViewColumnCount + 1);
        doc.assigned_by.document_page = static_cast<int>(documents.Int(kDocumentViewColumnCount + 2));
        view.documents.push_back(std::move(doc));
      }
      for (DocumentView& document : view.documents) {
        DOSSIER_STORE_ASSIGN_OR_RETURN(arrivals, ArrivalsOf(document.sha256, doing));
        document.arrivals = std::move(arrivals);
      }

      checks.Reset();
      checks.BindText(1, view.id);
      while (true) {
        DOSSIER_STORE_ASSIGN_OR_RETURN(row, checks.Step());
        if (!row) break;
        view.checks.push_back(norm::CheckResult{checks.Text(0), checks.Text(1), checks.Text(2)});
      }

      findings.Reset();
      findings.BindText(1, view.id);
      while (true) {
        DOSSIER_STORE_ASSIGN_OR_RETURN(row, findings.Step());
        if (!row) break;
        view.findings.push_back(norm::Finding{findings.Text(0), findings.Text(1), findings.Text(2)});
      }
    }
    return out;
  }

  Result<std::vector<UnassignedView>> DoListUnassigned() {
    const std::string doing = "listing unassigned documents";
    DOSSIER_STORE_ASSIGN_OR_RETURN(stmt,
                                   Prepare(std::string("SELECT u.reason, ") + kDocumentViewColumns +
                                               " FROM unassigned u "
                                               "JOIN documents d ON d.id = u.document "
                                               "JOIN files f ON f.id = d.file ORDER BY u.position",
                                           doing));
    std::vector<UnassignedView> out;
    while (true) {
      DOSSIER_STORE_ASSIGN_OR_RETURN(row, stmt.Step());
      if (!row) break;
      out.push_back(UnassignedView{ReadDocumentView(stmt, 1), stmt.Text(0)});
    }
    // An expanded archive is no document, but it arrived: it is listed with
    // what became of it, its files being listed each on its own.
    DOSSIER_STORE_ASSIGN_OR_RETURN(
        archives, Prepare("SELECT f.first_path, f.sha256, f.type, "
                          "(SELECT count(*) FROM arrivals a WHERE a.archive = f.id) "
                          "FROM files f WHERE f.state = 'done' AND NOT EXISTS "
                          "(SELECT 1 FROM documents d WHERE d.file = f.id) "
                          "ORDER BY f.created_ms, f.id",
                          doing));
    while (true) {
      DOSSIER_STORE_ASSIGN_OR_RETURN(row, archives.Step());
      if (!row) break;
      UnassignedView view;
      view.document.file = archives.Text(0);
      view.document.sha256 = archives.Text(1);
      view.document.type = archives.Text(2);
      view.document.kind = "archive";
      view.reason = "压缩包，已解开：其中 " + std::to_string(archives.Int(3)) +
                    " 个文件各自列出（路径以“" + view.document.file + "/”开头）";
      out.push_back(std::move(view));
    }
    for (UnassignedView& view : out) {
      DOSSIER_STORE_ASSIGN_OR_RETURN(arrivals, ArrivalsOf(view.document.sha256, doing));
      view.document.arrivals = std::move(arrivals);
    }
    return out;
  }

  Result<std::vector<RejectedView>> DoListRejected() {
    const std::string doing = "listing rejected files";
    DOSSIER_STORE_ASSIGN_OR_RETURN(
        stmt, Prepare("SELECT first_path, sha256, reason_code, reason FROM files "
                      "WHERE state = 'rejected' ORDER BY created_ms, id",
                      doing));
    std::vector<RejectedView> out;
    while (true) {
      DOSSIER_STORE_ASSIGN_OR_RETURN(row, stmt.Step());
      if (!row) break;
      RejectedView view;
      view.file = stmt.Text(0);
      view.sha256 = stmt.Text(1);
      view.code = stmt.Text(2);
      view.reason = stmt.Text(3);
      out.push_back(std::move(view));
    }
    for (RejectedView& view : out) {
      DOSSIER_STORE_ASSIGN_OR_RETURN(arrivals, ArrivalsOf(view.sha256, doing));
      view.arrivals = std::move(arrivals);
    }
    DOSSIER_STORE_ASSIGN_OR_RETURN(
        refused, Prepare("SELECT path_as_received, code, reason, at_ms FROM refused "
                         "ORDER BY at_ms, id",
                         doing));
    while (true) {
      DOSSIER_STORE_ASSIGN_OR_RETURN(row, refused.Step());
      if (!row) break;
      RejectedView view;
      view.file = refused.Text(0);
      view.code = refused.Text(1);
      view.reason = refused.Text(2);
      view.arrivals.push_back(ArrivalView{view.file, refused.Int(3)});
      out.push_back(std::move(view));
    }
    return out;
  }

  // An empty sha256 lists the store-level events (those with no file).
  Result<std::vector<EventView>> DoListEvents(const std::string& sha256) {
    const std::string doing = "listing events";
    // IS matches NULL = NULL too, so one statement serves both cases.
    DOSSIER_STORE_ASSIGN_OR_RETURN(
        stmt, Prepare("SELECT at_ms, sha256, event, detail FROM events WHERE sha256 IS ?1 "
                      "ORDER BY id",
                      doing));
    stmt.BindTextOrNull(1, sha256);
    std::vector<EventView> out;
    while (true) {
      DOSSIER_STORE_ASSIGN_OR_RETURN(row, stmt.Step());
      if (!row) break;
      out.push_back(EventView{stmt.Int(0), stmt.Text(1), stmt.Text(2), stmt.Text(3)});
    }
    return out;
  }

  Result<Document> DoLoadDocument(int64_t document_id) {
    const std::string doing = "loading document " + std::to_string(document_id);
    Document doc;
    {
      DOSSIER_STORE_ASSIGN_OR_RETURN(
          stmt, Prepare("SELECT warnings FROM documents WHERE id = ?1", doing));
      stmt.BindInt(1, document_id);
      DOSSIER_STORE_ASSIGN_OR_RETURN(row, stmt.Step());
      if (!row) return Status::NotFound(doing + ": no such document in the store");
      DOSSIER_STORE_ASSIGN_OR_RETURN(warnings, ParseJson(stmt.Text(0), doing));
      for (const auto& w : warnings) {
        if (w.is_string()) doc.warnings.push_back(w.get<std::string>());
      }
    }
    {
      DOSSIER_STORE_ASSIGN_OR_RETURN(
          stmt, Prepare("SELECT number, width, height, method, how_read FROM pages "
                        "WHERE document = ?1 ORDER BY position",
                        doing));
      stmt.BindInt(1, document_id);
      while (true) {
        DOSSIER_STORE_ASSIGN_OR_RETURN(row, stmt.Step());
        if (!row) break;
        Page page;
        page.number = static_cast<int>(stmt.Int(0));
        page.width = stmt.Double(1);
        page.height = stmt.Double(2);
        page.method = MethodFromName(stmt.Text(3)).value_or(ReadMethod::kDocx);
        page.how_read = stmt.Text(4);
        doc.pages.push_back(std::move(page));
      }
    }
    {
      DOSSIER_STORE_ASSIGN_OR_RETURN(
          stmt, Prepare("SELECT span_index, text, page, x0, y0, x1, y1, locator, method, "
                        "confidence, table_index, row_index, col_index, words FROM spans "
                        "WHERE document = ?1 ORDER BY span_index",
                        doing));
      stmt.BindInt(1, document_id);
      while (true) {
        DOSSIER_STORE_ASSIGN_OR_RETURN(row, stmt.Step());
        if (!row) break;
        // span_index is dense from 0 as saved; a gap would shift every table
        // reference, so it is refused rather than papered over.
        if (stmt.Int(0) != static_cast<int64_t>(doc.spans.size())) {
          return Status::Internal(doing + ": the store's spans are not numbered 0..n-1");
        }
        Span span;
        span.text = stmt.Text(1);
        span.page = static_cast<int>(stmt.Int(2));
        if (!stmt.IsNull(3)) {
          span.bbox = BBox{stmt.Double(3), stmt.Double(4), stmt.Double(5), stmt.Double(6)};
        }
        span.locator = stmt.Text(7);
        span.method = MethodFromName(stmt.Text(8)).value_or(ReadMethod::kDocx);
        span.confidence = stmt.Double(9);
        span.table = static_cast<int>(stmt.Int(10));
        span.row = static_cast<int>(stmt.Int(11));
        span.col = static_cast<int>(stmt.Int(12));
        DOSSIER_STORE_ASSIGN_OR_RETURN(words, ParseJson(stmt.Text(13), doing));
        for (const auto& w : words) {
          if (!w.is_object()) continue;
          WordBox word;
          word.text = w.value("text", "");
          const nlohmann::json box = w.value("bbox", nlohmann::json::array());
          if (box.is_array() && box.size() == 4 && box[0].is_number()) {
            word.bbox = BBox{box[0].get<double>(), box[1].get<double>(), box[2].get<double>(),
                             box[3].get<double>()};
          }
          word.confidence = w.value("confidence", 1.0);
          span.words.push_back(std::move(word));
        }
        doc.spans.push_back(std::move(span));
      }
    }
    {
      DOSSIER_STORE_ASSIGN_OR_RETURN(
          stmt, Prepare("SELECT table_index, name, page, row_count, col_count FROM doc_tables "
                        "WHERE document = ?1 ORDER BY table_index",
                        doing));
      stmt.BindInt(1, document_id);
      while (true) {
        DOSSIER_STORE_ASSIGN_OR_RETURN(row, stmt.Step());
        if (!row) break;
        if (stmt.Int(0) != static_cast<int64_t>(doc.tables.size())) {
          return Status::Internal(doing + ": the store's tables are not numbered 0..n-1");
        }
        Table table;
        table.name = stmt.Text(1);
        table.page = static_cast<int>(stmt.Int(2));
        table.rows = static_cast<int>(stmt.Int(3));
        table.cols = static_cast<int>(stmt.Int(4));
        doc.tables.push_back(std::move(table));
      }
    }
    {
      DOSSIER_STORE_ASSIGN_OR_RETURN(
          stmt, Prepare("SELECT table_index, grid_row, grid_col, row_span, col_span, span_index "
                        "FROM table_cells WHERE document = ?1 ORDER BY table_index, position",
                        doing));
      stmt.BindInt(1, document_id);
      while (true) {
        DOSSIER_STORE_ASSIGN_OR_RETURN(row, stmt.Step());
        if (!row) break;
        const int64_t t = stmt.Int(0);
        if (t < 0 || t >= static_cast<int64_t>(doc.tables.size())) continue;
        Cell cell;
        cell.row = static_cast<int>(stmt.Int(1));
        cell.col = static_cast<int>(stmt.Int(2));
        cell.row_span = static_cast<int>(stmt.Int(3));
        cell.col_span = static_cast<int>(stmt.Int(4));
        cell.span_id = static_cast<int>(stmt.Int(5));
        if (cell.span_id >= static_cast<int>(doc.spans.size())) cell.span_id = -1;
        doc.tables[static_cast<size_t>(t)].cells.push_back(cell);
      }
    }
    return doc;
  }

  Result<StoreCounts> DoCounts() {
    const std::string doing = "counting the store's contents";
    DOSSIER_STORE_ASSIGN_OR_RETURN(
        stmt, Prepare("SELECT (SELECT count(*) FROM files), (SELECT count(*) FROM arrivals), "
                      "(SELECT count(*) FROM documents), (SELECT count(*) FROM applications), "
                      "(SELECT count(*) FROM files WHERE state = 'rejected') + "
                      "(SELECT count(*) FROM refused), "
                      "(SELECT count(*) FROM unassigned) + (SELECT count(*) FROM files f "
                      " WHERE f.state = 'done' AND NOT EXISTS "
                      " (SELECT 1 FROM documents d WHERE d.file = f.id)), "
                      "(SELECT count(*) FROM files WHERE state = 'queued')",
                      doing));
    DOSSIER_STORE_ASSIGN_OR_RETURN(row, stmt.Step());
    if (!row) return Status::Internal(doing + ": the count returned nothing");
    StoreCounts counts;
    counts.files = stmt.Int(0);
    counts.arrivals = stmt.Int(1);
    counts.documents = stmt.Int(2);
    counts.applications = stmt.Int(3);
    counts.rejected = stmt.Int(4);
    counts.unassigned = stmt.Int(5);
    counts.queued = stmt.Int(6);
    return counts;
  }

  Result<std::optional<JobClaim>> DoClaimJob(const std::string& sha256, const std::string& runner,
                                             int64_t now_ms) {
    const std::string doing = "claiming the job of the file " + sha256;
    Transaction tx(db_);
    DOSSIER_STORE_RETURN_IF_ERROR(tx.Begin(doing));
    DOSSIER_STORE_ASSIGN_OR_RETURN(
        look, Prepare("SELECT f.id, f.state, f.type, f.first_path, j.attempts, j.runner, "
                      "j.last_error, (SELECT MIN(a.received_at_ms) FROM arrivals a "
                      "WHERE a.file = f.id) FROM files f LEFT JOIN jobs j ON j.file = f.id "
                      "WHERE f.sha256 = ?1",
                      doing));
    look.BindText(1, sha256);
    DOSSIER_STORE_ASSIGN_OR_RETURN(row, look.Step());
    if (!row) return Status::NotFound(doing + ": no file with this digest was received");
    if (look.Text(1) != "queued" || !look.IsNull(5)) return std::optional<JobClaim>();
    const int64_t file = look.Int(0);
    JobClaim claim{sha256, look.Text(2), look.Text(3),
                   static_cast<int>(look.IsNull(4) ? 0 : look.Int(4)) + 1, look.Text(6),
                   look.IsNull(7) ? 0 : look.Int(7)};

    DOSSIER_STORE_ASSIGN_OR_RETURN(
        upsert, Prepare("INSERT INTO jobs (file, attempts, runner, started_ms, updated_ms) "
                        "VALUES (?1, 1, ?2, ?3, ?3) ON CONFLICT (file) DO UPDATE SET "
                        "attempts = attempts + 1, runner = ?2, started_ms = ?3, updated_ms = ?3",
                        doing));
    upsert.BindInt(1, file).BindText(2, runner).BindInt(3, now_ms);
    DOSSIER_STORE_RETURN_IF_ERROR(upsert.Run());
    DOSSIER_STORE_RETURN_IF_ERROR(tx.Commit());
    return std::optional<JobClaim>(std::move(claim));
  }

  Status DoReleaseJob(const std::string& sha256, const std::string& runner, const std::string& why,
                      bool attempt_counts, int64_t now_ms) {
    const std::string doing = "putting the job of the file " + sha256 + " back in the queue";
    Transaction tx(db_);
    DOSSIER_STORE_RETURN_IF_ERROR(tx.Begin(doing));
    DOSSIER_STORE_ASSIGN_OR_RETURN(
        update,
        Prepare("UPDATE jobs SET runner = NULL, last_error = ?3, updated_ms = ?5, "
                "attempts = max(attempts - ?4, 0) "
                "WHERE file = (SELECT id FROM files WHERE sha256 = ?1 AND state = 'queued') "
                "AND runner = ?2",
                doing));
    update.BindText(1, sha256)
        .BindText(2, runner)
        .BindText(3, why)
        .BindInt(4, attempt_counts ? 0 : 1)
        .BindInt(5, now_ms);
    DOSSIER_STORE_RETURN_IF_ERROR(update.Run());
    if (sqlite3_changes(db_.get()) == 1) {
      DOSSIER_STORE_RETURN_IF_ERROR(AddEvent(sha256, "requeued", why, now_ms, doing));
    }
    return tx.Commit();
  }

  Result<std::vector<RunningJob>> DoRunningJobs() {
    const std::string doing = "listing running jobs";
    DOSSIER_STORE_ASSIGN_OR_RETURN(
        stmt, Prepare("SELECT f.sha256, f.first_path, j.runner, j.attempts FROM jobs j "
                      "JOIN files f ON f.id = j.file "
                      "WHERE j.runner IS NOT NULL AND f.state = 'queued' "
                      "ORDER BY j.started_ms, f.id",
                      doing));
    std::vector<RunningJob> out;
    while (true) {
      DOSSIER_STORE_ASSIGN_OR_RETURN(row, stmt.Step());
      if (!row) break;
      out.push_back(
          RunningJob{stmt.Text(0), stmt.Text(1), stmt.Text(2), static_cast<int>(stmt.Int(3))});
    }
    return out;
  }

  // A mail (mail and letter given) is an archive whose record and text
  // documents are kept with it.
  Result<std::vector<ArrivalResult>> DoSaveExpansion(
      const std::string& sha256, const std::vector<ExpandedMember>& members,
      const std::string& detail, const MailRecord* mail = nullptr,
      const std::vector<norm::DocumentPart>* letter = nullptr) {
    const std::string doing =
        std::string(mail ? "saving the mail " : "saving the files of the archive ") + sha256;
    Transaction tx(db_);
    DOSSIER_STORE_RETURN_IF_ERROR(tx.Begin(doing));
    DOSSIER_STORE_ASSIGN_OR_RETURN(file, FindFile(sha256, doing));
    if (!file) return Status::NotFound(doing + ": no file with this digest was received");
    if (file->state != FileState::kQueued) {
      return Status::InvalidInput(doing + " (" + file->first_path + "): the file is already " +
                                  StateName(file->state) + ", it is expanded only once");
    }
    if (mail != nullptr) {
      DOSSIER_STORE_ASSIGN_OR_RETURN(
          add_mail, Prepare("INSERT INTO mails (file, sender, subject, message_id, arrived_ms, "
                            "time_basis, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                            doing));
      add_mail.BindInt(1, file->id)
          .BindText(2, mail->sender)
          .BindText(3, mail->subject)
          .BindText(4, mail->message_id)
          .BindInt(5, mail->arrived_ms)
          .BindText(6, mail->time_basis)
          .BindText(7, mail->note);
      DOSSIER_STORE_RETURN_IF_ERROR(add_mail.Run());
      for (size_t i = 0; letter != nullptr && i < letter->size(); ++i)
        DOSSIER_STORE_RETURN_IF_ERROR(
            SaveDocument(file->id, static_cast<int>(i), (*letter)[i], doing));
    }
    DOSSIER_STORE_ASSIGN_OR_RETURN(reject, Prepare("UPDATE files SET state = 'rejected', "
                                                   "reason = ?2, reason_code = ?3 "
                                                   "WHERE sha256 = ?1 AND state = 'queued'",
                                                   doing));
    const int64_t now = NowMs();
    std::vector<ArrivalResult> results;
    for (const ExpandedMember& member : members) {
      DOSSIER_STORE_ASSIGN_OR_RETURN(result,
                                     RecordArrivalInTransaction(member.arrival, nullptr, file->id,
                                                                mail ? file->id : 0));
      if (result.first_arrival && !member.reject_reason.empty()) {
        reject.Reset();
        reject.BindText(1, member.arrival.sha256)
            .BindText(2, member.reject_reason)
            .BindTextOrNull(3, member.reject_code);
        DOSSIER_STORE_RETURN_IF_ERROR(reject.Run());
        DOSSIER_STORE_RETURN_IF_ERROR(
            AddEvent(member.arrival.sha256, "rejected", member.reject_reason, now, doing));
        result.state = FileState::kRejected;
      }
      results.push_back(result);
    }
    DOSSIER_STORE_ASSIGN_OR_RETURN(
        mark_done,
        Prepare("UPDATE files SET state = 'done' WHERE id = ?1 AND state = 'queued'", doing));
    mark_done.BindInt(1, file->id);
    DOSSIER_STORE_RETURN_IF_ERROR(mark_done.Run());
    if (sqlite3_changes(db_.get()) != 1) {
      return Status::Internal(doing + ": the archive left the queue while it was being saved");
    }
    DOSSIER_STORE_RETURN_IF_ERROR(AddEvent(sha256, "expanded", detail, now, doing));
    DOSSIER_STORE_RETURN_IF_ERROR(tx.Commit());
    return results;
  }

  Result<bool> DoWasTaken(const InboxStamp& stamp) {
    const std::string doing = "looking up the inbox file " + stamp.path;
    DOSSIER_STORE_ASSIGN_OR_RETURN(
        stmt, Prepare("SELECT 1 FROM inbox_taken WHERE inbox = ?1 AND path = ?2 AND size = ?3 "
                      "AND mtime_ns = ?4",
                      doing));
    stmt.BindText(1, stamp.inbox)
        .BindText(2, stamp.path)
        .BindInt(3, stamp.size)
        .BindInt(4, stamp.mtime_ns);
    DOSSIER_STORE_ASSIGN_OR_RETURN(row, stmt.Step());
    return row;
  }

  Result<QueueView> DoQueue(int max_errors) {
    const std::string doing = "reading the queue";
    QueueView view;
    {
      DOSSIER_STORE_ASSIGN_OR_RETURN(
          counts, Prepare("SELECT "
                          "(SELECT count(*) FROM files f LEFT JOIN jobs j ON j.file = f.id "
                          " WHERE f.state = 'queued' AND j.runner IS NULL), "
                          "(SELECT count(*) FROM files f JOIN jobs j ON j.file = f.id "
                          " WHERE f.state = 'queued' AND j.runner IS NOT NULL), "
                          "(SELECT count(*) FROM files WHERE state = 'done'), "
                          "(SELECT count(*) FROM files WHERE state = 'rejected')",
                          doing));
      DOSSIER_STORE_ASSIGN_OR_RETURN(row, counts.Step());
      if (!row) return Status::Internal(doing + ": the count returned nothing");
      view.queued = counts.Int(0);
      view.running = counts.Int(1);
      view.done = counts.Int(2);
      view.rejected = counts.Int(3);
    }
    DOSSIER_STORE_ASSIGN_OR_RETURN(
        errors, Prepare("SELECT e.at_ms, f.first_path, e.sha256, e.event, e.detail FROM events e "
                        "LEFT JOIN files f ON f.sha256 = e.sha256 "
                        "WHERE e.event IN ('rejected', 'requeued') ORDER BY e.id DESC LIMIT ?1",
                        doing));
    errors.BindInt(1, max_errors);
    while (true) {
      DOSSIER_STORE_ASSIGN_OR_RETURN(row, errors.Step());
      if (!row) break;
      view.last_errors.push_back(QueueView::Error{errors.Int(0), errors.Text(1), errors.Text(2),
                                                  errors.Text(3), errors.Text(4)});
    }
    return view;
  }

  Database db_;
  std::string path_;
};

Result<std::unique_ptr<Store>> Open(const std::filesystem::path& path) {
  const std::string name = path.string();
  const std::string doing = "cannot open the store at " + name;
  const bool in_memory = name == ":memory:";

  if (!in_memory && path.has_parent_path()) {
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
    if (ec) return Status::Io(doing + ": cannot create its folder (" + ec.message() + ")");
  }

  sqlite3* raw = nullptr;
  int rc =
      sqlite3_open_v2(name.c_str(), &raw,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  Database db(raw);  // owns the handle even when opening failed
  if (rc != SQLITE_OK) return store_internal::SqliteStatus(raw, rc, doing);
  sqlite3_extended_result_codes(db.get(), 1);

  // Another dossier process (a report while the ingest runs) may hold the
  // write lock for a moment; wait for it rather than fail.
  rc = sqlite3_busy_timeout(db.get(), kBusyTimeoutMs);
  if (rc != SQLITE_OK) return store_internal::SqliteStatus(db.get(), rc, doing);

  // WAL lets reports read while the ingest writes. It is required, not just
  // asked for: synchronous=FULL below is chosen with WAL in mind, and a store
  // on a file system without shared memory (some network shares) is better
  // refused than run in a mode nobody tested.
  {
    DOSSIER_STORE_ASSIGN_OR_RETURN(
        mode, Statement::Prepare(db.get(), "PRAGMA journal_mode = WAL", doing));
    DOSSIER_STORE_ASSIGN_OR_RETURN(row, mode.Step());
    const std::string got = row ? mode.Text(0) : std::string();
    if (got != "wal" && !(in_memory && got == "memory")) {
      return Status::Io(doing + ": the store's folder does not support write-ahead logging (got '" +
                        got + "'); put the store on a local disk");
    }
  }
  // FULL rather than NORMAL: with WAL, NORMAL never corrupts but may lose the
  // last commits on power loss, and a lost RecordArrival would forget a file
  // the ingest has already taken out of the inbox. Commits are a handful per
  // file, so the extra fsync is noise next to reading the file.
  // foreign_keys is per connection and off by default: the cascades that
  // SaveAssembly relies on need it.
  DOSSIER_STORE_RETURN_IF_ERROR(
      db.ExecScript("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON", doing));

  DOSSIER_STORE_RETURN_IF_ERROR(store_internal::Migrate(db, name));
  return std::unique_ptr<Store>(std::make_unique<SqliteStore>(std::move(db), name));
}

// "file:" and the path with every byte but the plainest percent-encoded, for
// sqlite3_open_v2 with SQLITE_OPEN_URI.
std::string FileUri(const std::filesystem::path& path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out = "file:";
  for (unsigned char c : std::filesystem::absolute(path).string()) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' ||
        c == '.' || c == '-' || c == '_') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// Copies the database `file` names (a path, or a URI with `flags`) into
// `memory` in one step, inside one read transaction: a consistent picture
// even while an ingest writes to the file. Returns SQLite's result code.
int CopyInto(sqlite3* memory, const std::string& file, int flags) {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(file.c_str(), &raw, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | flags,
                           nullptr);
  Database source(raw);
  if (rc == SQLITE_OK) {
    sqlite3_extended_result_codes(source.get(), 1);
    sqlite3_busy_timeout(source.get(), kBusyTimeoutMs);
    sqlite3_backup* backup = sqlite3_backup_init(memory, "main", source.get(), "main");
    if (!backup) {
      rc = sqlite3_extended_errcode(memory);
    } else {
      rc = sqlite3_backup_step(backup, -1);
      sqlite3_backup_finish(backup);
      if (rc == SQLITE_DONE) return SQLITE_OK;
    }
  }
  return rc;
}

// The store copied into memory from a file that is only read: see
// OpenSqliteStoreSnapshot.
Result<std::unique_ptr<Store>> OpenSnapshot(const std::filesystem::path& path) {
  const std::string name = path.string();
  const std::string doing = "cannot read the store at " + name;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return Status::NotFound(doing + ": there is no such file");
  }
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(":memory:", &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
  Database memory(raw);
  if (rc != SQLITE_OK) return store_internal::SqliteStatus(raw, rc, doing);
  sqlite3_extended_result_codes(memory.get(), 1);

  // Read-only, never created, so nothing here can change the original.
  rc = CopyInto(memory.get(), name, 0);
  if ((rc & 0xff) == SQLITE_READONLY || (rc & 0xff) == SQLITE_CANTOPEN) {
    // A WAL store in a folder nobody may write (an auditor's copy) cannot
    // get the shared-memory file SQLite reads it with. Once the last writer
    // has closed it, its log is empty or gone and the file alone is the
    // whole store: read it as immutable, without locks or log.
    std::filesystem::path wal = path;
    wal += "-wal";
    const bool log_empty =
        !std::filesystem::exists(wal, ec) || std::filesystem::file_size(wal, ec) == 0;
    if (!log_empty) {
      return Status::Io(doing + ": its write-ahead log (" + wal.filename().string() +
                        ") holds changes that cannot be read in a folder that is not writable; "
                        "copy the data folder after dossier has stopped, or make it writable");
    }
    rc = CopyInto(memory.get(), FileUri(path) + "?immutable=1", SQLITE_OPEN_URI);
  }
  if (rc != SQLITE_OK) return store_internal::SqliteStatus(nullptr, rc, doing);

  DOSSIER_STORE_RETURN_IF_ERROR(memory.ExecScript("PRAGMA foreign_keys = ON", doing));
  // A copy from an older build is brought up to date in memory only.
  DOSSIER_STORE_RETURN_IF_ERROR(store_internal::Migrate(memory, name));
  return std::unique_ptr<Store>(std::make_unique<SqliteStore>(std::move(memory), name));
}

}  // namespace

Result<std::unique_ptr<Store>> OpenSqliteStoreSnapshot(const std::filesystem::path& path) {
  try {
    return OpenSnapshot(path);
  } catch (const std::exception& e) {
    return Status::Internal("cannot read the store at " + path.string() + ": unexpected failure (" +
                            e.what() + ")");
  }
}

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::filesystem::path& path) {
  try {
    return Open(path);
  } catch (const std::exception& e) {
    return Status::Internal("cannot open the store at " + path.string() + ": unexpected failure (" +
                            e.what() + ")");
  }
}

int StoreSchemaVersion() { return store_internal::KnownSchemaVersion(); }

}  // namespace dossier
