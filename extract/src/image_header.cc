#include "image_header.h"

#include <cstdint>
#include <set>

namespace dossier::extract_internal {
namespace {

// Bounds-checked reads in either byte order.
class Reader {
 public:
  Reader(std::string_view bytes, bool little) : b_(bytes), little_(little) {}
  bool Has(size_t at, size_t n) const { return at <= b_.size() && n <= b_.size() - at; }
  uint32_t U8(size_t at) const { return static_cast<unsigned char>(b_[at]); }
  uint32_t U16(size_t at) const {
    return little_ ? U8(at) | U8(at + 1) << 8 : U8(at) << 8 | U8(at + 1);
  }
  uint32_t U32(size_t at) const {
    return little_ ? U16(at) | U16(at + 2) << 16 : U16(at) << 16 | U16(at + 2);
  }

 private:
  std::string_view b_;
  bool little_;
};

// A TIFF structure (a TIFF file, or the EXIF block of a JPEG): calls
// fn(ifd_index, tag, value) for the SHORT/LONG tags of each IFD.
template <typename Fn>
bool WalkTiff(std::string_view tiff, int max_ifds, Fn fn) {
  if (tiff.size() < 8) return false;
  bool little;
  if (tiff.substr(0, 4) == std::string_view("II*\0", 4))
    little = true;
  else if (tiff.substr(0, 4) == std::string_view("MM\0*", 4))
    little = false;
  else
    return false;
  Reader r(tiff, little);
  uint32_t offset = r.U32(4);
  std::set<uint32_t> seen;
  for (int ifd = 0; offset != 0 && ifd < max_ifds; ++ifd) {
    if (!seen.insert(offset).second) break;  // a loop of IFDs
    if (!r.Has(offset, 2)) return ifd > 0;
    const uint32_t entries = r.U16(offset);
    if (!r.Has(offset + 2, entries * 12 + 4)) return ifd > 0;
    for (uint32_t e = 0; e < entries; ++e) {
      const size_t at = offset + 2 + e * 12;
      const uint32_t tag = r.U16(at), type = r.U16(at + 2);
      if (type == 3)
        fn(ifd, tag, r.U16(at + 8));
      else if (type == 4)
        fn(ifd, tag, r.U32(at + 8));
    }
    offset = r.U32(offset + 2 + entries * 12);
  }
  return true;
}

Result<ImageHeader> ReadJpeg(std::string_view b) {
  ImageHeader header;
  header.format = ImageFormat::kJpeg;
  Reader r(b, false);
  size_t at = 2;
  for (;;) {
    // Markers may be preceded by fill bytes.
    while (r.Has(at, 1) && r.U8(at) != 0xFF) ++at;
    while (r.Has(at, 1) && r.U8(at) == 0xFF) ++at;
    if (!r.Has(at, 1))
      return Status::InvalidInput("the JPEG header is damaged or truncated: no image size found");
    const uint32_t marker = r.U8(at++);
    if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) continue;
    if (marker == 0xD9 || marker == 0xDA)
      return Status::InvalidInput("the JPEG header is damaged: image data starts before its size");
    if (!r.Has(at, 2))
      return Status::InvalidInput("the JPEG header is damaged or truncated: no image size found");
    const uint32_t length = r.U16(at);
    if (length < 2 || !r.Has(at, length))
      return Status::InvalidInput("the JPEG header is damaged or truncated");
    const bool sof = (marker >= 0xC0 && marker <= 0xCF) && marker != 0xC4 && marker != 0xC8 &&
                     marker != 0xCC;
    if (sof) {
      if (length < 7) return Status::InvalidInput("the JPEG header is damaged");
      header.pages.push_back({r.U16(at + 5), r.U16(at + 3)});
      return header;
    }
    if (marker == 0xE1 && length >= 8 && b.substr(at + 2, 6) == std::string_view("Exif\0\0", 6)) {
      WalkTiff(b.substr(at + 8, length - 8), 1, [&](int, uint32_t tag, uint32_t value) {
        if (tag == 0x0112 && value >= 1 && value <= 8) header.orientation = static_cast<int>(value);
      });
    }
    at += length;
  }
}

}  // namespace

Result<ImageHeader> ReadImageHeader(std::string_view b, int max_pages) {
  if (b.size() >= 3 && static_cast<unsigned char>(b[0]) == 0xFF &&
      static_cast<unsigned char>(b[1]) == 0xD8 && static_cast<unsigned char>(b[2]) == 0xFF)
    return ReadJpeg(b);
  if (b.size() >= 8 && b.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8)) {
    Reader r(b, false);
    if (!r.Has(8, 16) || b.substr(12, 4) != "IHDR")
      return Status::InvalidInput("the PNG header is damaged or truncated");
    ImageHeader header;
    header.format = ImageFormat::kPng;
    header.pages.push_back({r.U32(16), r.U32(20)});
    return header;
  }
  if (b.size() >= 4 && (b.substr(0, 4) == std::string_view("II*\0", 4) ||
                        b.substr(0, 4) == std::string_view("MM\0*", 4))) {
    ImageHeader header;
    header.format = ImageFormat::kTiff;
    bool ok = WalkTiff(b, max_pages + 1, [&](int ifd, uint32_t tag, uint32_t value) {
      if (static_cast<size_t>(ifd) >= header.pages.size()) header.pages.resize(ifd + 1);
      if (tag == 256) header.pages[ifd].width = value;
      if (tag == 257) header.pages[ifd].height = value;
    });
    if (!ok || header.pages.empty())
      return Status::InvalidInput("the TIFF header is damaged or truncated");
    return header;
  }
  return Status::Unsupported("the image format is not JPEG, PNG or TIFF");
}

}  // namespace dossier::extract_internal
