#include "source_type.h"

namespace dossier::reports_internal {

FileType TypeOfDocument(const DocumentView& d) {
  return FileTypeFromName(d.type).value_or(FileType::kUnknown);
}

FileType SourceFileType(const ApplicationView& app, const SourceView& source) {
  for (const DocumentView& d : app.documents) {
    if (d.id == source.document_id && !d.type.empty()) return TypeOfDocument(d);
  }
  const std::optional<ReadMethod> method = MethodFromName(source.method);
  if (method == ReadMethod::kDocx) return FileType::kDocx;
  if (method == ReadMethod::kXlsx) return FileType::kXlsx;
  return FileType::kPdf;  // a page-based source whose file type the store did not give
}

}  // namespace dossier::reports_internal
