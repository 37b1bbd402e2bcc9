// The PDF dossier, drawn with Cairo and Pango (Noto CJK): A4 pages, page
// numbers, a table of contents with the sections' pages, and a PDF outline.
#pragma once

#include <filesystem>

#include "app_model.h"
#include "dossier/common/status.h"

namespace dossier::reports_internal {

// Writes the dossier to path (through a temporary file).
// On failure: Io when the file cannot be written, Internal when Cairo fails.
Status WriteApplicationPdf(const AppReport& report, const std::filesystem::path& path);

}  // namespace dossier::reports_internal
