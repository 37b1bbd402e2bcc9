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
  uint64_t max_file_bytes = 512ull << 20;   // a whole input file
  int max_pages = 2000;                     // pages of one multi-page TIFF (a PDF has no limit)
  uint64_t max_image_pixels = 100'000'000;  // one image, width × height, checked before decoding
  double max_page_seconds = 120;            // Poppler reading or drawing one PDF page
  // A ZIP archive dropped as a file (ExpandZip). Its files may together
  // expand to archive_expanded_ratio times the archive's size, but never
  // less than archive_expanded_floor nor more than max_archive_expanded:
  // scans and photos hardly compress, so a real archive stays far below the
  // ratio, while a small archive of large padded entries does not.
  int max_archive_entries = 1000;
  uint64_t max_archive_expanded = 256ull << 20;
  uint64_t archive_expanded_floor = 32ull << 20;
  double archive_expanded_ratio = 50.0;
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

// Expands a ZIP archive that was dropped as a file. Each entry gets the
// limits of a dropped file (max_file_bytes, and the compression ratio of a
// DOCX package's entries); the archive as a whole at most
// max_archive_entries entries and the expanded size described at
// ExtractLimits, checked from the central directory before anything is
// inflated and again while inflating. Unsafe entry names are refused.
// Folder entries are left out; entries are in the archive's order.
// On failure the whole archive is refused with its code and reason
// (archive_too_large, archive_duplicate_names for two entries whose names
// differ only in case or in / versus \, zip_bomb, unsafe_archive,
// encrypted_archive, damaged): a partly expanded archive would hide the rest
// from the clerk.
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

// ReadPdf for the pages first_page..last_page only (from 1, inclusive; a
// last_page of 0 is the file's last), as ReadPdf reads each of them: the
// pages keep their numbers, and the parts of a file read so and joined in
// page order (AppendDocument) are the document ReadPdf gives. A page job of a
// large scan reads so (docs/capacity.md). The file's own warnings (a rebuilt
// cross-reference table) come with the part that holds page 1; the rules for
// a whole file (no page read: rejected; warnings capped) apply to the pages
// asked for.
// On failure: as ReadPdf; InvalidInput for a range outside the file's pages.
// Thread-safe: yes (as ReadPdf).
Result<Document> ReadPdfPages(std::string_view bytes, int first_page, int last_page,
                              const ExtractLimits& limits = {});

// How many pages a PDF has: Poppler opens it, nothing is read or drawn
// (whether a large scan is split into page jobs, docs/capacity.md).
// On failure: as ReadPdf opening the file.
// Thread-safe: yes.
Result<int> PdfPageCount(std::string_view bytes, const ExtractLimits& limits = {});

// A page range of a PDF whose reader refused it (none of its pages could be
// read) or that was given up on: each page not read, with `reason`, as ReadPdf
// keeps a page it could not read (its size unknown: 0 × 0).
Document PdfPagesNotRead(int first_page, int last_page, const std::string& reason);

// Joins the page ranges of one PDF (ReadPdfPages, or PdfPagesNotRead, in page
// order) and applies the rules ReadPdf applies to a whole file: when no page
// could be read, the file is refused (damaged, with the first page's
// reason); the warnings are capped once more. A range refused because OCR
// was unavailable counts here as pages not read (a whole read would say
// OCR was unavailable instead).
// Thread-safe: yes.
Result<Document> JoinPdfPages(std::vector<Document> parts, const ExtractLimits& limits = {});

// Reads a JPEG, PNG or TIFF (every page of a multi-page TIFF) with OCR. Boxes
// are in pixels of the image as displayed, after its EXIF orientation is
// applied. The pixel count the header declares is checked against
// limits.max_image_pixels before anything is decoded.
// On failure: "the image is 30000 × 20000 pixels (600 megapixels), more than
// the limit of 100 megapixels", "the image is damaged or truncated and could
// not be decoded", "the image format is not JPEG, PNG or TIFF".
// Thread-safe: yes (as ReadPdf).
Result<Document> ReadImage(std::string_view bytes, const ExtractLimits& limits = {});

// Reads a file whose type was sniffed from its bytes (FileTypeName in common/file_type.h:
// "docx", "xlsx", "pdf", ...). Types this build does not read give an
// Unsupported status that says so in plain words. The file's name never
// decides how it is read; it only words the reason for a damaged file.
Result<Document> ExtractFile(std::string_view type, std::string_view bytes, std::string_view name,
                             const ExtractLimits& limits = {});

// Loads the module that reading a file of `type` (as ExtractFile's) needs:
// Poppler for a PDF, OCR for an image, GMime for a mail ("eml"). Readers
// load their module themselves on first use; a process that forks a reader
// per file calls this first, so that every child starts with the module
// instead of loading it again. Nothing for other types.
// On failure: module_missing (the reader will say so too).
// Thread-safe: yes.
Status LoadReaderFor(std::string_view type);

}  // namespace dossier
