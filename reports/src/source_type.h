// The file type a report's source or document was read from, as the store
// names it: for the dossiers (app_model.h) and for trace.
#pragma once

#include "dossier/common/file_type.h"
#include "dossier/store/views.h"

namespace dossier::reports_internal {

// A name the store holds that no type has is read as an unknown type, which
// is drawn as a picture, as before types were named by an enum.
FileType TypeOfDocument(const DocumentView& d);

// The sniffed type of the file a source was read from; for a source whose
// document the store gives no type, DOCX or XLSX by how it was read, else PDF
// (a page-based source).
FileType SourceFileType(const ApplicationView& app, const SourceView& source);

}  // namespace dossier::reports_internal
