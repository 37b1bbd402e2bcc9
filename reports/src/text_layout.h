// Pango text on Cairo: one place that knows the fonts (Noto CJK, from
// fonts-noto-cjk) and how text is wrapped and measured.
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include <memory>
#include <string>
#include <string_view>

namespace dossier::reports_internal {

inline constexpr const char* kSansFamily = "Noto Sans CJK SC";

struct LayoutDeleter {
  void operator()(PangoLayout* l) const { g_object_unref(l); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, LayoutDeleter>;

struct TextStyle {
  double size = 10;  // in the context's user units (points in a PDF, pixels in a picture)
  bool bold = false;
  int max_lines = 0;  // 0: no limit; otherwise ellipsized after that many lines
  bool monospace = false;
};

// A layout of `text` for `cr`, wrapped at `width` (<= 0: no wrapping).
// Invalid UTF-8 is shown with U+FFFD rather than refused.
LayoutPtr MakeLayout(cairo_t* cr, std::string_view text, const TextStyle& style, double width);

// Size of a laid-out text in user units.
void LayoutSize(PangoLayout* layout, double* width, double* height);

// Draws the layout with its top-left at (x, y) in the current source colour.
void ShowLayout(cairo_t* cr, PangoLayout* layout, double x, double y);

struct ContextDeleter {
  void operator()(cairo_t* cr) const { cairo_destroy(cr); }
};
using ContextPtr = std::unique_ptr<cairo_t, ContextDeleter>;

// A context on a 1×1 image for measuring text before a surface's size is known.
ContextPtr ScratchContext();

}  // namespace dossier::reports_internal
