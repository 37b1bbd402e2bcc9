#include "page_layout.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <optional>
#include <utility>

#include "dossier/common/text.h"

namespace dossier::extract_internal {
namespace {

// Union-find over small index sets.
class Sets {
 public:
  explicit Sets(size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0); }
  size_t Find(size_t i) {
    while (parent_[i] != i) i = parent_[i] = parent_[parent_[i]];
    return i;
  }
  void Join(size_t a, size_t b) { parent_[Find(a)] = Find(b); }

 private:
  std::vector<size_t> parent_;
};

// A rule as a position across it and an extent along it.
struct Run {
  double pos, lo, hi;
};

// Merges runs lying on one line (within tol) whose extents touch or nearly
// touch (dashed rules, rules broken by noise).
std::vector<Run> MergeCollinear(std::vector<Run> runs, double tol) {
  std::sort(runs.begin(), runs.end(), [](const Run& a, const Run& b) { return a.pos < b.pos; });
  std::vector<Run> out;
  size_t i = 0;
  while (i < runs.size()) {
    size_t j = i;
    while (j + 1 < runs.size() && runs[j + 1].pos - runs[i].pos <= tol) ++j;
    std::vector<Run> group(runs.begin() + i, runs.begin() + j + 1);
    std::sort(group.begin(), group.end(), [](const Run& a, const Run& b) { return a.lo < b.lo; });
    double p = 0;
    for (const Run& r : group) p += r.pos;
    p /= group.size();
    Run cur = group[0];
    cur.pos = p;
    for (size_t k = 1; k < group.size(); ++k) {
      if (group[k].lo <= cur.hi + 2.5 * tol) {
        cur.hi = std::max(cur.hi, group[k].hi);
      } else {
        out.push_back(cur);
        cur = group[k];
        cur.pos = p;
      }
    }
    out.push_back(cur);
    i = j + 1;
  }
  return out;
}

// How much of [a0, a1] the union of the given intervals covers.
double Covered(double a0, double a1, std::vector<std::pair<double, double>> parts) {
  std::sort(parts.begin(), parts.end());
  double covered = 0, reach = a0;
  for (auto [p0, p1] : parts) {
    p0 = std::max(p0, reach);
    p1 = std::min(p1, a1);
    if (p1 > p0) {
      covered += p1 - p0;
      reach = p1;
    }
  }
  return covered;
}

std::optional<Grid> BuildGrid(const std::vector<HRule>& h, const std::vector<VRule>& v,
                              double tol) {
  std::vector<double> xs_raw, ys_raw;
  for (const VRule& r : v) xs_raw.push_back(r.x);
  for (const HRule& r : h) ys_raw.push_back(r.y);
  std::vector<double> xs = ClusterPositions(xs_raw, tol), ys = ClusterPositions(ys_raw, tol);
  // A table open on one side (no outer rule there) still ends where most of
  // its rules end.
  auto outer = [&](std::vector<double>& borders, std::vector<double> ends, bool low) {
    if (ends.size() < 2) return;
    std::sort(ends.begin(), ends.end());
    double e = low ? ends[ends.size() / 2] : ends[(ends.size() - 1) / 2];
    if (low && e < borders.front() - 3 * tol) borders.insert(borders.begin(), e);
    if (!low && e > borders.back() + 3 * tol) borders.push_back(e);
  };
  {
    std::vector<double> starts, stops;
    for (const HRule& r : h) starts.push_back(r.x0), stops.push_back(r.x1);
    outer(xs, starts, true);
    outer(xs, stops, false);
    std::vector<double> tops, bottoms;
    for (const VRule& r : v) tops.push_back(r.y0), bottoms.push_back(r.y1);
    outer(ys, tops, true);
    outer(ys, bottoms, false);
  }
  if (xs.size() < 2 || ys.size() < 2) return std::nullopt;
  const int rows = static_cast<int>(ys.size()) - 1, cols = static_cast<int>(xs.size()) - 1;

  auto v_border = [&](int r, int c) {  // between (r, c) and (r, c + 1)
    std::vector<std::pair<double, double>> parts;
    for (const VRule& rule : v)
      if (std::abs(rule.x - xs[c + 1]) <= tol) parts.emplace_back(rule.y0 - tol, rule.y1 + tol);
    return Covered(ys[r], ys[r + 1], parts) >= 0.6 * (ys[r + 1] - ys[r]);
  };
  auto h_border = [&](int r, int c) {  // between (r, c) and (r + 1, c)
    std::vector<std::pair<double, double>> parts;
    for (const HRule& rule : h)
      if (std::abs(rule.y - ys[r + 1]) <= tol) parts.emplace_back(rule.x0 - tol, rule.x1 + tol);
    return Covered(xs[c], xs[c + 1], parts) >= 0.6 * (xs[c + 1] - xs[c]);
  };
  Sets sets(static_cast<size_t>(rows * cols));
  auto at = [&](int r, int c) { return static_cast<size_t>(r * cols + c); };
  for (int r = 0; r < rows; ++r) {
    for (int c = 0; c < cols; ++c) {
      if (c + 1 < cols && !v_border(r, c)) sets.Join(at(r, c), at(r, c + 1));
      if (r + 1 < rows && !h_border(r, c)) sets.Join(at(r, c), at(r + 1, c));
    }
  }
  struct Extent {
    int r0 = 1 << 30, c0 = 1 << 30, r1 = -1, c1 = -1, count = 0;
  };
  std::map<size_t, Extent> groups;
  for (int r = 0; r < rows; ++r) {
    for (int c = 0; c < cols; ++c) {
      Extent& e = groups[sets.Find(at(r, c))];
      e.r0 = std::min(e.r0, r), e.c0 = std::min(e.c0, c);
      e.r1 = std::max(e.r1, r), e.c1 = std::max(e.c1, c);
      ++e.count;
    }
  }
  Grid grid;
  grid.xs = xs;
  grid.ys = ys;
  grid.box = {xs.front(), ys.front(), xs.back(), ys.back()};
  auto add = [&](int r0, int c0, int r1, int c1) {
    GridCell cell{r0, c0, r1 - r0 + 1, c1 - c0 + 1, {xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1]}};
    grid.cells.push_back(cell);
  };
  for (const auto& [root, e] : groups) {
    if (e.count == (e.r1 - e.r0 + 1) * (e.c1 - e.c0 + 1)) {
      add(e.r0, e.c0, e.r1, e.c1);
    } else {
      // Not a rectangle (a border stops half way, or a piece of one was
      // lost): cells must not overlap. Each row's run of positions with no
      // border between them is one cell, stacked with the same run of the
      // rows below where no border parts them: a value written across a
      // row's columns stays whole (measured: a photo's list of 管理制度 cut
      // in two where the row above had a column rule and had lost a piece
      // of the rule under it).
      struct RowRun {
        int row, c0, c1;
      };
      std::vector<RowRun> runs;
      for (int r = e.r0; r <= e.r1; ++r) {
        for (int c = e.c0; c <= e.c1; ++c) {
          if (sets.Find(at(r, c)) != root) continue;
          int end = c;
          while (end + 1 <= e.c1 && sets.Find(at(r, end + 1)) == root && !v_border(r, end)) ++end;
          runs.push_back({r, c, end});
          c = end;
        }
      }
      std::vector<bool> taken(runs.size(), false);
      for (size_t i = 0; i < runs.size(); ++i) {
        if (taken[i]) continue;
        int last_row = runs[i].row;
        for (size_t j = i + 1; j < runs.size(); ++j) {
          const RowRun& below = runs[j];
          if (taken[j] || below.row != last_row + 1 || below.c0 != runs[i].c0 ||
              below.c1 != runs[i].c1)
            continue;
          bool open = true;
          for (int c = below.c0; c <= below.c1; ++c) open = open && !h_border(last_row, c);
          if (!open) continue;
          taken[j] = true;
          last_row = below.row;
        }
        add(runs[i].row, runs[i].c0, last_row, runs[i].c1);
      }
    }
  }
  if (grid.cells.size() < 2) return std::nullopt;
  std::sort(grid.cells.begin(), grid.cells.end(), [](const GridCell& a, const GridCell& b) {
    return a.row != b.row ? a.row < b.row : a.col < b.col;
  });
  return grid;
}

using text::IsCjkLike;

double Height(const BBox& b) { return b.y1 - b.y0; }
double CenterX(const BBox& b) { return (b.x0 + b.x1) / 2; }
double CenterY(const BBox& b) { return (b.y0 + b.y1) / 2; }

BBox Union(const BBox& a, const BBox& b) {
  return {std::min(a.x0, b.x0), std::min(a.y0, b.y0), std::max(a.x1, b.x1), std::max(a.y1, b.y1)};
}

bool Inside(double x, double y, const BBox& b) {
  return x >= b.x0 && x < b.x1 && y >= b.y0 && y < b.y1;
}

struct Line {
  std::vector<LayoutWord> words;
  BBox bbox;
  double band0 = 0, band1 = 0;  // the running mean of the words' tops and bottoms
};

// Groups words into lines: a word joins the line its vertical extent overlaps
// most (at least half of the smaller height); lines come out top to bottom,
// words left to right.
std::vector<Line> BuildLines(std::vector<LayoutWord> words) {
  std::sort(words.begin(), words.end(), [](const LayoutWord& a, const LayoutWord& b) {
    return CenterY(a.bbox) != CenterY(b.bbox) ? CenterY(a.bbox) < CenterY(b.bbox)
                                              : a.bbox.x0 < b.bbox.x0;
  });
  std::vector<Line> lines;
  for (LayoutWord& w : words) {
    Line* best = nullptr;
    double best_overlap = 0;
    for (Line& line : lines) {
      double overlap = std::min(line.band1, w.bbox.y1) - std::max(line.band0, w.bbox.y0);
      double need = 0.5 * std::min(line.band1 - line.band0, Height(w.bbox));
      if (overlap >= need && overlap > best_overlap) {
        best = &line;
        best_overlap = overlap;
      }
    }
    if (!best) {
      lines.push_back(Line{{}, w.bbox, w.bbox.y0, w.bbox.y1});
      best = &lines.back();
    } else {
      double n = static_cast<double>(best->words.size());
      best->band0 = (best->band0 * n + w.bbox.y0) / (n + 1);
      best->band1 = (best->band1 * n + w.bbox.y1) / (n + 1);
      best->bbox = Union(best->bbox, w.bbox);
    }
    best->words.push_back(std::move(w));
  }
  for (Line& line : lines) {
    std::stable_sort(
        line.words.begin(), line.words.end(),
        [](const LayoutWord& a, const LayoutWord& b) { return CenterX(a.bbox) < CenterX(b.bbox); });
  }
  std::sort(lines.begin(), lines.end(), [](const Line& a, const Line& b) {
    return a.bbox.y0 != b.bbox.y0 ? a.bbox.y0 < b.bbox.y0 : a.bbox.x0 < b.bbox.x0;
  });
  return lines;
}

double MedianHeight(const Line& line) {
  std::vector<double> h;
  for (const LayoutWord& w : line.words) h.push_back(Height(w.bbox));
  std::nth_element(h.begin(), h.begin() + h.size() / 2, h.end());
  return std::max(h[h.size() / 2], 1e-6);
}

std::string LineText(const Line& line) {
  const double h = MedianHeight(line);
  std::string out;
  for (size_t i = 0; i < line.words.size(); ++i) {
    const LayoutWord& w = line.words[i];
    if (i > 0) {
      const LayoutWord& prev = line.words[i - 1];
      double gap = w.bbox.x0 - prev.bbox.x1;
      std::u32string a = text::ToU32(prev.text), b = text::ToU32(w.text);
      bool cjk = !a.empty() && !b.empty() && IsCjkLike(a.back()) && IsCjkLike(b.front());
      if (gap > 1.0 * h)
        out += "  ";
      else if (gap > (cjk ? 0.35 : 0.12) * h)
        out += ' ';
    }
    out += w.text;
  }
  return out;
}

Span MakeSpan(const std::vector<Line>& lines, const BBox* cell_box, ReadMethod method, int page) {
  Span span;
  span.page = page;
  span.method = method;
  double conf_sum = 0;
  BBox box = lines.front().bbox;
  for (size_t i = 0; i < lines.size(); ++i) {
    const Line& line = lines[i];
    std::string text = LineText(line);
    if (i > 0) {
      // A line that reached its cell's right edge wrapped; otherwise the
      // writer broke the line.
      const Line& prev = lines[i - 1];
      bool wrapped = cell_box && cell_box->x1 - prev.bbox.x1 < 2.0 * MedianHeight(prev);
      if (wrapped) {
        std::u32string a = text::ToU32(span.text), b = text::ToU32(text);
        if (!a.empty() && !b.empty() && !(IsCjkLike(a.back()) || IsCjkLike(b.front())))
          span.text += ' ';
      } else {
        span.text += '\n';
      }
    }
    span.text += text;
    box = Union(box, line.bbox);
    for (const LayoutWord& w : line.words) {
      span.words.push_back(WordBox{w.text, w.bbox, w.confidence});
      conf_sum += w.confidence;
    }
  }
  span.bbox = box;
  span.confidence = span.words.empty() ? 1.0 : conf_sum / span.words.size();
  return span;
}

double Area(const BBox& b) { return (b.x1 - b.x0) * (b.y1 - b.y0); }

// The cell {grid, cell} a point lies in, the innermost when grids nest;
// {-1, -1} outside every grid.
std::pair<int, int> CellAt(double x, double y, const std::vector<Grid>& grids) {
  std::pair<int, int> found{-1, -1};
  double found_area = 0;
  for (size_t g = 0; g < grids.size(); ++g) {
    if (!Inside(x, y, grids[g].box)) continue;
    if (found.first >= 0 && Area(grids[g].box) >= found_area) continue;
    for (size_t c = 0; c < grids[g].cells.size(); ++c) {
      if (Inside(x, y, grids[g].cells[c].box)) {
        found = {static_cast<int>(g), static_cast<int>(c)};
        found_area = Area(grids[g].box);
        break;
      }
    }
  }
  return found;
}

// Cuts a word whose characters fall into different regions (cells of a grid,
// or outside) at the region changes.
void SplitAcrossBorders(std::vector<LayoutWord>& words, const std::vector<Grid>& grids) {
  auto region = [&](const BBox& b) { return CellAt(CenterX(b), CenterY(b), grids); };
  std::vector<LayoutWord> out;
  out.reserve(words.size());
  for (LayoutWord& w : words) {
    std::u32string cps = text::ToU32(w.text);
    bool touches = false;
    for (const Grid& g : grids)
      touches |= w.bbox.x1 > g.box.x0 && w.bbox.x0 < g.box.x1 && w.bbox.y1 > g.box.y0 &&
                 w.bbox.y0 < g.box.y1;
    if (!touches || w.char_boxes.size() != cps.size() || cps.size() < 2) {
      out.push_back(std::move(w));
      continue;
    }
    std::vector<std::pair<int, int>> regions;
    for (const BBox& b : w.char_boxes) regions.push_back(region(b));
    // A label wider than its cell spills past the table's outer border
    // (年 of 年度继续教育经费 left of the rule): the text layer runs it on
    // into the cell without a gap, so the characters outside at the word's
    // ends are the cell's, when fewer than those inside.
    const std::pair<int, int> outside{-1, -1};
    size_t lead = 0, trail = 0;
    while (lead < regions.size() && regions[lead] == outside) ++lead;
    while (trail < regions.size() && regions[regions.size() - 1 - trail] == outside) ++trail;
    if (lead < regions.size()) {
      const size_t last = regions.size() - 1 - trail;
      size_t first_run = 0, last_run = 0;
      while (lead + first_run <= last && regions[lead + first_run] == regions[lead]) ++first_run;
      while (last_run <= last - lead && regions[last - last_run] == regions[last]) ++last_run;
      if (lead > 0 && lead < first_run)
        std::fill(regions.begin(), regions.begin() + static_cast<std::ptrdiff_t>(lead),
                  regions[lead]);
      if (trail > 0 && trail < last_run)
        std::fill(regions.end() - static_cast<std::ptrdiff_t>(trail), regions.end(), regions[last]);
    }
    size_t start = 0;
    auto emit = [&](size_t end) {
      LayoutWord piece;
      piece.text = text::ToUtf8(cps.substr(start, end - start));
      piece.confidence = w.confidence;
      piece.bbox = w.char_boxes[start];
      for (size_t k = start; k < end; ++k) {
        piece.bbox = Union(piece.bbox, w.char_boxes[k]);
        piece.char_boxes.push_back(w.char_boxes[k]);
      }
      if (!text::Trim(piece.text).empty()) out.push_back(std::move(piece));
    };
    for (size_t k = 1; k < cps.size(); ++k) {
      if (regions[k] != regions[k - 1]) {
        emit(k);
        start = k;
      }
    }
    emit(cps.size());
  }
  words = std::move(out);
}

}  // namespace

std::vector<double> ClusterPositions(std::vector<double> values, double tolerance) {
  std::sort(values.begin(), values.end());
  std::vector<double> out;
  size_t i = 0;
  while (i < values.size()) {
    size_t j = i;
    double sum = values[i];
    while (j + 1 < values.size() && values[j + 1] - values[i] <= tolerance) sum += values[++j];
    out.push_back(sum / static_cast<double>(j - i + 1));
    i = j + 1;
  }
  return out;
}

std::vector<Grid> FindGrids(std::vector<HRule> h, std::vector<VRule> v, double tolerance) {
  for (HRule& r : h)
    if (r.x0 > r.x1) std::swap(r.x0, r.x1);
  for (VRule& r : v)
    if (r.y0 > r.y1) std::swap(r.y0, r.y1);
  {
    std::vector<Run> runs;
    for (const HRule& r : h) runs.push_back({r.y, r.x0, r.x1});
    h.clear();
    for (const Run& r : MergeCollinear(std::move(runs), tolerance))
      h.push_back({r.pos, r.lo, r.hi});
    runs.clear();
    for (const VRule& r : v) runs.push_back({r.x, r.y0, r.y1});
    v.clear();
    for (const Run& r : MergeCollinear(std::move(runs), tolerance))
      v.push_back({r.pos, r.lo, r.hi});
  }
  const size_t nh = h.size();
  Sets sets(nh + v.size());
  for (size_t i = 0; i < nh; ++i) {
    for (size_t j = 0; j < v.size(); ++j) {
      if (v[j].x >= h[i].x0 - tolerance && v[j].x <= h[i].x1 + tolerance &&
          h[i].y >= v[j].y0 - tolerance && h[i].y <= v[j].y1 + tolerance)
        sets.Join(i, nh + j);
    }
  }
  std::map<size_t, std::pair<std::vector<HRule>, std::vector<VRule>>> parts;
  for (size_t i = 0; i < nh; ++i) parts[sets.Find(i)].first.push_back(h[i]);
  for (size_t j = 0; j < v.size(); ++j) parts[sets.Find(nh + j)].second.push_back(v[j]);
  // A piece of a broken border (a photo's hairline lost in places) crosses
  // no rule of its table and would be left out of it, merging the cells it
  // parts: it belongs to the table whose border runs on its line, inside
  // the table's extent.
  {
    using Rules = std::pair<std::vector<HRule>, std::vector<VRule>>;
    std::vector<Rules*> tables;
    for (auto& [root, part] : parts)
      if (part.first.size() >= 2 && part.second.size() >= 2) tables.push_back(&part);
    auto across = [](const Rules& table) {  // the x its column rules span
      double x0 = table.second.front().x, x1 = x0;
      for (const VRule& r : table.second) x0 = std::min(x0, r.x), x1 = std::max(x1, r.x);
      return std::make_pair(x0, x1);
    };
    auto down = [](const Rules& table) {  // the y its row rules span
      double y0 = table.first.front().y, y1 = y0;
      for (const HRule& r : table.first) y0 = std::min(y0, r.y), y1 = std::max(y1, r.y);
      return std::make_pair(y0, y1);
    };
    auto h_piece_of = [&](const HRule& piece) -> std::vector<HRule>* {
      for (auto* table : tables) {
        const auto [x0, x1] = across(*table);
        if (piece.x0 < x0 - tolerance || piece.x1 > x1 + tolerance) continue;
        for (const HRule& r : table->first)
          if (std::abs(r.y - piece.y) <= tolerance) return &table->first;
      }
      return nullptr;
    };
    auto v_piece_of = [&](const VRule& piece) -> std::vector<VRule>* {
      for (auto* table : tables) {
        const auto [y0, y1] = down(*table);
        if (piece.y0 < y0 - tolerance || piece.y1 > y1 + tolerance) continue;
        for (const VRule& r : table->second)
          if (std::abs(r.x - piece.x) <= tolerance) return &table->second;
      }
      return nullptr;
    };
    std::vector<HRule> loose;
    for (auto& [root, part] : parts) {
      if (part.first.size() >= 2 && part.second.size() >= 2) continue;
      for (const HRule& piece : part.first) {
        if (auto* rules = h_piece_of(piece))
          rules->push_back(piece);
        else
          loose.push_back(piece);
      }
      for (const VRule& piece : part.second)
        if (auto* rules = v_piece_of(piece)) rules->push_back(piece);
    }
    // A border drawn in long dashes further apart than the breaks
    // MergeCollinear bridges, with its table's column rules in the gaps,
    // crosses no rule at all: its dashes on one line inside a table, across
    // most of its width, are that border (measured: a photo's rows ruled so,
    // 成立时间 and 法人代表 read as one row).
    constexpr double kAcrossTheTable = 0.6;
    std::sort(loose.begin(), loose.end(), [](const HRule& a, const HRule& b) { return a.y < b.y; });
    for (size_t i = 0; i < loose.size();) {
      size_t j = i;
      while (j < loose.size() && loose[j].y - loose[i].y <= tolerance) ++j;
      std::vector<std::pair<double, double>> dashes;
      for (size_t k = i; k < j; ++k) dashes.emplace_back(loose[k].x0, loose[k].x1);
      const double y = loose[i].y;
      for (auto* table : tables) {
        const auto [x0, x1] = across(*table);
        const auto [y0, y1] = down(*table);
        if (y <= y0 + tolerance || y >= y1 - tolerance) continue;
        if (Covered(x0, x1, dashes) < kAcrossTheTable * (x1 - x0)) continue;
        // A frame with no column inside is no table but a certificate's
        // double border: its inner line, broken where a stamp or the text
        // touched it, is no row (measured: a licence photo read as one cell).
        bool has_columns = false;
        for (const VRule& r : table->second)
          has_columns = has_columns || (r.x > x0 + tolerance && r.x < x1 - tolerance);
        if (!has_columns) continue;
        // One rule across the table, the gaps between its dashes filled
        // (some are lost where text or a column rule touched them), when it
        // runs from side to side: its ends no further off the table's sides
        // than its widest gap. A table ruled inside a cell, its rules
        // across the cell alone, is no border of the outer one.
        std::sort(dashes.begin(), dashes.end());
        double widest_gap = 0, reach = dashes.front().second;
        for (const auto& [d0, d1] : dashes) {
          widest_gap = std::max(widest_gap, d0 - reach);
          reach = std::max(reach, d1);
        }
        if (dashes.front().first - x0 > widest_gap + tolerance ||
            x1 - reach > widest_gap + tolerance)
          continue;
        table->first.push_back({y, x0, x1});
        break;
      }
      i = j;
    }
  }
  std::vector<Grid> grids;
  // A double frame drawn around a page's text (a certificate's border)
  // makes a grid whose one inner cell is nearly all of it, the strips
  // between its two lines all around the others: no table, its text is read
  // as lines. (A table's wide value cell reaches the table's edges.)
  constexpr double kFrameShare = 0.8;
  auto is_frame = [&](const Grid& grid) {
    const double whole = Area(grid.box);
    return std::any_of(grid.cells.begin(), grid.cells.end(), [&](const GridCell& cell) {
      const bool inner = cell.row > 0 && cell.col > 0 && cell.row + cell.row_span < grid.rows() &&
                         cell.col + cell.col_span < grid.cols();
      return inner && whole > 0 && Area(cell.box) >= kFrameShare * whole;
    });
  };
  for (auto& [root, part] : parts) {
    if (part.first.size() < 2 || part.second.size() < 2) continue;
    if (auto grid = BuildGrid(part.first, part.second, tolerance); grid && !is_frame(*grid))
      grids.push_back(*grid);
  }
  std::sort(grids.begin(), grids.end(), [](const Grid& a, const Grid& b) {
    return a.box.y0 != b.box.y0 ? a.box.y0 < b.box.y0 : a.box.x0 < b.box.x0;
  });
  return grids;
}

void LayoutPage(std::vector<LayoutWord> words, const std::vector<Grid>& grids, ReadMethod method,
                int page_number, PageContent* out) {
  words.erase(std::remove_if(words.begin(), words.end(),
                             [](const LayoutWord& w) { return text::Trim(w.text).empty(); }),
              words.end());
  if (!grids.empty()) SplitAcrossBorders(words, grids);

  // cell_words[g][c]: the words of cell c of grid g.
  std::vector<std::vector<std::vector<LayoutWord>>> cell_words(grids.size());
  for (size_t g = 0; g < grids.size(); ++g) cell_words[g].resize(grids[g].cells.size());
  std::vector<LayoutWord> free_words;
  for (LayoutWord& w : words) {
    const auto [g, c] = CellAt(CenterX(w.bbox), CenterY(w.bbox), grids);
    if (g >= 0)
      cell_words[static_cast<size_t>(g)][static_cast<size_t>(c)].push_back(std::move(w));
    else
      free_words.push_back(std::move(w));
  }
  const std::vector<std::pair<int, int>> parents = GridParents(grids);
  // children[g][c]: the grids drawn in cell c of grid g, top to bottom.
  std::vector<std::vector<std::vector<int>>> children(grids.size());
  for (size_t g = 0; g < grids.size(); ++g) children[g].resize(grids[g].cells.size());
  for (size_t g = 0; g < grids.size(); ++g)
    if (parents[g].first >= 0)
      children[static_cast<size_t>(parents[g].first)][static_cast<size_t>(parents[g].second)]
          .push_back(static_cast<int>(g));
  // Every word inside a grid, nested ones included: a cell's span holds the
  // text of the tables drawn in it.
  std::function<void(int, std::vector<LayoutWord>*)> words_within =
      [&](int g, std::vector<LayoutWord>* to) {
        for (size_t c = 0; c < grids[static_cast<size_t>(g)].cells.size(); ++c) {
          const auto& own = cell_words[static_cast<size_t>(g)][c];
          to->insert(to->end(), own.begin(), own.end());
          for (int child : children[static_cast<size_t>(g)][c]) words_within(child, to);
        }
      };
  std::function<bool(int)> any_words = [&](int g) {
    for (size_t c = 0; c < grids[static_cast<size_t>(g)].cells.size(); ++c) {
      if (!cell_words[static_cast<size_t>(g)][c].empty()) return true;
      for (int child : children[static_cast<size_t>(g)][c])
        if (any_words(child)) return true;
    }
    return false;
  };

  // Blocks in reading order: a line, or a table at its top border.
  struct Block {
    double y, x;
    int line = -1, grid = -1;
  };
  std::vector<Line> lines = BuildLines(std::move(free_words));
  std::vector<Block> blocks;
  for (size_t i = 0; i < lines.size(); ++i)
    blocks.push_back({lines[i].bbox.y0, lines[i].bbox.x0, static_cast<int>(i), -1});
  for (size_t g = 0; g < grids.size(); ++g) {
    if (parents[g].first < 0 && any_words(static_cast<int>(g)))
      blocks.push_back({grids[g].box.y0, grids[g].box.x0, -1, static_cast<int>(g)});
  }
  std::stable_sort(blocks.begin(), blocks.end(), [](const Block& a, const Block& b) {
    return a.y != b.y ? a.y < b.y : a.x < b.x;
  });

  const std::string page_prefix = "page " + std::to_string(page_number) + " ";
  // A table, then the tables nested in its cells; `prefix` begins each
  // locator ("page 3 " or a parent cell's locator and " > "), `number` is
  // the table's within it.
  std::function<void(int, const std::string&, int)> emit_table =
      [&](int g, const std::string& prefix, int number) {
        const Grid& grid = grids[static_cast<size_t>(g)];
        Table table;
        table.page = page_number;
        table.rows = grid.rows();
        table.cols = grid.cols();
        const int table_index = static_cast<int>(out->tables.size());
        out->tables.emplace_back();
        std::vector<std::pair<std::string, std::vector<int>>> nested;  // cell locator, its grids
        for (size_t c = 0; c < grid.cells.size(); ++c) {
          const GridCell& gc = grid.cells[c];
          Cell cell{gc.row, gc.col, gc.row_span, gc.col_span, -1};
          std::vector<LayoutWord> in_cell = cell_words[static_cast<size_t>(g)][c];
          const std::vector<int>& inner = children[static_cast<size_t>(g)][c];
          for (int child : inner) words_within(child, &in_cell);
          const std::string locator = prefix + "table " + std::to_string(number) + " row " +
                                      std::to_string(gc.row + 1) + " cell " +
                                      std::to_string(gc.col + 1);
          if (!in_cell.empty()) {
            Span span = MakeSpan(BuildLines(std::move(in_cell)), &gc.box, method, page_number);
            span.locator = locator;
            span.table = table_index;
            span.row = gc.row;
            span.col = gc.col;
            cell.span_id = static_cast<int>(out->spans.size());
            out->spans.push_back(std::move(span));
            if (!inner.empty()) nested.emplace_back(locator, inner);
          }
          table.cells.push_back(cell);
        }
        out->tables[static_cast<size_t>(table_index)] = std::move(table);
        for (const auto& [locator, inner] : nested) {
          int k = 0;
          for (int child : inner)
            if (any_words(child)) emit_table(child, locator + " > ", ++k);
        }
      };
  int line_no = 0, table_no = 0;
  for (const Block& block : blocks) {
    if (block.line >= 0) {
      Span span = MakeSpan({lines[block.line]}, nullptr, method, page_number);
      span.locator = page_prefix + "line " + std::to_string(++line_no);
      out->spans.push_back(std::move(span));
      continue;
    }
    emit_table(block.grid, page_prefix, ++table_no);
  }
}

std::vector<std::pair<int, int>> GridParents(const std::vector<Grid>& grids) {
  std::vector<std::pair<int, int>> parents(grids.size(), {-1, -1});
  for (size_t g = 0; g < grids.size(); ++g) {
    const BBox& b = grids[g].box;
    double parent_area = 0;
    for (size_t p = 0; p < grids.size(); ++p) {
      if (p == g || Area(grids[p].box) <= Area(b)) continue;
      for (size_t c = 0; c < grids[p].cells.size(); ++c) {
        const BBox& cell = grids[p].cells[c].box;
        if (b.x0 < cell.x0 || b.y0 < cell.y0 || b.x1 > cell.x1 || b.y1 > cell.y1) continue;
        if (parents[g].first < 0 || Area(grids[p].box) < parent_area) {
          parents[g] = {static_cast<int>(p), static_cast<int>(c)};
          parent_area = Area(grids[p].box);
        }
      }
    }
  }
  return parents;
}

void MapBoxes(PageContent* content, const std::function<BBox(const BBox&)>& map) {
  for (Span& span : content->spans) {
    if (span.bbox) span.bbox = map(*span.bbox);
    for (WordBox& w : span.words) w.bbox = map(w.bbox);
  }
}

void AppendPage(PageContent&& content, Document* doc) {
  Document page;
  page.pages.push_back(std::move(content.page));
  page.spans = std::move(content.spans);
  page.tables = std::move(content.tables);
  page.warnings = std::move(content.warnings);
  AppendDocument(std::move(page), doc);
}

}  // namespace dossier::extract_internal
