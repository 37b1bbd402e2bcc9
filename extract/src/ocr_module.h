// The OCR module (dossier-ocr.so: Tesseract, and Leptonica's preparation of
// page images): loaded only when a page or an image is to be recognized, so
// that reading an Office file or a text PDF never loads Tesseract and the
// libraries it pulls in (libcurl, GnuTLS, Kerberos, libarchive, OpenMP).
#pragma once

#include <functional>
#include <future>
#include <memory>
#include <string_view>

#include "dossier/common/module.h"
#include "dossier/common/status.h"
#include "dossier/extract/document.h"
#include "dossier/extract/extractor.h"
#include "ocr_page.h"
#include "page_layout.h"

namespace dossier::extract_internal {

class OcrModule {
 public:
  // Called on a pool thread with the page read, or with why OCR is not
  // available (ocr_unavailable: the language data is missing).
  using PageDone = std::function<void(Result<PageContent> page)>;

  // ReadImage (extractor.h).
  virtual Result<Document> ReadImage(std::string_view bytes, const ExtractLimits& limits) = 0;

  // Queues one page image on the process's OCR pool (one worker per core);
  // blocks while the pool's queue is full, so a renderer waits for the
  // recognizers. The future is ready once `done` has run.
  // Thread-safe: yes.
  virtual std::future<void> ReadPage(std::shared_ptr<OcrPageRequest> request, PageDone done) = 0;

 protected:
  ~OcrModule() = default;
};

// The OCR module, loaded on first use.
// On failure: module_missing (common/module.h).
inline Result<OcrModule*> LoadOcrModule() {
  return LoadModuleAs<OcrModule>("ocr", "文字识别（OCR）");
}

// The implementations inside the module.
Result<Document> ReadImageByOcr(std::string_view bytes, const ExtractLimits& limits);

}  // namespace dossier::extract_internal
