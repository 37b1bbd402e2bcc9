#include "raster.h"

#include <png.h>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <optional>
#include <random>
#include <system_error>
#include <vector>

#include "dossier/common/data_folder.h"
#include "dossier/extract/image_picture.h"

namespace dossier::reports_internal {

namespace {

// Poppler prints its complaints about damaged files to stderr; a report is
// about the applications, so they are silenced (the failure itself still
// comes back as a Status). Photos are decoded by extract, which silences
// Leptonica.
void QuietPoppler(const std::string&, void*) {}

void SilenceLibrariesOnce() {
  static const bool done = [] {
    poppler::set_debug_error_function(QuietPoppler, nullptr);
    return true;
  }();
  (void)done;
}

void PngWrite(png_structp png, png_bytep data, png_size_t length) {
  static_cast<std::string*>(png_get_io_ptr(png))
      ->append(reinterpret_cast<const char*>(data), length);
}
void PngFlush(png_structp) {}

// Copies a displayed image (0x00RRGGBB words) into a Cairo surface
// (0xAARRGGBB words), opaque.
Result<SurfacePtr> SurfaceFromPixels(const ShownImage& image) {
  auto surface = NewSurface(image.width, image.height);
  if (!surface.ok()) return surface.status();
  cairo_surface_flush(surface->get());
  unsigned char* dst = cairo_image_surface_get_data(surface->get());
  const int stride = cairo_image_surface_get_stride(surface->get());
  for (int y = 0; y < image.height; ++y) {
    auto* row = reinterpret_cast<uint32_t*>(dst + static_cast<ptrdiff_t>(y) * stride);
    const uint32_t* in = image.pixels.data() + static_cast<ptrdiff_t>(y) * image.width;
    for (int x = 0; x < image.width; ++x) row[x] = 0xFF000000u | in[x];
  }
  cairo_surface_mark_dirty(surface->get());
  return surface;
}

Result<SurfacePtr> ReadPng(const std::filesystem::path& path) {
  cairo_surface_t* s = cairo_image_surface_create_from_png(path.c_str());
  SurfacePtr owned(s);
  if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
    return Status::Io("cannot read the cached page picture " + path.string() + " (" +
                      cairo_status_to_string(cairo_surface_status(s)) + ")");
  }
  return owned;
}

std::string CacheName(const std::string& sha256, int page, const std::string& res) {
  return sha256 + "-p" + std::to_string(page) + "-" + res + ".png";
}

}  // namespace

Result<SurfacePtr> NewSurface(int width, int height) {
  if (width <= 0 || height <= 0 || width > 20000 || height > 20000) {
    return Status::LimitExceeded("a picture of " + std::to_string(width) + "×" +
                                 std::to_string(height) + " pixels is outside the limits");
  }
  SurfacePtr s(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, height));
  if (cairo_surface_status(s.get()) != CAIRO_STATUS_SUCCESS) {
    return Status::Internal(std::string("cannot make a picture: ") +
                            cairo_status_to_string(cairo_surface_status(s.get())));
  }
  cairo_t* cr = cairo_create(s.get());
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_destroy(cr);
  return s;
}

int Width(cairo_surface_t* s) { return cairo_image_surface_get_width(s); }
int Height(cairo_surface_t* s) { return cairo_image_surface_get_height(s); }

// libpng directly rather than cairo's PNG writer: opaque RGB at a low zlib
// level without row filters is several times faster and the pictures
// (mostly white, some text) stay small; reports write hundreds of them.
Result<std::string> EncodePng(cairo_surface_t* surface) {
  cairo_surface_flush(surface);
  const int w = cairo_image_surface_get_width(surface);
  const int h = cairo_image_surface_get_height(surface);
  const int stride = cairo_image_surface_get_stride(surface);
  const unsigned char* data = cairo_image_surface_get_data(surface);
  if (!data || w <= 0 || h <= 0 || cairo_image_surface_get_format(surface) != CAIRO_FORMAT_ARGB32) {
    return Status::Internal("cannot encode a PNG: not a colour picture");
  }
  std::string out;
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png ? png_create_info_struct(png) : nullptr;
  if (!png || !info) {
    png_destroy_write_struct(&png, &info);
    return Status::Internal("cannot encode a PNG: out of memory");
  }
  std::vector<unsigned char> row(static_cast<size_t>(w) * 3);
  // libpng reports errors by longjmp; nothing with a destructor is created
  // between here and the end of the writing.
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    return Status::Internal("cannot encode a PNG");
  }
  png_set_write_fn(png, &out, PngWrite, PngFlush);
  png_set_IHDR(png, info, static_cast<png_uint_32>(w), static_cast<png_uint_32>(h), 8,
               PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
               PNG_FILTER_TYPE_DEFAULT);
  png_set_compression_level(png, 3);
  png_set_filter(png, 0, PNG_FILTER_NONE);
  png_write_info(png, info);
  for (int y = 0; y < h; ++y) {
    const auto* px = reinterpret_cast<const uint32_t*>(data + static_cast<ptrdiff_t>(y) * stride);
    unsigned char* o = row.data();
    for (int x = 0; x < w; ++x) {
      // Pictures are opaque (drawn on white), so premultiplication is moot.
      const uint32_t v = px[x];
      *o++ = static_cast<unsigned char>(v >> 16);
      *o++ = static_cast<unsigned char>(v >> 8);
      *o++ = static_cast<unsigned char>(v);
    }
    png_write_row(png, row.data());
  }
  png_write_end(png, info);
  png_destroy_write_struct(&png, &info);
  return out;
}

Status WriteFileAtomically(const std::filesystem::path& path, std::string_view bytes) {
  std::error_code ec;
  // Never creates folders: a path the user mistyped (/nonexistent/x.png) is
  // an error, not a new folder tree.
  if (path.has_parent_path() && !std::filesystem::is_directory(path.parent_path(), ec)) {
    return Status::Io("cannot write " + path.string() + ": the folder " +
                      path.parent_path().string() + " does not exist");
  }
  std::random_device rd;
  std::filesystem::path tmp = path;
  tmp += ".tmp" + std::to_string(getpid()) + "-" + std::to_string(rd());
  {
    std::ofstream out(tmp, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) {
      std::filesystem::remove(tmp, ec);
      return Status::Io("cannot write " + path.string() + " (disk full or no permission?)");
    }
  }
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    return Status::Io("cannot write " + path.string() + ": " + ec.message());
  }
  return Status::Ok();
}

struct PageImages::OpenPdf {
  std::string bytes;  // poppler reads from these bytes; they outlive the document
  std::unique_ptr<poppler::document> doc;
};

namespace {

std::filesystem::path Sidecar(const std::filesystem::path& file, const char* suffix) {
  std::filesystem::path out = file;
  out += suffix;
  return out;
}

std::string ReadSmallFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::string out;
  char buf[512];
  while (in && out.size() < 4096) {
    in.read(buf, sizeof buf);
    out.append(buf, static_cast<size_t>(in.gcount()));
  }
  return out;
}

bool Exists(const std::filesystem::path& path) {
  std::error_code ec;
  return std::filesystem::exists(path, ec);
}

// The resolution a page of w × h points can be drawn at: `dpi` unless the
// picture would pass kMaxPagePixels or kMaxPageSide, then lower; 0 when even
// 1 dpi would.
double BoundedDpi(double w_pt, double h_pt, double dpi) {
  const double w_in = w_pt / 72.0, h_in = h_pt / 72.0;
  if (!(w_in > 0 && h_in > 0)) return 0;
  double out = dpi;
  out = std::min(out, std::sqrt(static_cast<double>(kMaxPagePixels) / (w_in * h_in)));
  out = std::min(out, kMaxPageSide / std::max(w_in, h_in));
  return out >= 1.0 ? out : 0;
}

std::string Inches(double pt) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f", pt / 72.0);
  return buf;
}

}  // namespace

PageImages::PageImages(std::filesystem::path data_dir, bool render_here)
    : cache_dir_(DataFolder(data_dir).CacheDir()),
      data_folder_(data_dir),
      render_here_(render_here) {
  SilenceLibrariesOnce();
  // A cache that cannot be made (a read-only data folder) only costs time.
  std::error_code ignored;
  std::filesystem::create_directory(cache_dir_, ignored);
}

PageImages::~PageImages() = default;

std::filesystem::path PageImages::CacheFile(const std::string& sha256, FileType type, int page,
                                            const Resolution& res) const {
  if (page < 1) page = 1;
  if (type == FileType::kPdf)
    return cache_dir_ / CacheName(sha256, page, std::to_string(res.dpi) + "dpi");
  return cache_dir_ / CacheName(sha256, page, "max" + std::to_string(res.max_px));
}

bool PageImages::InCache(const std::string& sha256, FileType type, int page,
                         const Resolution& res) const {
  const std::filesystem::path file = CacheFile(sha256, type, page, res);
  return Exists(file) || Exists(Sidecar(file, ".failed"));
}

void PageImages::RememberFailure(const std::string& sha256, FileType type, int page,
                                 const Resolution& res, const std::string& reason) const {
  (void)WriteFileAtomically(Sidecar(CacheFile(sha256, type, page, res), ".failed"), reason);
}

Result<std::shared_ptr<const PageRaster>> PageImages::Get(const std::string& sha256, FileType type,
                                                          int page, const Resolution& res) {
  // What is kept is bounded in pixels, not in pages: a few big pages would
  // otherwise hold hundreds of megabytes per drawing thread.
  constexpr size_t kKept = 6;
  constexpr int64_t kKeptPixels = 2 * kMaxPagePixels;
  const std::string key = sha256 + "/" + std::to_string(page) + "/" + std::to_string(res.dpi) +
                          "/" + std::to_string(res.max_px) + "/" + std::string(FileTypeName(type));
  for (size_t i = 0; i < recent_.size(); ++i) {
    if (recent_[i].first == key) {
      auto hit = recent_[i].second;
      recent_.erase(recent_.begin() + static_cast<ptrdiff_t>(i));
      recent_.emplace_back(key, hit);
      return hit;
    }
  }
  auto loaded = Load(sha256, type, page, res);
  if (!loaded.ok()) return loaded.status();
  auto shared = std::make_shared<const PageRaster>(std::move(loaded).value());
  auto pixels = [](const PageRaster& r) {
    return int64_t{Width(r.surface.get())} * Height(r.surface.get());
  };
  int64_t kept = pixels(*shared);
  for (const auto& entry : recent_) kept += pixels(*entry.second);
  while (!recent_.empty() && (recent_.size() >= kKept || kept > kKeptPixels)) {
    kept -= pixels(*recent_.front().second);
    recent_.erase(recent_.begin());
  }
  recent_.emplace_back(key, shared);
  return shared;
}

Status PageImages::RenderToCache(const std::string& sha256, FileType type, int page,
                                 const Resolution& res) {
  if (IsOfficeType(type) || InCache(sha256, type, page, res)) return Status::Ok();
  auto loaded = Load(sha256, type, page, res);
  if (!loaded.ok()) {
    if (InCache(sha256, type, page, res)) return Status::Ok();  // its failure is written down
    return loaded.status();
  }
  if (!InCache(sha256, type, page, res)) {
    return Status::Io("页面图像无法写入缓存文件夹 " + cache_dir_.string());
  }
  return Status::Ok();
}

Result<PageRaster> PageImages::Load(const std::string& sha256, FileType type, int page,
                                    const Resolution& res) {
  if (IsOfficeType(type)) {
    return Status::Unsupported("a " + std::string(FileTypeName(type)) +
                               " file has no page pictures");
  }
  if (page < 1) page = 1;
  const std::filesystem::path file = CacheFile(sha256, type, page, res);
  const std::filesystem::path failed = Sidecar(file, ".failed");
  if (Exists(failed)) {
    // Tried before and failed: never drawn again (a page that blew the
    // limits once would only blow them again).
    std::string reason = ReadSmallFile(failed);
    return Status::InvalidInput(reason.empty() ? "页面图像无法生成" : reason);
  }
  Result<PageRaster> out = Status::Internal("");
  if (type == FileType::kPdf) {
    if (Exists(file)) {
      auto png = ReadPng(file);
      if (png.ok()) {
        ++cached_;
        // A page drawn at a lower resolution than asked says which.
        double dpi = res.dpi;
        const std::string drawn_at = ReadSmallFile(Sidecar(file, ".dpi"));
        if (!drawn_at.empty()) dpi = std::atof(drawn_at.c_str());
        if (!(dpi > 0)) dpi = res.dpi;
        return PageRaster{std::move(png).value(), dpi / 72.0, dpi / 72.0};
      }
    }
    if (!render_here_) return Status::InvalidInput("页面图像未能生成");
    out = RenderPdfPage(sha256, page, res.dpi, file);
  } else {
    const bool cache_hit = Exists(file);
    if (!cache_hit && !render_here_) return Status::InvalidInput("页面图像未能生成");
    out = RenderImage(sha256, page, res.max_px, file, cache_hit);
  }
  if (!out.ok() && render_here_ && out.status().code() != ErrorCode::kNotFound &&
      out.status().code() != ErrorCode::kIo) {
    RememberFailure(sha256, type, page, res, out.status().message());
  }
  return out;
}

Result<PageRaster> PageImages::RenderPdfPage(const std::string& sha256, int page, int dpi,
                                             const std::filesystem::path& cache_file) {
  auto it = pdfs_.find(sha256);
  if (it == pdfs_.end()) {
    auto bytes = data_folder_.ReadOriginalFile(sha256);
    if (!bytes.ok()) return bytes.status();
    auto open = std::make_unique<OpenPdf>();
    open->bytes = std::move(bytes).value();
    if (open->bytes.size() > static_cast<size_t>(INT32_MAX)) {
      return Status::LimitExceeded("PDF 过大，不生成页面图像");
    }
    open->doc.reset(poppler::document::load_from_raw_data(open->bytes.data(),
                                                          static_cast<int>(open->bytes.size())));
    if (!open->doc || open->doc->is_locked()) {
      return Status::InvalidInput("PDF 无法打开，不能生成页面图像");
    }
    it = pdfs_.emplace(sha256, std::move(open)).first;
  }
  poppler::document& doc = *it->second->doc;
  if (page > doc.pages()) {
    return Status::InvalidInput("PDF 没有第 " + std::to_string(page) + " 页");
  }
  std::unique_ptr<poppler::page> p(doc.create_page(page - 1));
  if (!p) return Status::InvalidInput("第 " + std::to_string(page) + " 页无法读取");
  // The picture's size is known from the page's before anything is drawn:
  // a 150-inch page at 150 dpi would need gigabytes.
  const poppler::rectf box = p->page_rect(poppler::crop_box);
  const double drawn_dpi = BoundedDpi(box.width(), box.height(), dpi);
  if (drawn_dpi <= 0) {
    return Status::LimitExceeded("第 " + std::to_string(page) + " 页尺寸过大（" +
                                 Inches(box.width()) + " × " + Inches(box.height()) +
                                 " 英寸），不生成页面图像");
  }
  poppler::page_renderer renderer;
  renderer.set_render_hints(poppler::page_renderer::antialiasing |
                            poppler::page_renderer::text_antialiasing);
  renderer.set_image_format(poppler::image::format_argb32);
  poppler::image img = renderer.render_page(p.get(), drawn_dpi, drawn_dpi);
  if (!img.is_valid() || img.format() != poppler::image::format_argb32) {
    return Status::InvalidInput("第 " + std::to_string(page) + " 页无法绘制");
  }
  auto surface = NewSurface(img.width(), img.height());
  if (!surface.ok()) return surface.status();
  cairo_surface_flush(surface->get());
  unsigned char* dst = cairo_image_surface_get_data(surface->get());
  const int stride = cairo_image_surface_get_stride(surface->get());
  const size_t row_bytes = static_cast<size_t>(img.width()) * 4;
  for (int y = 0; y < img.height(); ++y) {
    std::memcpy(dst + static_cast<ptrdiff_t>(y) * stride,
                img.const_data() + static_cast<ptrdiff_t>(y) * img.bytes_per_row(), row_bytes);
  }
  cairo_surface_mark_dirty(surface->get());
  ++rendered_;
  auto png = EncodePng(surface->get());
  if (png.ok()) {
    if (drawn_dpi != dpi) {
      char at[32];
      std::snprintf(at, sizeof at, "%.6f", drawn_dpi);
      (void)WriteFileAtomically(Sidecar(cache_file, ".dpi"), at);
    }
    // A cache that cannot be written only costs time on the next run.
    (void)WriteFileAtomically(cache_file, *png);
  }
  const double scale = drawn_dpi / 72.0;
  return PageRaster{std::move(surface).value(), scale, scale};
}

Result<PageRaster> PageImages::RenderImage(const std::string& sha256, int page, int max_px,
                                           const std::filesystem::path& cache_file,
                                           bool cache_hit) {
  auto bytes = data_folder_.ReadOriginalFile(sha256);
  if (!bytes.ok()) return bytes.status();
  if (cache_hit) {
    if (const std::optional<ShownSize> shown = ImageShownSize(*bytes)) {
      auto png = ReadPng(cache_file);
      if (png.ok()) {
        ++cached_;
        const double sx = Width(png->get()) / shown->width;
        const double sy = Height(png->get()) / shown->height;
        return PageRaster{std::move(png).value(), sx, sy};
      }
    }
  }
  auto image = DecodeShownImage(*bytes, page, max_px, kMaxDecodedImagePixels);
  if (!image.ok()) return image.status();
  auto surface = SurfaceFromPixels(*image);
  if (!surface.ok()) return surface.status();
  ++rendered_;
  auto png = EncodePng(surface->get());
  if (png.ok()) (void)WriteFileAtomically(cache_file, *png);
  const double sx = Width(surface->get()) / image->shown.width;
  const double sy = Height(surface->get()) / image->shown.height;
  return PageRaster{std::move(surface).value(), sx, sy};
}

}  // namespace dossier::reports_internal
