// Readings and documents as the store hands them to assembly, for tests.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "dossier/assemble/assemble.h"

namespace dossier::testing {

inline norm::FieldReading Reading(const std::string& key, nlohmann::json value, int span = 0) {
  norm::FieldReading r;
  r.key = key;
  r.value = std::move(value);
  r.raw = r.value.is_string() ? r.value.get<std::string>() : r.value.dump();
  r.span_id = span;
  return r;
}

// A reading by OCR, with its confidence.
inline norm::FieldReading OcrReading(const std::string& key, nlohmann::json value,
                                     double confidence, int span = 0) {
  norm::FieldReading r = Reading(key, std::move(value), span);
  r.method = "ocr";
  r.confidence = confidence;
  return r;
}

inline norm::DocumentFacts Doc(int64_t id, const std::string& path, const std::string& kind,
                               std::vector<norm::FieldReading> fields,
                               const std::string& track = norm::kProvincialTrack) {
  norm::DocumentFacts d;
  d.document_id = id;
  d.file_path = path;
  d.kind = kind;
  d.track = track;
  d.fields = std::move(fields);
  return d;
}

}  // namespace dossier::testing
