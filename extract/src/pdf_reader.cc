// PDF → Document: the text layer where it is good, OCR where it is not.
//
// Pages are read by as many threads as there are cores (each with its own
// Poppler document on the same bytes, since a Poppler document is not for
// sharing between threads). A page that needs OCR is rendered by the thread
// that met it and handed to the OCR pool, whose bounded queue makes the
// renderers wait for the recognizers: rendering overlaps recognition, and at
// most a few page images exist at any time, whatever the page count.

#include <algorithm>
#include <atomic>
#include <future>
#include <mutex>
#include <optional>
#include <thread>

#include "dossier/common/cores.h"
#include "dossier/common/rejection.h"
#include "dossier/extract/extractor.h"
#include "ocr_module.h"
#include "ocr_page.h"
#include "page_layout.h"
#include "pdf_file.h"
#include "pdf_module.h"
#include "pdf_pages.h"
#include "pix.h"

namespace dossier {
namespace {

using extract_internal::FindGrids;
using extract_internal::Grid;
using extract_internal::LayoutPage;
using extract_internal::OcrPageRequest;
using extract_internal::PageContent;
using extract_internal::PageScan;
using extract_internal::PdfFile;

constexpr int kOcrDpi = 300;
// How close two drawn lines (points) must be to count as one border.
constexpr double kRuleTolerance = 2.0;

std::string Percent(int part, int whole) {
  return std::to_string(whole > 0 ? (100 * part + whole / 2) / whole : 0) + "%";
}

struct Decision {
  bool ocr = false;
  std::string how_read;
};

// Whether a page's text layer is real text a reader sees. A page with a good
// text layer is never OCR'd: its text is exact and costs nothing.
Decision Decide(const PageScan& scan) {
  if (scan.chars == 0) return {true, "OCR: no text layer"};
  if (scan.garbage * 10 >= scan.chars * 3)
    return {true, "OCR: text layer is garbage (" + Percent(scan.garbage, scan.chars) +
                      " replacement or unmapped characters)"};
  if (scan.invisible * 2 >= scan.chars)
    return {true, "OCR: text layer is invisible (" + Percent(scan.invisible, scan.chars) +
                      " of its characters are not drawn or hidden under an image)"};
  const int good = scan.chars - scan.garbage - scan.invisible;
  if (good < 20 && scan.image_cover >= 0.5)
    return {true, "OCR: too little text (" + std::to_string(good) +
                      " characters) over a page-size image"};
  return {false, "text layer"};
}

struct PageSlot {
  std::optional<PageContent> content;
  std::future<void> ocr;  // valid while the page waits for OCR
  bool failed = false;    // nothing could be read from the page
  std::string failure;    // why, for the clerk
  bool ocr_unavailable = false;
};

class PdfReader {
 public:
  // Pages first_page..last_page; every page when last_page is 0.
  PdfReader(std::string_view bytes, const ExtractLimits& limits, int first_page, int last_page)
      : bytes_(bytes), limits_(limits), first_page_(first_page), last_page_(last_page) {}

  Result<Document> Read() {
    auto first = PdfFile::Open(bytes_);
    if (!first.ok()) return first.status();
    // A long PDF is no reason to refuse it: pages are read one at a time,
    // and what is kept of a read page (its text and boxes) is small.
    const int file_pages = (*first)->pages();
    if (last_page_ == 0) last_page_ = file_pages;
    if (first_page_ < 1 || first_page_ > last_page_ || last_page_ > file_pages) {
      return Status::InvalidInput("PDF 共 " + std::to_string(file_pages) + " 页，没有第 " +
                                  std::to_string(first_page_) + "–" + std::to_string(last_page_) +
                                  " 页");
    }
    const int pages = last_page_ - first_page_ + 1;
    // The file's own damage is said once, with the part that holds page 1.
    if ((*first)->reconstructed() && first_page_ == 1)
      warnings_.push_back("the PDF's cross-reference table is damaged; Poppler rebuilt it");
    slots_.resize(pages);

    // Small documents are not worth a second parse of the file.
    const int threads = std::clamp(std::min(pages / 4, UsableCores()), 1, 8);
    std::vector<std::thread> helpers;
    for (int t = 1; t < threads; ++t) {
      helpers.emplace_back([this] {
        try {
          auto file = PdfFile::Open(bytes_);
          if (file.ok()) ReadPages(**file);
        } catch (const std::exception&) {
          // The pages this thread did not finish are reported as unread.
        }
      });
    }
    try {
      ReadPages(**first);
    } catch (const std::exception&) {
      // As in the helpers: unfinished pages are reported as unread.
    }
    for (std::thread& t : helpers) t.join();

    Document doc;
    int failed = 0, unavailable = 0;
    for (size_t i = 0; i < slots_.size(); ++i) {
      PageSlot& slot = slots_[i];
      if (slot.ocr.valid()) {
        try {
          slot.ocr.get();
        } catch (const std::exception&) {
          slot.content.reset();
        }
      }
      if (!slot.content) {
        slot.content = FailedPage(**first, first_page_ + static_cast<int>(i), "OCR failed");
        slot.failed = true;
      }
      failed += slot.failed;
      unavailable += slot.ocr_unavailable;
    }
    if (failed == pages) {
      std::string first_reason;
      for (PageSlot& slot : slots_) {
        if (!slot.failure.empty()) {
          first_reason = slot.failure;
          break;
        }
      }
      return Reject(
          Rejection::kDamaged,
          "PDF 已损坏：没有一页能读取" + (first_reason.empty() ? "" : "（" + first_reason + "）"));
    }
    if (unavailable == pages) return ocr_status_;
    for (std::string& w : warnings_) doc.warnings.push_back(std::move(w));
    for (PageSlot& slot : slots_) extract_internal::AppendPage(std::move(*slot.content), &doc);
    extract_internal::CapWarnings(limits_.max_warnings, &doc);
    return doc;
  }

 private:
  void ReadPages(PdfFile& file) {
    for (;;) {
      const int index = next_page_.fetch_add(1);
      if (index >= static_cast<int>(slots_.size())) return;
      ReadPage(file, first_page_ + index, slots_[index]);
    }
  }

  void ReadPage(PdfFile& file, int page, PageSlot& slot) {
    auto scan = file.Scan(page, limits_.max_page_seconds);
    if (!scan.ok()) {
      slot.content = FailedPage(file, page, scan.status().message());
      slot.failed = true;
      slot.failure = scan.status().message();
      return;
    }
    Decision decision = Decide(*scan);
    if (!decision.ocr) {
      PageContent content;
      content.page = {page, scan->width, scan->height, ReadMethod::kPdfText, decision.how_read};
      std::vector<Grid> grids =
          FindGrids(std::move(scan->h_rules), std::move(scan->v_rules), kRuleTolerance);
      LayoutPage(std::move(scan->words), grids, ReadMethod::kPdfText, page, &content);
      if (scan->poppler_errors > 0)
        content.warnings.push_back("page " + std::to_string(page) + ": " +
                                   std::to_string(scan->poppler_errors) +
                                   " errors in the page's content (" + scan->first_error + ")");
      slot.content = std::move(content);
      return;
    }
    auto image = file.Render(page, kOcrDpi, limits_.max_page_seconds);
    if (!image.ok()) {
      slot.content = FailedPage(file, page, image.status().message());
      slot.failed = true;
      slot.failure = image.status().message();
      return;
    }
    auto request = std::make_shared<OcrPageRequest>();
    request->image = std::move(image).value();
    request->page_number = page;
    request->dpi = kOcrDpi;
    request->unit_per_pixel = 72.0 / kOcrDpi;
    request->how_read = decision.how_read;
    auto unavailable = [this, &slot, request](const Status& status) {
      PageContent content;
      content.page = {request->page_number, 0, 0, ReadMethod::kOcr, request->how_read};
      content.warnings.push_back("page " + std::to_string(request->page_number) +
                                 " needs OCR, which is not available: " + status.message());
      std::lock_guard<std::mutex> lock(mu_);
      ocr_status_ = status;
      slot.ocr_unavailable = true;
      slot.content = std::move(content);
    };
    // Only a page that needs OCR loads it (ocr_module.h).
    auto ocr = extract_internal::LoadOcrModule();
    if (!ocr.ok()) {
      unavailable(ocr.status());
      return;
    }
    slot.ocr = (*ocr)->ReadPage(request, [&slot, unavailable](Result<PageContent> read) {
      if (!read.ok()) {
        unavailable(read.status());
        return;
      }
      slot.content = std::move(read).value();
    });
  }

  PageContent FailedPage(PdfFile& file, int page, const std::string& reason) {
    PageContent content;
    auto size = file.PageSize(page);
    content.page = {page, size.ok() ? size->first : 0, size.ok() ? size->second : 0,
                    ReadMethod::kPdfText, std::string(extract_internal::kPageNotRead) + reason};
    content.warnings.push_back(extract_internal::PageNotReadWarning(page, reason));
    return content;
  }

  std::string_view bytes_;
  const ExtractLimits& limits_;
  const int first_page_;
  int last_page_;
  std::vector<PageSlot> slots_;
  std::atomic<int> next_page_{0};
  std::vector<std::string> warnings_;
  std::mutex mu_;
  Status ocr_status_;
};

}  // namespace

Result<int> extract_internal::CountPdfPages(std::string_view bytes, const ExtractLimits& limits) {
  if (bytes.size() > limits.max_file_bytes) {
    return Reject(Rejection::kTooLarge, "PDF 超过 " + std::to_string(limits.max_file_bytes >> 20) +
                                            " MiB 的上限，不读取");
  }
  try {
    auto file = PdfFile::Open(bytes);
    if (!file.ok()) return file.status();
    return (*file)->pages();
  } catch (const std::bad_alloc&) {
    return Reject(Rejection::kOutOfMemory, "读取该 PDF 所需内存超过上限");
  } catch (const std::exception& e) {
    return Reject(Rejection::kReaderFailed,
                  std::string("读取 PDF 时发生意外错误（") + e.what() + "）");
  }
}

Result<Document> extract_internal::ReadPdfFile(std::string_view bytes, const ExtractLimits& limits,
                                               int first_page, int last_page) {
  if (bytes.size() > limits.max_file_bytes) {
    return Reject(Rejection::kTooLarge, "PDF 超过 " + std::to_string(limits.max_file_bytes >> 20) +
                                            " MiB 的上限，不读取");
  }
  try {
    return PdfReader(bytes, limits, first_page, last_page).Read();
  } catch (const std::bad_alloc&) {
    return Reject(Rejection::kOutOfMemory, "读取该 PDF 所需内存超过上限");
  } catch (const std::exception& e) {
    return Reject(Rejection::kReaderFailed,
                  std::string("读取 PDF 时发生意外错误（") + e.what() + "）");
  }
}

}  // namespace dossier
