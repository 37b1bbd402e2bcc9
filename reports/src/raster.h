// Pixels for the reports: owned Cairo image surfaces, PNG files, and the
// pictures of original pages (PDF pages rendered with Poppler, photos decoded
// with Leptonica), rendered once and cached by the file's digest.
#pragma once

#include <cairo.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dossier/common/data_folder.h"
#include "dossier/common/file_type.h"
#include "dossier/common/status.h"

namespace dossier::reports_internal {

struct SurfaceDeleter {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
using SurfacePtr = std::unique_ptr<cairo_surface_t, SurfaceDeleter>;

// A new ARGB32 image surface filled with white; nullptr-free: on failure the
// surface is in an error state and Status says so.
Result<SurfacePtr> NewSurface(int width, int height);

int Width(cairo_surface_t* s);
int Height(cairo_surface_t* s);

// PNG encoding of an image surface.
Result<std::string> EncodePng(cairo_surface_t* surface);

// Writes bytes to path through a temporary name in the same folder and a
// rename, so a reader never sees half a file (two reports may run at once).
// The folder must exist (Io otherwise): no folder is ever created.
Status WriteFileAtomically(const std::filesystem::path& path, std::string_view bytes);

// How finely a page is rendered: PDF pages at `dpi`; images scaled down to at
// most `max_px` on their long side (never up).
struct Resolution {
  int dpi = 150;
  int max_px = 2000;
};

// A rendered page and how to map its bbox units onto its pixels.
struct PageRaster {
  SurfacePtr surface;
  double scale_x = 1;  // pixels per bbox unit (PDF point, or image pixel)
  double scale_y = 1;
};

// How large a page picture may be. Its pixel size is computed from the
// page's size before anything is drawn: a page that would be larger at the
// asked resolution is drawn at a lower one, and one that would still be
// larger at 1 dpi (or an image with more pixels than may be decoded here) is
// refused, and the refusal remembered.
inline constexpr int64_t kMaxPagePixels = 12'000'000;
inline constexpr int kMaxPageSide = 8000;
inline constexpr int64_t kMaxDecodedImagePixels = 50'000'000;  // not JPEG (JPEG decodes reduced)

// Pictures of original pages. Renders each (file, page, resolution) once into
// DATA/cache/<sha>-p<page>-<res>.png and reads it back afterwards; a page that
// could not be rendered is remembered there too (<name>.failed, holding the
// reason), so it is never tried twice. A PDF stays open while its pages are
// rendered. Never extracts text.
// Thread safety: one object per thread.
class PageImages {
 public:
  // With render_here false, pages missing from the cache are not rendered
  // by this object (they were to be rendered beforehand, under limits, by
  // RenderToCache in a child process) and Get fails for them.
  explicit PageImages(std::filesystem::path data_dir, bool render_here = true);
  ~PageImages();
  PageImages(const PageImages&) = delete;
  PageImages& operator=(const PageImages&) = delete;

  // `type` is the file's sniffed type (PDF, JPEG, PNG, TIFF, ...);
  // `page` counts from 1. On failure: NotFound when the original is missing,
  // Unsupported for a type that has no pages (DOCX/XLSX), InvalidInput when
  // the page cannot be rendered (now or, remembered, before), LimitExceeded
  // when it is too large to render at all.
  // A few recent pages (up to a pixel budget) are kept in memory, so the
  // fields of one page cost one decode.
  Result<std::shared_ptr<const PageRaster>> Get(const std::string& sha256, FileType type, int page,
                                                const Resolution& res);

  // Renders the page into the cache unless it is there (or its failure is),
  // writing the failure down when it is refused. OK when the cache now
  // holds the page or its failure; a failure status only when rendering
  // went wrong in a way that could not be written down.
  Status RenderToCache(const std::string& sha256, FileType type, int page, const Resolution& res);

  // Whether the cache holds the page, or the reason it could not be drawn.
  bool InCache(const std::string& sha256, FileType type, int page, const Resolution& res) const;

  // Writes down that the page could not be drawn, with why.
  void RememberFailure(const std::string& sha256, FileType type, int page, const Resolution& res,
                       const std::string& reason) const;

  int rendered() const { return rendered_; }  // pages rendered (cache misses)
  int cached() const { return cached_; }      // pages read from the cache

 private:
  struct OpenPdf;
  Result<PageRaster> RenderPdfPage(const std::string& sha256, int page, int dpi,
                                   const std::filesystem::path& cache_file);
  Result<PageRaster> RenderImage(const std::string& sha256, int page, int max_px,
                                 const std::filesystem::path& cache_file, bool cache_hit);
  std::filesystem::path CacheFile(const std::string& sha256, FileType type, int page,
                                  const Resolution& res) const;

  std::filesystem::path cache_dir_;
  DataFolder data_folder_;
  bool render_here_;
  Result<PageRaster> Load(const std::string& sha256, FileType type, int page,
                          const Resolution& res);

  std::map<std::string, std::unique_ptr<OpenPdf>> pdfs_;
  // Most recently used last.
  std::vector<std::pair<std::string, std::shared_ptr<const PageRaster>>> recent_;
  int rendered_ = 0;
  int cached_ = 0;
};

}  // namespace dossier::reports_internal
