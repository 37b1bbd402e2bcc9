// UTF-8 text helpers shared by every stage. All functions take and return
// UTF-8; invalid sequences are replaced by U+FFFD rather than failing, since
// damaged text is data, not an error.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dossier::text {

// Decodes UTF-8 into code points (invalid bytes become U+FFFD).
std::u32string ToU32(std::string_view utf8);
// Decodes the code point at utf8[*i] and moves *i past it; an invalid byte
// is U+FFFD and *i moves by one. *i must be < utf8.size().
char32_t DecodeUtf8(std::string_view utf8, size_t* i);
// Encodes code points as UTF-8.
std::string ToUtf8(std::u32string_view cps);
void AppendUtf8(std::string& out, char32_t cp);

// True for ASCII white space, NBSP, U+3000 ideographic space, the U+2000 block
// spaces, zero-width space/joiners and BOM.
bool IsSpace(char32_t cp);

// A Han ideograph (CJK Unified Ideographs, Extension A, B and on,
// compatibility ideographs).
bool IsHan(char32_t cp);
// Whether any character of the UTF-8 text is IsHan.
bool HasHan(std::string_view utf8);
// Characters between which a space is only a layout artefact: ideographs,
// CJK radicals and punctuation, full-width forms.
bool IsCjkLike(char32_t cp);

// Removes leading and trailing IsSpace() characters.
std::string Trim(std::string_view s);
// Removes every IsSpace() character.
std::string RemoveSpaces(std::string_view s);
// Maps full-width ASCII variants (U+FF01..U+FF5E, which include （）：，；)
// to ASCII and U+3000 to a space. CJK punctuation outside that block
// (、。【】《》) is left alone.
std::string FullWidthToAscii(std::string_view s);
// The same for one code point.
char32_t FullWidthToAscii(char32_t cp);
// ASCII lower-casing; non-ASCII bytes unchanged.
std::string AsciiLower(std::string_view s);
std::string AsciiUpper(std::string_view s);
// File-name suffix tests: ".DOCX" ends with ".docx".
bool EndsWithIgnoringAsciiCase(std::string_view s, std::string_view suffix);

// Levenshtein distance in code points: how many characters OCR got wrong.
size_t EditDistance(std::u32string_view a, std::u32string_view b);

// "1 file", "3 files": a count with the word in agreement, for the CLI's
// English messages.
std::string CountOf(size_t n, std::string_view one, std::string_view many);

// Splits on a single code point separator.
std::vector<std::string> Split(std::string_view s, char32_t sep);

// Characters that change how the text around them is shown without being
// seen themselves: C0 and C1 controls, DEL, and the bidirectional marks,
// embeddings, overrides and isolates (U+061C, U+200E/F, U+202A–202E,
// U+2066–2069), with which "gpj.exe" can be made to display as "exe.jpg".
bool IsDeceptiveControl(char32_t cp);

// Text for a person to read (HTML, PDF, spreadsheets): every
// IsDeceptiveControl character is shown as "[U+202E]" instead of acting.
// Line breaks and tabs stay when `keep_line_breaks` (a value's own layout);
// file names pass false. Invalid UTF-8 becomes U+FFFD. The raw text is kept
// elsewhere (store, export) for auditors.
std::string ShowControls(std::string_view s, bool keep_line_breaks = false);

// Text for a terminal or a log line: C0 controls and DEL as \n, \r, \t or
// \xNN, a backslash as \\, C1 controls and bidirectional controls as
// \u{202e}, so that no escape sequence reaches the terminal and no line can be
// split or forged. Other UTF-8 stays readable; invalid bytes become \xNN.
// With keep_line_breaks, \n and \t pass as themselves (text of many lines).
std::string EscapeForTerminal(std::string_view s, bool keep_line_breaks = false);

}  // namespace dossier::text
