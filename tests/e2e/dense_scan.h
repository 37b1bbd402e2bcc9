// A picture that is slow to read, for tests of the reader's limits.
#pragma once

#include <cairo/cairo.h>

#include <string>

namespace dossier::testing {

// A scanned A4 page at 300 dpi packed with text: OCR takes seconds (tens
// of them on a busy machine). Each `variant` draws other numbers: other
// bytes, another file. `max_lines` draws only the first lines: a shorter read.
inline std::string DenseScanPng(int variant = 0, int max_lines = 1000) {
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 2480, 3508);
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_select_font_face(cr, "sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, 30);
  for (int y = 60, line = 0; y < 3450 && line < max_lines; y += 38, ++line) {
    std::string text;
    for (int w = 0; w < 12; ++w)
      text += std::to_string((line * 7919 + w * 104729 + variant * 15485863) % 999983) + " ";
    cairo_move_to(cr, 40, y);
    cairo_show_text(cr, text.c_str());
  }
  cairo_destroy(cr);
  std::string png;
  cairo_surface_write_to_png_stream(
      surface,
      [](void* out, const unsigned char* data, unsigned int length) {
        static_cast<std::string*>(out)->append(reinterpret_cast<const char*>(data), length);
        return CAIRO_STATUS_SUCCESS;
      },
      &png);
  cairo_surface_destroy(surface);
  return png;
}

}  // namespace dossier::testing
