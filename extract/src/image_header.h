// What an image file says about itself before anything is decoded: format,
// pixel size of each page, EXIF orientation. Read by hand, with every offset
// checked, so that a hostile header is refused before a decoder allocates for
// it.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "dossier/common/status.h"

namespace dossier::extract_internal {

enum class ImageFormat { kJpeg, kPng, kTiff, kBmp, kGif, kWebp, kJp2, kPnm };

struct ImageHeader {
  ImageFormat format = ImageFormat::kJpeg;
  struct Size {
    long long width = 0, height = 0;
    // TIFF only: where the page's IFD is, its compression (6: old-style
    // JPEG), and the JPEG stream such a page may carry whole
    // (JPEGInterchangeFormat/Length), 0 when absent.
    uint32_t ifd_offset = 0;
    uint32_t compression = 1;
    uint32_t jpeg_offset = 0;
    uint32_t jpeg_length = 0;
  };
  std::vector<Size> pages;  // one for other formats; every IFD of a TIFF (up to max_pages + 1)
  int orientation = 1;      // EXIF orientation of a JPEG, 1..8 (1: as stored)
};

// On failure: a rejection (dossier/common/rejection.h) for a format that is
// not one of the above or a header that is damaged or truncated. Stops
// counting TIFF pages past `max_pages` + 1. Thread-safe: yes.
Result<ImageHeader> ReadImageHeader(std::string_view bytes, int max_pages);

}  // namespace dossier::extract_internal
