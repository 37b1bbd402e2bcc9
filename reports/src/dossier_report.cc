#include "dossier/reports/dossier_report.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <system_error>
#include <thread>

#include "app_model.h"
#include "dossier/common/cores.h"
#include "dossier/common/sha256.h"
#include "dossier/common/text.h"
#include "dossier/normalize/spec.h"
#include "dossier/reports/applications.h"
#include "html_writer.h"
#include "pdf_writer.h"
#include "raster.h"
#include "render_module.h"
#include "source_pictures.h"
#include "zh_words.h"

namespace dossier {

namespace {

using namespace reports_internal;

// A recommender's name as part of a file name: path separators, characters
// Windows forbids, control characters and bidirectional overrides (which
// would make the name read otherwise in a file manager) become "_"; at most
// ~80 bytes, cut on a UTF-8 boundary.
std::string SafeFilePart(const std::string& name) {
  std::string out;
  size_t i = 0;
  while (i < name.size()) {
    const size_t start = i;
    const char32_t cp = text::DecodeUtf8(name, &i);
    if (text::IsDeceptiveControl(cp) || cp == '/' || cp == '\\' || cp == ':' || cp == '*' ||
        cp == '?' || cp == '"' || cp == '<' || cp == '>' || cp == '|') {
      out += '_';
    } else {
      out.append(name, start, i - start);
    }
  }
  while (!out.empty() && out.front() == '.') out.front() = '_';
  if (out.size() > 80) {
    size_t cut = 80;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out.resize(cut);
  }
  return out.empty() ? "_" : out;
}

// The figures the panel compares national candidates by (issue 16): trainees
// per year, faculty, platform, management rules.
void AddComparedFigures(const ApplicationView& app, IndexEntry& e) {
  for (const char* key : {"trainees_2021", "trainees_2022", "trainees_2023"})
    e.trainees.push_back(FieldText(app, key));
  auto part = [&](const char* word, const char* key) {
    const std::string v = FieldText(app, key);
    return std::string(word) + " " + (v.empty() ? "—" : v);
  };
  e.faculty = part("专职", "faculty_fulltime") + "，" + part("兼职", "faculty_parttime") + "，" +
              part("副高级以上", "faculty_senior");
  e.platform = FieldText(app, "online_platform");
  if (const std::string url = FieldText(app, "online_platform_url"); !url.empty())
    e.platform += (e.platform.empty() ? "" : " ") + url;
  for (const FieldView& f : app.fields) {
    if (f.key != "mgmt_rules" || !f.value.is_array()) continue;
    const std::vector<std::string>& items = norm::TheSpec().mgmt_rule_items;
    std::string missing;
    int ticked = 0;
    for (const std::string& item : items) {
      if (std::find(f.value.begin(), f.value.end(), nlohmann::json(item)) != f.value.end())
        ++ticked;
      else
        missing += (missing.empty() ? "" : "、") + item;
    }
    e.rules = std::to_string(ticked) + "/" + std::to_string(items.size()) + " 项" +
              (missing.empty() ? "" : "（缺：" + missing + "）");
  }
}

// Renders every page picture the dossiers need into the cache, one original
// at a time, each under the readers' limits (options.isolate). A child that
// crashes, runs out of time or memory leaves the page it was drawing without
// a picture: that page's failure is written down (so no later report tries
// it again) and a new child goes on with the rest. Returns how many pages
// were missing from the cache.
int PrerenderPages(const std::vector<const ApplicationView*>& apps, const ReportOptions& options) {
  int drawn_pages = 0;
  std::map<std::string, std::vector<PageNeed>> by_file;
  std::set<std::string> seen;
  for (const ApplicationView* app : apps) {
    for (PageNeed& need : PagesNeeded(*app)) {
      const std::string key = need.sha256 + "/" + std::to_string(need.page) + "/" +
                              std::to_string(need.res.dpi) + "/" + std::to_string(need.res.max_px);
      if (seen.insert(key).second) by_file[need.sha256].push_back(std::move(need));
    }
  }
  const PageImages cache(options.data_dir);
  for (auto& [sha256, needs] : by_file) {
    bool first_round = true;
    for (;;) {
      std::vector<PageNeed> missing;
      for (const PageNeed& n : needs) {
        if (!cache.InCache(n.sha256, n.type, n.page, n.res)) missing.push_back(n);
      }
      if (missing.empty()) break;
      if (first_round) drawn_pages += static_cast<int>(missing.size());
      first_round = false;
      Status drawn = options.isolate([&]() -> Status {
        PageImages pages(options.data_dir);
        for (const PageNeed& n : missing) {
          if (Status s = pages.RenderToCache(n.sha256, n.type, n.page, n.res); !s.ok()) return s;
        }
        return Status::Ok();
      });
      if (drawn.code() == ErrorCode::kNotFound) break;  // no original: nothing to draw from
      // Pages are drawn in order: the first still missing is the one the
      // child was on when it failed.
      for (const PageNeed& n : missing) {
        if (cache.InCache(n.sha256, n.type, n.page, n.res)) continue;
        cache.RememberFailure(n.sha256, n.type, n.page, n.res,
                              drawn.ok() ? "页面图像未能生成" : drawn.message());
        break;
      }
    }
  }
  return drawn_pages;
}

Result<ReportSummary> Write(ReportViews& views, DocumentStore& documents,
                            const ReportOptions& options) {
  std::error_code ec;
  if (!std::filesystem::is_directory(options.out_dir, ec)) {
    return Status::Io("the report folder " + options.out_dir.string() + " does not exist");
  }
  auto apps = views.ListApplications();
  if (!apps.ok()) return apps.status();

  std::vector<const ApplicationView*> selected;
  if (options.application_id.empty()) {
    for (const ApplicationView& app : *apps) selected.push_back(&app);
  } else {
    auto found = FindApplication(*apps, options.application_id);
    if (!found.ok()) return found.status();
    selected.push_back(*found);
  }

  const int prerendered = options.isolate ? PrerenderPages(selected, options) : 0;

  // Everything the drawing needs from the store is read here, on this
  // thread; the dossiers are then drawn in parallel (the store is used by
  // one thread at a time, Cairo/Pango/Poppler objects are per thread).
  DocumentMap docs;
  for (const ApplicationView* app : selected) {
    for (const FieldView& f : app->fields) {
      if (Status st = LoadSourceDocuments(documents, f.sources, docs); !st.ok()) return st;
    }
    // A mail's letter is shown in full.
    for (const DocumentView& d : app->documents) {
      if (d.kind != norm::kCoverLetter || docs.count(d.id)) continue;
      auto doc = documents.LoadDocument(d.id);
      if (!doc.ok()) return doc.status();
      docs.emplace(d.id, std::move(doc).value());
    }
  }
  int jobs = options.jobs > 0 ? options.jobs : std::clamp(UsableCores(), 1, 4);
  jobs = std::max(1, std::min(jobs, static_cast<int>(selected.size())));

  std::vector<std::vector<std::filesystem::path>> written(selected.size());
  std::atomic<size_t> next{0};
  std::mutex mu;
  Status failure;
  ReportSummary summary;
  auto fail = [&](Status st) {
    std::lock_guard<std::mutex> lock(mu);
    if (failure.ok()) failure = std::move(st);
  };
  auto failed = [&] {
    std::lock_guard<std::mutex> lock(mu);
    return !failure.ok();
  };
  auto work = [&] {
    try {
      PageImages pages(options.data_dir, /*render_here=*/!options.isolate);
      SourcePictures pictures(docs, pages);
      for (size_t i = next++; i < selected.size() && !failed(); i = next++) {
        AppReport report = BuildAppReport(*selected[i], pictures, pages);
        if (options.html) {
          auto path = WriteApplicationHtml(report, options.out_dir);
          if (!path.ok()) return fail(path.status());
          written[i].push_back(*path);
        }
        if (options.pdf) {
          const std::filesystem::path path = options.out_dir / (report.stem + ".pdf");
          if (Status st = WriteApplicationPdf(report, path); !st.ok()) return fail(st);
          written[i].push_back(path);
        }
      }
      std::lock_guard<std::mutex> lock(mu);
      summary.pages_rendered += pages.rendered();
      summary.pages_from_cache += pages.cached();
    } catch (const std::exception& e) {
      fail(Status::Internal(std::string("drawing a dossier failed unexpectedly: ") + e.what()));
    }
  };
  std::vector<std::thread> threads;
  for (int k = 1; k < jobs; ++k) threads.emplace_back(work);
  work();
  for (std::thread& t : threads) t.join();
  if (!failure.ok()) return failure;
  // Pages drawn beforehand in children were read back from the cache here.
  summary.pages_rendered += prerendered;
  summary.pages_from_cache = std::max(0, summary.pages_from_cache - prerendered);
  for (const auto& files : written) {
    summary.files.insert(summary.files.end(), files.begin(), files.end());
  }
  summary.applications = static_cast<int>(selected.size());

  if (options.application_id.empty()) {
    // The national candidates go through no recommender: they have a sheet
    // of their own, for the panel choosing the one the province forwards.
    std::map<std::string, std::vector<const ApplicationView*>> by_recommender;
    for (const ApplicationView& app : *apps) {
      by_recommender[app.track == norm::kNationalTrack ? kNationalSheetName : RecommenderOf(app)]
          .push_back(&app);
    }
    std::vector<SheetLink> sheets;
    for (const auto& [recommender, list] : by_recommender) {
      const std::string name = "汇总表-" + SafeFilePart(recommender) + ".xlsx";
      if (Status st = WriteSummarySheetNow(recommender, list, options.out_dir / name); !st.ok()) {
        return st;
      }
      sheets.push_back({recommender, name});
      summary.files.push_back(options.out_dir / name);
    }
    auto unassigned = views.ListUnassigned();
    if (!unassigned.ok()) return unassigned.status();
    auto rejected = views.ListRejected();
    if (!rejected.ok()) return rejected.status();
    std::vector<IndexEntry> entries;
    for (const ApplicationView& app : *apps) {
      IndexEntry e;
      e.stem = ApplicationFileStem(app.id);
      e.unit_name = FieldText(app, "unit_name");
      if (e.unit_name.empty()) e.unit_name = "（未读取到单位名称）" + app.id;
      e.credit_code = FieldText(app, "credit_code");
      e.recommender = RecommenderOf(app);
      e.overview = OverviewOf(app);
      e.checks = app.checks;
      e.track = app.track;
      AddComparedFigures(app, e);
      entries.push_back(std::move(e));
    }
    auto index = WriteIndexHtml(entries, *unassigned, *rejected, sheets,
                                SettingsWords(options.settings), options.out_dir);
    if (!index.ok()) return index.status();
    summary.files.push_back(*index);
  }
  return summary;
}

}  // namespace

Result<ReportSummary> reports_internal::WriteReportsNow(ReportViews& views,
                                                        DocumentStore& documents,
                                                        const ReportOptions& options) {
  try {
    return Write(views, documents, options);
  } catch (const std::exception& e) {
    return Status::Internal(std::string("writing the reports failed unexpectedly: ") + e.what());
  }
}

}  // namespace dossier
