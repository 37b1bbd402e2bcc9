// A photo or scan as it is displayed, for pictures of a page (the reports'
// thumbnails and value crops). The EXIF orientation is read and applied by
// the same code the OCR of ReadImage uses, so that a box read from a turned
// photo lands on its value in the picture: one implementation, not two that
// must agree.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "dossier/common/status.h"

namespace dossier {

// The EXIF orientation (1..8) of a JPEG, 1 when it has none, the header is
// damaged or the file is not a JPEG. 5..8 turn the picture a quarter.
int ImageOrientation(std::string_view bytes);

// An image's whole size as displayed (orientation applied), in its pixels.
struct ShownSize {
  double width = 0, height = 0;
};

// The displayed size of the image file's first page, from its header alone;
// nullopt when the header gives no size.
std::optional<ShownSize> ImageShownSize(std::string_view bytes);

// A page of an image file as displayed, in 32-bit pixels (0x00RRGGBB words,
// row after row), at most `max_px` on its longer side.
struct ShownImage {
  int width = 0, height = 0;
  std::vector<uint32_t> pixels;  // width × height
  ShownSize shown;               // the whole page's size as displayed
};

// Decodes page `page` (from 1; TIFFs have several) of an image file and
// turns it as it is displayed. A JPEG is decoded already reduced (1/2, 1/4,
// 1/8) towards `max_px`; other formats decode whole, so an image of more than
// `max_decoded_pixels` is refused before decoding.
// On failure: InvalidInput ("图片无法解码（第 N 页）") for a file that does not
// decode, LimitExceeded for one too large to decode.
// Thread-safe: yes.
Result<ShownImage> DecodeShownImage(std::string_view bytes, int page, int max_px,
                                    int64_t max_decoded_pixels);

}  // namespace dossier
