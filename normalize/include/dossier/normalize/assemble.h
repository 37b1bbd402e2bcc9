// Assembly: documents from any files, folders and order → applications.
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

// A stored document's readings, as assembly sees them.
struct DocumentFacts {
  int64_t document_id = 0;
  std::string file_path;       // path as received (a hint only: folder names)
  int64_t received_at_ms = 0;  // when the file first arrived (Unix ms)
  std::string kind;
  std::vector<FieldReading> fields;
  std::vector<SummaryRow> summary_rows;
  std::vector<FieldReading> header;
  std::vector<Teacher> teachers;  // faculty list rows
};

struct AssembledField {
  std::string key;
  nlohmann::json value;
  double confidence = 1;
  std::vector<SourceRef> sources;  // every source that agrees with value
};

struct Finding {
  std::string code;    // e.g. "disagreement", "invalid_credit_code", "duplicate_form"
  std::string detail;  // in Chinese, naming values and places
  std::string field = {};  // the form field a disagreement is about; empty otherwise
};

// The outcome of one of the notice's checks (C1..C6, Q1..Q4, P1).
struct CheckResult {
  std::string id;
  std::string outcome;  // "met", "not_met", "unknown"
  std::string detail;   // in Chinese, naming the values and source places
};

struct Application {
  std::string id;  // stable: the credit code, else "name:" + normalized unit name
  // The spec's form fields in the spec's order, then the licence's fields
  // keyed "license_name", "license_credit_code", ... (see ReadLicenseFields).
  std::vector<AssembledField> fields;
  // Form fields answered "none" (无, /, blank): absent from `fields`, but a
  // check that needs them is not_met rather than unknown.
  std::vector<std::string> declared_none;
  std::vector<int64_t> document_ids;
  std::vector<Finding> findings;
  std::vector<CheckResult> checks;
};

struct Unassigned {
  int64_t document_id = 0;
  std::string reason;
};

struct Assembly {
  std::vector<Application> applications;
  std::vector<Unassigned> unassigned;
};

// Joins documents into applications: application forms found applications;
// other documents join by credit code, then by unit name (tolerant of spaces,
// punctuation and full-width differences), with the folder path only breaking
// ties. A summary sheet joins every application it lists. Of two forms for
// one unit, the one that arrived first gives the values. Deterministic for
// the same input in any order.
Assembly Assemble(const std::vector<DocumentFacts>& documents);

// The unit name as compared for joining: spaces, punctuation and
// full-width/half-width differences removed.
std::string UnitNameKey(std::string_view name);

}  // namespace dossier::norm
