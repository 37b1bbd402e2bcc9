#include "text_layout.h"

#include <glib.h>

#include "dossier/common/text.h"

namespace dossier::reports_internal {

namespace {

std::string ValidUtf8(std::string_view text) {
  if (g_utf8_validate(text.data(), static_cast<gssize>(text.size()), nullptr)) {
    return std::string(text);
  }
  gchar* fixed = g_utf8_make_valid(text.data(), static_cast<gssize>(text.size()));
  std::string out(fixed);
  g_free(fixed);
  return out;
}

// Hinting would make metrics depend on the surface (a picture measures text
// differently from a PDF), and the PDF's two passes must agree.
void PlainFontOptions(cairo_t* cr, PangoLayout* layout) {
  (void)cr;
  PangoContext* ctx = pango_layout_get_context(layout);
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options(ctx, options);
  cairo_font_options_destroy(options);
  pango_layout_context_changed(layout);
}

}  // namespace

LayoutPtr MakeLayout(cairo_t* cr, std::string_view text, const TextStyle& style, double width) {
  LayoutPtr layout(pango_cairo_create_layout(cr));
  PlainFontOptions(cr, layout.get());
  PangoFontDescription* fd = pango_font_description_new();
  pango_font_description_set_family(fd, style.monospace ? "Noto Sans Mono CJK SC" : kSansFamily);
  pango_font_description_set_absolute_size(fd, style.size * PANGO_SCALE);
  pango_font_description_set_weight(fd, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description(layout.get(), fd);
  pango_font_description_free(fd);
  if (width > 0) {
    pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  }
  if (style.max_lines > 0 && width > 0) {
    pango_layout_set_height(layout.get(), -style.max_lines);
    pango_layout_set_ellipsize(layout.get(), PANGO_ELLIPSIZE_END);
  }
  // Bidirectional overrides and control characters are shown, not obeyed:
  // a reviewer must see a name as it is, not as it was made to look.
  const std::string valid = text::ShowControls(ValidUtf8(text), /*keep_line_breaks=*/true);
  pango_layout_set_text(layout.get(), valid.data(), static_cast<int>(valid.size()));
  return layout;
}

void LayoutSize(PangoLayout* layout, double* width, double* height) {
  int w = 0, h = 0;
  pango_layout_get_size(layout, &w, &h);
  *width = static_cast<double>(w) / PANGO_SCALE;
  *height = static_cast<double>(h) / PANGO_SCALE;
}

void ShowLayout(cairo_t* cr, PangoLayout* layout, double x, double y) {
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, layout);
}

ContextPtr ScratchContext() {
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
  ContextPtr cr(cairo_create(surface));
  cairo_surface_destroy(surface);  // the context holds its own reference
  return cr;
}

}  // namespace dossier::reports_internal
