// Making PDFs and images inside tests: Cairo and Pango draw real text with a
// real CJK font (fonts-noto-cjk), so every test input is generated where it is
// used and what was drawn where is known exactly.
#pragma once

#include <cairo-pdf.h>
#include <cairo.h>
#include <leptonica/allheaders.h>
#include <pango/pangocairo.h>

#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include "dossier/extract/document.h"

namespace dossier::testing {

inline cairo_status_t AppendToString(void* closure, const unsigned char* data,
                                     unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// A PDF of `pages` pages of width × height points, each drawn by draw(cr, page
// from 1). Cairo's user unit is the PDF point, origin top-left.
inline std::string MakePdf(int pages, const std::function<void(cairo_t*, int)>& draw,
                           double width = 595.0, double height = 842.0) {
  std::string out;
  cairo_surface_t* surface =
      cairo_pdf_surface_create_for_stream(&AppendToString, &out, width, height);
  cairo_t* cr = cairo_create(surface);
  for (int p = 1; p <= pages; ++p) {
    cairo_save(cr);
    draw(cr, p);
    cairo_restore(cr);
    cairo_show_page(cr);
  }
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  cairo_surface_destroy(surface);
  return out;
}

// Draws `text` with its layout's top-left at (x, y), `size` user units high,
// in black; returns the ink box of the text in user units (before any
// transformation the caller set on cr).
inline BBox DrawText(cairo_t* cr, double x, double y, const std::string& text, double size,
                     const char* family = "Noto Sans CJK SC") {
  PangoLayout* layout = pango_cairo_create_layout(cr);
  PangoFontDescription* desc = pango_font_description_from_string(family);
  pango_font_description_set_absolute_size(desc, size * PANGO_SCALE);
  pango_layout_set_font_description(layout, desc);
  pango_layout_set_text(layout, text.c_str(), -1);
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, layout);
  PangoRectangle ink, logical;
  pango_layout_get_extents(layout, &ink, &logical);
  pango_font_description_free(desc);
  g_object_unref(layout);
  return {x + double(ink.x) / PANGO_SCALE, y + double(ink.y) / PANGO_SCALE,
          x + double(ink.x + ink.width) / PANGO_SCALE,
          y + double(ink.y + ink.height) / PANGO_SCALE};
}

inline void Line(cairo_t* cr, double x0, double y0, double x1, double y1, double width = 0.8) {
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_set_line_width(cr, width);
  cairo_move_to(cr, x0, y0);
  cairo_line_to(cr, x1, y1);
  cairo_stroke(cr);
}

// A ruled table: row r's cells hold cells[r][c]; column c spans widths[c].
// Returns the text boxes drawn, row-major.
inline std::vector<BBox> DrawTable(cairo_t* cr, double x, double y,
                                   const std::vector<double>& widths, double row_height,
                                   const std::vector<std::vector<std::string>>& cells, double size,
                                   double line_width = 0.8) {
  std::vector<BBox> boxes;
  double total = 0;
  for (double w : widths) total += w;
  for (size_t r = 0; r <= cells.size(); ++r)
    Line(cr, x, y + r * row_height, x + total, y + r * row_height, line_width);
  double cx = x;
  for (size_t c = 0; c <= widths.size(); ++c) {
    Line(cr, cx, y, cx, y + cells.size() * row_height, line_width);
    if (c < widths.size()) cx += widths[c];
  }
  for (size_t r = 0; r < cells.size(); ++r) {
    cx = x;
    for (size_t c = 0; c < cells[r].size() && c < widths.size(); ++c) {
      if (!cells[r][c].empty())
        boxes.push_back(DrawText(cr, cx + size * 0.4,
                                 y + r * row_height + (row_height - size * 1.4) / 2, cells[r][c],
                                 size));
      cx += widths[c];
    }
  }
  return boxes;
}

// A white width × height RGB image drawn by draw(cr).
inline cairo_surface_t* MakeImage(int width, int height,
                                  const std::function<void(cairo_t*)>& draw) {
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  draw(cr);
  cairo_destroy(cr);
  cairo_surface_flush(surface);
  return surface;
}

inline std::string PngBytes(cairo_surface_t* surface) {
  std::string out;
  cairo_surface_write_to_png_stream(surface, &AppendToString, &out);
  return out;
}

// The surface as a Leptonica 32 bpp image, to write JPEG and TIFF with.
inline Pix* ToPix(cairo_surface_t* surface) {
  const int w = cairo_image_surface_get_width(surface), h = cairo_image_surface_get_height(surface);
  const int stride = cairo_image_surface_get_stride(surface);
  const unsigned char* data = cairo_image_surface_get_data(surface);
  Pix* pix = pixCreate(w, h, 32);
  for (int y = 0; y < h; ++y) {
    const uint32_t* src = reinterpret_cast<const uint32_t*>(data + y * stride);
    for (int x = 0; x < w; ++x) {
      uint32_t v = src[x];
      pixSetRGBPixel(pix, x, y, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff);
    }
  }
  return pix;
}

inline std::string JpegBytes(Pix* pix, int quality = 90) {
  l_uint8* data = nullptr;
  size_t size = 0;
  pixWriteMemJpeg(&data, &size, pix, quality, 0);
  std::string out(reinterpret_cast<const char*>(data), size);
  lept_free(data);
  return out;
}

// An image-only PDF page: the image drawn to cover the page, as a scanner
// makes them.
inline std::string ImagePdf(cairo_surface_t* image, double width_pt, double height_pt) {
  return MakePdf(
      1,
      [&](cairo_t* cr, int) {
        cairo_scale(cr, width_pt / cairo_image_surface_get_width(image),
                    height_pt / cairo_image_surface_get_height(image));
        cairo_set_source_surface(cr, image, 0, 0);
        cairo_paint(cr);
      },
      width_pt, height_pt);
}

// The centre of a box.
inline double Cx(const BBox& b) { return (b.x0 + b.x1) / 2; }
inline double Cy(const BBox& b) { return (b.y0 + b.y1) / 2; }

}  // namespace dossier::testing
