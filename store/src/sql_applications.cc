// The store's side of assembly (applications.h): readings in,
// applications out.
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "dossier/normalize/place_words.h"
#include "sql_store.h"

namespace dossier::store_internal {

Result<std::vector<norm::DocumentFacts>> SqlStore::LoadDocumentFacts() {
  return Guarded<Result<std::vector<norm::DocumentFacts>>>("loading document readings",
                                                           [&] { return DoLoadDocumentFacts(); });
}

Status SqlStore::SaveAssembly(const norm::Assembly& assembly) {
  return Guarded<Status>("saving the applications", [&] { return DoSaveAssembly(assembly); });
}

Result<std::vector<norm::DocumentFacts>> SqlStore::DoLoadDocumentFacts() {
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
                      "f.sha256, d.first_page, d.last_page, f.id, (SELECT " +
                          JsonArraySql("m.sender, m.subject, m.arrived_ms, m.time_basis, "
                                       "m.note, mf.sha256") +
                          " FROM mails m JOIN files mf ON mf.id = m.file "
                          "WHERE m.file = " kMailOfFile "), d.track "
                          "FROM documents d JOIN files f ON f.id = d.file ORDER BY d.id",
                      doing));
    DOSSIER_STORE_RETURN_IF_ERROR(docs->ForEachRow([&] {
      norm::DocumentFacts facts;
      facts.document_id = docs->Int(0);
      facts.file_path = docs->Text(1);
      facts.kind = docs->Text(2);
      facts.received_at_ms = docs->Int(3);
      facts.sha256 = docs->Text(4);
      facts.first_page = static_cast<int>(docs->Int(5));
      facts.last_page = static_cast<int>(docs->Int(6));
      if (!docs->IsNull(8)) {
        const nlohmann::json m = nlohmann::json::parse(docs->Text(8));
        facts.mail.from = m.at(0).get<std::string>();
        facts.mail.subject = m.at(1).get<std::string>();
        facts.mail.arrived_ms = m.at(2).get<int64_t>();
        facts.mail.time_basis = m.at(3).get<std::string>();
        facts.mail.note = m.at(4).get<std::string>();
        facts.mail.sha256 = m.at(5).get<std::string>();
      }
      facts.track = docs->Text(9);
      index[facts.document_id] = out.size();
      by_file[docs->Int(7)].push_back(out.size());
      out.push_back(std::move(facts));
    }));
  }
  {
    // Every path a file arrived under, first arrival first.
    DOSSIER_STORE_ASSIGN_OR_RETURN(arrivals, Prepare("SELECT file, path_as_received FROM arrivals "
                                                     "ORDER BY file, received_at_ms, id",
                                                     doing));
    DOSSIER_STORE_RETURN_IF_ERROR(arrivals->ForEachRow([&] {
      auto it = by_file.find(arrivals->Int(0));
      if (it == by_file.end()) return;
      for (size_t i : it->second) {
        std::vector<std::string>& paths = out[i].paths;
        const std::string path = arrivals->Text(1);
        if (std::find(paths.begin(), paths.end(), path) == paths.end()) paths.push_back(path);
      }
    }));
  }
  {
    // The text, where a unit's name may stand in a sentence.
    constexpr size_t kMaxTextBytes = 64 * 1024;
    DOSSIER_STORE_ASSIGN_OR_RETURN(
        spans,
        Prepare("SELECT document, text, method FROM spans ORDER BY document, span_index", doing));
    DOSSIER_STORE_RETURN_IF_ERROR(spans->ForEachRow([&] {
      auto it = index.find(spans->Int(0));
      if (it == index.end()) return;
      norm::DocumentFacts& facts = out[it->second];
      if (facts.text.size() >= kMaxTextBytes) return;
      facts.text += spans->Text(1);
      facts.text += '\n';
      if (spans->Text(2) == "ocr") facts.text_ocr = true;
    }));
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
  DOSSIER_STORE_RETURN_IF_ERROR(readings->ForEachRow([&]() -> Status {
    auto it = index.find(readings->Int(0));
    if (it == index.end()) return Status::Ok();  // cannot happen: readings cascade with documents
    norm::DocumentFacts& facts = out[it->second];
    norm::FieldReading reading;
    reading.key = readings->Text(3);
    DOSSIER_STORE_ASSIGN_OR_RETURN(value, ParseJson(readings->Text(4), doing));
    reading.value = std::move(value);
    reading.declared_none = readings->Int(5) != 0;
    reading.raw = readings->Text(6);
    reading.confidence = readings->Double(7);
    reading.span_id = static_cast<int>(readings->Int(8));
    reading.label = readings->Text(9);
    const int64_t page = readings->Int(10);
    reading.place = norm::PlaceWords(static_cast<int>(page), readings->Text(11));
    reading.page = static_cast<int>(page);
    reading.method = readings->Text(12);

    const std::string scope = readings->Text(1);
    if (scope == "field") {
      facts.fields.push_back(std::move(reading));
    } else if (scope == "header") {
      facts.header.push_back(std::move(reading));
    } else {
      const int table_row = static_cast<int>(readings->Int(2));
      if (facts.summary_rows.empty() || facts.summary_rows.back().row != table_row) {
        facts.summary_rows.push_back(norm::SummaryRow{table_row, {}});
      }
      facts.summary_rows.back().fields.push_back(std::move(reading));
    }
    return Status::Ok();
  }));

  DOSSIER_STORE_ASSIGN_OR_RETURN(
      teachers, Prepare("SELECT document, name, title, employment, span_index, employer "
                        "FROM teachers ORDER BY document, position",
                        doing));
  DOSSIER_STORE_RETURN_IF_ERROR(teachers->ForEachRow([&] {
    auto it = index.find(teachers->Int(0));
    if (it == index.end()) return;
    out[it->second].teachers.push_back(
        norm::Teacher{teachers->Text(1), teachers->Text(2), teachers->Text(3),
                      static_cast<int>(teachers->Int(4)), teachers->Text(5)});
  }));
  return out;
}

Status SqlStore::DoSaveAssembly(const norm::Assembly& assembly) {
  const std::string doing = "saving the applications";
  DOSSIER_STORE_ASSIGN_OR_RETURN(tx, BeginWrite(doing, Durability::kRecomputable));
  // Table by table rather than by the cascade from applications: in a
  // PostgreSQL snapshot (OpenPostgresStoreSnapshot) these are temporary
  // tables without the foreign keys.
  DOSSIER_STORE_RETURN_IF_ERROR(
      Exec("DELETE FROM field_sources; DELETE FROM application_fields; "
           "DELETE FROM application_documents; DELETE FROM findings; "
           "DELETE FROM checks; DELETE FROM applications; DELETE FROM unassigned",
           doing));

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
      insert_doc, Prepare("INSERT INTO application_documents (application, document, "
                          "position, basis, basis_detail, document_page) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING",
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
    insert_app->Reset();
    insert_app->BindText(1, app.id).BindInt(2, static_cast<int64_t>(a)).BindText(3, app.track);
    DOSSIER_STORE_RETURN_IF_ERROR(insert_app->Run().WithContext(app_doing));

    for (size_t f = 0; f < app.fields.size(); ++f) {
      const norm::AssembledField& field = app.fields[f];
      insert_field->Reset();
      insert_field->BindText(1, app.id)
          .BindText(2, field.key)
          .BindInt(3, static_cast<int64_t>(f))
          .BindText(4, JsonText(field.value))
          .BindDouble(5, field.confidence);
      DOSSIER_STORE_RETURN_IF_ERROR(
          insert_field->Run().WithContext(app_doing + ", field " + field.key));
      for (size_t s = 0; s < field.sources.size(); ++s) {
        insert_source->Reset();
        insert_source->BindText(1, app.id)
            .BindText(2, field.key)
            .BindInt(3, static_cast<int64_t>(s))
            .BindInt(4, field.sources[s].document_id)
            .BindInt(5, field.sources[s].span_id);
        DOSSIER_STORE_RETURN_IF_ERROR(
            insert_source->Run().WithContext(app_doing + ", a source of field " + field.key));
      }
    }
    for (size_t d = 0; d < app.document_ids.size(); ++d) {
      insert_doc->Reset();
      auto how = app.assigned_by.find(app.document_ids[d]);
      const norm::Assignment none;
      const norm::Assignment& a = how == app.assigned_by.end() ? none : how->second;
      insert_doc->BindText(1, app.id)
          .BindInt(2, app.document_ids[d])
          .BindInt(3, static_cast<int64_t>(d))
          .BindText(4, a.basis)
          .BindText(5, a.detail)
          .BindInt(6, a.document_page);
      DOSSIER_STORE_RETURN_IF_ERROR(insert_doc->Run().WithContext(app_doing));
    }
    DOSSIER_STORE_RETURN_IF_ERROR(
        InsertEach(
            *insert_finding, app.id, app.findings,
            [](SqlStatement& row, const norm::Finding& finding) {
              row.BindText(3, finding.code).BindText(4, finding.detail).BindText(5, finding.field);
            })
            .WithContext(app_doing));
    DOSSIER_STORE_RETURN_IF_ERROR(
        InsertEach(*insert_check, app.id, app.checks,
                   [](SqlStatement& row, const norm::CheckResult& check) {
                     row.BindText(3, check.id).BindText(4, check.outcome).BindText(5, check.detail);
                   })
            .WithContext(app_doing));
  }

  DOSSIER_STORE_ASSIGN_OR_RETURN(
      insert_unassigned,
      Prepare("INSERT INTO unassigned (document, position, reason) VALUES (?1, ?2, ?3)", doing));
  for (size_t i = 0; i < assembly.unassigned.size(); ++i) {
    insert_unassigned->Reset();
    insert_unassigned->BindInt(1, assembly.unassigned[i].document_id)
        .BindInt(2, static_cast<int64_t>(i))
        .BindText(3, assembly.unassigned[i].reason);
    DOSSIER_STORE_RETURN_IF_ERROR(insert_unassigned->Run().WithContext(
        "unassigned document " + std::to_string(assembly.unassigned[i].document_id)));
  }

  size_t findings = 0;
  for (const norm::Application& app : assembly.applications) findings += app.findings.size();
  const std::string detail =
      Plural(assembly.applications.size(), "application", "applications") + ", " +
      Plural(assembly.unassigned.size(), "unassigned document", "unassigned documents") + ", " +
      Plural(findings, "finding", "findings");
  DOSSIER_STORE_RETURN_IF_ERROR(AddEvent("", "assembled", detail, env_.NowMs(), doing));
  return tx->Commit();
}

}  // namespace dossier::store_internal
