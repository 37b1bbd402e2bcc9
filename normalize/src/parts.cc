// One file, several documents: a package printed and scanned into one PDF is
// split where a page begins a document of its own (spec, "One file, several
// documents"). What begins a document is what a person leafing through the
// package sees: a title at the top of the page, a contents page, a list's
// header row. Everything else continues the document before it.
#include <string.h>  // memmem

#include <algorithm>
#include <atomic>
#include <exception>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include "dossier/common/cores.h"
#include "dossier/common/text.h"
#include "dossier/normalize/analysis.h"
#include "dossier/normalize/spec.h"
#include "form_fields.h"
#include "table_header.h"

namespace dossier::norm {
namespace {

// A title is short and sits above the page's body, outside its tables.
constexpr size_t kTitleCandidates = 6;
constexpr size_t kMaxTitleChars = 40;
// A page showing this many form fields by their labels is a page of a form,
// whatever headings it carries ("三、管理制度" is a section, not a document).
constexpr int kFormPageFields = 3;

struct PageSignals {
  std::string title_kind;  // the kind whose title tops the page, or ""
  bool contents = false;   // a table of contents
  bool list_header = false;
  int form_fields = 0;  // at most kFormPageFields
  bool has_table = false;
};

// "六、管理制度", "（三）师资", "3. 管理机构": a numbered heading is a section of
// the document it stands in, never the title of another.
bool IsNumberedHeading(const std::string& text) {
  const std::u32string t = text::ToU32(text);
  // "、师资队伍情况": OCR lost the numeral before the enumeration comma.
  if (!t.empty() && t[0] == U'、') return true;
  size_t i = 0;
  if (i < t.size() && (t[i] == U'（' || t[i] == U'(')) ++i;
  const size_t digits_from = i;
  static const std::u32string_view kNumerals = U"一二三四五六七八九十0123456789";
  while (i < t.size() && kNumerals.find(t[i]) != std::u32string_view::npos) ++i;
  if (i == digits_from || i >= t.size()) return false;
  static const std::u32string_view kAfter = U"、.．)）:：";
  return kAfter.find(t[i]) != std::u32string_view::npos;
}

// A line of a table of contents: a title, a leader of dots, a page number.
bool IsContentsLine(const std::string& text) {
  for (const char* leader : {"……", "…", "....", "····", "。。。"}) {
    const size_t at = text.find(leader);
    if (at == std::string::npos) continue;
    for (size_t i = at; i < text.size(); ++i)
      if (text[i] >= '0' && text[i] <= '9') return true;
  }
  return false;
}

// `phrases` without their spaces (KindSpec::spaceless_title_phrases). With
// memmem rather than find, which stops at every byte like the phrase's
// first, and in Chinese text most lead bytes are alike.
bool HasPhrase(const std::string& text, const std::vector<std::string>& phrases) {
  return std::any_of(phrases.begin(), phrases.end(), [&](const std::string& p) {
    return memmem(text.data(), text.size(), p.data(), p.size()) != nullptr;
  });
}

// A licence's own words: its phrases that no form field is labelled by
// (住所, 注册资本, 经营范围, 登记机关…).
const std::vector<std::string>& LicenceOnlyPhrases() {
  static const std::vector<std::string> phrases = [] {
    const Spec& spec = TheSpec();
    std::vector<std::string> out;
    for (const KindSpec& kind : spec.kinds) {
      if (kind.kind != kLicense) continue;
      for (const std::string& phrase : kind.phrases) {
        const bool a_form_label =
            std::any_of(spec.fields.begin(), spec.fields.end(), [&](const FieldSpec& f) {
              return std::any_of(f.labels.begin(), f.labels.end(), [&](const std::string& l) {
                return l.find(phrase) != std::string::npos;
              });
            });
        if (!a_form_label) out.push_back(text::RemoveSpaces(phrase));
      }
    }
    return out;
  }();
  return phrases;
}

// A licence shows this many of its own words, title or none (a scan's
// ornate title is what OCR loses first).
constexpr int kLicencePageWords = 3;

PageSignals SignalsOf(const Document& page) {
  PageSignals s;
  const Spec& spec = TheSpec();
  // Each span without its spaces once: every signal below reads them so.
  std::vector<std::string> spaceless;
  spaceless.reserve(page.spans.size());
  for (const Span& span : page.spans) spaceless.push_back(text::RemoveSpaces(span.text));
  int contents_lines = 0;
  std::vector<std::string> candidates;  // the first lines outside tables
  for (size_t i = 0; i < page.spans.size(); ++i) {
    if (page.spans[i].table >= 0) continue;
    const std::string& t = spaceless[i];
    if (t.empty()) continue;
    if (IsContentsLine(t)) ++contents_lines;
    if (candidates.size() < kTitleCandidates) candidates.push_back(t);
  }
  if (contents_lines >= 2) s.contents = true;
  for (size_t i = 0; i < candidates.size() && !s.contents && s.title_kind.empty(); ++i) {
    const std::string& t = candidates[i];
    if (t.rfind("目录", 0) == 0 || (IsContentsLine(t) && IsNumberedHeading(t))) {
      s.contents = true;
      break;
    }
    if (IsNumberedHeading(t)) continue;
    // A title set large may be broken over two lines ("…继续教育基地" / "申报表").
    std::vector<std::string> readings = {t};
    if (i + 1 < candidates.size() && !IsNumberedHeading(candidates[i + 1]))
      readings.push_back(t + candidates[i + 1]);
    for (const std::string& r : readings) {
      if (text::ToU32(r).size() > kMaxTitleChars) continue;
      for (const KindSpec& kind : spec.kinds) {
        if (HasPhrase(r, kind.spaceless_title_phrases)) {
          s.title_kind = kind.kind;
          break;
        }
      }
      if (!s.title_kind.empty()) break;
    }
  }
  // A contents page names the documents that follow: several kinds' titles.
  if (!s.contents) {
    std::string all;
    for (const std::string& t : spaceless) all += t + "\n";
    int kinds_named = 0;
    for (const KindSpec& kind : spec.kinds)
      if (HasPhrase(all, kind.spaceless_title_phrases)) ++kinds_named;
    if (kinds_named >= 3 && all.find("目录") != std::string::npos) s.contents = true;
  }
  if (!s.contents && s.title_kind.empty()) {
    // Outside tables: a form's cell of prose (its unit's introduction) may
    // name a registered capital and a founding date too.
    std::string all;
    for (size_t i = 0; i < page.spans.size(); ++i)
      if (page.spans[i].table < 0) all += spaceless[i] + "\n";
    const auto& words = LicenceOnlyPhrases();
    const auto shown = std::count_if(words.begin(), words.end(), [&](const std::string& w) {
      return all.find(w) != std::string::npos;
    });
    if (shown >= kLicencePageWords) s.title_kind = kLicense;
  }
  s.list_header = FindFacultyHeader(page).has_value();
  s.has_table = !page.tables.empty();
  // A contents page whose leaders and page numbers OCR lost: a short page of
  // numbered headings and little else.
  if (!s.contents && s.title_kind.empty() && !s.has_table) {
    int lines = 0, numbered = 0;
    for (const std::string& t : spaceless) {
      if (t.empty()) continue;
      ++lines;
      if (IsNumberedHeading(t)) ++numbered;
    }
    if (numbered >= 2 && numbered * 10 >= lines * 6) s.contents = true;
  }
  // Below, only whether a page shows none, some, or kFormPageFields of a
  // form's fields counts; the page is read again with its part.
  s.form_fields = static_cast<int>(CountFormFields(page, kFormPageFields));
  return s;
}

// Calls work(i) for every i < n, on as many threads as there are cores (at
// most 8): pages and parts are read independently, and reading them is most
// of an ingest after the PDF reader. The first exception is rethrown here,
// so that running out of memory is reported as it is on one thread.
void ForEachIndex(size_t n, const std::function<void(size_t)>& work) {
  std::atomic<size_t> next{0};
  std::exception_ptr error;
  std::mutex error_mu;
  auto run = [&] {
    try {
      for (size_t i; (i = next.fetch_add(1)) < n;) work(i);
    } catch (...) {
      std::lock_guard<std::mutex> lock(error_mu);
      if (!error) error = std::current_exception();
      next = n;
    }
  };
  const size_t threads = std::min<size_t>(n, static_cast<size_t>(std::clamp(UsableCores(), 1, 8)));
  std::vector<std::thread> helpers;
  for (size_t t = 1; t < threads; ++t) {
    try {
      helpers.emplace_back(run);
    } catch (const std::system_error&) {
      break;  // no more threads to be had: the others do the work
    }
  }
  run();
  for (std::thread& t : helpers) t.join();
  if (error) std::rethrow_exception(error);
}

struct Run {
  int first = 0, last = 0;
  std::string kind;  // what began it ("" when the file's first page began nothing)
  bool cover = false;
  bool contents = false;
};

}  // namespace

Document PagesOf(const Document& doc, int first_page, int last_page) {
  Document out;
  out.warnings = doc.warnings;
  for (const Page& p : doc.pages)
    if (p.number >= first_page && p.number <= last_page) out.pages.push_back(p);
  std::vector<int> new_index(doc.spans.size(), -1);
  std::map<int, int> new_table;
  for (size_t t = 0; t < doc.tables.size(); ++t) {
    const Table& table = doc.tables[t];
    if (table.page < first_page || table.page > last_page) continue;
    new_table[static_cast<int>(t)] = static_cast<int>(out.tables.size());
    out.tables.push_back(table);
  }
  for (size_t i = 0; i < doc.spans.size(); ++i) {
    const Span& span = doc.spans[i];
    if (span.page < first_page || span.page > last_page) continue;
    new_index[i] = static_cast<int>(out.spans.size());
    Span copy = span;
    if (copy.table >= 0) {
      auto it = new_table.find(copy.table);
      if (it == new_table.end()) {
        copy.table = copy.row = copy.col = -1;
      } else {
        copy.table = it->second;
      }
    }
    out.spans.push_back(std::move(copy));
  }
  for (Table& table : out.tables) {
    for (Cell& cell : table.cells) {
      if (cell.span_id >= 0 && cell.span_id < static_cast<int>(new_index.size()))
        cell.span_id = new_index[cell.span_id];
      else
        cell.span_id = -1;
    }
  }
  return out;
}

std::vector<DocumentPart> AnalyzeParts(const Document& doc) {
  auto whole = [&]() {
    DocumentPart part;
    if (!doc.pages.empty()) {
      part.first_page = doc.pages.front().number;
      part.last_page = doc.pages.back().number;
    }
    part.doc = doc;
    part.analysis = Analyze(doc);
    std::vector<DocumentPart> out;
    out.push_back(std::move(part));
    return out;
  };
  if (doc.pages.size() < 2) return whole();

  std::vector<PageSignals> signals(doc.pages.size());
  ForEachIndex(doc.pages.size(), [&](size_t i) {
    const int n = doc.pages[i].number;
    signals[i] = SignalsOf(PagesOf(doc, n, n));
  });
  std::vector<Run> runs;
  for (size_t i = 0; i < doc.pages.size(); ++i) {
    const int n = doc.pages[i].number;
    const PageSignals& s = signals[i];
    std::string begins;
    if (s.contents) {
      begins = kOther;
    } else if (!s.title_kind.empty()) {
      begins = s.title_kind;
    } else if (s.list_header) {
      begins = kFacultyList;
    }
    Run* current = runs.empty() ? nullptr : &runs.back();
    // After a package's cover or contents, a page showing a form's rows
    // begins the form even when its title was lost (cut off, misread, or
    // left on the cover).
    if (begins.empty() && current && current->kind == kOther && s.form_fields >= kFormPageFields)
      begins = kApplicationForm;
    bool start = current == nullptr;
    if (current && !begins.empty()) {
      const bool form_page = s.form_fields >= kFormPageFields;
      // Within a form, a page showing any of its rows goes on with it.
      if (current->kind == kApplicationForm && s.form_fields >= 1 && begins != kApplicationForm &&
          begins != kLicense) {
        start = false;  // a section heading inside the form
      } else if (begins != current->kind) {
        start = true;
      } else {
        // The same kind again: a second licence, or a second form, begins
        // with its own title; a list or rules continue under a repeated
        // heading.
        start = begins == kLicense ||
                (begins == kApplicationForm && s.title_kind == begins && form_page);
        // A form's cover page with the title and a few values, followed by
        // the form itself under the same title, is one document.
        if (start && current->kind == kApplicationForm && current->first == current->last &&
            current->cover)
          start = false;
      }
    }
    if (start) {
      Run run;
      run.first = run.last = n;
      // A first page that begins nothing by its title but shows a form's
      // rows is a form whose title was lost (cut off, misread).
      run.kind = begins.empty() && s.form_fields >= kFormPageFields ? kApplicationForm : begins;
      // A form's cover: its title and a few values (unit, recommender, date)
      // but not the form's table.
      run.cover = run.kind == kApplicationForm && (s.form_fields < kFormPageFields || !s.has_table);
      run.contents = s.contents;
      runs.push_back(run);
    } else {
      current->last = n;
      if (current->kind.empty() && !begins.empty()) current->kind = begins;
    }
  }
  // Before a contents page, a cover (with the form's title or none) is the
  // package's, not the form's.
  for (size_t i = 0; i + 1 < runs.size(); ++i) {
    if ((runs[i].cover || runs[i].kind.empty()) && runs[i].first == runs[i].last &&
        runs[i + 1].kind == kOther && runs[i + 1].contents)
      runs[i].kind = kOther;
  }
  // Adjacent parts that both began as "other" (cover, contents) are one.
  std::vector<Run> merged;
  for (const Run& r : runs) {
    if (!merged.empty() && merged.back().kind == kOther && r.kind == kOther) {
      merged.back().last = r.last;
    } else {
      merged.push_back(r);
    }
  }
  if (merged.size() < 2) return whole();

  std::vector<DocumentPart> out(merged.size());
  ForEachIndex(merged.size(), [&](size_t i) {
    const Run& r = merged[i];
    DocumentPart& part = out[i];
    part.first_page = r.first;
    part.last_page = r.last;
    part.doc = PagesOf(doc, r.first, r.last);
    if (r.kind == kOther) {
      // A cover and a table of contents name every document of the package;
      // they are none of them.
      part.analysis.classification = {kOther, 0.9, "封面或目录"};
    } else {
      part.analysis = Analyze(part.doc);
    }
  });
  return out;
}

}  // namespace dossier::norm
