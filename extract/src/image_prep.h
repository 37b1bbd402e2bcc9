// Getting a page image ready for Tesseract with Leptonica: red seals taken
// out, uneven lighting evened, binarized, deskewed, and the ruling lines of
// its tables found (and taken out of the text image).
#pragma once

#include <array>
#include <vector>

#include "dossier/common/status.h"
#include "dossier/extract/document.h"
#include "page_layout.h"
#include "pix.h"

namespace dossier::extract_internal {

struct PreparedImage {
  PixPtr binary;     // 1 bpp, deskewed; ruling lines kept
  PixPtr text_only;  // `binary` without its ruling lines
  PixPtr gray;       // 8 bpp, rectified and deskewed like `binary`: for second readings
  int dpi = 300;     // of the prepared image (estimated for photos)
  // `dpi` was estimated from the size of the text: a photo or an image file.
  bool dpi_estimated = false;
  // A photographed sheet seen at an angle, made a rectangle again: the
  // projective map from rectified pixels to scaled source pixels
  // (Leptonica's 8 coefficients), when it was applied.
  bool rectified = false;
  std::array<double, 8> sheet_map{};
  double angle = 0;  // degrees the source was rotated by to deskew it
  double scale = 1;  // prepared pixels per source pixel
  int src_width = 0, src_height = 0;
  std::vector<HRule> h_rules;  // prepared pixels
  std::vector<VRule> v_rules;

  // A box in prepared pixels → the box in source pixels that holds it
  // (undoing the deskew rotation, the rectification and the scaling).
  BBox ToSource(const BBox& box) const;
};

// How far apart two of a prepared image's rules may be and still be one: a
// straightened photo's rules are found to a few pixels.
double GridTolerance(int dpi);

// The tables the image's rules make.
std::vector<Grid> GridsOf(const PreparedImage& prepared);

// Prepares `source` (any depth Leptonica reads). `dpi` is the source's
// resolution when known (rendered PDF pages), 0 to estimate it from the
// image's size as a full page.
// On failure: Internal "the image could not be prepared for OCR".
// Thread-safe: yes.
Result<PreparedImage> PrepareForOcr(Pix* source, int dpi);

// Only the red-seal step: pixels clearly red become the gray of their red
// channel (seal ink light, text under it dark).
// REQUIRES: 32 bpp.
void RemoveRed(Pix* rgb);

}  // namespace dossier::extract_internal
