#include "pdf_file.h"

#include <Error.h>
#include <GfxFont.h>
#include <GfxState.h>
#include <GlobalParams.h>
#include <PDFDoc.h>
#include <SplashOutputDev.h>
#include <Stream.h>
#include <TextOutputDev.h>
#include <goo/GooString.h>
#include <leptonica/allheaders.h>
#include <splash/SplashBitmap.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <mutex>
#include <optional>

#include "dossier/common/rejection.h"
#include "dossier/common/text.h"
#include "symbol_glyphs.h"

namespace dossier::extract_internal {
namespace {

// Poppler reports syntax errors through one global callback; each thread
// counts its own, so a page's read knows how damaged it was.
thread_local int tl_errors = 0;
thread_local std::string tl_first_error;

void CountError(ErrorCategory category, Goffset /*pos*/, const char* msg) {
  if (category == errInternal || category == errSyntaxError || category == errSyntaxWarning ||
      category == errIO) {
    if (tl_errors++ == 0 && msg) tl_first_error = msg;
  }
}

void InitPoppler() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (!globalParams) globalParams = std::make_unique<GlobalParams>();
    // Errors are counted and reported as document warnings, never printed.
    setErrorCallback(&CountError);
  });
}

struct Deadline {
  std::chrono::steady_clock::time_point until;
  bool hit = false;
};

bool PastDeadline(void* data) {
  auto* d = static_cast<Deadline*>(data);
  if (std::chrono::steady_clock::now() > d->until) d->hit = true;
  return d->hit;
}

Deadline MakeDeadline(double seconds) {
  return {std::chrono::steady_clock::now() +
              std::chrono::milliseconds(static_cast<int64_t>(seconds * 1000)),
          false};
}

// A TextOutputDev that also notes how each glyph is drawn, the straight lines
// the page strokes or fills, and where images lie: one pass gives the text,
// the OCR decision and the table rules.
class ScanDev : public TextOutputDev {
 public:
  ScanDev() : TextOutputDev(nullptr, false, 0, false, false) {}

  bool needNonText() override { return true; }  // images, to find text they hide
  // Tiles of a pattern are neither text nor rules; skip drawing them.
  bool useTilingPatternFill() override { return true; }
  bool tilingPatternFill(GfxState*, Gfx*, Catalog*, GfxTilingPattern*, const double*, int, int, int,
                         int, double, double) override {
    return true;
  }

  void startPage(int page_num, GfxState* state, XRef* xref) override {
    TextOutputDev::startPage(page_num, state, xref);
    chars_.clear();
    images_.clear();
    h_.clear();
    v_.clear();
    seq_ = 0;
    invisible_ = garbage_ = 0;
    if (state) {
      page_w_ = state->getPageWidth();
      page_h_ = state->getPageHeight();
    }
  }

  void drawChar(GfxState* state, double x, double y, double dx, double dy, double origin_x,
                double origin_y, CharCode c, int n_bytes, const Unicode* u, int u_len) override {
    TextOutputDev::drawChar(state, x, y, dx, dy, origin_x, origin_y, c, n_bytes, u, u_len);
    if (u_len > 0 && u[0] == 0x20) return;
    double tx, ty;
    state->transform(x, y, &tx, &ty);
    chars_.push_back({tx, ty, seq_++});
    if ((state->getRender() & 3) == 3) ++invisible_;
    const GfxFont* font = state->getFont().get();
    if (font != last_font_) {
      last_font_ = font;
      last_font_symbolic_ =
          font && font->getName() && SymbolFontFromPdfName(*font->getName()) != SymbolFont::kNone;
    }
    const bool symbol = last_font_symbolic_;
    if (u_len <= 0 || u[0] == 0xFFFD || u[0] < 0x20 ||
        (u[0] >= 0xE000 && u[0] <= 0xF8FF && !symbol))
      ++garbage_;
  }

  void stroke(GfxState* state) override {
    TextOutputDev::stroke(state);
    if (IsWhite(state, /*stroke=*/true)) return;
    double width = state->getTransformedLineWidth();
    if (width > 4) return;
    ForEachSegment(state, /*close_open=*/false,
                   [&](double x0, double y0, double x1, double y1) { AddRule(x0, y0, x1, y1); });
  }

  void fill(GfxState* state) override {
    TextOutputDev::fill(state);
    FillRules(state);
  }
  void eoFill(GfxState* state) override {
    TextOutputDev::eoFill(state);
    FillRules(state);
  }

  void drawImage(GfxState* state, Object* ref, Stream* str, int width, int height,
                 GfxImageColorMap* color_map, bool interpolate, const int* mask_colors,
                 bool inline_img) override {
    NoteImage(state);
    OutputDev::drawImage(state, ref, str, width, height, color_map, interpolate, mask_colors,
                         inline_img);
  }
  void drawImageMask(GfxState* state, Object* ref, Stream* str, int width, int height, bool invert,
                     bool interpolate, bool inline_img) override {
    NoteImage(state);
    OutputDev::drawImageMask(state, ref, str, width, height, invert, interpolate, inline_img);
  }
  void drawMaskedImage(GfxState* state, Object* /*ref*/, Stream* /*str*/, int /*width*/,
                       int /*height*/, GfxImageColorMap* /*color_map*/, bool /*interpolate*/,
                       Stream* /*mask_str*/, int /*mask_width*/, int /*mask_height*/,
                       bool /*mask_invert*/, bool /*mask_interpolate*/) override {
    NoteImage(state);
  }
  void drawSoftMaskedImage(GfxState* state, Object* /*ref*/, Stream* /*str*/, int /*width*/,
                           int /*height*/, GfxImageColorMap* /*color_map*/, bool /*interpolate*/,
                           Stream* /*mask_str*/, int /*mask_width*/, int /*mask_height*/,
                           GfxImageColorMap* /*mask_color_map*/,
                           bool /*mask_interpolate*/) override {
    NoteImage(state);
  }

  // Fills the statistics of the page just displayed.
  void Finish(PageScan* scan) {
    scan->chars = static_cast<int>(chars_.size());
    int hidden = 0;
    for (const CharMark& c : chars_) {
      for (const ImageMark& im : images_) {
        if (im.seq > c.seq && c.x >= im.box.x0 && c.x <= im.box.x1 && c.y >= im.box.y0 &&
            c.y <= im.box.y1) {
          ++hidden;
          break;
        }
      }
    }
    scan->invisible = std::min(scan->chars, invisible_ + hidden);
    scan->garbage = garbage_;
    double area = page_w_ * page_h_, covered = 0;
    for (const ImageMark& im : images_) {
      double w = std::min(im.box.x1, page_w_) - std::max(im.box.x0, 0.0);
      double h = std::min(im.box.y1, page_h_) - std::max(im.box.y0, 0.0);
      if (w > 0 && h > 0) covered = std::max(covered, w * h);
    }
    scan->image_cover = area > 0 ? std::min(1.0, covered / area) : 0;
    scan->h_rules = h_;
    scan->v_rules = v_;
  }

 private:
  struct CharMark {
    double x, y;
    int seq;
  };
  struct ImageMark {
    BBox box;
    int seq;
  };

  static bool IsWhite(GfxState* state, bool stroke) {
    GfxRGB rgb;
    if (stroke)
      state->getStrokeRGB(&rgb);
    else
      state->getFillRGB(&rgb);
    return colToDbl(rgb.r) > 0.9 && colToDbl(rgb.g) > 0.9 && colToDbl(rgb.b) > 0.9;
  }

  template <typename Fn>
  static void ForEachSegment(GfxState* state, bool close_open, Fn fn) {
    const GfxPath* path = state->getPath();
    if (!path) return;
    for (int s = 0; s < path->getNumSubpaths(); ++s) {
      const GfxSubpath* sub = path->getSubpath(s);
      int n = sub->getNumPoints();
      if (n < 2) continue;
      bool curved = false;
      for (int i = 0; i < n; ++i) curved |= sub->getCurve(i);
      if (curved) continue;  // round shapes are no rules
      double px, py;
      state->transform(sub->getX(0), sub->getY(0), &px, &py);
      const double fx = px, fy = py;
      for (int i = 1; i < n; ++i) {
        double x, y;
        state->transform(sub->getX(i), sub->getY(i), &x, &y);
        fn(px, py, x, y);
        px = x;
        py = y;
      }
      if (sub->isClosed() || close_open) fn(px, py, fx, fy);
    }
  }

  void AddRule(double x0, double y0, double x1, double y1) {
    double dx = std::abs(x1 - x0), dy = std::abs(y1 - y0);
    if (dy <= 0.5 && dx >= 4)
      h_.push_back({(y0 + y1) / 2, std::min(x0, x1), std::max(x0, x1)});
    else if (dx <= 0.5 && dy >= 4)
      v_.push_back({(x0 + x1) / 2, std::min(y0, y1), std::max(y0, y1)});
  }

  // Borders drawn as thin filled rectangles (Word, Excel exports).
  void FillRules(GfxState* state) {
    if (IsWhite(state, /*stroke=*/false)) return;
    const GfxPath* path = state->getPath();
    if (!path) return;
    for (int s = 0; s < path->getNumSubpaths(); ++s) {
      const GfxSubpath* sub = path->getSubpath(s);
      int n = sub->getNumPoints();
      if (n < 4 || n > 5) continue;
      double x0 = 1e18, y0 = 1e18, x1 = -1e18, y1 = -1e18;
      bool curved = false;
      for (int i = 0; i < n; ++i) {
        double x, y;
        state->transform(sub->getX(i), sub->getY(i), &x, &y);
        x0 = std::min(x0, x), y0 = std::min(y0, y), x1 = std::max(x1, x), y1 = std::max(y1, y);
        curved |= sub->getCurve(i);
      }
      if (curved) continue;
      double w = x1 - x0, h = y1 - y0;
      if (h <= 3 && w >= 4)
        h_.push_back({(y0 + y1) / 2, x0, x1});
      else if (w <= 3 && h >= 4)
        v_.push_back({(x0 + x1) / 2, y0, y1});
    }
  }

  void NoteImage(GfxState* state) {
    double xs[4], ys[4];
    state->transform(0, 0, &xs[0], &ys[0]);
    state->transform(1, 0, &xs[1], &ys[1]);
    state->transform(0, 1, &xs[2], &ys[2]);
    state->transform(1, 1, &xs[3], &ys[3]);
    BBox b{*std::min_element(xs, xs + 4), *std::min_element(ys, ys + 4),
           *std::max_element(xs, xs + 4), *std::max_element(ys, ys + 4)};
    images_.push_back({b, seq_++});
  }

  std::vector<CharMark> chars_;
  std::vector<ImageMark> images_;
  std::vector<HRule> h_;
  std::vector<VRule> v_;
  int seq_ = 0, invisible_ = 0, garbage_ = 0;
  const GfxFont* last_font_ = nullptr;  // the symbol-font test is per font, not per glyph
  bool last_font_symbolic_ = false;
  double page_w_ = 0, page_h_ = 0;
};

}  // namespace

struct PdfFile::Impl {
  std::unique_ptr<PDFDoc> doc;
  bool reconstructed = false;
  std::unique_ptr<ScanDev> scan_dev;
};

PdfFile::PdfFile(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PdfFile::~PdfFile() = default;

Result<std::unique_ptr<PdfFile>> PdfFile::Open(std::string_view bytes) {
  InitPoppler();
  tl_errors = 0;
  tl_first_error.clear();
  auto impl = std::make_unique<Impl>();
  Impl* raw = impl.get();
  // MemStream reads the caller's bytes in place; PDFDoc owns the stream.
  auto* stream =
      new MemStream(bytes.data(), 0, static_cast<Goffset>(bytes.size()), Object(objNull));
  impl->doc =
      std::make_unique<PDFDoc>(stream, std::optional<GooString>(), std::optional<GooString>(),
                               nullptr, [raw] { raw->reconstructed = true; });
  if (!impl->doc->isOk()) {
    int code = impl->doc->getErrorCode();
    if (code == errEncrypted) return Reject(Rejection::kEncryptedPdf);
    std::string detail = tl_first_error.empty() ? "" : "（" + tl_first_error + "）";
    return Reject(Rejection::kDamaged, "PDF 已损坏，无法打开" + detail);
  }
  if (impl->doc->getNumPages() <= 0)
    return Reject(Rejection::kDamaged, "PDF 已损坏：没有可读的页面");
  return std::unique_ptr<PdfFile>(new PdfFile(std::move(impl)));
}

int PdfFile::pages() const { return impl_->doc->getNumPages(); }
bool PdfFile::reconstructed() const { return impl_->reconstructed; }

Result<std::pair<double, double>> PdfFile::PageSize(int page) const {
  ::Page* p = impl_->doc->getPage(page);
  if (!p) return Reject(Rejection::kDamaged, "第 " + std::to_string(page) + " 页缺失或已损坏");
  double w = p->getCropWidth(), h = p->getCropHeight();
  if (p->getRotate() % 180 != 0) std::swap(w, h);
  if (!(w > 0 && h > 0) || w > 20000 || h > 20000)
    return Reject(Rejection::kDamaged, "第 " + std::to_string(page) + " 页的尺寸不合理");
  return std::make_pair(w, h);
}

Result<PageScan> PdfFile::Scan(int page, double seconds) {
  auto size = PageSize(page);
  if (!size.ok()) return size.status();
  tl_errors = 0;
  tl_first_error.clear();
  if (!impl_->scan_dev) impl_->scan_dev = std::make_unique<ScanDev>();
  ScanDev& dev = *impl_->scan_dev;
  Deadline deadline = MakeDeadline(seconds);
  impl_->doc->displayPage(&dev, page, 72, 72, 0, false, true, false, &PastDeadline, &deadline);
  if (deadline.hit)
    return Reject(Rejection::kTimedOut, "第 " + std::to_string(page) + " 页读取超过 " +
                                            std::to_string(static_cast<int>(seconds)) + " 秒");
  PageScan scan;
  scan.width = size->first;
  scan.height = size->second;
  dev.Finish(&scan);
  std::unique_ptr<TextWordList> list = dev.makeWordList();
  for (int i = 0; list && i < list->getLength(); ++i) {
    const TextWord* w = list->get(i);
    LayoutWord word;
    for (int k = 0; k < w->getLength(); ++k) {
      char32_t cp = *w->getChar(k);
      // Check boxes drawn with Wingdings glyphs reach the text layer as
      // private-use code points (U+F0xx); they mean the same as in DOCX.
      if (const GooString* font = w->getFontName(k); font && IsSymbolPrivateUse(cp)) {
        if (auto mapped = MapSymbolGlyph(SymbolFontFromPdfName(font->toStr()), cp)) cp = *mapped;
      }
      if (cp < 0x20 || cp == 0x20 || cp == 0xFFFD) continue;
      BBox b;
      w->getCharBBox(k, &b.x0, &b.y0, &b.x1, &b.y1);
      text::AppendUtf8(word.text, cp);
      word.char_boxes.push_back(b);
    }
    if (word.char_boxes.empty()) continue;
    w->getBBox(&word.bbox.x0, &word.bbox.y0, &word.bbox.x1, &word.bbox.y1);
    scan.words.push_back(std::move(word));
  }
  scan.poppler_errors = tl_errors;
  scan.first_error = tl_first_error;
  return scan;
}

Result<PixPtr> PdfFile::Render(int page, double dpi, double seconds) {
  auto size = PageSize(page);
  if (!size.ok()) return size.status();
  SplashColor paper;
  paper[0] = paper[1] = paper[2] = 0xff;
  SplashOutputDev out(splashModeRGB8, 4, false, paper);
  out.startDoc(impl_->doc.get());
  Deadline deadline = MakeDeadline(seconds);
  impl_->doc->displayPage(&out, page, dpi, dpi, 0, false, true, false, &PastDeadline, &deadline);
  if (deadline.hit)
    return Reject(Rejection::kTimedOut, "第 " + std::to_string(page) + " 页绘制超过 " +
                                            std::to_string(static_cast<int>(seconds)) + " 秒");
  SplashBitmap* bitmap = out.getBitmap();
  if (!bitmap || bitmap->getWidth() <= 0 || bitmap->getHeight() <= 0)
    return Reject(Rejection::kDamaged, "第 " + std::to_string(page) + " 页无法绘制");
  const int w = bitmap->getWidth(), h = bitmap->getHeight();
  PixPtr pix(pixCreate(w, h, 32));
  if (!pix) {
    return Reject(Rejection::kOutOfMemory, "第 " + std::to_string(page) + " 页过大，无法绘制");
  }
  pixSetSpp(pix.get(), 3);
  pixSetResolution(pix.get(), static_cast<int>(dpi), static_cast<int>(dpi));
  const int wpl = pixGetWpl(pix.get());
  l_uint32* dst = pixGetData(pix.get());
  const unsigned char* src = bitmap->getDataPtr();
  const int row_size = bitmap->getRowSize();
  for (int y = 0; y < h; ++y) {
    const unsigned char* s = src + static_cast<size_t>(y) * row_size;
    l_uint32* d = dst + static_cast<size_t>(y) * wpl;
    for (int x = 0; x < w; ++x, s += 3)
      d[x] = (static_cast<l_uint32>(s[0]) << L_RED_SHIFT) |
             (static_cast<l_uint32>(s[1]) << L_GREEN_SHIFT) |
             (static_cast<l_uint32>(s[2]) << L_BLUE_SHIFT);
  }
  return pix;
}

}  // namespace dossier::extract_internal
