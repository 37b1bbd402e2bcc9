// dossier-ocr.so's entry (ocr_module.h).
#include "ocr_module.h"

#include "ocr_pool.h"

namespace dossier::extract_internal {
namespace {

class OcrModuleImpl final : public OcrModule {
 public:
  Result<Document> ReadImage(std::string_view bytes, const ExtractLimits& limits) override {
    return ReadImageByOcr(bytes, limits);
  }

  std::future<void> ReadPage(std::shared_ptr<OcrPageRequest> request, PageDone done) override {
    return OcrPool::Shared().Submit([request = std::move(request), done = std::move(done)](
                                        OcrEngine* engine, const Status& status) {
      if (!engine) {
        done(status);
        return;
      }
      done(OcrPage(*engine, std::move(*request)));
    });
  }
};

}  // namespace
}  // namespace dossier::extract_internal

// Never destroyed: modules stay loaded until the process ends.
DOSSIER_MODULE_ENTRY(new dossier::extract_internal::OcrModuleImpl)
