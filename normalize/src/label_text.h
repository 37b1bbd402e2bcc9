// How labels are written around values in free text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dossier::norm {

// The colon between a label and its value, half- or full-width.
inline bool IsColon(char32_t c) { return c == U':' || c == U'：'; }

// A speck OCR reads as a quote mark or a rule, before or between the
// characters of a photographed or scanned line: noise, not text.
inline bool IsQuoteSpeck(char32_t c) {
  return std::u32string_view(U"“”\"'|‖").find(c) != std::u32string_view::npos;
}

// The brackets of a label's trailing unit or note, once full-width ASCII is
// folded. OCR reads a bracket as whichever it resembles: "申报单位〈盖章)".
inline bool IsOpenBracket(char32_t cp) {
  return cp == '(' || cp == U'【' || cp == U'〔' || cp == '[' || cp == U'〈' || cp == U'《';
}
inline bool IsCloseBracket(char32_t cp) {
  return cp == ')' || cp == U'】' || cp == U'〕' || cp == ']' || cp == U'〉' || cp == U'》';
}

// A label as written, without enumerators ("1．", "一、", "（二）", "①") in
// front or required-field marks (*, ※) around it.
std::string CleanLabel(std::string_view text);

// "一、申报单位基本信息", "（三）教学条件": a section's heading, numbered as
// forms number their parts (with Chinese numerals), whose words are no
// label's value. OCR's spaces inside the number are allowed. Unnumbered,
// the title of the unit's basic facts (申报单位基本信息) is one too.
bool IsSectionHeading(std::u32string_view text);

// LabelKey(CleanLabel(prefix)) of every prefix of a text with no
// text::IsSpace() characters, one code point more at a time, for
// ReadLabelsWithoutColon, which keys every prefix of every piece of a form's
// text. Without the UTF-8 round trips of those two: a key is mostly the
// lower-cased UTF-8 of the prefix itself, so that is kept as it grows and the
// key handed out as a view of it; only a prefix ending in a colon or a
// closing bracket is keyed in full. Not thread-safe; one per reader.
class PrefixLabelKeys {
 public:
  // Starts a new text.
  void Clear();
  // Adds the text's next code point, which is no text::IsSpace() character
  // and has its full-width ASCII folded (text::FullWidthToAscii; CleanLabel
  // takes both forms alike), and returns the key of the text so far. The
  // view is valid until the next call.
  std::string_view Append(char32_t c);

 private:
  std::u32string text_;
  std::string lower_utf8_;            // text_ in UTF-8, ASCII lower-cased
  std::vector<size_t> utf8_offsets_;  // where each code point of text_ begins in lower_utf8_
  std::string key_;                   // the key made in full
};

// The end of LabelKey (spec.cc): of a label with its spaces removed and
// full-width ASCII folded.
std::string FoldedLabelKey(std::u32string_view label);

// A label as OCR may read it from a ruled cell: without the marks a cell's
// border or a speck leaves at either end ("|  单位名称", "」“法定代表人").
// Letters, digits, CJK characters and brackets are kept.
std::string StripOcrEdgeNoise(std::string_view text);

struct LabelledSegment {
  std::string label;  // cleaned
  std::string value;  // trimmed
  // The value is the piece after a wide gap, the label's own piece ending
  // at its colon: it may be the next label instead.
  bool value_after_gap = false;
  // The pieces before the label's own, back to one with a colon or taken
  // as another label's value, in their order: OCR may set gaps inside a
  // label ("年 度继续  教育经费(万元)：227", "固定  教室 数量 ( 间 )  : 26"),
  // so the label may begin in any of them.
  std::vector<std::string> words_before;
  // The piece after the value's, when it has no colon and is no year's:
  // OCR may set a gap inside a value too ("济南 新  材料职业学院").
  std::string words_after;
  // Every piece after the value's up to the next with a colon or a year,
  // joined by wide gaps: a row of boxes set apart ("口 高等院校  ”回 科研院所
  // 口 其他") is one value.
  std::string pieces_after;
};

// The "label：value" pieces of a text. Pieces are separated by line breaks,
// tabs, semicolons, wide gaps (two or more spaces) and by commas that start a
// new "label：" piece; "2021年2300人" is a piece labelled with its year. A
// label whose colon ends its piece takes the next piece, if it has no colon.
std::vector<LabelledSegment> SplitLabelledSegments(std::string_view text);

}  // namespace dossier::norm
