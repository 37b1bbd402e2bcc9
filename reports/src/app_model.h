// What a dossier shows, computed once from the store and shared by the HTML
// and the PDF writers.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "dossier/store/views.h"
#include "source_pictures.h"
#include "source_type.h"

namespace dossier::reports_internal {

struct SourceItem {
  SourceView source;
  FileType type = FileType::kUnknown;  // the source file's sniffed type
  std::string method_word;
  std::string place;
  std::shared_ptr<Picture> picture;  // null when it could not be drawn
  std::string picture_error;         // why, in plain words
};

struct FieldItem {
  std::string key;
  std::string label;  // the spec's first label
  bool present = false;
  std::string value_text;
  double confidence = 0;
  bool low_confidence = false;
  bool disagreeing = false;  // a finding names this field
  std::vector<SourceItem> sources;
};

struct Thumb {
  int page = 0;
  std::shared_ptr<SurfacePtr> surface;
};

struct EvidenceItem {
  DocumentView document;
  std::vector<Thumb> thumbnails;
  std::string note;           // e.g. why there is no thumbnail
  std::string pages_text;     // "第3–5页", "申报表第2页", "—"
  std::string assigned_text;  // "统一社会信用代码：…" (why it belongs to the application)
};

struct Overview {
  int met = 0, not_met = 0, unknown = 0, findings = 0;
};

struct AppReport {
  const ApplicationView* app = nullptr;
  std::string stem;  // file name stem of its dossier
  std::string unit_name;
  std::string credit_code;
  std::string recommender;
  std::string city;
  std::string track;  // the application's (norm::kProvincialTrack, kNationalTrack)
  Overview overview;
  std::vector<FieldItem> fields;  // every field of the spec, present or not
  std::vector<EvidenceItem> evidence;
};

// Counts of the checks' outcomes and of the findings.
Overview OverviewOf(const ApplicationView& app);
// The application's value of a field as text, "" when absent.
std::string FieldText(const ApplicationView& app, const std::string& key);
// The recommender an application is listed under ("（未注明推荐单位）" if none).
std::string RecommenderOf(const ApplicationView& app);

// "第3–5页" (the file's pages of the document), "申报表第2页（本文件第1页）" for a
// page of a document of several files, "—" without pages.
std::string PagesText(const DocumentView& d);
// Why a document belongs to its application, for a reviewer.
std::string AssignedText(const norm::Assignment& a);

// Builds the dossier's content, drawing source pictures and page thumbnails.
AppReport BuildAppReport(const ApplicationView& app, SourcePictures& pictures, PageImages& pages);

// A page picture a dossier needs.
struct PageNeed {
  std::string sha256;
  FileType type = FileType::kUnknown;
  int page = 1;
  Resolution res;
};

// Every page picture BuildAppReport asks for the application's dossier
// (value regions and thumbnails), so that they can be rendered beforehand
// under limits.
std::vector<PageNeed> PagesNeeded(const ApplicationView& app);

}  // namespace dossier::reports_internal
