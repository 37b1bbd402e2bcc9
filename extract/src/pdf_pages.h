// What a PDF read whole and a PDF read as page ranges and joined share
// (pdf_reader.cc inside the PDF module, pdf_pages.cc outside it): how a page
// that could not be read is marked, and the cap on a document's warnings.
#pragma once

#include <string>
#include <string_view>

#include "dossier/extract/document.h"

namespace dossier::extract_internal {

// Page::how_read of a page nothing could be read from starts so, followed by
// why ("not read: the page's content is damaged").
inline constexpr std::string_view kPageNotRead = "not read: ";

// The warning of such a page.
std::string PageNotReadWarning(int page, std::string_view reason);

// Keeps at most max_warnings warnings (at least one), the last saying how
// many more there were.
void CapWarnings(int max_warnings, Document* doc);

}  // namespace dossier::extract_internal
