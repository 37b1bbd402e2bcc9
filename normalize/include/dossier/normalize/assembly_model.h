// The records of assembly: a stored document's readings as assembly takes
// them, and the applications it gives back. They sit here, below the store,
// because the store keeps both sides (ApplicationStore) while assembly and the
// checks (assemble/) run after it; so no stage reaches up to a later one.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "dossier/normalize/analysis.h"

namespace dossier::norm {

// Where a reading came from, as the store identifies it.
struct SourceRef {
  int64_t document_id = 0;
  int span_id = -1;
};

// The mail a document's file came in (or whose text it is); empty sha256
// when none.
struct MailFacts {
  std::string sha256;  // the mail file's
  std::string from;
  std::string subject;
  int64_t arrived_ms = 0;
  std::string time_basis;  // "received", "date", "taken"
  std::string note;        // why the mail's own time was not used, in Chinese
};

// A stored document's readings, as assembly sees them.
struct DocumentFacts {
  int64_t document_id = 0;
  std::string file_path;  // path as received first (a hint only: folder names)
  // Every path the file arrived under, first arrival first (the same bytes
  // may come through two recommenders' folders).
  std::vector<std::string> paths;
  std::string sha256;          // the file's; the documents of one file share it
  int64_t received_at_ms = 0;  // when the file first arrived (Unix ms)
  std::string kind;
  std::string track = kProvincialTrack;  // an application form's (Classification::track)
  int first_page = 0;                    // the file's pages this document covers (0: no pages)
  int last_page = 0;
  std::vector<FieldReading> fields;
  std::vector<SummaryRow> summary_rows;
  std::vector<FieldReading> header;
  std::vector<Teacher> teachers;  // faculty list rows
  // The document's text, spans joined by newlines (capped), where a unit's
  // name may stand in a sentence; and whether it was read by OCR.
  std::string text;
  bool text_ocr = false;
  MailFacts mail;
};

struct AssembledField {
  std::string key;
  nlohmann::json value;
  double confidence = 1;
  std::vector<SourceRef> sources;  // every source that agrees with value
};

struct Finding {
  std::string code;        // e.g. "disagreement", "invalid_credit_code", "form_revised"
  std::string detail;      // in Chinese, naming values and places
  std::string field = {};  // the form field a disagreement is about; empty otherwise
};

// The national track's application of a unit is apart from its provincial
// ones: its id is the unit's id with this suffix ("12370100MB1C872684@national"),
// whether or not the unit also applies provincially, so that it stays stable.
inline constexpr const char* kNationalIdSuffix = "@national";

// Why a document belongs to its application (spec: "Whose file is it"), the
// strongest evidence first.
inline constexpr const char* kByCreditCode = "credit_code";
inline constexpr const char* kByUnitName = "unit_name";
inline constexpr const char* kByFacultyEmployer = "faculty_employer";
inline constexpr const char* kBySummarySheet = "summary_sheet";
inline constexpr const char* kByFolder = "folder";
inline constexpr const char* kBySameDocument = "same_document";

struct Assignment {
  std::string basis;   // one of the kBy* above
  std::string detail;  // in Chinese, naming the evidence and where it was read
  // For a file that is a page of a document of several files (a form
  // photographed page by page): its first page's number in that document.
  // 0 otherwise.
  int document_page = 0;
};

// The outcome of one of the notice's checks (C1..C6, Q1..Q4, P1).
struct CheckResult {
  std::string id;
  std::string outcome;  // CheckOutcomeName of the outcome (assemble.h), as the store keeps it
  std::string detail;   // in Chinese, naming the values and source places
};

struct Application {
  // Stable: the credit code, else "name:" + normalized unit name; for a unit
  // that applies through several recommenders, that + "@" + the recommender;
  // on the national track, that + kNationalIdSuffix always.
  std::string id;
  // kProvincialTrack, or kNationalTrack when its forms are the ministry's.
  std::string track = kProvincialTrack;
  std::string channel;  // the recommender it came through, as named; "" when unknown
  // The spec's form fields in the spec's order, then the licence's fields
  // keyed "license_name", "license_credit_code", ... (see ReadLicenseFields).
  std::vector<AssembledField> fields;
  // Form fields answered "none" (无, /, blank): absent from `fields`, but a
  // check that needs them is not_met rather than unknown.
  std::vector<std::string> declared_none;
  std::vector<int64_t> document_ids;
  std::map<int64_t, Assignment> assigned_by;  // by document id, for each of document_ids
  std::vector<Finding> findings;
  std::vector<CheckResult> checks;
  // When the materials that give its values arrived (the form's version
  // taken, else the summary sheet listing it), for the deadline (Q3).
  int64_t received_at_ms = 0;
  std::string received_file;
  MailFacts received_mail;  // the mail they came in, if they did
};

struct Unassigned {
  int64_t document_id = 0;
  std::string reason;
};

struct Assembly {
  std::vector<Application> applications;
  std::vector<Unassigned> unassigned;
};

}  // namespace dossier::norm
