#include "pdf_writer.h"

#include <cairo-pdf.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "dossier/common/text.h"
#include "text_layout.h"
#include "zh_words.h"

namespace dossier::reports_internal {

namespace {

constexpr double kPageW = 595.276;  // A4 in points
constexpr double kPageH = 841.89;
constexpr double kLeft = 46;
constexpr double kTop = 52;
constexpr double kBottom = 60;
constexpr double kWidth = kPageW - 2 * kLeft;
constexpr double kCellPad = 3.5;

constexpr uint32_t kInk = 0x1a1a1a;
constexpr uint32_t kMuted = 0x666666;
constexpr uint32_t kRule = 0x37474f;
constexpr uint32_t kGrid = 0xb0b0b0;
constexpr uint32_t kHeadFill = 0xeceff1;
constexpr uint32_t kMetFill = 0xc8e6c9;
constexpr uint32_t kNotMetFill = 0xffcdd2;
constexpr uint32_t kUnknownFill = 0xfff9c4;
constexpr uint32_t kLowFill = 0xfffde7;
constexpr uint32_t kDisagreeFill = 0xfff0f0;
constexpr uint32_t kLowEdge = 0xf9a825;
constexpr uint32_t kDisagreeEdge = 0xc62828;

void SetRgb(cairo_t* cr, uint32_t rgb) {
  cairo_set_source_rgb(cr, ((rgb >> 16) & 255) / 255.0, ((rgb >> 8) & 255) / 255.0,
                       (rgb & 255) / 255.0);
}

uint32_t OutcomeFill(const std::string& outcome_name) {
  const std::optional<norm::CheckOutcome> outcome = norm::CheckOutcomeFromName(outcome_name);
  if (!outcome) return 0xffffff;
  switch (*outcome) {
    case norm::CheckOutcome::kMet:
      return kMetFill;
    case norm::CheckOutcome::kNotMet:
      return kNotMetFill;
    case norm::CheckOutcome::kUnknown:
      return kUnknownFill;
  }
  return 0xffffff;
}

struct CellSpec {
  std::string text;
  TextStyle style{8.5, false, 0, false};
  uint32_t fill = 0xffffff;
  uint32_t color = kInk;
};
using Row = std::vector<CellSpec>;

// The section names, in order, with their TOC wording.
const std::vector<std::pair<std::string, std::string>>& SectionNames() {
  static const std::vector<std::pair<std::string, std::string>> kNames = {
      {"checks", "一、审查项目"},
      {"findings", "二、发现的问题"},
      {"fields", "三、申报表字段及来源"},
      {"evidence", "四、证据材料"},
  };
  return kNames;
}

// A top-to-bottom flow of blocks over A4 pages. The same code runs twice:
// once without drawing to learn on which page each section starts and how
// many pages there are, then drawing with those numbers known. Text metrics
// do not depend on the pass (hinting is off), so both passes break pages at
// the same places.
class Flow {
 public:
  Flow(cairo_surface_t* surface, bool draw, std::string running_title,
       std::map<std::string, int> known_sections, int known_pages)
      : cr_(cairo_create(surface)),
        draw_(draw),
        surface_(surface),
        running_title_(std::move(running_title)),
        known_sections_(std::move(known_sections)),
        known_pages_(known_pages) {}

  cairo_t* cr() { return cr_.get(); }
  bool draw() const { return draw_; }
  double y() const { return y_; }
  int page() const { return page_; }
  const std::map<std::string, int>& sections() const { return sections_; }
  int KnownSectionPage(const std::string& id) const {
    auto it = known_sections_.find(id);
    return it == known_sections_.end() ? 0 : it->second;
  }

  void Advance(double dy) { y_ += dy; }

  double Remaining() const { return kPageH - kBottom - y_; }

  void Break() {
    Footer();
    cairo_show_page(cr_.get());
    ++page_;
    y_ = kTop;
  }

  // Starts a new page unless `h` fits (a block taller than a page is drawn
  // from the top of a fresh page and may run into the margin).
  void Need(double h) {
    if (h > Remaining() && y_ > kTop + 0.5) Break();
  }

  void Finish() {
    Footer();
    cairo_show_page(cr_.get());
  }

  LayoutPtr Layout(std::string_view text, const TextStyle& style, double width) {
    return MakeLayout(cr_.get(), text, style, width);
  }

  static double Height(PangoLayout* l) {
    double w, h;
    LayoutSize(l, &w, &h);
    return h;
  }

  void Show(PangoLayout* l, double x, double y, uint32_t color) {
    if (!draw_) return;
    SetRgb(cr_.get(), color);
    ShowLayout(cr_.get(), l, x, y);
  }

  void Paragraph(std::string_view text, const TextStyle& style, uint32_t color = kInk,
                 double space_after = 4, double indent = 0) {
    LayoutPtr l = Layout(text, style, kWidth - indent);
    const double h = Height(l.get());
    Need(h);
    Show(l.get(), kLeft + indent, y_, color);
    y_ += h + space_after;
  }

  void Heading(const std::string& id, const std::string& text) {
    LayoutPtr l = Layout(text, TextStyle{14, true, 0, false}, kWidth);
    const double h = Height(l.get());
    Need(h + 60);  // never a heading alone at the foot of a page
    y_ += 6;
    sections_[id] = page_;
    if (draw_) {
      cairo_pdf_surface_add_outline(surface_, CAIRO_PDF_OUTLINE_ROOT, text.c_str(),
                                    ("page=" + std::to_string(page_)).c_str(),
                                    static_cast<cairo_pdf_outline_flags_t>(0));
    }
    Show(l.get(), kLeft, y_, kInk);
    y_ += h + 3;
    if (draw_) {
      SetRgb(cr_.get(), kRule);
      cairo_set_line_width(cr_.get(), 1.2);
      cairo_move_to(cr_.get(), kLeft, y_);
      cairo_line_to(cr_.get(), kLeft + kWidth, y_);
      cairo_stroke(cr_.get());
    }
    y_ += 8;
  }

  // A table whose rows never split; the header is repeated after a break.
  void Table(const std::vector<double>& widths, const Row& header, const std::vector<Row>& rows) {
    auto height_of = [&](const Row& row) {
      double h = 0;
      for (size_t i = 0; i < row.size() && i < widths.size(); ++i) {
        LayoutPtr l = Layout(row[i].text, row[i].style, widths[i] - 2 * kCellPad);
        h = std::max(h, Height(l.get()));
      }
      return h + 2 * kCellPad;
    };
    const double header_h = header.empty() ? 0 : height_of(header);
    bool header_due = !header.empty();
    for (const Row& row : rows) {
      const double h = height_of(row);
      if (h + (header_due ? header_h : 0) > Remaining() && y_ > kTop + 0.5) {
        Break();
        header_due = !header.empty();
      }
      if (header_due) {
        DrawRow(widths, header, header_h);
        header_due = false;
      }
      DrawRow(widths, row, h);
    }
    if (rows.empty() && !header.empty()) {
      Need(header_h);
      DrawRow(widths, header, header_h);
    }
    y_ += 6;
  }

  // Draws an image surface, or a recording surface of src_w × src_h units,
  // into w × h points at (x, y()).
  void Image(cairo_surface_t* s, double x, double w, double h, double src_w = 0, double src_h = 0) {
    if (src_w <= 0) {
      src_w = reports_internal::Width(s);
      src_h = reports_internal::Height(s);
    }
    if (draw_) {
      cairo_t* c = cr_.get();
      cairo_save(c);
      cairo_translate(c, x, y_);
      cairo_scale(c, w / src_w, h / src_h);
      cairo_set_source_surface(c, s, 0, 0);
      cairo_pattern_set_filter(cairo_get_source(c), CAIRO_FILTER_GOOD);
      cairo_paint(c);
      cairo_restore(c);
      SetRgb(c, kGrid);
      cairo_set_line_width(c, 0.5);
      cairo_rectangle(c, x, y_, w, h);
      cairo_stroke(c);
    }
  }

  void Box(double x, double y, double w, double h, uint32_t fill, uint32_t edge, double edge_w) {
    if (!draw_) return;
    cairo_t* c = cr_.get();
    cairo_rectangle(c, x, y, w, h);
    SetRgb(c, fill);
    cairo_fill(c);
    if (edge_w > 0) {
      SetRgb(c, edge);
      cairo_rectangle(c, x, y, edge_w, h);
      cairo_fill(c);
    }
  }

 private:
  void DrawRow(const std::vector<double>& widths, const Row& row, double h) {
    double x = kLeft;
    for (size_t i = 0; i < row.size() && i < widths.size(); ++i) {
      if (draw_) {
        cairo_t* c = cr_.get();
        cairo_rectangle(c, x, y_, widths[i], h);
        SetRgb(c, row[i].fill);
        cairo_fill_preserve(c);
        SetRgb(c, kGrid);
        cairo_set_line_width(c, 0.6);
        cairo_stroke(c);
        LayoutPtr l = Layout(row[i].text, row[i].style, widths[i] - 2 * kCellPad);
        Show(l.get(), x + kCellPad, y_ + kCellPad, row[i].color);
      }
      x += widths[i];
    }
    y_ += h;
  }

  void Footer() {
    if (!draw_) return;
    cairo_t* c = cr_.get();
    SetRgb(c, kGrid);
    cairo_set_line_width(c, 0.5);
    cairo_move_to(c, kLeft, kPageH - kBottom + 18);
    cairo_line_to(c, kLeft + kWidth, kPageH - kBottom + 18);
    cairo_stroke(c);
    TextStyle small{8, false, 1, false};
    LayoutPtr left = Layout("审查档案 · " + running_title_, small, kWidth * 0.7);
    Show(left.get(), kLeft, kPageH - kBottom + 22, kMuted);
    LayoutPtr right =
        Layout("第 " + std::to_string(page_) + " 页 / 共 " + std::to_string(known_pages_) + " 页",
               small, -1);
    double w, h;
    LayoutSize(right.get(), &w, &h);
    Show(right.get(), kLeft + kWidth - w, kPageH - kBottom + 22, kMuted);
  }

  ContextPtr cr_;
  bool draw_;
  cairo_surface_t* surface_;
  std::string running_title_;
  std::map<std::string, int> known_sections_;
  int known_pages_;
  std::map<std::string, int> sections_;
  double y_ = kTop;
  int page_ = 1;
};

// Picture size on the page: pictures are drawn at 1.5 pixels per CSS pixel,
// and a CSS pixel is 0.75 pt; capped to the width and a third of a page.
void PictureSize(cairo_surface_t* s, double max_w, double* w, double* h) {
  double f = 0.5;
  f = std::min(f, max_w / Width(s));
  f = std::min(f, 260.0 / Height(s));
  *w = Width(s) * f;
  *h = Height(s) * f;
}

void FieldBlock(Flow& flow, const FieldItem& f) {
  const double inner = kWidth - 14;
  std::string head = f.label + "（" + f.key + "）";
  std::string flags;
  if (f.low_confidence) flags += "【低置信度】";
  if (f.disagreeing) flags += "【材料不一致】";
  LayoutPtr head_l = flow.Layout(head, TextStyle{9.5, true, 0, false}, inner * 0.38);
  LayoutPtr value_l = flow.Layout(f.value_text + (flags.empty() ? "" : "  " + flags),
                                  TextStyle{10.5, false, 0, false}, inner * 0.62 - 6);
  const double head_h = std::max(Flow::Height(head_l.get()), Flow::Height(value_l.get()));

  struct Part {
    LayoutPtr text;
    double text_h = 0;
    const Picture* pic = nullptr;
    double pic_w = 0, pic_h = 0;
  };
  std::vector<Part> parts;
  for (const SourceItem& s : f.sources) {
    Part p;
    std::string line = "原文：" + s.source.raw + "　｜　" + s.method_word + "　｜　置信度 " +
                       ConfidenceText(s.source.confidence) + "　｜　" + s.source.file +
                       (s.place.empty() ? "" : "　" + s.place);
    if (!s.picture) line += "\n（来源图像无法生成：" + s.picture_error + "）";
    p.text = flow.Layout(line, TextStyle{7.5, false, 0, false}, inner);
    p.text_h = Flow::Height(p.text.get());
    if (s.picture) {
      p.pic = s.picture.get();
      PictureSize(p.pic->surface.get(), inner, &p.pic_w, &p.pic_h);
    }
    parts.push_back(std::move(p));
  }
  // The head stays with the first source; later sources may go to the next
  // page, each with its own stretch of the field's background.
  auto part_height = [](const Part& p) { return p.text_h + 2 + (p.pic ? p.pic_h + 4 : 0); };
  const uint32_t fill = f.disagreeing ? kDisagreeFill : (f.low_confidence ? kLowFill : 0xf7f9fa);
  const uint32_t edge = f.disagreeing ? kDisagreeEdge : (f.low_confidence ? kLowEdge : 0xcfd8dc);
  for (size_t i = 0; i <= parts.size(); ++i) {
    if (i == parts.size() && !parts.empty()) break;
    const bool first = i == 0;
    const double head_part = first ? 6 + head_h + 4 : 2;
    const double body = i < parts.size() ? part_height(parts[i]) : 0;
    const bool last = i + 1 >= parts.size();
    const double total = head_part + body + (last ? 6 : 0);
    flow.Need(total);
    const double top = flow.y();
    flow.Box(kLeft, top, kWidth, total - (last ? 2 : 0), fill, edge, 4);
    double y = top;
    if (first) {
      flow.Show(head_l.get(), kLeft + 10, y + 6, kInk);
      flow.Show(value_l.get(), kLeft + 10 + inner * 0.38 + 6, y + 6,
                f.disagreeing ? kDisagreeEdge : kInk);
    }
    y += head_part;
    if (i < parts.size()) {
      const Part& p = parts[i];
      flow.Show(p.text.get(), kLeft + 10, y, kMuted);
      y += p.text_h + 2;
      if (p.pic) {
        flow.Advance(y - flow.y());
        if (p.pic->vector) {
          flow.Image(p.pic->vector.get(), kLeft + 10, p.pic_w, p.pic_h, p.pic->vector_width,
                     p.pic->vector_height);
        } else {
          flow.Image(p.pic->surface.get(), kLeft + 10, p.pic_w, p.pic_h);
        }
      }
    }
    flow.Advance(top + total - flow.y());
  }
}

void Render(Flow& flow, const AppReport& r) {
  const ApplicationView& app = *r.app;
  flow.Paragraph(r.track == norm::kNationalTrack ? "国家级专业技术人员继续教育基地申报 · 审查档案"
                                                 : "山东省专业技术人员继续教育基地申报 · 审查档案",
                 TextStyle{10, false, 0, false}, kMuted, 2);
  flow.Paragraph(r.unit_name, TextStyle{20, true, 0, false}, kInk, 10);

  const std::vector<double> kv = {kWidth * 0.17, kWidth * 0.33, kWidth * 0.19, kWidth * 0.31};
  TextStyle th{8.5, true, 0, false};
  auto head = [&](std::string t) { return CellSpec{std::move(t), th, kHeadFill, kInk}; };
  auto cell = [&](std::string t) {
    return CellSpec{std::move(t), TextStyle{8.5, false, 0, false}, 0xffffff, kInk};
  };
  const Overview& o = r.overview;
  std::string overview = app.checks.empty() ? std::string("尚无审查结果")
                                            : "符合 " + std::to_string(o.met) + " 项，不符合 " +
                                                  std::to_string(o.not_met) + " 项，无法判断 " +
                                                  std::to_string(o.unknown) + " 项";
  overview += "；发现问题 " + std::to_string(o.findings) + " 条";
  flow.Table(kv, {},
             {{head("申报单位"), cell(r.unit_name), head("统一社会信用代码"),
               cell(r.credit_code.empty() ? "（未读取到）" : r.credit_code)},
              {head("推荐单位"), cell(r.recommender), head("所在市"),
               cell(r.city.empty() ? "（未读取到）" : r.city)},
              {head("总体情况"), cell(overview), head("申请编号"), cell(app.id)},
              {head("申报类别"), cell(TrackWord(r.track)), head("审查项目"),
               cell(TrackChecksWord(r.track))}});

  // Table of contents: the pages come from the first pass.
  flow.Paragraph("目录", TextStyle{13, true, 0, false}, kInk, 4);
  for (const auto& [id, name] : SectionNames()) {
    LayoutPtr l = flow.Layout(name, TextStyle{10.5, false, 0, false}, kWidth - 60);
    const double h = Flow::Height(l.get());
    flow.Need(h);
    const int page = flow.KnownSectionPage(id);
    if (flow.draw()) {
      cairo_tag_begin(flow.cr(), CAIRO_TAG_LINK, ("page=" + std::to_string(page)).c_str());
      flow.Show(l.get(), kLeft + 12, flow.y(), kInk);
      LayoutPtr n = flow.Layout(std::to_string(page), TextStyle{10.5, false, 0, false}, -1);
      double w, hh;
      LayoutSize(n.get(), &w, &hh);
      flow.Show(n.get(), kLeft + kWidth - w, flow.y(), kInk);
      cairo_tag_end(flow.cr(), CAIRO_TAG_LINK);
      cairo_t* c = flow.cr();
      SetRgb(c, kGrid);
      cairo_set_line_width(c, 0.5);
      double dashes[] = {1, 2};
      cairo_set_dash(c, dashes, 2, 0);
      cairo_move_to(c, kLeft + 130, flow.y() + h - 3);
      cairo_line_to(c, kLeft + kWidth - w - 6, flow.y() + h - 3);
      cairo_stroke(c);
      cairo_set_dash(c, nullptr, 0, 0);
    }
    flow.Advance(h + 3);
  }
  flow.Advance(8);

  const auto& names = SectionNames();
  flow.Heading(names[0].first, names[0].second);
  if (app.checks.empty()) {
    flow.Paragraph("尚无审查结果。", TextStyle{9.5, false, 0, false}, kMuted);
  } else {
    std::vector<Row> rows;
    for (const norm::CheckResult& c : app.checks) {
      rows.push_back({CellSpec{c.id, TextStyle{9, true, 0, false}, 0xffffff, kInk},
                      cell(CheckTitle(c.id)),
                      CellSpec{OutcomeWord(c.outcome), TextStyle{9, true, 0, false},
                               OutcomeFill(c.outcome), kInk},
                      cell(c.detail)});
    }
    flow.Table({kWidth * 0.07, kWidth * 0.27, kWidth * 0.12, kWidth * 0.54},
               {head("编号"), head("审查内容"), head("结果"), head("说明")}, rows);
  }

  flow.Heading(names[1].first, names[1].second);
  if (app.findings.empty()) {
    flow.Paragraph("未发现问题。", TextStyle{9.5, false, 0, false}, kMuted);
  } else {
    std::vector<Row> rows;
    for (const norm::Finding& f : app.findings)
      rows.push_back({cell(FindingWord(f.code)), cell(f.detail)});
    flow.Table({kWidth * 0.22, kWidth * 0.78}, {head("类型"), head("说明")}, rows);
  }

  flow.Heading(names[2].first, names[2].second);
  flow.Paragraph(
      "每个值均注明读取位置；图中红框为读取该值的位置。黄色为低置信度，红色为材料之间不一致。",
      TextStyle{8.5, false, 0, false}, kMuted, 6);
  std::string missing;
  for (const FieldItem& f : r.fields) {
    if (!f.present) {
      missing += (missing.empty() ? "" : "、") + f.label;
      continue;
    }
    FieldBlock(flow, f);
  }
  if (!missing.empty()) {
    flow.Paragraph("未读取到的字段：" + missing, TextStyle{9, false, 0, false}, kMuted, 6);
  }

  flow.Heading(names[3].first, names[3].second);
  for (const EvidenceItem& e : r.evidence) {
    flow.Table({kWidth * 0.16, kWidth * 0.84}, {},
               {{head("类型"), cell(KindWord(e.document.kind))},
                {head("文件"), cell(e.document.file)},
                {head("SHA-256"),
                 CellSpec{e.document.sha256, TextStyle{7.5, false, 0, true}, 0xffffff, kInk}},
                {head("页码"), cell(e.pages_text)},
                {head("归属依据"), cell(e.assigned_text)}});
    flow.Advance(-4);
    if (!e.thumbnails.empty()) {
      constexpr double kThumbW = 62;
      double x = kLeft;
      double row_h = 0;
      for (const Thumb& t : e.thumbnails) {
        cairo_surface_t* s = t.surface->get();
        const double h = kThumbW * Height(s) / Width(s);
        if (x + kThumbW > kLeft + kWidth) {
          flow.Advance(row_h + 4);
          x = kLeft;
          row_h = 0;
        }
        if (x == kLeft) flow.Need(h);
        flow.Image(s, x, kThumbW, h);
        row_h = std::max(row_h, h);
        x += kThumbW + 6;
      }
      flow.Advance(row_h + 4);
    }
    if (!e.note.empty()) flow.Paragraph(e.note, TextStyle{8, false, 0, false}, kMuted, 2);
    flow.Advance(8);
  }
  flow.Paragraph("本档案由 dossier 根据已入库材料生成，未重新读取文件内容。",
                 TextStyle{8, false, 0, false}, kMuted, 0);
}

cairo_status_t Discard(void*, const unsigned char*, unsigned int) { return CAIRO_STATUS_SUCCESS; }

cairo_status_t Append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

Status WriteApplicationPdf(const AppReport& report, const std::filesystem::path& path) {
  // Pass 1: where the sections start and how many pages there are.
  std::map<std::string, int> sections;
  int pages = 0;
  {
    cairo_surface_t* surface =
        cairo_pdf_surface_create_for_stream(Discard, nullptr, kPageW, kPageH);
    {
      Flow flow(surface, false, report.unit_name, {}, 0);
      Render(flow, report);
      sections = flow.sections();
      pages = flow.page();
    }
    cairo_surface_destroy(surface);
  }
  // Pass 2: drawn.
  std::string bytes;
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(Append, &bytes, kPageW, kPageH);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE,
                                 ("审查档案 · " + text::ShowControls(report.unit_name)).c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "dossier");
  {
    Flow flow(surface, true, report.unit_name, sections, pages);
    Render(flow, report);
    flow.Finish();
  }
  cairo_surface_finish(surface);
  const cairo_status_t st = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (st != CAIRO_STATUS_SUCCESS) {
    return Status::Internal("cannot draw the PDF dossier of " + report.unit_name + ": " +
                            cairo_status_to_string(st));
  }
  return WriteFileAtomically(path, bytes);
}

}  // namespace dossier::reports_internal
