// The unified social credit code (统一社会信用代码), GB 32100-2015.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace dossier::norm {

// True when code is 18 characters of the code's alphabet and its 18th
// character is the check character of the first 17.
// REQUIRES: code already upper-cased without spaces (see NormalizeCreditCode).
bool IsValidCreditCode(std::string_view code);

// The check character for the first 17 characters, or nullopt if any of them
// is not in the alphabet 0-9 A-H J-N P-R T U W-Y.
std::optional<char> CreditCodeCheckChar(std::string_view first17);

// The one valid code that an OCR reading of a code can stand for, undoing
// OCR's usual confusions: a J read as "]", ")", "|" or "I", a 1 as "|", an O for 0,
// a stray mark or border beside the code. Only a code that passes its check
// character is returned, and only when exactly one does; nullopt otherwise.
// Never for typed values: a wrong code typed on a form is a finding.
std::optional<std::string> RepairOcrCreditCode(std::string_view raw);

}  // namespace dossier::norm
