// dossier-render.so's entry (render_module.h).
#include "render_module.h"

namespace dossier::reports_internal {
namespace {

class RenderModuleImpl final : public RenderModule {
 public:
  Result<ReportSummary> WriteReports(ReportViews& views, DocumentStore& documents,
                                     const ReportOptions& options) override {
    return WriteReportsNow(views, documents, options);
  }
  Status WriteSummarySheet(const std::string& recommender,
                           const std::vector<const ApplicationView*>& applications,
                           const std::filesystem::path& path) override {
    return WriteSummarySheetNow(recommender, applications, path);
  }
  Result<TraceCrop> WriteTraceCrop(DocumentStore& documents, const FieldTrace& trace,
                                   const std::filesystem::path& data_dir,
                                   const std::filesystem::path& png) override {
    return WriteTraceCropNow(documents, trace, data_dir, png);
  }
};

}  // namespace
}  // namespace dossier::reports_internal

// Never destroyed: modules stay loaded until the process ends.
DOSSIER_MODULE_ENTRY(new dossier::reports_internal::RenderModuleImpl)
