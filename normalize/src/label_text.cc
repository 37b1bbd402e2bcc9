#include "label_text.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "dossier/common/text.h"

namespace dossier::norm {
namespace {

bool IsDigit(char32_t c) { return (c >= U'0' && c <= U'9') || (c >= U'０' && c <= U'９'); }
bool IsCjkNumeral(char32_t c) {
  return std::u32string_view(U"一二三四五六七八九十").find(c) != std::u32string_view::npos;
}
bool IsCircledNumber(char32_t c) { return c >= U'①' && c <= U'⑳'; }

// Length of a leading enumerator such as "1.", "12、", "一、", "（三）", "(2)".
size_t EnumeratorLength(std::u32string_view s) {
  size_t i = 0;
  if (i < s.size() && IsCircledNumber(s[i])) return 1;
  bool open = i < s.size() && (s[i] == U'(' || s[i] == U'（');
  if (open) ++i;
  size_t start = i;
  while (i < s.size() && (IsDigit(s[i]) || IsCjkNumeral(s[i]))) ++i;
  if (i == start || i - start > 3) return 0;
  if (open) {
    if (i < s.size() && (s[i] == U')' || s[i] == U'）')) return i + 1;
    return 0;
  }
  if (i < s.size() && (s[i] == U'.' || s[i] == U'．' || s[i] == U'、')) {
    // "2024.6" is a date, not an enumerator.
    if (s[i] != U'、' && i + 1 < s.size() && IsDigit(s[i + 1])) return 0;
    return i + 1;
  }
  return 0;
}

bool IsMark(char32_t c) { return c == U'*' || c == U'＊' || c == U'※'; }

// "2021年…", "2021年度…": the length of the year label, or 0.
size_t YearLabelLength(const std::u32string& s) {
  size_t i = 0;
  while (i < s.size() && text::IsSpace(s[i])) ++i;
  size_t start = i;
  while (i < s.size() && IsDigit(s[i])) ++i;
  if (i - start != 4 || i >= s.size() || s[i] != U'年') return 0;
  ++i;
  if (i < s.size() && s[i] == U'度') ++i;
  return i;
}

bool StartsNewPiece(const std::u32string& piece) {
  if (YearLabelLength(piece) > 0) return true;
  for (char32_t c : piece) {
    if (IsColon(c)) return true;
  }
  return false;
}

std::vector<std::u32string> SplitPieces(const std::u32string& s) {
  std::vector<std::u32string> strong(1);
  for (size_t i = 0; i < s.size(); ++i) {
    char32_t c = s[i];
    bool wide_gap = text::IsSpace(c) && i + 1 < s.size() && text::IsSpace(s[i + 1]);
    if (c == U'\n' || c == U'\r' || c == U'\t' || wide_gap) {
      if (!strong.back().empty()) strong.emplace_back();
      continue;
    }
    strong.back().push_back(c);
  }
  // "年度继续教育经费(万元)  ;1320000元", "申报日期 ;  二〇二四年": OCR reads a
  // colon set off by a gap as a semicolon, at the start of the value's piece
  // or at the end of the label's.
  auto is_semicolon = [](char32_t c) { return c == U';' || c == U'；'; };
  for (size_t k = 1; k < strong.size(); ++k) {
    std::u32string& before = strong[k - 1];
    const std::u32string& piece = strong[k];
    if (before.empty() || std::any_of(before.begin(), before.end(), IsColon)) continue;
    size_t at = 0;
    while (at < piece.size() && text::IsSpace(piece[at])) ++at;
    size_t end = before.size();
    while (end > 0 && text::IsSpace(before[end - 1])) --end;
    if (at + 1 < piece.size() && is_semicolon(piece[at])) {
      ++at;
    } else if (end > 1 && is_semicolon(before[end - 1]) && at < piece.size()) {
      before.resize(end - 1);
    } else {
      continue;
    }
    before += U'：';
    before += piece.substr(at);
    strong.erase(strong.begin() + static_cast<std::ptrdiff_t>(k--));
  }
  // "培训领域 ;: 现代海洋", "网址::; https://…": a speck beside a colon read
  // as a semicolon. After the colon only before a web or mail address: a
  // semicolon there may end an empty value ("2021年：；2022年：4500人").
  for (std::u32string& piece : strong) {
    for (size_t i = 0; i + 1 < piece.size(); ++i) {
      size_t next = i + 1;
      while (next < piece.size() && text::IsSpace(piece[next])) ++next;
      size_t after = next + 1;
      while (after < piece.size() && text::IsSpace(piece[after])) ++after;
      const bool latin_after =
          after < piece.size() && ((piece[after] >= U'a' && piece[after] <= U'z') ||
                                   (piece[after] >= U'A' && piece[after] <= U'Z'));
      if (is_semicolon(piece[i]) && next < piece.size() && IsColon(piece[next]))
        piece.erase(i--, 1);
      else if (IsColon(piece[i]) && next < piece.size() && is_semicolon(piece[next]) && latin_after)
        piece.erase(next, 1);
    }
  }
  std::vector<std::u32string> pieces;
  for (const std::u32string& piece : strong) {
    if (piece.empty()) continue;
    std::vector<std::u32string> parts(1);
    for (char32_t c : piece) {
      if (c == U'，' || c == U',' || c == U'、' || c == U'；' || c == U';') {
        parts.emplace_back();
        parts.back().push_back(c);  // kept in case the part is merged back
      } else {
        parts.back().push_back(c);
      }
    }
    pieces.push_back(parts[0]);
    for (size_t k = 1; k < parts.size(); ++k) {
      std::u32string body = parts[k].substr(1);
      if (StartsNewPiece(body))
        pieces.push_back(body);
      else
        pieces.back() += parts[k];
    }
  }
  return pieces;
}

bool IsLabelChar(char32_t c) {
  return (c >= U'0' && c <= U'9') || (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z') ||
         (c >= 0x4E00 && c <= 0x9FFF) || c == U'(' || c == U')' || c == U'（' || c == U'）';
}

}  // namespace

std::string StripOcrEdgeNoise(std::string_view raw) {
  std::u32string s = text::ToU32(raw);
  size_t b = 0, e = s.size();
  while (b < e && !IsLabelChar(s[b])) ++b;
  while (e > b && !IsLabelChar(s[e - 1])) --e;
  std::u32string label = s.substr(b, e - b);
  // A bracket left open at the end, or closing nothing, is the rest of a
  // unit "(人)" whose characters OCR read out of order (人 )\n().
  auto is_open = [](char32_t c) {
    return std::u32string_view(U"(（[【〔〈《").find(c) != std::u32string_view::npos;
  };
  auto is_close = [](char32_t c) {
    return std::u32string_view(U")）]】〕〉》").find(c) != std::u32string_view::npos;
  };
  // A unit whose closing bracket OCR lost: 专业图书资料 ( 册.
  for (std::u32string_view unit :
       {U"平方米", U"万元", U"人次", U"间", U"人", U"册", U"个", U"项", U"元"}) {
    if (label.size() <= unit.size() + 2 ||
        label.compare(label.size() - unit.size(), unit.size(), unit) != 0)
      continue;
    size_t open = label.size() - unit.size();
    while (open > 0 && text::IsSpace(label[open - 1])) --open;
    if (open > 1 && is_open(label[open - 1])) label.resize(open);
    break;
  }
  bool closed_nothing = false;
  for (bool again = true; again && !label.empty();) {
    again = false;
    if (is_open(label.back()) || text::IsSpace(label.back())) {
      label.pop_back();
      again = true;
    } else if (is_close(label.back()) && std::none_of(label.begin(), label.end(), is_open)) {
      label.pop_back();
      again = closed_nothing = true;
    }
  }
  // What is left of the unit is the unit "(间)" whose opening bracket OCR
  // read as a character ("固定教室数量人间 )"): the unit goes, and the
  // character, one off, is for the near match of labels to forgive.
  if (closed_nothing) {
    for (std::u32string_view unit :
         {U"平方米", U"万元", U"人次", U"间", U"人", U"册", U"个", U"项"}) {
      if (label.size() > unit.size() + 4 &&
          label.compare(label.size() - unit.size(), unit.size(), unit) == 0) {
        label.resize(label.size() - unit.size());
        break;
      }
    }
  }
  // A speck read as a comma or a semicolon between two characters of a
  // label (培;训场地面积).
  for (size_t i = 1; i + 1 < label.size(); ++i)
    if (std::u32string_view(U",，、;；").find(label[i]) != std::u32string_view::npos &&
        text::IsHan(label[i - 1]) && text::IsHan(label[i + 1]))
      label.erase(i--, 1);
  return text::ToUtf8(label);
}

bool IsSectionHeading(std::u32string_view text) {
  std::u32string solid;
  for (char32_t c : text)
    if (!text::IsSpace(c)) solid.push_back(c);
  // A section's title without its numeral (申报单位基本信息 over the form's
  // first rows): no label's value is the words 基本信息 or 基本情况.
  if (solid.ends_with(U"基本信息") || solid.ends_with(U"基本情况")) return true;
  const size_t n = EnumeratorLength(std::u32string_view(solid).substr(0, 5));
  return n > 0 &&
         std::any_of(solid.begin(), solid.begin() + static_cast<std::ptrdiff_t>(n), IsCjkNumeral);
}

std::string CleanLabel(std::string_view raw) {
  std::u32string s = text::ToU32(text::Trim(raw));
  while (!s.empty() && IsMark(s.front())) s.erase(s.begin());
  while (!s.empty() && (IsMark(s.back()) || text::IsSpace(s.back()))) s.pop_back();
  size_t n = EnumeratorLength(s);
  if (n > 0) s.erase(0, n);
  return text::Trim(text::ToUtf8(s));
}

void PrefixLabelKeys::Clear() {
  text_.clear();
  lower_utf8_.clear();
  utf8_offsets_.clear();
}

std::string_view PrefixLabelKeys::Append(char32_t c) {
  text_.push_back(c);
  utf8_offsets_.push_back(lower_utf8_.size());
  // FoldedLabelKey lower-cases ASCII only, which is the same before or after encoding.
  text::AppendUtf8(lower_utf8_, c >= U'A' && c <= U'Z' ? c - U'A' + U'a' : c);
  // CleanLabel's steps, as positions in the text so far; with no spaces,
  // its trims do nothing.
  const std::u32string_view all(text_);
  size_t b = 0, e = all.size();
  while (b < e && IsMark(all[b])) ++b;
  while (e > b && IsMark(all[e - 1])) --e;
  b += EnumeratorLength(all.substr(b, e - b));
  if (b == e) return {};
  // FoldedLabelKey takes something off only the end of a key that ends in a
  // colon or a closing bracket; any other key is the text between b and e.
  if (IsColon(all[e - 1]) || IsCloseBracket(all[e - 1])) {
    key_ = FoldedLabelKey(all.substr(b, e - b));
    return key_;
  }
  const size_t end = e < utf8_offsets_.size() ? utf8_offsets_[e] : lower_utf8_.size();
  return std::string_view(lower_utf8_).substr(utf8_offsets_[b], end - utf8_offsets_[b]);
}

std::vector<LabelledSegment> SplitLabelledSegments(std::string_view text) {
  std::vector<LabelledSegment> out;
  const std::vector<std::u32string> pieces = SplitPieces(text::ToU32(text));
  size_t consumed = std::u32string::npos;  // the piece last taken as a value
  for (size_t p = 0; p < pieces.size(); ++p) {
    const std::u32string& piece = pieces[p];
    size_t colon = std::u32string::npos;
    for (size_t i = 0; i < piece.size(); ++i) {
      if (IsColon(piece[i])) {
        colon = i;
        break;
      }
    }
    if (colon != std::u32string::npos) {
      std::u32string_view view(piece);
      // "培训项目数::  123个": OCR doubles a colon now and then.
      size_t value_at = colon + 1;
      while (value_at < piece.size() &&
             (IsColon(piece[value_at]) || text::IsSpace(piece[value_at])))
        ++value_at;
      out.push_back({CleanLabel(text::ToUtf8(view.substr(0, colon))),
                     text::Trim(text::ToUtf8(view.substr(value_at))),
                     false,
                     {},
                     {},
                     {}});
      for (size_t q = p; q > 0 && q - 1 != consumed &&
                         std::none_of(pieces[q - 1].begin(), pieces[q - 1].end(), IsColon);
           --q)
        out.back().words_before.insert(out.back().words_before.begin(),
                                       text::Trim(text::ToUtf8(pieces[q - 1])));
      // "专职教师人数：  四十四人": the value set off by a wide gap.
      if (out.back().value.empty() && p + 1 < pieces.size() &&
          std::none_of(pieces[p + 1].begin(), pieces[p + 1].end(), IsColon)) {
        out.back().value = text::Trim(text::ToUtf8(pieces[++p]));
        consumed = p;
        out.back().value_after_gap = true;
      }
      if (!out.back().value.empty() && p + 1 < pieces.size() &&
          std::none_of(pieces[p + 1].begin(), pieces[p + 1].end(), IsColon) &&
          YearLabelLength(pieces[p + 1]) == 0)
        out.back().words_after = text::Trim(text::ToUtf8(pieces[p + 1]));
      for (size_t q = p + 1; !out.back().value.empty() && q < pieces.size() &&
                             std::none_of(pieces[q].begin(), pieces[q].end(), IsColon) &&
                             YearLabelLength(pieces[q]) == 0;
           ++q)
        out.back().pieces_after += "  " + text::Trim(text::ToUtf8(pieces[q]));
      continue;
    }
    if (size_t year = YearLabelLength(piece); year > 0) {
      std::u32string_view view(piece);
      out.push_back({text::Trim(text::ToUtf8(view.substr(0, year))),
                     text::Trim(text::ToUtf8(view.substr(year))),
                     false,
                     {},
                     {},
                     {}});
    }
  }
  return out;
}

}  // namespace dossier::norm
