// The PDF module (dossier-pdf.so: Poppler's core library, and Leptonica for
// the pages it renders for OCR): loaded when a PDF is read, so that other
// commands and other formats never load Poppler and the libraries it pulls
// in (NSS, GPGME, LittleCMS, OpenJPEG, FreeType, fontconfig).
#pragma once

#include <string_view>

#include "dossier/common/module.h"
#include "dossier/common/status.h"
#include "dossier/extract/document.h"
#include "dossier/extract/extractor.h"

namespace dossier::extract_internal {

class PdfModule {
 public:
  // ReadPdf (extractor.h).
  virtual Result<Document> ReadPdf(std::string_view bytes, const ExtractLimits& limits) = 0;
  // ReadPdfPages (extractor.h).
  virtual Result<Document> ReadPdfPages(std::string_view bytes, int first_page, int last_page,
                                        const ExtractLimits& limits) = 0;
  // PdfPageCount (extractor.h).
  virtual Result<int> PdfPageCount(std::string_view bytes, const ExtractLimits& limits) = 0;

 protected:
  ~PdfModule() = default;
};

// The PDF module, loaded on first use.
// On failure: module_missing (common/module.h).
inline Result<PdfModule*> LoadPdfModule() { return LoadModuleAs<PdfModule>("pdf", "读取 PDF"); }

// The implementation inside the module: pages first_page..last_page, or
// every page when last_page is 0.
Result<Document> ReadPdfFile(std::string_view bytes, const ExtractLimits& limits,
                             int first_page = 1, int last_page = 0);
// The implementation of PdfPageCount inside the module.
Result<int> CountPdfPages(std::string_view bytes, const ExtractLimits& limits);

}  // namespace dossier::extract_internal
