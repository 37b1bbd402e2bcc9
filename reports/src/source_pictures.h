// Pictures of where a value was read: for DOCX/XLSX the cell in its table
// context (drawn from the stored table, there being no page image), for PDF
// pages and photos the region of the rendered original with the value's box
// highlighted.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "dossier/extract/document.h"
#include "dossier/store/documents.h"
#include "dossier/store/views.h"
#include "raster.h"

namespace dossier::reports_internal {

struct Picture {
  SurfacePtr surface;  // the picture as pixels (image surface)
  // For pictures drawn rather than cut from a page: the same drawing as a
  // Cairo recording surface of vector_width × vector_height units, so that a
  // PDF gets vectors and real text instead of pixels. Null otherwise.
  SurfacePtr vector;
  double vector_width = 0;
  double vector_height = 0;
  BBox highlight;  // the highlighted box, in the surface's pixels
};

// The span's cell with its neighbouring rows and columns (or the paragraph
// with its neighbours), the span highlighted. `spreadsheet` adds column
// letters and row numbers. On failure: NotFound when the span is not stored.
Result<Picture> StructurePicture(const Document& doc, int span_index, bool spreadsheet);

// The region of a rendered page around `bbox` (in the page's bbox units),
// with the box highlighted.
Result<Picture> PageCropPicture(const PageRaster& page, const BBox& bbox);

// The page scaled to `width` pixels wide.
Result<SurfacePtr> Thumbnail(cairo_surface_t* page, int width);

// The resolution a value's region is cut from its page at.
inline constexpr Resolution kCropResolution{150, 2000};

// Whether a source's picture is drawn from the stored structure (DOCX, XLSX)
// rather than cut from a page picture.
bool DrawnFromStructure(const SourceView& source);

using DocumentMap = std::map<int64_t, Document>;

// Loads from the store the documents that pictures of these sources are
// drawn from (DOCX/XLSX ones), each once. The store is used by one thread;
// once loaded, pictures can be drawn on several.
Status LoadSourceDocuments(DocumentStore& documents, const std::vector<SourceView>& sources,
                           DocumentMap& docs);

// Draws the picture of a field's source, from the loaded documents
// (DOCX/XLSX) or the pages rendered through `pages` (PDF, photos). Never
// reads a file's text. One object per thread; `docs` is only read.
class SourcePictures {
 public:
  SourcePictures(const DocumentMap& docs, PageImages& pages) : docs_(docs), pages_(pages) {}

  // `type` is the source file's sniffed type (DOCX, PDF, JPEG, ...).
  Result<Picture> For(const SourceView& source, FileType type);
  // A document loaded for the report (a mail's letter, a source's), or null.
  const Document* Loaded(int64_t document_id) const {
    auto it = docs_.find(document_id);
    return it == docs_.end() ? nullptr : &it->second;
  }

 private:
  const DocumentMap& docs_;
  PageImages& pages_;
};

}  // namespace dossier::reports_internal
