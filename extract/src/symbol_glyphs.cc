#include "symbol_glyphs.h"

#include <string>

#include "dossier/common/text.h"

namespace dossier::extract_internal {
namespace {

struct SymbolGlyph {
  SymbolFont font;
  unsigned char code;
  char32_t glyph;
};

constexpr SymbolGlyph kSymbolGlyphs[] = {
    {SymbolFont::kWingdings, 0xFE, U'\u2611'},   // ☑
    {SymbolFont::kWingdings, 0xFD, U'\u2612'},   // ☒
    {SymbolFont::kWingdings, 0x78, U'\u2612'},   // ☒
    {SymbolFont::kWingdings, 0xFC, U'\u2714'},   // ✔
    {SymbolFont::kWingdings, 0xFB, U'\u2717'},   // ✗
    {SymbolFont::kWingdings, 0xA8, U'\u25A1'},   // □
    {SymbolFont::kWingdings, 0x6F, U'\u25A1'},   // □
    {SymbolFont::kWingdings, 0x6E, U'\u25A0'},   // ■
    {SymbolFont::kWingdings2, 0x52, U'\u2611'},  // ☑
    {SymbolFont::kWingdings2, 0x53, U'\u2612'},  // ☒
    {SymbolFont::kWingdings2, 0x54, U'\u2612'},  // ☒
    {SymbolFont::kWingdings2, 0x50, U'\u2713'},  // ✓
    {SymbolFont::kWingdings2, 0x51, U'\u2717'},  // ✗
    {SymbolFont::kWingdings2, 0xA3, U'\u25A1'},  // □
};

bool Contains(const std::string& s, std::string_view part) {
  return s.find(part) != std::string::npos;
}

}  // namespace

SymbolFont SymbolFontFromFamily(std::string_view family) {
  std::string f = text::AsciiLower(text::Trim(family));
  if (f == "wingdings 2") return SymbolFont::kWingdings2;
  if (f == "wingdings") return SymbolFont::kWingdings;
  if (f == "wingdings 3" || f == "webdings" || f == "symbol") return SymbolFont::kOther;
  return SymbolFont::kNone;
}

SymbolFont SymbolFontFromPdfName(std::string_view name) {
  std::string n = text::AsciiLower(name);
  if (Contains(n, "wingdings2") || Contains(n, "wingdings-2") || Contains(n, "wingdings 2"))
    return SymbolFont::kWingdings2;
  if (Contains(n, "wingding")) return SymbolFont::kWingdings;
  if (Contains(n, "symbol") || Contains(n, "webding") || Contains(n, "dingbat"))
    return SymbolFont::kOther;
  return SymbolFont::kNone;
}

std::optional<char32_t> MapSymbolGlyph(SymbolFont font, char32_t code) {
  if (IsSymbolPrivateUse(code)) code -= 0xF000;
  for (const SymbolGlyph& g : kSymbolGlyphs)
    if (g.font == font && g.code == code) return g.glyph;
  return std::nullopt;
}

}  // namespace dossier::extract_internal
