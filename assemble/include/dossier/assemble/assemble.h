// Assembly: documents from any files, folders and order → applications.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "dossier/assemble/names.h"
#include "dossier/normalize/assembly_model.h"

namespace dossier::norm {

// How a check came out. Stored and exported by name (CheckOutcomeName).
enum class CheckOutcome { kMet, kNotMet, kUnknown };
// "met", "not_met", "unknown": the export contract's names.
std::string_view CheckOutcomeName(CheckOutcome outcome);
// The outcome a stored name stands for; nullopt for any other text.
std::optional<CheckOutcome> CheckOutcomeFromName(std::string_view name);

// Joins documents into applications (spec, "Conventions that settle the edge
// cases"): an application is one unit through one recommender; a form's pages
// in several files are one document; a document joins its unit by the
// strongest evidence it carries (a valid credit code, the unit's name, the
// employer of a faculty list's full-time teachers, a summary sheet's row,
// and the folder only when the folder holds one application); generic words
// never identify a unit. Of several versions of a form, the latest that
// arrived by the deadline (`deadline_end_ms`, Unix ms; <= 0: no deadline)
// gives the values. A summary sheet joins every application it lists. A
// unit's national-track forms (DocumentFacts::track) make an application of
// their own, apart from its provincial ones and counted in no recommender's
// channels.
// Deterministic for the same input in any order.
Assembly Assemble(const std::vector<DocumentFacts>& documents, int64_t deadline_end_ms = 0);

}  // namespace dossier::norm
