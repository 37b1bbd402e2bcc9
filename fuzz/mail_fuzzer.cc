// Saved mails (.eml) through GMime: headers, MIME structure, names, charsets.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "dossier/extract/mail.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto mail = dossier::ExpandMail(std::string_view(reinterpret_cast<const char*>(data), size));
  (void)mail;
  return 0;
}
