// Entry point of the extract stage: bytes of a file of a known type → Document.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

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

// Reads a file whose type was sniffed from its bytes (ingest's FileTypeName:
// "docx", "xlsx", "pdf", ...). Types this build does not read give an
// Unsupported status that says so in plain words. The file's name never
// decides how it is read; it only words the reason for a damaged file.
Result<Document> ExtractFile(std::string_view type, std::string_view bytes, std::string_view name,
                             const ExtractLimits& limits = {});

}  // namespace dossier
