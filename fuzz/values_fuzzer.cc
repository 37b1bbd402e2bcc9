// Every value normalizer on the same raw text, and the checks they feed.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "dossier/normalize/credit_code.h"
#include "dossier/normalize/values.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using dossier::norm::ValueType;
  const std::string_view raw(reinterpret_cast<const char*>(data), size);
  for (int t = static_cast<int>(ValueType::kText); t <= static_cast<int>(ValueType::kDate); ++t) {
    dossier::norm::Normalized n = dossier::norm::NormalizeValue(static_cast<ValueType>(t), raw);
    if (n.state != dossier::norm::ValueState::kValue) continue;
    (void)n.value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    if (t == static_cast<int>(ValueType::kCreditCode) && n.value.is_string()) {
      (void)dossier::norm::IsValidCreditCode(n.value.get<std::string>());
    }
  }
  (void)dossier::norm::IsDeclaredNone(raw);
  return 0;
}
