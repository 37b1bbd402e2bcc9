// The export contract (shared/spec/form-fields.md, "The export contract").
#pragma once

#include <nlohmann/json.hpp>

#include "dossier/common/status.h"
#include "dossier/store/views.h"

namespace dossier {

// Builds the export object from the store's report views alone (never
// re-extracts). A Store is one.
Result<nlohmann::json> BuildExport(ReportViews& views);

}  // namespace dossier
