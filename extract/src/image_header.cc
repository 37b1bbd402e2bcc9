#include "image_header.h"

#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>

#include "dossier/common/rejection.h"
#include "dossier/extract/image_picture.h"

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
// fn(ifd_index, tag, value) for the SHORT/LONG tags of each IFD, and
// at_ifd(ifd_index, offset) before each IFD's tags.
template <typename Fn, typename AtIfd>
bool WalkTiff(std::string_view tiff, int max_ifds, Fn fn, AtIfd at_ifd) {
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
    at_ifd(ifd, offset);
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

template <typename Fn>
bool WalkTiff(std::string_view tiff, int max_ifds, Fn fn) {
  return WalkTiff(tiff, max_ifds, fn, [](int, uint32_t) {});
}

Status Damaged(const std::string& what) {
  return Reject(Rejection::kDamaged, "图片已损坏：" + what);
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
    if (!r.Has(at, 1)) return Damaged("JPEG 头部不完整，找不到图片尺寸");
    const uint32_t marker = r.U8(at++);
    if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) continue;
    if (marker == 0xD9 || marker == 0xDA) return Damaged("JPEG 头部在给出尺寸之前就开始了图像数据");
    if (!r.Has(at, 2)) return Damaged("JPEG 头部不完整，找不到图片尺寸");
    const uint32_t length = r.U16(at);
    if (length < 2 || !r.Has(at, length)) return Damaged("JPEG 头部不完整");
    const bool sof =
        (marker >= 0xC0 && marker <= 0xCF) && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    if (sof) {
      if (length < 7) return Damaged("JPEG 头部有错");
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

// Windows bitmap: BITMAPINFOHEADER and its successors give signed 32-bit
// sizes (a negative height is a top-down image), the OS/2 core header
// unsigned 16-bit ones.
Result<ImageHeader> ReadBmp(std::string_view b) {
  Reader r(b, true);
  if (!r.Has(14, 12)) return Damaged("BMP 头部不完整");
  ImageHeader header;
  header.format = ImageFormat::kBmp;
  if (r.U32(14) == 12) {
    header.pages.push_back({r.U16(18), r.U16(20)});
  } else {
    const auto w = static_cast<int32_t>(r.U32(18));
    const auto h = static_cast<int32_t>(r.U32(22));
    header.pages.push_back(
        {std::llabs(static_cast<long long>(w)), std::llabs(static_cast<long long>(h))});
  }
  return header;
}

Result<ImageHeader> ReadGif(std::string_view b) {
  Reader r(b, true);
  if (!r.Has(6, 4)) return Damaged("GIF 头部不完整");
  ImageHeader header;
  header.format = ImageFormat::kGif;
  header.pages.push_back({r.U16(6), r.U16(8)});
  return header;
}

// WebP: the first chunk is the lossy ("VP8 "), lossless ("VP8L") or extended
// ("VP8X") form, each with its own way of writing the size.
Result<ImageHeader> ReadWebp(std::string_view b) {
  Reader r(b, true);
  if (!r.Has(12, 18)) return Damaged("WebP 头部不完整");
  ImageHeader header;
  header.format = ImageFormat::kWebp;
  const std::string_view chunk = b.substr(12, 4);
  if (chunk == "VP8X") {
    const uint32_t w = (r.U32(24) & 0xFFFFFF) + 1;
    const uint32_t h = (r.U32(27) & 0xFFFFFF) + 1;
    header.pages.push_back({w, h});
  } else if (chunk == "VP8L") {
    if (r.U8(20) != 0x2F) return Damaged("WebP 头部有错");
    const uint32_t bits = r.U32(21);
    header.pages.push_back({(bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1});
  } else if (chunk == "VP8 ") {
    if (!r.Has(23, 7) || r.U8(23) != 0x9D || r.U8(24) != 0x01 || r.U8(25) != 0x2A)
      return Damaged("WebP 头部有错");
    header.pages.push_back({r.U16(26) & 0x3FFF, r.U16(28) & 0x3FFF});
  } else {
    return Damaged("WebP 头部有错");
  }
  return header;
}

// JPEG 2000: a JP2 file's image header box ("ihdr": height, width), or a
// bare codestream's SIZ marker (size minus offset).
Result<ImageHeader> ReadJp2(std::string_view b) {
  Reader r(b, false);
  ImageHeader header;
  header.format = ImageFormat::kJp2;
  if (b.size() >= 4 && static_cast<unsigned char>(b[0]) == 0xFF &&
      static_cast<unsigned char>(b[1]) == 0x4F) {
    if (!r.Has(8, 16) || r.U16(2) != 0xFF51) return Damaged("JPEG 2000 头部有错");
    const uint32_t w = r.U32(8) - r.U32(16), h = r.U32(12) - r.U32(20);
    header.pages.push_back({w, h});
    return header;
  }
  const size_t at = b.substr(0, 4096).find("ihdr");
  if (at == std::string_view::npos || !r.Has(at + 4, 8)) return Damaged("JPEG 2000 头部不完整");
  header.pages.push_back({r.U32(at + 8), r.U32(at + 4)});
  return header;
}

// Netpbm: magic, width and height as ASCII numbers, '#' comments between.
Result<ImageHeader> ReadPnm(std::string_view b) {
  size_t at = 2;
  long long values[2] = {0, 0};
  for (long long& v : values) {
    for (;;) {
      while (at < b.size() && (b[at] == ' ' || b[at] == '\t' || b[at] == '\r' || b[at] == '\n'))
        ++at;
      if (at < b.size() && b[at] == '#') {
        while (at < b.size() && b[at] != '\n') ++at;
        continue;
      }
      break;
    }
    if (at >= b.size() || b[at] < '0' || b[at] > '9') return Damaged("PNM 头部不完整");
    while (at < b.size() && b[at] >= '0' && b[at] <= '9' && v < 1'000'000'000) {
      v = v * 10 + (b[at++] - '0');
    }
  }
  ImageHeader header;
  header.format = ImageFormat::kPnm;
  header.pages.push_back({values[0], values[1]});
  return header;
}

}  // namespace

Result<ImageHeader> ReadImageHeader(std::string_view b, int max_pages) {
  if (b.size() >= 3 && static_cast<unsigned char>(b[0]) == 0xFF &&
      static_cast<unsigned char>(b[1]) == 0xD8 && static_cast<unsigned char>(b[2]) == 0xFF)
    return ReadJpeg(b);
  if (b.size() >= 8 && b.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8)) {
    Reader r(b, false);
    if (!r.Has(8, 16) || b.substr(12, 4) != "IHDR") return Damaged("PNG 头部不完整");
    ImageHeader header;
    header.format = ImageFormat::kPng;
    header.pages.push_back({r.U32(16), r.U32(20)});
    return header;
  }
  if (b.size() >= 4 && (b.substr(0, 4) == std::string_view("II*\0", 4) ||
                        b.substr(0, 4) == std::string_view("MM\0*", 4))) {
    ImageHeader header;
    header.format = ImageFormat::kTiff;
    bool ok = WalkTiff(
        b, max_pages + 1,
        [&](int ifd, uint32_t tag, uint32_t value) {
          ImageHeader::Size& page = header.pages[ifd];
          if (tag == 256) page.width = value;
          if (tag == 257) page.height = value;
          if (tag == 259) page.compression = value;
          if (tag == 513) page.jpeg_offset = value;
          if (tag == 514) page.jpeg_length = value;
        },
        [&](int ifd, uint32_t offset) {
          if (static_cast<size_t>(ifd) >= header.pages.size()) header.pages.resize(ifd + 1);
          header.pages[ifd].ifd_offset = offset;
        });
    if (!ok || header.pages.empty()) return Damaged("TIFF 头部不完整");
    return header;
  }
  auto starts = [&b](std::string_view magic) { return b.substr(0, magic.size()) == magic; };
  if (starts("BM")) return ReadBmp(b);
  if (starts("GIF87a") || starts("GIF89a")) return ReadGif(b);
  if (b.size() >= 12 && starts("RIFF") && b.substr(8, 4) == "WEBP") return ReadWebp(b);
  if (starts(std::string_view("\0\0\0\x0CjP  ", 8)) || starts("\xFF\x4F\xFF\x51"))
    return ReadJp2(b);
  if (b.size() >= 3 && b[0] == 'P' && b[1] >= '1' && b[1] <= '6') return ReadPnm(b);
  return Reject(Rejection::kUnknownType);
}

}  // namespace dossier::extract_internal

namespace dossier {

int ImageOrientation(std::string_view bytes) {
  auto header = extract_internal::ReadImageHeader(bytes, 1);
  return header.ok() ? header->orientation : 1;
}

}  // namespace dossier
