#include "dossier/reports/export_json.h"

#include <cmath>
#include <cstdio>
#include <ctime>
#include <string>

namespace dossier {
namespace {

// UTC+8, the notice's zone, as the spec's arrivals are written.
double Rounded(double x, int decimals) {
  double scale = std::pow(10.0, decimals);
  return std::round(x * scale) / scale;
}

// "2024-06-27T09:26:00+08:00": arrival times in the call's own time zone
// (China Standard Time), as the spec writes them.
std::string IsoTime(int64_t unix_ms) {
  constexpr int kOffsetMinutes = 8 * 60;
  const std::time_t local = static_cast<std::time_t>(unix_ms / 1000) + kOffsetMinutes * 60;
  std::tm tm{};
  gmtime_r(&local, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d+08:00", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

nlohmann::json ArrivalsJson(const std::vector<ArrivalView>& arrivals) {
  nlohmann::json out = nlohmann::json::array();
  for (const ArrivalView& a : arrivals) out.push_back({{"file", a.file}, {"at", IsoTime(a.at_ms)}});
  return out;
}

nlohmann::json SourceJson(const SourceView& s) {
  nlohmann::json j;
  j["file"] = s.file;
  j["sha256"] = s.sha256;
  // A later page of a document of several files is numbered within that
  // document (spec); its own file's page is kept beside it for tracing.
  const int page = s.document_page > 0 ? s.document_page : s.page;
  j["page"] = page > 0 ? nlohmann::json(page) : nlohmann::json();
  if (s.document_page > 0 && s.document_page != s.page) j["file_page"] = s.page;
  if (s.bbox) {
    j["bbox"] = {Rounded(s.bbox->x0, 2), Rounded(s.bbox->y0, 2), Rounded(s.bbox->x1, 2),
                 Rounded(s.bbox->y1, 2)};
  } else {
    j["bbox"] = nullptr;
  }
  j["locator"] = s.locator;
  j["method"] = s.method;
  return j;
}

// A document's entry: its file and, where the format has pages, the file's
// pages it covers (a file may hold several documents).
nlohmann::json DocumentJson(const DocumentView& d) {
  nlohmann::json j = {{"file", d.file}, {"sha256", d.sha256}, {"kind", d.kind}};
  j["pages"] =
      d.first_page > 0 ? nlohmann::json::array({d.first_page, d.last_page}) : nlohmann::json();
  // The spec names no place for a mail's sender and subject: they stand
  // beside the document whose file came in it (or that is its text).
  if (d.mail) {
    nlohmann::json m = {{"from", d.mail->sender},
                        {"subject", d.mail->subject},
                        {"received_at", IsoTime(d.mail->arrived_ms)},
                        {"time_basis", d.mail->time_basis}};
    if (!d.mail->note.empty()) m["note"] = d.mail->note;
    j["mail"] = std::move(m);
  }
  j["arrivals"] = ArrivalsJson(d.arrivals);
  return j;
}

nlohmann::json ApplicationJson(const ApplicationView& app) {
  // The licence's own fields (keyed license_*) are kept apart from the
  // form's: the contract's "fields" are the form's.
  constexpr std::string_view kLicensePrefix = "license_";
  nlohmann::json fields = nlohmann::json::object();
  nlohmann::json license_fields = nlohmann::json::object();
  for (const FieldView& f : app.fields) {
    nlohmann::json sources = nlohmann::json::array();
    for (const SourceView& s : f.sources) sources.push_back(SourceJson(s));
    nlohmann::json field = {{"value", f.value},
                            {"confidence", Rounded(f.confidence, 3)},
                            {"sources", std::move(sources)}};
    if (f.key.rfind(kLicensePrefix, 0) == 0)
      license_fields[f.key.substr(kLicensePrefix.size())] = std::move(field);
    else
      fields[f.key] = std::move(field);
  }
  nlohmann::json documents = nlohmann::json::array();
  for (const DocumentView& d : app.documents) {
    nlohmann::json doc = DocumentJson(d);
    doc["assigned_by"] = {{"basis", d.assigned_by.basis}, {"detail", d.assigned_by.detail}};
    if (d.assigned_by.document_page > 0) doc["document_page"] = d.assigned_by.document_page;
    documents.push_back(std::move(doc));
  }
  nlohmann::json checks = nlohmann::json::array();
  for (const norm::CheckResult& c : app.checks)
    checks.push_back({{"id", c.id}, {"outcome", c.outcome}, {"detail", c.detail}});
  // Findings are not in the contract's example but reviewers need them; an
  // extra key leaves every contract reader working.
  nlohmann::json findings = nlohmann::json::array();
  for (const norm::Finding& f : app.findings) {
    nlohmann::json finding = {{"code", f.code}, {"detail", f.detail}};
    if (!f.field.empty()) finding["field"] = f.field;
    findings.push_back(std::move(finding));
  }
  nlohmann::json j;
  j["id"] = app.id;
  // The notice's track: "provincial", or "national" for the ministry's form.
  j["track"] = app.track;
  j["fields"] = std::move(fields);
  j["documents"] = std::move(documents);
  j["checks"] = std::move(checks);
  j["findings"] = std::move(findings);
  j["license_fields"] = std::move(license_fields);
  return j;
}

}  // namespace

Result<nlohmann::json> BuildExport(ReportViews& views) {
  auto apps = views.ListApplications();
  if (!apps.ok()) return apps.status();
  auto unassigned = views.ListUnassigned();
  if (!unassigned.ok()) return unassigned.status();
  auto rejected = views.ListRejected();
  if (!rejected.ok()) return rejected.status();

  nlohmann::json out;
  out["applications"] = nlohmann::json::array();
  for (const ApplicationView& app : *apps) out["applications"].push_back(ApplicationJson(app));
  out["unassigned"] = nlohmann::json::array();
  for (const UnassignedView& u : *unassigned) {
    nlohmann::json doc = DocumentJson(u.document);
    doc["reason"] = u.reason;
    out["unassigned"].push_back(std::move(doc));
  }
  out["rejected"] = nlohmann::json::array();
  for (const RejectedView& r : *rejected) {
    // A file refused before it was read has no digest: null, not "".
    out["rejected"].push_back(
        {{"file", r.file},
         {"sha256", r.sha256.empty() ? nlohmann::json() : nlohmann::json(r.sha256)},
         {"code", r.code.empty() ? nlohmann::json() : nlohmann::json(r.code)},
         {"reason", r.reason},
         {"arrivals", ArrivalsJson(r.arrivals)}});
  }
  return out;
}

}  // namespace dossier
