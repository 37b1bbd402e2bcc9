// The export contract (shared/spec/form-fields.md, "The export contract").
#pragma once

#include <nlohmann/json.hpp>

#include "dossier/common/status.h"
#include "dossier/store/store.h"

namespace dossier {

// Builds the export object from the store alone (never re-extracts).
Result<nlohmann::json> BuildExport(Store& store);

}  // namespace dossier
