// WriteTraceCrop (trace.h), inside the render module: the picture of a
// traced value's place.
#include "dossier/reports/trace.h"
#include "raster.h"
#include "render_module.h"
#include "source_pictures.h"

namespace dossier {

using namespace reports_internal;

Result<TraceCrop> reports_internal::WriteTraceCropNow(DocumentStore& documents,
                                                      const FieldTrace& trace,
                                                      const std::filesystem::path& data_dir,
                                                      const std::filesystem::path& png) {
  try {
    if (trace.sources.empty()) {
      return Status::NotFound("the value of " + trace.key + " has no stored source to draw");
    }
    DocumentMap docs;
    if (Status st = LoadSourceDocuments(documents, trace.sources, docs); !st.ok()) return st;
    PageImages pages(data_dir);
    SourcePictures pictures(docs, pages);
    Status first_failure;
    for (size_t i = 0; i < trace.sources.size(); ++i) {
      const SourceView& s = trace.sources[i];
      auto pic = pictures.For(s, FileTypeFromName(trace.types[i]).value_or(FileType::kUnknown));
      if (!pic.ok()) {
        if (first_failure.ok()) {
          first_failure = pic.status().WithContext("cannot draw the source in " + s.file);
        }
        continue;
      }
      auto bytes = EncodePng(pic->surface.get());
      if (!bytes.ok()) return bytes.status();
      if (Status st = WriteFileAtomically(png, *bytes); !st.ok()) return st;
      TraceCrop crop;
      crop.png = png;
      crop.width = Width(pic->surface.get());
      crop.height = Height(pic->surface.get());
      crop.highlight = pic->highlight;
      crop.source = i;
      const bool structure =
          IsOfficeType(FileTypeFromName(trace.types[i]).value_or(FileType::kUnknown)) ||
          DrawnFromStructure(s);
      crop.kind = !structure ? "page" : (s.locator.find("paragraph") == 0 ? "paragraph" : "table");
      return crop;
    }
    return first_failure;
  } catch (const std::exception& e) {
    return Status::Internal(std::string("drawing the trace failed unexpectedly: ") + e.what());
  }
}

}  // namespace dossier
