// The Poppler adapter: one PDF opened from memory, its pages scanned for text
// (words with boxes, how the text is drawn) and drawn ruling lines, or
// rendered to an image for OCR. Poppler's types stay in pdf_file.cc.
//
// Poppler's core API (not poppler-cpp) is used because only it tells how a
// glyph is drawn (invisible, under an image, without Unicode) and which lines
// the page strokes, in one pass over the content stream: what the OCR
// decision and the ruled tables of a text layer need, at the speed of
// pdftotext.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dossier/common/status.h"
#include "page_layout.h"
#include "pix.h"

namespace dossier::extract_internal {

struct PageScan {
  double width = 0, height = 0;   // points, as displayed (the page's rotation applied)
  std::vector<LayoutWord> words;  // points, origin top-left
  std::vector<HRule> h_rules;
  std::vector<VRule> v_rules;
  int chars = 0;      // glyphs drawn as text
  int invisible = 0;  // of which not seen: render mode 3/7, or under a later image
  int garbage = 0;    // of which without a real character: no Unicode, U+FFFD, controls
  double image_cover =
      0;  // fraction of the page under images (0..1, overlaps counted once at most)
  int poppler_errors = 0;  // syntax errors Poppler reported while reading the page
  std::string first_error;
};

class PdfFile {
 public:
  ~PdfFile();

  // Opens a PDF held in `bytes`, which must outlive the PdfFile.
  // On failure: InvalidInput "the PDF is password-protected", "the PDF is
  // damaged and could not be opened (...)".
  // Thread-safe: one PdfFile per thread; several PdfFile on the same bytes
  // may be used in parallel.
  static Result<std::unique_ptr<PdfFile>> Open(std::string_view bytes);

  int pages() const;
  // True when Poppler had to rebuild a damaged cross-reference table.
  bool reconstructed() const;

  // Page size in points as displayed; InvalidInput when the page object is
  // missing or damaged.
  Result<std::pair<double, double>> PageSize(int page) const;

  // Reads the text layer and the drawn lines of page `page` (from 1). Gives up
  // (LimitExceeded) past `seconds`.
  Result<PageScan> Scan(int page, double seconds);

  // Renders page `page` at `dpi` into a 32 bpp RGB image.
  Result<PixPtr> Render(int page, double dpi, double seconds);

 private:
  struct Impl;
  explicit PdfFile(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace dossier::extract_internal
