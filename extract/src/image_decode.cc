#include "image_decode.h"

#include <leptonica/allheaders.h>

#include <algorithm>
#include <mutex>
#include <optional>

#include "dossier/extract/image_picture.h"

namespace dossier {
namespace extract_internal {

void QuietLeptonica() {
  static std::once_flag once;
  std::call_once(once, [] { setMsgSeverity(L_SEVERITY_NONE); });
}

PixPtr Orient(PixPtr pix, int orientation) {
  Pix* p = pix.get();
  switch (orientation) {
    case 2:
      return PixPtr(pixFlipLR(nullptr, p));
    case 3:
      return PixPtr(pixRotateOrth(p, 2));
    case 4:
      return PixPtr(pixFlipTB(nullptr, p));
    case 5: {  // transpose: quarter turn clockwise, then mirror left-right
      PixPtr turned(pixRotateOrth(p, 1));
      return turned ? PixPtr(pixFlipLR(nullptr, turned.get())) : nullptr;
    }
    case 6:
      return PixPtr(pixRotateOrth(p, 1));
    case 7: {  // transverse: quarter turn clockwise, then mirror top-bottom
      PixPtr turned(pixRotateOrth(p, 1));
      return turned ? PixPtr(pixFlipTB(nullptr, turned.get())) : nullptr;
    }
    case 8:
      return PixPtr(pixRotateOrth(p, 3));
    default:
      return pix;
  }
}

// One page of a TIFF, by its IFD. A page in old-style JPEG (compression 6,
// what early scanners and fax software wrote) usually carries a whole JPEG
// stream (JPEGInterchangeFormat), which decodes more reliably on its own than
// through libtiff's old-JPEG support; libtiff is the fallback.
PixPtr DecodeTiffPage(std::string_view bytes, const ImageHeader::Size& page) {
  const auto* data = reinterpret_cast<const l_uint8*>(bytes.data());
  if (page.compression == 6 && page.jpeg_offset > 0 && page.jpeg_length > 0 &&
      page.jpeg_offset < bytes.size() && page.jpeg_length <= bytes.size() - page.jpeg_offset) {
    PixPtr pix(pixReadMemJpeg(data + page.jpeg_offset, page.jpeg_length, 0, 1, nullptr, 0));
    if (pix) return pix;
  }
  size_t offset = page.ifd_offset;
  return PixPtr(pixReadMemFromMultipageTiff(data, bytes.size(), &offset));
}

}  // namespace extract_internal

using extract_internal::Orient;
using extract_internal::PixPtr;
using extract_internal::QuietLeptonica;

std::optional<ShownSize> ImageShownSize(std::string_view bytes) {
  QuietLeptonica();
  const auto* data = reinterpret_cast<const l_uint8*>(bytes.data());
  l_int32 format = 0, w = 0, h = 0, bps = 0, spp = 0, cmap = 0;
  if (pixReadHeaderMem(data, bytes.size(), &format, &w, &h, &bps, &spp, &cmap) != 0 || w <= 0 ||
      h <= 0)
    return std::nullopt;
  const bool swapped = ImageOrientation(bytes) >= 5;
  return ShownSize{static_cast<double>(swapped ? h : w), static_cast<double>(swapped ? w : h)};
}

Result<ShownImage> DecodeShownImage(std::string_view bytes, int page, int max_px,
                                    int64_t max_decoded_pixels) {
  QuietLeptonica();
  const auto* data = reinterpret_cast<const l_uint8*>(bytes.data());
  const int orientation = ImageOrientation(bytes);
  const bool swapped = orientation >= 5;
  l_int32 format = 0, w = 0, h = 0, bps = 0, spp = 0, cmap = 0;
  if (pixReadHeaderMem(data, bytes.size(), &format, &w, &h, &bps, &spp, &cmap) != 0 || w <= 0 ||
      h <= 0) {
    return Status::InvalidInput("图片无法解码（第 " + std::to_string(page) + " 页）");
  }
  const bool tiff = format == IFF_TIFF || format == IFF_TIFF_G4 || format == IFF_TIFF_LZW ||
                    format == IFF_TIFF_ZIP || format == IFF_TIFF_PACKBITS ||
                    format == IFF_TIFF_RLE || format == IFF_TIFF_G3 || format == IFF_TIFF_JPEG;
  // The decoded size is bounded before decoding: a JPEG is decoded already
  // reduced to about the size it is shown at; other formats decode whole, so
  // past a limit they are not drawn.
  int reduction = 1;
  if (format == IFF_JFIF_JPEG) {
    while (reduction < 8 && std::max(w, h) / (2 * reduction) >= max_px) reduction *= 2;
  } else if (int64_t{w} * h > max_decoded_pixels) {
    return Status::LimitExceeded("图片有 " + std::to_string(int64_t{w} * h / 1000000) +
                                 " 百万像素，超过生成页面图像的上限");
  }
  PixPtr pix;
  if (tiff) {
    pix.reset(pixReadMemTiff(data, bytes.size(), page - 1));
  } else if (page == 1 && format == IFF_JFIF_JPEG) {
    pix.reset(pixReadMemJpeg(data, bytes.size(), 0, reduction, nullptr, 0));
  } else if (page == 1) {
    pix.reset(pixReadMem(data, bytes.size()));
  }
  if (!pix) return Status::InvalidInput("图片无法解码（第 " + std::to_string(page) + " 页）");
  if (PixPtr turned = Orient(std::move(pix), orientation)) {
    pix = std::move(turned);
  } else {
    return Status::InvalidInput("图片无法转正（第 " + std::to_string(page) + " 页）");
  }
  PixPtr rgb(pixConvertTo32(pix.get()));
  pix.reset();
  if (!rgb) return Status::InvalidInput("图片无法转换为彩色");
  // The picture's units are the image's pixels as displayed, whatever it was
  // decoded at.
  ShownImage out;
  out.shown.width = reduction > 1 ? (swapped ? h : w) : pixGetWidth(rgb.get());
  out.shown.height = reduction > 1 ? (swapped ? w : h) : pixGetHeight(rgb.get());
  const double longest = std::max<double>(pixGetWidth(rgb.get()), pixGetHeight(rgb.get()));
  if (longest > max_px) {
    const float f = static_cast<float>(max_px / longest);
    PixPtr smaller(pixScale(rgb.get(), f, f));
    if (smaller) rgb = std::move(smaller);
  }
  out.width = static_cast<int>(pixGetWidth(rgb.get()));
  out.height = static_cast<int>(pixGetHeight(rgb.get()));
  out.pixels.resize(static_cast<size_t>(out.width) * out.height);
  const l_uint32* src = pixGetData(rgb.get());
  const int wpl = static_cast<int>(pixGetWpl(rgb.get()));
  // Leptonica's words are 0xRRGGBBAA.
  for (int y = 0; y < out.height; ++y) {
    const l_uint32* in = src + static_cast<ptrdiff_t>(y) * wpl;
    uint32_t* row = out.pixels.data() + static_cast<ptrdiff_t>(y) * out.width;
    for (int x = 0; x < out.width; ++x) row[x] = in[x] >> 8;
  }
  return out;
}

}  // namespace dossier
