// The isolated reader's answer as the parent decodes it (dossier/jobs/child_codec.h):
// the child runs the parsers on untrusted files, so whatever it sends back
// must be refused cleanly, not crash or exhaust the parent. The first byte
// picks the decoder, so that one corpus covers all of them.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "dossier/jobs/child_codec.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 3) {
    case 0: {
      dossier::Document doc;
      std::vector<dossier::norm::DocumentPart> parts;
      (void)dossier::DecodeExtraction(bytes, &doc, &parts);
      // A page job's answer is an extraction's document alone: the same
      // inputs reach its decoder.
      (void)dossier::DecodeDocument(bytes);
      break;
    }
    case 1: {
      dossier::MailContents mail;
      std::vector<dossier::norm::DocumentPart> letter;
      (void)dossier::DecodeMail(bytes, &mail, &letter);
      break;
    }
    default:
      (void)dossier::DecodeMembers(bytes);
  }
  return 0;
}
