#include "app_model.h"

#include <algorithm>
#include <ctime>
#include <map>

#include "dossier/normalize/spec.h"
#include "dossier/reports/dossier_report.h"
#include "source_type.h"
#include "zh_words.h"

namespace dossier::reports_internal {

namespace {

constexpr int kThumbWidth = 150;
constexpr int kMaxThumbnails = 12;
constexpr Resolution kThumbResolution{24, 300};

// As the checks write times: the notice's zone, UTC+8.
std::string LocalTimeText(int64_t ms) {
  std::time_t t = static_cast<std::time_t>(ms / 1000 + 8 * 3600);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
  return buf;
}

bool IsWordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// True when `text` names `key` as a whole word (credit_code, not
// license_credit_code's suffix).
bool NamesKey(const std::string& text, const std::string& key) {
  for (size_t at = text.find(key); at != std::string::npos; at = text.find(key, at + 1)) {
    const bool left = at == 0 || !IsWordChar(text[at - 1]);
    const size_t end = at + key.size();
    const bool right = end >= text.size() || !IsWordChar(text[end]);
    if (left && right) return true;
  }
  return false;
}

bool Disagreeing(const ApplicationView& app, const std::string& key, const std::string& label) {
  for (const norm::Finding& f : app.findings) {
    if (f.code == "invalid_credit_code" && key == "credit_code") return true;
    if (f.code.find("disagree") == std::string::npos && f.code != "two_recommenders") continue;
    if (NamesKey(f.detail, key) || f.detail.find(label) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

Overview OverviewOf(const ApplicationView& app) {
  Overview o;
  for (const norm::CheckResult& c : app.checks) {
    const auto outcome = norm::CheckOutcomeFromName(c.outcome);
    if (outcome == norm::CheckOutcome::kMet)
      ++o.met;
    else if (outcome == norm::CheckOutcome::kNotMet)
      ++o.not_met;
    else
      ++o.unknown;
  }
  o.findings = static_cast<int>(app.findings.size());
  return o;
}

std::string FieldText(const ApplicationView& app, const std::string& key) {
  for (const FieldView& f : app.fields) {
    if (f.key == key) return ValueText(f.value);
  }
  return "";
}

std::string RecommenderOf(const ApplicationView& app) {
  std::string r = FieldText(app, "recommender");
  return r.empty() ? "（未注明推荐单位）" : r;
}

std::string PagesText(const DocumentView& d) {
  std::string out;
  if (d.first_page > 0) {
    out = d.first_page == d.last_page
              ? "第" + std::to_string(d.first_page) + "页"
              : "第" + std::to_string(d.first_page) + "–" + std::to_string(d.last_page) + "页";
  }
  if (d.assigned_by.document_page > 0) {
    out = "申报表第" + std::to_string(d.assigned_by.document_page) + "页" +
          (out.empty() ? "" : "（本文件" + out + "）");
  }
  return out.empty() ? "—" : out;
}

std::string AssignedText(const norm::Assignment& a) {
  static const std::map<std::string, std::string> kBasis = {
      {norm::kByCreditCode, "统一社会信用代码"},
      {norm::kByUnitName, "单位名称"},
      {norm::kByFacultyEmployer, "专职教师的工作单位"},
      {norm::kBySummarySheet, "汇总表"},
      {norm::kByFolder, "所在文件夹"},
      {norm::kBySameDocument, "同一份材料"}};
  auto it = kBasis.find(a.basis);
  const std::string basis = it == kBasis.end() ? a.basis : it->second;
  if (basis.empty()) return a.detail;
  return basis + (a.detail.empty() ? "" : "：" + a.detail);
}

AppReport BuildAppReport(const ApplicationView& app, SourcePictures& pictures, PageImages& pages) {
  AppReport r;
  r.app = &app;
  r.stem = ApplicationFileStem(app.id);
  r.unit_name = FieldText(app, "unit_name");
  if (r.unit_name.empty()) r.unit_name = "（未读取到单位名称）";
  r.credit_code = FieldText(app, "credit_code");
  r.recommender = RecommenderOf(app);
  r.track = app.track;
  // The national track is sent straight to the department, through no
  // recommender.
  if (app.track == norm::kNationalTrack && FieldText(app, "recommender").empty())
    r.recommender = "（国家级基地申报，直接报送，不经推荐单位）";
  r.city = FieldText(app, "city");
  r.overview = OverviewOf(app);

  for (const norm::FieldSpec& spec : norm::TheSpec().fields) {
    FieldItem item;
    item.key = spec.key;
    item.label = FieldLabel(spec.key);
    const FieldView* field = nullptr;
    for (const FieldView& f : app.fields) {
      if (f.key == spec.key) field = &f;
    }
    if (field) {
      item.present = true;
      item.value_text = ValueText(field->value);
      item.confidence = field->confidence;
      item.low_confidence = field->confidence < kLowConfidence;
      item.disagreeing = Disagreeing(app, spec.key, item.label);
      for (const SourceView& s : field->sources) {
        SourceItem si;
        si.source = s;
        si.type = SourceFileType(app, s);
        si.method_word = MethodWord(s);
        si.place = PlaceText(s);
        if (s.confidence < kLowConfidence) item.low_confidence = true;
        auto pic = pictures.For(s, si.type);
        if (pic.ok()) {
          si.picture = std::make_shared<Picture>(std::move(pic).value());
        } else {
          si.picture_error = PictureFailureWords(pic.status());
        }
        item.sources.push_back(std::move(si));
      }
    }
    r.fields.push_back(std::move(item));
  }

  // A form in several files first, its pages in order; then the rest as
  // they were placed.
  std::vector<const DocumentView*> documents;
  for (const DocumentView& d : app.documents) documents.push_back(&d);
  std::stable_sort(
      documents.begin(), documents.end(), [](const DocumentView* a, const DocumentView* b) {
        const bool af = a->kind == "application_form", bf = b->kind == "application_form";
        if (af != bf) return af;
        return af && a->assigned_by.document_page < b->assigned_by.document_page;
      });
  for (const DocumentView* doc : documents) {
    const DocumentView& d = *doc;
    EvidenceItem e;
    e.document = d;
    e.pages_text = PagesText(d);
    e.assigned_text = AssignedText(d.assigned_by);
    std::string mail_note;
    if (d.mail) {
      // The mail is the evidence of arrival: who sent it and when it came.
      const MailView& m = *d.mail;
      mail_note = "随邮件收到：发件人 " + m.sender + "，主题「" + m.subject + "」，收到时间 " +
                  LocalTimeText(m.arrived_ms) +
                  (m.time_basis == "date"    ? "（按邮件 Date）"
                   : m.time_basis == "taken" ? "（按取到时间）"
                                             : "") +
                  (m.note.empty() ? "" : "；" + m.note);
    }
    if (d.kind == norm::kCoverLetter) {
      if (const Document* letter = pictures.Loaded(d.id)) {
        for (const Span& s : letter->spans) e.note += (e.note.empty() ? "" : "\n") + s.text;
      }
    } else if (IsOfficeType(TypeOfDocument(d))) {
      e.note = "按文件结构读取（" + d.type + "），无页面图像";
    } else if (d.pages <= 0) {
      e.note = "无页面";
    } else {
      // A document's pages are the file's first_page.. (a file may hold
      // several documents).
      const int first = std::max(1, d.first_page);
      const int n = std::min(d.pages, kMaxThumbnails);
      for (int p = first; p < first + n; ++p) {
        auto page = pages.Get(d.sha256, TypeOfDocument(d), p, kThumbResolution);
        if (!page.ok()) {
          e.note = "页面图像无法生成：" + PictureFailureWords(page.status());
          break;
        }
        auto thumb = Thumbnail((*page)->surface.get(), kThumbWidth);
        if (!thumb.ok()) break;
        e.thumbnails.push_back(Thumb{p, std::make_shared<SurfacePtr>(std::move(thumb).value())});
      }
      if (d.pages > n) e.note = "另有 " + std::to_string(d.pages - n) + " 页未列出缩略图";
    }
    if (!mail_note.empty()) e.note = mail_note + (e.note.empty() ? "" : "\n" + e.note);
    r.evidence.push_back(std::move(e));
  }
  return r;
}

std::vector<PageNeed> PagesNeeded(const ApplicationView& app) {
  std::vector<PageNeed> out;
  for (const FieldView& f : app.fields) {
    for (const SourceView& s : f.sources) {
      if (DrawnFromStructure(s) || !s.bbox) continue;
      out.push_back({s.sha256, SourceFileType(app, s), s.page > 0 ? s.page : 1, kCropResolution});
    }
  }
  for (const DocumentView& d : app.documents) {
    const FileType type = TypeOfDocument(d);
    if (IsOfficeType(type)) continue;
    for (int p = 1; p <= std::min(d.pages, kMaxThumbnails); ++p) {
      out.push_back({d.sha256, type, p, kThumbResolution});
    }
  }
  return out;
}

}  // namespace dossier::reports_internal
