// `dossier trace`: where one value of one application was read, for
// auditors: the file (path as received, SHA-256), page, box, locator, method,
// confidence and raw text of every source, and a picture of the place with
// the value's box highlighted. Reads the store and the kept originals only.
#pragma once

#include <cstddef>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "dossier/common/status.h"
#include "dossier/store/documents.h"
#include "dossier/store/views.h"

namespace dossier {

struct FieldTrace {
  std::string application_id;
  std::string unit_name;
  std::string key;    // spec key
  std::string label;  // the spec's first label
  nlohmann::json value;
  double confidence = 0;
  std::vector<SourceView> sources;
  std::vector<std::string> types;  // each source file's sniffed type
};

// Finds a field of an application. `application` is an application id (as
// in the export) or a unit name; `field` a spec key (credit_code) or one of
// its labels (统一社会信用代码). Reads `views` only (a Store is one).
// On failure: FindApplication's for an application it cannot name; NotFound
// for a field the application has no value for; InvalidInput for a name that
// is no field of the form (the message lists the keys).
Result<FieldTrace> TraceField(ReportViews& views, std::string_view application,
                              std::string_view field);

struct TraceCrop {
  std::filesystem::path png;
  int width = 0;
  int height = 0;
  BBox highlight;     // the highlighted box in the PNG's pixels
  size_t source = 0;  // which of the trace's sources it shows
  std::string kind;   // "table" (cell in its table), "paragraph" or "page" (region of a page)
};

// Writes the picture of the first source that can be drawn: for DOCX/XLSX
// the cell in its table context, for PDF pages and photos the page region
// rendered from the original (data_dir/originals), the box highlighted.
// `documents` gives the stored DOCX/XLSX documents (a Store is one).
// On failure: the reason the first source could not be drawn.
Result<TraceCrop> WriteTraceCrop(DocumentStore& documents, const FieldTrace& trace,
                                 const std::filesystem::path& data_dir,
                                 const std::filesystem::path& png);

// Human-readable (Chinese labels) and machine-readable forms of a trace.
std::string TraceText(const FieldTrace& trace, const TraceCrop* crop);
nlohmann::json TraceJson(const FieldTrace& trace, const TraceCrop* crop);

}  // namespace dossier
