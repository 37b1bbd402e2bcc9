// The store's report views (views.h).
#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sql_store.h"

namespace dossier::store_internal {

namespace {

constexpr int kDocumentViewColumnCount = 11;

// A row of DocumentViewColumns(), starting at column `first`.
DocumentView ReadDocumentView(const SqlStatement& stmt, int first) {
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

}  // namespace

std::string SqlStore::DocumentViewColumns() const {
  return "d.id, f.first_path, f.sha256, d.kind, d.kind_confidence, d.kind_reason, d.pages, "
         "f.type, d.first_page, d.last_page, (SELECT " +
         JsonArraySql("m.sender, m.subject, m.arrived_ms, m.time_basis, m.note") +
         " FROM mails m WHERE m.file = " kMailOfFile ")";
}

Result<std::vector<ApplicationView>> SqlStore::ListApplications() {
  return Guarded<Result<std::vector<ApplicationView>>>("listing applications",
                                                       [&] { return DoListApplications(); });
}

Result<std::vector<UnassignedView>> SqlStore::ListUnassigned() {
  return Guarded<Result<std::vector<UnassignedView>>>("listing unassigned documents",
                                                      [&] { return DoListUnassigned(); });
}

Result<std::vector<RejectedView>> SqlStore::ListRejected() {
  return Guarded<Result<std::vector<RejectedView>>>("listing rejected files",
                                                    [&] { return DoListRejected(); });
}

Result<StoreCounts> SqlStore::Counts() {
  return Guarded<Result<StoreCounts>>("counting", [&] { return DoCounts(); });
}

Result<std::vector<ArrivalView>> SqlStore::ArrivalsOf(const std::string& sha256,
                                                      const std::string& doing) {
  DOSSIER_STORE_ASSIGN_OR_RETURN(
      stmt, Prepare("SELECT a.path_as_received, a.received_at_ms FROM arrivals a "
                    "JOIN files f ON f.id = a.file WHERE f.sha256 = ?1 "
                    "ORDER BY a.received_at_ms, a.id",
                    doing));
  stmt->BindText(1, sha256);
  std::vector<ArrivalView> out;
  DOSSIER_STORE_RETURN_IF_ERROR(stmt->ForEachRow([&] {
    out.push_back(ArrivalView{stmt->Text(0), stmt->Int(1)});
  }));
  return out;
}

Result<std::vector<ApplicationView>> SqlStore::DoListApplications() {
  const std::string doing = "listing applications";
  std::vector<ApplicationView> out;
  {
    DOSSIER_STORE_ASSIGN_OR_RETURN(
        apps, Prepare("SELECT id, track FROM applications ORDER BY position", doing));
    DOSSIER_STORE_RETURN_IF_ERROR(apps->ForEachRow([&] {
      ApplicationView view;
      view.id = apps->Text(0);
      view.track = apps->Text(1);
      out.push_back(std::move(view));
    }));
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
              "ad.document_page, d.first_page, s.words, "
              // What the value was read from in that span (a licence's
              // field lends its reading to the application's field).
              "(SELECT r.raw FROM readings r WHERE r.document = fs.document "
              "AND r.span_index = fs.span_index AND r.scope = 'field' "
              "AND r.field_key IN (fs.field_key, 'license_' || fs.field_key) "
              "ORDER BY length(r.field_key), r.position LIMIT 1) "
              "FROM field_sources fs "
              "JOIN documents d ON d.id = fs.document "
              "JOIN files f ON f.id = d.file "
              "LEFT JOIN application_documents ad "
              "ON ad.application = fs.application AND ad.document = fs.document "
              "LEFT JOIN spans s ON s.document = fs.document AND s.span_index = fs.span_index "
              "WHERE fs.application = ?1 ORDER BY fs.field_key, fs.position",
              doing));
  DOSSIER_STORE_ASSIGN_OR_RETURN(documents,
                                 Prepare(std::string("SELECT ") + DocumentViewColumns() +
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
    sources->Reset();
    sources->BindText(1, view.id);
    DOSSIER_STORE_RETURN_IF_ERROR(sources->ForEachRow([&]() -> Status {
      SourceView source;
      source.file = sources->Text(1);
      source.sha256 = sources->Text(2);
      source.page = sources->IsNull(3) ? 0 : static_cast<int>(sources->Int(3));
      if (!sources->IsNull(4)) {
        source.bbox =
            BBox{sources->Double(4), sources->Double(5), sources->Double(6), sources->Double(7)};
      }
      source.locator = sources->Text(8);
      source.method = sources->Text(9);
      if (!sources->IsNull(10)) source.confidence = sources->Double(10);
      source.raw = sources->Text(11);
      source.document_id = sources->Int(12);
      source.span_index = static_cast<int>(sources->Int(13));
      // A later page of a document of several files counts on from the
      // page where its file begins in that document.
      if (!sources->IsNull(14) && sources->Int(14) > 0 && source.page > 0) {
        source.document_page = static_cast<int>(sources->Int(14)) + source.page -
                               std::max(1, static_cast<int>(sources->Int(15)));
      }
      // A line read whole, label and value, has one box: the value's own
      // is narrowed from its words.
      if (source.bbox && !sources->IsNull(17)) {
        DOSSIER_STORE_ASSIGN_OR_RETURN(words, ParseJson(sources->Text(16), doing));
        Span span;
        span.text = source.raw;
        span.words = WordsFromJson(words);
        if (std::optional<BBox> box = PartBox(span, sources->Text(17))) source.bbox = box;
      }
      by_key[sources->Text(0)].push_back(std::move(source));
      return Status::Ok();
    }));

    fields->Reset();
    fields->BindText(1, view.id);
    DOSSIER_STORE_RETURN_IF_ERROR(fields->ForEachRow([&]() -> Status {
      FieldView field;
      field.key = fields->Text(0);
      DOSSIER_STORE_ASSIGN_OR_RETURN(value, ParseJson(fields->Text(1), doing));
      field.value = std::move(value);
      field.confidence = fields->Double(2);
      auto it = by_key.find(field.key);
      if (it != by_key.end()) field.sources = std::move(it->second);
      view.fields.push_back(std::move(field));
      return Status::Ok();
    }));

    documents->Reset();
    documents->BindText(1, view.id);
    DOSSIER_STORE_RETURN_IF_ERROR(documents->ForEachRow([&] {
      DocumentView doc = ReadDocumentView(*documents, 0);
      doc.assigned_by.basis = documents->Text(kDocumentViewColumnCount);
      doc.assigned_by.detail = documents->Text(kDocumentViewColumnCount + 1);
      doc.assigned_by.document_page =
          static_cast<int>(documents->Int(kDocumentViewColumnCount + 2));
      view.documents.push_back(std::move(doc));
    }));
    for (DocumentView& document : view.documents) {
      DOSSIER_STORE_ASSIGN_OR_RETURN(arrivals, ArrivalsOf(document.sha256, doing));
      document.arrivals = std::move(arrivals);
    }

    checks->Reset();
    checks->BindText(1, view.id);
    DOSSIER_STORE_RETURN_IF_ERROR(checks->ForEachRow([&] {
      view.checks.push_back(norm::CheckResult{checks->Text(0), checks->Text(1), checks->Text(2)});
    }));

    findings->Reset();
    findings->BindText(1, view.id);
    DOSSIER_STORE_RETURN_IF_ERROR(findings->ForEachRow([&] {
      view.findings.push_back(
          norm::Finding{findings->Text(0), findings->Text(1), findings->Text(2)});
    }));
  }
  return out;
}

Result<std::vector<UnassignedView>> SqlStore::DoListUnassigned() {
  const std::string doing = "listing unassigned documents";
  DOSSIER_STORE_ASSIGN_OR_RETURN(stmt,
                                 Prepare(std::string("SELECT u.reason, ") + DocumentViewColumns() +
                                             " FROM unassigned u "
                                             "JOIN documents d ON d.id = u.document "
                                             "JOIN files f ON f.id = d.file ORDER BY u.position",
                                         doing));
  std::vector<UnassignedView> out;
  DOSSIER_STORE_RETURN_IF_ERROR(stmt->ForEachRow([&] {
    out.push_back(UnassignedView{ReadDocumentView(*stmt, 1), stmt->Text(0)});
  }));
  // An expanded archive is no document, but it arrived: it is listed with
  // what became of it, its files being listed each on its own.
  DOSSIER_STORE_ASSIGN_OR_RETURN(archives,
                                 Prepare("SELECT f.first_path, f.sha256, f.type, "
                                         "(SELECT count(*) FROM arrivals a WHERE a.archive = f.id) "
                                         "FROM files f WHERE f.state = 'done' AND NOT EXISTS "
                                         "(SELECT 1 FROM documents d WHERE d.file = f.id) "
                                         "ORDER BY f.created_ms, f.id",
                                         doing));
  DOSSIER_STORE_RETURN_IF_ERROR(archives->ForEachRow([&] {
    UnassignedView view;
    view.document.file = archives->Text(0);
    view.document.sha256 = archives->Text(1);
    view.document.type = archives->Text(2);
    view.document.kind = "archive";
    view.reason = "压缩包，已解开：其中 " + std::to_string(archives->Int(3)) +
                  " 个文件各自列出（路径以“" + view.document.file + "/”开头）";
    out.push_back(std::move(view));
  }));
  for (UnassignedView& view : out) {
    DOSSIER_STORE_ASSIGN_OR_RETURN(arrivals, ArrivalsOf(view.document.sha256, doing));
    view.document.arrivals = std::move(arrivals);
  }
  return out;
}

Result<std::vector<RejectedView>> SqlStore::DoListRejected() {
  const std::string doing = "listing rejected files";
  DOSSIER_STORE_ASSIGN_OR_RETURN(
      stmt, Prepare("SELECT first_path, sha256, reason_code, reason FROM files "
                    "WHERE state = 'rejected' ORDER BY created_ms, id",
                    doing));
  std::vector<RejectedView> out;
  DOSSIER_STORE_RETURN_IF_ERROR(stmt->ForEachRow([&] {
    RejectedView view;
    view.file = stmt->Text(0);
    view.sha256 = stmt->Text(1);
    view.code = stmt->Text(2);
    view.reason = stmt->Text(3);
    out.push_back(std::move(view));
  }));
  for (RejectedView& view : out) {
    DOSSIER_STORE_ASSIGN_OR_RETURN(arrivals, ArrivalsOf(view.sha256, doing));
    view.arrivals = std::move(arrivals);
  }
  DOSSIER_STORE_ASSIGN_OR_RETURN(
      refused, Prepare("SELECT path_as_received, code, reason, at_ms FROM refused "
                       "ORDER BY at_ms, id",
                       doing));
  DOSSIER_STORE_RETURN_IF_ERROR(refused->ForEachRow([&] {
    RejectedView view;
    view.file = refused->Text(0);
    view.code = refused->Text(1);
    view.reason = refused->Text(2);
    view.arrivals.push_back(ArrivalView{view.file, refused->Int(3)});
    out.push_back(std::move(view));
  }));
  return out;
}

Result<StoreCounts> SqlStore::DoCounts() {
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
  DOSSIER_STORE_ASSIGN_OR_RETURN(row, stmt->Step());
  if (!row) return Status::Internal(doing + ": the count returned nothing");
  StoreCounts counts;
  counts.files = stmt->Int(0);
  counts.arrivals = stmt->Int(1);
  counts.documents = stmt->Int(2);
  counts.applications = stmt->Int(3);
  counts.rejected = stmt->Int(4);
  counts.unassigned = stmt->Int(5);
  counts.queued = stmt->Int(6);
  return counts;
}

}  // namespace dossier::store_internal
