// XLSX reader, and normalize on whatever it reads.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "dossier/extract/extractor.h"
#include "dossier/normalize/analysis.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  dossier::ExtractLimits limits;
  limits.max_total_uncompressed = 32ull << 20;
  limits.max_entry_uncompressed = 16ull << 20;
  auto doc = dossier::ReadXlsx(std::string_view(reinterpret_cast<const char*>(data), size), limits);
  if (doc.ok()) dossier::norm::Analyze(*doc);
  return 0;
}
