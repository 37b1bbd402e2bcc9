// dossier-render.so's entry (render_module.h).
#include "render_module.h"

namespace dossier::reports_internal {
namespace {

class RenderModuleImpl final : public RenderModule {
 public:
  Result<ReportSummary> WriteReports(Store& store, const ReportOptions& options) override {
    return WriteReportsNow(store, options);
  }
  Status WriteSummarySheet(const std::string& recommender,
                           const std::vector<const ApplicationView*>& applications,
                           const std::filesystem::path& path) override {
    return WriteSummarySheetNow(recommender, applications, path);
  }
  Result<TraceCrop> WriteTraceCrop(Store& store, const FieldTrace& trace,
                                   const std::filesystem::path& data_dir,
                                   const std::filesystem::path& png) override {
    return WriteTraceCropNow(store, trace, data_dir, png);
  }
};

}  // namespace
}  // namespace dossier::reports_internal

// Never destroyed: modules stay loaded until the process ends.
DOSSIER_MODULE_ENTRY(new dossier::reports_internal::RenderModuleImpl)
