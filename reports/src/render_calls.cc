// The reports' drawing entry points (dossier_report.h, trace.h), which load
// the render module (render_module.h) on their first call, and the file
// names of dossiers, which need no drawing.
#include "dossier/common/sha256.h"
#include "dossier/reports/dossier_report.h"
#include "dossier/reports/trace.h"
#include "render_module.h"

namespace dossier {

std::string ApplicationFileStem(std::string_view application_id) {
  bool plain = !application_id.empty() && application_id.size() <= 40;
  for (char c : application_id) {
    if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'))) plain = false;
  }
  if (plain) return std::string(application_id);
  return "app-" + Sha256Hex(application_id).substr(0, 16);
}

Result<ReportSummary> WriteReports(ReportViews& views, DocumentStore& documents,
                                   const ReportOptions& options) {
  auto render = reports_internal::LoadRenderModule();
  if (!render.ok()) return render.status();
  return (*render)->WriteReports(views, documents, options);
}

Status WriteSummarySheet(const std::string& recommender,
                         const std::vector<const ApplicationView*>& applications,
                         const std::filesystem::path& path) {
  auto render = reports_internal::LoadRenderModule();
  if (!render.ok()) return render.status();
  return (*render)->WriteSummarySheet(recommender, applications, path);
}

Result<TraceCrop> WriteTraceCrop(DocumentStore& documents, const FieldTrace& trace,
                                 const std::filesystem::path& data_dir,
                                 const std::filesystem::path& png) {
  auto render = reports_internal::LoadRenderModule();
  if (!render.ok()) return render.status();
  return (*render)->WriteTraceCrop(documents, trace, data_dir, png);
}

}  // namespace dossier
