// Document kinds from content: titles near the top, key phrases anywhere, and
// the table headers that only one kind carries.
#include <string.h>  // memmem

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "dossier/common/text.h"
#include "dossier/normalize/analysis.h"
#include "dossier/normalize/spec.h"
#include "label_text.h"
#include "table_header.h"

namespace dossier::norm {
namespace {

// Titles sit in the first few text units of a document.
constexpr size_t kTitleSpans = 8;
constexpr int kTitleWeight = 4;
constexpr int kStructureWeight = 4;
constexpr int kMinScore = 3;
constexpr int kFormPageFields = 3;
constexpr int kFormClosingParts = 3;

struct KindScore {
  std::string kind;
  int score = 0;
  std::string reason;

  void Because(const std::string& why) { reason += (reason.empty() ? "" : "；") + why; }
};

std::string JoinedText(const Document& doc, size_t max_spans) {
  std::string out;
  for (size_t i = 0; i < doc.spans.size() && i < max_spans; ++i) {
    out += text::RemoveSpaces(doc.spans[i].text);
    out += '\n';
  }
  return out;
}

// A title stands outside the tables, or across a table's width (a merged
// title row of a sheet); a label cell with its value beside it is no title
// ("网络培训平台名称" on a form's second page).
bool IsTitleLike(const Document& doc, const Span& span) {
  if (span.table < 0 || span.table >= static_cast<int>(doc.tables.size())) return true;
  const Table& table = doc.tables[span.table];
  const Cell* cell = table.At(span.row, span.col);
  return cell && table.cols >= 2 && cell->col_span * 2 > table.cols;
}

// A section's numbered heading (五、网络培训平台 over a form's last page's
// rows) is no title of the document.
std::string TopTitles(const Document& doc, size_t max_spans) {
  std::string out;
  for (size_t i = 0; i < doc.spans.size() && i < max_spans; ++i) {
    if (!IsTitleLike(doc, doc.spans[i]) || IsSectionHeading(text::ToU32(doc.spans[i].text)))
      continue;
    out += text::RemoveSpaces(doc.spans[i].text);
    out += '\n';
  }
  return out;
}

// The distinct form fields read by their labels.
int DistinctFormFields(const std::vector<FieldReading>& form_fields) {
  std::vector<std::string> keys;
  for (const FieldReading& r : form_fields)
    if (std::find(keys.begin(), keys.end(), r.key) == keys.end()) keys.push_back(r.key);
  return static_cast<int>(keys.size());
}

// The track a form's title puts it on: a track's title phrase in the top
// titles, joined across lines (a cover may break its title in two), with no
// mark of another track (山东省) in the 3 characters before it. Provincial
// when no track's phrase stands there.
std::string FormTrack(const Document& doc) {
  std::string joined = TopTitles(doc, kTitleSpans);
  std::erase(joined, '\n');
  const std::u32string title = text::ToU32(joined);
  constexpr size_t kMarkReach = 3;
  for (const TrackSpec& track : TheSpec().tracks) {
    for (const std::string& phrase : track.title_phrases) {
      const std::u32string p = text::ToU32(text::RemoveSpaces(phrase));
      for (size_t at = title.find(p); !p.empty() && at != std::u32string::npos;
           at = title.find(p, at + 1)) {
        const size_t from = at > kMarkReach ? at - kMarkReach : 0;
        const std::string before = text::ToUtf8(title.substr(from, at - from));
        const bool marked =
            std::any_of(track.not_after.begin(), track.not_after.end(),
                        [&](const std::string& m) { return before.find(m) != std::string::npos; });
        if (!marked) return track.track;
      }
    }
  }
  return kProvincialTrack;
}

// The page's place in its document as a footer writes it: 第 3 页 共 3 页.
bool IsPageFooter(const std::string& text) {
  const std::u32string u = text::ToU32(text::RemoveSpaces(text));
  size_t i = 0;
  auto word = [&](char32_t c) { return i < u.size() && u[i] == c ? (++i, true) : false; };
  auto number = [&] {
    const size_t from = i;
    while (i < u.size() && u[i] >= U'0' && u[i] <= U'9') ++i;
    return i > from;
  };
  return word(U'第') && number() && word(U'页') && word(U'共') && number() && word(U'页') &&
         i == u.size();
}

// The recommending unit's box at the foot of the form (推荐单位意见 | 经审核，
// 情况属实，同意推荐。（盖章）2024年6月26日): the form's, whoever writes in it.
bool InRecommendersOpinion(const Document& doc, const Span& span) {
  auto opinion_label = [](const std::string& text) {
    const std::string plain = text::RemoveSpaces(text);
    return plain.rfind("推荐单位意见", 0) == 0 || plain.rfind("推荐意见", 0) == 0;
  };
  if (opinion_label(span.text)) return true;
  if (span.table < 0) return false;
  return std::any_of(doc.spans.begin(), doc.spans.end(), [&](const Span& other) {
    return other.table == span.table && other.row == span.row && other.col < span.col &&
           opinion_label(other.text);
  });
}

// How many of the form's closing parts a page shows: the unit's
// introduction (单位简介), its pledge or opinion (申报单位承诺, 申报单位意见), the
// place for the representative to sign and the place for the seal. Another
// document (a licence, a letter) has one of them at most.
int FormClosingParts(const Document& doc) {
  bool intro = false, pledge = false, sign = false, seal = false;
  for (const Span& span : doc.spans) {
    const std::string plain = text::RemoveSpaces(span.text);
    intro |= plain.find("单位简介") != std::string::npos;
    pledge |= plain.find("申报单位承诺") != std::string::npos ||
              plain.find("申报单位意见") != std::string::npos;
    sign |= plain.find("签字") != std::string::npos || plain.find("签章") != std::string::npos ||
            plain.find("签名") != std::string::npos;
    // 法定代表人 with its note misread ((笃字), 《 御?)): a bracket after it.
    if (const size_t at = plain.find("代表人"); at != std::string::npos) {
      const std::u32string after =
          text::ToU32(text::FullWidthToAscii(plain.substr(at + std::string("代表人").size())));
      sign |= !after.empty() && IsOpenBracket(after[0]);
    }
    seal |= plain.find("盖章") != std::string::npos;
  }
  return int(intro) + int(pledge) + int(sign) + int(seal);
}

// A photographed or scanned page that holds nothing but rows of the form
// (its last page: "申报日期：2024年06月26日" above the page's number, and the
// recommending unit's opinion) is the form's page, however few its rows.
// Office files are never split so.
bool OnlyFormRowsOnAnImage(const Document& doc, const std::vector<FieldReading>& form_fields) {
  if (doc.spans.empty() || form_fields.empty()) return false;
  std::vector<int> row_spans;
  for (const FieldReading& r : form_fields)
    if (!r.declared_none) row_spans.push_back(r.span_id);
  if (row_spans.empty()) return false;
  for (size_t i = 0; i < doc.spans.size(); ++i) {
    const Span& span = doc.spans[i];
    if (span.method != ReadMethod::kOcr) return false;
    if (std::find(row_spans.begin(), row_spans.end(), static_cast<int>(i)) != row_spans.end())
      continue;
    if (IsPageFooter(span.text) || InRecommendersOpinion(doc, span)) continue;
    // A page number ("- 3 -", "3") or specks: no words.
    const std::u32string u = text::ToU32(span.text);
    if (std::any_of(u.begin(), u.end(), [](char32_t c) {
          return text::IsHan(c) || (c < 0x80 && std::isalpha(static_cast<int>(c)));
        }))
      return false;
  }
  return true;
}

}  // namespace

Classification Classify(const Document& doc) { return Classify(doc, ReadFormFields(doc)); }

Classification Classify(const Document& doc, const std::vector<FieldReading>& form_fields) {
  if (!doc.spans.empty() && std::all_of(doc.spans.begin(), doc.spans.end(), [](const Span& s) {
        return s.method == ReadMethod::kMail;
      })) {
    return Classification{kCoverLetter, 1.0, "邮件的发件人、主题和正文"};
  }
  const Spec& spec = TheSpec();
  // Joined across lines: a cover breaks its title where the page is full
  // ("山东省专业技术人员继续教育基地" / "申报表").
  std::string top = TopTitles(doc, kTitleSpans);
  std::erase(top, '\n');
  const std::string all = JoinedText(doc, doc.spans.size());

  std::vector<KindScore> scores;
  for (const KindSpec& kind : spec.kinds) {
    KindScore s{kind.kind, 0, ""};
    for (size_t i = 0; i < kind.title_phrases.size(); ++i) {
      if (top.find(kind.spaceless_title_phrases[i]) != std::string::npos) {
        s.score += kTitleWeight;
        s.Because("标题含「" + kind.title_phrases[i] + "」");
        break;
      }
    }
    std::vector<std::string> hits;
    for (size_t i = 0; i < kind.phrases.size(); ++i) {
      // memmem rather than find: find stops at every byte like the phrase's
      // first, and in Chinese text most lead bytes are alike.
      const std::string& p = kind.spaceless_phrases[i];
      if (memmem(all.data(), all.size(), p.data(), p.size())) hits.push_back(kind.phrases[i]);
    }
    s.score += static_cast<int>(hits.size());
    if (!hits.empty()) {
      std::string list;
      for (size_t i = 0; i < hits.size(); ++i) list += (i ? "、" : "") + hits[i];
      s.Because("关键词" + list);
    }
    if (kind.kind == kSummarySheet && FindSummaryHeader(doc)) {
      s.score += kStructureWeight;
      s.Because("有汇总表表头");
    } else if (kind.kind == kFacultyList && FindFacultyHeader(doc)) {
      s.score += kStructureWeight;
      s.Because("有师资名单表头");
    } else if (kind.kind == kApplicationForm) {
      // A form's rows by their labels make a form, with or without its
      // title: a page photographed on its own is still the form's page.
      const int fields = DistinctFormFields(form_fields);
      s.score += std::min(fields, 12) / 3;
      if (fields >= kFormPageFields) s.score += kStructureWeight;
      if (fields > 0) s.Because("读出" + std::to_string(fields) + "个申报表字段");
      if (fields > 0 && fields < kFormPageFields && OnlyFormRowsOnAnImage(doc, form_fields)) {
        s.score += kStructureWeight;
        s.Because("页面上只有申报表的栏目");
      } else if (fields >= kFormPageFields - 1 && fields < kFormPageFields &&
                 FormClosingParts(doc) >= kFormClosingParts) {
        // A form's last page: a row or two above its closing parts (a
        // scanned last page: 管理制度, then 单位简介, the pledge, the places to
        // sign and seal, and the date).
        s.score += kStructureWeight;
        s.Because("有申报表末页的简介、承诺和签章栏");
      }
    }
    scores.push_back(std::move(s));
  }
  std::stable_sort(scores.begin(), scores.end(),
                   [](const KindScore& a, const KindScore& b) { return a.score > b.score; });

  Classification c;
  if (scores.empty() || scores[0].score < kMinScore) {
    c.kind = kOther;
    c.confidence = 0.5;
    c.reason = "未见已知类别的标题或关键词";
    return c;
  }
  const int best = scores[0].score;
  const int second = scores.size() > 1 ? scores[1].score : 0;
  c.kind = scores[0].kind;
  c.confidence = static_cast<double>(best) / (best + second);
  c.reason = scores[0].reason;
  if (c.kind == kApplicationForm) {
    c.track = FormTrack(doc);
    if (c.track == kNationalTrack) c.reason += "；标题为国家级基地申报表（无“山东省”）";
  }
  return c;
}

}  // namespace dossier::norm
