#include "source_pictures.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "dossier/normalize/place_words.h"
#include "text_layout.h"

namespace dossier::reports_internal {

namespace {

// Pictures are drawn at 1.5 device pixels per layout pixel: sharp enough to
// print, small enough to encode quickly.
constexpr double kScale = 1.5;
constexpr double kPad = 5;
constexpr double kFont = 12;
constexpr double kMinColumn = 44;
constexpr double kMaxColumn = 240;
constexpr double kCaptionHeight = 20;

void SetRgb(cairo_t* cr, uint32_t rgb) {
  cairo_set_source_rgb(cr, ((rgb >> 16) & 255) / 255.0, ((rgb >> 8) & 255) / 255.0,
                       (rgb & 255) / 255.0);
}

constexpr uint32_t kInk = 0x202020;
constexpr uint32_t kGrid = 0x9a9a9a;
constexpr uint32_t kHeaderFill = 0xe8e8e8;
constexpr uint32_t kMark = 0xfff176;
constexpr uint32_t kMarkEdge = 0xd32f2f;
constexpr uint32_t kCaption = 0x555555;

std::string ColumnLetters(int col) {
  std::string out;
  for (int c = col + 1; c > 0; c = (c - 1) / 26)
    out.insert(out.begin(), static_cast<char>('A' + (c - 1) % 26));
  return out;
}

// A recording surface to draw a picture of w × h layout pixels on white.
Result<SurfacePtr> NewDrawing(double w, double h) {
  cairo_rectangle_t extents{0, 0, w, h};
  SurfacePtr rec(cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extents));
  if (cairo_surface_status(rec.get()) != CAIRO_STATUS_SUCCESS) {
    return Status::Internal("cannot make a picture: " +
                            std::string(cairo_status_to_string(cairo_surface_status(rec.get()))));
  }
  ContextPtr cr(cairo_create(rec.get()));
  cairo_set_source_rgb(cr.get(), 1, 1, 1);
  cairo_paint(cr.get());
  return rec;
}

// Keeps the drawing for PDFs and replays it into pixels for everything else.
Result<Picture> Finish(SurfacePtr drawing, double w, double h, const BBox& highlight_logical) {
  auto surface =
      NewSurface(static_cast<int>(std::ceil(w * kScale)), static_cast<int>(std::ceil(h * kScale)));
  if (!surface.ok()) return surface.status();
  {
    ContextPtr cr(cairo_create(surface->get()));
    cairo_scale(cr.get(), kScale, kScale);
    cairo_set_source_surface(cr.get(), drawing.get(), 0, 0);
    cairo_paint(cr.get());
  }
  cairo_surface_flush(surface->get());
  Picture p;
  p.surface = std::move(surface).value();
  p.vector = std::move(drawing);
  p.vector_width = w;
  p.vector_height = h;
  p.highlight = BBox{highlight_logical.x0 * kScale, highlight_logical.y0 * kScale,
                     highlight_logical.x1 * kScale, highlight_logical.y1 * kScale};
  return p;
}

Result<Picture> TablePicture(const Document& doc, const Table& table, const Span& span,
                             bool spreadsheet) {
  const Cell* target = table.At(span.row, span.col);
  const int trow = target ? target->row : span.row;
  const int tcol = target ? target->col : span.col;
  const int trs = target ? target->row_span : 1;
  const int tcs = target ? target->col_span : 1;
  const int rows = std::max(table.rows, trow + trs);
  const int cols = std::max(table.cols, tcol + tcs);
  const int r0 = std::max(0, trow - 2);
  const int r1 = std::min(rows - 1, trow + trs - 1 + 2);
  int c0 = 0, c1 = cols - 1;
  if (cols > 8) {
    c0 = std::max(0, std::min(tcol - 3, cols - 8));
    c1 = std::min(cols - 1, c0 + 7);
  }
  const int nr = r1 - r0 + 1, nc = c1 - c0 + 1;

  struct Placed {
    int row0, col0, row1, col1;  // clipped to the window
    std::string text;
    bool target;
  };
  std::vector<Placed> placed;
  for (const Cell& cell : table.cells) {
    const int a0 = std::max(cell.row, r0), a1 = std::min(cell.row + cell.row_span - 1, r1);
    const int b0 = std::max(cell.col, c0), b1 = std::min(cell.col + cell.col_span - 1, c1);
    if (a0 > a1 || b0 > b1) continue;
    std::string text;
    if (cell.span_id >= 0 && cell.span_id < static_cast<int>(doc.spans.size()))
      text = doc.spans[cell.span_id].text;
    placed.push_back({a0, b0, a1, b1, std::move(text), target == &cell});
  }
  if (!target) placed.push_back({trow, tcol, trow, tcol, span.text, true});

  ContextPtr scratch = ScratchContext();
  TextStyle style{kFont, false, 4, false};
  std::vector<double> widths(nc, kMinColumn);
  for (const Placed& p : placed) {
    if (p.col0 != p.col1) continue;
    LayoutPtr l = MakeLayout(scratch.get(), p.text, style, -1);
    double w, h;
    LayoutSize(l.get(), &w, &h);
    double& cw = widths[p.col0 - c0];
    cw = std::max(cw, std::min(kMaxColumn, w + 2 * kPad + 1));
  }
  auto span_width = [&](int a, int b) {
    double w = 0;
    for (int c = a; c <= b; ++c) w += widths[c - c0];
    return w;
  };
  std::vector<double> heights(nr, kFont + 2 * kPad + 6);
  for (const Placed& p : placed) {
    if (p.row0 != p.row1) continue;
    LayoutPtr l = MakeLayout(scratch.get(), p.text, style, span_width(p.col0, p.col1) - 2 * kPad);
    double w, h;
    LayoutSize(l.get(), &w, &h);
    double& rh = heights[p.row0 - r0];
    rh = std::max(rh, h + 2 * kPad);
  }
  const double head_w = spreadsheet ? 36 : 0;
  const double head_h = spreadsheet ? 18 : 0;
  const double grid_x = 1 + head_w, grid_y = kCaptionHeight + head_h;
  std::vector<double> xs(nc + 1, grid_x), ys(nr + 1, grid_y);
  for (int c = 0; c < nc; ++c) xs[c + 1] = xs[c] + widths[c];
  for (int r = 0; r < nr; ++r) ys[r + 1] = ys[r] + heights[r];
  const double logical_w = std::max(xs[nc] + 2, 220.0);
  const double logical_h = ys[nr] + 2;

  auto drawing = NewDrawing(logical_w, logical_h);
  if (!drawing.ok()) return drawing.status();
  ContextPtr cr(cairo_create(drawing->get()));
  cairo_t* c = cr.get();

  std::string caption = norm::LocatorWords(span.locator);
  if (!table.name.empty() && span.locator.find('!') == std::string::npos)
    caption = table.name + " " + caption;
  if (r0 > 0 || r1 < rows - 1 || c0 > 0 || c1 < cols - 1) caption += "（节选）";
  SetRgb(c, kCaption);
  LayoutPtr cap = MakeLayout(c, caption, TextStyle{10, false, 1, false}, logical_w - 4);
  ShowLayout(c, cap.get(), 2, 3);

  cairo_set_line_width(c, 1);
  if (spreadsheet) {
    for (int col = 0; col < nc; ++col) {
      SetRgb(c, kHeaderFill);
      cairo_rectangle(c, xs[col], kCaptionHeight, widths[col], head_h);
      cairo_fill_preserve(c);
      SetRgb(c, kGrid);
      cairo_stroke(c);
      SetRgb(c, kCaption);
      LayoutPtr l = MakeLayout(c, ColumnLetters(c0 + col), TextStyle{10, false, 1, false}, -1);
      double w, h;
      LayoutSize(l.get(), &w, &h);
      ShowLayout(c, l.get(), xs[col] + (widths[col] - w) / 2, kCaptionHeight + (head_h - h) / 2);
    }
    for (int row = 0; row < nr; ++row) {
      SetRgb(c, kHeaderFill);
      cairo_rectangle(c, 1, ys[row], head_w, heights[row]);
      cairo_fill_preserve(c);
      SetRgb(c, kGrid);
      cairo_stroke(c);
      SetRgb(c, kCaption);
      LayoutPtr l = MakeLayout(c, std::to_string(r0 + row + 1), TextStyle{10, false, 1, false}, -1);
      double w, h;
      LayoutSize(l.get(), &w, &h);
      ShowLayout(c, l.get(), 1 + (head_w - w) / 2, ys[row] + (heights[row] - h) / 2);
    }
  }
  // Positions the table has no cell for still get their grid line.
  SetRgb(c, kGrid);
  for (int r = 0; r < nr; ++r)
    for (int col = 0; col < nc; ++col) cairo_rectangle(c, xs[col], ys[r], widths[col], heights[r]);
  cairo_stroke(c);

  BBox mark;
  for (const Placed& p : placed) {
    const double x0 = xs[p.col0 - c0], x1 = xs[p.col1 - c0 + 1];
    const double y0 = ys[p.row0 - r0], y1 = ys[p.row1 - r0 + 1];
    cairo_rectangle(c, x0, y0, x1 - x0, y1 - y0);
    SetRgb(c, p.target ? kMark : 0xffffff);
    cairo_fill_preserve(c);
    SetRgb(c, kGrid);
    cairo_stroke(c);
    SetRgb(c, kInk);
    LayoutPtr l = MakeLayout(c, p.text, style, x1 - x0 - 2 * kPad);
    double w, h;
    LayoutSize(l.get(), &w, &h);
    // Clipped, so a merged cell cut by the window never spills over.
    cairo_save(c);
    cairo_rectangle(c, x0, y0, x1 - x0, y1 - y0);
    cairo_clip(c);
    ShowLayout(c, l.get(), x0 + kPad, y0 + std::max(kPad, (y1 - y0 - h) / 2));
    cairo_restore(c);
    if (p.target) mark = BBox{x0, y0, x1, y1};
  }
  SetRgb(c, kMarkEdge);
  cairo_set_line_width(c, 2.5);
  cairo_rectangle(c, mark.x0, mark.y0, mark.x1 - mark.x0, mark.y1 - mark.y0);
  cairo_stroke(c);
  cr.reset();
  return Finish(std::move(drawing).value(), logical_w, logical_h, mark);
}

Result<Picture> ParagraphPicture(const Document& doc, int index) {
  // Up to two paragraphs before and after (table cells are not paragraphs).
  std::vector<int> shown;
  for (int i = index - 1, n = 0; i >= 0 && n < 2; --i) {
    if (doc.spans[i].table < 0) {
      shown.insert(shown.begin(), i);
      ++n;
    }
  }
  shown.push_back(index);
  for (int i = index + 1, n = 0; i < static_cast<int>(doc.spans.size()) && n < 2; ++i) {
    if (doc.spans[i].table < 0) {
      shown.push_back(i);
      ++n;
    }
  }
  constexpr double kWidth = 620;
  TextStyle style{kFont, false, 3, false};
  ContextPtr scratch = ScratchContext();
  std::vector<double> heights;
  double total = kCaptionHeight;
  for (int i : shown) {
    LayoutPtr l = MakeLayout(scratch.get(), doc.spans[i].text, style, kWidth - 2 * kPad);
    double w, h;
    LayoutSize(l.get(), &w, &h);
    heights.push_back(std::max(h, kFont + 4) + 2 * kPad);
    total += heights.back() + 2;
  }
  auto drawing = NewDrawing(kWidth, total + 2);
  if (!drawing.ok()) return drawing.status();
  ContextPtr cr(cairo_create(drawing->get()));
  cairo_t* c = cr.get();
  SetRgb(c, kCaption);
  LayoutPtr cap = MakeLayout(c, norm::LocatorWords(doc.spans[index].locator),
                             TextStyle{10, false, 1, false}, kWidth);
  ShowLayout(c, cap.get(), 2, 3);
  double y = kCaptionHeight;
  BBox mark;
  for (size_t k = 0; k < shown.size(); ++k) {
    const bool target = shown[k] == index;
    if (target) {
      mark = BBox{1, y, kWidth - 1, y + heights[k]};
      SetRgb(c, kMark);
      cairo_rectangle(c, mark.x0, mark.y0, mark.x1 - mark.x0, mark.y1 - mark.y0);
      cairo_fill(c);
    }
    SetRgb(c, target ? kInk : 0x777777);
    LayoutPtr l = MakeLayout(c, doc.spans[shown[k]].text, style, kWidth - 2 * kPad);
    ShowLayout(c, l.get(), kPad, y + kPad);
    y += heights[k] + 2;
  }
  SetRgb(c, kMarkEdge);
  cairo_set_line_width(c, 2.5);
  cairo_rectangle(c, mark.x0, mark.y0, mark.x1 - mark.x0, mark.y1 - mark.y0);
  cairo_stroke(c);
  cr.reset();
  return Finish(std::move(drawing).value(), kWidth, total + 2, mark);
}

}  // namespace

Result<Picture> StructurePicture(const Document& doc, int span_index, bool spreadsheet) {
  if (span_index < 0 || span_index >= static_cast<int>(doc.spans.size())) {
    return Status::NotFound("the place of the value in its file is not stored");
  }
  const Span& span = doc.spans[span_index];
  if (span.table >= 0 && span.table < static_cast<int>(doc.tables.size()) && span.row >= 0 &&
      span.col >= 0) {
    return TablePicture(doc, doc.tables[span.table], span, spreadsheet);
  }
  return ParagraphPicture(doc, span_index);
}

Result<Picture> PageCropPicture(const PageRaster& page, const BBox& bbox) {
  cairo_surface_t* src = page.surface.get();
  const double W = Width(src), H = Height(src);
  // The box in the page's pixels, a little larger so its frame does not
  // touch the text.
  constexpr double kGap = 5;
  const double bx0 = std::clamp(std::min(bbox.x0, bbox.x1) * page.scale_x - kGap, 0.0, W);
  const double by0 = std::clamp(std::min(bbox.y0, bbox.y1) * page.scale_y - kGap, 0.0, H);
  const double bx1 = std::clamp(std::max(bbox.x0, bbox.x1) * page.scale_x + kGap, 0.0, W);
  const double by1 = std::clamp(std::max(bbox.y0, bbox.y1) * page.scale_y + kGap, 0.0, H);
  if (bx1 - bx0 < 1 || by1 - by0 < 1) {
    return Status::InvalidInput("the value's box lies outside its page");
  }
  // Context: the line's neighbourhood, at most 900 pixels wide.
  const double margin_x = std::max(60.0, std::min(260.0, (900 - (bx1 - bx0)) / 2));
  const double margin_y = 70;
  const double cx0 = std::floor(std::max(0.0, bx0 - margin_x));
  const double cy0 = std::floor(std::max(0.0, by0 - margin_y));
  const double cx1 = std::ceil(std::min(W, bx1 + margin_x));
  const double cy1 = std::ceil(std::min(H, by1 + margin_y));
  auto surface = NewSurface(static_cast<int>(cx1 - cx0), static_cast<int>(cy1 - cy0));
  if (!surface.ok()) return surface.status();
  ContextPtr cr(cairo_create(surface->get()));
  cairo_t* c = cr.get();
  cairo_set_source_surface(c, src, -cx0, -cy0);
  cairo_paint(c);
  const BBox mark{bx0 - cx0, by0 - cy0, bx1 - cx0, by1 - cy0};
  // Multiply keeps the text under the marker dark.
  cairo_set_operator(c, CAIRO_OPERATOR_MULTIPLY);
  SetRgb(c, kMark);
  cairo_rectangle(c, mark.x0, mark.y0, mark.x1 - mark.x0, mark.y1 - mark.y0);
  cairo_fill(c);
  cairo_set_operator(c, CAIRO_OPERATOR_OVER);
  SetRgb(c, kMarkEdge);
  cairo_set_line_width(c, 2.5);
  cairo_rectangle(c, mark.x0 - 1.25, mark.y0 - 1.25, mark.x1 - mark.x0 + 2.5,
                  mark.y1 - mark.y0 + 2.5);
  cairo_stroke(c);
  cr.reset();
  cairo_surface_flush(surface->get());
  Picture p;
  p.surface = std::move(surface).value();
  p.highlight = mark;
  return p;
}

Result<SurfacePtr> Thumbnail(cairo_surface_t* page, int width) {
  const double f = static_cast<double>(width) / Width(page);
  auto surface = NewSurface(width, std::max(1, static_cast<int>(std::lround(Height(page) * f))));
  if (!surface.ok()) return surface.status();
  ContextPtr cr(cairo_create(surface->get()));
  cairo_scale(cr.get(), f, f);
  cairo_set_source_surface(cr.get(), page, 0, 0);
  cairo_pattern_set_filter(cairo_get_source(cr.get()), CAIRO_FILTER_GOOD);
  cairo_paint(cr.get());
  cr.reset();
  cairo_surface_flush(surface->get());
  return surface;
}

bool DrawnFromStructure(const SourceView& source) {
  const std::optional<ReadMethod> method = MethodFromName(source.method);
  return method == ReadMethod::kDocx || method == ReadMethod::kXlsx;
}

Status LoadSourceDocuments(DocumentStore& documents, const std::vector<SourceView>& sources,
                           DocumentMap& docs) {
  for (const SourceView& s : sources) {
    if (!DrawnFromStructure(s) || docs.count(s.document_id)) continue;
    auto doc = documents.LoadDocument(s.document_id);
    if (!doc.ok()) return doc.status();
    docs.emplace(s.document_id, std::move(doc).value());
  }
  return Status::Ok();
}

Result<Picture> SourcePictures::For(const SourceView& source, FileType type) {
  if (DrawnFromStructure(source)) {
    auto it = docs_.find(source.document_id);
    if (it == docs_.end()) return Status::NotFound("the value's document is not in the store");
    return StructurePicture(it->second, source.span_index,
                            MethodFromName(source.method) == ReadMethod::kXlsx);
  }
  if (!source.bbox) return Status::NotFound("no box of the value on its page is stored");
  auto page = pages_.Get(source.sha256, type, source.page > 0 ? source.page : 1, kCropResolution);
  if (!page.ok()) return page.status();
  return PageCropPicture(**page, *source.bbox);
}

}  // namespace dossier::reports_internal
