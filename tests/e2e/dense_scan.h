// Scanned pictures for the end-to-end tests: one slow to read, for tests of
// the reader's limits, and small scans and scanned PDFs made of them.
#pragma once

#include <cairo/cairo-pdf.h>
#include <cairo/cairo.h>

#include <cstring>
#include <string>
#include <utility>
#include <vector>

namespace dossier::testing {

// A Cairo write function appending to the std::string `out`.
inline cairo_status_t AppendTo(void* out, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(out)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// The image `surface` as PNG bytes; the surface is destroyed.
inline std::string PngOf(cairo_surface_t* surface) {
  std::string png;
  cairo_surface_write_to_png_stream(surface, AppendTo, &png);
  cairo_surface_destroy(surface);
  return png;
}

// A white image of width × height pixels with `lines` of black sans text,
// font_size pixels high, from (x, first_y) down, `step` pixels apart, as PNG.
inline std::string LinesPng(int width, int height, double font_size, double x, double first_y,
                            double step, const std::vector<std::string>& lines) {
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_select_font_face(cr, "sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, font_size);
  double y = first_y;
  for (const std::string& line : lines) {
    cairo_move_to(cr, x, y);
    cairo_show_text(cr, line.c_str());
    y += step;
  }
  cairo_destroy(cr);
  return PngOf(surface);
}

// A scanned A4 page at 300 dpi packed with text: OCR takes seconds (tens
// of them on a busy machine). Each `variant` draws other numbers: other
// bytes, another file. `max_lines` draws only the first lines: a shorter read.
inline std::string DenseScanPng(int variant = 0, int max_lines = 1000) {
  std::vector<std::string> lines;
  for (int line = 0; 60 + 38 * line < 3450 && line < max_lines; ++line) {
    std::string text;
    for (int w = 0; w < 12; ++w)
      text += std::to_string((line * 7919 + w * 104729 + variant * 15485863) % 999983) + " ";
    lines.push_back(std::move(text));
  }
  return LinesPng(2480, 3508, 30, 40, 60, 38, lines);
}

// A small scanned page, quick to read: a few lines of text at 100 dpi (an
// A4 page of 827 × 1169 pixels). Each `page` draws other words.
inline std::string SmallScanPng(int page) {
  return LinesPng(827, 1169, 28, 90, 120, 60,
                  {"Page " + std::to_string(page) + " of the scan",
                   "Reference " + std::to_string(40213 + 977 * page),
                   "Signed on 2024-06-" + std::to_string(10 + page)});
}

// A PDF as a scanner makes it: each PNG drawn over a whole A4 page (595 ×
// 842 points), no text layer, so that every page is OCR'd.
inline std::string ScanPdf(const std::vector<std::string>& pngs) {
  std::string pdf;
  cairo_surface_t* doc = cairo_pdf_surface_create_for_stream(AppendTo, &pdf, 595, 842);
  cairo_t* cr = cairo_create(doc);
  for (const std::string& png : pngs) {
    struct Source {
      const std::string* bytes;
      size_t at = 0;
    } source{&png};
    cairo_surface_t* image = cairo_image_surface_create_from_png_stream(
        [](void* closure, unsigned char* data, unsigned int length) {
          auto* src = static_cast<Source*>(closure);
          if (src->at + length > src->bytes->size()) return CAIRO_STATUS_READ_ERROR;
          std::memcpy(data, src->bytes->data() + src->at, length);
          src->at += length;
          return CAIRO_STATUS_SUCCESS;
        },
        &source);
    cairo_save(cr);
    cairo_scale(cr, 595.0 / cairo_image_surface_get_width(image),
                842.0 / cairo_image_surface_get_height(image));
    cairo_set_source_surface(cr, image, 0, 0);
    cairo_paint(cr);
    cairo_restore(cr);
    cairo_surface_destroy(image);
    cairo_show_page(cr);
  }
  cairo_destroy(cr);
  cairo_surface_finish(doc);
  cairo_surface_destroy(doc);
  return pdf;
}

}  // namespace dossier::testing
