#include "html_writer.h"

#include <cmath>
#include <map>
#include <system_error>

#include "dossier/common/text.h"
#include "zh_words.h"

namespace dossier::reports_internal {

namespace {

// No script may run in a dossier, whatever a value holds: the values are
// escaped, and the policy forbids scripts and plug-ins should escaping ever
// miss a case.
constexpr const char* kHead = R"(<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src 'self' data: file:; style-src 'unsafe-inline'; script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
)";

constexpr const char* kStyle = R"(<style>
body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif;
       color: #1a1a1a; background: #fff; margin: 0 auto; max-width: 1100px; padding: 24px; line-height: 1.5; font-size: 14px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; border-bottom: 2px solid #37474f; padding-bottom: 4px; margin-top: 32px; }
.sub { color: #555; margin: 0 0 12px; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #b0b0b0; padding: 4px 8px; vertical-align: top; text-align: left; }
th { background: #eceff1; font-weight: 600; white-space: nowrap; }
.kv th { width: 9em; }
.pill { display: inline-block; border-radius: 3px; padding: 0 6px; margin-right: 6px; font-weight: 600; white-space: nowrap; }
.met { background: #c8e6c9; color: #1b5e20; }
.not_met { background: #ffcdd2; color: #b71c1c; }
.unknown { background: #fff9c4; color: #795500; }
.neutral { background: #e0e0e0; color: #333; }
.id { font-weight: 700; white-space: nowrap; }
.mono { font-family: "Noto Sans Mono CJK SC", "DejaVu Sans Mono", monospace; font-size: 12px; word-break: break-all; }
.toc ol { margin: 4px 0; }
.field { border: 1px solid #cfd8dc; border-radius: 4px; padding: 8px 10px; margin: 10px 0; break-inside: avoid; page-break-inside: avoid; }
.field .head { display: flex; flex-wrap: wrap; gap: 8px; align-items: baseline; }
.field .label { font-weight: 700; }
.field .key { color: #78909c; font-size: 12px; }
.field .value { font-size: 16px; background: #f5f5f5; padding: 0 6px; border-radius: 3px; word-break: break-all; }
.field.low { border-left: 6px solid #f9a825; background: #fffde7; }
.field.disagree { border-left: 6px solid #c62828; background: #fff5f5; }
.flag { font-size: 12px; font-weight: 700; padding: 0 6px; border-radius: 3px; }
.flag.low { background: #f9a825; color: #000; }
.flag.disagree { background: #c62828; color: #fff; }
.source { margin-top: 6px; }
.source table td, .source table th { font-size: 12px; }
figure { margin: 6px 0 0; }
figure img { max-width: 100%; height: auto; border: 1px solid #ccc; }
figcaption { font-size: 12px; color: #666; }
.nopic { font-size: 12px; color: #8d6e63; }
.thumbs img { border: 1px solid #bbb; margin: 2px; vertical-align: top; }
.missing { color: #666; }
.empty { color: #666; font-style: italic; }
footer { margin-top: 40px; color: #888; font-size: 12px; }
@page { size: A4; margin: 14mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  a { color: inherit; text-decoration: none; }
  h2 { break-after: avoid; page-break-after: avoid; }
  tr, figure, .field { break-inside: avoid; page-break-inside: avoid; }
  .pill, .flag, th, .field.low, .field.disagree { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  nav.toc { break-after: page; page-break-after: always; }
}
</style>
</head>
)";

// The pill's CSS class: the outcome's name (styled above), "neutral" for a
// stored name no outcome has.
std::string PillClass(const std::string& outcome) {
  return norm::CheckOutcomeFromName(outcome) ? outcome : "neutral";
}

std::string Pill(const std::string& outcome) {
  return "<span class=\"pill " + PillClass(outcome) + "\">" + HtmlEscape(OutcomeWord(outcome)) +
         "</span>";
}

std::string CheckPills(const std::vector<norm::CheckResult>& checks) {
  std::string h;
  for (const norm::CheckResult& c : checks) {
    const std::string cls = PillClass(c.outcome);
    h += "<span class=\"pill " + cls + "\" title=\"" + HtmlEscape(OutcomeWord(c.outcome)) + "\">" +
         HtmlEscape(c.id) + " " + HtmlEscape(OutcomeWord(c.outcome)) + "</span>";
  }
  return h;
}

std::string Links(const std::string& stem) {
  return "<a href=\"" + UrlPath(stem + ".html") + "\">HTML</a> · <a href=\"" +
         UrlPath(stem + ".pdf") + "\">PDF</a>";
}

std::string OrDash(const std::string& s) { return s.empty() ? "—" : s; }

// The national candidates side by side, with the figures the panel compares
// when it chooses the one the province forwards (N2).
std::string NationalSection(const std::vector<const IndexEntry*>& list,
                            const std::map<std::string, std::string>& sheet_of,
                            const std::string& sheet_key) {
  std::string h = "<section id=\"national\"><h2>国家级基地申报（" + std::to_string(list.size()) +
                  " 个，省里推荐1个）";
  if (auto it = sheet_of.find(sheet_key); it != sheet_of.end())
    h += " <a href=\"" + UrlPath(it->second) + "\">汇总表（XLSX）</a>";
  h += "</h2>\n<p class=\"sub\">人社部《专业技术人员继续教育基地申报表》，直接报送，不经推荐单位；"
       "只有现有省级基地可申报（N1）。</p>\n";
  if (list.empty()) return h + "<p class=\"empty\">无国家级基地申报。</p>\n</section>\n";
  h += "<table class=\"compare\"><thead><tr><th>申报单位</th><th>统一社会信用代码</th>"
       "<th>2021年培训人数</th><th>2022年培训人数</th><th>2023年培训人数</th><th>师资</th>"
       "<th>网络培训平台</th><th>管理制度</th><th>审查项目</th><th>档案</th></tr></thead><tbody>\n";
  for (const IndexEntry* e : list) {
    h += "<tr data-track=\"national\"><td>" + HtmlEscape(e->unit_name) +
         "</td><td class=\"mono\">" + HtmlEscape(e->credit_code) + "</td>";
    for (size_t i = 0; i < 3; ++i)
      h += "<td>" + HtmlEscape(OrDash(i < e->trainees.size() ? e->trainees[i] : "")) + "</td>";
    h += "<td>" + HtmlEscape(e->faculty) + "</td><td>" + HtmlEscape(OrDash(e->platform)) +
         "</td><td>" + HtmlEscape(OrDash(e->rules)) + "</td><td>" + CheckPills(e->checks) +
         "</td><td>" + Links(e->stem) + "</td></tr>\n";
  }
  return h + "</tbody></table>\n</section>\n";
}

std::string OverviewHtml(const Overview& o, bool any_checks) {
  std::string out;
  if (!any_checks) {
    out += "<span class=\"pill neutral\">尚无审查结果</span>";
  } else {
    out += "<span class=\"pill met\">符合 " + std::to_string(o.met) + " 项</span>";
    out += "<span class=\"pill not_met\">不符合 " + std::to_string(o.not_met) + " 项</span>";
    out += "<span class=\"pill unknown\">无法判断 " + std::to_string(o.unknown) + " 项</span>";
  }
  out += "<span>发现问题 " + std::to_string(o.findings) + " 条</span>";
  return out;
}

Status WritePng(cairo_surface_t* surface, const std::filesystem::path& path) {
  auto png = EncodePng(surface);
  if (!png.ok()) return png.status();
  return WriteFileAtomically(path, *png);
}

// Display size of a picture drawn at 1.5 device pixels per CSS pixel.
int DisplayWidth(cairo_surface_t* s) {
  return std::min(860, static_cast<int>(std::lround(Width(s) / 1.5)));
}

}  // namespace

std::string HtmlEscape(std::string_view raw) {
  // Bidirectional overrides and control characters are shown, not obeyed: a
  // reviewer must see "gpj.exe" as it is, not as "exe.jpg".
  const std::string text = text::ShowControls(raw, /*keep_line_breaks=*/true);
  std::string out;
  out.reserve(text.size() + 16);
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string UrlPath(std::string_view path) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~' || c == '/') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

Result<std::filesystem::path> WriteApplicationHtml(const AppReport& r,
                                                   const std::filesystem::path& out_dir) {
  const ApplicationView& app = *r.app;
  const std::string files_name = r.stem + "_files";
  const std::filesystem::path files_dir = out_dir / files_name;
  std::error_code ec;
  std::filesystem::remove_all(files_dir, ec);  // pictures of an earlier run
  std::filesystem::create_directories(files_dir, ec);
  if (ec) return Status::Io("cannot create the folder " + files_dir.string() + ": " + ec.message());

  std::string h = kHead;
  h += "<title>审查档案 · " + HtmlEscape(r.unit_name) + "</title>\n";
  h += kStyle;
  h += "<body>\n<header>\n<h1>" + HtmlEscape(r.unit_name) + "</h1>\n";
  h += std::string("<p class=\"sub\">") +
       (r.track == norm::kNationalTrack ? "国家级专业技术人员继续教育基地申报"
                                        : "山东省专业技术人员继续教育基地申报") +
       " · 审查档案</p>\n";
  h += "<table class=\"kv\">\n";
  h += "<tr><th>申报单位</th><td>" + HtmlEscape(r.unit_name) +
       "</td><th>统一社会信用代码</th><td class=\"mono\">" +
       HtmlEscape(r.credit_code.empty() ? "（未读取到）" : r.credit_code) + "</td></tr>\n";
  h += "<tr><th>推荐单位</th><td>" + HtmlEscape(r.recommender) + "</td><th>所在市</th><td>" +
       HtmlEscape(r.city.empty() ? "（未读取到）" : r.city) + "</td></tr>\n";
  h += "<tr><th>总体情况</th><td colspan=\"3\">" + OverviewHtml(r.overview, !app.checks.empty()) +
       "</td></tr>\n";
  h += "<tr><th>申请编号</th><td colspan=\"3\" class=\"mono\">" + HtmlEscape(app.id) +
       "</td></tr>\n";
  h += "<tr><th>申报类别</th><td colspan=\"3\" id=\"track\" data-track=\"" + HtmlEscape(r.track) +
       "\">" + HtmlEscape(TrackWord(r.track)) + "；审查项目 " +
       HtmlEscape(TrackChecksWord(r.track)) + "</td></tr>\n";
  h += "</table>\n</header>\n";

  h += "<nav class=\"toc\"><h2>目录</h2><ol>"
       "<li><a href=\"#checks\">审查项目</a></li>"
       "<li><a href=\"#findings\">发现的问题</a></li>"
       "<li><a href=\"#fields\">申报表字段及来源</a></li>"
       "<li><a href=\"#evidence\">证据材料</a></li></ol></nav>\n";

  // Checks.
  h += "<section id=\"checks\"><h2>一、审查项目</h2>\n";
  if (app.checks.empty()) {
    h += "<p class=\"empty\">尚无审查结果。</p>\n";
  } else {
    h += "<table><thead><tr><th>编号</th><th>审查内容</th><th>结果</th><th>说明</th></tr></"
         "thead><tbody>\n";
    for (const norm::CheckResult& c : app.checks) {
      h += "<tr><td class=\"id\">" + HtmlEscape(c.id) + "</td><td>" + HtmlEscape(CheckTitle(c.id)) +
           "</td><td>" + Pill(c.outcome) + "</td><td>" + HtmlEscape(c.detail) + "</td></tr>\n";
    }
    h += "</tbody></table>\n";
  }
  h += "</section>\n";

  // Findings.
  h += "<section id=\"findings\"><h2>二、发现的问题</h2>\n";
  if (app.findings.empty()) {
    h += "<p class=\"empty\">未发现问题。</p>\n";
  } else {
    h += "<table><thead><tr><th>类型</th><th>说明</th></tr></thead><tbody>\n";
    for (const norm::Finding& f : app.findings) {
      h += "<tr><td>" + HtmlEscape(FindingWord(f.code)) + "</td><td>" + HtmlEscape(f.detail) +
           "</td></tr>\n";
    }
    h += "</tbody></table>\n";
  }
  h += "</section>\n";

  // Fields.
  h += "<section id=\"fields\"><h2>三、申报表字段及来源</h2>\n";
  h += "<p class=\"sub\">每个值都注明读取位置；<span class=\"flag low\">低置信度</span>"
       "与<span class=\"flag "
       "disagree\">材料不一致</span>的值已标出。图中红框为读取该值的位置。</p>\n";
  std::vector<std::string> missing;
  for (const FieldItem& f : r.fields) {
    if (!f.present) {
      missing.push_back(f.label);
      continue;
    }
    std::string cls = "field";
    if (f.low_confidence) cls += " low";
    if (f.disagreeing) cls += " disagree";
    h += "<div class=\"" + cls + "\" id=\"field-" + HtmlEscape(f.key) + "\">\n<div class=\"head\">";
    h += "<span class=\"label\">" + HtmlEscape(f.label) + "</span><span class=\"key\">" +
         HtmlEscape(f.key) + "</span><span class=\"value\">" + HtmlEscape(f.value_text) + "</span>";
    if (f.low_confidence) h += "<span class=\"flag low\">低置信度</span>";
    if (f.disagreeing) h += "<span class=\"flag disagree\">材料不一致</span>";
    h += "</div>\n";
    for (size_t i = 0; i < f.sources.size(); ++i) {
      const SourceItem& s = f.sources[i];
      h += "<div class=\"source\"><table><tr><th>原文</th><td>" + HtmlEscape(s.source.raw) +
           "</td><th>读取方式</th><td>" + HtmlEscape(s.method_word) + "</td><th>置信度</th><td>" +
           HtmlEscape(ConfidenceText(s.source.confidence)) + "</td></tr>\n";
      h += "<tr><th>文件</th><td colspan=\"3\">" + HtmlEscape(s.source.file) +
           "</td><th>位置</th><td>" + HtmlEscape(s.place.empty() ? "—" : s.place) +
           "</td></tr></table>\n";
      if (s.picture) {
        const std::string name = "f-" + f.key + "-" + std::to_string(i) + ".png";
        if (Status st = WritePng(s.picture->surface.get(), files_dir / name); !st.ok()) return st;
        h += "<figure><img src=\"" + UrlPath(files_name + "/" + name) + "\" width=\"" +
             std::to_string(DisplayWidth(s.picture->surface.get())) + "\" alt=\"" +
             HtmlEscape(f.label + " 的来源位置") + "\"><figcaption>" +
             HtmlEscape(s.source.file + (s.place.empty() ? "" : " · " + s.place)) +
             "</figcaption></figure>\n";
      } else {
        h += "<p class=\"nopic\">来源图像无法生成：" + HtmlEscape(s.picture_error) + "</p>\n";
      }
      h += "</div>\n";
    }
    h += "</div>\n";
  }
  if (!missing.empty()) {
    h += "<p class=\"missing\">未读取到的字段：";
    for (size_t i = 0; i < missing.size(); ++i) h += (i ? "、" : "") + HtmlEscape(missing[i]);
    h += "</p>\n";
  }
  h += "</section>\n";

  // Evidence.
  h += "<section id=\"evidence\"><h2>四、证据材料</h2>\n";
  h += "<table><thead><tr><th>类型</th><th>文件</th><th>SHA-256</th><th>页码</th><th>归属依据</"
       "th><th>页面缩略图</th></tr></thead><tbody>\n";
  for (const EvidenceItem& e : r.evidence) {
    h += "<tr><td>" + HtmlEscape(KindWord(e.document.kind)) + "</td><td>" +
         HtmlEscape(e.document.file) + "</td><td class=\"mono\">" + HtmlEscape(e.document.sha256) +
         "</td><td>" + HtmlEscape(e.pages_text) + "</td><td>" + HtmlEscape(e.assigned_text) +
         "</td><td class=\"thumbs\">";
    for (const Thumb& t : e.thumbnails) {
      const std::string name =
          "doc" + std::to_string(e.document.id) + "-p" + std::to_string(t.page) + ".png";
      if (Status st = WritePng(t.surface->get(), files_dir / name); !st.ok()) return st;
      h += "<img src=\"" + UrlPath(files_name + "/" + name) + "\" width=\"" +
           std::to_string(Width(t.surface->get()) * 2 / 3) + "\" alt=\"第" +
           std::to_string(t.page) + "页\">";
    }
    if (!e.note.empty()) {
      // A mail's letter keeps its lines.
      std::string note = HtmlEscape(e.note);
      for (size_t at = note.find('\n'); at != std::string::npos; at = note.find('\n', at))
        note.replace(at, 1, "<br>");
      h += "<div class=\"empty\">" + note + "</div>";
    }
    h += "</td></tr>\n";
  }
  h += "</tbody></table>\n</section>\n";
  h += "<footer>本档案由 dossier 根据已入库材料生成，未重新读取文件内容。<a "
       "href=\"index.html\">返回总览</a>　"
       "<a href=\"" +
       UrlPath(r.stem + ".pdf") + "\">PDF 版</a></footer>\n</body>\n</html>\n";

  const std::filesystem::path path = out_dir / (r.stem + ".html");
  if (Status st = WriteFileAtomically(path, h); !st.ok()) return st;
  return path;
}

Result<std::filesystem::path> WriteIndexHtml(const std::vector<IndexEntry>& apps,
                                             const std::vector<UnassignedView>& unassigned,
                                             const std::vector<RejectedView>& rejected,
                                             const std::vector<SheetLink>& sheets,
                                             const std::string& settings_words,
                                             const std::filesystem::path& out_dir) {
  std::string h = kHead;
  h += "<title>继续教育基地申报 · 审查总览</title>\n";
  h += kStyle;
  h += "<body>\n<h1>山东省专业技术人员继续教育基地申报 · 审查总览</h1>\n";
  std::vector<const IndexEntry*> national;
  for (const IndexEntry& e : apps)
    if (e.track == norm::kNationalTrack) national.push_back(&e);
  h += "<p class=\"sub\" id=\"summary\">共 " + std::to_string(apps.size()) +
       " 个申报，其中省级基地申报 " + std::to_string(apps.size() - national.size()) +
       " 个、国家级基地申报 " + std::to_string(national.size()) + " 个；" +
       std::to_string(unassigned.size()) + " 份未归属材料，" + std::to_string(rejected.size()) +
       " 个未受理文件。</p>\n";
  if (!settings_words.empty()) {
    h += "<p class=\"sub\" id=\"settings\">审查依据：" + HtmlEscape(settings_words) + "</p>\n";
  }

  std::map<std::string, std::vector<const IndexEntry*>> by_recommender;
  for (const IndexEntry& e : apps)
    if (e.track != norm::kNationalTrack) by_recommender[e.recommender].push_back(&e);
  std::map<std::string, std::string> sheet_of;
  for (const SheetLink& s : sheets) sheet_of[s.recommender] = s.file_name;

  h += "<h2>省级基地申报：按推荐单位列出的申报单位</h2>\n";
  if (by_recommender.empty()) h += "<p class=\"empty\">尚无申报单位。</p>\n";
  for (const auto& [recommender, list] : by_recommender) {
    h += "<h3>" + HtmlEscape(recommender) + "（" + std::to_string(list.size()) + " 个）";
    if (auto it = sheet_of.find(recommender); it != sheet_of.end()) {
      h += " <a href=\"" + UrlPath(it->second) + "\">汇总表（XLSX）</a>";
    }
    h += "</h3>\n<table><thead><tr><th>申报单位</th><th>统一社会信用代码</th><th>总体情况</th>"
         "<th>审查项目</th><th>档案</th></tr></thead><tbody>\n";
    for (const IndexEntry* e : list) {
      h += "<tr><td>" + HtmlEscape(e->unit_name) + "</td><td class=\"mono\">" +
           HtmlEscape(e->credit_code) + "</td><td>" +
           OverviewHtml(e->overview, !e->checks.empty()) + "</td><td>" + CheckPills(e->checks) +
           "</td><td>" + Links(e->stem) + "</td></tr>\n";
    }
    h += "</tbody></table>\n";
  }
  h += NationalSection(national, sheet_of, kNationalSheetName);

  h += "<h2>未归属的材料</h2>\n";
  if (unassigned.empty()) {
    h += "<p class=\"empty\">无。</p>\n";
  } else {
    h += "<table><thead><tr><th>文件</th><th>类型</th><th>原因</th><th>SHA-256</th></tr></"
         "thead><tbody>\n";
    for (const UnassignedView& u : unassigned) {
      h += "<tr><td>" + HtmlEscape(u.document.file) + "</td><td>" +
           HtmlEscape(KindWord(u.document.kind)) + "</td><td>" + HtmlEscape(u.reason) +
           "</td><td class=\"mono\">" + HtmlEscape(u.document.sha256) + "</td></tr>\n";
    }
    h += "</tbody></table>\n";
  }

  h += "<h2>未受理的文件</h2>\n";
  if (rejected.empty()) {
    h += "<p class=\"empty\">无。</p>\n";
  } else {
    h += "<table><thead><tr><th>文件</th><th>原因</th><th>SHA-256</th></tr></thead><tbody>\n";
    for (const RejectedView& x : rejected) {
      h += "<tr><td>" + HtmlEscape(x.file) + "</td><td>" + HtmlEscape(x.reason) +
           "</td><td class=\"mono\">" + HtmlEscape(x.sha256) + "</td></tr>\n";
    }
    h += "</tbody></table>\n";
  }
  h += "<footer>本总览由 dossier 根据已入库材料生成。</footer>\n</body>\n</html>\n";
  const std::filesystem::path path = out_dir / "index.html";
  if (Status st = WriteFileAtomically(path, h); !st.ok()) return st;
  return path;
}

}  // namespace dossier::reports_internal
