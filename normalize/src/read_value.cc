#include "read_value.h"

#include "dossier/common/text.h"
#include "dossier/normalize/credit_code.h"
#include "label_text.h"

namespace dossier::norm {

namespace {

bool HasCjk(std::string_view s) {
  for (char32_t c : text::ToU32(s))
    if (c >= 0x4E00 && c <= 0x9FFF) return true;
  return false;
}

bool IsSpeck(char32_t c) {
  return std::u32string_view(U"|‖¦!！」「“”\"'`‘’_~^、。，,.:：;；").find(c) != std::u32string_view::npos ||
         text::IsSpace(c);
}

// A cell's border or a speck read as a line of its own ("1", "|") or as
// marks in front of a value ("”淄博…", "|  济南…"): not part of the value.
// Marks at the end stay: a scope ends with its "。".
std::string WithoutOcrSpecks(std::string_view raw) {
  std::string out;
  for (const std::string& line : text::Split(raw, U'\n')) {
    std::u32string u = text::ToU32(line);
    size_t b = 0;
    while (b < u.size() && IsSpeck(u[b])) ++b;
    std::string kept = text::Trim(text::ToUtf8(std::u32string_view(u).substr(b)));
    if (!HasCjk(kept) && text::ToU32(StripOcrEdgeNoise(kept)).size() <= 2) continue;
    if (!out.empty()) out += '\n';
    out += kept;
  }
  return out;
}

}  // namespace

Normalized NormalizeAsRead(ValueType type, std::string_view raw, const Document& doc,
                           int span_id) {
  const bool ocr = span_id >= 0 && static_cast<size_t>(span_id) < doc.spans.size() &&
                   doc.spans[span_id].method == ReadMethod::kOcr;
  if (ocr && (type == ValueType::kText || type == ValueType::kPerson) && HasCjk(raw))
    return NormalizeValue(type, WithoutOcrSpecks(raw));
  Normalized n = NormalizeValue(type, raw);
  if (!ocr || type != ValueType::kCreditCode || n.state == ValueState::kDeclaredNone) return n;
  if (n.state == ValueState::kValue && IsValidCreditCode(n.value.get<std::string>())) return n;
  if (std::optional<std::string> repaired = RepairOcrCreditCode(raw)) {
    n.state = ValueState::kValue;
    n.value = *repaired;
    n.note.clear();
  }
  return n;
}

}  // namespace dossier::norm
