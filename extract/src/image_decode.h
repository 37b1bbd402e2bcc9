// Decoding photos and scans with Leptonica, as they are displayed (the EXIF
// orientation applied): for OCR (image_reader.cc) and for the reports' page
// pictures (image_picture.h), one implementation linked into both modules
// that need it (dossier-ocr, dossier-render).
#pragma once

#include <string_view>

#include "image_header.h"
#include "pix.h"

namespace dossier::extract_internal {

// Damage is reported in a document's status and warnings, not on stderr.
// Thread-safe: yes.
void QuietLeptonica();

// Turns the stored image the way EXIF orientation `orientation` (1..8) says
// it is displayed; null when Leptonica cannot.
PixPtr Orient(PixPtr pix, int orientation);

// One page of a TIFF, by its IFD; null when it does not decode.
PixPtr DecodeTiffPage(std::string_view bytes, const ImageHeader::Size& page);

}  // namespace dossier::extract_internal
