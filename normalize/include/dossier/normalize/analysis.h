// Per-document reading: what kind of document it is and which field values it
// holds, each tied to the span it was read from.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "dossier/extract/document.h"

namespace dossier::norm {

// Document kinds of the spec.
inline constexpr const char* kApplicationForm = "application_form";
inline constexpr const char* kSummarySheet = "summary_sheet";
inline constexpr const char* kLicense = "license";
inline constexpr const char* kFacultyList = "faculty_list";
inline constexpr const char* kOther = "other";
// A mail's text (extract: ReadMethod::kMail), the letter its files came with.
inline constexpr const char* kCoverLetter = "cover_letter";

// The notice's tracks (spec.json "tracks"): an application is provincial
// unless its form is the ministry's national one.
inline constexpr const char* kProvincialTrack = "provincial";
inline constexpr const char* kNationalTrack = "national";

struct Classification {
  std::string kind = kOther;
  double confidence = 0;
  std::string reason;  // e.g. "title 继续教育基地申报表; 9 form labels"
  // For an application form, the track its title puts it on; provincial for
  // every other kind.
  std::string track = kProvincialTrack;
};

// An OCR'd number the reader doubts: a digit of it read with low confidence
// or disputed between the OCR's readings (extract reads a number's cell
// again and marks digits no two readings agree on), or a value implausible
// beside its neighbours (one year's trainees five times or a fifth of both
// others). Its FieldReading keeps the value but its confidence is at most
// kDoubtfulNumberConfidence, below the mark at which the reports show a
// value as doubtful (0.85), and DocumentAnalysis::notes holds
// "ocr_doubtful_number:KEY：<why, in Chinese>".
inline constexpr double kDoubtfulNumberConfidence = 0.5;
// Below this the reports show a value as doubtful, and the checks read it
// as OCR's doubt rather than the form's writing.
inline constexpr double kShownDoubtfulConfidence = 0.85;
inline constexpr const char* kDoubtfulNumberNote = "ocr_doubtful_number:";

// A value its normalizer kept with a doubt (a URL that is no web address, a
// name whose first character is no family name): shown as doubtful, and any
// typed writing of it stands instead.
inline constexpr double kDoubtedValueConfidence = 0.2;

// One value read from one place of a document.
struct FieldReading {
  std::string key;       // a spec field key
  nlohmann::json value;  // normalized; null when declared none
  bool declared_none = false;
  std::string raw;        // the text the value was read from
  double confidence = 1;  // the span's confidence
  int span_id = -1;       // index into the Document's spans
  std::string label;      // the label as written, for findings
  // Where in its file, in words (PlaceWords): "第2页 第14行", "表1 第3行 第2列".
  // Filled when readings are loaded with their spans (not stored twice).
  std::string place;
  // How the span was read ("docx", "xlsx", "pdf-text", "ocr"). Filled like
  // `place`; empty for readings made in memory.
  std::string method;
  int page = 0;  // the span's page in its file; 0 where the format has none. Filled like `place`.

  // Whether the text was recognised from pixels (OCR) rather than typed.
  bool ocr() const { return method == "ocr"; }
};

// A row of a summary sheet: one applicant.
struct SummaryRow {
  int row = 0;  // 0-based table row
  std::vector<FieldReading> fields;
};

struct Teacher {
  std::string name;
  std::string title;
  std::string employment;  // 专职 / 兼职 as written
  int span_id = -1;
  std::string employer;  // 工作单位 as written; "" when the list has no such column
};

struct DocumentAnalysis {
  Classification classification;
  std::vector<FieldReading> fields;      // form / licence fields
  std::vector<SummaryRow> summary_rows;  // summary sheet rows
  std::vector<FieldReading> header;      // summary sheet header: recommender, ...
  std::vector<Teacher> teachers;         // faculty list rows
  std::vector<std::string> notes;        // what could not be read, for findings
};

// Classifies a document from its content (titles, key phrases, table headers).
Classification Classify(const Document& doc);
// The same, given ReadFormFields(doc) when the caller has read it already.
Classification Classify(const Document& doc, const std::vector<FieldReading>& form_fields);

// Classifies and reads the fields the document's kind carries.
DocumentAnalysis Analyze(const Document& doc);

// One document found in a file: the file's pages first_page..last_page (0..0
// for formats without pages), read as if it had come alone.
struct DocumentPart {
  int first_page = 0;
  int last_page = 0;
  Document doc;  // the file's document restricted to those pages (page numbers kept)
  DocumentAnalysis analysis;
};

// A file may hold several documents: a package printed and scanned into one
// PDF (cover, contents, form, licence, faculty list, rules). Splits a
// multi-page document where a page begins a document of another kind (its
// title, a list's header, a contents page) and analyses each part alone. A
// page without a beginning of its own continues the part before it. One part
// (the whole document) when nothing splits it.
std::vector<DocumentPart> AnalyzeParts(const Document& doc);

// The pages first_page..last_page of doc as a document of their own: spans
// and tables on those pages, renumbered; page numbers kept.
Document PagesOf(const Document& doc, int first_page, int last_page);

// Reads every spec field found by label in tables (value cell to the right,
// or below) and in "label：value" paragraphs. Values that are written but
// cannot be read as their type are left out and described in *notes.
std::vector<FieldReading> ReadFormFields(const Document& doc,
                                         std::vector<std::string>* notes = nullptr);

// Reads a licence's fields, keyed "license_" + the spec's licence field key
// (license_name, license_credit_code, license_legal_rep, license_address,
// license_scope, license_validity).
std::vector<FieldReading> ReadLicenseFields(const Document& doc);

}  // namespace dossier::norm
