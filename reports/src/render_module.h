// The render module (dossier-render.so: Cairo, Pango, poppler-cpp,
// libxlsxwriter, libpng, Leptonica): what draws dossiers, summary sheets and
// pictures of originals, loaded by the commands that write them (`report`,
// `trace --png`), never by `ingest`, `export` or `status`.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "dossier/common/module.h"
#include "dossier/common/status.h"
#include "dossier/reports/dossier_report.h"
#include "dossier/reports/trace.h"

namespace dossier::reports_internal {

class RenderModule {
 public:
  // As dossier_report.h and trace.h declare them.
  virtual Result<ReportSummary> WriteReports(ReportViews& views, DocumentStore& documents,
                                             const ReportOptions& options) = 0;
  virtual Status WriteSummarySheet(const std::string& recommender,
                                   const std::vector<const ApplicationView*>& applications,
                                   const std::filesystem::path& path) = 0;
  virtual Result<TraceCrop> WriteTraceCrop(DocumentStore& documents, const FieldTrace& trace,
                                           const std::filesystem::path& data_dir,
                                           const std::filesystem::path& png) = 0;

 protected:
  ~RenderModule() = default;
};

// The render module, loaded on first use.
// On failure: module_missing (common/module.h).
inline Result<RenderModule*> LoadRenderModule() {
  return LoadModuleAs<RenderModule>("render", "生成报告和原件图片");
}

// The implementations inside the module.
Result<ReportSummary> WriteReportsNow(ReportViews& views, DocumentStore& documents,
                                      const ReportOptions& options);
Status WriteSummarySheetNow(const std::string& recommender,
                            const std::vector<const ApplicationView*>& applications,
                            const std::filesystem::path& path);
Result<TraceCrop> WriteTraceCropNow(DocumentStore& documents, const FieldTrace& trace,
                                    const std::filesystem::path& data_dir,
                                    const std::filesystem::path& png);

}  // namespace dossier::reports_internal
