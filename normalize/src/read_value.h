// Normalizing a value together with how it was read.
#pragma once

#include <string_view>

#include "dossier/extract/document.h"
#include "dossier/normalize/values.h"

namespace dossier::norm {

// NormalizeValue, plus what only OCR needs: a credit code OCR misread is
// repaired when its check character leaves exactly one candidate (see
// RepairOcrCreditCode). Typed values are taken as written.
Normalized NormalizeAsRead(ValueType type, std::string_view raw, const Document& doc, int span_id);

}  // namespace dossier::norm
