// The XML parser every OOXML part goes through (DOCTYPE refused, no entities,
// no network), and a walk over what it builds.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "safe_xml.h"

namespace {

void Walk(const xmlNode* node, int depth, std::string& text) {
  using namespace dossier::extract_internal;
  if (node == nullptr || depth > 512) return;
  dossier::extract_internal::AppendText(node, text);
  (void)LocalName(node);
  (void)NamespaceUri(node);
  (void)Attr(node, "", "val");
  for (const xmlNode* child : Elements(node)) Walk(child, depth + 1, text);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto doc = dossier::extract_internal::ParseXml(
      std::string_view(reinterpret_cast<const char*>(data), size), "word/document.xml");
  if (doc.ok()) {
    std::string text;
    Walk(doc->Root(), 0, text);
  }
  return 0;
}
