// How labels are written around values in free text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dossier::norm {

// The colon between a label and its value, half- or full-width.
inline bool IsColon(char32_t c) { return c == U':' || c == U'：'; }

// A label as written, without enumerators ("1．", "一、", "（二）", "①") in
// front or required-field marks (*, ※) around it.
std::string CleanLabel(std::string_view text);

// LabelKey(CleanLabel(text)) of a text with no text::IsSpace() characters,
// given as code points with its full-width ASCII already folded
// (text::FullWidthToAscii; CleanLabel takes both forms alike): the same key
// without the UTF-8 round trips, for ReadLabelsWithoutColon, which keys every
// prefix of every piece of text.
std::string SpacelessLabelKey(std::u32string_view folded);

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
  // The piece before the label's own, when it has no colon and is no
  // other label's value: OCR may set a gap inside a label ("年 度继续  教育
  // 经费(万元)：227"), so the label may begin there.
  std::string words_before;
  // The piece after the value's, when it has no colon and is no year's:
  // OCR may set a gap inside a value too ("济南 新  材料职业学院").
  std::string words_after;
};

// The "label：value" pieces of a text. Pieces are separated by line breaks,
// tabs, semicolons, wide gaps (two or more spaces) and by commas that start a
// new "label：" piece; "2021年2300人" is a piece labelled with its year. A
// label whose colon ends its piece takes the next piece, if it has no colon.
std::vector<LabelledSegment> SplitLabelledSegments(std::string_view text);

}  // namespace dossier::norm
