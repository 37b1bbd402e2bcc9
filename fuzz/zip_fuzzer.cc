// Expansion of dropped ZIP archives (the limits of DOCX packages).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "dossier/extract/extractor.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  dossier::ExtractLimits limits;
  limits.max_total_uncompressed = 32ull << 20;
  limits.max_entry_uncompressed = 16ull << 20;
  auto members =
      dossier::ExpandZip(std::string_view(reinterpret_cast<const char*>(data), size), limits);
  (void)members;
  return 0;
}
