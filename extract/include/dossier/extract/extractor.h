// Entry point of the extract stage: bytes of a file of a known type → Document.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dossier/common/status.h"
#include "dossier/extract/document.h"

namespace dossier {

// Safety limits for untrusted archives and XML (zip bombs, huge parts).
struct ExtractLimits {
  uint64_t max_entry_uncompressed = 64ull << 20;   // one ZIP entry, inflated
  uint64_t max_total_uncompressed = 256ull << 20;  // all entries read from one archive
  double max_compression_ratio = 200.0;            // inflated / compressed, per entry
  int max_entries = 10000;
  int max_warnings = 50;
  uint64_t max_file_bytes = 512ull << 20;  // a whole input file
  int max_pages = 500;                      // pages of one PDF or multi-page TIFF
  uint64_t max_image_pixels = 100'000'000;  // one image, width × height, checked before decoding
  double max_page_seconds = 120;            // Poppler reading or drawing one PDF page
};

// Reads a DOCX (WordprocessingML) document.
// On failure returns a Status whose message a clerk can read: "the file is not
// a valid ZIP archive", "ZIP entry word/document.xml would inflate past the
// 64 MiB limit (possible zip bomb)", "unsafe entry name ../x", "the XML of
// word/document.xml declares a DOCTYPE, which is not allowed".
// Thread-safe: yes (no shared state).
Result<Document> ReadDocx(std::string_view bytes, const ExtractLimits& limits = {});

// Reads an XLSX (SpreadsheetML) workbook: every sheet becomes one Table named
// after the sheet, and every non-empty cell a Span with locator "Sheet!A1".
// Numbers are written as the shortest round-trip decimal; cells with a date
// number format (1900 date system) as ISO dates "YYYY-MM-DD".
// Failures as for ReadDocx.
Result<Document> ReadXlsx(std::string_view bytes, const ExtractLimits& limits = {});

// One file inside a ZIP archive, inflated.
struct ArchiveMember {
  std::string name;  // the entry's name as stored, '/'-separated ("forms/a.docx")
  std::string bytes;
};

// Expands a ZIP archive that was dropped as a file, with the same safety
// limits as the readers of DOCX and XLSX packages (entry count, per-entry and
// total inflated size, compression ratio, unsafe entry names). Folder
// entries are left out; entries are in the archive's order; of two entries
// whose names differ only in case, the first is taken.
// On failure the whole archive is refused with the reason ("ZIP entry x would
// inflate past the 64 MiB limit (possible zip bomb)", "unsafe entry name
// ../x", "ZIP entry x is encrypted (the file is password-protected)"): a
// partly expanded archive would hide the rest from the clerk.
// Thread-safe: yes.
Result<std::vector<ArchiveMember>> ExpandZip(std::string_view bytes,
                                             const ExtractLimits& limits = {});

// Reads a PDF. A page with a usable text layer is read from it (method
// pdf-text, boxes in points, origin top-left): words become lines ("page 2
// line 14") and ruled tables (from the lines the page draws) become Tables
// with one span per cell ("page 2 table 1 row 3 cell 2"). A page with no text
// layer, too little text over a page-size image, or text that is invisible or
// garbage is rendered at 300 dpi and OCR'd (method ocr, confidence the mean
// word confidence, every word's box mapped back onto the page). Each Page
// says how it was read and why ("text layer", "OCR: no text layer", "OCR:
// text layer is garbage (62% replacement characters)").
// On failure: "the PDF is password-protected", "the PDF is damaged and could
// not be opened", "the PDF has 3000 pages, more than the limit of 500", "the
// PDF is damaged: no page could be read". Pages that fail while others read
// are kept as pages without spans and named in Document::warnings.
// Thread-safe: yes; OCR runs on a process-wide pool of one worker per core,
// so concurrent calls share the cores.
Result<Document> ReadPdf(std::string_view bytes, const ExtractLimits& limits = {});

// Reads a JPEG, PNG or TIFF (every page of a multi-page TIFF) with OCR. Boxes
// are in pixels of the image as displayed, after its EXIF orientation is
// applied. The pixel count the header declares is checked against
// limits.max_image_pixels before anything is decoded.
// On failure: "the image is 30000 × 20000 pixels (600 megapixels), more than
// the limit of 100 megapixels", "the image is damaged or truncated and could
// not be decoded", "the image format is not JPEG, PNG or TIFF".
// Thread-safe: yes (as ReadPdf).
Result<Document> ReadImage(std::string_view bytes, const ExtractLimits& limits = {});

// Reads a file whose type was sniffed from its bytes (ingest's FileTypeName:
// "docx", "xlsx", "pdf", ...). Types this build does not read give an
// Unsupported status that says so in plain words. The file's name never
// decides how it is read; it only words the reason for a damaged file.
Result<Document> ExtractFile(std::string_view type, std::string_view bytes, std::string_view name,
                             const ExtractLimits& limits = {});

}  // namespace dossier
