#include "read_value.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "dossier/common/text.h"
#include "dossier/normalize/credit_code.h"
#include "dossier/normalize/spec.h"
#include "label_text.h"
#include "surnames.h"

namespace dossier::norm {

namespace {

bool IsSpeck(char32_t c) {
  return std::u32string_view(U"|‖¦!！」「“”\"'`‘’_~^、。，,.:：;；").find(c) !=
             std::u32string_view::npos ||
         text::IsSpace(c);
}

// Tesseract now and then reads a character twice, or the word it ends
// (有限公公司, 学会会, 网络学学院, 远程培训平台平台, 继续教育网网络学院,
// 继续教育育平台). In the words a unit's or a platform's name is made of, no
// character stands twice, nor the word. (Not words whose last character
// starts another: 科技技术, 管理理论, 泰安安全.) And 云课党 is 云课堂.
std::string WithoutOcrDoubledNameWord(std::string_view raw) {
  static constexpr std::u32string_view kNameWords[] = {
      U"公司", U"学院", U"学会", U"协会", U"平台", U"集团", U"中心", U"学校",
      U"课堂", U"学堂", U"网络", U"继续", U"教育", U"远程", U"在线", U"职业"};
  std::u32string u = text::ToU32(raw);
  // 堂 read as 党, its top alike: a platform's 云课堂 is never a 云课党.
  for (size_t at = u.find(U"云课党"); at != std::u32string::npos; at = u.find(U"云课党", at))
    u[at + 2] = U'堂';
  for (std::u32string_view word : kNameWords) {
    const std::u32string w(word);
    const std::u32string doubled[] = {w + w, w.substr(0, 1) + w, w + w.substr(1)};
    for (const std::u32string& read : doubled)
      for (size_t at = u.find(read); at != std::u32string::npos; at = u.find(read, at))
        u.replace(at, read.size(), w);
  }
  return text::ToUtf8(u);
}

// A cell's border or a speck read as a line of its own ("1", "|") or as
// marks in front of a value ("”淄博…", "|  济南…"): not part of the value.
// Marks at the end stay when they touch the text (a scope ends with its
// "。"), not when a gap sets them off ("研究院  .  |").
std::string WithoutOcrSpecks(std::string_view raw) {
  std::string out;
  for (const std::string& line : text::Split(raw, U'\n')) {
    std::u32string u = text::ToU32(line);
    size_t b = 0;
    while (b < u.size() && IsSpeck(u[b])) ++b;
    size_t e = u.size();
    while (e > b && IsSpeck(u[e - 1])) --e;
    size_t touching = e;
    while (touching < u.size() && !text::IsSpace(u[touching])) ++touching;
    e = touching;
    std::u32string inside(std::u32string_view(u).substr(b, e - b));
    // A speck set off inside Chinese text: 日照东 岳软件园 .( 合作 单位).
    // A full stop, a tick or a quote after a gap behind a Chinese character
    // and before a Chinese character or a bracket stands in no value.
    for (size_t i = 1; i + 1 < inside.size(); ++i) {
      if (std::u32string_view(U".`'").find(inside[i]) == std::u32string_view::npos ||
          !text::IsSpace(inside[i - 1]))
        continue;
      size_t before = i - 1, after = i + 1;
      while (before > 0 && text::IsSpace(inside[before])) --before;
      while (after + 1 < inside.size() && text::IsSpace(inside[after])) ++after;
      const char32_t next = inside[after];
      if (text::IsHan(inside[before]) && (text::IsHan(next) || next == U'(' || next == U'（'))
        inside.erase(i--, 1);
    }
    std::string kept = text::Trim(text::ToUtf8(inside));
    if (!text::HasHan(kept) && text::ToU32(StripOcrEdgeNoise(kept)).size() <= 2) continue;
    if (!out.empty()) out += '\n';
    out += kept;
  }
  return out;
}

// A value cell whose rule OCR read as "|" rather than found as a border runs
// into its neighbour: "赖志 强  | 成立时间 ::  “| 1978 年" (the next label and its
// value), "网络培训平台名称  | 山东海川…" (its own label before it). The value is
// the first part between rules that is no label: no field's label of the
// spec, and no colon.
std::string OcrValueBetweenRules(std::string_view raw) {
  if (raw.find('|') == std::string_view::npos) return std::string(raw);
  std::vector<std::string> parts;
  for (const std::string& part : text::Split(raw, U'|')) {
    const std::string kept = text::Trim(part);
    if (text::HasHan(kept) || text::ToU32(StripOcrEdgeNoise(kept)).size() > 2)
      parts.push_back(kept);
  }
  if (parts.size() < 2) return std::string(raw);
  auto is_label = [](const std::string& part) {
    const std::u32string u = text::ToU32(text::RemoveSpaces(part));
    if (std::any_of(u.begin(), u.end(), IsColon)) return true;
    for (const FieldSpec& field : TheSpec().fields)
      for (const std::string& label : field.labels)
        if (u.rfind(text::ToU32(label), 0) == 0) return true;
    return false;
  };
  for (const std::string& part : parts)
    if (!is_label(part)) return part;
  return std::string(raw);
}

// An OCR'd list of ticked rules ("☑教学组织管理 ☐后勤保障管理"): Tesseract's
// Chinese model has no box glyphs, so it reads an empty box as 口 and a
// ticked one as whatever dense character it resembles (回, 図, 加, 器), glued
// to the item; and it may misread one character of an item's name. Items
// are put back as the notice words them (one character off at most, items
// of four or more), and the glyph just before each becomes a box: 口 (or
// 囗, □) empty, any other character ticked.
std::string RestoreOcrCheckMarks(std::string_view raw, const std::vector<std::string>& names,
                                 bool* ticks_inferred = nullptr) {
  // OCR puts spaces between characters at will ("学 员考核管理"), and
  // brackets half or full width at will.
  std::u32string u = text::ToU32(text::FullWidthToAscii(text::RemoveSpaces(raw)));
  // A speck read as 。 inside an item ("后勤保障。管理") is no character.
  for (size_t i = 1; i + 1 < u.size(); ++i)
    if ((u[i] == U'。' || u[i] == U'.') && text::IsHan(u[i - 1]) && text::IsHan(u[i + 1]))
      u.erase(i--, 1);
  std::vector<bool> in_item(u.size(), false);
  std::vector<size_t> starts;
  auto claim = [&](size_t pos, const std::u32string& item) {
    std::copy(item.begin(), item.end(), u.begin() + static_cast<std::ptrdiff_t>(pos));
    for (size_t i = pos; i < pos + item.size(); ++i) in_item[i] = true;
    starts.push_back(pos);
  };
  auto free_at = [&](size_t pos, size_t n) {
    return std::none_of(in_item.begin() + static_cast<std::ptrdiff_t>(pos),
                        in_item.begin() + static_cast<std::ptrdiff_t>(pos + n),
                        [](bool b) { return b; });
  };
  std::vector<std::u32string> items;
  for (const std::string& item : names) items.push_back(text::ToU32(text::FullWidthToAscii(item)));
  // Longest first, so that 教育培训机构 never takes the place of 行业教育培训机构.
  std::stable_sort(
      items.begin(), items.end(),
      [](const std::u32string& a, const std::u32string& b) { return a.size() > b.size(); });
  // A run of `size` characters at `pos` read for `item`, one or two
  // characters longer or shorter than it: the item's name takes its place.
  auto claim_run = [&](size_t pos, size_t size, const std::u32string& item) {
    u.replace(pos, size, item);
    in_item.erase(in_item.begin() + static_cast<std::ptrdiff_t>(pos),
                  in_item.begin() + static_cast<std::ptrdiff_t>(pos + size));
    in_item.insert(in_item.begin() + static_cast<std::ptrdiff_t>(pos), item.size(), false);
    for (size_t& start : starts)
      if (start > pos) start = start + item.size() - size;
    claim(pos, item);
  };
  // Exact names first, so that a near one never takes an exact one's place.
  for (int pass = 0; pass < 2; ++pass) {
    for (const std::u32string& item : items) {
      if (item.empty() || item.size() > u.size()) continue;
      if (pass == 1 && item.size() < 4) continue;
      for (size_t pos = 0; pos + item.size() <= u.size(); ++pos) {
        if (!free_at(pos, item.size())) continue;
        size_t differ = 0;
        for (size_t i = 0; i < item.size() && differ <= 1; ++i) differ += u[pos + i] != item[i];
        if (differ == 0 ||
            (pass == 1 && differ == 1 && text::IsHan(u[pos]) == text::IsHan(item[0]))) {
          claim(pos, item);
          break;
        }
        // A speck read as a character inside a long item (培训有登记管理):
        // its first and last characters stand as written.
        if (pass == 1 && item.size() >= 6 && pos + item.size() < u.size() &&
            free_at(pos, item.size() + 1) && u[pos] == item.front() &&
            u[pos + item.size()] == item.back()) {
          bool one_more = false;
          for (size_t extra = 1; extra < item.size() && !one_more; ++extra) {
            if (!text::IsHan(u[pos + extra])) continue;
            std::u32string without = u.substr(pos, item.size() + 1);
            without.erase(extra, 1);
            one_more = without == item;
          }
          if (one_more) {
            claim_run(pos, item.size() + 1, item);
            break;
          }
        }
      }
    }
  }
  // An item OCR misread in half its characters ("强踪反司" for 跟踪反馈) is
  // still that item where it stands behind a box or a tick, in a list whose
  // other items were named, and no item of the list is left to be it.
  // A mark is a box or tick glyph, or whatever glyph stands before the items
  // already named (国, 图: a ticked box read as a dense character).
  std::u32string marks_seen;
  for (size_t start : starts)
    if (start > 0 && !in_item[start - 1] && text::IsHan(u[start - 1]))
      marks_seen.push_back(u[start - 1]);
  // A box's edges and brackets are passed over, and a tick read as letters
  // ("va", "Iv]", "[x]") counts by any of them.
  auto behind_a_mark = [&](size_t pos) {
    const size_t item_start = pos;
    // A digit beside a tick is more of its stroke (v4, [x]3). Any letter is
    // a tick read as one (v, Y, x, and W and J for a handwritten √), as the
    // marks are told below, but O, D and U, which are boxes as often.
    while (pos > 0 && item_start - pos < 4 && !in_item[pos - 1] &&
           (std::u32string_view(U"|‖”“\"'[]【】").find(u[pos - 1]) != std::u32string_view::npos ||
            (u[pos - 1] < 0x80 && std::isalnum(static_cast<int>(u[pos - 1]))))) {
      if (std::isalpha(static_cast<int>(u[pos - 1])) &&
          std::u32string_view(U"oODUIlL").find(u[pos - 1]) == std::u32string_view::npos)
        return true;
      --pos;
    }
    return pos > 0 && !in_item[pos - 1] &&
           (std::u32string_view(U"√✓☑■□口囗").find(u[pos - 1]) != std::u32string_view::npos ||
            marks_seen.find(u[pos - 1]) != std::u32string::npos);
  };
  if (!starts.empty()) {
    for (const std::u32string& item : items) {
      if (item.size() < 4 || u.find(item) != std::u32string::npos) continue;
      size_t best = std::u32string::npos, best_differ = item.size() / 2 + 1;
      for (size_t pos = 0; pos + item.size() <= u.size(); ++pos) {
        if (!free_at(pos, item.size()) || !behind_a_mark(pos)) continue;
        size_t differ = 0;
        for (size_t i = 0; i < item.size(); ++i) differ += u[pos + i] != item[i];
        if (differ < best_differ) best = pos, best_differ = differ;
      }
      if (best != std::u32string::npos) claim(best, item);
    }
    // The one item still unnamed, in a list whose others were named, is the
    // one run of characters left behind a mark, however OCR misread it (到环
    // 反局 for 跟踪反馈), or read a character or two short (its end lost;
    // half of it at least, as written: 跟踪 at the end of the list).
    std::vector<const std::u32string*> unnamed;
    for (const std::u32string& item : items)
      if (item.size() >= 4 && u.find(item) == std::u32string::npos) unnamed.push_back(&item);
    struct Run {
      size_t pos, size;
    };
    std::vector<Run> runs;
    if (unnamed.size() == 1 && starts.size() + 1 >= items.size()) {
      const std::u32string& item = *unnamed.front();
      for (size_t pos = 0; pos < u.size(); ++pos) {
        if (in_item[pos] || !text::IsHan(u[pos]) || !behind_a_mark(pos)) continue;
        size_t end = pos;
        while (end < u.size() && !in_item[end] && text::IsHan(u[end])) ++end;
        const size_t size = end - pos;
        const bool first_half = size * 2 >= item.size() && size < item.size() &&
                                std::u32string_view(u).substr(pos, size) == item.substr(0, size);
        if (size + 2 >= item.size() && size <= item.size() + 1 && (size >= 3 || first_half))
          runs.push_back({pos, size});
        pos = end;
      }
    }
    // Or, behind a glyph not seen as a mark yet (轿, 品), the item with two
    // characters misread, dropped, added or swapped (后保障勒管理, 教科研学管理):
    // the one run left that is two edits from it, less its first character
    // when that is its box, and less its last when that is the next item's.
    // An item of four characters so misread is half of it: it keeps its
    // other half as written (骤殖反馈 for 跟踪反馈).
    if (runs.size() != 1 && unnamed.size() == 1 && starts.size() + 1 >= items.size() &&
        unnamed.front()->size() >= 4) {
      const std::u32string& item = *unnamed.front();
      runs.clear();
      for (size_t pos = 0; pos < u.size(); ++pos) {
        if (in_item[pos] || !text::IsHan(u[pos])) continue;
        size_t end = pos;
        while (end < u.size() && !in_item[end] && text::IsHan(u[end])) ++end;
        const bool next_items_box = end < u.size() && in_item[end] && end - pos > 1;
        std::optional<Run> nearest;
        size_t least = 3;
        for (size_t box = 0; box <= 1 && pos + box < end; ++box)
          for (size_t next = 0; next <= (next_items_box ? 1u : 0u); ++next) {
            const size_t size = end - pos - box - next;
            if (size == 0) continue;
            const std::u32string_view read = std::u32string_view(u).substr(pos + box, size);
            const size_t half = item.size() / 2;
            if (item.size() < 5 &&
                (read.size() != item.size() || (read.substr(0, half) != item.substr(0, half) &&
                                                read.substr(half) != item.substr(half))))
              continue;
            const size_t distance = text::EditDistance(read, item);
            if (distance < least) least = distance, nearest = Run{pos + box, size};
          }
        if (nearest) runs.push_back(*nearest);
        pos = end;
      }
    }
    if (runs.size() == 1) claim_run(runs.front().pos, runs.front().size, *unnamed.front());
  }
  // What stands before each item: Tesseract's Chinese model has no box
  // glyphs, so a ticked box comes out as a dense character (回, 国, 加), or
  // as Latin letters (v, Y, W, [Y], Iv], [V ]) or, for a bare √, as a quote
  // mark; an empty one as 口, or as a bracket pair with nothing inside.
  // What is read as O, 0 or D could be either, and tells nothing.
  // Punctuation ends the look back ("管理制度：教学组织管理" has no box).
  enum class Read { kNothing, kTick, kEmptyBox, kQuoteOnly, kLost };
  static constexpr std::u32string_view kEdges = U"|‖”“\"'《«";
  static constexpr std::u32string_view kBrackets = U"[](){}【】「」";
  auto is_mark_char = [&](char32_t c) {
    return kEdges.find(c) != std::u32string_view::npos ||
           kBrackets.find(c) != std::u32string_view::npos ||
           (c < 0x80 && std::isalnum(static_cast<int>(c))) || c == U'□' || c == U'√' || c == U'✓';
  };
  struct Before {
    size_t from, to;
    Read read;
  };
  std::vector<Before> befores;
  for (size_t start : starts) {
    if (start == 0 || in_item[start - 1]) {
      befores.push_back({start, start, Read::kLost});
      continue;
    }
    size_t from = start;
    if (text::IsHan(u[from - 1])) {
      --from;  // one dense character: the box itself
    } else {
      while (from > 0 && start - from < 4 && !in_item[from - 1] && is_mark_char(u[from - 1]))
        --from;
    }
    std::u32string core;
    bool quote = false;
    for (size_t i = from; i < start; ++i) {
      if (kEdges.find(u[i]) != std::u32string_view::npos)
        quote = true;
      else if (kBrackets.find(u[i]) == std::u32string_view::npos)
        core.push_back(u[i]);
    }
    // An I, l or L beside a bracket or a letter is the bracket's edge.
    if (core.size() > 1 && (core[0] == 'I' || core[0] == 'l' || core[0] == 'L')) core.erase(0, 1);
    Read read = Read::kNothing;
    if (core.size() == 1 && text::IsHan(core[0])) {
      read = core == U"口" || core == U"囗" ? Read::kEmptyBox : Read::kTick;
    } else if (core.empty()) {
      const std::u32string_view marks(u.data() + from, start - from);
      const bool pair = marks.find_first_of(U"[(【「") != std::u32string_view::npos &&
                        marks.find_first_of(U"])】」") != std::u32string_view::npos;
      if (pair && !quote)
        read = Read::kEmptyBox;
      else if (quote)
        read = Read::kQuoteOnly;
    } else if (core == U"□") {
      read = Read::kEmptyBox;
    } else if (std::any_of(core.begin(), core.end(), [](char32_t c) {
                 return (c < 0x80 && std::isalpha(static_cast<int>(c)) &&
                         std::u32string_view(U"oODU").find(c) == std::u32string_view::npos) ||
                        c == U'√' || c == U'✓';
               })) {
      read = Read::kTick;
    }
    if (from == start || read == Read::kNothing) read = Read::kLost;
    befores.push_back({from, start, read});
  }
  // A quote mark alone is a tick only in a list where other items show
  // theirs; else it tells nothing.
  const bool list_has_ticks = std::any_of(befores.begin(), befores.end(),
                                          [](const Before& b) { return b.read == Read::kTick; });
  for (Before& b : befores)
    if (b.read == Read::kQuoteOnly && !list_has_ticks) b.read = Read::kLost;
  // OCR loses a mark now and then, most often at the start of a line. In a
  // list whose every mark read is a tick, a lost one is taken as ticked too
  // (and the caller notes it as inferred); where empty boxes were read, a
  // lost mark stays unknown, so the item is not taken. A mark read as
  // something that is neither is lost too.
  const bool list_has_empty_boxes = std::any_of(
      befores.begin(), befores.end(), [](const Before& b) { return b.read == Read::kEmptyBox; });
  const bool infer_lost = ticks_inferred && list_has_ticks && !list_has_empty_boxes;
  const size_t first_item = starts.empty() ? 0 : *std::min_element(starts.begin(), starts.end());
  std::vector<bool> dropped(u.size(), false);
  std::vector<bool> tick_inserted(u.size(), false);
  // The marks put back stand before their items; when the first item's was
  // lost and is not inferred, an empty box before it says so, or the list
  // would read as boxes after their items (A☑ B□).
  std::vector<bool> box_inserted(u.size(), false);
  for (const Before& b : befores) {
    if (b.read == Read::kLost && infer_lost) {
      tick_inserted[b.to] = true;
      *ticks_inferred = true;
      continue;
    }
    if (b.read == Read::kLost && b.to == first_item && list_has_ticks) {
      box_inserted[b.to] = true;
      continue;
    }
    char32_t mark = 0;
    if (b.read == Read::kTick || (b.read == Read::kQuoteOnly && list_has_ticks)) mark = U'☑';
    if (b.read == Read::kEmptyBox) mark = U'□';
    if (mark == 0) continue;
    for (size_t i = b.from; i + 1 < b.to; ++i) dropped[i] = true;
    u[b.to - 1] = mark;
  }
  std::u32string out;
  for (size_t i = 0; i < u.size(); ++i) {
    if (tick_inserted[i]) out.push_back(U'☑');
    if (box_inserted[i]) out.push_back(U'□');
    if (!dropped[i]) out.push_back(u[i]);
  }
  u = std::move(out);
  return text::ToUtf8(u);
}

// Chinese print sets its punctuation full width; Tesseract writes most of
// it as ASCII (";", ":", "(", ")"). Beside a Chinese character it is put
// back as printed; so is a round bracket read as 〈 or 〔 whose pair is round,
// and a speck read as "." between Chinese characters goes.
std::string FullWidthPunctuationBesideCjk(std::string_view raw) {
  static constexpr std::u32string_view kAscii = U";:,()!?";
  static constexpr std::u32string_view kFull = U"；：，（）！？";
  std::u32string u = text::ToU32(raw);
  auto neighbour = [&](size_t i, int step) -> char32_t {
    for (size_t k = i; step < 0 ? k-- > 0 : ++k < u.size();)
      if (!text::IsSpace(u[k])) return u[k];
    return 0;
  };
  for (size_t i = 0; i < u.size(); ++i) {
    const size_t which = kAscii.find(u[i]);
    if (which == std::u32string_view::npos) continue;
    if (text::IsHan(neighbour(i, -1)) || text::IsHan(neighbour(i, +1))) u[i] = kFull[which];
  }
  // A speck read as a full stop between Chinese characters (软件园.（合作单位）):
  // Chinese print ends a sentence with 。, and nothing else sets a . there.
  for (size_t i = 1; i + 1 < u.size(); ++i) {
    if (u[i] != U'.' || !text::IsHan(u[i - 1])) continue;
    if (text::IsHan(u[i + 1]) || u[i + 1] == U'（' || u[i + 1] == U'(') u.erase(i--, 1);
  }
  // A full-width bracket read as an angle, tortoise-shell, curly or square
  // one (〈合作单位）, {合作单位）): the one it pairs with says which it is.
  for (size_t i = 0; i < u.size(); ++i) {
    if (u[i] != U'〈' && u[i] != U'〔' && u[i] != U'{' && u[i] != U'[') continue;
    const size_t close = u.find_first_of(U"）〉〕}]", i + 1);
    if (close != std::u32string::npos && u[close] == U'）') u[i] = U'（';
  }
  for (size_t i = 0; i < u.size(); ++i) {
    if (u[i] != U'〉' && u[i] != U'〕') continue;
    const size_t open = u.find_last_of(U"（〈〔", i);
    if (open != std::u32string::npos && u[open] == U'（') u[i] = U'）';
  }
  return text::ToUtf8(u);
}

bool IsChineseNumeral(char32_t c) {
  return std::u32string_view(U"〇零一二两三四五六七八九十百千万亿").find(c) !=
         std::u32string_view::npos;
}

// 一 to 九 and 两: a digit, not a place or 〇.
bool IsDigitNumeral(char32_t c) {
  return std::u32string_view(U"一二两三四五六七八九").find(c) != std::u32string_view::npos;
}

// Tesseract reads 千 as 干, 于 or 子 and 〇 as O, o, ○, @, 0 or C among Chinese
// numerals; and doubles a 〇 now and then (二O〇二四). Put back only where
// the character stands among numerals, where neither reading is a word.
std::string OcrChineseNumerals(std::string_view raw) {
  std::u32string u = text::ToU32(text::RemoveSpaces(raw));
  auto numeral_beside = [&](size_t i) {
    return (i > 0 && IsChineseNumeral(u[i - 1])) ||
           (i + 1 < u.size() && IsChineseNumeral(u[i + 1]));
  };
  // A rule's remnant or a speck read as a character before the numerals
  // (上四于三百 for 四千三百): no count opens with another character.
  if (u.size() >= 3 && text::IsHan(u[0]) && !IsChineseNumeral(u[0]) && IsChineseNumeral(u[1]) &&
      (IsChineseNumeral(u[2]) ||
       std::u32string_view(U"干于子").find(u[2]) != std::u32string_view::npos))
    u.erase(0, 1);
  for (size_t i = 0; i < u.size(); ++i) {
    // A stray character read before the misread 千 (一万六和干七百): the
    // numeral stands after the numeral before it.
    if ((u[i] == U'干' || u[i] == U'于') && i > 1 && IsChineseNumeral(u[i - 2]) &&
        !IsChineseNumeral(u[i - 1]) && text::IsHan(u[i - 1]) && i + 1 < u.size() &&
        IsChineseNumeral(u[i + 1])) {
      u.erase(i - 1, 1);
      --i;
    }
    if ((u[i] == U'干' || u[i] == U'于') && i > 0 && IsChineseNumeral(u[i - 1])) u[i] = U'千';
    // Any other character between a digit numeral and a digit with its
    // place (四王九百): only the place above that one can stand there, as
    // OcrPlaceReadAsNumeral puts it for a 二 or 一 there; no numeral, this
    // one is a misread for certain. Not a word that parts numbers
    // (六月二十日, 三至五百, 三点五, 十人二十间).
    if (i > 0 && i + 2 < u.size() && text::IsHan(u[i]) && !IsChineseNumeral(u[i]) &&
        std::u32string_view(U"年月日号点至到分之个人间期项次册元平米方").find(u[i]) ==
            std::u32string_view::npos &&
        IsDigitNumeral(u[i - 1]) && IsDigitNumeral(u[i + 1])) {
      if (u[i + 2] == U'百') u[i] = U'千';
      if (u[i + 2] == U'十') u[i] = U'百';
    }
    // 子 too (两子人次), where a count's place word would end it.
    if (u[i] == U'子' && i > 0 && IsChineseNumeral(u[i - 1]) &&
        (i + 1 == u.size() || IsChineseNumeral(u[i + 1]) || u[i + 1] == U'人'))
      u[i] = U'千';
    if (std::u32string_view(U"Oo○@0C").find(u[i]) != std::u32string_view::npos &&
        numeral_beside(i) && !(i > 0 && u[i - 1] >= U'0' && u[i - 1] <= U'9'))
      u[i] = U'〇';
    // 四 read as another box with strokes in it, beside a numeral (二〇二网年,
    // 二O〇二由年).
    if (std::u32string_view(U"网由田西").find(u[i]) != std::u32string_view::npos &&
        numeral_beside(i))
      u[i] = U'四';
    // D and 口 are words or letters of their own elsewhere: a 〇 only
    // between two numerals (二D二四).
    if ((u[i] == U'D' || u[i] == U'口') && i > 0 && i + 1 < u.size() &&
        IsChineseNumeral(u[i - 1]) && IsChineseNumeral(u[i + 1]))
      u[i] = U'〇';
  }
  return text::ToUtf8(u);
}

// 八 read as one or two strokes of its own between two places of a number
// (三千人入百人 for 三千八百人): read as it stands, the number stops at the
// first 人, its unit, and is a tenth of itself. Nothing when the text is
// not so.
std::optional<std::string> OcrEightBetweenPlaces(std::string_view raw) {
  std::u32string u = text::ToU32(text::RemoveSpaces(raw));
  auto is_place = [](char32_t c) { return c == U'万' || c == U'千' || c == U'百' || c == U'十'; };
  bool changed = false;
  for (size_t i = 1; i + 1 < u.size(); ++i) {
    if (!is_place(u[i - 1])) continue;
    size_t n = 0;
    while (n < 2 && i + n < u.size() &&
           std::u32string_view(U"人入儿").find(u[i + n]) != std::u32string_view::npos)
      ++n;
    if (n > 0 && i + n < u.size() && is_place(u[i + n]) && u[i + n] != u[i - 1]) {
      u.replace(i, n, U"八");
      changed = true;
    }
  }
  if (!changed) return std::nullopt;
  return text::ToUtf8(u);
}

// 千 read as 二 or 一 between two numerals (四二五百人 for 四千五百人): a
// numeral before a numeral that has its place after it leaves no place for
// the first, but the one above. Counts only: a year's numerals stand so
// (二〇二四). Nothing when the text is not so.
std::optional<std::string> OcrPlaceReadAsNumeral(std::string_view raw) {
  std::u32string u = text::ToU32(text::RemoveSpaces(raw));
  static constexpr std::u32string_view kPlaces = U"十百千";
  bool changed = false;
  for (size_t i = 1; i + 2 < u.size(); ++i) {
    const size_t place = kPlaces.find(u[i + 2]);
    if (!IsDigitNumeral(u[i - 1]) || (u[i] != U'二' && u[i] != U'一') ||
        !IsDigitNumeral(u[i + 1]) || place == std::u32string_view::npos ||
        place + 1 >= kPlaces.size())
      continue;
    u[i] = kPlaces[place + 1];
    changed = true;
  }
  if (!changed) return std::nullopt;
  return text::ToUtf8(u);
}

// A decimal point read as a colon, a comma or a semicolon after a leading 0
// (0:34万人 for 0.34万人): a number written with digits begins with 0 only
// when it is a decimal below one. A 0 that follows a digit (2020:) is not
// leading.
std::string OcrDecimalPoint(std::string_view raw) {
  std::u32string u = text::ToU32(text::RemoveSpaces(text::FullWidthToAscii(raw)));
  auto digit = [&](size_t i) { return i < u.size() && u[i] >= U'0' && u[i] <= U'9'; };
  for (size_t i = 0; i + 2 < u.size(); ++i) {
    if (u[i] != U'0' || (i > 0 && (digit(i - 1) || u[i - 1] == U'.'))) continue;
    if (std::u32string_view(U":;,").find(u[i + 1]) != std::u32string_view::npos && digit(i + 2))
      u[i + 1] = U'.';
  }
  return text::ToUtf8(u);
}

// A thousands comma read as a point or a semicolon: "2.540 ㎡", "1;640"
// for 2,540 and 1,640. A count has no decimals, and an area is not written
// to the thousandth of a square metre, so one to three digits, a point and
// exactly three more are a grouped whole number. Nothing when the text is
// not so.
std::optional<std::string> OcrThousandsPoint(std::string_view raw) {
  std::u32string u = text::ToU32(text::RemoveSpaces(text::FullWidthToAscii(raw)));
  // "6,.800人": the comma with a speck beside it is one mark.
  for (size_t k = 1; k + 1 < u.size(); ++k)
    if ((u[k] == U',' && u[k + 1] == U'.') || (u[k] == U'.' && u[k + 1] == U',')) {
      u[k] = U'.';
      u.erase(k + 1, 1);
      break;
    }
  size_t i = 0;
  while (i < u.size() && u[i] >= U'0' && u[i] <= U'9') ++i;
  if (i == 0 || i > 3 || i + 4 > u.size() || (u[i] != U'.' && u[i] != U';')) return std::nullopt;
  for (size_t k = i + 1; k < i + 4; ++k)
    if (u[k] < U'0' || u[k] > U'9') return std::nullopt;
  const size_t end = i + 4;
  if (end < u.size() && ((u[end] >= U'0' && u[end] <= U'9') || u[end] == U'.' || u[end] == U','))
    return std::nullopt;
  // A 万 after it makes it a decimal of ten thousands: 2.540万.
  if (end < u.size() && (u[end] == U'万' || u[end] == U'亿')) return std::nullopt;
  u[i] = U',';
  return text::ToUtf8(u);
}

// "1.270000.00元": a number has one decimal point; before the last, points
// are thousands commas OCR misread. Nothing when the text is not so.
std::optional<std::string> OcrGroupingPoints(std::string_view raw) {
  std::string compact = text::RemoveSpaces(text::FullWidthToAscii(raw));
  const size_t last = compact.rfind('.');
  if (last == std::string::npos || compact.find('.') == last) return std::nullopt;
  const auto decimal = compact.begin() + static_cast<std::ptrdiff_t>(last);
  compact.erase(std::remove(compact.begin(), decimal, '.'), decimal);
  return compact;
}

// A line of the cell holding only a mark (a rule's remnant or a speck read
// as "-", "_" or "|") above or below the line of a number ("-\n6600 人"):
// the number's lines alone. A mark alone in the cell is another thing (a
// dash for none). Nothing when the text is not so.
std::optional<std::string> OcrWithoutMarkLines(std::string_view raw) {
  std::string kept;
  bool dropped = false;
  for (const std::string& line : text::Split(raw, U'\n')) {
    const std::u32string u = text::ToU32(text::Trim(line));
    if (u.empty()) continue;
    const bool marks_only =
        u.size() <= 2 && std::all_of(u.begin(), u.end(), [](char32_t c) {
          return IsSpeck(c) || std::u32string_view(U"-—–_").find(c) != std::u32string_view::npos;
        });
    if (marks_only) {
      dropped = true;
      continue;
    }
    if (!kept.empty()) kept += '\n';
    kept += line;
  }
  if (!dropped || kept.empty()) return std::nullopt;
  return kept;
}

// A point inside a count that is no decimal: a count of persons, rooms or
// courses has none, unless 万 or 亿 scales it (0.31万人次), so a point
// between its digits is a speck of dust read as one ("２６０.０人次" for
// ２６００). Nothing when the text is not so.
std::optional<std::string> OcrSpeckPoint(std::string_view raw) {
  std::u32string u = text::ToU32(text::RemoveSpaces(text::FullWidthToAscii(raw)));
  const size_t point = u.find(U'.');
  if (point == std::u32string::npos || point == 0 ||
      u.find(U'.', point + 1) != std::u32string::npos)
    return std::nullopt;
  auto digit = [&](size_t i) { return i < u.size() && u[i] >= U'0' && u[i] <= U'9'; };
  if (!digit(point - 1) || !digit(point + 1)) return std::nullopt;
  for (char32_t c : u)
    if (c == U'万' || c == U'亿' || c == U'千' || c == U'百') return std::nullopt;
  u.erase(point, 1);
  return text::ToUtf8(u);
}

// Characters OCR reads in a digit's place at the end of a number's digits
// ("4 3 7 工 册" for 4371册, 4B人 for 48人, 30OO平方米): 工, 丨, |, l and I for
// 1, 了 for 7, O, o and 〇 for 0, B for 8, S for 5, Z for 2, G for 6. Only
// right after the digits and before the unit or the end: nothing else
// stands there in a number. Between two digits one may as well be a digit
// read twice (7了00 for 700), and is left. Nothing when the text is not so.
std::optional<std::string> OcrDigitLookalikes(std::string_view raw) {
  std::u32string u = text::ToU32(text::RemoveSpaces(text::FullWidthToAscii(raw)));
  static constexpr std::u32string_view kLookalikes = U"工丨|lI了Oo〇BSZG";
  static constexpr std::u32string_view kDigits = U"11111700085526";
  auto digit = [&](size_t i) { return i < u.size() && u[i] >= U'0' && u[i] <= U'9'; };
  auto lookalike = [&](size_t i) {
    return i < u.size() && kLookalikes.find(u[i]) != std::u32string_view::npos;
  };
  bool changed = false;
  for (size_t i = 1; i < u.size(); ++i) {
    if (!lookalike(i) || !digit(i - 1)) continue;
    size_t end = i;
    while (lookalike(end)) ++end;
    if (end < u.size() && (!text::IsHan(u[end]) || IsChineseNumeral(u[end]))) continue;
    for (; i < end; ++i) u[i] = kDigits[kLookalikes.find(u[i])];
    changed = true;
  }
  if (!changed) return std::nullopt;
  return text::ToUtf8(u);
}

// A Chinese year with its 〇 read twice or lost: 二〇〇二四 and 二二四 are
// 二〇二四. This century's years are 二〇…; a thin circle between two strokes
// is what OCR drops, and a three-numeral year 二二x has no other reading.
//
// And a 年 read as another character (2024立6月18日): a year of four digits
// with its month marked 月 after it has only 年 between them.
//
// And 八 read as 入, 人 or 儿 as the day's or the month's numeral (十入日,
// 年入月): between 十, 月 or 年 and the 日 or 月 that ends it, no other
// character stands in a date.
std::string OcrChineseYear(std::string_view raw) {
  std::u32string u = text::ToU32(text::RemoveSpaces(raw));
  for (size_t i = 1; i + 1 < u.size(); ++i)
    if (std::u32string_view(U"入人儿").find(u[i]) != std::u32string_view::npos &&
        std::u32string_view(U"十月年").find(u[i - 1]) != std::u32string_view::npos &&
        (u[i + 1] == U'日' || u[i + 1] == U'月'))
      u[i] = U'八';
  auto digit = [&](size_t i) { return i < u.size() && u[i] >= U'0' && u[i] <= U'9'; };
  for (size_t y = 0; y + 6 < u.size(); ++y) {
    if ((y > 0 && digit(y - 1)) || !digit(y) || !digit(y + 1) || !digit(y + 2) || !digit(y + 3))
      continue;
    const size_t mark = y + 4;
    size_t month = mark + 1;
    while (digit(month)) ++month;
    if (month == mark + 1 || month > mark + 3 || month >= u.size() || u[month] != U'月') continue;
    if (!digit(mark) && u[mark] != U'年' && u[mark] != U'-' && u[mark] != U'.' && u[mark] != U'/')
      u[mark] = U'年';
    break;
  }
  // A 月 read as another character (2024年6网23日): between the month's
  // digits after 年 and the day's before 日, no other character stands.
  for (size_t y = u.find(U'年'); y != std::u32string::npos && y + 4 < u.size();
       y = u.find(U'年', y + 1)) {
    size_t mark = y + 1;
    while (digit(mark) && mark < y + 3) ++mark;
    size_t day = mark + 1;
    while (digit(day) && day < mark + 3) ++day;
    if (mark > y + 1 && day > mark + 1 && day < u.size() && u[day] == U'日' && u[mark] != U'月' &&
        text::IsHan(u[mark]) && !IsChineseNumeral(u[mark]))
      u[mark] = U'月';
  }
  const size_t nian = u.find(U'年');
  // 二人二四, 二D二四: this century's 〇, whatever OCR made of it.
  if (nian == 4 && u[0] == U'二' && u[2] == U'二' && !IsChineseNumeral(u[1]) &&
      std::u32string_view(U"〇一二三四五六七八九").find(u[3]) != std::u32string_view::npos)
    u[1] = U'〇';
  if (nian == 5 && u.compare(1, 2, U"〇〇") == 0 && u[0] == U'二') u.erase(1, 1);
  if (nian == 3 && u.compare(0, 2, U"二二") == 0 &&
      std::u32string_view(U"〇一二三四五六七八九").find(u[2]) != std::u32string_view::npos)
    u.insert(1, 1, U'〇');
  return text::ToUtf8(u);
}

// A web address's "://" as OCR reads its slashes: ":/V", ":l/", ";//",
// ":/|", or one slash lost (":/px…"). Put back only right after http or
// https at the start, and never past the two slashes' place (the l of
// "https://learn…" is the address's).
std::string OcrUrlScheme(std::string_view raw) {
  std::string s = text::RemoveSpaces(text::FullWidthToAscii(raw));
  // A rule's remnant or a speck before the address (-px.bbwkw.cn): no
  // address opens with a mark.
  s.erase(0, std::min(s.size(), s.find_first_not_of("-_~.,'`|")));
  // The scheme's own letters misread (hitp, bttps, htlps): four or five
  // letters a letter off http or https, before its colon.
  if (const size_t colon = s.find(':'); colon == 4 || colon == 5) {
    const std::string read = text::AsciiLower(s.substr(0, colon));
    const std::string want = colon == 4 ? "http" : "https";
    int differ = 0;
    for (size_t i = 0; i < colon; ++i) differ += read[i] != want[i];
    // Five letters ending in "ps" before the colon are https with two of
    // its first letters misread (bitps).
    const bool https_tail = colon == 5 && read.ends_with("ps") && differ == 2;
    if ((differ == 1 || https_tail) && std::all_of(read.begin(), read.end(), [](char c) {
          return (c >= 'a' && c <= 'z') || c == '1' || c == '|';
        }))
      s.replace(0, colon, want);
  }
  const std::string lower = text::AsciiLower(s);
  const size_t scheme = lower.rfind("https", 0) == 0 ? 5 : lower.rfind("http", 0) == 0 ? 4 : 0;
  if (scheme == 0 || scheme + 3 > s.size() || (s[scheme] != ':' && s[scheme] != ';')) return s;
  if (s.compare(scheme, 3, "://") == 0) return s;
  // A second slash read as V or |; a first as l, I, 1 or |. A lower-case
  // letter second is the address's own.
  auto is_slash = [](char c) { return c == '/' || c == '\\'; };
  const char c1 = s[scheme + 1], c2 = s[scheme + 2];
  const bool first = is_slash(c1) || std::strchr("|lI1", c1) != nullptr;
  const bool second = is_slash(c2) || c2 == '|' || c2 == 'V';
  if (first && second && (is_slash(c1) || is_slash(c2)))
    return lower.substr(0, scheme) + "://" + s.substr(scheme + 3);
  if (is_slash(c1)) return lower.substr(0, scheme) + "://" + s.substr(scheme + 2);
  return s;
}

// A web address's end as OCR leaves it: a rule's remnant, a quote or a
// speck read as a colon after it (…/index.html|, …/index:), the page's
// html with a letter misread (index.htal, index.htnl, index.htm!) or its
// dot lost (indexhtml), and the host's country code after a second level
// domain misread (edu.cr, com.cm: OCR takes n for r or m) or its com with
// m read as rn. No file type is one letter from html but html itself; no
// page's name ends in html without a dot.
std::string OcrUrlTail(std::string s) {
  while (!s.empty() && std::strchr("|'\"`:;", s.back()) != nullptr) s.pop_back();
  const size_t scheme = s.find("://");
  const size_t host_begin = scheme == std::string::npos ? 0 : scheme + 3;
  const size_t host_end = std::min(s.find_first_of("/?#", host_begin), s.size());
  const size_t last_label = s.rfind('.', host_end);
  if (last_label != std::string::npos && last_label > host_begin) {
    const std::string label = text::AsciiLower(s.substr(last_label + 1, host_end - last_label - 1));
    const size_t second = s.rfind('.', last_label - 1);
    const std::string second_label =
        second == std::string::npos || second < host_begin
            ? ""
            : text::AsciiLower(s.substr(second + 1, last_label - second - 1));
    const bool under_second_level = second_label == "edu" || second_label == "com" ||
                                    second_label == "gov" || second_label == "org" ||
                                    second_label == "net" || second_label == "ac";
    std::string tld;
    if (label == "corm" || label == "cornm") tld = "com";
    if (under_second_level && (label == "cr" || label == "cm" || label == "cu")) tld = "cn";
    if (!tld.empty()) s.replace(last_label + 1, host_end - last_label - 1, tld);
    // The slash after the host read as a v (com.cnvjxjy/, cormvindex): no
    // top-level domain goes on so, and the path is what follows.
    for (std::string_view read : {"cornm", "corm", "com", "net", "org", "cn"}) {
      if (!tld.empty()) break;
      const bool own_level = read != "cn" || under_second_level;
      if (own_level && label.size() > read.size() + 1 && label.starts_with(read) &&
          label[read.size()] == 'v') {
        const std::string path = s.substr(last_label + 1 + read.size() + 1);
        tld = read.starts_with("cor") ? "com" : std::string(read);
        s.replace(last_label + 1, std::string::npos, tld + "/" + path);
        break;
      }
    }
    // The dot before the host's last label lost (study.myfebrrcom): no
    // top-level domain but com, cn and net ends so.
    for (std::string_view lost : {"com", "net", "cn"}) {
      if (!tld.empty()) break;
      if (label.size() > lost.size() + 1 && label.ends_with(lost)) {
        s.insert(host_end - lost.size(), ".");
        break;
      }
    }
  }
  const size_t segment = s.rfind('/');
  if (segment != std::string::npos && segment > host_begin && s.size() > segment + 5) {
    const std::string name = text::AsciiLower(s.substr(segment + 1));
    if (name.find('.') == std::string::npos && name.ends_with("html")) s.insert(s.size() - 4, ".");
  }
  const size_t dot = s.rfind('.');
  if (dot == std::string::npos || s.size() - dot != 5 || s.find('/') > dot) return s;
  const std::string type = text::AsciiLower(s.substr(dot + 1));
  int differ = 0;
  for (size_t i = 0; i < 4; ++i) differ += type[i] != "html"[i];
  // A stroke read as ! or 1 ends it: the l.
  const bool stroke_for_l = type.compare(0, 3, "htm") == 0 && (type[3] == '!' || type[3] == '1');
  if (differ == 1 && (stroke_for_l || std::all_of(type.begin(), type.end(), [](char c) {
                        return std::isalnum(static_cast<unsigned char>(c));
                      })))
    s.replace(dot + 1, 4, "html");
  return s;
}

// jxjy, the pinyin initials of 继续教育 that continuing-education sites put
// in their host or path (jxjy.sdu.edu.cn, /jxjy/), with one letter misread
// as OCR does: x as z or k, j as i, l or } (its hook), y as v (jzjy, ixjy,
// jxiy, }xJy), or one or two as a Chinese character (j芭y).
std::string OcrContinuingEducationWord(std::string s) {
  auto confusable = [](char read, char want) {
    switch (want) {
      case 'x':
        return read == 'z' || read == 'k';
      case 'j':
        return read == 'i' || read == 'l' || read == '}';
      case 'y':
        return read == 'v';
      default:
        return false;
    }
  };
  size_t begin = 0;
  while (begin < s.size()) {
    size_t end = s.find_first_of("./:?#", begin);
    if (end == std::string::npos) end = s.size();
    if (end - begin == 4) {
      const std::string word = text::AsciiLower(s.substr(begin, 4));
      int misread = 0, other = 0;
      for (size_t i = 0; i < 4; ++i) {
        if (word[i] == "jxjy"[i]) continue;
        (confusable(word[i], "jxjy"[i]) ? misread : other) += 1;
      }
      if (misread == 1 && other == 0) s.replace(begin, 4, "jxjy");
    }
    // Or one or two of its letters read as one Chinese character (j芭y): no
    // address has one.
    const std::u32string word = text::ToU32(text::AsciiLower(s.substr(begin, end - begin)));
    const size_t han = std::find_if(word.begin(), word.end(), text::IsHan) - word.begin();
    if (han < word.size() && (word.size() == 3 || word.size() == 4)) {
      const std::u32string before = word.substr(0, han), after = word.substr(han + 1);
      const std::u32string_view want = U"jxjy";
      if (want.starts_with(before) && want.ends_with(after) &&
          std::none_of(after.begin(), after.end(), text::IsHan)) {
        s.replace(begin, end - begin, "jxjy");
        end = begin + 4;
      }
    }
    begin = end + 1;
  }
  return s;
}

// The host's first word as OCR reads it with rn run together into m
// (leam.metpr.com.cn): learn, the word a training site's host opens with.
std::string OcrHostLearn(std::string s) {
  const size_t scheme = s.find("://");
  const size_t begin = scheme == std::string::npos ? 0 : scheme + 3;
  if (text::AsciiLower(s.substr(begin, 5)) == "leam.") s.replace(begin, 4, "learn");
  return s;
}

// A mark at either end of an OCR'd e-mail address: a rule's remnant or a
// speck (_bkehta2701@163.com, chjmp1615@126.com-), not part of it: a host
// ends with a letter, and mailboxes begin with one or a digit in practice.
std::string OcrMarksAtAddressEdges(std::string_view raw) {
  const std::string trimmed = text::Trim(raw);
  const size_t b = trimmed.find_first_not_of("_-.|'`~");
  const size_t e = trimmed.find_last_not_of("_-.|'`~");
  if (b == std::string::npos) return trimmed;
  return trimmed.substr(b, e - b + 1);
}

// A web or mail host's l read as a capital I: in the sans-serif faces
// forms are typed in the two are one stroke (edu.Irsebhr.edu.cn for
// edu.lrsebhr.edu.cn), and a host is case-blind, so its lower-casing would
// make the I an i. Hosts are written in lower case; an I in a host with no
// other capital is the l. Paths are left alone: they may be case-sensitive
// and carry real capitals (/#/courseInfo). An e-mail address is all host
// here: its mailbox is lower case too in practice.
std::string OcrHostCapitalI(std::string s) {
  const size_t scheme = s.find("://");
  const size_t begin = scheme == std::string::npos ? 0 : scheme + 3;
  size_t end = s.find_first_of("/?#", begin);
  if (end == std::string::npos) end = s.size();
  const auto host = s.begin() + static_cast<std::ptrdiff_t>(begin);
  const auto host_end = s.begin() + static_cast<std::ptrdiff_t>(end);
  const bool other_capital =
      std::any_of(host, host_end, [](char c) { return c >= 'A' && c <= 'Z' && c != 'I'; });
  if (!other_capital) std::replace(host, host_end, 'I', 'l');
  return s;
}

// The site's index page with its i read as a capital I, an l or a 1
// (/Index, /lndex.html): "ndex" opens no other word of a path. A path with
// capitals of its own (an ASP.NET /Home/Index) keeps them all.
std::string OcrIndexPage(std::string s) {
  const size_t scheme = s.find("://");
  const size_t path = s.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  if (path == std::string::npos) return s;
  const size_t ndex = s.find("ndex", path);
  if (ndex == std::string::npos || ndex < path + 2 || s[ndex - 2] != '/' ||
      std::strchr("Il1|", s[ndex - 1]) == nullptr)
    return s;
  for (size_t i = path; i < s.size(); ++i)
    if (i != ndex - 1 && s[i] >= 'A' && s[i] <= 'Z') return s;
  s[ndex - 1] = 'i';
  return s;
}

const std::u32string_view kMailHosts[] = {
    U"qq.com",     U"vip.qq.com", U"foxmail.com", U"163.com",     U"vip.163.com", U"126.com",
    U"yeah.net",   U"sina.com",   U"sina.cn",     U"sohu.com",    U"139.com",     U"189.cn",
    U"aliyun.com", U"21cn.com",   U"gmail.com",   U"outlook.com", U"hotmail.com"};

// A public mail host's character as OCR may read it: 1 as l, i or |; 0 as
// o (xcytol63.com); i as l or 1 (slna.com), l as 1 or i; its dot as a
// comma or an i (sohuicom).
bool SameHostChar(char32_t read, char32_t host) {
  const std::u32string_view strokes = U"1li|";
  if (read == host) return true;
  if (host == U'0') return read == U'o';
  if (host == U'.') return read == U',' || read == U'i';
  return strokes.find(host) != std::u32string_view::npos &&
         strokes.find(read) != std::u32string_view::npos;
}

// An address whose host is a public mail host with a character misread
// (hnjma3099@slna.com): the host put back. Nullopt for any other address:
// a unit's own domain has no known writing.
std::optional<std::string> OcrPublicMailHost(const std::string& address) {
  const size_t at = address.rfind('@');
  if (at == std::string::npos) return std::nullopt;
  const std::u32string host = text::ToU32(address.substr(at + 1));
  for (std::u32string_view known : kMailHosts)
    if (host == known) return std::nullopt;
  for (std::u32string_view known : kMailHosts) {
    if (host.size() != known.size()) continue;
    bool match = true;
    for (size_t k = 0; k < host.size() && match; ++k) match = SameHostChar(host[k], known[k]);
    if (match) return address.substr(0, at + 1) + text::ToUtf8(known);
  }
  return std::nullopt;
}

// An e-mail address's @ as OCR reads it: o, e, a, 0, 6, 8, Q, G, c, &, ©
// (zjnpbjosohu.com, denb78990126.com, kwcekb60946sina.com, zst1728163.com).
// Put back only before a public mail host, whose name fixes where the @
// stood; a unit's own domain leaves its place unknown and the address
// unread.
std::string OcrEmailAt(std::string_view raw) {
  std::string spaced = text::Trim(text::AsciiLower(text::FullWidthToAscii(raw)));
  // com's m read as n ("esohu con"): put back here only, where a public mail
  // host must then match.
  if (spaced.size() > 4 && spaced.ends_with("con")) spaced.back() = 'm';
  // The host's last dot lost to a space or read as a dash: "esohu com",
  // "esohu -com".
  for (std::string_view tld : {"com", "cn", "net"}) {
    if (spaced.size() < tld.size() + 3 ||
        spaced.compare(spaced.size() - tld.size(), tld.size(), tld) != 0)
      continue;
    const size_t end = spaced.size() - tld.size();
    size_t begin = end;
    while (begin > 1 && std::strchr(" -,_", spaced[begin - 1]) != nullptr) --begin;
    if (begin < end && spaced[begin - 1] != '.') spaced.replace(begin, end - begin, ".");
    break;
  }
  std::u32string u = text::ToU32(text::RemoveSpaces(spaced));
  std::replace(u.begin(), u.end(), U'。', U'.');
  // A dot with a speck read as a comma or a dot beside it (163,.com,
  // qq.. com) is one dot.
  auto dot_or_comma = [](char32_t c) { return c == U'.' || c == U','; };
  for (size_t k = 0; k + 1 < u.size();) {
    if (dot_or_comma(u[k]) && dot_or_comma(u[k + 1]) && (u[k] == U'.' || u[k + 1] == U'.')) {
      u[k] = U'.';
      u.erase(k + 1, 1);
    } else {
      ++k;
    }
  }
  while (!u.empty() && (u.back() == U'.' || u.back() == U',' || u.back() == U';')) u.pop_back();
  if (u.find(U'@') != std::u32string::npos) return text::ToUtf8(u);
  for (std::u32string_view host : kMailHosts) {
    // The host as read, or without its last dot, which a scan lost
    // (mexnrresinacom, dev seed 88).
    std::u32string without_dot(host);
    without_dot.erase(without_dot.rfind(U'.'), 1);
    for (std::u32string_view read : {host, std::u32string_view(without_dot)}) {
      if (u.size() < read.size() + 2) continue;
      const size_t tail = u.size() - read.size();
      bool match = true;
      for (size_t k = 0; k < read.size() && match; ++k) match = SameHostChar(u[tail + k], read[k]);
      if (!match) continue;
      const size_t at = tail - 1;
      if (std::u32string_view(U"oeaqgc068&©®").find(u[at]) == std::u32string_view::npos) continue;
      u.replace(tail, read.size(), host);
      u[at] = U'@';
      return text::ToUtf8(u);
    }
  }
  return text::ToUtf8(u);
}

// A person's name as OCR read it: one character is no Chinese name, and a
// first character that is no family name in common use is most likely a
// misread one (入冰 for 赖冰, 用宏伟 for 翟宏伟): the name is doubted, so that
// a typed writing of it (the summary sheet's, a licence's) may stand instead.
void DoubtOcrName(Normalized& n) {
  const std::u32string name = text::ToU32(n.value.get<std::string>());
  if (!std::all_of(name.begin(), name.end(), text::IsHan)) return;
  if (name.size() == 1) {
    n = Normalized{ValueState::kUnreadable, nullptr, "一个字不成姓名"};
    return;
  }
  if (!BeginsWithCommonSurname(name))
    n.note = "「" + n.value.get<std::string>() + "」的第一个字不是常见姓氏，可能识别有误";
}

}  // namespace

std::optional<std::string> OcrSpacedDigits(std::string_view raw) {
  const std::u32string u = text::ToU32(text::Trim(text::FullWidthToAscii(raw)));
  std::u32string digits;
  size_t i = 0, groups = 0, longest = 0;
  while (i < u.size() && u[i] >= U'0' && u[i] <= U'9') {
    size_t n = 0;
    while (i < u.size() && u[i] >= U'0' && u[i] <= U'9') digits.push_back(u[i++]), ++n;
    ++groups;
    longest = std::max(longest, n);
    size_t gap = i;
    while (gap < u.size() && text::IsSpace(u[gap])) ++gap;
    if (gap == i || gap == u.size() || u[gap] < U'0' || u[gap] > U'9') break;
    i = gap;
  }
  if (groups < 2 || longest > 2) return std::nullopt;
  const std::u32string unit = u.substr(i);
  if (!std::all_of(unit.begin(), unit.end(), [](char32_t c) {
        return text::IsSpace(c) || (text::IsHan(c) && !IsChineseNumeral(c));
      }))
    return std::nullopt;
  return text::ToUtf8(digits + unit);
}

Normalized NormalizeAsRead(ValueType type, std::string_view raw, const Document& doc, int span_id) {
  const bool ocr = span_id >= 0 && static_cast<size_t>(span_id) < doc.spans.size() &&
                   doc.spans[span_id].method == ReadMethod::kOcr;
  std::string before_rules;
  if (ocr && type == ValueType::kDate) {
    // A date whose first line is all of it: what the lines below hold is
    // the seal's or the signature's ink read as characters (站 -八 262二 4加年月).
    if (const size_t line_end = raw.find('\n'); line_end != std::string_view::npos) {
      Normalized first = NormalizeAsRead(type, raw.substr(0, line_end), doc, span_id);
      if (first.state == ValueState::kValue) return first;
    }
    // The cell's rules OCR read as "|" a gap after a date ("2024-06-18  |  |").
    // Only a date's: in a number or a code a "|" may be a misread 1 or J.
    const size_t end = raw.find_last_not_of(" |");
    if (end != std::string_view::npos && end + 1 < raw.size() && raw[end + 1] == ' ' &&
        raw.find('|', end + 1) != std::string_view::npos) {
      before_rules = std::string(raw.substr(0, end + 1));
      raw = before_rules;
    }
  }
  if (ocr && (IsTextType(type) || type == ValueType::kPerson) && text::HasHan(raw)) {
    std::string read = WithoutOcrSpecks(OcrValueBetweenRules(raw));
    if (type != ValueType::kPerson) read = WithoutOcrDoubledNameWord(read);
    Normalized n = NormalizeValue(type, FullWidthPunctuationBesideCjk(read));
    if (type == ValueType::kPerson && n.state == ValueState::kValue) DoubtOcrName(n);
    return n;
  }
  if (ocr && type == ValueType::kUrl)
    return NormalizeValue(type, OcrContinuingEducationWord(OcrHostLearn(
                                    OcrHostCapitalI(OcrIndexPage(OcrUrlTail(OcrUrlScheme(raw)))))));
  if (ocr && type == ValueType::kEmail) {
    const std::string read = OcrHostCapitalI(OcrMarksAtAddressEdges(raw));
    Normalized n = NormalizeValue(type, read);
    // The host misread, whether the address then reads (slna.com) or not
    // (sohuicom, its dot read as i).
    if (n.state != ValueState::kDeclaredNone) {
      const std::string address = n.state == ValueState::kValue
                                      ? n.value.get<std::string>()
                                      : text::AsciiLower(text::RemoveSpaces(read));
      if (std::optional<std::string> host = OcrPublicMailHost(address)) {
        Normalized fixed = NormalizeValue(type, *host);
        if (fixed.state == ValueState::kValue) {
          fixed.note =
              "电子邮箱「" + address + "」的域名与邮箱服务商的域名差一个易混字符，按后者读";
          return fixed;
        }
      }
    }
    if (n.state != ValueState::kUnreadable) return n;
    Normalized again = NormalizeValue(type, OcrEmailAt(read));
    if (again.state != ValueState::kValue) return n;
    again.note = "电子邮箱中的 @ 未能识别，按邮箱服务商的域名推定";
    return again;
  }
  if (ocr && type == ValueType::kCheckboxSet) {
    bool ticks_inferred = false;
    Normalized n =
        NormalizeValue(type, RestoreOcrCheckMarks(raw, TheSpec().mgmt_rule_items, &ticks_inferred));
    if (ticks_inferred && n.state == ValueState::kValue)
      n.note = "有的勾选框未能识别，按同一栏其他已识别的勾选推定为已勾选";
    return n;
  }
  if (ocr && type == ValueType::kUnitType && text::HasHan(raw)) {
    // The unit types as a row of boxes: the same glyphs as the rules' boxes.
    std::vector<std::string> names = TheSpec().unit_types;
    for (const auto& [synonym, canonical] : TheSpec().unit_type_synonyms) names.push_back(synonym);
    const std::string restored = RestoreOcrCheckMarks(raw, names);
    Normalized n = NormalizeValue(type, restored);
    if (n.state == ValueState::kValue) return n;
    // Boxes read and none ticked: the unread tick is not the first name's.
    if (restored.find("□") != std::string::npos) return n;
  }
  // Money in 元 has two decimals at most: a point before three digits and
  // 元 (280.000元) is a thousands comma too. 万元 keeps its decimals.
  const bool yuan_not_wan = type == ValueType::kWanYuan && [&] {
    const std::string compact = text::RemoveSpaces(raw);
    return compact.ends_with("元") && !compact.ends_with("万元");
  }();
  // A number's text with an OCR misread put right, when it then reads: its
  // value, noted (`why`, after the text as read) as a doubt for findings.
  auto repaired = [&](const std::optional<std::string>& text,
                      std::string_view why) -> std::optional<Normalized> {
    if (!text) return std::nullopt;
    Normalized n = NormalizeValue(type, *text);
    if (n.state != ValueState::kValue) return std::nullopt;
    if (!why.empty()) n.note = "「" + std::string(raw) + "」" + std::string(why);
    return n;
  };
  const bool count = type == ValueType::kInteger;
  const bool quantity = count || type == ValueType::kArea || type == ValueType::kWanYuan;
  if (ocr && yuan_not_wan)
    if (auto n = repaired(OcrGroupingPoints(raw), "有多个小数点，前面的按千位分隔符读")) return *n;
  if (ocr && (count || type == ValueType::kArea || yuan_not_wan))
    if (auto n = repaired(OcrThousandsPoint(raw), "的小数点或分号后恰有三位，按千位分隔符读"))
      return *n;
  if (ocr && quantity)
    if (auto n = repaired(OcrDigitLookalikes(raw), "中有形似数字的字符，按数字读")) return *n;
  if (ocr && quantity)
    if (auto n = repaired(OcrWithoutMarkLines(raw), "中单独一行的符号按污点读")) return *n;
  if (ocr && count) {
    if (auto n = repaired(OcrSpacedDigits(raw), "的数字间有空隙，连起来读")) return *n;
    if (auto n = repaired(OcrSpeckPoint(raw), "是人数、间数等整数，其中的小数点按污点读"))
      return *n;
    if (auto n = repaired(OcrEightBetweenPlaces(raw), "")) return *n;
    if (auto n = repaired(OcrPlaceReadAsNumeral(raw), "中两个数字之间缺位数词，按「千」或「百」读"))
      return *n;
  }
  Normalized n = NormalizeValue(type, raw);
  const bool number = type == ValueType::kInteger || type == ValueType::kWanYuan ||
                      type == ValueType::kArea || type == ValueType::kDate;
  // 六干人 reads as 6 until its 千 is put back: a numeral's misread place
  // word ends the number early rather than leaving it unread.
  const bool misread_numeral = OcrChineseNumerals(raw) != text::RemoveSpaces(raw);
  if (ocr && number && (n.state == ValueState::kUnreadable || misread_numeral)) {
    std::string again = OcrDecimalPoint(OcrChineseNumerals(raw));
    if (type == ValueType::kDate) again = OcrChineseYear(again);
    Normalized second = NormalizeValue(type, again);
    if (second.state == ValueState::kValue) return second;
  }
  if (!ocr || type != ValueType::kCreditCode || n.state == ValueState::kDeclaredNone) return n;
  if (n.state == ValueState::kValue && IsValidCreditCode(n.value.get<std::string>())) return n;
  if (std::optional<std::string> repaired = RepairOcrCreditCode(raw)) {
    n.state = ValueState::kValue;
    n.value = *repaired;
    n.note.clear();
  }
  return n;
}

bool ReadsAsOcrEmail(std::string_view raw) {
  return !text::HasHan(raw) &&
         NormalizeValue(ValueType::kEmail, OcrEmailAt(raw)).state == ValueState::kValue;
}

double ReadingConfidence(ValueType type, std::string_view raw, const Document& doc, int span_id) {
  if (span_id < 0 || static_cast<size_t>(span_id) >= doc.spans.size()) return 1.0;
  const Span& span = doc.spans[static_cast<size_t>(span_id)];
  const bool by_character = IsTextType(type) || type == ValueType::kPerson ||
                            type == ValueType::kEmail || type == ValueType::kUrl ||
                            type == ValueType::kPhone || type == ValueType::kMobile ||
                            type == ValueType::kPostcode;
  if (span.method != ReadMethod::kOcr || !by_character) return span.confidence;
  const std::optional<double> least = PartConfidence(span, raw);
  return least ? std::min(span.confidence, *least) : span.confidence;
}

}  // namespace dossier::norm
