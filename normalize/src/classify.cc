// Document kinds from content: titles near the top, key phrases anywhere, and
// the table headers that only one kind carries.
#include <algorithm>
#include <string>
#include <vector>

#include "dossier/common/text.h"
#include "dossier/normalize/analysis.h"
#include "dossier/normalize/spec.h"
#include "table_header.h"

namespace dossier::norm {
namespace {

// Titles sit in the first few text units of a document.
constexpr size_t kTitleSpans = 8;
constexpr int kTitleWeight = 4;
constexpr int kStructureWeight = 4;
constexpr int kMinScore = 3;
constexpr int kFormPageFields = 3;

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

std::string TopTitles(const Document& doc, size_t max_spans) {
  std::string out;
  for (size_t i = 0; i < doc.spans.size() && i < max_spans; ++i) {
    if (!IsTitleLike(doc, doc.spans[i])) continue;
    out += text::RemoveSpaces(doc.spans[i].text);
    out += '\n';
  }
  return out;
}

// The distinct form fields read by their labels.
int DistinctFormFields(const Document& doc) {
  std::vector<std::string> keys;
  for (const FieldReading& r : ReadFormFields(doc))
    if (std::find(keys.begin(), keys.end(), r.key) == keys.end()) keys.push_back(r.key);
  return static_cast<int>(keys.size());
}

}  // namespace

Classification Classify(const Document& doc) {
  const Spec& spec = TheSpec();
  const std::string top = TopTitles(doc, kTitleSpans);
  const std::string all = JoinedText(doc, doc.spans.size());

  std::vector<KindScore> scores;
  for (const KindSpec& kind : spec.kinds) {
    KindScore s{kind.kind, 0, ""};
    for (const std::string& title : kind.title_phrases) {
      if (top.find(text::RemoveSpaces(title)) != std::string::npos) {
        s.score += kTitleWeight;
        s.Because("标题含「" + title + "」");
        break;
      }
    }
    std::vector<std::string> hits;
    for (const std::string& phrase : kind.phrases) {
      if (all.find(text::RemoveSpaces(phrase)) != std::string::npos) hits.push_back(phrase);
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
      const int fields = DistinctFormFields(doc);
      s.score += std::min(fields, 12) / 3;
      if (fields >= kFormPageFields) s.score += kStructureWeight;
      if (fields > 0) s.Because("读出" + std::to_string(fields) + "个申报表字段");
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
  return c;
}

}  // namespace dossier::norm
