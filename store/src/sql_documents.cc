// The store's documents (documents.h): what was read from each file,
// saved in one transaction and rebuilt for reports.
#include <algorithm>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "sql_store.h"

namespace dossier::store_internal {

namespace {

// One reading as saved: its scope, its position within the scope, and its
// table row (< 0: none, stored as NULL).
struct ReadingRow {
  const char* scope;
  int position;
  int row_index;
  const norm::FieldReading* reading;
};

void AddReadings(const char* scope, const std::vector<norm::FieldReading>& readings, int row_index,
                 int& position, std::vector<ReadingRow>& rows) {
  for (const norm::FieldReading& r : readings) rows.push_back({scope, position++, row_index, &r});
}

constexpr int kReadingColumns = 11;

// Readings go in by INSERTs of several rows: the table's CHECK on scope (an
// IN list of three) makes SQLite build a small temporary table at each run
// of the statement, which, run once a row, was a tenth of what saving a
// file's documents cost.
constexpr size_t kReadingsPerInsert = 32;

std::string InsertReadingsSql(size_t rows) {
  std::string sql =
      "INSERT INTO readings (document, scope, position, row_index, field_key, value_json, "
      "declared_none, raw, confidence, span_index, label) VALUES ";
  for (size_t r = 0; r < rows; ++r) {
    sql += r == 0 ? "(" : ", (";
    for (int c = 1; c <= kReadingColumns; ++c) {
      if (c > 1) sql += ", ";
      sql += '?';
      sql += std::to_string(static_cast<int>(r) * kReadingColumns + c);
    }
    sql += ")";
  }
  return sql;
}

// Binds `row` as the statement's row number `r` (from 0).
void BindReading(SqlStatement& stmt, int r, int64_t document, const ReadingRow& row) {
  const int at = r * kReadingColumns;
  const norm::FieldReading& reading = *row.reading;
  stmt.BindInt(at + 1, document).BindText(at + 2, row.scope).BindInt(at + 3, row.position);
  if (row.row_index >= 0) {
    stmt.BindInt(at + 4, row.row_index);
  } else {
    stmt.BindNull(at + 4);
  }
  // Declared none is stored as null whatever the reader put in value, so
  // that every consumer sees one representation of "absent".
  stmt.BindText(at + 5, reading.key)
      .BindText(at + 6, reading.declared_none ? std::string("null") : JsonText(reading.value))
      .BindInt(at + 7, reading.declared_none ? 1 : 0)
      .BindText(at + 8, reading.raw)
      .BindDouble(at + 9, reading.confidence)
      .BindInt(at + 10, reading.span_id)
      .BindText(at + 11, reading.label);
}

}  // namespace

Status SqlStore::SaveDocuments(const std::string& sha256, const JobHolder& holder,
                               const std::vector<norm::DocumentPart>& parts) {
  return Guarded<Status>("saving what was read",
                         [&] { return DoSaveDocuments(sha256, holder, parts); });
}

Result<Document> SqlStore::LoadDocument(int64_t document_id) {
  return Guarded<Result<Document>>("loading a document",
                                   [&] { return DoLoadDocument(document_id); });
}

Status SqlStore::DoSaveDocuments(const std::string& sha256, const JobHolder& holder,
                                 const std::vector<norm::DocumentPart>& parts) {
  const std::string doing = "saving what was read from the file " + sha256;
  if (parts.empty()) return Status::Internal(doing + ": no document was read from it");
  DOSSIER_STORE_ASSIGN_OR_RETURN(tx, BeginWrite(doing, Durability::kRecomputable));
  // A file is read exactly once, and saved only by the holder of its job: a
  // worker that lost its lease has nothing to say any more.
  DOSSIER_STORE_ASSIGN_OR_RETURN(file, FindHeldFile(sha256, holder, "read", doing));
  DOSSIER_STORE_RETURN_IF_ERROR(SaveDocumentParts(file.id, parts, doing));
  std::string detail;
  for (const norm::DocumentPart& part : parts) {
    const norm::DocumentAnalysis& analysis = part.analysis;
    size_t row_readings = 0;
    for (const norm::SummaryRow& row : analysis.summary_rows) row_readings += row.fields.size();
    if (!detail.empty()) detail += "; ";
    if (parts.size() > 1) {
      detail +=
          "pages " + std::to_string(part.first_page) + "-" + std::to_string(part.last_page) + " ";
    }
    detail += analysis.classification.kind + ": " + Plural(part.doc.pages.size(), "page", "pages") +
              ", " + Plural(part.doc.spans.size(), "span", "spans") + ", " +
              Plural(part.doc.tables.size(), "table", "tables") + ", " +
              Plural(analysis.fields.size(), "field", "fields") + ", " +
              Plural(analysis.summary_rows.size(), "summary row", "summary rows") + " (" +
              Plural(row_readings, "value", "values") + "), " +
              Plural(analysis.header.size(), "header value", "header values") + ", " +
              Plural(analysis.teachers.size(), "teacher", "teachers") + ", " +
              Plural(part.doc.warnings.size(), "warning", "warnings");
  }

  // The pages of a split file were joined into these documents.
  DOSSIER_STORE_RETURN_IF_ERROR(DropPageSlices(file.id, doing));
  DOSSIER_STORE_RETURN_IF_ERROR(MarkDone(file.id, "file", doing));
  DOSSIER_STORE_RETURN_IF_ERROR(AddEvent(sha256, "extracted", detail, env_.NowMs(), doing));
  return tx->Commit();
}

// The statements that save a file's documents, prepared once for all of
// them: a package scanned into one PDF holds dozens of documents, and
// preparing is most of what a small INSERT costs SQLite.
struct SqlStore::DocumentInserts {
  std::unique_ptr<SqlStatement> document, page, span, table, cell, teacher, note;
  // By the number of rows they insert (InsertReadingsSql), prepared when
  // first needed.
  std::map<size_t, std::unique_ptr<SqlStatement>> readings;
};

Status SqlStore::SaveDocumentParts(int64_t file_id, const std::vector<norm::DocumentPart>& parts,
                                   const std::string& doing) {
  if (parts.empty()) return Status::Ok();
  DocumentInserts inserts;
  const std::pair<std::unique_ptr<SqlStatement>*, const char*> statements[] = {
      {&inserts.document,
       "INSERT INTO documents (file, part, first_page, last_page, kind, kind_confidence, "
       "kind_reason, pages, warnings, track) "
       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id"},
      {&inserts.page,
       "INSERT INTO pages (document, position, number, width, height, method, how_read) "
       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"},
      {&inserts.span,
       "INSERT INTO spans (document, span_index, text, page, x0, y0, x1, y1, locator, method, "
       "confidence, table_index, row_index, col_index, words) "
       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"},
      {&inserts.table,
       "INSERT INTO doc_tables (document, table_index, name, page, row_count, col_count) "
       "VALUES (?1, ?2, ?3, ?4, ?5, ?6)"},
      {&inserts.cell,
       "INSERT INTO table_cells (document, table_index, position, grid_row, grid_col, "
       "row_span, col_span, span_index) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"},
      {&inserts.teacher,
       "INSERT INTO teachers (document, position, name, title, employment, span_index, "
       "employer) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"},
      {&inserts.note, "INSERT INTO document_notes (document, position, note) VALUES (?1, ?2, ?3)"},
  };
  for (const auto& [into, sql] : statements) {
    DOSSIER_STORE_ASSIGN_OR_RETURN(statement, Prepare(sql, doing));
    *into = std::move(statement);
  }
  for (size_t i = 0; i < parts.size(); ++i) {
    DOSSIER_STORE_RETURN_IF_ERROR(
        SaveDocument(file_id, static_cast<int>(i), parts[i], inserts, doing));
  }
  return Status::Ok();
}

Status SqlStore::SaveDocument(int64_t file_id, int part_index, const norm::DocumentPart& part,
                              DocumentInserts& inserts, const std::string& doing) {
  const Document& doc = part.doc;
  const norm::DocumentAnalysis& analysis = part.analysis;
  nlohmann::json warnings = doc.warnings;
  SqlStatement& insert_doc = *inserts.document;
  insert_doc.Reset();
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
  DOSSIER_STORE_ASSIGN_OR_RETURN(document, InsertedId(insert_doc, doing, "document"));

  SqlStatement& insert_page = *inserts.page;
  DOSSIER_STORE_RETURN_IF_ERROR(
      InsertEach(insert_page, document, doc.pages, [](SqlStatement& row, const Page& page) {
        row.BindInt(3, page.number)
            .BindDouble(4, page.width)
            .BindDouble(5, page.height)
            .BindText(6, MethodName(page.method))
            .BindText(7, page.how_read);
      }));

  SqlStatement& insert_span = *inserts.span;
  std::ostringstream words_text;
  DOSSIER_STORE_RETURN_IF_ERROR(
      InsertEach(insert_span, document, doc.spans, [&](SqlStatement& row, const Span& span) {
        WriteWordsJson(span.words, words_text);
        row.BindText(3, span.text).BindInt(4, span.page);
        if (span.bbox) {
          row.BindDouble(5, span.bbox->x0)
              .BindDouble(6, span.bbox->y0)
              .BindDouble(7, span.bbox->x1)
              .BindDouble(8, span.bbox->y1);
        } else {
          row.BindNull(5).BindNull(6).BindNull(7).BindNull(8);
        }
        row.BindText(9, span.locator)
            .BindText(10, MethodName(span.method))
            .BindDouble(11, span.confidence)
            .BindInt(12, span.table)
            .BindInt(13, span.row)
            .BindInt(14, span.col)
            .BindText(15, words_text.str());
      }));

  SqlStatement& insert_table = *inserts.table;
  SqlStatement& insert_cell = *inserts.cell;
  DOSSIER_STORE_RETURN_IF_ERROR(
      InsertEach(insert_table, document, doc.tables, [](SqlStatement& row, const Table& table) {
        row.BindText(3, table.name)
            .BindInt(4, table.page)
            .BindInt(5, table.rows)
            .BindInt(6, table.cols);
      }));
  // A table's cells once every table is in: each cell refers to its table.
  for (size_t t = 0; t < doc.tables.size(); ++t) {
    const Table& table = doc.tables[t];
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

  std::vector<ReadingRow> readings;
  int field_position = 0;
  AddReadings("field", analysis.fields, -1, field_position, readings);
  int header_position = 0;
  AddReadings("header", analysis.header, -1, header_position, readings);
  int row_position = 0;
  for (const norm::SummaryRow& row : analysis.summary_rows) {
    // row_index must be >= 0 to be told from "no row"; table rows are 0-based.
    if (row.row < 0) {
      return Status::Internal(doing + ": a summary row has a negative table row");
    }
    AddReadings("row", row.fields, row.row, row_position, readings);
  }
  for (size_t first = 0; first < readings.size(); first += kReadingsPerInsert) {
    const size_t rows = std::min(kReadingsPerInsert, readings.size() - first);
    std::unique_ptr<SqlStatement>& insert = inserts.readings[rows];
    if (!insert) {
      DOSSIER_STORE_ASSIGN_OR_RETURN(prepared, Prepare(InsertReadingsSql(rows), doing));
      insert = std::move(prepared);
    }
    insert->Reset();
    for (size_t r = 0; r < rows; ++r) {
      BindReading(*insert, static_cast<int>(r), document, readings[first + r]);
    }
    DOSSIER_STORE_RETURN_IF_ERROR(insert->Run());
  }

  SqlStatement& insert_teacher = *inserts.teacher;
  DOSSIER_STORE_RETURN_IF_ERROR(InsertEach(insert_teacher, document, analysis.teachers,
                                           [](SqlStatement& row, const norm::Teacher& teacher) {
                                             row.BindText(3, teacher.name)
                                                 .BindText(4, teacher.title)
                                                 .BindText(5, teacher.employment)
                                                 .BindInt(6, teacher.span_id)
                                                 .BindText(7, teacher.employer);
                                           }));

  SqlStatement& insert_note = *inserts.note;
  return InsertEach(insert_note, document, analysis.notes,
                    [](SqlStatement& row, const std::string& note) { row.BindText(3, note); });
}

Result<Document> SqlStore::DoLoadDocument(int64_t document_id) {
  const std::string doing = "loading document " + std::to_string(document_id);
  Document doc;
  {
    DOSSIER_STORE_ASSIGN_OR_RETURN(stmt,
                                   Prepare("SELECT warnings FROM documents WHERE id = ?1", doing));
    stmt->BindInt(1, document_id);
    DOSSIER_STORE_ASSIGN_OR_RETURN(row, stmt->Step());
    if (!row) return Status::NotFound(doing + ": no such document in the store");
    DOSSIER_STORE_ASSIGN_OR_RETURN(warnings, ParseJson(stmt->Text(0), doing));
    for (const auto& w : warnings) {
      if (w.is_string()) doc.warnings.push_back(w.get<std::string>());
    }
  }
  {
    DOSSIER_STORE_ASSIGN_OR_RETURN(
        stmt, Prepare("SELECT number, width, height, method, how_read FROM pages "
                      "WHERE document = ?1 ORDER BY position",
                      doing));
    stmt->BindInt(1, document_id);
    DOSSIER_STORE_RETURN_IF_ERROR(stmt->ForEachRow([&] {
      Page page;
      page.number = static_cast<int>(stmt->Int(0));
      page.width = stmt->Double(1);
      page.height = stmt->Double(2);
      page.method = MethodFromName(stmt->Text(3)).value_or(ReadMethod::kDocx);
      page.how_read = stmt->Text(4);
      doc.pages.push_back(std::move(page));
    }));
  }
  {
    DOSSIER_STORE_ASSIGN_OR_RETURN(
        stmt, Prepare("SELECT span_index, text, page, x0, y0, x1, y1, locator, method, "
                      "confidence, table_index, row_index, col_index, words FROM spans "
                      "WHERE document = ?1 ORDER BY span_index",
                      doing));
    stmt->BindInt(1, document_id);
    DOSSIER_STORE_RETURN_IF_ERROR(stmt->ForEachRow([&]() -> Status {
      // span_index is dense from 0 as saved; a gap would shift every table
      // reference, so it is refused rather than papered over.
      if (stmt->Int(0) != static_cast<int64_t>(doc.spans.size())) {
        return Status::Internal(doing + ": the store's spans are not numbered 0..n-1");
      }
      Span span;
      span.text = stmt->Text(1);
      span.page = static_cast<int>(stmt->Int(2));
      if (!stmt->IsNull(3)) {
        span.bbox = BBox{stmt->Double(3), stmt->Double(4), stmt->Double(5), stmt->Double(6)};
      }
      span.locator = stmt->Text(7);
      span.method = MethodFromName(stmt->Text(8)).value_or(ReadMethod::kDocx);
      span.confidence = stmt->Double(9);
      span.table = static_cast<int>(stmt->Int(10));
      span.row = static_cast<int>(stmt->Int(11));
      span.col = static_cast<int>(stmt->Int(12));
      DOSSIER_STORE_ASSIGN_OR_RETURN(words, ParseJson(stmt->Text(13), doing));
      if (std::any_of(words.begin(), words.end(), [](const auto& w) { return !w.is_object(); }))
        return Status::Ok();
      span.words = WordsFromJson(words);
      doc.spans.push_back(std::move(span));
      return Status::Ok();
    }));
  }
  {
    DOSSIER_STORE_ASSIGN_OR_RETURN(
        stmt, Prepare("SELECT table_index, name, page, row_count, col_count FROM doc_tables "
                      "WHERE document = ?1 ORDER BY table_index",
                      doing));
    stmt->BindInt(1, document_id);
    DOSSIER_STORE_RETURN_IF_ERROR(stmt->ForEachRow([&]() -> Status {
      if (stmt->Int(0) != static_cast<int64_t>(doc.tables.size())) {
        return Status::Internal(doing + ": the store's tables are not numbered 0..n-1");
      }
      Table table;
      table.name = stmt->Text(1);
      table.page = static_cast<int>(stmt->Int(2));
      table.rows = static_cast<int>(stmt->Int(3));
      table.cols = static_cast<int>(stmt->Int(4));
      doc.tables.push_back(std::move(table));
      return Status::Ok();
    }));
  }
  {
    DOSSIER_STORE_ASSIGN_OR_RETURN(
        stmt, Prepare("SELECT table_index, grid_row, grid_col, row_span, col_span, span_index "
                      "FROM table_cells WHERE document = ?1 ORDER BY table_index, position",
                      doing));
    stmt->BindInt(1, document_id);
    DOSSIER_STORE_RETURN_IF_ERROR(stmt->ForEachRow([&] {
      const int64_t t = stmt->Int(0);
      if (t < 0 || t >= static_cast<int64_t>(doc.tables.size())) return;
      Cell cell;
      cell.row = static_cast<int>(stmt->Int(1));
      cell.col = static_cast<int>(stmt->Int(2));
      cell.row_span = static_cast<int>(stmt->Int(3));
      cell.col_span = static_cast<int>(stmt->Int(4));
      cell.span_id = static_cast<int>(stmt->Int(5));
      if (cell.span_id >= static_cast<int>(doc.spans.size())) cell.span_id = -1;
      doc.tables[static_cast<size_t>(t)].cells.push_back(cell);
    }));
  }
  return doc;
}

}  // namespace dossier::store_internal
