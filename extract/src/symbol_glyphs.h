// The symbol fonts (Wingdings, Wingdings 2, …) that forms use to draw check
// boxes, ticks and crosses, and what their glyphs mean as Unicode. One table
// for every reader: a DOCX names the font of a run or w:sym, a PDF the font
// of each glyph, and both must read a ✗ as a cross.
#pragma once

#include <optional>
#include <string_view>

namespace dossier::extract_internal {

enum class SymbolFont { kNone, kWingdings, kWingdings2, kOther };

// A font family as a DOCX names it (w:rFonts, w:sym/@w:font): "Wingdings 2",
// "Wingdings", "Symbol", …, compared without case. kNone for any other font.
SymbolFont SymbolFontFromFamily(std::string_view family);

// A font as a PDF names it: a PostScript name, often with a subset prefix
// ("ABCDEF+Wingdings-Regular", "Wingdings2", "ZapfDingbats"). kNone for a
// font that is not a symbol font.
SymbolFont SymbolFontFromPdfName(std::string_view name);

// The Unicode character that glyph `code` of `font` draws, for the boxes,
// ticks and crosses of check boxes; nullopt for every other glyph, which has
// no reliable meaning as text. `code` is the font's byte (0x00-0xFF) or the
// private-use code point Word and PDF text layers give it (U+F000 + byte).
std::optional<char32_t> MapSymbolGlyph(SymbolFont font, char32_t code);

// Whether `cp` is a private-use code point (U+F000-U+F0FF) that only a symbol
// font gives meaning to.
inline bool IsSymbolPrivateUse(char32_t cp) { return cp >= 0xF000 && cp <= 0xF0FF; }

}  // namespace dossier::extract_internal
