// What an image file says about itself before anything is decoded: format,
// pixel size of each page, EXIF orientation. Read by hand, with every offset
// checked, so that a hostile header is refused before a decoder allocates for
// it.
#pragma once

#include <string_view>
#include <vector>

#include "dossier/common/status.h"

namespace dossier::extract_internal {

enum class ImageFormat { kJpeg, kPng, kTiff };

struct ImageHeader {
  ImageFormat format = ImageFormat::kJpeg;
  struct Size {
    long long width = 0, height = 0;
  };
  std::vector<Size> pages;  // one for JPEG and PNG; every IFD of a TIFF (up to max_pages + 1)
  int orientation = 1;      // EXIF orientation of a JPEG, 1..8 (1: as stored)
};

// On failure: InvalidInput "the image format is not JPEG, PNG or TIFF", "the
// JPEG header is damaged or truncated: ...". Stops counting TIFF pages past
// `max_pages` + 1. Thread-safe: yes.
Result<ImageHeader> ReadImageHeader(std::string_view bytes, int max_pages);

}  // namespace dossier::extract_internal
