// dossier-pdf.so's entry (pdf_module.h).
#include "pdf_module.h"

namespace dossier::extract_internal {
namespace {

class PdfModuleImpl final : public PdfModule {
 public:
  Result<Document> ReadPdf(std::string_view bytes, const ExtractLimits& limits) override {
    return ReadPdfFile(bytes, limits);
  }
  Result<Document> ReadPdfPages(std::string_view bytes, int first_page, int last_page,
                                const ExtractLimits& limits) override {
    return ReadPdfFile(bytes, limits, first_page, last_page);
  }
  Result<int> PdfPageCount(std::string_view bytes, const ExtractLimits& limits) override {
    return CountPdfPages(bytes, limits);
  }
};

}  // namespace
}  // namespace dossier::extract_internal

// Never destroyed: modules stay loaded until the process ends.
DOSSIER_MODULE_ENTRY(new dossier::extract_internal::PdfModuleImpl)
