// Normalizing a value together with how it was read.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "dossier/extract/document.h"
#include "dossier/normalize/values.h"

namespace dossier::norm {

// NormalizeValue, plus what only OCR needs: a credit code OCR misread is
// repaired when its check character leaves exactly one candidate (see
// RepairOcrCreditCode). Typed values are taken as written.
Normalized NormalizeAsRead(ValueType type, std::string_view raw, const Document& doc, int span_id);

// A number's digits set apart by OCR ("1  2 0 人", "2 0"): groups of one or
// two digits with nothing but spaces between them, a unit after, are one
// number, returned without the spaces. Longer groups are numbers of their
// own (2021 5022人). Nothing when the text is not so.
std::optional<std::string> OcrSpacedDigits(std::string_view raw);

// Whether OCR'd text is an e-mail address once an @ OCR misread is put
// back before a public mail host (npejxy54230163,.com).
bool ReadsAsOcrEmail(std::string_view raw);

// How sure the reading of `raw` from span `span_id` is: the span's
// confidence, and for text OCR read (names, addresses, e-mail, phones) no
// more than that of its least sure character, so that one misread
// character makes the value doubtful and a typed source may stand instead.
// Numbers are doubted by their digits elsewhere. 1 where there is no span.
double ReadingConfidence(ValueType type, std::string_view raw, const Document& doc, int span_id);

}  // namespace dossier::norm
