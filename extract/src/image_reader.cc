// Images → Document, by OCR of every page (a TIFF may hold many): JPEG, PNG,
// TIFF, BMP, GIF, WebP, JPEG 2000 and PNM, whatever Leptonica decodes.
// The header is checked against the pixel limit before anything is decoded;
// pages are decoded one at a time and handed to the OCR pool, whose bounded
// queue keeps the number of decoded pages in memory small.

#include <leptonica/allheaders.h>

#include <algorithm>
#include <cstdio>
#include <future>
#include <mutex>
#include <optional>

#include "dossier/common/rejection.h"
#include "dossier/extract/extractor.h"
#include "image_decode.h"
#include "image_header.h"
#include "ocr_module.h"
#include "ocr_page.h"
#include "ocr_pool.h"
#include "page_layout.h"
#include "pix.h"

namespace dossier {
namespace {

using extract_internal::DecodeTiffPage;
using extract_internal::ImageFormat;
using extract_internal::ImageHeader;
using extract_internal::OcrEngine;
using extract_internal::OcrPageRequest;
using extract_internal::OcrPool;
using extract_internal::Orient;
using extract_internal::PageContent;
using extract_internal::PixPtr;
using extract_internal::QuietLeptonica;

std::string Megapixels(long long pixels) {
  char buf[32];
  std::snprintf(buf, sizeof buf, pixels < 10'000'000 ? "%.1f" : "%.0f", pixels / 1e6);
  return buf;
}

struct Slot {
  std::optional<PageContent> content;
  std::future<void> ocr;
  bool unavailable = false;
};

}  // namespace

Result<Document> extract_internal::ReadImageByOcr(std::string_view bytes,
                                                  const ExtractLimits& limits) {
  QuietLeptonica();
  if (bytes.size() > limits.max_file_bytes) {
    return Reject(
        Rejection::kTooLarge,
        "图片文件超过 " + std::to_string(limits.max_file_bytes >> 20) + " MiB 的上限，不读取");
  }
  auto header = extract_internal::ReadImageHeader(bytes, limits.max_pages);
  if (!header.ok()) return header.status();
  if (static_cast<long long>(header->pages.size()) > limits.max_pages) {
    return Reject(Rejection::kTooLarge,
                  "TIFF 超过 " + std::to_string(limits.max_pages) + " 页的上限，不读取");
  }
  for (const ImageHeader::Size& size : header->pages) {
    if (size.width <= 0 || size.height <= 0)
      return Reject(Rejection::kDamaged, "图片已损坏：头部没有给出图片尺寸");
    const long long pixels = size.width * size.height;
    if (static_cast<unsigned long long>(pixels) > limits.max_image_pixels)
      return Reject(Rejection::kImageTooLarge,
                    "图片为 " + std::to_string(size.width) + " × " + std::to_string(size.height) +
                        " 像素（" + Megapixels(pixels) + " 百万像素），超过 " +
                        Megapixels(static_cast<long long>(limits.max_image_pixels)) +
                        " 百万像素的上限，不读取");
  }

  const auto* data = reinterpret_cast<const l_uint8*>(bytes.data());
  std::vector<std::string> warnings;
  std::vector<std::unique_ptr<Slot>> slots;
  Status ocr_status;
  std::mutex mu;
  const int pages = static_cast<int>(header->pages.size());
  for (int page = 1; page <= pages; ++page) {
    PixPtr pix;
    if (header->format == ImageFormat::kTiff) {
      pix = DecodeTiffPage(bytes, header->pages[page - 1]);
    } else {
      pix.reset(pixReadMem(data, bytes.size()));
      if (!pix && header->format == ImageFormat::kJpeg) {
        // A truncated or damaged JPEG: what decodes is still worth reading.
        l_int32 bad = 0;
        pix.reset(pixReadMemJpeg(data, bytes.size(), 0, 1, &bad, L_JPEG_CONTINUE_WITH_BAD_DATA));
        if (pix)
          warnings.push_back(
              "the JPEG is damaged or truncated; only the part that could be decoded was read");
      }
    }
    if (!pix) {
      if (page == 1) return Reject(Rejection::kDamaged, "图片已损坏或不完整，无法解码");
      warnings.push_back("page " + std::to_string(page) + " of the TIFF could not be decoded");
      auto slot = std::make_unique<Slot>();
      PageContent content;
      content.page = {page, 0, 0, ReadMethod::kOcr, "not read: the page could not be decoded"};
      slot->content = std::move(content);
      slots.push_back(std::move(slot));
      continue;
    }
    pix = Orient(std::move(pix), header->orientation);
    if (!pix) {
      warnings.push_back("page " + std::to_string(page) + " could not be turned upright");
      continue;
    }
    l_int32 xres = 0, yres = 0;
    pixGetResolution(pix.get(), &xres, &yres);
    auto request = std::make_shared<OcrPageRequest>();
    request->image = std::move(pix);
    request->page_number = page;
    // Scanners write a TIFF's resolution truly; a JPEG's or PNG's says what
    // the camera or the editor defaulted to (72, 96, 150), so the text's own
    // size decides for those.
    const bool trusted = header->format == ImageFormat::kTiff;
    request->dpi = (trusted && xres >= 100 && xres <= 1200) ? xres : 0;
    request->unit_per_pixel = 1;
    request->how_read = "OCR: image";
    auto slot = std::make_unique<Slot>();
    Slot* s = slot.get();
    slots.push_back(std::move(slot));
    s->ocr = OcrPool::Shared().Submit(
        [request, s, &mu, &ocr_status](OcrEngine* engine, const Status& status) {
          if (!engine) {
            PageContent content;
            content.page = {request->page_number, 0, 0, ReadMethod::kOcr, request->how_read};
            content.warnings.push_back("OCR is not available: " + status.message());
            std::lock_guard<std::mutex> lock(mu);
            ocr_status = status;
            s->unavailable = true;
            s->content = std::move(content);
            return;
          }
          s->content = extract_internal::OcrPage(*engine, std::move(*request));
        });
  }

  Document doc;
  int unavailable = 0;
  for (auto& slot : slots) {
    if (slot->ocr.valid()) {
      try {
        slot->ocr.get();
      } catch (const std::exception&) {
        slot->content.reset();
      }
    }
    if (!slot->content) {
      PageContent content;
      content.page = {static_cast<int>(doc.pages.size()) + 1, 0, 0, ReadMethod::kOcr,
                      "not read: OCR failed"};
      slot->content = std::move(content);
    }
    unavailable += slot->unavailable;
  }
  if (unavailable > 0 && unavailable == static_cast<int>(slots.size())) return ocr_status;
  doc.warnings = std::move(warnings);
  for (auto& slot : slots) extract_internal::AppendPage(std::move(*slot->content), &doc);
  const size_t cap = static_cast<size_t>(std::max(1, limits.max_warnings));
  if (doc.warnings.size() > cap) doc.warnings.resize(cap);
  return doc;
}

}  // namespace dossier
