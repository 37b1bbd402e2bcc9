// A PDF read as page ranges: the pages a reader refused, and the join of
// the ranges with the rules of a whole read (extractor.h). No Poppler here:
// the join works on what the page jobs' readers sent back.
#include "pdf_pages.h"

#include <algorithm>
#include <utility>

#include "dossier/common/rejection.h"
#include "dossier/extract/extractor.h"

namespace dossier {

std::string extract_internal::PageNotReadWarning(int page, std::string_view reason) {
  return "page " + std::to_string(page) + " could not be read: " + std::string(reason);
}

void extract_internal::CapWarnings(int max_warnings, Document* doc) {
  const size_t cap = static_cast<size_t>(std::max(1, max_warnings));
  if (doc->warnings.size() <= cap) return;
  const size_t dropped = doc->warnings.size() - (cap - 1);
  doc->warnings.resize(cap - 1);
  doc->warnings.push_back("and " + std::to_string(dropped) + " more warnings");
}

Document PdfPagesNotRead(int first_page, int last_page, const std::string& reason) {
  Document doc;
  for (int page = first_page; page <= last_page; ++page) {
    // The size is not known without Poppler; a page not read shows none.
    doc.pages.push_back(
        {page, 0, 0, ReadMethod::kPdfText, std::string(extract_internal::kPageNotRead) + reason});
    doc.warnings.push_back(extract_internal::PageNotReadWarning(page, reason));
  }
  return doc;
}

Result<Document> JoinPdfPages(std::vector<Document> parts, const ExtractLimits& limits) {
  Document whole;
  for (Document& part : parts) AppendDocument(std::move(part), &whole);
  // As ReadPdf: a file none of whose pages could be read is refused, with the
  // first page's reason.
  const auto read = std::find_if(whole.pages.begin(), whole.pages.end(), [](const Page& page) {
    return page.how_read.rfind(extract_internal::kPageNotRead, 0) != 0;
  });
  if (read == whole.pages.end()) {
    const std::string first_reason =
        whole.pages.empty() ? ""
                            : whole.pages[0].how_read.substr(extract_internal::kPageNotRead.size());
    return Reject(
        Rejection::kDamaged,
        "PDF 已损坏：没有一页能读取" + (first_reason.empty() ? "" : "（" + first_reason + "）"));
  }
  // Each part capped its own; the file as a whole is capped once more.
  extract_internal::CapWarnings(limits.max_warnings, &whole);
  return whole;
}

}  // namespace dossier
