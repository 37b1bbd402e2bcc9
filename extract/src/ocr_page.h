// OCR of one page image: prepared with Leptonica, table cells found from the
// ruling lines and recognized cell by cell, the rest of the page with full
// layout analysis, every box mapped back onto the original page.
#pragma once

#include <string>

#include "dossier/common/status.h"
#include "ocr_engine.h"
#include "page_layout.h"
#include "pix.h"

namespace dossier::extract_internal {

struct OcrPageRequest {
  PixPtr image;               // the page as displayed (PDF render, oriented photo)
  int page_number = 1;        // from 1
  int dpi = 0;                // the image's resolution; 0 when unknown (photos)
  double unit_per_pixel = 1;  // output unit per image pixel: 72/dpi for PDF points, 1 for images
  std::string how_read;       // the page's record, e.g. "OCR: no text layer"
};

// Reads the page; boxes in the output unit with the origin at the top-left of
// the image as given. An unreadable image gives a page with no spans and a
// warning, never an error: the other pages go on.
// Thread-safe: one engine per thread.
PageContent OcrPage(OcrEngine& engine, OcrPageRequest request);

}  // namespace dossier::extract_internal
