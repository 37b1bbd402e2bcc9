// The spec's tables (normalize/data/spec.json) loaded once and read-only.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "dossier/normalize/values.h"

namespace dossier::norm {

struct FieldSpec {
  std::string key;
  ValueType type;
  std::vector<std::string> labels;  // as in the spec, first is the canonical label
  int year = 0;                     // for trainees_YYYY
};

struct KindSpec {
  std::string kind;
  std::vector<std::string> title_phrases;
  std::vector<std::string> phrases;
  // The same, in the same order, without their spaces: documents are searched
  // for them with their spaces removed, page by page and part by part, so
  // they are made so once, when the spec is read.
  std::vector<std::string> spaceless_title_phrases;
  std::vector<std::string> spaceless_phrases;
};

struct CheckSpec {
  std::string id;     // C1..C6, Q1..Q4, P1, N1, N2
  std::string title;  // in Chinese, for reviewers
};

// One of the notice's tracks: the provincial call (the default) and the
// ministry's national bases, which existing provincial bases apply for on
// the ministry's form.
struct TrackSpec {
  std::string track;  // "provincial", "national"
  // A form whose title holds one of these, not preceded by a not_after mark
  // (within 3 characters), is on this track.
  std::vector<std::string> title_phrases;
  std::vector<std::string> not_after;
  std::vector<std::string> checks;  // the check ids judged on this track
};

struct RecommenderTypeSpec {
  std::string type;  // "city", "provincial_department", "provincial_enterprise"
  int quota = 0;
  std::vector<std::string> name_patterns;
};

// The call's settings as the notice sets them; the INI file may override.
struct CallDefaults {
  std::string deadline;  // ISO date, inclusive
  int timezone_offset_minutes = 480;
  std::vector<std::string> expired_bases;
  int trainees_minimum = 2000;
};

struct Spec {
  std::vector<FieldSpec> fields;
  std::vector<FieldSpec>
      license_fields;  // keys: name, credit_code, legal_rep, address, scope, validity
  std::vector<std::string> license_distractor_labels;
  // Rows of the form the spec names no field for (成立时间, 传真): labels
  // still, never a value of the row beside them.
  std::vector<std::string> form_distractor_labels;
  std::vector<CheckSpec> checks;
  std::vector<TrackSpec> tracks;
  std::vector<std::string> priority_areas;
  std::vector<RecommenderTypeSpec> recommender_types;
  CallDefaults call_defaults;
  std::vector<std::string> training_scope_words;
  std::vector<std::string> trainees_table_labels;
  std::vector<std::pair<std::string, std::vector<std::string>>> summary_columns;
  std::map<std::string, std::vector<std::string>> summary_header_labels;
  std::map<std::string, std::vector<std::string>> faculty_columns;
  std::vector<std::string> unit_types;
  std::map<std::string, std::string> unit_type_synonyms;
  std::vector<std::string> mgmt_rule_items;
  std::vector<std::string> cities;
  std::vector<std::string> declared_none;
  std::vector<KindSpec> kinds;
  // Words that never identify a unit (spec, "Whose file is it").
  std::vector<std::string> name_generic_words;
  // Long and short writings of a recommender's name, long first.
  std::vector<std::pair<std::string, std::string>> recommender_aliases;

  const FieldSpec* Field(std::string_view key) const;
  // nullptr for a track the spec does not name.
  const TrackSpec* Track(std::string_view track) const;
};

// The compiled-in spec. Thread-safe (initialized once).
const Spec& TheSpec();

// A label as compared: spaces removed, full-width ASCII folded, trailing
// colons (：:) and a trailing bracketed unit such as （万元）(间) removed,
// ASCII lower-cased. "年度继续教育经费（万元）：" → "年度继续教育经费".
std::string LabelKey(std::string_view label);

}  // namespace dossier::norm
