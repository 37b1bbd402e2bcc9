// Dossiers for reviewers: per application an HTML and a PDF file, an index
// page, and per recommender a summary sheet (XLSX). Everything a reviewer
// reads is in Chinese. Reads the store and the kept originals only (page
// pictures); never extracts again.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "dossier/assemble/checks.h"
#include "dossier/common/status.h"
#include "dossier/store/documents.h"
#include "dossier/store/views.h"

namespace dossier {

struct ReportOptions {
  std::filesystem::path out_dir;  // must exist
  std::filesystem::path
      data_dir;  // the data folder: originals/ is read, cache/ is written if it can be
  // Empty: every application, the index and the summary sheets. Otherwise
  // only this application's HTML and PDF are written; an id or a unit name
  // (FindApplication).
  std::string application_id;
  // The settings the store's checks were judged with, named on the index page.
  norm::CallConfig settings = norm::CallConfig::Defaults();
  bool html = true;
  bool pdf = true;
  // Dossiers drawn at once (threads); 0: one per processor, at most 4.
  int jobs = 0;
  // Runs `work` under the same limits as a file's reader (a child process:
  // time, memory, a crash costs only that work) and says how it went. When
  // set, every page picture the dossiers need is rendered beforehand through
  // it, one original at a time, and a page that fails (too large, a crash, a
  // timeout) is written down and never drawn again. Null: pages are drawn in
  // this process, bounded in pixels only (tests, `trace`).
  // REQUIRES: called before any drawing thread starts (fork).
  std::function<Status(const std::function<Status()>& work)> isolate;
};

struct ReportSummary {
  int applications = 0;                      // dossiers written
  std::vector<std::filesystem::path> files;  // every file written (not the pictures)
  int pages_rendered = 0;                    // original pages drawn (not found in the cache)
  int pages_from_cache = 0;
};

// Reads the applications, unassigned and rejected files from `views`, and
// from `documents` the stored documents that DOCX/XLSX values are drawn from
// and mail letters shown in full (a Store is both). Writes into out_dir:
//   index.html                       applications by recommender, unassigned and rejected files
//   <stem>.html, <stem>_files/*.png  one dossier per application (stem: ApplicationFileStem)
//   <stem>.pdf
//   汇总表-<recommender>.xlsx        one per recommender
// Page pictures are cached in data_dir/cache/ by the file's SHA-256.
// On failure: FindApplication's for an unknown application_id; Io when a
// file cannot be written (what was already written stays).
// A source whose picture cannot be drawn (original missing, damaged) is
// shown with the reason; it does not fail the report.
Result<ReportSummary> WriteReports(ReportViews& views, DocumentStore& documents,
                                   const ReportOptions& options);

// The file name stem of an application's dossier: the id when it is a plain
// credit code, otherwise "app-" and the first 16 hex digits of its SHA-256
// (ids such as "name:…" may hold any character). Stable across runs.
std::string ApplicationFileStem(std::string_view application_id);

// Writes one summary sheet (汇总表) for a recommender: a sheet in the official
// columns (序号, 申报单位名称, 统一社会信用代码, 单位性质, 申报领域, 联系人, 联系电话, 备注)
// and a sheet 审查结果 with each applicant's checks and findings.
// On failure: Io naming the path.
Status WriteSummarySheet(const std::string& recommender,
                         const std::vector<const ApplicationView*>& applications,
                         const std::filesystem::path& path);

}  // namespace dossier
